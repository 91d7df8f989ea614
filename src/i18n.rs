//! The interface's own words, as data: each edition folder's `interface.toml` gives labels,
//! hints, prompts, notices, month names, the help's key descriptions, key names and the
//! reading-level formula for its language. English, built into the binary, stands in for any
//! word an edition leaves out. This module holds the words' shape, the English fallback and
//! language tags; it reads no file (the loader does) and has no branch for any one language.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::readability::Formula;

/// The interface file's name in an edition folder.
pub const INTERFACE: &str = "interface.toml";

/// Words the program fills in, and the placeholders each must keep: without one, what it
/// stands for would silently go missing from the sentence.
pub const PLACEHOLDERS: &[(&str, &[&str])] = &[
    ("hit_of", &["{query}", "{n}", "{total}"]),
    ("month_year", &["{month}", "{year}"]),
    ("did_you_mean", &["{words}"]),
    ("chapters_are", &["{chapters}"]),
    ("qr_console_font", &["{size}"]),
    ("reviewed", &["{date}"]),
    ("review_and_version", &["{reviewed}", "{due}", "{version}"]),
    ("source", &["{source}"]),
];

/// The English words, the fallback for every edition.
pub const ENGLISH_SOURCE: &str = include_str!("../handbook/en/interface.toml");

/// Declares the interface's plain words once: the loaded [`Text`] (every word present) and the
/// file's shape [`RawText`] (any word may be missing).
macro_rules! words {
    ($($name:ident),* $(,)?) => {
        /// Every interface word of one language, complete: missing ones are English.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct Text {
            $(pub $name: String,)*
            /// January to December.
            pub months: Vec<String>,
            /// How a month and year read together: `{month}` and `{year}` stand for them.
            pub month_year: String,
            /// What each action does, by the keymap's action id.
            pub keys: BTreeMap<String, String>,
            /// The status line's short word for an action, by action id.
            pub hints: BTreeMap<String, String>,
            /// Key names as printed on this language's keyboards, by their English name.
            pub key_names: BTreeMap<String, String>,
            /// How `check` grades this language's reading level.
            pub readability: Formula,
        }

        /// `interface.toml` exactly as written. Unknown keys are errors (a misspelt word would
        /// otherwise be silently English).
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct RawText {
            $(pub $name: Option<Spanned<String>>,)*
            pub months: Option<Spanned<Vec<Spanned<String>>>>,
            pub month_year: Option<Spanned<String>>,
            #[serde(default)]
            pub keys: BTreeMap<Spanned<String>, Spanned<String>>,
            #[serde(default)]
            pub hints: BTreeMap<Spanned<String>, Spanned<String>>,
            #[serde(default)]
            pub key_names: BTreeMap<Spanned<String>, Spanned<String>>,
            pub readability: Option<Spanned<Formula>>,
        }

        impl RawText {
            /// The plain word `name` as written, if given.
            pub fn word(&self, name: &str) -> Option<&Spanned<String>> {
                match name {
                    $(stringify!($name) => self.$name.as_ref(),)*
                    "month_year" => self.month_year.as_ref(),
                    _ => None,
                }
            }

            /// The words of this file over `base`: a word missing here is taken from `base`
            /// and its name added to `missing`. `clean` turns a written word into the text
            /// shown (and reports an empty one).
            pub fn over(
                self,
                base: Option<&Text>,
                clean: &mut dyn FnMut(&Spanned<String>, &str) -> String,
                missing: &mut Vec<String>,
            ) -> Text {
                let mut word = |value: Option<Spanned<String>>, name: &str, fallback: Option<&String>| {
                    match value {
                        Some(v) => clean(&v, name),
                        None => {
                            missing.push(name.to_owned());
                            fallback.cloned().unwrap_or_default()
                        }
                    }
                };
                $(let $name = word(self.$name, stringify!($name), base.map(|b| &b.$name));)*
                let month_year =
                    word(self.month_year, "month_year", base.map(|b| &b.month_year));
                let months = match self.months {
                    Some(m) => m.into_inner().iter().map(|v| clean(v, "months")).collect(),
                    None => {
                        missing.push("months".to_owned());
                        base.map(|b| b.months.clone()).unwrap_or_default()
                    }
                };
                let mut table = |raw: BTreeMap<Spanned<String>, Spanned<String>>,
                                 table: &str,
                                 base: Option<&BTreeMap<String, String>>| {
                    let mut out = base.cloned().unwrap_or_default();
                    let given: BTreeMap<String, String> = raw
                        .iter()
                        .map(|(k, v)| (k.get_ref().clone(), clean(v, k.get_ref())))
                        .collect();
                    for id in out.keys() {
                        if !given.contains_key(id) {
                            missing.push(format!("{table}.{id}"));
                        }
                    }
                    out.extend(given);
                    out
                };
                let keys = table(self.keys, "keys", base.map(|b| &b.keys));
                let hints = table(self.hints, "hints", base.map(|b| &b.hints));
                // Key names are kept as printed in English unless a language names them.
                let key_names = self
                    .key_names
                    .iter()
                    .map(|(k, v)| (k.get_ref().clone(), clean(v, k.get_ref())))
                    .collect();
                let readability = match self.readability {
                    Some(f) => f.into_inner(),
                    None => {
                        missing.push("readability".to_owned());
                        base.map_or(Formula::None, |b| b.readability)
                    }
                };
                Text {
                    $($name,)*
                    months,
                    month_year,
                    keys,
                    hints,
                    key_names,
                    readability,
                }
            }
        }
    };
}

