//! One search over every case.

use casefile_core::model::SearchResults;
use tauri::State;

use super::AppError;
use crate::AppState;

/// Records of every case that mention all the words of `text`, with where they are.
#[tauri::command(async)]
#[specta::specta]
pub fn search(
    state: State<'_, AppState>,
    text: String,
    limit: u32,
) -> Result<SearchResults, AppError> {
    state.with_store(|s| s.search(&text, limit))
}
