//! The shipped handbook itself: it loads cleanly, both editions have the same chapters in the
//! same order, the English is plain language, the safety text is where a patient needs it, and
//! search finds what patients type (accents, case and the handbook's own synonyms).

use achilles_handbook::content::{self, CalloutKind, Handbook, Library, UnitKind};
use achilles_handbook::readability::{self, MAX_SENTENCE_WORDS};
use achilles_handbook::search::Index;

const CHAPTERS: [&str; 7] = [
    "overview",
    "tendonitis",
    "rupture",
    "care-team",
    "research",
    "training",
    "contact",
];

fn library() -> Library {
    let loaded = content::load(None);
    assert!(
        loaded.diagnostics.is_empty(),
        "the shipped handbook has no errors and no warnings: {:#?}",
        loaded.diagnostics
    );
    loaded.library.expect("the shipped handbook loads")
}

fn edition<'a>(library: &'a Library, language: &str) -> &'a Handbook {
    let i = library
        .edition_index(language)
        .unwrap_or_else(|| panic!("no {language} edition"));
    &library.editions[i]
}

/// The texts of every unit a search returned.
fn found<'a>(book: &'a Handbook, index: &Index, query: &str) -> Vec<&'a str> {
    index
        .search(book, query)
        .ranked
        .iter()
        .map(|h| book.chapters[h.chapter].units.text(h.unit))
        .collect()
}

#[test]
fn the_shipped_handbook_loads_with_no_errors_and_no_warnings() {
    let loaded = content::load(None);
    let shown: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert!(shown.is_empty(), "{}", shown.join("\n"));
    assert!(loaded.library.is_some());
}

#[test]
fn both_editions_have_the_seven_chapters_in_order() {
    let library = library();
    let languages: Vec<&str> = library
        .editions
        .iter()
        .map(|e| e.language.as_str())
        .collect();
    assert_eq!(languages, ["en", "es"]);
    for book in &library.editions {
        let ids: Vec<&str> = book.chapters.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, CHAPTERS, "{} edition", book.language);
        for chapter in &book.chapters {
            assert!(!chapter.title.is_empty() && !chapter.tab.is_empty());
            assert!(
                !chapter.sections.is_empty(),
                "{}/{}",
                book.language,
                chapter.id
            );
        }
    }
}

