//! Building one chapter from its raw shape: its sections and blocks become the flat list of
//! text units, every rule a block must follow is checked, and cross-references are resolved
//! once all chapters of the edition are known. Reads no file; reports through `FileCx`.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::file_cx::FileCx;
use super::load::MAX_TAB_CHARS;
use super::model::{CalloutKind, Chapter, Section, Target, Unit, UnitKind};
use super::raw::{RawBlock, RawChapter};

/// What a chapter leaves to be checked against the whole edition.
#[derive(Default)]
pub(super) struct Pending {
    pub links: Vec<PendingLink>,
    /// Where each `qr = true` stands: one is allowed in the whole edition.
    pub qr: Vec<Range<usize>>,
}

pub(super) struct PendingLink {
    pub unit: usize,
    pub target: String,
    pub span: Range<usize>,
}

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

const BLOCK_KINDS: &str = "`paragraph`, `bullets`, `callout`, `contact` or `see`";

fn build_block(
    cx: &mut FileCx<'_>,
    section: usize,
    block: &Spanned<RawBlock>,
    units: &mut Vec<Unit>,
    pending: &mut Pending,
) {
    let b = block.get_ref();
    let span = block.span();
    let kinds = [
        b.paragraph.is_some(),
        b.bullets.is_some(),
        b.callout.is_some(),
        b.contact.is_some(),
        b.see.is_some(),
    ];
    match kinds.iter().filter(|k| **k).count() {
        0 => return cx.error(span, format!("this block needs one of {BLOCK_KINDS}")),
        1 => {}
        _ => {
            return cx.error(
                span,
                format!(
                    "this block has more than one of {BLOCK_KINDS}; split it into separate blocks"
                ),
            );
        }
    }
    // Every unit of a block is reported at the block's own line.
    let line = cx.line_of(span.start);
    let first_unit = units.len();
    let mut push = |kind: UnitKind, text: String| {
        units.push(Unit {
            section: Some(section),
            kind,
            text,
            line,
        })
    };
    // Fields that belong to other kinds of block are mistakes worth pointing at.
    let stray = |cx: &mut FileCx<'_>, allowed: &[&str]| {
        let fields: [(&str, Option<Range<usize>>); 4] = [
            ("text", b.text.as_ref().map(Spanned::span)),
            ("phone", b.phone.as_ref().map(Spanned::span)),
            ("hours", b.hours.as_ref().map(Spanned::span)),
            ("qr", b.qr.as_ref().map(Spanned::span)),
        ];
        for (name, field_span) in fields {
            if let Some(s) = field_span
                && !allowed.contains(&name)
            {
                cx.error(s, format!("`{name}` does not belong in this kind of block"));
            }
        }
    };
    if let Some(p) = &b.paragraph {
        stray(cx, &[]);
        let text = cx.text(p, "paragraph");
        push(UnitKind::Paragraph, text);
    } else if let Some(list) = &b.bullets {
        stray(cx, &[]);
        if list.get_ref().is_empty() {
            cx.error(list.span(), "`bullets` is empty; add at least one item");
        }
        for item in list.get_ref() {
            let text = cx.text(item, "bullets");
            push(UnitKind::Bullet, text);
        }
    } else if let Some(kind) = &b.callout {
        stray(cx, &["text"]);
        let kind_value = match kind.get_ref().as_str() {
            "urgent" => CalloutKind::Urgent,
            "note" => CalloutKind::Note,
            other => {
                cx.error(
                    kind.span(),
                    format!("callout kind \"{other}\" is unknown; use \"urgent\" or \"note\""),
                );
                CalloutKind::Note
            }
        };
        match &b.text {
            Some(t) => {
                let text = cx.text(t, "text");
                push(UnitKind::Callout(kind_value), text);
            }
            None => cx.error(span, "a callout needs `text`"),
        }
    } else if let Some(label) = &b.contact {
        stray(cx, &["phone", "hours", "qr"]);
        let label = cx.text(label, "contact");
        let qr = b.qr.as_ref().is_some_and(|q| *q.get_ref());
        if let Some(q) = b.qr.as_ref().filter(|q| *q.get_ref()) {
            pending.qr.push(q.span());
        }
        push(UnitKind::ContactLabel { qr }, label);
        match &b.phone {
            Some(p) => {
                let phone = cx.text(p, "phone");
                push(UnitKind::ContactPhone, phone);
            }
            None => cx.error(span, "a contact needs `phone`"),
        }
        if let Some(h) = &b.hours {
            let hours = cx.text(h, "hours");
            push(UnitKind::ContactHours, hours);
        }
    } else if let Some(target) = &b.see {
        stray(cx, &["text"]);
        let Some(t) = &b.text else {
            return cx.error(
                span,
                "a `see` block needs `text`: the words the reader sees",
            );
        };
        let text = cx.text(t, "text");
        pending.links.push(PendingLink {
            unit: first_unit,
            target: target.get_ref().clone(),
            span: target.span(),
        });
        push(
            UnitKind::Link(Target {
                chapter: 0,
                section: None,
            }),
            text,
        );
    }
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
