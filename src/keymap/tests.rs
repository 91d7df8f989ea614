//! The key table's tests: keys to intents, help rows, hints, key names and sentences.

use super::*;
use crate::i18n::Text;
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

/// In the help and the outline the reading keys move as they do in a chapter: the help lists
/// "End / G" and "PgDn / Space", so both of each work there too.
#[test]
fn lists_take_the_reading_keys_of_the_help() {
    let act = |code, mods| action_for(Context::List, key(code, mods), 7);
    assert_eq!(act(Char('G'), SHIFT), Some(Action::Bottom));
    assert_eq!(act(Char('g'), NONE), Some(Action::Top));
    assert_eq!(act(Char(' '), NONE), Some(Action::PageDown));
    assert_eq!(act(Char('b'), NONE), Some(Action::PageUp));
    assert_eq!(act(End, NONE), Some(Action::Bottom));
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
fn any_key_leaves_home_but_language_switches_and_search_and_help_open() {
    assert_eq!(
        action_for(Context::Home, key(Char('x'), NONE), 7),
        Some(Action::Start)
    );
    assert_eq!(
        action_for(Context::Home, key(Char('L'), SHIFT), 7),
        Some(Action::SwitchLanguage)
    );
    // The home screen says "/ to search": it must do just that, not only leave home.
    assert_eq!(
        action_for(Context::Home, key(Char('/'), NONE), 7),
        Some(Action::Search)
    );
    // And "? for help".
    assert_eq!(
        action_for(Context::Home, key(Char('?'), NONE), 7),
        Some(Action::Help)
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
    let readme = include_str!("../../README.md");
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

#[test]
fn sentences_name_keys_from_the_table_in_the_language_of_the_words() {
    assert_eq!(
        fill("{key:cancel} or {key:help} closes this help", &EN, false),
        "Esc or ? closes this help"
    );
    assert_eq!(fill("press {key:switch_language}", &EN, true), "press L");
    assert_eq!(fill("{key:follow} abre", &ES, false), "Enter abre");
    assert_eq!(fill("con {key:page_down}", &ES, false), "con AvPág");
    // An unknown id is left as written; the loader reports it.
    assert_eq!(fill("a {key:nope} b", &EN, false), "a {key:nope} b");
    assert_eq!(
        placeholders("x {key:help} y {key:quit}"),
        [(2..12, "help"), (15..25, "quit")]
    );
}

#[test]
fn no_shipped_sentence_spells_a_key_the_table_can_name() {
    // The keys the sentences offer, as they would be spelt without the table.
    for text in [&*EN, &*ES] {
        for word in [
            &text.help_close,
            &text.welcome_how,
            &text.languages,
            &text.no_results_hint,
            &text.link_follow_hint,
            &text.hit_of,
        ] {
            for literal in ["Esc", "Tab", "Enter", " ? ", " / ", " L "] {
                assert!(!word.contains(literal), "{word:?} spells {literal:?}");
            }
            assert!(!placeholders(word).is_empty(), "{word:?} names no key");
        }
    }
}
