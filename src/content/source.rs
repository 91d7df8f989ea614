//! Where handbook files come from: a folder on disk or the copy embedded in the binary. Owns
//! finding the editions and reading bytes within the size caps; it never parses TOML.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{Dir, include_dir};

use super::diagnostic::Diagnostic;

/// The handbook shipped inside the binary, so it runs from any folder with nothing beside it.
static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/handbook");

/// The manifest's file name in every edition folder.
pub const MANIFEST: &str = "handbook.toml";

/// Largest chapter or manifest file accepted. Generous enough for a 10 MB handbook in one file,
/// small enough that a wrong path (a disk image, say) is refused before it is read.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Largest total of all files in one handbook folder, every edition together.
pub const MAX_HANDBOOK_BYTES: u64 = 64 * 1024 * 1024;

/// A folder of one edition.
#[derive(Debug, Clone)]
pub enum Folder {
    Disk(PathBuf),
    Embedded(&'static Dir<'static>, String),
    /// Files held in memory, by name: for tests, fuzzing and benchmarks.
    Memory(Arc<BTreeMap<String, Vec<u8>>>, String),
}

impl Folder {
    /// How a file in this folder is named in messages.
    pub fn display(&self, file: &str) -> String {
        match self {
            Folder::Disk(dir) => dir.join(file).display().to_string(),
            Folder::Embedded(_, prefix) | Folder::Memory(_, prefix) => format!("{prefix}/{file}"),
        }
    }

    /// Reads a file as UTF-8 text, enforcing the size caps; `budget` is what the handbook may
    /// still read in total and is reduced by the file's size.
    pub fn read(&self, file: &str, budget: &mut u64) -> Result<String, Diagnostic> {
        let shown = self.display(file);
        let bytes: Vec<u8> = match self {
            Folder::Disk(dir) => {
                let path = dir.join(file);
                let len = std::fs::metadata(&path)
                    .map_err(|e| missing(&shown, &e))?
                    .len();
                check_size(&shown, len, *budget)?;
                std::fs::read(&path).map_err(|e| missing(&shown, &e))?
            }
            Folder::Embedded(dir, _) => {
                let found = dir.get_file(dir.path().join(file)).ok_or_else(|| {
                    Diagnostic::file(&shown, "this file is missing from the handbook folder")
                })?;
                found.contents().to_vec()
            }
            Folder::Memory(files, _) => files.get(file).cloned().ok_or_else(|| {
                Diagnostic::file(&shown, "this file is missing from the handbook folder")
            })?,
        };
        check_size(&shown, bytes.len() as u64, *budget)?;
        *budget -= bytes.len() as u64;
        String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes());
            Diagnostic::at(
                &shown,
                &text,
                offset,
                "this file is not valid UTF-8 text; save it with UTF-8 encoding",
            )
        })
    }

    /// Whether the folder holds a file of this name.
    pub fn has(&self, file: &str) -> bool {
        match self {
            Folder::Disk(dir) => dir.join(file).is_file(),
            Folder::Embedded(dir, _) => dir.get_file(dir.path().join(file)).is_some(),
            Folder::Memory(files, _) => files.contains_key(file),
        }
    }

    /// Names of the `.toml` files in the folder other than the manifest, sorted.
    pub fn chapter_files(&self) -> Vec<String> {
        let mut names: Vec<String> = match self {
            Folder::Disk(dir) => std::fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .filter_map(|e| e.file_name().into_string().ok())
                        .collect()
                })
                .unwrap_or_default(),
            Folder::Embedded(dir, _) => dir
                .files()
                .filter_map(|f| f.path().file_name()?.to_str().map(str::to_owned))
                .collect(),
            Folder::Memory(files, _) => files.keys().cloned().collect(),
        };
        names.retain(|n| n.ends_with(".toml") && n != MANIFEST);
        names.sort();
        names
    }
}

fn missing(shown: &str, error: &std::io::Error) -> Diagnostic {
    let why = match error.kind() {
        std::io::ErrorKind::NotFound => "this file is missing from the handbook folder".to_owned(),
        _ => format!("cannot read this file: {error}"),
    };
    Diagnostic::file(shown, why)
}

fn check_size(shown: &str, len: u64, budget: u64) -> Result<(), Diagnostic> {
    if len > MAX_FILE_BYTES {
        return Err(Diagnostic::file(
            shown,
            format!(
                "this file is {len} bytes; a handbook file may be at most {MAX_FILE_BYTES} bytes. Split the chapter or shorten it"
            ),
        ));
    }
    if len > budget {
        return Err(Diagnostic::file(
            shown,
            format!(
                "the handbook is larger than {MAX_HANDBOOK_BYTES} bytes in all; remove some content"
            ),
        ));
    }
    Ok(())
}

/// The edition folders of a handbook: the folder itself when it holds a manifest, else each
/// sub-folder that does, sorted by name.
pub fn editions(root: Option<&Path>) -> Result<Vec<Folder>, Diagnostic> {
    match root {
        None => {
            let mut found: Vec<Folder> = EMBEDDED
                .dirs()
                .filter(|d| d.get_file(d.path().join(MANIFEST)).is_some())
                .map(|d| Folder::Embedded(d, format!("handbook/{}", d.path().display())))
                .collect();
            found.sort_by_key(|f| f.display(""));
            if found.is_empty() {
                return Err(Diagnostic::file(
                    "handbook",
                    "the built-in handbook is empty",
                ));
            }
            Ok(found)
        }
        Some(root) => {
            let shown = root.display().to_string();
            if !root.is_dir() {
                return Err(Diagnostic::file(
                    &shown,
                    "no such folder; give the folder that holds handbook.toml",
                ));
            }
            if root.join(MANIFEST).is_file() {
                return Ok(vec![Folder::Disk(root.to_path_buf())]);
            }
            let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
                .map_err(|e| Diagnostic::file(&shown, format!("cannot read this folder: {e}")))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.join(MANIFEST).is_file())
                .collect();
            dirs.sort();
            if dirs.is_empty() {
                return Err(Diagnostic::file(
                    &shown,
                    "no handbook.toml here; a handbook folder holds handbook.toml and one .toml file per chapter, or one such folder per language",
                ));
            }
            Ok(dirs.into_iter().map(Folder::Disk).collect())
        }
    }
}
