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
        stdout(&log).starts_with("OK: the audit log's 23 entries are intact."),
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

fn png(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(4, 4, image::Rgb([seed, 0x40, 0x80]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// A new store with one case (id 1) titled `title`.
fn store_with_case(title: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("casefile.db");
    assert!(casefile(&store, Some(PASS), &["init"]).status.success());
    assert!(
        casefile(&store, Some(PASS), &["case", "new", "--title", title])
            .status
            .success()
    );
    (dir, store)
}

#[test]
fn evidence_transfers_subjects_timeline_and_case_interchange() {
    let (dir, store) = store_with_case("USDT scam");
    let a = dir.path().join("Screenshot_1.png");
    let b = dir.path().join("Screenshot_2.png");
    std::fs::write(&a, png(1)).unwrap();
    std::fs::write(&b, png(2)).unwrap();
    let add = casefile(
        &store,
        Some(PASS),
        &[
            "evidence",
            "add",
            "1",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--caption",
            "Chat with Anna",
        ],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    assert_eq!(
        stdout(&add).matches("Added V-").count(),
        2,
        "{}",
        stdout(&add)
    );
    let again = casefile(
        &store,
        Some(PASS),
        &["evidence", "add", "1", a.to_str().unwrap()],
    );
    assert!(
        stdout(&again).contains("Already in the case as V-1"),
        "{}",
        stdout(&again)
    );

    let typo = r#"{"occurred_at":"2026-03-14 09:30","amount":"2500","currency":"USDT","network":"tron","method":"crypto_transfer","beneficiary_wallet":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj7t"}"#;
    let refused = casefile(
        &store,
        Some(PASS),
        &["transfer", "add", "1", "--json", typo],
    );
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("checksum") && stderr(&refused).contains("--accept-warnings"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(stderr(&refused).lines().count(), 1);
    let saved = casefile(
        &store,
        Some(PASS),
        &["transfer", "add", "1", "--json", typo, "--accept-warnings"],
    );
    assert!(saved.status.success(), "{}", stderr(&saved));
    assert!(stdout(&saved).contains("warning kept with the record"));
    let bad = casefile(
        &store,
        Some(PASS),
        &[
            "transfer",
            "add",
            "1",
            "--json",
            r#"{"occurred_at":"2026-03-14","amount":"1,5","currency":"EUR"}"#,
        ],
    );
    assert!(
        stderr(&bad).contains("point for decimals"),
        "{}",
        stderr(&bad)
    );

    let subject = r#"{"kind":"persona","name":"Anna","identifiers":[{"kind":"whatsapp","value":"+852 5123 4567"},{"kind":"crypto_wallet","value":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t","network":"tron"}]}"#;
    let s = casefile(
        &store,
        Some(PASS),
        &["subject", "add", "1", "--json", subject],
    );
    assert!(s.status.success(), "{}", stderr(&s));
    assert!(stdout(&s).contains("+85251234567"));
    let event = r#"{"occurred_at":"2026-03-01 20:00","kind":"first_contact","title":"Anna wrote by mistake"}"#;
    assert!(
        casefile(&store, Some(PASS), &["event", "add", "1", "--json", event])
            .status
            .success()
    );

    let tl = casefile(&store, Some(PASS), &["timeline", "1", "--json"]);
    assert!(tl.status.success(), "{}", stderr(&tl));
    let entries: serde_json::Value = serde_json::from_slice(&tl.stdout).unwrap();
    let entries = entries.as_array().unwrap();
    assert_eq!(entries[0]["title"], "Anna wrote by mistake");
    assert!(entries.iter().any(|e| e["title"] == "Paid out 2500 USDT"));
    let only = casefile(&store, Some(PASS), &["timeline", "1", "--kind", "out"]);
    assert!(
        stdout(&only).contains("Paid out 2500 USDT") && !stdout(&only).contains("Anna wrote"),
        "{}",
        stdout(&only)
    );
    let summary = casefile(&store, Some(PASS), &["summary", "1"]);
    assert!(
        stdout(&summary).contains("USDT (TRON): paid out 2500"),
        "{}",
        stdout(&summary)
    );

    let export_file = dir.path().join("case.json");
    let export = casefile(
        &store,
        Some(PASS),
        &[
            "case",
            "export",
            "1",
            "--json",
            "--out",
            export_file.to_str().unwrap(),
        ],
    );
    assert!(export.status.success(), "{}", stderr(&export));
    let imported = casefile(
        &store,
        Some(PASS),
        &["case", "import", export_file.to_str().unwrap()],
    );
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(
        stdout(&imported).starts_with("Imported as case 2: USDT scam"),
        "{}",
        stdout(&imported)
    );
    let subjects = casefile(&store, Some(PASS), &["subject", "list", "2"]);
    assert!(
        stdout(&subjects).contains("also in case 1"),
        "{}",
        stdout(&subjects)
    );

    // A tampered export is refused with a plain message, and nothing is imported.
    let text = std::fs::read_to_string(&export_file).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["evidence"][0]["content_base64"] = serde_json::Value::String(base64_of(&png(9)));
    std::fs::write(&export_file, v.to_string()).unwrap();
    let tampered = casefile(
        &store,
        Some(PASS),
        &["case", "import", export_file.to_str().unwrap()],
    );
    assert!(!tampered.status.success());
    assert!(
        stderr(&tampered).contains("does not match its SHA-256"),
        "{}",
        stderr(&tampered)
    );
    let cases = casefile(&store, Some(PASS), &["cases", "--json"]);
    let cases: serde_json::Value = serde_json::from_slice(&cases.stdout).unwrap();
    assert_eq!(cases.as_array().unwrap().len(), 2);
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn export_pdf_and_verify() {
    let (dir, store) = store_with_case("USDT scam");
    let shot = dir.path().join("Screenshot_1.png");
    std::fs::write(&shot, png(5)).unwrap();
    assert!(casefile(
        &store,
        Some(PASS),
        &["evidence", "add", "1", shot.to_str().unwrap()]
    )
    .status
    .success());
    let t = r#"{"occurred_at":"2026-03-14 09:30","amount":"4000","currency":"EUR","beneficiary_bank":"CoinHarbor Payments","beneficiary_account":"DE89370400440532013000"}"#;
    assert!(
        casefile(&store, Some(PASS), &["transfer", "add", "1", "--json", t])
            .status
            .success()
    );

    let out = dir.path().join("dossier.pdf");
    // Left by an export that was killed: removed by the next one. Other files stay.
    std::fs::write(
        dir.path()
            .join(".dossier.pdf.casefile-partial-00000000deadbeef"),
        b"%PDF-1.7 half",
    )
    .unwrap();
    let export = casefile(
        &store,
        Some(PASS),
        &[
            "export",
            "pdf",
            "1",
            "--out",
            out.to_str().unwrap(),
            "--csv",
            "--prepared-by",
            "Caseworker",
            "--omit",
            "custody",
        ],
    );
    assert!(export.status.success(), "{}", stderr(&export));
    assert!(stdout(&export).contains("pages"), "{}", stdout(&export));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    let csv = std::fs::read_to_string(dir.path().join("dossier-transfers.csv")).unwrap();
    assert!(csv.contains("DE89370400440532013000"));
    assert!(dir.path().join("dossier-identifiers.csv").exists());
    assert_eq!(partials_in(dir.path()), Vec::<String>::new());
    #[cfg(unix)]
    assert_eq!(mode(&out), 0o600);

    let letter = dir.path().join("letter.pdf");
    let no_name = casefile(
        &store,
        Some(PASS),
        &[
            "export",
            "pdf",
            "1",
            "--out",
            letter.to_str().unwrap(),
            "--variant",
            "bank",
        ],
    );
    assert!(!no_name.status.success());
    assert!(stderr(&no_name).contains("--institution"));
    let bank = casefile(
        &store,
        Some(PASS),
        &[
            "export",
            "pdf",
            "1",
            "--out",
            letter.to_str().unwrap(),
            "--variant",
            "bank",
            "--institution",
            "CoinHarbor",
        ],
    );
    assert!(bank.status.success(), "{}", stderr(&bank));

    let verify = casefile(&store, Some(PASS), &["verify", "1"]);
    assert!(verify.status.success(), "{}", stderr(&verify));
    assert!(
        stdout(&verify).starts_with("OK: 1 evidence item(s) match their SHA-256"),
        "{}",
        stdout(&verify)
    );
}

#[cfg(unix)]
#[test]
fn evidence_add_names_a_pipe_or_a_device_and_never_reads_it() {
    let (dir, store) = store_with_case("USDT scam");
    let fifo = dir.path().join("chat.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    for path in [fifo.as_path(), Path::new("/dev/zero")] {
        // A read of the pipe would wait for ever and /dev/zero never ends: the command must
        // come back with a message instead (the test would hang otherwise).
        let add = casefile(
            &store,
            Some(PASS),
            &["evidence", "add", "1", path.to_str().unwrap()],
        );
        assert!(!add.status.success());
        let err = stderr(&add);
        assert!(err.contains("not a regular file"), "{err}");
        assert!(!err.contains("folder"), "{err}");
        assert!(err.contains("Choose a file"), "{err}");
    }
    let folder = casefile(
        &store,
        Some(PASS),
        &["evidence", "add", "1", dir.path().to_str().unwrap()],
    );
    assert!(
        stderr(&folder).contains("is a folder"),
        "{}",
        stderr(&folder)
    );
}

#[cfg(unix)]
#[test]
fn a_passphrase_that_is_not_utf8_is_named_as_such() {
    use std::os::unix::ffi::OsStrExt as _;
    let (_dir, store) = store_with_case("USDT scam");
    let out = Command::new(env!("CARGO_BIN_EXE_casefile"))
        .arg("--store")
        .arg(&store)
        .arg("cases")
        .stdin(Stdio::null())
        .env(
            "CASEFILE_PASSPHRASE",
            std::ffi::OsStr::from_bytes(b"quiet meadow \xff copper"),
        )
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(!err.contains("No passphrase given"), "{err}");
    assert!(err.contains("UTF-8"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// Files in `dir` whose names say they are unfinished writes.
fn partials_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn case_export_replaces_an_older_file_whole_and_owner_only() {
    use std::os::unix::fs::PermissionsExt as _;
    let (dir, store) = store_with_case("USDT scam");
    let out = dir.path().join("case.json");
    std::fs::write(&out, vec![b'x'; 3_000_000]).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).unwrap();
    let stale = dir
        .path()
        .join(".case.json.casefile-partial-0123456789abcdef");
    std::fs::write(&stale, b"{\"half\": ").unwrap();

    let export = casefile(
        &store,
        Some(PASS),
        &[
            "case",
            "export",
            "1",
            "--json",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(export.status.success(), "{}", stderr(&export));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["case"]["details"]["title"], "USDT scam");
    assert_eq!(mode(&out), 0o600, "{:o}", mode(&out));
    assert_eq!(partials_in(dir.path()), Vec::<String>::new());

    // A folder that does not exist: a plain error, and nothing is left behind.
    let nowhere = dir.path().join("missing").join("case.json");
    let failed = casefile(
        &store,
        Some(PASS),
        &[
            "case",
            "export",
            "1",
            "--json",
            "--out",
            nowhere.to_str().unwrap(),
        ],
    );
    assert!(!failed.status.success());
    assert!(
        stderr(&failed).contains("could not find") && !stderr(&failed).contains("disk"),
        "{}",
        stderr(&failed)
    );
    assert_eq!(stderr(&failed).lines().count(), 1);
}

/// Case 2: a copy of case 1 with `events` events, made by import (one unlock, not thousands).
fn import_with_many_events(store: &Path, dir: &Path, events: usize) {
    let event = r#"{"occurred_at":"2026-03-01 20:00","kind":"message","title":"Anna wrote again","description":"Good morning, dear. The platform shows a profit of 12%."}"#;
    assert!(
        casefile(store, Some(PASS), &["event", "add", "1", "--json", event])
            .status
            .success()
    );
    let export = casefile(store, Some(PASS), &["case", "export", "1", "--json"]);
    assert!(export.status.success(), "{}", stderr(&export));
    let mut v: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    let one = v["events"][0].clone();
    v["events"] = serde_json::Value::Array(vec![one; events]);
    let file = dir.join("many.json");
    std::fs::write(&file, v.to_string()).unwrap();
    let imported = casefile(
        store,
        Some(PASS),
        &["case", "import", file.to_str().unwrap()],
    );
    assert!(imported.status.success(), "{}", stderr(&imported));
}

/// Runs casefile with stdout to a pipe whose reader stops after a few bytes, like `| head -c 100`.
fn closed_early(store: &Path, args: &[&str]) -> Output {
    use std::io::Read as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_casefile"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env("CASEFILE_PASSPHRASE", PASS)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    child.wait_with_output().unwrap()
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    let (dir, store) = store_with_case("USDT scam");
    import_with_many_events(&store, dir.path(), 3000);
    for args in [
        &["timeline", "2"][..],
        &["timeline", "2", "--json"],
        &["case", "export", "2", "--json"],
    ] {
        let out = closed_early(&store, args);
        let err = stderr(&out);
        assert_ne!(out.status.code(), Some(101), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
        assert!(out.status.success(), "{args:?}: {:?} {err}", out.status);
    }
}

#[cfg(unix)]
#[test]
fn control_and_direction_characters_are_shown_escaped_and_kept_in_json() {
    let (dir, store) = store_with_case("Refund \u{202e}gnp.exe");
    let shot = dir.path().join("invoice\u{202e}gnp.exe");
    std::fs::write(&shot, png(7)).unwrap();
    let add = casefile(
        &store,
        Some(PASS),
        &["evidence", "add", "1", shot.to_str().unwrap()],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    let subject = r#"{"kind":"persona","name":"Anna\u001b[2J\u0000\u0085\u2066x\nOK: intact"}"#;
    let s = casefile(
        &store,
        Some(PASS),
        &["subject", "add", "1", "--json", subject],
    );
    assert!(s.status.success(), "{}", stderr(&s));

    let raw = ['\u{1b}', '\0', '\u{85}', '\u{202e}', '\u{2066}'];
    let human = [
        casefile(&store, Some(PASS), &["cases"]),
        casefile(&store, Some(PASS), &["case", "show", "1"]),
        casefile(&store, Some(PASS), &["evidence", "list", "1"]),
        casefile(&store, Some(PASS), &["subject", "list", "1"]),
        casefile(&store, Some(PASS), &["timeline", "1"]),
        add,
        s,
    ];
    for out in &human {
        let text = stdout(out);
        assert!(!text.contains(raw), "raw character in {text:?}");
    }
    assert!(
        stdout(&human[0]).contains("Refund \\u{202e}gnp.exe"),
        "{}",
        stdout(&human[0])
    );
    assert!(
        stdout(&human[2]).contains("invoice\\u{202e}gnp.exe"),
        "{}",
        stdout(&human[2])
    );
    assert!(
        stdout(&human[3]).contains("S-1 Anna\\u{1b}[2J\\u{0}\\u{85}\\u{2066}x\\u{a}OK: intact ("),
        "{}",
        stdout(&human[3])
    );

    // JSON keeps the original characters.
    let json = casefile(&store, Some(PASS), &["subject", "list", "1", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        v[0]["name"],
        "Anna\u{1b}[2J\u{0}\u{85}\u{2066}x\nOK: intact"
    );
    let json = casefile(&store, Some(PASS), &["evidence", "list", "1", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v[0]["file_name"], "invoice\u{202e}gnp.exe");

    let export = casefile(&store, Some(PASS), &["case", "export", "1", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(v["case"]["details"]["title"], "Refund \u{202e}gnp.exe");

    // Error messages too: they name the file.
    let missing = dir.path().join("\u{1b}[2Jgone.png");
    let e = casefile(
        &store,
        Some(PASS),
        &["evidence", "add", "1", missing.to_str().unwrap()],
    );
    assert!(!e.status.success());
    assert!(!stderr(&e).contains('\u{1b}'), "{:?}", stderr(&e));
    assert!(stderr(&e).contains("\\u{1b}[2Jgone.png"), "{}", stderr(&e));
}

/// Runs casefile with `input` on its standard input.
fn casefile_with_stdin(store: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_casefile"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env("CASEFILE_PASSPHRASE", PASS)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

#[test]
fn records_and_texts_come_from_a_file_or_stdin_not_only_the_command_line() {
    let (dir, store) = store_with_case("USDT scam");
    // Over 200 KB: more than one argument may hold (128 KB on Linux), under the 1 MB notes limit.
    let notes = "Chat log pasted by the victim. ".repeat(8_000);
    let transfer = serde_json::json!({
        "occurred_at": "2026-03-14 09:30", "amount": "2500", "currency": "EUR",
        "beneficiary_name": "CoinHarbor Payments", "notes": notes,
    })
    .to_string();
    assert!(transfer.len() > 200_000);
    let file = dir.path().join("transfer.json");
    std::fs::write(&file, &transfer).unwrap();

    let from_file = casefile(
        &store,
        Some(PASS),
        &[
            "transfer",
            "add",
            "1",
            "--json",
            &format!("@{}", file.display()),
        ],
    );
    assert!(from_file.status.success(), "{}", stderr(&from_file));
    let from_stdin = casefile_with_stdin(
        &store,
        &["transfer", "add", "1", "--json", "-"],
        transfer.as_bytes(),
    );
    assert!(from_stdin.status.success(), "{}", stderr(&from_stdin));
    let list = casefile(&store, Some(PASS), &["transfer", "list", "1", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert!(list.as_array().unwrap().iter().all(|t| t["notes"] == notes));

    let subject = dir.path().join("subject.json");
    std::fs::write(
        &subject,
        r#"{"name":"Anna","identifiers":[{"kind":"email","value":"anna@example.com"}]}"#,
    )
    .unwrap();
    let s = casefile(
        &store,
        Some(PASS),
        &[
            "subject",
            "add",
            "1",
            "--json",
            &format!("@{}", subject.display()),
        ],
    );
    assert!(s.status.success(), "{}", stderr(&s));
    let e = casefile_with_stdin(
        &store,
        &["event", "add", "1", "--json", "-"],
        br#"{"occurred_at":"2026-03-01 20:00","title":"Anna wrote"}"#,
    );
    assert!(e.status.success(), "{}", stderr(&e));

    // Free text: @file (one final line break dropped), - for stdin, @@ for a leading @.
    let title = dir.path().join("title.txt");
    std::fs::write(&title, "Romance scam – Анна\n").unwrap();
    let new = casefile(
        &store,
        Some(PASS),
        &["case", "new", "--title", &format!("@{}", title.display())],
    );
    assert!(
        stdout(&new).starts_with("Created case 2: Romance scam – Анна\n"),
        "{} {}",
        stdout(&new),
        stderr(&new)
    );
    let handle = casefile(
        &store,
        Some(PASS),
        &["case", "new", "--title", "@@anna_trading"],
    );
    assert!(
        stdout(&handle).starts_with("Created case 3: @anna_trading\n"),
        "{} {}",
        stdout(&handle),
        stderr(&handle)
    );
    let search = casefile_with_stdin(&store, &["cases", "--search", "-"], "Анна\n".as_bytes());
    assert!(
        stdout(&search).contains("Romance scam"),
        "{}",
        stderr(&search)
    );
    assert!(
        !stdout(&search).contains("USDT scam"),
        "{}",
        stdout(&search)
    );
    let tl = casefile_with_stdin(&store, &["timeline", "1", "--search", "-"], b"Anna");
    assert!(stdout(&tl).contains("Anna wrote"), "{}", stderr(&tl));
    assert!(!stdout(&tl).contains("2500"), "{}", stdout(&tl));

    let shot = dir.path().join("Screenshot_1.png");
    std::fs::write(&shot, png(3)).unwrap();
    let caption = dir.path().join("caption.txt");
    std::fs::write(&caption, "Anna's \"profit\" screen").unwrap();
    let add = casefile(
        &store,
        Some(PASS),
        &[
            "evidence",
            "add",
            "1",
            shot.to_str().unwrap(),
            "--caption",
            &format!("@{}", caption.display()),
        ],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    let ev = casefile(&store, Some(PASS), &["evidence", "list", "1", "--json"]);
    let ev: serde_json::Value = serde_json::from_slice(&ev.stdout).unwrap();
    assert_eq!(ev[0]["caption"], "Anna's \"profit\" screen");

    let pdf = dir.path().join("dossier.pdf");
    let export = casefile_with_stdin(
        &store,
        &[
            "export",
            "pdf",
            "1",
            "--out",
            pdf.to_str().unwrap(),
            "--prepared-by",
            "-",
        ],
        b"Victim Support Service\n",
    );
    assert!(export.status.success(), "{}", stderr(&export));

    // A missing file is named, with how to write a leading @.
    let missing = casefile(
        &store,
        Some(PASS),
        &["case", "new", "--title", "@anna_scam"],
    );
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("@@"), "{}", stderr(&missing));
    assert_eq!(stderr(&missing).lines().count(), 1);
    // Two options cannot both read the one standard input.
    let twice = casefile_with_stdin(
        &store,
        &[
            "export",
            "pdf",
            "1",
            "--out",
            pdf.to_str().unwrap(),
            "--variant",
            "bank",
            "--institution",
            "-",
            "--prepared-by",
            "-",
        ],
        b"CoinHarbor",
    );
    assert!(!twice.status.success());
    assert!(
        stderr(&twice).contains("standard input"),
        "{}",
        stderr(&twice)
    );
}

#[test]
fn misspelled_fields_are_refused_and_a_subject_is_saved_whole() {
    let (_dir, store) = store_with_case("Typos");
    let typo = casefile(
        &store,
        Some(PASS),
        &[
            "transfer",
            "add",
            "1",
            "--json",
            r#"{"occurred_at":"2026-03-14 09:30","amount":"100","currency":"EUR","benficiary_name":"Li Wei"}"#,
        ],
    );
    assert!(!typo.status.success());
    assert!(
        stderr(&typo).contains("\"benficiary_name\"")
            && stderr(&typo).contains("Did you mean \"beneficiary_name\"?"),
        "{}",
        stderr(&typo)
    );
    let list = casefile(&store, Some(PASS), &["transfer", "list", "1", "--json"]);
    assert_eq!(stdout(&list).trim(), "[]", "nothing saved");

    // 1,000 identifiers, the last one unusable: nothing of the subject is saved.
    let mut ids: Vec<String> = (0..999)
        .map(|i| format!(r#"{{"kind":"email","value":"anna{i}@example.com"}}"#))
        .collect();
    ids.push(format!(
        r#"{{"kind":"email","value":"{}"}}"#,
        "x".repeat(600)
    ));
    let subject = format!(r#"{{"name":"Anna","identifiers":[{}]}}"#, ids.join(","));
    let failed = casefile_with_stdin(
        &store,
        &["subject", "add", "1", "--json", "-"],
        subject.as_bytes(),
    );
    assert!(!failed.status.success());
    let list = casefile(&store, Some(PASS), &["subject", "list", "1", "--json"]);
    assert_eq!(stdout(&list).trim(), "[]", "no half-saved subject");

    // A misspelled field of the subject itself is refused too (it was dropped silently).
    let typo = casefile(
        &store,
        Some(PASS),
        &[
            "subject",
            "add",
            "1",
            "--json",
            r#"{"name":"Anna","identifers":[]}"#,
        ],
    );
    assert!(!typo.status.success());
    assert!(
        stderr(&typo).contains("Did you mean \"identifiers\"?"),
        "{}",
        stderr(&typo)
    );

    // A record saved by Notepad starts with a byte-order mark: that is fine.
    let bom = casefile_with_stdin(
        &store,
        &["event", "add", "1", "--json", "-"],
        "\u{feff}{\"occurred_at\":\"2026-03-01 20:00\",\"title\":\"Anna wrote\"}".as_bytes(),
    );
    assert!(bom.status.success(), "{}", stderr(&bom));

    // The same number twice is kept once.
    let twice = r#"{"name":"Anna","identifiers":[{"kind":"phone","value":"+852 5123 4567"},{"kind":"phone","value":"+85251234567"}]}"#;
    let added = casefile(
        &store,
        Some(PASS),
        &["subject", "add", "1", "--json", twice],
    );
    assert!(added.status.success(), "{}", stderr(&added));
    assert_eq!(
        stdout(&added).matches("  I-").count(),
        1,
        "{}",
        stdout(&added)
    );
}

/// A WhatsApp export whose dates read either way (every day number is 12 or less), written
/// by hand in the Android shape; line 6 carries a terminal escape.
const AMBIGUOUS_CHAT: &str = "07/03/2026, 10:00 - Anna: Hello David\n\
09/03/2026, 10:01 - David: Hi Anna\n\
03/04/2026, 10:02 - Anna: Deposit 500 USDT to the address today\n\
05/04/2026, 10:05 - Anna: IMG-20260405-WA0001.jpg (file attached)\n\
Here is my ID card\n\
05/04/2026, 10:06 - Anna: evil \u{1b}[2J text\n";

fn message_ids(store: &Path, chat: &str) -> Vec<(i64, String)> {
    let show = casefile(store, Some(PASS), &["chat", "show", chat, "--json"]);
    assert!(show.status.success(), "{}", stderr(&show));
    let messages: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    messages
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["id"].as_i64().unwrap(),
                m["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_whatsapp_chat_is_imported_read_marked_and_undone() {
    let (dir, store) = store_with_case("Romance – Anna");
    let file = dir.path().join("WhatsApp Chat with Anna.txt");
    std::fs::write(&file, AMBIGUOUS_CHAT).unwrap();
    let file = file.to_str().unwrap();

    // The date order cannot be told: the option to add, with both readings; nothing stored.
    let asked = casefile(&store, Some(PASS), &["import", "chat", "1", file]);
    assert_eq!(asked.status.code(), Some(1));
    let err = stderr(&asked);
    assert_eq!(err.lines().count(), 1, "{err}");
    for s in [
        "can be read two ways",
        "line 1 \"07/03/2026, 10:00 - Anna: Hello David\"",
        "Add --date-order dmy (Saturday 7 March 2026) or --date-order mdy (Friday 3 July 2026)",
        "Nothing was stored.",
    ] {
        assert!(err.contains(s), "{s:?} missing: {err}");
    }
    let none = casefile(&store, Some(PASS), &["chat", "list", "1"]);
    assert!(stdout(&none).contains("No chats in this case yet"));

    // A preview says what it would store, and stores nothing.
    let options = ["--date-order", "dmy", "--zone", "Asia/Bangkok"];
    let mut args = vec!["import", "chat", "1", file, "--preview"];
    args.extend(options);
    let preview = casefile(&store, Some(PASS), &args);
    assert!(preview.status.success(), "{}", stderr(&preview));
    let out = stdout(&preview);
    for s in [
        "nothing was stored",
        "Chat:          \"Anna\"",
        "Participants:  Anna, David",
        "Messages:      5",
        "Dates read as: day/month/year",
        "read in Asia/Bangkok",
        "0 in the export, 1 left out of it",
        "line 1      2026-03-07 10:00:00 = 2026-03-07 10:00:00+07:00  Anna: Hello David",
        "evil \\u{1b}[2J text",
    ] {
        assert!(out.contains(s), "{s:?} missing: {out}");
    }
    assert!(
        !out.contains('\u{1b}'),
        "escapes are shown, not sent: {out}"
    );
    let listed = casefile(&store, Some(PASS), &["chat", "list", "1", "--json"]);
    assert_eq!(stdout(&listed).trim(), "[]");

    // The import itself.
    let mut args = vec!["import", "chat", "1", file];
    args.extend(options);
    let imported = casefile(&store, Some(PASS), &args);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(
        stderr(&imported).is_empty(),
        "no progress line when stderr is not a terminal"
    );
    let out = stdout(&imported);
    let sha = {
        let o = Command::new("sha256sum").arg(file).output().unwrap();
        String::from_utf8(o.stdout).unwrap()[..64].to_string()
    };
    for s in [
        "Imported into C-1 \"Anna\" (WhatsApp): 5 new messages, 0 already there.",
        &format!(
            "Export file: WhatsApp Chat with Anna.txt, {} bytes, SHA-256 {sha}, kept as V-1.",
            AMBIGUOUS_CHAT.len()
        ),
        "Attachments: 0 kept as evidence, 1 not in the export.",
        "Clock times were read in Asia/Bangkok.",
        "Dates were read as day/month/year.",
        "This is import 1. To undo it: casefile chat undo 1",
    ] {
        assert!(out.contains(s), "{s:?} missing: {out}");
    }

    let list = casefile(&store, Some(PASS), &["chat", "list", "1"]);
    let out = stdout(&list);
    assert!(
        out.contains("C-1    WhatsApp \"Anna\" with Anna, David: 5 messages (0 key), 2026-03-07 10:00:00+07:00 to 2026-04-05 10:06:00+07:00; clock times read in Asia/Bangkok"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "import 1: WhatsApp Chat with Anna.txt ({} bytes, SHA-256 {sha}, V-1), 5 new messages",
            AMBIGUOUS_CHAT.len()
        )),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_slice(
        &casefile(&store, Some(PASS), &["chat", "list", "1", "--json"]).stdout,
    )
    .unwrap();
    assert_eq!(json[0]["device_zone"], "Asia/Bangkok");
    assert_eq!(json[0]["date_order"], "dmy");

    // Reading and searching, with the source line of each message.
    let ids = message_ids(&store, "1");
    assert_eq!(ids.len(), 5);
    assert_eq!(ids[4].1, "evil \u{1b}[2J text", "JSON keeps the characters");
    let deposit = ids[2].0;
    let hello = ids[0].0;
    let found = casefile(
        &store,
        Some(PASS),
        &["chat", "show", "C-1", "--search", "usdt"],
    );
    let out = stdout(&found);
    assert!(
        out.starts_with("C-1 \"Anna\" (WhatsApp): 5 messages, 1 matching\n"),
        "{out}"
    );
    assert!(
        out.contains(&format!("M-{deposit:<6} 2026-04-03 10:02:00+07:00  Anna: Deposit 500 USDT to the address today  [WhatsApp Chat with Anna.txt line 3]")),
        "{out}"
    );
    assert_eq!(out.lines().count(), 2, "{out}");
    let all = stdout(&casefile(&store, Some(PASS), &["chat", "show", "1"]));
    assert!(all.contains("Anna: Here is my ID card  [attachment IMG-20260405-WA0001.jpg not in the export; WhatsApp Chat with Anna.txt line 4]"), "{all}");
    assert!(
        all.contains("evil \\u{1b}[2J text") && !all.contains('\u{1b}'),
        "{all}"
    );
    let from = stdout(&casefile(
        &store,
        Some(PASS),
        &["chat", "show", "1", "--from-day", "2026-04-01"],
    ));
    assert!(
        !from.contains("Hello David") && from.contains("Deposit 500 USDT"),
        "{from}"
    );
    let bad_day = casefile(
        &store,
        Some(PASS),
        &["chat", "show", "1", "--from-day", "3.4.2026"],
    );
    assert!(!bad_day.status.success());
    assert!(
        stderr(&bad_day).contains("Write it like 2026-03-14"),
        "{}",
        stderr(&bad_day)
    );

    // Key messages: marked by M-ids or ranges, shown with ★, unmarked.
    let key = casefile(
        &store,
        Some(PASS),
        &["chat", "key", "1", &format!("M-{deposit},{hello}")],
    );
    assert!(key.status.success(), "{}", stderr(&key));
    assert!(
        stdout(&key).contains("C-1 has 2 key messages."),
        "{}",
        stdout(&key)
    );
    let keys = stdout(&casefile(
        &store,
        Some(PASS),
        &["chat", "show", "1", "--key-only"],
    ));
    assert_eq!(
        keys.lines().filter(|l| l.starts_with("★ M-")).count(),
        2,
        "{keys}"
    );
    assert!(
        keys.contains(&format!("★ M-{deposit:<6} 2026-04-03")),
        "{keys}"
    );
    let unmark = casefile(
        &store,
        Some(PASS),
        &["chat", "key", "C-1", &hello.to_string(), "--unmark"],
    );
    assert!(
        stdout(&unmark).contains("C-1 has 1 key message."),
        "{}",
        stdout(&unmark)
    );
    let bad_ids = casefile(&store, Some(PASS), &["chat", "key", "1", "V-3"]);
    assert!(!bad_ids.status.success());
    assert!(stderr(&bad_ids).contains("M-3,M-5"), "{}", stderr(&bad_ids));
    let not_there = casefile(&store, Some(PASS), &["chat", "key", "1", "999"]);
    assert!(!not_there.status.success());

    // Undo: messages and the export's evidence go; twice is refused.
    let undo = casefile(&store, Some(PASS), &["chat", "undo", "1"]);
    assert!(undo.status.success(), "{}", stderr(&undo));
    assert!(stdout(&undo).starts_with("Import 1 undone"));
    assert!(
        stdout(&casefile(&store, Some(PASS), &["chat", "list", "1"]))
            .contains("No chats in this case yet")
    );
    assert!(
        stdout(&casefile(&store, Some(PASS), &["evidence", "list", "1"]))
            .contains("No evidence in this case yet")
    );
    let again = casefile(&store, Some(PASS), &["chat", "undo", "1"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already undone"),
        "{}",
        stderr(&again)
    );
    let log = casefile(&store, Some(PASS), &["verify-log"]);
    assert!(log.status.success(), "{}", stderr(&log));
}

#[test]
fn not_a_chat_and_an_account_export_say_what_to_do_and_store_nothing() {
    let (dir, store) = store_with_case("Romance – Anna");
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "Shopping list\nmilk\neggs\n").unwrap();
    let refused = casefile(
        &store,
        Some(PASS),
        &["import", "chat", "1", notes.to_str().unwrap()],
    );
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr(&refused);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("casefile: This does not look like a WhatsApp, Telegram or LINE export."),
        "{err}"
    );
    assert!(stdout(&refused).is_empty());
    assert!(
        stdout(&casefile(&store, Some(PASS), &["evidence", "list", "1"]))
            .contains("No evidence in this case yet")
    );
    assert!(
        stdout(&casefile(&store, Some(PASS), &["chat", "list", "1"]))
            .contains("No chats in this case yet")
    );

    // A Telegram export of a whole account: its chats listed, one chosen with --chat.
    let account = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../core/tests/fixtures/chat/telegram/account_export.json"
    );
    let asked = casefile(&store, Some(PASS), &["import", "chat", "1", account]);
    assert_eq!(asked.status.code(), Some(1));
    let out = stdout(&asked);
    assert!(
        out.contains("holds 3 chats:") && out.contains("    1. Anna Meyer"),
        "{out}"
    );
    assert!(
        stderr(&asked).contains("Add --chat N to choose one"),
        "{}",
        stderr(&asked)
    );
    let zero = casefile(
        &store,
        Some(PASS),
        &["import", "chat", "1", account, "--chat", "0"],
    );
    assert!(stderr(&zero).contains("--chat counts from 1"));
    let far = casefile(
        &store,
        Some(PASS),
        &["import", "chat", "1", account, "--chat", "9"],
    );
    assert_eq!(far.status.code(), Some(1));
    assert!(
        stderr(&far).contains("Give --chat as a number from the list"),
        "{}",
        stderr(&far)
    );
    let chosen = casefile(
        &store,
        Some(PASS),
        &["import", "chat", "1", account, "--chat", "1"],
    );
    assert!(chosen.status.success(), "{}", stderr(&chosen));
    let out = stdout(&chosen);
    assert!(
        out.starts_with(
            "Chat 1 of 3: Anna Meyer\nImported into C-1 \"Anna Meyer\" (Telegram (JSON export))"
        ),
        "{out}"
    );
    assert!(
        !out.contains("Clock times were read"),
        "Telegram JSON gives exact times: {out}"
    );
}

#[test]
fn search_finds_a_wallet_in_every_case_with_where_it_is() {
    let (_dir, store) = store_with_case("Anna – crypto investment");
    assert!(casefile(
        &store,
        Some(PASS),
        &["case", "new", "--title", "Bob – romance"]
    )
    .status
    .success());
    let wallet = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
    for case in ["1", "2"] {
        let added = casefile(
            &store,
            Some(PASS),
            &[
                "transfer",
                "add",
                case,
                "--json",
                &format!(
                    r#"{{"occurred_at":"2026-03-14 09:30","direction":"out","amount":"5000","currency":"USDT","network":"tron","method":"crypto_transfer","status":"completed","from_account":"","beneficiary_name":"","beneficiary_bank":"","beneficiary_account":"","beneficiary_bic":"","beneficiary_wallet":"{wallet}","wallet_is_exchange_deposit":false,"reference":"","exchange_rate":null,"notes":"","evidence_ids":[],"accept_warnings":true}}"#
                ),
            ],
        );
        assert!(added.status.success(), "{}", stderr(&added));
    }
    let found = casefile(&store, Some(PASS), &["search", "KQxGTCi8q8"]);
    assert!(found.status.success(), "{}", stderr(&found));
    let out = stdout(&found);
    assert!(out.contains("Case 1 · Anna – crypto investment"), "{out}");
    assert!(out.contains("Case 2 · Bob – romance"), "{out}");
    assert!(
        out.contains("T-1 · Paid out 5000 USDT (Transfer):"),
        "{out}"
    );
    let json = casefile(&store, Some(PASS), &["search", "KQxGTCi8q8", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["total"], 2);
    assert_eq!(v["hits"][0]["kind"], "transfer");
    let none = casefile(&store, Some(PASS), &["search", "nothing like this"]);
    assert!(stdout(&none).contains("Nothing found"), "{}", stdout(&none));
    let short = casefile(&store, Some(PASS), &["search", "ab"]);
    assert!(!short.status.success());
    assert!(
        stderr(&short).contains("at least 3 letters"),
        "{}",
        stderr(&short)
    );
}

fn statement_fixture(path: &str) -> String {
    format!(
        "{}/../core/tests/fixtures/statement/{path}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn store_with_one_case(dir: &Path) -> std::path::PathBuf {
    let store = dir.join("casefile.db");
    assert!(casefile(&store, Some(PASS), &["init"]).status.success());
    let new = casefile(
        &store,
        Some(PASS),
        &["case", "new", "--title", "Romance – Anna"],
    );
    assert!(new.status.success(), "{}", stderr(&new));
    store
}

#[test]
fn import_statement_preview_lists_every_row_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_one_case(dir.path());
    let file = statement_fixture("csv/uk_debit_credit.csv");
    let p = casefile(
        &store,
        Some(PASS),
        &["import", "statement", "1", &file, "--preview"],
    );
    assert!(p.status.success(), "{}", stderr(&p));
    let out = stdout(&p);
    assert!(out.starts_with("Preview of uk_debit_credit.csv (CSV, 271 bytes, SHA-256 2461144a0bee46469ef286f8ac25c5f25b48b07bec4e84adb3e6ed62502c98b9): nothing was stored.\n4 rows can be read, 0 cannot:\n"), "{out}");
    assert!(out.contains("\n       3  2026-03-04          out        1500.00 GBP   - · FASTER PAYMENT TO J SMITH REF LOAN\n"), "{out}");
    assert!(
        out.contains(
            "\n       4  2026-03-15          in         2100.00 GBP   - · SALARY ACME LTD\n"
        ),
        "{out}"
    );
    let list = casefile(&store, Some(PASS), &["statement", "list", "1"]);
    assert_eq!(stdout(&list), "No statements imported into case 1 yet.\n");
    // Without --rows nothing is imported: the victim picks the scam payments.
    let none = casefile(&store, Some(PASS), &["import", "statement", "1", &file]);
    assert_eq!(none.status.code(), Some(1));
    assert!(
        stderr(&none).starts_with(
            "casefile: Choose the rows to import with --rows, for example --rows 3,5-9"
        ),
        "{}",
        stderr(&none)
    );
}

#[test]
fn import_statement_rows_then_again_then_undo() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_one_case(dir.path());
    let file = statement_fixture("csv/uk_debit_credit.csv");
    let i = casefile(
        &store,
        Some(PASS),
        &["import", "statement", "1", &file, "--rows", "3,5"],
    );
    assert!(i.status.success(), "{}", stderr(&i));
    assert_eq!(
        stdout(&i),
        "Imported 2 transfer(s) from uk_debit_credit.csv (CSV): T-1, T-2.\nThe statement is kept as evidence V-1 (SHA-256 2461144a0bee46469ef286f8ac25c5f25b48b07bec4e84adb3e6ed62502c98b9); each transfer keeps its row.\nThis is import 1. To undo it: casefile statement undo 1\n"
    );
    let p = casefile(
        &store,
        Some(PASS),
        &["import", "statement", "1", &file, "--preview"],
    );
    assert!(
        stdout(&p).contains("FASTER PAYMENT TO J SMITH REF LOAN  [already imported as T-1]"),
        "{}",
        stdout(&p)
    );
    let again = casefile(
        &store,
        Some(PASS),
        &["import", "statement", "1", &file, "--rows", "2-3"],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stdout(&again).starts_with("Imported 1 transfer(s) from uk_debit_credit.csv (CSV): T-3.\n1 chosen row(s) were imported before and were not added again.\n"), "{}", stdout(&again));
    let list = casefile(&store, Some(PASS), &["statement", "list", "1"]);
    assert!(
        stdout(&list).contains(
            "Import 1: uk_debit_credit.csv (CSV), 2 of 4 rows as transfers, kept as V-1;"
        ),
        "{}",
        stdout(&list)
    );

    let undo = casefile(&store, Some(PASS), &["statement", "undo", "2"]);
    assert!(undo.status.success(), "{}", stderr(&undo));
    assert_eq!(
        stdout(&undo),
        "Import 2 undone: the transfers it added are removed; the audit log keeps what happened.\n"
    );
    let list = casefile(&store, Some(PASS), &["statement", "list", "1", "--json"]);
    let imports: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(imports.as_array().unwrap().len(), 1);
    assert_eq!(imports[0]["id"], 1);
    assert_eq!(imports[0]["transfers_added"], 2);
    let twice = casefile(&store, Some(PASS), &["statement", "undo", "2"]);
    assert_eq!(twice.status.code(), Some(1));
    assert_eq!(
        stderr(&twice),
        "casefile: This import was already undone.\n"
    );
}

#[test]
fn import_statement_asks_the_decimal_mark_and_takes_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_one_case(dir.path());
    let file = statement_fixture("csv/fourteen_thousand.csv");
    let q = casefile(
        &store,
        Some(PASS),
        &["import", "statement", "1", &file, "--rows", "2"],
    );
    assert_eq!(q.status.code(), Some(1));
    let out = stdout(&q);
    assert!(
        out.starts_with(
            "Every amount has three digits after its only “.”: -14.000 could be 14 or 14000."
        ),
        "{out}"
    );
    assert!(out.contains("  --decimal-mark ','  “.” separates thousands (“,” is the decimal mark): -14.000 is 14000\n      Line 2: -14.000 → 14000\n"), "{out}");
    assert_eq!(stderr(&q), "casefile: Casefile cannot tell how to read this file on its own (see the questions above). Run the command again with the option each question names. Nothing was stored.\n");
    // Answered, with the currency the file does not give, and saved for next time.
    let i = casefile(
        &store,
        Some(PASS),
        &[
            "import",
            "statement",
            "1",
            &file,
            "--rows",
            "2",
            "--decimal-mark",
            ",",
            "--currency",
            "EUR",
            "--save-profile",
            "Rabobank",
        ],
    );
    assert!(i.status.success(), "{}", stderr(&i));
    let t = casefile(&store, Some(PASS), &["transfer", "list", "1", "--json"]);
    let transfers: serde_json::Value = serde_json::from_slice(&t.stdout).unwrap();
    assert_eq!(transfers[0]["amount"], "14000");
    assert_eq!(transfers[0]["currency"], "EUR");
    let profiles = casefile(&store, Some(PASS), &["statement", "profiles"]);
    assert_eq!(stdout(&profiles), format!("Rabobank: columns datum, omschrijving, bedrag; dates %d-%m-%Y, decimal mark ','; saved {}\n", stdout(&profiles).trim_end().rsplit(' ').next().unwrap()));
    // The next file with these columns is read with the saved profile, no question asked.
    let p = casefile(
        &store,
        Some(PASS),
        &["import", "statement", "1", &file, "--preview"],
    );
    assert!(p.status.success(), "{}", stderr(&p));
    assert!(
        stdout(&p).contains("Read with the saved profile \"Rabobank\".\n"),
        "{}",
        stdout(&p)
    );
    // Forgotten, the next file asks again.
    let forget = casefile(
        &store,
        Some(PASS),
        &["statement", "forget-profile", "Rabobank"],
    );
    assert_eq!(
        stdout(&forget),
        "The saved profile \"Rabobank\" is forgotten.\n"
    );
    let again = casefile(
        &store,
        Some(PASS),
        &["statement", "forget-profile", "Rabobank"],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("There is no saved profile named \"Rabobank\""));
    let p = casefile(
        &store,
        Some(PASS),
        &["import", "statement", "1", &file, "--preview"],
    );
    assert_eq!(p.status.code(), Some(1), "{}", stdout(&p));
}

#[test]
fn accounts_hops_and_the_trail_with_its_loss_per_currency() {
    let (_dir, store) = store_with_case("USDT scam");
    let run = |args: &[&str]| {
        let o = casefile(&store, Some(PASS), args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    let bank = run(&[
        "account",
        "add",
        "1",
        "--name",
        "Barclays current account",
        "--owner",
        "victim",
        "--kind",
        "bank",
        "--number",
        "GB29 NWBK 6016 1331 9268 19",
    ]);
    assert_eq!(
        bank.trim(),
        "Added account A-1: Barclays current account (Bank account, The victim's own)"
    );
    run(&[
        "account", "add", "1", "--name", "Binance", "--owner", "victim", "--kind", "exchange",
    ]);
    let wallet = run(&[
        "account",
        "add",
        "1",
        "--name",
        "Scam wallet",
        "--owner",
        "scammer",
        "--kind",
        "wallet",
        "--network",
        "tron",
        "--number",
        "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        "--exchange-deposit",
    ]);
    assert!(
        wallet.contains("A-3: Scam wallet (Crypto wallet, The scammers')"),
        "{wallet}"
    );

    let hop = run(&[
        "transfer",
        "add",
        "1",
        "--json",
        r#"{"occurred_at":"2026-03-14 09:30","amount":"2500","currency":"GBP"}"#,
        "--from-account",
        "A-1",
        "--to-account",
        "2",
    ]);
    assert!(
        hop.contains("Added transfer T-1: Paid out 2500 GBP")
            && hop.contains("Between the victim's own accounts")
            && hop.contains("to A-2 Binance"),
        "{hop}"
    );
    let loss = run(&[
        "transfer",
        "add",
        "1",
        "--json",
        r#"{"occurred_at":"2026-03-15 09:30","amount":"3100","currency":"USDT","network":"tron","method":"crypto_transfer","beneficiary_wallet":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"}"#,
        "--from-account",
        "2",
        "--paid-with",
        "T-1",
    ]);
    assert!(
        loss.contains("Left the victim's control")
            && loss.contains("to A-3 Scam wallet")
            && loss.contains("paid with T-1"),
        "{loss}"
    );
    run(&[
        "transfer",
        "add",
        "1",
        "--json",
        r#"{"occurred_at":"2026-03-16 09:30","amount":"900","currency":"EUR","from_account":"Old savings","beneficiary_name":"J. Smith","beneficiary_account":"DE89 3704 0044 0532 0130 00"}"#,
    ]);

    let trail = run(&["trail", "1"]);
    for line in [
        "  T-1 2026-03-14T09:30:00+00:00  2500 GBP  Barclays current account → Binance; paid for T-2",
        "  EUR: 900 − 0 − 0 = 900  (1 transfer(s))",
        "  USDT (TRON): 3100 − 0 − 0 = 3100  (1 transfer(s))",
        "In EUR: no total, because these rates are missing (add the exchange rate to these transfers):",
        "  USDT (TRON) to EUR: T-2",
        "3 transfer(s): 1 hop(s) and 0 traced between other accounts are in no total.",
    ] {
        assert!(trail.lines().any(|l| l == line), "{line:?} not in\n{trail}");
    }
    // The rate filled in by editing only that field: the total appears, the hop not in it.
    let edited = run(&[
        "transfer",
        "edit",
        "T-2",
        "--json",
        r#"{"exchange_rate":"0.79"}"#,
    ]);
    assert!(
        edited.contains("Changed transfer T-2") && edited.contains("paid with T-1"),
        "{edited}"
    );
    let trail = run(&["trail", "1"]);
    assert!(
        trail
            .lines()
            .any(|l| l == "In EUR: 3349.00 − 0 − 0 = net loss 3349.00"),
        "{trail}"
    );
    let json: serde_json::Value = serde_json::from_str(&run(&["trail", "1", "--json"])).unwrap();
    assert_eq!(json["pictures"][0]["title"], "The whole trail");
    assert_eq!(json["hops"][0]["funded"][0], 2);

    let suggestions = run(&["account", "suggestions", "1"]);
    assert!(
        suggestions.contains("J. Smith (Bank account, Not known yet) — the \"to\" end of T-3")
            && suggestions.contains("casefile account add 1 --name 'J. Smith' --owner unknown --kind bank --number DE89370400440532013000")
            && suggestions.contains("Old savings (Bank account, The victim's own) — the \"from\" end of T-3"),
        "{suggestions}"
    );
    let own = run(&[
        "account",
        "add",
        "1",
        "--name",
        "Old savings",
        "--owner",
        "victim",
        "--kind",
        "bank",
    ]);
    assert!(own.contains("1 transfer(s) start or end here"), "{own}");

    // Marking the wallet as the victim's own turns the USDT into a hop at once.
    let changed = run(&["account", "edit", "A-3", "--owner", "victim"]);
    assert!(
        changed.contains("(Crypto wallet, The victim's own)"),
        "{changed}"
    );
    let summary = run(&["trail", "1"]);
    assert!(
        summary.contains("2 hop(s)") && !summary.contains("USDT (TRON): 3100"),
        "{summary}"
    );
    let list = run(&["account", "list", "1"]);
    assert!(
        list.lines().any(|l| l.starts_with("A-3")
            && l.contains("exchange deposit address")
            && l.ends_with("— 1 transfer(s)")),
        "{list}"
    );

    // Refusals: one plain line each, nothing changed.
    for (args, words) in [
        (
            vec!["account", "delete", "A-3"],
            "Choose another account for them first",
        ),
        (
            vec!["account", "add", "1", "--name", "X"],
            "Say --owner and --kind of the account",
        ),
        (
            vec!["transfer", "edit", "2", "--paid-with", "T-9"],
            "Transfer T-9 is not a transfer of this case",
        ),
        (
            vec!["transfer", "edit", "2", "--paid-with", "T-2"],
            "cannot be paid with its own money",
        ),
        (
            vec!["transfer", "edit", "2", "--to-account", "A-x"],
            "is not an account",
        ),
    ] {
        let o = casefile(&store, Some(PASS), &args);
        assert!(!o.status.success(), "{args:?}");
        assert!(stderr(&o).contains(words), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    }
    let bad_owner = casefile(
        &store,
        Some(PASS),
        &[
            "account", "add", "1", "--name", "X", "--owner", "nobody", "--kind", "bank",
        ],
    );
    assert!(
        stderr(&bad_owner).contains("Say victim (their own), scammer, or unknown"),
        "{}",
        stderr(&bad_owner)
    );
}
