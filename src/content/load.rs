//! Loading a handbook in two stages: serde into the raw shapes of `raw`, then validation into
//! the domain types of `model`. Every problem becomes a located [`Diagnostic`], and as many as
//! can be found are reported together. Text is cleaned here, once. Nothing here touches the
//! terminal: this runs before the UI starts.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use super::chapter::Targets;
use super::chapter_file::parse_chapter;
use super::diagnostic::Diagnostic;
use super::editions::side_by_side;
use super::file_cx::FileCx;
use super::model::{Handbook, Library, UnitKind};
use super::raw::RawManifest;
use super::source::{self, Folder, MANIFEST, MAX_HANDBOOK_BYTES};
use crate::i18n::Text;

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

/// Loads the handbook in `root`, or the built-in one when `root` is `None`: that one was
/// loaded and validated by this same code when the program was built, and is only decoded.
pub fn load(root: Option<&Path>) -> Loaded {
    match root {
        None => super::built_in::decode(crate::BUILT_IN),
        Some(root) => {
            let (folders, problems) = source::editions(root);
            load_folders(&folders, problems)
        }
    }
}

/// Loads one edition from files held in memory (file name → bytes), reported under `prefix`.
/// The same validation as from disk; for tests, fuzzing and benchmarks.
pub fn load_files(prefix: &str, files: BTreeMap<String, Vec<u8>>) -> Loaded {
    load_folders(
        &[Folder::Memory(Arc::new(files), prefix.to_owned())],
        Vec::new(),
    )
}

/// Loads these edition folders; `diagnostics` holds the problems already found in finding them.
pub(super) fn load_folders(folders: &[Folder], mut diagnostics: Vec<Diagnostic>) -> Loaded {
    let mut editions = Vec::new();
    let mut listed = Vec::new();
    let mut read = 0;
    for (folder, (loaded, mut found, bytes)) in folders.iter().zip(side_by_side(folders)) {
        diagnostics.append(&mut found);
        read += bytes;
        if let Some((edition, ids)) = loaded {
            listed.push(Listed {
                manifest: folder.display(MANIFEST),
                language: edition.language.clone(),
                ids,
            });
            editions.push(edition);
        }
    }
    // Each edition kept within the cap on its own; together they must too.
    if read > MAX_HANDBOOK_BYTES
        && let Some(last) = folders.last()
    {
        diagnostics.push(Diagnostic::file(
            &last.display(MANIFEST),
            format!(
                "the handbook is larger than {MAX_HANDBOOK_BYTES} bytes in all; remove some content"
            ),
        ));
    }
    compare_editions(&listed, &mut diagnostics);
    diagnostics.sort();
    diagnostics.dedup();
    let ok = !diagnostics.iter().any(Diagnostic::is_error) && !editions.is_empty();
    let diagnostics = cap_per_file(diagnostics);
    Loaded {
        library: ok.then_some(Library {
            editions: editions.into(),
        }),
        diagnostics,
    }
}

/// What an edition's manifest lists, whether or not each chapter loaded: a chapter whose file
/// has an error is still listed, and only that error is reported for it.
struct Listed {
    manifest: String,
    language: String,
    ids: Vec<String>,
}

/// Every edition must list the same chapters, and each language only once.
fn compare_editions(editions: &[Listed], out: &mut Vec<Diagnostic>) {
    let mut languages = HashSet::new();
    for edition in editions {
        if !languages.insert(edition.language.as_str()) {
            out.push(Diagnostic::file(
                &edition.manifest,
                format!(
                    "a second edition in language \"{}\"; each language may have one edition",
                    edition.language
                ),
            ));
        }
        let own: HashSet<&str> = edition.ids.iter().map(String::as_str).collect();
        for other in editions {
            for id in &other.ids {
                if !own.contains(id.as_str()) {
                    out.push(Diagnostic::file(
                        &edition.manifest,
                        format!(
                            "chapter \"{id}\" is in the \"{}\" edition but missing from this \"{}\" edition; add it to `chapters`",
                            other.language, edition.language
                        ),
                    ));
                }
            }
        }
    }
}

