//! End to end: every way out of the program, from every state, restores the terminal. The
//! matrix is {q, Ctrl-C, panic (Ctrl-F12), SIGTERM, SIGHUP, SIGINT, SIGQUIT} × {a chapter, the
//! search prompt, the help}; each cell is its own test so they run in parallel. Then the pty is
//! closed under a running program.

mod common;

use std::time::Duration;

use common::{CTRL_C, CTRL_F12, Spawn, Tui};

#[derive(Debug, Clone, Copy)]
enum State {
    Chapter,
    Search,
    Help,
}

#[derive(Debug, Clone, Copy)]
enum Trigger {
    Q,
    CtrlC,
    Panic,
    Signal(&'static str, u32),
}

fn reach(t: &mut Tui, state: State) {
    t.wait_for("[1 Overview]");
    match state {
        State::Chapter => {
            t.send("3");
            t.wait_for("[3 Rupture]");
            t.wait_for("Achilles tendon rupture");
        }
        State::Search => {
            t.send("/");
            t.wait_for("Search: ");
        }
        State::Help => {
            t.send("?");
            t.wait_for(" Keys ");
            t.wait_for("Next chapter");
        }
    }
}

fn cell(state: State, trigger: Trigger) {
    // The program under test is built with the tests: in a release build (`cargo test
    // --release`) it has no panic key.
    if matches!(trigger, Trigger::Panic) && !cfg!(debug_assertions) {
        eprintln!("skipped: the panic key (Ctrl-F12) exists only in debug builds (`cargo test`)");
        return;
    }
    let mut t = Tui::run(&[]);
    reach(&mut t, state);
    let expected = match trigger {
        Trigger::Q => {
            t.send("q");
            if let State::Search = state {
                // In the prompt q is text, not a way out.
                t.wait_for("Search: q");
                t.assert_running("q in the search prompt");
                t.send(CTRL_C);
            }
            0
        }
        Trigger::CtrlC => {
            t.send(CTRL_C);
            0
        }
        Trigger::Panic => {
            t.send(CTRL_F12);
            101
        }
        Trigger::Signal(name, code) => {
            t.signal(name);
            code
        }
    };
    let code = t.wait_exit();
    let raw = t.raw();
    assert_eq!(
        code,
        expected,
        "{trigger:?} in {state:?}; screen:\n{}",
        t.text()
    );
    if let Trigger::Signal(name, code) = trigger {
        // Re-raised with its default action after the restore, as a service manager expects.
        assert_eq!(
            t.killed_by(),
            Some(code as i32 - 128),
            "SIG{name} in {state:?}"
        );
    }
    if let Trigger::Panic = trigger {
        assert!(
            common::contains(&raw, b"panic requested by the test key"),
            "the panic message was not printed:\n{}",
            t.text()
        );
    }
    t.assert_restored();
}

macro_rules! matrix {
    ($($name:ident: $state:ident, $trigger:expr;)*) => {
        $(
            #[test]
            fn $name() {
                cell(State::$state, $trigger);
            }
        )*
    };
}

matrix! {
    chapter_q: Chapter, Trigger::Q;
    chapter_ctrl_c: Chapter, Trigger::CtrlC;
    chapter_panic: Chapter, Trigger::Panic;
    chapter_sigterm: Chapter, Trigger::Signal("TERM", 143);
    chapter_sighup: Chapter, Trigger::Signal("HUP", 129);
    chapter_sigint: Chapter, Trigger::Signal("INT", 130);
    chapter_sigquit: Chapter, Trigger::Signal("QUIT", 131);
    search_q_is_text_then_ctrl_c: Search, Trigger::Q;
    search_ctrl_c: Search, Trigger::CtrlC;
    search_panic: Search, Trigger::Panic;
    search_sigterm: Search, Trigger::Signal("TERM", 143);
    search_sighup: Search, Trigger::Signal("HUP", 129);
    search_sigint: Search, Trigger::Signal("INT", 130);
    search_sigquit: Search, Trigger::Signal("QUIT", 131);
    help_q: Help, Trigger::Q;
    help_ctrl_c: Help, Trigger::CtrlC;
    help_panic: Help, Trigger::Panic;
    help_sigterm: Help, Trigger::Signal("TERM", 143);
    help_sighup: Help, Trigger::Signal("HUP", 129);
    help_sigint: Help, Trigger::Signal("INT", 130);
    help_sigquit: Help, Trigger::Signal("QUIT", 131);
}

/// The terminal goes away (the emulator's window is closed): the program must not hang on.
/// Returns the exit status.
fn pty_closed(args: &[&str], ready: &str) -> u32 {
    let mut t = Spawn::new(args).start();
    t.wait_for(ready);
    t.close_pty();
    let code = t.wait_exit_within(Duration::from_secs(2));
    eprintln!("exit status after the pty closed ({args:?}): {code}");
    code
}

#[test]
fn pty_closed_reader_exits_within_2s() {
    let _ = pty_closed(&[], "[1 Overview]");
}

#[test]
fn pty_closed_kiosk_exits_within_2s() {
    // In the kiosk no key quits, so only the hang-up can end it.
    let _ = pty_closed(&["--kiosk"], "Press any key to start");
}

/// Known app bug: when the terminal hangs up, ratatui's `Terminal` drop fails to show the
/// cursor and reports it with `eprintln!`, which panics because stderr is the dead terminal;
/// the program ends with the panic status 101 instead of 129 (SIGHUP) or 1 (terminal gone).
#[test]
fn pty_closed_exits_without_panic() {
    for args in [&[][..], &["--kiosk"][..]] {
        let ready = if args.is_empty() {
            "[1 Overview]"
        } else {
            "Press any key to start"
        };
        let code = pty_closed(args, ready);
        assert!(
            code == 129 || code == 1,
            "exit status {code} after the pty closed ({args:?})"
        );
    }
}

/// The process state letter from /proc (R, S, T for stopped, ...).
fn proc_state(pid: u32) -> char {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| s.rsplit(')').next().and_then(|r| r.trim().chars().next()))
        .unwrap_or('?')
}

