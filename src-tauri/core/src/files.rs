//! Crash-safe writing of the files Casefile makes outside its store (dossier PDF, CSVs, case
//! exports).
//!
//! Each file is written under a temporary name beside its target
//! (`.<name>.casefile-partial-<16 hex digits>`), flushed to the disk, and only then renamed over
//! the target; the folder is flushed too, so the rename itself survives a power cut. Killed at
//! any moment, the target is either the complete old file or the complete new one. A leftover
//! temporary file is recognised by its name and removed by [`remove_stale_partials`].
//! Files are created readable and writable by their owner only (0600 on unix): they hold case
//! data in plain text.

use std::ffi::{OsStr, OsString};
use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::{CoreError, Result};

/// What every temporary file of ours has between the target's name and the random suffix.
const PARTIAL_MARK: &str = ".casefile-partial-";
/// Length of the random suffix in hex digits.
const RANDOM_HEX_LEN: usize = 16;

/// Writes `bytes` to `path` so that a crash or a failure leaves either the old file or the
/// complete new one, never a mix; the new file is owner-only (0600 on unix).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_all_atomically(&[(path, bytes)])
}

/// Writes several files, each crash-safe as with [`write_atomically`]. All are written and
/// flushed under temporary names first, so a failure while writing any of them (a full disk)
/// replaces none of the targets.
pub fn write_all_atomically(files: &[(&Path, &[u8])]) -> Result<()> {
    let mut written: Vec<(PathBuf, &Path)> = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        match write_partial(path, bytes) {
            Ok(partial) => written.push((partial, path)),
            Err(e) => {
                remove_partials(&written);
                return Err(e);
            }
        }
    }
    for (n, (partial, path)) in written.iter().enumerate() {
        if let Err(e) = fs::rename(partial, path) {
            remove_partials(&written[n..]);
            return Err(CoreError::io(path, e));
        }
    }
    let mut folders: Vec<&Path> = written.iter().map(|(_, path)| folder_of(path)).collect();
    folders.dedup();
    for folder in folders {
        // The files are complete and flushed already; some file systems (network shares, FAT
        // on a USB stick) refuse to flush a folder, which must not turn a saved file into an
        // error — it only leaves the new name less certain to survive a power cut.
        let _ = sync_folder(folder);
    }
    Ok(())
}

/// Removes the temporary files a killed Casefile left in `dir` (names of the form
/// `.<name>.casefile-partial-<16 hex digits>`), and nothing else. Returns how many it removed.
pub fn remove_stale_partials(dir: &Path) -> Result<usize> {
    let mut removed = 0;
    for entry in fs::read_dir(dir).map_err(|e| CoreError::io(dir, e))? {
        let entry = entry.map_err(|e| CoreError::io(dir, e))?;
        if !is_partial_name(&entry.file_name()) {
            continue;
        }
        // Only plain files: a folder or link that happens to have such a name is not ours.
        let is_file = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
        if is_file {
            let path = entry.path();
            match fs::remove_file(&path) {
                Ok(()) => removed += 1,
                // Another Casefile may have just renamed or removed it.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(CoreError::io(&path, e)),
            }
        }
    }
    Ok(removed)
}

/// Whether a file name follows our temporary pattern.
fn is_partial_name(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    let Some((target, random)) = rest.rsplit_once(PARTIAL_MARK) else {
        return false;
    };
    !target.is_empty()
        && random.len() == RANDOM_HEX_LEN
        && random
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn partial_path(path: &Path) -> Result<PathBuf> {
    let Some(name) = path.file_name() else {
        return Err(CoreError::invalid(
            "path",
            format!(
                "\"{}\" is not a file name. Choose a file to save to.",
                path.display()
            ),
        ));
    };
    let mut random = [0u8; RANDOM_HEX_LEN / 2];
    getrandom::fill(&mut random)
        .map_err(|e| CoreError::io(path, std::io::Error::other(e.to_string())))?;
    let mut partial = OsString::from(".");
    partial.push(name);
    partial.push(PARTIAL_MARK);
    partial.push(hex::encode(random));
    Ok(folder_of(path).join(partial))
}

/// Writes and flushes the bytes under a new temporary name; removes it again on failure.
fn write_partial(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let partial = partial_path(path)?;
    let mut file = create_owner_only(&partial).map_err(|e| CoreError::io(path, e))?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| CoreError::io(path, e));
    drop(file);
    if let Err(e) = written {
        let _ = fs::remove_file(&partial);
        return Err(e);
    }
    Ok(partial)
}

fn remove_partials(written: &[(PathBuf, &Path)]) {
    for (partial, _) in written {
        // Best effort: a leftover is recognised and removed by the next write into the folder.
        let _ = fs::remove_file(partial);
    }
}

#[cfg(unix)]
fn create_owner_only(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    // The umask can only take bits away; set exactly 0600 so the owner can always read it.
    // File systems without Unix permissions (FAT or exFAT on a USB stick, where a dossier is
    // often saved to be printed) refuse: the file is then as private as that stick allows.
    let _ = file.set_permissions(fs::Permissions::from_mode(0o600));
    Ok(file)
}

