//! What the window session holds: where the store is, and the store itself while unlocked.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use casefile_core::store::Intake;
use casefile_core::Store;

use crate::commands::AppError;

/// Shared state of the app. The store is `None` while locked.
pub struct AppState {
    pub store_path: PathBuf,
    store: Mutex<Option<Store>>,
    /// The intake of files in progress, if any (its groups commit in the store).
    intake: Mutex<Option<Intake>>,
    /// Files exported in this session: the only ones "Open" and "Show in folder" may touch.
    exports: Mutex<Vec<PathBuf>>,
    /// Files the person chose with the open dialog in this session: the only paths an import
    /// may read.
    chosen: Mutex<Vec<PathBuf>>,
    /// Set to stop the chat import in progress.
    pub stop_import: std::sync::atomic::AtomicBool,
    /// Set to stop the dossier being made.
    pub stop_export: std::sync::atomic::AtomicBool,
}

impl AppState {
    /// A locked session for the store at `store_path`.
    pub fn new(store_path: PathBuf) -> Self {
        AppState {
            store_path,
            store: Mutex::new(None),
            intake: Mutex::new(None),
            exports: Mutex::new(Vec::new()),
            chosen: Mutex::new(Vec::new()),
            stop_import: std::sync::atomic::AtomicBool::new(false),
            stop_export: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// The slot holding the unlocked store (or `None`). A panic elsewhere never locks the
    /// user out: a poisoned lock is recovered, the store inside is still consistent because
    /// every change is one SQLite transaction.
    pub fn slot(&self) -> MutexGuard<'_, Option<Store>> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The intake in progress (lock it before the store slot, never after).
    pub fn intake(&self) -> MutexGuard<'_, Option<Intake>> {
        self.intake
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Remembers a file chosen with the open dialog.
    pub fn remember_chosen(&self, path: &std::path::Path) {
        let mut list = self.chosen.lock().unwrap_or_else(|p| p.into_inner());
        list.push(path.to_path_buf());
    }

    /// `path` if the person chose it in this session; else an error.
    pub fn chosen(&self, path: &str) -> Result<PathBuf, AppError> {
        let list = self.chosen.lock().unwrap_or_else(|p| p.into_inner());
        list.iter()
            .find(|p| p.as_os_str() == path)
            .cloned()
            .ok_or_else(|| {
                AppError::invalid(
                    "path",
                    "Choose the chat export again with the “Choose the export…” button.",
                )
            })
    }

    /// Remembers the files of an export.
    pub fn remember_export(&self, saved: &casefile_core::dossier::SavedDossier) {
        let mut list = self.exports.lock().unwrap_or_else(|p| p.into_inner());
        list.push(PathBuf::from(&saved.pdf));
        list.extend(saved.csv.iter().map(PathBuf::from));
    }

    /// `path` if this session exported it; else an error.
    pub fn exported(&self, path: &str) -> Result<PathBuf, AppError> {
        let list = self.exports.lock().unwrap_or_else(|p| p.into_inner());
        list.iter()
            .find(|p| p.as_os_str() == path)
            .cloned()
            .ok_or_else(|| {
                AppError::invalid(
                    "path",
                    "Casefile only opens files it exported in this session.",
                )
            })
    }

    /// Runs `f` with the unlocked store, or says the case file is locked.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> casefile_core::Result<T>,
    ) -> Result<T, AppError> {
        let mut slot = self.slot();
        let store = slot.as_mut().ok_or_else(AppError::locked)?;
        // Any other command while an intake's group of files is open commits the group first:
        // nothing else joins it, and an import or an undo can begin its own transaction.
        store.commit_pending_writes()?;
        f(store).map_err(AppError::from)
    }

    /// [`AppState::with_store`] for the intake's own commands, which add to its open group.
    pub fn with_store_in_intake<T>(
        &self,
        f: impl FnOnce(&mut Store) -> casefile_core::Result<T>,
    ) -> Result<T, AppError> {
        let mut slot = self.slot();
        let store = slot.as_mut().ok_or_else(AppError::locked)?;
        f(store).map_err(AppError::from)
    }

    /// Commits whatever is still open (the window is closing).
    pub fn commit_before_exit(&self) {
        if let Some(store) = self.slot().as_mut() {
            if let Err(e) = store.commit_pending_writes() {
                eprintln!("Casefile could not save the last files added: {e}");
            }
        }
    }
}
