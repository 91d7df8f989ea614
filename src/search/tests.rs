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
        .map(|hit| h.chapters[hit.chapter].units[hit.unit].text.clone())
        .collect()
}

fn highlighted(h: &Handbook, q: &str) -> Vec<String> {
    let index = Index::build(h);
    let r = index.search(h, q);
    r.ranked
        .iter()
        .flat_map(|hit| {
            let text = &h.chapters[hit.chapter].units[hit.unit].text;
            r.matcher
                .ranges(&index, text)
                .into_iter()
                .map(|rg| text[rg].to_owned())
        })
        .collect()
}

#[test]
fn case_and_accents_do_not_matter() {
    let h = handbook();
    assert!(texts(&h, "TENDON").contains(&"Calcium and the tendón".to_owned()));
    assert!(texts(&h, "calcíum").contains(&"Calcium builds up in the tendon.".to_owned()));
    assert!(highlighted(&h, "TENDON").contains(&"tendón".to_owned()));
}

#[test]
fn words_match_as_prefixes_and_all_must_match() {
    let h = handbook();
    assert!(texts(&h, "rupt").contains(&"The Achilles tendon can be ruptured.".to_owned()));
    assert_eq!(
        texts(&h, "calcium builds"),
        ["Calcium builds up in the tendon."]
    );
    assert!(texts(&h, "calcium walking").is_empty(), "AND, not OR");
    assert!(highlighted(&h, "rupt").contains(&"ruptured".to_owned()));
}

#[test]
fn one_typo_is_forgiven_in_longer_words() {
    let h = handbook();
    assert!(!texts(&h, "calsium").is_empty());
    assert!(!texts(&h, "achiles").is_empty());
    assert!(
        texts(&h, "tendinitis")
            .iter()
            .any(|t| t.contains("tendonitis"))
    );
    assert!(texts(&h, "wslk").is_empty(), "short words need to be right");
}

#[test]
fn synonyms_come_from_the_handbook() {
    let h = handbook();
    assert!(texts(&h, "heel cord").contains(&"The Achilles tendon can be ruptured.".to_owned()));
    assert!(highlighted(&h, "heel cord").contains(&"Achilles tendon".to_owned()));
    assert!(texts(&h, "snapped").iter().any(|t| t.contains("rupture")));
}

#[test]
fn a_phrase_matches_only_where_its_words_stand_together() {
    let h = handbook();
    let found = texts(&h, "heel cord");
    assert!(found.contains(&"The Achilles tendon can be ruptured.".to_owned()));
    assert!(
        !found.iter().any(|t| t.starts_with("Achilles was a hero")),
        "achilles ... tendon apart is not the phrase: {found:?}"
    );
}

#[test]
fn titles_rank_first_then_exact_before_fuzzy_then_reading_order() {
    let h = handbook();
    let ranked = texts(&h, "tendonitis");
    assert_eq!(ranked[0], "Tendonitis basics", "the heading comes first");
    let t = texts(&h, "tendon");
    assert_eq!(t[0], "Calcium and the tendón");
    let hits = Index::build(&h).search(&h, "calcium");
    let order: Vec<(u8, Quality)> = hits.ranked.iter().map(|x| (x.tier, x.quality)).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
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
            let unit = &h.chapters[hit.chapter].units[hit.unit].text;
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
