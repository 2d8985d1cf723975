//! The TypeScript bindings in ui/ are generated from the Rust commands. This test regenerates
//! them and fails if the checked-in file differs, so they cannot go stale.
//! Refresh with: CASEFILE_UPDATE_BINDINGS=1 cargo test -p casefile-app --test bindings

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use specta_typescript::Typescript;

#[test]
fn generated_bindings_match_the_checked_in_file() {
    let checked_in =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/api/bindings.ts");
    let dir = tempfile::tempdir().expect("temp dir");
    let fresh = dir.path().join("bindings.ts");
    casefile_app::specta_builder()
        .export(
            Typescript::default().header(casefile_app::BINDINGS_HEADER),
            &fresh,
        )
        .expect("export bindings");
    let fresh_text = std::fs::read_to_string(&fresh).expect("read fresh bindings");
    assert!(
        fresh_text.contains("createCase: (title: string, start: NewCase | null)"),
        "{fresh_text}"
    );
    if std::env::var_os("CASEFILE_UPDATE_BINDINGS").is_some() {
        std::fs::write(&checked_in, &fresh_text).expect("write bindings");
        return;
    }
    let current = std::fs::read_to_string(&checked_in).unwrap_or_default();
    assert!(
        current == fresh_text,
        "ui/src/lib/api/bindings.ts is out of date with the Rust commands. Run:\n  CASEFILE_UPDATE_BINDINGS=1 cargo test -p casefile-app --test bindings"
    );
}
