//! The search index of one edition, built off the main thread: the edition cut into documents
//! (a chapter's title and summary, then each section with its heading), a sorted vocabulary
//! of folded words with, for each, the text units it occurs in and how often, and each word's
//! stems. Querying it is in `query.rs`; it never touches the screen.

use std::collections::HashMap;

use super::fold::words;
use super::language::Language;
use crate::content::Handbook;
use crate::content::UnitKind;

/// How much a word counts where it stands: a heading names what its section is about, and a
/// chapter's title says a little about every section in it.
pub(super) const HEADING_WEIGHT: f32 = 3.0;
pub(super) const CHAPTER_TITLE_WEIGHT: f32 = 1.0;
pub(super) const BODY_WEIGHT: f32 = 1.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct UnitRef {
    pub chapter: u32,
    pub unit: u32,
    pub doc: u32,
    pub kind: Field,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    /// The chapter's title: a heading of its first document, and a hint for all the others.
    ChapterTitle,
    Heading,
    Body,
}

/// What a result is: a chapter's opening (title and summary) or one of its sections.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Doc {
    pub chapter: u32,
    pub section: Option<u32>,
    /// Words in it, for BM25's length normalisation.
    pub length: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    pub(super) units: Vec<UnitRef>,
    pub(super) docs: Vec<Doc>,
    /// For each chapter, its documents: `docs[range]`.
    pub(super) chapter_docs: Vec<std::ops::Range<u32>>,
    pub(super) average_length: f32,
    /// Folded words, sorted.
    pub(super) vocab: Vec<String>,
    /// Where each vocabulary word's postings start in `posting_units` and `posting_counts`
    /// (one entry more than words). Flat arrays of exact size: a 10 MB handbook has over a
    /// million postings, and a vector per word would cost its header and spare capacity.
    posting_start: Vec<u32>,
    /// The units each word occurs in, in unit order, and how often.
    posting_units: Vec<u32>,
    posting_counts: Vec<u16>,
    /// Each unit's text as vocabulary positions, in order: `unit_words[unit_start[u]..
    /// unit_start[u + 1]]`. A phrase is checked here rather than by reading the unit's text
    /// again. The labels beside contact fields are searchable words but not part of the text,
    /// so they are not here and no phrase runs into them.
    unit_start: Vec<u32>,
    unit_words: Vec<u32>,
    /// Stem → the vocabulary words that have it.
    pub(super) stems: HashMap<String, Vec<u32>>,
    /// The handbook's synonym groups, each phrase as folded words.
    pub(super) synonyms: Vec<Vec<Vec<String>>>,
    /// The same phrases as the stems their words have, to recognise them in a query.
    pub(super) synonym_stems: Vec<Vec<Vec<String>>>,
    pub(super) language: String,
}

/// While building, one word in order of first appearance: its (unit, count) pairs and stems.
struct Gathered {
    postings: Vec<(u32, u16)>,
    stems: [String; 2],
}

