//! The one table from keys to actions. It also feeds the help overlay, the status line's hints
//! and the README's key table, so a key is described in exactly one place. It decides nothing
//! about what an action does.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;
use crate::i18n::Lang;

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

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub contexts: &'static [Context],
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: fn() -> Action,
    /// How the key is written in help; bindings with the same help text are shown on one row.
    pub key: &'static str,
    pub group: Group,
    /// What the key does, in English and Spanish.
    pub does: [&'static str; 2],
    /// Shown in the status line's hints.
    pub hint: bool,
}

const R: &[Context] = &[Context::Reader];
const RL: &[Context] = &[Context::Reader, Context::List];
const L: &[Context] = &[Context::List];
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

macro_rules! bind {
    ($ctx:expr, $code:expr, $mods:expr, $action:expr, $key:expr, $group:ident, $en:expr, $es:expr, $hint:expr) => {
        Binding {
            contexts: $ctx,
            code: $code,
            modifiers: $mods,
            action: || $action,
            key: $key,
            group: Group::$group,
            does: [$en, $es],
            hint: $hint,
        }
    };
}

use KeyCode::*;

const NEXT_CH: [&str; 2] = ["Next chapter", "Capítulo siguiente"];
const PREV_CH: [&str; 2] = ["Previous chapter", "Capítulo anterior"];
const GO_CH: [&str; 2] = ["Go to chapter 1 to 7", "Ir al capítulo 1 a 7"];
const UP: [&str; 2] = ["Scroll up one line", "Subir una línea"];
const DOWN: [&str; 2] = ["Scroll down one line", "Bajar una línea"];
const PGUP: [&str; 2] = ["Page up", "Página anterior"];
const PGDN: [&str; 2] = ["Page down", "Página siguiente"];
const TOP: [&str; 2] = ["Go to the top", "Ir al principio"];
const BOTTOM: [&str; 2] = ["Go to the end", "Ir al final"];
const SEL_PREV: [&str; 2] = ["Previous entry", "Entrada anterior"];
const SEL_NEXT: [&str; 2] = ["Next entry", "Entrada siguiente"];

