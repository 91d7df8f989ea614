//! Folding, prefixes, AND, typos, synonyms and ranking, on a small handbook made for the test.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::content::{Handbook, load_files};

fn handbook() -> Handbook {
    let manifest = r#"
title = "T"
organisation = "O"
language = "en"
language_name = "English"
version = "1"
reviewed_on = 2026-01-01
review_due = 2027-01-01
disclaimer = "D"
chapters = ["one", "two"]
[[synonyms]]
words = ["achilles tendon", "heel cord"]
[[synonyms]]
words = ["rupture", "tear", "snapped"]
"#;
    let one = r#"
tab = "One"
title = "Calcium and the tendón"
summary = "The Achilles tendon can be ruptured."
reviewed_on = 2026-01-01
review_due = 2027-01-01
[[sections]]
id = "a"
heading = "Tendonitis basics"
[[sections.blocks]]
paragraph = "Calcium builds up in the tendon."
[[sections.blocks]]
bullets = ["Walking hurts.", "Swelling above the heel."]
"#;
    let two = r#"
tab = "Two"
title = "Second"
summary = "A rupture is a complete tear most of the time."
reviewed_on = 2026-01-01
review_due = 2027-01-01
[[sections]]
id = "b"
heading = "Care"
[[sections.blocks]]
paragraph = "Ask about tendonitis at the clinic."
[[sections.blocks]]
paragraph = "Achilles was a hero. A tendon is a cord."
[[sections.blocks]]
contact = "Team"
phone = "310-423-4566"
"#;
    let files: BTreeMap<String, Vec<u8>> = [
        ("handbook.toml", manifest),
        ("one.toml", one),
        ("two.toml", two),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.as_bytes().to_vec()))
    .collect();
    let loaded = load_files("t", files);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.library.unwrap().editions.remove(0)
}

fn texts(h: &Handbook, q: &str) -> Vec<String> {
    let index = Index::build(h);
    index
        .search(h, q)
        .ranked
        .iter()
        .map(|hit| h.chapters[hit.chapter].units.text(hit.unit).to_owned())
        .collect()
}

fn highlighted(h: &Handbook, q: &str) -> Vec<String> {
    let index = Index::build(h);
    let r = index.search(h, q);
    r.ranked
        .iter()
        .flat_map(|hit| {
            let text = h.chapters[hit.chapter].units.text(hit.unit);
            r.matcher
                .ranges(&index, text)
                .into_iter()
                .map(|rg| text[rg].to_owned())
        })
        .collect()
}

/// The results as `Chapter > Section` (the chapter alone for its opening).
fn places(h: &Handbook, q: &str) -> Vec<String> {
    let index = Index::build(h);
    index
        .search(h, q)
        .ranked
        .iter()
        .map(|hit| print::place(h, hit.chapter, hit.section))
        .collect()
}

#[test]
fn case_and_accents_do_not_matter() {
    let h = handbook();
    assert!(texts(&h, "TENDON").contains(&"The Achilles tendon can be ruptured.".to_owned()));
    assert!(texts(&h, "calcíum").contains(&"Calcium builds up in the tendon.".to_owned()));
    let index = Index::build(&h);
    let title = "Calcium and the tendón";
    let ranges = index.search(&h, "TENDON").matcher.ranges(&index, title);
    assert_eq!(&title[ranges[0].clone()], "tendón");
}

#[test]
fn words_match_as_prefixes_and_more_matched_words_rank_first() {
    let h = handbook();
    assert!(texts(&h, "rupt").contains(&"The Achilles tendon can be ruptured.".to_owned()));
    assert!(highlighted(&h, "rupt").contains(&"ruptured".to_owned()));
    // Any word may match; the section holding both comes first.
    let both = places(&h, "calcium walking");
    assert_eq!(both[0], "One > Tendonitis basics", "{both:?}");
    let either = places(&h, "clinic calcium");
    assert!(either.contains(&"Two > Care".to_owned()), "{either:?}");
    assert!(
        either.contains(&"One > Tendonitis basics".to_owned()),
        "{either:?}"
    );
}

