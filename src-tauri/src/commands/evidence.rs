//! Evidence items: files added to a case, their captions and capture times.

use base64::Engine as _;
use casefile_core::model::{Evidence, EvidenceUpdate, IntakeResult};
use tauri::State;

use super::AppError;
use crate::AppState;

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
