//! The two shipped editions say the same things: the same chapters, sections and kinds of
//! block in the same order, the same links, phone numbers, dates and figures; and each carries
//! what a patient acts on (key points first, the one urgent message where it is needed, next
//! steps and the questions checklist, and the trust lines at the end of every chapter).

use achilles_handbook::content::{self, CalloutKind, Chapter, Handbook, Library, UnitKind};

fn library() -> Library {
    let loaded = content::load(None);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    loaded.library.expect("the shipped handbook loads")
}

fn edition<'a>(library: &'a Library, language: &str) -> &'a Handbook {
    let i = library.edition_index(language).expect("the edition exists");
    &library.editions[i]
}

fn chapter<'a>(book: &'a Handbook, id: &str) -> &'a Chapter {
    book.chapters
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("{}: no chapter {id}", book.language))
}

/// A unit's kind without its words: links keep where they lead, figures only that they are.
fn shape(kind: &UnitKind) -> String {
    match kind {
        UnitKind::Figure(_) => "Figure".to_owned(),
        other => format!("{other:?}"),
    }
}

/// Every run of digits in the chapter's text, sorted: phone numbers, hours, ages, ranks.
fn numbers(chapter: &Chapter) -> Vec<String> {
    let mut all: Vec<String> = chapter
        .units
        .with_text()
        .filter(|(u, _)| u.kind.figure().is_none())
        .flat_map(|(_, text)| {
            text.split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    all.sort();
    all
}

fn phones(chapter: &Chapter) -> Vec<&str> {
    chapter
        .units
        .with_text()
        .filter(|(u, _)| matches!(u.kind, UnitKind::ContactPhone { .. }))
        .map(|(_, text)| text)
        .collect()
}

#[test]
fn both_editions_have_the_same_structure_numbers_and_dates() {
    let library = library();
    let (en, es) = (edition(&library, "en"), edition(&library, "es"));
    assert_eq!(en.version, es.version);
    assert_eq!(
        (en.reviewed_on, en.review_due),
        (es.reviewed_on, es.review_due)
    );
    assert_eq!(en.chapters.len(), es.chapters.len());
    for (a, b) in en.chapters.iter().zip(&es.chapters) {
        assert_eq!(a.id, b.id);
        assert_eq!(
            (a.reviewed_on, a.review_due),
            (b.reviewed_on, b.review_due),
            "{}",
            a.id
        );
        assert_eq!(a.sections.len(), b.sections.len(), "{}: sections", a.id);
        let shapes = |c: &Chapter| -> Vec<(Option<usize>, String)> {
            c.units
                .iter()
                .map(|u| (u.section(), shape(&u.kind)))
                .collect()
        };
        let (sa, sb) = (shapes(a), shapes(b));
        if let Some(i) = (0..sa.len().max(sb.len())).find(|&i| sa.get(i) != sb.get(i)) {
            panic!(
                "{}: the editions part at unit {i}: en {:?} ({:?}), es {:?} ({:?})",
                a.id,
                sa.get(i),
                a.units.get(i).map(|_| a.units.text(i)),
                sb.get(i),
                b.units.get(i).map(|_| b.units.text(i)),
            );
        }
        assert_eq!(phones(a), phones(b), "{}: phone numbers", a.id);
        assert_eq!(numbers(a), numbers(b), "{}: numbers in the text", a.id);
    }
    assert_eq!(en.urgent.is_some(), es.urgent.is_some());
    let digits = |t: &Option<String>| numbers_in(t.as_deref().unwrap_or(""));
    assert_eq!(digits(&en.urgent), digits(&es.urgent), "the urgent message");
}

fn numbers_in(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_chapter_opens_with_two_to_four_key_points() {
    let library = library();
    for book in &library.editions {
        for c in &book.chapters {
            let kinds: Vec<&UnitKind> = c.units.iter().map(|u| &u.kind).collect();
            assert_eq!(
                kinds[..2],
                [&UnitKind::Title, &UnitKind::Summary],
                "{}",
                c.id
            );
            let points = kinds[2..]
                .iter()
                .take_while(|k| ***k == UnitKind::KeyPoint)
                .count();
            assert!(
                (2..=4).contains(&points),
                "{}/{}: {points}",
                book.language,
                c.id
            );
            assert_eq!(
                kinds.iter().filter(|k| ***k == UnitKind::KeyPoint).count(),
                points,
                "{}/{}: key points come first and only there",
                book.language,
                c.id
            );
        }
    }
}

#[test]
fn the_urgent_message_is_one_text_shown_where_it_is_needed() {
    let library = library();
    for book in &library.editions {
        let urgent = book
            .urgent
            .as_deref()
            .expect("the edition has an urgent message");
        // When to call 911, when to be seen and whom to call, with the hours.
        for needed in ["911", "310-423-4566", "1-800-233-2771", "8", "5"] {
            assert!(urgent.contains(needed), "{}: {needed}", book.language);
        }
        for c in &book.chapters {
            for (u, text) in c.units.with_text() {
                if u.kind == UnitKind::Callout(CalloutKind::Urgent) {
                    assert_eq!(text, urgent, "{}/{}", book.language, c.id);
                }
            }
        }
        for (id, within) in [("overview", 1), ("rupture", usize::MAX), ("contact", 1)] {
            let c = chapter(book, id);
            let at = c
                .units
                .iter()
                .find(|u| u.kind == UnitKind::Callout(CalloutKind::Urgent))
                .and_then(|u| u.section())
                .unwrap_or_else(|| panic!("{}/{id}: no urgent message", book.language));
            assert!(
                at < within,
                "{}/{id}: the urgent message is in section {at}",
                book.language
            );
        }
    }
}

#[test]
fn contact_says_what_happens_next_and_lists_questions() {
    let library = library();
    for book in &library.editions {
        let contact = chapter(book, "contact");
        let checks: Vec<&str> = contact
            .units
            .with_text()
            .filter(|(u, _)| u.kind == UnitKind::Check)
            .map(|(_, text)| text)
            .collect();
        assert!(checks.len() >= 4, "{}: {checks:?}", book.language);
        assert!(
            checks.iter().all(|q| q.ends_with('?')),
            "{}: the checklist holds questions only: {checks:?}",
            book.language
        );
        let text: String = contact.units.with_text().map(|(_, t)| t).collect();
        for needed in ["Virtual Second Opinion", "310-423-4566", "1-800-233-2771"] {
            assert!(text.contains(needed), "{}: {needed}", book.language);
        }
    }
}

#[test]
fn every_chapter_names_its_version_and_source() {
    let library = library();
    for book in &library.editions {
        assert!(book.source.is_some(), "{}", book.language);
        for c in &book.chapters {
            assert_eq!(c.version, book.version);
            assert_eq!(c.source, book.source);
        }
    }
}
