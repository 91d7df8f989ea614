//! End to end: kiosk mode. No key or key combination ends the program, the job-control and
//! interrupt signals are ignored, SIGTERM and SIGHUP end it cleanly, an idle session starts over
//! with nothing of the last reader kept, and the mouse works.

mod common;

use common::{CTRL_C, Spawn, Tui};

const HOME: &str = "Press any key to start";
const OVERVIEW: &str = "Your Achilles tendon";

/// A kiosk on its home screen.
fn kiosk(extra: &[&str]) -> Tui {
    let mut args = vec!["--kiosk"];
    args.extend_from_slice(extra);
    let mut t = Spawn::new(&args).start();
    t.wait_for(HOME);
    t
}

/// From the home screen to the first chapter.
fn start_reading(t: &mut Tui) {
    t.send("x");
    t.wait_for(OVERVIEW);
    t.wait_gone(HOME);
}

/// From any state back to a fresh session on the first chapter, proving the program still
/// reads and answers keys. A trailing Esc of the keys before is absorbed by the harmless "x".
fn back_to_reading(t: &mut Tui, after: &str) {
    t.assert_running(after);
    t.send("x");
    t.send(CTRL_C);
    t.wait_for(HOME);
    start_reading(t);
    t.assert_running(after);
}

#[test]
fn no_key_ends_the_kiosk() {
    let mut t = kiosk(&[]);
    start_reading(&mut t);

    // q starts over: back to the home screen.
    t.send("q");
    t.wait_for(HOME);
    start_reading(&mut t);

    // Ctrl-C starts over too.
    t.send(CTRL_C);
    t.wait_for(HOME);
    start_reading(&mut t);

    // Typed into the search prompt, q is text.
    t.send("/");
    t.wait_for("Search: ");
    t.send("q");
    t.wait_for("Search: q");
    back_to_reading(&mut t, "q in the search prompt");

    let groups: &[(&str, &str)] = &[
        ("Q", "Q"),
        ("\x1b", "Esc"),
        ("\x04", "Ctrl-D"),
        ("\x1c", "Ctrl-\\"),
        ("\x1a", "Ctrl-Z"),
        ("\x18\x03", "Ctrl-X Ctrl-C"),
        (":q!\r", ":q! Enter"),
        ("!sh\r", "!sh Enter"),
        (":wq\r", ":wq Enter"),
        ("\x1bOP\x1bOQ\x1bOR\x1bOS", "F1-F4"),
        ("\x1b[15~\x1b[17~\x1b[18~\x1b[19~", "F5-F8"),
        ("\x1b[20~\x1b[21~\x1b[23~\x1b[24~", "F9-F12"),
        ("\x1b\x1b", "Esc Esc"),
        ("\x1b[1;5P\x1b[24;2~\x1b[1;3P", "Ctrl-F1, Shift-F12, Alt-F1"),
        (
            "\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x16\x17\x19",
            "other control keys",
        ),
    ];
    for (keys, name) in groups {
        t.send(keys);
        back_to_reading(&mut t, name);
    }

    // The same keys on the home screen and in the help.
    t.send("q");
    t.wait_for(HOME);
    for (keys, name) in groups {
        t.send(keys);
        back_to_reading(&mut t, &format!("{name} on the home screen"));
        t.send("q");
        t.wait_for(HOME);
    }
    start_reading(&mut t);
    for (keys, name) in groups {
        t.send("?");
        t.wait_for("Next chapter");
        t.send(keys);
        back_to_reading(&mut t, &format!("{name} in the help"));
    }

    t.signal("TERM");
    assert_eq!(t.wait_exit(), 143);
    t.assert_restored();
}

/// Sends the marker '3' or '2' (by turn) and waits for its chapter, proving the program runs,
/// is not stopped, and reads keys.
fn marker(t: &mut Tui, n: &mut usize) {
    let (key, tab) = if n.is_multiple_of(2) {
        ("3", "[3 Rupture]")
    } else {
        ("2", "[2 Tendonitis]")
    };
    *n += 1;
    t.send(key);
    t.wait_for(tab);
}

#[test]
fn interrupt_and_job_control_signals_are_ignored() {
    let mut t = kiosk(&[]);
    start_reading(&mut t);
    let mut n = 0;
    for sig in ["INT", "QUIT", "TSTP", "TTIN", "TTOU", "INT", "TSTP"] {
        t.signal(sig);
        marker(&mut t, &mut n);
        t.assert_running(&format!("SIG{sig}"));
    }
    t.signal("TERM");
    assert_eq!(t.wait_exit(), 143);
    t.assert_restored();
}

