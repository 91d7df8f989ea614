//! Every kind of block a section may hold, defined in one place: its fields as the chapter file
//! writes them, the rules it must follow, the text units it becomes, and what sets those units
//! apart from others (prose or not, search tier, link target, whether they run on from the unit
//! before). Every question that differs by kind is an exhaustive `match` here, in `doc` (layout)
//! or in `view::body` (style), so a new kind is a compiler error in each place that must decide
//! about it. Reads no file and draws nothing.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;
use unicode_width::UnicodeWidthStr;

use super::chapter::{Pending, PendingLink};
use super::clean::clean;
use super::file_cx::FileCx;
use super::model::{Target, Units};
use super::phone::{self, Phone, PhoneError};
use crate::i18n::Text;

/// One block as written. Exactly one of the kind fields (`paragraph`, `bullets`, `callout`,
/// `contact`, `see`, `figure`, `checklist`, `message`) says what it is; the other fields go with some kinds only, which
/// [`build_block`] checks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBlock {
    pub paragraph: Option<Spanned<String>>,
    pub bullets: Option<Spanned<Vec<Spanned<String>>>>,
    pub callout: Option<Spanned<String>>,
    pub contact: Option<Spanned<String>>,
    pub see: Option<Spanned<String>>,
    pub figure: Option<Spanned<String>>,
    pub checklist: Option<Spanned<Vec<Spanned<String>>>>,
    pub message: Option<Spanned<String>>,
    pub text: Option<Spanned<String>>,
    pub phone: Option<Spanned<String>>,
    pub extension: Option<Spanned<String>>,
    pub hours: Option<Spanned<String>>,
    pub qr: Option<Spanned<bool>>,
    pub ascii: Option<Spanned<String>>,
    pub alt: Option<Spanned<String>>,
    pub caption: Option<Spanned<String>>,
}

/// Monospace art, kept exactly as drawn: one row per line, never wrapped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Art {
    pub text: String,
    /// The widest row, in columns as the terminal counts them.
    pub width: usize,
}

impl Art {
    /// The rows, each as a byte range of `text`.
    pub fn rows(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        let base = self.text.as_ptr() as usize;
        self.text.split('\n').map(move |row| {
            let start = row.as_ptr() as usize - base;
            start..start + row.len()
        })
    }
}

/// A figure's drawings. Its alt text is the unit's text and its caption the unit before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub art: Art,
    /// The same figure in ASCII, for `--ascii`; `None` when `art` needs no other.
    pub ascii: Option<Art>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CalloutKind {
    Urgent,
    Note,
}

/// What a text unit is. Title, summary and heading come from the chapter and its sections;
/// every other kind comes from a block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum UnitKind {
    Title,
    Summary,
    Heading,
    Paragraph,
    Bullet,
    Callout(CalloutKind),
    /// A contact entry's label; its phone number, extension and hours follow as their own
    /// units.
    ContactLabel {
        qr: bool,
    },
    /// The number as written; `dial` is the number it parses to, if it is exactly one (it
    /// must be when the contact has `qr = true`), with the contact's extension.
    ContactPhone {
        dial: Option<Box<Phone>>,
    },
    /// What to dial after the call connects (a menu option or an extension): digits only.
    ContactExtension,
    ContactHours,
    /// A cross-reference; the text is the words the reader sees.
    Link(Target),
    /// A drawing; the text is its alt text, which print, screen readers and search use.
    Figure(Box<Figure>),
    /// A figure's title, shown above its drawing or its alt text.
    Caption,
    /// One of the chapter's key points, the box every chapter opens with.
    KeyPoint,
    /// One item of a checklist (questions to ask, things to bring), with a box to tick on paper.
    Check,
}

impl UnitKind {
    /// Whether the unit is running prose, read as sentences: what readability grades.
    pub fn is_prose(&self) -> bool {
        match self {
            UnitKind::Summary
            | UnitKind::Paragraph
            | UnitKind::Bullet
            | UnitKind::Callout(_)
            | UnitKind::Figure(_)
            | UnitKind::Caption
            | UnitKind::KeyPoint
            | UnitKind::Check => true,
            UnitKind::Title
            | UnitKind::Heading
            | UnitKind::ContactLabel { .. }
            | UnitKind::ContactPhone { .. }
            | UnitKind::ContactExtension
            | UnitKind::ContactHours
            | UnitKind::Link(_) => false,
        }
    }

