//! Tauri commands, one module per domain, named like core's `store/` modules. Each parses its
//! arguments, calls one core function and maps the error; no SQL and no business rule lives here.

pub mod accounts;
pub mod cases;
pub mod chats;
pub mod contacts;
pub mod deleted;
pub mod dossier;
pub mod drafts;
pub mod events;
pub mod evidence;
pub mod formats;
pub mod search;
pub mod session;
pub mod statements;
pub mod subjects;
pub mod timeline;
pub mod transfers;

use casefile_core::ErrorKind;
use serde::Serialize;

/// An error as the window receives it: its kind (a closed union in TypeScript), a message for
/// the person, the form field it is about, and — for a confirmation request — the warnings as a list.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
    /// The input field a validation error is about.
    pub field: Option<String>,
    /// For `needs_confirmation`: each warning, one per entry.
    pub warnings: Vec<String>,
}

impl AppError {
    fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        AppError {
            kind,
            message: message.into(),
            field: None,
            warnings: Vec::new(),
        }
    }

    /// The store is locked (after "Lock" or the idle timer).
    pub fn locked() -> Self {
        Self::new(
            ErrorKind::Locked,
            "The case file is locked. Unlock it with your passphrase to continue.",
        )
    }

    /// Input that cannot be used, outside core's own checks (e.g. two passphrases differ).
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError {
            field: Some(field.to_string()),
            ..Self::new(ErrorKind::Invalid, message)
        }
    }

    /// A desktop service (opener, file manager) failed.
    pub fn io(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Io, message)
    }
}

impl From<casefile_core::CoreError> for AppError {
    fn from(e: casefile_core::CoreError) -> Self {
        AppError {
            kind: e.kind(),
            message: e.to_string(),
            field: e.field().map(String::from),
            warnings: e.warnings().to_vec(),
        }
    }
}

/// Actor name written into the audit log for changes made in the window.
pub const ACTOR: &str = "casefile-app";
