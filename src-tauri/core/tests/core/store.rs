//! Integration tests of the encrypted store: no plaintext on disk, wrong passphrase, damaged
//! files, re-key, migrations, audit chain, case queries.

use std::fs;
use std::path::{Path, PathBuf};

use casefile_core::model::{CaseDetails, CaseFilter, CaseStatus};
use casefile_core::ErrorKind;
use casefile_core::{CoreError, Store};
use sha2::{Digest, Sha256};

use crate::support::PASS;
const ACTOR: &str = "test";

fn store_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("cases").join("casefile.db")
}

fn file_hash(path: &Path) -> String {
    hex::encode(Sha256::digest(fs::read(path).unwrap()))
}

/// Every file under `dir` whose bytes contain `needle` (UTF-8 or UTF-16LE).
fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let utf16: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let bytes = fs::read(&p).unwrap();
            let found = |n: &[u8]| bytes.windows(n.len()).any(|w| w == n);
            if found(needle.as_bytes()) || found(&utf16) {
                hits.push(p);
            }
        }
    }
    hits
}

fn details_with(
    case: &casefile_core::model::Case,
    f: impl FnOnce(&mut CaseDetails),
) -> CaseDetails {
    let mut d = case.details.clone();
    f(&mut d);
    d
}

#[test]
fn nothing_readable_on_disk_even_in_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = store_path(&dir);
    let canaries = [
        "CANARY-TITLE-7f3a",
        "CANARY-VICTIM-Ørsted-娜娜",
        "CANARY-STATEMENT-she said the platform was regulated",
        "CANARY-POLICE-REF-88231",
    ];
    let mut store = Store::create(&path, PASS, ACTOR).unwrap();
    let case = store.create_case(canaries[0]).unwrap();
    let d = details_with(&case, |d| {
        d.victim_name = canaries[1].into();
        d.statement = canaries[2].repeat(50);
        d.police_report_no = canaries[3].into();
    });
    store.update_case(case.id, &d).unwrap();

    // Mid-transaction: the rollback journal exists and holds old pages with the canaries.
    let conn = store.connection_for_tests();
    conn.execute_batch("BEGIN; UPDATE cases SET notes = 'x' || statement;")
        .unwrap();
    let journal: Vec<_> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("-journal"))
        .collect();
    assert_eq!(journal.len(), 1, "a journal should exist during the write");
    for c in canaries {
        assert!(
            files_containing(dir.path(), c).is_empty(),
            "{c} readable mid-transaction"
        );
    }
    conn.execute_batch("COMMIT;").unwrap();
    store.close().unwrap();

    for c in canaries {
        assert_eq!(
            files_containing(dir.path(), c),
            Vec::<PathBuf>::new(),
            "{c} found on disk"
        );
    }
    // Only the store itself is left behind.
    let names: Vec<_> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["casefile.db".to_string()]);

    // And everything is still there after reopening.
    let store = Store::open(&path, PASS, ACTOR).unwrap();
    let case = store.get_case(case.id).unwrap();
    assert_eq!(case.details.victim_name, canaries[1]);
    assert_eq!(case.details.police_report_no, canaries[3]);
}

#[test]
fn wrong_passphrase_is_refused_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = store_path(&dir);
    let mut store = Store::create(&path, PASS, ACTOR).unwrap();
    store.create_case("Romance scam – Daniel").unwrap();
    store.close().unwrap();
    let before = file_hash(&path);

    let err = Store::open(&path, "violet harbour seventeen lantern", ACTOR).unwrap_err();
    assert!(matches!(err, CoreError::WrongPassphrase), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::WrongPassphrase);
    assert_eq!(
        err.to_string(),
        "That passphrase doesn't open this case file. Check for typing mistakes and Caps Lock, then try again."
    );
    assert_eq!(file_hash(&path), before);
    assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);

    // The right one still works.
    let store = Store::open(&path, PASS, ACTOR).unwrap();
    assert_eq!(store.list_cases(&CaseFilter::default()).unwrap().len(), 1);
}

