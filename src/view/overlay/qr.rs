//! The QR code's box: the biggest drawing of the code that fits (whole cells, or half blocks
//! where the font is promised to have them), with the number it dials, what to press once the
//! call connects and how to scan it; when no drawing fits, the number alone and how to make
//! room. Making the code is `crate::qr`'s; draws from `&App` only.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::frame_box;
use crate::app::App;
use crate::layout;
use crate::qr::{QrCode, Scale};
use crate::view::put;

pub fn qr(app: &App, body: Rect, buf: &mut Buffer) -> Option<Position> {
    let look = &app.options.look;
    let text = app.text();
    let Some(code) = &app.qr else {
        let area = layout::centred(body, 50, 3);
        let inner = frame_box(app, area, &text.qr_title, buf);
        put(
            buf,
            inner.x,
            inner.y,
            &Line::styled(text.qr_none.as_str(), look.theme.text),
            inner.width,
        );
        return Some(Position::new(inner.x, inner.y));
    };
    // Under the code: the number it dials, what to press once the call connects (if the
    // contact says), and how to scan it.
    let then = code
        .extension
        .as_ref()
        .map(|digits| format!("{} {digits}", text.extension));
    let captions = 2 + u16::from(then.is_some());
    let words = text
        .qr_scan
        .width()
        .max(text.qr_title.width() + 2)
        .max(code.phone.width())
        .max(then.as_ref().map_or(0, |t| t.width())) as u16;
    // The biggest drawing that fits: whole cells need no glyph at all; half blocks need a
    // font that has them, which the ASCII set (and the Linux console) does not promise.
    let scales: &[Scale] = if look.glyphs.ascii {
        &[Scale::Full]
    } else {
        &[Scale::Full, Scale::Half]
    };
    let fits = |scale: &Scale| {
        let (w, h) = code.drawn_size(*scale);
        let tall = h + 2 + usize::from(captions);
        let area = layout::centred(body, (w as u16).max(words) + 2, tall as u16);
        usize::from(area.width.saturating_sub(2)) >= w && usize::from(area.height) >= tall
    };
    let Some(&scale) = scales.iter().find(|s| fits(s)) else {
        return qr_too_small(app, body, code, then.as_deref(), buf);
    };
    let (w, h) = code.drawn_size(scale);
    let (w, h) = (w as u16, h as u16);
    let area = layout::centred(body, w.max(words) + 2, h + 2 + captions);
    let inner = frame_box(app, area, &text.qr_title, buf);
    let x = inner.x + (inner.width - w) / 2;
    let (dark, light) = (look.theme.qr_dark, look.theme.qr_light);
    for (i, row) in code.cells(scale, dark, light).iter().enumerate() {
        let spans: Vec<Span> = row.iter().map(|(s, st)| Span::styled(*s, *st)).collect();
        put(buf, x, inner.y + i as u16, &Line::from(spans), w);
    }
    let centre = |s: &str| inner.x + inner.width.saturating_sub(s.width() as u16) / 2;
    put(
        buf,
        centre(&code.phone),
        inner.y + h,
        &Line::styled(code.phone.as_str(), look.theme.contact),
        inner.width,
    );
    if let Some(then) = &then {
        put(
            buf,
            centre(then),
            inner.y + h + 1,
            &Line::styled(then.as_str(), look.theme.contact),
            inner.width,
        );
    }
    put(
        buf,
        centre(&text.qr_scan),
        inner.y + h + captions - 1,
        &Line::styled(text.qr_scan.as_str(), look.theme.text),
        inner.width,
    );
    Some(Position::new(inner.x, inner.y + h))
}

/// No code fits: the number itself, clear and alone, and how to make room for the code.
fn qr_too_small(
    app: &App,
    body: Rect,
    code: &QrCode,
    then: Option<&str>,
    buf: &mut Buffer,
) -> Option<Position> {
    let look = &app.options.look;
    let text = app.text();
    let area = layout::centred(body, 50, 8 + u16::from(then.is_some()));
    let inner = frame_box(app, area, &text.qr_title, buf);
    // A console cannot be made larger; staff can load a smaller font. The screen it takes:
    // the code's box (borders and captions) inside the body, and the tab bar and status line.
    let advice = if look.glyphs.ascii {
        let (w, h) = code.drawn_size(Scale::Full);
        let captions = 2 + usize::from(then.is_some());
        let size = format!("{}x{}", w + 2, h + 2 + captions + 2);
        text.qr_console_font.replace("{size}", &size)
    } else {
        text.qr_too_small.to_owned()
    };
    let mut lines = vec![
        Line::default(),
        Line::styled(code.phone.as_str(), look.theme.contact).centered(),
    ];
    if let Some(then) = then {
        lines.push(Line::styled(then, look.theme.contact).centered());
    }
    lines.push(Line::default());
    lines.push(Line::styled(advice, look.theme.text));
    let p = Paragraph::new(lines).wrap(Wrap { trim: true });
    p.render(inner, buf);
    Some(Position::new(inner.x, inner.y + 1))
}
