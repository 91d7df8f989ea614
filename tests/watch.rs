//! `--watch`: a changed chapter is reloaded; a broken one is reported with its location while
//! the last good handbook stays. Only the manifest, `interface.toml` and the chapter files the
//! manifest names are looked at, however many other files the folder holds; what it does to
//! the real program in a terminal is in `tests/e2e_watch.rs`.

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
            // Named from the watched folder, so the status line has room for the rest.
            assert!(message.starts_with("rupture.toml:2:1: "), "{message}");
            assert!(message.contains("colour"), "{message}");
        }
        other => panic!("expected a located failure, got {other:?}"),
    }
    assert!(watcher.poll().is_none(), "reported once");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The files a watcher on a copy of the English edition in `dir` should look at.
fn expected(dir: &Path, chapters: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["handbook", "interface"]
        .iter()
        .chain(chapters)
        .map(|name| dir.join(format!("{name}.toml")))
        .collect();
    files.sort();
    files
}

const CHAPTERS: [&str; 7] = [
    "overview",
    "tendonitis",
    "rupture",
    "care-team",
    "research",
    "training",
    "contact",
];

#[test]
fn only_the_manifest_and_the_files_it_names_are_looked_at_however_full_the_folder() {
    let dir = temp("unrelated");
    copy_edition(&dir);
    // A repository's worth of files beside the handbook, and some notes.
    for d in 0..100 {
        let objects = dir.join(format!(".git/objects/{d:02x}"));
        std::fs::create_dir_all(&objects).unwrap();
        for f in 0..200 {
            std::fs::write(objects.join(format!("{f:038x}")), b"x").unwrap();
        }
    }
    std::fs::write(dir.join("notes.txt"), "to do").unwrap();
    let mut watcher = Watcher::new(dir.clone());
    assert_eq!(watcher.files(), expected(&dir, &CHAPTERS));

    // Idle work is a look at each named file per poll, whatever else the folder holds.
    let before = watcher.looks();
    for _ in 0..10 {
        assert!(watcher.poll().is_none());
    }
    assert_eq!(watcher.looks() - before, 10 * watcher.files().len() as u64);

    // Changes to other files are none of its business.
    std::fs::write(dir.join(".git/objects/00/new"), b"y").unwrap();
    std::fs::write(dir.join("notes.txt"), "done").unwrap();
    std::fs::write(dir.join("draft.toml"), "tab = 1").unwrap();
    assert!(watcher.poll().is_none(), "an unrelated change reloads");

    // The manifest decides what is watched: a chapter taken out is no longer looked at.
    let manifest = dir.join("handbook.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replace("\"research\", ", "")).unwrap();
    assert!(watcher.poll().is_some(), "the manifest changed");
    let fewer: Vec<&str> = CHAPTERS.into_iter().filter(|c| *c != "research").collect();
    assert_eq!(watcher.files(), expected(&dir, &fewer));
    std::fs::write(dir.join("research.toml"), "broken = ").unwrap();
    assert!(watcher.poll().is_none(), "a chapter no longer listed");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_save_by_rename_is_seen_and_interface_words_are_watched_once_they_exist() {
    let dir = temp("rename");
    copy_edition(&dir);
    let mut watcher = Watcher::new(dir.clone());
    // As most editors save: write a new file beside it, then rename it over the old one.
    let overview = dir.join("overview.toml");
    let text = std::fs::read_to_string(&overview).unwrap();
    let swap = dir.join(".overview.toml.tmp");
    std::fs::write(&swap, text.replacen("title = \"", "title = \"Renamed: ", 1)).unwrap();
    std::fs::rename(&swap, &overview).unwrap();
    match watcher.poll() {
        Some(Action::Reloaded(library)) => {
            assert!(
                library.editions[0].chapters[0]
                    .title
                    .starts_with("Renamed: ")
            );
        }
        other => panic!("expected a reload, got {other:?}"),
    }
    // interface.toml is watched before it exists, so its first save is noticed.
    std::fs::write(dir.join("interface.toml"), "").unwrap();
    assert!(watcher.poll().is_some(), "a new interface.toml");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_folder_of_editions_watches_each_edition_s_files() {
    let dir = temp("editions");
    copy_edition(&dir.join("en"));
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook/es");
    std::fs::create_dir_all(dir.join("es")).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join("es").join(entry.file_name())).unwrap();
    }
    let watcher = Watcher::new(dir.clone());
    let mut want = expected(&dir.join("en"), &CHAPTERS);
    want.extend(expected(&dir.join("es"), &CHAPTERS));
    want.sort();
    assert_eq!(watcher.files(), want);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_broken_manifest_keeps_its_chapters_watched() {
    let dir = temp("manifest");
    copy_edition(&dir);
    let mut watcher = Watcher::new(dir.clone());
    std::fs::write(dir.join("handbook.toml"), "title = ").unwrap();
    match watcher.poll() {
        Some(Action::ReloadFailed(message)) => {
            assert!(message.starts_with("handbook.toml:1:"), "{message}");
        }
        other => panic!("expected a located failure, got {other:?}"),
    }
    assert_eq!(watcher.files(), expected(&dir, &CHAPTERS));
    std::fs::remove_dir_all(&dir).unwrap();
}