#[test]
fn damaged_or_foreign_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // A text file, a tiny file, and an ordinary unencrypted SQLite database.
    let text = dir.path().join("notes.txt");
    fs::write(&text, "just some notes, not a case file\n").unwrap();
    let plain = dir.path().join("plain.sqlite");
    {
        let c = rusqlite::Connection::open(&plain).unwrap();
        c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES ('hello');")
            .unwrap();
    }
    for path in [&text, &plain] {
        let before = file_hash(path);
        let err = Store::open(path, PASS, ACTOR).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotACaseFile, "{path:?}: {err:?}");
        assert!(err.to_string().contains("not a Casefile case file"));
        assert_eq!(file_hash(path), before);
    }
    // A store whose first page was overwritten looks like a wrong key: refused, untouched.
    let path = store_path(&dir);
    Store::create(&path, PASS, ACTOR).unwrap().close().unwrap();
    let mut bytes = fs::read(&path).unwrap();
    for b in &mut bytes[100..400] {
        *b ^= 0x5a;
    }
    fs::write(&path, &bytes).unwrap();
    let before = file_hash(&path);
    assert!(Store::open(&path, PASS, ACTOR).is_err());
    assert_eq!(file_hash(&path), before);

    let missing = Store::open(&dir.path().join("nope.db"), PASS, ACTOR).unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::StoreMissing);
    assert!(!dir.path().join("nope.db").exists());
}

#[test]
fn create_refuses_weak_passphrases_and_existing_stores() {
    let dir = tempfile::tempdir().unwrap();
    let path = store_path(&dir);
    let weak = Store::create(&path, "password1", ACTOR).unwrap_err();
    assert_eq!(weak.kind(), ErrorKind::WeakPassphrase);
    assert!(!path.exists());
    Store::create(&path, PASS, ACTOR).unwrap().close().unwrap();
    let before = file_hash(&path);
    let again = Store::create(&path, "another quite long passphrase", ACTOR).unwrap_err();
    assert_eq!(again.kind(), ErrorKind::StoreExists);
    assert_eq!(file_hash(&path), before);
}

#[test]
fn change_passphrase_keeps_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = store_path(&dir);
    let new_pass = "granite pelican orbit wednesday";
    let mut store = Store::create(&path, PASS, ACTOR).unwrap();
    for i in 0..30 {
        let c = store.create_case(&format!("Case {i:02}")).unwrap();
        let d = details_with(&c, |d| d.statement = format!("Statement {i} ").repeat(200));
        store.update_case(c.id, &d).unwrap();
    }
    let wrong = store
        .change_passphrase("not the passphrase at all", new_pass)
        .unwrap_err();
    assert_eq!(wrong.kind(), ErrorKind::WrongPassphrase);
    let weak = store.change_passphrase(PASS, "abc").unwrap_err();
    assert_eq!(weak.kind(), ErrorKind::WeakPassphrase);
    store.change_passphrase(PASS, new_pass).unwrap();
    store.close().unwrap();

    assert_eq!(
        Store::open(&path, PASS, ACTOR).unwrap_err().kind(),
        ErrorKind::WrongPassphrase
    );
    let store = Store::open(&path, new_pass, ACTOR).unwrap();
    let cases = store.list_cases(&CaseFilter::default()).unwrap();
    assert_eq!(cases.len(), 30);
    for c in &cases {
        let full = store.get_case(c.id).unwrap();
        let n: u32 = full.title[5..].parse().unwrap();
        assert_eq!(
            full.details.statement,
            format!("Statement {n} ").repeat(200)
        );
    }
    let report = store.verify_audit_chain().unwrap();
    assert!(report.problem.is_none(), "{report:?}");
    assert_eq!(report.entries, 61); // 30 creates, 30 updates, 1 passphrase change
}

#[test]
fn new_store_is_at_the_latest_schema_and_a_newer_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = store_path(&dir);
    let store = Store::create(&path, PASS, ACTOR).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        casefile_core::store::schema::latest_version()
    );
    store
        .connection_for_tests()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    store.close().unwrap();
    let before = file_hash(&path);
    let err = Store::open(&path, PASS, ACTOR).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NewerFormat);
    assert!(err.to_string().contains("newer version of Casefile"));
    assert_eq!(file_hash(&path), before);
}

