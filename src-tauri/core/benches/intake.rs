//! Evidence intake of 300 phone-size screenshots (1080×2340 PNG), against `sha256sum` + `cp`
//! of the same files in the same run. One-shot wall-clock measurement; prints the numbers.
//! Run: `cargo bench -p casefile-core --bench intake` (set INTAKE_FILES to change the count).

use std::io::Cursor;
use std::process::Command;
use std::time::Instant;

use casefile_core::Store;

/// A screenshot-like picture: status bar, chat bubbles with "text" lines, and a photo someone
/// sent (a noisy gradient, so the PNG is as hard to compress as a real one), varying per file.
fn screenshot(i: u32) -> Vec<u8> {
    let mut seed = 0x9E37_79B9u32.wrapping_mul(i + 1);
    let img = image::RgbImage::from_fn(1080, 2340, |x, y| {
        if (900..1700).contains(&y) && (140..940).contains(&x) {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let n = (seed >> 27) as u8;
            return image::Rgb([(x / 4) as u8 ^ n, (y / 5) as u8 ^ n, 120 + n]);
        }
        let bubble = (y / 180 + i) % 2 == 0;
        let line =
            y % 180 > 40 && y % 180 < 70 && x > 80 && x < 700 + (i * 13 + y / 180 * 37) % 280;
        match (y < 96, line, bubble) {
            (true, _, _) => image::Rgb([18, 140, 126]),
            (_, true, _) => image::Rgb([30, 30, 30]),
            (_, _, true) => image::Rgb([220, 248, 198]),
            _ => image::Rgb([236, 229, 221]),
        }
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("encode");
    out
}

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
