//! Where handbook files come from: a folder on disk, or files held in memory (the built-in
//! handbook's sources while the build validates them, tests, benchmarks). Owns finding the
//! editions and reading bytes within the size caps; it never parses TOML.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::diagnostic::Diagnostic;

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
    /// Files held in memory, by name, reported under a prefix: the built-in handbook's sources
    /// (as `handbook/en`), tests, fuzzing and benchmarks.
    Memory(Arc<BTreeMap<String, Vec<u8>>>, String),
}

impl Folder {
    /// How a file in this folder is named in messages and reports: cleaned, since a folder's
    /// name is outside text like any other (it may hold escape sequences).
    pub fn display(&self, file: &str) -> String {
        let raw = match self {
            Folder::Disk(dir) => dir.join(file).display().to_string(),
            Folder::Memory(_, prefix) => format!("{prefix}/{file}"),
        };
        super::clean::clean_line(&raw)
    }

    /// Reads a file as UTF-8 text, enforcing the size caps; `budget` is what the handbook may
    /// still read in total and is reduced by the file's size.
    pub fn read(&self, file: &str, budget: &mut u64) -> Result<String, Diagnostic> {
        let shown = self.display(file);
        let bytes: Vec<u8> = match self {
            Folder::Disk(dir) => read_regular(&dir.join(file), &shown, *budget)?,
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
            // Anything at all by that name, even a dangling link: `read` says what is wrong.
            Folder::Disk(dir) => std::fs::symlink_metadata(dir.join(file)).is_ok(),
            Folder::Memory(files, _) => files.contains_key(file),
        }
    }

    /// Names of the `.toml` files in the folder other than the manifest, sorted; an error when
    /// the folder cannot be listed.
    pub fn chapter_files(&self) -> Result<Vec<String>, Diagnostic> {
        let mut names: Vec<String> = match self {
            Folder::Disk(dir) => std::fs::read_dir(dir)
                .and_then(|entries| {
                    entries
                        .map(|e| e.map(|e| e.file_name().into_string().unwrap_or_default()))
                        .collect::<io::Result<Vec<String>>>()
                })
                .map_err(|e| unreadable_folder(&self.display(""), &e))?,
            Folder::Memory(files, _) => files.keys().cloned().collect(),
        };
        names.retain(|n| n.ends_with(".toml") && n != MANIFEST && n != crate::i18n::INTERFACE);
        names.sort();
        Ok(names)
    }
}

/// Reads a regular file, at most the cap and one byte more. It is opened without blocking (a
/// FIFO would otherwise wait in `open` for a writer for ever) and its type is checked on the
/// opened file, so nothing can swap it between the check and the read. A device, folder or
/// FIFO is refused before a byte is read.
// Opened read-only: OpenOptions is the one way to ask for O_NONBLOCK.
#[allow(clippy::disallowed_types, clippy::disallowed_methods)]
fn read_regular(path: &Path, shown: &str, budget: u64) -> Result<Vec<u8>, Diagnostic> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| open_failed(path, shown, &e))?;
    let meta = file
        .metadata()
        .map_err(|e| Diagnostic::file(shown, format!("cannot read this file: {e}")))?;
    if !meta.file_type().is_file() {
        return Err(Diagnostic::file(
            shown,
            format!(
                "this is {}, not a text file; put the chapter's .toml file here",
                kind_of(meta.file_type())
            ),
        ));
    }
    check_size(shown, meta.len(), budget)?;
    // The file may grow after the check: read one byte past what is allowed, to notice.
    let limit = MAX_FILE_BYTES.min(budget).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    (&file)
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::file(shown, format!("cannot read this file: {e}")))?;
    Ok(bytes)
}

/// What a file that is not a regular file is, in words.
fn kind_of(t: std::fs::FileType) -> &'static str {
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// Why a file could not be opened, for what it is: missing, a link that loops or leads
/// nowhere, or unreadable.
fn open_failed(path: &Path, shown: &str, error: &io::Error) -> Diagnostic {
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let why = if error.raw_os_error() == Some(libc::ELOOP) {
        "this is a symbolic link that leads back to itself (a loop); point it at the chapter file"
            .to_owned()
    } else if link && error.kind() == io::ErrorKind::NotFound {
        let target = std::fs::read_link(path).map_or_else(
            |_| String::new(),
            |t| format!(" {}", super::clean::clean_line(&t.display().to_string())),
        );
        format!(
            "this is a symbolic link to{target}, which does not exist; point it at the chapter file"
        )
    } else if error.kind() == io::ErrorKind::NotFound {
        "this file is missing from the handbook folder".to_owned()
    } else {
        format!("cannot read this file: {error}")
    };
    Diagnostic::file(shown, why)
}

/// A folder that cannot be listed or looked into.
fn unreadable_folder(shown: &str, error: &io::Error) -> Diagnostic {
    Diagnostic::file(
        shown,
        format!(
            "cannot read this folder: {error}; make it readable, or move it out of the handbook folder"
        ),
    )
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
/// sub-folder that does, sorted by name; with a problem for each folder that could not be
/// looked into (it is never silently left out).
pub fn editions(root: &Path) -> (Vec<Folder>, Vec<Diagnostic>) {
    let shown = root.display().to_string();
    if !root.is_dir() {
        let d = Diagnostic::file(
            &shown,
            "no such folder; give the folder that holds handbook.toml",
        );
        return (Vec::new(), vec![d]);
    }
    // A manifest of any kind counts (a FIFO, say): reading it says what is wrong.
    if std::fs::symlink_metadata(root.join(MANIFEST)).is_ok() {
        return (vec![Folder::Disk(root.to_path_buf())], Vec::new());
    }
    let mut problems = Vec::new();
    let entries = match std::fs::read_dir(root) {
        Ok(entries) => entries,
        Err(e) => return (Vec::new(), vec![unreadable_folder(&shown, &e)]),
    };
    let mut dirs: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(e) => {
                problems.push(unreadable_folder(&shown, &e));
                continue;
            }
        };
        match std::fs::symlink_metadata(path.join(MANIFEST)) {
            Ok(_) => dirs.push(path),
            // Not an edition: a folder without a manifest, or a file.
            Err(e)
                if e.kind() == io::ErrorKind::NotFound
                    || e.raw_os_error() == Some(libc::ENOTDIR) => {}
            Err(e) => problems.push(unreadable_folder(&path.display().to_string(), &e)),
        }
    }
    dirs.sort();
    if dirs.is_empty() && problems.is_empty() {
        problems.push(Diagnostic::file(
            &shown,
            "no handbook.toml here; a handbook folder holds handbook.toml and one .toml file per chapter, or one such folder per language",
        ));
    }
    (dirs.into_iter().map(Folder::Disk).collect(), problems)
}