#[test]
fn every_change_is_in_the_audit_chain_and_tampering_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = store_path(&dir);
    let mut store = Store::create(&path, PASS, ACTOR).unwrap();
    let a = store.create_case("Fake exchange BTC-GX Pro").unwrap();
    let b = store.create_case("Romance – 'Anna'").unwrap();
    store
        .rename_case(a.id, "Fake exchange BTC-GX Pro (Hong Kong)")
        .unwrap();
    let d = details_with(&b, |d| {
        d.reporting_currency = "usd".into();
        d.time_zone = "America/Chicago".into();
        d.status = Some(CaseStatus::Reported);
    });
    store.update_case(b.id, &d).unwrap();
    store.set_case_archived(a.id, true).unwrap();

    let log = store.audit_log(None).unwrap();
    let actions: Vec<_> = log.iter().map(|e| (e.action.as_str(), e.case_id)).collect();
    assert_eq!(
        actions,
        vec![
            ("create", Some(a.id)),
            ("create", Some(b.id)),
            ("update", Some(a.id)),
            ("update", Some(b.id)),
            ("archive", Some(a.id)),
        ]
    );
    assert_eq!(
        log[3].summary,
        "Changed status, reporting currency, time zone"
    );
    assert_eq!(store.audit_log(Some(b.id)).unwrap().len(), 2);
    let report = store.verify_audit_chain().unwrap();
    assert_eq!(report.entries, 5);
    assert!(report.problem.is_none());
    assert_eq!(report.head_hash, log[4].hash);

    // The log refuses ordinary edits …
    let conn = store.connection_for_tests();
    assert!(conn
        .execute("UPDATE audit_log SET summary = 'x' WHERE id = 2", [])
        .is_err());
    assert!(conn
        .execute("DELETE FROM audit_log WHERE id = 2", [])
        .is_err());
    // … and someone with the key who removes the guard is still caught.
    conn.execute_batch(
        "DROP TRIGGER audit_log_append_only_update;
         UPDATE audit_log SET summary = 'Case created: something else' WHERE id = 2;",
    )
    .unwrap();
    let problem = store.verify_audit_chain().unwrap().problem.unwrap();
    assert_eq!(problem.entry_id, 2);
    assert!(problem.reason.contains("altered"), "{}", problem.reason);
}

#[test]
fn invalid_details_are_refused_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&store_path(&dir), PASS, ACTOR).unwrap();
    let case = store.create_case("Investment app").unwrap();
    let bad = [
        details_with(&case, |d| {
            d.statement = "new statement".into();
            d.reporting_currency = "EURO".into();
        }),
        details_with(&case, |d| d.time_zone = "Europe/Nowhere".into()),
        details_with(&case, |d| d.title = "   ".into()),
        details_with(&case, |d| {
            d.victim_date_of_birth = Some("31/12/1960".into())
        }),
    ];
    for d in &bad {
        let err = store.update_case(case.id, d).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid, "{err:?}");
    }
    assert_eq!(store.get_case(case.id).unwrap(), case);
    assert_eq!(store.audit_log(None).unwrap().len(), 1);
    assert_eq!(
        store.get_case(4242).unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn fifty_cases_can_be_found_by_part_of_the_title() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&store_path(&dir), PASS, ACTOR).unwrap();
    for i in 0..50 {
        store
            .create_case(&format!("Client {i:02} – generic case"))
            .unwrap();
    }
    store.create_case("Mrs Okafor – USDT on TRON").unwrap();
    store.create_case("100% guaranteed returns").unwrap();
    let find = |store: &Store, q: &str| {
        store
            .list_cases(&CaseFilter {
                query: q.into(),
                include_archived: false,
            })
            .unwrap()
    };
    assert_eq!(find(&store, "").len(), 52);
    let hit = find(&store, "okaf");
    assert_eq!(hit.len(), 1);
    assert_eq!(hit[0].title, "Mrs Okafor – USDT on TRON");
    assert_eq!(find(&store, "Client 4").len(), 10);
    assert_eq!(find(&store, "100%").len(), 1);
    assert_eq!(find(&store, "%").len(), 1, "% is matched literally");
    // Most recently changed first.
    assert_eq!(find(&store, "")[0].title, "100% guaranteed returns");
    // Archived cases are hidden unless asked for.
    let id = hit[0].id;
    store.set_case_archived(id, true).unwrap();
    assert!(find(&store, "okaf").is_empty());
    let with_archived = store
        .list_cases(&CaseFilter {
            query: "okaf".into(),
            include_archived: true,
        })
        .unwrap();
    assert!(with_archived[0].archived);
}