    /// Whether the unit names a chapter or section: search ranks these hits first and the
    /// results list shows them as headings.
    pub fn is_heading(&self) -> bool {
        match self {
            UnitKind::Title | UnitKind::Heading => true,
            UnitKind::Summary
            | UnitKind::Paragraph
            | UnitKind::Bullet
            | UnitKind::Callout(_)
            | UnitKind::ContactLabel { .. }
            | UnitKind::ContactPhone { .. }
            | UnitKind::ContactExtension
            | UnitKind::ContactHours
            | UnitKind::Link(_)
            | UnitKind::Figure(_)
            | UnitKind::Caption
            | UnitKind::KeyPoint
            | UnitKind::Check => false,
        }
    }

    /// Where the unit leads, if it is a cross-reference a reader can follow.
    pub fn target(&self) -> Option<Target> {
        match self {
            UnitKind::Link(target) => Some(*target),
            UnitKind::Title
            | UnitKind::Summary
            | UnitKind::Heading
            | UnitKind::Paragraph
            | UnitKind::Bullet
            | UnitKind::Callout(_)
            | UnitKind::ContactLabel { .. }
            | UnitKind::ContactPhone { .. }
            | UnitKind::ContactExtension
            | UnitKind::ContactHours
            | UnitKind::Figure(_)
            | UnitKind::Caption
            | UnitKind::KeyPoint
            | UnitKind::Check => None,
        }
    }

    /// The label the reader sees before the unit's text ("Phone", "Hours"), if it has one, in
    /// the interface's words: the layout leaves room for it, the view draws it and search finds
    /// the unit by it.
    pub fn label<'t>(&self, text: &'t Text) -> Option<&'t str> {
        match self {
            UnitKind::ContactPhone { .. } => Some(&text.phone),
            UnitKind::ContactExtension => Some(&text.extension),
            UnitKind::ContactHours => Some(&text.hours),
            UnitKind::Title
            | UnitKind::Summary
            | UnitKind::Heading
            | UnitKind::Paragraph
            | UnitKind::Bullet
            | UnitKind::Callout(_)
            | UnitKind::ContactLabel { .. }
            | UnitKind::Link(_)
            | UnitKind::Figure(_)
            | UnitKind::Caption
            | UnitKind::KeyPoint
            | UnitKind::Check => None,
        }
    }

    /// The drawing, if the unit is a figure.
    pub fn figure(&self) -> Option<&Figure> {
        match self {
            UnitKind::Figure(figure) => Some(figure),
            UnitKind::Title
            | UnitKind::Summary
            | UnitKind::Heading
            | UnitKind::Paragraph
            | UnitKind::Bullet
            | UnitKind::Callout(_)
            | UnitKind::ContactLabel { .. }
            | UnitKind::ContactPhone { .. }
            | UnitKind::ContactExtension
            | UnitKind::ContactHours
            | UnitKind::Link(_)
            | UnitKind::Caption
            | UnitKind::KeyPoint
            | UnitKind::Check => None,
        }
    }

    /// Whether the unit runs on from `prev` with no blank line between: items of one list, a
    /// contact's own lines, links in a row, and the first block under a heading.
    pub fn runs_on_from(&self, prev: &UnitKind) -> bool {
        if *prev == UnitKind::Heading {
            return true;
        }
        match self {
            UnitKind::Bullet => *prev == UnitKind::Bullet,
            UnitKind::ContactPhone { .. } => matches!(prev, UnitKind::ContactLabel { .. }),
            UnitKind::ContactExtension => matches!(prev, UnitKind::ContactPhone { .. }),
            UnitKind::ContactHours => matches!(
                prev,
                UnitKind::ContactPhone { .. } | UnitKind::ContactExtension
            ),
            UnitKind::Link(_) => prev.target().is_some(),
            UnitKind::Figure(_) => *prev == UnitKind::Caption,
            UnitKind::KeyPoint => *prev == UnitKind::KeyPoint,
            UnitKind::Check => *prev == UnitKind::Check,
            UnitKind::Title
            | UnitKind::Summary
            | UnitKind::Heading
            | UnitKind::Paragraph
            | UnitKind::Callout(_)
            | UnitKind::ContactLabel { .. }
            | UnitKind::Caption => false,
        }
    }
}

