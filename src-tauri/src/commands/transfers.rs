//! Money transfers of a case and the loss summary.

use casefile_core::model::{LossSummary, Transfer, TransferInput};
use tauri::State;

use super::AppError;
use crate::AppState;

/// Checks a transfer without saving: the warnings to show (an error for what must be fixed).
#[tauri::command(async)]
#[specta::specta]
pub fn check_transfer(
    state: State<'_, AppState>,
    case_id: i32,
    input: TransferInput,
) -> Result<Vec<String>, AppError> {
    state.with_store(|s| s.check_transfer(case_id, &input))
}

/// Adds a transfer (refused with `needs_confirmation` while warnings are not accepted).
#[tauri::command(async)]
#[specta::specta]
pub fn add_transfer(
    state: State<'_, AppState>,
    case_id: i32,
    input: TransferInput,
) -> Result<Transfer, AppError> {
    state.with_store(|s| s.add_transfer(case_id, &input))
}

/// Changes a transfer.
#[tauri::command(async)]
#[specta::specta]
pub fn update_transfer(
    state: State<'_, AppState>,
    id: i32,
    input: TransferInput,
) -> Result<Transfer, AppError> {
    state.with_store(|s| s.update_transfer(id, &input))
}

/// Deletes a transfer (the audit log keeps that it existed).
#[tauri::command(async)]
#[specta::specta]
pub fn delete_transfer(state: State<'_, AppState>, id: i32) -> Result<(), AppError> {
    state.with_store(|s| s.delete_transfer(id))
}

/// Every transfer of a case, oldest first.
#[tauri::command(async)]
#[specta::specta]
pub fn list_transfers(state: State<'_, AppState>, case_id: i32) -> Result<Vec<Transfer>, AppError> {
    state.with_store(|s| s.list_transfers(case_id))
}

/// Loss totals of a case.
#[tauri::command(async)]
#[specta::specta]
pub fn loss_summary(state: State<'_, AppState>, case_id: i32) -> Result<LossSummary, AppError> {
    state.with_store(|s| s.loss_summary(case_id))
}
