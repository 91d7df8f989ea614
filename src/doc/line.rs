//! One laid-out line of a chapter: what it is (its kind, which decides its prefix and style)
//! and which unit and bytes it shows. Kept compact: a large chapter's layout is mostly these.
//! Builds nothing itself; `Doc::build` makes the lines.

use std::ops::Range;

use crate::content::CalloutKind;

/// What a line is, which decides its prefix and style.
#[derive(Debug, Clone, PartialEq)]
pub enum LineKind {
    Blank,
    Title,
    /// Interface text made for this chapter (the review date, the overdue note).
    Meta(Box<str>),
    Overdue(Box<str>),
    Summary,
    Heading,
    Paragraph,
    /// A bullet item; `first` is the line that carries the bullet mark.
    Bullet {
        first: bool,
    },
    CalloutLabel(CalloutKind),
    Callout(CalloutKind),
    ContactLabel,
    ContactPhone {
        first: bool,
    },
    ContactExtension {
        first: bool,
    },
    ContactHours {
        first: bool,
    },
    Link {
        first: bool,
    },
    /// One row of a figure's drawing, kept exactly: `bytes` of its ASCII drawing when `ascii`,
    /// else of its own.
    Art {
        ascii: bool,
        bytes: Bytes,
    },
    /// A figure told in words, where its drawing is not shown.
    AltText,
    Caption,
    /// The label over a chapter's key points.
    KeyPointsLabel,
    /// A key point; `first` is the line that carries its bullet.
    KeyPoint {
        first: bool,
    },
    /// A checklist item; `first` is the line that carries its box.
    Check {
        first: bool,
    },
}

/// A byte range of a figure's drawing, as `u32`s: a line's kind stays 24 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bytes {
    pub(super) start: u32,
    pub(super) end: u32,
}

impl Bytes {
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl LineKind {
    /// The character `print` rules a line of this kind off with, on paper where bold and
    /// underline are lost: the title with `=`, headings with `-`.
    pub fn rule(&self) -> Option<char> {
        match self {
            LineKind::Title => Some('='),
            LineKind::Heading => Some('-'),
            LineKind::Blank
            | LineKind::Meta(_)
            | LineKind::Overdue(_)
            | LineKind::Summary
            | LineKind::Paragraph
            | LineKind::Bullet { .. }
            | LineKind::CalloutLabel(_)
            | LineKind::Callout(_)
            | LineKind::ContactLabel
            | LineKind::ContactPhone { .. }
            | LineKind::ContactExtension { .. }
            | LineKind::ContactHours { .. }
            | LineKind::Link { .. }
            | LineKind::Art { .. }
            | LineKind::AltText
            | LineKind::Caption
            | LineKind::KeyPointsLabel
            | LineKind::KeyPoint { .. }
            | LineKind::Check { .. } => None,
        }
    }
}

/// One laid-out line. Its numbers are kept as `u32` (a chapter is far smaller than 4 GiB), so a
/// line takes 48 bytes, not 80: a large chapter has tens of thousands, held while it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct DocLine {
    pub kind: LineKind,
    unit: Option<u32>,
    start: u32,
    end: u32,
    section: Option<u32>,
}

impl DocLine {
    pub(super) fn new(
        kind: LineKind,
        unit: Option<usize>,
        range: Range<usize>,
        section: Option<usize>,
    ) -> DocLine {
        DocLine {
            kind,
            unit: unit.map(small),
            start: small(range.start),
            end: small(range.end),
            section: section.map(small),
        }
    }

    /// The text unit this line shows part of.
    pub fn unit(&self) -> Option<usize> {
        self.unit.map(|u| u as usize)
    }

    /// Which bytes of its unit's text the line shows.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The section the line belongs to.
    pub fn section(&self) -> Option<usize> {
        self.section.map(|s| s as usize)
    }
}

// Kept so: a large chapter's layout is mostly these.
const _: () = assert!(std::mem::size_of::<DocLine>() <= 48);

/// A unit's, section's or byte's index within one chapter, which never nears `u32::MAX`
/// (saturating all the same).
pub(super) fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
