//! A made-up sample case, for trying Casefile out (`casefile demo`, `./dev.sh start --demo`):
//! a statement, transfers from a bank to an exchange and on as USDT on TRON, the scammers and
//! their identifiers, timeline events and two generated "screenshots". Every person, number and
//! address in it is invented.

use std::io::Cursor;

use crate::model::*;
use crate::validate::crypto::Network;
use crate::validate::identifier::IdentifierKind;
use crate::{Result, Store};

/// A plain chat-like picture so the sample has evidence to show.
fn sample_picture(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(540, 1170, |x, y| {
        if y < 60 {
            image::Rgb([18, 140, 126])
        } else if y % 90 > 24
            && y % 90 < 44
            && x > 40
            && x < 280 + u32::from(seed) * 40 + (y % 7) * 20
        {
            image::Rgb([40, 40, 40])
        } else if (y / 90) % 2 == 0 {
            image::Rgb([220, 248, 198])
        } else {
            image::Rgb([236, 229, 221])
        }
    });
    let mut out = Vec::new();
    // Encoding an in-memory picture cannot fail short of running out of memory.
    let _ = image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png);
    out
}

fn transfer(at: &str, amount: &str, currency: &str) -> TransferInput {
    TransferInput {
        from_account: "Sample Bank current account".into(),
        accept_warnings: true,
        ..TransferInput::new(at, amount, currency)
    }
}

