//! The money trail through the store: accounts at both ends of transfers, hops between the
//! victim's own accounts left out of the loss, money received and recovered subtracted,
//! missing rates named, hop links kept and checked, suggestions from the transfers, the case
//! export carrying it all; and a property: the loss never depends on how hops are split.

use std::str::FromStr;

use casefile_core::model::*;
use casefile_core::time::Moment;
use casefile_core::{money, ErrorKind, Store};
use rust_decimal::Decimal;

use crate::support::PASS;

const TRON_OK: &str = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
const IBAN: &str = "GB29 NWBK 6016 1331 9268 19";

struct Case {
    _dir: tempfile::TempDir,
    store: Store,
    id: i32,
}

fn case(reporting: &str) -> Case {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("casefile.db"), PASS, "test").unwrap();
    let case = store.create_case("Romance – Anna").unwrap();
    let mut d = case.details.clone();
    d.time_zone = "Europe/London".into();
    d.reporting_currency = reporting.into();
    store.update_case(case.id, &d).unwrap();
    Case {
        _dir: dir,
        store,
        id: case.id,
    }
}

fn account(owner: AccountOwner, kind: AccountKind, name: &str, number: &str) -> AccountInput {
    AccountInput {
        owner,
        kind,
        name: name.into(),
        institution: String::new(),
        number: number.into(),
        network: (kind == AccountKind::Wallet).then_some(Network::Tron),
        is_exchange_deposit: false,
        notes: String::new(),
    }
}

fn usdt(at: &str, amount: &str) -> TransferInput {
    TransferInput {
        network: Some(Network::Tron),
        method: TransferMethod::CryptoTransfer,
        ..TransferInput::new(at, amount, "USDT")
    }
}

/// The victim's bank, their own exchange account, the scammers' wallet.
struct Chain {
    c: Case,
    bank: Account,
    exchange: Account,
    wallet: Account,
}

fn chain(reporting: &str) -> Chain {
    let mut c = case(reporting);
    let bank = c
        .store
        .add_account(
            c.id,
            &account(
                AccountOwner::Victim,
                AccountKind::Bank,
                "Barclays current account",
                "",
            ),
        )
        .unwrap();
    let exchange = c
        .store
        .add_account(
            c.id,
            &account(AccountOwner::Victim, AccountKind::Exchange, "Binance", ""),
        )
        .unwrap();
    let wallet = c
        .store
        .add_account(
            c.id,
            &account(
                AccountOwner::Scammer,
                AccountKind::Wallet,
                "Wallet the fake app gave",
                TRON_OK,
            ),
        )
        .unwrap();
    Chain {
        c,
        bank,
        exchange,
        wallet,
    }
}

impl Chain {
    /// 2,500 GBP bank → exchange (a hop), then 3,100 USDT bought with it → the scam wallet,
    /// found by its address; `rate` GBP per USDT.
    fn pay(&mut self, rate: Option<&str>) -> (Transfer, Transfer) {
        let hop = self
            .c
            .store
            .add_transfer(
                self.c.id,
                &TransferInput {
                    from_account_id: Some(self.bank.id),
                    to_account_id: Some(self.exchange.id),
                    ..TransferInput::new("2026-03-14 09:30", "2500", "GBP")
                },
            )
            .unwrap();
        let loss = self
            .c
            .store
            .add_transfer(
                self.c.id,
                &TransferInput {
                    from_account_id: Some(self.exchange.id),
                    beneficiary_wallet: TRON_OK.into(),
                    exchange_rate: rate.map(String::from),
                    source_ids: vec![hop.id],
                    ..usdt("2026-03-15 11:00", "3100")
                },
            )
            .unwrap();
        (hop, loss)
    }
}

