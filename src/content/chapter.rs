//! Building one chapter from its raw shape: its sections and blocks become the flat list of
//! text units, every rule a block must follow is checked, and cross-references are resolved
//! once all chapters of the edition are known. Reads no file; reports through `FileCx`.

use std::collections::HashMap;
use std::ops::Range;

use super::block::build_block;
use super::file_cx::FileCx;
use super::load::MAX_TAB_CHARS;
use super::model::{Chapter, Section, Target, Unit, UnitKind};
use super::raw::RawChapter;

/// What a chapter leaves to be checked against the whole edition.
#[derive(Default)]
pub(super) struct Pending {
    pub links: Vec<PendingLink>,
    /// Where each `qr = true` stands: one is allowed in the whole edition.
    pub qr: Vec<Range<usize>>,
    /// Units that show the edition's shared urgent message, and where each was asked for.
    pub messages: Vec<(usize, Range<usize>)>,
}

pub(super) struct PendingLink {
    pub unit: usize,
    pub target: String,
    pub span: Range<usize>,
}

/// How many key points a chapter opens with.
const MIN_KEY_POINTS: usize = 2;
const MAX_KEY_POINTS: usize = 4;

pub(super) fn build_chapter(cx: &mut FileCx<'_>, id: &str, raw: &RawChapter) -> (Chapter, Pending) {
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
        units: vec![
            Unit {
                section: None,
                kind: UnitKind::Title,
                text: title,
                line: cx.line_of(raw.title.span().start),
            },
            Unit {
                section: None,
                kind: UnitKind::Summary,
                text: cx.text(&raw.summary, "summary"),
                line: cx.line_of(raw.summary.span().start),
            },
        ],
    };
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
            chapter.units.push(Unit {
                section: None,
                kind: UnitKind::KeyPoint,
                text,
                line: cx.line_of(point.span().start),
            });
        }
    }
    if chapter.review_due <= chapter.reviewed_on {
        cx.error(
            raw.review_due.span(),
            "`review_due` must come after `reviewed_on`",
        );
    }
    if raw.sections.get_ref().is_empty() {
        cx.error(raw.sections.span(), "a chapter needs at least one section");
    }
    let mut pending = Pending::default();
    let mut seen: HashMap<String, ()> = HashMap::new();
    for section in raw.sections.get_ref() {
        let index = chapter.sections.len();
        let s = section.get_ref();
        let sid = cx.id(&s.id, "id");
        if seen.insert(sid.clone(), ()).is_some() {
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
        chapter.units.push(Unit {
            section: Some(index),
            kind: UnitKind::Heading,
            text: heading,
            line: cx.line_of(s.heading.span().start),
        });
        if s.blocks.get_ref().is_empty() {
            cx.error(s.blocks.span(), "a section needs at least one block");
        }
        for block in s.blocks.get_ref() {
            build_block(cx, index, block, &mut chapter.units, &mut pending);
        }
    }
    (chapter, pending)
}

/// Resolves `chapter` or `chapter#section` against the edition's chapters.
pub(super) fn resolve(chapters: &[Chapter], target: &str) -> Result<Target, String> {
    let (chapter_id, section_id) = match target.split_once('#') {
        Some((c, s)) => (c, Some(s)),
        None => (target, None),
    };
    let Some(chapter) = chapters.iter().position(|c| c.id == chapter_id) else {
        let known: Vec<&str> = chapters.iter().map(|c| c.id.as_str()).collect();
        return Err(format!(
            "`see` points at chapter \"{chapter_id}\", which does not exist; the chapters are {}",
            known.join(", ")
        ));
    };
    let section = match section_id {
        None => None,
        Some(sid) => match chapters[chapter].sections.iter().position(|s| s.id == sid) {
            Some(i) => Some(i),
            None => {
                let known: Vec<&str> = chapters[chapter]
                    .sections
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect();
                return Err(format!(
                    "`see` points at section \"{sid}\" of \"{chapter_id}\", which does not exist; its sections are {}",
                    known.join(", ")
                ));
            }
        },
    };
    Ok(Target { chapter, section })
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
