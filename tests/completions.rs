//! Completion scripts, loaded into the real shells the way their users load them: bash and fish
//! are asked for completions directly, zsh is typed at in a pseudo-terminal and its listing read
//! off the screen. A shell that is not installed is skipped with a printed reason.

// These tests start shells and write the scripts to a temporary folder for them.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("not zero")
}

/// A new, empty folder for this test.
fn folder(tag: &str) -> PathBuf {
    let dir = common::temp_dir(tag);
    std::fs::create_dir_all(&dir).expect("make a temporary folder");
    dir
}

const BIN: &str = env!("CARGO_BIN_EXE_achilles-handbook");

/// The shell's path, or None with the reason printed.
fn shell(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        eprintln!("skipping the {name} completion test: {name} is not installed");
    }
    found
}

/// Writes the program's completion script for `shell` to `path`.
fn write_script(shell: &str, path: &Path) {
    let out = Command::new(BIN)
        .args(["completions", shell])
        .output()
        .expect("run the handbook");
    assert!(out.status.success());
    std::fs::write(path, out.stdout).expect("write the script");
}

fn bin_dir() -> String {
    Path::new(BIN).parent().unwrap().display().to_string()
}

#[test]
fn bash_completes_subcommands_their_options_and_values() {
    let Some(bash) = shell("bash") else { return };
    let dir = folder("bash-completion");
    let script = dir.join("achilles-handbook");
    write_script("bash", &script);
    // What bash's programmable completion does on Tab: set COMP_* and call the function.
    let driver = format!(
        r#"source '{}'
complete -p achilles-handbook >/dev/null || exit 3
fn=$(complete -p achilles-handbook | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
comp() {{
  COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
  COMP_LINE="$*"; COMP_POINT=${{#COMP_LINE}}; COMPREPLY=()
  "$fn" achilles-handbook "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
  echo "$* => ${{COMPREPLY[*]}}"
}}
comp achilles-handbook pr
comp achilles-handbook ch
comp achilles-handbook --ki
comp achilles-handbook print --
comp achilles-handbook print --w
comp achilles-handbook check --h
comp achilles-handbook --theme ''
comp achilles-handbook --color n
"#,
        script.display()
    );
    let out = Command::new(bash)
        .args(["--norc", "--noprofile", "-c", &driver])
        .output()
        .expect("run bash");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (line, want) in [
        ("achilles-handbook pr =>", "print"),
        ("achilles-handbook ch =>", "check"),
        ("achilles-handbook --ki =>", "--kiosk"),
        (
            "achilles-handbook print -- =>",
            "--width --handbook --lang --ascii --help",
        ),
        ("achilles-handbook print --w =>", "--width"),
        ("achilles-handbook check --h =>", "--handbook --help"),
        (
            "achilles-handbook --theme  =>",
            "default high-contrast mono",
        ),
        ("achilles-handbook --color n =>", "never"),
    ] {
        let got = text
            .lines()
            .find_map(|l| l.strip_prefix(line))
            .unwrap_or_else(|| panic!("no line {line}:\n{text}"));
        assert_eq!(got.trim(), want, "{line}");
    }
}

#[test]
fn fish_completes_subcommands_their_options_and_values() {
    let Some(fish) = shell("fish") else { return };
    let dir = folder("fish-completion");
    let script = dir.join("achilles-handbook.fish");
    write_script("fish", &script);
    let ask = |line: &str| -> Vec<String> {
        let out = Command::new(&fish)
            .args([
                "--no-config",
                "-c",
                &format!(
                    "source '{}'; complete --do-complete '{line}'",
                    script.display()
                ),
            ])
            .output()
            .expect("run fish");
        assert!(out.status.success(), "{line}");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.split('\t').next().unwrap_or_default().to_owned())
            .collect()
    };
    let has = |line: &str, want: &[&str]| {
        let got = ask(line);
        for w in want {
            assert!(
                got.iter().any(|g| g == w),
                "{line:?} offers {got:?}, not {w}"
            );
        }
    };
    has("achilles-handbook ", &["check", "print"]);
    has("achilles-handbook --ki", &["--kiosk"]);
    has("achilles-handbook print --", &["--width", "--help"]);
    has("achilles-handbook check --h", &["--handbook", "--help"]);
    has(
        "achilles-handbook --theme ",
        &["default", "high-contrast", "mono"],
    );
    assert!(!ask("achilles-handbook check --").contains(&"--width".to_owned()));
}

/// Types `line` and a Tab into an interactive zsh with the script on its `fpath`, and returns
/// the screen once `expect` shows on it.
fn zsh_tab(zsh: &Path, fpath: &Path, line: &str, expect: &str) -> String {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(zsh);
    cmd.args(["-f", "-i"]);
    cmd.env("TERM", "xterm");
    cmd.env("PS1", "$ ");
    cmd.env(
        "PATH",
        format!(
            "{}:{}",
            bin_dir(),
            std::env::var("PATH").unwrap_or_default()
        ),
    );
    let mut child = pair.slave.spawn_command(cmd).expect("start zsh");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let output = Arc::new(Mutex::new(Vec::new()));
    {
        let output = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                output.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
    }
    let setup = format!(
        "fpath=('{}' $fpath); autoload -Uz compinit; compinit -u -D; echo READY\r",
        fpath.display()
    );
    let screen = |output: &Arc<Mutex<Vec<u8>>>| {
        let mut p = vt100::Parser::new(nz(40), nz(120), 0);
        p.process(&output.lock().unwrap());
        p.screen().contents()
    };
    let wait = |what: &str| {
        let deadline = Instant::now() + common::TIMEOUT;
        loop {
            let text = screen(&output);
            if text.contains(what) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "zsh never showed {what:?}:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    for c in setup.chars() {
        writer.write_all(c.to_string().as_bytes()).unwrap();
    }
    wait("READY\n");
    wait("\n$ ");
    for c in line.chars().chain(['\t']) {
        writer.write_all(c.to_string().as_bytes()).unwrap();
        writer.flush().unwrap();
    }
    let text = wait(expect);
    let _ = child.kill();
    let _ = child.wait();
    text
}

#[test]
fn zsh_completes_subcommands_their_options_and_values() {
    let Some(zsh) = shell("zsh") else { return };
    let dir = folder("zsh-completion");
    write_script("zsh", &dir.join("_achilles-handbook"));
    // Each listing shows the choice with its description.
    let text = zsh_tab(&zsh, &dir, "achilles-handbook print --", "--width");
    assert!(text.contains("Wrap at this many columns"), "{text}");
    let text = zsh_tab(&zsh, &dir, "achilles-handbook ", "print");
    assert!(text.contains("check"), "{text}");
    let text = zsh_tab(&zsh, &dir, "achilles-handbook --theme ", "high-contrast");
    assert!(text.contains("mono"), "{text}");
    // A single match is completed in place.
    let text = zsh_tab(&zsh, &dir, "achilles-handbook --ki", "--kiosk ");
    assert!(text.contains("$ achilles-handbook --kiosk"), "{text}");
}
