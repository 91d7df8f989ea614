//! Parsing and building one chapter file: one section at a time when the file allows it, so
//! the parser's tree of a large file is never held whole, and the whole file at once
//! otherwise, which is also what reports every problem. Both give exactly the same chapter
//! and the same messages. Reads no file; what a chapter must hold is `chapter`'s to say.

use super::chapter::{Builder, Pending, build_chapter};
use super::diagnostic::Diagnostic;
use super::file_cx::FileCx;
use super::model::Chapter;
use super::raw::{RawChapter, RawHead, RawSections};

/// Parses and builds one chapter from its text, with what it leaves to the edition-wide checks.
// Measured: parsing an edition's chapters on several threads saved a fifth of the time on a
// 10 MB handbook but held every chapter's parse tree at once, more than doubling peak memory.
pub(super) fn parse_chapter(
    id: &str,
    path: String,
    text: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<(Chapter, Pending)> {
    let mut cx = FileCx::new(path, text, out);
    if let Some(built) = by_section(&mut cx, id) {
        return Some(built);
    }
    let raw = cx.parse::<RawChapter>()?;
    Some(build_chapter(&mut cx, id, raw))
}

/// A chapter file's own fields end, and each section starts, at a line that is exactly this.
const SECTION_LINE: &str = "\n[[sections]]\n";

/// Builds a chapter by parsing its file in pieces, one section at a time, when every piece
/// parses on its own: its own fields (the text before the first `[[sections]]` line), then
/// from each `[[sections]]` line to the next. The parser's tree of a piece is dropped before
/// the next is parsed, where a whole file's tree is many times the file's size (a 1.3 MB
/// chapter's took 13 MB). A line that only looks like a section's start (inside a multi-line
/// string or an array) leaves the piece before it unfinished, so it fails to parse, as does
/// anything else a piece may not hold (sections before the first such line, any other
/// table); then `None`, with nothing reported, and the file is parsed whole, which reports
/// exactly what is wrong where it is.
fn by_section(cx: &mut FileCx<'_>, id: &str) -> Option<(Chapter, Pending)> {
    let source = cx.source;
    let starts: Vec<usize> = memchr::memmem::find_iter(source.as_bytes(), SECTION_LINE)
        .map(|at| at + 1)
        .collect();
    let first = *starts.first()?;
    // What this finds is only kept when every piece parses.
    let mut found = Vec::new();
    let mut piece = FileCx {
        path: cx.path.clone(),
        source,
        out: &mut found,
        line_starts: std::mem::take(&mut cx.line_starts),
        base: 0,
    };
    let built = (|| {
        let head: RawHead = toml::from_str(&source[..first]).ok()?;
        let mut builder = Builder::new(&mut piece, id, &head);
        let ends = starts.iter().skip(1).copied().chain([source.len()]);
        for (start, end) in starts.iter().copied().zip(ends) {
            let raw: RawSections = toml::from_str(&source[start..end]).ok()?;
            piece.base = start;
            for section in &raw.sections {
                builder.section(&mut piece, section);
            }
        }
        Some(builder.finish())
    })();
    cx.line_starts = std::mem::take(&mut piece.line_starts);
    if built.is_some() {
        cx.out.append(&mut found);
    }
    built
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chapter and messages of parsing `text` whole, as files that cannot be parsed by
    /// section are.
    fn whole(text: &str) -> (Option<(Chapter, Vec<String>)>, Vec<Diagnostic>) {
        let mut out = Vec::new();
        let mut cx = FileCx::new("t/one.toml".to_owned(), text, &mut out);
        let built = cx.parse::<RawChapter>().map(|raw| {
            let (chapter, pending) = build_chapter(&mut cx, "one", raw);
            (chapter, places(&pending))
        });
        (built, out)
    }

    fn by_pieces(text: &str) -> (Option<(Chapter, Vec<String>)>, Vec<Diagnostic>) {
        let mut out = Vec::new();
        let built = parse_chapter("one", "t/one.toml".to_owned(), text, &mut out)
            .map(|(chapter, pending)| (chapter, places(&pending)));
        (built, out)
    }

    /// Whether `text` is parsed by section, not whole.
    fn split(text: &str) -> bool {
        let mut out = Vec::new();
        let mut cx = FileCx::new("t/one.toml".to_owned(), text, &mut out);
        by_section(&mut cx, "one").is_some()
    }

    /// What a chapter leaves to the edition's checks, with where each stands.
    fn places(pending: &Pending) -> Vec<String> {
        let links = pending
            .links
            .iter()
            .map(|l| format!("{} {} {:?}", l.unit, l.target, l.at));
        let qr = pending.qr.iter().map(|at| format!("qr {at:?}"));
        let messages = pending
            .messages
            .iter()
            .map(|(u, at)| format!("message {u} {at:?}"));
        links.chain(qr).chain(messages).collect()
    }

    const HEAD: &str = "tab = \"One\"\ntitle = \"One\"\nsummary = \"S.\"\nreviewed_on = 2026-01-01\nreview_due = 2027-01-01\n";

    #[test]
    fn every_shipped_chapter_is_the_same_by_section_as_whole() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook");
        let mut files = 0;
        for edition in ["en", "es"] {
            for entry in std::fs::read_dir(root.join(edition)).unwrap() {
                let path = entry.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                if !text.contains(SECTION_LINE) || !text.contains("tab =") {
                    continue;
                }
                files += 1;
                // Its sections again, as the large handbook repeats them, for more pieces.
                let sections = text.split_once("\n[[sections]]").unwrap().1;
                let again = sections.replace("id = \"", "id = \"again-");
                let text = format!("{}\n[[sections]]{again}", text.trim_end());
                assert!(split(&text), "{}", path.display());
                assert_eq!(by_pieces(&text), whole(&text), "{}", path.display());
            }
        }
        assert!(files >= 7, "{files}");
    }

    #[test]
    fn files_that_cannot_be_parsed_by_section_are_parsed_whole_with_the_same_result() {
        let block = "[[sections.blocks]]\nparagraph = \"P.\"\n";
        let section = |id: &str| format!("\n[[sections]]\nid = \"{id}\"\nheading = \"H\"\n{block}");
        let cases = [
            // Fine, and parsed by section.
            format!("{HEAD}{}{}", section("a"), section("b")),
            // A section id used twice, in two pieces.
            format!("{HEAD}{}{}", section("a"), section("a")),
            // A section's start inside a multi-line string.
            format!(
                "{HEAD}{}[[sections.blocks]]\nparagraph = \"\"\"\n[[sections]]\nid = \"x\"\n\"\"\"\n{}",
                section("a"),
                section("b")
            ),
            // The same inside an array.
            format!(
                "{HEAD}{}[[sections.blocks]]\nbullets = [\"a\",\n[[sections]]\n]\n{}",
                section("a"),
                section("b")
            ),
            // Sections written another way before the first plain `[[sections]]` line.
            format!(
                "{HEAD}[[ sections ]]\nid = \"a\"\nheading = \"H\"\n{block}{}",
                section("b")
            ),
            format!("{HEAD}sections = []\n{}", section("b")),
            // Another table in a piece, and a broken piece.
            format!("{HEAD}{}[other]\nx = 1\n{}", section("a"), section("b")),
            format!("{HEAD}{}\n[[sections]]\nid = \"b\"\n{block}", section("a")),
            format!(
                "{HEAD}{}\n[[sections]]\nid = \"b\"\nheading = \"H\"\n[[sections.blocks]]\nparagraph = \"P.\"\nwhat = 1\n",
                section("a")
            ),
            // A missing field of the chapter's own, a bad date, and a link, a QR code and a
            // shared message in a later piece, located there.
            format!(
                "tab = \"One\"\ntitle = \"One\"\nreviewed_on = 2026-01-01\nreview_due = 2027-01-01\n{}{}",
                section("a"),
                section("b")
            ),
            format!(
                "tab = \"One\"\ntitle = \"One\"\nsummary = \"S.\"\nreviewed_on = 2026-01-01\nreview_due = 2025-01-01\n{}{}",
                section("a"),
                section("b")
            ),
            format!(
                "{HEAD}{}\n[[sections]]\nid = \"B\"\nheading = \"  \"\n[[sections.blocks]]\nsee = \"two#x\"\ntext = \"Go\"\n[[sections.blocks]]\ncontact = \"C\"\nphone = \"310-423-4566, option 2\"\nqr = true\n[[sections.blocks]]\nmessage = \"urgent\"\n",
                section("a")
            ),
            // Windows line ends: not split, parsed whole.
            format!("{HEAD}{}{}", section("a"), section("b")).replace('\n', "\r\n"),
        ];
        for text in &cases {
            let (built, found) = by_pieces(text);
            assert_eq!((built.clone(), found.clone()), whole(text), "{text}");
        }
        // Parsed by section: the fine file, and those whose problems are the chapter's, not
        // its syntax's (reported from the pieces, at the same places).
        let split_cases: Vec<bool> = cases.iter().map(|t| split(t)).collect();
        assert_eq!(
            split_cases,
            [
                true, true, false, false, false, false, false, false, false, false, true, true,
                false
            ]
        );
        assert!(!by_pieces(&cases[1]).1.is_empty());
        assert!(
            by_pieces(&cases[11]).1.len() >= 3,
            "{:?}",
            by_pieces(&cases[11]).1
        );
    }
}