#[test]
fn settings_round_trip_and_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = store_path(&dir);
    let mut store = Store::create(&path, PASS, ACTOR).unwrap();
    assert_eq!(store.settings().unwrap().auto_lock_minutes, 10);
    let err = store
        .update_settings(&casefile_core::model::Settings {
            auto_lock_minutes: 0,
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    store
        .update_settings(&casefile_core::model::Settings {
            auto_lock_minutes: 3,
        })
        .unwrap();
    store.close().unwrap();
    let store = Store::open(&path, PASS, ACTOR).unwrap();
    assert_eq!(store.settings().unwrap().auto_lock_minutes, 3);
}

/// A crash mid-write leaves a "hot" journal beside the file. Opening with a wrong passphrase must
/// not let SQLite roll it back (or touch anything else); the right passphrase then recovers.
#[test]
fn wrong_passphrase_leaves_a_crash_journal_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = store_path(&dir);
    let mut store = Store::create(&path, PASS, ACTOR).unwrap();
    let case = store.create_case("Crypto investment – Lena").unwrap();
    let statement = "She showed me her profits every day. ".repeat(4000);
    let d = details_with(&case, |d| d.statement = statement.clone());
    store.update_case(case.id, &d).unwrap();
    store.close().unwrap();

    // Make the crashed state: a write in progress with pages already spilled into the file,
    // copied aside (file and journal) as a kill would have left them.
    let crashed = tempfile::tempdir().unwrap();
    let crashed_db = crashed.path().join("casefile.db");
    let crashed_journal = crashed.path().join("casefile.db-journal");
    {
        let store = Store::open(&path, PASS, ACTOR).unwrap();
        let conn = store.connection_for_tests();
        conn.execute_batch(
            "PRAGMA cache_size = 2; BEGIN; UPDATE cases SET statement = upper(statement), notes = statement;",
        )
        .unwrap();
        let journal = path.with_file_name("casefile.db-journal");
        assert!(journal.exists(), "the write should have a journal");
        fs::copy(&path, &crashed_db).unwrap();
        fs::copy(&journal, &crashed_journal).unwrap();
        conn.execute_batch("ROLLBACK;").unwrap();
    }
    let (db_before, journal_before) = (file_hash(&crashed_db), file_hash(&crashed_journal));

    for wrong in [
        "violet harbour seventeen lantern",
        "",
        "Violet Harbour Seventeen Lanterns",
    ] {
        let err = Store::open(&crashed_db, wrong, ACTOR).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WrongPassphrase, "{err:?}");
        assert_eq!(
            file_hash(&crashed_db),
            db_before,
            "file changed by {wrong:?}"
        );
        assert!(crashed_journal.exists(), "journal removed by {wrong:?}");
        assert_eq!(file_hash(&crashed_journal), journal_before);
    }

    // A power cut can also tear the first page of the file itself (the journal holds its
    // original): the right passphrase must still open and recover it, a wrong one still
    // changes nothing.
    let torn = tempfile::tempdir().unwrap();
    let torn_db = torn.path().join("casefile.db");
    let torn_journal = torn.path().join("casefile.db-journal");
    fs::copy(&crashed_db, &torn_db).unwrap();
    fs::copy(&crashed_journal, &torn_journal).unwrap();
    let mut bytes = fs::read(&torn_db).unwrap();
    for b in &mut bytes[200..1200] {
        *b ^= 0x5A;
    }
    fs::write(&torn_db, &bytes).unwrap();
    let torn_before = (file_hash(&torn_db), file_hash(&torn_journal));
    let err = Store::open(&torn_db, "violet harbour seventeen lantern", ACTOR).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::WrongPassphrase, "{err:?}");
    assert_eq!((file_hash(&torn_db), file_hash(&torn_journal)), torn_before);
    assert_eq!(
        fs::read_dir(torn.path()).unwrap().count(),
        2,
        "no copy left behind"
    );
    let recovered = Store::open(&torn_db, PASS, ACTOR).unwrap();
    assert_eq!(
        recovered.get_case(case.id).unwrap().details.statement,
        statement
    );
    drop(recovered);

    let recovered = Store::open(&crashed_db, PASS, ACTOR).unwrap();
    let back = recovered.get_case(case.id).unwrap();
    assert_eq!(
        back.details.statement, statement,
        "the half-done write is rolled back"
    );
    assert!(back.details.notes.is_empty());
    assert!(!crashed_journal.exists());
}

