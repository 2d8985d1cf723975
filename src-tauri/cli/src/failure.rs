//! How the CLI fails: one plain line on stderr and exit code 1.

use casefile_core::CoreError;

/// A failure of the CLI itself, or one from core; printed as one line.
#[derive(Debug)]
pub(crate) struct Failure(pub(crate) String);

impl From<CoreError> for Failure {
    fn from(e: CoreError) -> Self {
        Failure(e.to_string())
    }
}

/// Core's "please confirm" error, with how to confirm on the command line.
pub(crate) fn confirm_hint(e: CoreError) -> Failure {
    match e {
        CoreError::NeedsConfirmation { warnings } => Failure(format!(
            "Please check before saving: {} Nothing was saved. If the original really reads like this, run the command again with --accept-warnings.",
            warnings.join(" ")
        )),
        other => other.into(),
    }
}
