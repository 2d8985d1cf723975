//! Bank and exchange statements imported into a case: the preview of every row, the ticked
//! rows as transfers keeping their raw row and row number and linked to the statement kept as
//! evidence, overlapping statements recognised, CSV questions and saved profiles, refusals
//! that name the row and column, stop and undo.

use casefile_core::model::*;
use casefile_core::statement::csv::QuestionTopic;
use casefile_core::Store;

use crate::support::*;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/statement/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn go(_: StatementImportProgress) -> bool {
    true
}

fn rows(refs: &[(u32, u32)]) -> Vec<StatementRowRef> {
    refs.iter()
        .map(|&(row, part)| StatementRowRef { row, part })
        .collect()
}

fn options(refs: &[(u32, u32)]) -> StatementImportOptions {
    StatementImportOptions {
        profile: None,
        save_profile_as: None,
        rows: rows(refs),
        account_id: None,
        currency: None,
        network: None,
    }
}

fn account(
    store: &mut Store,
    case: i32,
    owner: AccountOwner,
    kind: AccountKind,
    name: &str,
    number: &str,
    network: Option<Network>,
) -> i32 {
    store
        .add_account(
            case,
            &AccountInput {
                owner,
                kind,
                name: name.into(),
                institution: String::new(),
                number: number.into(),
                network,
                is_exchange_deposit: false,
                notes: String::new(),
            },
        )
        .unwrap()
        .id
}

fn import(
    store: &mut Store,
    case: i32,
    path: &str,
    o: &StatementImportOptions,
) -> StatementImportSummary {
    let name = path.rsplit('/').next().unwrap();
    store
        .import_statement(case, name, &fixture(path), o, &mut go)
        .unwrap()
}

fn count(store: &Store, sql: &str) -> i64 {
    store
        .connection_for_tests()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_uk_csv_previews_every_row_and_imports_the_ticked_ones_with_their_raw_rows() {
    let (_dir, mut store, case) = store_with_case_in("Europe/London");
    let barclays = account(
        &mut store,
        case,
        AccountOwner::Victim,
        AccountKind::Bank,
        "Barclays current account",
        "GB29 NWBK 6016 1331 9268 19",
        None,
    );
    let bytes = fixture("csv/uk_debit_credit.csv");
    let p = store
        .preview_statement(case, "barclays.csv", &bytes, None)
        .unwrap();
    assert_eq!(p.format, "CSV");
    assert_eq!(p.file_name, "barclays.csv");
    assert_eq!(p.size_bytes as usize, bytes.len());
    assert_eq!(p.sha256, casefile_core::evidence::sha256_hex(&bytes));
    assert_eq!(p.profile_name, None);
    assert!(p.csv.as_ref().unwrap().undecided.is_empty());
    assert_eq!(p.rows.len(), 4);
    let r = &p.rows[1];
    assert_eq!((r.row, r.part), (3, 1));
    assert_eq!(r.booked, "2026-03-04");
    assert_eq!(r.amount, "1500.00");
    assert_eq!(r.flow, Direction::Out);
    assert_eq!(r.currency.as_deref(), Some("GBP"));
    assert_eq!(r.reference, "FASTER PAYMENT TO J SMITH REF LOAN");
    assert_eq!(
        r.raw,
        "04/03/2026,FASTER PAYMENT TO J SMITH REF LOAN,\"£1,500.00\",,£454.80"
    );
    assert_eq!(p.rows[2].flow, Direction::In);
    assert!(p.rows.iter().all(|r| r.already_imported.is_none()));
    assert!(p.problems.is_empty());
    assert_eq!(p.imported_before, None);
    // A preview stores nothing.
    assert!(store.list_evidence(case).unwrap().is_empty());

    // The victim ticks only the scam payment (row 3) and the fee (row 5).
    let o = StatementImportOptions {
        account_id: Some(barclays),
        ..options(&[(3, 1), (5, 1)])
    };
    let s = store
        .import_statement(case, "barclays.csv", &bytes, &o, &mut go)
        .unwrap();
    assert_eq!(s.transfer_ids.len(), 2);
    assert_eq!(s.already_imported, 0);
    let ev = store.get_evidence(s.evidence_id).unwrap();
    assert_eq!(ev.sha256, p.sha256);
    assert_eq!(ev.file_name, "barclays.csv");
    assert_eq!(ev.caption, "Bank statement barclays.csv (CSV, 4 rows)");
    let t = store.get_transfer(s.transfer_ids[0]).unwrap();
    assert_eq!(t.amount, "1500.00");
    assert_eq!(t.currency, "GBP");
    assert_eq!(t.direction, Direction::Out);
    assert_eq!(t.reference, "FASTER PAYMENT TO J SMITH REF LOAN");
    assert_eq!(t.occurred.recorded, "2026-03-04T00:00:00+00:00");
    assert!(t.date_only);
    assert_eq!(t.from_account_id, Some(barclays));
    assert_eq!(t.to_account_id, None);
    assert_eq!(t.evidence_ids, vec![s.evidence_id]);
    let origin = t.statement.unwrap();
    assert_eq!(
        (
            origin.import_id,
            origin.evidence_id,
            origin.row,
            origin.part
        ),
        (s.import_id, s.evidence_id, 3, 1)
    );
    assert_eq!(origin.raw, r.raw);
    assert_eq!(
        store.get_transfer(s.transfer_ids[1]).unwrap().amount,
        "5.00"
    );
    assert_eq!(store.list_transfers(case).unwrap().len(), 2);

    let imports = store.list_statement_imports(case).unwrap();
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0].id, s.import_id);
    assert_eq!(imports[0].file_name, "barclays.csv");
    assert_eq!(imports[0].format, "CSV");
    assert_eq!(imports[0].account_id, Some(barclays));
    assert_eq!(
        (imports[0].rows_in_file, imports[0].transfers_added),
        (4, 2)
    );

    let log = store.audit_log(Some(case)).unwrap();
    let entry = log
        .iter()
        .rev()
        .find(|e| e.entity == "statement_import")
        .unwrap();
    assert_eq!(
        entry.summary,
        format!(
            "Statement barclays.csv imported (CSV, SHA-256 {}, {} bytes, kept as V-{}): 2 transfer(s) added (T-{}, T-{}), 0 row(s) already imported and skipped (import {})",
            p.sha256,
            bytes.len(),
            s.evidence_id,
            s.transfer_ids[0],
            s.transfer_ids[1],
            s.import_id
        )
    );

    // The same file again: its imported rows are recognised, and nothing is added twice.
    let again = store
        .preview_statement(case, "barclays.csv", &bytes, None)
        .unwrap();
    assert_eq!(again.imported_before, Some(s.import_id));
    let marks: Vec<Option<i32>> = again.rows.iter().map(|r| r.already_imported).collect();
    assert_eq!(
        marks,
        vec![None, Some(s.transfer_ids[0]), None, Some(s.transfer_ids[1])]
    );
    let err = store
        .import_statement(
            case,
            "barclays.csv",
            &bytes,
            &options(&[(3, 1), (5, 1)]),
            &mut go,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "2 chosen row(s) were imported before (T-{}, T-{}); nothing was added.",
            s.transfer_ids[0], s.transfer_ids[1]
        )
    );
    // Ticking one more row adds only that one; the file is the same evidence.
    let more = store
        .import_statement(
            case,
            "barclays.csv",
            &bytes,
            &options(&[(3, 1), (4, 1)]),
            &mut go,
        )
        .unwrap();
    assert_eq!((more.transfer_ids.len(), more.already_imported), (1, 1));
    assert_eq!(more.evidence_id, s.evidence_id);
    assert_eq!(store.list_evidence(case).unwrap().len(), 1);
    assert_eq!(
        store.get_transfer(more.transfer_ids[0]).unwrap().direction,
        Direction::In
    );
}