/// Every key binding. Order matters only for the help, which lists them as they stand here.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind!(R, Tab, NONE, Action::NextChapter, "Tab", Chapters, NEXT_CH[0], NEXT_CH[1], true),
    bind!(R, Right, NONE, Action::NextChapter, "→", Chapters, NEXT_CH[0], NEXT_CH[1], false),
    bind!(R, Char('l'), NONE, Action::NextChapter, "l", Chapters, NEXT_CH[0], NEXT_CH[1], false),
    bind!(R, BackTab, SHIFT, Action::PrevChapter, "Shift-Tab", Chapters, PREV_CH[0], PREV_CH[1], false),
    bind!(R, Left, NONE, Action::PrevChapter, "←", Chapters, PREV_CH[0], PREV_CH[1], false),
    bind!(R, Char('h'), NONE, Action::PrevChapter, "h", Chapters, PREV_CH[0], PREV_CH[1], false),
    bind!(R, Char('1'), NONE, Action::GoToChapter(0), "1-7", Chapters, GO_CH[0], GO_CH[1], false),
    bind!(R, Char('2'), NONE, Action::GoToChapter(1), "1-7", Chapters, GO_CH[0], GO_CH[1], false),
    bind!(R, Char('3'), NONE, Action::GoToChapter(2), "1-7", Chapters, GO_CH[0], GO_CH[1], false),
    bind!(R, Char('4'), NONE, Action::GoToChapter(3), "1-7", Chapters, GO_CH[0], GO_CH[1], false),
    bind!(R, Char('5'), NONE, Action::GoToChapter(4), "1-7", Chapters, GO_CH[0], GO_CH[1], false),
    bind!(R, Char('6'), NONE, Action::GoToChapter(5), "1-7", Chapters, GO_CH[0], GO_CH[1], false),
    bind!(R, Char('7'), NONE, Action::GoToChapter(6), "1-7", Chapters, GO_CH[0], GO_CH[1], false),
    bind!(R, Char('8'), NONE, Action::GoToChapter(7), "1-7", Chapters, GO_CH[0], GO_CH[1], false),
    bind!(R, Char('9'), NONE, Action::GoToChapter(8), "1-7", Chapters, GO_CH[0], GO_CH[1], false),
    bind!(RL, Up, NONE, Action::LineUp, "↑", Reading, UP[0], UP[1], false),
    bind!(RL, Char('k'), NONE, Action::LineUp, "k", Reading, UP[0], UP[1], false),
    bind!(RL, Down, NONE, Action::LineDown, "↓", Reading, DOWN[0], DOWN[1], false),
    bind!(RL, Char('j'), NONE, Action::LineDown, "j", Reading, DOWN[0], DOWN[1], false),
    bind!(RL, PageUp, NONE, Action::PageUp, "PgUp", Reading, PGUP[0], PGUP[1], false),
    bind!(R, Char('b'), NONE, Action::PageUp, "b", Reading, PGUP[0], PGUP[1], false),
    bind!(RL, PageDown, NONE, Action::PageDown, "PgDn", Reading, PGDN[0], PGDN[1], false),
    bind!(R, Char(' '), NONE, Action::PageDown, "Space", Reading, PGDN[0], PGDN[1], false),
    bind!(RL, Home, NONE, Action::Top, "Home", Reading, TOP[0], TOP[1], false),
    bind!(R, Char('g'), NONE, Action::Top, "g", Reading, TOP[0], TOP[1], false),
    bind!(RL, End, NONE, Action::Bottom, "End", Reading, BOTTOM[0], BOTTOM[1], false),
    bind!(R, Char('G'), SHIFT, Action::Bottom, "G", Reading, BOTTOM[0], BOTTOM[1], false),
    bind!(R, Char('['), NONE, Action::PrevSection, "[", Reading, "Previous section", "Sección anterior", false),
    bind!(R, Char(']'), NONE, Action::NextSection, "]", Reading, "Next section", "Sección siguiente", false),
    bind!(R, Char('o'), NONE, Action::Outline, "o", Reading, "List the sections", "Lista de secciones", true),
    bind!(R, Char('f'), NONE, Action::NextLink, "f", Links, "Focus the next link", "Enfocar el enlace siguiente", false),
    bind!(R, Char('F'), SHIFT, Action::PrevLink, "F", Links, "Focus the previous link", "Enfocar el enlace anterior", false),
    bind!(R, Enter, NONE, Action::Follow, "Enter", Links, "Open the focused link", "Abrir el enlace enfocado", false),
    bind!(R, Backspace, NONE, Action::Back, "Backspace", Links, "Go back", "Volver", false),
    bind!(R, Char('/'), NONE, Action::Search, "/", Search, "Search all chapters", "Buscar en todo el manual", true),
    bind!(R, Char('f'), CTRL, Action::Search, "Ctrl-F", Search, "Search all chapters", "Buscar en todo el manual", false),
    bind!(R, Char('n'), NONE, Action::NextHit, "n", Search, "Next search hit", "Resultado siguiente", false),
    bind!(R, Char('N'), SHIFT, Action::PrevHit, "N", Search, "Previous search hit", "Resultado anterior", false),
    bind!(LP, Up, NONE, Action::SelectPrev, "↑", Search, SEL_PREV[0], SEL_PREV[1], false),
    bind!(LP, Down, NONE, Action::SelectNext, "↓", Search, SEL_NEXT[0], SEL_NEXT[1], false),
    bind!(L, Char('k'), NONE, Action::SelectPrev, "k", Search, SEL_PREV[0], SEL_PREV[1], false),
    bind!(L, Char('j'), NONE, Action::SelectNext, "j", Search, SEL_NEXT[0], SEL_NEXT[1], false),
    bind!(LP, Enter, NONE, Action::Choose, "Enter", Search, "Open the chosen entry", "Abrir la entrada elegida", false),
    bind!(P, Backspace, NONE, Action::DeleteChar, "Backspace", Search, "Delete a letter", "Borrar una letra", false),
    bind!(P, Char('u'), CTRL, Action::ClearInput, "Ctrl-U", Search, "Clear the search", "Borrar la búsqueda", false),
    bind!(R, Char('c'), NONE, Action::Qr, "c", Other, "Phone number as a QR code", "Número como código QR", false),
    bind!(&[Context::Reader, Context::Home], Char('L'), SHIFT, Action::SwitchLanguage, "L", Other, "Switch language", "Cambiar de idioma", false),
    bind!(RL, Char('?'), NONE, Action::Help, "?", Other, "Show or hide this help", "Mostrar u ocultar esta ayuda", true),
    bind!(ALL, Esc, NONE, Action::Cancel, "Esc", Other, "Close, or clear search highlights", "Cerrar, o quitar los resaltados", false),
    bind!(RL, Char('q'), NONE, Action::Quit, "q", Other, "Quit", "Salir", true),
    bind!(ALL, Char('c'), CTRL, Action::Quit, "Ctrl-C", Other, "Quit", "Salir", false),
];

