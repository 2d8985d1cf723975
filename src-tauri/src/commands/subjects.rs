//! Subjects (scammers, fake platforms, intermediaries) and their identifiers.

use casefile_core::model::{Identifier, IdentifierInput, Subject, SubjectInput};
use tauri::State;

use super::AppError;
use crate::AppState;

/// Every subject of a case with its identifiers.
#[tauri::command(async)]
#[specta::specta]
pub fn list_subjects(state: State<'_, AppState>, case_id: i32) -> Result<Vec<Subject>, AppError> {
    state.with_store(|s| s.list_subjects(case_id))
}

/// Adds a subject.
#[tauri::command(async)]
#[specta::specta]
pub fn add_subject(
    state: State<'_, AppState>,
    case_id: i32,
    input: SubjectInput,
) -> Result<Subject, AppError> {
    state.with_store(|s| s.add_subject(case_id, &input))
}

/// Changes a subject.
#[tauri::command(async)]
#[specta::specta]
pub fn update_subject(
    state: State<'_, AppState>,
    id: i32,
    input: SubjectInput,
) -> Result<Subject, AppError> {
    state.with_store(|s| s.update_subject(id, &input))
}

/// Deletes a subject and its identifiers.
#[tauri::command(async)]
#[specta::specta]
pub fn delete_subject(state: State<'_, AppState>, id: i32) -> Result<(), AppError> {
    state.with_store(|s| s.delete_subject(id))
}

/// Checks an identifier without saving: the warnings to show.
#[tauri::command(async)]
#[specta::specta]
pub fn check_identifier(
    state: State<'_, AppState>,
    input: IdentifierInput,
) -> Result<Vec<String>, AppError> {
    state.with_store(|s| s.check_identifier(&input))
}

/// Adds an identifier.
#[tauri::command(async)]
#[specta::specta]
pub fn add_identifier(
    state: State<'_, AppState>,
    case_id: i32,
    input: IdentifierInput,
) -> Result<Identifier, AppError> {
    state.with_store(|s| s.add_identifier(case_id, &input))
}

/// Changes an identifier.
#[tauri::command(async)]
#[specta::specta]
pub fn update_identifier(
    state: State<'_, AppState>,
    id: i32,
    input: IdentifierInput,
) -> Result<Identifier, AppError> {
    state.with_store(|s| s.update_identifier(id, &input))
}

/// Deletes an identifier.
#[tauri::command(async)]
#[specta::specta]
pub fn delete_identifier(state: State<'_, AppState>, id: i32) -> Result<(), AppError> {
    state.with_store(|s| s.delete_identifier(id))
}

/// Identifiers of a case that belong to no subject.
#[tauri::command(async)]
#[specta::specta]
pub fn list_identifiers(
    state: State<'_, AppState>,
    case_id: i32,
) -> Result<Vec<Identifier>, AppError> {
    state.with_store(|s| s.list_identifiers(case_id))
}
