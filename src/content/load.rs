//! Loading a handbook in two stages: serde into the raw shapes of `raw`, then validation into
//! the domain types of `model`. Every problem becomes a located [`Diagnostic`], and as many as
//! can be found are reported together. Text is cleaned here, once. Nothing here touches the
//! terminal: this runs before the UI starts.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use super::chapter::{Pending, build_chapter, resolve};
use super::diagnostic::Diagnostic;
use super::file_cx::{FileCx, line_starts};
use super::model::{Chapter, Handbook, Library, UnitKind};
use super::raw::{RawChapter, RawManifest};
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
    let (folders, problems) = source::editions(root);
    load_folders(&folders, problems)
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
fn load_folders(folders: &[Folder], mut diagnostics: Vec<Diagnostic>) -> Loaded {
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
        urgent: raw.urgent.as_ref().map(|u| cx.text(u, "urgent")),
        source: raw.source.as_ref().map(|s| cx.text(s, "source")),
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
        if let Some((chapter, left, path, text)) = parsed {
            pending.push((handbook.chapters.len(), path, text, left));
            let mut chapter = chapter;
            chapter.version.clone_from(&handbook.version);
            chapter.source.clone_from(&handbook.source);
            handbook.chapters.push(chapter);
        }
    }
    let mut qr_seen = false;
    for (index, path, text, left) in pending {
        let mut cx = FileCx {
            path,
            line_starts: Vec::new(),
            source: text,
            out,
        };
        for link in left.links {
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
        for (unit, span) in left.messages {
            match &handbook.urgent {
                Some(text) => handbook.chapters[index].units[unit].text = text.clone(),
                None => cx.error(
                    span,
                    "this block shows the edition's urgent message, but handbook.toml has no `urgent`; add `urgent = \"...\"` there",
                ),
            }
        }
        for span in left.qr {
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
type Parsed<'a> = (Chapter, Pending, String, &'a str);

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
            let (chapter, left) = build_chapter(&mut cx, id, &raw);
            (chapter, left, path.clone(), text.as_str())
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
