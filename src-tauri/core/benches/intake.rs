//! Evidence intake of 300 phone-size screenshots (1080×2340 PNG), against `sha256sum` + `cp`
//! of the same files in the same run. One-shot wall-clock measurement; prints the numbers.
//! Run: `cargo bench -p casefile-core --bench intake` (set INTAKE_FILES to change the count).

use std::process::Command;
use std::time::Instant;

use casefile_core::Store;

mod common;
use common::screenshot;

fn main() {
    // `cargo test --benches` runs bench targets with `--bench`-less args; only run for real.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let n: u32 = std::env::var("INTAKE_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).expect("mkdir");
    let mut files = Vec::new();
    let mut bytes_total = 0u64;
    for i in 0..n {
        let bytes = screenshot(i);
        bytes_total += bytes.len() as u64;
        let p = src.join(format!("Screenshot_{i:04}.png"));
        std::fs::write(&p, bytes).expect("write");
        files.push(p);
    }
    println!(
        "{n} screenshots, 1080×2340, {:.1} MB in all",
        bytes_total as f64 / 1_048_576.0
    );

    let copy_dir = dir.path().join("copy");
    std::fs::create_dir_all(&copy_dir).expect("mkdir");
    let t = Instant::now();
    let status = Command::new("sha256sum")
        .args(&files)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("sha256sum");
    assert!(status.success());
    let status = Command::new("cp")
        .args(&files)
        .arg(&copy_dir)
        .status()
        .expect("cp");
    assert!(status.success());
    let baseline = t.elapsed();

    let mut store = Store::create(
        &dir.path().join("bench.db"),
        "benchmark passphrase words",
        "bench",
    )
    .expect("store");
    let case = store.create_case("Intake benchmark").expect("case").id;
    let t = Instant::now();
    for f in &files {
        store.add_evidence_file(case, f, "").expect("intake");
    }
    let intake = t.elapsed();
    println!("sha256sum + cp:   {:>8.2} s", baseline.as_secs_f64());
    println!("Casefile intake:  {:>8.2} s  ({:.0} ms per file: SHA-256, type sniffing, EXIF, decode, thumbnail, encrypted insert)", intake.as_secs_f64(), intake.as_secs_f64() * 1000.0 / f64::from(n));
}
