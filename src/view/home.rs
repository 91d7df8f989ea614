//! The kiosk's welcome screen: the handbook's title, how to use it, the disclaimer with its
//! emergency line, and "press any key". It fits every window from the smallest the interface
//! draws in: when lines do not fit, the least needed give way first (blank lines, then the
//! how-to, the organisation, the languages, the rest of the disclaimer, the title), and the
//! emergency line and "press any key" stay longest, the emergency line longest of all.
//! Draws from `&App` only.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

use super::put;
use crate::app::App;
use crate::keymap;

/// How long a part of the screen stays when room runs out: lower stays longer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Keep {
    Emergency,
    Start,
    Title,
    Disclaimer,
    Languages,
    Organisation,
    HowTo,
    Blank,
}

/// The disclaimer split into its emergency sentences (those with a number to call) and the
/// rest, each in the order written.
pub fn split_disclaimer(disclaimer: &str) -> (String, String) {
    let mut rest = Vec::new();
    let mut emergency = Vec::new();
    for sentence in disclaimer.split_inclusive(['.', '!', '?', '。', '！', '？']) {
        let sentence = sentence.trim();
        if sentence.is_empty() {
            continue;
        }
        if sentence.chars().any(|c| c.is_ascii_digit()) {
            emergency.push(sentence);
        } else {
            rest.push(sentence);
        }
    }
    (join(&rest), join(&emergency))
}

/// Sentences run together as their script writes them: with a space after a Latin full stop,
/// without one after a full-width mark such as `。`.
fn join(sentences: &[&str]) -> String {
    let mut out = String::new();
    for s in sentences {
        if !out.is_empty() && !out.ends_with(['。', '！', '？']) {
            out.push(' ');
        }
        out.push_str(s);
    }
    out
}

/// Draws the welcome screen. Returns where a screen reader's cursor belongs: its first line.
pub fn home(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let look = &app.options.look;
    let t = &look.theme;
    let text = app.text();
    let handbook = app.handbook();
    let ascii = look.glyphs.ascii;
    let width = usize::from(area.width.saturating_sub(4).clamp(1, 72));
    let (rest, emergency) = split_disclaimer(&handbook.disclaimer);
    let mut parts: Vec<(Keep, String, Style)> = vec![
        (Keep::Title, handbook.title.clone(), t.title),
        (Keep::Organisation, handbook.organisation.clone(), t.text),
        (Keep::Blank, String::new(), t.text),
        (
            Keep::HowTo,
            keymap::fill(&text.welcome_how, text, ascii),
            t.text,
        ),
    ];
    if app.library().editions.len() > 1 {
        // Named without decoding the editions not shown.
        let names: Vec<&str> = app
            .library()
            .editions
            .languages()
            .map(|(_, name)| name)
            .collect();
        let sentence = keymap::fill(&text.languages, text, ascii);
        let languages = format!("{sentence} ({})", names.join(" / "));
        parts.push((Keep::Languages, languages, t.text));
    }
    parts.push((Keep::Blank, String::new(), t.text));
    parts.push((Keep::Disclaimer, rest, t.meta));
    parts.push((Keep::Emergency, emergency, t.urgent));
    parts.push((Keep::Blank, String::new(), t.text));
    parts.push((Keep::Start, format!(" {} ", text.press_any_key), t.selected));
    parts.retain(|(keep, s, _)| *keep == Keep::Blank || !s.trim().is_empty());

    let wrapped = |parts: &[(Keep, String, Style)]| -> Vec<(String, Style)> {
        let mut out = Vec::new();
        for (_, s, style) in parts {
            if s.is_empty() {
                out.push((String::new(), *style));
                continue;
            }
            for r in crate::doc::wrap_ranges(s, width) {
                out.push((s[r].to_owned(), *style));
            }
        }
        out
    };
    let mut lines = wrapped(&parts);
    while lines.len() > usize::from(area.height) {
        // The part that gives way next: the least needed, the last of them first.
        let Some(drop) = (0..parts.len()).max_by_key(|i| parts[*i].0) else {
            break;
        };
        if parts.len() == 1 {
            break;
        }
        parts.remove(drop);
        lines = wrapped(&parts);
    }
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let top = area.y + area.height.saturating_sub(height) / 2;
    let mut cursor = None;
    for (i, (s, style)) in lines.iter().enumerate() {
        let y = top.saturating_add(i as u16);
        if y >= area.bottom() {
            break;
        }
        let w = u16::try_from(s.width()).unwrap_or(u16::MAX);
        let x = area.x + area.width.saturating_sub(w) / 2;
        put(buf, x, y, &Line::styled(s.as_str(), *style), area.width);
        if cursor.is_none() {
            cursor = Some(Position::new(x, y));
        }
    }
    cursor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_emergency_sentence_is_found_in_both_editions() {
        let (rest, urgent) = split_disclaimer(
            "This handbook gives general information. It is not medical advice. In an emergency, call 911.",
        );
        assert_eq!(urgent, "In an emergency, call 911.");
        assert!(rest.starts_with("This handbook") && rest.ends_with("advice."));
        let (_, urgent) =
            split_disclaimer("No es consejo médico. En una emergencia, llame al 911.");
        assert_eq!(urgent, "En una emergencia, llame al 911.");
    }

    #[test]
    fn chinese_sentences_split_at_full_width_marks_and_join_without_spaces() {
        let (rest, urgent) = split_disclaimer(
            "本手册只提供一般信息，不是医疗建议。也不是诊断。遇到紧急情况，请拨打911。",
        );
        assert_eq!(rest, "本手册只提供一般信息，不是医疗建议。也不是诊断。");
        assert_eq!(urgent, "遇到紧急情况，请拨打911。");
    }
}
