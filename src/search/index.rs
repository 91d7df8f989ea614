//! The search index of one edition, built off the main thread: the edition cut into documents
//! (a chapter's title and summary, then each section with its heading), a sorted vocabulary
//! of folded words with, for each, the text units it occurs in and how often, and each word's
//! stems. Querying it is in `query.rs`; it never touches the screen.

use std::collections::HashMap;

use super::compact::{self, Postings};
use super::fold::{Word, words};
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
    /// The unit's place in its chapter; the chapter is its document's.
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
    /// Each vocabulary word's postings, compact (see `compact.rs`): the units it occurs in, in
    /// unit order, and how often. Word `w`'s are `posting_bytes[posting_start[w]..
    /// posting_start[w + 1]]`, `posting_count[w]` of them.
    posting_start: Vec<u32>,
    posting_count: Vec<u32>,
    posting_bytes: Vec<u8>,
    /// Each unit's text as word ranks (see `word_rank`), in order, compact: unit `u`'s are
    /// `unit_bytes[unit_start[u]..unit_start[u + 1]]`. A phrase is checked here rather than by
    /// reading the unit's text again. The labels beside contact fields are searchable words
    /// but not part of the text, so they are not here and no phrase runs into them.
    unit_start: Vec<u32>,
    unit_bytes: Vec<u8>,
    /// The units that are chapter titles or headings, in order: where a common word counts.
    pub(super) headings: Vec<u32>,
    /// Each vocabulary word's rank by how often the text has it (0: the commonest), which is
    /// what `unit_bytes` holds: common words take one byte.
    word_rank: Vec<u32>,
    /// Stem → the vocabulary words that have it.
    pub(super) stems: HashMap<String, Vec<u32>>,
    /// The handbook's synonym groups, each phrase as folded words.
    pub(super) synonyms: Vec<Vec<Vec<String>>>,
    /// The same phrases as the stems their words have, to recognise them in a query.
    pub(super) synonym_stems: Vec<Vec<Vec<String>>>,
    pub(super) language: String,
}

/// While building: every word met so far, numbered in order of first appearance, and for each
/// what the two passes need. Dropped once the index is built.
struct Gather<'l> {
    language: &'l Language,
    ids: HashMap<String, u32>,
    stems: Vec<[String; 2]>,
    /// How often each word stands in the units' text (not in labels): its rank comes from this.
    in_text: Vec<u64>,
    /// Postings per word, and the bytes they take.
    postings: Vec<u32>,
    posting_bytes: Vec<usize>,
    /// Per word, the last unit it was counted in (for the gap) and its count in this unit.
    last_unit: Vec<u32>,
    here: Vec<u32>,
    distinct: Vec<u32>,
    out: Vec<(u32, u32, u32)>,
}

impl Gather<'_> {
    /// The id of a word of `text`, numbered if new.
    fn id(&mut self, text: &str, w: Word) -> u32 {
        if let Some(id) = self.ids.get(&w.folded) {
            return *id;
        }
        let id = self.stems.len() as u32;
        self.stems
            .push(self.language.stems(&text[w.range.clone()], &w.folded));
        self.ids.insert(w.folded, id);
        for list in [&mut self.postings, &mut self.last_unit, &mut self.here] {
            list.push(0);
        }
        self.in_text.push(0);
        self.posting_bytes.push(0);
        id
    }

    /// Each distinct word of one unit's `words` once, into `self.out` as (word, gap since
    /// the last unit it was in, count).
    fn tally(&mut self, unit: u32, words: &[u32]) {
        self.out.clear();
        for &w in words {
            let slot = &mut self.here[w as usize];
            if *slot == 0 {
                self.distinct.push(w);
            }
            *slot += 1;
        }
        for w in self.distinct.drain(..) {
            let count = std::mem::take(&mut self.here[w as usize]);
            let last = std::mem::replace(&mut self.last_unit[w as usize], unit);
            self.out.push((w, unit - last, count));
        }
    }
}

