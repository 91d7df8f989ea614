//! The frame around the chapter: the tab bar and the status line with its position and key
//! hints. Draws from `&App` only.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::put;
use crate::action::Action;
use crate::app::{App, Message};
use crate::keymap;
use crate::layout;

pub fn tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let look = &app.options.look;
    let (t, g) = (&look.theme, &look.glyphs);
    let labels: Vec<&str> = app
        .handbook()
        .chapters
        .iter()
        .map(|c| c.tab.as_str())
        .collect();
    let shown = layout::tabs::tabs(&labels, app.chapter, area.width, g.ellipsis);
    for tab in &shown {
        let style = if tab.chapter == app.chapter {
            t.tab_selected
        } else {
            t.tab
        };
        let line = Line::styled(tab.text.as_str(), style);
        put(buf, area.x + tab.x, area.y, &line, tab.width);
    }
    if shown.first().is_some_and(|tab| tab.chapter > 0) {
        put(buf, area.x, area.y, &Line::styled(g.more_left, t.mark), 1);
    }
    if shown
        .last()
        .is_some_and(|tab| tab.chapter + 1 < labels.len())
    {
        put(
            buf,
            area.right().saturating_sub(1),
            area.y,
            &Line::styled(g.more_right, t.mark),
            1,
        );
    }
}

/// Where the reader is, as words: "Top", "End", "All" or a percentage.
fn position(app: &App) -> String {
    let text = app.text();
    let (top, max) = (app.top(), app.max_scroll());
    if max == 0 {
        text.all.to_owned()
    } else if top == 0 {
        text.top.to_owned()
    } else if top >= max {
        text.end.to_owned()
    } else {
        format!("{}%", top * 100 / max)
    }
}

pub fn status(app: &App, area: Rect, buf: &mut Buffer) {
    let look = &app.options.look;
    let (t, g) = (&look.theme, &look.glyphs);
    buf.set_style(area, t.status);
    let chapter = &app.handbook().chapters[app.chapter];
    let mut left = chapter.tab.clone();
    if let Some(section) = app
        .doc()
        .and_then(|d| d.section_at(app.top()))
        .and_then(|s| chapter.sections.get(s))
    {
        left.push_str(g.separator);
        left.push_str(&section.heading);
    }
    left.push_str(g.separator);
    left.push_str(&position(app));
    if app.find.showing && !app.find.reading.is_empty() {
        left.push_str(g.separator);
        // The query's quotes, the count and the keys that step through hits are the
        // language's own sentence.
        let n = app.find.current.map_or(0, |c| c + 1);
        let hits = app
            .text()
            .hit_of(&app.find.query, n, app.find.reading.len());
        left.push_str(&keymap::fill(&hits, app.text(), look.glyphs.ascii));
    }
    if let Some(message) = app.message {
        let words = match message {
            Message::NoLinks => &app.text().no_links,
        };
        left = format!("{}{}{words}", chapter.tab, g.separator);
    }
    if let Some(error) = &app.reload_error {
        // The message starts with the file, line and column, which matter most: when the
        // label would push them out of the line, the label gives way (the help shows both,
        // whole).
        let label = &app.text().file_error;
        let place = error
            .split_once(": ")
            .map_or(error.as_str(), |(place, _)| place);
        left = if label.width() + 2 + place.width() + 2 <= usize::from(area.width) {
            format!("{label}: {error}")
        } else {
            error.clone()
        };
    }
    // Each hint is a group of spans; when the line is short the least needed go first, and
    // help and quit stay longest.
    let mut groups: Vec<(u8, Vec<Span>)> = Vec::new();
    if app.focus.is_some() {
        let sentence = keymap::fill(&app.text().link_follow_hint, app.text(), look.glyphs.ascii);
        let follow = format!("{sentence}  ");
        groups.push((0, vec![Span::styled(follow, t.status)]));
    }
    // The QR key is offered where the number it encodes is shown (the code itself is built
    // only when asked for).
    if chapter.qr_phone().is_some()
        && let Some((key, word)) = keymap::hint(&Action::Qr, app.text(), false, g.ascii)
    {
        groups.push((
            1,
            vec![
                Span::styled(key, t.status_key),
                Span::styled(format!(" {word}  "), t.status),
            ],
        ));
    }
    let hints = keymap::hints(app.text(), app.options.kiosk, g.ascii);
    let count = hints.len();
    for (i, (key, word)) in hints.into_iter().enumerate() {
        // The table lists help and quit last; they are kept first.
        let rank = 2 + u8::try_from(count - i).unwrap_or(u8::MAX);
        groups.push((
            rank,
            vec![
                Span::styled(key, t.status_key),
                Span::styled(format!(" {word}  "), t.status),
            ],
        ));
    }
    let width_of = |g: &[Span]| g.iter().map(|s| s.content.width()).sum::<usize>();
    let room = usize::from(area.width).saturating_sub(left.width() + 2);
    let mut by_need: Vec<usize> = (0..groups.len()).collect();
    by_need.sort_by_key(|i| groups[*i].0);
    let mut kept = vec![false; groups.len()];
    let mut used = 0;
    for i in by_need {
        let w = width_of(&groups[i].1);
        if used + w <= room {
            kept[i] = true;
            used += w;
        }
    }
    put(
        buf,
        area.x + 1,
        area.y,
        &Line::styled(left, t.status),
        area.width.saturating_sub(1),
    );
    let shown: Vec<Span> = groups
        .into_iter()
        .zip(kept)
        .filter(|(_, k)| *k)
        .flat_map(|((_, g), _)| g)
        .collect();
    if used > 0 {
        let x = area.x + area.width.saturating_sub(used as u16);
        put(buf, x, area.y, &Line::from(shown), used as u16);
    }
}
