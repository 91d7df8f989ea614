//! A chapter laid out for one text width: the wrapped lines the body shows and `print` writes.
//! Built once per (chapter, width, language) in `update`, never while drawing. Each line points
//! back into its text unit by byte range, so search highlights and links map onto screen lines
//! without wrapping again. It knows nothing of colours or the terminal; where a line may break
//! is `wrap`'s to say.

use unicode_width::UnicodeWidthStr;

use crate::content::{Chapter, Date, UnitKind};
use crate::i18n::Text;

mod line;
mod wrap;

use line::small;
pub use line::{Bytes, DocLine, LineKind};
pub use wrap::wrap_ranges;

/// Widest text column, so lines stay comfortable to read on wide screens.
pub const MAX_TEXT_WIDTH: u16 = 100;

/// How figures are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figures {
    /// Drawn, when the drawing fits the width; by their alt text otherwise.
    Drawn,
    /// Drawn in ASCII (for `--ascii`), when that fits.
    Ascii,
    /// By their alt text always: for `print` and screen readers.
    AltText,
}

/// The two-column marks in front of lines. Kept the same width in Unicode and ASCII so the
/// layout does not depend on the glyph set.
pub const PREFIX_WIDTH: usize = 2;

/// The box in front of a checklist item, on screen and on paper alike.
pub const CHECK_BOX: &str = "[ ] ";

#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub width: u16,
    pub lines: Vec<DocLine>,
    /// For each unit, the index of its first line.
    pub unit_line: Vec<usize>,
    /// For each section, the index of its heading's line.
    pub section_line: Vec<usize>,
}

/// Everything outside the chapter that changes its layout.
#[derive(Debug, Clone, Copy)]
pub struct DocContext<'a> {
    pub text: &'a Text,
    pub today: Date,
    pub figures: Figures,
}

impl Doc {
    pub fn build(chapter: &Chapter, width: u16, cx: DocContext<'_>) -> Doc {
        let width = width.max(1);
        let full = usize::from(width);
        let inner = full.saturating_sub(PREFIX_WIDTH).max(1);
        let mut doc = Doc {
            width,
            lines: Vec::new(),
            unit_line: Vec::with_capacity(chapter.units.len()),
            section_line: Vec::with_capacity(chapter.sections.len()),
        };
        let mut previous: Option<&UnitKind> = None;
        for (index, (unit, text)) in chapter.units.with_text().enumerate() {
            let kind = &unit.kind;
            if let Some(prev) = previous
                && !kind.runs_on_from(prev)
            {
                doc.blank(unit.section());
            }
            doc.unit_line.push(doc.lines.len());
            let section = unit.section();
            match kind {
                UnitKind::Title => {
                    doc.wrap(index, text, full, section, |_| LineKind::Title);
                    let date = cx
                        .text
                        .month_year(chapter.reviewed_on.month, chapter.reviewed_on.year);
                    let reviewed = cx.text.reviewed.replace("{date}", &date);
                    doc.meta(&reviewed, full, LineKind::Meta);
                    if cx.today >= chapter.review_due {
                        doc.meta(&cx.text.review_overdue, full, LineKind::Overdue);
                    }
                }
                UnitKind::Summary => doc.wrap(index, text, full, section, |_| LineKind::Summary),
                UnitKind::Heading => {
                    if let Some(s) = section {
                        while doc.section_line.len() <= s {
                            doc.section_line.push(doc.lines.len());
                        }
                    }
                    doc.wrap(index, text, full, section, |_| LineKind::Heading)
                }
                UnitKind::Paragraph => {
                    doc.wrap(index, text, full, section, |_| LineKind::Paragraph)
                }
                UnitKind::Bullet => doc.wrap(index, text, inner, section, |first| {
                    LineKind::Bullet { first }
                }),
                UnitKind::Callout(k) => {
                    let k = *k;
                    doc.lines
                        .push(DocLine::new(LineKind::CalloutLabel(k), None, 0..0, section));
                    doc.wrap(index, text, inner, section, |_| LineKind::Callout(k))
                }
                UnitKind::ContactLabel { .. } => {
                    doc.wrap(index, text, full, section, |_| LineKind::ContactLabel)
                }
                UnitKind::ContactPhone { .. } => {
                    let w = inner
                        .saturating_sub(label_width(&unit.kind, cx.text))
                        .max(1);
                    doc.wrap(index, text, w, section, |first| LineKind::ContactPhone {
                        first,
                    })
                }
                UnitKind::ContactExtension => {
                    let w = inner
                        .saturating_sub(label_width(&unit.kind, cx.text))
                        .max(1);
                    doc.wrap(index, text, w, section, |first| {
                        LineKind::ContactExtension { first }
                    })
                }
                UnitKind::ContactHours => {
                    let w = inner
                        .saturating_sub(label_width(&unit.kind, cx.text))
                        .max(1);
                    doc.wrap(index, text, w, section, |first| LineKind::ContactHours {
                        first,
                    })
                }
                UnitKind::Link(_) => doc.wrap(index, text, inner, section, |first| {
                    LineKind::Link { first }
                }),
                UnitKind::Figure(figure) => {
                    let drawing = match cx.figures {
                        Figures::Drawn => Some((&figure.art, false)),
                        Figures::Ascii => Some(
                            figure
                                .ascii
                                .as_ref()
                                .map_or((&figure.art, false), |a| (a, true)),
                        ),
                        Figures::AltText => None,
                    };
                    match drawing.filter(|(art, _)| art.width <= full) {
                        Some((art, ascii)) => {
                            for bytes in art.rows() {
                                doc.lines.push(DocLine::new(
                                    LineKind::Art {
                                        ascii,
                                        bytes: Bytes {
                                            start: small(bytes.start),
                                            end: small(bytes.end),
                                        },
                                    },
                                    Some(index),
                                    0..0,
                                    section,
                                ));
                            }
                        }
                        None => doc.wrap(index, text, inner, section, |_| LineKind::AltText),
                    }
                }
                UnitKind::Caption => doc.wrap(index, text, full, section, |_| LineKind::Caption),
                UnitKind::KeyPoint => {
                    if previous != Some(&UnitKind::KeyPoint) {
                        doc.lines
                            .push(DocLine::new(LineKind::KeyPointsLabel, None, 0..0, section));
                    }
                    let w = inner.saturating_sub(PREFIX_WIDTH).max(1);
                    doc.wrap(index, text, w, section, |first| LineKind::KeyPoint {
                        first,
                    })
                }
                UnitKind::Check => {
                    let w = full.saturating_sub(CHECK_BOX.len()).max(1);
                    doc.wrap(index, text, w, section, |first| LineKind::Check { first })
                }
            }
            previous = Some(kind);
        }
        doc.trust(chapter, full, cx);
        doc
    }