/// What Quit does in kiosk mode, for the help and hints.
pub const KIOSK_QUIT: [&str; 2] = ["Start over", "Volver al inicio"];

/// The action for a key press in `context`, if any.
pub fn action_for(context: Context, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    // Terminals disagree on whether an upper-case letter carries SHIFT; compare without it for
    // characters, whose case already says it.
    let strip = |m: KeyModifiers, code: KeyCode| {
        if matches!(code, Char(_) | BackTab) {
            m - KeyModifiers::SHIFT
        } else {
            m
        }
    };
    let mods = strip(key.modifiers, key.code);
    let found = BINDINGS.iter().find(|b| {
        b.contexts.contains(&context) && b.code == key.code && strip(b.modifiers, b.code) == mods
    });
    if let Some(b) = found {
        return Some((b.action)());
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

/// One row of the help: a description and every key that does it.
#[derive(Debug, Clone, PartialEq)]
pub struct HelpRow {
    pub group: Group,
    pub keys: String,
    pub does: &'static str,
}

/// A key's name in plain ASCII, for `--ascii` screens.
pub fn ascii_key(key: &'static str) -> &'static str {
    match key {
        "→" => "Right",
        "←" => "Left",
        "↑" => "Up",
        "↓" => "Down",
        other => other,
    }
}

/// A key's name as printed on keyboards in `lang`.
pub fn key_name(key: &'static str, lang: Lang, ascii: bool) -> &'static str {
    let key = if ascii { ascii_key(key) } else { key };
    match (lang, key) {
        (Lang::Es, "Space") => "Espacio",
        (Lang::Es, "Enter") => "Intro",
        (Lang::Es, "Backspace") => "Retroceso",
        (Lang::Es, "Home") => "Inicio",
        (Lang::Es, "End") => "Fin",
        (Lang::Es, "PgUp") => "RePág",
        (Lang::Es, "PgDn") => "AvPág",
        (Lang::Es, "Shift-Tab") => "Mayús-Tab",
        (Lang::Es, "Right") => "Derecha",
        (Lang::Es, "Left") => "Izquierda",
        (Lang::Es, "Up") => "Arriba",
        (Lang::Es, "Down") => "Abajo",
        _ => key,
    }
}

/// The help's rows, grouped and in table order, for `lang`.
pub fn help_rows(lang: Lang, kiosk: bool, ascii: bool) -> Vec<HelpRow> {
    let index = match lang {
        Lang::En => 0,
        Lang::Es => 1,
    };
    let mut rows: Vec<HelpRow> = Vec::new();
    for group in [
        Group::Chapters,
        Group::Reading,
        Group::Links,
        Group::Search,
        Group::Other,
    ] {
        for b in BINDINGS.iter().filter(|b| b.group == group) {
            let key = key_name(b.key, lang, ascii);
            let does = if kiosk && (b.action)() == Action::Quit {
                KIOSK_QUIT[index]
            } else {
                b.does[index]
            };
            match rows.iter_mut().find(|r| r.group == group && r.does == does) {
                Some(row) => {
                    if !row.keys.split(" / ").any(|k| k == key) {
                        row.keys.push_str(" / ");
                        row.keys.push_str(key);
                    }
                }
                None => rows.push(HelpRow {
                    group,
                    keys: key.to_owned(),
                    does,
                }),
            }
        }
    }
    rows
}

/// The key table for the README, in Markdown, from the same rows as the help.
pub fn markdown_table() -> String {
    let mut out = String::from("| Keys | What they do |\n| --- | --- |\n");
    for row in help_rows(Lang::En, false, false) {
        let keys = row.keys.replace('|', "\\|");
        out.push_str(&format!("| {keys} | {} |\n", row.does));
    }
    out
}

/// The status line's hints: key and a short word, for the keys marked `hint`.
pub fn hints(lang: Lang, kiosk: bool) -> Vec<(&'static str, &'static str)> {
    let short = |a: &Action| -> [&'static str; 2] {
        match a {
            Action::NextChapter => ["next", "siguiente"],
            Action::Outline => ["sections", "secciones"],
            Action::Search => ["search", "buscar"],
            Action::Help => ["help", "ayuda"],
            Action::Quit if kiosk => ["start over", "inicio"],
            Action::Quit => ["quit", "salir"],
            _ => ["", ""],
        }
    };
    let index = usize::from(lang == Lang::Es);
    BINDINGS
        .iter()
        .filter(|b| b.hint)
        .map(|b| (key_name(b.key, lang, false), short(&(b.action)())[index]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn reader_keys_map_to_intents() {
        let r = Context::Reader;
        assert_eq!(action_for(r, key(Tab, NONE)), Some(Action::NextChapter));
        assert_eq!(
            action_for(r, key(BackTab, SHIFT)),
            Some(Action::PrevChapter)
        );
        assert_eq!(
            action_for(r, key(Char('3'), NONE)),
            Some(Action::GoToChapter(2))
        );
        assert_eq!(action_for(r, key(Char('G'), SHIFT)), Some(Action::Bottom));
        assert_eq!(action_for(r, key(Char('G'), NONE)), Some(Action::Bottom));
        assert_eq!(action_for(r, key(Char('c'), CTRL)), Some(Action::Quit));
        assert_eq!(action_for(r, key(Char('z'), CTRL)), Some(Action::Touch));
    }

    #[test]
    fn the_prompt_takes_letters_as_text() {
        let p = Context::Prompt;
        assert_eq!(action_for(p, key(Char('q'), NONE)), Some(Action::Type('q')));
        assert_eq!(action_for(p, key(Char('j'), NONE)), Some(Action::Type('j')));
        assert_eq!(action_for(p, key(Esc, NONE)), Some(Action::Cancel));
        assert_eq!(action_for(p, key(Down, NONE)), Some(Action::SelectNext));
    }

    #[test]
    fn any_key_leaves_home_but_language_switches() {
        assert_eq!(
            action_for(Context::Home, key(Char('x'), NONE)),
            Some(Action::Start)
        );
        assert_eq!(
            action_for(Context::Home, key(Char('L'), SHIFT)),
            Some(Action::SwitchLanguage)
        );
    }

    #[test]
    fn the_readme_shows_the_real_keys() {
        let readme = include_str!("../README.md");
        let table = markdown_table();
        assert!(
            readme.contains(&table),
            "README.md's key table is out of date; it should read:\n{table}"
        );
    }

    #[test]
    fn help_groups_keys_that_do_the_same() {
        let rows = help_rows(Lang::En, false, false);
        let next = rows.iter().find(|r| r.does == "Next chapter").unwrap();
        assert_eq!(next.keys, "Tab / → / l");
        let go = rows
            .iter()
            .find(|r| r.does.starts_with("Go to chapter"))
            .unwrap();
        assert_eq!(go.keys, "1-7");
        let kiosk = help_rows(Lang::Es, true, false);
        let ascii = help_rows(Lang::En, false, true);
        assert!(ascii.iter().all(|r| r.keys.is_ascii()));
        assert!(kiosk.iter().any(|r| r.does == "Volver al inicio"));
        assert!(!kiosk.iter().any(|r| r.does == "Salir"));
    }
}
