//! Property tests of the loader: arbitrary manifests and mutated chapters of the real handbook
//! never panic, and every located diagnostic points inside the file it names. Plus fixed cases
//! of the error wording people see.

use std::collections::BTreeMap;
use std::path::Path;

use achilles_handbook::content::{Diagnostic, Loaded, Severity, load_files};
use proptest::prelude::*;
use proptest::test_runner::Config;

const PREFIX: &str = "t";

/// Cases of the mutated-chapter property. Each case loads the whole real edition (a few ms in
/// a debug build once clean's ASCII fast path is in; ~20 ms before it). Measured: ~35 s for
/// this file on two cores. Lower this, not the 20,000 arbitrary-manifest cases, if it gets slow.
const MUTATED_CASES: u32 = 5_000;

/// The real English edition, read from disk: file name → bytes.
fn real_files() -> BTreeMap<String, Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook/en");
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("handbook/en is readable") {
        let entry = entry.expect("directory entry");
        let name = entry.file_name().into_string().expect("UTF-8 file name");
        if name.ends_with(".toml") {
            files.insert(name, std::fs::read(entry.path()).expect("readable file"));
        }
    }
    assert!(
        files.contains_key("handbook.toml"),
        "handbook/en has no manifest"
    );
    files
}

/// Chapter file names of the real edition, sorted.
fn chapter_names(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    files
        .keys()
        .filter(|k| *k != "handbook.toml")
        .cloned()
        .collect()
}

/// Lines in a file as a person counts them (a final line without newline counts).
fn line_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count() + 1
}

/// Every diagnostic that names a line names one inside its file, and the result is coherent.
fn check_located(loaded: &Loaded, files: &BTreeMap<String, Vec<u8>>) -> Result<(), TestCaseError> {
    for d in &loaded.diagnostics {
        if d.line == 0 {
            prop_assert_eq!(d.column, 0, "file-level diagnostic with a column: {}", d);
            continue;
        }
        prop_assert!(d.column >= 1, "column 0 on a located diagnostic: {}", d);
        let name = d
            .path
            .strip_prefix("t/")
            .unwrap_or_else(|| panic!("diagnostic outside the folder: {d}"));
        let bytes = files
            .get(name)
            .unwrap_or_else(|| panic!("located diagnostic for a file that does not exist: {d}"));
        let lines = line_count(bytes);
        prop_assert!(
            d.line <= lines + 1,
            "line {} is past the end of {} ({} lines): {}",
            d.line,
            name,
            lines,
            d
        );
        prop_assert!(!d.message.is_empty(), "empty message: {:?}", d);
    }
    let has_error = loaded.diagnostics.iter().any(Diagnostic::is_error);
    prop_assert_eq!(
        loaded.library.is_some(),
        !has_error,
        "a library must come back exactly when there is no error: {:?}",
        loaded.diagnostics
    );
    Ok(())
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        // Never write regression files into the project.
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    }
}

/// Pieces of TOML and hostile text, so that random input gets past the first parse error often.
const PIECES: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "]]",
    "[[",
    "=",
    "\n",
    " ",
    ",",
    "#",
    "\\",
    "\"\"\"",
    "'''",
    "{",
    "}",
    "\u{1b}]0;owned\u{7}",
    "\u{1b}[2J",
    "\\u001b[?1049l",
    "\\u0000",
    "\\U0010FFFF",
    "\\uD800",
    "\u{0}",
    "\u{7f}",
    "\u{9b}31m",
    "\u{202e}",
    "\u{feff}",
    "\r\n",
    "\r",
    "title",
    "tab",
    "id",
    "chapters",
    "sections",
    "blocks",
    "paragraph",
    "bullets",
    "callout",
    "contact",
    "phone",
    "see",
    "text",
    "qr",
    "true",
    "2026-11-01",
    "2027-13-45",
    "1979-05-27T07:32:00Z",
    "[[sections]]\n",
    "[[sections.blocks]]\n",
    "[[synonyms]]\n",
    "id = \"dup\"\n",
    "see = \"rupture#nope\"\n",
    "callout = \"loud\"\n",
    "qr = true\n",
    "words = [\"a\"]\n",
    "chapters = []\n",
    "tab = \"A very long tab label indeed\"\n",
    "é",
    "腱",
    "🦶",
    "\u{301}",
];

fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(|s| s.as_bytes().to_vec()),
        1 => proptest::collection::vec(any::<u8>(), 1..8),
        1 => any::<String>().prop_map(String::into_bytes),
    ]
}

/// Arbitrary manifests: raw bytes, or a soup of TOML-ish pieces.
fn manifest_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400),
        proptest::collection::vec(piece(), 0..40).prop_map(|v| v.concat()),
    ]
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Delete `len` bytes at a position (a fraction of the file, in 1/65536).
    Delete {
        at: u16,
        len: usize,
    },
    Insert {
        at: u16,
        bytes: Vec<u8>,
    },
    DuplicateLine {
        line: u16,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => (any::<u16>(), 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        4 => (any::<u16>(), piece()).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        1 => any::<u16>().prop_map(|line| Mutation::DuplicateLine { line }),
    ]
}

fn scaled(at: u16, len: usize) -> usize {
    (usize::from(at) * (len + 1)) >> 16
}

fn apply(file: &mut Vec<u8>, m: &Mutation) {
    match m {
        Mutation::Delete { at, len } => {
            let start = scaled(*at, file.len()).min(file.len());
            let end = (start + len).min(file.len());
            file.drain(start..end);
        }
        Mutation::Insert { at, bytes } => {
            let at = scaled(*at, file.len()).min(file.len());
            file.splice(at..at, bytes.iter().copied());
        }
        Mutation::DuplicateLine { line } => {
            let starts: Vec<usize> = std::iter::once(0)
                .chain(
                    file.iter()
                        .enumerate()
                        .filter(|(_, b)| **b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .filter(|s| *s < file.len())
                .collect();
            if starts.is_empty() {
                return;
            }
            let start = starts[scaled(*line, starts.len() - 1).min(starts.len() - 1)];
            let end = file[start..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(file.len(), |p| start + p + 1);
            let copy = file[start..end].to_vec();
            file.splice(end..end, copy);
        }
    }
}

proptest! {
    #![proptest_config(config(20_000))]
    #[test]
    fn arbitrary_manifest_never_panics_and_errors_are_located(bytes in manifest_bytes()) {
        let mut files = BTreeMap::new();
        files.insert("handbook.toml".to_owned(), bytes);
        let loaded = load_files(PREFIX, files.clone());
        check_located(&loaded, &files)?;
    }
}

proptest! {
    #![proptest_config(config(MUTATED_CASES))]
    #[test]
    fn mutated_chapter_never_panics_and_errors_are_located(
        which in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 1..5),
    ) {
        let mut files = real_files();
        let names = chapter_names(&files);
        let name = which.get(&names).clone();
        let file = files.get_mut(&name).expect("chapter exists");
        for m in &mutations {
            apply(file, m);
        }
        let loaded = load_files(PREFIX, files.clone());
        check_located(&loaded, &files)?;
    }
}

// ---- Fixed cases of the wording ----

fn load_with(file: &str, edit: impl FnOnce(&str) -> String) -> (Loaded, String) {
    let mut files = real_files();
    let text = String::from_utf8(files[file].clone()).expect("UTF-8 chapter");
    let edited = edit(&text);
    files.insert(file.to_owned(), edited.clone().into_bytes());
    (load_files(PREFIX, files), edited)
}

/// The 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the file"));
    text[..at].matches('\n').count() + 1
}

fn only_error(loaded: &Loaded) -> &Diagnostic {
    assert!(loaded.library.is_none(), "expected errors");
    let errors: Vec<&Diagnostic> = loaded.errors().collect();
    assert_eq!(
        errors.len(),
        1,
        "expected exactly one error, got {errors:#?}"
    );
    errors[0]
}

/// The one error in `path`. A chapter that fails to parse also makes other chapters' `see`
/// links to it fail ("does not exist"), so errors elsewhere are not counted here.
fn only_error_in<'a>(loaded: &'a Loaded, path: &str) -> &'a Diagnostic {
    assert!(loaded.library.is_none(), "expected errors");
    let errors: Vec<&Diagnostic> = loaded.errors().filter(|d| d.path == path).collect();
    assert_eq!(
        errors.len(),
        1,
        "expected exactly one error in {path}, got {:#?}",
        loaded.diagnostics
    );
    errors[0]
}

