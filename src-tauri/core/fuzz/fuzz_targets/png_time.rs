//! Capture times inside PNG metadata: `evidence::png_time` (the XMP packet in an iTXt chunk,
//! possibly zlib-compressed) and the whole capture-time chain `evidence::capture_time`.
//! Input: bytes; a PNG signature is put in front when missing so the chunk walk is reached.
#![no_main]

use casefile_core::evidence::{capture_time, png_time, PngTime};
use casefile_core_fuzz::{install_panic_hook, run};
use chrono::Datelike as _;
use libfuzzer_sys::fuzz_target;

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let mut bytes = data.to_vec();
        if !bytes.starts_with(SIGNATURE) {
            bytes.splice(0..0, SIGNATURE.iter().copied());
        }
        if let Some(t) = png_time(&bytes) {
            let year = match t {
                PngTime::Exact(t) => t.year(),
                PngTime::Local(t) => t.year(),
            };
            assert!((-9999..=9999).contains(&year), "year {year}");
        }
        // The whole chain never panics, whatever the zone, and gives times in range.
        if let Some((m, _)) = capture_time("Screenshot_20260314-093102.png", &bytes, "Asia/Bangkok") {
            assert!(m.utc.ends_with('Z'), "{}", m.utc);
        }
    });
});