#[test]
fn common_words_are_ignored_and_stems_join_word_forms() {
    let h = handbook();
    assert_eq!(places(&h, "what is the calcium"), places(&h, "calcium"));
    // "walks" and "walking" share a stem; "builds" finds "build".
    assert_eq!(places(&h, "walks"), ["One > Tendonitis basics"]);
    assert!(highlighted(&h, "walks").contains(&"Walking".to_owned()));
    assert!(highlighted(&h, "build").contains(&"builds".to_owned()));
}

#[test]
fn one_typo_is_forgiven_only_for_words_the_handbook_lacks() {
    let h = handbook();
    assert!(!texts(&h, "calsium").is_empty());
    assert!(!texts(&h, "achiles").is_empty());
    assert!(texts(&h, "wslk").is_empty(), "short words need to be right");
    // "heroes" is one letter from "hero", but a real word of the handbook is never bent
    // into another: "walking" stays itself.
    let walking = highlighted(&h, "walking");
    assert!(walking.iter().all(|w| w == "Walking"), "{walking:?}");
}

#[test]
fn synonyms_come_from_the_handbook() {
    let h = handbook();
    assert!(texts(&h, "heel cord").contains(&"The Achilles tendon can be ruptured.".to_owned()));
    assert!(highlighted(&h, "heel cord").contains(&"Achilles tendon".to_owned()));
    assert!(texts(&h, "snapped").iter().any(|t| t.contains("rupture")));
}

#[test]
fn a_typo_of_a_synonym_the_text_lacks_finds_its_group() {
    let h = handbook();
    // "snapped" is only a synonym; the text says "rupture" and "tear".
    assert!(texts(&h, "snaped").iter().any(|t| t.contains("rupture")));
    assert!(highlighted(&h, "snaped").contains(&"rupture".to_owned()));
}

#[test]
fn a_phrase_matches_only_where_its_words_stand_together() {
    let h = handbook();
    let found = highlighted(&h, "heel cord");
    assert!(found.contains(&"Achilles tendon".to_owned()));
    assert!(
        !found.iter().any(|t| t == "Achilles"),
        "achilles ... tendon apart is not the phrase: {found:?}"
    );
}

#[test]
fn headings_and_titles_weigh_more_than_body_text() {
    let h = handbook();
    let ranked = places(&h, "tendonitis");
    assert_eq!(
        ranked[0], "One > Tendonitis basics",
        "the heading comes first"
    );
    let care = places(&h, "care");
    assert_eq!(care[0], "Two > Care");
}

#[test]
fn contact_labels_are_searchable() {
    let h = handbook();
    assert_eq!(places(&h, "phone"), ["Two > Care"]);
}

#[test]
fn nothing_found_suggests_the_closest_words() {
    let h = handbook();
    let index = Index::build(&h);
    let r = index.search(&h, "swalleng zzz");
    assert!(r.ranked.is_empty());
    assert_eq!(r.suggestions, ["swelling"]);
}

#[test]
fn text_without_spaces_is_found_by_character_pairs() {
    let mut h = handbook();
    h.language = "zh".into();
    h.chapters[1]
        .units
        .set_texts(&[(4, "跟腱断裂时，您可能会听到啪的一声。")]);
    let index = Index::build(&h);
    let r = index.search(&h, "跟腱断裂");
    assert_eq!(r.ranked.len(), 1);
    let text = h.chapters[1].units.text(4);
    let ranges = r.matcher.ranges(&index, text);
    assert_eq!(&text[ranges[0].clone()], "跟腱断裂");
    assert!(!index.search(&h, "断裂").ranked.is_empty());
}

#[test]
fn nothing_typed_finds_nothing() {
    let h = handbook();
    assert!(texts(&h, "").is_empty());
    assert!(
        texts(&h, "  \u{1b}[2J ")
            .iter()
            .all(|t| t.contains('2') || t.contains('J'))
    );
}

#[test]
fn snippets_fit_and_keep_their_highlights() {
    let text = "Many people say it felt like they got hit or kicked at the back of the leg.";
    let start = text.find("kicked").unwrap();
    let hit = start..start + 6;
    let (snip, ranges) = snippet(text, std::slice::from_ref(&hit), 30, "…");
    assert!(
        unicode_width::UnicodeWidthStr::width(snip.as_str()) <= 30,
        "{snip}"
    );
    assert_eq!(&snip[ranges[0].clone()], "kicked");
}

