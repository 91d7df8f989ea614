//! Checking one block as written and turning it into text units: exactly one kind field, no
//! field that belongs to another kind, every text cleaned and not empty, a contact's number
//! parsed (strictly when it is offered as a QR code), a figure's drawings and alt text. Links,
//! QR codes and the urgent message are left for the edition-wide checks in `chapter`. What the
//! kinds are and what sets their units apart is `block`'s; reads no file and draws nothing.

use std::ops::Range;

use toml::Spanned;

use super::figure::{Figure, art, is_drawing_symbol};
use super::{CalloutKind, RawBlock, UnitKind};
use crate::content::chapter::{Pending, PendingLink};
use crate::content::file_cx::FileCx;
use crate::content::model::{Target, Units};
use crate::content::phone::{self, Phone, PhoneError};

/// The kind fields, as error messages list them.
const BLOCK_KINDS: &str =
    "`paragraph`, `bullets`, `callout`, `contact`, `see`, `figure`, `checklist` or `message`";

/// Checks one block and appends its units to `units`; links and QR codes are left in
/// `pending` for the edition-wide checks.
pub(in crate::content) fn build_block(
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
    } else if let Some((list, field, kind)) = b
        .checklist
        .as_ref()
        .map(|l| (l, "checklist", UnitKind::Check))
        .or_else(|| b.bullets.as_ref().map(|l| (l, "bullets", UnitKind::Bullet)))
    {
        // A list of either kind: one unit per item, and at least one item.
        stray(cx, &[]);
        if list.get_ref().is_empty() {
            cx.error(
                list.span(),
                format!("`{field}` is empty; add at least one item"),
            );
        }
        for item in list.get_ref() {
            let text = cx.text(item, field);
            push(kind.clone(), text);
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

#[cfg(test)]
mod tests {
    use super::super::tests::{errors, load_block};
    use super::UnitKind;

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
}
