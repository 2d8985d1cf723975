//! Deleted records and cases: listed, brought back, emptied.

use casefile_core::model::{Case, DeletedCase, DeletedItem, DeletedKind};
use tauri::State;

use super::AppError;
use crate::AppState;

/// The case's deleted records, each saying whether it can be brought back.
#[tauri::command(async)]
#[specta::specta]
pub fn deleted_items(
    state: State<'_, AppState>,
    case_id: i32,
) -> Result<Vec<DeletedItem>, AppError> {
    state.with_store(|s| s.deleted_items(case_id))
}

/// Brings a deleted record back (the *Undo* of a delete).
#[tauri::command(async)]
#[specta::specta]
pub fn restore_deleted(
    state: State<'_, AppState>,
    kind: DeletedKind,
    id: i32,
) -> Result<(), AppError> {
    state.with_store(|s| s.restore_deleted(kind, id))
}

/// Deletes the kept bytes of the case's deleted evidence for good; how many items.
#[tauri::command(async)]
#[specta::specta]
pub fn purge_deleted_evidence(state: State<'_, AppState>, case_id: i32) -> Result<u32, AppError> {
    state.with_store(|s| s.purge_deleted_evidence(case_id))
}

/// Deletes a case when its title is typed again as confirmation.
#[tauri::command(async)]
#[specta::specta]
pub fn delete_case(
    state: State<'_, AppState>,
    id: i32,
    confirmation: String,
) -> Result<(), AppError> {
    state.with_store(|s| s.delete_case(id, &confirmation))
}

/// Deleted cases, most recently deleted first.
#[tauri::command(async)]
#[specta::specta]
pub fn deleted_cases(state: State<'_, AppState>) -> Result<Vec<DeletedCase>, AppError> {
    state.with_store(|s| s.deleted_cases())
}

/// Brings a deleted case back, whole.
#[tauri::command(async)]
#[specta::specta]
pub fn restore_case(state: State<'_, AppState>, id: i32) -> Result<Case, AppError> {
    state.with_store(|s| s.restore_case(id))
}
