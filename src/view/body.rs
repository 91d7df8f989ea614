//! Drawing the chapter body: each laid-out line with its mark, style and search highlights, and
//! the scrollbar. Reads the App and its cached layout; computes no layout of its own.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use crate::app::App;
use crate::content::CalloutKind;
use crate::doc::{DocLine, LineKind};

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

/// One body line as styled spans.
pub fn line<'a>(app: &'a App, l: &'a DocLine) -> Line<'a> {
    let look = &app.options.look;
    let (t, g) = (&look.theme, &look.glyphs);
    let text = app.text();
    let units = &app.handbook().chapters[app.chapter].units;
    let body = l
        .unit
        .and_then(|u| units.get(u))
        .map_or("", |u| u.text.get(l.range.clone()).unwrap_or(""));
    let hits: Vec<Range<usize>> = l
        .unit
        .and_then(|u| app.find.highlights.get(&u))
        .map(|rs| {
            rs.iter()
                .filter(|r| r.end > l.range.start && r.start < l.range.end)
                .map(|r| {
                    r.start.saturating_sub(l.range.start)..(r.end.min(l.range.end) - l.range.start)
                })
                .collect()
        })
        .unwrap_or_default();
    let callout_style = |k: CalloutKind| match k {
        CalloutKind::Urgent => t.urgent,
        CalloutKind::Note => t.note,
    };
    let mut spans: Vec<Span<'a>> = Vec::new();
    let base = match &l.kind {
        LineKind::Blank => return Line::default(),
        LineKind::Meta(s) => return Line::styled(s.as_str(), t.meta),
        LineKind::Overdue(s) => return Line::styled(s.as_str(), t.overdue),
        LineKind::CalloutLabel(k) => {
            let label = match k {
                CalloutKind::Urgent => text.get_help_now,
                CalloutKind::Note => text.note,
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
        LineKind::ContactPhone { first } | LineKind::ContactHours { first } => {
            let label = if matches!(l.kind, LineKind::ContactPhone { .. }) {
                text.phone
            } else {
                text.hours
            };
            let pad = " ".repeat(unicode_width::UnicodeWidthStr::width(label) + 2);
            spans.push(Span::raw("  "));
            if *first {
                spans.push(Span::styled(format!("{label}: "), t.meta));
            } else {
                spans.push(Span::raw(pad));
            }
            if matches!(l.kind, LineKind::ContactPhone { .. }) {
                t.contact
            } else {
                t.text
            }
        }
        LineKind::Link { first } => {
            let focused = app.focus.is_some() && app.focus == l.unit;
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

/// Draws the visible lines of the current chapter and its scrollbar.
pub fn render(app: &App, text_area: Rect, scrollbar: Rect, buf: &mut Buffer) {
    let Some(doc) = app.doc() else {
        return;
    };
    let top = app.top();
    for (row, l) in doc
        .lines
        .iter()
        .skip(top)
        .take(usize::from(text_area.height))
        .enumerate()
    {
        let y = text_area.y + row as u16;
        buf.set_line(text_area.x, y, &line(app, l), text_area.width);
    }
    let rows = usize::from(text_area.height);
    if doc.lines.len() > rows && scrollbar.width > 0 {
        let g = &app.options.look.glyphs;
        let mut state = ScrollbarState::new(doc.lines.len().saturating_sub(rows))
            .position(top)
            .viewport_content_length(rows);
        let mut bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .style(app.options.look.theme.border);
        if g.ascii {
            bar = bar.symbols(ratatui::symbols::scrollbar::Set {
                track: "|",
                thumb: "#",
                begin: "^",
                end: "v",
            });
        }
        bar.render(scrollbar, buf, &mut state);
    }
}