words! {
    get_help_now,
    note,
    see,
    phone,
    extension,
    hours,
    reviewed,
    review_and_version,
    source,
    key_points,
    contents,
    review_overdue,
    enlarge,
    window_too_large,
    help_title,
    help_close,
    outline_title,
    search_title,
    search_prompt,
    search_type_more,
    no_results,
    search_preparing,
    no_results_hint,
    did_you_mean,
    chapters_are,
    results_count,
    result_one,
    hit_of,
    top,
    end,
    all,
    welcome_how,
    press_any_key,
    languages,
    idle_notice_title,
    idle_notice,
    qr_title,
    qr_scan,
    qr_none,
    qr_too_small,
    qr_console_font,
    link_follow_hint,
    no_links,
    group_chapters,
    group_reading,
    group_links,
    group_search,
    group_other,
    file_error,
}

static ENGLISH: LazyLock<Text> = LazyLock::new(|| {
    // The built-in file, checked complete by a test; a word it lacked would show empty.
    let raw: RawText = toml::from_str(ENGLISH_SOURCE).unwrap_or_default();
    let mut clean = |v: &Spanned<String>, _: &str| crate::content::clean::clean_line(v.get_ref());
    raw.over(None, &mut clean, &mut Vec::new())
});

impl Text {
    /// The English words, built into the binary.
    pub fn english() -> &'static Text {
        &ENGLISH
    }

    /// "\"calf\" hit 3 of 12 (n/N)" in this language, before its `{key:ID}`s are filled.
    pub fn hit_of(&self, query: &str, n: usize, total: usize) -> String {
        self.hit_of
            .replace("{query}", query)
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }

    /// "Did you mean swelling?" in this language, with the handbook's closest words.
    pub fn did_you_mean(&self, words: &[String]) -> String {
        self.did_you_mean.replace("{words}", &words.join(", "))
    }

    /// "November 2026", "noviembre de 2026".
    pub fn month_year(&self, month: u8, year: u16) -> String {
        let name = self
            .months
            .get(usize::from(month.max(1)) - 1)
            .map_or("", String::as_str);
        self.month_year
            .replace("{month}", name)
            .replace("{year}", &year.to_string())
    }

    /// What the action with keymap id `id` does.
    pub fn does<'a>(&'a self, id: &'a str) -> &'a str {
        self.keys.get(id).map_or(id, String::as_str)
    }

    /// The status line's short word for the action `id`.
    pub fn hint<'a>(&'a self, id: &'a str) -> &'a str {
        self.hints.get(id).map_or(id, String::as_str)
    }

    /// A key's name in this language, from its English name.
    pub fn key_name<'a>(&'a self, english: &'a str) -> &'a str {
        self.key_names.get(english).map_or(english, String::as_str)
    }
}

