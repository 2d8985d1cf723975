//! The real `casefile` binary killed with SIGKILL at chosen moments (a deterministic seed picks
//! them): whatever it was writing is either all there or not there at all.
//!
//! - `case import`: the store opens, the audit log verifies, and the new case is there whole or
//!   not at all.
//! - `case export --json --out F` and `export pdf --out F.pdf --csv`: each output file is the
//!   older complete file or the new complete one, never a torn one; after the next successful
//!   run no temporary file of ours is left in the folder.
//!
//! Half of the kill points are spread over the whole run; the other half wait until the
//! process starts writing (a journal or an output file appears or changes) and then kill within
//! a few milliseconds, where a torn write would show. Nothing here asserts how long anything takes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::io::Cursor;
use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use casefile_core::interchange::CaseExport;
use casefile_core::model::{
    Direction, EventInput, EventKind, IdentifierInput, Link, LinkKind, SubjectInput, SubjectKind,
    TransferInput, TransferMethod,
};
use casefile_core::validate::crypto::Network;
use casefile_core::validate::identifier::IdentifierKind;
use casefile_core::Store;

const PASS: &str = "quiet meadow copper seventy";
/// Kill points per scenario.
const KILLS: usize = 12;
const TRANSFERS: usize = 150;

/// splitmix64: a fixed seed gives the same kill schedule on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn casefile(store: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casefile"));
    cmd.arg("--store")
        .arg(store)
        .args(args)
        .env_remove("CASEFILE_STORE")
        .env("CASEFILE_PASSPHRASE", PASS)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

fn run_ok(store: &Path, args: &[&str]) {
    let out = casefile(store, args).output().unwrap();
    assert!(
        out.status.success(),
        "casefile {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What the folder looks like: name → (size, modified).
fn snapshot(dir: &Path) -> BTreeMap<String, (u64, Option<SystemTime>)> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let m = e.metadata().ok()?;
            Some((
                e.file_name().to_string_lossy().into_owned(),
                (m.len(), m.modified().ok()),
            ))
        })
        .collect()
}

/// How long a run takes and when it starts writing into `watch`, measured on one run that is
/// not killed (only to place the kill points; nothing is asserted about it).
struct Profile {
    first_write: Duration,
    total: Duration,
}

