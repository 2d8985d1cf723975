//! A draft as the window sends it: a key on the first line, the form's JSON after it, for the
//! case or for none. What is accepted reads back byte for byte; what is refused changes nothing.
#![no_main]

use casefile_core_fuzz::{in_rollback, install_panic_hook, run};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let (key, value) = text.split_once('\n').unwrap_or((text, ""));
        let for_case = key.len() % 2 == 0;
        in_rollback(|store, case_id| {
            let before = store.list_drafts().expect("drafts can be listed");
            let case = for_case.then_some(case_id);
            match store.save_draft(key, case, value) {
                Ok(saved) => {
                    let after = store.list_drafts().expect("drafts can be listed");
                    let back = after.iter().find(|d| d.key == saved.key);
                    assert_eq!(back, Some(&saved), "a saved draft reads back differently");
                    assert_eq!(saved.value, value, "a draft's value was changed");
                    assert_eq!(saved.key, key.trim(), "a draft's key was changed");
                    store.discard_draft(key).expect("a draft can be thrown away");
                    let gone = store.list_drafts().expect("drafts can be listed");
                    assert!(gone.iter().all(|d| d.key != saved.key), "a discarded draft stays");
                }
                Err(_) => {
                    let after = store.list_drafts().expect("drafts can be listed");
                    assert_eq!(before, after, "a refused draft changed the drafts");
                }
            }
        });
    });
});
