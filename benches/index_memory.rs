//! Search index memory: the heap the index holds once built, and the most it holds at once
//! while building (above the handbook it is built from), on the shipped English edition and on
//! the 10 MB one `search.rs` times. Counted by a global allocator that tracks live bytes, so the
//! figures are exact and repeatable, unlike resident-set sizes. Run with
//! `cargo bench --bench index_memory`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use achilles_handbook::content::Handbook;
use achilles_handbook::search::Index;

#[path = "support/large.rs"]
mod support;
use support::{large, shipped_english};

/// The system allocator, counting the bytes live now and the most live since the last reset.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call is forwarded to `System` with the same arguments; only counters change.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted as a new block beside the old one, as it may be while it is copied.
        grew(new_size);
        let out = unsafe { System.realloc(ptr, layout, new_size) };
        LIVE.fetch_sub(layout.size(), Relaxed);
        out
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// Builds the index of `h` and prints what it holds and the peak while building.
fn measure(name: &str, h: &Handbook) {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let index = black_box(Index::build(h));
    let peak = PEAK.load(Relaxed) - before;
    let held = LIVE.load(Relaxed) - before;
    drop(index);
    let text: usize = h
        .chapters
        .iter()
        .flat_map(|c| c.units.with_text())
        .map(|(_, t)| t.len())
        .sum();
    println!(
        "{name}: text {}, index held {}, peak while building {}",
        mib(text),
        mib(held),
        mib(peak)
    );
}

fn main() {
    // `cargo test --benches` runs each bench binary once with `--bench` absent: stay quick.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let shipped = shipped_english();
    measure("shipped (en)", &shipped);
    let big = large(&shipped, 10 * 1024 * 1024);
    measure("10 MB", &big);
}