#[test]
fn a_hop_chain_without_rates_loses_only_the_usdt_and_names_the_missing_rate() {
    let mut ch = chain("GBP");
    let (hop, loss) = ch.pay(None);
    assert_eq!(hop.role, TransferRole::Hop);
    assert_eq!(loss.role, TransferRole::Loss);
    assert_eq!(
        loss.to_account_id,
        Some(ch.wallet.id),
        "found by its address"
    );
    let s = ch.c.store.loss_summary(ch.c.id).unwrap();
    assert_eq!(s.per_currency.len(), 1, "{:?}", s.per_currency);
    let u = &s.per_currency[0];
    assert_eq!(
        (
            u.currency.as_str(),
            u.network,
            u.paid_out.as_str(),
            u.net_loss.as_str()
        ),
        ("USDT", Some(Network::Tron), "3100", "3100")
    );
    assert_eq!(s.hops, 1);
    assert_eq!(
        s.missing_rates,
        vec![MissingRate {
            currency: "USDT".into(),
            network: Some(Network::Tron),
            transfer_ids: vec![loss.id],
        }]
    );
    assert_eq!(s.transfers_without_rate, 1);
    // The total in GBP is incomplete: it counts nothing, and the rule "a total only when
    // every rate is known" reads that from `missing_rates`.
    assert_eq!(s.in_reporting_currency.net_loss, "0");
    assert!(!s.missing_rates.is_empty());

    let trail = ch.c.store.money_trail(ch.c.id).unwrap();
    assert_eq!(trail.hops.len(), 1);
    let h = &trail.hops[0];
    assert_eq!(
        (h.transfer_id, h.amount.as_str(), h.currency.as_str()),
        (hop.id, "2500", "GBP")
    );
    assert_eq!(
        (h.from_account.as_str(), h.to_account.as_str()),
        ("Barclays current account", "Binance")
    );
    assert_eq!(h.funded, vec![loss.id]);
    let p = &trail.pictures[0];
    let layer = |id: i32| {
        p.nodes
            .iter()
            .find(|n| n.account_id == Some(id))
            .unwrap()
            .layer
    };
    assert_eq!(
        (
            layer(ch.bank.id),
            layer(ch.exchange.id),
            layer(ch.wallet.id)
        ),
        (0, 1, 2)
    );
    assert_eq!(p.edges[1].lines, vec!["15 Mar 2026 · 3,100 USDT (TRON)"]);
}

#[test]
fn with_a_rate_the_total_is_the_usdt_value_not_pounds_plus_usdt() {
    let mut ch = chain("GBP");
    ch.pay(Some("0.79"));
    let s = ch.c.store.loss_summary(ch.c.id).unwrap();
    assert!(s.missing_rates.is_empty());
    // 3,100 × 0.79 = 2,449.00 — not 2,500 + 2,449.
    assert_eq!(s.in_reporting_currency.net_loss, "2449.00");
    assert_eq!(s.in_reporting_currency.paid_out, "2449.00");
    assert_eq!(s.in_reporting_currency.transfers, 1);
}

#[test]
fn money_received_and_recovered_is_subtracted() {
    let mut ch = chain("GBP");
    ch.pay(Some("0.80"));
    // 500 USDT came back from the scam wallet to the exchange account ("profit" to lure more).
    let back =
        ch.c.store
            .add_transfer(
                ch.c.id,
                &TransferInput {
                    direction: Direction::In,
                    from_account_id: Some(ch.wallet.id),
                    to_account_id: Some(ch.exchange.id),
                    exchange_rate: Some("0.80".into()),
                    ..usdt("2026-03-16 10:00", "500")
                },
            )
            .unwrap();
    assert_eq!(back.role, TransferRole::Received);
    // 200 GBP recovered by the bank, no account chosen on either side.
    let rec =
        ch.c.store
            .add_transfer(
                ch.c.id,
                &TransferInput {
                    direction: Direction::Recovered,
                    ..TransferInput::new("2026-04-02 10:00", "200", "GBP")
                },
            )
            .unwrap();
    assert_eq!(rec.role, TransferRole::Recovered);
    let s = ch.c.store.loss_summary(ch.c.id).unwrap();
    let by: Vec<(&str, &str, &str, &str, &str)> = s
        .per_currency
        .iter()
        .map(|c| {
            (
                c.currency.as_str(),
                c.paid_out.as_str(),
                c.received.as_str(),
                c.recovered.as_str(),
                c.net_loss.as_str(),
            )
        })
        .collect();
    assert_eq!(
        by,
        vec![
            ("GBP", "0", "0", "200", "-200"),
            ("USDT", "3100", "500", "0", "2600")
        ]
    );
    // 3,100 × 0.80 − 500 × 0.80 − 200 = 1,880.00 GBP.
    assert_eq!(s.in_reporting_currency.net_loss, "1880.00");
    assert_eq!(s.hops, 1);
}

