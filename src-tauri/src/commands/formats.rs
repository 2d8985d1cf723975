//! The person's formats, and dates and amounts read as they type them.

use casefile_core::model::{AmountReading, Formats, TimeReading};
use tauri::State;

use super::AppError;
use crate::AppState;

/// The person's formats; `None` until set once (the window then takes them from the system).
#[tauri::command(async)]
#[specta::specta]
pub fn get_formats(state: State<'_, AppState>) -> Result<Option<Formats>, AppError> {
    state.with_store(|s| s.formats())
}

/// Saves the person's date order and decimal mark.
#[tauri::command(async)]
#[specta::specta]
pub fn set_formats(state: State<'_, AppState>, formats: Formats) -> Result<Formats, AppError> {
    state.with_store(|s| s.set_formats(&formats))
}

/// A typed date (and time) read by the person's formats, shown back in words, or both readings
/// when it can be read two ways.
#[tauri::command(async)]
#[specta::specta]
pub fn read_time(
    state: State<'_, AppState>,
    case_id: Option<i32>,
    text: String,
    date_only: bool,
) -> Result<TimeReading, AppError> {
    state.with_store(|s| s.read_time(case_id, &text, date_only))
}

/// A typed amount read by the person's decimal mark, shown back exactly.
#[tauri::command(async)]
#[specta::specta]
pub fn read_amount(state: State<'_, AppState>, text: String) -> Result<AmountReading, AppError> {
    state.with_store(|s| s.read_amount(&text))
}
