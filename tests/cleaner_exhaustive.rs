//! Exhaustive check of the cleaner over every Unicode scalar value: exactly the control (Cc),
//! format (Cf), default-ignorable and blank-looking characters are removed (newline and tab
//! aside), and everything else survives as its NFC form.

use achilles_handbook::content::clean::{clean, clean_line, is_removed};
use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;

/// Every `char`: 0..=0x10FFFF without the surrogates, which are not chars.
fn all_chars() -> impl Iterator<Item = char> {
    (0u32..=0x10FFFF).filter_map(char::from_u32)
}

/// Default_Ignorable_Code_Point, copied from Unicode 16's DerivedCoreProperties.txt.
const DEFAULT_IGNORABLE: &[(u32, u32)] = &[
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

fn should_be_removed(c: char) -> bool {
    c != '\n'
        && c != '\t'
        && (matches!(
            get_general_category(c),
            GeneralCategory::Control | GeneralCategory::Format
        ) || DEFAULT_IGNORABLE
            .iter()
            .any(|(lo, hi)| (*lo..=*hi).contains(&(c as u32)))
            // The braille pattern blank: drawn as nothing, though a symbol.
            || c == '\u{2800}')
}

#[test]
fn every_code_point_is_removed_exactly_when_it_is_invisible() {
    let mut checked = 0usize;
    let mut removed = 0usize;
    let mut failures: Vec<String> = Vec::new();
    for c in all_chars() {
        checked += 1;
        let expect_removed = should_be_removed(c);
        if is_removed(c) != expect_removed {
            failures.push(format!(
                "U+{:04X} ({:?}): is_removed = {}, expected {}",
                c as u32,
                get_general_category(c),
                is_removed(c),
                expect_removed
            ));
            continue;
        }
        let one = c.to_string();
        let got = clean(&one);
        let want: String = if expect_removed {
            removed += 1;
            String::new()
        } else {
            match c {
                '\t' => " ".repeat(4),
                '\n' | '\u{2028}' | '\u{2029}' => "\n".to_owned(),
                _ => one.nfc().collect(),
            }
        };
        if got != want {
            failures.push(format!(
                "U+{:04X} ({:?}): clean gave {got:?}, expected {want:?}",
                c as u32,
                get_general_category(c)
            ));
        }
        if expect_removed && !clean_line(&one).is_empty() {
            failures.push(format!("U+{:04X}: clean_line kept something", c as u32));
        }
    }
    // 0x110000 code points minus the 2048 surrogates.
    assert_eq!(checked, 0x110000 - 0x800);
    assert!(
        removed > 160,
        "suspiciously few removed characters: {removed}"
    );
    assert!(
        failures.is_empty(),
        "{} failures, first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Characters that must never reach a terminal, named one by one so a change to the category
/// test cannot quietly let one through.
fn named_dangerous() -> Vec<(String, char)> {
    let mut v: Vec<(String, char)> = vec![
        ("ESC".into(), '\u{1b}'),
        ("BEL".into(), '\u{07}'),
        ("DEL".into(), '\u{7f}'),
        ("NUL".into(), '\u{00}'),
        ("BS".into(), '\u{08}'),
        ("CR".into(), '\u{0d}'),
        ("VT".into(), '\u{0b}'),
        ("FF".into(), '\u{0c}'),
        ("ALM U+061C".into(), '\u{061c}'),
        ("LRM U+200E".into(), '\u{200e}'),
        ("RLM U+200F".into(), '\u{200f}'),
        ("ZWSP U+200B".into(), '\u{200b}'),
        ("ZWNJ U+200C".into(), '\u{200c}'),
        ("ZWJ U+200D".into(), '\u{200d}'),
        ("WJ U+2060".into(), '\u{2060}'),
        ("BOM U+FEFF".into(), '\u{feff}'),
        ("SHY U+00AD".into(), '\u{ad}'),
        ("MVS U+180E".into(), '\u{180e}'),
        ("interlinear annotation U+FFF9".into(), '\u{fff9}'),
    ];
    for c in '\u{202a}'..='\u{202e}' {
        v.push((format!("bidi embedding/override U+{:04X}", c as u32), c));
    }
    for c in '\u{2066}'..='\u{2069}' {
        v.push((format!("bidi isolate U+{:04X}", c as u32), c));
    }
    for c in '\u{0}'..='\u{1f}' {
        if c != '\n' && c != '\t' {
            v.push((format!("C0 U+{:04X}", c as u32), c));
        }
    }
    for c in '\u{80}'..='\u{9f}' {
        v.push((format!("C1 U+{:04X}", c as u32), c));
    }
    // Tag characters: U+E0001 LANGUAGE TAG and U+E0020..=U+E007F.
    v.push(("TAG U+E0001".into(), '\u{e0001}'));
    for c in '\u{e0020}'..='\u{e007f}' {
        v.push((format!("TAG U+{:04X}", c as u32), c));
    }
    v
}

#[test]
fn named_dangerous_characters_are_removed() {
    let list = named_dangerous();
    assert!(list.len() > 150);
    for (name, c) in list {
        assert!(is_removed(c), "{name} is not removed");
        let alone = c.to_string();
        assert_eq!(clean(&alone), "", "{name} survives clean");
        assert_eq!(clean_line(&alone), "", "{name} survives clean_line");
        let embedded = format!("a{c}b");
        assert_eq!(clean(&embedded), "ab", "{name} embedded survives clean");
        assert_eq!(
            clean_line(&embedded),
            "ab",
            "{name} embedded survives clean_line"
        );
    }
}

#[test]
fn newline_tab_and_separators() {
    assert!(!is_removed('\n'));
    assert!(!is_removed('\t'));
    assert_eq!(clean("\n"), "\n");
    assert_eq!(clean("\t"), "    ");
    assert_eq!(clean("ab\tc"), "ab  c");
    assert_eq!(clean("a\u{2028}b\u{2029}c"), "a\nb\nc");
    assert_eq!(clean_line("a\u{2028}b\u{2029}c\td"), "a b c d");
    // A removed character does not advance the tab column.
    assert_eq!(clean("\u{1b}\u{200b}\tx"), "    x");
}

#[test]
fn whole_escape_sequences_lose_every_control() {
    let samples = [
        "\u{1b}]0;title\u{7}",
        "\u{1b}]52;c;ZXZpbA==\u{1b}\\",
        "\u{9d}2;title\u{9c}",
        "\u{1b}P1$r\u{1b}\\",
        "\u{90}q\u{9c}",
        "\u{1b}[?1049l\u{1b}c\u{1b}[2J",
        "\u{9b}?25l",
        "\u{1b}_apc\u{1b}\\\u{1b}^pm\u{1b}\\\u{1b}Xsos\u{1b}\\",
        "\u{9f}apc\u{9c}\u{9e}pm\u{9c}\u{98}sos\u{9c}",
        "a\rb\u{8}\u{8}\u{0}\u{7f}",
        "\u{202e}abc\u{202c}\u{2067}def\u{2069}",
    ];
    for s in samples {
        for out in [clean(s), clean_line(s)] {
            assert!(
                out.chars()
                    .all(|c| !should_be_removed(c) && c != '\t' && c != '\r'),
                "{s:?} cleaned to {out:?}"
            );
        }
    }
}
