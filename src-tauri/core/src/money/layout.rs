//! The money-trail picture: accounts as boxes in layers, transfers as arrows between them.
//!
//! Nodes are the accounts with a transfer in the picture, plus a node for each transfer end no
//! account was chosen for: one for the victim's side ("The victim (account not chosen)") and,
//! on the other side, one per distinct beneficiary (wallet, else IBAN or account number, else
//! name; "Not recorded" when nothing is known). An arrow always goes the way the money went
//! (money received or recovered comes from the other side to the victim's). One arrow per
//! pair of nodes, currency (and network), role and direction, labelled with a line per
//! transfer. Sizes and fonts: see [`super::text`]; the layered layout: [`super::place`].

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

use rust_decimal::Decimal;

use super::place::{self, Arrow, Shape};
use super::text::{
    self, fit, short_number, text_width, whose, DETAIL_FONT_SIZE, EDGE_FONT_SIZE,
    EDGE_LABEL_PADDING, LABEL_FONT_SIZE, LINE_HEIGHT, NODE_PADDING_X, NODE_PADDING_Y,
};
use crate::model::{
    Account, AccountKind, AccountOwner, Direction, Network, TrailEdge, TrailNode, TrailPicture,
    Transfer, TransferRole,
};

/// Most transfers drawn in one picture before the trail is split by month.
pub const MAX_TRANSFERS_PER_PICTURE: usize = 40;
/// Most transfer lines on one arrow; the rest are summed up in one more line.
pub const MAX_LINES_PER_EDGE: usize = 4;
/// Narrowest and widest a node box is drawn, in points (longer names are cut with `…`).
pub const NODE_MIN_WIDTH: f64 = 110.0;
/// See [`NODE_MIN_WIDTH`].
pub const NODE_MAX_WIDTH: f64 = 240.0;
/// The node for the victim's end of transfers no account was chosen for.
pub const VICTIM_NODE: &str = "The victim (account not chosen)";
/// The node for the other end of transfers that say nothing of where the money went.
pub const NOT_RECORDED_NODE: &str = "Not recorded";

/// The trail's pictures: one titled "The whole trail", or, past
/// [`MAX_TRANSFERS_PER_PICTURE`] transfers, one per month in the case's `zone` ("March
/// 2026"), oldest first. None when there are no transfers.
pub fn pictures(transfers: &[Transfer], accounts: &[Account], zone: &str) -> Vec<TrailPicture> {
    let mut sorted: Vec<&Transfer> = transfers.iter().collect();
    sorted.sort_by(|a, b| a.occurred.utc.cmp(&b.occurred.utc).then(a.id.cmp(&b.id)));
    if sorted.is_empty() {
        return Vec::new();
    }
    if sorted.len() <= MAX_TRANSFERS_PER_PICTURE {
        return vec![picture("The whole trail", &sorted, accounts, zone)];
    }
    let mut months: BTreeMap<(i32, u32), Vec<&Transfer>> = BTreeMap::new();
    for t in sorted {
        use chrono::Datelike as _;
        let key = text::local(&t.occurred.utc, zone).map_or((0, 0), |d| (d.year(), d.month()));
        months.entry(key).or_default().push(t);
    }
    months
        .into_values()
        .map(|list| {
            picture(
                &text::month(&list[0].occurred.utc, zone),
                &list,
                accounts,
                zone,
            )
        })
        .collect()
}

/// What a node stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum NodeKey {
    Account(i32),
    Victim,
    /// An end with no account: the beneficiary's wallet, account, name, or nothing.
    Other(String),
}

/// The node key of the other side's end of a transfer with no account chosen there.
fn beneficiary_key(t: &Transfer) -> String {
    let wallet = t.beneficiary_wallet.trim();
    let account: String = t
        .beneficiary_account
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let name = t.beneficiary_name.trim().to_lowercase();
    if !wallet.is_empty() {
        if wallet.starts_with("0x") || wallet.starts_with("0X") {
            format!("wallet:{}", wallet.to_lowercase())
        } else {
            format!("wallet:{wallet}")
        }
    } else if !account.is_empty() {
        format!("account:{account}")
    } else if !name.is_empty() {
        format!("name:{name}")
    } else {
        "none".into()
    }
}

