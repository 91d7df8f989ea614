//! The built-in handbook is validated when the program is built, by the same loader as
//! `--handbook DIR`: these tests run that step (what `build.rs` calls) on a copy of the
//! sources, whole and broken.

use std::path::{Path, PathBuf};

use achilles_handbook::content::built_in::{decode, encode, load_sources};

/// A copy of the repository's `handbook/` folder under the target dir, named `name`, with
/// `change` applied to it.
#[allow(clippy::disallowed_methods)]
fn sources(name: &str, change: impl FnOnce(&Path)) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(name)
        .join("handbook");
    let _ = std::fs::remove_dir_all(&root);
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook");
    for edition in std::fs::read_dir(&from).expect("handbook/ is readable") {
        let edition = edition.expect("an entry").path();
        let to = root.join(edition.file_name().expect("a name"));
        std::fs::create_dir_all(&to).expect("create the copy");
        for file in std::fs::read_dir(&edition).expect("an edition is readable") {
            let file = file.expect("an entry").path();
            std::fs::copy(&file, to.join(file.file_name().expect("a name"))).expect("copy");
        }
    }
    change(&root);
    root
}

#[test]
fn the_sources_as_shipped_are_stored_and_read_back_whole() {
    let loaded = load_sources(&sources("built-in-whole", |_| {}));
    let bytes = encode(&loaded).expect("the shipped handbook has no errors");
    // The program decodes bytes that live as long as it does (they are in the binary).
    let back = decode(Vec::leak(bytes));
    assert_eq!(back.library, loaded.library);
    let library = back.library.expect("decodes");
    assert_eq!(library.editions.len(), 2);
    // The interface words travel with each edition.
    let es = &library.editions[library.edition_for("es").expect("a Spanish edition")];
    assert_ne!(es.text.search_title, library.editions[0].text.search_title);
}

#[test]
#[allow(clippy::disallowed_methods)]
fn a_broken_built_in_handbook_is_refused_with_located_errors() {
    let root = sources("built-in-broken", |root| {
        let file = root.join("es/overview.toml");
        let text = std::fs::read_to_string(&file).expect("read");
        let broken = text.replacen("title = ", "title = 12 #", 1);
        std::fs::write(&file, broken).expect("write");
    });
    let loaded = load_sources(&root);
    assert!(
        encode(&loaded).is_none(),
        "nothing is stored for a broken handbook"
    );
    let errors: Vec<String> = loaded.errors().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    // Named as in the repository, with line and column.
    assert!(
        errors[0].starts_with("handbook/es/overview.toml:"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("expected a string"), "{}", errors[0]);
}
