//! Hostile and clumsy input, as an attacker or a hurried caseworker would give it: every value
//! is either refused with a plain message or accepted — and nothing accepted may make a later
//! summary, timeline, dossier or export fail.

use casefile_core::dossier::{DossierOptions, Variant};
use casefile_core::interchange::CaseExport;
use casefile_core::model::*;
use casefile_core::validate::crypto::{self, Network};
use casefile_core::validate::identifier::IdentifierKind;
use casefile_core::{ErrorKind, Store};

use crate::support::PASS;
const TRON_OK: &str = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";

fn store() -> (tempfile::TempDir, Store, i32) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("c.db"), PASS, "test").unwrap();
    let case = store.create_case("Hostile input").unwrap();
    let mut d = case.details.clone();
    d.reporting_currency = "EUR".into();
    d.time_zone = "Europe/Berlin".into();
    store.update_case(case.id, &d).unwrap();
    (dir, store, case.id)
}

fn police() -> DossierOptions {
    DossierOptions {
        variant: Variant::Police,
        prepared_by: "Test".into(),
        csv: true,
        without_images: false,
        omit: vec![],
        pictures_per_page: Default::default(),
    }
}

/// Everything a case can be asked for afterwards.
fn everything_still_works(store: &Store, case: i32) -> LossSummary {
    let summary = store.loss_summary(case).unwrap();
    store
        .timeline(
            case,
            &TimelineQuery {
                limit: 500,
                ..Default::default()
            },
        )
        .unwrap();
    store
        .export_dossier(case, &police(), chrono::Utc::now())
        .unwrap();
    let export = store.export_case(case).unwrap();
    serde_json::to_vec(&export).unwrap();
    store.verify_case(case).unwrap();
    summary
}

#[test]
fn amounts_are_exact_or_refused_never_rounded() {
    let (_dir, mut store, case) = store();
    let refused = [
        ("79228162514264337593543950335", "too large"),
        ("10000000000000000000000000000", "too large"),
        (
            "1.0000000000000000000000000000000001",
            "digits after the point",
        ),
        ("1234567890123.1234567890123456", "digits in all"),
        ("1e3", "not a number"),
        ("0x10", "not a number"),
        ("-5", "more than zero"),
        ("0", "more than zero"),
        (".", "not a number"),
        ("NaN", "not a number"),
    ];
    for (amount, says) in refused {
        let err = store
            .add_transfer(case, &TransferInput::new("2026-03-14 09:30", amount, "EUR"))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid, "{amount}: {err}");
        assert!(err.to_string().contains(says), "{amount}: {err}");
    }
    for (typed, stored) in [
        ("1500.00", "1500.00"),
        ("0.000000000000000001", "0.000000000000000001"),
        ("999999999999999.99", "999999999999999.99"),
        ("+12_500.5", "12500.5"),
        ("007", "7"),
    ] {
        let t = store
            .add_transfer(case, &TransferInput::new("2026-03-14 09:30", typed, "EUR"))
            .unwrap();
        assert_eq!(t.amount, stored, "{typed}");
    }
    assert!(store.list_transfers(case).unwrap().len() == 5);
    let summary = everything_still_works(&store, case);
    assert!(summary.in_reporting_currency.exact);
}

/// Values stored by an older version (or written into the file by hand) that no form accepts
/// any more still give a summary and a dossier, which say plainly that the total is too large.
#[test]
fn totals_beyond_exact_arithmetic_say_so_instead_of_crashing() {
    let (_dir, mut store, case) = store();
    store
        .add_transfer(case, &TransferInput::new("2026-03-14 09:30", "1", "EUR"))
        .unwrap();
    store
        .add_transfer(
            case,
            &TransferInput {
                exchange_rate: Some("10".into()),
                ..TransferInput::new("2026-03-14 09:30", "2", "USD")
            },
        )
        .unwrap();
    store
        .connection_for_tests()
        .execute_batch(
            "UPDATE transfers SET amount = '79228162514264337593543950335' WHERE currency = 'EUR';
             UPDATE transfers SET amount = '10000000000000000000000000000' WHERE currency = 'USD';",
        )
        .unwrap();
    store
        .add_transfer(case, &TransferInput::new("2026-03-15 09:30", "1", "EUR"))
        .unwrap();
    let summary = everything_still_works(&store, case);
    let eur = summary
        .per_currency
        .iter()
        .find(|c| c.currency == "EUR")
        .unwrap();
    assert!(!eur.exact);
    assert_eq!(eur.paid_out, "too large to total exactly");
    assert!(!summary.in_reporting_currency.exact);
}

#[test]
fn dates_outside_1900_to_2100_and_signed_years_are_refused() {
    let (_dir, mut store, case) = store();
    for at in [
        "-2026-03-14T09:30:00Z",
        "+2026-03-14T09:30:00Z",
        "0000-01-01 00:00",
        "2200-01-01",
    ] {
        let err = store
            .add_transfer(case, &TransferInput::new(at, "10", "EUR"))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid, "{at}");
    }
    // A year that is possible but in the future is a question, not a refusal.
    let future = TransferInput::new("2099-03-14 09:30", "10", "EUR");
    let err = store.add_transfer(case, &future).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NeedsConfirmation);
    assert!(err.warnings()[0].contains("in the future"), "{err}");
    let confirmed = TransferInput {
        accept_warnings: true,
        ..future
    };
    assert!(store.add_transfer(case, &confirmed).is_ok());
}