#[test]
fn an_overlapping_statement_is_recognised_by_date_amount_reference_and_by_bank_id() {
    let (_dir, mut store, case) = store_with_case_in("Europe/London");
    // CSV without ids: the same rows written with other spacing and case.
    let first = import(
        &mut store,
        case,
        "csv/uk_debit_credit.csv",
        &options(&[(4, 1), (5, 1)]),
    );
    let p = store
        .preview_statement(case, "uk_overlap.csv", &fixture("csv/uk_overlap.csv"), None)
        .unwrap();
    let marks: Vec<Option<i32>> = p.rows.iter().map(|r| r.already_imported).collect();
    assert_eq!(
        marks,
        vec![
            Some(first.transfer_ids[0]),
            Some(first.transfer_ids[1]),
            None
        ]
    );
    assert_eq!(p.imported_before, None);
    let s = import(
        &mut store,
        case,
        "csv/uk_overlap.csv",
        &options(&[(2, 1), (3, 1), (4, 1)]),
    );
    assert_eq!((s.transfer_ids.len(), s.already_imported), (1, 2));
    assert_eq!(
        store.get_transfer(s.transfer_ids[0]).unwrap().amount,
        "2000.00"
    );
    assert_eq!(store.list_transfers(case).unwrap().len(), 3);

    // OFX: the refund comes again under another name and memo, with the same FITID.
    let ofx = import(
        &mut store,
        case,
        "ofx/bank_sgml_crlf.ofx",
        &options(&[(1, 1), (3, 1)]),
    );
    let p = store
        .preview_statement(case, "overlap.ofx", &fixture("ofx/overlap_sgml.ofx"), None)
        .unwrap();
    assert_eq!(
        p.rows[0].reference,
        "CRYPTOVEST LTD REFUND OF WITHDRAWAL FEE"
    );
    assert_eq!(p.rows[0].already_imported, Some(ofx.transfer_ids[1]));
    assert_eq!(p.rows[1].already_imported, None);
    // A transfer the person deleted is not "already imported": it can come back by import.
    store.delete_transfer(ofx.transfer_ids[1]).unwrap();
    let p = store
        .preview_statement(case, "overlap.ofx", &fixture("ofx/overlap_sgml.ofx"), None)
        .unwrap();
    assert_eq!(p.rows[0].already_imported, None);
}

