//! Loading a handbook's editions side by side. Editions share nothing until they are compared,
//! so with more than one each is validated on a thread of its own. Owns only the threads: what
//! loading an edition means is `load`'s.

use super::diagnostic::Diagnostic;
use super::load::load_edition;
use super::model::Handbook;
use super::source::{Folder, MAX_HANDBOOK_BYTES};

/// An edition loaded, with the problems found in it and the bytes it read.
pub(super) type EditionResult = (Option<(Handbook, Vec<String>)>, Vec<Diagnostic>, u64);

/// Loads each edition folder, in order. Editions share nothing until they are compared, so
/// with more than one each is validated on a thread of its own: on two cores a two-edition
/// handbook loads in about half the time, and since each thread parses one chapter at a time,
/// peak memory grows by one chapter's parse, not by a copy of the handbook.
pub(super) fn side_by_side(folders: &[Folder]) -> Vec<EditionResult> {
    fn one(folder: &Folder) -> EditionResult {
        let mut budget = MAX_HANDBOOK_BYTES;
        let mut found = Vec::new();
        let loaded = load_edition(folder, &mut budget, &mut found);
        (loaded, found, MAX_HANDBOOK_BYTES - budget)
    }
    if folders.len() < 2 {
        return folders.iter().map(one).collect();
    }
    keep_large_allocations_apart();
    let loaded = std::thread::scope(|scope| {
        let threads: Vec<_> = folders
            .iter()
            .map(|folder| {
                // The main thread's stack size, so a deeply nested file is parsed as deep.
                std::thread::Builder::new()
                    .stack_size(8 << 20)
                    .spawn_scoped(scope, move || one(folder))
            })
            .collect();
        threads
            .into_iter()
            .zip(folders)
            .map(|(thread, folder)| match thread {
                Ok(thread) => thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: load it here instead.
                Err(_) => one(folder),
            })
            .collect()
    });
    give_back_freed_memory();
    loaded
}

/// Keeps glibc's threshold for serving an allocation by its own mapping at its default,
/// 128 KiB, instead of letting it rise. glibc raises it to the size of every such block freed
/// (up to 32 MiB): after the first chapter file (read whole, up to 1.3 MB) is dropped, the next
/// files and every large buffer of the model would come from the threads' arenas, where the
/// small blocks the model keeps between them hold their pages resident once they are freed.
/// Held fixed, a large block is its own mapping and goes back to the system whole when freed.
/// Measured on the 10 MB handbook (VmHWM after the first screen, PgDn and a search): 32.0 MB
/// to 28.9 MB.
fn keep_large_allocations_apart() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes a tuning parameter of the allocator.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// Returns to the system the memory a thread freed (the loader threads' files' texts and parse
/// trees, the search index's building lists): glibc keeps it in each thread's own arena,
/// resident, where the rest of the program's allocations, made on other threads, would not
/// reuse it. Measured on the 10 MB handbook: VmHWM 35.5 MB to 32.0 MB after loading, and
/// 23,920 to 23,592 KiB after the index is built (a search run after the first screen).
pub(crate) fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}
