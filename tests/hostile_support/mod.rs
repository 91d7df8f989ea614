//! Support for `tests/hostile.rs`: a corpus of hostile strings, generated handbooks that place
//! every string in every content slot, temporary folders, a pty harness around the real binary
//! and scanners for what must never reach a terminal.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use achilles_handbook::content::clean::clean_line;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

// ---------------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------------

/// One hostile string: a name for messages and the text itself.
#[derive(Debug, Clone)]
pub struct Hostile {
    pub name: String,
    pub text: String,
}

/// The bidi controls: ALM, LRM, RLM, LRE..RLO, LRI..PDI.
pub const BIDI: &[char] = &[
    '\u{061c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

/// Invisible characters: zero-width spaces and joiners, BOM, soft hyphen and friends.
pub const INVISIBLE: &[(&str, char)] = &[
    ("ZWSP", '\u{200b}'),
    ("ZWNJ", '\u{200c}'),
    ("ZWJ", '\u{200d}'),
    ("WJ", '\u{2060}'),
    ("function application", '\u{2061}'),
    ("invisible times", '\u{2062}'),
    ("invisible separator", '\u{2063}'),
    ("invisible plus", '\u{2064}'),
    ("BOM", '\u{feff}'),
    ("soft hyphen", '\u{ad}'),
    ("Mongolian vowel separator", '\u{180e}'),
    ("interlinear anchor", '\u{fff9}'),
    ("interlinear separator", '\u{fffa}'),
    ("interlinear terminator", '\u{fffb}'),
    ("inhibit symmetric swapping", '\u{206a}'),
    ("nominal digit shapes", '\u{206f}'),
    ("Arabic number sign", '\u{0600}'),
    ("Syriac abbreviation mark", '\u{070f}'),
];

/// Builds the corpus. Every string's cleaned form is at most [`MAX_CORE_CHARS`] characters, so
/// each also fits a tab label.
pub fn corpus() -> Vec<Hostile> {
    let mut v: Vec<Hostile> = Vec::new();
    let mut add = |name: String, text: String| v.push(Hostile { name, text });

    // (kind, 7-bit introducer, 8-bit introducer)
    let introducers: [(&str, &str, &str); 6] = [
        ("CSI", "\u{1b}[", "\u{9b}"),
        ("OSC", "\u{1b}]", "\u{9d}"),
        ("DCS", "\u{1b}P", "\u{90}"),
        ("APC", "\u{1b}_", "\u{9f}"),
        ("PM", "\u{1b}^", "\u{9e}"),
        ("SOS", "\u{1b}X", "\u{98}"),
    ];
    let terminators: [(&str, &str); 4] = [
        ("BEL", "\u{7}"),
        ("ST7", "\u{1b}\\"),
        ("ST8", "\u{9c}"),
        ("unterminated", ""),
    ];

    // CSI: cursor, screen, mode, mouse, colour and query sequences, 7-bit and 8-bit.
    let csi = [
        "?1049l", "?1049h", "2J", "3J", "?25l", "?1000h", "?1006h", "31;1m", "H", "10;10H", "1A",
        "6n", "c", "8;1;1t", "?2004l", "?7l", "1;24r", "5i",
    ];
    for payload in csi {
        for (bits, intro) in [("7-bit", introducers[0].1), ("8-bit", introducers[0].2)] {
            add(format!("{bits} CSI {payload}"), format!("{intro}{payload}"));
        }
    }
    add("7-bit CSI unfinished".into(), "\u{1b}[?10".into());
    add("8-bit CSI unfinished".into(), "\u{9b}?10".into());

    // OSC: window title and icon, hyperlink, clipboard write and read, colour queries.
    let osc = [
        "0;pwned title",
        "2;pwned title",
        "1;pwned icon",
        "8;;http://e.x/",
        "52;c;cHduZWQ=",
        "52;c;?",
        "4;1;?",
        "11;?",
    ];
    for payload in osc {
        for (bits, intro) in [("7-bit", introducers[1].1), ("8-bit", introducers[1].2)] {
            for (tname, term) in terminators {
                add(
                    format!("{bits} OSC {payload} {tname}"),
                    format!("{intro}{payload}{term}"),
                );
            }
        }
    }
    add(
        "7-bit OSC 8 hyperlink".into(),
        "\u{1b}]8;;h://e\u{1b}\\L\u{1b}]8;;\u{1b}\\".into(),
    );
    add(
        "8-bit OSC 8 hyperlink".into(),
        "\u{9d}8;;h://e\u{9c}L\u{9d}8;;\u{9c}".into(),
    );

    // DCS, APC, PM and SOS with a plain payload; DCS with queries too.
    for (kind, seven, eight) in &introducers[2..] {
        for (bits, intro) in [("7-bit", *seven), ("8-bit", *eight)] {
            for (tname, term) in terminators {
                add(
                    format!("{bits} {kind} payload {tname}"),
                    format!("{intro}pwned{term}"),
                );
            }
        }
    }
    for payload in ["$q\"p", "+q544e", "1$r"] {
        for (bits, intro) in [("7-bit", introducers[2].1), ("8-bit", introducers[2].2)] {
            for (tname, term) in [terminators[1], terminators[2]] {
                add(
                    format!("{bits} DCS {payload} {tname}"),
                    format!("{intro}{payload}{term}"),
                );
            }
        }
    }

    // Single escapes: reset, save/restore, index, charsets, alignment test, identify.
    for (name, s) in [
        ("ESC c reset", "\u{1b}c"),
        ("ESC 7 save", "\u{1b}7"),
        ("ESC 8 restore", "\u{1b}8"),
        ("ESC M reverse index", "\u{1b}M"),
        ("ESC D index", "\u{1b}D"),
        ("ESC E next line", "\u{1b}E"),
        ("ESC H tab set", "\u{1b}H"),
        ("ESC #8 alignment", "\u{1b}#8"),
        ("ESC (0 line drawing", "\u{1b}(0"),
        ("ESC )0 G1 charset", "\u{1b})0"),
        ("ESC N single shift", "\u{1b}N"),
        ("ESC Z identify", "\u{1b}Z"),
        ("ESC = keypad", "\u{1b}="),
        ("ESC g visual bell", "\u{1b}g"),
        ("SO shift out", "\u{e}x"),
        ("SI shift in", "\u{f}x"),
        ("mode storm", "\u{1b}[?1049l\u{1b}c\u{1b}[2J\u{1b}[?25l"),
    ] {
        add(name.into(), s.into());
    }

    // Bell, backspace and carriage-return overwrites, NUL and DEL.
    for (name, s) in [
        ("BEL", "\u{7}"),
        ("BEL x3", "ding\u{7}\u{7}\u{7}"),
        ("backspace overwrite", "safe\u{8}\u{8}\u{8}\u{8}EVIL"),
        (
            "backspace rm",
            "rm -rf /\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}ls",
        ),
        ("CR overwrite", "benign\rEVIL"),
        ("CR at start", "\rEVIL"),
        ("CRLF", "line\r\nbreak"),
        ("NUL", "a\u{0}b"),
        ("NUL only", "\u{0}"),
        ("DEL", "abc\u{7f}\u{7f}"),
        ("VT and FF", "a\u{b}b\u{c}c"),
    ] {
        add(name.into(), s.into());
    }

    // Every other C0 control, and every C1 control, alone between letters.
    for c in (0u8..0x20).map(char::from) {
        if !matches!(
            c,
            '\n' | '\t' | '\r' | '\u{0}' | '\u{7}' | '\u{8}' | '\u{1b}'
        ) {
            add(format!("C0 U+{:04X}", c as u32), format!("c0{c}x"));
        }
    }
    for c in '\u{80}'..='\u{9f}' {
        add(format!("C1 U+{:04X}", c as u32), format!("c1{c}x"));
    }

    // Bidi overrides, embeddings and isolates, alone and as a "Trojan Source" reordering.
    for &c in BIDI {
        add(format!("bidi U+{:04X}", c as u32), format!("abc{c}def"));
    }
    add(
        "trojan source".into(),
        "\u{202e}}\u{2066}if admin\u{2069}\u{2066}".into(),
    );
    add("RLO filename".into(), "inv\u{202e}fdp.exe".into());

    // Invisible characters.
    for (name, c) in INVISIBLE {
        add(format!("invisible {name}"), format!("in{c}vis"));
    }
    add(
        "tag characters".into(),
        "tag\u{e0001}\u{e0065}\u{e0076}\u{e0069}\u{e006c}\u{e007f}".into(),
    );
    add("tag space".into(), "t\u{e0020}x".into());
    add(
        "line and paragraph separators".into(),
        "ls\u{2028}ps\u{2029}x".into(),
    );
    add("NEL".into(), "n\u{85}el".into());

    v
}

/// Longest cleaned form of a corpus string: short enough for a tab label with a prefix.
pub const MAX_CORE_CHARS: usize = 19;

// ---------------------------------------------------------------------------------------------
// Generated handbooks
// ---------------------------------------------------------------------------------------------

/// The places untrusted text can go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Slot {
    Tab,
    ChapterTitle,
    Summary,
    Heading,
    Paragraph,
    Bullet,
    Callout,
    ContactLabel,
    ContactPhone,
    ContactHours,
    SeeText,
    SynonymWord,
    ManifestTitle,
    Organisation,
    Disclaimer,
    Version,
    LanguageName,
}

