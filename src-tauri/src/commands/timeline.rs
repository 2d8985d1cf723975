//! The timeline of a case, one page at a time.

use casefile_core::model::{TimelinePage, TimelineQuery};
use tauri::State;

use super::AppError;
use crate::AppState;

/// One page of the timeline.
#[tauri::command(async)]
#[specta::specta]
pub fn timeline(
    state: State<'_, AppState>,
    case_id: i32,
    query: TimelineQuery,
) -> Result<TimelinePage, AppError> {
    state.with_store(|s| s.timeline(case_id, &query))
}
