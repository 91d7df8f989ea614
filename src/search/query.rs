//! Understanding a query against the index: the typed words (common words dropped, the
//! handbook's synonym phrases recognised) become terms; each term accepts vocabulary words as
//! the word itself, its stem, a prefix, or, only for a word the handbook lacks, one typo. The
//! terms are scored in `rank.rs`; this file also finds matched words in a text for highlighting
//! and suggests words when nothing matched. Pure: it never touches the screen.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::fold::{Word, is_unspaced, within_one_edit, words};
use super::index::Index;
use super::language::Language;

/// Longest query, in characters. A longer paste is cut here.
pub const MAX_QUERY_CHARS: usize = 256;
/// Words of a query looked at; a longer paste is cut here (a question is rarely half as long).
pub const MAX_QUERY_WORDS: usize = 32;
/// Words of at least this many letters tolerate one typo.
pub const TYPO_MIN_CHARS: usize = 5;

/// How much each way of matching is worth, relative to the word as typed.
const EXACT: f32 = 1.0;
const STEM: f32 = 0.8;
const SYNONYM: f32 = 0.7;
const PREFIX: f32 = 0.5;
/// A prefix of a word the handbook has as typed ("tendon" → "tendonitis") is less likely meant.
const PREFIX_OF_KNOWN: f32 = 0.2;
const TYPO: f32 = 0.3;
/// Forms of one word (same stem) differ in length by at most this many letters.
const MAX_FORM_DIFF: usize = 3;
/// Suggestions are looked for the first this many typed words only.
const MAX_SUGGESTED: usize = 4;

/// One result: a chapter's opening or one of its sections.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub chapter: usize,
    /// `None` for the chapter's title and summary.
    pub section: Option<usize>,
    /// The unit that best shows why it matched: the snippet's text and where Enter goes.
    pub unit: usize,
    /// How many of the query's terms it matches.
    pub matched: usize,
    pub score: f32,
}

/// The answer to a query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    /// Most terms matched first, then by score, then in reading order.
    pub ranked: Vec<Hit>,
    /// Every unit holding a match, in reading order, for n / N.
    pub reading: Vec<(usize, usize)>,
    pub matcher: Matcher,
    /// When nothing matched: words of the handbook close to the typed ones.
    pub suggestions: Vec<String>,
}

/// A query resolved against the vocabulary, kept so that the matched words of any text can be
/// found again for highlighting.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Matcher {
    pub(super) terms: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Term {
    pub(super) alternatives: Vec<Alternative>,
    /// A common word: counted only in headings, and not as a matched term.
    pub(super) common: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Alternative {
    /// Each word of the phrase as the vocabulary words it accepts.
    pub(super) words: Vec<HashSet<u32>>,
    pub(super) weight: f32,
}

impl Alternative {
    /// Where in `found` (a text's words) this alternative stands, as byte ranges of the text:
    /// a phrase only where its words come one after another.
    fn spans<'a>(
        &'a self,
        index: &'a Index,
        found: &'a [Word],
    ) -> impl Iterator<Item = Range<usize>> + 'a {
        let n = self.words.len();
        let accepts = move |w: &Word, k: usize| {
            index
                .position(&w.folded)
                .is_some_and(|p| self.words[k].contains(&p))
        };
        (0..found.len().saturating_sub(n.saturating_sub(1)))
            .filter(move |_| n > 0)
            .filter(move |start| (0..n).all(|k| accepts(&found[start + k], k)))
            .map(move |start| found[start].range.start..found[start + n - 1].range.end)
    }
}

