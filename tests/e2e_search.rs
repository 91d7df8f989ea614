//! End to end: the search prompt typed one key per write, as a person types: spaces, both
//! backspace codes, a paste, opening a result and coming back, and `/` starting afresh.

mod common;

use common::Tui;

const TAB_BAR: &str = "[1 Overview]";

/// Types `text` one character per write.
fn type_keys(t: &mut Tui, text: &str) {
    for c in text.chars() {
        t.send(c.encode_utf8(&mut [0; 4]));
    }
}

#[test]
fn a_multi_word_query_typed_key_by_key_finds_results() {
    let mut t = Tui::run(&[]);
    t.wait_for(TAB_BAR);
    t.send("/");
    t.wait_for("Search: ");
    type_keys(&mut t, "heel cord");
    t.wait_for("Search: heel cord");
    t.wait_until("a result for the typed phrase", |s| {
        s.lines().any(|l| l.contains("▶ Overview"))
    });
    // DEL (0x7f) and ^H (0x08) each delete one letter.
    t.send("\x7f");
    t.wait_for("Search: heel cor");
    t.send("\x08");
    t.wait_until("^H to delete a letter", |s| {
        s.lines()
            .any(|l| l.contains("Search: heel co") && !l.contains("heel cor"))
    });
    t.send("\x03");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_paste_keeps_its_inner_spaces() {
    let mut t = Tui::run(&[]);
    t.wait_for(TAB_BAR);
    t.send("/");
    t.wait_for("Search: ");
    t.send("\x1b[200~heel  cord\x1b[201~");
    t.wait_for("Search: heel cord");
    t.send("\x03");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn back_returns_from_a_result_and_slash_opens_an_empty_prompt() {
    let mut t = Tui::run(&[]);
    t.wait_for(TAB_BAR);
    t.send("3");
    t.wait_for("[3 Rupture]");
    t.send("/");
    t.wait_for("Search: ");
    type_keys(&mut t, "calcium");
    t.wait_until("a result in Tendonitis", |s| {
        s.lines().any(|l| l.contains("▶ Tendonitis"))
    });
    t.send("\r");
    t.wait_for("[2 Tendonitis]");
    t.send("\x7f");
    t.wait_for("[3 Rupture]");
    t.send("/");
    t.wait_for("Search: ");
    t.send("h");
    t.wait_until_rows("a new query, not one appended to the last", |rows| {
        rows.iter()
            .any(|r| r.contains("Search: h") && !r.contains("Search: ca"))
    });
    t.send("\x03");
    assert_eq!(t.wait_exit(), 0);
}
