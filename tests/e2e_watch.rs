//! `--watch` as an author meets it: the real program in a pseudo-terminal, a copy of the
//! English edition edited beside it. A saved chapter shows; a broken save names the file, line
//! and column in the status line while the last good copy stays on screen; a chapter grown past
//! the size cap is refused with the reason; a chapter replaced by a FIFO is reported, not
//! waited on; keys are answered while a large save is still loading; and the terminal comes
//! back whole on quitting.

// The tests edit the handbook files on purpose, as an author does; the program never writes.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

/// The CPU time (clock ticks) the program's `watch` thread has used so far: it grows only while
/// the thread loads, since looking at a dozen files' metadata costs nothing measurable.
fn watch_thread_ticks(pid: u32) -> Option<u64> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    for task in tasks.flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if comm.trim() != "watch" {
            continue;
        }
        let stat = std::fs::read_to_string(task.path().join("stat")).ok()?;
        // Fields after the command's closing parenthesis; utime and stime are the 14th and
        // 15th fields of the line, the 12th and 13th after it.
        let rest = &stat[stat.rfind(')')? + 2..];
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let utime: u64 = fields.get(11)?.parse().ok()?;
        let stime: u64 = fields.get(12)?.parse().ok()?;
        return Some(utime + stime);
    }
    None
}

/// A chapter file of about `bytes`, valid, with `tab` as its tab label: the Overview's own
/// text followed by numbered copies of one plain section.
fn large_overview(original: &str, tab: &str, bytes: usize) -> String {
    let mut text = original.replacen("tab = \"Overview\"", &format!("tab = \"{tab}\""), 1);
    let mut n = 0;
    while text.len() < bytes {
        n += 1;
        text.push_str(&format!(
            "\n[[sections]]\nid = \"more-{n}\"\nheading = \"More about the tendon, part {n}\"\n\n\
             [[sections.blocks]]\nparagraph = \"A tendon is a strong cord that ties a muscle to a \
             bone. The Achilles tendon runs down the back of your lower leg. It joins your calf \
             muscle to your heel bone. Rest helps it heal. Ask your care team before you run or \
             jump again.\"\n"
        ));
    }
    text
}

/// Loading runs beside the event loop: while a save of several megabytes is still being
/// parsed and validated (the watch thread is using CPU and the new tab label has not shown),
/// chapter keys are answered; the new copy shows when it is ready.
#[test]
fn keys_are_answered_while_a_large_save_is_still_loading() {
    let dir = edition("watch-slow");
    let mut t = watching(&dir);
    t.wait_for("[1 Overview]");
    let pid = t.pid();
    let before = watch_thread_ticks(pid).expect("the program runs a thread named watch");
    let overview = dir.join("overview.toml");
    let good = std::fs::read_to_string(&overview).unwrap();
    save_by_rename(&overview, &large_overview(&good, "Grown", 12 * 1024 * 1024));

    // Wait until the watch thread has spent a tenth of a second loading.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let now = watch_thread_ticks(pid).expect("the watch thread");
        if now >= before + 10 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the watch thread never started loading"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    // Keys now, while it loads. (Generous limits: on a busy machine the program may get little
    // CPU; what matters is that the keys are answered before the load ends, checked below.)
    t.send("3");
    t.wait_for_within("[3 Rupture]", Duration::from_secs(30));
    t.send("2");
    t.wait_for_within("[2 Tendonitis]", Duration::from_secs(30));
    let screen = t.text();
    assert!(
        screen.contains("1 Overview") && !screen.contains("Grown"),
        "the keys were answered only after the reload:\n{screen}"
    );
    let busy = watch_thread_ticks(pid).expect("the watch thread");
    assert!(busy > before + 10, "the watch thread stopped loading");

    // The large copy arrives in its own time, and the program still answers.
    t.wait_for_within("1 Grown", Duration::from_secs(120));
    // (Opening the 12 MB chapter itself would time its layout in a debug build, not this.)
    t.send("3");
    t.wait_for_within("[3 Rupture]", Duration::from_secs(30));
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A chapter replaced by a FIFO while watched: reported at once in the status line (no reader
/// ever comes, so opening it must not wait), keys still answered, and the program still ends
/// by `q`, SIGTERM and SIGHUP with the terminal restored.
#[test]
fn a_chapter_replaced_by_a_fifo_is_reported_and_every_way_out_still_works() {
    for (way_out, signal) in [
        ("q", 0),
        ("SIGTERM", libc::SIGTERM),
        ("SIGHUP", libc::SIGHUP),
    ] {
        let dir = edition("watch-fifo-e2e");
        let mut t = watching(&dir);
        let rupture = dir.join("rupture.toml");
        std::fs::remove_file(&rupture).unwrap();
        let c = std::ffi::CString::new(rupture.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates the file.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
        t.wait_for("named pipe");
        assert!(t.text().contains(PROBLEM), "{}", t.text());
        t.send("3");
        t.wait_for("[3 Rupture]");
        if signal == 0 {
            t.send("q");
            assert_eq!(t.wait_exit(), 0);
        } else {
            t.signal_number(signal);
            t.wait_exit();
            assert_eq!(t.killed_by(), Some(signal), "not ended by {way_out}");
        }
        t.assert_restored();
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
