//! Building one chapter from its raw shape: its sections and blocks become the flat list of
//! text units, every rule a block must follow is checked, and cross-references are resolved
//! once all chapters of the edition are known. Reads no file; reports through `FileCx`.

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use super::block::build_block;
use super::diagnostic::Place;
use super::file_cx::FileCx;
use super::load::MAX_TAB_CHARS;
use super::model::{Chapter, Section, Target, UnitKind, Units};
use super::raw::{RawChapter, RawHead, RawSection};

/// What a chapter leaves to be checked against the whole edition. Each is located by its line
/// and column, found while the file's text was at hand, so the text is not kept for the checks.
#[derive(Default)]
pub(super) struct Pending {
    pub links: Vec<PendingLink>,
    /// Where each `qr = true` stands: one is allowed in the whole edition.
    pub qr: Vec<Place>,
    /// Units that show the edition's shared urgent message, and where each was asked for.
    pub messages: Vec<(usize, Place)>,
}

pub(super) struct PendingLink {
    pub unit: usize,
    pub target: String,
    pub at: Place,
}

/// How many key points a chapter opens with.
const MIN_KEY_POINTS: usize = 2;
const MAX_KEY_POINTS: usize = 4;

/// A chapter being built from its parts in file order: its own fields, then its sections.
pub(super) struct Builder {
    chapter: Chapter,
    pending: Pending,
    seen: HashSet<String>,
}

/// Builds a chapter parsed whole.
pub(super) fn build_chapter(cx: &mut FileCx<'_>, id: &str, raw: RawChapter) -> (Chapter, Pending) {
    let (head, sections) = raw.split();
    let mut builder = Builder::new(cx, id, &head);
    if sections.get_ref().is_empty() {
        cx.error(sections.span(), "a chapter needs at least one section");
    }
    for section in sections.get_ref() {
        builder.section(cx, section);
    }
    builder.finish()
}

impl Builder {
    /// Starts a chapter from its own fields.
    pub fn new(cx: &mut FileCx<'_>, id: &str, raw: &RawHead) -> Builder {
        let tab = cx.text(&raw.tab, "tab");
        if tab.chars().count() > MAX_TAB_CHARS {
            cx.error(
                raw.tab.span(),
                format!("`tab` is longer than {MAX_TAB_CHARS} characters; use a shorter label"),
            );
        }
        let title = cx.text(&raw.title, "title");
        let mut chapter = Chapter {
            id: id.to_owned(),
            path: cx.path.clone(),
            tab,
            title: title.clone(),
            reviewed_on: cx.date(&raw.reviewed_on, "reviewed_on"),
            review_due: cx.date(&raw.review_due, "review_due"),
            version: String::new(),
            source: None,
            sections: Vec::new(),
            units: Units::default(),
        };
        let line = cx.line_of(raw.title.span().start);
        chapter.units.push(None, UnitKind::Title, &title, line);
        let summary = cx.text(&raw.summary, "summary");
        let line = cx.line_of(raw.summary.span().start);
        chapter.units.push(None, UnitKind::Summary, &summary, line);
        if let Some(points) = &raw.key_points {
            let count = points.get_ref().len();
            if !(MIN_KEY_POINTS..=MAX_KEY_POINTS).contains(&count) {
                cx.error(
                    points.span(),
                    format!(
                        "`key_points` has {count} item(s); give {MIN_KEY_POINTS} to {MAX_KEY_POINTS} short points: the main message and what to do"
                    ),
                );
            }
            for point in points.get_ref() {
                let text = cx.text(point, "key_points");
                let line = cx.line_of(point.span().start);
                chapter.units.push(None, UnitKind::KeyPoint, &text, line);
            }
        }
        if chapter.review_due <= chapter.reviewed_on {
            cx.error(
                raw.review_due.span(),
                "`review_due` must come after `reviewed_on`",
            );
        }
        Builder {
            chapter,
            pending: Pending::default(),
            seen: HashSet::new(),
        }
    }

    /// Adds the next section.
    pub fn section(&mut self, cx: &mut FileCx<'_>, section: &Spanned<RawSection>) {
        let chapter = &mut self.chapter;
        let index = chapter.sections.len();
        let s = section.get_ref();
        let sid = cx.id(&s.id, "id");
        if !self.seen.insert(sid.clone()) {
            cx.error(
                s.id.span(),
                format!("section id \"{sid}\" is used twice in this chapter; give each section its own id"),
            );
        }
        let heading = cx.text(&s.heading, "heading");
        chapter.sections.push(Section {
            id: sid,
            heading: heading.clone(),
            first_unit: chapter.units.len(),
        });
        let line = cx.line_of(s.heading.span().start);
        chapter
            .units
            .push(Some(index), UnitKind::Heading, &heading, line);
        if s.blocks.get_ref().is_empty() {
            cx.error(s.blocks.span(), "a section needs at least one block");
        }
        for block in s.blocks.get_ref() {
            build_block(cx, index, block, &mut chapter.units, &mut self.pending);
        }
    }

