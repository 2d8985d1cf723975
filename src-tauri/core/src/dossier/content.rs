//! What the dossier says, section by section, laid out into pages.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::fonts::Fonts;
use super::layout::{
    Cell, Color, Column, Flow, Page, Row, Style, BODY, H1, H2, LABEL, MONO, SMALL,
};
use super::render::{Frame, Meta};
use super::{DossierOptions, Section, Variant};
use crate::model::*;
use crate::time::in_zone;
use crate::validate::identifier::IdentifierKind;
use crate::{CoreError, Result, Store};

/// Block-explorer links for transfers.
pub struct Lists;

impl Lists {
    /// The explorer page of a transfer's transaction hash, for crypto transfers with a hash.
    pub fn explorer_tx(&self, t: &Transfer) -> Option<String> {
        let net = t.network?;
        (!t.reference.trim().is_empty() && t.method == TransferMethod::CryptoTransfer)
            .then(|| net.explorer_tx_url(t.reference.trim()))
    }
}

/// Everything read from the store for one dossier.
pub struct Data {
    pub case: Case,
    pub transfers: Vec<Transfer>,
    pub subjects: Vec<Subject>,
    pub loose_identifiers: Vec<Identifier>,
    pub evidence: Vec<Evidence>,
    pub timeline: Vec<TimelineEntry>,
    pub summary: LossSummary,
    pub audit: Vec<AuditEntry>,
    pub audit_report: AuditReport,
    pub generated_at: DateTime<Utc>,
    pub lists: Lists,
}

impl Data {
    pub fn gather(
        store: &Store,
        case_id: i32,
        options: &DossierOptions,
        generated_at: DateTime<Utc>,
    ) -> Result<Data> {
        let case = store.get_case(case_id)?;
        let mut transfers = store.list_transfers(case_id)?;
        let mut evidence = store.list_evidence(case_id)?;
        if let Variant::Bank { institution } = &options.variant {
            let name = institution.trim().to_lowercase();
            if name.is_empty() {
                return Err(CoreError::invalid(
                    "institution",
                    "Type the name of the bank or exchange the letter is for.",
                ));
            }
            transfers.retain(|t| {
                [
                    &t.beneficiary_bank,
                    &t.from_account,
                    &t.beneficiary_name,
                    &t.notes,
                    &t.reference,
                ]
                .iter()
                .any(|f| f.to_lowercase().contains(&name))
            });
            if transfers.is_empty() {
                return Err(CoreError::invalid(
                    "institution",
                    format!("No transfer in this case names \"{}\" as its bank, account or beneficiary. Check the spelling as it is written in the transfers, or make the police dossier instead.", institution.trim()),
                ));
            }
            let linked: BTreeSet<i32> = transfers
                .iter()
                .flat_map(|t| t.evidence_ids.iter().copied())
                .collect();
            evidence.retain(|e| linked.contains(&e.id));
        }
        let summary = crate::store::summarize(&transfers, &case.details.reporting_currency);
        let mut timeline = Vec::new();
        let mut query = TimelineQuery {
            kinds: vec![],
            text: String::new(),
            offset: 0,
            limit: 1000,
        };
        loop {
            let page = store.timeline(case_id, &query)?;
            let n = page.entries.len() as u32;
            timeline.extend(page.entries);
            query.offset += n;
            if n == 0 || query.offset >= page.total {
                break;
            }
        }
        let subjects = store.list_subjects(case_id)?;
        let loose_identifiers = store
            .list_identifiers(case_id)?
            .into_iter()
            .filter(|i| i.subject_id.is_none())
            .collect();
        Ok(Data {
            audit: store.audit_log(Some(case_id))?,
            audit_report: store.verify_audit_chain()?,
            case,
            transfers,
            subjects,
            loose_identifiers,
            evidence,
            timeline,
            summary,
            generated_at,
            lists: Lists,
        })
    }

    fn zone(&self) -> &str {
        &self.case.details.time_zone
    }

    /// A UTC time in the case's zone with its offset: "2026-03-14 09:30 (UTC+08:00)".
    fn local(&self, utc: &str) -> String {
        let (local, offset, _) = in_zone(utc, self.zone());
        format!("{local} (UTC{})", offset_label(offset))
    }
}