#[test]
fn a_csv_question_leaves_the_rows_empty_until_answered_and_a_saved_profile_is_used_next_time() {
    let (_dir, mut store, case) = store_with_case_in("Europe/Amsterdam");
    let bytes = fixture("csv/fourteen_thousand.csv");
    let p = store
        .preview_statement(case, "rabo.csv", &bytes, None)
        .unwrap();
    assert!(p.rows.is_empty());
    let sniff = p.csv.unwrap();
    assert_eq!(sniff.undecided.len(), 1);
    assert_eq!(sniff.undecided[0].topic, QuestionTopic::DecimalMark);
    let values: Vec<&str> = sniff.undecided[0]
        .choices
        .iter()
        .map(|c| c.value.as_str())
        .collect();
    assert_eq!(values, vec![".", ","]);
    // Importing before answering is refused in words.
    let err = store
        .import_statement(case, "rabo.csv", &bytes, &options(&[(2, 1)]), &mut go)
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("Casefile needs to know how to read this file first:"),
        "{err}"
    );
    assert!(err.to_string().ends_with("Nothing was imported."), "{err}");

    // Answered: "." is a thousands separator, so 14.000 is fourteen thousand.
    let mut profile = sniff.profile.clone();
    profile.decimal_mark = ',';
    let p = store
        .preview_statement(case, "rabo.csv", &bytes, Some(&profile))
        .unwrap();
    let amounts: Vec<&str> = p.rows.iter().map(|r| r.amount.as_str()).collect();
    assert_eq!(amounts, vec!["14000", "2500", "1000"]);
    assert_eq!(p.rows[0].reference, "Overboeking naar J. de Vries");

    // The file gives no currency: it must be chosen, never guessed.
    let o = StatementImportOptions {
        profile: Some(profile.clone()),
        save_profile_as: Some("Rabobank".into()),
        ..options(&[(2, 1)])
    };
    let err = store
        .import_statement(case, "rabo.csv", &bytes, &o, &mut go)
        .unwrap_err();
    assert_eq!(err.to_string(), "The file gives no currency for row 2 (there is no currency column). Choose the currency of this statement. Nothing was imported.");
    assert!(store.list_statement_profiles().unwrap().is_empty());
    let o = StatementImportOptions {
        currency: Some("eur".into()),
        ..o
    };
    let s = store
        .import_statement(case, "rabo.csv", &bytes, &o, &mut go)
        .unwrap();
    let t = store.get_transfer(s.transfer_ids[0]).unwrap();
    assert_eq!((t.amount.as_str(), t.currency.as_str()), ("14000", "EUR"));
    assert_eq!(t.occurred.recorded, "2026-03-01T00:00:00+01:00");
    assert_eq!(
        store.list_statement_imports(case).unwrap()[0]
            .profile_name
            .as_deref(),
        Some("Rabobank")
    );

    let saved = store.list_statement_profiles().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].name, "Rabobank");
    assert_eq!(saved[0].header_key, "datum|omschrijving|bedrag");
    assert_eq!(saved[0].profile, profile);
    // Next time the same header comes, the saved profile reads the file at once.
    let next = b"Datum;Omschrijving;Bedrag\n02-04-2026;Overboeking naar Bitvavo;-3.000\n";
    let p = store
        .preview_statement(case, "april.csv", next, None)
        .unwrap();
    assert_eq!(p.profile_name.as_deref(), Some("Rabobank"));
    assert_eq!(p.profile.as_ref(), Some(&profile));
    assert_eq!(p.rows.len(), 1);
    assert_eq!(p.rows[0].amount, "3000");
    store.delete_statement_profile("Rabobank").unwrap();
    assert!(store.list_statement_profiles().unwrap().is_empty());
    let err = store.delete_statement_profile("Rabobank").unwrap_err();
    assert_eq!(
        err.to_string(),
        "There is no saved profile named \"Rabobank\". Check the name in the list of profiles."
    );
    let p = store
        .preview_statement(case, "april.csv", next, None)
        .unwrap();
    assert_eq!(p.profile_name, None);
}

#[test]
fn a_chosen_row_with_a_problem_or_missing_is_refused_by_row_and_column_and_nothing_is_stored() {
    let (_dir, mut store, case) = store_with_case_in("Europe/Berlin");
    let o = StatementImportOptions {
        currency: Some("EUR".into()),
        ..options(&[(2, 1), (3, 1)])
    };
    let err = store
        .import_statement(
            case,
            "problems.csv",
            &fixture("csv/problems.csv"),
            &o,
            &mut go,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Row 3, column \"Date\" cannot be read: The date “31.02.2026” is not a real date. Leave this row out, or change how the file is read. Nothing was imported."
    );
    let err = store
        .import_statement(
            case,
            "problems.csv",
            &fixture("csv/problems.csv"),
            &StatementImportOptions {
                rows: rows(&[(2, 1), (40, 1)]),
                ..o.clone()
            },
            &mut go,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "There is no row 40 in this statement. Choose rows from the preview. Nothing was imported."
    );
    assert!(store.list_transfers(case).unwrap().is_empty());
    assert!(store.list_evidence(case).unwrap().is_empty());
    assert!(store.list_statement_imports(case).unwrap().is_empty());
    // A file that is no statement at all.
    let err = store
        .preview_statement(case, "photo.png", &png(20, 20, 1), None)
        .unwrap_err();
    assert!(err.to_string().starts_with("This file is not a bank or exchange statement Casefile can read: it is not CSV, OFX or camt.053"), "{err}");
    // The good rows import once the bad one is left out.
    let s = store
        .import_statement(
            case,
            "problems.csv",
            &fixture("csv/problems.csv"),
            &StatementImportOptions {
                rows: rows(&[(2, 1), (8, 1)]),
                ..o
            },
            &mut go,
        )
        .unwrap();
    let t = store.get_transfer(s.transfer_ids[0]).unwrap();
    assert_eq!(
        (
            t.amount.as_str(),
            t.beneficiary_name.as_str(),
            t.reference.as_str()
        ),
        ("850.00", "Anna Schmidt", "Miete März")
    );
}

