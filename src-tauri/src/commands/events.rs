//! Events on the timeline of a case.

use casefile_core::model::{Event, EventInput};
use tauri::State;

use super::AppError;
use crate::AppState;

/// Adds an event to the timeline.
#[tauri::command(async)]
#[specta::specta]
pub fn add_event(
    state: State<'_, AppState>,
    case_id: i32,
    input: EventInput,
) -> Result<Event, AppError> {
    state.with_store(|s| s.add_event(case_id, &input))
}

/// Changes an event.
#[tauri::command(async)]
#[specta::specta]
pub fn update_event(
    state: State<'_, AppState>,
    id: i32,
    input: EventInput,
) -> Result<Event, AppError> {
    state.with_store(|s| s.update_event(id, &input))
}

/// One event (for editing).
#[tauri::command(async)]
#[specta::specta]
pub fn get_event(state: State<'_, AppState>, id: i32) -> Result<Event, AppError> {
    state.with_store(|s| s.get_event(id))
}

/// Deletes an event.
#[tauri::command(async)]
#[specta::specta]
pub fn delete_event(state: State<'_, AppState>, id: i32) -> Result<(), AppError> {
    state.with_store(|s| s.delete_event(id))
}
