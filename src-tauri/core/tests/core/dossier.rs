//! The PDF dossier, checked with standard tools: qpdf --check, pdftotext, pdfinfo, pdftoppm.
//! Artifacts (PDFs and page images) are kept in target/e2e-artifacts/.

use std::path::{Path, PathBuf};
use std::process::Command;

use casefile_core::dossier::{DossierOptions, PicturesPerPage, Variant};
use casefile_core::model::*;
use casefile_core::validate::crypto::Network;
use casefile_core::validate::identifier::IdentifierKind;
use casefile_core::{ErrorKind, Store};
use chrono::{DateTime, Utc};

use crate::support::*;

fn artifacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A valid TRON address made from a seed (0x41 + 20 bytes, base58check).
fn tron(seed: u8) -> String {
    let mut payload = vec![0x41];
    payload.extend((0..20u8).map(|i| i.wrapping_mul(31).wrapping_add(seed.wrapping_mul(7))));
    bs58::encode(payload).with_check().into_string()
}

fn tx(seed: u32) -> String {
    (0..8)
        .map(|i| {
            format!(
                "{:08x}",
                seed.wrapping_mul(2_654_435_761).wrapping_add(i * 97_531)
            )
        })
        .collect()
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    case: i32,
    amounts: Vec<String>,
    wallets: Vec<String>,
    hashes: Vec<String>,
    identifiers: Vec<String>,
    evidence_hashes: Vec<String>,
}

fn transfer(at: &str, direction: Direction, amount: &str, currency: &str) -> TransferInput {
    TransferInput {
        direction,
        from_account: "Sparkasse current account".into(),
        accept_warnings: true,
        ..TransferInput::new(at, amount, currency)
    }
}