pub const ALL_SLOTS: [Slot; 17] = [
    Slot::Tab,
    Slot::ChapterTitle,
    Slot::Summary,
    Slot::Heading,
    Slot::Paragraph,
    Slot::Bullet,
    Slot::Callout,
    Slot::ContactLabel,
    Slot::ContactPhone,
    Slot::ContactHours,
    Slot::SeeText,
    Slot::SynonymWord,
    Slot::ManifestTitle,
    Slot::Organisation,
    Slot::Disclaimer,
    Slot::Version,
    Slot::LanguageName,
];

/// How many handbooks the corpus is spread over: one binary run each.
pub const HANDBOOKS: usize = 3;

/// A TOML basic string holding `s` exactly: quote, backslash and the C0 controls and DEL (which
/// TOML forbids raw) are escaped; everything else, C1 and bidi controls included, is literal.
pub fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML basic string with every non-ASCII character escaped too.
pub fn toml_str_escaped(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if (c as u32) <= 0xffff => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// One generated handbook: file name → text, and which (string, slot) pairs it holds.
pub struct Generated {
    pub files: Vec<(String, String)>,
    pub placed: BTreeSet<(usize, Slot)>,
    /// Chapter count.
    pub chapters: usize,
}

/// The tab labels: every corpus string packed into labels of at most 20 cleaned characters,
/// each starting with 'T' so none is empty. Returns the corpus indices of each label.
pub fn tab_packing(corpus: &[Hostile]) -> Vec<Vec<usize>> {
    let mut tabs: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let label = |ids: &[usize]| -> String {
        let mut s = String::from("T");
        for i in ids {
            s.push_str(&corpus[*i].text);
        }
        s
    };
    for i in 0..corpus.len() {
        let mut candidate = current.clone();
        candidate.push(i);
        if clean_line(&label(&candidate)).chars().count() <= 20 {
            current = candidate;
        } else {
            tabs.push(std::mem::take(&mut current));
            current.push(i);
        }
    }
    if !current.is_empty() {
        tabs.push(current);
    }
    tabs
}

/// Chapters per handbook: enough for every tab label, at least 7.
pub fn chapters_per_handbook(corpus: &[Hostile]) -> usize {
    tab_packing(corpus).len().div_ceil(HANDBOOKS).max(7)
}

/// The `handbook`-th of [`HANDBOOKS`] generated handbooks. Corpus string `i` goes to handbook
/// `i % HANDBOOKS` for every slot except the tab, whose labels are packed separately.
pub fn generate(corpus: &[Hostile], handbook: usize) -> Generated {
    let chapters = chapters_per_handbook(corpus);
    let tabs = tab_packing(corpus);
    let mut placed = BTreeSet::new();
    let mine: Vec<usize> = (0..corpus.len())
        .filter(|i| i % HANDBOOKS == handbook)
        .collect();
    let core = |i: usize| corpus[i].text.as_str();
    let joined =
        |ids: &[usize]| -> String { ids.iter().map(|i| core(*i)).collect::<Vec<_>>().join(" ") };
    let id_of = |c: usize| format!("c{:02}", c + 1);

    let mut files = Vec::new();
    let mut qr_given = false;
    for c in 0..chapters {
        let body: Vec<usize> = mine
            .iter()
            .copied()
            .enumerate()
            .filter(|(k, _)| k % chapters == c)
            .map(|(_, i)| i)
            .collect();
        let tab_ids: &[usize] = tabs.get(handbook * chapters + c).map_or(&[], Vec::as_slice);
        let mut tab = String::from("T");
        for i in tab_ids {
            tab.push_str(core(*i));
            placed.insert((*i, Slot::Tab));
        }
        let mut t = String::new();
        let _ = writeln!(t, "tab = {}", toml_str(&tab));
        let _ = writeln!(
            t,
            "title = {}",
            toml_str(&format!("Chapter {} {}", c + 1, joined(&body)))
        );
        let _ = writeln!(
            t,
            "summary = {}",
            toml_str(&format!("Summary {} {}", c + 1, joined(&body)))
        );
        for i in &body {
            placed.insert((*i, Slot::ChapterTitle));
            placed.insert((*i, Slot::Summary));
        }
        t.push_str("reviewed_on = 2026-11-01\nreview_due = 2099-11-01\n\n");
        t.push_str("[[sections]]\nid = \"intro\"\nheading = \"Introduction\"\n\n");
        t.push_str("[[sections.blocks]]\nparagraph = \"A plain paragraph to start.\"\n\n");
        let next = id_of((c + 1) % chapters);
        for (n, i) in body.iter().copied().enumerate() {
            let s = core(i);
            let _ = writeln!(t, "[[sections]]\nid = \"s{i}\"");
            let _ = writeln!(t, "heading = {}\n", toml_str(&format!("Heading {i} {s}")));
            let _ = writeln!(
                t,
                "[[sections.blocks]]\nparagraph = {}\n",
                toml_str(&format!("Hostile paragraph {i} says {s} then ends."))
            );
            let _ = writeln!(
                t,
                "[[sections.blocks]]\nbullets = [{}, \"A plain bullet.\"]\n",
                toml_str(&format!("Hostile bullet {i} {s}"))
            );
            let _ = writeln!(
                t,
                "[[sections.blocks]]\ncallout = \"{}\"\ntext = {}\n",
                if n % 2 == 0 { "note" } else { "urgent" },
                toml_str(&format!("Hostile callout {i} {s}"))
            );
            let _ = writeln!(
                t,
                "[[sections.blocks]]\ncontact = {}\nphone = {}\nhours = {}",
                toml_str(&format!("Hostile contact {i} {s}")),
                toml_str(&format!("555 {i} {s}")),
                toml_str(&format!("Hours {i} {s}")),
            );
            t.push('\n');
            // The QR code's number must be one a phone can dial, so it is not a hostile slot;
            // a hostile phone field is shown as written, in a contact without `qr`.
            if !qr_given {
                t.push_str(
                    "[[sections.blocks]]\ncontact = \"Clinic\"\nphone = \"310-423-4566\"\nqr = true\n\n",
                );
                qr_given = true;
            }
            let _ = writeln!(
                t,
                "[[sections.blocks]]\nsee = \"{next}#intro\"\ntext = {}\n",
                toml_str_escaped(&format!("Hostile link {i} {s}"))
            );
            for slot in [
                Slot::Heading,
                Slot::Paragraph,
                Slot::Bullet,
                Slot::Callout,
                Slot::ContactLabel,
                Slot::ContactPhone,
                Slot::ContactHours,
                Slot::SeeText,
            ] {
                placed.insert((i, slot));
            }
        }
        files.push((format!("{}.toml", id_of(c)), t));
    }

    let all = joined(&mine);
    let mut m = String::new();
    let _ = writeln!(
        m,
        "title = {}",
        toml_str(&format!("Hostile handbook {handbook} {all}"))
    );
    let _ = writeln!(
        m,
        "organisation = {}",
        toml_str(&format!("Organisation {all}"))
    );
    m.push_str("language = \"en\"\n");
    let _ = writeln!(m, "language_name = {}", toml_str(&format!("English {all}")));
    let _ = writeln!(m, "version = {}", toml_str(&format!("1.0 {all}")));
    m.push_str("reviewed_on = 2026-11-01\nreview_due = 2099-11-01\n");
    let _ = writeln!(
        m,
        "disclaimer = {}",
        toml_str_escaped(&format!("Disclaimer {all}"))
    );
    let ids: Vec<String> = (0..chapters).map(|c| format!("\"{}\"", id_of(c))).collect();
    let _ = writeln!(m, "chapters = [{}]\n", ids.join(", "));
    for i in &mine {
        let _ = writeln!(
            m,
            "[[synonyms]]\nwords = [{}, \"synonym{i}\"]\n",
            toml_str(&format!("syn{i} {}", core(*i)))
        );
        for slot in [
            Slot::ManifestTitle,
            Slot::Organisation,
            Slot::Disclaimer,
            Slot::Version,
            Slot::LanguageName,
            Slot::SynonymWord,
        ] {
            placed.insert((*i, slot));
        }
    }
    files.push(("handbook.toml".to_owned(), m));
    Generated {
        files,
        placed,
        chapters,
    }
}

// ---------------------------------------------------------------------------------------------
// Temporary folders
// ---------------------------------------------------------------------------------------------

/// A folder under the system temp dir, removed when dropped.
pub struct TempDir {
    pub path: PathBuf,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl TempDir {
    /// A new, empty, uniquely named folder; `tag` may hold any characters but '/' and NUL.
    #[allow(clippy::disallowed_methods)]
    pub fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!(
            "achilles-hostile-{}-{nanos}-{}-{tag}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir { path }
    }

    /// Writes files (name → bytes) into the folder.
    #[allow(clippy::disallowed_methods)]
    pub fn write<N: AsRef<Path>, B: AsRef<[u8]>>(&self, files: impl IntoIterator<Item = (N, B)>) {
        for (name, bytes) in files {
            std::fs::write(self.path.join(name), bytes).expect("write test file");
        }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

// ---------------------------------------------------------------------------------------------
// Scanning output
// ---------------------------------------------------------------------------------------------

/// Problems in raw terminal output: any ESC other than CSI (ESC [), BEL, 8-bit C1 controls
/// (as UTF-8 code points or raw bytes) and bidi controls.
pub fn scan_terminal_bytes(bytes: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, w) in bytes.windows(2).enumerate() {
        if w[0] == 0x1b && w[1] != b'[' {
            problems.push(format!(
                "ESC followed by {:?} at byte {i}: {:?}",
                char::from(w[1]),
                context(bytes, i)
            ));
        }
    }
    if bytes.last() == Some(&0x1b) {
        problems.push("output ends in a lone ESC".into());
    }
    scan_common(bytes, &mut problems);
    problems
}

/// Problems in plain output (print, check, messages): any control byte but newline (ESC and BEL
/// included), C1 controls and bidi controls.
pub fn scan_plain_bytes(bytes: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        if (*b < 0x20 && *b != b'\n') || *b == 0x7f {
            problems.push(format!(
                "control byte {b:#04x} at {i}: {:?}",
                context(bytes, i)
            ));
        }
    }
    scan_common(bytes, &mut problems);
    problems
}

fn scan_common(bytes: &[u8], problems: &mut Vec<String>) {
    for (i, b) in bytes.iter().enumerate() {
        if *b == 0x07 {
            problems.push(format!("BEL at byte {i}: {:?}", context(bytes, i)));
        }
    }
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        if ('\u{80}'..='\u{9f}').contains(&c) {
            problems.push(format!(
                "C1 control U+{:04X} at char offset {i}: {:?}",
                c as u32,
                context(text.as_bytes(), i)
            ));
        }
        if BIDI.contains(&c) {
            problems.push(format!(
                "bidi control U+{:04X} at {i}: {:?}",
                c as u32,
                context(text.as_bytes(), i)
            ));
        }
        if c == '\u{fffd}' {
            // Raw 8-bit C1 bytes (0x80..=0x9f outside UTF-8) decode to U+FFFD.
            problems.push(format!(
                "invalid UTF-8 at {i}: {:?}",
                context(text.as_bytes(), i)
            ));
        }
    }
}

/// Text characters that must not survive cleaning (for messages held as strings).
pub fn bad_chars(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| {
            c.is_control()
                || BIDI.contains(c)
                || INVISIBLE.iter().any(|(_, i)| i == c)
                || ('\u{e0000}'..='\u{e007f}').contains(c)
        })
        .collect()
}

