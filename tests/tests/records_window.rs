//! End-to-end in the real window: evidence, a transfer with a mistyped TRON address, a
//! subject with a phone and a wallet, the timeline in order, and the evidence viewer.

#![allow(clippy::unwrap_used)]

use std::io::Cursor;
use std::time::{Duration, Instant};

use casefile_e2e::{artifacts_dir, AppUnderTest};
use sha2::{Digest, Sha256};

const PASS: &str = "copper lantern meadow ninety";
const TRON_OK: &str = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
const TRON_TYPO: &str = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj7t";
const CHAT_CANARY: &str = "CANARY-chat-export-5521 send the tax today";

/// A phone-screenshot-like PNG: a header bar and lines of "text".
fn screenshot_png(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(540, 1170, |x, y| {
        if y < 120 {
            image::Rgb([30, 64, 120])
        } else if (y / 40) % 3 == 0 && x > 40 && x < 400 + u32::from(seed) {
            image::Rgb([40, 40, 40])
        } else {
            image::Rgb([245, 245, 240 - seed])
        }
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

fn select_option(s: &casefile_e2e::webdriver::Session, select: &str, value: &str) {
    s.click(
        &s.find(&format!("{select} option[value='{value}']"))
            .unwrap(),
    )
    .unwrap();
}

#[test]
fn evidence_transfer_subject_timeline_and_viewer_in_the_real_window() {
    let app = AppUnderTest::launch();
    let s = &app.session;
    app.create_store(PASS);
    app.create_case("USDT investment scam – Anna");

    // Details: the case's time zone.
    s.fill(&s.find("#case-timezone").unwrap(), "Asia/Hong_Kong")
        .unwrap();
    s.click(&s.find("#save-case").unwrap()).unwrap();
    s.wait_for_text("#case-message", "Saved.", 10).unwrap();

    // Evidence: two screenshots through the file picker.
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<_> = (1..=2u8)
        .map(|i| {
            let p = dir.path().join(format!("Screenshot_2026031{i}_chat.png"));
            std::fs::write(&p, screenshot_png(i * 20)).unwrap();
            p
        })
        .collect();
    let chat = dir.path().join("WhatsApp Chat with Anna.txt");
    std::fs::write(
        &chat,
        format!("[14/03/2026, 09:31:02] Anna: {CHAT_CANARY}\n"),
    )
    .unwrap();
    files.push(chat);
    s.click(&s.find("#tab-evidence").unwrap()).unwrap();
    let picker = s.wait_for_present("#evidence-files", 10).unwrap();
    let paths = files
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    s.send_keys(&picker, &paths).unwrap();
    s.wait_for_text("#evidence-message", "3 files added", 30)
        .unwrap();
    s.wait_for("button.tile img", 10).unwrap();
    std::thread::sleep(Duration::from_millis(800));
    s.screenshot(&artifacts_dir().join("casefile-evidence.png"))
        .unwrap();

    // The viewer shows the original, its SHA-256, and moves to the next item.
    s.click(&s.find("button.tile").unwrap()).unwrap();
    s.wait_for("#viewer-image", 10).unwrap();
    let hash = s.text_of("#viewer-hash").unwrap();
    let expected: Vec<String> = files
        .iter()
        .map(|f| hex::encode(Sha256::digest(std::fs::read(f).unwrap())))
        .collect();
    assert!(
        expected.contains(&hash),
        "viewer shows {hash}, files hash to {expected:?}"
    );
    let loaded = s.execute("const i = document.getElementById('viewer-image'); return i.complete && i.naturalWidth;", serde_json::json!([])).unwrap();
    assert_eq!(
        loaded,
        serde_json::json!(540),
        "the original image was served from the store"
    );
    s.click(&s.find("#zoom-in").unwrap()).unwrap();
    s.click(&s.find("#viewer-next").unwrap()).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.text_of("#viewer-hash").unwrap() == hash {
        assert!(
            Instant::now() < deadline,
            "Next did not move to the other item"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while s
        .execute("const i = document.getElementById('viewer-image'); return i.complete && i.naturalWidth;", serde_json::json!([]))
        .unwrap()
        != serde_json::json!(540)
    {
        assert!(Instant::now() < deadline, "the second image was not served");
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(1000));
    s.screenshot(&artifacts_dir().join("casefile-viewer.png"))
        .unwrap();
    s.click(&s.find("#viewer-close").unwrap()).unwrap();

    // Money: a USDT transfer to a mistyped TRON address is flagged; fixing it clears the warning.
    s.click(&s.find("#tab-transfers").unwrap()).unwrap();
    s.click(&s.wait_for("#add-transfer", 10).unwrap()).unwrap();
    s.fill(&s.wait_for("#t-when", 10).unwrap(), "2026-03-14 09:30")
        .unwrap();
    s.fill(&s.find("#t-amount").unwrap(), "2500").unwrap();
    select_option(s, "#t-currency", "USDT|tron");
    select_option(s, "#t-method", "crypto_transfer");
    s.fill(&s.find("#t-wallet").unwrap(), TRON_TYPO).unwrap();
    // The warning stands beside the wallet field it is about.
    let warning = s
        .wait_for_text("#t-wallet-warnings", "fails its checksum", 10)
        .unwrap();
    assert!(warning.contains("TRON"), "{warning}");
    s.click(&s.find("#save-transfer").unwrap()).unwrap();
    s.wait_for("#t-accept", 10)
        .expect("saving with a warning asks for confirmation");
    s.fill(&s.find("#t-wallet").unwrap(), TRON_OK).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.find("#t-wallet-warnings").is_ok() {
        assert!(
            Instant::now() < deadline,
            "the warning did not go away after fixing the address"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    s.click(&s.find("#save-transfer").unwrap()).unwrap();
    s.wait_for_text("#transfers-list", "2,500", 10).unwrap();
    // The wallet is shortened in the middle on screen; the whole of it is in the row.
    let table = s
        .execute(
            "return document.getElementById('transfers-list').textContent;",
            serde_json::json!([]),
        )
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        table.contains(TRON_OK) && table.contains("USDT") && !table.contains('⚠'),
        "{table}"
    );
    s.wait_for_text("#loss-summary", "2,500 USDT on TRON", 10)
        .unwrap();

    // Scammers: Anna with a phone and the wallet.
    s.click(&s.find("#tab-people").unwrap()).unwrap();
    s.click(&s.wait_for("#add-subject", 10).unwrap()).unwrap();
    s.fill(&s.wait_for("#subject-name", 10).unwrap(), "Anna")
        .unwrap();
    s.click(&s.find("#save-subject").unwrap()).unwrap();
    s.click(&s.wait_for("button.add-identifier", 10).unwrap())
        .unwrap();
    let value = s.wait_for("[id$='-value']", 10).unwrap();
    s.fill(&value, "+852 5123 4567").unwrap();
    s.click(&s.find(".identifier-form button.primary").unwrap())
        .unwrap();
    s.wait_for_text("article.subject", "+85251234567", 10)
        .unwrap();
    s.click(&s.wait_for("button.add-identifier", 10).unwrap())
        .unwrap();
    select_option(s, "[id$='-kind']", "crypto_wallet");
    s.fill(&s.wait_for("[id$='-value']", 10).unwrap(), TRON_OK)
        .unwrap();
    select_option(s, "[id$='-network']", "tron");
    s.click(&s.find(".identifier-form button.primary").unwrap())
        .unwrap();
    s.wait_for_text("article.subject", TRON_OK, 10).unwrap();

    // Timeline: an event, then everything in time order, in the case's zone with UTC beside it.
    s.click(&s.find("#tab-timeline").unwrap()).unwrap();
    s.click(&s.wait_for("#add-event", 10).unwrap()).unwrap();
    s.fill(&s.wait_for("#ev-when", 10).unwrap(), "2026-03-01 20:00")
        .unwrap();
    select_option(s, "#ev-kind", "first_contact");
    s.fill(
        &s.find("#ev-title").unwrap(),
        "Anna wrote on WhatsApp by mistake",
    )
    .unwrap();
    s.click(&s.find("#save-event").unwrap()).unwrap();
    // The row text is read from the DOM: WebKitWebDriver leaves out text in clipped (ellipsis) boxes.
    let timeline_text = || {
        s.execute(
            "return document.getElementById('timeline-list').textContent",
            serde_json::json!([]),
        )
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string()
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while !timeline_text().contains("Anna wrote on WhatsApp") {
        assert!(
            Instant::now() < deadline,
            "the event did not appear:\n{}",
            timeline_text()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let list = timeline_text();
    let pos = |needle: &str| {
        list.find(needle)
            .unwrap_or_else(|| panic!("{needle} not on the timeline:\n{list}"))
    };
    assert!(
        pos("Anna wrote on WhatsApp") < pos("Paid out 2500 USDT"),
        "{list}"
    );
    assert!(
        pos("Paid out 2500 USDT") < pos("Screenshot_20260311_chat.png"),
        "{list}"
    );
    assert!(
        list.contains("UTC 12:00"),
        "20:00 in Hong Kong is shown with UTC 12:00 beside it:\n{list}"
    );
    s.fill(&s.find("#timeline-search").unwrap(), "2500")
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while timeline_text().contains("Anna wrote") {
        assert!(
            Instant::now() < deadline,
            "search did not filter the timeline"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    s.fill(&s.find("#timeline-search").unwrap(), "").unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !timeline_text().contains("Anna wrote") {
        assert!(
            Instant::now() < deadline,
            "clearing the search did not bring everything back"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    s.execute(
        "document.querySelector('.detail').scrollTop = 0; document.activeElement?.blur();",
        serde_json::json!([]),
    )
    .unwrap();
    let shot = artifacts_dir().join("casefile-timeline.png");
    s.screenshot(&shot).unwrap();

    // Dossier tab: integrity check of the evidence and the change log.
    s.click(&s.find("#tab-dossier").unwrap()).unwrap();
    s.click(&s.wait_for("#verify-case", 10).unwrap()).unwrap();
    let verdict = s.wait_for_text("#verify-result", "All good", 20).unwrap();
    assert!(
        verdict.contains("3 evidence item(s) match their SHA-256"),
        "{verdict}"
    );
    s.wait_for("#export-dossier", 10).unwrap();
    s.screenshot(&artifacts_dir().join("casefile-dossier-tab.png"))
        .unwrap();

    app.quit().assert_no_plaintext(&[
        "Anna wrote on WhatsApp by mistake",
        TRON_OK,
        "+85251234567",
        CHAT_CANARY,
    ]);
}
