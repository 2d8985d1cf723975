//! Helpers for Casefile's end-to-end tests: a small W3C WebDriver client that drives the real
//! app window through `tauri-driver` (which runs WebKitWebDriver), and workspace paths.

pub mod webdriver;

use std::path::PathBuf;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// Where tests keep screenshots and other artifacts (`target/e2e-artifacts`).
pub fn artifacts_dir() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("e2e-artifacts");
    std::fs::create_dir_all(&dir).expect("create artifacts dir");
    dir
}

/// The built desktop app (`target/debug/casefile-app`, or `$CASEFILE_APP_BINARY`).
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("CASEFILE_APP_BINARY") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    target.join("debug").join("casefile-app")
}
