//! Drawing the chapter body: each laid-out line with its mark, style and search highlights, and
//! the scrollbar. The same line drawing serves `print`, in plain styles. Reads the App and its
//! cached layout; computes no layout of its own.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use std::collections::HashMap;

use unicode_width::UnicodeWidthStr;

use crate::app::{App, Look};
use crate::content::{CalloutKind, Units};
use crate::doc::{CHECK_BOX, DocLine, LineKind};
use crate::i18n::Text;

/// Splits `text` into spans, highlighting the parts inside `ranges` (already relative to it).
pub fn highlighted<'a>(
    text: &'a str,
    ranges: &[Range<usize>],
    base: Style,
    hit: Style,
) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for r in ranges {
        let (start, end) = (r.start.clamp(at, text.len()), r.end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if start > at {
            spans.push(Span::styled(&text[at..start], base));
        }
        spans.push(Span::styled(&text[start..end], base.patch(hit)));
        at = end;
    }
    if at < text.len() {
        spans.push(Span::styled(&text[at..], base));
    }
    spans
}

/// What drawing a body line needs besides the line: the chapter's units, the interface's words,
/// the look, and the reader's state (search highlights, focused link). `print` fills it with
/// plain styles and no state; the interface fills it from the App.
pub struct Paint<'a> {
    pub units: &'a Units,
    pub text: &'a Text,
    pub look: &'a Look,
    pub highlights: Option<&'a HashMap<usize, Vec<Range<usize>>>>,
    pub focus: Option<usize>,
}

impl<'a> Paint<'a> {
    /// The body as the interface draws it for `app`'s current chapter.
    pub fn of(app: &'a App) -> Paint<'a> {
        Paint {
            units: &app.handbook().chapters[app.chapter].units,
            text: app.text(),
            look: &app.options.look,
            highlights: Some(&app.find.highlights),
            focus: app.focus,
        }
    }
}

/// One body line as styled spans.
pub fn line<'a>(p: &Paint<'a>, l: &'a DocLine) -> Line<'a> {
    let (t, g) = (&p.look.theme, &p.look.glyphs);
    let text = p.text;
    let range = l.range();
    let body = l
        .unit()
        .and_then(|u| p.units.text(u).get(range.clone()))
        .unwrap_or("");
    let hits: Vec<Range<usize>> = l
        .unit()
        .and_then(|u| p.highlights?.get(&u))
        .map(|rs| {
            rs.iter()
                .filter(|r| r.end > range.start && r.start < range.end)
                .map(|r| r.start.saturating_sub(range.start)..(r.end.min(range.end) - range.start))
                .collect()
        })
        .unwrap_or_default();
    let callout_style = |k: CalloutKind| match k {
        CalloutKind::Urgent => t.urgent,
        CalloutKind::Note => t.note,
    };
    // A labelled line of a contact: the label on its first line, room for it on the others.
    let labelled = |spans: &mut Vec<Span<'a>>, label: &str, first: bool| {
        spans.push(Span::raw("  "));
        if first {
            spans.push(Span::styled(format!("{label}: "), t.meta));
        } else {
            spans.push(Span::raw(" ".repeat(label.width() + 2)));
        }
    };
    let mut spans: Vec<Span<'a>> = Vec::new();
    let base = match &l.kind {
        LineKind::Blank => return Line::default(),
        LineKind::Meta(s) => return Line::styled(&**s, t.meta),
        LineKind::Overdue(s) => return Line::styled(&**s, t.overdue),
        LineKind::CalloutLabel(k) => {
            let label = match k {
                CalloutKind::Urgent => text.get_help_now.as_str(),
                CalloutKind::Note => text.note.as_str(),
            };
            let st = callout_style(*k);
            return Line::from(vec![Span::styled(g.bar, st), Span::styled(label, st)]);
        }
        LineKind::Title => t.title,
        LineKind::Summary => t.summary,
        LineKind::Heading => t.heading,
        LineKind::Paragraph => t.text,
        LineKind::Bullet { first } => {
            spans.push(Span::styled(if *first { g.bullet } else { "  " }, t.mark));
            t.text
        }
        LineKind::Callout(k) => {
            spans.push(Span::styled(g.bar, callout_style(*k)));
            t.text
        }
        LineKind::ContactLabel => t.contact,
        LineKind::ContactPhone { first } => {
            labelled(&mut spans, &text.phone, *first);
            t.contact
        }
        LineKind::ContactExtension { first } => {
            labelled(&mut spans, &text.extension, *first);
            t.contact
        }
        LineKind::ContactHours { first } => {
            labelled(&mut spans, &text.hours, *first);
            t.text
        }
        LineKind::Art { ascii, bytes } => {
            // Drawn exactly as written: no mark, no highlight, never wrapped.
            let figure = l.unit().and_then(|u| p.units.get(u)?.kind.figure());
            let drawing = figure.and_then(|f| {
                if *ascii {
                    f.ascii.as_ref()
                } else {
                    Some(&f.art)
                }
            });
            let row = drawing.map_or("", |a| a.text.get(bytes.range()).unwrap_or(""));
            return Line::styled(row, t.text);
        }
        LineKind::AltText => {
            spans.push(Span::styled(g.bar, t.meta));
            t.text
        }
        LineKind::Caption => t.summary,
        LineKind::KeyPointsLabel => {
            return Line::from(vec![
                Span::styled(g.bar, t.summary),
                Span::styled(text.key_points.as_str(), t.heading),
            ]);
        }
        LineKind::KeyPoint { first } => {
            spans.push(Span::styled(g.bar, t.summary));
            spans.push(Span::styled(if *first { g.bullet } else { "  " }, t.mark));
            t.text
        }
        LineKind::Check { first } => {
            let mark = if *first { CHECK_BOX } else { "    " };
            spans.push(Span::styled(mark, t.mark));
            t.text
        }
        LineKind::Link { first } => {
            let focused = p.focus.is_some() && p.focus == l.unit();
            let mark = match (first, focused) {
                (true, true) => format!("{} ", g.focus),
                (true, false) => g.arrow.to_owned(),
                _ => "  ".to_owned(),
            };
            let st = if focused { t.link_focused } else { t.link };
            spans.push(Span::styled(mark, st));
            st
        }
    };
    spans.extend(highlighted(body, &hits, base, t.hit));
    Line::from(spans)
}