#[test]
fn the_real_handbook_loads_without_errors() {
    let loaded = load_files(PREFIX, real_files());
    assert!(
        loaded.library.is_some(),
        "the real handbook has errors: {:#?}",
        loaded.diagnostics
    );
}

#[test]
fn unknown_key_is_named_and_located() {
    let (loaded, text) = load_with("overview.toml", |t| {
        t.replacen("summary = ", "colour = \"red\"\nsummary = ", 1)
    });
    let d = only_error(&loaded);
    assert_eq!(d.path, "t/overview.toml");
    assert_eq!(d.line, line_of(&text, "colour = "));
    assert_eq!(d.column, 1);
    assert_eq!(d.severity, Severity::Error);
    assert!(
        d.message.starts_with("unknown key `colour`"),
        "message: {}",
        d.message
    );
    assert!(
        d.message.contains("the keys allowed here are") && d.message.contains("`summary`"),
        "message: {}",
        d.message
    );
    assert!(
        d.message.ends_with("Check its spelling or remove it"),
        "message: {}",
        d.message
    );
    assert_eq!(
        d.to_string(),
        format!("t/overview.toml:{}:1: {}", d.line, d.message)
    );
}

#[test]
fn missing_key_is_named() {
    let (loaded, _) = load_with("rupture.toml", |t| {
        t.lines()
            .filter(|l| !l.starts_with("summary = "))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    let d = only_error_in(&loaded, "t/rupture.toml");
    assert!(d.line >= 1, "missing key should be located: {d}");
    assert_eq!(d.message, "missing key `summary`; add it to this table");
}

#[test]
fn missing_key_in_a_block_points_at_the_block() {
    let (loaded, text) = load_with("contact.toml", |t| {
        t.replacen("phone = \"310-423-4566\"\n", "", 1)
    });
    let d = only_error(&loaded);
    assert_eq!(d.path, "t/contact.toml");
    assert_eq!(d.message, "a contact needs `phone`");
    let block = line_of(&text, "contact = \"Foot & Ankle team, direct line\"");
    assert!(
        d.line == block || d.line == block - 1,
        "reported at line {}, block starts at {}",
        d.line,
        block
    );
}

#[test]
fn bad_cross_reference_to_a_chapter() {
    let (loaded, text) = load_with("contact.toml", |t| {
        t.replacen("see = \"rupture#get-help-now\"", "see = \"nowhere\"", 1)
    });
    let d = only_error(&loaded);
    assert_eq!(d.path, "t/contact.toml");
    assert_eq!(d.line, line_of(&text, "see = \"nowhere\""));
    assert_eq!(d.column, 7);
    assert!(
        d.message.starts_with(
            "`see` points at chapter \"nowhere\", which does not exist; the chapters are overview, "
        ),
        "message: {}",
        d.message
    );
}

#[test]
fn bad_cross_reference_to_a_section() {
    let (loaded, text) = load_with("contact.toml", |t| {
        t.replacen(
            "see = \"rupture#get-help-now\"",
            "see = \"rupture#nope\"",
            1,
        )
    });
    let d = only_error(&loaded);
    assert_eq!(d.line, line_of(&text, "see = \"rupture#nope\""));
    assert!(
        d.message.starts_with(
            "`see` points at section \"nope\" of \"rupture\", which does not exist; its sections are what-it-is, "
        ),
        "message: {}",
        d.message
    );
}

#[test]
fn duplicate_section_id() {
    let (loaded, text) = load_with("rupture.toml", |t| {
        t.replacen("id = \"how-it-happens\"", "id = \"what-it-is\"", 1)
    });
    let d = only_error(&loaded);
    assert_eq!(d.path, "t/rupture.toml");
    // The second use is the one reported.
    let (second, _) = text
        .match_indices("id = \"what-it-is\"")
        .nth(1)
        .expect("two uses");
    assert_eq!(d.line, text[..second].matches('\n').count() + 1);
    assert_eq!(d.column, 6);
    assert_eq!(
        d.message,
        "section id \"what-it-is\" is used twice in this chapter; give each section its own id"
    );
}

#[test]
fn invalid_toml_is_located() {
    let (loaded, text) = load_with("tendonitis.toml", |t| {
        t.replacen("title = \"", "title = \"unterminated\ntitle2 = \"", 1)
    });
    let d = only_error_in(&loaded, "t/tendonitis.toml");
    assert_eq!(d.line, line_of(&text, "title = \"unterminated"));
    assert!(!d.message.is_empty());
    assert!(
        d.message.contains("string") || d.message.contains("invalid"),
        "message: {}",
        d.message
    );
}

/// Inserts two bytes that are not UTF-8 after `title = "` of `file` and loads.
fn load_with_invalid_utf8(file: &str) -> (Loaded, usize) {
    let mut files = real_files();
    let mut bytes = files[file].clone();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let line = line_of(&text, "title = ");
    let at = text.find("title = ").unwrap() + "title = \"".len();
    bytes.splice(at..at, [0xff, 0xfe]);
    files.insert(file.to_owned(), bytes);
    (load_files(PREFIX, files), line)
}

#[test]
fn invalid_utf8_in_the_manifest_is_located() {
    let (loaded, line) = load_with_invalid_utf8("handbook.toml");
    let d = only_error(&loaded);
    assert_eq!(d.path, "t/handbook.toml");
    assert_eq!(d.line, line);
    assert_eq!(d.column, 10);
    assert_eq!(
        d.to_string(),
        format!(
            "t/handbook.toml:{line}:10: this file is not valid UTF-8 text; save it with UTF-8 encoding"
        )
    );
}

/// Bug in src/content/load.rs (`load_edition`): any error reading a chapter file is replaced by
/// "chapter \"training\" is listed here but training.toml is missing beside handbook.toml",
/// reported at the manifest, so the UTF-8 error (and its line) is lost and the author is told
/// an existing file is missing. Un-ignore when fixed.
#[test]
fn invalid_utf8_in_a_chapter_is_located() {
    let (loaded, line) = load_with_invalid_utf8("training.toml");
    let d = only_error(&loaded);
    assert_eq!(d.path, "t/training.toml", "{d}");
    assert_eq!(d.line, line);
    assert_eq!(d.column, 10);
    assert_eq!(
        d.message,
        "this file is not valid UTF-8 text; save it with UTF-8 encoding"
    );
}

#[test]
fn missing_chapter_file_is_reported_at_the_manifest() {
    let mut files = real_files();
    files.remove("research.toml");
    let manifest = String::from_utf8(files["handbook.toml"].clone()).unwrap();
    let loaded = load_files(PREFIX, files);
    let d = only_error(&loaded);
    assert_eq!(d.path, "t/handbook.toml");
    assert_eq!(d.line, line_of(&manifest, "chapters = "));
    assert_eq!(
        d.message,
        "chapter \"research\" is listed here but research.toml is missing beside handbook.toml"
    );
}