#[cfg(unix)]
#[test]
fn the_store_and_its_folder_are_owner_only() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = store_path(&dir);
    Store::create(&path, PASS, ACTOR).unwrap().close().unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);

    // A store left readable by others by an older Casefile is made owner-only when opened.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    Store::open(&path, PASS, ACTOR).unwrap().close().unwrap();
    assert_eq!(mode(&path), 0o600);
}

/// The window and the command line can write to the same store at once: a second writer
/// waits for the first instead of failing.
#[test]
fn two_programs_writing_at_once_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = store_path(&dir);
    Store::create(&path, PASS, ACTOR).unwrap().close().unwrap();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path, PASS, ACTOR).unwrap();
                for i in 0..40 {
                    let case = store.create_case(&format!("Writer {w} case {i}")).unwrap();
                    let d = details_with(&case, |d| d.notes = format!("note {i}"));
                    store.update_case(case.id, &d).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let store = Store::open(&path, PASS, ACTOR).unwrap();
    let cases = store.list_cases(&CaseFilter::default()).unwrap();
    assert_eq!(cases.len(), 80);
    assert!(store.verify_audit_chain().unwrap().problem.is_none());
}

#[test]
fn drafts_are_kept_encrypted_across_a_reopen_until_saved_or_thrown_away() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drafts.db");
    let mut store = Store::create(&path, PASS, ACTOR).unwrap();
    let case = store.create_case("Anna").unwrap().id;
    let typed = r#"{"label":"the details of “Anna”","fields":{"statement":"She wrote to me first, by mistake ✓"}}"#;
    store
        .save_draft(&format!("case:{case}:details"), Some(case), typed)
        .unwrap();
    store
        .save_draft("settings", None, r#"{"fields":{}}"#)
        .unwrap();
    // A newer draft of the same form replaces the older one.
    let newer = r#"{"label":"x","fields":{"statement":"She wrote to me first"}}"#;
    store
        .save_draft(&format!("case:{case}:details"), Some(case), newer)
        .unwrap();
    drop(store);
    let raw = std::fs::read(&path).unwrap();
    assert!(
        !raw.windows(b"wrote to me".len())
            .any(|w| w == b"wrote to me"),
        "a draft is written in plain text"
    );
    let mut store = Store::open(&path, PASS, ACTOR).unwrap();
    let drafts = store.list_drafts().unwrap();
    assert_eq!(drafts.len(), 2);
    let details = drafts
        .iter()
        .find(|d| d.key == format!("case:{case}:details"))
        .unwrap();
    assert_eq!(details.value, newer);
    assert_eq!(details.case_id, Some(case));
    store
        .discard_draft(&format!("case:{case}:details"))
        .unwrap();
    store.discard_draft("never there").unwrap();
    let left: Vec<String> = store
        .list_drafts()
        .unwrap()
        .into_iter()
        .map(|d| d.key)
        .collect();
    assert_eq!(left, vec!["settings".to_string()]);
    // Drafts are not records: nothing about them in the audit log.
    assert!(store
        .audit_log(None)
        .unwrap()
        .iter()
        .all(|e| !e.summary.to_lowercase().contains("draft")));
}

