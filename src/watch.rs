//! `--watch`, for authors: notices when the handbook's own files change (each edition's
//! manifest, its `interface.toml`, and the chapter files the manifest names; nothing else in
//! the folder) and reloads them on a thread of its own, handing the finished library, or the
//! first error, to the event loop as an action. Never used in kiosk mode; draws nothing.
//!
//! It looks at those few files' metadata twice a second instead of asking the kernel for
//! events. A dozen `stat` calls per look cost nothing measurable, and polling sees a save by
//! rename (how most editors save) exactly like a save in place, works on every filesystem
//! (inotify says nothing about changes made on a network share by another machine), needs no
//! crate, and cannot run out of inotify watches. Whatever else the folder holds (a `.git` of
//! 20,000 files) is never listed, let alone walked.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use serde::Deserialize;

use crate::action::Action;
use crate::content::source::{self, Folder, MANIFEST};
use crate::content::{self, clean};

/// How often the files are looked at.
pub const INTERVAL: Duration = Duration::from_millis(500);
/// After a change, how long the files must stay still before they are read, so a save in
/// several writes is read once, whole; and how many such waits at most (a file that never
/// stops changing is read anyway).
const SETTLE: Duration = Duration::from_millis(60);
const MAX_SETTLE: usize = 8;
/// The file of interface words an edition may have beside its manifest.
const INTERFACE: &str = "interface.toml";

/// What is known of one file: enough to see any write, replacement, rename or removal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stamp {
    Missing,
    Present {
        dev: u64,
        ino: u64,
        mode: u32,
        len: u64,
        mtime: (i64, i64),
        ctime: (i64, i64),
    },
}

pub struct Watcher {
    root: PathBuf,
    files: Vec<PathBuf>,
    seen: Vec<Stamp>,
    /// How many times a file's metadata has been asked for: the whole of the idle work.
    looks: u64,
}

impl Watcher {
    pub fn new(root: PathBuf) -> Watcher {
        let files = watched_files(&root, &[]);
        let mut w = Watcher {
            root,
            files,
            seen: Vec::new(),
            looks: 0,
        };
        w.seen = w.stamps();
        w
    }

    /// The files being watched.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// How many file metadata look-ups the watcher has made so far.
    pub fn looks(&self) -> u64 {
        self.looks
    }

    /// Looks at the files once. An action when they changed since the last look: the new
    /// library, or the first error that stops it loading. Loading happens here, on the
    /// caller's thread.
    pub fn poll(&mut self) -> Option<Action> {
        let mut now = self.stamps();
        if now == self.seen {
            return None;
        }
        for _ in 0..MAX_SETTLE {
            thread::sleep(SETTLE);
            let again = self.stamps();
            if again == now {
                break;
            }
            now = again;
        }
        let loaded = content::load(Some(&self.root));
        // The manifest may name other chapters now.
        let files = watched_files(&self.root, &self.files);
        if files == self.files {
            self.seen = now;
        } else {
            self.files = files;
            self.seen = self.stamps();
        }
        Some(match loaded.library {
            Some(library) => Action::Reloaded(Arc::new(library)),
            None => Action::ReloadFailed(
                loaded
                    .errors()
                    .next()
                    .map(|d| self.relative(&d.to_string()))
                    .unwrap_or_default(),
            ),
        })
    }

    /// Runs the watcher on a thread of its own, handing each outcome to `send` until it
    /// returns false (the event loop has gone).
    pub fn spawn(mut self, mut send: impl FnMut(Action) -> bool + Send + 'static) {
        let spawned = thread::Builder::new().name("watch".into()).spawn(move || {
            loop {
                thread::sleep(INTERVAL);
                if let Some(action) = self.poll()
                    && !send(action)
                {
                    break;
                }
            }
        });
        // Without the thread the handbook still reads; it only stops noticing changes.
        drop(spawned);
    }

    fn stamps(&mut self) -> Vec<Stamp> {
        self.looks += self.files.len() as u64;
        self.files.iter().map(|f| stamp(f)).collect()
    }

    /// A message about a file in the watched folder names it from that folder, so the status
    /// line keeps room for the line, column and what to fix.
    fn relative(&self, message: &str) -> String {
        let root = clean::clean_line(&self.root.display().to_string());
        let root = root.trim_end_matches('/');
        message
            .strip_prefix(root)
            .and_then(|rest| rest.strip_prefix('/'))
            .unwrap_or(message)
            .to_owned()
    }
}

/// Follows a link, so a change to the file it points at is seen too.
fn stamp(path: &Path) -> Stamp {
    match std::fs::metadata(path) {
        Ok(m) => Stamp::Present {
            dev: m.dev(),
            ino: m.ino(),
            mode: m.mode(),
            len: m.len(),
            mtime: (m.mtime(), m.mtime_nsec()),
            ctime: (m.ctime(), m.ctime_nsec()),
        },
        Err(_) => Stamp::Missing,
    }
}

/// Only the list of chapters, from a manifest that may be broken in every other way.
#[derive(Deserialize)]
struct Listing {
    #[serde(default)]
    chapters: Vec<toml::Value>,
}

/// Each edition's manifest, interface words and listed chapter files. A manifest that cannot
/// be read keeps the chapter files watched before in its folder, so fixing a chapter while
/// the manifest is broken is still noticed.
fn watched_files(root: &Path, before: &[PathBuf]) -> Vec<PathBuf> {
    let (folders, _) = source::editions(root);
    let dirs: Vec<PathBuf> = folders
        .into_iter()
        .filter_map(|f| match f {
            Folder::Disk(dir) => Some(dir),
            Folder::Memory(..) => None,
        })
        .collect();
    let mut files = Vec::new();
    // No edition found (the manifest was deleted, say): watch for it to come back.
    let dirs = if dirs.is_empty() {
        vec![root.to_path_buf()]
    } else {
        dirs
    };
    for dir in dirs {
        files.push(dir.join(MANIFEST));
        files.push(dir.join(INTERFACE));
        let folder = Folder::Disk(dir.clone());
        let mut budget = source::MAX_FILE_BYTES;
        let listing = folder
            .read(MANIFEST, &mut budget)
            .ok()
            .and_then(|text| toml::from_str::<Listing>(&text).ok());
        match listing {
            Some(listing) => {
                for id in listing.chapters.iter().filter_map(toml::Value::as_str) {
                    let name = format!("{id}.toml");
                    // Only a plain name in this folder: never a path that leads elsewhere.
                    if Path::new(&name).file_name() == Some(name.as_ref()) {
                        files.push(dir.join(name));
                    }
                }
            }
            None => files.extend(
                before
                    .iter()
                    .filter(|f| f.parent() == Some(dir.as_path()))
                    .filter(|f| !f.ends_with(MANIFEST) && !f.ends_with(INTERFACE))
                    .cloned(),
            ),
        }
    }
    files.sort();
    files.dedup();
    files
}