/// A node before it is placed.
struct Node {
    account_id: Option<i32>,
    label: String,
    detail: String,
    owner: AccountOwner,
    kind: AccountKind,
    exchange_deposit: bool,
}

fn account_node(a: &Account) -> Node {
    let detail = [a.institution.trim().to_string(), short_number(&a.number)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    Node {
        account_id: Some(a.id),
        label: a.name.clone(),
        detail,
        owner: a.owner,
        kind: a.kind,
        exchange_deposit: a.is_exchange_deposit,
    }
}

fn beneficiary_node(t: &Transfer) -> Node {
    let wallet = t.beneficiary_wallet.trim();
    let account = t.beneficiary_account.trim();
    let name = t.beneficiary_name.trim();
    let number = if wallet.is_empty() { account } else { wallet };
    let (label, number_in_detail) = match (name.is_empty(), number.is_empty()) {
        (false, _) => (name.to_string(), true),
        (true, false) => (short_number(number), false),
        (true, true) => (NOT_RECORDED_NODE.to_string(), false),
    };
    let mut detail = Vec::new();
    if !t.beneficiary_bank.trim().is_empty() && wallet.is_empty() {
        detail.push(t.beneficiary_bank.trim().to_string());
    }
    if number_in_detail && !number.is_empty() {
        detail.push(short_number(number));
    }
    Node {
        account_id: None,
        label,
        detail: detail.join(" · "),
        owner: AccountOwner::Unknown,
        kind: if !wallet.is_empty() {
            AccountKind::Wallet
        } else if !account.is_empty() {
            AccountKind::Bank
        } else {
            AccountKind::Other
        },
        exchange_deposit: !wallet.is_empty() && t.wallet_is_exchange_deposit,
    }
}

/// The arrow a transfer belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct EdgeKey {
    from: usize,
    to: usize,
    currency: String,
    network: Option<Network>,
    role: TransferRole,
    direction: Direction,
}