/// A long run of random values at the edges of what is accepted; afterwards the case still
/// gives a summary, a timeline, a dossier and an export that imports again.
#[test]
fn whatever_is_accepted_never_breaks_a_later_command() {
    let (_dir, mut store, case) = store();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let currencies = ["EUR", "USD", "GBP", "JPY", "USDT"];
    let mut accepted = 0;
    for i in 0..120 {
        let whole = "9".repeat(1 + next(15) as usize);
        let fraction = "7".repeat(next(13) as usize);
        let amount = if fraction.is_empty() {
            whole
        } else {
            format!("{whole}.{fraction}")
        };
        let year = [1900, 1970, 2026, 2100][next(4) as usize];
        let currency = currencies[next(5) as usize];
        let mut t = TransferInput::new(
            &format!(
                "{year}-0{}-1{} 1{}:3{}",
                1 + next(9),
                next(9),
                next(9),
                next(9)
            ),
            &amount,
            currency,
        );
        t.direction = Direction::ALL[next(3) as usize];
        t.exchange_rate = (next(2) == 0).then(|| {
            format!(
                "{}.{}",
                "9".repeat(1 + next(6) as usize),
                "1".repeat(next(12) as usize)
            )
        });
        t.network = (currency == "USDT").then_some(Network::Tron);
        t.beneficiary_wallet = if currency == "USDT" {
            TRON_OK.into()
        } else {
            String::new()
        };
        t.notes = "ǅ\u{202e}\0 note ".repeat(next(200) as usize);
        t.accept_warnings = true;
        if i % 10 == 0 {
            t.amount = "x".into();
        }
        match store.add_transfer(case, &t) {
            Ok(_) => accepted += 1,
            Err(e) => assert_eq!(e.kind(), ErrorKind::Invalid, "{e}"),
        }
    }
    assert!(accepted >= 100, "{accepted} accepted");
    everything_still_works(&store, case);
    let export = store.export_case(case).unwrap();
    let again = store.import_case(&export).unwrap();
    assert_eq!(store.list_transfers(again.id).unwrap().len(), accepted);
}

#[test]
fn long_wallets_and_hashes_are_refused_or_flagged_at_once() {
    let (_dir, store, case) = store();
    let huge = "T".repeat(120_000);
    let mut t = TransferInput::new("2026-03-14 09:30", "10", "USDT");
    t.network = Some(Network::Tron);
    t.beneficiary_wallet = huge.clone();
    let err = store.check_transfer(case, &t).unwrap_err();
    assert!(err.to_string().contains("too long"), "{err}");
    // The validators themselves bound their work: a 10 MB "address" is one warning.
    let ten_mb = "1".repeat(10_000_000);
    let check = crypto::check_address(Network::Bitcoin, &ten_mb);
    assert_eq!(check.warnings.len(), 1);
    assert!(check.warnings[0].contains("characters long"));
    assert!(crypto::check_tx_hash(Network::Solana, &ten_mb).is_some());
}

fn ident(kind: IdentifierKind, value: &str) -> IdentifierInput {
    IdentifierInput {
        subject_id: None,
        kind,
        value: value.into(),
        network: None,
        bank_name: String::new(),
        is_exchange_deposit: false,
        notes: String::new(),
        accept_warnings: true,
    }
}

#[test]
fn a_subject_and_its_identifiers_are_saved_whole_and_once() {
    let (_dir, mut store, case) = store();
    let subject = SubjectInput {
        kind: SubjectKind::Persona,
        name: "Anna".into(),
        description: String::new(),
        notes: String::new(),
    };
    let same: Vec<_> = (0..2000)
        .map(|i| {
            ident(
                IdentifierKind::Phone,
                if i % 2 == 0 {
                    "+852 5123 4567"
                } else {
                    "+85251234567"
                },
            )
        })
        .collect();
    let s = store
        .add_subject_with_identifiers(case, &subject, &same)
        .unwrap();
    assert_eq!(s.identifiers.len(), 1, "the same phone number is kept once");

    // One bad identifier at the end: nothing of this subject is saved.
    let mut mixed: Vec<_> = (0..50)
        .map(|i| ident(IdentifierKind::Email, &format!("anna{i}@example.com")))
        .collect();
    mixed.push(ident(IdentifierKind::Email, &"x".repeat(600)));
    let err = store
        .add_subject_with_identifiers(case, &subject, &mixed)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
    assert_eq!(store.list_subjects(case).unwrap().len(), 1);
    assert_eq!(store.list_identifiers(case).unwrap().len(), 1);
}

fn exported(store: &Store, case: i32) -> CaseExport {
    store.export_case(case).unwrap()
}

