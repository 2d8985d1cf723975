//! Casefile's domain: the data model, the encrypted case store (SQLCipher) and the audit log.
//!
//! This crate has no Tauri and no UI dependency. The desktop app (`src-tauri`) and the
//! `casefile` command-line tool are thin front ends over it, so everything that matters is
//! testable with plain `cargo test`.

pub mod audit;
pub mod chat;
pub mod demo;
pub mod dossier;
pub mod error;
pub mod evidence;
pub mod files;
pub mod interchange;
pub mod model;
pub mod money;
pub mod passphrase;
pub mod statement;
pub mod store;
pub mod time;
pub mod typed;
pub mod validate;
pub mod verify;

pub use error::{CoreError, ErrorKind, Result};
pub use store::Store;

#[cfg(test)]
mod tests {
    /// ARCHITECTURE.md's code map names every top-level module of this crate.
    #[test]
    fn architecture_names_every_module() {
        let map = include_str!("../../../ARCHITECTURE.md");
        let lib = include_str!("lib.rs");
        let modules: Vec<&str> = lib
            .lines()
            .filter_map(|l| l.strip_prefix("pub mod "))
            .map(|l| l.trim_end_matches(';'))
            .collect();
        assert!(modules.len() >= 10, "{modules:?}");
        for m in modules {
            let dir = format!("src/{m}/");
            let file = format!("src/{m}.rs");
            assert!(
                map.contains(&dir) || map.contains(&file),
                "ARCHITECTURE.md's code map does not mention {m} ({dir} or {file})"
            );
        }
    }
}