#[cfg(not(unix))]
fn create_owner_only(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> std::io::Result<()> {
    // Windows cannot open a folder as a file to flush it; its rename is journaled by NTFS.
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("case.json");
        write_atomically(&target, b"{\"new\": true}\n").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"{\"new\": true}\n");
        assert_eq!(names(dir.path()), ["case.json"]);
    }

    #[test]
    fn replaces_an_older_file_completely() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("dossier.pdf");
        fs::write(&target, vec![b'o'; 10_000]).unwrap();
        write_atomically(&target, b"short").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"short");
        assert_eq!(names(dir.path()), ["dossier.pdf"]);
    }

    #[cfg(unix)]
    #[test]
    fn files_are_readable_by_their_owner_only() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("case.json");
        fs::write(&target, b"old").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
        write_atomically(&target, b"new").unwrap();
        let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
    }

    #[test]
    fn a_missing_folder_is_an_io_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no such folder").join("case.json");
        let e = write_atomically(&target, b"x").unwrap_err();
        assert!(
            matches!(&e, CoreError::Io { path, .. } if path == &target),
            "{e:?}"
        );
        assert_eq!(names(dir.path()), Vec::<String>::new());
    }

    #[cfg(unix)]
    #[test]
    fn the_old_file_survives_when_the_folder_cannot_be_written() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("case.json");
        fs::write(&target, b"old and complete").unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500)).unwrap();
        let result = write_atomically(&target, b"new");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
        if can_write_read_only_folders() {
            // root writes anyway; the missing-folder test covers the failure then.
            return;
        }
        assert!(matches!(result, Err(CoreError::Io { .. })), "{result:?}");
        assert_eq!(fs::read(&target).unwrap(), b"old and complete");
        assert_eq!(names(dir.path()), ["case.json"]);
    }

    #[test]
    fn a_failure_in_one_of_several_files_replaces_none() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("dossier.pdf");
        let csv = dir.path().join("missing").join("dossier-transfers.csv");
        fs::write(&pdf, b"old pdf").unwrap();
        let result = write_all_atomically(&[(&pdf, b"new pdf"), (&csv, b"new csv")]);
        assert!(matches!(result, Err(CoreError::Io { .. })), "{result:?}");
        assert_eq!(fs::read(&pdf).unwrap(), b"old pdf");
        assert_eq!(names(dir.path()), ["dossier.pdf"]);
    }

    #[test]
    fn a_failed_rename_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("dossier.pdf");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("inside.txt"), b"kept").unwrap();
        let result = write_atomically(&target, b"new");
        assert!(
            matches!(&result, Err(CoreError::Io { path, .. }) if path == &target),
            "{result:?}"
        );
        assert_eq!(names(dir.path()), ["dossier.pdf"]);
        assert_eq!(fs::read(target.join("inside.txt")).unwrap(), b"kept");
    }

    #[test]
    fn stale_partials_of_ours_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let ours = [
            ".dossier.pdf.casefile-partial-0123456789abcdef",
            ".case.json.casefile-partial-fedcba9876543210",
        ];
        let others = [
            "dossier.pdf",
            "dossier.pdf.partial",
            ".dossier.pdf.casefile-partial-",
            ".dossier.pdf.casefile-partial-0123456789ABCDEF",
            ".dossier.pdf.casefile-partial-0123456789abcdef0",
            "dossier.pdf.casefile-partial-0123456789abcdef",
            "..casefile-partial-0123456789abcdef",
            "notes.txt",
        ];
        for name in ours.iter().chain(&others) {
            fs::write(dir.path().join(name), b"x").unwrap();
        }
        fs::create_dir(dir.path().join(".folder.casefile-partial-0123456789abcdef")).unwrap();
        assert_eq!(remove_stale_partials(dir.path()).unwrap(), 2);
        let mut expected: Vec<String> = others.iter().map(|s| s.to_string()).collect();
        expected.push(".folder.casefile-partial-0123456789abcdef".into());
        expected.sort();
        assert_eq!(names(dir.path()), expected);
    }

    #[test]
    fn temporary_names_follow_the_pattern_that_cleanup_removes() {
        let partial = partial_path(Path::new("/tmp/out/dossier.pdf")).unwrap();
        assert_eq!(partial.parent(), Some(Path::new("/tmp/out")));
        assert!(is_partial_name(partial.file_name().unwrap()), "{partial:?}");
        assert_ne!(
            partial,
            partial_path(Path::new("/tmp/out/dossier.pdf")).unwrap()
        );
    }

    /// Whether the tests run as root, who may write into read-only folders.
    #[cfg(unix)]
    fn can_write_read_only_folders() -> bool {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500)).unwrap();
        let can = fs::write(dir.path().join("probe"), b"").is_ok();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
        can
    }
}
