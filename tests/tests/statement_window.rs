//! A bank statement imported in the real window: a CSV whose dates can be read two ways (the
//! question answered, so the profile is confirmed), two scam payments ticked out of the rows,
//! imported; the money trail then shows the bank, the victim's own exchange account and the
//! mule account, and the loss counts only the money that left the victim's control.
//!
//! Run under Xvfb after building the app: `xvfb-run -a cargo test -p casefile-e2e --test
//! statement_window` (the README's test command does this).

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use casefile_e2e::{artifacts_dir, case_button, cli, AppUnderTest};

const PASS: &str = "orange kettle seventeen lighthouse";
/// The victim's own accounts and the mule's, as the caseworker recorded them.
const BANK_IBAN: &str = "GB29 NWBK 6016 1331 9268 19";
const EXCHANGE_IBAN: &str = "GB82 WEST 1234 5698 7654 32";
const MULE_IBAN: &str = "GB33 BUKB 2020 1555 5555 55";
/// A counterparty name that must never be readable on disk.
const CANARY: &str = "QUICKMULE TRADING CANARY";

/// A UK bank's CSV: every day ≤ 12, so day/month order cannot be told from the file.
fn statement(dir: &std::path::Path) -> std::path::PathBuf {
    let csv = format!(
        "Date,Description,Counterparty account,Debit,Credit\n\
         02/03/2026,CARD PAYMENT TESCO STORES,,45.20,\n\
         03/03/2026,TO COINVAULT EXCHANGE DEPOSIT,{EXCHANGE_IBAN},2500.00,\n\
         05/03/2026,{CANARY} INVOICE 7781,{MULE_IBAN},1000.00,\n\
         07/03/2026,SALARY ACME LTD,,,2100.00\n\
         09/03/2026,COUNCIL TAX,,150.00,\n"
    );
    let path = dir.join("barclays-march.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

#[test]
fn a_statement_is_imported_with_a_confirmed_profile_and_the_trail_is_drawn() {
    let app = AppUnderTest::launch_with(|store| {
        std::fs::create_dir_all(store.parent().unwrap()).unwrap();
        cli(store, PASS, &["init"]);
        cli(
            store,
            PASS,
            &["case", "new", "--title", "Investment scam – CoinVault"],
        );
        for (name, owner, kind, number) in [
            ("Barclays current account", "victim", "bank", BANK_IBAN),
            (
                "CoinVault exchange account",
                "victim",
                "exchange",
                EXCHANGE_IBAN,
            ),
            ("Mule account", "scammer", "bank", MULE_IBAN),
        ] {
            cli(
                store,
                PASS,
                &[
                    "account", "add", "1", "--name", name, "--owner", owner, "--kind", kind,
                    "--number", number,
                ],
            );
        }
    });
    let s = &app.session;
    s.set_window_size(1100, 780).unwrap();
    let unlock = s.wait_for("#unlock-passphrase", 60).unwrap();
    s.fill(&unlock, PASS).unwrap();
    s.click(&s.find("#unlock").unwrap()).unwrap();
    s.wait_for("button.case", 30).unwrap();
    s.click(&case_button(s, "Investment scam – CoinVault"))
        .unwrap();
    s.click(&s.wait_for("#tab-transfers", 10).unwrap()).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let file = statement(dir.path());
    s.click(&s.wait_for("#import-statement", 10).unwrap())
        .unwrap();
    let picker = s.wait_for_present("#statement-file", 10).unwrap();
    s.send_keys(&picker, &file.display().to_string()).unwrap();

    // The order of day and month is asked, with rows read each way; no rows until answered.
    s.wait_for_text("#statement-question-DateFormat", "Day first", 20)
        .unwrap();
    assert_eq!(
        s.execute(
            "return document.querySelectorAll('input[type=checkbox][aria-label^=\"Line\"]').length;",
            serde_json::json!([]),
        )
        .unwrap(),
        serde_json::json!(0)
    );
    std::thread::sleep(Duration::from_millis(300));
    s.screenshot(&artifacts_dir().join("casefile-statement-question.png"))
        .unwrap();
    let day_first = s
        .execute(
            "const r = [...document.querySelectorAll('#statement-question-DateFormat input[type=radio]')].find(i => i.value.startsWith('%d')); r.click(); return r.value;",
            serde_json::json!([]),
        )
        .unwrap();
    assert_eq!(day_first, serde_json::json!("%d/%m/%Y"));

    // Every row with a tick box; tick the two scam payments only.
    let tick = |words: &str| {
        s.execute(
            "const b = [...document.querySelectorAll('input[type=checkbox][aria-label^=\"Line\"]')].find(i => i.getAttribute('aria-label').includes(arguments[0])); b.click(); return b.getAttribute('aria-label');",
            serde_json::json!([words]),
        )
        .unwrap()
    };
    s.wait_for("input[type=checkbox][aria-label^='Line']", 20)
        .unwrap();
    let rows = s
        .execute(
            "return document.querySelectorAll('input[type=checkbox][aria-label^=\"Line\"]').length;",
            serde_json::json!([]),
        )
        .unwrap();
    assert_eq!(rows, serde_json::json!(5));
    let exchange = tick("2500.00");
    assert!(
        exchange.as_str().unwrap().starts_with("Line 3:"),
        "{exchange}"
    );
    let mule = tick("1000.00");
    assert!(mule.as_str().unwrap().starts_with("Line 4:"), "{mule}");
    // The statement is of the victim's bank account (recognised from nothing in this file:
    // chosen here), and the way of reading it is saved for next time.
    s.execute(
        "const sel = document.querySelector('#statement-account'); const o = [...sel.options].find(o => o.textContent.startsWith('Barclays')); sel.value = o.value; sel.dispatchEvent(new Event('change', { bubbles: true })); return o.value;",
        serde_json::json!([]),
    )
    .unwrap();
    // The file gives no currency: asked (the import waits), never taken from the case.
    s.wait_for_text("#statement-blocker", "currency", 10)
        .unwrap();
    s.execute(
        "const sel = document.querySelector('#statement-currency'); sel.value = 'GBP'; sel.dispatchEvent(new Event('change', { bubbles: true }));",
        serde_json::json!([]),
    )
    .unwrap();
    s.fill(&s.find("#statement-save-as").unwrap(), "Barclays CSV")
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    s.screenshot(&artifacts_dir().join("casefile-statement-preview.png"))
        .unwrap();
    s.click(&s.find("#run-statement-import").unwrap()).unwrap();
    s.wait_for_text("#statements-message", "2 transfers added", 30)
        .unwrap();

    // The trail: bank → own exchange account (a hop) and bank → mule account (the loss).
    s.wait_for("svg.trail-picture g.node", 20).unwrap();
    let boxes = s
        .execute(
            "return [...document.querySelectorAll('svg.trail-picture g.node')].map(g => [...g.querySelectorAll('text')].map(t => t.textContent).join(' / '));",
            serde_json::json!([]),
        )
        .unwrap();
    let boxes: Vec<String> = serde_json::from_value(boxes).unwrap();
    assert!(
        boxes
            .iter()
            .any(|b| b.contains("Victim's own") && b.contains("Barclays current account")),
        "{boxes:?}"
    );
    assert!(
        boxes
            .iter()
            .any(|b| b.contains("Victim's own") && b.contains("CoinVault exchange account")),
        "{boxes:?}"
    );
    assert!(
        boxes
            .iter()
            .any(|b| b.contains("Scammers'") && b.contains("Mule account")),
        "{boxes:?}"
    );
    let arrows = s
        .execute(
            "return document.querySelectorAll('svg.trail-picture path.edge').length;",
            serde_json::json!([]),
        )
        .unwrap();
    assert_eq!(arrows, serde_json::json!(2));
    // Only the money that reached the mule is lost; the hop is said to be left out.
    s.wait_for_text("#loss-summary", "1,000", 10).unwrap();
    let loss = s
        .execute(
            "return document.querySelector('#loss-summary').textContent;",
            serde_json::json!([]),
        )
        .unwrap();
    let loss = loss.as_str().unwrap();
    assert!(!loss.contains("3,500"), "{loss}");
    assert!(loss.contains("own accounts"), "{loss}");
    s.execute(
        "document.querySelector('svg.trail-picture').scrollIntoView({ block: 'center' });",
        serde_json::json!([]),
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    s.screenshot(&artifacts_dir().join("casefile-statement-trail.png"))
        .unwrap();

    let store = app.store.clone();
    let home = app.quit();
    // Each imported transfer keeps its row; the statement is evidence; the profile is saved.
    let transfers: serde_json::Value =
        serde_json::from_str(&cli(&store, PASS, &["transfer", "list", "1", "--json"])).unwrap();
    let rows: Vec<u64> = transfers
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["statement"]["row"].as_u64().unwrap())
        .collect();
    assert_eq!(rows, [3, 4]);
    assert!(transfers[1]["statement"]["raw"]
        .as_str()
        .unwrap()
        .contains(CANARY));
    assert!(cli(&store, PASS, &["statement", "profiles"]).starts_with("Barclays CSV:"));
    home.assert_no_plaintext(&[CANARY, "COINVAULT EXCHANGE DEPOSIT"]);
}