#[test]
fn ofx_times_keep_their_offset_and_camt_entries_import_by_part() {
    let (_dir, mut store, case) = store_with_case_in("America/New_York");
    let checking = account(
        &mut store,
        case,
        AccountOwner::Victim,
        AccountKind::Bank,
        "Chase checking",
        "4417290033",
        None,
    );
    let p = store
        .preview_statement(case, "chase.ofx", &fixture("ofx/bank_sgml_crlf.ofx"), None)
        .unwrap();
    assert_eq!(p.format, "OFX");
    assert_eq!(p.account.as_deref(), Some("4417290033"));
    assert_eq!(p.account_id, Some(checking));
    assert_eq!(p.rows[0].time.as_deref(), Some("09:30"));
    let problem = p.problems.iter().find(|q| q.row == 4).unwrap();
    assert_eq!(problem.column.as_deref(), Some("DTPOSTED"));
    let s = import(
        &mut store,
        case,
        "ofx/bank_sgml_crlf.ofx",
        &StatementImportOptions {
            account_id: Some(checking),
            ..options(&[(1, 1), (2, 1), (3, 1)])
        },
    );
    let t: Vec<Transfer> = s
        .transfer_ids
        .iter()
        .map(|id| store.get_transfer(*id).unwrap())
        .collect();
    assert_eq!(t[0].occurred.recorded, "2026-03-03T09:30:00-05:00");
    assert_eq!(t[0].occurred.utc, "2026-03-03T14:30:00Z");
    assert!(!t[0].date_only);
    assert_eq!(
        (t[0].amount.as_str(), t[0].currency.as_str()),
        ("4500.00", "USD")
    );
    assert_eq!(t[0].beneficiary_account, "8830012245");
    assert_eq!(t[1].occurred.recorded, "2026-03-05T00:00:00-05:00");
    assert!(t[1].date_only);
    assert_eq!(t[2].occurred.recorded, "2026-03-10T14:15:03+05:30");
    assert_eq!(t[2].direction, Direction::In);
    assert_eq!(
        (t[2].from_account_id, t[2].to_account_id),
        (None, Some(checking))
    );
    assert_eq!(
        store.get_evidence(s.evidence_id).unwrap().caption,
        "Bank statement bank_sgml_crlf.ofx (OFX, 6 rows)"
    );

    // camt.053: an entry with three transactions; the scam account is in the case already.
    let scam = account(
        &mut store,
        case,
        AccountOwner::Scammer,
        AccountKind::Bank,
        "Blue Ocean Wallet",
        "GB82 WEST 1234 5698 7654 32",
        None,
    );
    let p = store
        .preview_statement(
            case,
            "abn.xml",
            &fixture("camt/batch_three_txdtls.xml"),
            None,
        )
        .unwrap();
    assert_eq!(p.format, "ISO 20022 camt.053");
    assert_eq!(p.rows[0].counterparty_account_id, Some(scam));
    assert_eq!(p.rows[1].counterparty_account_id, None);
    let s = import(
        &mut store,
        case,
        "camt/batch_three_txdtls.xml",
        &options(&[(1, 1), (1, 2), (1, 3)]),
    );
    let t: Vec<Transfer> = s
        .transfer_ids
        .iter()
        .map(|id| store.get_transfer(*id).unwrap())
        .collect();
    let parts: Vec<(u32, u32, &str)> = t
        .iter()
        .map(|t| {
            let o = t.statement.as_ref().unwrap();
            (o.row, o.part, t.amount.as_str())
        })
        .collect();
    assert_eq!(
        parts,
        vec![(1, 1, "500.00"), (1, 2, "300.00"), (1, 3, "100.00")]
    );
    assert_eq!(t[0].to_account_id, Some(scam));
    assert_eq!(t[0].role, TransferRole::Loss);
    assert_eq!(t[1].beneficiary_name, "Lisa Chen");
    // Entry 2's parts do not add up to the entry: it is refused until checked.
    let err = store
        .import_statement(
            case,
            "abn.xml",
            &fixture("camt/batch_three_txdtls.xml"),
            &options(&[(2, 1)]),
            &mut go,
        )
        .unwrap_err();
    assert!(err.to_string().starts_with("Row 2, column \"Amt\" cannot be read: The 2 transactions of this entry add up to 600.00"), "{err}");
}

#[test]
fn exchange_withdrawals_in_usdt_need_a_network_and_end_at_the_matching_wallet() {
    let (_dir, mut store, case) = store_with_case_in("Europe/London");
    let exchange = account(
        &mut store,
        case,
        AccountOwner::Victim,
        AccountKind::Exchange,
        "My Binance account",
        "",
        None,
    );
    let wallet = account(
        &mut store,
        case,
        AccountOwner::Scammer,
        AccountKind::Wallet,
        "Wallet the fake app gave",
        "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE",
        Some(Network::Tron),
    );
    let bytes = fixture("csv/exchange_history.csv");
    let p = store
        .preview_statement(case, "binance.csv", &bytes, None)
        .unwrap();
    assert_eq!(p.rows.len(), 6);
    let w = &p.rows[4];
    assert_eq!(
        (w.row, w.booked.as_str(), w.time.as_deref()),
        (6, "2026-03-04", Some("08:30:05"))
    );
    assert_eq!(
        (w.amount.as_str(), w.currency.as_deref(), w.flow),
        ("1500.00", Some("USDT"), Direction::Out)
    );
    assert_eq!(w.counterparty_account_id, Some(wallet));
    assert_eq!(p.rows[0].currency.as_deref(), Some("GBP"));
    assert_eq!(p.rows[0].counterparty_account_id, None);

    let o = StatementImportOptions {
        account_id: Some(exchange),
        ..options(&[(6, 1), (7, 1)])
    };
    let err = store
        .import_statement(case, "binance.csv", &bytes, &o, &mut go)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "These rows are in crypto, and a statement does not say which network it was sent on: row 6 (1500.00 USDT), row 7 (966.66 USDT). Choose the network (for USDT it is usually TRON, TRC-20, or Ethereum, ERC-20; the exchange shows it with each withdrawal). Nothing was imported."
    );
    assert!(store.list_transfers(case).unwrap().is_empty());
    // A TRON address under the network "Ethereum": refused by row, not stored with a warning
    // nobody saw.
    let wrong = store
        .import_statement(
            case,
            "binance.csv",
            &bytes,
            &StatementImportOptions {
                network: Some(Network::Ethereum),
                ..o.clone()
            },
            &mut go,
        )
        .unwrap_err()
        .to_string();
    assert!(
        wrong.starts_with("Row 6: the address TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE is not an address on Ethereum, the network chosen."),
        "{wrong}"
    );
    assert!(store.list_transfers(case).unwrap().is_empty());
    let s = store
        .import_statement(
            case,
            "binance.csv",
            &bytes,
            &StatementImportOptions {
                network: Some(Network::Tron),
                ..o
            },
            &mut go,
        )
        .unwrap();
    let t = store.get_transfer(s.transfer_ids[1]).unwrap();
    assert_eq!(
        (t.amount.as_str(), t.currency.as_str(), t.network),
        ("966.66", "USDT", Some(Network::Tron))
    );
    assert_eq!(t.method, TransferMethod::CryptoTransfer);
    assert_eq!(t.beneficiary_wallet, "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE");
    assert_eq!(t.occurred.recorded, "2026-03-09T19:44:52+00:00");
    assert_eq!(
        (t.from_account_id, t.to_account_id),
        (Some(exchange), Some(wallet))
    );
    assert_eq!(t.role, TransferRole::Loss);
    assert_eq!(
        store.get_evidence(s.evidence_id).unwrap().caption,
        "Bank statement binance.csv (CSV, 6 rows)"
    );
}