#[test]
fn sigterm_ends_the_kiosk_restored() {
    let mut t = kiosk(&[]);
    t.signal("TERM");
    assert_eq!(t.wait_exit(), 143);
    t.assert_restored();
}

#[test]
fn sighup_ends_the_kiosk_restored() {
    let mut t = kiosk(&[]);
    start_reading(&mut t);
    t.send("/");
    t.wait_for("Search: ");
    t.signal("HUP");
    assert_eq!(t.wait_exit(), 129);
    t.assert_restored();
}

#[test]
fn idle_session_starts_over_and_forgets_the_search() {
    let mut t = kiosk(&["--idle-timeout", "3"]);
    start_reading(&mut t);
    t.send("/");
    t.wait_for("Search: ");
    t.send("rupture");
    t.wait_for("Search: rupture");
    t.wait_for("Rupture > ");
    // No input from here: first the notice, then the home screen.
    t.wait_for("Still reading?");
    t.wait_for(HOME);
    assert!(
        !t.text().contains("rupture"),
        "the old search is still on screen:\n{}",
        t.text()
    );
    start_reading(&mut t);
    t.send("/");
    t.wait_for("Search: ");
    let prompt = t
        .text()
        .lines()
        .find(|l| l.contains("Search: "))
        .map(str::to_owned)
        .unwrap_or_default();
    let typed = prompt.split("Search: ").nth(1).unwrap_or_default();
    let typed = typed.trim_end_matches(|c: char| c.is_whitespace() || c == '│' || c == '|');
    assert!(
        typed.is_empty() || typed == "_",
        "the search kept {typed:?}: {prompt:?}"
    );
    assert!(
        !t.text().contains("rupture"),
        "the old search is still on screen:\n{}",
        t.text()
    );
    t.signal("TERM");
    assert_eq!(t.wait_exit(), 143);
}

#[test]
fn idle_notice_is_dismissed_by_a_key() {
    let mut t = kiosk(&["--idle-timeout", "3"]);
    start_reading(&mut t);
    t.send("3");
    t.wait_for("[3 Rupture]");
    t.wait_for("Still reading?");
    t.send("x");
    t.wait_gone("Still reading?");
    // The session was kept: still on Rupture, not on the home screen.
    assert!(
        t.text().contains("[3 Rupture]"),
        "the session was lost:\n{}",
        t.text()
    );
    t.signal("TERM");
    assert_eq!(t.wait_exit(), 143);
}

#[test]
fn mouse_click_starts_and_opens_a_tab() {
    let mut t = kiosk(&[]);
    t.click(50, 15);
    t.wait_for(OVERVIEW);
    t.wait_until_rows("the whole tab bar", |rows| rows[0].contains("7 Contact"));
    let top = t.rows().remove(0);
    let col = top.find("Rupture").expect("Rupture in the tab bar");
    // `find` gives a byte offset; the tab bar is ASCII up to there.
    assert!(top[..col].is_ascii(), "tab bar: {top:?}");
    t.click(col as u16 + 2, 1);
    t.wait_for("[3 Rupture]");
    t.wait_for("Achilles tendon rupture");
    t.signal("TERM");
    assert_eq!(t.wait_exit(), 143);
    t.assert_restored();
}

/// Terminal reports with a coordinate of 0, which a terminal never sends but anyone at a
/// keyboard or on a serial line can: SGR, X10 and rxvt mouse reports and a cursor-position
/// report. None may end the program, in a kiosk or for a reader.
#[test]
fn reports_with_coordinate_zero_end_nothing() {
    let reports = [
        "\x1b[<0;0;0M\x1b[<0;0;0m",
        "\x1b[<0;1;0M",
        "\x1b[<64;0;0M",
        "\x1b[M   ",
        "\x1b[M\x20\x21\x20",
        "\x1b[32;0;0M",
        "\x1b[0;0R",
        "\x1b[<0;65535;65535M\x1b[<0;65535;65535m",
    ];
    for kiosk_mode in [true, false] {
        let mut t = if kiosk_mode {
            let mut t = kiosk(&[]);
            start_reading(&mut t);
            t
        } else {
            let mut t = Spawn::new(&[]).start();
            t.wait_for(OVERVIEW);
            t
        };
        let mut n = 0;
        for report in reports {
            // One keystroke per write, as a person would type it.
            for c in report.chars() {
                t.send(&c.to_string());
            }
            marker(&mut t, &mut n);
            t.assert_running(&format!("{report:?}"));
        }
        t.signal("TERM");
        assert_eq!(t.wait_exit(), 143);
        t.assert_restored();
    }
}
