//! A case export file: JSON → `CaseExport` → `Store::import_case`. What imports must export,
//! and that export must import again and export the same (the interchange's promise).
#![no_main]

use casefile_core::interchange::CaseExport;
use casefile_core_fuzz::{
    check_case_usable, install_panic_hook, known_signed_year, run, with_fixture,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let Ok(export) = serde_json::from_slice::<CaseExport>(data) else {
            return;
        };
        let times = export.transfers.iter().map(|t| &t.occurred_at);
        if times
            .chain(export.events.iter().map(|e| &e.occurred_at))
            .any(|t| known_signed_year(t))
        {
            return;
        }
        with_fixture(|fx| {
            let store = &mut fx.store;
            let Ok(case) = store.import_case(&export) else {
                return;
            };
            let first = check_case_usable(store, case.id);
            let again = match store.import_case(&first) {
                Ok(c) => c,
                Err(e) => panic!("the export of an imported case does not import: {e}"),
            };
            let mut second = check_case_usable(store, again.id);
            second.exported_at = first.exported_at.clone();
            assert_eq!(first, second, "export → import → export changed the case");
        });
    });
});
