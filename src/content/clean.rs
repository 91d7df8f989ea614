//! The one place untrusted text is made safe to show: chapter files, search input, pasted text
//! and error messages all pass through [`clean`] at the boundary where they enter the program.
//! It removes every character that could move the cursor, change a terminal mode, reorder text
//! or hide itself; it never decides layout or wording.

use std::borrow::Cow;
use unicode_general_category::{GeneralCategory, get_general_category};

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Columns a tab advances to: the next multiple of this, counted from the start of the line.
const TAB_STOP: usize = 4;

/// Default_Ignorable_Code_Point (Unicode 16, DerivedCoreProperties.txt): what a renderer
/// shows as nothing, such as the Hangul fillers (U+3164 makes a tab look like `[1 ]`),
/// variation selectors and the combining grapheme joiner. Inclusive ranges.
pub const DEFAULT_IGNORABLE: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
];

/// Characters drawn blank that are neither whitespace nor default-ignorable: the braille
/// pattern blank.
pub const BLANK_LOOKING: &[char] = &['\u{2800}'];

/// Most combining marks kept on one character: enough for any language's accents, few enough
/// that a stack of hundreds cannot smear over the lines around it.
pub const MAX_MARKS: usize = 4;

/// Whether `c` is removed by [`clean`]. Newline and tab are handled separately (kept / expanded).
///
/// Removed: every control character (C0, DEL, C1 — these carry ESC, CSI, OSC, BEL, backspace and
/// carriage-return tricks), every format character (category Cf: bidi embeddings, overrides and
/// isolates, zero-width spaces and joiners, the BOM, tag characters, soft hyphen), every
/// default-ignorable code point and the blank-looking characters above: nothing that takes no
/// visible form survives. The line and paragraph separators (U+2028, U+2029) are not removed
/// but become plain newlines.
pub fn is_removed(c: char) -> bool {
    if c == '\n' || c == '\t' {
        return false;
    }
    let u = u32::from(c);
    matches!(
        get_general_category(c),
        GeneralCategory::Control | GeneralCategory::Format
    ) || DEFAULT_IGNORABLE
        .iter()
        .any(|(lo, hi)| (*lo..=*hi).contains(&u))
        || BLANK_LOOKING.contains(&c)
}

/// Whether `c` is a combining mark that stacks on the character before it.
fn is_stacking_mark(c: char) -> bool {
    matches!(
        get_general_category(c),
        GeneralCategory::NonspacingMark | GeneralCategory::EnclosingMark
    )
}

/// Cleans one piece of untrusted text: NFC-normalised, tabs expanded to spaces, and every
/// character of [`is_removed`] dropped. Newlines survive; callers that want a single line use
/// [`clean_line`].
pub fn clean(text: &str) -> String {
    // Most content is printable ASCII, which needs nothing: skip the Unicode work for it.
    if text
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || b == b'\n')
    {
        return text.to_owned();
    }
    // Nor does a drawing's text: the shortcut's characters, and box drawing, blocks and
    // geometric shapes (U+2500 to U+25FF), none of which is removed, combines or changes
    // under NFC. (Figures are drawn with these, and took a sixteenth of loading time here.)
    if text.chars().all(|c| {
        matches!(c, ' '..='~' | '\n' | '\u{A1}'..='\u{AC}' | '\u{AE}'..='\u{FF}' | '\u{2010}'..='\u{2027}' | '\u{2500}'..='\u{25FF}')
    }) {
        return text.to_owned();
    }
    clean_full(text)
}

/// [`clean`] without its shortcuts, for any text.
fn clean_full(text: &str) -> String {
    let normalized: Cow<'_, str> = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    };
    let mut out = String::with_capacity(text.len());
    let mut column = 0usize;
    let mut marks = 0usize;
    for c in normalized.chars() {
        if c.is_ascii() {
            marks = 0;
        } else if is_stacking_mark(c) {
            marks += 1;
            if marks > MAX_MARKS {
                continue;
            }
        } else if !is_removed(c) {
            marks = 0;
        }
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            c if (c.is_ascii() && !c.is_ascii_control()) || !is_removed(c) => {
                out.push(c);
                column += 1;
            }
            _ => {}
        }
    }
    out
}

/// Spaces an author puts where a line must not break ("5\u{A0}p.\u{A0}m."): kept, as U+00A0,
/// when whitespace is folded, so the wrapper keeps the words on one line.
const NO_BREAK_SPACES: [char; 3] = ['\u{A0}', '\u{2007}', '\u{202F}'];

/// Cleans text and folds every run of whitespace (newlines included) into one space, trimmed:
/// the form every field of a chapter is kept in, since prose is reflowed to the window anyway.
/// A no-break space is the exception: it is the author's instruction not to break there.
pub fn clean_line(text: &str) -> String {
    fold_plain(text).unwrap_or_else(|| fold_cleaned(text))
}

/// [`clean_line`] for any text: cleaned, then folded.
fn fold_cleaned(text: &str) -> String {
    let cleaned = clean(text);
    let mut out = String::with_capacity(cleaned.len());
    let breaking = |c: char| c.is_whitespace() && !NO_BREAK_SPACES.contains(&c);
    for word in cleaned.split(breaking).filter(|w| !w.is_empty()) {
        let word = word.trim_matches(|c| NO_BREAK_SPACES.contains(&c));
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| {
            if NO_BREAK_SPACES.contains(&c) {
                '\u{A0}'
            } else {
                c
            }
        }));
    }
    out
}