fn sample_case(store: &mut Store, case: i32) {
    let png = crate::support::screenshot(3);
    let v = store
        .add_evidence(case, "chat.png", &png, None, "The first message")
        .unwrap()
        .evidence;
    let t = store
        .add_transfer(
            case,
            &TransferInput {
                evidence_ids: vec![v.id],
                ..TransferInput::new("2026-03-14 09:30", "1500.00", "EUR")
            },
        )
        .unwrap();
    store
        .add_event(
            case,
            &EventInput {
                occurred_at: "2026-03-14 09:00".into(),
                kind: EventKind::FirstContact,
                title: "Anna wrote".into(),
                description: String::new(),
                links: vec![
                    Link {
                        kind: LinkKind::Evidence,
                        id: v.id,
                    },
                    Link {
                        kind: LinkKind::Transfer,
                        id: t.id,
                    },
                ],
            },
        )
        .unwrap();
}

/// Imports `export` and checks it is refused with `says`, and that nothing was imported.
fn refused(store: &mut Store, export: &CaseExport, says: &str) {
    let before = store
        .list_cases(&CaseFilter {
            include_archived: true,
            ..Default::default()
        })
        .unwrap()
        .len();
    let err = store.import_case(export).unwrap_err();
    assert!(err.to_string().contains(says), "expected {says:?}: {err}");
    let after = store
        .list_cases(&CaseFilter {
            include_archived: true,
            ..Default::default()
        })
        .unwrap()
        .len();
    assert_eq!(before, after, "nothing may be imported");
}

#[test]
fn imports_are_checked_like_the_forms() {
    let (_dir, mut store, case) = store();
    sample_case(&mut store, case);
    let good = exported(&store, case);

    let mut e = good.clone();
    e.evidence[0].captured = Some(casefile_core::time::Moment {
        utc: "2026-03-14T01:30:00Z".into(),
        offset_minutes: i32::MAX,
        recorded: "2026-03-14T09:30:00+08:00".into(),
    });
    refused(&mut store, &e, "is not one Casefile can use");

    let mut e = good.clone();
    e.evidence[0].intake_at = "last Tuesday".into();
    refused(&mut store, &e, "not a time Casefile can read");

    let mut e = good.clone();
    e.evidence[0].caption = "x".repeat(10 * 1024 * 1024);
    refused(&mut store, &e, "too long");
    let mut e = good.clone();
    e.evidence[0].caption = "x".repeat(10_001);
    refused(&mut store, &e, "caption is too long");

    let mut e = good.clone();
    e.transfers[0].amount = "79228162514264337593543950335".into();
    refused(&mut store, &e, "too large");

    let mut e = good.clone();
    let link = e.events[0]
        .links
        .iter_mut()
        .find(|l| l.kind == LinkKind::Transfer)
        .unwrap();
    link.reference = 99;
    refused(
        &mut store,
        &e,
        "links to transfer 99, which is not in the file",
    );

    let mut e = good.clone();
    e.transfers[0].evidence_refs = vec![7];
    refused(&mut store, &e, "links to evidence item 7");

    let mut e = good.clone();
    let mut twin = e.transfers[0].clone();
    twin.amount = "2".into();
    e.transfers.push(twin);
    refused(&mut store, &e, "two transfers have the number (ref) 1");

    let mut e = good.clone();
    e.exported_at = "x".repeat(1000);
    refused(&mut store, &e, "not a time Casefile can read");

    // The same evidence bytes twice in one file are one item, and both refs point at it.
    let mut e = good.clone();
    let mut twin = e.evidence[0].clone();
    twin.reference = 2;
    e.evidence.push(twin);
    e.transfers[0].evidence_refs = vec![2];
    let imported = store.import_case(&e).unwrap();
    assert_eq!(store.list_evidence(imported.id).unwrap().len(), 1);
    assert_eq!(
        store.list_transfers(imported.id).unwrap()[0]
            .evidence_ids
            .len(),
        1
    );
}

#[test]
fn an_imported_case_names_the_file_it_came_from() {
    let (_dir, mut store, case) = store();
    sample_case(&mut store, case);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(serde_json::to_vec_pretty(&exported(&store, case)).unwrap());
    let sha = casefile_core::evidence::sha256_hex(&bytes);
    let imported = store.import_case_file(&bytes).unwrap();
    assert_eq!(imported.file_sha256, sha);
    let imported = imported.case;
    let log = store.audit_log(Some(imported.id)).unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == "import" && e.summary.contains(&sha)),
        "the import entry names the file's SHA-256"
    );

    let files = store
        .export_dossier(imported.id, &police(), chrono::Utc::now())
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("d.pdf");
    std::fs::write(&pdf, &files.pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", &pdf.display().to_string(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).replace(['\n', ' '], "");
    assert!(
        text.contains(&sha),
        "the chain of custody prints the file's SHA-256"
    );

    // A misspelled field in the file is refused with the name it probably meant.
    let text = String::from_utf8(serde_json::to_vec(&exported(&store, case)).unwrap()).unwrap();
    let misspelled = text.replacen("\"caption\"", "\"captoin\"", 1);
    let err = store.import_case_file(misspelled.as_bytes()).unwrap_err();
    assert!(
        err.to_string().contains("Did you mean \"caption\"?"),
        "{err}"
    );
}
