//! The one error type of the core crate. Every variant carries a message written for the
//! person using the app; the technical cause is kept separately for logs.

use std::path::PathBuf;

/// Result with the core error.
pub type Result<T, E = CoreError> = std::result::Result<T, E>;

/// Everything that can go wrong in the core, phrased for the person using Casefile.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The passphrase does not decrypt the store.
    #[error("That passphrase doesn't open this case file. Check for typing mistakes and Caps Lock, then try again.")]
    WrongPassphrase,

    /// The file is not a Casefile store (or is damaged beyond opening).
    #[error("The file {} is not a Casefile case file, or it is damaged. Nothing in it was changed. Choose another file, or restore it from a backup.", path.display())]
    NotACaseFile { path: PathBuf },

    /// No store exists at the path yet.
    #[error("There is no case file at {} yet. Create one first.", path.display())]
    StoreMissing { path: PathBuf },

    /// Refusing to overwrite an existing store.
    #[error("A case file already exists at {}. Unlock it instead, or choose another place for a new one.", path.display())]
    StoreExists { path: PathBuf },

    /// The store was written by a newer version of the app.
    #[error("This case file was made by a newer version of Casefile (format {found}, this version knows up to {known}). Update Casefile to open it; nothing was changed.")]
    NewerFormat { found: i64, known: i64 },

    /// The chosen passphrase is too weak to protect the case file.
    #[error("{0}")]
    WeakPassphrase(String),

    /// Input that does not pass validation; `message` says what to do.
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },

    /// Some values look wrong; the person must confirm before the record is saved with them.
    #[error("Please check before saving: {}", warnings.join(" "))]
    NeedsConfirmation { warnings: Vec<String> },

    /// A file that cannot be taken in (too large, unreadable).
    #[error("{0}")]
    Refused(String),

    /// A record that was asked for does not exist (or was deleted).
    #[error("That {what} could not be found. It may have been deleted; go back to the list and try again.")]
    NotFound { what: &'static str, id: i64 },

    /// Reading or writing a file failed.
    #[error("Casefile could not read or write {}: {source}. Check that the disk has free space and that you may write to that folder.", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The database reported an error; nothing was saved.
    #[error("The case file could not complete that change, so nothing was saved ({0}). Try again; if it keeps happening, make a copy of the case file and ask for help.")]
    Database(#[from] rusqlite::Error),

    /// Key derivation failed (only with impossible parameters).
    #[error("Casefile could not prepare the encryption key ({0}). Nothing was changed.")]
    KeyDerivation(String),
}

impl CoreError {
    /// A short, stable machine-readable name of the error, for the UI and the CLI.
    pub fn kind(&self) -> &'static str {
        match self {
            CoreError::WrongPassphrase => "wrong_passphrase",
            CoreError::NotACaseFile { .. } => "not_a_case_file",
            CoreError::StoreMissing { .. } => "store_missing",
            CoreError::StoreExists { .. } => "store_exists",
            CoreError::NewerFormat { .. } => "newer_format",
            CoreError::WeakPassphrase(_) => "weak_passphrase",
            CoreError::Invalid { .. } => "invalid",
            CoreError::NotFound { .. } => "not_found",
            CoreError::NeedsConfirmation { .. } => "needs_confirmation",
            CoreError::Refused(_) => "refused",
            CoreError::Io { .. } => "io",
            CoreError::Database(_) => "database",
            CoreError::KeyDerivation(_) => "key_derivation",
        }
    }

    /// Shorthand for a validation error.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        CoreError::Invalid {
            field,
            message: message.into(),
        }
    }

    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        CoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
