//! Tauri commands, one module per screen area. Each parses its arguments, calls one core
//! function and maps the error; no SQL and no business rule lives here.

pub mod cases;
pub mod dossier;
pub mod records;
pub mod session;

use serde::Serialize;

/// An error as the window receives it: a stable `kind` and a message for the person.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppError {
    pub kind: String,
    pub message: String,
}

impl AppError {
    /// The store is locked (after "Lock" or the idle timer).
    pub fn locked() -> Self {
        AppError {
            kind: "locked".into(),
            message: "The case file is locked. Unlock it with your passphrase to continue.".into(),
        }
    }
}

impl From<casefile_core::CoreError> for AppError {
    fn from(e: casefile_core::CoreError) -> Self {
        AppError {
            kind: e.kind().into(),
            message: e.to_string(),
        }
    }
}

/// Actor name written into the audit log for changes made in the window.
pub const ACTOR: &str = "casefile-app";