/// Loads one edition: its handbook, and the chapter ids its manifest lists.
pub(super) fn load_edition(
    folder: &Folder,
    budget: &mut u64,
    out: &mut Vec<Diagnostic>,
) -> Option<(Handbook, Vec<String>)> {
    let manifest_path = folder.display(MANIFEST);
    let manifest_text = match folder.read(MANIFEST, budget) {
        Ok(t) => t,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    let mut cx = FileCx::new(manifest_path, &manifest_text, out);
    let raw: RawManifest = cx.parse()?;
    let mut ids: Vec<(String, Range<usize>)> = Vec::new();
    let mut seen = HashSet::new();
    for id in raw.chapters.get_ref() {
        let value = cx.id(id, "chapters");
        if !seen.insert(value.clone()) {
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
        urgent: raw.urgent.as_ref().map(|u| cx.text(u, "urgent")),
        source: raw.source.as_ref().map(|s| cx.text(s, "source")),
        chapters: Vec::new(),
        synonyms: Vec::new(),
        text: Text::english().clone(),
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
    handbook.text = super::interface::load(folder, &handbook.language, budget, cx.out);
    let listed: HashSet<String> = ids.iter().map(|(id, _)| format!("{id}.toml")).collect();
    let files = folder.chapter_files().unwrap_or_else(|d| {
        cx.out.push(d);
        Vec::new()
    });
    for file in files {
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

    // Each chapter is read, parsed and built on its own, and its text and parse tree dropped
    // before the next is read: what the edition-wide checks below need of it (link targets,
    // where each stands) is kept located, without the text.
    let manifest_starts = std::mem::take(&mut cx.line_starts);
    let out = cx.out;
    let mut pending = Vec::new();
    for (id, span) in &ids {
        let file = format!("{id}.toml");
        match folder.read(&file, budget) {
            Ok(text) => {
                if let Some((mut chapter, left)) =
                    parse_chapter(id, folder.display(&file), &text, out)
                {
                    pending.push((handbook.chapters.len(), left));
                    chapter.version.clone_from(&handbook.version);
                    chapter.source.clone_from(&handbook.source);
                    handbook.chapters.push(chapter);
                }
            }
            // A file that is there but unreadable says why, at its own place.
            Err(d) if folder.has(&file) => out.push(d),
            Err(_) => out.push(Diagnostic::at_line(
                &folder.display(MANIFEST),
                &manifest_text,
                &manifest_starts,
                span.start,
                format!(
                    "chapter \"{id}\" is listed here but {file} is missing beside handbook.toml"
                ),
            )),
        }
    }
    let mut qr_seen = false;
    let listed: HashSet<&str> = ids.iter().map(|(id, _)| id.as_str()).collect();
    let loaded: HashSet<String> = handbook.chapters.iter().map(|c| c.id.clone()).collect();
    let mut resolved = Vec::new();
    // Filled in after the links are resolved, which borrow the chapters.
    let mut urgent_units = Vec::new();
    let targets = Targets::new(&handbook.chapters);
    for (index, left) in pending {
        let path = &handbook.chapters[index].path;
        let mut shown = 0;
        for link in left.links {
            // Near ids are looked for only while this file's messages are still shown.
            match targets.resolve(&link.target, shown < MAX_PER_FILE) {
                Ok(target) => resolved.push((index, link.unit, target)),
                // A link into a listed chapter that failed to load is not this file's fault:
                // that chapter's own error is already reported.
                Err(_) if links_to_broken(&link.target, &listed, &loaded) => {}
                Err(why) => {
                    shown += 1;
                    out.push(Diagnostic::at_place(path, link.at, why));
                }
            }
        }
        for (unit, at) in left.messages {
            match &handbook.urgent {
                Some(_) => urgent_units.push((index, unit)),
                None => out.push(Diagnostic::at_place(
                    path,
                    at,
                    "this block shows the edition's urgent message, but handbook.toml has no `urgent`; add `urgent = \"...\"` there",
                )),
            }
        }
        for at in left.qr {
            if qr_seen {
                out.push(Diagnostic::at_place(
                    path,
                    at,
                    "only one contact in the handbook may have `qr = true`",
                ));
            }
            qr_seen = true;
        }
    }
    for (index, unit, target) in resolved {
        handbook.chapters[index].units[unit].kind = UnitKind::Link(target);
    }
    if let Some(text) = &handbook.urgent {
        // Each chapter's text is written again once, with all its urgent units filled in.
        for (index, chapter) in handbook.chapters.iter_mut().enumerate() {
            let changes: Vec<(usize, &str)> = urgent_units
                .iter()
                .filter(|(c, _)| *c == index)
                .map(|(_, unit)| (*unit, text.as_str()))
                .collect();
            chapter.units.set_texts(&changes);
        }
    }
    Some((handbook, ids.into_iter().map(|(id, _)| id).collect()))
}

/// Whether `target` names a chapter the manifest lists but that did not load.
fn links_to_broken(target: &str, listed: &HashSet<&str>, loaded: &HashSet<String>) -> bool {
    let id = target.split_once('#').map_or(target, |(c, _)| c);
    listed.contains(id) && !loaded.contains(id)
}

/// At most this many problems are reported per file, then how many more there are: a file
/// with thousands of the same mistake gets a readable report, not megabytes of it.
pub const MAX_PER_FILE: usize = 100;

/// Keeps the first [`MAX_PER_FILE`] problems of each file (they come sorted by file) and adds
/// one that counts the rest.
fn cap_per_file(all: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::with_capacity(all.len().min(4 * MAX_PER_FILE));
    let mut rest: Option<(String, usize, usize)> = None;
    let mut in_file = 0;
    let flush = |out: &mut Vec<Diagnostic>, rest: &mut Option<(String, usize, usize)>| {
        if let Some((path, more, errors)) = rest.take() {
            let d = Diagnostic::file(
                &path,
                format!(
                    "{more} more problem(s) in this file not shown ({errors} of them errors); fix the ones above and check again"
                ),
            );
            out.push(if errors == 0 { d.warning() } else { d });
        }
    };
    for d in all {
        if out.last().is_none_or(|last| last.path != d.path) {
            flush(&mut out, &mut rest);
            in_file = 0;
        }
        in_file += 1;
        if in_file <= MAX_PER_FILE {
            out.push(d);
        } else {
            let entry = rest.get_or_insert_with(|| (d.path.clone(), 0, 0));
            entry.1 += 1;
            entry.2 += usize::from(d.is_error());
        }
    }
    flush(&mut out, &mut rest);
    out
}
