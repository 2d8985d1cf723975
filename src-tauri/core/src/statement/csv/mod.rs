//! CSV statements from any bank or exchange, read through a [`CsvProfile`] the person confirms.
//!
//! Two steps:
//! 1. [`sniff`] looks at the file and proposes a profile: the encoding (UTF-8 with or without
//!    BOM, UTF-16 with BOM, else Windows-1252 — also after a UTF-8 BOM when the bytes that
//!    follow are not UTF-8, as some banks write them), the separator (`,` `;` tab `|`), the lines above
//!    the table (account details) and below it (totals), the header row, what each column holds
//!    (from header words in English, German, French, Spanish, Dutch and Italian, then from the
//!    values), the date format and the decimal mark. What the file does not decide — dates whose
//!    day and month both stay ≤ 12, amounts like `14.000` — is a [`Question`] with examples,
//!    never a silent choice.
//! 2. [`read`] reads every row with the confirmed profile. A date or amount that cannot be read
//!    is a [`RowProblem`] naming the line (1-based, as an editor counts) and the column; a row
//!    with the wrong number of cells is one too.
//!
//! The profile is plain data (serde) so it can be saved under a name and picked again when the
//! same header comes back ([`header_key`]).
//!
//! Files:
//! - `text.rs`: bytes to text (the encoding) and text to records with their lines;
//! - `cells.rs`: one date or amount cell read in a given format;
//! - `columns.rs`: what a column holds, from its header's words;
//! - `sniff.rs`: the proposal and its questions;
//! - `rows.rs`: the profile checked against the file, and every row read.

use serde::{Deserialize, Serialize};

use super::{ParsedStatement, RowProblem, StatementError};

mod cells;
mod columns;
mod rows;
mod sniff;
mod text;

#[cfg(test)]
mod tests;

/// How to read one bank's CSV file: what [`sniff`] proposes and the person confirms.
///
/// Column numbers are 0-based indexes into a row's cells (messages show them 1-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CsvProfile {
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `windows-1252` or `ISO-8859-1`.
    pub encoding: String,
    /// `,` `;` tab or `|`.
    pub delimiter: char,
    /// Lines at the top that are not part of the table (account details), as lines of the file.
    #[specta(type = u32)]
    pub skip_top: usize,
    /// Non-empty lines at the bottom that are not rows (totals, closing balance).
    #[specta(type = u32)]
    pub skip_bottom: usize,
    /// The line (1-based) holding the column names, when the file has one; rows start below it.
    #[specta(type = Option<u32>)]
    pub header_row: Option<usize>,
    /// The column of the booking date (or the only date).
    #[specta(type = u32)]
    pub date_column: usize,
    /// The chrono format of the date cells, e.g. `%d.%m.%Y` or `%Y-%m-%d %H:%M:%S`.
    pub date_format: String,
    /// A separate column with the time of day (`14:05` or `14:05:31`).
    #[specta(type = Option<u32>)]
    pub time_column: Option<usize>,
    /// Where the amount and its direction are.
    pub amount: AmountLayout,
    /// `.` or `,`; the other one, spaces and `'` are read as thousands separators.
    pub decimal_mark: char,
    /// A column with the currency code of each row.
    #[specta(type = Option<u32>)]
    pub currency_column: Option<usize>,
    /// The other side's name.
    #[specta(type = Option<u32>)]
    pub counterparty_column: Option<usize>,
    /// The other side's IBAN or account number.
    #[specta(type = Option<u32>)]
    pub counterparty_account_column: Option<usize>,
    /// Purpose / description columns, joined with ` / ` in this order.
    #[specta(type = Vec<u32>)]
    pub reference_columns: Vec<usize>,
    /// The bank's id of the movement.
    #[specta(type = Option<u32>)]
    pub id_column: Option<usize>,
    /// The value date, read with the date part of `date_format`.
    #[specta(type = Option<u32>)]
    pub value_date_column: Option<usize>,
}

/// Where a row's amount and direction are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub enum AmountLayout {
    /// One column: negative (`-45.20`, `45.20-`, `(45.20)`, `45.20 DR`) is money out.
    Signed {
        #[specta(type = u32)]
        col: usize,
    },
    /// Money out in one column, money in in another (one of them empty or 0 on each row).
    /// A negative amount (`(1,234.56)`, `-45.20`) is money out in either column: in the debit
    /// column it is how some banks write every debit, in the credit column it is money taken
    /// back (a returned deposit).
    DebitCredit {
        #[specta(type = u32)]
        debit: usize,
        #[specta(type = u32)]
        credit: usize,
    },
    /// A positive amount and a column saying which way (`D`/`C`, `DR`/`CR`, `S`/`H`, `Af`/`Bij`).
    /// Values are compared ignoring case and surrounding spaces; a value in neither list is a
    /// problem of that row.
    WithIndicator {
        #[specta(type = u32)]
        amount: usize,
        #[specta(type = u32)]
        indicator: usize,
        debit_values: Vec<String>,
        credit_values: Vec<String>,
    },
}