fn offset_label(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// The laid-out dossier, before drawing.
pub struct Built {
    pub pages: Vec<Page>,
    /// (evidence id, printed width, printed height) of each image, by image index.
    pub images: Vec<(i32, f32, f32)>,
    pub frame: Frame,
    pub meta: Meta,
}

const SECTIONS: [&str; 7] = [
    "Summary",
    Section::Statement.label(),
    Section::Timeline.label(),
    "Transfers",
    Section::Subjects.label(),
    Section::Evidence.label(),
    Section::Custody.label(),
];

fn kv(label: &str, value: impl Into<String>) -> (String, Cell, Style) {
    (label.to_string(), Cell::from(value.into()), BODY)
}

fn kv_mono(label: &str, value: impl Into<String>) -> (String, Cell, Style) {
    (label.to_string(), Cell::from(value.into()), MONO)
}

fn or_none(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.trim().to_string()
    }
}

/// Lays the whole dossier out. The page count printed on the cover needs the layout itself, so
/// the layout runs twice; it is deterministic, so the second run has the same pages.
pub fn build(
    fonts: &Fonts,
    data: &Data,
    options: &DossierOptions,
    csv_hashes: Option<&(String, String)>,
) -> Built {
    let first = lay_out(fonts, data, options, csv_hashes, None);
    let missing = missing_chars(fonts, &first.0);
    let (pages, images) = lay_out(
        fonts,
        data,
        options,
        csv_hashes,
        Some((first.0.len(), missing)),
    );
    let d = &data.case.details;
    let reference = [
        ("Police ref.", &d.police_report_no),
        ("Bank claim", &d.bank_claim_no),
        ("Complaint", &d.complaint_id),
    ]
    .iter()
    .find(|(_, v)| !v.trim().is_empty())
    .map(|(l, v)| format!("{l} {}", v.trim()))
    .unwrap_or_else(|| format!("Casefile case {}", data.case.id));
    let kind = match &options.variant {
        Variant::Police => "Fraud case dossier".to_string(),
        Variant::Bank { institution } => format!("Letter to {}", institution.trim()),
    };
    Built {
        pages,
        images,
        frame: Frame {
            header_left: format!("{kind} · {}", data.case.title),
            header_right: reference,
            footer_left: format!("Generated {} by Casefile · Confidential: personal data", data.local(&data.generated_at.to_rfc3339())),
        },
        meta: Meta {
            title: format!("{kind}: {}", data.case.title),
            author: if options.prepared_by.trim().is_empty() { "Casefile".into() } else { options.prepared_by.trim().to_string() },
            subject: "Online fraud: transfers, identifiers of the suspects, evidence with SHA-256, chain of custody".into(),
            created_unix: data.generated_at.timestamp(),
        },
    }
}

fn missing_chars(fonts: &Fonts, pages: &[Page]) -> BTreeSet<char> {
    let mut missing = BTreeSet::new();
    for item in pages.iter().flat_map(|p| p.items.iter()) {
        if let super::layout::Item::Text { style, text, .. } = item {
            fonts.runs(style.face, text, &mut missing);
        }
    }
    missing
}

type Pass = (Vec<Page>, Vec<(i32, f32, f32)>);

fn lay_out(
    fonts: &Fonts,
    data: &Data,
    options: &DossierOptions,
    csv_hashes: Option<&(String, String)>,
    total: Option<(usize, BTreeSet<char>)>,
) -> Pass {
    let mut flow = Flow::new(fonts);
    let mut images = Vec::new();
    match &options.variant {
        Variant::Police => {
            let has = |s: Section| !options.omit.contains(&s);
            cover(&mut flow, data, options, total.as_ref());
            summary(&mut flow, data);
            if has(Section::Statement) {
                statement(&mut flow, data);
            }
            if has(Section::Timeline) {
                timeline(&mut flow, data);
            }
            flow.section(SECTIONS[3]);
            transfers(&mut flow, data);
            if has(Section::Subjects) {
                subjects(&mut flow, data);
            }
            if has(Section::Evidence) {
                evidence(&mut flow, data, options, &mut images);
            }
            if has(Section::Custody) {
                custody(&mut flow, data, csv_hashes);
            }
        }
        Variant::Bank { institution } => {
            letter(&mut flow, data, options, institution.trim(), csv_hashes);
        }
    }
    (flow.pages, images)
}