/// Adds the sample case to `store` and returns it.
pub fn add_demo_case(store: &mut Store) -> Result<Case> {
    let case = store.create_case("Sample: crypto investment scam – \"Anna\" and BTC-GX Pro")?;
    let id = case.id;
    let mut d = case.details.clone();
    d.status = Some(CaseStatus::Reported);
    d.police_report_no = "SAMPLE-PR-2026-0415".into();
    d.bank_claim_no = "SAMPLE-CLAIM-88172".into();
    d.complaint_id = "SAMPLE-IC3-0000000".into();
    d.victim_name = "Sample Person (made up)".into();
    d.victim_contact = "+44 7911 123456".into();
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
    store.update_case(id, &d)?;

    let chat = store
        .add_evidence(
            id,
            "Screenshot_WhatsApp_Anna.png",
            &sample_picture(1),
            None,
            "Anna's first message (sample)",
        )?
        .evidence;
    store.update_evidence(
        chat.id,
        &EvidenceUpdate {
            caption: "Anna's first message (sample)".into(),
            captured_at: Some("2026-03-02 19:41".into()),
        },
    )?;
    let platform = store
        .add_evidence(
            id,
            "Screenshot_BTC-GX_balance.png",
            &sample_picture(4),
            None,
            "The platform's balance page (sample)",
        )?
        .evidence;
    store.update_evidence(
        platform.id,
        &EvidenceUpdate {
            caption: "The platform's balance page (sample)".into(),
            captured_at: Some("2026-04-02 21:05".into()),
        },
    )?;

    let anna = store.add_subject(
        id,
        &SubjectInput {
            kind: SubjectKind::Persona,
            name: "Anna".into(),
            description: "Says she is a wine trader in Hong Kong (sample)".into(),
            notes: String::new(),
        },
    )?;
    let gx = store.add_subject(
        id,
        &SubjectInput {
            kind: SubjectKind::Platform,
            name: "BTC-GX Pro".into(),
            description: "Fake trading platform (sample)".into(),
            notes: String::new(),
        },
    )?;
    let ident = |subject: i32, kind: IdentifierKind, value: &str, network: Option<Network>| {
        IdentifierInput {
            subject_id: Some(subject),
            kind,
            value: value.into(),
            network,
            bank_name: String::new(),
            is_exchange_deposit: kind == IdentifierKind::CryptoWallet,
            notes: String::new(),
            accept_warnings: true,
        }
    };
    store.add_identifier(
        id,
        &ident(anna.id, IdentifierKind::Whatsapp, "+852 5123 4567", None),
    )?;
    store.add_identifier(
        id,
        &ident(anna.id, IdentifierKind::Telegram, "@anna_wine_sample", None),
    )?;
    store.add_identifier(
        id,
        &ident(
            gx.id,
            IdentifierKind::Website,
            "https://btc-gx-pro.example",
            None,
        ),
    )?;
    store.add_identifier(
        id,
        &ident(
            gx.id,
            IdentifierKind::CryptoWallet,
            "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7",
            Some(Network::Tron),
        ),
    )?;

    // The accounts the money passed through: the bank and the exchange account are the
    // victim's own (the pounds sent between them are a hop, not a loss); the platform's
    // "deposit address" is the scammers', at an exchange that may freeze it.
    let account = |owner, kind, name: &str, institution: &str, number: &str| AccountInput {
        owner,
        kind,
        name: name.into(),
        institution: institution.into(),
        number: number.into(),
        network: (kind == AccountKind::Wallet).then_some(Network::Tron),
        is_exchange_deposit: kind == AccountKind::Wallet,
        notes: String::new(),
    };
    let bank = store.add_account(
        id,
        &account(
            AccountOwner::Victim,
            AccountKind::Bank,
            "Sample Bank current account",
            "Sample Bank",
            "GB29 NWBK 6016 1331 9268 19",
        ),
    )?;
    let exchange = store.add_account(
        id,
        &account(
            AccountOwner::Victim,
            AccountKind::Exchange,
            "Sample Exchange account",
            "Sample Exchange",
            "GB82 WEST 1234 5698 7654 32",
        ),
    )?;
    store.add_account(
        id,
        &account(
            AccountOwner::Scammer,
            AccountKind::Wallet,
            "BTC-GX Pro \"deposit address\"",
            "",
            "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7",
        ),
    )?;

    let mut to_exchange = transfer("2026-03-20 10:15", "2500.00", "GBP");
    to_exchange.from_account_id = Some(bank.id);
    to_exchange.beneficiary_name = "Sample Exchange Ltd".into();
    to_exchange.beneficiary_bank = "Sample Exchange".into();
    to_exchange.beneficiary_account = "GB82 WEST 1234 5698 7654 32".into();
    to_exchange.reference = "SAMPLE-DEP-7781".into();
    let deposit = store.add_transfer(id, &to_exchange)?;
    let mut usdt = transfer("2026-03-20 11:02", "3120", "USDT");
    usdt.from_account_id = Some(exchange.id);
    usdt.source_ids = vec![deposit.id];
    usdt.network = Some(Network::Tron);
    usdt.method = TransferMethod::CryptoTransfer;
    usdt.from_account = "Sample Exchange wallet".into();
    usdt.beneficiary_wallet = "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7".into();
    usdt.wallet_is_exchange_deposit = true;
    usdt.reference = "a1075db55d416d3ca199f55b6084e2115b9345e16c5cf302fc80e9d5fbf5d48d".into();
    usdt.exchange_rate = Some("0.79".into());
    usdt.evidence_ids = vec![platform.id];
    let sent = store.add_transfer(id, &usdt)?;
    let mut tax = transfer("2026-04-03 09:30", "624", "USDT");
    tax.network = Some(Network::Tron);
    tax.method = TransferMethod::CryptoTransfer;
    tax.from_account = "Sample Exchange wallet".into();
    tax.from_account_id = Some(exchange.id);
    tax.beneficiary_wallet = "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7".into();
    tax.exchange_rate = Some("0.79".into());
    tax.notes = "The 20% \"tax\" (sample)".into();
    store.add_transfer(id, &tax)?;

    store.add_event(
        id,
        &EventInput {
            occurred_at: "2026-03-02 19:40".into(),
            kind: EventKind::FirstContact,
            title: "Anna wrote on WhatsApp \"by mistake\"".into(),
            description: "She apologised and kept chatting (sample).".into(),
            links: vec![
                Link {
                    kind: LinkKind::Subject,
                    id: anna.id,
                },
                Link {
                    kind: LinkKind::Evidence,
                    id: chat.id,
                },
            ],
        },
    )?;
    store.add_event(
        id,
        &EventInput {
            occurred_at: "2026-04-02 21:00".into(),
            kind: EventKind::WithdrawalRefused,
            title: "Withdrawal refused until a 20% \"tax\" is paid".into(),
            description: String::new(),
            links: vec![
                Link {
                    kind: LinkKind::Subject,
                    id: gx.id,
                },
                Link {
                    kind: LinkKind::Transfer,
                    id: sent.id,
                },
            ],
        },
    )?;
    store.add_event(
        id,
        &EventInput {
            occurred_at: "2026-04-15 14:00".into(),
            kind: EventKind::ReportFiled,
            title: "Reported to the police (sample reference above)".into(),
            description: String::new(),
            links: vec![],
        },
    )?;
    store.get_case(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_case_has_something_in_every_tab() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(
            &dir.path().join("demo.db"),
            "sample case passphrase",
            "test",
        )
        .unwrap();
        let case = add_demo_case(&mut store).unwrap();
        let transfers = store.list_transfers(case.id).unwrap();
        assert_eq!(transfers.len(), 3);
        // Bank → own exchange account is a hop; the USDT to the platform's wallet is the loss,
        // and only it is counted in pounds (3,744 USDT at 0.79).
        let roles: Vec<TransferRole> = transfers.iter().map(|t| t.role).collect();
        assert_eq!(
            roles,
            [TransferRole::Hop, TransferRole::Loss, TransferRole::Loss]
        );
        assert_eq!(transfers[1].source_ids, [transfers[0].id]);
        let loss = store.loss_summary(case.id).unwrap();
        assert_eq!(loss.hops, 1);
        assert!(loss.missing_rates.is_empty());
        assert_eq!(loss.in_reporting_currency.net_loss, "2957.76");
        assert_eq!(store.list_accounts(case.id).unwrap().len(), 3);
        assert_eq!(store.list_subjects(case.id).unwrap().len(), 2);
        assert_eq!(store.list_evidence(case.id).unwrap().len(), 2);
        assert!(
            store
                .timeline(
                    case.id,
                    &TimelineQuery {
                        limit: 50,
                        ..Default::default()
                    }
                )
                .unwrap()
                .total
                >= 8
        );
        assert!(store.verify_case(case.id).unwrap().ok);
    }
}
