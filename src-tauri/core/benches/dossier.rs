//! Dossier of a case with 200 phone screenshots and 300 transfers: time, PDF size and peak
//! memory, next to the same content printed to PDF by headless Chromium in the same run.
//! Run: `cargo bench -p casefile-core --bench dossier` (needs /usr/bin/time; Chromium if
//! installed: Debian package `chromium`). DOSSIER_SHOTS / DOSSIER_TRANSFERS change the sizes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use casefile_core::dossier::{DossierOptions, Variant};
use casefile_core::model::*;
use casefile_core::validate::crypto::Network;
use casefile_core::Store;

mod common;

const PASS: &str = "benchmark passphrase words";

fn env_num(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn build_case(store_path: &Path, shots_dir: &Path) {
    let mut store = Store::create(store_path, PASS, "bench").expect("store");
    let case = store
        .create_case("Benchmark: 200 screenshots, 300 transfers")
        .expect("case")
        .id;
    let mut d = store.get_case(case).expect("case").details;
    d.statement = "I met Anna online. She showed me how she traded on BTC-GX Pro. ".repeat(60);
    d.time_zone = "Europe/Berlin".into();
    store.update_case(case, &d).expect("details");
    for i in 0..env_num("DOSSIER_SHOTS", 200) {
        let bytes = common::screenshot(i);
        let path = shots_dir.join(format!("shot_{i:03}.png"));
        std::fs::write(&path, &bytes).expect("write shot");
        store
            .add_evidence_file(case, &path, &format!("Chat screenshot {i}"))
            .expect("evidence");
    }
    for i in 0..env_num("DOSSIER_TRANSFERS", 300) {
        let crypto = i % 2 == 1;
        store
            .add_transfer(
                case,
                &TransferInput {
                    occurred_at: format!(
                        "2026-{:02}-{:02} {:02}:{:02}",
                        1 + (i / 28) % 12,
                        1 + i % 28,
                        i % 24,
                        i % 60
                    ),
                    direction: Direction::Out,
                    amount: format!("{}.{:02}", 100 + i * 3, i % 100),
                    currency: if crypto { "USDT".into() } else { "EUR".into() },
                    network: crypto.then_some(Network::Tron),
                    method: if crypto {
                        TransferMethod::CryptoTransfer
                    } else {
                        TransferMethod::BankTransfer
                    },
                    from_account: "Current account".into(),
                    beneficiary_name: if crypto {
                        String::new()
                    } else {
                        format!("Mule {} Ltd", i % 13)
                    },
                    beneficiary_bank: String::new(),
                    beneficiary_account: if crypto {
                        String::new()
                    } else {
                        "DE89370400440532013000".into()
                    },
                    beneficiary_bic: String::new(),
                    beneficiary_wallet: if crypto {
                        "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t".into()
                    } else {
                        String::new()
                    },
                    wallet_is_exchange_deposit: false,
                    reference: if crypto {
                        format!("{:064x}", u128::from(i) * 0x9E37_79B9_7F4A_7C15)
                    } else {
                        format!("REF-{i:06}")
                    },
                    exchange_rate: crypto.then(|| "0.92".into()),
                    status: TransferStatus::Completed,
                    notes: String::new(),
                    evidence_ids: vec![],
                    accept_warnings: true,
                    from_account_id: None,
                    to_account_id: None,
                    source_ids: Vec::new(),
                },
            )
            .expect("transfer");
    }
}

/// The same content as HTML, for Chromium: statement, transfers table, screenshots with
/// their details.
fn write_html(store: &Store, case: i32, shots_dir: &Path, out: &Path) {
    let c = store.get_case(case).expect("case");
    let mut h = String::from("<!doctype html><meta charset=utf-8><style>body{font:10pt 'DejaVu Sans'}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;font-size:8pt;padding:2px;vertical-align:top}.m{font-family:'DejaVu Sans Mono';font-size:7pt;word-break:break-all}img{max-width:100%;max-height:24cm;display:block;margin:auto}.e{page-break-before:always}</style>");
    let _ = write!(h, "<h1>Fraud case dossier</h1><h2>{}</h2><h2>Statement</h2><p>{}</p><h2>Transfers</h2><table><tr><th>#<th>When<th>Amount<th>To<th>Reference</tr>", c.title, c.details.statement);
    for t in store.list_transfers(case).expect("transfers") {
        let _ = write!(
            h,
            "<tr><td>T-{}<td>{}<td>{} {}<td class=m>{}{}<td class=m>{}</tr>",
            t.id,
            t.occurred.recorded,
            t.amount,
            t.currency,
            t.beneficiary_account,
            t.beneficiary_wallet,
            t.reference
        );
    }
    h.push_str("</table>");
    for (i, e) in store
        .list_evidence(case)
        .expect("evidence")
        .iter()
        .enumerate()
    {
        let _ = write!(h, "<div class=e><h3>V-{} {}</h3><p>{}<br>SHA-256 <span class=m>{}</span></p><img src='{}'></div>", e.id, e.file_name, e.caption, e.sha256, shots_dir.join(format!("shot_{i:03}.png")).display());
    }
    std::fs::write(out, h).expect("html");
}

/// Runs a command under /usr/bin/time; returns (seconds, peak resident MB).
fn timed(cmd: &mut Command) -> Option<(f64, f64)> {
    let stats = tempfile::NamedTempFile::new().ok()?;
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let status = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%e %M")
        .arg("-o")
        .arg(stats.path())
        .arg(program)
        .args(args)
        .envs(
            cmd.get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    let text = std::fs::read_to_string(stats.path()).ok()?;
    let mut parts = text.split_whitespace();
    let secs: f64 = parts.next()?.parse().ok()?;
    let kb: f64 = parts.next()?.parse().ok()?;
    Some((secs, kb / 1024.0))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // Child mode: export only, so its peak memory is the export's own.
    if let Some(pos) = args.iter().position(|a| a == "--export-only") {
        let store_path = PathBuf::from(&args[pos + 1]);
        let out = PathBuf::from(&args[pos + 2]);
        let store = Store::open(&store_path, PASS, "bench").expect("open");
        let options = DossierOptions {
            variant: Variant::Police,
            prepared_by: "Benchmark".into(),
            csv: false,
            without_images: false,
            omit: vec![],
            pictures_per_page: Default::default(),
        };
        let files = store
            .export_dossier(1, &options, chrono::Utc::now())
            .expect("export");
        std::fs::write(out, files.pdf).expect("write pdf");
        return;
    }
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let shots = dir.path().join("shots");
    std::fs::create_dir_all(&shots).expect("mkdir");
    let store_path = dir.path().join("bench.db");
    build_case(&store_path, &shots);
    let pdf = dir.path().join("casefile.pdf");
    let exe = std::env::current_exe().expect("exe");
    let ours = timed(
        Command::new(&exe)
            .arg("--export-only")
            .arg(&store_path)
            .arg(&pdf),
    )
    .expect("export run");
    let size = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
    let pages = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .ok()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find(|l| l.starts_with("Pages:"))
                .unwrap_or("")
                .to_string()
        })
        .unwrap_or_default();
    println!(
        "Casefile dossier:  {:>6.2} s  {:>7.1} MB  peak {:>6.0} MB RSS  ({})",
        ours.0,
        size as f64 / 1_048_576.0,
        ours.1,
        pages.trim()
    );

    let store = Store::open(&store_path, PASS, "bench").expect("open");
    let html = dir.path().join("same.html");
    write_html(&store, 1, &shots, &html);
    let chrome_pdf = dir.path().join("chromium.pdf");
    let profile = dir.path().join("chromium-profile");
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    match chromium {
        Some(bin) => {
            let run = timed(
                Command::new(bin)
                    .args([
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-pdf-header-footer",
                    ])
                    .arg(format!("--user-data-dir={}", profile.display()))
                    .arg(format!("--print-to-pdf={}", chrome_pdf.display()))
                    .arg(format!("file://{}", html.display())),
            );
            match run {
                Some((secs, mb)) => {
                    let size = std::fs::metadata(&chrome_pdf).map(|m| m.len()).unwrap_or(0);
                    if size == 0 {
                        println!("Chromium print:    no PDF after {secs:.2} s (peak {mb:.0} MB RSS): it gave up on this much content");
                        return;
                    }
                    println!("Chromium print:    {:>6.2} s  {:>7.1} MB  peak {:>6.0} MB RSS (browser process)", secs, size as f64 / 1_048_576.0, mb);
                }
                None => println!("Chromium print:    failed to run"),
            }
        }
        None => {
            println!("Chromium print:    not installed (apt-get install chromium) — no comparison")
        }
    }
}
