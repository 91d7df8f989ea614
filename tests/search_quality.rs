//! Search quality: every query of the shared example set (`../shared/search-queries.tsv`,
//! beside the repository) and of the repository's own set (`tests/search-queries.tsv`) is run
//! against the shipped handbook; a query passes when one of its first three results is in a
//! right chapter or section. Prints the share per language and file, and fails when the shared
//! set is below 95% in a language, or when any query of the repository's own set misses: those
//! were added for weaknesses found, so each one is a regression test.
//! `cargo test --test search_quality -- --nocapture` shows the figures and every miss.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use achilles_handbook::content::{self, Handbook};
use achilles_handbook::search::{Hit, Index};

/// The share of the shared set's queries, per language, that must pass.
const PASS_SHARE: f64 = 0.95;
/// The repository's own set must pass whole.
const OWN_SHARE: f64 = 1.0;
/// Share of queries, per file and language, whose first result is a right answer: the ranking
/// itself, not only the top three (0.83 to 0.93 when this was set).
const FIRST_SHARE: f64 = 0.8;

struct Query {
    line: usize,
    lang: String,
    text: String,
    targets: Vec<String>,
}

fn parse(tsv: &str) -> Vec<Query> {
    tsv.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let mut fields = l.split('\t');
            let mut next = || fields.next().unwrap_or_default().trim().to_owned();
            let (lang, text, targets) = (next(), next(), next());
            Query {
                line: i + 1,
                lang,
                text,
                targets: targets.split(';').map(|t| t.trim().to_owned()).collect(),
            }
        })
        .collect()
}

/// What the results list shows for a hit: `Chapter > Section`, or the chapter alone.
fn place(h: &Handbook, hit: &Hit) -> String {
    let chapter = &h.chapters[hit.chapter];
    match hit.section.and_then(|s| chapter.sections.get(s)) {
        Some(s) => format!("{} > {}", chapter.tab, s.heading),
        None => chapter.tab.clone(),
    }
}

/// Runs one file's queries; returns, per language, (passed, total, right answer first).
fn judge(path: &Path, editions: &[(Handbook, Index)]) -> BTreeMap<String, (usize, usize, usize)> {
    let tsv = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut figures: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for q in parse(&tsv) {
        let Some((h, index)) = editions.iter().find(|(h, _)| h.language == q.lang) else {
            panic!("{}:{}: no edition in {:?}", path.display(), q.line, q.lang);
        };
        let results = index.search(h, &q.text);
        let top: Vec<String> = results
            .ranked
            .iter()
            .take(3)
            .map(|hit| place(h, hit))
            .collect();
        let right = |p: &String| q.targets.iter().any(|t| p.starts_with(t.as_str()));
        let pass = top.iter().any(right);
        let entry = figures.entry(q.lang.clone()).or_default();
        entry.1 += 1;
        if top.first().is_some_and(right) {
            entry.2 += 1;
        }
        if pass {
            entry.0 += 1;
        } else {
            println!(
                "MISS {}:{} [{}] {:?} wants {:?}, top 3: {:?}",
                path.file_name().unwrap_or_default().to_string_lossy(),
                q.line,
                q.lang,
                q.text,
                q.targets,
                top
            );
        }
    }
    figures
}

#[test]
fn queries_find_a_right_answer_in_the_top_three() {
    let library = content::load(None)
        .library
        .expect("the shipped handbook loads");
    let editions: Vec<(Handbook, Index)> = library
        .editions
        .iter()
        .map(|h| (h.clone(), Index::build(h)))
        .collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let own = root.join("tests/search-queries.tsv");
    let mut files = vec![own.clone()];
    // CI keeps the shared folder beside the clone; a worktree elsewhere may name it.
    let shared_dir = std::env::var_os("ACHILLES_SHARED_DIR")
        .map_or_else(|| root.join("../shared"), PathBuf::from);
    let shared = shared_dir.join("search-queries.tsv");
    if shared.is_file() {
        files.insert(0, shared);
    } else {
        println!(
            "{} is absent (it lives beside the repository); judging the repository's own queries only",
            shared.display()
        );
    }
    let mut low = Vec::new();
    for file in &files {
        for (lang, (passed, total, first)) in judge(file, &editions) {
            let share = passed as f64 / total as f64;
            println!(
                "{}: {lang}: {passed}/{total} = {:.1}% with a right answer in the top 3, {first} first",
                file.file_name().unwrap_or_default().to_string_lossy(),
                share * 100.0
            );
            let needed = if *file == own { OWN_SHARE } else { PASS_SHARE };
            if share < needed {
                low.push(format!("{} {lang}: {:.1}%", file.display(), share * 100.0));
            }
            let first_share = first as f64 / total as f64;
            if first_share < FIRST_SHARE {
                low.push(format!(
                    "{} {lang}: {:.1}% right first",
                    file.display(),
                    first_share * 100.0
                ));
            }
        }
    }
    assert!(
        low.is_empty(),
        "search quality below {PASS_SHARE} (shared) or {OWN_SHARE} (own) in the top 3, or {FIRST_SHARE} first: {low:?}"
    );
}
