//! The help box for a window: where it stands, and its lines wrapped to its width, each with
//! its role. The view styles and draws them; `update` clamps the help's scroll to how many
//! there are, so every key that scrolls the help moves what the reader sees (End then Up
//! once did nothing for dozens of presses). Pure; no drawing, no colours, no state.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use crate::content::Handbook;
use crate::doc::wrap_ranges;
use crate::i18n::Text;
use crate::keymap::{self, Group, HelpRow};

/// The widest the help box gets.
const WIDTH: u16 = 64;

/// What a line of the help is, for the view to style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Heading,
    Title,
    Text,
    Meta,
}

/// One line of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Blank,
    Words(Role, String),
    /// A key row: the keys, padded so every description starts in one column, and what they do.
    Key {
        keys: String,
        does: String,
    },
}

/// The help's box in the body area of the window.
pub fn help_box(body: Rect) -> Rect {
    super::centred(body, WIDTH, body.height)
}

/// How far the help can scroll in this body area: its lines less the rows that show.
pub fn max_scroll(body: Rect, lines: usize) -> usize {
    lines.saturating_sub(usize::from(super::inner(help_box(body)).height))
}

/// Everything the help holds, wrapped for the box in `body`: a file's problem under
/// `--watch` (the status line has room for its start only), the handbook's title and
/// disclaimer, the keys by group, and how to close it.
pub fn lines(
    body: Rect,
    text: &Text,
    handbook: &Handbook,
    reload_error: Option<&str>,
    rows: &[HelpRow],
    ascii: bool,
) -> Vec<HelpLine> {
    let room = usize::from(help_box(body).width.saturating_sub(2)).max(1);
    let mut lines = Vec::new();
    let wrapped = |lines: &mut Vec<HelpLine>, words: &str, role| {
        for r in wrap_ranges(words, room) {
            lines.push(HelpLine::Words(role, words[r].to_owned()));
        }
    };
    if let Some(error) = reload_error {
        lines.push(HelpLine::Words(Role::Heading, text.file_error.clone()));
        wrapped(&mut lines, error, Role::Text);
        lines.push(HelpLine::Blank);
    }
    wrapped(&mut lines, &handbook.title, Role::Title);
    wrapped(&mut lines, &handbook.organisation, Role::Text);
    wrapped(&mut lines, &handbook.disclaimer, Role::Meta);
    lines.push(HelpLine::Blank);
    let keys_width = rows.iter().map(|r| r.keys.width()).max().unwrap_or(0);
    let mut group = None;
    for row in rows {
        if group != Some(row.group) {
            if group.is_some() {
                lines.push(HelpLine::Blank);
            }
            let name = match row.group {
                Group::Chapters => &text.group_chapters,
                Group::Reading => &text.group_reading,
                Group::Links => &text.group_links,
                Group::Search => &text.group_search,
                Group::Other => &text.group_other,
            };
            lines.push(HelpLine::Words(Role::Heading, name.clone()));
            group = Some(row.group);
        }
        let pad = keys_width.saturating_sub(row.keys.width());
        lines.push(HelpLine::Key {
            keys: format!("  {}{}  ", row.keys, " ".repeat(pad)),
            does: row.does.clone(),
        });
    }
    lines.push(HelpLine::Blank);
    lines.push(HelpLine::Words(
        Role::Meta,
        keymap::fill(&text.help_close, text, ascii),
    ));
    lines
}
