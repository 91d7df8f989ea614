//! The handbook's content: where its files come from, their shapes, validation into the domain
//! model, and the cleaning of untrusted text. Nothing in here draws or touches the terminal.

mod block;
pub mod built_in;
mod chapter;
mod chapter_file;
pub mod clean;
pub mod diagnostic;
mod editions;
mod file_cx;
mod interface;
pub mod load;
pub mod model;
pub mod phone;
mod raw;
mod shelf;
pub mod source;

pub use diagnostic::{Diagnostic, Severity};
pub(crate) use editions::give_back_freed_memory;
pub use load::{Loaded, load, load_files};
pub use model::*;
