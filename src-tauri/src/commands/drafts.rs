//! Drafts of forms: unsaved text kept in the encrypted store across case switches, a lock and
//! a restart.

use casefile_core::model::Draft;
use tauri::State;

use super::AppError;
use crate::AppState;

/// Keeps what a form holds (a JSON object) under its key.
#[tauri::command(async)]
#[specta::specta]
pub fn save_draft(
    state: State<'_, AppState>,
    key: String,
    case_id: Option<i32>,
    value: String,
) -> Result<Draft, AppError> {
    state.with_store(|s| s.save_draft(&key, case_id, &value))
}

/// Every draft, newest first (read once after unlocking).
#[tauri::command(async)]
#[specta::specta]
pub fn list_drafts(state: State<'_, AppState>) -> Result<Vec<Draft>, AppError> {
    state.with_store(|s| s.list_drafts())
}

/// Throws a draft away, once its form is saved or the person discards it.
#[tauri::command(async)]
#[specta::specta]
pub fn discard_draft(state: State<'_, AppState>, key: String) -> Result<(), AppError> {
    state.with_store(|s| s.discard_draft(&key))
}