#[test]
fn mixed_currencies_with_one_missing_rate_name_the_currency_and_its_transfers() {
    let mut c = case("EUR");
    let eur = c
        .store
        .add_transfer(c.id, &TransferInput::new("2026-03-01 09:00", "1000", "EUR"))
        .unwrap();
    let gbp = c
        .store
        .add_transfer(
            c.id,
            &TransferInput {
                exchange_rate: Some("1.17".into()),
                ..TransferInput::new("2026-03-02 09:00", "500", "GBP")
            },
        )
        .unwrap();
    let u1 = c
        .store
        .add_transfer(c.id, &usdt("2026-03-03 09:00", "2000"))
        .unwrap();
    let u2 = c
        .store
        .add_transfer(c.id, &usdt("2026-03-04 09:00", "1500.5"))
        .unwrap();
    let s = c.store.loss_summary(c.id).unwrap();
    assert!([eur.role, gbp.role, u1.role, u2.role]
        .iter()
        .all(|r| *r == TransferRole::Loss));
    assert_eq!(
        s.missing_rates,
        vec![MissingRate {
            currency: "USDT".into(),
            network: Some(Network::Tron),
            transfer_ids: vec![u1.id, u2.id],
        }]
    );
    assert_eq!(s.transfers_without_rate, 2);
    // What has a rate is counted (1,000 + 500 × 1.17); the total is not complete, and the
    // per-currency lines carry every loss.
    assert_eq!(s.in_reporting_currency.net_loss, "1585.00");
    let usdt_line = s
        .per_currency
        .iter()
        .find(|c| c.currency == "USDT")
        .unwrap();
    assert_eq!(usdt_line.net_loss, "3500.5");
}

#[test]
fn an_account_marked_as_the_victims_own_turns_its_transfers_into_hops_at_once() {
    let mut c = case("GBP");
    let mut input = account(AccountOwner::Unknown, AccountKind::Exchange, "Coinbase", "");
    let acc = c.store.add_account(c.id, &input).unwrap();
    let t = c
        .store
        .add_transfer(
            c.id,
            &TransferInput {
                to_account_id: Some(acc.id),
                ..TransferInput::new("2026-03-01 09:00", "800", "GBP")
            },
        )
        .unwrap();
    assert_eq!(t.role, TransferRole::Loss);
    assert_eq!(
        c.store.loss_summary(c.id).unwrap().per_currency[0].net_loss,
        "800"
    );
    input.owner = AccountOwner::Victim;
    let acc = c.store.update_account(acc.id, &input).unwrap();
    assert_eq!(acc.transfers, 1);
    assert_eq!(c.store.get_transfer(t.id).unwrap().role, TransferRole::Hop);
    let s = c.store.loss_summary(c.id).unwrap();
    assert!(s.per_currency.is_empty(), "{:?}", s.per_currency);
    assert_eq!(s.hops, 1);
    let log = c.store.audit_log(Some(c.id)).unwrap();
    assert!(
        log.iter().any(|e| e.summary.starts_with(&format!(
            "Account A-{}: Coinbase (Exchange account, The victim's own)",
            acc.id
        ))),
        "{log:?}"
    );
}

#[test]
fn a_transfer_to_an_iban_that_matches_an_account_ends_there() {
    let mut c = case("GBP");
    let mule = c
        .store
        .add_account(
            c.id,
            &account(
                AccountOwner::Scammer,
                AccountKind::Bank,
                "Mule account",
                IBAN,
            ),
        )
        .unwrap();
    let t = c
        .store
        .add_transfer(
            c.id,
            &TransferInput {
                beneficiary_account: "gb29nwbk60161331926819".into(),
                ..TransferInput::new("2026-03-01 09:00", "1200", "GBP")
            },
        )
        .unwrap();
    assert_eq!(t.to_account_id, Some(mule.id));
    // And the other way round: a transfer first, the account after.
    let later = c
        .store
        .add_transfer(
            c.id,
            &TransferInput {
                beneficiary_wallet: TRON_OK.into(),
                ..usdt("2026-03-02 09:00", "100")
            },
        )
        .unwrap();
    assert_eq!(later.to_account_id, None);
    let wallet = c
        .store
        .add_account(
            c.id,
            &account(
                AccountOwner::Scammer,
                AccountKind::Wallet,
                "Scam wallet",
                TRON_OK,
            ),
        )
        .unwrap();
    assert_eq!(wallet.transfers, 1);
    assert_eq!(
        c.store.get_transfer(later.id).unwrap().to_account_id,
        Some(wallet.id)
    );
    // Money received from that IBAN came *from* it: a "profit" paid back by the scammers is
    // money that came back, not a movement between other accounts.
    let back = c
        .store
        .add_transfer(
            c.id,
            &TransferInput {
                direction: Direction::In,
                beneficiary_account: IBAN.into(),
                ..TransferInput::new("2026-03-03 09:00", "200", "GBP")
            },
        )
        .unwrap();
    assert_eq!(
        (back.from_account_id, back.to_account_id),
        (Some(mule.id), None)
    );
    assert_eq!(back.role, TransferRole::Received);
    // The "from account" text that names one of the victim's own accounts is that account.
    let bank = c
        .store
        .add_account(
            c.id,
            &account(
                AccountOwner::Victim,
                AccountKind::Bank,
                "Barclays current",
                "",
            ),
        )
        .unwrap();
    let paid = c
        .store
        .add_transfer(
            c.id,
            &TransferInput {
                from_account: "barclays current".into(),
                beneficiary_account: IBAN.into(),
                ..TransferInput::new("2026-03-04 09:00", "300", "GBP")
            },
        )
        .unwrap();
    assert_eq!(
        (paid.from_account_id, paid.to_account_id, paid.role),
        (Some(bank.id), Some(mule.id), TransferRole::Loss)
    );
}