#[test]
fn every_english_chapter_is_plain_language() {
    let library = library();
    let mut problems = Vec::new();
    for chapter in &edition(&library, "en").chapters {
        let report = readability::report(chapter, readability::Formula::FleschKincaid);
        assert!(report.words > 0, "{} has prose", chapter.id);
        let grade = report.flesch_kincaid();
        if grade > readability::MAX_GRADE {
            problems.push(format!("{}: reading grade {grade:.1} > 8.0", chapter.id));
        }
        for (line, words, start) in &report.long {
            problems.push(format!(
                "{}.toml:{line}: sentence of {words} words (over {MAX_SENTENCE_WORDS}): {start}",
                chapter.id
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_spanish_chapter_reads_as_normal_or_easier_on_the_inflesz_scale() {
    let library = library();
    let mut problems = Vec::new();
    let spanish = edition(&library, "es");
    for chapter in &spanish.chapters {
        let report = readability::report(chapter, spanish.text.readability);
        assert!(report.words > 0, "{} has prose", chapter.id);
        let score = report.szigriszt_pazos();
        if score < readability::MIN_INFLESZ {
            problems.push(format!("{}: INFLESZ {score:.0} < 55", chapter.id));
        }
        for (line, words, start) in &report.long {
            problems.push(format!(
                "{}.toml:{line}: sentence of {words} words (over {MAX_SENTENCE_WORDS}): {start}",
                chapter.id
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_rupture_chapter_has_an_urgent_callout_in_each_edition() {
    let library = library();
    for book in &library.editions {
        let rupture = book
            .chapters
            .iter()
            .find(|c| c.id == "rupture")
            .expect("a rupture chapter");
        let urgent: Vec<&str> = rupture
            .units
            .with_text()
            .filter(|(u, _)| u.kind == UnitKind::Callout(CalloutKind::Urgent))
            .map(|(_, text)| text)
            .collect();
        assert!(
            !urgent.is_empty(),
            "{} rupture: no urgent callout",
            book.language
        );
        assert!(
            urgent.iter().any(|t| t.contains("911")),
            "{} rupture: the urgent callout says to call 911: {urgent:?}",
            book.language
        );
    }
}

#[test]
fn the_disclaimer_mentions_911_in_both_editions() {
    let library = library();
    for book in &library.editions {
        assert!(
            book.disclaimer.contains("911"),
            "{}: {}",
            book.language,
            book.disclaimer
        );
    }
}

#[test]
fn exactly_one_contact_offers_a_qr_code_in_each_edition() {
    let library = library();
    for book in &library.editions {
        let qr: Vec<(&str, &str)> = book
            .chapters
            .iter()
            .flat_map(|c| c.units.with_text().map(move |u| (c.id.as_str(), u)))
            .filter(|(_, (u, _))| u.kind == UnitKind::ContactLabel { qr: true })
            .map(|(c, (_, text))| (c, text))
            .collect();
        assert_eq!(qr.len(), 1, "{}: {qr:?}", book.language);
        let phones: Vec<_> = book.chapters.iter().filter_map(|c| c.qr_phone()).collect();
        assert_eq!(phones.len(), 1, "{}: {phones:?}", book.language);
        assert_eq!(phones[0].tel_uri(), "tel:+13104234566", "{}", book.language);
    }
}

#[test]
fn spanish_search_ignores_accents() {
    let library = library();
    let es = edition(&library, "es");
    let index = Index::build(es);
    let texts = found(es, &index, "tendon");
    assert!(!texts.is_empty(), "\"tendon\" finds something in Spanish");
    assert!(
        texts.iter().any(|t| t.contains("tendón")),
        "\"tendon\" finds text with \"tendón\": {texts:?}"
    );
    // And the other way round: typing the accent finds the same units.
    assert_eq!(
        index.search(es, "tendón").ranked,
        index.search(es, "tendon").ranked,
        "accents are folded in the query too"
    );
}

#[test]
fn search_ignores_case() {
    let library = library();
    let en = edition(&library, "en");
    let index = Index::build(en);
    let upper = index.search(en, "TENDON");
    assert!(!upper.ranked.is_empty(), "\"TENDON\" finds results");
    assert_eq!(upper.ranked, index.search(en, "tendon").ranked);
}

#[test]
fn a_synonym_from_the_handbook_finds_the_usual_words() {
    let library = library();
    let en = edition(&library, "en");
    assert!(
        en.synonyms
            .iter()
            .any(|g| g.iter().any(|w| w == "heel cord")
                && g.iter().any(|w| w == "achilles tendon")),
        "the handbook lists \"heel cord\" with \"achilles tendon\": {:?}",
        en.synonyms
    );
    let index = Index::build(en);
    let texts = found(en, &index, "heel cord");
    // Found through the synonym alone: the text says "Achilles tendon" and not "heel cord".
    let by_synonym: Vec<&&str> = texts
        .iter()
        .filter(|t| t.contains("Achilles tendon") && !t.to_lowercase().contains("heel cord"))
        .collect();
    assert!(
        !by_synonym.is_empty(),
        "\"heel cord\" finds text with \"Achilles tendon\": {texts:?}"
    );
}

#[allow(clippy::disallowed_types)]
mod binary {
    use std::process::Command;

    #[test]
    fn check_passes_the_shipped_handbook() {
        let out = Command::new(env!("CARGO_BIN_EXE_achilles-handbook"))
            .arg("check")
            .output()
            .expect("the binary runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}");
        let last = stdout.lines().last().unwrap_or_default();
        assert!(
            last.starts_with("ok: 2 edition(s), 14 chapters, no errors"),
            "{stdout}"
        );
    }
}