impl Index {
    pub fn build(handbook: &Handbook) -> Index {
        let language = Language::for_code(&handbook.language);
        // The labels the reader sees beside a phone number and opening hours are searchable.
        let labels = &handbook.text;
        let mut units = Vec::new();
        let mut docs: Vec<Doc> = Vec::new();
        let mut chapter_docs = Vec::new();
        // Words get an id in order of first appearance, renumbered in vocabulary order below.
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut gathered: Vec<Gathered> = Vec::new();
        let mut unit_start = vec![0u32];
        let mut unit_words: Vec<u32> = Vec::new();
        for (c, chapter) in handbook.chapters.iter().enumerate() {
            let first_doc = docs.len() as u32;
            docs.push(Doc {
                chapter: c as u32,
                section: None,
                length: 0.0,
            });
            for (u, unit) in chapter.units.iter().enumerate() {
                if let Some(s) = unit.section
                    && docs.last().is_some_and(|d| d.section != Some(s as u32))
                {
                    docs.push(Doc {
                        chapter: c as u32,
                        section: Some(s as u32),
                        length: 0.0,
                    });
                }
                let id = units.len() as u32;
                let kind = match unit.kind {
                    UnitKind::Title => Field::ChapterTitle,
                    _ if unit.kind.is_heading() => Field::Heading,
                    _ => Field::Body,
                };
                let doc = docs.len() as u32 - 1;
                units.push(UnitRef {
                    chapter: c as u32,
                    unit: u as u32,
                    doc,
                    kind,
                });
                let label = match unit.kind {
                    UnitKind::ContactPhone { .. } => labels.phone.as_str(),
                    UnitKind::ContactExtension => labels.extension.as_str(),
                    UnitKind::ContactHours => labels.hours.as_str(),
                    _ => "",
                };
                let mut count = 0;
                for (is_text, text) in [(true, unit.text.as_str()), (false, label)] {
                    for w in words(text) {
                        count += 1;
                        let word = match ids.get(&w.folded) {
                            Some(word) => *word,
                            None => {
                                let word = gathered.len() as u32;
                                gathered.push(Gathered {
                                    postings: Vec::new(),
                                    stems: language.stems(&text[w.range.clone()], &w.folded),
                                });
                                ids.insert(w.folded, word);
                                word
                            }
                        };
                        if is_text {
                            unit_words.push(word);
                        }
                        let list = &mut gathered[word as usize].postings;
                        match list.last_mut() {
                            Some((last, n)) if *last == id => *n = n.saturating_add(1),
                            _ => list.push((id, 1)),
                        }
                    }
                }
                unit_start.push(unit_words.len() as u32);
                if let Some(d) = docs.last_mut() {
                    d.length += count as f32;
                }
            }
            chapter_docs.push(first_doc..docs.len() as u32);
        }
        let mut entries: Vec<(String, u32)> = ids.into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Where each word of first-appearance order stands in the vocabulary.
        let mut position = vec![0u32; entries.len()];
        let mut vocab = Vec::with_capacity(entries.len());
        let total: usize = gathered.iter().map(|g| g.postings.len()).sum();
        let mut posting_start = Vec::with_capacity(entries.len() + 1);
        let mut posting_units = Vec::with_capacity(total);
        let mut posting_counts = Vec::with_capacity(total);
        let mut stems: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, (word, first)) in entries.into_iter().enumerate() {
            position[first as usize] = i as u32;
            let g = std::mem::replace(
                &mut gathered[first as usize],
                Gathered {
                    postings: Vec::new(),
                    stems: Default::default(),
                },
            );
            for stem in g.stems {
                let ids = stems.entry(stem).or_default();
                if ids.last() != Some(&(i as u32)) {
                    ids.push(i as u32);
                }
            }
            vocab.push(word);
            posting_start.push(posting_units.len() as u32);
            posting_units.extend(g.postings.iter().map(|(u, _)| *u));
            posting_counts.extend(g.postings.iter().map(|(_, n)| *n));
        }
        posting_start.push(posting_units.len() as u32);
        for word in &mut unit_words {
            *word = position[*word as usize];
        }
        unit_words.shrink_to_fit();
        let average_length = if docs.is_empty() {
            1.0
        } else {
            (docs.iter().map(|d| d.length).sum::<f32>() / docs.len() as f32).max(1.0)
        };
        let synonyms: Vec<Vec<Vec<String>>> = handbook
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
        let synonym_stems = synonyms
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|phrase| {
                        phrase
                            .iter()
                            .map(|w| language.stems(w, w)[0].clone())
                            .collect()
                    })
                    .collect()
            })
            .collect();
        Index {
            units,
            docs,
            chapter_docs,
            average_length,
            vocab,
            posting_start,
            posting_units,
            posting_counts,
            unit_start,
            unit_words,
            stems,
            synonyms,
            synonym_stems,
            language: handbook.language.clone(),
        }
    }

    /// The vocabulary position of a folded word, if the handbook has it.
    pub(super) fn position(&self, folded: &str) -> Option<u32> {
        self.vocab
            .binary_search_by(|v| v.as_str().cmp(folded))
            .ok()
            .map(|i| i as u32)
    }

    /// The units a vocabulary word occurs in, in unit order, and how often in each.
    pub(super) fn postings(&self, word: u32) -> (&[u32], &[u16]) {
        let w = word as usize;
        let range = self.posting_start[w] as usize..self.posting_start[w + 1] as usize;
        (
            &self.posting_units[range.clone()],
            &self.posting_counts[range],
        )
    }

    /// A unit's text as vocabulary positions, in order.
    pub(super) fn unit_words(&self, unit: u32) -> &[u32] {
        let u = unit as usize;
        &self.unit_words[self.unit_start[u] as usize..self.unit_start[u + 1] as usize]
    }

    /// How often a word occurs in the whole edition: suggestions prefer common words.
    pub(super) fn frequency(&self, word: u32) -> usize {
        self.postings(word).1.iter().map(|n| usize::from(*n)).sum()
    }

    pub(super) fn weight(field: Field) -> f32 {
        match field {
            Field::ChapterTitle | Field::Heading => HEADING_WEIGHT,
            Field::Body => BODY_WEIGHT,
        }
    }
}
