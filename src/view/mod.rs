//! The view: draws an `&App` into a buffer and mutates nothing. Owns the frame's parts (tab
//! bar, body, status line) and hands overlays to `overlay`. Every string it draws is either
//! cleaned content or the interface's own words; it never writes to the terminal itself.

pub mod body;
mod chrome;
mod home;
mod overlay;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{App, Mode};
use crate::layout;

/// Draws the app into `buf`. Returns where the terminal's cursor belongs, when the screen
/// reader option asks for a visible cursor. With the console-safe glyph set, every character
/// a console font lacks (from the handbook's files too) is given a stand-in last.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let cursor = draw(app, area, buf);
    if app.options.look.glyphs.ascii {
        crate::console::limit(buf);
    }
    cursor
}

fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let look = &app.options.look;
    // An empty style changes no cell (the default theme's base: the terminal's own colours);
    // set cell by cell anyway, it was a third of the view's instructions for a frame.
    if look.theme.base != Style::new() {
        buf.set_style(area, look.theme.base);
    }
    if area.is_empty() {
        return None;
    }
    if layout::too_small(area.width, area.height) {
        Paragraph::new(app.text().enlarge.as_str())
            .style(look.theme.notice)
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return Some(Position::new(area.x, area.y)).filter(|_| look.screen_reader);
    }
    if app.mode == Mode::Home {
        return home::home(app, area, buf).filter(|_| look.screen_reader);
    }
    let areas = layout::areas(area.width, area.height);
    chrome::tabs(app, areas.tabs, buf);
    body::render(app, areas.text, areas.scrollbar, buf);
    chrome::status(app, areas.status, buf);
    let mut cursor = reading_cursor(app, areas.text, areas.status);
    match app.mode {
        Mode::Help { scroll } => cursor = overlay::help(app, areas.body, scroll, buf),
        Mode::Outline { selected } => cursor = overlay::outline(app, areas.body, selected, buf),
        Mode::Search => cursor = overlay::search(app, areas.body, buf),
        Mode::Qr => cursor = overlay::qr(app, areas.body, buf),
        Mode::Reading | Mode::Home => {}
    }
    if app.idle.notice {
        cursor = overlay::idle_notice(app, area, buf);
    }
    cursor.filter(|_| look.screen_reader)
}

/// The reader's cursor, on what the last action brought into focus: the status line when it
/// has a word about that action, else the focused link, the search hit just shown, or the
/// heading just jumped to, when on screen; else the first line.
fn reading_cursor(app: &App, text: Rect, status: Rect) -> Option<Position> {
    if app.message.is_some() {
        return Some(Position::new(status.x + 1, status.y));
    }
    let top = app.top();
    let doc = app.doc()?;
    let on_screen = |line: &usize| *line >= top && *line < top + usize::from(text.height);
    let unit_line = |unit: usize| doc.unit_line.get(unit).copied();
    let hit = app
        .find
        .current
        .filter(|_| app.find.showing)
        .and_then(|i| app.find.reading.get(i))
        .filter(|(chapter, _)| *chapter == app.chapter)
        .and_then(|(_, unit)| unit_line(*unit));
    let heading = app.marked.and_then(|s| doc.section_line.get(s).copied());
    let row = [app.focus.and_then(unit_line), hit, heading]
        .into_iter()
        .flatten()
        .find(on_screen)
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
    set_line(buf, x, y, line, width.min(area.right() - x));
}

/// Draws `line` from (`x`, `y`), in at most `max_width` columns, exactly as
/// `Buffer::set_line` does. A span of printable ASCII, nearly all of the handbook, is drawn
/// a byte to a cell: each such character is a grapheme of one column, and splitting the text
/// into graphemes was half of drawing the first screen.
fn set_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, max_width: u16) -> (u16, u16) {
    let mut remaining = max_width;
    let mut x = x;
    for span in line {
        if remaining == 0 {
            break;
        }
        let style = line.style.patch(span.style);
        let text = span.content.as_ref();
        let end = if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            let room = buf.area.right().saturating_sub(x).min(remaining);
            let n = text.len().min(usize::from(room));
            for i in 0..n {
                // A row outside the buffer is drawn nowhere, never a panic.
                if let Some(cell) = buf.cell_mut((x + i as u16, y)) {
                    cell.set_symbol(&text[i..=i]).set_style(style);
                }
            }
            x + n as u16
        } else {
            buf.set_stringn(x, y, text, usize::from(remaining), style).0
        };
        remaining = remaining.saturating_sub(end.saturating_sub(x));
        x = end;
    }
    (x, y)
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::Span;

    use super::*;

    #[test]
    fn lines_are_drawn_as_ratatui_draws_them() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let lines = [
            Line::from("Plain words, all ASCII."),
            Line::from(vec![
                Span::styled("• ", Style::new().fg(Color::Cyan)),
                Span::raw("tendón 腱 and "),
                Span::styled("more", bold),
            ])
            .style(Style::new().bg(Color::Blue)),
            Line::from(vec![
                Span::raw("ab"),
                Span::raw(""),
                Span::raw("腱腱腱腱腱腱腱腱"),
            ]),
            Line::from("tab\there, and a line longer than the buffer is wide, by far"),
        ];
        for line in &lines {
            for (x, max_width) in [(0, 30), (3, 12), (25, 30), (29, 1), (30, 5), (4, 0)] {
                let area = Rect::new(0, 0, 30, 1);
                let (mut ours, mut theirs) = (Buffer::empty(area), Buffer::empty(area));
                let a = set_line(&mut ours, x, 0, line, max_width);
                let b = theirs.set_line(x, 0, line, max_width);
                assert_eq!((a, &ours), (b, &theirs), "{line:?} from {x}, {max_width}");
            }
        }
    }
}
