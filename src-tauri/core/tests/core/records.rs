//! Integration tests of the records inside a case: transfers (validation, warnings, exact
//! totals), subjects and identifiers (normalization, cross-case matches), events, evidence
//! intake and the timeline.

use std::path::PathBuf;

use casefile_core::model::*;
use casefile_core::validate::crypto::Network;
use casefile_core::validate::identifier::IdentifierKind;
use casefile_core::ErrorKind;
use casefile_core::{CoreError, Store};

use crate::support::*;
const TRON_OK: &str = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
const TRON_TYPO: &str = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj7t";
const TX: &str = "a1075db55d416d3ca199f55b6084e2115b9345e16c5cf302fc80e9d5fbf5d48d";

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    store: Store,
    case: i32,
}

fn fixture(zone: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casefile.db");
    let mut store = Store::create(&path, PASS, "test").unwrap();
    let case = store.create_case("Romance – Anna").unwrap();
    let mut d = case.details.clone();
    d.time_zone = zone.into();
    d.reporting_currency = "EUR".into();
    store.update_case(case.id, &d).unwrap();
    Fixture {
        _dir: dir,
        path,
        store,
        case: case.id,
    }
}

/// Builder for transfer inputs, defaulting to a completed bank transfer out.
struct T(TransferInput);

impl T {
    fn new(at: &str, amount: &str, currency: &str) -> T {
        T(TransferInput {
            from_account: "Victim's current account".into(),
            ..TransferInput::new(at, amount, currency)
        })
    }
    fn usdt_tron(mut self, wallet: &str) -> T {
        self.0.network = Some(Network::Tron);
        self.0.method = TransferMethod::CryptoTransfer;
        self.0.beneficiary_wallet = wallet.into();
        self.0.reference = TX.into();
        self
    }
    fn iban(mut self, iban: &str, bic: &str) -> T {
        self.0.beneficiary_account = iban.into();
        self.0.beneficiary_bic = bic.into();
        self
    }
    fn direction(mut self, d: Direction) -> T {
        self.0.direction = d;
        self
    }
    fn rate(mut self, r: &str) -> T {
        self.0.exchange_rate = Some(r.into());
        self
    }
    fn accept(mut self) -> T {
        self.0.accept_warnings = true;
        self
    }
}

#[test]
fn a_tron_typo_is_a_warning_that_can_be_confirmed_then_fixed() {
    let mut f = fixture("Europe/Berlin");
    let input = T::new("2026-03-14 09:30", "2500", "USDT")
        .usdt_tron(TRON_TYPO)
        .0;
    let warnings = f.store.check_transfer(f.case, &input).unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("fails its checksum"), "{warnings:?}");
    match f.store.add_transfer(f.case, &input) {
        Err(CoreError::NeedsConfirmation { warnings }) => assert!(warnings[0].contains("TRON")),
        other => panic!("expected a confirmation request, got {other:?}"),
    }
    assert!(
        f.store.list_transfers(f.case).unwrap().is_empty(),
        "nothing saved without confirmation"
    );
    let saved = f
        .store
        .add_transfer(f.case, &T(input.clone()).accept().0)
        .unwrap();
    assert_eq!(saved.warnings.len(), 1);
    assert_eq!(saved.occurred.utc, "2026-03-14T08:30:00Z");
    assert_eq!(saved.occurred.offset_minutes, 60);
    let fixed = f
        .store
        .update_transfer(
            saved.id,
            &T::new("2026-03-14 09:30", "2500", "USDT")
                .usdt_tron(TRON_OK)
                .0,
        )
        .unwrap();
    assert!(fixed.warnings.is_empty());
    assert_eq!(fixed.beneficiary_wallet, TRON_OK);
    let log = f.store.audit_log(Some(f.case)).unwrap();
    assert!(log
        .iter()
        .any(|e| e.summary.contains("saved with 1 warning")));
    assert!(log.last().unwrap().summary.contains("Transfer T-1"));
}

#[test]
fn chain_mismatch_and_bank_details_are_flagged() {
    let mut f = fixture("UTC");
    let mut wrong_chain = T::new("2026-03-14 09:30", "100", "USDT")
        .usdt_tron(TRON_OK)
        .0;
    wrong_chain.network = Some(Network::Ethereum);
    wrong_chain.reference = format!("0x{TX}");
    let w = f.store.check_transfer(f.case, &wrong_chain).unwrap();
    assert!(
        w[0].contains("looks like a TRON address") && w[0].contains("Ethereum"),
        "{w:?}"
    );

    let bank = T::new("2026-03-01 10:00", "4000", "EUR")
        .iban("DE89 3704 0044 0532 0130 01", "COBADEFFXXX")
        .0;
    let w = f.store.check_transfer(f.case, &bank).unwrap();
    assert_eq!(w.len(), 1);
    assert!(w[0].starts_with("Beneficiary account:") && w[0].contains("mod-97"));
    let ok = f
        .store
        .add_transfer(
            f.case,
            &T::new("2026-03-01 10:00", "4000", "EUR")
                .iban("de89 3704 0044 0532 0130 00", "cobadeffxxx")
                .0,
        )
        .unwrap();
    assert_eq!(ok.beneficiary_account, "DE89370400440532013000");
    assert_eq!(ok.beneficiary_bic, "COBADEFFXXX");

    // Hard errors name what to fix and save nothing.
    for (input, needle) in [
        (
            T::new("2026-03-01 10:00", "1.500,00", "EUR").0,
            "point for decimals",
        ),
        (T::new("2026-03-01 10:00", "-5", "EUR").0, "more than zero"),
        (T::new("2026-03-01 10:00", "5", "EURO").0, "not a currency"),
        (
            T::new("2026-03-01 10:00", "5", "USDT").0,
            "Choose the network",
        ),
        (T::new("01/03/2026", "5", "EUR").0, "year-month-day"),
        (
            T::new("2026-03-01 10:00", "5", "EUR").rate("abc").0,
            "exchange rate",
        ),
    ] {
        let err = f.store.add_transfer(f.case, &input).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
        assert!(
            err.to_string().contains(needle),
            "{err} should mention {needle}"
        );
    }
    assert_eq!(f.store.list_transfers(f.case).unwrap().len(), 1);
}

