//! Boxes drawn over the chapter: help, the section outline, search with its results, the QR
//! code (`qr`) and the idle notice. Also the geometry of their lists, which `update` uses to
//! know what a click hit. Draws from `&App` only.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::body::highlighted;
use super::put;
use crate::app::App;
use crate::keymap;
use crate::layout;
use crate::layout::help::{self, HelpLine, Role};

mod qr;
pub use qr::qr;

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// A cleared, bordered box with a title; returns the inside.
fn frame_box(app: &App, area: Rect, title: &str, buf: &mut Buffer) -> Rect {
    let look = &app.options.look;
    // Never outside the buffer, whatever size the app last heard of.
    let area = area.intersection(buf.area);
    // A wide character (Chinese, say) just left of the box would spill into the box's first
    // column, and the terminal would show it instead of the border: it gives way to a space.
    if area.x > buf.area.x {
        for y in area.top()..area.bottom() {
            let cell = &mut buf[(area.x - 1, y)];
            if cell.symbol().width() > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    Clear.render(area, buf);
    buf.set_style(area, look.theme.base);
    let set = if look.glyphs.ascii {
        ASCII_BORDER
    } else {
        border::ROUNDED
    };
    let block = Block::bordered()
        .border_set(set)
        .border_style(look.theme.border)
        .title(Line::styled(format!(" {title} "), look.theme.heading));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

pub fn help(app: &App, body: Rect, scroll: usize, buf: &mut Buffer) -> Option<Position> {
    let text = app.text();
    let t = &app.options.look.theme;
    let lines = app.help_lines();
    let area = help::help_box(body);
    let inner = frame_box(app, area, &text.help_title, buf);
    let scroll = scroll.min(help::max_scroll(body, lines.len()));
    for (i, l) in lines
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let line = match l {
            HelpLine::Blank => Line::default(),
            HelpLine::Words(role, words) => Line::styled(
                words.as_str(),
                match role {
                    Role::Heading => t.heading,
                    Role::Title => t.title,
                    Role::Text => t.text,
                    Role::Meta => t.meta,
                },
            ),
            HelpLine::Key { keys, does } => Line::from(vec![
                Span::styled(keys.as_str(), t.mark),
                Span::styled(does.as_str(), t.text),
            ]),
        };
        put(buf, inner.x, inner.y + i as u16, &line, inner.width);
    }
    // On the box's right border: a help taller than the box shows where it is and that there
    // is more (80x24 shows about half of it).
    let bar =
        Rect::new(area.right().saturating_sub(1), inner.y, 1, inner.height).intersection(buf.area);
    super::body::scroll_bar(app, bar, lines.len(), scroll, buf);
    Some(Position::new(inner.x, inner.y))
}

pub fn outline(app: &App, _body: Rect, selected: usize, buf: &mut Buffer) -> Option<Position> {
    let look = &app.options.look;
    let sections = &app.handbook().chapters[app.chapter].sections;
    // The same geometry `update` uses to tell which entry a click chose.
    let area = layout::outline_box(app.width, app.height, sections.len());
    let inner = frame_box(app, area, &app.text().outline_title, buf);
    let rows = usize::from(inner.height).max(1);
    let offset = layout::list_offset(selected, inner.height);
    let mut cursor = None;
    for (i, s) in sections.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + (i - offset) as u16;
        let chosen = i == selected;
        let mark = if chosen {
            format!("{} ", look.glyphs.focus)
        } else {
            "  ".to_owned()
        };
        let style = if chosen {
            look.theme.selected
        } else {
            look.theme.text
        };
        put(
            buf,
            inner.x,
            y,
            &Line::styled(format!("{mark}{}. {}", i + 1, s.heading), style),
            inner.width,
        );
        if chosen {
            cursor = Some(Position::new(inner.x, y));
        }
    }
    cursor
}

pub fn search(app: &App, body: Rect, buf: &mut Buffer) -> Option<Position> {
    let look = &app.options.look;
    let (t, g) = (&look.theme, &look.glyphs);
    let text = app.text();
    let inner = frame_box(app, body, &text.search_title, buf);
    if inner.height == 0 || inner.width == 0 {
        return None;
    }
    // The prompt shows the end of a long query, where the typing happens.
    // Words are trimmed when loaded; the space after the prompt is the view's.
    let prompt_label = format!("{} ", text.search_prompt);
    let prompt_width = prompt_label.width();
    let room = usize::from(inner.width).saturating_sub(prompt_width + 1);
    let query: String = {
        let chars: Vec<char> = app.find.query.chars().collect();
        let mut width = 0;
        let mut start = chars.len();
        while start > 0 {
            let w = unicode_width::UnicodeWidthChar::width(chars[start - 1]).unwrap_or(0);
            if width + w > room {
                break;
            }
            width += w;
            start -= 1;
        }
        chars[start..].iter().collect()
    };
    let prompt = Line::from(vec![
        Span::styled(prompt_label, t.heading),
        Span::styled(query.clone(), t.text),
        Span::styled("_", t.mark),
    ]);
    put(buf, inner.x, inner.y, &prompt, inner.width);
    let prompt_cursor = Position::new(inner.x + (prompt_width + query.width()) as u16, inner.y);
    let hits = app.find.hits();
    let info_y = inner.y + 1;
    if app.find.query.trim().is_empty() {
        put(
            buf,
            inner.x,
            info_y,
            &Line::styled(text.search_type_more.as_str(), t.meta),
            inner.width,
        );
        return Some(prompt_cursor);
    }
    if app.index().is_none() {
        put(
            buf,
            inner.x,
            info_y,
            &Line::styled(text.search_preparing.as_str(), t.meta),
            inner.width,
        );
        return Some(prompt_cursor);
    }
    if hits.is_empty() {
        let mut lines = vec![Line::styled(text.no_results.as_str(), t.notice)];
        let suggestions = &app.find.results.suggestions;
        if !suggestions.is_empty() {
            lines.push(Line::styled(text.did_you_mean(suggestions), t.text));
        }
        lines.push(Line::styled(
            keymap::fill(&text.no_results_hint, text, look.glyphs.ascii),
            t.text,
        ));
        let p = Paragraph::new(lines).wrap(Wrap { trim: true });
        p.render(
            Rect::new(inner.x, info_y, inner.width, inner.height.saturating_sub(1)),
            buf,
        );
        return Some(prompt_cursor);
    }
    put(
        buf,
        inner.x,
        info_y,
        &Line::styled(
            format!(
                "{} {}",
                hits.len(),
                if hits.len() == 1 {
                    text.result_one.as_str()
                } else {
                    text.results_count.as_str()
                }
            ),
            t.meta,
        ),
        inner.width,
    );
    let list = layout::results_list(app.width, app.height);
    let first_row = list.y;
    let rows = usize::from(list.height);
    let offset = layout::list_offset(app.find.selected, list.height);
    let handbook = app.handbook();
    let mut cursor = Some(prompt_cursor);
    for (row, (i, hit)) in hits.iter().enumerate().skip(offset).take(rows).enumerate() {
        let y = first_row + row as u16;
        let chapter = &handbook.chapters[hit.chapter];
        let chosen = i == app.find.selected;
        let mut place = crate::search::print::place(handbook, hit.chapter, hit.section);
        place.push_str(": ");
        let mark = if chosen {
            format!("{} ", g.focus)
        } else {
            "  ".to_owned()
        };
        let base = if chosen { t.selected } else { t.text };
        let used = mark.width() + place.width();
        let unit_text = chapter.units.text(hit.unit);
        let ranges = app.find.result_ranges.get(i).cloned().unwrap_or_default();
        let (snip, moved) = crate::search::snippet(
            unit_text,
            &ranges,
            usize::from(inner.width).saturating_sub(used).max(1),
            g.ellipsis,
        );
        let mut spans = vec![
            Span::styled(mark, base),
            // The chosen entry keeps its own colour pair; the mark's colour is for the others.
            Span::styled(place, if chosen { base } else { base.patch(t.mark) }),
        ];
        spans.extend(
            highlighted(&snip, &moved, base, t.hit)
                .into_iter()
                .map(|s| Span::styled(s.content.into_owned(), s.style)),
        );
        put(buf, inner.x, y, &Line::from(spans), inner.width);
        if chosen && look.screen_reader {
            cursor = Some(Position::new(inner.x, y));
        }
    }
    cursor
}

/// Draws the idle notice; returns where a screen reader's cursor belongs: its first line.
pub fn idle_notice(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let look = &app.options.look;
    let text = app.text();
    let width = area.width.saturating_sub(4).clamp(10, 56);
    let lines = crate::doc::wrap_ranges(&text.idle_notice, usize::from(width.saturating_sub(2)));
    let boxed = layout::centred(area, width, lines.len() as u16 + 2);
    let inner = frame_box(app, boxed, &text.idle_notice_title, buf);
    for (i, r) in lines
        .into_iter()
        .enumerate()
        .take(usize::from(inner.height))
    {
        put(
            buf,
            inner.x,
            inner.y + i as u16,
            &Line::styled(&text.idle_notice[r], look.theme.notice),
            inner.width,
        );
    }
    (!inner.is_empty()).then_some(Position::new(inner.x, inner.y))
}