fn cover(
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
        Style::new(super::fonts::Face::Bold, 24.0).color(Color::Blue),
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

fn summary(flow: &mut Flow<'_>, data: &Data) {
    let s = &data.summary;
    flow.section(SECTIONS[0]);
    let r = &s.in_reporting_currency;
    flow.paragraph(
        &format!(
            "Net loss: {} {}  (paid out {}, received back {}, recovered {}), over {} transfer(s).",
            r.net_loss, s.reporting_currency, r.paid_out, r.received, r.recovered, s.transfers
        ),
        Style::new(super::fonts::Face::Bold, 11.0),
    );
    if s.transfers_without_rate > 0 {
        flow.paragraph(
            &format!("{} transfer(s) in other currencies have no exchange rate and are not included in the total above; see the per-currency totals.", s.transfers_without_rate),
            SMALL,
        );
    }
    let cols = [
        Column::new("Currency", 2.2, BODY),
        Column::new("Paid out", 2.0, BODY),
        Column::new("Received", 2.0, BODY),
        Column::new("Recovered", 2.0, BODY),
        Column::new("Net loss", 2.0, BODY),
        Column::new("Transfers", 1.2, BODY),
    ];
    let rows: Vec<Row> = s
        .per_currency
        .iter()
        .map(|c| Row {
            cells: vec![
                format!(
                    "{}{}",
                    c.currency,
                    c.network
                        .map(|n| format!(" ({})", n.label()))
                        .unwrap_or_default()
                )
                .into(),
                c.paid_out.clone().into(),
                c.received.clone().into(),
                c.recovered.clone().into(),
                c.net_loss.clone().into(),
                c.transfers.to_string().into(),
            ],
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        flow.table(&cols, &rows);
    }
    let first_contact = data
        .timeline
        .iter()
        .find(|e| e.kind == "first_contact")
        .or(data.timeline.first())
        .map(|e| data.local(&e.at_utc))
        .unwrap_or_else(|| "—".into());
    let last = data
        .timeline
        .last()
        .map(|e| data.local(&e.at_utc))
        .unwrap_or_else(|| "—".into());
    let identifiers: usize = data
        .subjects
        .iter()
        .map(|s| s.identifiers.len())
        .sum::<usize>()
        + data.loose_identifiers.len();
    flow.key_values(&[
        kv("First contact", first_contact),
        kv("Last recorded", last),
        kv(
            "First / last transfer",
            format!(
                "{} / {}",
                s.first_transfer_at
                    .as_deref()
                    .map(|t| data.local(t))
                    .unwrap_or_else(|| "—".into()),
                s.last_transfer_at
                    .as_deref()
                    .map(|t| data.local(t))
                    .unwrap_or_else(|| "—".into())
            ),
        ),
        kv(
            "Recorded",
            format!(
                "{} transfers, {} subjects, {} identifiers, {} evidence items, {} timeline entries",
                s.transfers,
                data.subjects.len(),
                identifiers,
                data.evidence.len(),
                data.timeline.len()
            ),
        ),
        kv("Platforms", {
            let p: Vec<&str> = data
                .subjects
                .iter()
                .filter(|s| s.kind == SubjectKind::Platform)
                .map(|s| s.name.as_str())
                .collect();
            if p.is_empty() {
                "—".into()
            } else {
                p.join(", ")
            }
        }),
    ]);
    let all: Vec<(&Identifier, &str)> = data
        .subjects
        .iter()
        .flat_map(|s| s.identifiers.iter().map(move |i| (i, s.name.as_str())))
        .chain(data.loose_identifiers.iter().map(|i| (i, "")))
        .collect();
    let rank = |i: &Identifier| match i.kind {
        IdentifierKind::CryptoWallet if i.is_exchange_deposit => 0,
        IdentifierKind::CryptoWallet | IdentifierKind::BankAccount => 1,
        IdentifierKind::Phone | IdentifierKind::Whatsapp | IdentifierKind::Telegram => 2,
        IdentifierKind::Website => 3,
        _ => 4,
    };
    let mut top: Vec<_> = all.into_iter().filter(|(i, _)| rank(i) < 4).collect();
    top.sort_by_key(|(i, _)| rank(i));
    if !top.is_empty() {
        flow.heading("Main identifiers");
        let cols = [
            Column::new("Kind", 2.2, BODY),
            Column::new("Identifier", 6.0, MONO),
            Column::new("Of", 2.0, BODY),
        ];
        let rows: Vec<Row> = top
            .iter()
            .take(14)
            .map(|(i, who)| Row {
                cells: vec![
                    i.kind.label().into(),
                    i.display.clone().into(),
                    (*who).into(),
                ],
                details: if i.is_exchange_deposit {
                    vec![(
                        SMALL.color(Color::Green),
                        "Exchange deposit address — the exchange may be able to freeze funds here."
                            .into(),
                    )]
                } else {
                    vec![]
                },
                highlight: i.is_exchange_deposit,
            })
            .collect();
        flow.table(&cols, &rows);
    }
}

fn statement(flow: &mut Flow<'_>, data: &Data) {
    flow.section(SECTIONS[1]);
    let text = data.case.details.statement.trim();
    if text.is_empty() {
        flow.paragraph(
            "No statement was written in the case.",
            BODY.color(Color::Grey),
        );
    } else {
        flow.paragraph(text, Style::new(super::fonts::Face::Sans, 10.0));
    }
}

fn link_refs(links: &[Link]) -> String {
    if links.is_empty() {
        return String::new();
    }
    let refs: Vec<String> = links
        .iter()
        .map(|l| {
            let p = match l.kind {
                LinkKind::Subject => "S",
                LinkKind::Identifier => "I",
                LinkKind::Transfer => "T",
                LinkKind::Evidence => "V",
            };
            format!("{p}-{}", l.id)
        })
        .collect();
    format!("See {}.", refs.join(", "))
}

fn timeline(flow: &mut Flow<'_>, data: &Data) {
    flow.section(SECTIONS[2]);
    flow.paragraph(
        &format!(
            "Times in {}; where the source recorded another offset, it is given too.",
            data.zone()
        ),
        SMALL.color(Color::Grey),
    );
    if data.timeline.is_empty() {
        flow.paragraph("Nothing on the timeline.", BODY);
        return;
    }
    let cols = [
        Column::new("When", 2.6, SMALL),
        Column::new("What", 2.2, SMALL),
        Column::new("Details", 7.0, SMALL),
    ];
    let rows: Vec<Row> = data
        .timeline
        .iter()
        .map(|e| {
            let mut when = e.case_local.clone();
            if e.recorded_offset_minutes != e.case_offset_minutes {
                when.push_str(&format!(" (recorded {})", e.recorded.replace('T', " ")));
            }
            let prefix = match e.source {
                TimelineSource::Event => format!("E-{}", e.id),
                TimelineSource::Transfer => format!("T-{}", e.id),
                TimelineSource::Evidence => format!("V-{}", e.id),
            };
            let details = [
                format!("{prefix}: {}", e.title),
                e.detail.trim().to_string(),
                link_refs(&e.links),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" — ");
            Row {
                cells: vec![when.into(), e.kind_label.clone().into(), details.into()],
                ..Default::default()
            }
        })
        .collect();
    flow.table(&cols, &rows);
}

/// A full-width mono line (an address or a hash, never broken), and below it its explorer
/// link as text; both clickable.
fn linked_detail(details: &mut Vec<(Style, Cell)>, text: String, url: Option<String>) {
    details.push((
        MONO,
        Cell {
            text,
            link: url.clone(),
        },
    ));
    if let Some(u) = url {
        details.push((
            SMALL.color(Color::Blue),
            Cell {
                text: u.clone(),
                link: Some(u),
            },
        ));
    }
}

/// The transfers table (also used by the bank letter).
fn transfers(flow: &mut Flow<'_>, data: &Data) {
    if data.transfers.is_empty() {
        flow.paragraph("No transfers recorded.", BODY);
        return;
    }
    let cols = [
        Column::new("#", 0.8, SMALL),
        Column::new("When (as recorded)", 2.4, SMALL),
        Column::new("Amount", 2.3, SMALL),
        Column::new("Method / paid from", 2.3, SMALL),
        Column::new("Beneficiary", 3.2, SMALL),
        Column::new("Status", 1.4, SMALL),
    ];
    let rows: Vec<Row> = data
        .transfers
        .iter()
        .map(|t| {
            let amount = format!(
                "{} {} {}{}{}",
                t.direction.label(),
                t.amount,
                t.currency,
                t.network
                    .map(|n| format!(" on {}", n.label()))
                    .unwrap_or_default(),
                t.exchange_rate
                    .as_ref()
                    .map(|r| format!(" (rate {r})"))
                    .unwrap_or_default()
            );
            let beneficiary = [
                t.beneficiary_name.as_str(),
                t.beneficiary_bank.as_str(),
                t.beneficiary_account.as_str(),
                t.beneficiary_bic.as_str(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
            let mut details: Vec<(Style, Cell)> = Vec::new();
            if !t.beneficiary_wallet.is_empty() {
                let net = t.network.map(|n| n.label()).unwrap_or("network not given");
                let url = t
                    .network
                    .map(|n| n.explorer_address_url(&t.beneficiary_wallet));
                linked_detail(
                    &mut details,
                    format!("Wallet ({net}): {}", t.beneficiary_wallet),
                    url,
                );
                if t.wallet_is_exchange_deposit {
                    details.push((
                        SMALL.color(Color::Green),
                        "Exchange deposit address — a freeze may be possible at this exchange."
                            .into(),
                    ));
                }
            }
            if !t.reference.is_empty() {
                let url = data.lists.explorer_tx(t);
                let label = if url.is_some() {
                    "Tx hash"
                } else {
                    "Reference"
                };
                linked_detail(&mut details, format!("{label}: {}", t.reference), url);
            }
            if !t.evidence_ids.is_empty() {
                details.push((
                    SMALL,
                    format!(
                        "Evidence: {}",
                        t.evidence_ids
                            .iter()
                            .map(|i| format!("V-{i}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                    .into(),
                ));
            }
            if !t.notes.trim().is_empty() {
                details.push((SMALL, format!("Notes: {}", t.notes.trim()).into()));
            }
            for w in &t.warnings {
                details.push((SMALL.color(Color::Red), format!("Warning: {w}").into()));
            }
            Row {
                cells: vec![
                    format!("T-{}", t.id).into(),
                    t.occurred.recorded.replace('T', " ").into(),
                    amount.into(),
                    format!(
                        "{}{}",
                        t.method.label(),
                        if t.from_account.is_empty() {
                            String::new()
                        } else {
                            format!(", from {}", t.from_account)
                        }
                    )
                    .into(),
                    beneficiary.into(),
                    t.status.label().into(),
                ],
                details,
                highlight: t.wallet_is_exchange_deposit,
            }
        })
        .collect();
    flow.table(&cols, &rows);
    let s = &data.summary;
    flow.heading("Totals");
    let mut lines: Vec<(String, Cell, Style)> = s
        .per_currency
        .iter()
        .map(|c| {
            kv(
                &format!(
                    "{}{}",
                    c.currency,
                    c.network
                        .map(|n| format!(" ({})", n.label()))
                        .unwrap_or_default()
                ),
                format!(
                    "paid out {}, received {}, recovered {} — net loss {}",
                    c.paid_out, c.received, c.recovered, c.net_loss
                ),
            )
        })
        .collect();
    lines.push(kv(
        &format!("In {}", s.reporting_currency),
        format!(
            "net loss {} (transfers without an exchange rate not included: {})",
            s.in_reporting_currency.net_loss, s.transfers_without_rate
        ),
    ));
    flow.key_values(&lines);
}

fn subjects(flow: &mut Flow<'_>, data: &Data) {
    flow.section(SECTIONS[4]);
    let cols = [
        Column::new("Kind", 2.0, SMALL),
        Column::new("Identifier", 5.5, MONO),
        Column::new("Notes", 3.5, SMALL),
    ];
    let row = |i: &Identifier| {
        let mut notes = Vec::new();
        if let Some(n) = i.network {
            notes.push(n.label().to_string());
        }
        if !i.bank_name.is_empty() {
            notes.push(i.bank_name.clone());
        }
        if i.is_exchange_deposit {
            notes.push("exchange deposit address".into());
        }
        for c in &i.other_cases {
            notes.push(format!("also in case {} ({})", c.id, c.title));
        }
        let mut details = Vec::new();
        if i.display != i.value.trim() {
            details.push((
                SMALL.color(Color::Grey),
                format!("As written: {}", i.value).into(),
            ));
        }
        for w in &i.warnings {
            details.push((SMALL.color(Color::Red), format!("Warning: {w}").into()));
        }
        Row {
            cells: vec![
                format!("I-{} {}", i.id, i.kind.label()).into(),
                i.display.clone().into(),
                notes.join("; ").into(),
            ],
            details,
            highlight: i.is_exchange_deposit,
        }
    };
    if data.subjects.is_empty() && data.loose_identifiers.is_empty() {
        flow.paragraph("No subjects or identifiers recorded.", BODY);
    }
    for s in &data.subjects {
        flow.heading(&format!("S-{} {} — {}", s.id, s.name, s.kind.label()));
        if !s.description.trim().is_empty() {
            flow.paragraph(s.description.trim(), BODY);
        }
        if s.identifiers.is_empty() {
            flow.paragraph("No identifiers recorded.", SMALL);
        } else {
            flow.table(&cols, &s.identifiers.iter().map(row).collect::<Vec<_>>());
        }
    }
    if !data.loose_identifiers.is_empty() {
        flow.heading("Identifiers not linked to a subject");
        flow.table(
            &cols,
            &data.loose_identifiers.iter().map(row).collect::<Vec<_>>(),
        );
    }
}

fn source_label(s: CaptureTimeSource) -> &'static str {
    match s {
        CaptureTimeSource::Exif => "from the file's EXIF data",
        CaptureTimeSource::ExifNoOffset => {
            "from EXIF data without a time zone, read in the case's zone"
        }
        CaptureTimeSource::FileModified => {
            "the file's last-modified time (may be when it was copied)"
        }
        CaptureTimeSource::User => "entered by hand",
        CaptureTimeSource::Unknown => "unknown",
    }
}

fn evidence(
    flow: &mut Flow<'_>,
    data: &Data,
    options: &DossierOptions,
    images: &mut Vec<(i32, f32, f32)>,
) {
    flow.section(SECTIONS[5]);
    if data.evidence.is_empty() {
        flow.paragraph("No evidence items in the case.", BODY);
        return;
    }
    flow.paragraph(
        "Each item below is kept in its original form in the encrypted case file. The SHA-256 fingerprint identifies the original exactly: a copy with the same fingerprint is the same file. Pictures are printed at reduced resolution.",
        SMALL.color(Color::Grey),
    );
    for (n, e) in data.evidence.iter().enumerate() {
        if n > 0 {
            flow.new_page();
        }
        flow.heading(&format!("V-{} · {}", e.id, e.file_name));
        let captured = e
            .captured
            .as_ref()
            .map(|m| {
                format!(
                    "{} — {}",
                    m.recorded.replace('T', " "),
                    source_label(e.capture_time_source)
                )
            })
            .unwrap_or_else(|| "unknown".into());
        flow.key_values(&[
            kv("Caption", or_none(&e.caption)),
            kv("Captured", captured),
            kv("Added to the case", e.intake_at.replace('T', " ")),
            kv(
                "Type and size",
                format!(
                    "{}, {} bytes{}",
                    e.media_type,
                    e.size_bytes,
                    e.width
                        .map(|w| format!(", {w}×{} pixels", e.height.unwrap_or(0)))
                        .unwrap_or_default()
                ),
            ),
            kv_mono("SHA-256", e.sha256.clone()),
        ]);
        let picture = e.has_preview
            && !options.without_images
            && (crate::evidence::displayable(&e.media_type) || e.media_type == "image/tiff");
        match (picture, e.width, e.height) {
            (true, Some(w), Some(h)) => {
                let max_h = flow.room().clamp(300.0, 560.0);
                let index = images.len();
                let (bw, bh) = flow.image(index, w, h, max_h);
                images.push((e.id, bw, bh));
            }
            _ => flow.paragraph(
                &format!("{} The original file can be obtained from the person who prepared this dossier; check it against the SHA-256 above.", if e.preview_note.is_empty() { "Not printed.".to_string() } else { e.preview_note.clone() }),
                SMALL,
            ),
        }
    }
}

fn custody(flow: &mut Flow<'_>, data: &Data, csv_hashes: Option<&(String, String)>) {
    flow.section(SECTIONS[6]);
    flow.paragraph(
        "Every change to the case is recorded in an append-only log. Each entry's SHA-256 covers the entry and the hash of the entry before it, so removing or altering any entry breaks every hash after it. The hash at the head of the chain identifies the whole history. To check it, open the case in Casefile and choose “Verify integrity”, or run: casefile verify CASE-ID.",
        BODY,
    );
    let status = match &data.audit_report.problem {
        None => "Intact: every entry verified when this dossier was generated.".to_string(),
        Some(p) => format!("NOT intact: entry {} — {}", p.entry_id, p.reason),
    };
    let mut rows = vec![
        kv(
            "Entries (whole file)",
            data.audit_report.entries.to_string(),
        ),
        kv_mono("Head of the chain", data.audit_report.head_hash.clone()),
        kv("Chain", status),
    ];
    if let Some((t, i)) = csv_hashes {
        rows.push(kv_mono("transfers.csv SHA-256", t.clone()));
        rows.push(kv_mono("identifiers.csv SHA-256", i.clone()));
    }
    flow.key_values(&rows);
    let cols = [
        Column::new("#", 0.8, SMALL),
        Column::new("Time (UTC)", 2.6, SMALL),
        Column::new("Action", 1.4, SMALL),
        Column::new("What", 7.0, SMALL),
    ];
    let rows: Vec<Row> = data
        .audit
        .iter()
        .map(|a| Row {
            cells: vec![
                a.id.to_string().into(),
                a.at.replace('T', " ").into(),
                a.action.clone().into(),
                a.summary.clone().into(),
            ],
            ..Default::default()
        })
        .collect();
    flow.table(&cols, &rows);
}

fn letter(
    flow: &mut Flow<'_>,
    data: &Data,
    options: &DossierOptions,
    institution: &str,
    csv_hashes: Option<&(String, String)>,
) {
    let d = &data.case.details;
    flow.page_bookmark("Letter");
    flow.paragraph(&format!("To: {institution} — fraud department"), LABEL);
    flow.paragraph(
        &format!("Date: {}", data.local(&data.generated_at.to_rfc3339())),
        BODY,
    );
    flow.space(6.0);
    let refs = [
        ("police report", &d.police_report_no),
        ("bank claim", &d.bank_claim_no),
        ("complaint", &d.complaint_id),
    ]
    .iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(l, v)| format!("{l} {}", v.trim()))
    .collect::<Vec<_>>()
    .join(", ");
    flow.paragraph(
        &format!(
            "Re: Fraud — request to recall or freeze funds and to preserve records{}",
            if refs.is_empty() {
                String::new()
            } else {
                format!(" ({refs})")
            }
        ),
        H2,
    );
    let victim = if d.victim_name.trim().is_empty() {
        "the account holder"
    } else {
        d.victim_name.trim()
    };
    let s = &data.summary;
    flow.paragraph(
        &format!(
            "This letter is about {victim}, who was deceived into making the transfers listed below through {institution}, in an online investment/romance fraud. The total paid out through you is {} {} ({} transfer(s), between {} and {}). We ask you to: (1) recall or freeze the funds where you still can, in particular at any deposit address you operate; (2) open a fraud claim; (3) preserve all records of the beneficiary accounts and wallets (identity documents, IP addresses, onward transfers) for the police.",
            s.in_reporting_currency.paid_out,
            s.reporting_currency,
            s.transfers,
            s.first_transfer_at.as_deref().map(|t| data.local(t)).unwrap_or_else(|| "—".into()),
            s.last_transfer_at.as_deref().map(|t| data.local(t)).unwrap_or_else(|| "—".into()),
        ),
        BODY,
    );
    flow.heading(&format!("Transfers through {institution}"));
    transfers(flow, data);
    if !data.evidence.is_empty() {
        flow.heading("Evidence attached (originals available on request)");
        let cols = [
            Column::new("Item", 1.0, SMALL),
            Column::new("File", 4.0, SMALL),
            Column::new("Caption", 5.0, SMALL),
        ];
        let rows: Vec<Row> = data
            .evidence
            .iter()
            .map(|e| Row {
                cells: vec![
                    format!("V-{}", e.id).into(),
                    e.file_name.clone().into(),
                    e.caption.clone().into(),
                ],
                details: vec![(MONO, format!("SHA-256: {}", e.sha256).into())],
                highlight: false,
            })
            .collect();
        flow.table(&cols, &rows);
    }
    if let Some((t, i)) = csv_hashes {
        flow.key_values(&[
            kv_mono("transfers.csv SHA-256", t.clone()),
            kv_mono("identifiers.csv SHA-256", i.clone()),
        ]);
    }
    flow.space(8.0);
    flow.paragraph(
        &format!(
            "Prepared by {}. Please reply to the contact above{}.",
            or_none(&options.prepared_by),
            if d.victim_contact.trim().is_empty() {
                String::new()
            } else {
                format!(" or to {}", d.victim_contact.trim())
            }
        ),
        BODY,
    );
}
