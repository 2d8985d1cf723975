//! Evidence items: files added to a case, their captions and capture times.

use base64::Engine as _;
use casefile_core::model::{CaptureTimeChange, Evidence, EvidenceUpdate, IntakeResult};
use tauri::State;

use super::AppError;
use crate::AppState;

/// Every evidence item of a case.
#[tauri::command(async)]
#[specta::specta]
pub fn list_evidence(state: State<'_, AppState>, case_id: i32) -> Result<Vec<Evidence>, AppError> {
    state.with_store(|s| s.list_evidence(case_id))
}

/// Starts adding several files to a case; times written without a zone are read in
/// `device_zone` (the phone's), or the case's zone when `None`. Returns the zone used.
#[tauri::command(async)]
#[specta::specta]
pub fn begin_intake(
    state: State<'_, AppState>,
    case_id: i32,
    device_zone: Option<String>,
) -> Result<String, AppError> {
    let mut intake = state.intake();
    let started = state.with_store_in_intake(|s| {
        if let Some(open) = intake.take() {
            s.finish_intake(open)?;
        }
        s.begin_intake(case_id, device_zone.as_deref())
    })?;
    let zone = started.device_zone().to_string();
    *intake = Some(started);
    Ok(zone)
}

/// Commits the files of the intake in progress.
#[tauri::command(async)]
#[specta::specta]
pub fn finish_intake(state: State<'_, AppState>) -> Result<(), AppError> {
    let mut intake = state.intake();
    match intake.take() {
        Some(open) => state.with_store_in_intake(|s| s.finish_intake(open).map(|_| ())),
        None => Ok(()),
    }
}

/// Makes the next few pending previews (decoding outside the store's lock, on all cores).
/// Returns how many were made; 0 when none are left.
#[tauri::command]
#[specta::specta]
pub async fn make_previews(state: State<'_, AppState>) -> Result<u32, AppError> {
    let batch = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
    let todo = state.with_store(|s| s.pending_previews(batch))?;
    if todo.is_empty() {
        return Ok(0);
    }
    let done =
        tauri::async_runtime::spawn_blocking(move || casefile_core::evidence::make_previews(todo))
            .await
            .map_err(|_| {
                AppError::invalid(
                    "previews",
                    "Casefile could not make the previews. They will be tried again.",
                )
            })?;
    let made = done.len() as u32;
    state.with_store(|s| s.save_previews(&done))?;
    Ok(made)
}

/// Moves the capture times of several items by `minutes`.
#[tauri::command(async)]
#[specta::specta]
pub fn shift_capture_times(
    state: State<'_, AppState>,
    case_id: i32,
    ids: Vec<i32>,
    minutes: i32,
) -> Result<CaptureTimeChange, AppError> {
    state.with_store(|s| s.shift_capture_times(case_id, &ids, minutes))
}

/// Reads the zone-less capture times of several items in `zone`.
#[tauri::command(async)]
#[specta::specta]
pub fn set_capture_zone(
    state: State<'_, AppState>,
    case_id: i32,
    ids: Vec<i32>,
    zone: String,
) -> Result<CaptureTimeChange, AppError> {
    state.with_store(|s| s.set_capture_zone(case_id, &ids, &zone))
}

/// Adds one file's bytes (base64, as read by the window from a file picker, a drop or a paste),
/// as part of the intake in progress when there is one for this case.
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
    let mut intake = state.intake();
    state.with_store_in_intake(|s| match intake.as_mut() {
        Some(open) if open.case_id() == case_id => {
            s.intake_bytes(open, &file_name, &bytes, modified, "")
        }
        _ => s.add_evidence(case_id, &file_name, &bytes, modified, ""),
    })
}

/// Changes an evidence item's caption or corrects its capture time.
#[tauri::command(async)]
#[specta::specta]
pub fn update_evidence(
    state: State<'_, AppState>,
    id: i32,
    update: EvidenceUpdate,
) -> Result<Evidence, AppError> {
    state.with_store(|s| s.update_evidence(id, &update))
}

/// Deletes an evidence item.
#[tauri::command(async)]
#[specta::specta]
pub fn delete_evidence(state: State<'_, AppState>, id: i32) -> Result<(), AppError> {
    state.with_store(|s| s.delete_evidence(id))
}
