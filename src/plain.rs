//! The plain, linear text of the handbook: for `print`, for pipes, for `TERM=dumb`, and for
//! screen readers and braille displays. Headings, paragraphs, bullets, labelled callouts,
//! contacts and "(see: ...)" references, wrapped to a width, with no escape sequence at all.

use std::io::{self, Write};

use crate::content::{CalloutKind, Chapter, Handbook, UnitKind};
use crate::doc::wrap_ranges;
use crate::i18n::Lang;

/// Wraps `text` to `width`, each line after `first` on the first line and `rest` on the others.
fn wrapped(
    out: &mut impl Write,
    text: &str,
    width: usize,
    first: &str,
    rest: &str,
) -> io::Result<()> {
    let room = width.saturating_sub(first.chars().count()).max(10);
    for (i, r) in wrap_ranges(text, room).into_iter().enumerate() {
        let lead = if i == 0 { first } else { rest };
        writeln!(out, "{lead}{}", &text[r])?;
    }
    Ok(())
}

fn underline(out: &mut impl Write, text: &str, ch: char, width: usize) -> io::Result<()> {
    let n = unicode_width::UnicodeWidthStr::width(text)
        .min(width)
        .max(1);
    writeln!(out, "{}", ch.to_string().repeat(n))
}

pub fn chapter(
    out: &mut impl Write,
    handbook: &Handbook,
    chapter: &Chapter,
    width: usize,
) -> io::Result<()> {
    let lang = Lang::from_code(&handbook.language).unwrap_or(Lang::En);
    let t = lang.text();
    for (i, unit) in chapter.units.iter().enumerate() {
        let next = chapter.units.get(i + 1).map(|u| &u.kind);
        let text = unit.text.as_str();
        match &unit.kind {
            UnitKind::Title => {
                wrapped(out, text, width, "", "")?;
                underline(out, text, '=', width)?;
                let date = t.month_year(chapter.reviewed_on.month, chapter.reviewed_on.year, lang);
                wrapped(out, &format!("{} {date}", t.reviewed), width, "", "")?;
                writeln!(out)?;
            }
            UnitKind::Summary | UnitKind::Paragraph => {
                wrapped(out, text, width, "", "")?;
                writeln!(out)?;
            }
            UnitKind::Heading => {
                wrapped(out, text, width, "", "")?;
                underline(out, text, '-', width)?;
            }
            UnitKind::Bullet => {
                wrapped(out, text, width, "- ", "  ")?;
                if next != Some(&UnitKind::Bullet) {
                    writeln!(out)?;
                }
            }
            UnitKind::Callout(kind) => {
                let label = match kind {
                    CalloutKind::Urgent => t.get_help_now,
                    CalloutKind::Note => t.note,
                };
                writeln!(out, "{label}:")?;
                wrapped(out, text, width, "  ", "  ")?;
                writeln!(out)?;
            }
            UnitKind::ContactLabel { .. } => wrapped(out, text, width, "", "")?,
            UnitKind::ContactPhone => {
                wrapped(out, text, width, &format!("  {}: ", t.phone), "    ")?;
                if next != Some(&UnitKind::ContactHours) {
                    writeln!(out)?;
                }
            }
            UnitKind::ContactHours => {
                wrapped(out, text, width, &format!("  {}: ", t.hours), "    ")?;
                writeln!(out)?;
            }
            UnitKind::Link(target) => {
                let mut place = handbook
                    .chapters
                    .get(target.chapter)
                    .map_or(String::new(), |c| c.tab.clone());
                if let Some(s) = target
                    .section
                    .and_then(|s| handbook.chapters.get(target.chapter)?.sections.get(s))
                {
                    place.push_str(", ");
                    place.push_str(&s.heading);
                }
                let see = t.see.to_lowercase();
                wrapped(out, &format!("{text} ({see}: {place})"), width, "", "")?;
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

/// The whole edition: its title, organisation and disclaimer, then every chapter.
pub fn handbook(out: &mut impl Write, handbook: &Handbook, width: usize) -> io::Result<()> {
    wrapped(out, &handbook.title, width, "", "")?;
    underline(out, &handbook.title, '#', width)?;
    wrapped(out, &handbook.organisation, width, "", "")?;
    writeln!(out)?;
    wrapped(out, &handbook.disclaimer, width, "", "")?;
    writeln!(out)?;
    for c in &handbook.chapters {
        writeln!(out)?;
        chapter(out, handbook, c, width)?;
    }
    Ok(())
}
