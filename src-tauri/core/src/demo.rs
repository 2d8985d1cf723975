//! A made-up sample case, for trying Casefile out (`casefile demo`, `./dev.sh start --demo`).

use crate::model::{Case, CaseStatus};
use crate::{Result, Store};

/// Adds the sample case to `store` and returns it. Every person and number in it is invented.
pub fn add_demo_case(store: &mut Store) -> Result<Case> {
    let case = store.create_case("Sample: crypto investment scam – \"Anna\" and BTC-GX Pro")?;
    let mut d = case.details.clone();
    d.status = Some(CaseStatus::Reported);
    d.police_report_no = "SAMPLE-PR-2026-0415".into();
    d.bank_claim_no = "SAMPLE-CLAIM-88172".into();
    d.complaint_id = "SAMPLE-IC3-0000000".into();
    d.victim_name = "Sample Person (made up)".into();
    d.victim_contact = "+44 7700 900123".into();
    d.victim_address = "1 Example Street\nSampletown".into();
    d.reporting_currency = "GBP".into();
    d.time_zone = "Europe/London".into();
    d.statement = "In March a woman called Anna wrote to me on WhatsApp by mistake, then kept chatting. \
After a few weeks she showed me how she traded on a platform called BTC-GX Pro and helped me open an account. \
I bought USDT on an exchange and sent it to the deposit address the platform gave me. \
The balance grew quickly. When I asked to withdraw, they asked for a 20% \"tax\" first. \
I paid it and still could not withdraw. Then Anna stopped answering.\n\n\
(This is a made-up sample statement.)"
        .into();
    d.notes =
        "Sample case created by `casefile demo`. Delete or archive it when you no longer need it."
            .into();
    store.update_case(case.id, &d)
}
