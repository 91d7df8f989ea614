//! The view: draws an `&App` into a buffer and mutates nothing. Owns the frame's parts (tab
//! bar, body, status line) and hands overlays to `overlay`. Every string it draws is either
//! cleaned content or the interface's own words; it never writes to the terminal itself.

pub mod body;
mod chrome;
mod overlay;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{App, Mode};
use crate::layout;

/// Draws the app into `buf`. Returns where the terminal's cursor belongs, when the screen
/// reader option asks for a visible cursor.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let look = &app.options.look;
    buf.set_style(area, look.theme.base);
    if area.is_empty() {
        return None;
    }
    if layout::too_small(area.width, area.height) {
        Paragraph::new(app.text().enlarge)
            .style(look.theme.notice)
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return Some(Position::new(area.x, area.y)).filter(|_| look.screen_reader);
    }
    if app.mode == Mode::Home {
        return chrome::home(app, area, buf).filter(|_| look.screen_reader);
    }
    let areas = layout::areas(area.width, area.height);
    chrome::tabs(app, areas.tabs, buf);
    body::render(app, areas.text, areas.scrollbar, buf);
    chrome::status(app, areas.status, buf);
    let mut cursor = reading_cursor(app, areas.text);
    match app.mode {
        Mode::Help { scroll } => cursor = overlay::help(app, areas.body, scroll, buf),
        Mode::Outline { selected } => cursor = overlay::outline(app, areas.body, selected, buf),
        Mode::Search => cursor = overlay::search(app, areas.body, buf),
        Mode::Qr => cursor = overlay::qr(app, areas.body, buf),
        Mode::Reading | Mode::Home => {}
    }
    if app.idle.notice {
        overlay::idle_notice(app, area, buf);
    }
    cursor.filter(|_| look.screen_reader)
}

/// The reader's cursor: on the focused link when there is one on screen, else the first line.
fn reading_cursor(app: &App, text: Rect) -> Option<Position> {
    let top = app.top();
    let row = app
        .focus
        .and_then(|u| app.doc().and_then(|d| d.unit_line.get(u).copied()))
        .filter(|l| *l >= top && *l < top + usize::from(text.height))
        .map_or(0, |l| l - top);
    Some(Position::new(text.x, text.y + row as u16))
}

/// A line clipped to `width`, for places that must not wrap.
/// Clipped to the buffer: a line that would start outside it is not drawn.
fn put(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, width: u16) {
    let area = buf.area;
    if x < area.left() || y < area.top() || x >= area.right() || y >= area.bottom() {
        return;
    }
    buf.set_line(x, y, line, width.min(area.right() - x));
}
