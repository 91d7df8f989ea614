//! `--watch`: a changed chapter is reloaded; a broken one is reported with its location while
//! the last good handbook stays.

#![allow(clippy::disallowed_methods)] // The test edits files on purpose; the program never does.

use std::path::{Path, PathBuf};

use achilles_handbook::action::Action;
use achilles_handbook::watch::Watcher;

fn copy_edition(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook/en");
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("achilles-watch-{name}-{}", std::process::id()))
}

#[test]
fn changes_are_reloaded_and_errors_located() {
    let dir = temp("reload");
    copy_edition(&dir);
    let mut watcher = Watcher::new(dir.clone());
    assert!(watcher.poll().is_none(), "nothing changed yet");

    let rupture = dir.join("rupture.toml");
    let text = std::fs::read_to_string(&rupture).unwrap();
    std::fs::write(
        &rupture,
        text.replacen("title = \"", "title = \"Revised: ", 1),
    )
    .unwrap();
    match watcher.poll() {
        Some(Action::Reloaded(library)) => {
            let chapter = library.editions[0]
                .chapters
                .iter()
                .find(|c| c.id == "rupture")
                .unwrap();
            assert!(chapter.title.starts_with("Revised: "));
        }
        other => panic!("expected a reload, got {other:?}"),
    }

    std::fs::write(&rupture, "tab = \"Rupture\"\ncolour = 1\n").unwrap();
    match watcher.poll() {
        Some(Action::ReloadFailed(message)) => {
            assert!(message.contains("rupture.toml:"), "{message}");
            assert!(message.contains("colour"), "{message}");
        }
        other => panic!("expected a located failure, got {other:?}"),
    }
    assert!(watcher.poll().is_none(), "reported once");
    std::fs::remove_dir_all(&dir).unwrap();
}
