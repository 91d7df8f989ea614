//! The Linux console, as a getty kiosk meets it: with `TERM=linux` and no flag, every byte the
//! program writes is an escape sequence or a character the console's fonts have (see
//! `console::is_safe`), on every screen: each chapter from top to end in both languages, the
//! help, the outline, search, the QR code and the kiosk's welcome screen.

mod common;

use achilles_handbook::console::is_safe;
use common::{CTRL_C, Spawn, Tui};

/// The characters the program printed, with every escape sequence (CSI, OSC, and the two-byte
/// ones) taken out.
fn printed(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('[') => {
                // Parameters and intermediates up to the final byte.
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            Some(']' | 'P' | '_' | '^') => {
                // A string up to BEL or ST.
                while let Some(c) = chars.next() {
                    if c == '\x07' || (c == '\x1b' && chars.next_if_eq(&'\\').is_some()) {
                        break;
                    }
                }
            }
            Some('(' | ')' | '#') => {
                chars.next();
            }
            _ => {}
        }
    }
    out
}

fn assert_console_safe(t: &mut Tui, what: &str) {
    let raw = t.raw();
    let text = printed(&raw);
    let bad: Vec<char> = text
        .chars()
        // Carriage return, line feed and backspace only move the cursor.
        .filter(|c| !is_safe(*c) && !matches!(c, '\r' | '\n' | '\x08'))
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: the console cannot draw {bad:?}\nscreen:\n{}",
        t.text()
    );
}

fn console(args: &[&str], cols: u16, rows: u16) -> Tui {
    Spawn::new(args)
        .env("TERM", "linux")
        .size(cols, rows)
        .start()
}

/// Every chapter from its top to its end, then the help, the outline, a search and the QR code.
fn walk(t: &mut Tui, last_tab: &str) {
    for chapter in 1..=7 {
        t.send(&chapter.to_string());
        t.wait_for(&format!("[{chapter} "));
        t.send("G");
        t.wait_until_rows("the end of the chapter", |rows| {
            let status = rows.last().map_or("", String::as_str);
            ["End", "All", "Final", "Todo"]
                .iter()
                .any(|w| status.contains(w))
        });
    }
    t.wait_for(last_tab);
    t.send("c");
    t.wait_for("310");
    t.send_esc_then("the code to close", |s| !s.contains("310-423-4566 "));
    t.send("?");
    t.wait_until("the help", |s| s.contains("Tab / "));
    t.send("?");
    t.wait_gone("Tab / ");
    t.send("o");
    t.wait_until("the outline", |s| s.matches('+').count() >= 4);
    t.send_esc_then("the outline to close", |s| s.matches('+').count() < 4);
    t.send("/");
    for c in "tendon".chars() {
        t.send(&c.to_string());
    }
    t.wait_until("search results", |s| {
        s.contains(": tendon_") && s.contains("result")
    });
    t.send_esc_then("the search to close", |s| s.matches('+').count() < 4);
}

#[test]
fn term_linux_writes_only_what_the_console_fonts_have() {
    let mut t = console(&[], 80, 25);
    t.wait_for("[1 Overview]");
    walk(&mut t, "[7 Contact]");
    // The Spanish edition, whose words have accents.
    t.send("L");
    t.wait_until("the Spanish edition", |s| s.contains("Contacto"));
    walk(&mut t, "[7 Contacto]");
    assert_console_safe(&mut t, "the reader");
    t.send(CTRL_C);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn the_console_kiosk_welcome_screen_is_console_safe() {
    let mut t = console(&["--kiosk"], 80, 25);
    t.wait_until("the welcome screen", |s| s.contains("911"));
    assert_console_safe(&mut t, "the kiosk's welcome screen");
    t.send("x");
    t.wait_for("[1 Overview]");
    assert_console_safe(&mut t, "the kiosk's first chapter");
}

#[test]
fn a_vt220_gets_the_same_console_safe_drawing() {
    let mut t = Spawn::new(&[]).env("TERM", "vt220").size(80, 24).start();
    t.wait_for("[1 Overview]");
    t.send("?");
    t.wait_until("the help", |s| s.contains("Tab / "));
    assert_console_safe(&mut t, "a vt220");
    t.send(CTRL_C);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn the_printed_text_skips_escape_sequences_only() {
    assert_eq!(printed(b"a\x1b[1;31mb\x1b]11;?\x07c\x1b(Bd\x1b=e"), "abcde");
}
