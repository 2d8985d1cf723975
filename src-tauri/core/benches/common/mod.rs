//! Test data shared by the benchmarks.

use std::io::Cursor;

/// A phone screenshot (1080×2340 PNG): status bar, chat bubbles with "text" lines, and a photo
/// someone sent (a noisy gradient, so the PNG is as hard to compress as a real one, ~1.6 MB).
pub fn screenshot(i: u32) -> Vec<u8> {
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

/// An app-size screenshot (720×1560 PNG of a chat with a small photo, ~90 KB like the ones
/// messengers pass around).
#[allow(dead_code)] // used by the intake bench only; each bench compiles this module itself
pub fn small_screenshot(i: u32) -> Vec<u8> {
    let mut seed = 0x85EB_CA6Bu32.wrapping_mul(i + 1);
    let img = image::RgbImage::from_fn(720, 1560, |x, y| {
        // A small photo in the chat (160×160 of noise), so the file is ~90 KB like real ones.
        if (700..860).contains(&y) && (60..220).contains(&x) {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let n = (seed >> 24) as u8;
            return image::Rgb([n, n.wrapping_mul(3), 200 - n / 4]);
        }
        let bubble = (y / 120 + i) % 2 == 0;
        let line =
            y % 120 > 30 && y % 120 < 50 && x > 50 && x < 460 + (i * 17 + y / 120 * 29) % 200;
        match (y < 64, line, bubble) {
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
