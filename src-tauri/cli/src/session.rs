//! Opening the case file: where the passphrase comes from, creating and unlocking the store.

use std::io::IsTerminal as _;
use std::path::Path;

use casefile_core::{store, CoreError, Store};

use crate::failure::Failure;
use crate::output::{outln, shown};

/// Who the audit log names for changes made here.
const ACTOR: &str = "casefile-cli";
const PASSPHRASE_ENV: &str = "CASEFILE_PASSPHRASE";

/// `casefile init`: creates an empty store, asking for the passphrase twice on a terminal.
pub(crate) fn init(path: &Path) -> Result<(), Failure> {
    if store::exists(path) {
        return Err(CoreError::StoreExists {
            path: path.to_path_buf(),
        }
        .into());
    }
    Store::create(path, &new_passphrase()?, ACTOR)?.close()?;
    outln!(
        "Created an empty encrypted case file at {}",
        shown(&path.display().to_string())
    )?;
    Ok(())
}

/// Unlocks the store at `path`.
pub(crate) fn open(path: &Path) -> Result<Store, Failure> {
    // Check for the file before asking for a passphrase, so the message is the useful one.
    if !store::exists(path) {
        return Err(CoreError::StoreMissing {
            path: path.to_path_buf(),
        }
        .into());
    }
    Ok(Store::open(path, &passphrase()?, ACTOR)?)
}

/// The passphrase from the environment, else asked for once.
fn passphrase() -> Result<String, Failure> {
    if let Some(p) = passphrase_from_env()? {
        return Ok(p);
    }
    ask("Passphrase: ")
}

/// A new passphrase from the environment, else asked for twice.
fn new_passphrase() -> Result<String, Failure> {
    if let Some(p) = passphrase_from_env()? {
        return Ok(p);
    }
    let first = ask("Passphrase: ")?;
    let again = ask("Type it again: ")?;
    if again != first {
        return Err(Failure::Message(
            "The two passphrases are not the same. Nothing was created; try again.".into(),
        ));
    }
    Ok(first)
}

fn passphrase_from_env() -> Result<Option<String>, Failure> {
    let Some(p) = std::env::var_os(PASSPHRASE_ENV) else {
        return Ok(None);
    };
    p.into_string().map(Some).map_err(|_| {
        Failure::Message(format!(
            "{PASSPHRASE_ENV} is set but is not valid text (UTF-8), so it cannot be the passphrase. Set it again from a UTF-8 terminal or script, or unset it to be asked for the passphrase."
        ))
    })
}

fn ask(prompt: &str) -> Result<String, Failure> {
    if !std::io::stdin().is_terminal() {
        return Err(Failure::Message(format!(
            "No passphrase given. Set {PASSPHRASE_ENV}, or run casefile in a terminal to be asked for it."
        )));
    }
    rpassword::prompt_password(prompt)
        .map_err(|e| Failure::Message(format!("Could not read the passphrase: {e}.")))
}
