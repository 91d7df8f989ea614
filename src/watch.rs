//! `--watch`, for authors: notices when the handbook folder's files change and reloads them,
//! turning the outcome into an action. Polls file times on the event loop's heartbeat, so it
//! needs no extra thread or crate. Never used in kiosk mode.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use crate::action::Action;
use crate::content;

pub struct Watcher {
    root: PathBuf,
    seen: Vec<(PathBuf, Option<SystemTime>, u64)>,
}

impl Watcher {
    pub fn new(root: PathBuf) -> Watcher {
        let seen = fingerprint(&root);
        Watcher { root, seen }
    }

    /// An action when the files changed since the last call: the new library, or the first
    /// error that stops it loading.
    pub fn poll(&mut self) -> Option<Action> {
        let now = fingerprint(&self.root);
        if now == self.seen {
            return None;
        }
        self.seen = now;
        let loaded = content::load(Some(&self.root));
        Some(match loaded.library {
            Some(library) => Action::Reloaded(Arc::new(library)),
            None => Action::ReloadFailed(
                loaded
                    .errors()
                    .next()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            ),
        })
    }
}

/// Path, modification time and length of every file below `root`, sorted.
fn fingerprint(root: &std::path::Path) -> Vec<(PathBuf, Option<SystemTime>, u64)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(path);
            } else {
                out.push((path, meta.modified().ok(), meta.len()));
            }
        }
    }
    out.sort();
    out
}
