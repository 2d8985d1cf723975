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
    assert!(summary.missing_rates.is_empty());
    let (int, cents) = summary
        .in_reporting_currency
        .net_loss
        .split_once('.')
        .unwrap();
    let grouped = format!(
        "{},{}.{cents}",
        &int[..int.len() - 3],
        &int[int.len() - 3..]
    );
    assert!(
        text.contains(&format!("Net loss: {grouped} EUR")),
        "net loss {grouped} missing"
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

/// A trail as victims have it: their bank account → their own exchange account (a hop) →
/// USDT to the scammers' wallet, an exchange deposit address; some money paid straight to a
/// mule account, some back from the scammers, some recovered. Rates optional.
struct Trail {
    _dir: tempfile::TempDir,
    store: Store,
    case: i32,
    accounts: [Account; 3],
    /// hop, USDT loss, GBP loss, USDT back, GBP recovered.
    t: [i32; 5],
    wallet: String,
}

fn account(owner: AccountOwner, kind: AccountKind, name: &str, institution: &str) -> AccountInput {
    AccountInput {
        owner,
        kind,
        name: name.into(),
        institution: institution.into(),
        number: String::new(),
        network: None,
        is_exchange_deposit: false,
        notes: String::new(),
    }
}

fn trail_case(with_rates: bool) -> Trail {
    let (dir, mut store, case) = store_with_case_in("Europe/London");
    let mut d = store.get_case(case).unwrap().details;
    d.reporting_currency = "GBP".into();
    store.update_case(case, &d).unwrap();
    let bank = store
        .add_account(
            case,
            &AccountInput {
                number: "GB29 NWBK 6016 1331 9268 19".into(),
                notes: "Salary account".into(),
                ..account(
                    AccountOwner::Victim,
                    AccountKind::Bank,
                    "Barclays current account",
                    "Barclays",
                )
            },
        )
        .unwrap();
    let exchange = store
        .add_account(
            case,
            &account(
                AccountOwner::Victim,
                AccountKind::Exchange,
                "Binance account",
                "Binance",
            ),
        )
        .unwrap();
    let wallet = tron(9);
    let scam = store
        .add_account(
            case,
            &AccountInput {
                number: wallet.clone(),
                network: Some(Network::Tron),
                is_exchange_deposit: true,
                ..account(
                    AccountOwner::Scammer,
                    AccountKind::Wallet,
                    "Wallet from the fake app",
                    "OKX",
                )
            },
        )
        .unwrap();
    let mut add = |input: TransferInput| store.add_transfer(case, &input).unwrap().id;
    let hop = add(TransferInput {
        from_account_id: Some(bank.id),
        to_account_id: Some(exchange.id),
        accept_warnings: true,
        ..TransferInput::new("2026-03-02 10:00", "2500.00", "GBP")
    });
    let rate = |r: &str| with_rates.then(|| r.to_string());
    let usdt = |at: &str, direction, amount: &str| TransferInput {
        direction,
        network: Some(Network::Tron),
        method: TransferMethod::CryptoTransfer,
        exchange_rate: rate("0.79"),
        accept_warnings: true,
        ..TransferInput::new(at, amount, "USDT")
    };
    let lost = add(TransferInput {
        from_account_id: Some(exchange.id),
        to_account_id: Some(scam.id),
        source_ids: vec![hop],
        ..usdt("2026-03-03 09:00", Direction::Out, "3000")
    });
    let mule = add(TransferInput {
        from_account_id: Some(bank.id),
        beneficiary_name: "Quick Mule Trading Ltd".into(),
        accept_warnings: true,
        ..TransferInput::new("2026-03-05 12:00", "1000", "GBP")
    });
    let back = add(TransferInput {
        from_account_id: Some(scam.id),
        to_account_id: Some(exchange.id),
        ..usdt("2026-04-01 08:00", Direction::In, "150.00")
    });
    let recovered = add(TransferInput {
        direction: Direction::Recovered,
        accept_warnings: true,
        ..TransferInput::new("2026-05-20 11:00", "200", "GBP")
    });
    let accounts = [
        store.get_account(bank.id).unwrap(),
        store.get_account(exchange.id).unwrap(),
        store.get_account(scam.id).unwrap(),
    ];
    Trail {
        _dir: dir,
        store,
        case,
        accounts,
        t: [hop, lost, mule, back, recovered],
        wallet,
    }
}

fn police(csv: bool, omit: Vec<casefile_core::dossier::Section>) -> DossierOptions {
    DossierOptions {
        variant: Variant::Police,
        prepared_by: "Victim Support London".into(),
        csv,
        without_images: true,
        omit,
        pictures_per_page: Default::default(),
    }
}

#[test]
fn the_money_trail_shows_hops_accounts_and_every_step_of_the_loss() {
    let tr = trail_case(true);
    let [hop, lost, mule, back, recovered] = tr.t;
    let trail = tr.store.money_trail(tr.case).unwrap();
    assert_eq!(trail.hops.len(), 1);
    assert_eq!(trail.hops[0].funded, vec![lost]);
    let files = tr
        .store
        .export_dossier(tr.case, &police(true, vec![]), when())
        .unwrap();
    let pdf = artifacts().join("dossier-money-trail.pdf");
    std::fs::write(&pdf, &files.pdf).unwrap();
    let (ok, msg) = run("qpdf", &["--check", &pdf.display().to_string()]);
    assert!(ok, "qpdf --check failed:\n{msg}");
    let text = flat(&pdftotext(&pdf, None));
    let section = text
        .rfind("Money trail How the money moved")
        .expect("the section");
    let trail_text = &text[section..];
    for s in [
        "Barclays current account".to_string(),
        "Binance account".into(),
        "Wallet from the fake app".into(),
        format!("Exchange deposit address — the exchange may freeze funds here: A-{} Wallet from the fake app ({})", tr.accounts[2].id, tr.wallet),
        "Victim's own".into(),
        "Scammers'".into(),
        // The hop row.
        format!("T-{hop}"),
        "2,500.00 GBP".into(),
        "Barclays current account → Binance account".into(),
        format!("paid for T-{lost}"),
        // The loss, per currency, every step.
        format!("Paid out to accounts not the victim's: T-{mule} 1,000.00 = 1,000.00 GBP"),
        "minus received back: nothing".into(),
        format!("minus recovered: T-{recovered} 200.00 = 200.00 GBP"),
        "= net loss: 800.00 GBP".into(),
        format!("Paid out to accounts not the victim's: T-{lost} 3,000.00 = 3,000.00 USDT on TRON"),
        format!("minus received back: T-{back} 150.00 = 150.00 USDT on TRON"),
        "= net loss: 2,850.00 USDT on TRON".into(),
        format!("T-{lost} 3,000.00 USDT on TRON × 0.79 = 2,370.00 GBP"),
        format!("T-{back} 150.00 USDT on TRON × 0.79 = 118.50 GBP"),
        "In GBP: paid out 3,370.00 − received back 118.50 − recovered 200.00 = net loss 3,051.50 GBP".into(),
        format!("T-{hop} 2,500.00 GBP, Barclays current account → Binance account: a hop between the victim's own accounts"),
    ] {
        assert!(trail_text.contains(s.as_str()), "{s:?} missing from:\n{trail_text}");
    }
    // Whatever picture the layout makes, each box's name is printed.
    for p in &trail.pictures {
        for n in &p.nodes {
            assert!(trail_text.contains(n.label.as_str()), "box {:?}", n.label);
        }
    }
    // The summary gives one total, the hop left out of it.
    assert!(text.contains("Net loss: 3,051.50 GBP"), "{text}");
    assert!(text.contains("Left out of every total: 1 hop(s) between the victim's own accounts"));
    // After the transfers, before the chats and scammers; in the contents and the outline.
    let transfers_at = text.rfind("Transfers # When").expect("transfers table");
    assert!(transfers_at < section);
    assert!(section < text.rfind("Scammers and their identifiers").unwrap());
    assert!(text[..transfers_at].contains("• Money trail"), "contents");
    let (_, outline) = run(
        "qpdf",
        &["--json", "--json-key=outlines", &pdf.display().to_string()],
    );
    assert!(outline.contains("Money trail"), "{outline}");
    // The transfers table names both ends.
    let table = &text[transfers_at..section];
    assert!(table.contains("From To"), "{table}");
    // (Names wrap inside their narrow columns.)
    for name in ["Barclays current", "Binance account", "Wallet from the"] {
        assert!(table.contains(name), "{name} in the transfers table");
    }
    assert!(table.contains("In the loss: a hop between the victim's own accounts, not a loss"));

    // accounts.csv and the new transfers.csv columns.
    let [bank, exchange, scam] = &tr.accounts;
    let accounts = String::from_utf8(files.accounts_csv.clone().unwrap()).unwrap();
    assert_eq!(
        accounts,
        format!(
            "id,name,owner,kind,institution,number,network,exchange_deposit,transfers,notes\r\n\
             A-{},Barclays current account,victim,bank,Barclays,{},,no,2,Salary account\r\n\
             A-{},Binance account,victim,exchange,Binance,,,no,3,\r\n\
             A-{},Wallet from the fake app,scammer,wallet,OKX,{},tron,yes,2,\r\n",
            bank.id, bank.number, exchange.id, scam.id, scam.number
        )
    );
    let transfers = String::from_utf8(files.transfers_csv.clone().unwrap()).unwrap();
    let header = transfers.lines().next().unwrap();
    assert!(
        header.ends_with(",from_account_id,from_account_name,to_account_id,to_account_name,role,statement_source"),
        "{header}"
    );
    let row = |id: i32| {
        transfers
            .lines()
            .find(|l| l.starts_with(&format!("T-{id},")))
            .unwrap()
            .to_string()
    };
    assert!(
        row(hop).ends_with(&format!(
            ",A-{},Barclays current account,A-{},Binance account,hop,",
            bank.id, exchange.id
        )),
        "{}",
        row(hop)
    );
    assert!(row(mule).ends_with(&format!(",A-{},Barclays current account,,,loss,", bank.id)));
    assert!(row(recovered).ends_with(",,,,,recovered,"));
    // Its hash is in the chain of custody, and it is written beside the PDF.
    assert!(text.contains(&format!(
        "accounts.csv SHA-256 {}",
        casefile_core::evidence::sha256_hex(accounts.as_bytes())
    )));
    let out = tempfile::tempdir().unwrap();
    let saved = casefile_core::dossier::save(&files, &out.path().join("case.pdf")).unwrap();
    assert_eq!(saved.csv.len(), 3);
    assert_eq!(
        std::fs::read_to_string(out.path().join("case-accounts.csv")).unwrap(),
        accounts
    );
}

#[test]
fn without_a_rate_there_is_no_total_and_the_missing_currency_is_named() {
    let tr = trail_case(false);
    let [_, lost, _, back, _] = tr.t;
    let files = tr
        .store
        .export_dossier(tr.case, &police(false, vec![]), when())
        .unwrap();
    assert!(files.accounts_csv.is_none());
    let pdf = artifacts().join("dossier-money-trail-no-rate.pdf");
    std::fs::write(&pdf, &files.pdf).unwrap();
    let text = flat(&pdftotext(&pdf, None));
    let missing = format!(
        "No total in GBP: the exchange rate to GBP is missing for USDT on TRON (T-{lost}, T-{back})"
    );
    assert_eq!(
        text.matches(missing.as_str()).count(),
        2,
        "summary and trail: {text}"
    );
    assert!(text.contains("Net loss in each currency: 800.00 GBP; 2,850.00 USDT on TRON."));
    assert!(text.contains(&format!(
        "In GBP no total: the exchange rate to GBP is missing for USDT on TRON (T-{lost}, T-{back})"
    )));
    assert!(!text.contains("Net loss: "), "no single total: {text}");
    assert!(!text.contains("In GBP: paid out"), "{text}");
    assert!(!text.contains("net loss 0"), "{text}");
    // Each currency's steps are still there.
    assert!(text.contains("= net loss: 2,850.00 USDT on TRON"));
    assert!(text.contains("= net loss: 800.00 GBP"));
}

#[test]
fn the_money_trail_can_be_left_out() {
    let tr = trail_case(true);
    let files = tr
        .store
        .export_dossier(
            tr.case,
            &police(false, vec![casefile_core::dossier::Section::MoneyTrail]),
            when(),
        )
        .unwrap();
    let pdf = artifacts().join("dossier-money-trail-omitted.pdf");
    std::fs::write(&pdf, &files.pdf).unwrap();
    let text = flat(&pdftotext(&pdf, None));
    for gone in [
        "Money trail",
        "The loss, step by step",
        "Hops between the victim's own accounts",
    ] {
        assert!(!text.contains(gone), "{gone} left out");
    }
    // The summary and the transfers table keep the accounts and the total.
    assert!(text.contains("Net loss: 3,051.50 GBP"));
    assert!(text.contains("Wallet from the fake app"));
    assert_eq!(
        casefile_core::dossier::Section::ALL
            .iter()
            .map(|s| s.label())
            .collect::<Vec<_>>(),
        [
            "The victim's statement",
            "Timeline",
            "Money trail",
            "Chats and key messages",
            "Scammers and their identifiers",
            "Evidence",
            "Chain of custody"
        ]
    );
}

#[test]
fn a_bank_letter_finds_transfers_by_the_accounts_they_went_through() {
    // Transfers that name their bank only through their accounts (as imported and newly typed
    // ones do) are the bank's transfers too.
    let tr = trail_case(true);
    let [hop, lost, mule, _back, recovered] = tr.t;
    let files = tr
        .store
        .export_dossier(
            tr.case,
            &DossierOptions {
                variant: Variant::Bank {
                    institution: "barclays".into(),
                },
                ..police(false, vec![])
            },
            when(),
        )
        .unwrap();
    let pdf = artifacts().join("dossier-bank-letter-accounts.pdf");
    std::fs::write(&pdf, &files.pdf).unwrap();
    let text = flat(&pdftotext(&pdf, None));
    for t in [hop, mule] {
        assert!(
            text.contains(&format!("T-{t}")),
            "T-{t} missing from:\n{text}"
        );
    }
    for t in [lost, recovered] {
        assert!(
            !text.contains(&format!("T-{t} ")),
            "T-{t} is not Barclays':\n{text}"
        );
    }
}
