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