fn context(bytes: &[u8], i: usize) -> String {
    let start = i.saturating_sub(40);
    let end = (i + 40).min(bytes.len());
    String::from_utf8_lossy(&bytes[start..end]).into_owned()
}

// ---------------------------------------------------------------------------------------------
// The pty harness
// ---------------------------------------------------------------------------------------------

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;

/// Records every side effect and every sequence vt100 did not understand.
#[derive(Debug, Default)]
pub struct Recorder {
    pub events: Vec<String>,
}

impl vt100::Callbacks for Recorder {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.events.push("audible bell".into());
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.events.push("visual bell".into());
    }
    fn resize(&mut self, _: &mut vt100::Screen, request: (u16, u16)) {
        self.events.push(format!("resize request {request:?}"));
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.events.push(format!(
            "icon name set to {:?}",
            String::from_utf8_lossy(name)
        ));
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.events.push(format!(
            "window title set to {:?}",
            String::from_utf8_lossy(title)
        ));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8], data: &[u8]) {
        self.events.push(format!(
            "clipboard write {:?} {:?}",
            String::from_utf8_lossy(ty),
            String::from_utf8_lossy(data)
        ));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8]) {
        self.events
            .push(format!("clipboard read {:?}", String::from_utf8_lossy(ty)));
    }
    fn unhandled_char(&mut self, _: &mut vt100::Screen, c: char) {
        self.events
            .push(format!("unhandled char U+{:04X}", c as u32));
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.events.push(format!("unhandled control {b:#04x}"));
    }
    fn unhandled_escape(&mut self, _: &mut vt100::Screen, i1: Option<u8>, i2: Option<u8>, b: u8) {
        self.events.push(format!(
            "unhandled escape {:?} {:?} {:?}",
            i1.map(char::from),
            i2.map(char::from),
            char::from(b)
        ));
    }
    fn unhandled_csi(
        &mut self,
        _: &mut vt100::Screen,
        i1: Option<u8>,
        i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        // crossterm's EnableMouseCapture turns on urxvt mouse encoding (CSI ?1015h), which
        // vt100 does not implement; the app emits it (and its reset) itself.
        if i1 == Some(b'?') && i2.is_none() && params == [&[1015u16][..]] && matches!(c, 'h' | 'l')
        {
            return;
        }
        // ratatui resets the underline colour with SGR 59, which vt100 does not implement.
        if i1.is_none() && i2.is_none() && params == [&[59u16][..]] && c == 'm' {
            return;
        }
        self.events.push(format!(
            "unhandled CSI {:?} {:?} {params:?} {c:?}",
            i1.map(char::from),
            i2.map(char::from)
        ));
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        let p: Vec<String> = params
            .iter()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect();
        self.events.push(format!("unhandled OSC {p:?}"));
    }
}

