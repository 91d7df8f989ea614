//! Every kind of block a section may hold, defined in one place: its fields as the chapter file
//! writes them, the rules it must follow, the text units it becomes, and what sets those units
//! apart from others (prose or not, search tier, link target, whether they run on from the unit
//! before). Every question that differs by kind is an exhaustive `match` here, in `doc` (layout)
//! or in `view::body` (style), so a new kind is a compiler error in each place that must decide
//! about it. Reads no file and draws nothing.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::chapter::{Pending, PendingLink};
use super::file_cx::FileCx;
use super::model::{Target, Unit};

/// One block as written. Exactly one of the kind fields (`paragraph`, `bullets`, `callout`,
/// `contact`, `see`) says what it is; the other fields go with some kinds only, which
/// [`build_block`] checks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBlock {
    pub paragraph: Option<Spanned<String>>,
    pub bullets: Option<Spanned<Vec<Spanned<String>>>>,
    pub callout: Option<Spanned<String>>,
    pub contact: Option<Spanned<String>>,
    pub see: Option<Spanned<String>>,
    pub text: Option<Spanned<String>>,
    pub phone: Option<Spanned<String>>,
    pub hours: Option<Spanned<String>>,
    pub qr: Option<Spanned<bool>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CalloutKind {
    Urgent,
    Note,
}

/// What a text unit is. Title, summary and heading come from the chapter and its sections;
/// every other kind comes from a block.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitKind {
    Title,
    Summary,
    Heading,
    Paragraph,
    Bullet,
    Callout(CalloutKind),
    /// A contact entry's label; its phone number and hours follow as their own units.
    ContactLabel {
        qr: bool,
    },
    ContactPhone,
    ContactHours,
    /// A cross-reference; the text is the words the reader sees.
    Link(Target),
}

impl UnitKind {
    /// Whether the unit is running prose, read as sentences: what readability grades.
    pub fn is_prose(&self) -> bool {
        match self {
            UnitKind::Summary | UnitKind::Paragraph | UnitKind::Bullet | UnitKind::Callout(_) => {
                true
            }
            UnitKind::Title
            | UnitKind::Heading
            | UnitKind::ContactLabel { .. }
            | UnitKind::ContactPhone
            | UnitKind::ContactHours
            | UnitKind::Link(_) => false,
        }
    }

    /// Whether the unit names a chapter or section: search ranks these hits first and the
    /// results list shows them as headings.
    pub fn is_heading(&self) -> bool {
        match self {
            UnitKind::Title | UnitKind::Heading => true,
            UnitKind::Summary
            | UnitKind::Paragraph
            | UnitKind::Bullet
            | UnitKind::Callout(_)
            | UnitKind::ContactLabel { .. }
            | UnitKind::ContactPhone
            | UnitKind::ContactHours
            | UnitKind::Link(_) => false,
        }
    }

    /// Where the unit leads, if it is a cross-reference a reader can follow.
    pub fn target(&self) -> Option<Target> {
        match self {
            UnitKind::Link(target) => Some(*target),
            UnitKind::Title
            | UnitKind::Summary
            | UnitKind::Heading
            | UnitKind::Paragraph
            | UnitKind::Bullet
            | UnitKind::Callout(_)
            | UnitKind::ContactLabel { .. }
            | UnitKind::ContactPhone
            | UnitKind::ContactHours => None,
        }
    }

    /// Whether the unit runs on from `prev` with no blank line between: items of one list, a
    /// contact's own lines, links in a row, and the first block under a heading.
    pub fn runs_on_from(&self, prev: &UnitKind) -> bool {
        if *prev == UnitKind::Heading {
            return true;
        }
        match self {
            UnitKind::Bullet => *prev == UnitKind::Bullet,
            UnitKind::ContactPhone => matches!(prev, UnitKind::ContactLabel { .. }),
            UnitKind::ContactHours => *prev == UnitKind::ContactPhone,
            UnitKind::Link(_) => prev.target().is_some(),
            UnitKind::Title
            | UnitKind::Summary
            | UnitKind::Heading
            | UnitKind::Paragraph
            | UnitKind::Callout(_)
            | UnitKind::ContactLabel { .. } => false,
        }
    }
}

/// The kind fields, as error messages list them.
const BLOCK_KINDS: &str = "`paragraph`, `bullets`, `callout`, `contact` or `see`";

/// Checks one block and appends its units to `units`; links and QR codes are left in
/// `pending` for the edition-wide checks.
pub(super) fn build_block(
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
