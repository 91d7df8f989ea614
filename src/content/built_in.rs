//! The built-in handbook. Its sources, the repository's `handbook/` folder, are loaded and
//! validated when the program is built (`build.rs`), by the same loader `--handbook DIR` uses,
//! and the validated model is kept in the binary in postcard's compact form: start-up decodes
//! it instead of reading and checking TOML again. A broken built-in handbook fails the build
//! with its located errors. Owns reading those sources and the stored form; validates nothing.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::diagnostic::Diagnostic;
use super::load::{Loaded, load_folders};
use super::model::Library;
use super::source::{self, Folder};

/// What the build keeps: the library and the warnings `check` reports for it. A built-in
/// handbook with errors is never stored: the build stops.
#[derive(Serialize, Deserialize)]
struct Stored {
    library: Library,
    warnings: Vec<Diagnostic>,
}

/// Loads the built-in handbook's sources from `root` (the repository's `handbook` folder):
/// each edition's files are read into memory and named `handbook/<edition>/<file>`, as the
/// program's messages and `check` name them wherever it is installed.
pub fn load_sources(root: &Path) -> Loaded {
    let (folders, problems) = source::editions(root);
    let mut named = Vec::new();
    for folder in folders {
        let Folder::Disk(dir) = folder else { continue };
        let edition = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".toml")
                && let Ok(bytes) = std::fs::read(entry.path())
            {
                files.insert(name, bytes);
            }
        }
        named.push(Folder::Memory(
            Arc::new(files),
            format!("handbook/{edition}"),
        ));
    }
    load_folders(&named, problems)
}

/// The stored form of a handbook that loaded without errors; `None` when it has errors.
pub fn encode(loaded: &Loaded) -> Option<Vec<u8>> {
    let stored = Stored {
        library: loaded.library.clone()?,
        warnings: loaded.diagnostics.clone(),
    };
    postcard::to_allocvec(&stored).ok()
}

/// The handbook in its stored form, as loading it from its sources gave it.
pub fn decode(bytes: &[u8]) -> Loaded {
    match postcard::from_bytes::<Stored>(bytes) {
        Ok(stored) => Loaded {
            library: Some(stored.library),
            diagnostics: stored.warnings,
        },
        // Only a damaged binary could get here: the build wrote these bytes.
        Err(e) => Loaded {
            library: None,
            diagnostics: vec![Diagnostic::file(
                "handbook",
                format!(
                    "the built-in handbook cannot be read ({e}); reinstall the program, or give a handbook folder with --handbook"
                ),
            )],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_handbook_is_the_one_its_sources_load_to() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook");
        let fresh = load_sources(&root);
        assert_eq!(fresh.errors().count(), 0, "{:?}", fresh.diagnostics);
        let built_in = decode(crate::BUILT_IN);
        assert_eq!(built_in.library, fresh.library);
        assert_eq!(built_in.diagnostics, fresh.diagnostics);
        // Messages name the files as they are in the repository, not where it was built.
        let first = &built_in.library.expect("loads").editions[0].chapters[0];
        assert!(first.path.starts_with("handbook/en/"), "{}", first.path);
    }

    #[test]
    fn damaged_bytes_are_an_error_not_a_panic() {
        let loaded = decode(&crate::BUILT_IN[..crate::BUILT_IN.len() / 2]);
        assert!(loaded.library.is_none());
        assert!(loaded.diagnostics[0].message.contains("cannot be read"));
    }
}