/// A realistic case: bank → exchange → USDT on TRON, 3 subjects, 10+ identifiers, 15
/// screenshots, a long statement in several scripts.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("c.db"), PASS, "test").unwrap();
    let case = store
        .create_case("Pig-butchering: “Anna” and BTC-GX Pro")
        .unwrap();
    let mut d = case.details.clone();
    d.victim_name = "Margarethe Vogel".into();
    d.victim_contact = "+49 151 23456789".into();
    d.police_report_no = "BE-2026-118734".into();
    d.bank_claim_no = "SPK-CLAIM-5521".into();
    d.complaint_id = "IC3-I2603141234".into();
    d.time_zone = "Europe/Berlin".into();
    d.reporting_currency = "EUR".into();
    d.statement = format!(
        "{}\n\nAnna wrote to me in Russian first: «Привет, это Анна». Later she sent Greek greetings: «Καλημέρα». The platform was called 比特币交易平台 (BTC-GX Pro).\n\n{}",
        "In March 2026 a woman called Anna contacted me on WhatsApp. She said she was a wine trader in Hong Kong and showed me how she invested. ".repeat(12),
        "I transferred money to an exchange, bought USDT and sent it to the addresses the platform gave me. When I asked to withdraw, they asked for a 20% tax. ".repeat(10)
    );
    store.update_case(case.id, &d).unwrap();
    let case = case.id;

    let mut evidence_hashes = Vec::new();
    let mut evidence_ids = Vec::new();
    for i in 0..15u32 {
        let e = store
            .add_evidence(
                case,
                &format!("Screenshot_202603{:02}_WhatsApp.png", i + 1),
                &screenshot(i),
                None,
                &format!("Chat with Anna, part {}", i + 1),
            )
            .unwrap()
            .evidence;
        store
            .update_evidence(
                e.id,
                &EvidenceUpdate {
                    caption: format!("Chat with Anna, part {}", i + 1),
                    captured_at: Some(format!("2026-03-{:02} 20:{:02}", i + 1, i)),
                },
            )
            .unwrap();
        evidence_hashes.push(e.sha256);
        evidence_ids.push(e.id);
    }
    store
        .add_evidence(
            case,
            "statement.pdf",
            b"%PDF-1.4\n% bank statement March 2026\n",
            None,
            "Bank statement",
        )
        .unwrap();

    let mut amounts = Vec::new();
    let mut wallets = Vec::new();
    let mut hashes = Vec::new();
    // Bank → exchange (EUR), exchange purchases, then USDT on TRON to the scammers.
    for i in 0..8u32 {
        let amount = format!("{}.{:02}", 1500 + i * 250, i * 7);
        let mut t = transfer(
            &format!("2026-03-{:02} 10:{:02}", i + 2, i),
            Direction::Out,
            &amount,
            "EUR",
        );
        t.beneficiary_name = "CoinHarbor Exchange Ltd".into();
        t.beneficiary_bank = "CoinHarbor Payments".into();
        t.beneficiary_account = "DE89370400440532013000".into();
        t.beneficiary_bic = "COBADEFFXXX".into();
        t.reference = format!("CH-DEP-{:05}", 7100 + i);
        t.notes = format!("Bank called me back about payment {i}; I said it was my own account.");
        t.evidence_ids = vec![evidence_ids[i as usize]];
        store.add_transfer(case, &t).unwrap();
        amounts.push(amount);
    }
    for i in 0..12u32 {
        let amount = format!("{}.{}", 1200 + i * 180, i % 10);
        let wallet = tron(i as u8 % 4);
        let hash = tx(i + 1);
        let mut t = transfer(
            &format!("2026-03-{:02} 15:{:02}", i + 3, i),
            Direction::Out,
            &amount,
            "USDT",
        );
        t.network = Some(Network::Tron);
        t.method = TransferMethod::CryptoTransfer;
        t.from_account = "CoinHarbor wallet".into();
        t.beneficiary_wallet = wallet.clone();
        t.wallet_is_exchange_deposit = i % 4 == 0;
        t.reference = hash.clone();
        t.exchange_rate = Some("0.92".into());
        store.add_transfer(case, &t).unwrap();
        amounts.push(amount);
        wallets.push(wallet);
        hashes.push(hash);
    }
    let mut back = transfer("2026-04-02 09:00", Direction::In, "150.00", "USDT");
    back.network = Some(Network::Tron);
    back.method = TransferMethod::CryptoTransfer;
    back.exchange_rate = Some("0.92".into());
    store.add_transfer(case, &back).unwrap();
    store
        .add_transfer(
            case,
            &transfer("2026-05-20 11:00", Direction::Recovered, "2000.00", "EUR"),
        )
        .unwrap();
    amounts.push("150.00".into());
    amounts.push("2000.00".into());

    let mut identifiers = Vec::new();
    let subjects = [
        (
            SubjectKind::Persona,
            "Anna Li",
            "Says she is a wine trader in Hong Kong",
        ),
        (
            SubjectKind::Platform,
            "BTC-GX Pro",
            "Fake trading platform, btc-gx.pro",
        ),
        (
            SubjectKind::Intermediary,
            "Mr Chen, “customer service”",
            "Asked for the 20% tax",
        ),
    ];
    let ids: [(usize, IdentifierKind, String, Option<Network>); 11] = [
        (0, IdentifierKind::Whatsapp, "+852 5123 4567".into(), None),
        (0, IdentifierKind::Telegram, "@anna_wine_hk".into(), None),
        (0, IdentifierKind::Wechat, "AnnaLi_HK88".into(), None),
        (
            0,
            IdentifierKind::SocialProfile,
            "https://www.instagram.com/anna.li.wine/".into(),
            None,
        ),
        (
            1,
            IdentifierKind::Website,
            "https://www.btc-gx.pro/login".into(),
            None,
        ),
        (1, IdentifierKind::Email, "support@btc-gx.pro".into(), None),
        (1, IdentifierKind::App, "BTC-GX Pro".into(), None),
        (
            1,
            IdentifierKind::CryptoWallet,
            tron(0),
            Some(Network::Tron),
        ),
        (2, IdentifierKind::Telegram, "@gx_service_chen".into(), None),
        (2, IdentifierKind::Phone, "+44 7911 123456".into(), None),
        (
            2,
            IdentifierKind::BankAccount,
            "GB82 WEST 1234 5698 7654 32".into(),
            None,
        ),
    ];
    let mut subject_ids = Vec::new();
    for (kind, name, desc) in subjects {
        subject_ids.push(
            store
                .add_subject(
                    case,
                    &SubjectInput {
                        kind,
                        name: name.into(),
                        description: desc.into(),
                        notes: String::new(),
                    },
                )
                .unwrap()
                .id,
        );
    }
    for (s, kind, value, network) in ids {
        let i = store
            .add_identifier(
                case,
                &IdentifierInput {
                    subject_id: Some(subject_ids[s]),
                    kind,
                    value,
                    network,
                    bank_name: String::new(),
                    is_exchange_deposit: kind == IdentifierKind::CryptoWallet,
                    notes: String::new(),
                    accept_warnings: true,
                },
            )
            .unwrap();
        identifiers.push(i.display);
    }
    store
        .add_event(
            case,
            &EventInput {
                occurred_at: "2026-03-01 20:10".into(),
                kind: EventKind::FirstContact,
                title: "Anna wrote on WhatsApp “by mistake”".into(),
                description: "She apologised and kept chatting".into(),
                links: vec![
                    Link {
                        kind: LinkKind::Subject,
                        id: subject_ids[0],
                    },
                    Link {
                        kind: LinkKind::Evidence,
                        id: evidence_ids[0],
                    },
                ],
            },
        )
        .unwrap();
    store
        .add_event(
            case,
            &EventInput {
                occurred_at: "2026-04-01 12:00".into(),
                kind: EventKind::WithdrawalRefused,
                title: "Withdrawal refused: 20% “tax” demanded".into(),
                description: String::new(),
                links: vec![],
            },
        )
        .unwrap();
    Fixture {
        _dir: dir,
        store,
        case,
        amounts,
        wallets,
        hashes,
        identifiers,
        evidence_hashes,
    }
}

