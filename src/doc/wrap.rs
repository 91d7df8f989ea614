//! Where a line of text may break, for every script: at the places Unicode's line-breaking
//! rules allow (UAX #14, through textwrap), never at a hyphen, and never so that a line starts
//! with a mark that closes what came before (`。`, `，`, `)`), even where a word wider than the
//! line must be cut. Widths are measured as ratatui measures them. It returns byte ranges and
//! knows nothing of what the lines are for.

use std::ops::Range;

use unicode_linebreak::{BreakClass, break_property};
use unicode_width::UnicodeWidthStr;

/// Wraps `text` to `width` columns and returns each line as a byte range of `text`, trailing
/// spaces excluded. Words wider than the line are broken; nothing is lost or reordered.
pub fn wrap_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    if text.is_empty() {
        return std::iter::once(0..0).collect();
    }
    let width = width.max(1);
    // Lines break where Unicode's line-breaking rules allow (UAX #14): at spaces, and between
    // the characters of Chinese or Japanese text, which has none, but never before a closing
    // mark such as `。` or `，`. Never at a hyphen either: a phone number such as
    // 1-800-233-2771 stays whole on one line. A word wider than the line is left whole here
    // and cut below, where the cut can keep clear of closing marks; textwrap's own cut cannot.
    let mut out = if text.contains(['\n', '\u{1b}']) {
        textwrap_ranges(text, width)
    } else {
        first_fit(text, width)
    };
    if out.is_empty() {
        out.push(0..text.len());
    }
    // Words wider than the line, and the few sequences ratatui measures wider as a whole than
    // character by character (a symbol with an emoji presentation selector), are cut to fit.
    if out.iter().any(|r| columns(&text[r.clone()]) > width) {
        out = out
            .into_iter()
            .flat_map(|r| split_to_fit(text, r, width))
            .collect();
    }
    out
}

/// Columns a line takes as ratatui measures it; printable ASCII, most lines, is one a byte.
fn columns(line: &str) -> usize {
    if line.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        line.len()
    } else {
        line.width()
    }
}

/// textwrap's options for [`textwrap_ranges`]: break where UAX #14 allows, first fit, no
/// hyphenation and no cutting of words.
fn options(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// The lines textwrap makes of `text`, as byte ranges: for text with line breaks or escape
/// sequences, which [`first_fit`] leaves to it.
fn textwrap_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let base = text.as_ptr() as usize;
    let mut cursor = 0;
    let mut out = Vec::new();
    for line in textwrap::wrap(text, options(width)) {
        let start = match line {
            // The usual case: a slice of `text`, whose offset is its distance from the start.
            std::borrow::Cow::Borrowed(s) => (s.as_ptr() as usize).wrapping_sub(base),
            std::borrow::Cow::Owned(ref s) => text[cursor..]
                .find(s.as_str())
                .map_or(cursor, |i| cursor + i),
        };
        let start = start.min(text.len());
        let end = (start + line.len()).min(text.len());
        if text.is_char_boundary(start) && text.is_char_boundary(end) {
            out.push(start..end);
            cursor = end;
        }
    }
    out
}

/// Exactly the lines textwrap makes of one line of text (no newline, no escape sequence) with
/// [`options`], found without its per-character detours: textwrap looks for escape sequences
/// at every character and measures every word through them, which made laying out a long
/// chapter the longest step before its first screen. The same break opportunities (UAX #14's,
/// none after a hyphen or soft hyphen, the last one dropped), the same words (a stretch up to
/// the next opportunity, its trailing spaces apart) and the same first fit; a test compares
/// the two on any text.
fn first_fit(line: &str, width: usize) -> Vec<Range<usize>> {
    // textwrap's own shortcut: a line with fewer bytes than the width is one line.
    if line.len() < width {
        return std::iter::once(0..line.trim_end_matches(' ').len()).collect();
    }
    let mut breaks: Vec<usize> = unicode_linebreak::linebreaks(line)
        .map(|(at, _)| at)
        // Not after a hyphen or a soft hyphen (U+00AD, 0xC2 0xAD in UTF-8).
        .filter(|at| {
            let before = &line.as_bytes()[..*at];
            !(before.ends_with(b"-") || before.ends_with(&[0xc2, 0xad]))
        })
        .collect();
    breaks.pop();
    breaks.push(line.len());
    let mut out = Vec::new();
    // The line being filled: where it starts, where its last word ends (spaces excluded), and
    // its width so far with the spaces after its last word.
    let mut line_start = 0;
    let mut line_end = 0;
    let mut filled = 0;
    let mut start = 0;
    let mut first = true;
    for end in breaks {
        let word = &line[start..end];
        let trimmed = word.trim_end_matches(' ');
        let columns = if trimmed.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            trimmed.len()
        } else {
            textwrap::core::display_width(trimmed)
        };
        if !first && filled + columns > width {
            out.push(line_start..line_end);
            line_start = start;
            filled = 0;
        }
        first = false;
        filled += columns + (word.len() - trimmed.len());
        line_end = start + trimmed.len();
        start = end;
    }
    out.push(line_start..line_end);
    out
}