    /// The chapter's last lines: when it was reviewed and is due for review again, the
    /// handbook's version, and where its facts come from.
    fn trust(&mut self, chapter: &Chapter, width: usize, cx: DocContext<'_>) {
        if chapter.version.is_empty() && chapter.source.is_none() {
            return;
        }
        let section = chapter.sections.len().checked_sub(1);
        let when = |d: Date| cx.text.month_year(d.month, d.year);
        // The sentences and their punctuation are the language's own words.
        let line = cx
            .text
            .review_and_version
            .replace("{reviewed}", &when(chapter.reviewed_on))
            .replace("{due}", &when(chapter.review_due))
            .replace("{version}", &chapter.version);
        self.blank(section);
        self.meta(&line, width, LineKind::Meta);
        if let Some(source) = &chapter.source {
            let line = cx.text.source.replace("{source}", source);
            self.meta(&line, width, LineKind::Meta);
        }
    }

    fn blank(&mut self, section: Option<usize>) {
        self.lines
            .push(DocLine::new(LineKind::Blank, None, 0..0, section));
    }

    fn wrap(
        &mut self,
        unit: usize,
        text: &str,
        width: usize,
        section: Option<usize>,
        kind: impl Fn(bool) -> LineKind,
    ) {
        for (i, range) in wrap_ranges(text, width).into_iter().enumerate() {
            self.lines
                .push(DocLine::new(kind(i == 0), Some(unit), range, section));
        }
    }

    fn meta(&mut self, text: &str, width: usize, kind: impl Fn(Box<str>) -> LineKind) {
        for range in wrap_ranges(text, width) {
            self.lines
                .push(DocLine::new(kind(text[range].into()), None, 0..0, None));
        }
    }

    /// Puts `lines` above the chapter, each wrapped to the width, with a blank line after
    /// them: the handbook's own title and disclaimer, where every reader meets them.
    pub fn prepend(&mut self, lines: &[&str]) {
        let width = usize::from(self.width);
        let mut head = Doc {
            width: self.width,
            lines: Vec::new(),
            unit_line: Vec::new(),
            section_line: Vec::new(),
        };
        for line in lines.iter().filter(|l| !l.trim().is_empty()) {
            head.meta(line, width, LineKind::Meta);
        }
        if head.lines.is_empty() {
            return;
        }
        head.blank(None);
        let n = head.lines.len();
        // In place: a large chapter's lines are not copied into a second list.
        self.lines.splice(0..0, head.lines);
        self.unit_line.iter_mut().for_each(|l| *l += n);
        self.section_line.iter_mut().for_each(|l| *l += n);
    }

    /// The section shown at line `line`, if any.
    pub fn section_at(&self, line: usize) -> Option<usize> {
        self.lines.get(line).and_then(DocLine::section)
    }
}

/// Columns a contact line's label takes before its text ("Phone: "), kept free on every line.
fn label_width(kind: &UnitKind, text: &Text) -> usize {
    kind.label(text).map_or(0, |label| label.width() + 2)
}