fn when() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T14:03:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn run(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} is needed for this test ({e}); ./dev.sh installs it"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn pdftotext(pdf: &Path, page: Option<u32>) -> String {
    let mut args = vec![];
    let p;
    if let Some(n) = page {
        p = n.to_string();
        args.extend(["-f", p.as_str(), "-l", p.as_str()]);
    }
    let path = pdf.display().to_string();
    args.extend([path.as_str(), "-"]);
    let (ok, text) = run("pdftotext", &args);
    assert!(ok, "pdftotext failed: {text}");
    text
}

/// Renders one page to PNG and checks it is not blank; returns the PNG path.
fn render_page(pdf: &Path, page: u32, name: &str) -> PathBuf {
    let prefix = artifacts().join(name);
    let (ok, msg) = run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "60",
            "-singlefile",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
            &pdf.display().to_string(),
            &prefix.display().to_string(),
        ],
    );
    assert!(ok, "{msg}");
    let png = prefix.with_extension("png");
    let img = image::open(&png).unwrap().to_luma8();
    let dark = img.pixels().filter(|p| p.0[0] < 200).count();
    assert!(
        dark > img.pixels().count() / 100,
        "page {page} looks blank ({dark} dark pixels)"
    );
    png
}

#[test]
fn police_dossier_contains_everything_and_passes_the_tools() {
    let f = fixture();
    let options = DossierOptions {
        variant: Variant::Police,
        prepared_by: "Victim Support Berlin".into(),
        csv: true,
        without_images: false,
        omit: vec![],
        pictures_per_page: Default::default(),
    };
    let files = f.store.export_dossier(f.case, &options, when()).unwrap();
    let pdf = artifacts().join("dossier-police.pdf");
    std::fs::write(&pdf, &files.pdf).unwrap();

    let (ok, msg) = run("qpdf", &["--check", &pdf.display().to_string()]);
    assert!(ok, "qpdf --check failed:\n{msg}");

    let (_, info) = run("pdfinfo", &[&pdf.display().to_string()]);
    assert!(
        info.contains("Fraud case dossier: Pig-butchering"),
        "{info}"
    );
    assert!(
        info.contains("Author:          Victim Support Berlin"),
        "{info}"
    );
    assert!(info.contains("2026"), "creation date set: {info}");
    assert!(
        info.contains(&format!("Pages:           {}", files.pages)),
        "{info}"
    );
    assert!(files.pages >= 20, "{} pages", files.pages);

    let text = pdftotext(&pdf, None);
    for a in &f.amounts {
        assert!(text.contains(a.as_str()), "amount {a} missing");
    }
    // Everything recorded about a transfer is in the police dossier, its notes too.
    for i in 0..8 {
        assert!(
            text.contains(&format!("Bank called me back about payment {i};")),
            "notes of transfer {i} missing"
        );
    }
    for w in &f.wallets {
        assert!(text.contains(w.as_str()), "wallet {w} missing or broken");
    }
    for h in &f.hashes {
        assert!(text.contains(h.as_str()), "tx hash {h} missing or broken");
        assert!(
            text.contains(&format!("https://tronscan.org/#/transaction/{h}")),
            "explorer link for {h}"
        );
    }
    for i in &f.identifiers {
        assert!(text.contains(i.as_str()), "identifier {i} missing");
    }
    for h in &f.evidence_hashes {
        assert!(text.contains(h.as_str()), "evidence SHA-256 {h} missing");
    }
    for s in [
        "DE89370400440532013000",
        "COBADEFFXXX",
        "BE-2026-118734",
        "Привет",
        "Καλημέρα",
        "Page 1 of",
        "Chain of custody",
        "Exchange deposit address",
    ] {
        assert!(text.contains(s), "{s} missing");
    }
    // Totals: EUR out 1500+…, USDT at 0.92; recovered 2000.
    let summary = f.store.loss_summary(f.case).unwrap();
    assert!(
        text.contains(&summary.in_reporting_currency.net_loss),
        "net loss {} missing",
        summary.in_reporting_currency.net_loss
    );
    if std::path::Path::new("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf").exists() {
        assert!(
            text.contains("比特币交易平台"),
            "CJK text is printed with the system fallback font"
        );
    }
    // CSV companions, their hashes printed in the PDF.
    let csv = String::from_utf8(files.transfers_csv.unwrap()).unwrap();
    assert_eq!(csv.lines().count(), 1 + 22);
    assert!(csv.contains("DE89370400440532013000"));
    assert!(text.contains(&casefile_core::evidence::sha256_hex(csv.as_bytes())));
    let ids_csv = String::from_utf8(files.identifiers_csv.unwrap()).unwrap();
    assert!(
        ids_csv.contains("'+85251234567"),
        "phone numbers are spreadsheet-safe: {ids_csv}"
    );

    // Page 1 and an evidence page render and are not blank.
    render_page(&pdf, 1, "dossier-page-1");
    let evidence_page = (1..=files.pages)
        .find(|p| pdftotext(&pdf, Some(*p)).contains("V-1 · Screenshot"))
        .expect("an evidence page");
    let png = render_page(&pdf, evidence_page, "dossier-evidence-page");
    let img = image::open(&png).unwrap().to_rgb8();
    let teal = img.pixels().filter(|p| p.0[1] > 110 && p.0[0] < 60).count();
    assert!(
        teal > 200,
        "the screenshot's teal header is drawn on the evidence page ({teal} px)"
    );
    // Outline: every section is a bookmark.
    let (_, outline) = run(
        "qpdf",
        &["--json", "--json-key=outlines", &pdf.display().to_string()],
    );
    for s in [
        "Summary",
        "Timeline",
        "Transfers",
        "Evidence",
        "Chain of custody",
    ] {
        assert!(outline.contains(s), "outline lacks {s}: {outline}");
    }
}