#[test]
fn hop_links_are_kept_checked_and_shown() {
    let mut ch = chain("GBP");
    let (hop, loss) = ch.pay(None);
    assert_eq!(
        ch.c.store.get_transfer(loss.id).unwrap().source_ids,
        vec![hop.id]
    );
    // A transfer of another case is refused, so is a transfer paid with its own money.
    let other = ch.c.store.create_case("Another case").unwrap();
    let elsewhere =
        ch.c.store
            .add_transfer(
                other.id,
                &TransferInput::new("2026-03-01 09:00", "10", "EUR"),
            )
            .unwrap();
    let mut input = TransferInput {
        from_account_id: Some(ch.exchange.id),
        beneficiary_wallet: TRON_OK.into(),
        source_ids: vec![elsewhere.id],
        ..usdt("2026-03-15 11:00", "3100")
    };
    let err = ch.c.store.update_transfer(loss.id, &input).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert!(
        err.to_string().contains(&format!(
            "Transfer T-{} is not a transfer of this case",
            elsewhere.id
        )),
        "{err}"
    );
    input.source_ids = vec![loss.id];
    let err = ch.c.store.update_transfer(loss.id, &input).unwrap_err();
    assert!(
        err.to_string()
            .contains("cannot be paid with its own money"),
        "{err}"
    );
    // Nothing changed.
    assert_eq!(
        ch.c.store.get_transfer(loss.id).unwrap().source_ids,
        vec![hop.id]
    );
    let trail = ch.c.store.money_trail(ch.c.id).unwrap();
    assert_eq!(trail.hops[0].funded, vec![loss.id]);
}

