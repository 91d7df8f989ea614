//! achilles-handbook: a terminal patient handbook about Achilles tendon injuries. The binary in
//! `main.rs` wires these modules together; they are a library so tests and benchmarks can
//! drive the same code the program runs.

pub mod action;
pub mod app;
pub mod check;
pub mod cli;
pub mod completions;
pub mod console;
pub mod content;
pub mod detect;
pub mod doc;
pub mod i18n;
pub mod keymap;
pub mod layout;
pub mod manpage;
pub mod options_table;
pub mod palette;
pub mod plain;
pub mod qr;
pub mod readability;
pub mod screen;
pub mod search;
pub mod status;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod watch;

/// The built-in handbook, validated by the build and stored by `build.rs` (see
/// `content::built_in`).
pub(crate) const BUILT_IN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/handbook.postcard"));
