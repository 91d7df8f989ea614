//! Scoring a resolved query: each term's BM25F score per document (a body's counts weighed
//! against its section's length, a heading's not), summed, and the documents ranked by how
//! many terms they match, then by score. Runs on every keystroke, over posting
//! lists that hold most of the units of a large handbook for a one-letter prefix, so it
//! accumulates in arrays indexed by unit and document (touched entries listed, so nothing is
//! hashed or scanned in full unless most of it is used). Pure: it never touches the screen.

use super::fold::words;
use super::index::{CHAPTER_TITLE_WEIGHT, Field, Index};
use super::language::Language;
use super::query::{Alternative, Hit, MAX_QUERY_CHARS, MAX_QUERY_WORDS, Results};
use crate::content::{Handbook, clean::clean_line};

/// A common word ("what", "is") counts a little, and only in headings: "what is a tendon"
/// leans towards the section headed "What the Achilles tendon is".
const COMMON: f32 = 0.3;
/// BM25's usual constants: how fast repeats stop counting, and how much length matters.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Per-unit counts of one alternative, reused from one alternative to the next: `tf` is all
/// zeros between uses.
struct UnitCounts {
    tf: Vec<f32>,
    touched: Vec<u32>,
    /// (unit, count) in unit order: the answer.
    out: Vec<(u32, f32)>,
}

impl Index {
    /// Runs a query over `handbook`, the edition this index was built from. (The index holds
    /// each unit's words, so the text itself is not read again.)
    pub fn search(&self, _handbook: &Handbook, query: &str) -> Results {
        let query: String = clean_line(query).chars().take(MAX_QUERY_CHARS).collect();
        let typed: Vec<String> = words(&query)
            .into_iter()
            .take(MAX_QUERY_WORDS)
            .map(|w| w.folded)
            .collect();
        if typed.is_empty() {
            return Results::default();
        }
        let language = Language::for_code(&self.language);
        let matcher = self.resolve(&language, &typed);
        let (n_units, n_docs) = (self.units.len(), self.docs.len());
        let mut total = vec![0.0f32; n_docs];
        let mut matched = vec![0usize; n_docs];
        // Per unit: how many terms it holds, for the snippet and for n / N; `counted` says
        // which term last counted it, so a term's alternatives count a unit once.
        let mut unit_terms = vec![0u16; n_units];
        let mut counted = vec![u32::MAX; n_units];
        let mut holding: Vec<u32> = Vec::new();
        let mut counts = UnitCounts {
            tf: vec![0.0; n_units],
            touched: Vec::new(),
            out: Vec::new(),
        };
        let mut doc_tf = vec![0.0f32; n_docs];
        let mut doc_seen = vec![false; n_docs];
        let mut docs_here: Vec<u32> = Vec::new();
        for (t, term) in matcher.terms.iter().enumerate() {
            // One term, however many ways it matches: its alternatives add up, each by its
            // worth, so a rare prefix never outweighs the word itself (BM25 over the union).
            // BM25F: a body's count is weighed against its section's length, a heading's is
            // not (a long section's heading names it as well as a short one's does).
            let docs = &self.docs;
            let average_length = self.average_length;
            let mut add = |doc: u32, x: f32, body: bool| {
                let d = doc as usize;
                let x = if body {
                    x / (1.0 - B + B * docs[d].length / average_length)
                } else {
                    x
                };
                if !doc_seen[d] {
                    doc_seen[d] = true;
                    docs_here.push(doc);
                }
                doc_tf[d] += x;
            };
            for alt in &term.alternatives {
                // In unit order, so the float sums below are the same on every run.
                if term.common {
                    // Counted in headings only: reading the few heading units is far cheaper
                    // than the postings of "the" or of every word a one-letter prefix opens.
                    self.scan_counts(&alt.words, &self.headings, &mut counts);
                } else {
                    self.unit_counts(alt, &mut counts);
                }
                for &(unit, tf) in &counts.out {
                    let r = self.units[unit as usize];
                    if term.common && r.kind == Field::Body {
                        continue;
                    }
                    if !term.common && counted[unit as usize] != t as u32 {
                        counted[unit as usize] = t as u32;
                        if unit_terms[unit as usize] == 0 {
                            holding.push(unit);
                        }
                        unit_terms[unit as usize] += 1;
                    }
                    let tf = alt.weight * tf;
                    add(r.doc, Index::weight(r.kind) * tf, r.kind == Field::Body);
                    if r.kind == Field::ChapterTitle && !term.common {
                        // Every section of the chapter is a little about its title; but not
                        // through a common word ("el" in "El tendón de Aquiles: lo básico"
                        // would lift every section of the chapter for any query holding "el").
                        let chapter = self.docs[r.doc as usize].chapter;
                        if let Some(range) = self.chapter_docs.get(chapter as usize) {
                            for d in range.start + 1..range.end {
                                add(d, CHAPTER_TITLE_WEIGHT * tf, false);
                            }
                        }
                    }
                }
            }
            let n = n_docs as f32;
            let df = docs_here.len() as f32;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for doc in docs_here.drain(..) {
                let d = doc as usize;
                let tf = std::mem::take(&mut doc_tf[d]);
                doc_seen[d] = false;
                let s = idf * tf * (K1 + 1.0) / (tf + K1);
                if term.common {
                    total[d] += COMMON * s;
                } else {
                    total[d] += s;
                    matched[d] += 1;
                }
            }
        }
        // The unit that shows a document's match best: most terms, body before heading, first.
        let mut shown: Vec<Option<(u16, bool, u32)>> = vec![None; n_docs];
        for &unit in &holding {
            let r = self.units[unit as usize];
            let key = (
                unit_terms[unit as usize],
                r.kind == Field::Body,
                u32::MAX - unit,
            );
            let slot = &mut shown[r.doc as usize];
            if slot.is_none_or(|s| key > s) {
                *slot = Some(key);
            }
        }
        let mut ranked: Vec<Hit> = (0..n_docs)
            .filter(|d| matched[*d] > 0)
            .map(|d| {
                let doc = &self.docs[d];
                let unit = shown[d].map_or(0, |(_, _, u)| u32::MAX - u);
                Hit {
                    chapter: doc.chapter as usize,
                    section: doc.section.map(|s| s as usize),
                    unit: self.units.get(unit as usize).map_or(0, |r| r.unit as usize),
                    matched: matched[d],
                    score: total[d],
                }
            })
            .collect();
        // Stable: ties keep reading order, which is the order documents were numbered in.
        ranked.sort_by(|a, b| b.matched.cmp(&a.matched).then(b.score.total_cmp(&a.score)));
        // Units are numbered in reading order.
        holding.sort_unstable();
        let reading: Vec<(usize, usize)> = holding
            .iter()
            .map(|u| {
                let r = self.units[*u as usize];
                (self.docs[r.doc as usize].chapter as usize, r.unit as usize)
            })
            .collect();
        let suggestions = if ranked.is_empty() {
            self.suggest(&language, &typed)
        } else {
            Vec::new()
        };
        Results {
            ranked,
            reading,
            matcher,
            suggestions,
        }
    }