fn profile(mut cmd: Command, watch: &Path) -> Profile {
    let before = snapshot(watch);
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let mut first_write = None;
    loop {
        if first_write.is_none() && snapshot(watch) != before {
            first_write = Some(start.elapsed());
        }
        if let Some(status) = child.try_wait().unwrap() {
            let total = start.elapsed();
            assert!(status.success(), "the unkilled run failed");
            return Profile {
                first_write: first_write.unwrap_or(total).min(total),
                total,
            };
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// Runs `cmd` and kills it with SIGKILL at kill point `n` of the schedule. Returns whether the
/// kill interrupted it (the run may also have finished first).
fn run_and_kill(mut cmd: Command, watch: &Path, p: &Profile, rng: &mut Rng, n: usize) -> bool {
    let before = snapshot(watch);
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap();
    if n % 2 == 0 {
        // Anywhere from halfway to the first write (before that it only reads) to the end.
        let from = p.first_write / 2;
        let at = from + (p.total - from).mul_f64(rng.unit());
        while start.elapsed() < at && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_micros(200));
        }
    } else {
        // Just after writing starts (journal or output file), plus 0–4 ms, mostly less: a
        // write and rename of one file can take well under a millisecond.
        let u = rng.unit();
        let extra = Duration::from_micros((u * u * 4000.0) as u64);
        let deadline = p.total.mul_f64(3.0) + Duration::from_secs(2);
        while snapshot(watch) == before
            && child.try_wait().unwrap().is_none()
            && start.elapsed() < deadline
        {
            std::hint::spin_loop();
        }
        let t = Instant::now();
        while t.elapsed() < extra {
            std::hint::spin_loop();
        }
    }
    let _ = child.kill();
    let status = child.wait().unwrap();
    status.signal() == Some(9)
}

/// A PNG of noise, so it does not compress away (a sizable evidence item).
fn noise_png(w: u32, h: u32, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed);
    let img = image::RgbImage::from_fn(w, h, |_, _| {
        let v = rng.next();
        image::Rgb([v as u8, (v >> 8) as u8, (v >> 16) as u8])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// A case with `transfers` transfers (EUR by IBAN and USDT on TRON), two subjects with
/// identifiers, a few evidence items and events. Returns the case id.
fn fill_case(store: &mut Store, transfers: usize, pictures: usize) -> i32 {
    let case = store.create_case("Investment scam – BTC-GX Pro").unwrap();
    let anna = store
        .add_subject(
            case.id,
            &SubjectInput {
                kind: SubjectKind::Persona,
                name: "Anna (WhatsApp)".into(),
                description: "Says she trades gold in Hong Kong".into(),
                notes: String::new(),
            },
        )
        .unwrap();
    store
        .add_identifier(
            case.id,
            &IdentifierInput {
                subject_id: Some(anna.id),
                kind: IdentifierKind::Whatsapp,
                value: "+852 5123 4567".into(),
                network: None,
                bank_name: String::new(),
                is_exchange_deposit: false,
                notes: String::new(),
                accept_warnings: true,
            },
        )
        .unwrap();
    store
        .add_identifier(
            case.id,
            &IdentifierInput {
                subject_id: None,
                kind: IdentifierKind::CryptoWallet,
                value: "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t".into(),
                network: Some(Network::Tron),
                bank_name: String::new(),
                is_exchange_deposit: true,
                notes: String::new(),
                accept_warnings: true,
            },
        )
        .unwrap();
    let mut evidence = Vec::new();
    for i in 0..pictures {
        let png = noise_png(360, 260, i as u64 + 1);
        let name = format!("Screenshot_2026031{i}-0930.png");
        let r = store
            .add_evidence(case.id, &name, &png, None, "Chat with Anna")
            .unwrap();
        evidence.push(r.evidence.id);
    }
    let chat = "[14.03.26, 09:31:02] Anna: Hi, is this David?\n".repeat(200);
    let r = store
        .add_evidence(
            case.id,
            "WhatsApp Chat with Anna.txt",
            chat.as_bytes(),
            None,
            "",
        )
        .unwrap();
    evidence.push(r.evidence.id);
    let mut first_transfer = None;
    for i in 0..transfers {
        let day = 1 + i % 28;
        let month = 3 + (i / 28) % 9;
        let when = format!("2026-{month:02}-{day:02} {:02}:{:02}", 8 + i % 12, i % 60);
        let input = if i % 3 == 0 {
            TransferInput {
                method: TransferMethod::CryptoTransfer,
                network: Some(Network::Tron),
                beneficiary_wallet: "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t".into(),
                reference: format!("{:064x}", i as u128 * 0x9e37_79b9_7f4a_7c15_u128),
                exchange_rate: Some("0.92".into()),
                accept_warnings: true,
                ..TransferInput::new(&when, &format!("{}.50", 100 + i * 7), "USDT")
            }
        } else {
            TransferInput {
                direction: if i % 17 == 0 {
                    Direction::Recovered
                } else {
                    Direction::Out
                },
                beneficiary_name: "Global Trade Solutions Ltd".into(),
                beneficiary_bank: "Commerzbank".into(),
                beneficiary_account: "DE89 3704 0044 0532 0130 00".into(),
                beneficiary_bic: "COBADEFFXXX".into(),
                reference: format!("INV-2026-{i:04}"),
                evidence_ids: vec![evidence[i % evidence.len()]],
                accept_warnings: true,
                ..TransferInput::new(&when, &format!("{}", 250 + i * 13), "EUR")
            }
        };
        let t = store.add_transfer(case.id, &input).unwrap();
        first_transfer.get_or_insert(t.id);
    }
    store
        .add_event(
            case.id,
            &EventInput {
                occurred_at: "2026-02-28 19:45".into(),
                kind: EventKind::FirstContact,
                title: "Wrong-number message from \"Anna\"".into(),
                description: "She apologised and kept writing.".into(),
                links: vec![Link {
                    kind: LinkKind::Subject,
                    id: anna.id,
                }],
            },
        )
        .unwrap();
    if let Some(t) = first_transfer {
        store
            .add_event(
                case.id,
                &EventInput {
                    occurred_at: "2026-04-10 08:00".into(),
                    kind: EventKind::WithdrawalRefused,
                    title: "Platform wants a 20% tax before any withdrawal".into(),
                    description: String::new(),
                    links: vec![Link {
                        kind: LinkKind::Transfer,
                        id: t,
                    }],
                },
            )
            .unwrap();
    }
    case.id
}

/// (counts of subjects, identifiers, evidence, transfers, events) of a case.
fn counts(store: &Store, case_id: i32) -> [usize; 5] {
    [
        store.list_subjects(case_id).unwrap().len(),
        store.list_identifiers(case_id).unwrap().len(),
        store.list_evidence(case_id).unwrap().len(),
        store.list_transfers(case_id).unwrap().len(),
        store.list_events(case_id).unwrap().len(),
    ]
}

fn all_cases(store: &Store) -> Vec<i32> {
    let filter = casefile_core::model::CaseFilter {
        query: String::new(),
        include_archived: true,
    };
    let mut ids: Vec<i32> = store
        .list_cases(&filter)
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    ids.sort_unstable();
    ids
}

#[test]
fn a_killed_case_import_leaves_the_whole_case_or_none_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.db");
    let export_file = dir.path().join("case.json");
    let expected = {
        let mut s = Store::create(&source, PASS, "test").unwrap();
        let id = fill_case(&mut s, TRANSFERS, 4);
        let export = s.export_case(id).unwrap();
        std::fs::write(&export_file, serde_json::to_vec(&export).unwrap()).unwrap();
        counts(&s, id)
    };
    let store_dir = dir.path().join("store");
    std::fs::create_dir(&store_dir).unwrap();
    let store = store_dir.join("casefile.db");
    {
        let mut s = Store::create(&store, PASS, "test").unwrap();
        s.create_case("Older case").unwrap();
    }
    let import = || casefile(&store, &["case", "import", export_file.to_str().unwrap()]);
    let p = profile(import(), &store_dir);
    let mut cases = 2;
    let mut rng = Rng(0x00CA_5EF1_1E00_000A);
    let mut interrupted = 0;
    for n in 0..KILLS {
        interrupted += usize::from(run_and_kill(import(), &store_dir, &p, &mut rng, n));
        let s = Store::open(&store, PASS, "test")
            .unwrap_or_else(|e| panic!("kill point {n}: the store does not open: {e}"));
        let report = s.verify_audit_chain().unwrap();
        assert!(
            report.problem.is_none(),
            "kill point {n}: the audit log does not verify: {:?}",
            report.problem
        );
        let ids = all_cases(&s);
        assert!(
            ids.len() == cases || ids.len() == cases + 1,
            "kill point {n}: {} cases, expected {cases} or {}",
            ids.len(),
            cases + 1
        );
        if ids.len() == cases + 1 {
            let newest = *ids.last().unwrap();
            assert_eq!(
                counts(&s, newest),
                expected,
                "kill point {n}: the imported case is incomplete"
            );
            cases += 1;
        }
    }
    eprintln!("import: {interrupted} of {KILLS} runs were interrupted by the kill");
}

/// Files of the folder other than `expected`: temporary files left behind.
fn leftovers(dir: &Path, expected: &[&Path]) -> Vec<String> {
    snapshot(dir)
        .into_keys()
        .filter(|name| {
            !expected
                .iter()
                .any(|e| e.file_name().unwrap() == name.as_str())
        })
        .collect()
}

/// A store with one case of `transfers` transfers; returns (store path, case id).
fn store_with_case(dir: &Path, transfers: usize, pictures: usize) -> (PathBuf, i32) {
    let store_dir = dir.join("store");
    std::fs::create_dir(&store_dir).unwrap();
    let store = store_dir.join("casefile.db");
    let mut s = Store::create(&store, PASS, "test").unwrap();
    let id = fill_case(&mut s, transfers, pictures);
    (store, id)
}

/// Adds one transfer, so the next export differs from the last one.
fn add_one_transfer(store: &Path, case_id: i32) {
    let mut s = Store::open(store, PASS, "test").unwrap();
    s.add_transfer(
        case_id,
        &TransferInput::new("2026-06-30 12:00", "999.99", "EUR"),
    )
    .unwrap();
}

#[test]
fn a_killed_case_export_leaves_the_old_file_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = store_with_case(dir.path(), TRANSFERS, 3);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let file = out_dir.join("case.json");
    let id_arg = id.to_string();
    let export = || {
        casefile(
            &store,
            &[
                "case",
                "export",
                &id_arg,
                "--json",
                "--out",
                file.to_str().unwrap(),
            ],
        )
    };
    run_ok(
        &store,
        &[
            "case",
            "export",
            &id_arg,
            "--json",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    let old = std::fs::read(&file).unwrap();
    add_one_transfer(&store, id);
    let new_transfers = TRANSFERS + 1;
    let p = profile(export(), &out_dir);
    let mut rng = Rng(0x00CA_5EF1_1E00_000B);
    let mut interrupted = 0;
    for n in 0..KILLS {
        std::fs::write(&file, &old).unwrap();
        interrupted += usize::from(run_and_kill(export(), &out_dir, &p, &mut rng, n));
        let now = std::fs::read(&file)
            .unwrap_or_else(|e| panic!("kill point {n}: {} is gone: {e}", file.display()));
        if now != old {
            let parsed: CaseExport = serde_json::from_slice(&now).unwrap_or_else(|e| {
                panic!(
                    "kill point {n}: the export is neither the old file nor a whole new one ({} of {} bytes?): {e}",
                    now.len(),
                    old.len()
                )
            });
            assert_eq!(
                parsed.transfers.len(),
                new_transfers,
                "kill point {n}: the export holds the wrong case state"
            );
        }
    }
    run_ok(
        &store,
        &[
            "case",
            "export",
            &id_arg,
            "--json",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    let parsed: CaseExport = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(parsed.transfers.len(), new_transfers);
    assert_eq!(
        leftovers(&out_dir, &[&file]),
        Vec::<String>::new(),
        "temporary files left after the next successful export"
    );
    eprintln!("case export: {interrupted} of {KILLS} runs were interrupted by the kill");
}

/// A whole PDF: starts with the header and ends with the end-of-file marker.
fn whole_pdf(bytes: &[u8]) -> bool {
    let end = bytes.trim_ascii_end();
    bytes.starts_with(b"%PDF-") && end.ends_with(b"%%EOF")
}

/// Lines of a CSV that ends with its last row (no field here holds a line break).
fn whole_csv_rows(bytes: &[u8]) -> Option<usize> {
    let text = std::str::from_utf8(bytes).ok()?;
    text.ends_with('\n').then(|| text.lines().count())
}

#[test]
fn a_killed_pdf_export_leaves_the_old_files_or_the_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = store_with_case(dir.path(), 40, 1);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let pdf = out_dir.join("dossier.pdf");
    let transfers_csv = out_dir.join("dossier-transfers.csv");
    let identifiers_csv = out_dir.join("dossier-identifiers.csv");
    let id_arg = id.to_string();
    let args = [
        "export",
        "pdf",
        &id_arg,
        "--out",
        pdf.to_str().unwrap(),
        "--csv",
    ];
    run_ok(&store, &args);
    let old_pdf = std::fs::read(&pdf).unwrap();
    let old_transfers = std::fs::read(&transfers_csv).unwrap();
    let old_identifiers = std::fs::read(&identifiers_csv).unwrap();
    add_one_transfer(&store, id);
    let new_transfer_rows = whole_csv_rows(&old_transfers).unwrap() + 1;
    let p = profile(casefile(&store, &args), &out_dir);
    let mut rng = Rng(0x00CA_5EF1_1E00_000C);
    let mut interrupted = 0;
    for n in 0..KILLS {
        std::fs::write(&pdf, &old_pdf).unwrap();
        std::fs::write(&transfers_csv, &old_transfers).unwrap();
        std::fs::write(&identifiers_csv, &old_identifiers).unwrap();
        interrupted += usize::from(run_and_kill(
            casefile(&store, &args),
            &out_dir,
            &p,
            &mut rng,
            n,
        ));
        let now = std::fs::read(&pdf).unwrap();
        assert!(
            now == old_pdf || whole_pdf(&now),
            "kill point {n}: the PDF is neither the old file nor a whole new one ({} bytes)",
            now.len()
        );
        let now = std::fs::read(&transfers_csv).unwrap();
        assert!(
            now == old_transfers || whole_csv_rows(&now) == Some(new_transfer_rows),
            "kill point {n}: the transfers CSV is neither the old file nor a whole new one"
        );
        let now = std::fs::read(&identifiers_csv).unwrap();
        assert!(
            now == old_identifiers || whole_csv_rows(&now).is_some(),
            "kill point {n}: the identifiers CSV is neither the old file nor a whole new one"
        );
    }
    run_ok(&store, &args);
    assert!(whole_pdf(&std::fs::read(&pdf).unwrap()));
    assert_eq!(
        leftovers(&out_dir, &[&pdf, &transfers_csv, &identifiers_csv]),
        Vec::<String>::new(),
        "temporary files left after the next successful export"
    );
    eprintln!("pdf export: {interrupted} of {KILLS} runs were interrupted by the kill");
}
