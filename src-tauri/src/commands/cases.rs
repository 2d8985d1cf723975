//! The case list and case details.

use casefile_core::model::{Case, CaseDetails, CaseFilter, CaseStatus, CaseSummary};
use serde::Serialize;
use tauri::State;

use super::AppError;
use crate::AppState;

/// Cases matching the filter, most recently changed first.
#[tauri::command]
#[specta::specta]
pub fn list_cases(
    state: State<'_, AppState>,
    filter: CaseFilter,
) -> Result<Vec<CaseSummary>, AppError> {
    state.with_store(|s| s.list_cases(&filter))
}

/// Creates a case with a title.
#[tauri::command]
#[specta::specta]
pub fn create_case(state: State<'_, AppState>, title: String) -> Result<Case, AppError> {
    state.with_store(|s| s.create_case(&title))
}

/// One case with all its details.
#[tauri::command]
#[specta::specta]
pub fn get_case(state: State<'_, AppState>, id: i32) -> Result<Case, AppError> {
    state.with_store(|s| s.get_case(id))
}

/// Saves a case's details (title, references, victim, currency, time zone, status, statement).
#[tauri::command]
#[specta::specta]
pub fn update_case(
    state: State<'_, AppState>,
    id: i32,
    details: CaseDetails,
) -> Result<Case, AppError> {
    state.with_store(|s| s.update_case(id, &details))
}

/// Archives a case or brings it back.
#[tauri::command]
#[specta::specta]
pub fn set_case_archived(
    state: State<'_, AppState>,
    id: i32,
    archived: bool,
) -> Result<Case, AppError> {
    state.with_store(|s| s.set_case_archived(id, archived))
}

/// The choices offered in the case form.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ReferenceLists {
    pub currencies: Vec<String>,
    pub time_zones: Vec<String>,
    pub statuses: Vec<CaseStatus>,
}

/// Currency codes, time zones and statuses for the case form.
#[tauri::command]
#[specta::specta]
pub fn reference_lists() -> ReferenceLists {
    ReferenceLists {
        currencies: casefile_core::validate::currency_codes()
            .into_iter()
            .map(String::from)
            .collect(),
        time_zones: casefile_core::validate::time_zones(),
        statuses: CaseStatus::ALL.to_vec(),
    }
}
