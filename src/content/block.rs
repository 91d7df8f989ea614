//! Every kind of block a section may hold, defined in one place: its fields as the chapter file
//! writes them, the rules it must follow, the text units it becomes, and what sets those units
//! apart from others (prose or not, search tier, link target, whether they run on from the unit
//! before). Every question that differs by kind is an exhaustive `match` here, in `doc` (layout)
//! or in `view::body` (style), so a new kind is a compiler error in each place that must decide
//! about it. The rules, which check a block as written and turn it into units, are `build`'s;
//! a figure's drawings are `figure`'s. Reads no file and draws nothing.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::model::Target;
use super::phone::Phone;
use crate::i18n::Text;

mod build;
mod figure;

pub(super) use build::build_block;
pub use figure::{Art, Figure};

/// One block as written. Exactly one of the kind fields (`paragraph`, `bullets`, `callout`,
/// `contact`, `see`, `figure`, `checklist`, `message`) says what it is; the other fields go with some kinds only, which
/// [`build_block`] checks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBlock {
    pub paragraph: Option<Spanned<String>>,
    pub bullets: Option<Spanned<Vec<Spanned<String>>>>,
    pub callout: Option<Spanned<String>>,
    pub contact: Option<Spanned<String>>,
    pub see: Option<Spanned<String>>,
    pub figure: Option<Spanned<String>>,
    pub checklist: Option<Spanned<Vec<Spanned<String>>>>,
    pub message: Option<Spanned<String>>,
    pub text: Option<Spanned<String>>,
    pub phone: Option<Spanned<String>>,
    pub extension: Option<Spanned<String>>,
    pub hours: Option<Spanned<String>>,
    pub qr: Option<Spanned<bool>>,
    pub ascii: Option<Spanned<String>>,
    pub alt: Option<Spanned<String>>,
    pub caption: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CalloutKind {
    Urgent,
    Note,
}

/// What a text unit is. Title, summary and heading come from the chapter and its sections;
/// every other kind comes from a block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum UnitKind {
    Title,
    Summary,
    Heading,
    Paragraph,
    Bullet,
    Callout(CalloutKind),
    /// A contact entry's label; its phone number, extension and hours follow as their own
    /// units.
    ContactLabel {
        qr: bool,
    },
    /// The number as written; `dial` is the number it parses to, if it is exactly one (it
    /// must be when the contact has `qr = true`), with the contact's extension.
    ContactPhone {
        dial: Option<Box<Phone>>,
    },
    /// What to dial after the call connects (a menu option or an extension): digits only.
    ContactExtension,
    ContactHours,
    /// A cross-reference; the text is the words the reader sees.
    Link(Target),
    /// A drawing; the text is its alt text, which print, screen readers and search use.
    Figure(Box<Figure>),
    /// A figure's title, shown above its drawing or its alt text.
    Caption,
    /// One of the chapter's key points, the box every chapter opens with.
    KeyPoint,
    /// One item of a checklist (questions to ask, things to bring), with a box to tick on paper.
    Check,
}

impl UnitKind {
    /// Whether the unit is running prose, read as sentences: what readability grades.
    pub fn is_prose(&self) -> bool {
        match self {
            UnitKind::Summary
            | UnitKind::Paragraph
            | UnitKind::Bullet
            | UnitKind::Callout(_)
            | UnitKind::Figure(_)
            | UnitKind::Caption
            | UnitKind::KeyPoint
            | UnitKind::Check => true,
            UnitKind::Title
            | UnitKind::Heading
            | UnitKind::ContactLabel { .. }
            | UnitKind::ContactPhone { .. }
            | UnitKind::ContactExtension
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
            | UnitKind::ContactPhone { .. }
            | UnitKind::ContactExtension
            | UnitKind::ContactHours
            | UnitKind::Link(_)
            | UnitKind::Figure(_)
            | UnitKind::Caption
            | UnitKind::KeyPoint
            | UnitKind::Check => false,
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
            | UnitKind::ContactPhone { .. }
            | UnitKind::ContactExtension
            | UnitKind::ContactHours
            | UnitKind::Figure(_)
            | UnitKind::Caption
            | UnitKind::KeyPoint
            | UnitKind::Check => None,
        }
    }

