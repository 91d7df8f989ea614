//! End to end: the terminal asked for its background colour (OSC 11, DA1 behind it) and
//! answered as a terminal would. A light answer gives the light palette, a dark one the dark
//! palette, exactly as `--background` would; an answer is never read as keys, not even one that
//! comes after the first frame (a slow link); the terminal's modes are the program's own
//! afterwards.

mod common;

use std::time::{Duration, Instant};

use common::{Spawn, Tui, contains};

const TAB_BAR: &str = "[1 Overview]";
const QUESTION: &[u8] = b"\x1b]11;?\x07\x1b[c";

/// The colours of the active tab's first cell: they differ between the light and dark palettes.
fn tab_colours(t: &mut Tui) -> (vt100::Color, vt100::Color) {
    let cell = t.screen().cell(0, 1).expect("the tab bar's cell").clone();
    (cell.fgcolor(), cell.bgcolor())
}

/// Starts the program, waits for its question and answers it with `answer`.
fn answered(answer: &str) -> Tui {
    answered_in(Spawn::new(&[]), answer)
}

/// Starts the program as `spawn` says and waits for its question, unanswered.
fn asked(spawn: Spawn) -> Tui {
    let mut t = spawn.start();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !contains(&t.raw(), QUESTION) {
        assert!(Instant::now() < deadline, "the question was not asked");
        std::thread::sleep(Duration::from_millis(1));
    }
    t
}

/// The same, started as `spawn` says.
fn answered_in(spawn: Spawn, answer: &str) -> Tui {
    let mut t = asked(spawn);
    t.send(answer);
    t.wait_for(TAB_BAR);
    t
}

fn with_flag(shade: &str) -> (vt100::Color, vt100::Color) {
    let mut t = Tui::run(&["--background", shade]);
    t.wait_for(TAB_BAR);
    let colours = tab_colours(&mut t);
    assert!(
        !contains(&t.raw(), QUESTION),
        "--background {shade}: nothing asked"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    colours
}

#[test]
fn the_answer_picks_the_palette_as_the_flag_would() {
    let light = with_flag("light");
    let dark = with_flag("dark");
    assert_ne!(light, dark, "the palettes differ in the tab bar");
    for (answer, expected, shade) in [
        // xterm: four digits, ended by ST.
        (
            "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?64;1;2;6;9;15;18;21;22c",
            light,
            "white",
        ),
        // rxvt-unicode: ended by BEL.
        (
            "\x1b]11;rgb:0000/2b2b/3636\x07\x1b[?1;2c",
            dark,
            "Solarized dark",
        ),
        (
            "\x1b]11;rgb:fd/f6/e3\x07\x1b[?62c",
            light,
            "Solarized light",
        ),
    ] {
        let mut t = answered(answer);
        assert_eq!(tab_colours(&mut t), expected, "{shade}");
        // Nothing of the answer was taken for a key: the chapter is shown as it opens.
        let status = t.row(29);
        assert!(status.contains("Overview · Top"), "{shade}: {status:?}");
        t.send("q");
        assert_eq!(t.wait_exit(), 0);
    }
}

/// The colours of the tab bar when the terminal answers `answer` and COLORFGBG says light.
fn with_light_hint(answer: &str) -> (vt100::Color, vt100::Color) {
    let mut t = answered_in(Spawn::new(&[]).env("COLORFGBG", "0;15"), answer);
    let colours = tab_colours(&mut t);
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    colours
}

#[test]
fn a_terminal_that_does_not_know_the_question_gets_the_hint() {
    // DA1 alone: the terminal has no OSC 11. COLORFGBG's light background is used.
    assert_eq!(with_light_hint("\x1b[?1;2c"), with_flag("light"));
}

#[test]
fn the_answer_wins_over_the_hint() {
    // COLORFGBG says light; the terminal says black.
    let black = "\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?62c";
    assert_eq!(with_light_hint(black), with_flag("dark"));
}

/// Waits until the tab bar has `colours`, or fails saying what it has.
fn wait_for_colours(t: &mut Tui, colours: (vt100::Color, vt100::Color), what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now = tab_colours(t);
        if now == colours {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: the tab bar stayed {now:?}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn an_answer_after_the_first_frame_changes_the_palette_and_types_nothing() {
    let light = with_flag("light");
    let dark = with_flag("dark");
    let mut t = asked(Spawn::new(&[]));
    // No answer yet: after the start-up wait the first frame comes, in the dark palette.
    t.wait_for(TAB_BAR);
    assert_eq!(tab_colours(&mut t), dark, "the first frame, unanswered");
    // A terminal far away answers now, in one write as terminals do: white, ended by ST.
    // Read as keys, `/` would open the search and type "ffff/ffff" into it.
    t.send("\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?64;1;2;6;9;15;18;21;22c");
    wait_for_colours(&mut t, light, "a white background answered late");
    let status = t.row(29);
    assert!(status.contains("Overview · Top"), "{status:?}");
    assert!(!t.text().contains("Search"), "{}", t.text());
    // Keys are keys again, one at a time as typed.
    t.send("2");
    t.wait_for("[2 Tendonitis]");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_signal_while_the_answer_is_awaited_gives_the_terminal_back_as_it_was() {
    // While the answer is awaited the terminal reads without echo; a SIGTERM then (a service
    // stopped, a window closed) must not leave it so for the shell.
    let mut t = asked(Spawn::new(&[]));
    t.signal_number(libc::SIGTERM);
    let _ = t.wait_exit();
    assert_eq!(t.killed_by(), Some(libc::SIGTERM), "ended by the signal");
    t.assert_restored();
}
