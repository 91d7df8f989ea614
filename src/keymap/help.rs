//! The help's rows, the README's key table and the status line's hints, each drawn from the
//! one key table with the interface's words; nothing here reads a key press.

use super::names::key_names;
use super::{ENTRIES, Entry, Group, KIOSK_QUIT, entry_for, first_key, last_digit};
use crate::action::Action;
use crate::i18n::Text;

/// An action's description, with `{last}` standing for the last chapter number.
fn describe(e: &Entry, text: &Text, kiosk: bool, chapters: usize) -> String {
    let id = if kiosk && e.action == Action::Quit {
        KIOSK_QUIT
    } else {
        e.id
    };
    text.does(id)
        .replace("{last}", &last_digit(chapters).to_string())
}

/// One row of the help: every key of one action, and what it does.
#[derive(Debug, Clone, PartialEq)]
pub struct HelpRow {
    pub group: Group,
    pub keys: String,
    pub does: String,
}

/// The help's rows, grouped and in table order.
pub fn help_rows(text: &Text, kiosk: bool, ascii: bool, chapters: usize) -> Vec<HelpRow> {
    ENTRIES
        .iter()
        .map(|e| HelpRow {
            group: e.group,
            keys: key_names(e, text, ascii, chapters).join(" / "),
            does: describe(e, text, kiosk, chapters),
        })
        .collect()
}

/// The key table for the README, in Markdown, from the same rows as the help.
pub fn markdown_table(text: &Text, chapters: usize) -> String {
    let mut out = String::from("| Keys | What they do |\n| --- | --- |\n");
    for row in help_rows(text, false, false, chapters) {
        let keys = row.keys.replace('|', "\\|");
        out.push_str(&format!("| {keys} | {} |\n", row.does));
    }
    out
}

/// An action's status-line hint: its first key and its short word.
pub fn hint(action: &Action, text: &Text, kiosk: bool, ascii: bool) -> Option<(String, String)> {
    let e = entry_for(action)?;
    let id = if kiosk && e.action == Action::Quit {
        KIOSK_QUIT
    } else {
        e.id
    };
    Some((first_key(action, text, ascii), text.hint(id).to_owned()))
}

/// The status line's hints, for the actions marked `hint`, in table order.
pub fn hints(text: &Text, kiosk: bool, ascii: bool) -> Vec<(String, String)> {
    ENTRIES
        .iter()
        .filter(|e| e.hint)
        .filter_map(|e| hint(&e.action, text, kiosk, ascii))
        .collect()
}
