//! The `search` subcommand's output: the same ranked results the interface lists, as plain
//! text for screen readers and scripts. Each result is its place (`Chapter > Section`) and an
//! indented snippet around the best match; nothing else is written, so the output pipes well.
//! Writes to the given writers only; deciding the exit status is the caller's.

use std::io::{self, Write};

use super::{Index, Results, snippet};
use crate::content::Handbook;
use crate::i18n::Text;

/// What the results list shows as a hit's place: `Chapter > Section`, or the chapter alone.
pub fn place(handbook: &Handbook, chapter: usize, section: Option<usize>) -> String {
    let Some(c) = handbook.chapters.get(chapter) else {
        return String::new();
    };
    match section.and_then(|s| c.sections.get(s)) {
        Some(s) => format!("{} > {}", c.tab, s.heading),
        None => c.tab.clone(),
    }
}

/// Writes `results` to `out`, snippets cut to `width` columns; when there are none, writes
/// why and what to try to `err`. Returns whether anything was found.
pub fn write(
    out: &mut impl Write,
    err: &mut impl Write,
    handbook: &Handbook,
    index: &Index,
    results: &Results,
    text: &Text,
    width: usize,
) -> io::Result<bool> {
    for hit in &results.ranked {
        writeln!(out, "{}", place(handbook, hit.chapter, hit.section))?;
        let unit = handbook.chapters[hit.chapter].units.text(hit.unit);
        let ranges = results.matcher.ranges(index, unit);
        let (snip, _) = snippet(unit, &ranges, width.saturating_sub(2).max(20), "...");
        writeln!(out, "  {snip}")?;
    }
    if !results.ranked.is_empty() {
        return Ok(true);
    }
    writeln!(err, "{}", text.no_results)?;
    if !results.suggestions.is_empty() {
        writeln!(err, "{}", text.did_you_mean(&results.suggestions))?;
    }
    let tabs: Vec<&str> = handbook.chapters.iter().map(|c| c.tab.as_str()).collect();
    writeln!(
        err,
        "{}",
        text.chapters_are.replace("{chapters}", &tabs.join(", "))
    )?;
    Ok(false)
}