/// A language tag as people write it (`ES`, `es-MX`, `es_MX.UTF-8`, `sr@latin`) in the form
/// editions are named by: lower case, subtags joined by '-', no encoding or modifier.
pub fn normalise_tag(tag: &str) -> String {
    let base = tag.split(['.', '@']).next().unwrap_or("");
    base.trim().to_ascii_lowercase().replace('_', "-")
}

/// A tag's language alone: "es" of "es-mx".
pub fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(source: &str) -> (Text, Vec<String>) {
        let raw: RawText = toml::from_str(source).unwrap();
        let mut missing = Vec::new();
        let mut clean = |v: &Spanned<String>, _: &str| v.get_ref().clone();
        let text = raw.over(Some(Text::english()), &mut clean, &mut missing);
        (text, missing)
    }

    #[test]
    fn the_built_in_english_is_complete() {
        let raw: RawText = toml::from_str(ENGLISH_SOURCE).expect("English interface.toml parses");
        let mut missing = Vec::new();
        let mut clean = |v: &Spanned<String>, _: &str| v.get_ref().clone();
        let text = raw.over(None, &mut clean, &mut missing);
        assert!(missing.is_empty(), "missing in English: {missing:?}");
        assert_eq!(text.months.len(), 12);
        for e in crate::keymap::ENTRIES {
            assert!(
                text.keys.contains_key(e.id),
                "no English words for {}",
                e.id
            );
        }
        assert!(text.keys.contains_key(crate::keymap::KIOSK_QUIT));
    }

    #[test]
    fn a_missing_word_is_english_and_named() {
        let (text, missing) = words("note = \"Remarque\"\n[keys]\nquit = \"Quitter\"\n");
        assert_eq!(text.note, "Remarque");
        assert_eq!(text.phone, "Phone");
        assert_eq!(text.does("quit"), "Quitter");
        assert_eq!(text.does("help"), "Show or hide this help");
        assert!(missing.contains(&"phone".to_owned()));
        assert!(missing.contains(&"keys.help".to_owned()));
        assert!(!missing.contains(&"note".to_owned()));
        assert!(!missing.contains(&"keys.quit".to_owned()));
    }

    #[test]
    fn dates_read_naturally() {
        let english = Text::english();
        assert_eq!(english.month_year(11, 2026), "November 2026");
        let (spanish, _) = words(
            "months = [\"enero\", \"febrero\", \"marzo\", \"abril\", \"mayo\", \"junio\", \"julio\", \"agosto\", \"septiembre\", \"octubre\", \"noviembre\", \"diciembre\"]\nmonth_year = \"{month} de {year}\"\n",
        );
        assert_eq!(spanish.month_year(3, 2027), "marzo de 2027");
        assert_eq!(
            english.hit_of("calf", 3, 12),
            "\"calf\" hit 3 of 12 ({key:next_hit}/{key:prev_hit})"
        );
        let words = ["swelling".to_owned(), "sweating".to_owned()];
        assert_eq!(
            english.did_you_mean(&words),
            "Did you mean swelling, sweating?"
        );
    }

    #[test]
    fn tags_are_read_as_people_write_them() {
        assert_eq!(normalise_tag("es"), "es");
        assert_eq!(normalise_tag("ES"), "es");
        assert_eq!(normalise_tag("es-MX"), "es-mx");
        assert_eq!(normalise_tag("es_MX.UTF-8"), "es-mx");
        assert_eq!(normalise_tag("sr_RS@latin"), "sr-rs");
        assert_eq!(primary("es-mx"), "es");
        assert_eq!(primary("zh"), "zh");
    }
}