#[test]
fn suggestions_come_from_the_transfers_and_adding_them_joins_those_transfers() {
    let mut c = case("EUR");
    let paid = |at: &str, amount: &str, account: &str| TransferInput {
        from_account: "Barclays  current".into(),
        beneficiary_name: "J. Smith".into(),
        beneficiary_bank: "NatWest".into(),
        beneficiary_account: account.into(),
        ..TransferInput::new(at, amount, "EUR")
    };
    let t1 = c
        .store
        .add_transfer(c.id, &paid("2026-03-01 09:00", "1000", IBAN))
        .unwrap();
    let t2 = c
        .store
        .add_transfer(
            c.id,
            &paid("2026-03-02 09:00", "500", "GB29NWBK60161331926819"),
        )
        .unwrap();
    let t3 = c
        .store
        .add_transfer(
            c.id,
            &TransferInput {
                from_account: "barclays current".into(),
                beneficiary_wallet: TRON_OK.into(),
                wallet_is_exchange_deposit: true,
                ..usdt("2026-03-03 09:00", "700")
            },
        )
        .unwrap();
    let s = c.store.account_suggestions(c.id).unwrap();
    assert_eq!(s.len(), 3, "{s:#?}");
    assert_eq!(
        (s[0].input.name.as_str(), s[0].input.owner, s[0].input.kind),
        ("J. Smith", AccountOwner::Unknown, AccountKind::Bank)
    );
    assert_eq!(s[0].input.institution, "NatWest");
    assert_eq!(
        (s[0].transfer_ids.clone(), s[0].end.as_str()),
        (vec![t1.id, t2.id], "to")
    );
    assert_eq!(s[1].input.name, "Wallet TR7NHq…Lj6t");
    assert_eq!(
        (
            s[1].input.kind,
            s[1].input.network,
            s[1].input.is_exchange_deposit
        ),
        (AccountKind::Wallet, Some(Network::Tron), true)
    );
    assert_eq!(s[1].input.number, TRON_OK);
    assert_eq!(
        (s[1].transfer_ids.clone(), s[1].end.as_str()),
        (vec![t3.id], "to")
    );
    assert_eq!(
        (s[2].input.name.as_str(), s[2].input.owner, s[2].input.kind),
        ("Barclays current", AccountOwner::Victim, AccountKind::Bank)
    );
    assert_eq!(
        (s[2].transfer_ids.clone(), s[2].end.as_str()),
        (vec![t1.id, t2.id, t3.id], "from")
    );

    // Adding the IBAN's suggestion joins both transfers by number.
    let smith = c.store.add_account(c.id, &s[0].input).unwrap();
    assert_eq!(smith.transfers, 2);
    // Adding the victim's side by name joins every transfer whose "from account" it is.
    let own = c.store.add_account(c.id, &s[2].input).unwrap();
    assert_eq!(own.transfers, 3);
    assert_eq!(
        c.store.get_transfer(t3.id).unwrap().from_account_id,
        Some(own.id)
    );

    // The wallet through `add_account_for`: its transfer ids are checked to be this case's.
    let other = c.store.create_case("Another case").unwrap();
    let foreign = c
        .store
        .add_transfer(
            other.id,
            &TransferInput::new("2026-03-01 09:00", "10", "EUR"),
        )
        .unwrap();
    let before = c.store.list_accounts(c.id).unwrap().len();
    let mut renamed = s[1].input.clone();
    renamed.name = "Deposit address at the exchange".into();
    renamed.number = String::new();
    let err = c
        .store
        .add_account_for(c.id, &renamed, &[t3.id, foreign.id], "to")
        .unwrap_err();
    assert!(
        err.to_string().contains(&format!(
            "Transfer T-{} is not a transfer of this case",
            foreign.id
        )),
        "{err}"
    );
    let err = c
        .store
        .add_account_for(c.id, &renamed, &[t3.id], "sideways")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert_eq!(c.store.list_accounts(c.id).unwrap().len(), before);
    let deposit = c
        .store
        .add_account_for(c.id, &renamed, &[t3.id], "to")
        .unwrap();
    assert_eq!(deposit.transfers, 1);
    assert_eq!(
        c.store.get_transfer(t3.id).unwrap().to_account_id,
        Some(deposit.id)
    );
    let log = c.store.audit_log(Some(c.id)).unwrap();
    assert!(
        log.last()
            .unwrap()
            .summary
            .ends_with(&format!("; T-{} now end here", t3.id)),
        "{:?}",
        log.last()
    );
    assert!(c.store.account_suggestions(c.id).unwrap().is_empty());
}