/// One picture of the given transfers (oldest first).
fn picture(title: &str, transfers: &[&Transfer], accounts: &[Account], zone: &str) -> TrailPicture {
    let by_id: HashMap<i32, &Account> = accounts.iter().map(|a| (a.id, a)).collect();
    let mut keys: HashMap<NodeKey, usize> = HashMap::new();
    let mut nodes: Vec<Node> = Vec::new();
    let mut node = |key: NodeKey, make: &dyn Fn() -> Node| -> usize {
        *keys.entry(key).or_insert_with(|| {
            nodes.push(make());
            nodes.len() - 1
        })
    };
    let mut edge_index: HashMap<EdgeKey, usize> = HashMap::new();
    let mut edges: Vec<(EdgeKey, Vec<&Transfer>)> = Vec::new();
    for t in transfers {
        let victim_end_is_from = t.direction == Direction::Out;
        let mut end = |id: Option<i32>, victims: bool| match id.and_then(|id| by_id.get(&id)) {
            Some(a) => node(NodeKey::Account(a.id), &|| account_node(a)),
            None if victims => node(NodeKey::Victim, &|| Node {
                account_id: None,
                label: VICTIM_NODE.into(),
                detail: String::new(),
                owner: AccountOwner::Victim,
                kind: AccountKind::Other,
                exchange_deposit: false,
            }),
            None => node(NodeKey::Other(beneficiary_key(t)), &|| beneficiary_node(t)),
        };
        let from = end(t.from_account_id, victim_end_is_from);
        let to = end(t.to_account_id, !victim_end_is_from);
        let key = EdgeKey {
            from,
            to,
            currency: t.currency.clone(),
            network: t.network,
            role: t.role,
            direction: t.direction,
        };
        let i = *edge_index.entry(key.clone()).or_insert_with(|| {
            edges.push((key, Vec::new()));
            edges.len() - 1
        });
        edges[i].1.push(t);
    }
    // An implicit wallet node is an exchange deposit when any transfer to it says so.
    for (key, list) in &edges {
        if list.iter().any(|t| {
            t.wallet_is_exchange_deposit
                && t.to_account_id.is_none()
                && !t.beneficiary_wallet.trim().is_empty()
        }) && nodes[key.to].account_id.is_none()
            && nodes[key.to].kind == AccountKind::Wallet
        {
            nodes[key.to].exchange_deposit = true;
        }
    }

    let label_line = LABEL_FONT_SIZE * LINE_HEIGHT;
    let detail_line = DETAIL_FONT_SIZE * LINE_HEIGHT;
    let inner = NODE_MAX_WIDTH - 2.0 * NODE_PADDING_X;
    for n in &mut nodes {
        n.label = fit(&n.label, LABEL_FONT_SIZE, inner);
        n.detail = fit(&n.detail, DETAIL_FONT_SIZE, inner);
    }
    let shapes: Vec<Shape> = nodes
        .iter()
        .map(|n| {
            let text = text_width(&n.label, LABEL_FONT_SIZE)
                .max(text_width(&n.detail, DETAIL_FONT_SIZE))
                .max(text_width(
                    &whose(n.owner, n.exchange_deposit),
                    DETAIL_FONT_SIZE,
                ));
            Shape {
                width: (text + 2.0 * NODE_PADDING_X).clamp(NODE_MIN_WIDTH, NODE_MAX_WIDTH),
                height: 2.0 * NODE_PADDING_Y
                    + detail_line
                    + label_line
                    + if n.detail.is_empty() {
                        0.0
                    } else {
                        detail_line
                    },
                left_first: n.owner == AccountOwner::Victim,
            }
        })
        .collect();
    let lines: Vec<Vec<String>> = edges
        .iter()
        .map(|(key, list)| edge_lines(key, list, zone))
        .collect();
    let arrows: Vec<Arrow> = edges
        .iter()
        .zip(&lines)
        .map(|((key, _), lines)| Arrow {
            from: key.from,
            to: key.to,
            label_width: lines
                .iter()
                .map(|l| text_width(l, EDGE_FONT_SIZE))
                .fold(0.0, f64::max)
                + 2.0 * EDGE_LABEL_PADDING,
            label_height: lines.len() as f64 * EDGE_FONT_SIZE * LINE_HEIGHT
                + 2.0 * EDGE_LABEL_PADDING,
        })
        .collect();
    let placed = place::place(&shapes, &arrows);
    TrailPicture {
        title: title.to_string(),
        width: placed.width,
        height: placed.height,
        nodes: nodes
            .into_iter()
            .zip(&shapes)
            .zip(&placed.shapes)
            .map(|((n, s), p)| TrailNode {
                account_id: n.account_id,
                whose: whose(n.owner, n.exchange_deposit),
                label: n.label,
                detail: n.detail,
                owner: n.owner,
                kind: n.kind,
                exchange_deposit: n.exchange_deposit,
                layer: p.layer,
                x: p.x,
                y: p.y,
                width: s.width,
                height: s.height,
            })
            .collect(),
        edges: edges
            .into_iter()
            .zip(lines)
            .zip(placed.arrows)
            .map(|(((key, list), lines), p)| TrailEdge {
                from: key.from as u32,
                to: key.to as u32,
                transfer_ids: list.iter().map(|t| t.id).collect(),
                role: key.role,
                direction: key.direction,
                lines,
                points: p.points,
                label_x: p.label[0],
                label_y: p.label[1],
                label_width: p.label[2],
                label_height: p.label[3],
            })
            .collect(),
    }
}

