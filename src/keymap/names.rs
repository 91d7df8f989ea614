//! Key names as people read them: a key's name in English as keyboards print it, translated by
//! the interface words (`key_names`), and interface sentences with `{key:ID}` filled in with the
//! first key of the action `ID`, so no sentence and no view spells a key itself. Nothing here
//! decides what a key does.

use std::ops::Range;

use crossterm::event::KeyCode::*;

use super::{CTRL, Entry, Key, Keys, entry_by_id, entry_for, last_digit};
use crate::action::Action;
use crate::i18n::Text;

/// A key's name in English, the way keyboards print it: `Tab`, `Ctrl-F`, `→` (`Right` when
/// `ascii`). Interface words translate the named keys (`key_names`).
fn english_name(key: &Key, ascii: bool) -> String {
    let base = match key.code {
        Char(' ') => "Space".to_owned(),
        Char(c) if key.modifiers.contains(CTRL) => c.to_uppercase().collect(),
        Char(c) => c.to_string(),
        Tab => "Tab".to_owned(),
        BackTab => return "Shift-Tab".to_owned(),
        Right if !ascii => "→".to_owned(),
        Left if !ascii => "←".to_owned(),
        Up if !ascii => "↑".to_owned(),
        Down if !ascii => "↓".to_owned(),
        Right => "Right".to_owned(),
        Left => "Left".to_owned(),
        Up => "Up".to_owned(),
        Down => "Down".to_owned(),
        PageUp => "PgUp".to_owned(),
        PageDown => "PgDn".to_owned(),
        Home => "Home".to_owned(),
        End => "End".to_owned(),
        Enter => "Enter".to_owned(),
        Backspace => "Backspace".to_owned(),
        Esc => "Esc".to_owned(),
        F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(CTRL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// A key's name as printed on keyboards in the interface's language.
pub fn key_name(key: &Key, text: &Text, ascii: bool) -> String {
    english_name(key, ascii)
        .split('-')
        .map(|part| text.key_name(part))
        .collect::<Vec<_>>()
        .join("-")
}

/// The names of an action's keys, without repeats (a key bound in two contexts is one key).
pub(super) fn key_names(e: &Entry, text: &Text, ascii: bool, chapters: usize) -> Vec<String> {
    match e.keys {
        Keys::ChapterDigits(_) => match last_digit(chapters) {
            1 => vec!["1".to_owned()],
            n => vec![format!("1-{n}")],
        },
        Keys::Listed(keys) => {
            let mut names: Vec<String> = Vec::new();
            for key in keys {
                let name = key_name(key, text, ascii);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            names
        }
    }
}

/// The first key of an action, as the interface names it: what a hint or a sentence offers.
pub fn first_key(action: &Action, text: &Text, ascii: bool) -> String {
    entry_for(action)
        .and_then(|e| key_names(e, text, ascii, 9).into_iter().next())
        .unwrap_or_default()
}

/// Where a sentence names a key: the byte range of each `{key:ID}` and its `ID`.
pub fn placeholders(sentence: &str) -> Vec<(Range<usize>, &str)> {
    const OPEN: &str = "{key:";
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = sentence[from..].find(OPEN).map(|i| from + i) {
        let Some(len) = sentence[at..].find('}') else {
            break;
        };
        out.push((at..at + len + 1, &sentence[at + OPEN.len()..at + len]));
        from = at + len + 1;
    }
    out
}

/// An interface sentence with each `{key:ID}` replaced by the first key of the action `ID`, as
/// this language names it: "press {key:switch_language} to change" reads "press L to change".
/// An id that names no action is left as written (the loader has reported it).
pub fn fill(sentence: &str, text: &Text, ascii: bool) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut last = 0;
    for (range, id) in placeholders(sentence) {
        if let Some(e) = entry_by_id(id) {
            out.push_str(&sentence[last..range.start]);
            out.push_str(&first_key(&e.action, text, ascii));
            last = range.end;
        }
    }
    out.push_str(&sentence[last..]);
    out
}