#[test]
fn totals_are_exact_decimals_per_currency_and_in_the_reporting_currency() {
    let mut f = fixture("UTC");
    for (i, amount) in ["0.1", "0.2", "1000000000000.01"].iter().enumerate() {
        f.store
            .add_transfer(
                f.case,
                &T::new(&format!("2026-03-0{} 10:00", i + 1), amount, "EUR").0,
            )
            .unwrap();
    }
    f.store
        .add_transfer(
            f.case,
            &T::new("2026-03-05 10:00", "0.3", "EUR")
                .direction(Direction::Recovered)
                .0,
        )
        .unwrap();
    f.store
        .add_transfer(
            f.case,
            &T::new("2026-03-06 10:00", "1000", "USDT")
                .usdt_tron(TRON_OK)
                .rate("0.92")
                .0,
        )
        .unwrap();
    f.store
        .add_transfer(
            f.case,
            &T::new("2026-03-07 10:00", "50", "USDT")
                .usdt_tron(TRON_OK)
                .direction(Direction::In)
                .rate("0.92")
                .0,
        )
        .unwrap();
    f.store
        .add_transfer(f.case, &T::new("2026-03-08 10:00", "200", "GBP").0)
        .unwrap();
    let mut failed = T::new("2026-03-09 10:00", "999", "EUR").0;
    failed.status = TransferStatus::Failed;
    f.store.add_transfer(f.case, &failed).unwrap();

    let s = f.store.loss_summary(f.case).unwrap();
    assert_eq!(s.transfers, 8);
    let eur = s.per_currency.iter().find(|c| c.currency == "EUR").unwrap();
    assert_eq!(eur.paid_out, "1000000000000.31");
    assert_eq!(eur.recovered, "0.3");
    assert_eq!(eur.net_loss, "1000000000000.01");
    let usdt = s
        .per_currency
        .iter()
        .find(|c| c.currency == "USDT")
        .unwrap();
    assert_eq!(usdt.network, Some(Network::Tron));
    assert_eq!(
        (
            usdt.paid_out.as_str(),
            usdt.received.as_str(),
            usdt.net_loss.as_str()
        ),
        ("1000", "50", "950")
    );
    assert_eq!(s.transfers_without_rate, 1, "the GBP transfer has no rate");
    assert_eq!(s.in_reporting_currency.paid_out, "1000000000920.31");
    assert_eq!(s.in_reporting_currency.received, "46.00");
    assert_eq!(s.in_reporting_currency.net_loss, "1000000000874.01");
    assert_eq!(s.first_transfer_at.as_deref(), Some("2026-03-01T10:00:00Z"));
    assert_eq!(s.last_transfer_at.as_deref(), Some("2026-03-08T10:00:00Z"));
}

fn ident(kind: IdentifierKind, value: &str, subject: Option<i32>) -> IdentifierInput {
    IdentifierInput {
        subject_id: subject,
        kind,
        value: value.into(),
        network: None,
        bank_name: String::new(),
        is_exchange_deposit: false,
        notes: String::new(),
        accept_warnings: false,
    }
}

#[test]
fn identifiers_are_normalized_and_matched_across_cases() {
    let mut f = fixture("Asia/Hong_Kong");
    let anna = f
        .store
        .add_subject(
            f.case,
            &SubjectInput {
                kind: SubjectKind::Persona,
                name: "Anna".into(),
                description: "Says she is a wine trader in Hong Kong".into(),
                notes: String::new(),
            },
        )
        .unwrap();
    let phone = f
        .store
        .add_identifier(
            f.case,
            &ident(IdentifierKind::Whatsapp, "+852 5123 4567", Some(anna.id)),
        )
        .unwrap();
    assert_eq!(phone.display, "+85251234567");
    let mut wallet = ident(IdentifierKind::CryptoWallet, TRON_OK, Some(anna.id));
    wallet.network = Some(Network::Tron);
    wallet.is_exchange_deposit = true;
    f.store.add_identifier(f.case, &wallet).unwrap();
    let typo = f
        .store
        .add_identifier(
            f.case,
            &ident(IdentifierKind::CryptoWallet, TRON_TYPO, None),
        )
        .unwrap_err();
    assert_eq!(typo.kind(), ErrorKind::NeedsConfirmation);

    // A second case with the same phone written differently, and the wallet on a transfer.
    let other = f.store.create_case("Client 2 – fake exchange").unwrap().id;
    f.store
        .add_identifier(
            other,
            &ident(IdentifierKind::Phone, "00852 5123-4567", None),
        )
        .unwrap();
    f.store
        .add_transfer(
            other,
            &T::new("2026-04-01 10:00", "300", "USDT")
                .usdt_tron(TRON_OK)
                .0,
        )
        .unwrap();

    let subjects = f.store.list_subjects(f.case).unwrap();
    assert_eq!(subjects.len(), 1);
    assert_eq!(subjects[0].identifiers.len(), 2);
    for i in &subjects[0].identifiers {
        assert_eq!(i.other_cases.len(), 1, "{i:?}");
        assert_eq!(i.other_cases[0].id, other);
    }
    let list = f.store.list_cases(&CaseFilter::default()).unwrap();
    let first = list.iter().find(|c| c.id == f.case).unwrap();
    assert_eq!(first.shared_identifiers, 2);
    assert_eq!(first.item_count, 1, "one subject");

    // Deleting the subject removes its identifiers from matching, and is audited.
    f.store.delete_subject(anna.id).unwrap();
    assert!(f.store.list_identifiers(f.case).unwrap().is_empty());
    let list = f.store.list_cases(&CaseFilter::default()).unwrap();
    assert_eq!(
        list.iter()
            .find(|c| c.id == other)
            .unwrap()
            .shared_identifiers,
        0
    );
    assert!(f.store.verify_audit_chain().unwrap().problem.is_none());
}

