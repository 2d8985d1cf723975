//! Chat-export zips: `chat::archive::ChatArchive` opened over arbitrary bytes, listed, the chat
//! found, every entry read with a small cap, attachment names resolved.
//! Input: the bytes of the (would-be) zip file.
#![no_main]

use std::io::Cursor;

use casefile_core::chat::archive::ChatArchive;
use casefile_core_fuzz::{install_panic_hook, run};
use libfuzzer_sys::fuzz_target;

/// Cap per entry: small, so a fuzz input cannot make a read allocate much.
const CAP: u64 = 64 * 1024;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let Ok(mut archive) = ChatArchive::open(Cursor::new(data), "fuzz.zip") else {
            return;
        };
        let entries = archive.entries().to_vec();
        for (i, e) in entries.iter().enumerate() {
            assert_eq!(e.index, i, "entry index out of step");
            assert!(!e.name.starts_with('/') && !e.name.starts_with("./"), "name not normalised: {:?}", e.name);
            assert!(!e.name.contains('\\'), "backslash left in {:?}", e.name);
        }
        let chat = archive.find_chat();
        if let Some(chat) = &chat {
            assert!(!chat.parts.is_empty(), "a chat with no parts");
            for &p in &chat.parts {
                let e = &entries[p];
                assert!(e.name.starts_with(&chat.dir_prefix), "part outside the chat folder");
                if let Ok(text) = archive.read_text(p) {
                    assert!(text.text.len() as u64 <= 4 * e.size.max(1), "text longer than the entry could hold");
                }
            }
        }
        let prefix = chat.map(|c| c.dir_prefix).unwrap_or_default();
        for e in &entries {
            if let Ok(bytes) = archive.read_media(e.index, CAP) {
                assert_eq!(bytes.len() as u64, e.size, "read size differs from the declared size");
            }
            if !e.is_dir {
                let found = archive.resolve(&prefix, e.base_name());
                if let Some(i) = found {
                    assert_eq!(entries[i].base_name(), e.base_name(), "resolved to another name");
                }
            }
        }
    });
});
