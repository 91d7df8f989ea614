//! Search across a whole edition: folding, each language's stemmer and common words, the
//! index, the query engine, and snippets for the results list. Pure computation; the App owns
//! when it runs and keeps its results.

mod compact;
pub mod fold;
pub mod index;
pub mod language;
pub mod print;
pub mod query;
mod rank;

pub use index::Index;
pub use query::{Hit, MAX_QUERY_CHARS, Matcher, Results};

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// A window of `text` around its first highlighted range, at most `width` columns, with the
/// ranges moved to the window. Starts at a word boundary where it can, and marks cut ends
/// with an ellipsis.
pub fn snippet(
    text: &str,
    ranges: &[Range<usize>],
    width: usize,
    ellipsis: &str,
) -> (String, Vec<Range<usize>>) {
    let width = width.max(1);
    let whole: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    // Text that fits is shown whole; otherwise the window starts near the first hit.
    let first = if whole <= width {
        0
    } else {
        ranges.first().map_or(0, |r| r.start.min(text.len()))
    };
    // Start a little before the first hit, at the start of a word.
    let mut start = first;
    let mut lead = 0;
    for (i, c) in text[..first].char_indices().rev() {
        lead += c.width().unwrap_or(0);
        if lead > width / 3 {
            break;
        }
        start = i;
    }
    if start > 0
        && let Some(space) = text[start..first].find(' ')
    {
        start += space + 1;
    }
    let prefix = if start > 0 { ellipsis } else { "" };
    let mut used = prefix
        .chars()
        .map(|c| c.width().unwrap_or(0))
        .sum::<usize>();
    let mut end = start;
    for (i, c) in text[start..].char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width.saturating_sub(1) && start + i + c.len_utf8() < text.len() {
            break;
        }
        used += w;
        end = start + i + c.len_utf8();
    }
    let suffix = if end < text.len() { ellipsis } else { "" };
    let out = format!("{prefix}{}{suffix}", &text[start..end]);
    let shift = prefix.len();
    let moved = ranges
        .iter()
        .filter(|r| r.end > start && r.start < end)
        .map(|r| (r.start.max(start) - start + shift)..(r.end.min(end) - start + shift))
        .collect();
    (out, moved)
}

#[cfg(test)]
mod tests;
