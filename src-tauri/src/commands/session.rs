//! Welcome, unlock, lock, passphrase and settings.

use casefile_core::model::{PassphraseStrength, Settings};
use casefile_core::{passphrase, store, Store};
use serde::Serialize;
use tauri::State;

use super::{AppError, ACTOR};
use crate::AppState;

/// What the window needs to decide which screen to show.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppStatus {
    /// Where the case file is (or will be created).
    pub store_path: String,
    /// Whether a case file exists there.
    pub store_exists: bool,
    /// Whether it is unlocked in this session.
    pub unlocked: bool,
    /// Settings, while unlocked.
    pub settings: Option<Settings>,
}

fn status(state: &AppState) -> Result<AppStatus, AppError> {
    let slot = state.slot();
    let settings = match slot.as_ref() {
        Some(s) => Some(s.settings()?),
        None => None,
    };
    Ok(AppStatus {
        store_path: state.store_path.display().to_string(),
        store_exists: store::exists(&state.store_path),
        unlocked: slot.is_some(),
        settings,
    })
}

/// Which screen to show: welcome (no store yet), unlock, or the cases.
#[tauri::command(async)]
#[specta::specta]
pub fn app_status(state: State<'_, AppState>) -> Result<AppStatus, AppError> {
    status(&state)
}

/// How strong a passphrase being chosen is, with a hint.
#[tauri::command]
#[specta::specta]
pub fn passphrase_strength(passphrase: String) -> PassphraseStrength {
    passphrase::strength(&passphrase)
}

/// Creates the encrypted case file on first run and leaves it unlocked.
#[tauri::command]
#[specta::specta]
pub async fn create_store(
    state: State<'_, AppState>,
    passphrase: String,
    confirmation: String,
) -> Result<AppStatus, AppError> {
    if passphrase != confirmation {
        return Err(AppError::invalid(
            "confirmation",
            "The two passphrases are not the same. Type the same passphrase in both boxes.",
        ));
    }
    let created = Store::create(&state.store_path, &passphrase, ACTOR)?;
    *state.slot() = Some(created);
    status(&state)
}

/// Unlocks the case file with the passphrase.
#[tauri::command]
#[specta::specta]
pub async fn unlock(state: State<'_, AppState>, passphrase: String) -> Result<AppStatus, AppError> {
    let opened = Store::open(&state.store_path, &passphrase, ACTOR)?;
    *state.slot() = Some(opened);
    status(&state)
}

/// Locks the case file: the key and the connection are dropped from memory.
#[tauri::command(async)]
#[specta::specta]
pub fn lock(state: State<'_, AppState>) -> Result<AppStatus, AppError> {
    // Closing the store commits what an unfinished intake stored.
    state.intake().take();
    if let Some(store) = state.slot().take() {
        store.close()?;
    }
    status(&state)
}

/// Changes the passphrase; every record is kept.
#[tauri::command]
#[specta::specta]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    current: String,
    new_passphrase: String,
    confirmation: String,
) -> Result<(), AppError> {
    if new_passphrase != confirmation {
        return Err(AppError::invalid(
            "confirmation",
            "The two new passphrases are not the same. Type the same new passphrase in both boxes.",
        ));
    }
    state.with_store(|s| s.change_passphrase(&current, &new_passphrase))
}

/// Saves the settings (e.g. minutes until the automatic lock).
#[tauri::command(async)]
#[specta::specta]
pub fn update_settings(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, AppError> {
    state.with_store(|s| s.update_settings(&settings))
}
