//! The one table from actions to keys. Each action is listed once, with its keys and the id
//! under which the interface words describe it; the help overlay, the status line's hints and
//! the README's key table are all drawn from it, and key names are derived from the key codes.
//! It decides nothing about what an action does, and holds no words of any language.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;
use crate::i18n::Text;

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
    entry("page_up", Action::PageUp, Group::Reading, &[k(RL, PageUp, NONE), k(R, Char('b'), NONE)]),
    entry("page_down", Action::PageDown, Group::Reading, &[k(RL, PageDown, NONE), k(R, Char(' '), NONE)]),
    entry("top", Action::Top, Group::Reading, &[k(RL, Home, NONE), k(R, Char('g'), NONE)]),
    entry("bottom", Action::Bottom, Group::Reading, &[k(RL, End, NONE), k(R, Char('G'), SHIFT)]),
    entry("prev_section", Action::PrevSection, Group::Reading, &[k(R, Char('['), NONE)]),
    entry("next_section", Action::NextSection, Group::Reading, &[k(R, Char(']'), NONE)]),
    hinted(entry("outline", Action::Outline, Group::Reading, &[k(R, Char('o'), NONE)])),
    entry("next_link", Action::NextLink, Group::Links, &[k(R, Char('f'), NONE)]),
    entry("prev_link", Action::PrevLink, Group::Links, &[k(R, Char('F'), SHIFT)]),
    entry("follow", Action::Follow, Group::Links, &[k(R, Enter, NONE)]),
    entry("back", Action::Back, Group::Links, &[k(R, Backspace, NONE), k(R, Char('h'), CTRL)]),
    hinted(entry("search", Action::Search, Group::Search, &[k(R, Char('/'), NONE), k(R, Char('f'), CTRL)])),
    entry("next_hit", Action::NextHit, Group::Search, &[k(R, Char('n'), NONE)]),
    entry("prev_hit", Action::PrevHit, Group::Search, &[k(R, Char('N'), SHIFT)]),
    entry("select_prev", Action::SelectPrev, Group::Search, &[k(P, Up, NONE)]),
    entry("select_next", Action::SelectNext, Group::Search, &[k(P, Down, NONE)]),
    entry("choose", Action::Choose, Group::Search, &[k(LP, Enter, NONE)]),
    entry("delete_char", Action::DeleteChar, Group::Search, &[k(P, Backspace, NONE), k(P, Char('h'), CTRL)]),
    entry("clear_input", Action::ClearInput, Group::Search, &[k(P, Char('u'), CTRL)]),
    entry("qr", Action::Qr, Group::Other, &[k(R, Char('c'), NONE)]),
    entry("switch_language", Action::SwitchLanguage, Group::Other, &[k(RH, Char('L'), SHIFT)]),
    hinted(entry("help", Action::Help, Group::Other, &[k(RL, Char('?'), NONE)])),
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
fn key_names(e: &Entry, text: &Text, ascii: bool, chapters: usize) -> Vec<String> {
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

/// The entry for an action, if it has keys.
pub fn entry_for(action: &Action) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| match (&e.action, action) {
        (Action::GoToChapter(_), Action::GoToChapter(_)) => true,
        (a, b) => a == b,
    })
}

