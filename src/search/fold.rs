//! Turning text into comparable words: case and accents folded away (by Unicode decomposition,
//! not hand-made tables), split into letter-and-digit runs, each remembering where it stands in
//! the original text. Used alike for the handbook's text and the reader's query.

use std::ops::Range;

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;

/// A word of the text, folded, with its byte range in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub folded: String,
    pub range: Range<usize>,
}

/// Appends the folded form of `c` to `out`: decomposed, marks dropped, lower-cased.
fn fold_char(c: char, out: &mut String) {
    // Most text is ASCII, which has no accents to remove: skip the decomposition.
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let mut buf = [0u8; 4];
    for d in c.encode_utf8(&mut buf).nfd() {
        if matches!(
            get_general_category(d),
            GeneralCategory::NonspacingMark
                | GeneralCategory::EnclosingMark
                | GeneralCategory::SpacingMark
        ) {
            continue;
        }
        out.extend(d.to_lowercase());
    }
}

/// Whether `c` belongs to a script written without spaces between words (Chinese, Japanese
/// kana), where search indexes overlapping pairs of characters instead of words.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF       // Hiragana, Katakana
        | 0x3400..=0x4DBF     // CJK Extension A
        | 0x4E00..=0x9FFF     // CJK Unified Ideographs
        | 0xF900..=0xFAFF     // CJK Compatibility Ideographs
        | 0x20000..=0x3134F) // CJK Extensions B-G
}

/// The words of `text`, in order. A run of characters from a script without spaces gives its
/// overlapping character pairs ("跟腱断裂" → 跟腱, 腱断, 断裂), or the character alone.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    // The unspaced run so far: (byte offset, char) of each character.
    let mut run: Vec<(usize, char)> = Vec::new();
    let flush_run = |run: &mut Vec<(usize, char)>, out: &mut Vec<Word>| {
        let end_of = |(i, c): (usize, char)| i + c.len_utf8();
        match run.len() {
            0 => {}
            1 => out.push(Word {
                folded: run[0].1.to_string(),
                range: run[0].0..end_of(run[0]),
            }),
            _ => {
                for pair in run.windows(2) {
                    out.push(Word {
                        folded: [pair[0].1, pair[1].1].iter().collect(),
                        range: pair[0].0..end_of(pair[1]),
                    });
                }
            }
        }
        run.clear();
    };
    for (i, c) in text.char_indices() {
        if is_unspaced(c) {
            if !current.is_empty() {
                out.push(Word {
                    folded: std::mem::take(&mut current),
                    range: start..i,
                });
            }
            run.push((i, c));
            continue;
        }
        flush_run(&mut run, &mut out);
        if c.is_alphanumeric() {
            if current.is_empty() {
                start = i;
            }
            fold_char(c, &mut current);
        } else if !current.is_empty() {
            out.push(Word {
                folded: std::mem::take(&mut current),
                range: start..i,
            });
        }
    }
    flush_run(&mut run, &mut out);
    if !current.is_empty() {
        out.push(Word {
            folded: current,
            range: start..text.len(),
        });
    }
    out
}

/// Whether `a` and `b` differ by at most one insertion, deletion or substitution. Runs once
/// per vocabulary word for a typo, so it allocates nothing and gives up early.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    // Byte lengths bound character counts from above, and equal for ASCII: a cheap first cut.
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 4 {
        return false;
    }
    let (ns, nl) = (short.chars().count(), long.chars().count());
    let (short, long, ns, nl) = if ns <= nl {
        (short, long, ns, nl)
    } else {
        (long, short, nl, ns)
    };
    if nl - ns > 1 {
        return false;
    }
    let prefix = short
        .chars()
        .zip(long.chars())
        .take_while(|(x, y)| x == y)
        .count();
    if ns == nl {
        // One substitution: the rest after the first difference must match.
        short
            .chars()
            .skip(prefix + 1)
            .eq(long.chars().skip(prefix + 1))
    } else {
        // One insertion into the shorter word.
        short.chars().skip(prefix).eq(long.chars().skip(prefix + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_accents_fold_away() {
        let folded: Vec<String> = words("TENDÓN Calcíum Ñandú")
            .into_iter()
            .map(|w| w.folded)
            .collect();
        assert_eq!(folded, ["tendon", "calcium", "nandu"]);
        let w = words("El tendón, ¡roto!");
        let folded: Vec<&str> = w.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(folded, ["el", "tendon", "roto"]);
        assert_eq!(&"El tendón, ¡roto!"[w[1].range.clone()], "tendón");
    }

    #[test]
    fn unspaced_scripts_give_character_pairs() {
        let text = "跟腱断裂。右 heel";
        let w = words(text);
        let folded: Vec<&str> = w.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(folded, ["跟腱", "腱断", "断裂", "右", "heel"]);
        assert_eq!(&text[w[2].range.clone()], "断裂");
    }

    #[test]
    fn one_edit_apart() {
        assert!(within_one_edit("calsium", "calcium"));
        assert!(within_one_edit("achiles", "achilles"));
        assert!(within_one_edit("tendinitis", "tendonitis"));
        assert!(within_one_edit("same", "same"));
        assert!(!within_one_edit("calsum", "calcium"));
        assert!(!within_one_edit("abc", "abcde"));
        assert!(within_one_edit("", "a"));
    }
}