/// The kind fields, as error messages list them.
const BLOCK_KINDS: &str =
    "`paragraph`, `bullets`, `callout`, `contact`, `see`, `figure`, `checklist` or `message`";

/// Checks one block and appends its units to `units`; links and QR codes are left in
/// `pending` for the edition-wide checks.
pub(super) fn build_block(
    cx: &mut FileCx<'_>,
    section: usize,
    block: &Spanned<RawBlock>,
    units: &mut Units,
    pending: &mut Pending,
) {
    let b = block.get_ref();
    let span = block.span();
    let kinds = [
        b.paragraph.is_some(),
        b.bullets.is_some(),
        b.callout.is_some(),
        b.contact.is_some(),
        b.see.is_some(),
        b.figure.is_some(),
        b.checklist.is_some(),
        b.message.is_some(),
    ];
    match kinds.iter().filter(|k| **k).count() {
        0 => return cx.error(span, format!("this block needs one of {BLOCK_KINDS}")),
        1 => {}
        _ => {
            return cx.error(
                span,
                format!(
                    "this block has more than one of {BLOCK_KINDS}; split it into separate blocks"
                ),
            );
        }
    }
    // Every unit of a block is reported at the block's own line.
    let line = cx.line_of(span.start);
    let first_unit = units.len();
    let mut push = |kind: UnitKind, text: String| units.push(Some(section), kind, &text, line);
    // Fields that belong to other kinds of block are mistakes worth pointing at.
    let stray = |cx: &mut FileCx<'_>, allowed: &[&str]| {
        let fields: [(&str, Option<Range<usize>>); 8] = [
            ("text", b.text.as_ref().map(Spanned::span)),
            ("phone", b.phone.as_ref().map(Spanned::span)),
            ("extension", b.extension.as_ref().map(Spanned::span)),
            ("hours", b.hours.as_ref().map(Spanned::span)),
            ("qr", b.qr.as_ref().map(Spanned::span)),
            ("ascii", b.ascii.as_ref().map(Spanned::span)),
            ("alt", b.alt.as_ref().map(Spanned::span)),
            ("caption", b.caption.as_ref().map(Spanned::span)),
        ];
        for (name, field_span) in fields {
            if let Some(s) = field_span
                && !allowed.contains(&name)
            {
                cx.error(s, format!("`{name}` does not belong in this kind of block"));
            }
        }
    };
    if let Some(p) = &b.paragraph {
        stray(cx, &[]);
        let text = cx.text(p, "paragraph");
        push(UnitKind::Paragraph, text);
    } else if let Some(list) = &b.checklist {
        stray(cx, &[]);
        if list.get_ref().is_empty() {
            cx.error(list.span(), "`checklist` is empty; add at least one item");
        }
        for item in list.get_ref() {
            let text = cx.text(item, "checklist");
            push(UnitKind::Check, text);
        }
    } else if let Some(name) = &b.message {
        stray(cx, &[]);
        match name.get_ref().as_str() {
            "urgent" => {
                pending.messages.push((first_unit, cx.place(name.span())));
                // The text is the edition's urgent message, filled in once the manifest is
                // known to have one.
                push(UnitKind::Callout(CalloutKind::Urgent), String::new());
            }
            other => cx.error(
                name.span(),
                format!("message \"{other}\" is unknown; the only shared message is \"urgent\""),
            ),
        }
    } else if let Some(list) = &b.bullets {
        stray(cx, &[]);
        if list.get_ref().is_empty() {
            cx.error(list.span(), "`bullets` is empty; add at least one item");
        }
        for item in list.get_ref() {
            let text = cx.text(item, "bullets");
            push(UnitKind::Bullet, text);
        }
    } else if let Some(kind) = &b.callout {
        stray(cx, &["text"]);
        let kind_value = match kind.get_ref().as_str() {
            "urgent" => CalloutKind::Urgent,
            "note" => CalloutKind::Note,
            other => {
                cx.error(
                    kind.span(),
                    format!("callout kind \"{other}\" is unknown; use \"urgent\" or \"note\""),
                );
                CalloutKind::Note
            }
        };
        match &b.text {
            Some(t) => {
                let text = cx.text(t, "text");
                push(UnitKind::Callout(kind_value), text);
            }
            None => cx.error(span, "a callout needs `text`"),
        }
    } else if let Some(label) = &b.contact {
        stray(cx, &["phone", "extension", "hours", "qr"]);
        let label = cx.text(label, "contact");
        let qr = b.qr.as_ref().is_some_and(|q| *q.get_ref());
        if let Some(q) = b.qr.as_ref().filter(|q| *q.get_ref()) {
            pending.qr.push(cx.place(q.span()));
        }
        push(UnitKind::ContactLabel { qr }, label);
        let extension = b.extension.as_ref().and_then(|e| {
            let text = cx.text(e, "extension");
            match phone::parse_extension(&text) {
                Ok(digits) => Some(digits),
                Err(problem) => {
                    cx.error(at(cx, e, &text, &problem), problem.message);
                    None
                }
            }
        });
        match &b.phone {
            Some(p) => {
                let text = cx.text(p, "phone");
                let dial = match phone::parse(&text) {
                    Ok(number) => Some(Box::new(Phone {
                        extension: extension.clone(),
                        ..number
                    })),
                    Err(problem) => {
                        // Only a number offered as a QR code must be one a phone can dial;
                        // any other is shown as written, for people to read.
                        if qr && !text.is_empty() {
                            cx.error(
                                at(cx, p, &text, &problem),
                                format!(
                                    "this contact has `qr = true`, so `phone` must be exactly one number a phone can dial: {}",
                                    problem.message
                                ),
                            );
                        }
                        None
                    }
                };
                push(UnitKind::ContactPhone { dial }, text);
            }
            None => cx.error(span, "a contact needs `phone`"),
        }
        if let Some(digits) = extension {
            push(UnitKind::ContactExtension, digits);
        }
        if let Some(h) = &b.hours {
            let hours = cx.text(h, "hours");
            push(UnitKind::ContactHours, hours);
        }
    } else if let Some(target) = &b.see {
        stray(cx, &["text"]);
        let Some(t) = &b.text else {
            return cx.error(
                span,
                "a `see` block needs `text`: the words the reader sees",
            );
        };
        let text = cx.text(t, "text");
        pending.links.push(PendingLink {
            unit: first_unit,
            target: target.get_ref().clone(),
            at: cx.place(target.span()),
        });
        push(UnitKind::Link(Target::new(0, None)), text);
    } else if let Some(drawing) = &b.figure {
        stray(cx, &["ascii", "alt", "caption"]);
        let drawn = art(cx, drawing, "figure");
        let ascii = b.ascii.as_ref().and_then(|a| {
            let ascii = art(cx, a, "ascii")?;
            if let Some(c) = ascii.text.chars().find(|c| is_drawing_symbol(*c)) {
                cx.error(
                    a.span(),
                    format!("`ascii` has {c:?}, which is not ASCII; draw it with ASCII characters"),
                );
            }
            Some(ascii)
        });
        if let Some(art) = &drawn
            && ascii.is_none()
            && b.ascii.is_none()
            && let Some(c) = art.text.chars().find(|c| is_drawing_symbol(*c))
        {
            cx.error(
                drawing.span(),
                format!(
                    "this figure draws with {c:?}, which is not ASCII; add `ascii`, the same figure in ASCII characters, for terminals that cannot show it"
                ),
            );
        }
        let Some(alt) = &b.alt else {
            return cx.error(
                span,
                "a figure needs `alt`: a few sentences saying what it shows, for print, screen readers and search",
            );
        };
        let alt = cx.text(alt, "alt");
        // The caption stands above, as the figure's title: a search hit on it, or a jump to
        // it, then shows the drawing below it.
        if let Some(c) = &b.caption {
            let caption = cx.text(c, "caption");
            push(UnitKind::Caption, caption);
        }
        if let Some(art) = drawn {
            push(UnitKind::Figure(Box::new(Figure { art, ascii })), alt);
        }
    }
}

