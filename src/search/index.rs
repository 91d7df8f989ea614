//! The search index of one edition, built once at load, and the query engine over it: a sorted
//! vocabulary of folded words with, for each, the text units it occurs in. A query resolves
//! each of its words to vocabulary entries (exact, prefix, one typo, or a synonym from the
//! handbook), intersects their units, and ranks the result. It never touches the screen.

use std::collections::HashSet;
use std::ops::Range;

use super::fold::{Word, within_one_edit, words};
use crate::content::{Handbook, clean::clean_line};

/// Longest query, in characters. A longer paste is cut here.
pub const MAX_QUERY_CHARS: usize = 256;
/// Words of at least this many letters tolerate one typo.
pub const TYPO_MIN_CHARS: usize = 5;

/// How well a unit matched: lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Quality {
    Exact = 0,
    Prefix = 1,
    Fuzzy = 2,
    None = 3,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct UnitRef {
    chapter: u32,
    unit: u32,
    /// 0 for titles and headings, 1 for body text: titles rank first.
    tier: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    units: Vec<UnitRef>,
    vocab: Vec<String>,
    /// For each vocabulary word, the global units it occurs in, ascending, once each.
    postings: Vec<Vec<u32>>,
    /// The handbook's synonym groups, each phrase as folded words.
    synonyms: Vec<Vec<Vec<String>>>,
}

/// One unit that matched a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub chapter: usize,
    pub unit: usize,
    pub tier: u8,
    pub quality: Quality,
}

/// A query resolved against the vocabulary: per query term, its alternatives. Kept so that the
/// matched words of any unit can be found again for highlighting.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Matcher {
    terms: Vec<Vec<Alternative>>,
}

#[derive(Debug, Clone, PartialEq)]
struct Alternative {
    /// Each word of the phrase as the set of vocabulary words it accepts, with their quality.
    words: Vec<Vec<(u32, Quality)>>,
    /// Whether this came from a synonym rather than the typed words.
    synonym: bool,
}

impl Alternative {
    /// Where in `found` (a text's words) this alternative stands, as byte ranges of the text:
    /// a phrase only where its words come one after another.
    fn spans<'a>(
        &'a self,
        vocab: &'a [String],
        found: &'a [Word],
    ) -> impl Iterator<Item = Range<usize>> + 'a {
        let n = self.words.len();
        let accepts = move |w: &Word, k: usize| {
            self.words[k]
                .iter()
                .any(|(v, _)| vocab[*v as usize] == w.folded)
        };
        (0..found.len().saturating_sub(n.saturating_sub(1)))
            .filter(move |_| n > 0)
            .filter(move |start| (0..n).all(|k| accepts(&found[start + k], k)))
            .map(move |start| found[start].range.start..found[start + n - 1].range.end)
    }
}

/// The answer to a query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    /// Ranked: titles before body, better matches first, then reading order.
    pub ranked: Vec<Hit>,
    pub matcher: Matcher,
}

