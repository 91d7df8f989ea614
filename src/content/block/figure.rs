//! A figure's drawings: monospace art kept exactly as drawn, one row per line, never wrapped,
//! and the same figure in ASCII for `--ascii`; how a drawing as written is trimmed and
//! measured, and which characters need an ASCII stand-in. The figure block's other rules (its
//! alt text and caption) are `build`'s, and laying a drawing out is `doc`'s. Reads no file and
//! draws nothing.

use serde::{Deserialize, Serialize};
use toml::Spanned;
use unicode_width::UnicodeWidthStr;

use crate::content::clean::clean;
use crate::content::file_cx::FileCx;

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

/// A character a drawing may not use in ASCII: anything outside ASCII but letters, which are the
/// labels' words and show wherever the handbook's text does.
pub(super) fn is_drawing_symbol(c: char) -> bool {
    !c.is_ascii() && !c.is_alphabetic()
}

/// A drawing as written: cleaned (control characters removed, tabs expanded), spaces at the
/// ends of rows and blank rows above and below dropped, everything else kept exactly.
pub(super) fn art(cx: &mut FileCx<'_>, field: &Spanned<String>, name: &str) -> Option<Art> {
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
    use super::super::tests::{errors, load_block};

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
