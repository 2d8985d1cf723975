//! Bank and exchange statements read into rows of money movements: the one place statement
//! files are decoded. Each format has its own file (csv.rs, ofx.rs, camt.rs); every parser is a
//! pure function from the file's bytes to a [`ParsedStatement`] — no disk, no store. The import
//! (later: the store) shows the rows in a preview where the person ticks the scam payments.
//!
//! Nothing is guessed: a date or amount that cannot be read is a [`RowProblem`] naming the row
//! and column (never "today", never 0); a file that can be read two ways (day/month order,
//! `14.000`) is a question for the person (the CSV profile answers it), never a silent choice.

use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;

pub mod camt;
pub mod csv;
pub mod ofx;

/// The statement formats Casefile reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementFormat {
    /// Comma/semicolon/tab/pipe separated values, read through a profile the person confirms.
    Csv,
    /// OFX 1.x (SGML) or 2.x (XML).
    Ofx,
    /// ISO 20022 camt.053 (bank to customer statement), .001.02 to .001.08.
    Camt053,
}

/// Which way the money went, seen from the statement's account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Money left the account (a debit).
    Out,
    /// Money came into the account (a credit).
    In,
}

/// One movement on a statement, as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRow {
    /// Where it is in the file, 1-based: the CSV line, the OFX `STMTTRN`, the camt `Ntry`
    /// (and `TxDtls` within it, see `part`).
    pub row: u32,
    /// For a camt entry with several transactions (`TxDtls`): which one, 1-based; else 1.
    pub part: u32,
    /// The booking date (or the only date the file gives).
    pub booked: NaiveDate,
    /// The time of day, when the file gives one.
    pub time: Option<NaiveTime>,
    /// Minutes east of UTC the time was written in, when the file says (OFX `[-5:EST]`).
    pub offset_minutes: Option<i32>,
    /// The value date, when the file gives one besides the booking date.
    pub value_date: Option<NaiveDate>,
    /// Always positive; the direction says which way.
    pub amount: Decimal,
    pub flow: Flow,
    /// ISO 4217 code (or a crypto asset code), when the file gives one for the row or the
    /// statement.
    pub currency: Option<String>,
    /// The other side: name, and account (IBAN or account number) as written.
    pub counterparty: String,
    pub counterparty_account: String,
    /// What the bank shows as the purpose / description / memo (camt `RmtInf/Ustrd`).
    pub reference: String,
    /// The bank's own id of the movement, for recognising it in an overlapping statement
    /// (OFX `FITID`, camt `AcctSvcrRef`, a CSV id column); `None` when the file has none.
    pub bank_id: Option<String>,
    /// The row as it is in the file (the CSV line, the OFX/camt element's text), kept with the
    /// transfer made from it.
    pub raw: String,
}

/// A row that could not be read, and why, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub row: u32,
    /// The column (CSV header name, or the element: `DTPOSTED`, `Amt`), when it is about one.
    pub column: Option<String>,
    /// "The date “31/02/2026” is not a real date."
    pub message: String,
}

/// What a statement file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedStatement {
    pub format: StatementFormat,
    /// The statement's own account (IBAN or account number), when the file names it.
    pub account: Option<String>,
    /// The statement's currency, when the file gives one for all rows.
    pub currency: Option<String>,
    /// The rows that were read, in file order.
    pub rows: Vec<StatementRow>,
    /// The rows that could not be read: nothing is imported until each is fixed or left out.
    pub problems: Vec<RowProblem>,
}

/// Why a file could not be read as a statement at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementError {
    /// Not this format at all ("This does not look like an OFX statement.").
    #[error("{0}")]
    NotThisFormat(String),
    /// This format, but damaged or unusable, in words.
    #[error("{0}")]
    Unreadable(String),
}

/// Largest statement file read (bytes): far above a year of any bank's statements.
pub const MAX_STATEMENT_BYTES: usize = 50 * 1024 * 1024;

/// Most rows read from one statement.
pub const MAX_ROWS: usize = 200_000;
