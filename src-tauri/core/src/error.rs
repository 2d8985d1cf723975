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
    #[error("{}", io_message(path, source))]
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

/// What kind of failure an error is: a stable, closed list that crosses into the window (as a
/// TypeScript union) and that the CLI matches on. Never compare error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    WrongPassphrase,
    NotACaseFile,
    StoreMissing,
    StoreExists,
    NewerFormat,
    WeakPassphrase,
    Invalid,
    NotFound,
    NeedsConfirmation,
    Refused,
    Io,
    Database,
    KeyDerivation,
    /// The store is locked (window only: after "Lock" or the idle timer).
    Locked,
    /// Something outside Casefile's own rules failed (a dialog, the opener, the IPC bridge).
    Internal,
}

impl CoreError {
    /// The kind of this error, for the UI and the CLI to act on.
    pub fn kind(&self) -> ErrorKind {
        match self {
            CoreError::WrongPassphrase => ErrorKind::WrongPassphrase,
            CoreError::NotACaseFile { .. } => ErrorKind::NotACaseFile,
            CoreError::StoreMissing { .. } => ErrorKind::StoreMissing,
            CoreError::StoreExists { .. } => ErrorKind::StoreExists,
            CoreError::NewerFormat { .. } => ErrorKind::NewerFormat,
            CoreError::WeakPassphrase(_) => ErrorKind::WeakPassphrase,
            CoreError::Invalid { .. } => ErrorKind::Invalid,
            CoreError::NotFound { .. } => ErrorKind::NotFound,
            CoreError::NeedsConfirmation { .. } => ErrorKind::NeedsConfirmation,
            CoreError::Refused(_) => ErrorKind::Refused,
            CoreError::Io { .. } => ErrorKind::Io,
            CoreError::Database(_) => ErrorKind::Database,
            CoreError::KeyDerivation(_) => ErrorKind::KeyDerivation,
        }
    }

    /// The form field a validation error is about, if any.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            CoreError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The warnings a `NeedsConfirmation` refusal asks about; empty for every other error.
    pub fn warnings(&self) -> &[String] {
        match self {
            CoreError::NeedsConfirmation { warnings } => warnings,
            _ => &[],
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

/// A plain message for a failed file operation, with the hint that fits the cause.
fn io_message(path: &std::path::Path, source: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let p = path.display();
    match source.kind() {
        K::NotFound => format!("Casefile could not find {p}. Check the file's name and folder, then try again."),
        K::PermissionDenied => format!("Casefile is not allowed to read or write {p}. Choose another folder, or check the file's permissions."),
        K::StorageFull => format!("The disk is full, so Casefile could not write {p}. Free some space and try again; nothing was changed."),
        K::IsADirectory => format!("{p} is a folder, not a file. Choose a file."),
        _ => format!("Casefile could not read or write {p} ({source}). Check that the disk has free space and that you may write to that folder."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_errors_give_the_hint_that_fits() {
        let missing = CoreError::io(
            std::path::Path::new("/x/a.png"),
            std::io::Error::from(std::io::ErrorKind::NotFound),
        );
        assert!(missing.to_string().contains("could not find"), "{missing}");
        assert!(!missing.to_string().contains("disk"), "{missing}");
        let denied = CoreError::io(
            std::path::Path::new("/x/a.png"),
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        assert!(denied.to_string().contains("not allowed"), "{denied}");
        assert_eq!(denied.kind(), ErrorKind::Io);
    }

    #[test]
    fn confirmation_warnings_stay_a_list() {
        let e = CoreError::NeedsConfirmation {
            warnings: vec!["First. Second sentence.".into(), "Other.".into()],
        };
        assert_eq!(e.kind(), ErrorKind::NeedsConfirmation);
        assert_eq!(e.warnings().len(), 2);
        assert!(CoreError::invalid("amount", "x").warnings().is_empty());
        assert_eq!(CoreError::invalid("amount", "x").field(), Some("amount"));
    }
}