    /// The label the reader sees before the unit's text ("Phone", "Hours"), if it has one, in
    /// the interface's words: the layout leaves room for it, the view draws it and search finds
    /// the unit by it.
    pub fn label<'t>(&self, text: &'t Text) -> Option<&'t str> {
        match self {
            UnitKind::ContactPhone { .. } => Some(&text.phone),
            UnitKind::ContactExtension => Some(&text.extension),
            UnitKind::ContactHours => Some(&text.hours),
            UnitKind::Title
            | UnitKind::Summary
            | UnitKind::Heading
            | UnitKind::Paragraph
            | UnitKind::Bullet
            | UnitKind::Callout(_)
            | UnitKind::ContactLabel { .. }
            | UnitKind::Link(_)
            | UnitKind::Figure(_)
            | UnitKind::Caption
            | UnitKind::KeyPoint
            | UnitKind::Check => None,
        }
    }

    /// The drawing, if the unit is a figure.
    pub fn figure(&self) -> Option<&Figure> {
        match self {
            UnitKind::Figure(figure) => Some(figure),
            UnitKind::Title
            | UnitKind::Summary
            | UnitKind::Heading
            | UnitKind::Paragraph
            | UnitKind::Bullet
            | UnitKind::Callout(_)
            | UnitKind::ContactLabel { .. }
            | UnitKind::ContactPhone { .. }
            | UnitKind::ContactExtension
            | UnitKind::ContactHours
            | UnitKind::Link(_)
            | UnitKind::Caption
            | UnitKind::KeyPoint
            | UnitKind::Check => None,
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
            UnitKind::ContactPhone { .. } => matches!(prev, UnitKind::ContactLabel { .. }),
            UnitKind::ContactExtension => matches!(prev, UnitKind::ContactPhone { .. }),
            UnitKind::ContactHours => matches!(
                prev,
                UnitKind::ContactPhone { .. } | UnitKind::ContactExtension
            ),
            UnitKind::Link(_) => prev.target().is_some(),
            UnitKind::Figure(_) => *prev == UnitKind::Caption,
            UnitKind::KeyPoint => *prev == UnitKind::KeyPoint,
            UnitKind::Check => *prev == UnitKind::Check,
            UnitKind::Title
            | UnitKind::Summary
            | UnitKind::Heading
            | UnitKind::Paragraph
            | UnitKind::Callout(_)
            | UnitKind::ContactLabel { .. }
            | UnitKind::Caption => false,
        }
    }
}

#[cfg(test)]
mod tests {
    // Shared by the tests of `build` and `figure`: each loads one block through the whole
    // loader, as an author's file is loaded.

    use std::collections::BTreeMap;

    use crate::content::{Loaded, load_files};

    const MANIFEST: &str = "title = \"T\"\norganisation = \"O\"\nlanguage = \"en\"\nlanguage_name = \"E\"\nversion = \"1\"\nreviewed_on = 2026-01-01\nreview_due = 2027-01-01\ndisclaimer = \"D\"\nchapters = [\"one\"]\n";

    pub(super) fn load_block(block: &str) -> Loaded {
        let chapter = format!(
            "tab = \"One\"\ntitle = \"One\"\nsummary = \"S.\"\nreviewed_on = 2026-01-01\nreview_due = 2027-01-01\n[[sections]]\nid = \"a\"\nheading = \"A\"\n[[sections.blocks]]\n{block}"
        );
        let files: BTreeMap<String, Vec<u8>> = [
            ("handbook.toml".to_owned(), MANIFEST.as_bytes().to_vec()),
            ("one.toml".to_owned(), chapter.into_bytes()),
        ]
        .into();
        load_files("t", files)
    }

    pub(super) fn errors(block: &str) -> Vec<String> {
        load_block(block)
            .errors()
            .map(ToString::to_string)
            .collect()
    }
}
