//! Evidence intake of arbitrary bytes: `evidence::prepare` (media type sniffing, EXIF capture
//! time, thumbnail) and `add_evidence` into the store.
//!
//! Input: byte 0 = flags (bit 7: the file has a last-modified time; bits 0–5: length of the
//! file name), byte 1 = case time zone (index), then the file name, then the file's bytes.
#![no_main]

use casefile_core::evidence;
use casefile_core_fuzz::{check_case_usable, in_rollback, install_panic_hook, run};
use libfuzzer_sys::fuzz_target;

const ZONES: &[&str] = &[
    "Europe/Berlin",
    "UTC",
    "Asia/Hong_Kong",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Not/A_Zone",
    "",
];

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let [flags, zone, rest @ ..] = data else {
            return;
        };
        let name_len = usize::from(flags & 0x3f).min(rest.len());
        let (name, bytes) = rest.split_at(name_len);
        let name = String::from_utf8_lossy(name);
        let zone = ZONES[usize::from(*zone) % ZONES.len()];
        let modified = (flags & 0x80 != 0)
            .then(|| chrono::DateTime::from_timestamp(1_773_451_800, 0))
            .flatten();
        let Ok(p) = evidence::prepare(&name, bytes, modified, zone) else {
            return;
        };
        assert_eq!(p.size, bytes.len() as u64);
        assert_eq!(p.sha256, evidence::sha256_hex(bytes));
        // A preview always has a size; a size read from the header may come without a preview
        // (the pixels could not be decoded).
        assert!(p.thumbnail.is_none() || p.width.is_some(), "preview without size");
        assert!(!p.preview_pending, "prepare finishes the preview");
        if let Some(t) = &p.thumbnail {
            assert!(
                t.starts_with(&[0xff, 0xd8]),
                "the thumbnail is not a JPEG"
            );
        } else {
            assert!(!p.preview_note.is_empty(), "no preview and no note saying why");
        }
        in_rollback(|store, case_id| {
            match store.add_evidence(case_id, &name, bytes, modified, "fuzz") {
                Ok(r) => {
                    if let Err(e) = store.evidence_original(r.evidence.id) {
                        panic!("stored evidence cannot be read back: {e}");
                    }
                    if let Err(e) = store.evidence_thumbnail(r.evidence.id) {
                        panic!("a stored thumbnail cannot be read back: {e}");
                    }
                }
                Err(e) => panic!("prepare accepted a file that add_evidence refused: {e}"),
            }
            check_case_usable(store, case_id);
        });
    });
});
