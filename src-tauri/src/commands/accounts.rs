//! Accounts of a case (the victim's own, the scammers', unknown) and the money trail.

use casefile_core::model::{Account, AccountInput, AccountSuggestion, MoneyTrail};
use tauri::State;

use super::AppError;
use crate::AppState;

/// Every account of a case.
#[tauri::command(async)]
#[specta::specta]
pub fn list_accounts(state: State<'_, AppState>, case_id: i32) -> Result<Vec<Account>, AppError> {
    state.with_store(|s| s.list_accounts(case_id))
}

/// Adds an account (transfers to its number end there).
#[tauri::command(async)]
#[specta::specta]
pub fn add_account(
    state: State<'_, AppState>,
    case_id: i32,
    input: AccountInput,
) -> Result<Account, AppError> {
    state.with_store(|s| s.add_account(case_id, &input))
}

/// Changes an account.
#[tauri::command(async)]
#[specta::specta]
pub fn update_account(
    state: State<'_, AppState>,
    id: i32,
    input: AccountInput,
) -> Result<Account, AppError> {
    state.with_store(|s| s.update_account(id, &input))
}

/// Deletes an account no transfer uses.
#[tauri::command(async)]
#[specta::specta]
pub fn delete_account(state: State<'_, AppState>, id: i32) -> Result<(), AppError> {
    state.with_store(|s| s.delete_account(id))
}

/// Accounts proposed from the transfers' beneficiary numbers and "from account" text.
#[tauri::command(async)]
#[specta::specta]
pub fn account_suggestions(
    state: State<'_, AppState>,
    case_id: i32,
) -> Result<Vec<AccountSuggestion>, AppError> {
    state.with_store(|s| s.account_suggestions(case_id))
}

/// The money trail: pictures, hops, the loss computation.
#[tauri::command(async)]
#[specta::specta]
pub fn money_trail(state: State<'_, AppState>, case_id: i32) -> Result<MoneyTrail, AppError> {
    state.with_store(|s| s.money_trail(case_id))
}
