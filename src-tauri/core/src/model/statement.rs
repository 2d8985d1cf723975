//! Statement imports as the window and the CLI see them: the preview with every row, the
//! person's choices, and what an import did.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::statement::csv::{CsvProfile, CsvSniff};

/// One row of a statement in the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct StatementPreviewRow {
    /// Line (CSV), transaction (OFX) or entry (camt), 1-based; `part` for a camt entry's
    /// several transactions.
    pub row: u32,
    pub part: u32,
    /// `2026-03-14`.
    pub booked: String,
    /// `09:31` or `09:31:02`, when the file gives a time.
    pub time: Option<String>,
    /// Positive exact decimal (`1234.56`).
    pub amount: String,
    /// `out` (money left the statement's account) or `in`.
    pub flow: super::Direction,
    pub currency: Option<String>,
    pub counterparty: String,
    pub counterparty_account: String,
    pub reference: String,
    /// The transfer already made from this row by an earlier import (same bank id, or same
    /// date, amount, reference and counterparty): it will not be added twice.
    pub already_imported: Option<i32>,
    /// An account of the case whose number matches the counterparty's.
    pub counterparty_account_id: Option<i32>,
    pub raw: String,
}

/// A row that cannot be read, with the column, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct StatementProblem {
    pub row: u32,
    pub column: Option<String>,
    pub message: String,
}

/// What a statement file holds, before anything is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct StatementPreview {
    /// "CSV", "OFX", "ISO 20022 camt.053".
    pub format: String,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: u32,
    /// For a CSV file: how Casefile proposes to read it, and what the person must choose.
    pub csv: Option<CsvSniff>,
    /// The profile the rows below were read with (a saved one, the proposal, or the one sent).
    pub profile: Option<CsvProfile>,
    /// The saved profile picked because its header matches, by name.
    pub profile_name: Option<String>,
    /// The statement's own account and currency, when the file names them.
    pub account: Option<String>,
    pub currency: Option<String>,
    /// The case's account whose number matches the statement's own.
    pub account_id: Option<i32>,
    /// Every row read (empty while a CSV question is open).
    pub rows: Vec<StatementPreviewRow>,
    pub problems: Vec<StatementProblem>,
    /// This exact file was imported before (import id).
    pub imported_before: Option<i32>,
}

/// A row chosen for import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct StatementRowRef {
    pub row: u32,
    pub part: u32,
}

/// What the person chose in the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct StatementImportOptions {
    /// For a CSV file: the confirmed profile.
    pub profile: Option<CsvProfile>,
    /// Save the profile under this name (found again by the header next time).
    pub save_profile_as: Option<String>,
    /// The rows to import (the ticked ones).
    pub rows: Vec<StatementRowRef>,
    /// The case's account this statement is of (money out leaves it, money in arrives there).
    pub account_id: Option<i32>,
    /// The currency of rows the file gives none for.
    pub currency: Option<String>,
    /// The network of rows in a crypto asset (an exchange's USDT withdrawals): transfers in
    /// crypto need one, and a statement never says it, so the person chooses it.
    #[serde(default)]
    pub network: Option<super::Network>,
}

/// Progress of an import, for the window's bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct StatementImportProgress {
    pub done: u32,
    pub total: u32,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct StatementImportSummary {
    pub import_id: i32,
    /// The statement file, kept as evidence with its SHA-256.
    pub evidence_id: i32,
    pub transfer_ids: Vec<i32>,
    /// Chosen rows already imported before (not added again).
    pub already_imported: u32,
}

/// An import of a case, for the list with *Undo this import*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct StatementImport {
    pub id: i32,
    pub case_id: i32,
    pub evidence_id: i32,
    pub file_name: String,
    pub format: String,
    pub account_id: Option<i32>,
    pub profile_name: Option<String>,
    pub rows_in_file: u32,
    pub transfers_added: u32,
    pub imported_at: String,
}

/// A saved CSV profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SavedStatementProfile {
    pub name: String,
    pub header_key: String,
    pub profile: CsvProfile,
    pub updated_at: String,
}