impl Index {
    pub fn build(handbook: &Handbook) -> Index {
        let mut units = Vec::new();
        // Word → units it occurs in; units arrive in ascending order, so a repeat is the last.
        let mut by_word: std::collections::HashMap<String, Vec<u32>> =
            std::collections::HashMap::new();
        for (c, chapter) in handbook.chapters.iter().enumerate() {
            for (u, unit) in chapter.units.iter().enumerate() {
                let id = units.len() as u32;
                let tier = u8::from(!unit.kind.is_heading());
                units.push(UnitRef {
                    chapter: c as u32,
                    unit: u as u32,
                    tier,
                });
                for w in words(&unit.text) {
                    let list = by_word.entry(w.folded).or_default();
                    if list.last() != Some(&id) {
                        list.push(id);
                    }
                }
            }
        }
        let mut entries: Vec<(String, Vec<u32>)> = by_word.into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (vocab, postings): (Vec<String>, Vec<Vec<u32>>) = entries.into_iter().unzip();
        let synonyms = handbook
            .synonyms
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|phrase| {
                        words(phrase)
                            .into_iter()
                            .map(|w| w.folded)
                            .collect::<Vec<_>>()
                    })
                    .filter(|p: &Vec<String>| !p.is_empty())
                    .collect()
            })
            .collect();
        Index {
            units,
            vocab,
            postings,
            synonyms,
        }
    }

    /// Vocabulary words accepted for one typed word. Exact and prefix matches always; within
    /// one edit (of the word, or of a prefix of a longer word) when it is long enough.
    fn candidates(&self, typed: &str, allow_prefix: bool) -> Vec<(u32, Quality)> {
        let mut out = Vec::new();
        let start = self.vocab.partition_point(|v| v.as_str() < typed);
        for (i, v) in self.vocab[start..].iter().enumerate() {
            if !v.starts_with(typed) {
                break;
            }
            let q = if v == typed {
                Quality::Exact
            } else {
                Quality::Prefix
            };
            if q == Quality::Exact || allow_prefix {
                out.push(((start + i) as u32, q));
            }
        }
        let typed_len = typed.chars().count();
        if typed_len >= TYPO_MIN_CHARS {
            for (i, v) in self.vocab.iter().enumerate() {
                if out.iter().any(|(j, _)| *j == i as u32) {
                    continue;
                }
                if within_one_edit(typed, v) || (allow_prefix && typo_prefix(typed, typed_len, v)) {
                    out.push((i as u32, Quality::Fuzzy));
                }
            }
        }
        out
    }

    /// Runs a query over `handbook`, the edition this index was built from. Every term must
    /// match a unit (AND).
    pub fn search(&self, handbook: &Handbook, query: &str) -> Results {
        let query: String = clean_line(query).chars().take(MAX_QUERY_CHARS).collect();
        let typed: Vec<String> = words(&query).into_iter().map(|w| w.folded).collect();
        if typed.is_empty() {
            return Results::default();
        }
        let matcher = self.resolve(&typed);
        let mut best: Option<Vec<Quality>> = None;
        for term in &matcher.terms {
            let mut here = vec![Quality::None; self.units.len()];
            for alt in term {
                self.mark(handbook, alt, &mut here);
            }
            best = Some(match best {
                None => here,
                Some(mut b) => {
                    for (x, y) in b.iter_mut().zip(here) {
                        *x = if y == Quality::None {
                            Quality::None
                        } else {
                            (*x).max(y)
                        };
                    }
                    b
                }
            });
        }
        let best = best.unwrap_or_default();
        let mut ranked: Vec<Hit> = best
            .iter()
            .enumerate()
            .filter(|(_, q)| **q != Quality::None)
            .map(|(i, q)| {
                let r = self.units[i];
                Hit {
                    chapter: r.chapter as usize,
                    unit: r.unit as usize,
                    tier: r.tier,
                    quality: *q,
                }
            })
            .collect();
        // Stable: ties keep reading order, which is the order units were numbered in.
        ranked.sort_by_key(|h| (h.tier, h.quality));
        Results { ranked, matcher }
    }

    /// Turns typed words into terms, replacing any phrase the handbook lists as a synonym by
    /// its whole group.
    fn resolve(&self, typed: &[String]) -> Matcher {
        let mut terms = Vec::new();
        let mut i = 0;
        while i < typed.len() {
            let last = i + 1 == typed.len();
            let group = self.synonyms.iter().find_map(|group| {
                group
                    .iter()
                    .filter(|p| typed[i..].starts_with(p))
                    .max_by_key(|p| p.len())
                    .map(|p| (group, p.len()))
            });
            let term = match group {
                Some((group, len)) => {
                    let used = &typed[i..i + len];
                    let alts = group
                        .iter()
                        .map(|phrase| Alternative {
                            words: phrase
                                .iter()
                                .enumerate()
                                .map(|(k, w)| {
                                    let prefix =
                                        last && k + 1 == phrase.len() && phrase.as_slice() == used;
                                    self.candidates(w, prefix)
                                })
                                .collect(),
                            synonym: phrase.as_slice() != used,
                        })
                        .collect();
                    i += len;
                    alts
                }
                None => {
                    let alt = Alternative {
                        words: vec![self.candidates(&typed[i], true)],
                        synonym: false,
                    };
                    i += 1;
                    vec![alt]
                }
            };
            terms.push(term);
        }
        Matcher { terms }
    }

    /// Marks the best quality with which `alt` matches each unit.
    fn mark(&self, handbook: &Handbook, alt: &Alternative, best: &mut [Quality]) {
        let floor = |q: Quality| {
            if alt.synonym {
                q.max(Quality::Fuzzy)
            } else {
                q
            }
        };
        if alt.words.len() == 1 {
            for (word, q) in &alt.words[0] {
                for unit in &self.postings[*word as usize] {
                    let slot = &mut best[*unit as usize];
                    *slot = (*slot).min(floor(*q));
                }
            }
            return;
        }
        // A phrase: units holding every word, then only those where the words stand together.
        let mut common: Option<HashSet<u32>> = None;
        let mut worst = Quality::Exact;
        for word in &alt.words {
            let units: HashSet<u32> = word
                .iter()
                .flat_map(|(w, _)| self.postings[*w as usize].iter().copied())
                .collect();
            worst = worst.max(word.iter().map(|(_, q)| *q).min().unwrap_or(Quality::None));
            common = Some(match common {
                None => units,
                Some(c) => c.intersection(&units).copied().collect(),
            });
        }
        for unit in common.unwrap_or_default() {
            let r = self.units[unit as usize];
            let together = handbook
                .chapters
                .get(r.chapter as usize)
                .and_then(|c| c.units.get(r.unit as usize))
                .is_some_and(|u| alt.spans(&self.vocab, &words(&u.text)).next().is_some());
            if together {
                let slot = &mut best[unit as usize];
                *slot = (*slot).min(floor(worst));
            }
        }
    }
}

/// Whether some prefix of `word` is one edit away from `typed` ("tendinit" → "tendonitis").
fn typo_prefix(typed: &str, typed_len: usize, word: &str) -> bool {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    (typed_len.saturating_sub(1)..=typed_len + 1).any(|n| {
        if n == 0 || n > chars.len() {
            return false;
        }
        let end = chars.get(n).map_or(word.len(), |(i, _)| *i);
        within_one_edit(typed, &word[..end])
    })
}

impl Matcher {
    /// The byte ranges of `text` that match the query: every word accepted by any term.
    pub fn ranges(&self, index: &Index, text: &str) -> Vec<Range<usize>> {
        let found: Vec<Word> = words(text);
        let mut out: Vec<Range<usize>> = Vec::new();
        for term in &self.terms {
            for alt in term {
                out.extend(alt.spans(&index.vocab, &found));
            }
        }
        out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in out {
            match merged.last_mut() {
                Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}