#[test]
fn the_case_export_carries_accounts_ends_and_hop_links() {
    let mut ch = chain("GBP");
    let (hop, loss) = ch.pay(Some("0.79"));
    // Money back from the wallet, its ends chosen by hand.
    ch.c.store
        .add_transfer(
            ch.c.id,
            &TransferInput {
                direction: Direction::In,
                from_account_id: Some(ch.wallet.id),
                to_account_id: Some(ch.exchange.id),
                exchange_rate: Some("0.79".into()),
                ..usdt("2026-03-16 10:00", "100")
            },
        )
        .unwrap();
    let first = ch.c.store.export_case(ch.c.id).unwrap();
    assert_eq!(first.version, 4);
    assert_eq!(first.accounts.len(), 3);
    assert_eq!(first.transfers[1].source_refs, vec![1]);
    assert_eq!(first.transfers[1].to_account_ref, Some(3));
    let text = serde_json::to_string(&first).unwrap();
    let imported = ch.c.store.import_case_file(text.as_bytes()).unwrap().case;
    let mut second = ch.c.store.export_case(imported.id).unwrap();
    second.exported_at = first.exported_at.clone();
    assert_eq!(first, second);
    let before = ch.c.store.loss_summary(ch.c.id).unwrap();
    let after = ch.c.store.loss_summary(imported.id).unwrap();
    assert_eq!(before.per_currency, after.per_currency);
    assert_eq!(before.in_reporting_currency.net_loss, "2370.00");
    assert_eq!(after.in_reporting_currency.net_loss, "2370.00");
    let trail = ch.c.store.money_trail(imported.id).unwrap();
    assert_eq!(trail.hops.len(), 1);
    assert_eq!(trail.hops[0].funded.len(), 1);
    assert_ne!(
        (hop.id, loss.id),
        (trail.hops[0].transfer_id, trail.hops[0].funded[0])
    );

    // A version 3 file cannot hold accounts: it is damaged, and nothing is imported.
    let cases = ch.c.store.list_cases(&Default::default()).unwrap().len();
    let mut old = first.clone();
    old.version = 3;
    let err = ch.c.store.import_case(&old).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert!(err.to_string().contains("cannot hold accounts"), "{err}");
    old.accounts.clear();
    let err = ch.c.store.import_case(&old).unwrap_err();
    assert!(err.to_string().contains("version 3"), "{err}");
    // A link to an account or transfer the file lacks is refused too.
    let mut dangling = first.clone();
    dangling.transfers[1].source_refs = vec![9];
    let err = ch.c.store.import_case(&dangling).unwrap_err();
    assert!(err.to_string().contains("links to transfer 9"), "{err}");
    let mut own = first.clone();
    own.transfers[1].source_refs = vec![own.transfers[1].reference];
    assert!(ch
        .c
        .store
        .import_case(&own)
        .unwrap_err()
        .to_string()
        .contains("paid with its own money"));
    assert_eq!(
        ch.c.store.list_cases(&Default::default()).unwrap().len(),
        cases
    );
}

// ---- The property: the loss does not depend on how hops are split. ----

/// A small deterministic random generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Accounts of a generated case: 0–2 the victim's own, 3–5 not.
const OWNERS: [AccountOwner; 6] = [
    AccountOwner::Victim,
    AccountOwner::Victim,
    AccountOwner::Victim,
    AccountOwner::Scammer,
    AccountOwner::Scammer,
    AccountOwner::Unknown,
];

/// Ends given as account indexes; `None` for no account chosen.
fn transfer(
    id: i32,
    direction: Direction,
    from: Option<usize>,
    to: Option<usize>,
    amount: Decimal,
    currency: &str,
    rate: Option<&str>,
) -> Transfer {
    let owner = |i: Option<usize>| i.map(|i| OWNERS[i]);
    Transfer {
        id,
        case_id: 1,
        occurred: Moment::from_stored("2026-03-14T09:30:00Z", 0),
        direction,
        amount: amount.to_string(),
        currency: currency.into(),
        network: (currency == "USDT").then_some(Network::Tron),
        method: TransferMethod::Other,
        from_account: String::new(),
        beneficiary_name: String::new(),
        beneficiary_bank: String::new(),
        beneficiary_account: String::new(),
        beneficiary_bic: String::new(),
        beneficiary_wallet: String::new(),
        wallet_is_exchange_deposit: false,
        reference: String::new(),
        exchange_rate: rate.map(String::from),
        status: TransferStatus::Completed,
        notes: String::new(),
        evidence_ids: Vec::new(),
        warnings: Vec::new(),
        created_at: String::new(),
        updated_at: String::new(),
        from_account_id: from.map(|i| i as i32 + 1),
        to_account_id: to.map(|i| i as i32 + 1),
        source_ids: Vec::new(),
        role: money::role(direction, owner(from), owner(to)),
        date_only: false,
        statement: None,
    }
}

fn amount(rng: &mut Rng, places: u32) -> Decimal {
    Decimal::new(1 + (rng.next() % 10_000_000) as i64, places)
}

