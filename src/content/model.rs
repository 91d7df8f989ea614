//! The validated handbook as the rest of the program sees it: editions, chapters, sections and
//! the flat list of text units each chapter is read, searched and highlighted by. Every string
//! here has already been cleaned; nothing in this module reads files or knows about TOML. The
//! kinds of unit are defined with the blocks they come from, in `block`.

pub use super::block::{Art, CalloutKind, Figure, UnitKind};
pub use super::phone::Phone;
pub use super::shelf::Editions;

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

/// A calendar date from a chapter or manifest (`reviewed_on`, `review_due`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// All editions of the handbook, one per language. Never empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Library {
    pub editions: Editions,
}

impl Library {
    /// The edition for `language`, if the library has one.
    pub fn edition_index(&self, language: &str) -> Option<usize> {
        self.editions
            .languages()
            .position(|(tag, _)| tag == language)
    }

    /// The chapter a person names, as (edition, chapter): by its id, tab label or title, in
    /// any case, in any edition. The `preferred` edition is searched first; a name found only
    /// in another edition gives that edition's chapter, since it is in that language.
    pub fn chapter_named(&self, name: &str, preferred: usize) -> Option<(usize, usize)> {
        let wanted = name.trim().to_lowercase();
        let order = std::iter::once(preferred)
            .chain((0..self.editions.len()).filter(|e| *e != preferred))
            .filter(|e| *e < self.editions.len());
        for e in order {
            let found = self.editions[e].chapters.iter().position(|c| {
                [&c.id, &c.tab, &c.title]
                    .iter()
                    .any(|n| n.to_lowercase() == wanted)
            });
            if let Some(c) = found {
                return Some((e, c));
            }
        }
        None
    }

    /// The edition a language tag asks for, written as people write it (`es`, `ES`, `es-MX`,
    /// `es_MX.UTF-8`): the edition of exactly that tag, else one of the same language.
    pub fn edition_for(&self, tag: &str) -> Option<usize> {
        let tag = crate::i18n::normalise_tag(tag);
        let same = |(language, _): (&str, &str)| crate::i18n::normalise_tag(language);
        self.editions
            .languages()
            .position(|e| same(e) == tag)
            .or_else(|| {
                let primary = crate::i18n::primary(&tag);
                self.editions
                    .languages()
                    .position(|e| crate::i18n::primary(&same(e)) == primary)
            })
    }

