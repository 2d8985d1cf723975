//! Evidence intake against `sha256sum` + `cp` of the same files in the same run, for 93
//! app-size screenshots (720×1560) and 300 phone screenshots (1080×2340). "Safely stored"
//! is hashed, in the encrypted store and committed (group commits); the previews are made
//! afterwards and timed on their own. One-shot wall-clock measurement; prints the numbers.
//! Run: `cargo bench -p casefile-core --bench intake` (INTAKE_SMALL / INTAKE_LARGE change the
//! counts).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use casefile_core::Store;

mod common;
use common::{screenshot, small_screenshot};

/// Makes the i-th screenshot of a set.
type Screenshot = fn(u32) -> Vec<u8>;

fn count(var: &str, default: u32) -> u32 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn baseline(files: &[PathBuf], copy_dir: &Path) -> Duration {
    std::fs::create_dir_all(copy_dir).expect("mkdir");
    let t = Instant::now();
    let status = Command::new("sha256sum")
        .args(files)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("sha256sum");
    assert!(status.success());
    let status = Command::new("cp")
        .args(files)
        .arg(copy_dir)
        .status()
        .expect("cp");
    assert!(status.success());
    // cp leaves the data in the page cache; the store's commit is on disk. Flush the copies
    // too, so both sides have written their bytes.
    let status = Command::new("sync").status().expect("sync");
    assert!(status.success());
    t.elapsed()
}

fn run(label: &str, dir: &Path, make: impl Fn(u32) -> Vec<u8>, n: u32) {
    let src = dir.join(label);
    std::fs::create_dir_all(&src).expect("mkdir");
    let mut files = Vec::new();
    let mut bytes_total = 0u64;
    for i in 0..n {
        let bytes = make(i);
        bytes_total += bytes.len() as u64;
        let p = src.join(format!(
            "Screenshot_20260314-09{:02}{:02}_WhatsApp.png",
            i / 60 % 60,
            i % 60
        ));
        std::fs::write(&p, bytes).expect("write");
        files.push(p);
    }
    let base = baseline(&files, &dir.join(format!("{label}-copy")));
    let mut store = Store::create(
        &dir.join(format!("{label}.db")),
        "benchmark passphrase words",
        "bench",
    )
    .expect("store");
    let case = store.create_case("Intake benchmark").expect("case").id;
    let t = Instant::now();
    let mut intake = store
        .begin_intake(case, Some("Asia/Bangkok"))
        .expect("intake");
    for f in &files {
        store.intake_file(&mut intake, f, "").expect("intake");
    }
    store.finish_intake(intake).expect("finish");
    let stored = t.elapsed();
    let t = Instant::now();
    let made = store.make_pending_previews().expect("previews");
    let previews = t.elapsed();
    assert_eq!(made as u32, n);
    println!(
        "{label}: {n} files, {:.1} MB ({:.0} KB each)",
        bytes_total as f64 / 1_048_576.0,
        bytes_total as f64 / 1024.0 / f64::from(n)
    );
    println!(
        "  sha256sum + cp + sync:      {:>7.2} s",
        base.as_secs_f64()
    );
    println!(
        "  Casefile, safely stored:    {:>7.2} s  ({:.1}x; hashed, type, capture time, encrypted, committed)",
        stored.as_secs_f64(),
        stored.as_secs_f64() / base.as_secs_f64()
    );
    println!(
        "  previews afterwards:        {:>7.2} s  ({} threads)",
        previews.as_secs_f64(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
}

fn main() {
    // `cargo test --benches` runs bench targets with `--bench`-less args; only run for real.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let sets: [(&str, Screenshot, u32); 2] = [
        ("small", small_screenshot, count("INTAKE_SMALL", 93)),
        ("large", screenshot, count("INTAKE_LARGE", 300)),
    ];
    for (label, make, n) in sets {
        if n > 0 {
            run(label, dir.path(), make, n);
        }
    }
}