/// A random case: hops between own accounts, losses, money back, traced movements.
fn scenario(rng: &mut Rng) -> Vec<Transfer> {
    let currencies = [
        ("GBP", None),
        ("EUR", Some("1.17")),
        ("USDT", Some("0.79")),
        ("USDT", None),
    ];
    let count = 1 + rng.below(10);
    (0..count)
        .map(|i| {
            let (currency, rate) = currencies[rng.below(currencies.len())];
            let places = if currency == "USDT" { 6 } else { 2 };
            let amount = amount(rng, places);
            let own = |rng: &mut Rng| Some(rng.below(3));
            let other = |rng: &mut Rng| {
                if rng.below(4) == 0 {
                    None
                } else {
                    Some(3 + rng.below(3))
                }
            };
            let (direction, from, to) = match rng.below(5) {
                0 | 1 => {
                    let a = rng.below(3);
                    (Direction::Out, Some(a), Some((a + 1 + rng.below(2)) % 3))
                }
                2 => (Direction::Out, own(rng), other(rng)),
                3 => (
                    if rng.below(2) == 0 {
                        Direction::In
                    } else {
                        Direction::Recovered
                    },
                    other(rng),
                    own(rng),
                ),
                _ => (
                    Direction::Out,
                    Some(3 + rng.below(3)),
                    Some(3 + rng.below(3)),
                ),
            };
            transfer(i as i32 + 1, direction, from, to, amount, currency, rate)
        })
        .collect()
}

/// The same money with its hops split into parts, routed through another own account, and
/// the whole list shuffled.
fn reshaped(rng: &mut Rng, transfers: &[Transfer]) -> Vec<Transfer> {
    let mut out: Vec<Transfer> = Vec::new();
    let mut next_id = 1000;
    for t in transfers {
        if t.role != TransferRole::Hop {
            out.push(t.clone());
            continue;
        }
        let total = Decimal::from_str(&t.amount).unwrap();
        let ends = (
            t.from_account_id.map(|i| i as usize - 1),
            t.to_account_id.map(|i| i as usize - 1),
        );
        match rng.below(3) {
            // Split into k parts that add up exactly.
            0 => {
                let k = 2 + rng.below(3);
                let mut left = total;
                for part in 0..k {
                    let piece = if part + 1 == k {
                        left
                    } else {
                        let p = (left * Decimal::new(rng.below(90) as i64 + 5, 2)).round_dp(6);
                        left -= p;
                        p
                    };
                    next_id += 1;
                    let rate = t.exchange_rate.as_deref();
                    out.push(transfer(
                        next_id,
                        t.direction,
                        ends.0,
                        ends.1,
                        piece,
                        &t.currency,
                        rate,
                    ));
                }
            }
            // Through the third own account: A → C → B.
            1 => {
                let used = [ends.0, ends.1];
                let via = (0..3).find(|i| !used.contains(&Some(*i))).unwrap_or(0);
                let rate = t.exchange_rate.as_deref();
                next_id += 2;
                out.push(transfer(
                    next_id - 1,
                    t.direction,
                    ends.0,
                    Some(via),
                    total,
                    &t.currency,
                    rate,
                ));
                out.push(transfer(
                    next_id,
                    t.direction,
                    Some(via),
                    ends.1,
                    total,
                    &t.currency,
                    rate,
                ));
            }
            _ => out.push(t.clone()),
        }
    }
    // Shuffle (Fisher–Yates).
    for i in (1..out.len()).rev() {
        let j = rng.below(i + 1);
        out.swap(i, j);
    }
    out
}

/// What must not change: every total, which rates are missing for which transfers (sorted),
/// and how many movements were traced between other accounts.
type LossView = (
    Vec<CurrencyTotal>,
    CurrencyTotal,
    Vec<(String, Vec<i32>)>,
    u32,
);

fn loss_view(transfers: &[Transfer]) -> LossView {
    let s = casefile_core::store::summarize(transfers, "GBP");
    let mut missing: Vec<(String, Vec<i32>)> = s
        .missing_rates
        .into_iter()
        .map(|m| {
            let mut ids = m.transfer_ids;
            ids.sort_unstable();
            (m.currency, ids)
        })
        .collect();
    missing.sort();
    (s.per_currency, s.in_reporting_currency, missing, s.traced)
}

#[test]
fn the_loss_never_depends_on_how_hops_are_split() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let mut hops_reshaped = 0;
    for case in 0..400 {
        let original = scenario(&mut rng);
        let changed = reshaped(&mut rng, &original);
        let hops = |l: &[Transfer]| l.iter().filter(|t| t.role == TransferRole::Hop).count();
        if hops(&changed) != hops(&original) {
            hops_reshaped += 1;
        }
        assert_eq!(
            loss_view(&original),
            loss_view(&changed),
            "case {case}: {original:#?}\nbecame\n{changed:#?}"
        );
    }
    // The generator did reshape hops in a good share of the cases.
    assert!(hops_reshaped >= 150, "{hops_reshaped}");
}