/// Marks the heading a jump landed on, by more than colour: the selection's reverse video
/// over its text and the focus mark in the margin to its left.
fn mark_heading(app: &App, text_area: Rect, y: u16, width: usize, buf: &mut Buffer) {
    let look = &app.options.look;
    let width = u16::try_from(width)
        .unwrap_or(u16::MAX)
        .min(text_area.width);
    buf.set_style(Rect::new(text_area.x, y, width, 1), look.theme.selected);
    if text_area.x > buf.area.x {
        let mark = Line::styled(look.glyphs.focus, look.theme.mark);
        super::set_line(buf, text_area.x - 1, y, &mark, 1);
    }
}

/// Draws the visible lines of the current chapter and its scrollbar.
pub fn render(app: &App, text_area: Rect, scrollbar: Rect, buf: &mut Buffer) {
    let Some(doc) = app.doc() else {
        return;
    };
    let top = app.top();
    let paint = Paint::of(app);
    for (row, l) in doc
        .lines
        .iter()
        .skip(top)
        .take(usize::from(text_area.height))
        .enumerate()
    {
        let y = text_area.y + row as u16;
        let drawn = line(&paint, l);
        super::set_line(buf, text_area.x, y, &drawn, text_area.width);
        if l.kind == LineKind::Heading && l.section().is_some() && l.section() == app.marked {
            mark_heading(app, text_area, y, drawn.width(), buf);
        }
    }
    scroll_bar(app, scrollbar, doc.lines.len(), top, buf);
}

/// A scrollbar in `area` (one column) for `total` lines shown `area.height` at a time from
/// `top`; nothing when they all fit. Also beside the help, so a box taller than the screen
/// says there is more, without colour.
pub fn scroll_bar(app: &App, area: Rect, total: usize, top: usize, buf: &mut Buffer) {
    let rows = usize::from(area.height);
    if total <= rows || area.width == 0 {
        return;
    }
    let g = &app.options.look.glyphs;
    let mut state = ScrollbarState::new(total.saturating_sub(rows))
        .position(top.min(total.saturating_sub(rows)))
        .viewport_content_length(rows);
    let mut bar =
        Scrollbar::new(ScrollbarOrientation::VerticalRight).style(app.options.look.theme.border);
    if g.ascii {
        bar = bar.symbols(ratatui::symbols::scrollbar::Set {
            track: "|",
            thumb: "#",
            begin: "^",
            end: "v",
        });
    }
    bar.render(area, buf, &mut state);
}
