//! End-to-end, keyboard only: first run → a case → a transfer → the dossier tab, in the real
//! window, with Tab, arrow keys, Enter and typing — no clicks. Every control on the way must be
//! reachable with Tab and show where the focus is.

#![allow(clippy::unwrap_used)]

use casefile_e2e::webdriver::Session;
use casefile_e2e::{artifacts_dir, AppUnderTest};

const PASS: &str = "lantern orchard velvet ninety";
const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const RIGHT: &str = "\u{E014}";

/// What has the focus: `#id` or the tag.
fn focused(s: &Session) -> String {
    s.execute(
        "const e = document.activeElement; return e ? (e.id ? '#' + e.id : e.tagName.toLowerCase()) : '';",
        serde_json::json!([]),
    )
    .unwrap()
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Whether the focused element shows a focus ring (an outline or a ring-like shadow).
fn focus_shows(s: &Session) -> bool {
    s.execute(
        "const e = document.activeElement; if (!e) return false; const cs = getComputedStyle(e);
         return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';",
        serde_json::json!([]),
    )
    .unwrap()
    .as_bool()
    .unwrap_or(false)
}

/// Presses Tab until `id` has the focus (at most `limit` times); the steps it took.
fn tab_to(s: &Session, id: &str, limit: usize) -> usize {
    for step in 0..=limit {
        if focused(s) == id {
            assert!(focus_shows(s), "{id} has the focus but shows no focus ring");
            return step;
        }
        s.keys(TAB).unwrap();
    }
    panic!(
        "{id} was not reached with Tab within {limit} presses (focus on {})",
        focused(s)
    );
}

/// Presses Shift+Tab until `id` has the focus; the steps it took.
fn back_to(s: &Session, id: &str, limit: usize) -> usize {
    for step in 0..=limit {
        if focused(s) == id {
            assert!(focus_shows(s), "{id} has the focus but shows no focus ring");
            return step;
        }
        s.keys("\u{E008}\u{E004}\u{E000}").unwrap();
    }
    panic!(
        "{id} was not reached with Shift+Tab within {limit} presses (focus on {})",
        focused(s)
    );
}

fn wait_focus(s: &Session, id: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while focused(s) != id {
        assert!(
            std::time::Instant::now() < deadline,
            "{id} never got the focus (it is on {})",
            focused(s)
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn first_run_case_transfer_and_dossier_with_the_keyboard_only() {
    let app = AppUnderTest::launch();
    let s = &app.session;
    s.wait_for("#new-passphrase", 60).unwrap();
    // The first field has the focus on every screen.
    wait_focus(s, "#new-passphrase");
    s.keys(PASS).unwrap();
    let mut presses = tab_to(s, "#confirm-passphrase", 6);
    s.keys(PASS).unwrap();
    presses += tab_to(s, "#create-store", 6);
    s.keys(ENTER).unwrap();

    // Start here: the case's name field has the focus; Enter makes the case.
    s.wait_for("#start-case-title", 30).unwrap();
    wait_focus(s, "#start-case-title");
    s.keys("Anna – crypto investment").unwrap();
    s.keys(ENTER).unwrap();
    s.wait_for_text("#start-current-case", "Anna – crypto investment", 15)
        .unwrap();
    presses += tab_to(s, "#start-money", 30);
    s.keys(ENTER).unwrap();

    // Money: add a transfer typed as people write it.
    s.wait_for("#add-transfer", 15).unwrap();
    presses += tab_to(s, "#add-transfer", 40);
    s.keys(ENTER).unwrap();
    s.wait_for("#t-when", 10).unwrap();
    presses += tab_to(s, "#t-when", 10);
    s.keys("14/03/2026 9:30").unwrap();
    s.wait_for_text("#t-when-reading", "14 March 2026", 10)
        .unwrap();
    presses += tab_to(s, "#t-amount", 10);
    s.keys("2500").unwrap();
    s.wait_for_text("#t-amount-reading", "two thousand five hundred", 10)
        .unwrap();
    presses += tab_to(s, "#t-name", 20);
    s.keys("Global Trade Solutions Ltd").unwrap();
    presses += tab_to(s, "#save-transfer", 40);
    s.keys(ENTER).unwrap();
    s.wait_for_content("#transfers-list", "Global Trade Solutions Ltd", 15)
        .unwrap();

    // The tabs: one Tab stop, arrow keys between them; then the dossier's integrity check.
    presses += back_to(s, "#tab-transfers", 60);
    for _ in 0..8 {
        if focused(s) == "#tab-dossier" {
            break;
        }
        s.keys(RIGHT).unwrap();
    }
    assert_eq!(
        focused(s),
        "#tab-dossier",
        "arrow keys reach the Dossier tab"
    );
    s.keys(ENTER).unwrap();
    s.wait_for("#verify-case", 10).unwrap();
    presses += tab_to(s, "#verify-case", 40);
    s.keys(ENTER).unwrap();
    s.wait_for_text("#verify-result", "All good", 20).unwrap();
    s.wait_for("#export-dossier", 5).unwrap();
    s.screenshot(&artifacts_dir().join("keyboard-dossier.png"))
        .unwrap();
    eprintln!("measured: keyboard-only first run to a verified case with one transfer: {presses} Tab presses");
    app.quit();
}
