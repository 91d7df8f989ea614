//! The man page as `man` shows it: rendered with `man -l` (skipped with a printed reason where
//! man is not installed), every section there, in order, and no warning from groff.

// These tests run man and groff on the page the program writes.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

mod common;

use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_achilles-handbook");

fn installed(tool: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()));
    if !found {
        eprintln!("skipping the man page test: {tool} is not installed");
    }
    found
}

fn page() -> std::path::PathBuf {
    let out = Command::new(BIN)
        .arg("man")
        .output()
        .expect("run the handbook");
    assert!(out.status.success());
    let dir = common::temp_dir("man");
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join("achilles-handbook.1");
    std::fs::write(&path, out.stdout).expect("write the page");
    path
}

#[test]
fn man_shows_every_section_in_order() {
    if !installed("man") {
        return;
    }
    let out = Command::new("man")
        .arg("-l")
        .arg(page())
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::null())
        .output()
        .expect("run man");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut at = 0;
    for heading in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "KEYS",
        "ENVIRONMENT",
        "FILES",
        "EXIT STATUS",
        "EXAMPLES",
    ] {
        let line = format!("\n{heading}\n");
        let found = text[at..].find(&line);
        assert!(found.is_some(), "no {heading} after byte {at}:\n{text}");
        at += found.unwrap_or(0) + 1;
    }
    // man justifies lines with extra spaces; compare words.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for shown in [
        "achilles-handbook - A patient handbook",
        "print [CHAPTER] [--width N]",
        "ACHILLES_HANDBOOK_KIOSK",
        "Go to chapter 1 to 7",
        "/etc/default/achilles-handbook-kiosk",
        "systemctl enable --now achilles-handbook-kiosk@tty1",
    ] {
        assert!(words.contains(shown), "{shown:?} missing:\n{text}");
    }
    // Every line fits the width man was given.
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest <= 80, "a line of {widest} columns:\n{text}");
}

#[test]
fn groff_finds_nothing_to_warn_about() {
    if !installed("groff") {
        return;
    }
    let out = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(page())
        .output()
        .expect("run groff");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "groff warns");
}
