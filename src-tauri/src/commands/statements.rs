//! Statement imports: choose or drop a statement, preview every row, import the ticked ones,
//! undo; saved CSV profiles.

use std::sync::atomic::Ordering;

use casefile_core::model::{
    SavedStatementProfile, StatementImport, StatementImportOptions, StatementImportProgress,
    StatementImportSummary, StatementPreview,
};
use casefile_core::statement::csv::CsvProfile;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::chats::ChatSource;
use super::AppError;
use crate::AppState;

/// Asks for the statement file with the system's open dialog. `None` when the person cancels.
#[tauri::command]
#[specta::specta]
pub async fn choose_statement_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, AppError> {
    let chosen = app
        .dialog()
        .file()
        .add_filter(
            "Bank or exchange statement",
            &["csv", "txt", "ofx", "qfx", "xml"],
        )
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok());
    Ok(chosen.map(|p| {
        state.remember_chosen(&p);
        p.display().to_string()
    }))
}

/// The file's name and bytes, from a chosen path or from the window.
fn read_source(state: &AppState, source: ChatSource) -> Result<(String, Vec<u8>), AppError> {
    super::chats::source_bytes(state, source)
}

/// Every row of a statement, read with `profile` (CSV) or as Casefile proposes; nothing stored.
/// `account_id`: the case's account the statement is of, once chosen.
#[tauri::command]
#[specta::specta]
pub async fn preview_statement(
    state: State<'_, AppState>,
    case_id: i32,
    source: ChatSource,
    profile: Option<CsvProfile>,
    account_id: Option<i32>,
) -> Result<StatementPreview, AppError> {
    let (name, bytes) = read_source(&state, source)?;
    state.with_store(|s| {
        s.preview_statement_of(case_id, &name, &bytes, profile.as_ref(), account_id)
    })
}

/// Imports the ticked rows, all or nothing, reporting progress; [`stop_statement_import`]
/// stops it (then nothing is stored).
#[tauri::command]
#[specta::specta]
pub async fn import_statement(
    state: State<'_, AppState>,
    case_id: i32,
    source: ChatSource,
    options: StatementImportOptions,
    on_progress: Channel<StatementImportProgress>,
) -> Result<StatementImportSummary, AppError> {
    let (name, bytes) = read_source(&state, source)?;
    state.stop_import.store(false, Ordering::SeqCst);
    let stop = &state.stop_import;
    let mut progress = |p: StatementImportProgress| {
        let _ = on_progress.send(p);
        !stop.load(Ordering::SeqCst)
    };
    state.with_store(|s| s.import_statement(case_id, &name, &bytes, &options, &mut progress))
}

/// Asks a running statement import to stop.
#[tauri::command]
#[specta::specta]
pub fn stop_statement_import(state: State<'_, AppState>) {
    state.stop_import.store(true, Ordering::SeqCst);
}

/// The statement imports of a case.
#[tauri::command(async)]
#[specta::specta]
pub fn list_statement_imports(
    state: State<'_, AppState>,
    case_id: i32,
) -> Result<Vec<StatementImport>, AppError> {
    state.with_store(|s| s.list_statement_imports(case_id))
}

/// Undoes a statement import.
#[tauri::command(async)]
#[specta::specta]
pub fn undo_statement_import(state: State<'_, AppState>, import_id: i32) -> Result<(), AppError> {
    state.with_store(|s| s.undo_statement_import(import_id))
}

/// Saved CSV profiles.
#[tauri::command(async)]
#[specta::specta]
pub fn list_statement_profiles(
    state: State<'_, AppState>,
) -> Result<Vec<SavedStatementProfile>, AppError> {
    state.with_store(|s| s.list_statement_profiles())
}

/// Forgets a saved CSV profile.
#[tauri::command(async)]
#[specta::specta]
pub fn delete_statement_profile(state: State<'_, AppState>, name: String) -> Result<(), AppError> {
    state.with_store(|s| s.delete_statement_profile(&name))
}