    /// Per unit, how often `alt` occurs in it, into `counts.out` in unit order. A phrase counts
    /// only where its words stand together in the unit's text.
    fn unit_counts(&self, alt: &Alternative, counts: &mut UnitCounts) {
        counts.out.clear();
        match alt.words.as_slice() {
            [] => {}
            [one] if one.len() == 1 => {
                // A posting list is already in unit order.
                for word in one {
                    counts
                        .out
                        .extend(self.postings(*word).map(|(u, n)| (u, n as f32)));
                }
            }
            [one] => {
                let tf = &mut counts.tf;
                for word in one {
                    for (u, n) in self.postings(*word) {
                        let slot = &mut tf[u as usize];
                        if *slot == 0.0 {
                            counts.touched.push(u);
                        }
                        // Whole numbers: exact in any order.
                        *slot += n as f32;
                    }
                }
                // Sorting a few units is cheaper than a pass over all; for most, the pass.
                if counts.touched.len() * 8 > tf.len() {
                    counts.touched.clear();
                    for (u, slot) in tf.iter_mut().enumerate() {
                        if *slot != 0.0 {
                            counts.out.push((u as u32, std::mem::take(slot)));
                        }
                    }
                } else {
                    counts.touched.sort_unstable();
                    for u in counts.touched.drain(..) {
                        counts.out.push((u, std::mem::take(&mut tf[u as usize])));
                    }
                }
            }
            phrase => self.phrase_counts(phrase, counts),
        }
    }

    /// A phrase's occurrences per unit: the units holding its rarest word are read, as word
    /// ranks, for the words one after another.
    fn phrase_counts(&self, phrase: &[std::collections::HashSet<u32>], counts: &mut UnitCounts) {
        let Some(rarest) = phrase
            .iter()
            .min_by_key(|set| set.iter().map(|w| self.posting_count(*w)).sum::<usize>())
        else {
            return;
        };
        let mut candidates = std::mem::take(&mut counts.touched);
        for w in rarest {
            candidates.extend(self.postings(*w).map(|(u, _)| u));
        }
        candidates.sort_unstable();
        candidates.dedup();
        self.scan_counts(phrase, &candidates, counts);
        candidates.clear();
        counts.touched = candidates;
    }

    /// A phrase's (or a word's) occurrences in each of `units` (in unit order), read from the
    /// units' words, into `counts.out`.
    fn scan_counts(
        &self,
        phrase: &[std::collections::HashSet<u32>],
        units: &[u32],
        counts: &mut UnitCounts,
    ) {
        counts.out.clear();
        if phrase.is_empty() {
            return;
        }
        // Each word of the phrase as a bit set over the word ranks: a test per word read.
        let blocks = self.vocab.len().div_ceil(64);
        let sets: Vec<Vec<u64>> = phrase
            .iter()
            .map(|set| {
                let mut bits = vec![0u64; blocks];
                for w in set {
                    let r = self.rank(*w);
                    bits[r as usize / 64] |= 1 << (r % 64);
                }
                bits
            })
            .collect();
        let has = |k: usize, w: u32| sets[k][w as usize / 64] & (1 << (w % 64)) != 0;
        let n = phrase.len();
        let mut found = Vec::new();
        for &unit in units {
            self.unit_words(unit, &mut found);
            let hits = (0..(found.len() + 1).saturating_sub(n))
                .filter(|start| (0..n).all(|k| has(k, found[start + k])))
                .count();
            if hits > 0 {
                counts.out.push((unit, hits as f32));
            }
        }
    }
}
