//! Export the dossier (native save dialog, progress, open / show in folder) and verify a case.

use std::path::PathBuf;

use std::sync::atomic::Ordering;

use casefile_core::dossier::{self, DossierOptions, DossierProgress, SavedDossier, VerifyReport};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use super::AppError;
use crate::AppState;

/// Asks where to save, with the system's save dialog. `None` when the person cancels.
#[tauri::command]
#[specta::specta]
pub async fn choose_dossier_path(app: AppHandle, suggested_name: String) -> Option<String> {
    app.dialog()
        .file()
        .add_filter("PDF document", &["pdf"])
        .set_file_name(suggested_name)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
}

/// Makes the dossier and writes it (and its CSV companions) to `path`, reporting its pages and
/// pictures; [`stop_dossier_export`] stops it before anything is written.
#[tauri::command]
#[specta::specta]
pub async fn export_dossier(
    state: State<'_, AppState>,
    case_id: i32,
    options: DossierOptions,
    path: String,
    on_progress: Channel<DossierProgress>,
) -> Result<SavedDossier, AppError> {
    let pdf_path = PathBuf::from(&path);
    state.stop_export.store(false, Ordering::SeqCst);
    let stop = &state.stop_export;
    let saved = state.with_store(|s| {
        let files = s.export_dossier_with_progress(
            case_id,
            &options,
            chrono::Utc::now(),
            &mut |progress| {
                let _ = on_progress.send(progress);
                !stop.load(Ordering::SeqCst)
            },
        );
        // A Cancel pressed after the last picture still stops the writing.
        let stopped = stop.load(Ordering::SeqCst);
        let files = files?;
        if stopped {
            return Err(casefile_core::CoreError::Refused(
                "The dossier was not made: it was stopped. No file was written.".into(),
            ));
        }
        dossier::save(&files, &pdf_path)
    })?;
    state.remember_export(&saved);
    Ok(saved)
}

/// Stops the dossier being made (nothing is written).
#[tauri::command]
#[specta::specta]
pub fn stop_dossier_export(state: State<'_, AppState>) {
    state.stop_export.store(true, Ordering::SeqCst);
}

/// Opens an exported file in the system's viewer (only files this session exported).
#[tauri::command(async)]
#[specta::specta]
pub fn open_export(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> Result<(), AppError> {
    let path = state.exported(&path)?;
    app.opener().open_path(path.display().to_string(), None::<&str>).map_err(|e| AppError::io(format!("The file was saved, but no program could open it ({e}). Open it from its folder instead.")))
}

/// Shows an exported file in the file manager (only files this session exported).
#[tauri::command(async)]
#[specta::specta]
pub fn show_export_in_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> Result<(), AppError> {
    let path = state.exported(&path)?;
    app.opener().reveal_item_in_dir(&path).map_err(|e| {
        AppError::io(format!(
            "The file was saved at {}, but the folder could not be shown ({e}).",
            path.display()
        ))
    })
}

/// Re-hashes every evidence item and walks the audit chain.
#[tauri::command(async)]
#[specta::specta]
pub fn verify_case(state: State<'_, AppState>, case_id: i32) -> Result<VerifyReport, AppError> {
    state.with_store(|s| s.verify_case(case_id))
}
