//! The command line as people and scripts meet it: every output path reports a failed write
//! with status 1 and a message, a closed pipe ends quietly with 0, `--help` wraps to the
//! terminal (80 columns when it is not one), and the options a deployment sets come from the
//! environment, with the command line winning.

// These tests run the program as a shell or a script would, and give it a full disk to write to.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

mod common;

use std::process::{Command, Output, Stdio};

use common::Spawn;

const BIN: &str = env!("CARGO_BIN_EXE_achilles-handbook");

/// Every way the program writes to standard output without a terminal.
const OUTPUTS: &[&[&str]] = &[
    &["--help"],
    &["-h"],
    &["--version"],
    &["check", "--help"],
    &["help", "print"],
    &["man"],
    &["completions", "bash"],
    &["completions", "zsh"],
    &["completions", "fish"],
    &["check"],
    &["print"],
    &["print", "rupture"],
    &["search", "tendon"],
    &[],
];

fn handbook(args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    for (key, _) in std::env::vars() {
        if key.starts_with("ACHILLES_HANDBOOK_") {
            cmd.env_remove(key);
        }
    }
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run the handbook")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_full_disk_is_reported_with_status_1() {
    for args in OUTPUTS {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("open /dev/full");
        let o = run(handbook(args).stdout(full));
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("achilles-handbook: cannot write the output: No space left on device"),
            "{args:?} says: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly_with_0() {
    for args in OUTPUTS {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        // Nobody will ever read: the first write fails with EPIPE.
        drop(reader);
        let o = run(handbook(args).stdout(writer));
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

fn widest_line(text: &str) -> usize {
    text.lines()
        .map(|l| l.trim_end_matches('\r').chars().count())
        .max()
        .unwrap_or(0)
}

#[test]
fn help_wraps_at_80_columns_when_not_on_a_terminal() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["check", "--help"],
        &["print", "--help"],
    ] {
        let o = run(handbook(args).env("COLUMNS", "200").stdout(Stdio::piped()));
        assert_eq!(o.status.code(), Some(0));
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(text.contains("Usage: achilles-handbook"), "{text}");
        assert!(widest_line(&text) <= 80, "{args:?}:\n{text}");
        // Wrapped, not cut: the long description is still there, whole.
        if args == ["--help"] {
            assert!(text.contains("Start over after this many seconds without input"));
        }
    }
}

#[test]
fn help_wraps_to_the_terminal_width_and_no_wider_than_100() {
    for (cols, most) in [(60, 60), (160, 100)] {
        let mut t = Spawn::new(&["--help"]).size(cols, 200).start();
        assert_eq!(t.wait_exit(), 0);
        let text = String::from_utf8_lossy(&t.raw()).into_owned();
        assert!(text.contains("--screen-reader"), "{text}");
        let widest = widest_line(&text);
        assert!(
            widest <= most,
            "{cols} columns: a line of {widest}:\n{text}"
        );
        assert!(
            widest > most - 15,
            "{cols} columns: not using the width:\n{text}"
        );
    }
}

#[test]
fn help_lists_every_environment_variable() {
    let o = run(handbook(&["--help"]).stdout(Stdio::piped()));
    let text = String::from_utf8(o.stdout).unwrap();
    for var in [
        "ACHILLES_HANDBOOK_HANDBOOK",
        "ACHILLES_HANDBOOK_LANG",
        "ACHILLES_HANDBOOK_KIOSK",
        "ACHILLES_HANDBOOK_IDLE_TIMEOUT",
        "ACHILLES_HANDBOOK_THEME",
        "ACHILLES_HANDBOOK_COLOR",
        "ACHILLES_HANDBOOK_ASCII",
        "ACHILLES_HANDBOOK_SCREEN_READER",
    ] {
        assert!(
            text.contains(&format!("[env: {var}=]")),
            "{var} missing:\n{text}"
        );
    }
}

#[test]
fn the_readme_lists_every_environment_variable() {
    use clap::CommandFactory;
    let readme = include_str!("../README.md");
    let cmd = achilles_handbook::cli::Cli::command();
    for arg in cmd.get_arguments() {
        if let Some(var) = arg.get_env() {
            let var = var.to_string_lossy();
            let row = format!("| `{var}` | `--{}", arg.get_long().unwrap_or_default());
            assert!(readme.contains(&row), "README.md has no row {row}…");
        }
    }
}

fn first_line(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn the_environment_sets_options_and_the_command_line_wins() {
    let es = run(handbook(&["print"])
        .env("ACHILLES_HANDBOOK_LANG", "es")
        .stdout(Stdio::piped()));
    assert_eq!(first_line(&es), "Manual del tendón de Aquiles");
    let en = run(handbook(&["--lang", "en", "print"])
        .env("ACHILLES_HANDBOOK_LANG", "es")
        .stdout(Stdio::piped()));
    assert_eq!(first_line(&en), "Achilles Tendon Handbook");

    let elsewhere = run(handbook(&["print"])
        .env("ACHILLES_HANDBOOK_HANDBOOK", "/nonexistent/handbook")
        .stdout(Stdio::piped()));
    assert_eq!(elsewhere.status.code(), Some(2));
    assert!(
        stderr(&elsewhere).contains("/nonexistent/handbook"),
        "{}",
        stderr(&elsewhere)
    );
    let flag_wins = run(handbook(&["--handbook", "handbook", "print"])
        .env("ACHILLES_HANDBOOK_HANDBOOK", "/nonexistent/handbook")
        .stdout(Stdio::piped()));
    assert_eq!(flag_wins.status.code(), Some(0), "{}", stderr(&flag_wins));
}

#[test]
fn a_bad_value_in_the_environment_is_refused_clearly() {
    let o = run(handbook(&["print"])
        .env("ACHILLES_HANDBOOK_KIOSK", "maybe")
        .stdout(Stdio::piped()));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid value 'maybe' for '--kiosk': use 1 or 0"),
        "{}",
        stderr(&o)
    );
    // Empty is off, as if the line in the environment file were not there.
    let o = run(handbook(&["print"])
        .env("ACHILLES_HANDBOOK_KIOSK", "")
        .env("ACHILLES_HANDBOOK_ASCII", "")
        .stdout(Stdio::piped()));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn kiosk_mode_and_ascii_come_from_the_environment() {
    let mut t = Spawn::new(&[])
        .env("ACHILLES_HANDBOOK_KIOSK", "1")
        .env("ACHILLES_HANDBOOK_ASCII", "yes")
        .start();
    t.wait_for("Press any key to start");
    t.send("x");
    t.wait_for("Your Achilles tendon");
    // q starts over in a kiosk instead of quitting.
    t.send("q");
    t.wait_for("Press any key to start");
    t.assert_running("q in a kiosk set from the environment");
    let text = t.text();
    assert!(
        !text.contains(['─', '│', '┌', '•']),
        "drawn with more than ASCII:\n{text}"
    );
    t.signal("TERM");
    t.wait_exit();
}

/// An idle timeout too large for the clock (it once panicked on the first key) is refused
/// before anything starts, from the command line and from the environment, naming the range.
#[test]
fn an_idle_timeout_out_of_range_is_refused_before_anything_starts() {
    let huge = "18446744073709551615";
    for cmd in [
        handbook(&["--kiosk", "--idle-timeout", huge]),
        {
            let mut c = handbook(&["--kiosk"]);
            c.env("ACHILLES_HANDBOOK_IDLE_TIMEOUT", huge);
            c
        },
        handbook(&["--idle-timeout", "86401", "print"]),
    ] {
        let mut cmd = cmd;
        let o = run(cmd.stdout(Stdio::piped()));
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("0..=86400"), "{}", stderr(&o));
        assert!(o.stdout.is_empty(), "nothing starts");
    }
}
