//! The chain of custody: every change, sealed by the audit hash chain.

use super::*;

pub(super) fn custody(flow: &mut Flow<'_>, data: &Data, csv_hashes: Option<&[(&str, String)]>) {
    flow.section(SECTIONS[8]);
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
    for (file, hash) in csv_hashes.unwrap_or_default() {
        rows.push(kv_mono(&format!("{file} SHA-256"), hash.clone()));
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