#[test]
fn bank_letter_lists_only_that_institutions_transfers() {
    let f = fixture();
    let options = DossierOptions {
        variant: Variant::Bank {
            institution: "CoinHarbor Payments".into(),
        },
        prepared_by: "Victim Support Berlin".into(),
        csv: false,
        without_images: false,
        omit: vec![],
        pictures_per_page: Default::default(),
    };
    let files = f.store.export_dossier(f.case, &options, when()).unwrap();
    let pdf = artifacts().join("dossier-bank-letter.pdf");
    std::fs::write(&pdf, &files.pdf).unwrap();
    assert!(run("qpdf", &["--check", &pdf.display().to_string()]).0);
    assert!((1..=3).contains(&files.pages), "{} pages", files.pages);
    let text = pdftotext(&pdf, None);
    assert!(text.contains("To: CoinHarbor Payments"));
    for a in &f.amounts[..8] {
        assert!(text.contains(a.as_str()), "{a}");
    }
    for w in &f.wallets {
        assert!(
            !text.contains(w.as_str()),
            "a TRON transfer ({w}) does not belong in the bank letter"
        );
    }
    for h in &f.evidence_hashes[..8] {
        assert!(
            text.contains(h.as_str()),
            "evidence hash {h} of a listed transfer"
        );
    }
    let none = f.store.export_dossier(
        f.case,
        &DossierOptions {
            variant: Variant::Bank {
                institution: "Nobank".into(),
            },
            ..options
        },
        when(),
    );
    assert!(none
        .unwrap_err()
        .to_string()
        .contains("No transfer in this case names \"Nobank\""));
}

