//! The `casefile` binary end to end: init, case new, cases, case show, errors.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

const PASS: &str = "quiet meadow copper seventy";

fn casefile(store: &Path, pass: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casefile"));
    cmd.arg("--store")
        .arg(store)
        .args(args)
        .stdin(Stdio::null());
    cmd.env_remove("CASEFILE_PASSPHRASE")
        .env_remove("CASEFILE_STORE");
    if let Some(p) = pass {
        cmd.env("CASEFILE_PASSPHRASE", p);
    }
    cmd.output().expect("run casefile")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn init_new_list_show_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("casefile.db");

    let init = casefile(&store, Some(PASS), &["init"]);
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(stdout(&init).contains("Created an empty encrypted case file"));

    let new = casefile(
        &store,
        Some(PASS),
        &["case", "new", "--title", "Romance scam – Анна", "--json"],
    );
    assert!(new.status.success(), "{}", stderr(&new));
    let created: serde_json::Value = serde_json::from_slice(&new.stdout).unwrap();
    assert_eq!(created["title"], "Romance scam – Анна");
    let id = created["id"].as_i64().unwrap();

    let second = casefile(
        &store,
        Some(PASS),
        &["case", "new", "--title", "Fake exchange BTC-GX Pro"],
    );
    assert!(second.status.success());
    assert!(stdout(&second).starts_with("Created case 2: Fake exchange BTC-GX Pro"));

    let list = casefile(&store, Some(PASS), &["cases", "--json"]);
    assert!(list.status.success(), "{}", stderr(&list));
    let cases: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let titles: Vec<_> = cases
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles.len(), 2);
    assert!(titles.contains(&"Romance scam – Анна".to_string()));

    let table = casefile(&store, Some(PASS), &["cases", "--search", "btc"]);
    let table_out = stdout(&table);
    assert!(
        table_out.contains("Fake exchange BTC-GX Pro"),
        "{table_out}"
    );
    assert!(!table_out.contains("Анна"), "{table_out}");

    let show = casefile(
        &store,
        Some(PASS),
        &["case", "show", &id.to_string(), "--json"],
    );
    assert!(show.status.success());
    let shown: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(shown["details"]["reporting_currency"], "EUR");
    assert_eq!(shown["details"]["time_zone"], "UTC");
    assert_eq!(shown["status"], "open");

    let human = casefile(&store, Some(PASS), &["case", "show", &id.to_string()]);
    assert!(stdout(&human).contains("Romance scam – Анна"));

    let demo = casefile(&store, Some(PASS), &["demo"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    let log = casefile(&store, Some(PASS), &["verify-log"]);
    assert!(log.status.success(), "{}", stderr(&log));
    assert!(
        stdout(&log).starts_with("OK: the audit log's 4 entries are intact."),
        "{}",
        stdout(&log)
    );
}

#[test]
fn errors_are_one_plain_line_with_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("casefile.db");
    assert!(casefile(&store, Some(PASS), &["init"]).status.success());
    let before = std::fs::read(&store).unwrap();

    let wrong = casefile(&store, Some("quiet meadow copper seventy-one"), &["cases"]);
    assert!(!wrong.status.success());
    assert_eq!(
        stderr(&wrong),
        "casefile: That passphrase doesn't open this case file. Check for typing mistakes and Caps Lock, then try again.\n"
    );
    assert_eq!(
        std::fs::read(&store).unwrap(),
        before,
        "the file is untouched"
    );

    let no_pass = casefile(&store, None, &["cases"]);
    assert!(!no_pass.status.success());
    assert!(
        stderr(&no_pass).contains("Set CASEFILE_PASSPHRASE"),
        "{}",
        stderr(&no_pass)
    );
    assert_eq!(stderr(&no_pass).lines().count(), 1);

    let again = casefile(&store, Some(PASS), &["init"]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already exists"));

    let missing = casefile(&dir.path().join("other.db"), Some(PASS), &["cases"]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("There is no case file at"));
    assert!(stderr(&missing).contains("Create one first"));

    let weak = casefile(&dir.path().join("weak.db"), Some("secret"), &["init"]);
    assert!(!weak.status.success());
    assert!(
        stderr(&weak).contains("too easy to guess"),
        "{}",
        stderr(&weak)
    );

    let not_found = casefile(&store, Some(PASS), &["case", "show", "99"]);
    assert!(!not_found.status.success());
    assert!(stderr(&not_found).contains("could not be found"));

    let empty_title = casefile(&store, Some(PASS), &["case", "new", "--title", "  "]);
    assert!(!empty_title.status.success());
    assert!(stderr(&empty_title).contains("needs a title"));
}
