//! Size caps: a chapter or a handbook too large to be a handbook is refused with a clear,
//! located message, while a 10 MB handbook still fits.

use std::collections::BTreeMap;

use achilles_handbook::content::load_files;
use achilles_handbook::content::source::{MAX_FILE_BYTES, MAX_HANDBOOK_BYTES};

fn messages(loaded: &achilles_handbook::content::Loaded) -> String {
    loaded
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn manifest(chapters: &[&str]) -> Vec<u8> {
    let list: Vec<String> = chapters.iter().map(|c| format!("\"{c}\"")).collect();
    format!(
        "title = \"T\"\norganisation = \"O\"\nlanguage = \"en\"\nlanguage_name = \"English\"\n\
         version = \"1\"\nreviewed_on = 2026-01-01\nreview_due = 2027-01-01\ndisclaimer = \"D\"\n\
         chapters = [{}]\n",
        list.join(", ")
    )
    .into_bytes()
}

#[test]
fn the_caps_leave_room_for_a_10_mb_handbook() {
    const { assert!(MAX_FILE_BYTES >= 10 * 1024 * 1024) };
    const { assert!(MAX_HANDBOOK_BYTES >= 2 * 10 * 1024 * 1024) };
}

#[test]
fn an_oversized_chapter_is_refused_by_name() {
    let big = vec![b'#'; MAX_FILE_BYTES as usize + 1];
    let files: BTreeMap<String, Vec<u8>> = [
        ("handbook.toml".to_owned(), manifest(&["huge"])),
        ("huge.toml".to_owned(), big),
    ]
    .into();
    let loaded = load_files("t", files);
    assert!(loaded.library.is_none());
    let message = messages(&loaded);
    assert!(message.contains("t/huge.toml"), "{message}");
    assert!(message.contains("at most"), "{message}");
}

#[test]
fn a_handbook_over_the_total_cap_is_refused() {
    // Five files just under the per-file cap add up to more than the handbook's cap.
    let each = MAX_FILE_BYTES as usize - 1;
    let names = ["a", "b", "c", "d", "e"];
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    files.insert("handbook.toml".into(), manifest(&names));
    for n in names {
        files.insert(format!("{n}.toml"), vec![b'#'; each]);
    }
    let loaded = load_files("t", files);
    assert!(loaded.library.is_none());
    let message = messages(&loaded);
    assert!(message.contains("larger than"), "{message}");
    assert!(message.contains("remove some content"), "{message}");
}

/// A chapter with `sections` sections, then one section of `see` links to `targets`.
fn linking_chapter(sections: usize, targets: &[String]) -> String {
    let mut c = String::from(
        "tab = \"One\"\ntitle = \"One\"\nsummary = \"Links.\"\nreviewed_on = 2026-01-01\nreview_due = 2027-01-01\n",
    );
    for i in 0..sections {
        c.push_str(&format!(
            "[[sections]]\nid = \"part-{i}\"\nheading = \"Part {i}\"\n[[sections.blocks]]\nparagraph = \"Text.\"\n"
        ));
    }
    c.push_str("[[sections]]\nid = \"links\"\nheading = \"Links\"\n");
    for t in targets {
        c.push_str(&format!(
            "[[sections.blocks]]\nsee = \"{t}\"\ntext = \"Go\"\n"
        ));
    }
    c
}

fn manifest_of(ids: &[String]) -> String {
    let list: Vec<String> = ids.iter().map(|i| format!("\"{i}\"")).collect();
    format!(
        "title = \"T\"\norganisation = \"O\"\nlanguage = \"en\"\nlanguage_name = \"E\"\nversion = \"1\"\nreviewed_on = 2026-01-01\nreview_due = 2027-01-01\ndisclaimer = \"D\"\nchapters = [{}]\n",
        list.join(", ")
    )
}

/// Thousands of bad links into a chapter of thousands of sections: at most 100 messages for
/// the file plus one that counts the rest, each short, with near ids instead of every id.
#[test]
fn messages_are_capped_per_file_and_suggest_near_ids() {
    let mut targets = vec!["one#part-12x".to_owned(), "onee".to_owned()];
    targets.extend((0..3000).map(|i| format!("one#missing-{i}")));
    let files: std::collections::BTreeMap<String, Vec<u8>> = [
        (
            "handbook.toml".to_owned(),
            manifest_of(&["one".into()]).into_bytes(),
        ),
        (
            "one.toml".to_owned(),
            linking_chapter(2000, &targets).into_bytes(),
        ),
    ]
    .into();
    let loaded = load_files("t", files);
    let messages: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages.len(),
        101,
        "{:#?}",
        &messages[..5.min(messages.len())]
    );
    assert!(
        messages[100].contains("2902 more problem(s)"),
        "{}",
        messages[100]
    );
    assert!(messages.iter().all(|m| m.len() < 400), "a long message");
    assert!(
        messages[0].contains("did you mean \"part-12\""),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].contains("did you mean \"one\""),
        "{}",
        messages[1]
    );
    assert!(loaded.library.is_none());
}

/// A manifest of 40,000 ids whose files are missing: each is reported where it is listed,
/// capped like any file's messages.
#[test]
fn a_manifest_of_many_missing_chapters_is_capped() {
    let ids: Vec<String> = (0..40_000).map(|i| format!("c{i}")).collect();
    let files: std::collections::BTreeMap<String, Vec<u8>> =
        [("handbook.toml".to_owned(), manifest_of(&ids).into_bytes())].into();
    let loaded = load_files("t", files);
    let messages: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 101);
    assert!(
        messages[100].contains("39900 more problem(s)"),
        "{}",
        messages[100]
    );
}
