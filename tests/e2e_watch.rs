//! `--watch` as an author meets it: the real program in a pseudo-terminal, a copy of the
//! English edition edited beside it. A saved chapter shows; a broken save names the file, line
//! and column in the status line while the last good copy stays on screen; a chapter grown past
//! the size cap is refused with the reason; and the terminal comes back whole on quitting.

// The tests edit the handbook files on purpose, as an author does; the program never writes.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::{Spawn, Tui, temp_dir};

/// A copy of the English edition in a folder of its own.
fn edition(tag: &str) -> PathBuf {
    let dir = temp_dir(tag);
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook/en");
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    dir
}

/// The program watching `dir`, wide enough that the status line shows a whole message.
fn watching(dir: &Path) -> Tui {
    let mut t = Spawn::new(&["--handbook", &dir.display().to_string(), "--watch"])
        .size(200, 30)
        .start();
    t.wait_for("Your Achilles tendon");
    t
}

/// Saves as most editors do: a new file beside the old one, renamed over it.
fn save_by_rename(path: &Path, text: &str) {
    let swap = path.with_extension("toml.swp");
    std::fs::write(&swap, text).unwrap();
    std::fs::rename(&swap, path).unwrap();
}

const PROBLEM: &str = "A handbook file has a problem";

#[test]
fn an_edit_shows_and_a_broken_one_is_located_while_the_last_good_copy_stays() {
    let dir = edition("watch-edit");
    let mut t = watching(&dir);
    let overview = dir.join("overview.toml");
    let good = std::fs::read_to_string(&overview).unwrap();

    let revised = good.replacen("title = \"", "title = \"Revised: ", 1);
    save_by_rename(&overview, &revised);
    t.wait_for("Revised: Your Achilles tendon");

    // A save in place, with a field the chapter shape does not have, on line 2.
    std::fs::write(&overview, "tab = \"Overview\"\ncolour = 1\n").unwrap();
    t.wait_for("overview.toml:2:1: ");
    let screen = t.text();
    assert!(screen.contains(PROBLEM), "{screen}");
    assert!(screen.contains("colour"), "{screen}");
    assert!(
        screen.contains("Revised: Your Achilles tendon"),
        "the last good copy stays:\n{screen}"
    );
    // Keys still work while the files are broken.
    t.send("3");
    t.wait_for("Achilles tendon rupture");

    save_by_rename(&overview, &good);
    t.wait_gone(PROBLEM);
    t.send("1");
    t.wait_for("Your Achilles tendon");
    assert!(!t.text().contains("Revised: "));
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_chapter_grown_past_the_size_cap_is_refused_and_the_terminal_comes_back() {
    let dir = edition("watch-cap");
    let mut t = watching(&dir);
    let rupture = dir.join("rupture.toml");
    // A TOML comment that keeps the file valid, past 16 MiB in all.
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&rupture)
        .unwrap();
    let line = format!("# {}\n", "x".repeat(1021));
    for _ in 0..(16 * 1024 + 1) {
        file.write_all(line.as_bytes()).unwrap();
    }
    drop(file);
    t.wait_for("rupture.toml: this file is ");
    let screen = t.text();
    assert!(screen.contains(PROBLEM), "{screen}");
    assert!(
        screen.contains("a handbook file may be at most 16777216 bytes"),
        "{screen}"
    );
    // The last good copy is still there to read.
    t.send("3");
    t.wait_for("Achilles tendon rupture");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
    std::fs::remove_dir_all(&dir).unwrap();
}