/// A character a drawing may not use in ASCII: anything outside ASCII but letters, which are the
/// labels' words and show wherever the handbook's text does.
/// Where in the file a problem `problem.offset` bytes into a field's cleaned text stands: at
/// that character when the file writes the value as a plain quoted string (no escapes, nothing
/// cleaned away), else at the value.
fn at(
    cx: &FileCx<'_>,
    field: &Spanned<String>,
    cleaned: &str,
    problem: &PhoneError,
) -> Range<usize> {
    let span = field.span();
    let written = cx.written(span.clone());
    let plain = written.len() == cleaned.len() + 2
        && written.get(1..written.len() - 1) == Some(cleaned)
        && field.get_ref() == cleaned;
    if plain && problem.offset <= cleaned.len() {
        let start = span.start + 1 + problem.offset;
        start..start
    } else {
        span
    }
}

fn is_drawing_symbol(c: char) -> bool {
    !c.is_ascii() && !c.is_alphabetic()
}

/// A drawing as written: cleaned (control characters removed, tabs expanded), spaces at the
/// ends of rows and blank rows above and below dropped, everything else kept exactly.
fn art(cx: &mut FileCx<'_>, field: &Spanned<String>, name: &str) -> Option<Art> {
    let cleaned = clean(field.get_ref());
    let rows: Vec<&str> = cleaned.split('\n').map(str::trim_end).collect();
    let first = rows.iter().position(|r| !r.is_empty());
    let last = rows.iter().rposition(|r| !r.is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        cx.error(field.span(), format!("`{name}` is empty; draw the figure"));
        return None;
    };
    let rows = &rows[first..=last];
    Some(Art {
        width: rows.iter().map(|r| r.width()).max().unwrap_or(0),
        text: rows.join("\n"),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::UnitKind;
    use crate::content::{Loaded, load_files};

    const MANIFEST: &str = "title = \"T\"\norganisation = \"O\"\nlanguage = \"en\"\nlanguage_name = \"E\"\nversion = \"1\"\nreviewed_on = 2026-01-01\nreview_due = 2027-01-01\ndisclaimer = \"D\"\nchapters = [\"one\"]\n";

    fn load_block(block: &str) -> Loaded {
        let chapter = format!(
            "tab = \"One\"\ntitle = \"One\"\nsummary = \"S.\"\nreviewed_on = 2026-01-01\nreview_due = 2027-01-01\n[[sections]]\nid = \"a\"\nheading = \"A\"\n[[sections.blocks]]\n{block}"
        );
        let files: BTreeMap<String, Vec<u8>> = [
            ("handbook.toml".to_owned(), MANIFEST.as_bytes().to_vec()),
            ("one.toml".to_owned(), chapter.into_bytes()),
        ]
        .into();
        load_files("t", files)
    }

    fn errors(block: &str) -> Vec<String> {
        load_block(block)
            .errors()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_qr_number_that_is_not_exactly_one_number_is_refused_at_the_character() {
        // Line 10 is the contact, 11 its phone; the value's first character is column 10.
        let e = errors("contact = \"Team\"\nphone = \"310-423-4566, option 2\"\nqr = true\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("t/one.toml:11:22:"), "{e:?}");
        assert!(e[0].contains("qr = true"), "{e:?}");
        assert!(e[0].contains("extension = \"2\""), "{e:?}");
        let e = errors("contact = \"Team\"\nphone = \"３１０-423-4566\"\nqr = true\n");
        assert!(e[0].starts_with("t/one.toml:11:10:"), "{e:?}");
        assert!(e[0].contains("digits 0-9"), "{e:?}");
        // Written with an escape, the offset in the text is not a column: the value is named.
        let e = errors("contact = \"Team\"\nphone = \"\\u0033 CALL\"\nqr = true\n");
        assert!(e[0].starts_with("t/one.toml:11:9:"), "{e:?}");
        // A number that is not offered as a code is shown as written.
        assert!(
            errors("contact = \"Team\"\nphone = \"1-800-CEDARS-1 (1-800-233-2771)\"\n").is_empty()
        );
    }

    #[test]
    fn an_extension_is_its_own_line_and_never_part_of_the_number() {
        let loaded = load_block(
            "contact = \"Team\"\nphone = \"(310) 423-4566\"\nextension = \"2\"\nhours = \"9-5\"\nqr = true\n",
        );
        let library = loaded.library.expect("loads");
        let chapter = &library.editions[0].chapters[0];
        let kinds: Vec<(&UnitKind, &str)> = chapter
            .units
            .iter()
            .skip_while(|u| !matches!(u.kind, UnitKind::ContactLabel { .. }))
            .map(|u| (&u.kind, chapter.units.text_of(u)))
            .collect();
        assert_eq!(kinds.len(), 4, "{kinds:?}");
        assert_eq!(kinds[1].1, "(310) 423-4566");
        assert_eq!(kinds[2], (&UnitKind::ContactExtension, "2"));
        let phone = chapter.qr_phone().expect("a number");
        assert_eq!(phone.tel_uri(), "tel:+13104234566");
        assert_eq!(phone.extension.as_deref(), Some("2"));
        let e = errors("contact = \"Team\"\nphone = \"310-423-4566\"\nextension = \"option 2\"\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("t/one.toml:12:14:"), "{e:?}");
        let e = errors("paragraph = \"P.\"\nextension = \"2\"\n");
        assert!(e[0].contains("`extension` does not belong"), "{e:?}");
    }

    #[test]
    fn a_figure_keeps_its_rows_exactly() {
        let loaded = load_block(
            "figure = '''\n\n   /\\\n  /  \\   \n /____\\\n\n'''\nalt = \"A triangle.\"\ncaption = \"A roof.\"\n",
        );
        let library = loaded.library.expect("loads");
        let units = &library.editions[0].chapters[0].units;
        let figure = units
            .iter()
            .find_map(|u| u.kind.figure())
            .expect("a figure");
        assert_eq!(figure.art.text, "   /\\\n  /  \\\n /____\\");
        assert_eq!(figure.art.width, 7);
        assert_eq!(figure.ascii, None, "ASCII art needs no second drawing");
        let rows: Vec<&str> = figure.art.rows().map(|r| &figure.art.text[r]).collect();
        assert_eq!(rows, ["   /\\", "  /  \\", " /____\\"]);
        let texts: Vec<&str> = units.with_text().map(|(_, t)| t).collect();
        assert!(texts.ends_with(&["A roof.", "A triangle."]), "{texts:?}");
    }

    #[test]
    fn a_figure_without_alt_text_is_an_error_at_the_block() {
        let e = errors("figure = '''\n /\\\n'''\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("t/one.toml:9:"), "{e:?}");
        assert!(e[0].contains("needs `alt`"), "{e:?}");
    }

    #[test]
    fn drawing_symbols_need_an_ascii_drawing_in_ascii() {
        let e = errors("figure = '''\n──┐\n'''\nalt = \"A corner.\"\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].contains("add `ascii`"), "{e:?}");
        let e = errors("figure = '''\n──┐\n'''\nascii = '''\n──+\n'''\nalt = \"A corner.\"\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].contains("`ascii` has '─'"), "{e:?}");
        // Letters of any language are words, not drawing, and need no ASCII stand-in.
        let ok = errors("figure = '''\n talón -->\n'''\nalt = \"The heel.\"\n");
        assert!(ok.is_empty(), "{ok:?}");
        let ok = errors("figure = '''\n──┐\n'''\nascii = '''\n--+\n'''\nalt = \"A corner.\"\n");
        assert!(ok.is_empty(), "{ok:?}");
    }

    #[test]
    fn figure_fields_elsewhere_and_empty_figures_are_errors() {
        let e = errors("paragraph = \"Text.\"\nalt = \"No.\"\n");
        assert!(
            e.iter().any(|m| m.contains("`alt` does not belong")),
            "{e:?}"
        );
        let e = errors("figure = '''\n\n   \n'''\nalt = \"Nothing.\"\n");
        assert!(e.iter().any(|m| m.contains("`figure` is empty")), "{e:?}");
        let e = errors("figure = '''\n/\\\n'''\nalt = \"A.\"\ntext = \"B.\"\n");
        assert!(
            e.iter().any(|m| m.contains("`text` does not belong")),
            "{e:?}"
        );
    }
}