#[test]
fn a_draft_that_cannot_be_kept_is_refused_in_words_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("d.db"), PASS, ACTOR).unwrap();
    let case = store.create_case("Anna").unwrap().id;
    store.save_draft("k", None, r#"{"a":1}"#).unwrap();
    let refusals = [
        ("", r#"{"a":2}"#.to_string(), None, "key"),
        ("k\u{7}", r#"{"a":2}"#.to_string(), None, "key"),
        ("k", "[1,2]".to_string(), None, "value"),
        ("k", "{not json".to_string(), None, "value"),
        (
            "k",
            format!(r#"{{"a":"{}"}}"#, "x".repeat(300 * 1024)),
            None,
            "value",
        ),
    ];
    for (key, value, case_id, field) in refusals {
        let err = store.save_draft(key, case_id, &value).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid, "{key:?}");
        assert_eq!(err.field(), Some(field), "{key:?}");
        assert!(err.to_string().contains("Please save"), "{err}");
    }
    let missing_case = store
        .save_draft("k", Some(case + 99), r#"{"a":3}"#)
        .unwrap_err();
    assert_eq!(missing_case.kind(), ErrorKind::NotFound);
    let kept = store.list_drafts().unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].value, r#"{"a":1}"#);
}

#[test]
fn typed_dates_and_amounts_follow_the_formats_once_set_and_the_cases_zone() {
    use casefile_core::model::{DateOrder, DecimalMark, Formats};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.db");
    let mut store = Store::create(&path, PASS, ACTOR).unwrap();
    assert_eq!(
        store.formats().unwrap(),
        None,
        "not chosen yet: the window asks the system"
    );
    let case = store.create_case("Anna").unwrap();
    let mut details = case.details.clone();
    details.time_zone = "Asia/Bangkok".into();
    store.update_case(case.id, &details).unwrap();
    let us = Formats {
        date_order: DateOrder::Mdy,
        decimal_mark: DecimalMark::Point,
    };
    store.set_formats(&us).unwrap();
    drop(store);
    let mut store = Store::open(&path, PASS, ACTOR).unwrap();
    assert_eq!(store.formats().unwrap(), Some(us));
    let r = store
        .read_time(Some(case.id), "03/14/2026 9:30 pm", false)
        .unwrap();
    let c = r.reading.unwrap();
    assert_eq!(c.value, "2026-03-14 21:30");
    assert_eq!(c.words, "Saturday 14 March 2026, 21:30 Asia/Bangkok");
    assert_eq!(
        store.read_amount("1,234.56").unwrap().value.as_deref(),
        Some("1234.56")
    );
    store
        .set_formats(&Formats {
            date_order: DateOrder::Dmy,
            decimal_mark: DecimalMark::Comma,
        })
        .unwrap();
    assert_eq!(
        store
            .read_time(None, "14/03/1957", true)
            .unwrap()
            .reading
            .unwrap()
            .value,
        "1957-03-14"
    );
    assert_eq!(
        store.read_amount("14.000").unwrap().value.as_deref(),
        Some("14000")
    );
    let log = store.audit_log(None).unwrap();
    assert!(log
        .iter()
        .any(|e| e.summary == "Formats set: dates day/month/year, amounts 1.234,56 (comma)"));
    assert_eq!(
        store
            .read_time(Some(case.id + 50), "14/03/2026", false)
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn a_new_case_starts_in_the_zone_and_currency_given_and_refuses_unknown_ones() {
    use casefile_core::model::NewCase;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("n.db"), PASS, ACTOR).unwrap();
    let case = store
        .create_case_with(
            "Anna",
            &NewCase {
                time_zone: "Europe/London".into(),
                reporting_currency: "gbp".into(),
            },
        )
        .unwrap();
    assert_eq!(case.details.time_zone, "Europe/London");
    assert_eq!(case.details.reporting_currency, "GBP");
    let err = store
        .create_case_with(
            "Bob",
            &NewCase {
                time_zone: "Mars/Olympus".into(),
                reporting_currency: "GBP".into(),
            },
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("time_zone"));
    assert_eq!(
        store.list_cases(&CaseFilter::default()).unwrap().len(),
        1,
        "nothing made of the refused case"
    );
}
