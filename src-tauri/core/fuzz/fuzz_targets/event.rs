//! A timeline event as JSON (the CLI's `event add --json`): `add_event`, with links to the
//! fixture case's records (ids 1) or to another case's; what is saved stays usable.
#![no_main]

use casefile_core::model::EventInput;
use casefile_core_fuzz::{
    check_case_usable, in_rollback, install_panic_hook, known_signed_year, run,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let Ok(input) = serde_json::from_slice::<EventInput>(data) else {
            return;
        };
        if known_signed_year(&input.occurred_at) {
            return;
        }
        in_rollback(|store, case_id| {
            let Ok(event) = store.add_event(case_id, &input) else {
                return;
            };
            match store.get_event(event.id) {
                Ok(back) => assert_eq!(back, event, "a saved event reads back differently"),
                Err(e) => panic!("a saved event cannot be read back: {e}"),
            }
            let again = EventInput {
                occurred_at: event.occurred.recorded.clone(),
                title: event.title.clone(),
                description: event.description.clone(),
                links: event.links.clone(),
                ..input.clone()
            };
            if let Err(e) = store.update_event(event.id, &again) {
                panic!("a saved event cannot be saved again unchanged: {e}");
            }
            check_case_usable(store, case_id);
        });
    });
});
