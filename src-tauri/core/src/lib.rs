//! Casefile's domain: the data model, the encrypted case store (SQLCipher) and the audit log.
//!
//! This crate has no Tauri and no UI dependency. The desktop app (`src-tauri`) and the
//! `casefile` command-line tool are thin front ends over it, so everything that matters is
//! testable with plain `cargo test`.

pub mod audit;
pub mod demo;
pub mod dossier;
pub mod error;
pub mod evidence;
pub mod files;
pub mod interchange;
pub mod model;
pub mod passphrase;
pub mod store;
pub mod time;
pub mod validate;

pub use error::{CoreError, Result};
pub use store::Store;