proptest! {
    #[test]
    fn any_query_over_any_text_is_safe(query in "\\PC{0,40}", text in "\\PC{0,120}") {
        let h = handbook();
        let index = Index::build(&h);
        let r = index.search(&h, &query);
        let ranges = r.matcher.ranges(&index, &text);
        for rg in &ranges {
            prop_assert!(rg.start <= rg.end && rg.end <= text.len());
            prop_assert!(text.is_char_boundary(rg.start) && text.is_char_boundary(rg.end));
        }
        for hit in &r.ranked {
            let unit = h.chapters[hit.chapter].units.text(hit.unit);
            for rg in r.matcher.ranges(&index, unit) {
                prop_assert!(unit.is_char_boundary(rg.start) && unit.is_char_boundary(rg.end));
            }
        }
        let (snip, moved) = snippet(&text, &ranges, 20, "…");
        for rg in moved {
            prop_assert!(snip.is_char_boundary(rg.start) && snip.is_char_boundary(rg.end) && rg.end <= snip.len());
        }
    }
}

/// A synonym group that lists another form of the typed word ("ruptured" beside "rupture")
/// does not count that word twice: the scores are those of the same group without it.
#[test]
fn a_word_counts_once_however_many_synonyms_accept_it() {
    let plain = handbook();
    let mut listed = plain.clone();
    let group = listed
        .synonyms
        .iter_mut()
        .find(|g| g.contains(&"rupture".to_owned()))
        .expect("the rupture group");
    group.push("ruptured".to_owned());
    let scores = |h: &Handbook| -> Vec<(usize, Option<usize>, f32)> {
        let index = Index::build(h);
        index
            .search(h, "rupture tendon")
            .ranked
            .iter()
            .map(|hit| (hit.chapter, hit.section, hit.score))
            .collect()
    };
    assert_eq!(scores(&plain), scores(&listed));
}

/// A common word in a chapter's title does not lift every section of the chapter: "the" in
/// "Calcium and the tendón" adds nothing to a section whose own heading lacks it.
#[test]
fn a_common_word_in_a_chapter_title_does_not_lift_its_sections() {
    let h = handbook();
    let index = Index::build(&h);
    let score = |q: &str| {
        index
            .search(&h, q)
            .ranked
            .iter()
            .find(|hit| hit.chapter == 0 && hit.section.is_some())
            .map(|hit| hit.score)
    };
    assert!(score("walking").is_some());
    assert_eq!(score("the walking"), score("walking"));
}

/// An article or pronoun ("the", "el", "se") says nothing about what a heading answers, so a
/// query's articles count nowhere: "the tendon" scores as "tendon" alone, also in the title
/// "Calcium and the tendón" that holds "the".
#[test]
fn articles_and_pronouns_count_nowhere() {
    let h = handbook();
    let index = Index::build(&h);
    let opening = |q: &str| {
        index
            .search(&h, q)
            .ranked
            .iter()
            .find(|hit| hit.chapter == 0 && hit.section.is_none())
            .map(|hit| hit.score)
    };
    assert!(opening("tendon").is_some());
    assert_eq!(opening("the tendon"), opening("tendon"));
    assert_eq!(opening("it the tendon"), opening("tendon"));
}

/// "se me rompió el tendón" is about a rupture: its articles and pronouns once lifted the
/// overview's "¿Qué es el tendón de Aquiles?" above every rupture section.
#[test]
fn a_spanish_rupture_in_a_patients_words_finds_the_rupture_chapter_first() {
    let library = crate::content::built_in::decode(crate::BUILT_IN)
        .library
        .expect("the built-in handbook decodes");
    let es = library
        .editions
        .iter()
        .find(|e| e.language.starts_with("es"))
        .expect("a Spanish edition");
    let first = places(es, "se me rompió el tendón").remove(0);
    assert!(first.starts_with("Ruptura"), "{first}");
}
