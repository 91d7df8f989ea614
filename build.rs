//! Validates the built-in handbook (the `handbook/` folder) with the program's own loader, and
//! stores the validated model for the binary to decode at start-up (`content::built_in`). A
//! broken built-in handbook fails the build here, with every located error, as `check` would
//! report it. The loader's modules are compiled into this script from `src/`, not copied.

// Only the loading half of these modules is used here.
#![allow(dead_code, unused_imports)]

#[path = "src/action.rs"]
mod action;
#[path = "src/content/mod.rs"]
mod content;
#[path = "src/i18n.rs"]
mod i18n;
#[path = "src/keymap/mod.rs"]
mod keymap;
// rustfmt would look for its tests module beside build.rs; lib.rs formats the file.
#[rustfmt::skip]
#[path = "src/readability.rs"]
mod readability;

/// `action` names the search index's type; the build never makes one.
mod search {
    #[derive(Debug, PartialEq)]
    pub struct Index;
}

/// `action` names the palette's type; the build never draws.
mod theme {
    #[derive(Debug, Clone, Copy, PartialEq)]
    pub struct Theme;
}

/// What `content::load(None)` decodes in the program; this script is what makes it.
const BUILT_IN: &[u8] = &[];

use std::path::PathBuf;

fn main() {
    // The sources, and the loader's modules: a change to either is validated again.
    for watched in [
        "handbook",
        "src/action.rs",
        "src/content",
        "src/i18n.rs",
        "src/keymap",
        "src/readability.rs",
    ] {
        println!("cargo:rerun-if-changed={watched}");
    }
    // The program is linked again when the layout of its start-up code changes (see
    // .cargo/link-program).
    println!("cargo:rerun-if-changed=.cargo/startup.order");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let loaded = content::built_in::load_sources(&manifest_dir.join("handbook"));
    for d in &loaded.diagnostics {
        if d.is_error() {
            eprintln!("{d}");
        } else {
            println!("cargo:warning={d}");
        }
    }
    let errors = loaded.errors().count();
    let Some(bytes) = content::built_in::encode(&loaded) else {
        eprintln!(
            "the built-in handbook (handbook/) has {errors} error(s); fix them (`cargo run -- check handbook` lists them too)"
        );
        std::process::exit(1);
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    // The build script writes its output; the program itself never writes a file.
    #[allow(clippy::disallowed_methods)]
    if let Err(e) = std::fs::write(out.join("handbook.postcard"), bytes) {
        eprintln!(
            "cannot write the built-in handbook to {}: {e}",
            out.display()
        );
        std::process::exit(1);
    }
}