#[test]
fn sigtstp_suspends_a_reader_with_the_terminal_restored_and_sigcont_resumes() {
    let mut t = Tui::run(&[]);
    t.wait_for("[1 Overview]");
    t.send("3");
    t.wait_for("[3 Rupture]");
    t.signal("TSTP");
    let pid = t.pid();
    t.wait_until("the program to stop", |_| proc_state(pid) == 'T');
    // What it wrote before stopping may still be on its way through the pty.
    let deadline = std::time::Instant::now() + Duration::from_secs(8);
    while t.screen().alternate_screen() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let screen = t.screen();
    assert!(
        !screen.alternate_screen(),
        "suspended on the alternate screen"
    );
    assert!(!screen.hide_cursor(), "suspended with the cursor hidden");
    assert!(
        matches!(t.termios_cooked(), Ok(true) | Err(_)),
        "suspended in raw mode"
    );
    t.signal("CONT");
    t.wait_until("the interface to come back", |s| {
        s.contains("[3 Rupture]") && proc_state(pid) != 'T'
    });
    assert!(t.screen().alternate_screen());
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

#[test]
fn the_debug_panic_key_does_nothing_in_a_kiosk() {
    let mut t = Tui::run(&["--kiosk"]);
    t.wait_for("Press any key to start");
    t.send("x");
    t.wait_for("[1 Overview]");
    t.send(CTRL_F12);
    t.send("3");
    t.wait_for("[3 Rupture]");
    t.assert_running("Ctrl-F12 in a kiosk");
    t.signal("TERM");
    assert_eq!(t.wait_exit(), 143);
    t.assert_restored();
}

#[test]
fn other_terminating_signals_restore_the_terminal_too() {
    let mut t = Tui::run(&[]);
    t.wait_for("[1 Overview]");
    t.signal("USR1");
    assert_eq!(t.wait_exit(), 138);
    t.assert_restored();
}
