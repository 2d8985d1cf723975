//! How the CLI fails: one plain line on stderr and exit code 1, or quietly when whoever reads
//! the output has stopped reading (`casefile timeline 1 | head`).

use casefile_core::CoreError;

/// A failure of the CLI itself, or one from core.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Printed as one line on stderr; exit code 1.
    Message(String),
    /// Standard output was closed by its reader: there is no one left to tell; exit code 0.
    OutputClosed,
}

impl From<CoreError> for Failure {
    fn from(e: CoreError) -> Self {
        Failure::Message(e.to_string())
    }
}

/// Core's "please confirm" error, with how to confirm on the command line.
pub(crate) fn confirm_hint(e: CoreError) -> Failure {
    match e {
        CoreError::NeedsConfirmation { warnings } => Failure::Message(format!(
            "Please check before saving: {} Nothing was saved. If the original really reads like this, run the command again with --accept-warnings.",
            warnings.join(" ")
        )),
        other => other.into(),
    }
}
