//! Accounts the money passed through, the money trail drawn from them, and statement imports.
//!
//! The loss rule (store/money): a transfer from the victim's side to an account of the
//! victim's own is a *hop* and no loss; money that left the victim's control (to a scammers'
//! or unknown account, or to no account at all) is a loss; money that came back from outside
//! the victim's own accounts is subtracted. Per currency; in the case's currency only when
//! every rate is known.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::{Direction, Network};

stored_enum!(
    /// Whose an account is.
    AccountOwner {
        Victim => "victim", "The victim's own";
        Scammer => "scammer", "The scammers'";
        Unknown => "unknown", "Not known yet";
    }
);

stored_enum!(
    /// What an account is.
    AccountKind {
        Bank => "bank", "Bank account";
        Exchange => "exchange", "Exchange account";
        Wallet => "wallet", "Crypto wallet";
        Card => "card", "Card";
        PaymentApp => "payment_app", "Payment app account";
        Other => "other", "Other";
    }
);

stored_enum!(
    /// What a transfer is in the loss computation, from the owners of its two accounts.
    TransferRole {
        Loss => "loss", "Left the victim's control";
        Hop => "hop", "Between the victim's own accounts";
        Received => "received", "Came back to the victim";
        Recovered => "recovered", "Recovered";
        Traced => "traced", "Traced between other accounts";
        Unplaced => "unplaced", "Came into the victim's account from an account not chosen yet";
    }
);

/// An account as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct AccountInput {
    pub owner: AccountOwner,
    pub kind: AccountKind,
    /// What people call it: "Barclays current account", "Binance", "Wallet from the fake app".
    pub name: String,
    /// The bank, exchange or app.
    pub institution: String,
    /// IBAN, account number, card's last digits or wallet address, as written.
    pub number: String,
    /// For a wallet: its chain.
    pub network: Option<Network>,
    /// An exchange's deposit address: the exchange may freeze what arrives there.
    pub is_exchange_deposit: bool,
    pub notes: String,
}

/// A stored account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Account {
    pub id: i32,
    pub case_id: i32,
    pub owner: AccountOwner,
    pub kind: AccountKind,
    pub name: String,
    pub institution: String,
    pub number: String,
    pub network: Option<Network>,
    pub is_exchange_deposit: bool,
    pub notes: String,
    /// Transfers that start or end here.
    pub transfers: u32,
    /// What looked wrong when it was saved (a wallet that fails its checksum …).
    pub warnings: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// An account Casefile proposes from transfers that name one not yet in the list (a
/// beneficiary IBAN or wallet, the "from account" text), with the transfers it would join.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AccountSuggestion {
    pub input: AccountInput,
    /// Transfers whose end this account would become.
    pub transfer_ids: Vec<i32>,
    /// `from` or `to`: which end of those transfers.
    pub end: String,
}

/// Where a transfer made from a statement row came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct StatementOrigin {
    pub import_id: i32,
    /// The statement file, kept as evidence.
    pub evidence_id: i32,
    /// The row (CSV line, OFX transaction, camt entry) and its part (camt `TxDtls`), 1-based.
    pub row: u32,
    pub part: u32,
    /// The row exactly as the file has it.
    pub raw: String,
}

/// A currency whose rate to the case's currency is missing on some transfers that count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MissingRate {
    pub currency: String,
    pub network: Option<Network>,
    pub transfer_ids: Vec<i32>,
}

/// One node of a money-trail picture: an account (or a transfer's end no account was chosen
/// for). Coordinates are in points from the top left; the window draws 1 point as 1 CSS pixel
/// and the dossier scales the whole picture to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct TrailNode {
    /// The account, or `None` for an end no account was chosen for.
    pub account_id: Option<i32>,
    /// Whose it is, in words, drawn first at the detail size: "Victim's own", "Scammers'",
    /// "Not known" (+ " · exchange deposit") — never shown by colour alone.
    pub whose: String,
    /// "Barclays current account"
    pub label: String,
    /// "Barclays · GB29 NWBK … 2681 9" (shortened in the middle).
    pub detail: String,
    pub owner: AccountOwner,
    pub kind: AccountKind,
    pub exchange_deposit: bool,
    /// The column it is drawn in, 0 leftmost.
    pub layer: u32,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// One arrow: every transfer between the same two nodes in the same currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct TrailEdge {
    /// Indexes into `nodes`.
    pub from: u32,
    pub to: u32,
    pub transfer_ids: Vec<i32>,
    pub role: TransferRole,
    pub direction: Direction,
    /// "14 Mar 2026 · 2,500.00 GBP" per transfer (at most 4, then "+ 6 more · 15,000.00 GBP in all").
    pub lines: Vec<String>,
    /// The arrow as a polyline, start on the source's side, end (arrow head) on the target's.
    pub points: Vec<[f64; 2]>,
    /// The label's box (its top left corner and size).
    pub label_x: f64,
    pub label_y: f64,
    pub label_width: f64,
    pub label_height: f64,
}

/// A money-trail picture: the whole trail, or one month of a large one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct TrailPicture {
    /// "The whole trail" or "March 2026".
    pub title: String,
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<TrailNode>,
    pub edges: Vec<TrailEdge>,
}

/// A hop: money moved between two of the victim's own accounts, and what it paid for next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct HopRow {
    pub transfer_id: i32,
    pub occurred: String,
    /// Only the day is known (a statement gave no time).
    pub date_only: bool,
    pub amount: String,
    pub currency: String,
    pub from_account: String,
    pub to_account: String,
    /// Transfers marked as paid with this money ("these USDT were bought with that deposit").
    pub funded: Vec<i32>,
}

/// The money trail of a case: pictures (one, or one per month past 40 transfers), the hop
/// table, and the loss computation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct MoneyTrail {
    pub pictures: Vec<TrailPicture>,
    pub hops: Vec<HopRow>,
    pub loss: super::LossSummary,
}
