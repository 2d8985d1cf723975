//! Chats: import an export (chosen with the system's dialog, or read by the window from a
//! dropped file), read messages, mark key messages, accept suggestions, undo an import.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use base64::Engine as _;
use casefile_core::model::{
    AcceptedOutcome, AcceptedSuggestion, Chat, ChatImportOptions, ChatImportSummary, ChatPage,
    ChatPreview, ChatQuery, ChatSuggestion,
};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::AppError;
use crate::AppState;

/// Where the export comes from.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum ChatSource {
    /// A file chosen with [`choose_chat_export`] in this session.
    Path { path: String },
    /// A file the window read (dropped or picked), as base64.
    Bytes {
        name: String,
        content_base64: String,
    },
}

/// How far an import has got.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ChatImportProgress {
    pub done: u32,
    pub total: u32,
}

/// Asks for the chat export with the system's open dialog. `None` when the person cancels.
#[tauri::command]
#[specta::specta]
pub async fn choose_chat_export(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, AppError> {
    let chosen = app
        .dialog()
        .file()
        .add_filter("Chat export", &["zip", "txt", "json", "html"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok());
    Ok(chosen.map(|p| {
        state.remember_chosen(&p);
        p.display().to_string()
    }))
}

fn with_source<T>(
    state: &AppState,
    source: ChatSource,
    by_path: impl FnOnce(&mut casefile_core::Store, PathBuf) -> casefile_core::Result<T>,
    by_bytes: impl FnOnce(&mut casefile_core::Store, String, Vec<u8>) -> casefile_core::Result<T>,
) -> Result<T, AppError> {
    match source {
        ChatSource::Path { path } => {
            let path = state.chosen(&path)?;
            state.with_store(|s| by_path(s, path))
        }
        ChatSource::Bytes {
            name,
            content_base64,
        } => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(content_base64.as_bytes())
                .map_err(|_| {
                    AppError::invalid(
                        "content_base64",
                        format!("\"{name}\" could not be read completely. Try again."),
                    )
                })?;
            state.with_store(|s| by_bytes(s, name, bytes))
        }
    }
}

/// The name and bytes of a file chosen with a dialog in this session (read up to the largest
/// statement Casefile reads) or sent by the window.
pub(crate) fn source_bytes(
    state: &AppState,
    source: ChatSource,
) -> Result<(String, Vec<u8>), AppError> {
    with_source(
        state,
        source,
        |_, path| casefile_core::store::read_statement_file(&path),
        |_, name, bytes| Ok((name, bytes)),
    )
}

/// What an export holds (format, participants, first and last messages with their times,
/// the date-order question if any), without storing anything.
#[tauri::command]
#[specta::specta]
pub async fn preview_chat(
    state: State<'_, AppState>,
    case_id: i32,
    source: ChatSource,
    options: ChatImportOptions,
) -> Result<ChatPreview, AppError> {
    with_source(
        &state,
        source,
        |s, path| s.preview_chat(case_id, &path, &options),
        |s, name, bytes| s.preview_chat_bytes(case_id, &name, bytes, &options),
    )
}

/// Imports the export, all or nothing, reporting progress; [`stop_chat_import`] stops it
/// (then nothing is stored).
#[tauri::command]
#[specta::specta]
pub async fn import_chat(
    state: State<'_, AppState>,
    case_id: i32,
    source: ChatSource,
    options: ChatImportOptions,
    on_progress: Channel<ChatImportProgress>,
) -> Result<ChatImportSummary, AppError> {
    state.stop_import.store(false, Ordering::SeqCst);
    let stop = &state.stop_import;
    // Only reads what it captures, so both ways of reading the export can share it.
    let progress = |p: casefile_core::store::ChatImportProgress| {
        let _ = on_progress.send(ChatImportProgress {
            done: p.done,
            total: p.total,
        });
        !stop.load(Ordering::SeqCst)
    };
    with_source(
        &state,
        source,
        |s, path| s.import_chat(case_id, &path, &options, &mut { progress }),
        |s, name, bytes| s.import_chat_bytes(case_id, &name, bytes, &options, &mut { progress }),
    )
}

/// Asks a running import to stop.
#[tauri::command]
#[specta::specta]
pub fn stop_chat_import(state: State<'_, AppState>) {
    state.stop_import.store(true, Ordering::SeqCst);
}

/// Every chat of a case.
#[tauri::command(async)]
#[specta::specta]
pub fn list_chats(state: State<'_, AppState>, case_id: i32) -> Result<Vec<Chat>, AppError> {
    state.with_store(|s| s.list_chats(case_id))
}

/// A page of a chat's messages.
#[tauri::command(async)]
#[specta::specta]
pub fn chat_messages(
    state: State<'_, AppState>,
    chat_id: i32,
    query: ChatQuery,
) -> Result<ChatPage, AppError> {
    state.with_store(|s| s.chat_messages(chat_id, &query))
}

/// Marks messages as key messages (or not).
#[tauri::command(async)]
#[specta::specta]
pub fn set_key_messages(
    state: State<'_, AppState>,
    chat_id: i32,
    ids: Vec<i32>,
    is_key: bool,
) -> Result<(), AppError> {
    state.with_store(|s| s.set_key_messages(chat_id, &ids, is_key))
}

/// Undoes one import of a chat.
#[tauri::command(async)]
#[specta::specta]
pub fn undo_chat_import(state: State<'_, AppState>, import_id: i32) -> Result<(), AppError> {
    state.with_store(|s| s.undo_chat_import(import_id))
}

/// What the chat's messages mention that could be added to the case.
#[tauri::command]
#[specta::specta]
pub async fn chat_suggestions(
    state: State<'_, AppState>,
    chat_id: i32,
) -> Result<Vec<ChatSuggestion>, AppError> {
    state.with_store(|s| s.chat_suggestions(chat_id))
}

/// Adds the suggestions the person accepted.
#[tauri::command(async)]
#[specta::specta]
pub fn accept_chat_suggestions(
    state: State<'_, AppState>,
    chat_id: i32,
    accepted: Vec<AcceptedSuggestion>,
    subject_id: Option<i32>,
) -> Result<AcceptedOutcome, AppError> {
    state.with_store(|s| s.accept_chat_suggestions(chat_id, &accepted, subject_id))
}
