//! Loading an edition's `interface.toml`: parsed and cleaned like every handbook file, each
//! word over the English one, and every gap reported as a warning (a missing file, missing
//! words) or a located error (an unknown action or key id). Nothing here draws.

use std::collections::BTreeMap;

use toml::Spanned;

use super::diagnostic::Diagnostic;
use super::file_cx::FileCx;
use super::source::Folder;
use crate::i18n::{INTERFACE, PLACEHOLDERS, RawText, Text, primary};
use crate::keymap;

/// The interface words of the edition in `folder`, in `language`. English stands in for a
/// missing file or word; either is a warning, so `check` lists it.
pub(super) fn load(
    folder: &Folder,
    language: &str,
    budget: &mut u64,
    out: &mut Vec<Diagnostic>,
) -> Text {
    let english = Text::english();
    let path = folder.display(INTERFACE);
    if !folder.has(INTERFACE) {
        if primary(language) != "en" {
            out.push(
                Diagnostic::file(
                    &path,
                    format!(
                        "there is no {INTERFACE} beside handbook.toml, so this edition's labels, hints and help are in English; copy the English edition's {INTERFACE} here and translate it"
                    ),
                )
                .warning(),
            );
        }
        return english.clone();
    }
    let source = match folder.read(INTERFACE, budget) {
        Ok(s) => s,
        Err(d) => {
            out.push(d);
            return english.clone();
        }
    };
    let mut cx = FileCx::new(path.clone(), &source, out);
    let Some(raw) = cx.parse::<RawText>() else {
        return english.clone();
    };
    let actions: Vec<&str> = keymap::ENTRIES
        .iter()
        .map(|e| e.id)
        .chain([keymap::KIOSK_QUIT])
        .collect();
    unknown_ids(&mut cx, &raw.keys, "keys", &actions);
    unknown_ids(&mut cx, &raw.hints, "hints", &actions);
    unknown_ids(&mut cx, &raw.key_names, "key_names", keymap::KEY_NAMES);
    // A sentence's `{key:ID}` must name an action, or it would be shown as written. Comment
    // lines are skipped: they may explain the form.
    let keyed: Vec<&str> = keymap::ENTRIES.iter().map(|e| e.id).collect();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        if !line.trim_start().starts_with('#') {
            for (range, id) in keymap::placeholders(line) {
                if keymap::entry_by_id(id).is_none() {
                    cx.error(
                        offset + range.start..offset + range.end,
                        format!(
                            "{{key:{id}}} names no action; write {{key:ID}} with one of {}",
                            keyed.join(", ")
                        ),
                    );
                }
            }
        }
        offset += line.len();
    }
    for (name, needs) in PLACEHOLDERS {
        if let Some(word) = raw.word(name) {
            for needed in needs.iter().filter(|n| !word.get_ref().contains(**n)) {
                cx.error(
                    word.span(),
                    format!(
                        "`{name}` has no {needed}; keep it where the program puts that in (English has \"{}\")",
                        english_word(name)
                    ),
                );
            }
        }
    }
    if let Some(months) = &raw.months
        && months.get_ref().len() != 12
    {
        cx.error(
            months.span(),
            format!(
                "`months` has {} names; list the twelve months, January to December",
                months.get_ref().len()
            ),
        );
    }
    let mut missing = Vec::new();
    let mut clean = |v: &Spanned<String>, name: &str| cx.text(v, name);
    let text = raw.over(Some(english), &mut clean, &mut missing);
    if !missing.is_empty() {
        cx.out.push(
            Diagnostic::file(
                &path,
                format!(
                    "{} interface word(s) missing, shown in English until translated: {}",
                    missing.len(),
                    missing.join(", ")
                ),
            )
            .warning(),
        );
    }
    text
}

/// The built-in English form of a word that carries placeholders, for an error's example.
fn english_word(name: &str) -> String {
    let raw: RawText = toml::from_str(crate::i18n::ENGLISH_SOURCE).unwrap_or_default();
    raw.word(name)
        .map(|w| w.get_ref().clone())
        .unwrap_or_default()
}

/// An error at each key of `table` that is not one of `known`.
fn unknown_ids(
    cx: &mut FileCx<'_>,
    table: &BTreeMap<Spanned<String>, Spanned<String>>,
    name: &str,
    known: &[&str],
) {
    for key in table.keys() {
        if !known.contains(&key.get_ref().as_str()) {
            cx.error(
                key.span(),
                format!(
                    "[{name}] has no entry \"{}\"; the entries are {}",
                    key.get_ref(),
                    known.join(", ")
                ),
            );
        }
    }
}
