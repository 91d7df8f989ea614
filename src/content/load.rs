//! Loading a handbook in two stages: serde into the raw shapes of `raw`, then validation into
//! the domain types of `model`. Every problem becomes a located [`Diagnostic`], and as many as
//! can be found are reported together. Text is cleaned here, once. Nothing here touches the
//! terminal: this runs before the UI starts.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use toml::Spanned;
use toml::value::Datetime;

use super::clean::clean_line;
use super::diagnostic::Diagnostic;
use super::model::{
    CalloutKind, Chapter, Date, Handbook, Library, Section, Target, Unit, UnitKind,
};
use super::raw::{RawBlock, RawChapter, RawManifest};
use super::source::{self, Folder, MANIFEST, MAX_HANDBOOK_BYTES};

/// Longest tab label, so seven tabs still fit a normal window.
pub const MAX_TAB_CHARS: usize = 20;

/// The result of loading: the library when there were no errors, and every diagnostic found
/// (warnings come back even when loading succeeds).
#[derive(Debug)]
pub struct Loaded {
    pub library: Option<Library>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Loads the handbook in `root`, or the embedded one when `root` is `None`.
pub fn load(root: Option<&Path>) -> Loaded {
    match source::editions(root) {
        Ok(folders) => load_folders(&folders),
        Err(d) => Loaded {
            library: None,
            diagnostics: vec![d],
        },
    }
}

/// Loads one edition from files held in memory (file name → bytes), reported under `prefix`.
/// The same validation as from disk; for tests, fuzzing and benchmarks.
pub fn load_files(prefix: &str, files: BTreeMap<String, Vec<u8>>) -> Loaded {
    load_folders(&[Folder::Memory(Arc::new(files), prefix.to_owned())])
}

fn load_folders(folders: &[Folder]) -> Loaded {
    let mut diagnostics = Vec::new();
    let mut budget = MAX_HANDBOOK_BYTES;
    let mut editions = Vec::new();
    let mut manifests = Vec::new();
    for folder in folders {
        if let Some(edition) = load_edition(folder, &mut budget, &mut diagnostics) {
            manifests.push(folder.display(MANIFEST));
            editions.push(edition);
        }
    }
    compare_editions(&editions, &manifests, &mut diagnostics);
    diagnostics.sort();
    diagnostics.dedup();
    let ok = !diagnostics.iter().any(Diagnostic::is_error) && !editions.is_empty();
    Loaded {
        library: ok.then_some(Library { editions }),
        diagnostics,
    }
}

/// Every edition must have the same chapters, and each language only once.
fn compare_editions(editions: &[Handbook], manifests: &[String], out: &mut Vec<Diagnostic>) {
    let mut languages = HashSet::new();
    for (edition, manifest) in editions.iter().zip(manifests) {
        if !languages.insert(edition.language.as_str()) {
            out.push(Diagnostic::file(
                manifest,
                format!(
                    "a second edition in language \"{}\"; each language may have one edition",
                    edition.language
                ),
            ));
        }
        for other in editions {
            for chapter in &other.chapters {
                if !edition.chapters.iter().any(|c| c.id == chapter.id) {
                    out.push(Diagnostic::file(
                        manifest,
                        format!(
                            "chapter \"{}\" is in the \"{}\" edition but missing from this \"{}\" edition; add it to `chapters`",
                            chapter.id, other.language, edition.language
                        ),
                    ));
                }
            }
        }
    }
}

/// Collects diagnostics for one file and cleans its text fields.
struct FileCx<'a> {
    path: String,
    source: &'a str,
    out: &'a mut Vec<Diagnostic>,
    /// Byte offset of each line's start, to find a unit's line without rescanning the file.
    line_starts: Vec<usize>,
}