/// [`clean_line`] in one pass for the text nearly every chapter field is: printable ASCII, the
/// Latin-1 letters and signs (no soft hyphen, no no-break space) and the dashes, quotes and
/// dots of General Punctuation (U+2010 to U+2027), between spaces, tabs and newlines. None of
/// these is removed, combines or changes under NFC, so the text is only folded. `None` for
/// anything else, which takes the full path. (A 10 MB handbook spent a third of its loading
/// time in the full path.)
fn fold_plain(text: &str) -> Option<String> {
    let plain =
        |c: char| matches!(c, '\u{A1}'..='\u{AC}' | '\u{AE}'..='\u{FF}' | '\u{2010}'..='\u{2027}');
    // One pass over the bytes, copying each word whole: this runs over every field of every
    // chapter, so it stays a tight loop (a tenth of a 10 MB handbook's loading went here when
    // it split the text into words first).
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut word: Option<usize> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' | b'\n' | b'\t' => {
                if let Some(start) = word.take() {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(&text[start..i]);
                }
                i += 1;
            }
            0x21..=0x7e => {
                word.get_or_insert(i);
                i += 1;
            }
            0x80.. => {
                let c = text.get(i..)?.chars().next()?;
                if !plain(c) {
                    return None;
                }
                word.get_or_insert(i);
                i += c.len_utf8();
            }
            _ => return None,
        }
    }
    if let Some(start) = word {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[start..]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_one_pass_shortcut_cleans_as_the_full_path_does(
            text in "[ a-zA-Z0-9.,\t\n\r\u{b}\u{c}\u{1b}\u{7f}\u{85}\u{a0}-\u{ff}\u{2000}-\u{2030}\u{300}\u{301}\u{3164}]{0,40}"
        ) {
            proptest::prop_assert_eq!(clean_line(&text), fold_cleaned(&text));
        }
    }

    proptest::proptest! {
        #[test]
        fn drawings_clean_as_the_full_path_does(
            text in "[ a-z\n\t\u{1b}\u{a0}-\u{ff}\u{300}\u{338}\u{2010}-\u{2030}\u{2190}-\u{21ff}\u{2500}-\u{2600}\u{2800}]{0,40}"
        ) {
            proptest::prop_assert_eq!(clean(&text), clean_full(&text));
        }
    }

    #[test]
    fn everyday_prose_takes_the_shortcut() {
        let prose = "  Él dijo: “¿Qué?” — the tendon’s 50–60 %…\n\tthen\t rest. ";
        assert_eq!(fold_plain(prose), Some(fold_cleaned(prose)));
        assert_eq!(fold_plain("a\u{ad}b"), None);
        assert_eq!(fold_plain("5\u{a0}p.m."), None);
        assert_eq!(fold_plain("e\u{301}"), None);
    }

    #[test]
    fn escape_sequences_lose_their_escape() {
        assert_eq!(
            clean("a\u{1b}[31mred\u{1b}]0;title\u{7}b"),
            "a[31mred]0;titleb"
        );
        assert_eq!(clean("x\u{9b}2Jy"), "x2Jy");
    }

    #[test]
    fn bidi_and_invisible_characters_are_removed() {
        assert_eq!(
            clean("a\u{202e}b\u{2066}c\u{200b}d\u{feff}e\u{ad}f"),
            "abcdef"
        );
    }

    #[test]
    fn blank_looking_and_default_ignorable_characters_are_removed() {
        assert_eq!(clean_line("\u{3164}"), "");
        assert_eq!(clean_line("\u{2800}\u{2800}"), "");
        assert_eq!(
            clean_line("a\u{115f}\u{1160}\u{ffa0}\u{34f}\u{fe0f}b"),
            "ab"
        );
    }

    #[test]
    fn combining_marks_are_capped_per_character() {
        let zalgo = format!("a{}b", "\u{301}".repeat(1000));
        let cleaned = clean(&zalgo);
        assert_eq!(cleaned.chars().count(), 2 + MAX_MARKS);
        assert!(cleaned.ends_with('b'));
        // Accents as languages write them are kept whole.
        assert_eq!(clean("Vie\u{302}\u{323}t"), "Vi\u{1ec7}t");
        assert_eq!(clean("q\u{301}\u{302}\u{303}"), "q\u{301}\u{302}\u{303}");
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(clean("a\tb"), "a   b");
        assert_eq!(clean("\tx\nab\ty"), "    x\nab  y");
    }

    #[test]
    fn carriage_return_and_backspace_cannot_overwrite() {
        assert_eq!(clean("safe\rEVIL\u{8}\u{8}"), "safeEVIL");
    }

    #[test]
    fn clean_line_folds_whitespace() {
        assert_eq!(clean_line("  two\n  lines\u{2028}here "), "two lines here");
    }

    #[test]
    fn no_break_spaces_survive_folding_as_one_kind() {
        assert_eq!(
            clean_line(" a 5\u{202F}p.\u{A0}m.  hoy \u{A0}"),
            "a 5\u{A0}p.\u{A0}m. hoy"
        );
    }

    #[test]
    fn letters_and_accents_survive_and_are_composed() {
        assert_eq!(clean("tende\u{301}n ñ 腱 🦶"), "tendén ñ 腱 🦶");
    }
}
