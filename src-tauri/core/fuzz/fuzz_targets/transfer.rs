//! A transfer as JSON (the CLI's `transfer add --json`, the app's form): `check_transfer` and
//! `add_transfer` agree, and what is saved can be edited unchanged, listed, summed, exported.
#![no_main]

use casefile_core::model::TransferInput;
use casefile_core_fuzz::{
    check_case_usable, in_rollback, install_panic_hook, known_signed_year, run,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: install_panic_hook(), |data: &[u8]| {
    run(data, || {
        let Ok(input) = serde_json::from_slice::<TransferInput>(data) else {
            return;
        };
        if known_signed_year(&input.occurred_at) {
            return;
        }
        in_rollback(|store, case_id| {
            let own_evidence: Vec<i32> = match store.list_evidence(case_id) {
                Ok(list) => list.iter().map(|e| e.id).collect(),
                Err(e) => panic!("list_evidence: {e}"),
            };
            let links_ok = input.evidence_ids.iter().all(|id| own_evidence.contains(id));
            let checked = store.check_transfer(case_id, &input);
            let added = store.add_transfer(case_id, &input);
            let t = match (&checked, added) {
                (Err(_), Ok(t)) => panic!("check_transfer refused what add_transfer saved: {t:?}"),
                (Ok(w), Ok(t)) => {
                    assert_eq!(&t.warnings, w, "saved warnings differ from the check's");
                    t
                }
                (Ok(w), Err(e)) if links_ok && (w.is_empty() || input.accept_warnings) => {
                    panic!("check_transfer accepted what add_transfer refused: {e}")
                }
                (_, Err(_)) => return,
            };
            if let Err(e) = store.get_transfer(t.id) {
                panic!("a saved transfer cannot be read back: {e}");
            }
            // Opening the saved transfer in the form and saving it unchanged must work.
            let edit = TransferInput {
                occurred_at: t.occurred.recorded.clone(),
                amount: t.amount.clone(),
                currency: t.currency.clone(),
                network: t.network,
                beneficiary_account: t.beneficiary_account.clone(),
                beneficiary_bic: t.beneficiary_bic.clone(),
                beneficiary_wallet: t.beneficiary_wallet.clone(),
                exchange_rate: t.exchange_rate.clone(),
                accept_warnings: true,
                ..input.clone()
            };
            if let Err(e) = store.update_transfer(t.id, &edit) {
                panic!("a saved transfer cannot be saved again unchanged: {e}");
            }
            check_case_usable(store, case_id);
        });
    });
});
