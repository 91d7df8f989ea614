//! The plain, linear text of the handbook: for `print`, for pipes, for `TERM=dumb`, and for
//! screen readers and braille displays. Each chapter is the same laid-out document the
//! interface shows (`doc`), each line drawn by the interface's own line drawing (`view::body`)
//! in plain styles and ASCII marks, then written as text with no escape sequence at all. What
//! is added here suits paper and applies to every kind alike: rules under the title and
//! headings, and where each cross-reference leads. Figures are given by their alt text. It
//! knows no block kind of its own.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::app::Look;
use crate::content::{Chapter, Date, Handbook};
use crate::doc::{Doc, DocContext, Figures, PREFIX_WIDTH, wrap_ranges};
use crate::theme::{Glyphs, Theme};
use crate::view::body::{self, Paint};

/// The narrowest text `print` lays out, whatever width it is given.
const MIN_WIDTH: usize = 10;

/// Plain styles and ASCII marks: nothing in the output depends on colour or on the glyphs a
/// terminal or braille table happens to have.
fn plain_look() -> Look {
    Look {
        theme: Theme::mono(crate::detect::Background::Light),
        glyphs: Glyphs::new(true),
        screen_reader: true,
    }
}

fn wrapped(out: &mut impl Write, text: &str, width: usize, lead: &str) -> io::Result<()> {
    let room = width.saturating_sub(lead.width()).max(MIN_WIDTH);
    for r in wrap_ranges(text, room) {
        writeln!(out, "{lead}{}", &text[r])?;
    }
    Ok(())
}

fn rule(out: &mut impl Write, ch: char, columns: usize, width: usize) -> io::Result<()> {
    writeln!(out, "{}", ch.to_string().repeat(columns.min(width).max(1)))
}

/// Where a cross-reference leads, as the reader finds it: the chapter's tab, then the
/// section's heading.
fn place(handbook: &Handbook, chapter: usize, section: Option<usize>) -> String {
    let Some(c) = handbook.chapters.get(chapter) else {
        return String::new();
    };
    match section.and_then(|s| c.sections.get(s)) {
        Some(s) => format!("{}, {}", c.tab, s.heading),
        None => c.tab.clone(),
    }
}

pub fn chapter(
    out: &mut impl Write,
    handbook: &Handbook,
    chapter: &Chapter,
    width: usize,
    today: Date,
) -> io::Result<()> {
    let width = width.max(MIN_WIDTH);
    let text = &handbook.text;
    let cx = DocContext {
        text,
        today,
        figures: Figures::AltText,
    };
    let doc = Doc::build(chapter, u16::try_from(width).unwrap_or(u16::MAX), cx);
    let look = plain_look();
    let paint = Paint {
        units: &chapter.units,
        text,
        look: &look,
        highlights: None,
        focus: None,
    };
    let see = text.see.to_lowercase();
    let mut widest = 0;
    for (i, l) in doc.lines.iter().enumerate() {
        let drawn: String = body::line(&paint, l)
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        let drawn = drawn.trim_end();
        writeln!(out, "{drawn}")?;
        widest = widest.max(drawn.width());
        let next = doc.lines.get(i + 1);
        let unit_ends = l.unit().is_some() && next.is_none_or(|n| n.unit() != l.unit());
        if !unit_ends {
            continue;
        }
        if let Some(ch) = l.kind.rule() {
            rule(out, ch, widest, width)?;
        }
        let target = l
            .unit()
            .and_then(|u| chapter.units.get(u))
            .and_then(|u| u.kind.target());
        if let Some(t) = target {
            let lead = " ".repeat(PREFIX_WIDTH);
            let note = format!("({see}: {})", place(handbook, t.chapter(), t.section()));
            wrapped(out, &note, width, &lead)?;
        }
        widest = 0;
    }
    Ok(())
}

/// A numbered table of contents: each chapter's title, as it heads the chapter below, in
/// reading order.
fn contents(out: &mut impl Write, handbook: &Handbook, width: usize) -> io::Result<()> {
    let heading = &handbook.text.contents;
    writeln!(out, "{heading}")?;
    rule(out, '-', heading.width(), width)?;
    let digits = handbook.chapters.len().to_string().len();
    for (i, c) in handbook.chapters.iter().enumerate() {
        let number = format!("{:>digits$}. ", i + 1);
        let entry = &c.title;
        let room = width.saturating_sub(number.width()).max(MIN_WIDTH);
        for (k, r) in wrap_ranges(entry, room).into_iter().enumerate() {
            let lead = if k == 0 {
                number.clone()
            } else {
                " ".repeat(number.width())
            };
            writeln!(out, "{lead}{}", &entry[r])?;
        }
    }
    Ok(())
}

/// The whole edition: its title, organisation and disclaimer, a table of contents, then every
/// chapter.
pub fn handbook(
    out: &mut impl Write,
    handbook: &Handbook,
    width: usize,
    today: Date,
) -> io::Result<()> {
    let width = width.max(MIN_WIDTH);
    wrapped(out, &handbook.title, width, "")?;
    rule(out, '#', handbook.title.width(), width)?;
    wrapped(out, &handbook.organisation, width, "")?;
    writeln!(out)?;
    wrapped(out, &handbook.disclaimer, width, "")?;
    writeln!(out)?;
    contents(out, handbook, width)?;
    for c in &handbook.chapters {
        writeln!(out)?;
        writeln!(out)?;
        chapter(out, handbook, c, width, today)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;

    const TODAY: Date = Date {
        year: 2026,
        month: 11,
        day: 23,
    };

    fn printed(handbook: &Handbook, chapter: &Chapter, width: usize) -> String {
        let mut out = Vec::new();
        super::chapter(&mut out, handbook, chapter, width, TODAY).expect("writes to a Vec");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn every_word_of_every_unit_is_printed_in_order_and_fits() {
        let library = content::load(None).library.expect("shipped handbook loads");
        for handbook in &library.editions {
            for chapter in &handbook.chapters {
                for width in [24, 60] {
                    let text = printed(handbook, chapter, width);
                    // Lines may break inside a hyphenated word, so compare without spaces,
                    // and without the ASCII marks in front of lines.
                    let squeeze = |s: &str| {
                        s.split_whitespace()
                            .collect::<String>()
                            .replace(['|', '*', '>'], "")
                    };
                    let all = squeeze(&text);
                    let mut at = 0;
                    for (_, unit) in chapter.units.with_text() {
                        let want = squeeze(unit);
                        let found = all[at..].find(&want);
                        assert!(found.is_some(), "{}: {want:?} missing", chapter.id);
                        at += found.unwrap_or(0) + want.len();
                    }
                    for line in text.lines() {
                        assert!(line.width() <= width, "{line:?} wider than {width}");
                        assert!(!line.contains('\x1b'));
                    }
                }
            }
        }
    }

    #[test]
    fn headings_are_ruled_off_and_links_say_where_they_lead() {
        let library = content::load(None).library.expect("shipped handbook loads");
        let en = &library.editions[0];
        let rupture = en.chapters.iter().find(|c| c.id == "rupture");
        let text = printed(en, rupture.expect("a rupture chapter"), 80);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Achilles tendon rupture");
        assert_eq!(lines[1], "=".repeat(lines[0].len()));
        let heading = lines.iter().position(|l| *l == "What to do right away");
        let heading = heading.expect("the heading is printed");
        assert_eq!(lines[heading + 1], "-".repeat(lines[heading].len()));
        assert!(text.contains("(see: Contact, "), "{text}");
        assert!(text.contains("| GET HELP NOW"), "{text}");
    }
}
