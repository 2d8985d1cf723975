//! The money-trail layout of 500 transfers across 60 accounts (the victim's bank and exchange
//! account, a mule account, scam wallets paying each other), pure, no store: over three months
//! (split into one picture per month) and, the worst case, all in one month (one picture).
//! Target: ≤ 200 ms.

use casefile_core::model::*;
use casefile_core::money;
use casefile_core::time::Moment;
use criterion::{criterion_group, criterion_main, Criterion};

fn account(id: i32, owner: AccountOwner, kind: AccountKind) -> Account {
    Account {
        id,
        case_id: 1,
        owner,
        kind,
        name: format!("Account {id} with a longer name"),
        institution: "Some Exchange Ltd".into(),
        number: format!("TR7NHqjeKQxGTCi8q8ZY4pL8otSzg{id:05}"),
        network: None,
        is_exchange_deposit: id % 7 == 0,
        notes: String::new(),
        transfers: 0,
        warnings: Vec::new(),
        created_at: String::new(),
        updated_at: String::new(),
    }
}

fn trail(count: usize, months: u32) -> (Vec<Account>, Vec<Transfer>) {
    let mut accounts = vec![
        account(1, AccountOwner::Victim, AccountKind::Bank),
        account(2, AccountOwner::Victim, AccountKind::Exchange),
        account(3, AccountOwner::Scammer, AccountKind::Bank),
    ];
    for id in 4..=60 {
        let owner = if id % 5 == 0 {
            AccountOwner::Unknown
        } else {
            AccountOwner::Scammer
        };
        accounts.push(account(id, owner, AccountKind::Wallet));
    }
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m as u64) as usize
    };
    let transfers = (0..count)
        .map(|i| {
            let (from, to) = match i % 5 {
                0 => (0, 1),
                1 => (0, 2),
                2 => (1, 3 + next(57)),
                _ => (3 + next(57), 3 + next(57)),
            };
            let day = i as u32 * 28 * months / count as u32;
            let utc = format!(
                "2026-{:02}-{:02}T{:02}:{:02}:00Z",
                3 + day / 28,
                1 + day % 28,
                i % 24,
                i % 60
            );
            let crypto = from != 0;
            let (a, b) = (&accounts[from], &accounts[to]);
            Transfer {
                id: i as i32 + 1,
                case_id: 1,
                occurred: Moment::from_stored(&utc, 0),
                direction: Direction::Out,
                amount: format!("{}.{:02}", 100 + i * 37 % 5000, i % 100),
                currency: if crypto { "USDT" } else { "GBP" }.into(),
                network: crypto.then_some(Network::Tron),
                method: TransferMethod::Other,
                from_account: String::new(),
                beneficiary_name: String::new(),
                beneficiary_bank: String::new(),
                beneficiary_account: String::new(),
                beneficiary_bic: String::new(),
                beneficiary_wallet: String::new(),
                wallet_is_exchange_deposit: false,
                reference: String::new(),
                exchange_rate: None,
                status: TransferStatus::Completed,
                notes: String::new(),
                evidence_ids: Vec::new(),
                warnings: Vec::new(),
                created_at: String::new(),
                updated_at: String::new(),
                from_account_id: Some(a.id),
                to_account_id: Some(b.id),
                source_ids: Vec::new(),
                role: money::role(Direction::Out, Some(a.owner), Some(b.owner)),
                date_only: false,
                statement: None,
            }
        })
        .collect();
    (accounts, transfers)
}

fn bench(c: &mut Criterion) {
    let (accounts, three_months) = trail(500, 3);
    assert_eq!(
        money::layout::pictures(&three_months, &accounts, "Europe/London").len(),
        3
    );
    c.bench_function("trail layout, 500 transfers over 3 months", |b| {
        b.iter(|| money::layout::pictures(&three_months, &accounts, "Europe/London"))
    });
    let (accounts, one_month) = trail(500, 1);
    assert_eq!(
        money::layout::pictures(&one_month, &accounts, "Europe/London").len(),
        1
    );
    c.bench_function("trail layout, 500 transfers in one picture", |b| {
        b.iter(|| money::layout::pictures(&one_month, &accounts, "Europe/London"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