struct Shared {
    bytes: Vec<u8>,
    parser: vt100::Parser<Recorder>,
    eof: bool,
}

/// The real binary running in a pty of [`COLS`] × [`ROWS`].
pub struct Session {
    shared: Arc<Mutex<Shared>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    reader: Option<std::thread::JoinHandle<()>>,
    /// Keys sent so far, for failure messages.
    log: Vec<String>,
}

/// How long any one expected screen may take to appear.
pub const DEADLINE: Duration = Duration::from_secs(30);

impl Session {
    pub fn start(args: &[&std::ffi::OsStr]) -> Session {
        let system = native_pty_system();
        let pair = system
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_achilles-handbook"));
        // Named, so the program sends no background query: any OSC or BEL in the output
        // would then have come from a hostile file.
        cmd.args(["--background", "dark"]);
        for a in args {
            cmd.arg(a);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "en_US.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_MESSAGES");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("spawn the handbook");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let shared = Arc::new(Mutex::new(Shared {
            bytes: Vec::new(),
            parser: vt100::Parser::new_with_callbacks(
                NonZeroU16::new(ROWS).expect("rows"),
                NonZeroU16::new(COLS).expect("cols"),
                0,
                Recorder::default(),
            ),
            eof: false,
        }));
        let for_reader = Arc::clone(&shared);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut s = for_reader.lock().unwrap();
                        s.bytes.extend_from_slice(&buf[..n]);
                        s.parser.process(&buf[..n]);
                    }
                }
            }
            for_reader.lock().unwrap().eof = true;
        });
        Session {
            shared,
            writer,
            child,
            _master: pair.master,
            reader: Some(reader),
            log: Vec::new(),
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.log.push(format!("{keys:?}"));
        self.writer
            .write_all(keys.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Polls the screen until `ready` holds, panicking with the screen after [`DEADLINE`].
    pub fn wait_for(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            {
                let s = self.shared.lock().unwrap();
                if ready(s.parser.screen()) {
                    return;
                }
                if s.eof || start.elapsed() > DEADLINE {
                    panic!(
                        "timed out waiting for {what} (eof: {}); keys sent: {}\nscreen:\n{}",
                        s.eof,
                        self.log.join(" "),
                        s.parser.screen().contents()
                    );
                }
            }
            std::thread::sleep(Duration::from_millis(3));
        }
    }

    /// A copy of what the screen shows now.
    pub fn screen(&self) -> vt100::Screen {
        self.shared.lock().unwrap().parser.screen().clone()
    }

    /// Waits for the program to exit on its own; returns its exit code and all its output.
    pub fn finish(mut self) -> (u32, Vec<u8>, Vec<String>) {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                let s = self.shared.lock().unwrap();
                panic!(
                    "the handbook did not exit; keys sent: {}\nscreen:\n{}",
                    self.log.join(" "),
                    s.parser.screen().contents()
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        // The reader ends when the pty reports end of file after the child is gone.
        let start = Instant::now();
        while !self.shared.lock().unwrap().eof && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(5));
        }
        if self.shared.lock().unwrap().eof
            && let Some(r) = self.reader.take()
        {
            let _ = r.join();
        }
        let mut s = self.shared.lock().unwrap();
        let bytes = std::mem::take(&mut s.bytes);
        let events = std::mem::take(&mut s.parser.callbacks_mut().events);
        (status.exit_code(), bytes, events)
    }

    /// Ends a program that cannot quit by itself (kiosk mode), and returns its output.
    pub fn kill(mut self) -> (Vec<u8>, Vec<String>) {
        let _ = self.child.kill();
        let start = Instant::now();
        while self.child.try_wait().ok().flatten().is_none() && start.elapsed() < DEADLINE {
            std::thread::sleep(Duration::from_millis(5));
        }
        let start = Instant::now();
        while !self.shared.lock().unwrap().eof && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(5));
        }
        let mut s = self.shared.lock().unwrap();
        let bytes = std::mem::take(&mut s.bytes);
        let events = std::mem::take(&mut s.parser.callbacks_mut().events);
        (bytes, events)
    }
}

/// Row `row` of the screen as text.
pub fn row(screen: &vt100::Screen, row: u16) -> String {
    screen
        .rows(0, COLS)
        .nth(usize::from(row))
        .unwrap_or_default()
}