#[test]
fn undo_removes_what_the_import_added_and_is_audited() {
    let (_dir, mut store, case) = store_with_case_in("Europe/London");
    let s = import(
        &mut store,
        case,
        "csv/uk_debit_credit.csv",
        &options(&[(2, 1), (3, 1)]),
    );
    // A transfer typed by hand, paid with money from an imported row, blocks the undo.
    let linked = store
        .add_transfer(
            case,
            &TransferInput {
                source_ids: vec![s.transfer_ids[1]],
                ..TransferInput::new("2026-03-05 10:00", "1400", "GBP")
            },
        )
        .unwrap();
    // The statement file proves the imported transfers: it goes only with its import.
    let err = store.delete_evidence(s.evidence_id).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("V-{} is the statement the transfers of import {} were read from; it proves them. To remove it, undo that import on the Money tab.", s.evidence_id, s.import_id)
    );
    let err = store.undo_statement_import(s.import_id).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("Transfers of this import are linked to others: T-{} is marked as paid with T-{}. Remove those links first (edit the transfer and clear \"paid with\"), then undo the import. Nothing was changed.", linked.id, s.transfer_ids[1])
    );
    assert_eq!(store.list_transfers(case).unwrap().len(), 3);
    store.delete_transfer(linked.id).unwrap();
    // A timeline event the person linked to an imported transfer would go unseen: refused.
    let event = store
        .add_event(
            case,
            &EventInput {
                occurred_at: "2026-03-05 11:00".into(),
                kind: EventKind::Note,
                title: "Called the bank about this payment".into(),
                description: String::new(),
                links: vec![Link {
                    kind: LinkKind::Transfer,
                    id: s.transfer_ids[0],
                }],
            },
        )
        .unwrap();
    let err = store.undo_statement_import(s.import_id).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("Since the import, these transfers were given more: T-{}: linked to a timeline event. Undoing it would remove that too. Move or remove what you added first (or keep the import and delete single transfers instead). Nothing was changed.", s.transfer_ids[0])
    );
    store.delete_event(event.id).unwrap();
    // So would a "paid with" link the person made from an imported transfer to another one.
    let typed = store
        .add_transfer(case, &TransferInput::new("2026-03-01 10:00", "900", "GBP"))
        .unwrap();
    store
        .connection_for_tests()
        .execute(
            "INSERT INTO transfer_sources (transfer_id, source_id) VALUES (?1, ?2)",
            [s.transfer_ids[1], typed.id],
        )
        .unwrap();
    let err = store.undo_statement_import(s.import_id).unwrap_err();
    assert!(
        err.to_string().contains(&format!(
            "T-{}: marked as paid with another transfer",
            s.transfer_ids[1]
        )),
        "{err}"
    );
    store.delete_transfer(typed.id).unwrap();

    store.undo_statement_import(s.import_id).unwrap();
    assert!(store.list_transfers(case).unwrap().is_empty());
    assert!(store.list_statement_imports(case).unwrap().is_empty());
    assert!(store.list_evidence(case).unwrap().is_empty());
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM transfers WHERE statement_import_id IS NOT NULL"
        ),
        0
    );
    assert_eq!(count(&store, "SELECT count(*) FROM transfer_evidence"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM transfer_sources"), 0);
    // The undone transfers are not among the deleted items (nothing of the import to bring
    // back); the statement file is, as it was evidence of the case.
    let deleted = store.deleted_items(case).unwrap();
    let kinds: Vec<(DeletedKind, i32)> = deleted.iter().map(|d| (d.kind, d.id)).collect();
    assert!(kinds.contains(&(DeletedKind::Evidence, s.evidence_id)));
    assert!(!kinds
        .iter()
        .any(|(k, id)| *k == DeletedKind::Transfer && s.transfer_ids.contains(id)));
    let log = store.audit_log(Some(case)).unwrap();
    let entry = log.last().unwrap();
    assert_eq!(entry.entity, "statement_import");
    assert_eq!(
        entry.summary,
        format!(
            "Import {} of statement uk_debit_credit.csv undone: 2 transfer(s) removed (T-{}, T-{}); the statement file V-{} it brought in was deleted (among the deleted items)",
            s.import_id, s.transfer_ids[0], s.transfer_ids[1], s.evidence_id
        )
    );
    let err = store.undo_statement_import(s.import_id).unwrap_err();
    assert_eq!(err.to_string(), "This import was already undone.");
    // The same rows can be imported again, as new.
    let again = import(
        &mut store,
        case,
        "csv/uk_debit_credit.csv",
        &options(&[(2, 1), (3, 1)]),
    );
    assert_eq!((again.transfer_ids.len(), again.already_imported), (2, 0));
    assert_ne!(again.evidence_id, s.evidence_id);
    assert_eq!(store.verify_audit_chain().unwrap().problem, None);
}

#[test]
fn undo_keeps_a_statement_file_the_case_had_before_the_import() {
    let (_dir, mut store, case) = store_with_case_in("Europe/London");
    let bytes = fixture("csv/uk_debit_credit.csv");
    let kept = store
        .add_evidence(case, "statement.csv", &bytes, None, "")
        .unwrap()
        .evidence;
    let s = import(
        &mut store,
        case,
        "csv/uk_debit_credit.csv",
        &options(&[(3, 1)]),
    );
    assert_eq!(s.evidence_id, kept.id);
    store.undo_statement_import(s.import_id).unwrap();
    assert_eq!(store.get_evidence(kept.id).unwrap().sha256, kept.sha256);
    assert!(store
        .audit_log(Some(case))
        .unwrap()
        .last()
        .unwrap()
        .summary
        .ends_with(&format!(
            "; the statement file V-{} stays in the case",
            kept.id
        )));
}

#[test]
fn a_stopped_import_stores_nothing() {
    let (_dir, mut store, case) = store_with_case_in("Europe/London");
    let mut seen = Vec::new();
    let mut stop = |p: StatementImportProgress| {
        seen.push((p.done, p.total));
        false
    };
    let err = store
        .import_statement(
            case,
            "barclays.csv",
            &fixture("csv/uk_debit_credit.csv"),
            &options(&[(2, 1), (3, 1)]),
            &mut stop,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "The import was stopped; nothing of it was stored."
    );
    assert_eq!(seen, vec![(0, 2)]);
    assert!(store.list_transfers(case).unwrap().is_empty());
    assert!(store.list_evidence(case).unwrap().is_empty());
    assert!(store.list_statement_imports(case).unwrap().is_empty());
    assert!(!store
        .audit_log(Some(case))
        .unwrap()
        .iter()
        .any(|e| e.entity == "statement_import"));
}

#[test]
fn a_statement_file_over_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(casefile_core::statement::MAX_STATEMENT_BYTES as u64 + 1)
        .unwrap();
    let err = casefile_core::store::read_statement_file(&path).unwrap_err();
    assert_eq!(err.to_string(), "This file is 51 MB, far larger than any bank statement (Casefile reads up to 50 MB). Download a shorter period from your bank or exchange.");
    std::fs::write(&path, b"Date,Amount\n").unwrap();
    let (name, bytes) = casefile_core::store::read_statement_file(&path).unwrap();
    assert_eq!(
        (name.as_str(), bytes.as_slice()),
        ("huge.csv", b"Date,Amount\n".as_slice())
    );
}

