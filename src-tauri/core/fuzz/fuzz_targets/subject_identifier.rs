//! A subject with its identifiers as JSON (the CLI's `subject add --json`): `add_subject`,
//! then `check_identifier` / `add_identifier` for each; what is saved stays usable.
#![no_main]

use casefile_core::model::{IdentifierInput, SubjectInput};
use casefile_core_fuzz::{check_case_usable, in_rollback, install_panic_hook, run};
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;

/// `subject_id: Some(_)` on an identifier means "the subject above" when one was saved.
#[derive(Deserialize)]
struct Input {
    subject: Option<SubjectInput>,
    identifiers: Vec<IdentifierInput>,
}

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let Ok(input) = serde_json::from_slice::<Input>(data) else {
            return;
        };
        in_rollback(|store, case_id| {
            let subject = input
                .subject
                .as_ref()
                .and_then(|s| store.add_subject(case_id, s).ok());
            for i in input.identifiers.iter().take(8) {
                let mut i = i.clone();
                if let (Some(s), Some(_)) = (&subject, i.subject_id) {
                    i.subject_id = Some(s.id);
                }
                let checked = store.check_identifier(&i);
                let added = store.add_identifier(case_id, &i);
                let saved = match (&checked, added) {
                    (Err(_), Ok(s)) => panic!("check_identifier refused what add_identifier saved: {s:?}"),
                    (Ok(w), Ok(s)) => {
                        assert_eq!(&s.warnings, w, "saved warnings differ from the check's");
                        s
                    }
                    (_, Err(_)) => continue,
                };
                let again = IdentifierInput {
                    value: saved.value.clone(),
                    accept_warnings: true,
                    ..i.clone()
                };
                if let Err(e) = store.update_identifier(saved.id, &again) {
                    panic!("a saved identifier cannot be saved again unchanged: {e}");
                }
            }
            check_case_usable(store, case_id);
        });
    });
});