impl Index {
    /// Builds the index in two passes: the first reads every unit's text once (its words as
    /// ids of first appearance, compact) and sizes every list; the second writes the postings
    /// and the units' words into arrays of exact size, so nothing grows by doubling and no
    /// per-word list is kept.
    pub fn build(handbook: &Handbook) -> Index {
        let language = Language::for_code(&handbook.language);
        let mut g = Gather {
            language: &language,
            ids: HashMap::new(),
            stems: Vec::new(),
            in_text: Vec::new(),
            postings: Vec::new(),
            posting_bytes: Vec::new(),
            last_unit: Vec::new(),
            here: Vec::new(),
            distinct: Vec::new(),
            out: Vec::new(),
        };
        // The labels' words, numbered first: pass two needs them after the numbering is gone.
        // Which units carry a label is each kind's to say; a handbook has a few labels at most.
        let text = &handbook.text;
        let mut label_words: Vec<(&str, Vec<u32>)> = Vec::new();
        for unit in handbook.chapters.iter().flat_map(|c| &c.units) {
            if let Some(l) = unit.kind.label(text)
                && !label_words.iter().any(|(seen, _)| *seen == l)
            {
                let ids = words(l).into_iter().map(|w| g.id(l, w)).collect();
                label_words.push((l, ids));
            }
        }
        let label = |kind: &UnitKind| -> &[u32] {
            kind.label(text)
                .and_then(|l| label_words.iter().find(|(seen, _)| *seen == l))
                .map_or(&[], |(_, ids)| ids.as_slice())
        };
        // One entry per unit, sized once: a 10 MB handbook has over 100,000.
        let mut units = Vec::with_capacity(handbook.chapters.iter().map(|c| c.units.len()).sum());
        let mut docs: Vec<Doc> = Vec::new();
        let mut chapter_docs = Vec::new();
        let mut headings = Vec::new();
        // Pass one: each unit's words as first-appearance ids.
        let mut first_bytes: Vec<u8> = Vec::new();
        let mut first_start = vec![0u32];
        let mut scratch: Vec<u32> = Vec::new();
        for (c, chapter) in handbook.chapters.iter().enumerate() {
            let first_doc = docs.len() as u32;
            docs.push(Doc {
                chapter: c as u32,
                section: None,
                length: 0.0,
            });
            for (u, (unit, text)) in chapter.units.with_text().enumerate() {
                if let Some(s) = unit.section()
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
                if kind != Field::Body {
                    headings.push(id);
                }
                units.push(UnitRef {
                    unit: u as u32,
                    doc: docs.len() as u32 - 1,
                    kind,
                });
                scratch.clear();
                for w in words(text) {
                    let word = g.id(text, w);
                    g.in_text[word as usize] += 1;
                    compact::push(&mut first_bytes, u64::from(word));
                    scratch.push(word);
                }
                first_start.push(first_bytes.len() as u32);
                scratch.extend_from_slice(label(&unit.kind));
                if let Some(d) = docs.last_mut() {
                    d.length += scratch.len() as f32;
                }
                g.tally(id, &scratch);
                for &(w, gap, count) in &g.out {
                    g.postings[w as usize] += 1;
                    g.posting_bytes[w as usize] += compact::posting_len(gap, count);
                }
            }
            chapter_docs.push(first_doc..docs.len() as u32);
        }
        // The vocabulary in sorted order, and where each first-appearance id stands in it.
        let mut entries: Vec<(String, u32)> = std::mem::take(&mut g.ids).into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let n = entries.len();
        let mut position = vec![0u32; n];
        let mut vocab = Vec::with_capacity(n);
        let mut stems: HashMap<String, Vec<u32>> = HashMap::new();
        let mut posting_start = Vec::with_capacity(n + 1);
        let mut posting_count = Vec::with_capacity(n);
        let mut total = 0usize;
        for (i, (word, first)) in entries.into_iter().enumerate() {
            position[first as usize] = i as u32;
            for stem in std::mem::take(&mut g.stems[first as usize]) {
                let ids = stems.entry(stem).or_default();
                if ids.last() != Some(&(i as u32)) {
                    ids.push(i as u32);
                }
            }
            vocab.push(word);
            posting_start.push(total as u32);
            posting_count.push(g.postings[first as usize]);
            total += g.posting_bytes[first as usize];
        }
        posting_start.push(total as u32);
        // Ranks by how often the text has each word, commonest first (ties: first met).
        let mut by_use: Vec<u32> = (0..n as u32).collect();
        by_use.sort_by_key(|w| std::cmp::Reverse(g.in_text[*w as usize]));
        let mut rank_of = vec![0u32; n];
        for (r, w) in by_use.into_iter().enumerate() {
            rank_of[w as usize] = r as u32;
        }
        let mut word_rank = vec![0u32; n];
        for (first, r) in rank_of.iter().enumerate() {
            word_rank[position[first] as usize] = *r;
        }
        let unit_total: usize = (0..n)
            .map(|w| g.in_text[w] as usize * compact::len(u64::from(rank_of[w])))
            .sum();
        // Pass two: the same units again, from the ids of pass one, no text read.
        let mut posting_bytes = vec![0u8; total];
        let mut cursor: Vec<usize> = (0..n)
            .map(|first| posting_start[position[first] as usize] as usize)
            .collect();
        g.last_unit.iter_mut().for_each(|l| *l = 0);
        let mut unit_bytes = Vec::with_capacity(unit_total);
        let mut unit_start = Vec::with_capacity(units.len() + 1);
        unit_start.push(0u32);
        let mut id = 0u32;
        for chapter in &handbook.chapters {
            for unit in &chapter.units {
                let range =
                    first_start[id as usize] as usize..first_start[id as usize + 1] as usize;
                let bytes = &first_bytes[range];
                scratch.clear();
                let mut at = 0;
                while at < bytes.len() {
                    let w = compact::read(bytes, &mut at) as u32;
                    compact::push(&mut unit_bytes, u64::from(rank_of[w as usize]));
                    scratch.push(w);
                }
                unit_start.push(unit_bytes.len() as u32);
                scratch.extend_from_slice(label(&unit.kind));
                g.tally(id, &scratch);
                for &(w, gap, count) in &g.out {
                    compact::put_posting(&mut posting_bytes, &mut cursor[w as usize], gap, count);
                }
                id += 1;
            }
        }
        drop(first_bytes);
        docs.shrink_to_fit();
        headings.shrink_to_fit();
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
        // The building lists are freed; their pages go back rather than stay in this
        // thread's arena for the rest of the run.
        drop(g);
        crate::content::give_back_freed_memory();
        Index {
            units,
            docs,
            chapter_docs,
            average_length,
            vocab,
            posting_start,
            posting_count,
            posting_bytes,
            unit_start,
            unit_bytes,
            headings,
            word_rank,
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
    pub(super) fn postings(&self, word: u32) -> Postings<'_> {
        let w = word as usize;
        let range = self.posting_start[w] as usize..self.posting_start[w + 1] as usize;
        Postings::new(&self.posting_bytes[range], self.posting_count[w])
    }

    /// How many units a vocabulary word occurs in.
    pub(super) fn posting_count(&self, word: u32) -> usize {
        self.posting_count[word as usize] as usize
    }

    /// A unit's text as word ranks (see `rank`), in order, into `out`.
    pub(super) fn unit_words(&self, unit: u32, out: &mut Vec<u32>) {
        let u = unit as usize;
        let bytes = &self.unit_bytes[self.unit_start[u] as usize..self.unit_start[u + 1] as usize];
        out.clear();
        let mut at = 0;
        while at < bytes.len() {
            out.push(compact::read(bytes, &mut at) as u32);
        }
    }

    /// A vocabulary word's rank, as `unit_words` gives it.
    pub(super) fn rank(&self, word: u32) -> u32 {
        self.word_rank[word as usize]
    }

    /// How often a word occurs in the whole edition: suggestions prefer common words.
    pub(super) fn frequency(&self, word: u32) -> usize {
        self.postings(word).map(|(_, n)| n as usize).sum()
    }

    pub(super) fn weight(field: Field) -> f32 {
        match field {
            Field::ChapterTitle | Field::Heading => HEADING_WEIGHT,
            Field::Body => BODY_WEIGHT,
        }
    }
}