impl Index {
    /// Vocabulary words for one typed word, each with how much it is worth.
    fn accepted(&self, language: &Language, typed: &str, prefix: bool) -> Vec<(u32, f32)> {
        let mut out: HashMap<u32, f32> = HashMap::new();
        if let Some(p) = self.position(typed) {
            out.insert(p, EXACT);
        }
        // Forms of the same word, but not a longer word that stems the same ("tendonitis"
        // is not a form of "tendon").
        let typed_len = typed.chars().count();
        for stem in language.stems(typed, typed) {
            for p in self.stems.get(&stem).into_iter().flatten() {
                if self.vocab[*p as usize].chars().count().abs_diff(typed_len) <= MAX_FORM_DIFF {
                    out.entry(*p).or_insert(STEM);
                }
            }
        }
        let known = !out.is_empty();
        if prefix {
            let worth = if out.values().any(|w| *w == EXACT) {
                PREFIX_OF_KNOWN
            } else {
                PREFIX
            };
            let start = self.vocab.partition_point(|v| v.as_str() < typed);
            for (i, v) in self.vocab[start..].iter().enumerate() {
                if !v.starts_with(typed) {
                    break;
                }
                out.entry((start + i) as u32).or_insert(worth);
            }
        }
        // A typo is only forgiven for a word the handbook does not have in any form.
        if !known && typed_len >= TYPO_MIN_CHARS && !typed.chars().any(is_unspaced) {
            for (i, v) in self.vocab.iter().enumerate() {
                // Too short to be within one edit of the typed word or of a prefix of it.
                if v.len() + 1 < typed_len {
                    continue;
                }
                if within_one_edit(typed, v) || (prefix && typo_prefix(typed, typed_len, v)) {
                    out.entry(i as u32).or_insert(TYPO);
                }
            }
        }
        // In vocabulary order: scores are float sums, and hash order would change their last
        // digit from run to run, and with it the order of equal-looking results.
        let mut out: Vec<(u32, f32)> = out.into_iter().collect();
        out.sort_unstable_by_key(|(p, _)| *p);
        out
    }

    /// Turns typed words into terms: a phrase the handbook lists as a synonym becomes its whole
    /// group; common words are dropped unless nothing else was typed.
    pub(super) fn resolve(&self, language: &Language, typed: &[String]) -> Matcher {
        let typed: Vec<String> = typed
            .iter()
            .map(|w| self.synonym_typo(language, w).unwrap_or(w).to_owned())
            .collect();
        let typed = typed.as_slice();
        let typed_stems: Vec<String> = typed
            .iter()
            .map(|w| language.stems(w, w)[0].clone())
            .collect();
        let all_common = typed.iter().all(|w| language.is_stop_word(w));
        let mut terms = Vec::new();
        let mut i = 0;
        while i < typed.len() {
            let last = i + 1 == typed.len();
            // The longest phrase of any group that the typed words start with here.
            let group = self
                .synonyms
                .iter()
                .zip(&self.synonym_stems)
                .flat_map(|(group, stems)| stems.iter().map(move |p| (group, p)))
                .filter(|(_, p)| p.len() <= typed.len() - i && p[..] == typed_stems[i..i + p.len()])
                .max_by_key(|(_, p)| p.len())
                .map(|(group, p)| (group, p.len()));
            if let Some((group, len)) = group
                && !(len == 1 && language.is_stop_word(&typed[i]) && !all_common)
            {
                let used = &typed[i..i + len];
                let mut alts: Vec<Alternative> = Vec::new();
                // The words as typed, with prefixes while the last one is being typed.
                let as_typed: Vec<HashSet<u32>> = used
                    .iter()
                    .enumerate()
                    .map(|(k, w)| self.word_set(language, w, last && k + 1 == len))
                    .collect();
                // When the handbook lacks the reader's own word, its synonyms are the answer
                // and count in full.
                let weight = if as_typed.iter().any(HashSet::is_empty) {
                    EXACT
                } else {
                    SYNONYM
                };
                alts.push(Alternative {
                    words: as_typed,
                    weight: EXACT,
                });
                for phrase in group.iter().filter(|p| p.as_slice() != used) {
                    alts.push(Alternative {
                        words: phrase
                            .iter()
                            .map(|w| self.word_set(language, w, false))
                            .collect(),
                        weight,
                    });
                }
                // A word of the text counts once for the term, at the best worth any way of
                // matching gives it: a group that lists forms of the typed word ("rompe" beside
                // "rompió") must not count the same word again under each of them. The words
                // as typed come first, and have the highest worth.
                let mut claimed: HashSet<u32> = HashSet::new();
                for alt in &mut alts {
                    if let [set] = alt.words.as_mut_slice() {
                        set.retain(|w| claimed.insert(*w));
                    }
                }
                alts.retain(|alt| alt.words.iter().all(|set| !set.is_empty()));
                i += len;
                terms.push(Term {
                    alternatives: alts,
                    common: false,
                });
                continue;
            }
            let word = &typed[i];
            i += 1;
            let common = language.is_stop_word(word) && !all_common;
            if common && !language.is_question_word(word) {
                // "el", "se", "the": in a heading they say nothing about what it answers.
                continue;
            }
            // Each way of matching is its own alternative, so a stem or a prefix never scores
            // as much as the word itself.
            let mut by_weight: Vec<(f32, HashSet<u32>)> = Vec::new();
            for (w, weight) in self.accepted(language, word, true) {
                match by_weight.iter_mut().find(|(x, _)| *x == weight) {
                    Some((_, set)) => {
                        set.insert(w);
                    }
                    None => by_weight.push((weight, HashSet::from([w]))),
                }
            }
            by_weight.sort_by(|a, b| b.0.total_cmp(&a.0));
            terms.push(Term {
                alternatives: by_weight
                    .into_iter()
                    .map(|(weight, set)| Alternative {
                        words: vec![set],
                        weight,
                    })
                    .collect(),
                common,
            });
        }
        Matcher { terms }
    }