/// Whether a line may not start with `c`: closing brackets and quotes, the marks that end a
/// clause or sentence, and characters that attach to the one before (UAX #14's classes with
/// no break before them).
fn cannot_start_line(c: char) -> bool {
    matches!(
        break_property(u32::from(c)),
        BreakClass::ClosePunctuation
            | BreakClass::CloseParenthesis
            | BreakClass::Exclamation
            | BreakClass::InfixSeparator
            | BreakClass::NonStarter
            | BreakClass::CombiningMark
            | BreakClass::ZeroWidthJoiner
            | BreakClass::WordJoiner
            | BreakClass::NonBreakingGlue
    )
}

/// Splits a range into pieces no wider than `width` as a whole string measures, breaking
/// between characters but not before a character a line may not start with (the piece gives
/// up its last character instead, while it has more than one); a single character wider than
/// the line stands alone.
fn split_to_fit(text: &str, range: Range<usize>, width: usize) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = range.start;
    let mut end = start;
    let chars: Vec<(usize, char)> = text[range.clone()]
        .char_indices()
        .map(|(i, c)| (range.start + i, c))
        .collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let next = at + c.len_utf8();
        if end > start && text[start..next].width() > width {
            // Cut before `c`; if `c` may not start a line, cut earlier, before the last
            // character that may, as long as the piece keeps at least one character.
            let mut cut = i;
            while cut > 0 && chars[cut].0 > start && cannot_start_line(chars[cut].1) {
                cut -= 1;
            }
            if chars[cut].0 <= start {
                cut = i;
            }
            // A phone number or a web address is cut after its last hyphen or slash that fits,
            // so its groups stay whole (`310-423-` then `4566`) and the line's end says it
            // goes on, rather than in the middle of a group.
            if let Some(after) = (0..cut)
                .rev()
                .take_while(|&j| chars[j].0 > start)
                .find(|&j| matches!(chars[j].1, '-' | '/'))
                .map(|j| j + 1)
                .filter(|&j| !cannot_start_line(chars[j].1))
            {
                cut = after;
            }
            end = chars[cut].0;
            pieces.push(start..end);
            start = end;
            i = cut;
            continue;
        }
        end = next;
        i += 1;
    }
    if end > start || pieces.is_empty() {
        pieces.push(start..end);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn widths(text: &str, width: usize) -> Vec<usize> {
        wrap_ranges(text, width)
            .into_iter()
            .map(|r| text[r].width())
            .collect()
    }

    #[test]
    fn lines_fit_and_keep_every_word() {
        let text = "The Achilles tendon links the calf muscle to the heel bone.";
        let ranges = wrap_ranges(text, 20);
        assert!(ranges.len() > 2);
        let words: Vec<&str> = ranges
            .iter()
            .flat_map(|r| text[r.clone()].split(' '))
            .collect();
        assert_eq!(words, text.split(' ').collect::<Vec<_>>());
        assert!(widths(text, 20).iter().all(|w| *w <= 20));
    }

    #[test]
    fn wide_characters_are_measured_like_ratatui() {
        let text = "腱の損傷 アキレス腱 🦶🦶🦶🦶 tendón";
        for width in 2..12 {
            for r in wrap_ranges(text, width) {
                let line = ratatui::text::Line::raw(&text[r]);
                assert!(line.width() <= width, "width {width}: {:?}", line);
            }
        }
    }

    /// The lines `text` is wrapped into at `width`.
    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap_ranges(text, width)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn a_number_too_long_for_the_line_is_cut_after_a_hyphen() {
        assert_eq!(lines("310-423-4566", 11), ["310-423-", "4566"]);
        assert_eq!(lines("1-800-CEDARS-1", 11), ["1-800-", "CEDARS-1"]);
        assert_eq!(lines("(1-800-233-2771)", 12), ["(1-800-233-", "2771)"]);
        // No hyphen: cut where the line ends.
        assert_eq!(lines("4235566778899", 5), ["42355", "66778", "899"]);
    }

    #[test]
    fn long_words_are_broken_not_lost() {
        let text = "supercalifragilistic";
        let joined: String = wrap_ranges(text, 6).into_iter().map(|r| &text[r]).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn emoji_presentation_is_measured_as_a_whole() {
        let text = "*\u{fe0f} AA 𐠈𝄩0a𐎀®A໐¡ 0એa𐄀￼ଡ଼A୦0 Aaࡠ𐣠ୋ🟰 !®a⁰a￼0¡a 0A";
        for r in wrap_ranges(text, 45) {
            assert!(text[r].width() <= 45);
        }
    }

    #[test]
    fn chinese_breaks_between_characters_but_never_before_a_closing_mark() {
        let text = "肌腱是一条很结实的带子，它把肌肉和骨头连在一起。跟腱在小腿的后面，从小腿肌肉一直连到脚跟骨。";
        for width in 4..40 {
            let ranges = wrap_ranges(text, width);
            let joined: String = ranges.iter().map(|r| &text[r.clone()]).collect();
            assert_eq!(joined, text, "nothing lost at {width}");
            for (i, r) in ranges.iter().enumerate() {
                let line = &text[r.clone()];
                assert!(line.width() <= width, "{line:?} at {width}");
                assert!(!line.starts_with(['。', '，']), "{line:?} at {width}");
                // Full lines: what is left over is less than the next character and its mark.
                if i + 1 < ranges.len() {
                    assert!(line.width() + 4 > width, "{line:?} at {width}");
                }
            }
        }
    }

    #[test]
    fn mixed_scripts_keep_latin_words_and_numbers_whole() {
        // The number and the comma after it (14 columns) may not be parted by choice.
        let text = "请打电话给足踝团队：310-423-4566，周一到周五 8 am to 5 pm。";
        for width in 14..30 {
            let lines: Vec<&str> = wrap_ranges(text, width)
                .into_iter()
                .map(|r| &text[r])
                .collect();
            assert!(
                lines.iter().any(|l| l.contains("310-423-4566")),
                "{lines:?}"
            );
            assert!(
                lines.iter().all(|l| !l.starts_with(['。', '，'])),
                "{lines:?}"
            );
        }
    }

    #[test]
    fn a_word_cut_to_fit_keeps_its_closing_mark_off_the_next_line_start() {
        // Too wide for the line, the number is cut (after a hyphen); the comma stays with
        // its last group.
        assert_eq!(
            lines("310-423-4566，周一", 13),
            ["310-423-", "4566，", "周一"]
        );
        assert_eq!(lines("3104234566，周一", 11), ["310423456", "6，", "周一"]);
        let cut = lines("(see page)", 4);
        assert!(cut.iter().all(|l| !l.starts_with(')')), "{cut:?}");
    }

    #[test]
    fn the_shortcut_wraps_the_handbook_exactly_as_textwrap() {
        let library = crate::content::load(None)
            .library
            .expect("the built-in handbook");
        for (_, text) in library
            .editions
            .iter()
            .flat_map(|e| &e.chapters)
            .flat_map(|c| c.units.with_text())
        {
            for width in [1, 7, 20, 38, 60, 78, 98] {
                assert_eq!(
                    first_fit(text, width),
                    textwrap_ranges(text, width),
                    "{text:?} at {width}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn the_shortcut_wraps_exactly_as_textwrap(
            text in "[ a-zA-Z0-9.,;:!?()/'\"&%+=*-]{0,120}|\\PC{0,80}|[ a-z\u{a0}\u{ad}\u{2014}\u{3002}\u{ff0c}\u{8171}\u{1f9b6}-]{0,80}",
            width in 1usize..50,
        ) {
            prop_assume!(!text.contains(['\n', '\u{1b}']));
            prop_assert_eq!(first_fit(&text, width.max(1)), textwrap_ranges(&text, width.max(1)));
        }

        #[test]
        fn any_text_wraps_inside_width(text in "\\PC{0,200}", width in 1usize..60) {
            let text = crate::content::clean::clean_line(&text);
            let mut last = 0;
            for r in wrap_ranges(&text, width) {
                prop_assert!(r.start >= last && r.end <= text.len());
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                let line = &text[r.clone()];
                // A single character wider than the line is the only thing allowed to overflow.
                prop_assert!(line.width() <= width || line.chars().count() == 1, "{line:?}");
                last = r.end;
            }
        }
    }
}