#[test]
fn verify_names_a_changed_evidence_item_and_a_broken_chain() {
    let f = fixture();
    let clean = f.store.verify_case(f.case).unwrap();
    assert!(clean.ok, "{clean:?}");
    assert_eq!(clean.evidence_checked, 16);
    // Flip one byte of one evidence blob, as someone holding the key could.
    let list = f.store.list_evidence(f.case).unwrap();
    let victim = &list[4];
    let conn = f.store.connection_for_tests();
    let mut bytes: Vec<u8> = conn
        .query_row(
            "SELECT original FROM evidence_blobs WHERE evidence_id = ?1",
            [victim.id],
            |r| r.get(0),
        )
        .unwrap();
    bytes[100] ^= 0x01;
    conn.execute(
        "UPDATE evidence_blobs SET original = ?1 WHERE evidence_id = ?2",
        rusqlite::params![bytes, victim.id],
    )
    .unwrap();
    let report = f.store.verify_case(f.case).unwrap();
    assert!(!report.ok);
    assert_eq!(report.evidence_problems.len(), 1);
    assert!(
        report.evidence_problems[0]
            .starts_with(&format!("V-{} \"{}\"", victim.id, victim.file_name)),
        "{:?}",
        report.evidence_problems
    );
    assert!(report.audit.problem.is_none());
    conn.execute_batch("DROP TRIGGER audit_log_append_only_update; UPDATE audit_log SET summary = 'nothing' WHERE id = 3;").unwrap();
    let report = f.store.verify_case(f.case).unwrap();
    assert_eq!(report.audit.problem.unwrap().entry_id, 3);
}