fn line_starts(source: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

impl FileCx<'_> {
    fn error(&mut self, span: Range<usize>, message: impl AsRef<str>) {
        self.out
            .push(Diagnostic::at(&self.path, self.source, span.start, message));
    }

    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|s| *s <= offset)
    }

    /// A required text field, cleaned; an error when nothing is left after cleaning.
    fn text(&mut self, field: &Spanned<String>, name: &str) -> String {
        let cleaned = clean_line(field.get_ref());
        if cleaned.is_empty() {
            self.error(
                field.span(),
                format!("`{name}` is empty; write some text for it"),
            );
        }
        cleaned
    }

    fn date(&mut self, field: &Spanned<Datetime>, name: &str) -> Date {
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

    fn id(&mut self, field: &Spanned<String>, name: &str) -> String {
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

    fn parse<T: serde::de::DeserializeOwned>(&mut self) -> Option<T> {
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

fn load_edition(folder: &Folder, budget: &mut u64, out: &mut Vec<Diagnostic>) -> Option<Handbook> {
    let manifest_path = folder.display(MANIFEST);
    let manifest_text = match folder.read(MANIFEST, budget) {
        Ok(t) => t,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    let mut cx = FileCx {
        path: manifest_path,
        line_starts: line_starts(&manifest_text),
        source: &manifest_text,
        out,
    };
    let raw: RawManifest = cx.parse()?;
    let mut ids: Vec<(String, Range<usize>)> = Vec::new();
    for id in raw.chapters.get_ref() {
        let value = cx.id(id, "chapters");
        if ids.iter().any(|(seen, _)| *seen == value) {
            cx.error(
                id.span(),
                format!(
                    "chapter \"{value}\" is listed twice in `chapters`; list each chapter once"
                ),
            );
        } else {
            ids.push((value, id.span()));
        }
    }
    if ids.is_empty() {
        cx.error(
            raw.chapters.span(),
            "`chapters` is empty; list the chapter files, like [\"overview\", \"rupture\"]",
        );
    }
    let mut handbook = Handbook {
        title: cx.text(&raw.title, "title"),
        organisation: cx.text(&raw.organisation, "organisation"),
        language: cx.text(&raw.language, "language").to_lowercase(),
        language_name: cx.text(&raw.language_name, "language_name"),
        version: cx.text(&raw.version, "version"),
        reviewed_on: cx.date(&raw.reviewed_on, "reviewed_on"),
        review_due: cx.date(&raw.review_due, "review_due"),
        disclaimer: cx.text(&raw.disclaimer, "disclaimer"),
        chapters: Vec::new(),
        synonyms: Vec::new(),
    };
    if handbook.review_due <= handbook.reviewed_on {
        cx.error(
            raw.review_due.span(),
            "`review_due` must come after `reviewed_on`",
        );
    }
    for group in &raw.synonyms {
        let words: Vec<String> = group
            .get_ref()
            .words
            .iter()
            .map(|w| cx.text(w, "words").to_lowercase())
            .collect();
        if words.len() < 2 {
            cx.error(
                group.span(),
                "a synonym group needs at least two `words` that mean the same",
            );
        }
        handbook.synonyms.push(words);
    }
    let listed: HashSet<String> = ids.iter().map(|(id, _)| format!("{id}.toml")).collect();
    for file in folder.chapter_files() {
        if !listed.contains(&file) {
            cx.out.push(
                Diagnostic::file(
                    &folder.display(&file),
                    "this file is not listed in `chapters` of handbook.toml, so it is not shown",
                )
                .warning(),
            );
        }
    }

    // Each chapter is parsed on its own, then links are resolved against all of them.
    let out = cx.out;
    let mut pending = Vec::new();
    let mut texts = Vec::new();
    for (id, span) in &ids {
        let file = format!("{id}.toml");
        match folder.read(&file, budget) {
            Ok(text) => texts.push((id.clone(), folder.display(&file), text)),
            // A file that is there but unreadable says why, at its own place.
            Err(d) if folder.has(&file) => out.push(d),
            Err(_) => out.push(Diagnostic::at(
                &folder.display(MANIFEST),
                &manifest_text,
                span.start,
                format!(
                    "chapter \"{id}\" is listed here but {file} is missing beside handbook.toml"
                ),
            )),
        }
    }
    for (parsed, mut found) in parse_chapters(&texts) {
        out.append(&mut found);
        if let Some((chapter, links, path, text)) = parsed {
            pending.push((handbook.chapters.len(), path, text, links));
            handbook.chapters.push(chapter);
        }
    }
    let mut qr_seen = false;
    for (index, path, text, links) in pending {
        let mut cx = FileCx {
            path,
            line_starts: Vec::new(),
            source: text,
            out,
        };
        for link in links {
            match resolve(&handbook.chapters, &link.target) {
                Ok(target) => {
                    handbook.chapters[index].units[link.unit].kind = UnitKind::Link(target);
                }
                // A link into a listed chapter that failed to load is not this file's fault:
                // that chapter's own error is already reported.
                Err(_) if links_to_broken(&link.target, &ids, &handbook.chapters) => {}
                Err(why) => cx.error(link.span, why),
            }
        }
        if let Some(span) = qr_span(&handbook.chapters[index], text) {
            if qr_seen {
                cx.error(
                    span,
                    "only one contact in the handbook may have `qr = true`",
                );
            }
            qr_seen = true;
        }
    }
    Some(handbook)
}

/// A chapter parsed and built, with its unresolved links, path and source.
type Parsed<'a> = (Chapter, Vec<PendingLink>, String, &'a str);

/// Parses and builds each chapter, in order, each with the problems found in it.
fn parse_chapters(
    texts: &[(String, String, String)],
) -> Vec<(Option<Parsed<'_>>, Vec<Diagnostic>)> {
    fn one(t: &(String, String, String)) -> (Option<Parsed<'_>>, Vec<Diagnostic>) {
        let (id, path, text) = t;
        let mut found = Vec::new();
        let mut cx = FileCx {
            path: path.clone(),
            line_starts: line_starts(text),
            source: text,
            out: &mut found,
        };
        let parsed = cx.parse::<RawChapter>().map(|raw| {
            let (chapter, links) = build_chapter(&mut cx, id, &raw);
            (chapter, links, path.clone(), text.as_str())
        });
        (parsed, found)
    }
    // Measured: parsing on several threads saved a fifth of the time on a 10 MB handbook but
    // held every chapter's parse tree at once, more than doubling peak memory.
    texts.iter().map(one).collect()
}

/// Whether `target` names a chapter the manifest lists but that did not load.
fn links_to_broken(target: &str, listed: &[(String, Range<usize>)], loaded: &[Chapter]) -> bool {
    let id = target.split_once('#').map_or(target, |(c, _)| c);
    listed.iter().any(|(l, _)| l == id) && !loaded.iter().any(|c| c.id == id)
}

/// Where a second `qr = true` would be reported: the chapter file's first `qr` key.
fn qr_span(chapter: &Chapter, source: &str) -> Option<Range<usize>> {
    chapter.qr_phone()?;
    let at = source.find("qr").unwrap_or(0);
    Some(at..at)
}

struct PendingLink {
    unit: usize,
    target: String,
    span: Range<usize>,
}

fn build_chapter(cx: &mut FileCx<'_>, id: &str, raw: &RawChapter) -> (Chapter, Vec<PendingLink>) {
    let tab = cx.text(&raw.tab, "tab");
    if tab.chars().count() > MAX_TAB_CHARS {
        cx.error(
            raw.tab.span(),
            format!("`tab` is longer than {MAX_TAB_CHARS} characters; use a shorter label"),
        );
    }
    let title = cx.text(&raw.title, "title");
    let mut chapter = Chapter {
        id: id.to_owned(),
        path: cx.path.clone(),
        tab,
        title: title.clone(),
        reviewed_on: cx.date(&raw.reviewed_on, "reviewed_on"),
        review_due: cx.date(&raw.review_due, "review_due"),
        sections: Vec::new(),
        units: vec![
            Unit {
                section: None,
                kind: UnitKind::Title,
                text: title,
                line: cx.line_of(raw.title.span().start),
            },
            Unit {
                section: None,
                kind: UnitKind::Summary,
                text: cx.text(&raw.summary, "summary"),
                line: cx.line_of(raw.summary.span().start),
            },
        ],
    };
    if chapter.review_due <= chapter.reviewed_on {
        cx.error(
            raw.review_due.span(),
            "`review_due` must come after `reviewed_on`",
        );
    }
    if raw.sections.get_ref().is_empty() {
        cx.error(raw.sections.span(), "a chapter needs at least one section");
    }
    let mut links = Vec::new();
    let mut seen: HashMap<String, ()> = HashMap::new();
    for section in raw.sections.get_ref() {
        let index = chapter.sections.len();
        let s = section.get_ref();
        let sid = cx.id(&s.id, "id");
        if seen.insert(sid.clone(), ()).is_some() {
            cx.error(
                s.id.span(),
                format!("section id \"{sid}\" is used twice in this chapter; give each section its own id"),
            );
        }
        let heading = cx.text(&s.heading, "heading");
        chapter.sections.push(Section {
            id: sid,
            heading: heading.clone(),
            first_unit: chapter.units.len(),
        });
        chapter.units.push(Unit {
            section: Some(index),
            kind: UnitKind::Heading,
            text: heading,
            line: cx.line_of(s.heading.span().start),
        });
        if s.blocks.get_ref().is_empty() {
            cx.error(s.blocks.span(), "a section needs at least one block");
        }
        for block in s.blocks.get_ref() {
            build_block(cx, index, block, &mut chapter.units, &mut links);
        }
    }
    (chapter, links)
}

const BLOCK_KINDS: &str = "`paragraph`, `bullets`, `callout`, `contact` or `see`";

fn build_block(
    cx: &mut FileCx<'_>,
    section: usize,
    block: &Spanned<RawBlock>,
    units: &mut Vec<Unit>,
    links: &mut Vec<PendingLink>,
) {
    let b = block.get_ref();
    let span = block.span();
    let kinds = [
        b.paragraph.is_some(),
        b.bullets.is_some(),
        b.callout.is_some(),
        b.contact.is_some(),
        b.see.is_some(),
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
    let mut push = |kind: UnitKind, text: String| {
        units.push(Unit {
            section: Some(section),
            kind,
            text,
            line,
        })
    };
    // Fields that belong to other kinds of block are mistakes worth pointing at.
    let stray = |cx: &mut FileCx<'_>, allowed: &[&str]| {
        let fields: [(&str, Option<Range<usize>>); 4] = [
            ("text", b.text.as_ref().map(Spanned::span)),
            ("phone", b.phone.as_ref().map(Spanned::span)),
            ("hours", b.hours.as_ref().map(Spanned::span)),
            ("qr", b.qr.as_ref().map(Spanned::span)),
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
        stray(cx, &["phone", "hours", "qr"]);
        let label = cx.text(label, "contact");
        let qr = b.qr.as_ref().is_some_and(|q| *q.get_ref());
        push(UnitKind::ContactLabel { qr }, label);
        match &b.phone {
            Some(p) => {
                let phone = cx.text(p, "phone");
                push(UnitKind::ContactPhone, phone);
            }
            None => cx.error(span, "a contact needs `phone`"),
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
        links.push(PendingLink {
            unit: first_unit,
            target: target.get_ref().clone(),
            span: target.span(),
        });
        push(
            UnitKind::Link(Target {
                chapter: 0,
                section: None,
            }),
            text,
        );
    }
}

/// Resolves `chapter` or `chapter#section` against the edition's chapters.
fn resolve(chapters: &[Chapter], target: &str) -> Result<Target, String> {
    let (chapter_id, section_id) = match target.split_once('#') {
        Some((c, s)) => (c, Some(s)),
        None => (target, None),
    };
    let Some(chapter) = chapters.iter().position(|c| c.id == chapter_id) else {
        let known: Vec<&str> = chapters.iter().map(|c| c.id.as_str()).collect();
        return Err(format!(
            "`see` points at chapter \"{chapter_id}\", which does not exist; the chapters are {}",
            known.join(", ")
        ));
    };
    let section = match section_id {
        None => None,
        Some(sid) => match chapters[chapter].sections.iter().position(|s| s.id == sid) {
            Some(i) => Some(i),
            None => {
                let known: Vec<&str> = chapters[chapter]
                    .sections
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect();
                return Err(format!(
                    "`see` points at section \"{sid}\" of \"{chapter_id}\", which does not exist; its sections are {}",
                    known.join(", ")
                ));
            }
        },
    };
    Ok(Target { chapter, section })
}