    /// The editions' languages, for messages: "en (English), es (Español)".
    pub fn languages(&self) -> String {
        self.editions
            .languages()
            .map(|(tag, name)| format!("{tag} ({name})"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One edition: a manifest and its chapters, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handbook {
    pub title: String,
    pub organisation: String,
    pub language: String,
    pub language_name: String,
    pub version: String,
    pub reviewed_on: Date,
    pub review_due: Date,
    pub disclaimer: String,
    /// The urgent guidance every `message = "urgent"` block shows.
    pub urgent: Option<String>,
    /// Where the facts come from, for the end of each chapter.
    pub source: Option<String>,
    pub chapters: Vec<Chapter>,
    /// Groups of words or phrases that mean the same to a reader, for search. Each entry is
    /// already cleaned and lower-cased.
    pub synonyms: Vec<Vec<String>>,
    /// The interface's words for this edition (English where it gives none).
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chapter {
    pub id: String,
    /// The chapter file, as messages name it.
    pub path: String,
    pub tab: String,
    pub title: String,
    pub reviewed_on: Date,
    pub review_due: Date,
    /// The edition's version and source line, which every chapter shows at its end so a page
    /// read on its own still says how current it is and where it comes from.
    pub version: String,
    pub source: Option<String>,
    pub sections: Vec<Section>,
    /// The chapter as a sequence of text units, in reading order: title, summary, then each
    /// section's heading and blocks. Layout, search and highlighting all index into this.
    pub units: Units,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub heading: String,
    /// Index in [`Chapter::units`] of this section's heading.
    pub first_unit: usize,
}

/// A run of text the reader sees as one piece: one paragraph, one bullet, one callout. Its text
/// is kept in its chapter's [`Units`], read with [`Units::text`] or [`Units::text_of`]. 40
/// bytes (`u32` offsets and section, a 16-byte kind): a large handbook has tens of thousands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// The section the unit belongs to; `None` for the chapter's title and summary.
    section: Option<u32>,
    pub kind: UnitKind,
    /// Where its text stands in the chapter's text, in bytes.
    start: u32,
    end: u32,
    /// The line of the chapter file the text starts on, for `check`'s reports.
    pub line: usize,
}

/// A chapter's text units, in reading order, and their text, one after the other in a single
/// string. A chapter of a large handbook has tens of thousands of units: as one string each,
/// every one cost a block of the allocator's (its header and rounding) and room left from
/// growing, and the blocks kept for the whole run, scattered between the parser's freed ones,
/// held the loader threads' memory resident after loading. Derefs to the units' slice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Units {
    list: Vec<Unit>,
    text: String,
}

impl Units {
    /// Appends a unit with its text. A chapter's text is far below 4 GiB (a handbook's files
    /// are limited to much less), so offsets fit in `u32`.
    pub fn push(&mut self, section: Option<usize>, kind: UnitKind, text: &str, line: usize) {
        let start = offset(self.text.len());
        self.text.push_str(text);
        let end = offset(self.text.len());
        self.list.push(Unit {
            section: section.map(offset),
            kind,
            start,
            end,
            line,
        });
    }

    /// The text of unit `index`; empty for an index past the end.
    pub fn text(&self, index: usize) -> &str {
        self.list.get(index).map_or("", |u| self.text_of(u))
    }

    /// The text of `unit`, one of these units.
    pub fn text_of(&self, unit: &Unit) -> &str {
        self.text
            .get(unit.start as usize..unit.end as usize)
            .unwrap_or("")
    }

    /// The units with their text, in order.
    pub fn with_text(&self) -> impl Iterator<Item = (&Unit, &str)> {
        self.list.iter().map(|u| (u, self.text_of(u)))
    }

    /// Gives the units at `changes` (index, new text) new text, in one pass over the rest.
    pub fn set_texts(&mut self, changes: &[(usize, &str)]) {
        if changes.is_empty() {
            return;
        }
        let mut new: Vec<Option<&str>> = vec![None; self.list.len()];
        for (index, text) in changes {
            if let Some(slot) = new.get_mut(*index) {
                *slot = Some(text);
            }
        }
        let mut text = String::with_capacity(
            self.text.len() + changes.iter().map(|(_, t)| t.len()).sum::<usize>(),
        );
        for (unit, replaced) in self.list.iter_mut().zip(new) {
            let old = self
                .text
                .get(unit.start as usize..unit.end as usize)
                .unwrap_or("");
            unit.start = offset(text.len());
            text.push_str(replaced.unwrap_or(old));
            unit.end = offset(text.len());
        }
        text.shrink_to_fit();
        self.text = text;
    }

    /// Drops the room left over from growing: the units are kept for the whole run.
    pub fn shrink_to_fit(&mut self) {
        self.list.shrink_to_fit();
        self.text.shrink_to_fit();
    }
}

impl Unit {
    /// The section the unit belongs to; `None` for the chapter's title and summary.
    pub fn section(&self) -> Option<usize> {
        self.section.map(|s| s as usize)
    }
}

/// A byte offset into a chapter's text, or a chapter's or section's index, kept as `u32`: the
/// handbook's size limit keeps each far below `u32::MAX` (saturating all the same, so a unit
/// past it reads as empty).
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl std::ops::Deref for Units {
    type Target = [Unit];
    fn deref(&self) -> &[Unit] {
        &self.list
    }
}

impl std::ops::DerefMut for Units {
    /// For what may change in place (a link's resolved target); text changes go through
    /// [`Units::set_texts`].
    fn deref_mut(&mut self) -> &mut [Unit] {
        &mut self.list
    }
}

impl<'a> IntoIterator for &'a Units {
    type Item = &'a Unit;
    type IntoIter = std::slice::Iter<'a, Unit>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl<'a> IntoIterator for &'a mut Units {
    type Item = &'a mut Unit;
    type IntoIter = std::slice::IterMut<'a, Unit>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter_mut()
    }
}

/// Where a cross-reference leads, resolved at load. Kept as `u32`s, so a link's kind is no
/// larger than any other unit's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    chapter: u32,
    section: Option<u32>,
}

impl Target {
    pub fn new(chapter: usize, section: Option<usize>) -> Target {
        Target {
            chapter: offset(chapter),
            section: section.map(offset),
        }
    }

    /// The chapter it leads to, as an index into the edition's chapters.
    pub fn chapter(&self) -> usize {
        self.chapter as usize
    }

    /// The section it leads to, if not the chapter's top.
    pub fn section(&self) -> Option<usize> {
        self.section.map(|s| s as usize)
    }
}

impl Chapter {
    /// The number offered as a QR code, if this chapter has one: parsed at load, so it is
    /// exactly the number the chapter shows.
    pub fn qr_phone(&self) -> Option<&Phone> {
        let label = self
            .units
            .iter()
            .position(|u| u.kind == UnitKind::ContactLabel { qr: true })?;
        self.units[label + 1..].iter().find_map(|u| match &u.kind {
            UnitKind::ContactPhone { dial } => dial.as_deref(),
            _ => None,
        })
    }

    /// The section a unit belongs to, for the status line.
    pub fn section_of(&self, unit: usize) -> Option<&Section> {
        self.units
            .get(unit)
            .and_then(Unit::section)
            .and_then(|s| self.sections.get(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_stays_small_and_its_text_is_its_own() {
        // A 10 MB handbook has some 80,000 units held for the whole run.
        assert!(std::mem::size_of::<Unit>() <= 40);
        let mut units = Units::default();
        units.push(None, UnitKind::Title, "Title", 3);
        units.push(Some(0), UnitKind::Paragraph, "A paragraph.", 7);
        units.push(Some(0), UnitKind::Callout(CalloutKind::Urgent), "", 9);
        assert_eq!(units.text(1), "A paragraph.");
        assert_eq!(units.text(3), "", "past the end");
        units.set_texts(&[(2, "Call 911."), (7, "nowhere")]);
        let all: Vec<(Option<usize>, usize, &str)> = units
            .with_text()
            .map(|(u, t)| (u.section(), u.line, t))
            .collect();
        assert_eq!(
            all,
            [
                (None, 3, "Title"),
                (Some(0), 7, "A paragraph."),
                (Some(0), 9, "Call 911.")
            ]
        );
    }
}