#[test]
fn money_into_an_own_account_from_an_account_not_chosen_is_named_not_guessed() {
    let mut ch = chain("GBP");
    let (_hop, loss) = ch.pay(Some("0.8"));
    // The exchange's statement shows 1,000 GBP arriving from somewhere: the victim's bank
    // (a hop) or the scammers paying "profit" back (money that came back)? Not guessed.
    let deposit =
        ch.c.store
            .add_transfer(
                ch.c.id,
                &TransferInput {
                    direction: Direction::In,
                    to_account_id: Some(ch.exchange.id),
                    ..TransferInput::new("2026-03-16 10:00", "1000", "GBP")
                },
            )
            .unwrap();
    assert_eq!(deposit.role, TransferRole::Unplaced);
    let s = ch.c.store.loss_summary(ch.c.id).unwrap();
    assert_eq!(s.unplaced, [deposit.id]);
    assert_eq!(s.in_reporting_currency.net_loss, "2480.0");
    assert!(s.per_currency.iter().all(|c| c.currency != "GBP"));
    // Chosen: it came from the victim's bank — a hop, still no loss and nothing "received".
    let mut input = TransferInput {
        direction: Direction::In,
        to_account_id: Some(ch.exchange.id),
        from_account_id: Some(ch.bank.id),
        ..TransferInput::new("2026-03-16 10:00", "1000", "GBP")
    };
    let hop = ch.c.store.update_transfer(deposit.id, &input).unwrap();
    assert_eq!(hop.role, TransferRole::Hop);
    let s = ch.c.store.loss_summary(ch.c.id).unwrap();
    assert!(s.unplaced.is_empty());
    assert_eq!(
        (s.hops, s.in_reporting_currency.net_loss.as_str()),
        (2, "2480.0")
    );
    // From the scammers' wallet instead: money that came back.
    input.from_account_id = Some(ch.wallet.id);
    let back = ch.c.store.update_transfer(deposit.id, &input).unwrap();
    assert_eq!(back.role, TransferRole::Received);

    // A failed payment moved no money: not in the picture, not in the hops.
    let failed =
        ch.c.store
            .add_transfer(
                ch.c.id,
                &TransferInput {
                    from_account_id: Some(ch.exchange.id),
                    beneficiary_wallet: TRON_OK.into(),
                    status: TransferStatus::Failed,
                    ..usdt("2026-03-17 11:00", "10000")
                },
            )
            .unwrap();
    let trail = ch.c.store.money_trail(ch.c.id).unwrap();
    let drawn: Vec<i32> = trail
        .pictures
        .iter()
        .flat_map(|p| p.edges.iter().flat_map(|e| e.transfer_ids.clone()))
        .collect();
    assert!(
        drawn.contains(&loss.id) && !drawn.contains(&failed.id),
        "{drawn:?}"
    );

    // A deleted transfer whose account is then deleted comes back with no end there, not
    // pointing at an account that is gone.
    ch.c.store.delete_transfer(failed.id).unwrap();
    ch.c.store.delete_transfer(loss.id).unwrap();
    ch.c.store.delete_account(ch.wallet.id).unwrap_err(); // the "came back" transfer still ends there
    input.from_account_id = None;
    input.to_account_id = Some(ch.bank.id);
    ch.c.store.update_transfer(deposit.id, &input).unwrap();
    ch.c.store.delete_account(ch.wallet.id).unwrap();
    ch.c.store
        .restore_deleted(DeletedKind::Transfer, loss.id)
        .unwrap();
    let restored = ch.c.store.get_transfer(loss.id).unwrap();
    assert_eq!(restored.to_account_id, None);
    assert_eq!(restored.role, TransferRole::Loss);
    // The account itself is among the deleted items and comes back whole.
    let deleted = ch.c.store.deleted_items(ch.c.id).unwrap();
    assert!(deleted.iter().any(|d| d.kind == DeletedKind::Account
        && d.id == ch.wallet.id
        && d.label == format!("A-{} · Wallet the fake app gave", ch.wallet.id)
        && d.blocked.is_none()));
    ch.c.store
        .restore_deleted(DeletedKind::Account, ch.wallet.id)
        .unwrap();
    assert_eq!(
        ch.c.store.get_account(ch.wallet.id).unwrap().owner,
        AccountOwner::Scammer
    );
}