/// What [`sniff`] found: a proposed profile, what it could not decide, and the file's first rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CsvSniff {
    /// The proposal. Where a [`Question`] is open, the field it is about holds the first choice
    /// only as a placeholder: the file must not be read before the person answers.
    pub profile: CsvProfile,
    /// Every date format the date column's values allow; more than one means the person must
    /// choose (there is then a [`QuestionTopic::DateFormat`] question).
    pub date_formats: Vec<String>,
    /// The decimal mark when the amounts decide it; `None` when they do not (`14.000` only).
    pub decimal_mark: Option<char>,
    /// What the person must choose before the file is read.
    pub undecided: Vec<Question>,
    /// The first (up to 10) non-empty lines of the file as cells, account details included.
    pub preview: Vec<Vec<String>>,
    /// The column names (empty when the file has no header row).
    pub header: Vec<String>,
}

/// What a [`Question`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename = "StatementQuestionTopic")]
pub enum QuestionTopic {
    /// Which date format (day or month first) — `CsvProfile::date_format`.
    DateFormat,
    /// Which character is the decimal mark — `CsvProfile::decimal_mark`.
    DecimalMark,
    /// Which column holds the date — `CsvProfile::date_column`.
    DateColumn,
    /// Which column(s) hold the amount — `CsvProfile::amount`.
    AmountColumns,
}

/// Something the file does not decide, in words, with the choices and what each would mean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename = "StatementQuestion")]
pub struct Question {
    pub topic: QuestionTopic,
    /// "The dates can be read day first or month first: which is right?"
    pub message: String,
    /// The possible answers; empty when the person must point at a column themselves.
    pub choices: Vec<Choice>,
}

/// One answer to a [`Question`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename = "StatementChoice")]
pub struct Choice {
    /// The profile value it sets: a date format (`%d/%m/%Y`) or a decimal mark (`,`).
    pub value: String,
    /// "Day first (DD/MM/YYYY)".
    pub label: String,
    /// Sample rows read this way: "Line 5: 03/04/2026 → 3 April 2026".
    pub examples: Vec<String>,
}

/// Looks at a CSV statement and proposes how to read it (see the module documentation).
///
/// Errors: [`StatementError::NotThisFormat`] when the file is empty, not text, or has no
/// separator that splits its lines into columns; [`StatementError::Unreadable`] when it is too
/// large or has no rows below its column names.
pub fn sniff(bytes: &[u8]) -> Result<CsvSniff, StatementError> {
    let proposal = sniff::sniff(bytes)?;
    // A proposal must read its own file: when the lines it skips or its header are wider or
    // narrower than the rows (a file edited by hand, two tables in one), say so instead of
    // offering a profile that cannot be used.
    if read(bytes, &proposal.profile).is_err() {
        return Err(StatementError::Unreadable(
            "The lines of this file do not keep the same columns from top to bottom, so Casefile \
             cannot propose how to read it. Use the statement exactly as the bank gave it (not \
             edited in a spreadsheet), or choose its columns by hand."
                .into(),
        ));
    }
    Ok(proposal)
}

/// Reads every row of a CSV statement with a confirmed profile. Rows that cannot be read are
/// [`RowProblem`]s (line and column named), never guessed.
///
/// Errors: [`StatementError::Unreadable`] when the profile does not fit the file, in words
/// ("Column 7 does not exist: the file has 5 columns."), or the file is too large or has more
/// than [`super::MAX_ROWS`] rows.
pub fn read(bytes: &[u8], profile: &CsvProfile) -> Result<ParsedStatement, StatementError> {
    rows::read(bytes, profile)
}

/// A normalised key of a header row (case, spaces and empty trailing cells ignored), to find a
/// saved profile again when a file with the same header comes.
pub fn header_key(header: &[String]) -> String {
    let cells: Vec<String> = header
        .iter()
        .map(|c| {
            c.trim_matches(|ch: char| ch.is_whitespace() || ch == '\u{feff}' || ch == '"')
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
                .replace('|', "/")
        })
        .collect();
    let used = cells
        .iter()
        .rposition(|c| !c.is_empty())
        .map_or(0, |i| i + 1);
    cells[..used].join("|")
}

/// A problem of one row about one column.
fn problem(row: u32, column: Option<String>, message: String) -> RowProblem {
    RowProblem {
        row,
        column,
        message,
    }
}