/// "14 Mar 2026 · 2,500.00 GBP" per transfer, at most [`MAX_LINES_PER_EDGE`], then
/// "+ 6 more · 15,000.00 GBP in all" (the sum of every transfer of the arrow, exact).
fn edge_lines(key: &EdgeKey, list: &[&Transfer], zone: &str) -> Vec<String> {
    let mut lines: Vec<String> = list
        .iter()
        .take(MAX_LINES_PER_EDGE)
        .map(|t| {
            format!(
                "{} · {}",
                text::day(&t.occurred.utc, zone),
                text::money(&t.amount, &t.currency, t.network)
            )
        })
        .collect();
    if list.len() > MAX_LINES_PER_EDGE {
        let more = list.len() - MAX_LINES_PER_EDGE;
        let total = list.iter().try_fold(Decimal::ZERO, |sum, t| {
            Decimal::from_str(&t.amount)
                .ok()
                .and_then(|a| sum.checked_add(a))
        });
        lines.push(match total {
            Some(total) => format!(
                "+ {more} more · {} in all",
                text::money(&text::decimal(total), &key.currency, key.network)
            ),
            None => format!("+ {more} more"),
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Moment;

    fn account(id: i32, owner: AccountOwner, kind: AccountKind, name: &str) -> Account {
        Account {
            id,
            case_id: 1,
            owner,
            kind,
            name: name.into(),
            institution: String::new(),
            number: String::new(),
            network: None,
            is_exchange_deposit: false,
            notes: String::new(),
            transfers: 0,
            warnings: Vec::new(),
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    fn transfer(id: i32, utc: &str, amount: &str, currency: &str) -> Transfer {
        Transfer {
            id,
            case_id: 1,
            occurred: Moment::from_stored(utc, 0),
            direction: Direction::Out,
            amount: amount.into(),
            currency: currency.into(),
            network: None,
            method: crate::model::TransferMethod::BankTransfer,
            from_account: String::new(),
            beneficiary_name: String::new(),
            beneficiary_bank: String::new(),
            beneficiary_account: String::new(),
            beneficiary_bic: String::new(),
            beneficiary_wallet: String::new(),
            wallet_is_exchange_deposit: false,
            reference: String::new(),
            exchange_rate: None,
            status: crate::model::TransferStatus::Completed,
            notes: String::new(),
            evidence_ids: Vec::new(),
            warnings: Vec::new(),
            created_at: String::new(),
            updated_at: String::new(),
            from_account_id: None,
            to_account_id: None,
            source_ids: Vec::new(),
            role: TransferRole::Loss,
            date_only: false,
            statement: None,
        }
    }

    fn between(mut t: Transfer, from: &Account, to: &Account) -> Transfer {
        t.from_account_id = Some(from.id);
        t.to_account_id = Some(to.id);
        t.role = super::super::role(t.direction, Some(from.owner), Some(to.owner));
        t
    }

    fn overlap(a: [f64; 4], b: [f64; 4]) -> bool {
        a[0] < b[0] + b[2] - 0.01
            && b[0] < a[0] + a[2] - 0.01
            && a[1] < b[1] + b[3] - 0.01
            && b[1] < a[1] + a[3] - 0.01
    }

    fn on_side(p: [f64; 2], n: &TrailNode) -> bool {
        let on_x = (p[0] - n.x).abs() < 0.01 || (p[0] - (n.x + n.width)).abs() < 0.01;
        on_x && p[1] >= n.y - 0.01 && p[1] <= n.y + n.height + 0.01
    }

    /// Nothing overlaps, every arrow starts on its source's side and ends on its target's,
    /// and everything is inside the picture.
    fn assert_clean(p: &TrailPicture) {
        let boxes: Vec<[f64; 4]> = p
            .nodes
            .iter()
            .map(|n| [n.x, n.y, n.width, n.height])
            .collect();
        let labels: Vec<[f64; 4]> = p
            .edges
            .iter()
            .map(|e| [e.label_x, e.label_y, e.label_width, e.label_height])
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!overlap(*a, *b), "boxes {a:?} and {b:?} overlap");
            }
            for l in &labels {
                assert!(!overlap(*a, *l), "box {a:?} and label {l:?} overlap");
            }
        }
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                assert!(!overlap(*a, *b), "labels {a:?} and {b:?} overlap");
            }
        }
        for e in &p.edges {
            let (first, last) = (e.points[0], e.points[e.points.len() - 1]);
            assert!(on_side(first, &p.nodes[e.from as usize]), "{e:?}");
            assert!(on_side(last, &p.nodes[e.to as usize]), "{e:?}");
            for [x, y] in &e.points {
                assert!(*x >= 0.0 && *x <= p.width && *y >= 0.0 && *y <= p.height);
            }
            assert!(e.label_x + e.label_width <= p.width && e.label_y + e.label_height <= p.height);
            assert!(e.label_width > 0.0 && e.label_height > 0.0);
        }
        for n in &p.nodes {
            assert!(n.x + n.width <= p.width && n.y + n.height <= p.height && n.y >= 0.0);
        }
    }

    #[test]
    fn bank_to_own_exchange_to_scam_wallet_reads_left_to_right() {
        let bank = account(
            1,
            AccountOwner::Victim,
            AccountKind::Bank,
            "Barclays current account",
        );
        let exchange = account(2, AccountOwner::Victim, AccountKind::Exchange, "Binance");
        let mut wallet = account(
            3,
            AccountOwner::Scammer,
            AccountKind::Wallet,
            "Wallet the fake app gave",
        );
        wallet.is_exchange_deposit = true;
        let mut usdt = transfer(2, "2026-03-15T10:00:00Z", "3100", "USDT");
        usdt.network = Some(Network::Tron);
        let transfers = vec![
            between(
                transfer(1, "2026-03-14T09:30:00Z", "2500", "GBP"),
                &bank,
                &exchange,
            ),
            between(usdt, &exchange, &wallet),
        ];
        let accounts = vec![bank, exchange, wallet];
        let pictures = pictures(&transfers, &accounts, "Europe/London");
        assert_eq!(pictures.len(), 1);
        let p = &pictures[0];
        assert_eq!(p.title, "The whole trail");
        let layer_of = |id: i32| {
            p.nodes
                .iter()
                .find(|n| n.account_id == Some(id))
                .map(|n| (n.layer, n.x))
                .unwrap()
        };
        assert_eq!(layer_of(1).0, 0);
        assert_eq!(layer_of(2).0, 1);
        assert_eq!(layer_of(3).0, 2);
        assert!(layer_of(1).1 < layer_of(2).1 && layer_of(2).1 < layer_of(3).1);
        assert_eq!(p.edges.len(), 2);
        assert_eq!(p.edges[0].lines, vec!["14 Mar 2026 · 2,500.00 GBP"]);
        assert_eq!(p.edges[0].role, TransferRole::Hop);
        assert_eq!(p.edges[1].lines, vec!["15 Mar 2026 · 3,100 USDT (TRON)"]);
        assert_eq!(p.edges[1].role, TransferRole::Loss);
        assert!(p.nodes[2].exchange_deposit);
        assert_clean(p);
        // Straight chain: each arrow runs left to right.
        for e in &p.edges {
            assert!(e.points[0][0] < e.points[e.points.len() - 1][0]);
        }
    }

    #[test]
    fn ends_without_an_account_become_their_own_nodes() {
        let mut a = transfer(1, "2026-03-14T09:30:00Z", "1000", "EUR");
        a.beneficiary_name = "J. Smith".into();
        a.beneficiary_account = "GB29 NWBK 6016 1331 9268 19".into();
        let mut b = transfer(2, "2026-03-15T09:30:00Z", "500", "EUR");
        b.beneficiary_account = "GB29NWBK60161331926819".into();
        let mut c = transfer(3, "2026-03-16T09:30:00Z", "15000", "USDT");
        c.network = Some(Network::Tron);
        c.beneficiary_wallet = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t".into();
        c.wallet_is_exchange_deposit = true;
        let d = transfer(4, "2026-03-17T09:30:00Z", "20", "EUR");
        let mut back = transfer(5, "2026-03-18T09:30:00Z", "200", "EUR");
        back.direction = Direction::Recovered;
        back.role = TransferRole::Recovered;
        back.beneficiary_name = "J. Smith".into();
        let p = &pictures(&[a, b, c, d, back], &[], "UTC")[0];
        let labels: Vec<&str> = p.nodes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(
            labels,
            vec![
                VICTIM_NODE,
                "J. Smith",
                "TR7NHq…Lj6t",
                NOT_RECORDED_NODE,
                "J. Smith"
            ]
        );
        assert_eq!(p.nodes[0].owner, AccountOwner::Victim);
        assert_eq!(p.nodes[1].owner, AccountOwner::Unknown);
        assert_eq!(p.nodes[1].kind, AccountKind::Bank);
        assert_eq!(p.nodes[1].detail, "GB29 NWBK … 9268 19");
        assert!(p.nodes[2].exchange_deposit && p.nodes[2].kind == AccountKind::Wallet);
        // The same IBAN written two ways is one node and one arrow of two transfers.
        assert_eq!(p.edges[0].transfer_ids, vec![1, 2]);
        assert_eq!(
            p.edges[0].lines,
            vec!["14 Mar 2026 · 1,000.00 EUR", "15 Mar 2026 · 500.00 EUR"]
        );
        // Money recovered goes from the other side to the victim, drawn right to left.
        let rec = p
            .edges
            .iter()
            .find(|e| e.role == TransferRole::Recovered)
            .unwrap();
        assert_eq!((rec.from, rec.to), (4, 0));
        assert!(rec.points[0][0] > rec.points[rec.points.len() - 1][0]);
        assert_clean(p);
    }

    #[test]
    fn a_cycle_is_laid_out_and_an_account_paying_itself_is_a_loop() {
        let a = account(1, AccountOwner::Scammer, AccountKind::Wallet, "Wallet A");
        let b = account(2, AccountOwner::Scammer, AccountKind::Wallet, "Wallet B");
        let c = account(3, AccountOwner::Scammer, AccountKind::Wallet, "Wallet C");
        let transfers = vec![
            between(transfer(1, "2026-03-14T09:30:00Z", "10", "EUR"), &a, &b),
            between(transfer(2, "2026-03-14T10:30:00Z", "10", "EUR"), &b, &c),
            between(transfer(3, "2026-03-14T11:30:00Z", "10", "EUR"), &c, &a),
            between(transfer(4, "2026-03-14T12:30:00Z", "10", "EUR"), &c, &c),
        ];
        let p = &pictures(&transfers, &[a, b, c], "UTC")[0];
        assert_eq!(p.edges.len(), 4);
        assert!(p.edges.iter().all(|e| e.role == TransferRole::Traced));
        let mut layers: Vec<u32> = p.nodes.iter().map(|n| n.layer).collect();
        layers.sort_unstable();
        assert_eq!(layers, vec![0, 1, 2]);
        assert_clean(p);
    }

    fn network(accounts: usize, count: usize, month_days: u32) -> (Vec<Account>, Vec<Transfer>) {
        let mut list = vec![
            account(
                1,
                AccountOwner::Victim,
                AccountKind::Bank,
                "Barclays current account",
            ),
            account(2, AccountOwner::Victim, AccountKind::Exchange, "Binance"),
        ];
        for i in 3..=accounts as i32 {
            let owner = if i % 3 == 0 {
                AccountOwner::Unknown
            } else {
                AccountOwner::Scammer
            };
            list.push(account(
                i,
                owner,
                AccountKind::Wallet,
                &format!("Wallet {i}"),
            ));
        }
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |m: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m as u64) as usize
        };
        let transfers = (0..count)
            .map(|i| {
                let day = 1 + (i as u32 * month_days / count as u32);
                let utc = format!(
                    "2026-{:02}-{:02}T10:{:02}:00Z",
                    3 + (day - 1) / 28,
                    1 + (day - 1) % 28,
                    i % 60
                );
                let (from, to) = match i % 4 {
                    0 => (0, 1),
                    1 => (1, 2 + next(accounts - 2)),
                    _ => (2 + next(accounts - 2), 2 + next(accounts - 2)),
                };
                let currency = if from == 0 { "GBP" } else { "USDT" };
                let mut t = transfer(i as i32 + 1, &utc, &format!("{}.5", 100 + i), currency);
                if currency == "USDT" {
                    t.network = Some(Network::Tron);
                }
                between(t, &list[from], &list[to])
            })
            .collect();
        (list, transfers)
    }

    /// A realistic trail of 40 transfers across 10 accounts: the victim's bank and exchange
    /// account, a mule bank account, six scam wallets (three paying on to a fourth), an
    /// unknown sender of money recovered.
    fn realistic_forty() -> (Vec<Account>, Vec<Transfer>) {
        let mut accounts = vec![
            account(
                1,
                AccountOwner::Victim,
                AccountKind::Bank,
                "Barclays current account",
            ),
            account(2, AccountOwner::Victim, AccountKind::Exchange, "Binance"),
            account(
                3,
                AccountOwner::Scammer,
                AccountKind::Bank,
                "Mule account (Revolut)",
            ),
            account(
                4,
                AccountOwner::Unknown,
                AccountKind::Bank,
                "Recovery refund sender",
            ),
        ];
        for i in 5..=10 {
            accounts.push(account(
                i,
                AccountOwner::Scammer,
                AccountKind::Wallet,
                &format!("Scam wallet {}", i - 4),
            ));
        }
        let mut transfers = Vec::new();
        let mut add =
            |from: usize, to: usize, amount: String, currency: &str, direction: Direction| {
                let n = transfers.len() as i32 + 1;
                let utc = format!("2026-03-{:02}T10:{:02}:00Z", 1 + n / 2, n);
                let mut t = transfer(n, &utc, &amount, currency);
                t.direction = direction;
                if currency == "USDT" {
                    t.network = Some(Network::Tron);
                }
                transfers.push(between(t, &accounts[from], &accounts[to]));
            };
        for i in 0..10 {
            add(0, 1, format!("{}.5", 100 + 4 * i), "GBP", Direction::Out);
        }
        for i in 0..4 {
            add(0, 2, format!("{}", 2000 + i), "GBP", Direction::Out);
        }
        for i in 0..16 {
            add(
                1,
                4 + i % 6,
                format!("{}", 1000 + i),
                "USDT",
                Direction::Out,
            );
        }
        for i in 0..6 {
            add(4 + i % 3, 9, format!("{}", 500 + i), "USDT", Direction::Out);
        }
        add(2, 0, "150".into(), "GBP", Direction::In);
        add(2, 0, "150".into(), "GBP", Direction::In);
        add(3, 0, "75".into(), "GBP", Direction::Recovered);
        add(3, 0, "80".into(), "GBP", Direction::Recovered);
        (accounts, transfers)
    }

    #[test]
    fn forty_transfers_across_ten_accounts_make_one_readable_picture() {
        let (accounts, transfers) = realistic_forty();
        assert_eq!(transfers.len(), 40);
        let pictures = pictures(&transfers, &accounts, "Europe/London");
        assert_eq!(pictures.len(), 1);
        let p = &pictures[0];
        assert_eq!(p.nodes.len(), 10);
        let mut drawn: Vec<i32> = p
            .edges
            .iter()
            .flat_map(|e| e.transfer_ids.clone())
            .collect();
        drawn.sort_unstable();
        assert_eq!(drawn, (1..=40).collect::<Vec<_>>());
        // A sane size: at most 2000 pt wide (an A4 landscape page shows it at 40 % or more)
        // and no arrow with more than 4 transfer lines plus the line summing them all.
        assert!(p.width <= 2000.0, "width {}", p.width);
        assert!(p.height <= 2000.0, "height {}", p.height);
        assert!(p
            .edges
            .iter()
            .all(|e| e.lines.len() <= MAX_LINES_PER_EDGE + 1));
        let bank_to_exchange = &p.edges[0];
        assert_eq!(bank_to_exchange.transfer_ids.len(), 10);
        assert_eq!(bank_to_exchange.lines.len(), 5);
        // 100.5 + 104.5 + … + 136.5: 1,185.00 GBP.
        assert_eq!(bank_to_exchange.lines[4], "+ 6 more · 1,185.00 GBP in all");
        // The victim's own accounts are left of everything else.
        let victims_right = p
            .nodes
            .iter()
            .filter(|n| n.owner == AccountOwner::Victim)
            .map(|n| n.layer)
            .max();
        let others_left = p
            .nodes
            .iter()
            .filter(|n| n.owner != AccountOwner::Victim)
            .map(|n| n.layer)
            .min();
        assert!(
            victims_right < others_left,
            "{victims_right:?} {others_left:?}"
        );
        assert_clean(p);
    }

    #[test]
    fn a_tangled_trail_of_forty_still_lays_out_cleanly() {
        let (accounts, transfers) = network(10, 40, 20);
        let p = &pictures(&transfers, &accounts, "Europe/London")[0];
        assert_eq!(
            p.edges.iter().map(|e| e.transfer_ids.len()).sum::<usize>(),
            40
        );
        assert_clean(p);
    }

    #[test]
    fn more_than_forty_transfers_are_split_by_month() {
        let (accounts, transfers) = network(10, 41, 40);
        let pictures = pictures(&transfers, &accounts, "Europe/London");
        let titles: Vec<&str> = pictures.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, vec!["March 2026", "April 2026"]);
        let drawn: usize = pictures
            .iter()
            .flat_map(|p| &p.edges)
            .map(|e| e.transfer_ids.len())
            .sum();
        assert_eq!(drawn, 41);
        for p in &pictures {
            assert_clean(p);
        }
        assert!(super::pictures(&[], &accounts, "UTC").is_empty());
    }

    #[test]
    fn many_transfers_in_one_month_still_lay_out_cleanly() {
        let (accounts, transfers) = network(60, 300, 28);
        let pictures = pictures(&transfers, &accounts, "UTC");
        assert_eq!(pictures.len(), 1);
        assert_eq!(pictures[0].title, "March 2026");
        assert_clean(&pictures[0]);
    }
}
