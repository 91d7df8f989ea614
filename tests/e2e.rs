//! End to end: the reader in a real pseudo-terminal. Start, chapters, help, resize, search,
//! languages, NO_COLOR, --ascii, quitting and a broken handbook.

mod common;

use common::{Spawn, Tui, contains, sgr_params, temp_dir};

const TAB_BAR: &str = "[1 Overview]";

fn started(args: &[&str]) -> Tui {
    let mut t = Tui::run(args);
    t.wait_for(TAB_BAR);
    t
}

#[test]
fn starts_with_tab_bar_overview_and_status_line() {
    let mut t = started(&[]);
    t.wait_until_rows("the tab bar, the overview and the status line", |rows| {
        rows[0].starts_with(" [1 Overview]")
            && rows[0].contains("2 Tendonitis")
            && rows[0].contains("3 Rupture")
            && rows.iter().any(|r| r.contains("Your Achilles tendon"))
            && rows[29].contains("? help")
            && rows[29].contains("q quit")
    });
    assert!(
        t.screen().alternate_screen(),
        "the interface runs on the alternate screen"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn key_3_opens_rupture() {
    let mut t = started(&[]);
    t.send("3");
    t.wait_for("[3 Rupture]");
    t.wait_for("Achilles tendon rupture");
    assert!(
        !t.row(0).contains("[1 Overview]"),
        "only one tab is selected: {:?}",
        t.row(0)
    );
    t.send("\t");
    t.wait_for("[4 ");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn help_opens_and_closes_with_esc_and_question_mark() {
    let mut t = started(&[]);
    t.send("?");
    t.wait_for(" Keys ");
    t.wait_for("Next chapter");
    t.send_esc_then("the help to close on Esc", |s| !s.contains("Next chapter"));
    t.send("?");
    t.wait_for("Next chapter");
    t.send("?");
    t.wait_gone("Next chapter");
    // Still reading: a key of the reader works.
    t.send("3");
    t.wait_for("[3 Rupture]");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn resize_small_tiny_and_back() {
    let mut t = started(&[]);
    t.resize(30, 10);
    // At 30 columns the whole tab bar cannot fit; the screen must be redrawn for 30×10.
    // The tab bar no longer fits: it is redrawn with a "more" marker in the last column, the
    // text is wrapped for 30 columns and the status line is on row 10.
    t.wait_until_rows("a redraw for 30x10", |rows| {
        rows.len() == 10
            && rows[0].trim_end().ends_with('›')
            && rows[9].starts_with(" Overview")
            && rows[1].starts_with(" Your Achilles tendon ")
    });
    t.resize(15, 5);
    t.wait_for("enlarge");
    t.resize(100, 30);
    t.wait_for(TAB_BAR);
    t.wait_for("Your Achilles tendon");
    assert!(
        !t.text().contains("enlarge"),
        "the notice left with the small size"
    );
    t.send("3");
    t.wait_for("[3 Rupture]");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

#[test]
fn q_exits_0_and_restores_the_terminal() {
    let mut t = started(&[]);
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

#[test]
fn sigterm_exits_143_and_restores_the_terminal() {
    let mut t = started(&[]);
    t.signal("TERM");
    assert_eq!(t.wait_exit(), 143);
    t.assert_restored();
}

#[test]
#[allow(clippy::disallowed_methods)]
fn broken_handbook_exits_2_with_a_located_message_and_no_alternate_screen() {
    let dir = temp_dir("broken");
    std::fs::create_dir_all(&dir).unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook/en");
    for entry in std::fs::read_dir(&src).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    let toml = std::fs::read_to_string(dir.join("handbook.toml")).unwrap();
    let mut lines: Vec<&str> = toml.lines().collect();
    lines.insert(1, "colour = \"blue\"");
    std::fs::write(dir.join("handbook.toml"), lines.join("\n") + "\n").unwrap();

    let mut t = Tui::run(&["--handbook", dir.to_str().unwrap()]);
    let code = t.wait_exit();
    let raw = t.raw();
    let out = String::from_utf8_lossy(&raw).into_owned();
    let _ = std::fs::remove_dir_all(&dir);

    assert_eq!(code, 2, "output:\n{out}");
    let located = format!("{}:2:1: ", dir.join("handbook.toml").display());
    assert!(
        out.contains(&located),
        "no {located:?} in the output:\n{out}"
    );
    assert!(out.contains("colour"), "the message names the key:\n{out}");
    assert!(
        !contains(&raw, b"\x1b[?1049h"),
        "the alternate screen was entered:\n{out:?}"
    );
    t.assert_restored();
}

#[test]
fn search_with_a_typo_finds_tendonitis_and_opens_it() {
    let mut t = started(&[]);
    t.send("/");
    t.wait_for("Search: ");
    t.send("calsium");
    t.wait_for("Search: calsium");
    t.wait_for("Tendonitis > ");
    let screen = t.text();
    assert!(
        screen
            .lines()
            .any(|l| l.contains("▶") && l.contains("Tendonitis > ")),
        "the chosen result is in Tendonitis:\n{screen}"
    );
    t.send("\r");
    t.wait_for("[2 Tendonitis]");
    t.wait_until("the status line to show the hit", |s| {
        s.lines().last().is_some_and(|l| l.contains("hit 1 of"))
    });
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn lang_es_option_shows_spanish() {
    let mut t = Tui::run(&["--lang", "es"]);
    t.wait_until_rows("the Spanish tab bar", |rows| rows[0].contains("3 Ruptura"));
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn lang_from_environment_chooses_spanish() {
    let mut t = Spawn::new(&[]).env("LANG", "es_ES.UTF-8").start();
    t.wait_until_rows("the Spanish tab bar", |rows| rows[0].contains("3 Ruptura"));
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// SGR parameters that are not colours: reset, bold, dim, italic, underline, blink, reverse,
/// hidden, strike and their "off" forms.
fn is_colourless(param: &str) -> bool {
    param.is_empty() || matches!(param.parse::<u32>(), Ok(0..=9 | 21..=29))
}

#[test]
fn no_color_writes_no_colour_codes() {
    let mut t = Spawn::new(&[]).env("NO_COLOR", "1").start();
    t.wait_for(TAB_BAR);
    // Draw more: another chapter, the help and the search with results.
    t.send("3");
    t.wait_for("[3 Rupture]");
    t.send("?");
    t.wait_for("Next chapter");
    t.send("?");
    t.wait_gone("Next chapter");
    t.send("/");
    t.wait_for("Search: ");
    t.send("calf");
    t.wait_for("▶");
    t.send(common::CTRL_C);
    assert_eq!(t.wait_exit(), 0);
    let raw = t.raw();
    let sgr = sgr_params(&raw);
    assert!(
        !sgr.is_empty(),
        "expected some SGR sequences (bold, reverse) at all"
    );
    for params in &sgr {
        for p in params.split([';', ':']) {
            assert!(
                is_colourless(p),
                "colour parameter {p:?} in CSI {params}m with NO_COLOR=1"
            );
        }
    }
}

#[test]
fn ascii_draws_frame_scrollbar_and_status_in_ascii() {
    let mut t = started(&["--ascii"]);
    t.wait_for("Your Achilles tendon");
    t.wait_for("q quit");
    let rows = t.rows();
    let top = &rows[0];
    let status = &rows[rows.len() - 1];
    assert!(top.is_ascii(), "tab bar is not ASCII: {top:?}");
    assert!(status.is_ascii(), "status line is not ASCII: {status:?}");
    let last_col: String = rows
        .iter()
        .map(|r| r.chars().last().unwrap_or(' '))
        .collect();
    assert!(
        last_col.is_ascii(),
        "scrollbar column is not ASCII: {last_col:?}"
    );
    // Whatever is not ASCII on the screen must be a letter of the content (é, ñ, ...).
    for (i, r) in rows.iter().enumerate() {
        for c in r.chars().filter(|c| !c.is_ascii()) {
            assert!(
                c.is_alphabetic(),
                "row {i} has the drawing character {c:?}: {r:?}"
            );
        }
    }
    // The help's frame and key names are ASCII.
    t.send("?");
    t.wait_for("Next chapter");
    for (i, r) in t.rows().iter().enumerate() {
        for c in r.chars().filter(|c| !c.is_ascii()) {
            assert!(
                c.is_alphabetic(),
                "help row {i} has the drawing character {c:?}: {r:?}"
            );
        }
    }
    t.send("?");
    t.wait_gone("Next chapter");
    t.send("/");
    t.wait_for("Search: ");
    t.send("calcium");
    t.wait_for("Tendonitis > ");
    for (i, r) in t.rows().iter().enumerate() {
        for c in r.chars().filter(|c| !c.is_ascii()) {
            assert!(
                c.is_alphabetic(),
                "search row {i} has the drawing character {c:?}: {r:?}"
            );
        }
    }
    t.send(common::CTRL_C);
    assert_eq!(t.wait_exit(), 0);
}

/// With --ascii the help writes the arrow keys in ASCII too (it once showed "→ ← ↑ ↓").
#[test]
fn ascii_help_key_names() {
    let mut t = started(&["--ascii"]);
    t.send("?");
    t.wait_for("Next chapter");
    let rows = t.rows();
    t.send(common::CTRL_C);
    assert_eq!(t.wait_exit(), 0);
    for (i, r) in rows.iter().enumerate() {
        for c in r.chars().filter(|c| !c.is_ascii()) {
            assert!(
                c.is_alphabetic(),
                "help row {i} has the drawing character {c:?}: {r:?}"
            );
        }
    }
}

/// A window larger than anyone reads (65535 × 65535, as a hostile `stty` or SSH window change
/// can report) is drawn in a bounded area: the program keeps running and answering keys, and
/// a window just too wide says so beside what it draws.
#[test]
fn huge_windows_are_drawn_in_a_bounded_area() {
    let mut t = Tui::run(&[]);
    t.wait_for("[1 Overview]");
    let before = t.raw().len();
    t.resize_pty(65535, 65535);
    t.send("3");
    // A frame drawn for the huge window (too large for this emulator to show sensibly).
    let deadline = std::time::Instant::now() + common::TIMEOUT;
    while t.raw().len() < before + 1000 && t.is_running() {
        assert!(
            std::time::Instant::now() < deadline,
            "no frame for the huge window"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    t.assert_running("a 65535 x 65535 window");
    t.resize_pty(100, 30);
    t.wait_for("[3 Rupture]");
    t.resize(620, 30);
    t.wait_for("The window is larger than the handbook draws");
    t.send("2");
    t.wait_for("[2 Tendonitis]");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

/// CPU time (clock ticks, user and system) the whole process has used.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("the process's stat");
    let rest = &stat[stat.rfind(')').expect("a command name") + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

/// A kB field of /proc/PID/status, such as VmHWM.
fn status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("the field")
}

/// At a very large window (3000 x 1000, where the program once idled at a quarter of a core
/// and 232 MB), a frame costs what the bounded area costs, and doing nothing costs nothing:
/// over a two-second window with no input the program uses under 5% of a core and writes
/// nothing, and its peak memory stays under 64 MB.
#[test]
fn a_very_large_window_idles_flat() {
    let mut t = Tui::run(&[]);
    t.wait_for("[1 Overview]");
    let before = t.raw().len();
    t.resize_pty(3000, 1000);
    t.send("3");
    let deadline = std::time::Instant::now() + common::TIMEOUT;
    while t.raw().len() < before + 1000 {
        assert!(
            std::time::Instant::now() < deadline,
            "no frame for the large window"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The frame is written once the program has drawn it; give it the time to finish, then
    // measure an idle interval (a measurement window, not a wait for some state).
    t.send("4");
    let drawn = t.raw().len();
    let deadline = std::time::Instant::now() + common::TIMEOUT;
    while t.raw().len() == drawn {
        assert!(std::time::Instant::now() < deadline, "no frame for key 4");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let pid = t.pid();
    let mut last = t.raw().len();
    // Until a quarter second passes with nothing written: the frame is complete.
    let deadline = std::time::Instant::now() + common::TIMEOUT;
    loop {
        std::thread::sleep(std::time::Duration::from_millis(250));
        let now = t.raw().len();
        if now == last {
            break;
        }
        last = now;
        assert!(std::time::Instant::now() < deadline, "output never settled");
    }
    let (cpu, written) = (cpu_ticks(pid), t.raw().len());
    std::thread::sleep(std::time::Duration::from_secs(2));
    let used = cpu_ticks(pid) - cpu;
    assert!(used <= 10, "{used} ticks of CPU in 2 s idle at 3000 x 1000");
    assert_eq!(t.raw().len(), written, "output while idle");
    let hwm = status_kb(pid, "VmHWM");
    assert!(hwm < 64 * 1024, "peak memory {hwm} kB at 3000 x 1000");
    t.resize_pty(100, 30);
    t.wait_for("[4 Care team]");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

/// Waits until the program has written `needle` after the first `from` bytes of its output.
fn wait_for_bytes(t: &mut Tui, from: usize, needle: &[u8], what: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let raw = t.raw();
        if raw[from.min(raw.len())..]
            .windows(needle.len())
            .any(|w| w == needle)
        {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "no {what}");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn ctrl_l_and_sigcont_write_the_whole_screen_again() {
    let mut t = started(&[]);
    t.wait_for("Your Achilles tendon");
    let before = t.raw().len();
    t.send("\x0c");
    // A full redraw clears the screen (ED 2) and writes every line again.
    wait_for_bytes(&mut t, before, b"\x1b[2J", "clear after Ctrl-L");
    wait_for_bytes(&mut t, before, b"Your Achilles tendon", "text after Ctrl-L");
    let before = t.raw().len();
    t.signal("STOP");
    t.signal("CONT");
    wait_for_bytes(
        &mut t,
        before,
        b"\x1b[?1049h",
        "the alternate screen taken again",
    );
    wait_for_bytes(&mut t, before, b"\x1b[2J", "clear after SIGCONT");
    wait_for_bytes(
        &mut t,
        before,
        b"Your Achilles tendon",
        "text after SIGCONT",
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