    pub fn finish(mut self) -> (Chapter, Pending) {
        // Kept for the whole run: no room left over from growing.
        self.chapter.units.shrink_to_fit();
        self.chapter.sections.shrink_to_fit();
        (self.chapter, self.pending)
    }
}

/// Every chapter and section id of an edition, indexed once, so each link resolves in
/// constant time however many there are.
pub(super) struct Targets<'a> {
    chapters: &'a [Chapter],
    by_id: HashMap<&'a str, (usize, HashMap<&'a str, usize>)>,
}

impl<'a> Targets<'a> {
    pub fn new(chapters: &'a [Chapter]) -> Self {
        let by_id = chapters
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let sections = c
                    .sections
                    .iter()
                    .enumerate()
                    .map(|(j, s)| (s.id.as_str(), j))
                    .collect();
                (c.id.as_str(), (i, sections))
            })
            .collect();
        Targets { chapters, by_id }
    }

    /// The place `target` ("chapter" or "chapter#section") names, or what to fix; `suggest`
    /// adds the nearest ids ("did you mean").
    pub fn resolve(&self, target: &str, suggest: bool) -> Result<Target, String> {
        let (chapter_id, section_id) = match target.split_once('#') {
            Some((c, s)) => (c, Some(s)),
            None => (target, None),
        };
        let Some((chapter, sections)) = self.by_id.get(chapter_id) else {
            let hint = if suggest {
                near(
                    chapter_id,
                    self.chapters.iter().map(|c| c.id.as_str()),
                    "the chapters are",
                )
            } else {
                String::new()
            };
            return Err(format!(
                "`see` points at chapter \"{chapter_id}\", which does not exist{hint}"
            ));
        };
        let section = match section_id {
            None => None,
            Some(sid) => match sections.get(sid) {
                Some(i) => Some(*i),
                None => {
                    let hint = if suggest {
                        near(
                            sid,
                            self.chapters[*chapter]
                                .sections
                                .iter()
                                .map(|s| s.id.as_str()),
                            "its sections are",
                        )
                    } else {
                        String::new()
                    };
                    return Err(format!(
                        "`see` points at section \"{sid}\" of \"{chapter_id}\", which does not exist{hint}"
                    ));
                }
            },
        };
        Ok(Target::new(*chapter, section))
    }
}

/// How many near ids a message lists.
const NEAR: usize = 3;

/// Up to this many ids are all listed when none is near.
const LIST_ALL: usize = 12;

/// "; did you mean "a", "b"?" with the ids closest to `wanted` by edit distance; when none is
/// close, every id if there are few (after `all_are`), else a count and the first few. Never
/// a list of thousands.
fn near<'a>(wanted: &str, ids: impl Iterator<Item = &'a str> + Clone, all_are: &str) -> String {
    let limit = (wanted.chars().count() / 3).max(2);
    let mut close: Vec<(usize, &str)> = ids
        .clone()
        .filter_map(|id| {
            let d = strsim::levenshtein(wanted, id);
            (d <= limit).then_some((d, id))
        })
        .collect();
    close.sort();
    if !close.is_empty() {
        let quoted: Vec<String> = close
            .into_iter()
            .take(NEAR)
            .map(|(_, id)| format!("\"{id}\""))
            .collect();
        return format!("; did you mean {}?", quoted.join(", "));
    }
    let count = ids.clone().count();
    match count {
        0 => String::new(),
        n if n <= LIST_ALL => format!("; {all_are} {}", ids.collect::<Vec<_>>().join(", ")),
        n => format!(
            "; there are {n}, such as {}",
            ids.take(NEAR).collect::<Vec<_>>().join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use crate::content::load_files;

    const MANIFEST: &str = "title = \"T\"\norganisation = \"O\"\nlanguage = \"en\"\nlanguage_name = \"E\"\nversion = \"1\"\nreviewed_on = 2026-01-01\nreview_due = 2027-01-01\ndisclaimer = \"D\"\nchapters = [\"one\"]\n";

    fn contact(label: &str) -> String {
        format!("[[sections.blocks]]\ncontact = \"{label}\"\nphone = \"310-423-4566\"\nqr = true\n")
    }

    #[test]
    fn a_second_qr_is_reported_where_it_stands_even_in_the_same_chapter() {
        let chapter = format!(
            "tab = \"One\"\ntitle = \"One\"\nsummary = \"Scan the qr code.\"\nreviewed_on = 2026-01-01\nreview_due = 2027-01-01\n[[sections]]\nid = \"a\"\nheading = \"A\"\n{}{}",
            contact("First"),
            contact("Second")
        );
        let files: BTreeMap<String, Vec<u8>> = [
            ("handbook.toml".to_owned(), MANIFEST.as_bytes().to_vec()),
            ("one.toml".to_owned(), chapter.clone().into_bytes()),
        ]
        .into();
        let loaded = load_files("t", files);
        let errors: Vec<String> = loaded.errors().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let second_qr_line = chapter
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with("qr ="))
            .nth(1)
            .unwrap()
            .0
            + 1;
        assert!(
            errors[0].starts_with(&format!("t/one.toml:{second_qr_line}:")),
            "{errors:?}"
        );
        assert!(errors[0].contains("only one contact"), "{errors:?}");
    }
}