#[test]
fn sections_can_be_left_out_and_pictures_dropped() {
    let f = fixture();
    let options = DossierOptions {
        variant: Variant::Police,
        prepared_by: String::new(),
        csv: false,
        without_images: true,
        omit: vec![
            casefile_core::dossier::Section::Timeline,
            casefile_core::dossier::Section::Custody,
        ],
        pictures_per_page: Default::default(),
    };
    let mut seen = Vec::new();
    let files = f
        .store
        .export_dossier_with_progress(f.case, &options, when(), &mut |p| {
            seen.push((p.pictures_done, p.pictures_total));
            true
        })
        .unwrap();
    let pdf = artifacts().join("dossier-short.pdf");
    std::fs::write(&pdf, &files.pdf).unwrap();
    let text = pdftotext(&pdf, None);
    assert!(!text.contains("Chain of custody"), "custody left out");
    assert!(!text.contains("Withdrawal refused"), "timeline left out");
    assert!(text.contains("V-1 · Screenshot"), "evidence details stay");
    for h in &f.evidence_hashes {
        assert!(text.contains(h.as_str()));
    }
    assert_eq!(seen.last(), Some(&(0, 0)), "no pictures to prepare");
    let full = f
        .store
        .export_dossier(
            f.case,
            &DossierOptions {
                without_images: false,
                omit: vec![],
                ..options.clone()
            },
            when(),
        )
        .unwrap();
    assert!(
        files.pdf.len() * 3 < full.pdf.len(),
        "{} vs {}",
        files.pdf.len(),
        full.pdf.len()
    );

    // Two and four pictures per page: fewer pages, every item and fingerprint still there.
    let per_page = |n: PicturesPerPage| {
        f.store
            .export_dossier(
                f.case,
                &DossierOptions {
                    without_images: false,
                    omit: vec![],
                    pictures_per_page: n,
                    ..options.clone()
                },
                when(),
            )
            .unwrap()
    };
    let (one, two, four) = (
        per_page(PicturesPerPage::One),
        per_page(PicturesPerPage::Two),
        per_page(PicturesPerPage::Four),
    );
    assert!(
        one.pages > two.pages && two.pages > four.pages,
        "pages: {} {} {}",
        one.pages,
        two.pages,
        four.pages
    );
    let pdf = artifacts().join("dossier-four-per-page.pdf");
    std::fs::write(&pdf, &four.pdf).unwrap();
    let text = flat(&pdftotext(&pdf, None));
    for h in &f.evidence_hashes {
        assert!(
            text.contains(h.as_str()),
            "{h} in the four-per-page dossier"
        );
    }
    assert!(text.contains("V-1 · Screenshot"), "{text}");

    // Stopped half-way through the pictures: nothing is made.
    let mut calls = 0;
    let err = f
        .store
        .export_dossier_with_progress(
            f.case,
            &DossierOptions {
                without_images: false,
                omit: vec![],
                ..options.clone()
            },
            when(),
            &mut |p| {
                calls += 1;
                assert!(p.pages > 0, "pages are known before the pictures");
                p.pictures_done < 2
            },
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert!(err.to_string().contains("No file was written"), "{err}");
    assert_eq!(calls, 3);
}

/// pdftotext's text with every run of white space made one space, so a sentence wrapped
/// across lines is found whole.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn chats_and_key_messages_are_printed_with_their_export_zone_and_source_lines() {
    let (dir, mut store, case) = store_with_case_in("Europe/Berlin");

    // A WhatsApp zip from a phone set to Bangkok, with the ID-card photo.
    let chat_text = chat_fixture("whatsapp/ios_12h_narrow_nbsp.txt");
    let zip = whatsapp_zip(
        dir.path(),
        "WhatsApp Chat - Anna.zip",
        &chat_text,
        &[("00000016-PHOTO-2026-03-15-13-02-00.jpg", png(30, 60, 2))],
    );
    let bangkok = ChatImportOptions {
        device_zone: Some("Asia/Bangkok".into()),
        ..Default::default()
    };
    let anna = store
        .import_chat(case, &zip, &bangkok, &mut go)
        .unwrap()
        .chat;
    let messages = all_messages(&store, anna.id);
    let deposit = messages
        .iter()
        .find(|m| m.text.starts_with("Deposit to this address"))
        .unwrap()
        .clone();
    let id_card = messages
        .iter()
        .find(|m| m.text.contains("Here is my ID card"))
        .unwrap()
        .clone();
    let photo = id_card.evidence_id.expect("the photo is kept as evidence");
    store
        .set_key_messages(anna.id, &[deposit.id, id_card.id], true)
        .unwrap();

    // A chat read in the case's zone with a message at a clock time Berlin skipped.
    let gap = dir.path().join("WhatsApp Chat with Lena.txt");
    std::fs::write(
        &gap,
        "28/03/2026, 23:59 - Lena: Good night\n29/03/2026, 02:30 - Lena: Pay the release fee tonight or the account is frozen\n29/03/2026, 09:00 - David: Ok\n",
    )
    .unwrap();
    let lena = store
        .import_chat(case, &gap, &ChatImportOptions::default(), &mut go)
        .unwrap()
        .chat;
    let threat = store
        .chat_messages(
            lena.id,
            &ChatQuery {
                text: "release fee".into(),
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap()
        .messages[0]
        .clone();
    assert!(
        threat.sent.is_none(),
        "02:30 does not exist in Berlin that night"
    );
    store.set_key_messages(lena.id, &[threat.id], true).unwrap();

    // A chat with no key messages.
    let line = dir.path().join("[LINE] Chat.txt");
    std::fs::write(&line, chat_fixture("line/thai_buddhist.txt")).unwrap();
    store
        .import_chat(case, &line, &ChatImportOptions::default(), &mut go)
        .unwrap();

    let options = DossierOptions {
        variant: Variant::Police,
        prepared_by: String::new(),
        csv: false,
        without_images: true,
        omit: vec![],
        pictures_per_page: Default::default(),
    };
    let files = store.export_dossier(case, &options, when()).unwrap();
    let pdf = artifacts().join("dossier-chats.pdf");
    std::fs::write(&pdf, &files.pdf).unwrap();
    let (ok, msg) = run("qpdf", &["--check", &pdf.display().to_string()]);
    assert!(ok, "qpdf --check failed:\n{msg}");
    let text = flat(&pdftotext(&pdf, None));
    let export = &store.get_chat(anna.id).unwrap().imports[0];
    let sha = casefile_core::evidence::sha256_hex(&std::fs::read(&zip).unwrap());
    assert_eq!(export.export_sha256, sha);
    for s in [
        "Chats and key messages".to_string(),
        format!("C-{} · Anna (WhatsApp)", anna.id),
        sha.clone(),
        format!(
            "WhatsApp Chat - Anna.zip — {} bytes — kept as V-{}",
            export.export_size, export.evidence_id
        ),
        "Times in this chat are the phone's clock, read as Asia/Bangkok (as the victim said at import)".into(),
        "Times in this chat are the phone's clock, read as Europe/Berlin".into(),
        "month/day/year".into(),
        format!("M-{}", deposit.id),
        "Deposit to this address today (edited)".into(),
        format!("M-{}", id_card.id),
        "Here is my ID card".into(),
        format!("_chat.txt line {}", id_card.source_line),
        format!("Attachment: V-{photo} (00000016-PHOTO-2026-03-15-13-02-00.jpg)"),
        // Recorded with the phone's offset, and the same moment in the case's zone.
        "13:00:00+07:00".into(),
        "Last message 2026-03-15 13:02:00+07:00 — 2026-03-15 07:02 (UTC+01:00) in Europe/Berlin"
            .into(),
        "First message 2026-03-28 23:59:00+01:00".into(),
        "Participants Anna, David".into(),
        "Messages 10 (2 marked as key messages)".into(),
        format!(
            "Source: _chat.txt line {} · in Europe/Berlin: 2026-03-15 07:00 (UTC+01:00)",
            deposit.source_line
        ),
        "clock time 2026-03-29 02:30, not a real time in Europe/Berlin".into(),
        "Pay the release fee tonight or the account is frozen".into(),
        format!("WhatsApp Chat with Lena.txt line {}", threat.source_line),
        "No messages were marked as key messages.".into(),
    ] {
        assert!(text.contains(s.as_str()), "{s:?} missing from:\n{text}");
    }
    assert_eq!(deposit.source_line, 9);
    // After the transfers, before the scammers; listed in the contents.
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(
        text.matches("Chats and key messages").count() >= 2,
        "contents and section"
    );
    let section = text.rfind("Chats and key messages").unwrap();
    assert!(at("No transfers recorded.") < section);
    assert!(section < text.rfind("Scammers and their identifiers").unwrap());
    let (_, outline) = run(
        "qpdf",
        &["--json", "--json-key=outlines", &pdf.display().to_string()],
    );
    assert!(outline.contains("Chats and key messages"), "{outline}");

    // Left out on request; and a case without chats has no such section, not even in the
    // contents.
    let omitted = store
        .export_dossier(
            case,
            &DossierOptions {
                omit: vec![casefile_core::dossier::Section::Chats],
                ..options.clone()
            },
            when(),
        )
        .unwrap();
    let other = store.create_case("No chats").unwrap();
    let empty = store.export_dossier(other.id, &options, when()).unwrap();
    for (name, files) in [("omitted", omitted), ("no-chats", empty)] {
        let pdf = artifacts().join(format!("dossier-chats-{name}.pdf"));
        std::fs::write(&pdf, &files.pdf).unwrap();
        let text = flat(&pdftotext(&pdf, None));
        assert!(!text.contains("Chats and key messages"), "{name}: {text}");
        assert!(!text.contains("Deposit to this address"), "{name}");
    }
}
