//! The built-in handbook. Its sources, the repository's `handbook/` folder, are loaded and
//! validated when the program is built (`build.rs`), by the same loader `--handbook DIR` uses,
//! and the validated model is kept in the binary in postcard's compact form, each edition apart:
//! start-up decodes the edition it shows instead of reading and checking TOML again, and the
//! others when they are used (`shelf`). A broken built-in handbook fails the build with its
//! located errors. Owns reading those sources and the stored form; validates nothing.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::diagnostic::Diagnostic;
use super::load::{Loaded, load_folders};
use super::model::{Editions, Library};
use super::source::{self, Folder};

/// What the build keeps: each edition, and the warnings `check` reports for them. A built-in
/// handbook with errors is never stored: the build stops.
#[derive(Serialize, Deserialize)]
struct Stored<'a> {
    #[serde(borrow)]
    editions: Vec<StoredEdition<'a>>,
    warnings: Vec<Diagnostic>,
}

/// One edition: its language, to choose the edition to show without decoding any, and the
/// edition itself in postcard's form, decoded when first used.
#[derive(Serialize, Deserialize)]
struct StoredEdition<'a> {
    language: String,
    language_name: String,
    #[serde(borrow)]
    handbook: Blob<'a>,
}

/// Bytes kept as they are in the binary, borrowed when read.
struct Blob<'a>(&'a [u8]);

impl Serialize for Blob<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Blob<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <&'de [u8]>::deserialize(d).map(Blob)
    }
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
    let library = loaded.library.as_ref()?;
    let editions: Vec<Vec<u8>> = library
        .editions
        .iter()
        .map(postcard::to_allocvec)
        .collect::<Result<_, _>>()
        .ok()?;
    let stored = Stored {
        editions: library
            .editions
            .iter()
            .zip(&editions)
            .map(|(e, bytes)| StoredEdition {
                language: e.language.clone(),
                language_name: e.language_name.clone(),
                handbook: Blob(bytes),
            })
            .collect(),
        warnings: loaded.diagnostics.clone(),
    };
    postcard::to_allocvec(&stored).ok()
}

/// The handbook in its stored form, as loading it from its sources gave it. Each edition is
/// decoded when first used.
pub fn decode(bytes: &'static [u8]) -> Loaded {
    match postcard::from_bytes::<Stored<'static>>(bytes) {
        Ok(stored) if !stored.editions.is_empty() => Loaded {
            library: Some(Library {
                editions: Editions::stored(
                    stored
                        .editions
                        .into_iter()
                        .map(|e| (e.language, e.language_name, e.handbook.0))
                        .collect(),
                ),
            }),
            diagnostics: stored.warnings,
        },
        // Only a damaged binary could get here: the build wrote these bytes.
        Ok(_) => unreadable("it has no edition"),
        Err(e) => unreadable(&e.to_string()),
    }
}

fn unreadable(why: &str) -> Loaded {
    Loaded {
        library: None,
        diagnostics: vec![Diagnostic::file(
            "handbook",
            format!(
                "the built-in handbook cannot be read ({why}); reinstall the program, or give a handbook folder with --handbook"
            ),
        )],
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
