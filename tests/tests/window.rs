//! End-to-end: the real Casefile window under X (Xvfb in CI), driven through tauri-driver and
//! WebKitWebDriver, starting from an empty store directory.
//!
//! Needs: a display (`xvfb-run`), `tauri-driver` and `WebKitWebDriver` on PATH, and the app
//! built (`target/debug/casefile-app`). The README's test command provides all of them.

#![allow(clippy::unwrap_used)]

use std::time::Instant;

use casefile_e2e::{artifacts_dir, case_button, AppUnderTest};

const PASS: &str = "lantern orchard velvet ninety";
const CANARY: &str = "CANARYstatement-Zq81";

#[test]
fn first_run_cases_lock_and_unlock_in_the_real_window() {
    let app = AppUnderTest::launch();
    let s = &app.session;
    let store = app.store.clone();
    let launched = app.launched;

    // First run: welcome screen, choose a passphrase.
    let pass_in = s.wait_for("#new-passphrase", 60).expect("welcome screen");
    let to_welcome = launched.elapsed();
    let welcome = s.text_of("main").unwrap();
    assert!(
        welcome.contains("Everything stays on this computer, encrypted"),
        "{welcome}"
    );
    s.fill(&pass_in, PASS).unwrap();
    s.wait_for_text("[data-testid=strength]", "Very strong", 10)
        .unwrap();
    s.fill(
        &s.find("#confirm-passphrase").unwrap(),
        "lantern orchard velvet ninety-one",
    )
    .unwrap();
    s.click(&s.find("#create-store").unwrap()).unwrap();
    let mismatch = s
        .wait_for_text("#create-error", "not the same", 10)
        .unwrap();
    assert!(mismatch.contains("Type the same passphrase"), "{mismatch}");
    assert!(
        !store.exists(),
        "nothing is created before the passphrases match"
    );
    s.fill(&s.find("#confirm-passphrase").unwrap(), PASS)
        .unwrap();
    s.click(&s.find("#create-store").unwrap()).unwrap();

    // Start here: what to gather and what to do today, then to the cases.
    let start = s
        .wait_for_text("main, body", "What to do today", 30)
        .expect("Start here after creating the store");
    assert!(start.contains("Give your case a name"), "{start}");
    s.click(&s.find("#start-close").unwrap()).unwrap();

    // Two cases.
    let title_in = s
        .wait_for("#new-case-title", 30)
        .expect("case screen after Start here");
    assert!(
        store.exists(),
        "the store file was created at CASEFILE_STORE"
    );
    s.wait_for_text("#no-cases", "No cases yet", 10).unwrap();
    s.fill(&title_in, "Romance scam – Anna (WhatsApp)").unwrap();
    s.click(&s.find("#create-case").unwrap()).unwrap();
    s.wait_for_text("#case-title-heading", "Romance scam – Anna", 10)
        .unwrap();
    s.fill(
        &s.find("#new-case-title").unwrap(),
        "Fake exchange BTC-GX Pro",
    )
    .unwrap();
    s.click(&s.find("#create-case").unwrap()).unwrap();
    s.wait_for_text("#case-title-heading", "BTC-GX Pro", 10)
        .unwrap();

    // Edit the first one's details.
    s.click(&case_button(s, "Romance scam – Anna (WhatsApp)"))
        .unwrap();
    s.wait_for_text("#case-title-heading", "Romance scam – Anna", 10)
        .unwrap();
    s.fill(&s.wait_for("#case-police", 10).unwrap(), "PR-2026-118734")
        .unwrap();
    s.fill(&s.find("#victim-name").unwrap(), "Margarethe Vogel")
        .unwrap();
    s.fill(
        &s.find("#case-statement").unwrap(),
        &format!("I met Anna on a dating app in March. {CANARY} She showed me a trading platform."),
    )
    .unwrap();
    s.fill(&s.find("#case-timezone").unwrap(), "Europe/Nowhere")
        .unwrap();
    s.click(&s.find("#save-case").unwrap()).unwrap();
    let bad_zone = s
        .wait_for_text("#case-timezone-error", "not a time zone", 10)
        .unwrap();
    assert!(
        bad_zone.contains("Europe/London"),
        "the message says what to type: {bad_zone}"
    );
    s.fill(&s.find("#case-timezone").unwrap(), "Europe/Berlin")
        .unwrap();
    s.click(&s.find("#save-case").unwrap()).unwrap();
    s.wait_for_text("#case-message", "Saved.", 10).unwrap();

    // Type a note but don't save it: locking must not lose it.
    s.fill(
        &s.find("#case-notes").unwrap(),
        "Unsaved note: call the bank on Monday",
    )
    .unwrap();
    s.wait_for_text("#save-case", "Save changes", 10).unwrap();

    // Lock; a wrong passphrase is refused with the plain message.
    s.click(&s.find("#lock").unwrap()).unwrap();
    let unlock_in = s
        .wait_for("#unlock-passphrase", 10)
        .expect("unlock screen after Lock");
    s.fill(&unlock_in, "lantern orchard velvet ninety-nine")
        .unwrap();
    s.click(&s.find("#unlock").unwrap()).unwrap();
    let refused = s
        .wait_for_text("#unlock-error", "doesn't open this case file", 20)
        .unwrap();
    assert!(refused.contains("Caps Lock"), "{refused}");

    // Unlock; both cases are there with their details.
    s.fill(&s.find("#unlock-passphrase").unwrap(), PASS)
        .unwrap();
    let unlock_started = Instant::now();
    s.click(&s.find("#unlock").unwrap()).unwrap();
    s.wait_for("#new-case-title", 20)
        .expect("cases after unlocking");
    let unlock_time = unlock_started.elapsed();
    let list = s.wait_for_content(".case-list", "BTC-GX Pro", 10).unwrap();
    assert!(list.contains("Romance scam – Anna (WhatsApp)"), "{list}");
    s.click(&case_button(s, "Romance scam – Anna (WhatsApp)"))
        .unwrap();
    let police = s.wait_for("#case-police", 10).unwrap();
    s.wait_for_text("#case-title-heading", "Romance scam – Anna", 10)
        .unwrap();
    assert_eq!(s.value(&police).unwrap(), "PR-2026-118734");
    assert_eq!(
        s.value(&s.find("#case-timezone").unwrap()).unwrap(),
        "Europe/Berlin"
    );
    s.wait_for_content("form.editor", "Your unsaved text was kept", 10)
        .unwrap();
    assert_eq!(
        s.value(&s.find("#case-notes").unwrap()).unwrap(),
        "Unsaved note: call the bank on Monday"
    );
    s.click(&s.find("#save-case").unwrap()).unwrap();
    s.wait_for_text("#case-message", "Saved.", 10).unwrap();

    // Search narrows the list.
    s.fill(&s.find("#case-search").unwrap(), "btc-gx").unwrap();
    s.wait_for_content(".case-list ul", "BTC-GX Pro", 10)
        .unwrap();
    let deadline = Instant::now() + std::time::Duration::from_secs(10);
    while s.content_of(".case-list ul").unwrap().contains("Romance") {
        assert!(Instant::now() < deadline, "search did not filter the list");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    s.fill(&s.find("#case-search").unwrap(), "").unwrap();
    s.wait_for_content(".case-list ul", "Romance", 10).unwrap();

    s.execute(
        "document.querySelector('.detail').scrollTop = 0; document.activeElement?.blur();",
        serde_json::json!([]),
    )
    .unwrap();
    let shot = artifacts_dir().join("casefile-cases.png");
    s.screenshot(&shot).expect("screenshot");
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real screenshot"
    );
    // Text typed but not saved survives a restart (kept as an encrypted draft).
    s.click(&case_button(s, "Romance scam – Anna (WhatsApp)"))
        .unwrap();
    s.fill(
        &s.wait_for("#case-notes", 10).unwrap(),
        "RESTARTnote-7Qx: ask the exchange to freeze",
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let home = app.quit();
    home.assert_no_plaintext(&[
        CANARY,
        "Margarethe Vogel",
        "PR-2026-118734",
        "RESTARTnote-7Qx",
    ]);
    let app = AppUnderTest::launch_in(home);
    let s = &app.session;
    s.fill(&s.wait_for("#unlock-passphrase", 60).unwrap(), PASS)
        .unwrap();
    s.click(&s.find("#unlock").unwrap()).unwrap();
    s.wait_for_content(".case-list ul", "Romance scam", 20)
        .unwrap();
    s.click(&case_button(s, "Romance scam – Anna (WhatsApp)"))
        .unwrap();
    s.wait_for_content("form.editor", "Your unsaved text was kept", 10)
        .unwrap();
    assert_eq!(
        s.value(&s.find("#case-notes").unwrap()).unwrap(),
        "RESTARTnote-7Qx: ask the exchange to freeze"
    );
    app.quit().assert_no_plaintext(&[
        CANARY,
        "Margarethe Vogel",
        "PR-2026-118734",
        "RESTARTnote-7Qx",
    ]);
    eprintln!(
        "measured: launch to welcome screen {:?}; unlock (Argon2id + open) to case list {:?}; screenshot {}",
        to_welcome,
        unlock_time,
        shot.display()
    );
}
