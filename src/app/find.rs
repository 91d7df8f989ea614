//! The state of a search: the query, its ranked results, which one is chosen, and the hits of
//! the chapter on screen with their highlight ranges. Results are computed here, in update,
//! so drawing only reads them.

use std::collections::HashMap;
use std::ops::Range;

use crate::content::Handbook;
use crate::search::{Hit, Index, Results};

/// Highlight ranges are kept for this many top results, enough for any results list on screen.
pub const RESULT_RANGES: usize = 500;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Find {
    pub query: String,
    pub results: Results,
    /// For the first [`RESULT_RANGES`] ranked results, their highlight ranges.
    pub result_ranges: Vec<Vec<Range<usize>>>,
    /// Every hit in reading order, for n / N.
    pub reading: Vec<(usize, usize)>,
    /// The chosen entry of the results list.
    pub selected: usize,
    /// The hit last opened, as an index into `reading`.
    pub current: Option<usize>,
    /// Where the reader was when the prompt opened, for Esc.
    pub origin: Option<super::Place>,
    /// Whether hits are highlighted in the chapters (after a result was opened).
    pub showing: bool,
    /// Highlights for the chapter on screen: unit → ranges.
    pub highlights: HashMap<usize, Vec<Range<usize>>>,
    /// What `highlights` was computed for: (chapter, query), to skip needless work.
    highlights_for: Option<(usize, String)>,
}

impl Find {
    /// Runs the query again after it changed.
    pub fn run(&mut self, index: Option<&Index>, handbook: &Handbook) {
        let Some(index) = index else {
            return;
        };
        self.results = index.search(handbook, &self.query);
        self.result_ranges = self
            .results
            .ranked
            .iter()
            .take(RESULT_RANGES)
            .map(|h| {
                let text = handbook.chapters[h.chapter].units.text(h.unit);
                self.results.matcher.ranges(index, text)
            })
            .collect();
        self.reading = self.results.reading.clone();
        self.selected = 0;
        self.current = None;
        self.showing = false;
        self.highlights_for = None;
    }

    pub fn hits(&self) -> &[Hit] {
        &self.results.ranked
    }

    /// Recomputes the highlights when the chapter or the query changed.
    pub fn refresh_highlights(
        &mut self,
        index: Option<&Index>,
        handbook: &Handbook,
        chapter: usize,
    ) {
        if !self.showing {
            self.highlights.clear();
            self.highlights_for = None;
            return;
        }
        // Runs after every update: compare in place rather than build a key each time.
        if self
            .highlights_for
            .as_ref()
            .is_some_and(|(c, q)| *c == chapter && *q == self.query)
        {
            return;
        }
        let key = (chapter, self.query.clone());
        self.highlights.clear();
        if let (Some(index), Some(ch)) = (index, handbook.chapters.get(chapter)) {
            let start = self.reading.partition_point(|(c, _)| *c < chapter);
            for (_, unit) in self.reading[start..]
                .iter()
                .take_while(|(c, _)| *c == chapter)
            {
                if *unit < ch.units.len() {
                    let ranges = self.results.matcher.ranges(index, ch.units.text(*unit));
                    self.highlights.insert(*unit, ranges);
                }
            }
        }
        self.highlights_for = Some(key);
    }

    /// Forgets the search entirely.
    pub fn clear(&mut self) {
        *self = Find::default();
    }
}
