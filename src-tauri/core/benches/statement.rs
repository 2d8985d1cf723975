//! A year of a busy account: a 10,000-row bank CSV made in memory. Measures the preview (the
//! format found, the file sniffed and read, every row checked against the case) and the import
//! of every row (one transaction). One-shot measurement; prints the numbers. Targets: preview
//! ≤ 1 s, import ≤ 3 s. Run: `cargo bench -p casefile-core --bench statement`
//! (STATEMENT_ROWS changes the number of rows).

use std::time::Instant;

use casefile_core::model::{StatementImportOptions, StatementRowRef};
use casefile_core::Store;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let rows: u32 = std::env::var("STATEMENT_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let mut csv = String::from("Date,Description,Counterparty,IBAN,Debit,Credit,Balance\n");
    for i in 0..rows {
        let (month, day) = (1 + (i / 28) % 12, 1 + i % 28);
        let amount = format!("{}.{:02}", 10 + (i * 37) % 4_990, i % 100);
        let (debit, credit) = if i % 5 == 0 {
            (String::new(), format!("\"£{amount}\""))
        } else {
            (format!("\"£{amount}\""), String::new())
        };
        csv.push_str(&format!(
            "{day:02}/{month:02}/2026,FASTER PAYMENT REF INV-{i:05},Golden Harvest Trading {},GB82WEST123456987654{:02},{debit},{credit},\"£1,000.00\"\n",
            i % 40,
            i % 100
        ));
    }
    let bytes = csv.into_bytes();
    println!(
        "statement: {rows} rows, {:.1} MB CSV",
        bytes.len() as f64 / 1_048_576.0
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::create(
        &dir.path().join("bench.db"),
        "benchmark passphrase words",
        "bench",
    )
    .expect("store");
    let case = store.create_case("Statement benchmark").expect("case").id;

    let t = Instant::now();
    let preview = store
        .preview_statement(case, "year.csv", &bytes, None)
        .expect("preview");
    let took = t.elapsed();
    assert!(preview.csv.as_ref().is_some_and(|c| c.undecided.is_empty()));
    println!(
        "preview: {:.3} s ({} rows, {} problems) — target ≤ 1 s",
        took.as_secs_f64(),
        preview.rows.len(),
        preview.problems.len()
    );

    let options = StatementImportOptions {
        profile: preview.profile.clone(),
        save_profile_as: None,
        rows: preview
            .rows
            .iter()
            .map(|r| StatementRowRef {
                row: r.row,
                part: r.part,
            })
            .collect(),
        account_id: None,
        currency: None,
        network: None,
    };
    let t = Instant::now();
    let summary = store
        .import_statement(case, "year.csv", &bytes, &options, &mut |_| true)
        .expect("import");
    let took = t.elapsed();
    println!(
        "import: {:.3} s ({} transfers) — target ≤ 3 s",
        took.as_secs_f64(),
        summary.transfer_ids.len()
    );

    let t = Instant::now();
    let again = store
        .preview_statement(case, "year.csv", &bytes, None)
        .expect("preview");
    println!(
        "preview of the same file again: {:.3} s ({} rows already imported)",
        t.elapsed().as_secs_f64(),
        again
            .rows
            .iter()
            .filter(|r| r.already_imported.is_some())
            .count()
    );
}
