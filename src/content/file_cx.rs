//! The per-file context of loading: which file, its text, where each line starts, and the
//! diagnostics found in it; plus the small checks every field goes through (cleaned and
//! non-empty text, dates, ids) and serde's messages rewritten for authors. Owns no policy about
//! what a handbook must contain.

use std::ops::Range;

use toml::Spanned;
use toml::value::Datetime;

use super::clean::clean_line;
use super::diagnostic::{Diagnostic, Place};
use super::model::Date;

/// Collects diagnostics for one file and cleans its text fields.
pub(super) struct FileCx<'a> {
    pub path: String,
    pub source: &'a str,
    pub out: &'a mut Vec<Diagnostic>,
    /// Byte offset of each line's start, to find a unit's line without rescanning the file.
    pub line_starts: Vec<usize>,
    /// Where in `source` the text being built was parsed from: spans from parsing a piece of
    /// the file on its own (one section, see `load::parse_chapter`) start from the piece.
    pub base: usize,
}

pub(super) fn line_starts(source: &str) -> Vec<usize> {
    // Bytes, not chars: a newline is one byte in UTF-8, and this runs over every file once.
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1))
        .collect()
}

impl<'a> FileCx<'a> {
    /// The context of a whole file: its line starts found once, spans counted from its start.
    pub fn new(path: String, source: &'a str, out: &'a mut Vec<Diagnostic>) -> Self {
        FileCx {
            path,
            line_starts: line_starts(source),
            source,
            out,
            base: 0,
        }
    }
}

impl FileCx<'_> {
    pub fn error(&mut self, span: Range<usize>, message: impl AsRef<str>) {
        self.out.push(Diagnostic::at_line(
            &self.path,
            self.source,
            &self.line_starts,
            self.base + span.start,
            message,
        ));
    }

    /// Where a span starts, as a line and column, for a problem reported after the file's
    /// text is dropped.
    pub fn place(&self, span: Range<usize>) -> Place {
        Place::of(self.source, &self.line_starts, self.base + span.start)
    }

    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|s| *s <= self.base + offset)
    }

    /// The file's text of a span, as written.
    pub fn written(&self, span: Range<usize>) -> &str {
        self.source
            .get(self.base + span.start..self.base + span.end)
            .unwrap_or("")
    }

    /// A required text field, cleaned; an error when nothing is left after cleaning.
    pub fn text(&mut self, field: &Spanned<String>, name: &str) -> String {
        let cleaned = clean_line(field.get_ref());
        if cleaned.is_empty() {
            self.error(
                field.span(),
                format!("`{name}` is empty; write some text for it"),
            );
        }
        cleaned
    }

    pub fn date(&mut self, field: &Spanned<Datetime>, name: &str) -> Date {
        let value = field.get_ref();
        match (value.date, value.time, value.offset) {
            (Some(d), None, None) => Date {
                year: d.year,
                month: d.month,
                day: d.day,
            },
            _ => {
                self.error(
                    field.span(),
                    format!("`{name}` must be a date alone, like 2026-11-01"),
                );
                Date {
                    year: 0,
                    month: 1,
                    day: 1,
                }
            }
        }
    }

    pub fn id(&mut self, field: &Spanned<String>, name: &str) -> String {
        let id = field.get_ref().clone();
        if !is_valid_id(&id) {
            self.error(
                field.span(),
                format!(
                    "`{name}` \"{id}\" may use only lowercase letters, digits and '-' (like \"care-team\")"
                ),
            );
        }
        id
    }

    pub fn parse<T: serde::de::DeserializeOwned>(&mut self) -> Option<T> {
        match toml::from_str::<T>(self.source) {
            Ok(v) => Some(v),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let message = explain_toml_error(e.message());
                self.error(span, message);
                None
            }
        }
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// serde's messages name Rust types; say what to do in the file instead.
fn explain_toml_error(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let field = rest.split(',').next().unwrap_or(rest);
        let expected = rest
            .split_once("expected ")
            .map(|(_, e)| format!("; the keys allowed here are {e}"))
            .unwrap_or_default();
        return format!("unknown key {field}{expected}. Check its spelling or remove it");
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("missing key {rest}; add it to this table");
    }
    message.to_owned()
}
