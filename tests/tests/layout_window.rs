//! End-to-end: every screen of the real window at the default size (1100×780) and a small one
//! (760×540), and at 150 % and 200 % text, with a caseworker's load — the sample case, 60 phone
//! screenshots in it and 29 more cases — is checked by measuring element boxes (text cut off,
//! squeezed or outside the window, overlapping boxes) and by axe-core (no serious or critical
//! violation). Screenshots of every screen go to the E2E artifacts.

#![allow(clippy::unwrap_used)]

use std::io::Cursor;

use casefile_e2e::{artifacts_dir, case_button, cli, layout, AppUnderTest};

const PASS: &str = "lantern orchard velvet ninety";

fn phone_screenshot(seed: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(270, 585, |x, y| {
        if y < 60 {
            image::Rgb([30, 64, 120])
        } else if (y / 20) % 3 == 0 && x > 20 && x < 150 + seed % 100 {
            image::Rgb([40, 40, 40])
        } else {
            image::Rgb([245, 245, (200 + seed % 50) as u8])
        }
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// The sample case with 60 screenshots, and 29 more cases.
fn caseworker_store(store: &std::path::Path) {
    cli(store, PASS, &["init"]);
    cli(store, PASS, &["demo"]);
    let shots = store.parent().unwrap().join("shots");
    std::fs::create_dir_all(&shots).unwrap();
    let mut paths = Vec::new();
    for i in 0..60u32 {
        let p = shots.join(format!(
            "Screenshot_202603{:02}-{:02}{:02}00_WhatsApp.png",
            1 + i % 28,
            9 + i % 12,
            i % 60
        ));
        std::fs::write(&p, phone_screenshot(i)).unwrap();
        paths.push(p.display().to_string());
    }
    let mut args = vec!["evidence", "add", "1"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(["--zone", "Europe/London"]);
    cli(store, PASS, &args);
    for i in 1..=29 {
        cli(
            store,
            PASS,
            &[
                "case",
                "new",
                "--title",
                &format!("Case {i:02} – investment app, victim {i}"),
            ],
        );
    }
}

/// Clicks the element matching `css` through the page (works for elements a long list has
/// scrolled away) and lets the screen settle.
fn press(s: &casefile_e2e::webdriver::Session, css: &str) {
    s.click(&s.wait_for(css, 20).unwrap_or_else(|e| panic!("{e}")))
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
}

/// Checks the current screen; returns its problems prefixed with where we were.
fn check(s: &casefile_e2e::webdriver::Session, name: &str, with_axe: bool) -> Vec<String> {
    s.execute("document.activeElement?.blur();", serde_json::json!([]))
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    s.screenshot(&artifacts_dir().join(format!("layout-{name}.png")))
        .unwrap();
    let mut found: Vec<String> = layout::problems(s)
        .into_iter()
        .map(|p| format!("[{name}] {p}"))
        .collect();
    if with_axe {
        found.extend(
            layout::accessibility_problems(s)
                .into_iter()
                .map(|p| format!("[{name}] axe {p}")),
        );
    }
    found
}

const TABS: [&str; 9] = [
    "details",
    "timeline",
    "transfers",
    "people",
    "evidence",
    "chats",
    "contacts",
    "dossier",
    "deleted",
];

#[test]
fn every_screen_holds_at_1100x780_and_760x540_with_30_cases_and_60_screenshots() {
    let files = tempfile::tempdir().unwrap();
    let statement = files.path().join("Umsaetze_Girokonto_2026-03.csv");
    std::fs::write(
        &statement,
        "Buchungstag;Valuta;Auftraggeber/Empfänger;IBAN;Verwendungszweck;Betrag;Währung\n\
         14.03.2026;14.03.2026;CoinVault Europe Ltd;GB82 WEST 1234 5698 7654 32;Einzahlung Kundenkonto 88213 / Ref. CV-2026-03-14-8821;-2.500,00;EUR\n\
         18.03.2026;18.03.2026;Supermarkt am Markt;;Kartenzahlung;-45,20;EUR\n\
         21.03.2026;21.03.2026;Global Trading Assets Ltd;DE89 3704 0044 0532 0130 00;Gebühr Auszahlung Steuer 20 Prozent;-1.200,00;EUR\n\
         31.02.2026;31.02.2026;Falsches Datum GmbH;;Test;-10,00;EUR\n\
         28.03.2026;28.03.2026;Arbeitgeber GmbH;;Gehalt März;3.100,00;EUR\n",
    )
    .unwrap();
    let app = AppUnderTest::launch_with(caseworker_store);
    let s = &app.session;
    let unlock = s.wait_for("#unlock-passphrase", 60).expect("unlock screen");
    let mut problems = Vec::new();
    for (w, h) in [(1100u32, 780u32), (760, 540)] {
        s.set_window_size(w, h).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(500));
        problems.extend(check(s, &format!("{w}x{h}-unlock"), w == 1100));
    }
    s.set_window_size(1100, 780).unwrap();
    s.fill(&unlock, PASS).unwrap();
    press(s, "#unlock");
    s.wait_for(".case-list", 30).expect("cases after unlocking");
    let (vw, vh) = s.viewport().unwrap();
    eprintln!("viewport at 1100x780: {vw}x{vh}");
    let visible_cases: u64 = s
        .execute(
            "const l = document.querySelector('.case-list'); return [...document.querySelectorAll('button.case')].filter(b => { const r = b.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }).length;",
            serde_json::json!([]),
        )
        .unwrap()
        .as_u64()
        .unwrap_or(0);
    eprintln!("cases visible at once at 1100x780: {visible_cases}");
    assert!(
        visible_cases >= 12,
        "only {visible_cases} cases visible at once"
    );

    for (w, h, text) in [
        (1100u32, 780u32, 100u32),
        (760, 540, 100),
        (1100, 780, 150),
        (760, 540, 150),
        (1100, 780, 200),
        (760, 540, 200),
    ] {
        s.set_window_size(w, h).unwrap();
        s.execute(
            "document.documentElement.style.fontSize = arguments[0] + '%';",
            serde_json::json!([text]),
        )
        .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(500));
        let size = format!("{w}x{h}-{text}pct");
        let axe = text == 100;
        s.click(&case_button(
            s,
            "Sample: crypto investment scam – \"Anna\" and BTC-GX Pro",
        ))
        .ok();
        for tab in TABS {
            press(s, &format!("#tab-{tab}"));
            problems.extend(check(s, &format!("{size}-{tab}"), axe && w == 1100));
        }
        // The statement import on the Money tab: its reading settings open, every row with
        // its tick box, the rows that could not be read, the account and currency choices.
        press(s, "#tab-transfers");
        press(s, "#import-statement");
        let picker = s.wait_for_present("#statement-file", 10).unwrap();
        s.send_keys(&picker, &statement.display().to_string())
            .unwrap();
        s.wait_for("input[type=checkbox][aria-label^='Line']", 20)
            .unwrap();
        s.execute(
            "document.querySelector('#panel-transfers details.settings')?.setAttribute('open', '');",
            serde_json::json!([]),
        )
        .unwrap();
        problems.extend(check(
            s,
            &format!("{size}-statement-import"),
            axe && w == 1100,
        ));
        press(s, "#tab-details");
        press(s, "#open-start");
        problems.extend(check(s, &format!("{size}-start-here"), axe && w == 1100));
        press(s, "#open-start");
        press(s, "#open-settings");
        problems.extend(check(s, &format!("{size}-settings"), axe && w == 1100));
        press(s, "#open-settings");
        press(s, "#open-dashboard");
        s.wait_for_content("main, body", "Cases and next steps", 10)
            .unwrap();
        problems.extend(check(s, &format!("{size}-dashboard"), axe && w == 1100));
        press(s, "#open-dashboard");
        // Search every case: a wallet part that is in the sample case.
        let search = s
            .wait_for("input[aria-label='Search all cases'], #search-all", 10)
            .unwrap();
        s.fill(&search, "investment").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1200));
        problems.extend(check(s, &format!("{size}-search"), axe && w == 1100));
        s.fill(
            &s.wait_for("input[aria-label='Search all cases'], #search-all", 10)
                .unwrap(),
            "",
        )
        .unwrap();
        s.keys("\u{E00C}").ok();
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    s.execute(
        "document.documentElement.style.fontSize = '';",
        serde_json::json!([]),
    )
    .unwrap();
    app.quit();
    assert!(
        problems.is_empty(),
        "{} layout or accessibility problems (screenshots in {}):\n{}",
        problems.len(),
        artifacts_dir().display(),
        problems.join("\n")
    );
}
