//! Search speed: building the index, and the search run at each keystroke as a person types a
//! query ("a", "ac", ..., "achilles ten"): every prefix of each query is its own benchmark, named
//! `QUERY/PREFIX`, and the README reports the slowest keystroke of each query. On the shipped
//! handbook and on a generated 10 MB one. Run with `cargo bench --bench search`.

use std::hint::black_box;

use achilles_handbook::content;
use achilles_handbook::search::Index;
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/large.rs"]
mod support;
use support::{large, shipped_english};

fn bench(c: &mut Criterion) {
    let shipped = shipped_english();
    let big = large(&shipped, 10 * 1024 * 1024);
    let queries = [
        "achilles ten",
        "calf muscle",
        "calsium",
        "heel cord",
        "what to do if my tendon snapped",
    ];
    // Each query as typed, one keystroke at a time.
    let keystrokes = |q: &'static str| q.char_indices().map(move |(i, c)| &q[..i + c.len_utf8()]);

    c.bench_function("load shipped handbook (both editions)", |b| {
        b.iter(|| black_box(content::load(None)))
    });
    c.bench_function("index shipped (en)", |b| {
        b.iter(|| black_box(Index::build(&shipped)))
    });
    let index = Index::build(&shipped);
    let mut group = c.benchmark_group("shipped");
    for q in queries {
        for p in keystrokes(q) {
            group.bench_function(format!("{q}/{p}"), |b| {
                b.iter(|| black_box(index.search(&shipped, black_box(p))))
            });
        }
    }
    group.finish();

    let mut slow = c.benchmark_group("10 MB");
    slow.sample_size(10);
    slow.bench_function("index 10 MB", |b| b.iter(|| black_box(Index::build(&big))));
    let index = Index::build(&big);
    for q in queries {
        for p in keystrokes(q) {
            slow.bench_function(format!("{q}/{p}"), |b| {
                b.iter(|| black_box(index.search(&big, black_box(p))))
            });
        }
    }
    slow.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
