//! The contact log of a case and the dashboard of cases.

use casefile_core::model::{Contact, ContactInput, DashboardRow};
use tauri::State;

use super::AppError;
use crate::AppState;

/// The case's contacts, newest first.
#[tauri::command(async)]
#[specta::specta]
pub fn list_contacts(state: State<'_, AppState>, case_id: i32) -> Result<Vec<Contact>, AppError> {
    state.with_store(|s| s.list_contacts(case_id))
}

/// Adds a contact to the case's log.
#[tauri::command(async)]
#[specta::specta]
pub fn add_contact(
    state: State<'_, AppState>,
    case_id: i32,
    input: ContactInput,
) -> Result<Contact, AppError> {
    state.with_store(|s| s.add_contact(case_id, &input))
}

/// Changes a contact (e.g. ticks its next step as done).
#[tauri::command(async)]
#[specta::specta]
pub fn update_contact(
    state: State<'_, AppState>,
    id: i32,
    input: ContactInput,
) -> Result<Contact, AppError> {
    state.with_store(|s| s.update_contact(id, &input))
}

/// Deletes a contact (it can be brought back from the deleted items).
#[tauri::command(async)]
#[specta::specta]
pub fn delete_contact(state: State<'_, AppState>, id: i32) -> Result<(), AppError> {
    state.with_store(|s| s.delete_contact(id))
}

/// Every case with its status, loss, last activity and next dated step.
#[tauri::command(async)]
#[specta::specta]
pub fn dashboard(
    state: State<'_, AppState>,
    include_archived: bool,
) -> Result<Vec<DashboardRow>, AppError> {
    state.with_store(|s| s.dashboard(include_archived))
}
