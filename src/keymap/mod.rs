//! The one table from actions to keys. Each action is listed once, with its keys and the id
//! under which the interface words describe it; the help overlay, the status line's hints and
//! the README's key table are all drawn from it, and key names are derived from the key codes.
//! It decides nothing about what an action does, and holds no words of any language. Naming
//! keys is `names`'s work and the help's rows and hints are `help`'s.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;

mod help;
mod names;

pub use help::{HelpRow, help_rows, hint, hints, markdown_table};
pub use names::{fill, first_key, key_name, placeholders};

/// Which part of the interface has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Reader,
    /// A list overlay: the outline or the help.
    List,
    /// The search prompt: printable keys are text.
    Prompt,
    /// The kiosk home screen: any key starts.
    Home,
}

/// Help groups, in the order the help shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Chapters,
    Reading,
    Links,
    Search,
    Other,
}

/// One key, and where it works.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub contexts: &'static [Context],
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// The keys of an action.
#[derive(Debug, Clone, Copy)]
pub enum Keys {
    Listed(&'static [Key]),
    /// The digits 1 to the number of chapters (at most 9); digit n is `GoToChapter(n - 1)`.
    ChapterDigits(&'static [Context]),
}

/// An action a person can ask for by key.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Names the action's description (`[keys]`) and status-line word (`[hints]`) in the
    /// interface words.
    pub id: &'static str,
    pub action: Action,
    pub group: Group,
    pub keys: Keys,
    /// Shown in the status line's hints.
    pub hint: bool,
}

/// The English key names an interface may translate (`key_names` in `interface.toml`).
pub const KEY_NAMES: &[&str] = &[
    "Space",
    "Enter",
    "Backspace",
    "Tab",
    "Shift",
    "Ctrl",
    "Esc",
    "Home",
    "End",
    "PgUp",
    "PgDn",
    "Right",
    "Left",
    "Up",
    "Down",
];

/// The id Quit is described by in kiosk mode, where it starts over instead.
pub const KIOSK_QUIT: &str = "start_over";

const R: &[Context] = &[Context::Reader];
const RL: &[Context] = &[Context::Reader, Context::List];
const RH: &[Context] = &[Context::Reader, Context::Home];
const RLH: &[Context] = &[Context::Reader, Context::List, Context::Home];
const P: &[Context] = &[Context::Prompt];
const LP: &[Context] = &[Context::List, Context::Prompt];
const ALL: &[Context] = &[
    Context::Reader,
    Context::List,
    Context::Prompt,
    Context::Home,
];
const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

use KeyCode::*;

const fn k(contexts: &'static [Context], code: KeyCode, modifiers: KeyModifiers) -> Key {
    Key {
        contexts,
        code,
        modifiers,
    }
}

const fn entry(id: &'static str, action: Action, group: Group, keys: &'static [Key]) -> Entry {
    Entry {
        id,
        action,
        group,
        keys: Keys::Listed(keys),
        hint: false,
    }
}

const fn hinted(mut e: Entry) -> Entry {
    e.hint = true;
    e
}

/// Every action with keys, in the order the help lists them.
#[rustfmt::skip]
pub static ENTRIES: &[Entry] = &[
    hinted(entry("next_chapter", Action::NextChapter, Group::Chapters, &[k(R, Tab, NONE), k(R, Right, NONE), k(R, Char('l'), NONE)])),
    entry("prev_chapter", Action::PrevChapter, Group::Chapters, &[k(R, BackTab, SHIFT), k(R, Left, NONE), k(R, Char('h'), NONE)]),
    Entry { id: "go_to_chapter", action: Action::GoToChapter(0), group: Group::Chapters, keys: Keys::ChapterDigits(R), hint: false },
    entry("line_up", Action::LineUp, Group::Reading, &[k(RL, Up, NONE), k(RL, Char('k'), NONE)]),
    entry("line_down", Action::LineDown, Group::Reading, &[k(RL, Down, NONE), k(RL, Char('j'), NONE)]),
    entry("page_up", Action::PageUp, Group::Reading, &[k(RL, PageUp, NONE), k(RL, Char('b'), NONE)]),
    entry("page_down", Action::PageDown, Group::Reading, &[k(RL, PageDown, NONE), k(RL, Char(' '), NONE)]),
    entry("top", Action::Top, Group::Reading, &[k(RL, Home, NONE), k(RL, Char('g'), NONE)]),
    entry("bottom", Action::Bottom, Group::Reading, &[k(RL, End, NONE), k(RL, Char('G'), SHIFT)]),
    entry("prev_section", Action::PrevSection, Group::Reading, &[k(R, Char('['), NONE)]),
    entry("next_section", Action::NextSection, Group::Reading, &[k(R, Char(']'), NONE)]),
    hinted(entry("outline", Action::Outline, Group::Reading, &[k(R, Char('o'), NONE)])),
    entry("next_link", Action::NextLink, Group::Links, &[k(R, Char('f'), NONE)]),
    entry("prev_link", Action::PrevLink, Group::Links, &[k(R, Char('F'), SHIFT)]),
    entry("follow", Action::Follow, Group::Links, &[k(R, Enter, NONE)]),
    entry("back", Action::Back, Group::Links, &[k(R, Backspace, NONE), k(R, Char('h'), CTRL)]),
    hinted(entry("search", Action::Search, Group::Search, &[k(RH, Char('/'), NONE), k(RH, Char('f'), CTRL)])),
    entry("next_hit", Action::NextHit, Group::Search, &[k(R, Char('n'), NONE)]),
    entry("prev_hit", Action::PrevHit, Group::Search, &[k(R, Char('N'), SHIFT)]),
    entry("select_prev", Action::SelectPrev, Group::Search, &[k(P, Up, NONE)]),
    entry("select_next", Action::SelectNext, Group::Search, &[k(P, Down, NONE)]),
    entry("choose", Action::Choose, Group::Search, &[k(LP, Enter, NONE)]),
    entry("delete_char", Action::DeleteChar, Group::Search, &[k(P, Backspace, NONE), k(P, Char('h'), CTRL)]),
    entry("clear_input", Action::ClearInput, Group::Search, &[k(P, Char('u'), CTRL)]),
    entry("qr", Action::Qr, Group::Other, &[k(R, Char('c'), NONE)]),
    entry("switch_language", Action::SwitchLanguage, Group::Other, &[k(RH, Char('L'), SHIFT)]),
    hinted(entry("help", Action::Help, Group::Other, &[k(RLH, Char('?'), NONE)])),
    entry("cancel", Action::Cancel, Group::Other, &[k(ALL, Esc, NONE)]),
    entry("redraw", Action::Redraw, Group::Other, &[k(ALL, Char('l'), CTRL)]),
    hinted(entry("quit", Action::Quit, Group::Other, &[k(RL, Char('q'), NONE), k(ALL, Char('c'), CTRL)])),
];

/// The digit keys that choose a chapter: 1 up to the number of chapters, at most 9.
fn last_digit(chapters: usize) -> u32 {
    chapters.clamp(1, 9) as u32
}

/// Terminals disagree on whether an upper-case letter carries SHIFT; characters are compared
/// without it, as their case already says it.
fn strip(m: KeyModifiers, code: KeyCode) -> KeyModifiers {
    if matches!(code, Char(_) | BackTab) {
        m - KeyModifiers::SHIFT
    } else {
        m
    }
}

/// The action for a key press in `context`, if any, in a handbook of `chapters` chapters.
pub fn action_for(context: Context, key: KeyEvent, chapters: usize) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let mods = strip(key.modifiers, key.code);
    for e in ENTRIES {
        match e.keys {
            Keys::Listed(keys) => {
                let hit = keys.iter().any(|b| {
                    b.contexts.contains(&context)
                        && b.code == key.code
                        && strip(b.modifiers, b.code) == mods
                });
                if hit {
                    return Some(e.action.clone());
                }
            }
            Keys::ChapterDigits(contexts) => {
                if let Char(c) = key.code
                    && contexts.contains(&context)
                    && mods.is_empty()
                    && let Some(d) = c.to_digit(10)
                    && (1..=last_digit(chapters)).contains(&d)
                {
                    return Some(Action::GoToChapter(d as usize - 1));
                }
            }
        }
    }
    #[cfg(debug_assertions)]
    if key.code == F(12) && mods == CTRL {
        return Some(Action::Panic);
    }
    match context {
        Context::Prompt => match key.code {
            Char(c) if !mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
                Some(Action::Type(c))
            }
            _ => Some(Action::Touch),
        },
        Context::Home => Some(Action::Start),
        _ => Some(Action::Touch),
    }
}

/// The entry for an action, if it has keys.
pub fn entry_for(action: &Action) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| match (&e.action, action) {
        (Action::GoToChapter(_), Action::GoToChapter(_)) => true,
        (a, b) => a == b,
    })
}

/// The entry whose interface words are under `id` (`help`, `next_chapter`), if any.
pub fn entry_by_id(id: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests;
