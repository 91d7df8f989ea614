//! Located problems found while loading a handbook, in the `path:line:col: message` form that
//! editors and people both read. Owns turning byte offsets into lines and columns; it never
//! decides what is a problem.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::clean::clean_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    pub path: String,
    /// 1-based; 0 when the problem is about the file as a whole (it is missing, say).
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    /// A problem at a byte offset of `source`. The message is cleaned, since it may quote the
    /// file's own text.
    pub fn at(path: &str, source: &str, offset: usize, message: impl AsRef<str>) -> Self {
        let (line, column) = line_column(source, offset);
        Diagnostic::error(path, line, column, message)
    }

    /// An error at a known line and column, with path and message cleaned.
    fn error(path: &str, line: usize, column: usize, message: impl AsRef<str>) -> Self {
        Diagnostic {
            path: clean_line(path),
            line,
            column,
            severity: Severity::Error,
            message: clean_line(message.as_ref()),
        }
    }

    /// A problem at a byte offset of `source`, located with the file's line starts (see
    /// `file_cx::line_starts`): a binary search and a count within one line, so a file with
    /// many problems is not rescanned from its start for each.
    pub fn at_line(
        path: &str,
        source: &str,
        line_starts: &[usize],
        offset: usize,
        message: impl AsRef<str>,
    ) -> Self {
        Diagnostic::at_place(path, Place::of(source, line_starts, offset), message)
    }

    /// A problem at a place found while the file's text was at hand.
    pub fn at_place(path: &str, place: Place, message: impl AsRef<str>) -> Self {
        Diagnostic::error(path, place.line, place.column, message)
    }

    /// A problem with a whole file or folder, not a place in it.
    pub fn file(path: &str, message: impl AsRef<str>) -> Self {
        Diagnostic::error(path, 0, 0, message)
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}:{}: ", self.path, self.line, self.column)?;
        } else {
            write!(f, "{}: ", self.path)?;
        }
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        f.write_str(&self.message)
    }
}

/// A line and column of a file, 1-based (the column in characters): what a problem found
/// only after the file's text is gone (a link checked against the whole edition) is located
/// by, so the text need not be kept for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub column: usize,
}

impl Place {
    /// The place of a byte offset of `source`, located with the file's line starts (see
    /// `file_cx::line_starts`): a binary search and a count within one line, so a file with
    /// many problems is not rescanned from its start for each.
    pub fn of(source: &str, line_starts: &[usize], offset: usize) -> Place {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = line_starts.partition_point(|s| *s <= offset).max(1);
        let start = line_starts.get(line - 1).copied().unwrap_or(0).min(offset);
        let column = source[start..offset].chars().count() + 1;
        Place { line, column }
    }
}

/// 1-based line and character column of a byte offset. Offsets past the end, or inside a
/// multi-byte character, are clamped to the nearest character boundary before them.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let src = "a = 1\nbé = 2\n";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 6), (2, 1));
        // 'é' is two bytes; the '=' after "bé " is the 4th character of line 2.
        assert_eq!(line_column(src, 10), (2, 4));
        assert_eq!(line_column(src, 999), (3, 1));
        assert_eq!(line_column(src, 8), (2, 2));
    }

    #[test]
    fn line_starts_locate_like_a_rescan() {
        let src = "a = 1\nbé = 2\n\nx";
        let starts: Vec<usize> = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        for offset in 0..=src.len() + 3 {
            let a = Diagnostic::at("f", src, offset, "m");
            let b = Diagnostic::at_line("f", src, &starts, offset, "m");
            assert_eq!((a.line, a.column), (b.line, b.column), "offset {offset}");
        }
    }

    #[test]
    fn display_is_path_line_column_message() {
        let d = Diagnostic::at("en/rupture.toml", "x\ny", 2, "bad\u{1b}[2J thing");
        assert_eq!(d.to_string(), "en/rupture.toml:2:1: bad[2J thing");
        let w = Diagnostic::file("en", "no chapters").warning();
        assert_eq!(w.to_string(), "en: warning: no chapters");
    }
}
