//! `achilles-handbook search`: ranked results as plain text, grep's exit statuses, `--lang`,
//! and what it says when nothing matches.

// These tests run the program as a script would.
#![allow(clippy::disallowed_types)]

use std::process::Command;

fn search(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_achilles-handbook"))
        .arg("search")
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("the program runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_question_in_patients_words_lists_the_right_section_first() {
    let (code, out, err) = search(&["what", "to", "do", "if", "my", "tendon", "snapped"]);
    assert_eq!(code, 0, "{err}");
    let first = out.lines().next().unwrap_or_default();
    assert_eq!(first, "Rupture > What to do right away", "{out}");
    // Each result: its place, then an indented snippet; plain text only.
    let second = out.lines().nth(1).unwrap_or_default();
    assert!(second.starts_with("  "), "{out}");
    assert!(!out.contains('\u{1b}'), "no escape codes: {out:?}");
}

#[test]
fn lang_applies_and_accents_do_not_matter() {
    let (code, out, _) = search(&["--lang", "es", "se", "me", "rompio"]);
    assert_eq!(code, 0);
    assert!(
        out.lines().take(6).any(|l| l.starts_with("Ruptura")),
        "{out}"
    );
}

#[test]
fn nothing_found_exits_1_with_a_suggestion_and_the_chapters() {
    let (code, out, err) = search(&["swalleng", "qqqq"]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("No results."), "{err}");
    assert!(err.contains("Did you mean swelling?"), "{err}");
    assert!(
        err.contains("Chapters: Overview, Tendonitis, Rupture"),
        "{err}"
    );
}

#[test]
fn a_query_is_required() {
    let (code, _, err) = search(&[]);
    assert_eq!(code, 2, "{err}");
}