/// The first key of an action, as the interface names it: what a hint or a sentence offers.
pub fn first_key(action: &Action, text: &Text, ascii: bool) -> String {
    entry_for(action)
        .and_then(|e| key_names(e, text, ascii, 9).into_iter().next())
        .unwrap_or_default()
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    /// The built-in editions' words, as the program loads them.
    static EN: LazyLock<Text> = LazyLock::new(|| edition_words("en"));
    static ES: LazyLock<Text> = LazyLock::new(|| edition_words("es"));

    fn edition_words(language: &str) -> Text {
        let library = crate::content::load(None)
            .library
            .expect("built-in handbook");
        let i = library.edition_index(language).expect("edition");
        library.editions[i].text.clone()
    }

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn reader_keys_map_to_intents() {
        let r = Context::Reader;
        let act = |code, mods| action_for(r, key(code, mods), 7);
        assert_eq!(act(Tab, NONE), Some(Action::NextChapter));
        assert_eq!(act(BackTab, SHIFT), Some(Action::PrevChapter));
        assert_eq!(act(Char('3'), NONE), Some(Action::GoToChapter(2)));
        assert_eq!(act(Char('G'), SHIFT), Some(Action::Bottom));
        assert_eq!(act(Char('G'), NONE), Some(Action::Bottom));
        assert_eq!(act(Char('c'), CTRL), Some(Action::Quit));
        assert_eq!(act(Char('z'), CTRL), Some(Action::Touch));
    }

    #[test]
    fn digits_follow_the_number_of_chapters() {
        let r = Context::Reader;
        let digit = |c, chapters| action_for(r, key(Char(c), NONE), chapters);
        assert_eq!(digit('7', 7), Some(Action::GoToChapter(6)));
        assert_eq!(digit('8', 7), Some(Action::Touch));
        assert_eq!(digit('0', 7), Some(Action::Touch));
        assert_eq!(digit('3', 3), Some(Action::GoToChapter(2)));
        assert_eq!(digit('4', 3), Some(Action::Touch));
        assert_eq!(digit('9', 12), Some(Action::GoToChapter(8)));
        let go = |chapters| {
            help_rows(&EN, false, false, chapters)
                .into_iter()
                .find(|r| r.does.starts_with("Go to chapter"))
                .unwrap()
        };
        assert_eq!(go(7).keys, "1-7");
        assert_eq!(go(7).does, "Go to chapter 1 to 7");
        assert_eq!(go(3).keys, "1-3");
        assert_eq!(go(3).does, "Go to chapter 1 to 3");
        assert_eq!(go(1).keys, "1");
    }

    #[test]
    fn the_prompt_takes_letters_as_text() {
        let p = |code| action_for(Context::Prompt, key(code, NONE), 7);
        assert_eq!(p(Char('q')), Some(Action::Type('q')));
        assert_eq!(p(Char('j')), Some(Action::Type('j')));
        assert_eq!(p(Char('3')), Some(Action::Type('3')));
        assert_eq!(p(Char(' ')), Some(Action::Type(' ')));
        assert_eq!(p(Backspace), Some(Action::DeleteChar));
        // ^H, which many terminals send for Backspace, arrives as Ctrl-H.
        let ctrl_h = action_for(Context::Prompt, key(Char('h'), CTRL), 7);
        assert_eq!(ctrl_h, Some(Action::DeleteChar));
        assert_eq!(p(Esc), Some(Action::Cancel));
        assert_eq!(p(Down), Some(Action::SelectNext));
    }

    #[test]
    fn any_key_leaves_home_but_language_switches() {
        assert_eq!(
            action_for(Context::Home, key(Char('x'), NONE), 7),
            Some(Action::Start)
        );
        assert_eq!(
            action_for(Context::Home, key(Char('L'), SHIFT), 7),
            Some(Action::SwitchLanguage)
        );
    }

    #[test]
    fn every_action_is_listed_once_and_every_key_does_one_thing() {
        for (i, e) in ENTRIES.iter().enumerate() {
            assert!(
                ENTRIES[..i]
                    .iter()
                    .all(|o| o.id != e.id && o.action != e.action),
                "{} is listed twice",
                e.id
            );
            let Keys::Listed(keys) = e.keys else { continue };
            for a in keys {
                for c in a.contexts {
                    let found = action_for(*c, key(a.code, a.modifiers), 7);
                    assert_eq!(found.as_ref(), Some(&e.action), "{:?} in {c:?}", a.code);
                }
            }
        }
    }

    #[test]
    fn the_readme_shows_the_real_keys() {
        let readme = include_str!("../README.md");
        let chapters = crate::content::load(None)
            .library
            .map_or(7, |l| l.editions[0].chapters.len());
        let table = markdown_table(&EN, chapters);
        assert!(
            readme.contains(&table),
            "README.md's key table is out of date; it should read:\n{table}"
        );
    }

    #[test]
    fn help_names_every_key_of_an_action_on_one_row() {
        let rows = help_rows(&EN, false, false, 7);
        let next = rows.iter().find(|r| r.does == "Next chapter").unwrap();
        assert_eq!(next.keys, "Tab / → / l");
        let search = rows
            .iter()
            .find(|r| r.does == "Search all chapters")
            .unwrap();
        assert_eq!(search.keys, "/ / Ctrl-F");
        let kiosk = help_rows(&ES, true, false, 7);
        let ascii = help_rows(&EN, false, true, 7);
        assert!(ascii.iter().all(|r| r.keys.is_ascii()));
        assert!(kiosk.iter().any(|r| r.does == "Volver al inicio"));
        assert!(!kiosk.iter().any(|r| r.does == "Salir"));
        let spanish = help_rows(&ES, false, true, 7);
        let prev = spanish
            .iter()
            .find(|r| r.does == "Capítulo anterior")
            .unwrap();
        assert_eq!(prev.keys, "Mayús-Tab / Izquierda / h");
    }

    #[test]
    fn hints_come_from_the_table() {
        let words: Vec<String> = hints(&EN, false, false)
            .into_iter()
            .map(|(k, w)| format!("{k} {w}"))
            .collect();
        assert_eq!(
            words,
            ["Tab next", "o sections", "/ search", "? help", "q quit"]
        );
        let kiosk = hints(&EN, true, false);
        assert_eq!(kiosk.last().unwrap().1, "start over");
        assert_eq!(
            hint(&Action::Qr, &ES, false, false),
            Some(("c".to_owned(), "QR".to_owned()))
        );
        assert_eq!(first_key(&Action::NextHit, &EN, false), "n");
        assert_eq!(first_key(&Action::PageDown, &ES, false), "AvPág");
    }
}
