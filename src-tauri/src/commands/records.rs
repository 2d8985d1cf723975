//! Transfers, subjects and identifiers, events, evidence and the timeline of a case.

use base64::Engine as _;
use casefile_core::model::*;
use tauri::State;

use super::AppError;
use crate::AppState;

/// Checks a transfer without saving: the warnings to show (an error for what must be fixed).
#[tauri::command]
#[specta::specta]
pub fn check_transfer(
    state: State<'_, AppState>,
    case_id: i32,
    input: TransferInput,
) -> Result<Vec<String>, AppError> {
    state.with_store(|s| s.check_transfer(case_id, &input))
}

/// Adds a transfer (refused with `needs_confirmation` while warnings are not accepted).
#[tauri::command]
#[specta::specta]
pub fn add_transfer(
    state: State<'_, AppState>,
    case_id: i32,
    input: TransferInput,
) -> Result<Transfer, AppError> {
    state.with_store(|s| s.add_transfer(case_id, &input))
}

/// Changes a transfer.
#[tauri::command]
#[specta::specta]
pub fn update_transfer(
    state: State<'_, AppState>,
    id: i32,
    input: TransferInput,
) -> Result<Transfer, AppError> {
    state.with_store(|s| s.update_transfer(id, &input))
}

/// Deletes a transfer (the audit log keeps that it existed).
#[tauri::command]
#[specta::specta]
pub fn delete_transfer(state: State<'_, AppState>, id: i32) -> Result<(), AppError> {
    state.with_store(|s| s.delete_transfer(id))
}

/// Every transfer of a case, oldest first.
#[tauri::command]
#[specta::specta]
pub fn list_transfers(state: State<'_, AppState>, case_id: i32) -> Result<Vec<Transfer>, AppError> {
    state.with_store(|s| s.list_transfers(case_id))
}

/// Loss totals of a case.
#[tauri::command]
#[specta::specta]
pub fn loss_summary(state: State<'_, AppState>, case_id: i32) -> Result<LossSummary, AppError> {
    state.with_store(|s| s.loss_summary(case_id))
}

/// Every subject of a case with its identifiers.
#[tauri::command]
#[specta::specta]
pub fn list_subjects(state: State<'_, AppState>, case_id: i32) -> Result<Vec<Subject>, AppError> {
    state.with_store(|s| s.list_subjects(case_id))
}

/// Adds a subject.
#[tauri::command]
#[specta::specta]
pub fn add_subject(
    state: State<'_, AppState>,
    case_id: i32,
    input: SubjectInput,
) -> Result<Subject, AppError> {
    state.with_store(|s| s.add_subject(case_id, &input))
}

/// Changes a subject.
#[tauri::command]
#[specta::specta]
pub fn update_subject(
    state: State<'_, AppState>,
    id: i32,
    input: SubjectInput,
) -> Result<Subject, AppError> {
    state.with_store(|s| s.update_subject(id, &input))
}

/// Deletes a subject and its identifiers.
#[tauri::command]
#[specta::specta]
pub fn delete_subject(state: State<'_, AppState>, id: i32) -> Result<(), AppError> {
    state.with_store(|s| s.delete_subject(id))
}

/// Checks an identifier without saving: the warnings to show.
#[tauri::command]
#[specta::specta]
pub fn check_identifier(
    state: State<'_, AppState>,
    input: IdentifierInput,
) -> Result<Vec<String>, AppError> {
    state.with_store(|s| s.check_identifier(&input))
}

/// Adds an identifier.
#[tauri::command]
#[specta::specta]
pub fn add_identifier(
    state: State<'_, AppState>,
    case_id: i32,
    input: IdentifierInput,
) -> Result<Identifier, AppError> {
    state.with_store(|s| s.add_identifier(case_id, &input))
}

/// Changes an identifier.
#[tauri::command]
#[specta::specta]
pub fn update_identifier(
    state: State<'_, AppState>,
    id: i32,
    input: IdentifierInput,
) -> Result<Identifier, AppError> {
    state.with_store(|s| s.update_identifier(id, &input))
}

/// Deletes an identifier.
#[tauri::command]
#[specta::specta]
pub fn delete_identifier(state: State<'_, AppState>, id: i32) -> Result<(), AppError> {
    state.with_store(|s| s.delete_identifier(id))
}

/// Identifiers of a case that belong to no subject.
#[tauri::command]
#[specta::specta]
pub fn list_identifiers(
    state: State<'_, AppState>,
    case_id: i32,
) -> Result<Vec<Identifier>, AppError> {
    state.with_store(|s| s.list_identifiers(case_id))
}

/// Adds an event to the timeline.
#[tauri::command]
#[specta::specta]
pub fn add_event(
    state: State<'_, AppState>,
    case_id: i32,
    input: EventInput,
) -> Result<Event, AppError> {
    state.with_store(|s| s.add_event(case_id, &input))
}

/// Changes an event.
#[tauri::command]
#[specta::specta]
pub fn update_event(
    state: State<'_, AppState>,
    id: i32,
    input: EventInput,
) -> Result<Event, AppError> {
    state.with_store(|s| s.update_event(id, &input))
}

/// One event (for editing).
#[tauri::command]
#[specta::specta]
pub fn get_event(state: State<'_, AppState>, id: i32) -> Result<Event, AppError> {
    state.with_store(|s| s.get_event(id))
}

/// Deletes an event.
#[tauri::command]
#[specta::specta]
pub fn delete_event(state: State<'_, AppState>, id: i32) -> Result<(), AppError> {
    state.with_store(|s| s.delete_event(id))
}

/// One page of the timeline.
#[tauri::command]
#[specta::specta]
pub fn timeline(
    state: State<'_, AppState>,
    case_id: i32,
    query: TimelineQuery,
) -> Result<TimelinePage, AppError> {
    state.with_store(|s| s.timeline(case_id, &query))
}

/// Every evidence item of a case.
#[tauri::command]
#[specta::specta]
pub fn list_evidence(state: State<'_, AppState>, case_id: i32) -> Result<Vec<Evidence>, AppError> {
    state.with_store(|s| s.list_evidence(case_id))
}

/// Adds one file's bytes (base64, as read by the window from a file picker, a drop or a paste).
/// `modified_ms` is the file's last-modified time in milliseconds since 1970, if known.
#[tauri::command]
#[specta::specta]
pub async fn add_evidence(
    state: State<'_, AppState>,
    case_id: i32,
    file_name: String,
    content_base64: String,
    modified_ms: Option<f64>,
) -> Result<IntakeResult, AppError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(content_base64.as_bytes())
        .map_err(|_| {
            AppError::invalid(
                "content_base64",
                format!("\"{file_name}\" could not be read completely. Try adding it again."),
            )
        })?;
    let modified = modified_ms.and_then(|ms| chrono::DateTime::from_timestamp_millis(ms as i64));
    state.with_store(|s| s.add_evidence(case_id, &file_name, &bytes, modified, ""))
}

/// Changes an evidence item's caption or corrects its capture time.
#[tauri::command]
#[specta::specta]
pub fn update_evidence(
    state: State<'_, AppState>,
    id: i32,
    update: EvidenceUpdate,
) -> Result<Evidence, AppError> {
    state.with_store(|s| s.update_evidence(id, &update))
}

/// Deletes an evidence item.
#[tauri::command]
#[specta::specta]
pub fn delete_evidence(state: State<'_, AppState>, id: i32) -> Result<(), AppError> {
    state.with_store(|s| s.delete_evidence(id))
}