    /// The synonym a typed word was meant to be, when the text has neither the word nor a
    /// form of it and it is one typo away from a one-word synonym ("swolen" for "swollen",
    /// which the handbook lists beside "swelling"): the typo forgiven as for the text's own
    /// words, so the synonym group answers it.
    fn synonym_typo<'s>(&'s self, language: &Language, word: &str) -> Option<&'s str> {
        if word.chars().count() < TYPO_MIN_CHARS
            || language.is_stop_word(word)
            || self
                .accepted(language, word, false)
                .iter()
                .any(|(_, weight)| *weight >= STEM)
        {
            return None;
        }
        self.synonyms
            .iter()
            .flatten()
            .filter_map(|phrase| match phrase.as_slice() {
                [one] => Some(one.as_str()),
                _ => None,
            })
            .find(|one| *one != word && within_one_edit(word, one))
    }

    /// Every vocabulary word one typed word accepts, whatever its worth.
    fn word_set(&self, language: &Language, word: &str, prefix: bool) -> HashSet<u32> {
        self.accepted(language, word, prefix)
            .into_iter()
            .filter(|(_, weight)| *weight >= STEM || prefix)
            .map(|(w, _)| w)
            .collect()
    }

    /// Words of the handbook within two edits of a typed word it lacks, most common first.
    pub(super) fn suggest(&self, language: &Language, typed: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for word in typed.iter().take(MAX_SUGGESTED) {
            if language.is_stop_word(word) || self.position(word).is_some() || word.len() < 3 {
                continue;
            }
            let best = self
                .vocab
                .iter()
                .enumerate()
                .filter(|(_, v)| {
                    v.len() + 2 >= word.len()
                        && v.len() <= word.len() + 8
                        && v.chars().count() >= 3
                        && !v.chars().any(char::is_numeric)
                })
                .map(|(i, v)| (strsim::levenshtein(word, v), i))
                // Two edits only for longer words: short ones would suggest unrelated words.
                .filter(|(d, _)| *d <= 1 || (*d == 2 && word.chars().count() >= 6))
                .min_by_key(|(d, i)| (*d, std::cmp::Reverse(self.frequency(*i as u32))));
            if let Some((_, i)) = best
                && !out.contains(&self.vocab[i])
            {
                out.push(self.vocab[i].clone());
            }
        }
        out
    }
}

/// Whether some prefix of `word` is one edit away from `typed` ("tendinit" → "tendonitis").
fn typo_prefix(typed: &str, typed_len: usize, word: &str) -> bool {
    // The byte offset where each candidate prefix (of typed_len - 1 to + 1 characters) ends.
    let mut ends = word
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(word.len()))
        .skip(typed_len.saturating_sub(1).max(1));
    (0..3).any(|_| {
        ends.next()
            .is_some_and(|end| within_one_edit(typed, &word[..end]))
    })
}

impl Matcher {
    /// The byte ranges of `text` that match the query: every word accepted by any term.
    pub fn ranges(&self, index: &Index, text: &str) -> Vec<Range<usize>> {
        let found: Vec<Word> = words(text);
        let mut out: Vec<Range<usize>> = Vec::new();
        for term in self.terms.iter().filter(|t| !t.common) {
            for alt in &term.alternatives {
                out.extend(alt.spans(index, &found));
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
