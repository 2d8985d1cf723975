//! The letter to one bank or exchange: the request, its transfers and their evidence.

use super::*;

pub(super) fn letter(
    flow: &mut Flow<'_>,
    data: &Data,
    options: &DossierOptions,
    institution: &str,
    csv_hashes: Option<&[(&str, String)]>,
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
    let total = if s.per_currency.is_empty() {
        String::new()
    } else if s.missing_rates.is_empty() {
        format!(
            " The total paid out through you is {} {}.",
            money(&s.in_reporting_currency.paid_out),
            s.reporting_currency
        )
    } else {
        let each: Vec<String> = s
            .per_currency
            .iter()
            .map(|c| {
                format!(
                    "{} {}",
                    money(&c.paid_out),
                    currency_name(&c.currency, c.network)
                )
            })
            .collect();
        format!(" The amounts paid out through you are {}.", each.join("; "))
    };
    flow.paragraph(
        &format!(
            "This letter is about {victim}, who was deceived into making the transfers listed below through {institution}, in an online investment/romance fraud ({} transfer(s), between {} and {}).{total} We ask you to: (1) recall or freeze the funds where you still can, in particular at any deposit address you operate; (2) open a fraud claim; (3) preserve all records of the beneficiary accounts and wallets (identity documents, IP addresses, onward transfers) for the police.",
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
    if let Some(hashes) = csv_hashes {
        let rows: Vec<_> = hashes
            .iter()
            .map(|(file, hash)| kv_mono(&format!("{file} SHA-256"), hash.clone()))
            .collect();
        flow.key_values(&rows);
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