#[test]
fn evidence_intake_hashes_dedupes_and_reads_exif() {
    let mut f = fixture("Europe/Berlin");
    let shot = png(1080, 2340, 7);
    let file = f._dir.path().join("Screenshot_2026-03-14.png");
    std::fs::write(&file, &shot).unwrap();
    let first = f
        .store
        .add_evidence_file(f.case, &file, "Anna's trading screen")
        .unwrap();
    assert!(!first.duplicate);
    let e = &first.evidence;
    // The hash is the one sha256sum computes.
    let out = std::process::Command::new("sha256sum")
        .arg(&file)
        .output()
        .unwrap();
    let expected = String::from_utf8(out.stdout).unwrap();
    assert_eq!(e.sha256, expected.split_whitespace().next().unwrap());
    assert_eq!(e.media_type, "image/png");
    assert_eq!(e.size_bytes as usize, shot.len());
    assert!(e.has_preview);
    assert_eq!(e.capture_time_source, CaptureTimeSource::FileModified);
    let (mt, bytes) = f.store.evidence_original(e.id).unwrap();
    assert_eq!((mt.as_str(), bytes.len()), ("image/png", shot.len()));
    assert!(f.store.evidence_thumbnail(e.id).unwrap().is_some());

    // Same bytes under another name: recognized, not stored twice.
    let again = f
        .store
        .add_evidence(f.case, "copy.png", &shot, None, "")
        .unwrap();
    assert!(again.duplicate);
    assert_eq!(again.evidence.id, e.id);
    assert_eq!(f.store.list_evidence(f.case).unwrap().len(), 1);

    let photo = jpeg_with_exif("2026:03:14 09:30:12", Some("+08:00"));
    let p = f
        .store
        .add_evidence(f.case, "IMG_0001.jpg", &photo, None, "")
        .unwrap()
        .evidence;
    assert_eq!(p.media_type, "image/jpeg");
    assert_eq!(p.capture_time_source, CaptureTimeSource::Exif);
    let m = p.captured.unwrap();
    assert_eq!(
        (m.utc.as_str(), m.offset_minutes),
        ("2026-03-14T01:30:12Z", 480)
    );
    let no_offset = jpeg_with_exif("2026:07:01 18:00:00", None);
    let q = f
        .store
        .add_evidence(f.case, "IMG_0002.jpg", &no_offset, None, "")
        .unwrap()
        .evidence;
    assert_eq!(q.capture_time_source, CaptureTimeSource::ExifNoOffset);
    assert_eq!(
        q.captured.unwrap().utc,
        "2026-07-01T16:00:00Z",
        "read in the case's zone (CEST)"
    );

    // Garbage and unknown formats are stored as attachments, never refused or crashed on.
    let pdf = f
        .store
        .add_evidence(
            f.case,
            "statement.pdf",
            b"%PDF-1.4\n% bank statement\n",
            None,
            "",
        )
        .unwrap()
        .evidence;
    assert_eq!(pdf.media_type, "application/pdf");
    assert!(!pdf.has_preview);
    let junk: Vec<u8> = (0..10_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    let j = f
        .store
        .add_evidence(f.case, "chat.bin", &junk, None, "")
        .unwrap()
        .evidence;
    assert_eq!(j.media_type, "application/octet-stream");
    let empty = f
        .store
        .add_evidence(f.case, "empty.png", b"", None, "")
        .unwrap_err();
    assert_eq!(empty.kind(), ErrorKind::Refused);

    // The capture time can be corrected by hand, and says so.
    let fixed = f
        .store
        .update_evidence(
            e.id,
            &EvidenceUpdate {
                caption: "Trading screen".into(),
                captured_at: Some("2026-03-14 08:00".into()),
            },
        )
        .unwrap();
    assert_eq!(fixed.capture_time_source, CaptureTimeSource::User);
    assert_eq!(fixed.captured.unwrap().utc, "2026-03-14T07:00:00Z");
    f.store.delete_evidence(j.id).unwrap();
    assert!(f.store.evidence_original(j.id).is_err());
    assert!(f.store.verify_audit_chain().unwrap().problem.is_none());
}

#[test]
fn timeline_merges_sources_in_order_filters_and_links() {
    let mut f = fixture("Asia/Hong_Kong");
    let shot = f
        .store
        .add_evidence(
            f.case,
            "chat.png",
            &png(40, 80, 1),
            None,
            "First message from Anna",
        )
        .unwrap()
        .evidence;
    f.store
        .update_evidence(
            shot.id,
            &EvidenceUpdate {
                caption: "First message from Anna".into(),
                captured_at: Some("2026-02-01 20:15".into()),
            },
        )
        .unwrap();
    let t = f
        .store
        .add_transfer(
            f.case,
            &T::new("2026-02-10T09:00:00+01:00", "5000", "EUR")
                .iban("DE89370400440532013000", "")
                .0,
        )
        .unwrap();
    let anna = f
        .store
        .add_subject(
            f.case,
            &SubjectInput {
                kind: SubjectKind::Persona,
                name: "Anna".into(),
                description: String::new(),
                notes: String::new(),
            },
        )
        .unwrap();
    f.store
        .add_event(
            f.case,
            &EventInput {
                occurred_at: "2026-02-01 20:10".into(),
                kind: EventKind::FirstContact,
                title: "Anna wrote on WhatsApp \"by mistake\"".into(),
                description: String::new(),
                links: vec![
                    Link {
                        kind: LinkKind::Subject,
                        id: anna.id,
                    },
                    Link {
                        kind: LinkKind::Evidence,
                        id: shot.id,
                    },
                ],
            },
        )
        .unwrap();
    f.store
        .add_event(
            f.case,
            &EventInput {
                occurred_at: "2026-03-01 11:00".into(),
                kind: EventKind::WithdrawalRefused,
                title: "Platform asked for a 20% tax".into(),
                description: "Withdrawal blocked".into(),
                links: vec![Link {
                    kind: LinkKind::Transfer,
                    id: t.id,
                }],
            },
        )
        .unwrap();
    let bad_link = f.store.add_event(
        f.case,
        &EventInput {
            occurred_at: "2026-03-02 11:00".into(),
            kind: EventKind::Note,
            title: "x".into(),
            description: String::new(),
            links: vec![Link {
                kind: LinkKind::Transfer,
                id: 999,
            }],
        },
    );
    assert_eq!(bad_link.unwrap_err().kind(), ErrorKind::Invalid);

    let page = f
        .store
        .timeline(
            f.case,
            &TimelineQuery {
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(page.total, 4);
    let titles: Vec<_> = page.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "Anna wrote on WhatsApp \"by mistake\"",
            "chat.png",
            "Paid out 5000 EUR",
            "Platform asked for a 20% tax"
        ]
    );
    let transfer = &page.entries[2];
    assert_eq!(transfer.recorded, "2026-02-10T09:00:00+01:00");
    assert_eq!(
        transfer.case_local, "2026-02-10 16:00",
        "shown in the case's zone, never shifted silently"
    );
    assert_eq!(
        (
            transfer.recorded_offset_minutes,
            transfer.case_offset_minutes
        ),
        (60, 480)
    );
    assert_eq!(page.entries[0].day, "2026-02-01");
    assert_eq!(page.entries[0].links.len(), 2);

    let only = f
        .store
        .timeline(
            f.case,
            &TimelineQuery {
                kinds: vec!["out".into(), "withdrawal_refused".into()],
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(only.total, 2);
    let found = f
        .store
        .timeline(
            f.case,
            &TimelineQuery {
                text: "20%".into(),
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(found.total, 1);
    let by_iban = f
        .store
        .timeline(
            f.case,
            &TimelineQuery {
                text: "de8937".into(),
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(by_iban.entries[0].title, "Paid out 5000 EUR");
    let paged = f
        .store
        .timeline(
            f.case,
            &TimelineQuery {
                offset: 3,
                limit: 2,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!((paged.total, paged.entries.len()), (4, 1));
}

#[test]
fn nothing_readable_on_disk_after_records_and_a_canary_image() {
    let mut f = fixture("UTC");
    let canary_text = "CANARY-caption-9d2f";
    let mut img = png(64, 64, 3);
    // Put a canary inside the image file's bytes (a PNG text chunk is just bytes to us).
    img.extend_from_slice(b"CANARY-image-bytes-77a1");
    f.store
        .add_evidence(f.case, "canary.png", &img, None, canary_text)
        .unwrap();
    let mut t = T::new("2026-03-01 10:00", "777", "EUR").0;
    t.beneficiary_name = "CANARY-beneficiary-Ltd".into();
    f.store.add_transfer(f.case, &t).unwrap();
    f.store
        .add_identifier(
            f.case,
            &ident(IdentifierKind::Email, "canary.scammer@example.com", None),
        )
        .unwrap();
    let path = f.path.clone();
    drop(f.store);
    for entry in std::fs::read_dir(path.parent().unwrap()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        for needle in [
            "CANARY-caption-9d2f",
            "CANARY-image-bytes-77a1",
            "CANARY-beneficiary-Ltd",
            "canary.scammer@example.com",
        ] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} on disk"
            );
        }
    }
}

/// A case with a bit of everything, built through the public API.
fn rich_case(f: &mut Fixture) {
    let anna = f
        .store
        .add_subject(
            f.case,
            &SubjectInput {
                kind: SubjectKind::Persona,
                name: "Anna 娜娜".into(),
                description: "Wine trader, Hong Kong".into(),
                notes: String::new(),
            },
        )
        .unwrap();
    f.store
        .add_identifier(
            f.case,
            &ident(IdentifierKind::Telegram, "@anna_trader88", Some(anna.id)),
        )
        .unwrap();
    let mut w = ident(IdentifierKind::CryptoWallet, TRON_OK, Some(anna.id));
    w.network = Some(Network::Tron);
    w.is_exchange_deposit = true;
    let wallet = f.store.add_identifier(f.case, &w).unwrap();
    let shot = f
        .store
        .add_evidence(
            f.case,
            "chat.png",
            &png(30, 60, 9),
            None,
            "Anna's first message",
        )
        .unwrap()
        .evidence;
    f.store
        .add_evidence(
            f.case,
            "IMG_0001.jpg",
            &jpeg_with_exif("2026:03:14 09:30:12", Some("+08:00")),
            None,
            "",
        )
        .unwrap();
    let mut t = T::new("2026-03-14T09:45:00+08:00", "2500.50", "USDT")
        .usdt_tron(TRON_TYPO)
        .accept()
        .rate("0.92")
        .0;
    t.evidence_ids = vec![shot.id];
    let transfer = f.store.add_transfer(f.case, &t).unwrap();
    f.store
        .add_event(
            f.case,
            &EventInput {
                occurred_at: "2026-03-14 10:00".into(),
                kind: EventKind::RequestForMoney,
                title: "Asked for a 20% tax".into(),
                description: "Before any withdrawal".into(),
                links: vec![
                    Link {
                        kind: LinkKind::Transfer,
                        id: transfer.id,
                    },
                    Link {
                        kind: LinkKind::Identifier,
                        id: wallet.id,
                    },
                    Link {
                        kind: LinkKind::Subject,
                        id: anna.id,
                    },
                ],
            },
        )
        .unwrap();
}

fn without_time(
    mut e: casefile_core::interchange::CaseExport,
) -> casefile_core::interchange::CaseExport {
    e.exported_at = String::new();
    e
}

#[test]
fn json_export_import_round_trip_is_identical() {
    let mut f = fixture("Asia/Hong_Kong");
    rich_case(&mut f);
    let first = f.store.export_case(f.case).unwrap();
    let text = serde_json::to_string_pretty(&first).unwrap();
    assert!(text.contains("\"format\": \"casefile-case\""));
    let parsed: casefile_core::interchange::CaseExport = serde_json::from_str(&text).unwrap();
    let imported = f.store.import_case(&parsed).unwrap();
    assert_ne!(imported.id, f.case);
    let second = f.store.export_case(imported.id).unwrap();
    assert_eq!(without_time(first), without_time(second));
    // The imported transfer kept its warning, its evidence link and its recorded offset.
    let t = &f.store.list_transfers(imported.id).unwrap()[0];
    assert_eq!(t.warnings.len(), 1);
    assert_eq!(t.evidence_ids.len(), 1);
    assert_eq!(t.occurred.recorded, "2026-03-14T09:45:00+08:00");
    let log = f.store.audit_log(Some(imported.id)).unwrap();
    assert!(
        log.last().unwrap().summary.starts_with("Case imported"),
        "{:?}",
        log.last()
    );
    // The wallet now matches across the two cases.
    let ids = f.store.list_identifiers(imported.id).unwrap();
    assert!(ids
        .iter()
        .all(|i| i.other_cases.iter().any(|c| c.id == f.case)));
}

#[test]
fn tampered_export_is_refused_and_nothing_is_imported() {
    let mut f = fixture("UTC");
    rich_case(&mut f);
    let mut export = f.store.export_case(f.case).unwrap();
    let cases_before = f
        .store
        .list_cases(&CaseFilter {
            include_archived: true,
            ..Default::default()
        })
        .unwrap()
        .len();
    let audit_before = f.store.audit_log(None).unwrap().len();
    // Flip one byte of the second evidence item, keeping its stated hash.
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut bytes = b64.decode(&export.evidence[1].content_base64).unwrap();
    bytes[200] ^= 0x01;
    export.evidence[1].content_base64 = b64.encode(&bytes);
    let err = f.store.import_case(&export).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused);
    let msg = err.to_string();
    assert!(
        msg.contains("Evidence item 2")
            && msg.contains("does not match its SHA-256")
            && msg.contains("Nothing was imported"),
        "{msg}"
    );
    assert_eq!(
        f.store
            .list_cases(&CaseFilter {
                include_archived: true,
                ..Default::default()
            })
            .unwrap()
            .len(),
        cases_before
    );
    assert_eq!(f.store.audit_log(None).unwrap().len(), audit_before);

    export.version = 5;
    assert!(f
        .store
        .import_case(&export)
        .unwrap_err()
        .to_string()
        .contains("version 5"));
}

#[test]
fn a_failure_half_way_through_an_import_leaves_nothing_behind() {
    let mut f = fixture("UTC");
    rich_case(&mut f);
    let mut export = f.store.export_case(f.case).unwrap();
    export.events[0].occurred_at = "not a time".into();
    let before = f.store.audit_log(None).unwrap().len();
    let err = f.store.import_case(&export).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert_eq!(
        f.store
            .list_cases(&CaseFilter {
                include_archived: true,
                ..Default::default()
            })
            .unwrap()
            .len(),
        1
    );
    assert_eq!(f.store.audit_log(None).unwrap().len(), before);
    assert!(f.store.verify_audit_chain().unwrap().problem.is_none());
}

#[test]
fn every_delete_can_be_undone_from_the_deleted_items_and_says_what_blocks_it() {
    let mut f = fixture("Europe/London");
    let t = f
        .store
        .add_transfer(f.case, &T::new("2026-03-14 09:30", "5000", "EUR").0)
        .unwrap();
    let anna = f
        .store
        .add_subject(
            f.case,
            &SubjectInput {
                kind: SubjectKind::Persona,
                name: "Anna".into(),
                description: String::new(),
                notes: String::new(),
            },
        )
        .unwrap();
    let phone = f
        .store
        .add_identifier(
            f.case,
            &ident(IdentifierKind::Phone, "00852 5123-4567", Some(anna.id)),
        )
        .unwrap();
    let loose = f
        .store
        .add_identifier(
            f.case,
            &ident(IdentifierKind::Email, "anna@example.com", None),
        )
        .unwrap();
    let shot = f
        .store
        .add_evidence(f.case, "chat.png", &png(20, 40, 7), None, "")
        .unwrap();
    let other = f
        .store
        .add_evidence(f.case, "other.png", &png(20, 40, 8), None, "")
        .unwrap();

    f.store.delete_transfer(t.id).unwrap();
    f.store.delete_identifier(loose.id).unwrap();
    f.store.delete_subject(anna.id).unwrap();
    f.store.delete_evidence(shot.evidence.id).unwrap();
    f.store.delete_evidence(other.evidence.id).unwrap();
    assert!(
        f.store.evidence_original(shot.evidence.id).is_err(),
        "deleted evidence is not served"
    );

    let items = f.store.deleted_items(f.case).unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
    assert!(
        labels.contains(&format!("T-{} · Paid out 5000 EUR", t.id).as_str()),
        "{labels:?}"
    );
    assert!(labels.contains(&format!("S-{} · Anna", anna.id).as_str()));
    assert!(labels.contains(&format!("V-{} · chat.png", shot.evidence.id).as_str()));
    assert!(
        !labels
            .iter()
            .any(|l| l.starts_with(&format!("I-{} ", phone.id))),
        "an identifier deleted with its subject comes back with it, not on its own: {labels:?}"
    );
    assert!(items.iter().all(|i| i.blocked.is_none()));

    // The same file added again blocks bringing the deleted one back.
    let again = f
        .store
        .add_evidence(f.case, "chat (copy).png", &png(20, 40, 7), None, "")
        .unwrap();
    let blocked = f
        .store
        .deleted_items(f.case)
        .unwrap()
        .into_iter()
        .find(|i| i.kind == DeletedKind::Evidence && i.id == shot.evidence.id)
        .unwrap();
    assert_eq!(
        blocked.blocked.as_deref(),
        Some(
            format!(
                "The same file is in the case again as V-{}.",
                again.evidence.id
            )
            .as_str()
        )
    );
    let err = f
        .store
        .restore_deleted(DeletedKind::Evidence, shot.evidence.id)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert!(err.to_string().contains("Nothing was changed"), "{err}");

    // Bring back: the transfer, the subject with its phone, the evidence with its bytes.
    f.store
        .restore_deleted(DeletedKind::Transfer, t.id)
        .unwrap();
    f.store
        .restore_deleted(DeletedKind::Subject, anna.id)
        .unwrap();
    f.store
        .restore_deleted(DeletedKind::Evidence, other.evidence.id)
        .unwrap();
    assert_eq!(f.store.list_transfers(f.case).unwrap().len(), 1);
    let back = f.store.get_subject(anna.id).unwrap();
    assert_eq!(back.identifiers.len(), 1, "the phone came back with Anna");
    assert_eq!(
        f.store.evidence_original(other.evidence.id).unwrap().1,
        png(20, 40, 8)
    );
    assert!(
        f.store
            .restore_deleted(DeletedKind::Transfer, t.id)
            .is_err(),
        "not deleted any more"
    );
    f.store
        .restore_deleted(DeletedKind::Identifier, loose.id)
        .unwrap();
    assert_eq!(f.store.list_identifiers(f.case).unwrap().len(), 2);

    // Emptying the deleted items removes the kept bytes for good.
    assert_eq!(f.store.purge_deleted_evidence(f.case).unwrap(), 1);
    assert!(f
        .store
        .deleted_items(f.case)
        .unwrap()
        .iter()
        .all(|i| i.kind != DeletedKind::Evidence));
    let log = f.store.audit_log(Some(f.case)).unwrap();
    assert!(log
        .iter()
        .any(|e| e.summary == format!("Brought back after deleting: S-{} · Anna", anna.id)));
    assert!(log.iter().any(|e| e.summary.starts_with(&format!(
        "Evidence V-{} deleted for good: chat.png",
        shot.evidence.id
    ))));
    assert!(f.store.verify_audit_chain().unwrap().problem.is_none());
}

#[test]
fn a_case_is_deleted_only_with_its_title_typed_and_can_be_brought_back_whole() {
    let mut f = fixture("Europe/London");
    f.store
        .add_transfer(f.case, &T::new("2026-03-14 09:30", "5000", "EUR").0)
        .unwrap();
    f.store
        .save_draft(
            &format!("case:{}:details", f.case),
            Some(f.case),
            r#"{"a":1}"#,
        )
        .unwrap();
    let err = f.store.delete_case(f.case, "Romance").unwrap_err();
    assert_eq!(err.field(), Some("confirmation"));
    assert!(err.to_string().contains("Romance – Anna"), "{err}");
    assert_eq!(f.store.list_cases(&CaseFilter::default()).unwrap().len(), 1);
    f.store.delete_case(f.case, "  romance – anna ").unwrap();
    assert!(f
        .store
        .list_cases(&CaseFilter::default())
        .unwrap()
        .is_empty());
    assert_eq!(
        f.store.get_case(f.case).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert!(
        f.store.list_drafts().unwrap().is_empty(),
        "its drafts went with it"
    );
    let deleted = f.store.deleted_cases().unwrap();
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0].title, "Romance – Anna");
    let back = f.store.restore_case(f.case).unwrap();
    assert_eq!(back.details.title, "Romance – Anna");
    assert_eq!(
        f.store.list_drafts().unwrap().len(),
        1,
        "its drafts are back with it"
    );
    assert_eq!(f.store.list_transfers(f.case).unwrap().len(), 1);
    assert!(f.store.deleted_cases().unwrap().is_empty());
    assert!(f.store.verify_audit_chain().unwrap().problem.is_none());
}

#[test]
fn one_search_finds_names_wallets_ibans_references_notes_and_chat_text_in_every_case() {
    let mut f = fixture("Europe/London");
    let mut d = f.store.get_case(f.case).unwrap().details;
    d.victim_name = "Margarethe Okonkwo".into();
    d.police_report_no = "CR-2026-44817".into();
    f.store.update_case(f.case, &d).unwrap();
    f.store
        .add_transfer(
            f.case,
            &T::new("2026-03-14 09:30", "5000", "USDT")
                .usdt_tron(TRON_OK)
                .0,
        )
        .unwrap();
    f.store
        .add_transfer(
            f.case,
            &T::new("2026-03-15 09:30", "1200", "EUR")
                .iban("GB29 NWBK 6016 1331 9268 19", "NWBKGB2L")
                .0,
        )
        .unwrap();
    let other = f.store.create_case("Second victim").unwrap().id;
    let mut wallet = ident(IdentifierKind::CryptoWallet, TRON_OK, None);
    wallet.network = Some(Network::Tron);
    f.store.add_identifier(other, &wallet).unwrap();
    f.store
        .add_evidence(
            other,
            "receipt.png",
            &png(20, 40, 3),
            None,
            "Withdrawal fee receipt",
        )
        .unwrap();
    f.store
        .import_chat_bytes(
            f.case,
            "WhatsApp Chat with Anna.txt",
            b"14/03/2026, 09:31 - Anna: The withdrawal fee is 15% of your profit\n".to_vec(),
            &ChatImportOptions::default(),
            &mut go,
        )
        .unwrap();

    let find = |store: &Store, text: &str| -> Vec<(i32, SearchKind, String)> {
        store
            .search(text, 100)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| (h.case_id, h.kind, h.label))
            .collect()
    };
    // A wallet appears in both cases.
    let wallet = find(&f.store, &TRON_OK[5..20]);
    assert!(
        wallet
            .iter()
            .any(|h| h.0 == f.case && h.1 == SearchKind::Transfer),
        "{wallet:?}"
    );
    assert!(
        wallet
            .iter()
            .any(|h| h.0 == other && h.1 == SearchKind::Identifier),
        "{wallet:?}"
    );
    // An IBAN typed together or with spaces.
    for typed in [
        "GB29NWBK60161331926819",
        "gb29 nwbk 6016 1331 9268 19",
        "1331 9268",
    ] {
        let hits = find(&f.store, typed);
        assert_eq!(hits.len(), 1, "{typed}: {hits:?}");
        assert_eq!(hits[0].1, SearchKind::Transfer);
        assert!(hits[0].2.contains("1200 EUR"), "{hits:?}");
    }
    // The victim's name, a police reference, a caption, chat text.
    assert_eq!(find(&f.store, "okonkwo")[0].1, SearchKind::Case);
    assert_eq!(find(&f.store, "44817")[0].1, SearchKind::Case);
    let fee = f.store.search("withdrawal fee", 100).unwrap();
    let kinds: Vec<SearchKind> = fee.hits.iter().map(|h| h.kind).collect();
    assert!(
        kinds.contains(&SearchKind::Evidence) && kinds.contains(&SearchKind::ChatMessage),
        "{kinds:?}"
    );
    let message = fee
        .hits
        .iter()
        .find(|h| h.kind == SearchKind::ChatMessage)
        .unwrap();
    assert_eq!(message.label, "Message of 2026-03-14 09:31 from Anna");
    assert!(message.chat_id.is_some());
    assert!(
        message.snippet.contains("withdrawal fee is 15%"),
        "{}",
        message.snippet
    );
    // Every word must be there; a short word narrows.
    assert!(find(&f.store, "withdrawal zebra").is_empty());
    assert_eq!(find(&f.store, "fee 15").len(), 1);
    // Deleted records and cases are not found; brought back, they are again.
    let tr = f.store.list_transfers(f.case).unwrap()[1].id;
    f.store.delete_transfer(tr).unwrap();
    assert!(find(&f.store, "GB29NWBK60161331926819").is_empty());
    f.store.restore_deleted(DeletedKind::Transfer, tr).unwrap();
    assert_eq!(find(&f.store, "GB29NWBK60161331926819").len(), 1);
    f.store.delete_case(other, "Second victim").unwrap();
    assert!(find(&f.store, "receipt").is_empty());
    // Too short or too long to search: said in words; control characters and wildcards are
    // plain text.
    let err = f.store.search("ab", 10).unwrap_err();
    assert_eq!(err.field(), Some("text"));
    assert_eq!(
        f.store.search(&"fee ".repeat(80), 10).unwrap_err().field(),
        Some("text")
    );
    assert_eq!(find(&f.store, "withdrawal\u{0}fee 15%").len(), 1);
    assert!(
        find(&f.store, "withdrawal 2%").is_empty(),
        "% is a character, not a wildcard"
    );
}

fn contact(at: &str, org: &str, next: &str, due: Option<&str>) -> ContactInput {
    ContactInput {
        contacted_at: at.into(),
        party: ContactParty::Bank,
        organisation: org.into(),
        person: "Mr Patel".into(),
        channel: ContactChannel::Phone,
        reference: "CLM-20931".into(),
        summary: "Reported the payments; they opened a claim.".into(),
        promised: "A decision within 15 working days.".into(),
        next_step: next.into(),
        next_step_due: due.map(str::to_string),
        next_step_done: false,
    }
}

#[test]
fn the_contact_log_feeds_the_dashboard_search_deleted_items_and_the_export() {
    let mut f = fixture("Europe/London");
    f.store
        .add_transfer(f.case, &T::new("2026-03-14 09:30", "5000", "EUR").0)
        .unwrap();
    f.store
        .add_transfer(
            f.case,
            &T::new("2026-03-15 09:30", "700", "USDT")
                .usdt_tron(TRON_OK)
                .0,
        )
        .unwrap();
    let first = f
        .store
        .add_contact(
            f.case,
            &contact(
                "2026-03-20 14:00",
                "Barclays fraud team",
                "Call back if no letter",
                Some("2026-04-10"),
            ),
        )
        .unwrap();
    assert_eq!(first.contacted.recorded, "2026-03-20T14:00:00+00:00");
    let second = f
        .store
        .add_contact(
            f.case,
            &contact(
                "2026-03-21 10:00",
                "Action Fraud",
                "Send the dossier",
                Some("2026-03-28"),
            ),
        )
        .unwrap();
    let quiet = f.store.create_case("Quiet case").unwrap().id;

    let board = f.store.dashboard(false).unwrap();
    assert_eq!(board.len(), 2);
    let row = board.iter().find(|r| r.id == f.case).unwrap();
    assert_eq!(row.next_step.as_deref(), Some("Send the dossier"));
    assert_eq!(row.next_step_due.as_deref(), Some("2026-03-28"));
    assert_eq!(row.open_steps, 2);
    let losses: Vec<(&str, &str)> = row
        .losses
        .iter()
        .map(|l| (l.currency.as_str(), l.net_loss.as_str()))
        .collect();
    assert!(
        losses.contains(&("EUR", "5000")) && losses.contains(&("USDT", "700")),
        "{losses:?}"
    );
    let empty = board.iter().find(|r| r.id == quiet).unwrap();
    assert!(empty.losses.is_empty() && empty.next_step.is_none() && empty.open_steps == 0);

    // Ticking a step done moves the deadline to the next one.
    let mut done = contact(
        "2026-03-21 10:00",
        "Action Fraud",
        "Send the dossier",
        Some("2026-03-28"),
    );
    done.next_step_done = true;
    f.store.update_contact(second.id, &done).unwrap();
    let row = f
        .store
        .dashboard(false)
        .unwrap()
        .into_iter()
        .find(|r| r.id == f.case)
        .unwrap();
    assert_eq!(row.next_step_due.as_deref(), Some("2026-04-10"));
    assert_eq!(row.open_steps, 1);

    // Found by their reference; deleted and brought back; carried by the case export.
    let hits = f.store.search("CLM-20931", 10).unwrap().hits;
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| h.kind == SearchKind::Contact));
    f.store.delete_contact(first.id).unwrap();
    assert_eq!(f.store.list_contacts(f.case).unwrap().len(), 1);
    let deleted = f.store.deleted_items(f.case).unwrap();
    assert_eq!(deleted[0].kind, DeletedKind::Contact);
    assert!(
        deleted[0].label.contains("Barclays fraud team"),
        "{:?}",
        deleted[0]
    );
    f.store
        .restore_deleted(DeletedKind::Contact, first.id)
        .unwrap();
    let export = f.store.export_case(f.case).unwrap();
    assert_eq!(export.version, 4);
    assert_eq!(export.contacts.len(), 2);
    assert_eq!(
        export.contacts[0].organisation, "Barclays fraud team",
        "oldest first"
    );
    let copy = f.store.import_case(&export).unwrap();
    assert_eq!(f.store.list_contacts(copy.id).unwrap().len(), 2);

    // Bad input is refused in words, nothing stored.
    let mut bad = contact("2026-03-22 10:00", "", "", Some("2026-04-01"));
    bad.person = String::new();
    bad.summary = String::new();
    assert_eq!(
        f.store.add_contact(f.case, &bad).unwrap_err().field(),
        Some("next_step")
    );
    bad.next_step_due = Some("01/04/2026".into());
    bad.next_step = "x".into();
    assert_eq!(
        f.store.add_contact(f.case, &bad).unwrap_err().field(),
        Some("next_step_due")
    );
    bad.next_step_due = None;
    assert_eq!(
        f.store.add_contact(f.case, &bad).unwrap_err().field(),
        Some("organisation")
    );
    assert_eq!(f.store.list_contacts(f.case).unwrap().len(), 2);
    let mut old = export.clone();
    old.version = 2;
    assert_eq!(
        f.store.import_case(&old).unwrap_err().kind(),
        ErrorKind::Refused
    );
}
