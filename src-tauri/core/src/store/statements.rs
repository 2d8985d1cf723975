//! Statement imports: a bank or exchange statement previewed row by row, the ticked rows
//! stored as transfers (each keeping its raw row and row number, linked to the statement file
//! kept as evidence with its SHA-256), overlapping statements recognised, saved CSV profiles,
//! and undo.

use std::path::Path;

use super::Store;
use crate::model::{
    SavedStatementProfile, StatementImport, StatementImportOptions, StatementImportProgress,
    StatementImportSummary, StatementPreview,
};
use crate::statement::csv::CsvProfile;
use crate::{CoreError, Result};

fn not_yet() -> CoreError {
    CoreError::Refused("Statement import is not available in this build yet.".into())
}

/// Reads a statement file chosen on disk (at most [`crate::statement::MAX_STATEMENT_BYTES`]):
/// its name and bytes.
pub fn read_statement_file(path: &Path) -> Result<(String, Vec<u8>)> {
    let _ = path;
    Err(not_yet())
}

impl Store {
    /// Every row of a statement as it would be imported, without storing anything. For a CSV
    /// file, `profile` is the one the person confirmed; without it a saved profile with the same
    /// header is used, else Casefile's proposal (rows are empty while a question is open).
    pub fn preview_statement(
        &self,
        case_id: i32,
        file_name: &str,
        bytes: &[u8],
        profile: Option<&CsvProfile>,
    ) -> Result<StatementPreview> {
        let _ = (case_id, file_name, bytes, profile);
        Err(not_yet())
    }

    /// Imports the chosen rows, all or nothing; `progress` returning false stops it (then
    /// nothing is stored).
    pub fn import_statement(
        &mut self,
        case_id: i32,
        file_name: &str,
        bytes: &[u8],
        options: &StatementImportOptions,
        progress: &mut dyn FnMut(StatementImportProgress) -> bool,
    ) -> Result<StatementImportSummary> {
        let _ = (case_id, file_name, bytes, options, progress);
        Err(not_yet())
    }

    /// The statement imports of a case, newest first (undone ones left out).
    pub fn list_statement_imports(&self, case_id: i32) -> Result<Vec<StatementImport>> {
        let _ = case_id;
        Err(not_yet())
    }

    /// Undoes an import: its transfers and (when nothing else uses it) the statement evidence.
    pub fn undo_statement_import(&mut self, import_id: i32) -> Result<()> {
        let _ = import_id;
        Err(not_yet())
    }

    /// Saved CSV profiles, by name.
    pub fn list_statement_profiles(&self) -> Result<Vec<SavedStatementProfile>> {
        Err(not_yet())
    }

    /// Forgets a saved CSV profile.
    pub fn delete_statement_profile(&mut self, name: &str) -> Result<()> {
        let _ = name;
        Err(not_yet())
    }
}