/// The statement_profile fuzz target's seeds are real profiles that read their files.
#[test]
fn the_profile_fuzz_seeds_are_profiles_that_read_their_files() {
    let dir = format!(
        "{}/fuzz/seeds/statement_profile",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut read = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let split = data.iter().position(|b| *b == b'\n').unwrap();
        let profile: casefile_core::statement::csv::CsvProfile =
            serde_json::from_slice(&data[..split]).unwrap();
        let parsed = casefile_core::statement::csv::read(&data[split + 1..], &profile).unwrap();
        read.push((
            path.file_name().unwrap().to_string_lossy().into_owned(),
            parsed.rows.len(),
            parsed.problems.len(),
        ));
    }
    read.sort();
    assert_eq!(
        read,
        vec![
            ("exchange_indicator".to_string(), 3, 0),
            ("fourteen_answered".to_string(), 3, 0),
            ("uk_debit_credit".to_string(), 4, 0),
        ]
    );
}

/// A case export keeps where statement-made transfers came from: the import (file, format,
/// profile, account), and per transfer its row, part, raw row and row key. The imported case
/// shows the import, recognises the same statement's rows, undoes the import, and exports the
/// same file again.
#[test]
fn a_case_export_keeps_where_statement_transfers_came_from() {
    use casefile_core::interchange::CaseExport;
    let (_dir, mut store, case) = store_with_case_in("Europe/London");
    let barclays = account(
        &mut store,
        case,
        AccountOwner::Victim,
        AccountKind::Bank,
        "Barclays current account",
        "GB29 NWBK 6016 1331 9268 19",
        None,
    );
    let bytes = fixture("csv/uk_debit_credit.csv");
    let o = StatementImportOptions {
        account_id: Some(barclays),
        save_profile_as: Some("Barclays".into()),
        ..options(&[(3, 1), (5, 1)])
    };
    let s = import(&mut store, case, "csv/uk_debit_credit.csv", &o);
    // A hop: money of the statement's payment paid for the next transfer.
    store
        .add_transfer(
            case,
            &TransferInput {
                source_ids: vec![s.transfer_ids[0]],
                ..TransferInput::new("2026-03-05 10:00", "1400", "GBP")
            },
        )
        .unwrap();
    let first = store.export_case(case).unwrap();
    assert_eq!(first.version, 4);
    assert_eq!(first.statement_imports.len(), 1);
    let si = &first.statement_imports[0];
    assert_eq!(
        (
            si.reference,
            si.evidence_ref,
            si.account_ref,
            si.format.as_str()
        ),
        (1, 1, Some(1), "csv")
    );
    assert_eq!(
        (
            si.file_name.as_str(),
            si.rows_in_file,
            si.profile_name.as_deref()
        ),
        ("uk_debit_credit.csv", 4, Some("Barclays"))
    );
    assert_eq!(si.sha256, casefile_core::evidence::sha256_hex(&bytes));
    assert_eq!(si.profile.as_ref().unwrap().delimiter, ',');
    let payment = first
        .transfers
        .iter()
        .find(|t| t.statement_row == Some(3))
        .unwrap();
    assert_eq!(
        (payment.statement_import_ref, payment.statement_part),
        (Some(1), Some(1))
    );
    assert_eq!(
        payment.statement_raw.as_deref(),
        Some("04/03/2026,FASTER PAYMENT TO J SMITH REF LOAN,\"£1,500.00\",,£454.80")
    );
    assert!(payment
        .row_key
        .as_deref()
        .unwrap()
        .starts_with("row||2026-03-04|1500|GBP|out|"));
    let typed = first.transfers.iter().find(|t| t.amount == "1400").unwrap();
    assert_eq!(
        (
            typed.statement_import_ref,
            typed.statement_row,
            typed.row_key.as_deref()
        ),
        (None, None, None)
    );
    assert_eq!(typed.source_refs, vec![payment.reference]);
    // Undo keeps a statement file the import did not bring in (told by the evidence's time
    // being the import's): the import gets a fixed time, so the case import's own evidence
    // time can never fall in the same second.
    let mut first = first;
    first.statement_imports[0].imported_at = "2026-03-22T09:00:00Z".into();
    let text = serde_json::to_string_pretty(&first).unwrap();
    assert!(text.contains("\"statement_imports\": ["));
    assert!(!text.contains("\"statement_import_ref\": null"));

    // Into another store: the transfers keep their statement row, pointing at the new ids.
    let (_dir2, mut other, _) = store_with_case_in("UTC");
    let imported = other.import_case_file(text.as_bytes()).unwrap().case.id;
    let evidence = other.list_evidence(imported).unwrap();
    assert_eq!(evidence.len(), 1);
    let imports = other.list_statement_imports(imported).unwrap();
    assert_eq!(imports.len(), 1);
    let new_account = other.list_accounts(imported).unwrap()[0].id;
    let i = &imports[0];
    assert_eq!(
        (
            i.file_name.as_str(),
            i.format.as_str(),
            i.account_id,
            i.evidence_id
        ),
        (
            "uk_debit_credit.csv",
            "CSV",
            Some(new_account),
            evidence[0].id
        )
    );
    assert_eq!(
        (i.profile_name.as_deref(), i.rows_in_file, i.transfers_added),
        (Some("Barclays"), 4, 2)
    );
    assert_eq!(i.imported_at, "2026-03-22T09:00:00Z");
    // Saved profiles belong to the store, not the case: they do not travel.
    assert!(other.list_statement_profiles().unwrap().is_empty());
    let transfers = other.list_transfers(imported).unwrap();
    let by_amount = |a: &str| transfers.iter().find(|t| t.amount == a).unwrap();
    let (paid, fee, typed) = (by_amount("1500.00"), by_amount("5.00"), by_amount("1400"));
    let origin = paid.statement.clone().unwrap();
    assert_eq!(
        (
            origin.import_id,
            origin.evidence_id,
            origin.row,
            origin.part
        ),
        (i.id, evidence[0].id, 3, 1)
    );
    assert_eq!(
        origin.raw,
        "04/03/2026,FASTER PAYMENT TO J SMITH REF LOAN,\"£1,500.00\",,£454.80"
    );
    assert_eq!(fee.statement.as_ref().unwrap().row, 5);
    assert_eq!(
        fee.statement.as_ref().unwrap().raw,
        "21/03/2026,BANK FEE,£5.00,,\"£2,549.80\""
    );
    assert_eq!(typed.statement, None);
    assert_eq!(typed.source_ids, vec![paid.id]);
    let log = other.audit_log(Some(imported)).unwrap();
    let summary = &log.last().unwrap().summary;
    assert!(
        summary.contains("(1 evidence items, hashes checked; 1 accounts, 3 transfers, 1 statement imports, 0 events;"),
        "{summary}"
    );

    // The same statement previewed in the imported case: its rows are already there.
    let p = other
        .preview_statement(imported, "uk_debit_credit.csv", &bytes, None)
        .unwrap();
    assert_eq!(p.imported_before, Some(i.id));
    let marks: Vec<Option<i32>> = p.rows.iter().map(|r| r.already_imported).collect();
    assert_eq!(marks, vec![None, Some(paid.id), None, Some(fee.id)]);
    let err = other
        .import_statement(
            imported,
            "uk_debit_credit.csv",
            &bytes,
            &options(&[(3, 1), (5, 1)]),
            &mut go,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "2 chosen row(s) were imported before (T-{}, T-{}); nothing was added.",
            paid.id, fee.id
        )
    );

    // Exported again, the imported case is the same file (apart from when it was made).
    let mut second = other.export_case(imported).unwrap();
    second.exported_at = first.exported_at.clone();
    assert_eq!(second, first);

    // A file that names an import or a statement file it does not have, or holds statement
    // fields in a version that cannot, is refused as damaged and nothing is imported.
    let cases = |s: &Store| {
        s.list_cases(&CaseFilter {
            include_archived: true,
            ..Default::default()
        })
        .unwrap()
        .len()
    };
    let before = cases(&other);
    let value = serde_json::to_value(&first).unwrap();
    let refused = |other: &mut Store, v: &serde_json::Value| {
        other
            .import_case_file(v.to_string().as_bytes())
            .unwrap_err()
            .to_string()
    };
    let mut v = value.clone();
    v["statement_imports"][0]["evidence_ref"] = 9.into();
    assert_eq!(
        refused(&mut other, &v),
        "This case export is damaged: statement import 1 (uk_debit_credit.csv) links to evidence item 9, which is not in the file. Nothing was imported; ask for a fresh export."
    );
    let mut v = value.clone();
    let row = v["transfers"]
        .as_array()
        .unwrap()
        .iter()
        .position(|t| t["statement_row"] == 3)
        .unwrap();
    v["transfers"][row]["statement_import_ref"] = 2.into();
    assert_eq!(
        refused(&mut other, &v),
        format!("This case export is damaged: transfer {} links to statement import 2, which is not in the file. Nothing was imported; ask for a fresh export.", row + 1)
    );
    let mut v = value.clone();
    v["version"] = 3.into();
    v["accounts"] = serde_json::json!([]);
    v["statement_imports"] = serde_json::json!([]);
    for t in v["transfers"].as_array_mut().unwrap() {
        let t = t.as_object_mut().unwrap();
        for key in [
            "from_account_ref",
            "to_account_ref",
            "source_refs",
            "date_only",
            "statement_import_ref",
            "statement_row",
            "statement_part",
            "statement_raw",
        ] {
            t.remove(key);
        }
    }
    assert!(
        refused(&mut other, &v).contains("format version 3, which cannot hold accounts, statement imports or links between transfers"),
    );
    assert_eq!(cases(&other), before);

    // Undo works in the imported case: the hop that uses its money goes first; the statement
    // file came with the case, not with the import, so it stays.
    other.delete_transfer(typed.id).unwrap();
    other.undo_statement_import(i.id).unwrap();
    assert!(other.list_statement_imports(imported).unwrap().is_empty());
    assert!(other.list_transfers(imported).unwrap().is_empty());
    assert_eq!(
        other.audit_log(Some(imported)).unwrap().last().unwrap().summary,
        format!(
            "Import {} of statement uk_debit_credit.csv undone: 2 transfer(s) removed (T-{}, T-{}); the statement file V-{} stays in the case",
            i.id, paid.id, fee.id, evidence[0].id
        )
    );
    let again = import(
        &mut other,
        imported,
        "csv/uk_debit_credit.csv",
        &options(&[(3, 1)]),
    );
    assert_eq!(
        (
            again.transfer_ids.len(),
            again.already_imported,
            again.evidence_id
        ),
        (1, 0, evidence[0].id)
    );

    // The fuzz seed (a v4 file with an account, a hop and a statement import) imports and
    // exports as itself.
    let seed = std::fs::read(format!(
        "{}/fuzz/seeds/case_import/v4_statement.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let from_seed: CaseExport = serde_json::from_slice(&seed).unwrap();
    let seeded = other.import_case_file(&seed).unwrap().case.id;
    let mut again = other.export_case(seeded).unwrap();
    again.exported_at = from_seed.exported_at.clone();
    assert_eq!(again, from_seed);
    let t = other.list_transfers(seeded).unwrap();
    assert_eq!(t.iter().filter(|t| t.statement.is_some()).count(), 2);
    assert_eq!(t.iter().filter(|t| !t.source_ids.is_empty()).count(), 1);
}

#[test]
fn a_day_without_a_time_stays_a_day_until_a_time_is_typed() {
    let (_dir, mut store, case) = store_with_case_in("Europe/London");
    let s = import(
        &mut store,
        case,
        "csv/uk_debit_credit.csv",
        &options(&[(3, 1)]),
    );
    let t = store.get_transfer(s.transfer_ids[0]).unwrap();
    assert!(t.date_only);
    let page = store
        .timeline(
            case,
            &TimelineQuery {
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(page.entries.iter().any(|e| e.id == t.id && e.day_only));
    // Changing something else keeps it a day; typing a time makes it a time.
    let mut input = TransferInput {
        occurred_at: "2026-03-04 00:00".into(),
        notes: "The bank says it left at 14:02".into(),
        accept_warnings: true,
        ..TransferInput::new("", &t.amount, &t.currency)
    };
    assert!(store.update_transfer(t.id, &input).unwrap().date_only);
    input.occurred_at = "2026-03-04 14:02".into();
    assert!(!store.update_transfer(t.id, &input).unwrap().date_only);
}

#[test]
fn the_same_payment_from_two_of_the_victims_accounts_is_two_payments() {
    // Daily limits: the same 1,500 to the same person on the same day from the current and the
    // savings account. The UK CSVs name no account; the account chosen for each tells them apart.
    let (_dir, mut store, case) = store_with_case_in("Europe/London");
    let current = account(
        &mut store,
        case,
        AccountOwner::Victim,
        AccountKind::Bank,
        "Current account",
        "",
        None,
    );
    let savings = account(
        &mut store,
        case,
        AccountOwner::Victim,
        AccountKind::Bank,
        "Savings account",
        "",
        None,
    );
    let first = import(
        &mut store,
        case,
        "csv/uk_debit_credit.csv",
        &StatementImportOptions {
            account_id: Some(current),
            ..options(&[(3, 1)])
        },
    );
    let bytes = fixture("csv/uk_debit_credit.csv");
    let row3 = |p: &StatementPreview| p.rows.iter().find(|r| r.row == 3).unwrap().already_imported;
    // Not knowing the account yet: shown as imported (never added twice by default) ...
    let unknown = store
        .preview_statement_of(case, "uk.csv", &bytes, None, None)
        .unwrap();
    assert_eq!(row3(&unknown), Some(first.transfer_ids[0]));
    // ... the same account: imported; the other account: a payment of its own.
    let same = store
        .preview_statement_of(case, "uk.csv", &bytes, None, Some(current))
        .unwrap();
    assert_eq!(row3(&same), Some(first.transfer_ids[0]));
    let other = store
        .preview_statement_of(case, "uk.csv", &bytes, None, Some(savings))
        .unwrap();
    assert_eq!(row3(&other), None);
    let second = import(
        &mut store,
        case,
        "csv/uk_debit_credit.csv",
        &StatementImportOptions {
            account_id: Some(savings),
            ..options(&[(3, 1)])
        },
    );
    assert_eq!((second.transfer_ids.len(), second.already_imported), (1, 0));
    assert_eq!(
        store
            .get_transfer(second.transfer_ids[0])
            .unwrap()
            .from_account_id,
        Some(savings)
    );
}
