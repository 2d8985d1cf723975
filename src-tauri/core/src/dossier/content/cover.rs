//! The cover: case, victim, reference numbers, when and by whom it was made, page count.

use super::*;

pub(super) fn cover(
    flow: &mut Flow<'_>,
    data: &Data,
    options: &DossierOptions,
    total: Option<&(usize, BTreeSet<char>)>,
) {
    let d = &data.case.details;
    flow.page_bookmark("Cover");
    flow.space(40.0);
    flow.paragraph(
        "Fraud case dossier",
        Style::new(crate::dossier::fonts::Face::Bold, 24.0).color(Color::Blue),
    );
    flow.paragraph(&data.case.title, H1);
    flow.space(14.0);
    let pages = total.map(|t| t.0.to_string()).unwrap_or_else(|| "…".into());
    flow.key_values(&[
        kv("Victim", or_none(&d.victim_name)),
        kv("Contact", or_none(&d.victim_contact)),
        kv("Police report no.", or_none(&d.police_report_no)),
        kv("Bank claim no.", or_none(&d.bank_claim_no)),
        kv("Other complaint id", or_none(&d.complaint_id)),
        kv("Case status", or_none(data.case.status.label())),
        kv(
            "Generated",
            format!(
                "{} — times in this dossier are in {} unless marked",
                data.local(&data.generated_at.to_rfc3339()),
                data.zone()
            ),
        ),
        kv("Prepared by", or_none(&options.prepared_by)),
        kv("Pages", pages),
    ]);
    flow.space(10.0);
    flow.paragraph("Contents", H2);
    let omitted = |title: &str| {
        Section::ALL
            .iter()
            .any(|s| s.label() == title && options.omit.contains(s))
            || (title == Section::Chats.label() && data.chats.is_empty())
            || (title == Section::MoneyTrail.label()
                && (data.trail.is_none() || data.transfers.is_empty()))
    };
    for s in SECTIONS.iter().filter(|s| !omitted(s)) {
        flow.paragraph(&format!("•  {s}"), BODY);
    }
    flow.space(10.0);
    flow.paragraph(
        "Every evidence item is listed with the SHA-256 fingerprint of its original file, taken when it was added to the case; the chain of custody at the end lists every change, each entry sealed with the hash of the one before. Amounts are exact as entered.",
        SMALL.color(Color::Grey),
    );
    if let Some((_, missing)) = total {
        if !missing.is_empty() {
            let sample: String = missing.iter().take(20).collect();
            flow.paragraph(
                &format!("Note: {} character(s) in this case ({sample}) could not be printed because no font on this computer has them; they are shown as “?”. Installing a Chinese/Japanese/Korean font (e.g. the package fonts-droid-fallback or fonts-noto-cjk) and exporting again fixes this. The case file itself is unaffected.", missing.len()),
                SMALL.color(Color::Red),
            );
        }
    }
}
