//! A seeded random soak of `App::update`: 100,000 actions of every kind (hostile text, clicks
//! anywhere, any window size, a jumpy clock, reloads) in three configurations, with the state's
//! bounds checked after every action and the screen drawn every so often through the program's
//! frame writer into a terminal emulator. A failure prints the seed and step, so it can be replayed exactly.

mod vt;

use std::sync::Arc;
use std::time::{Duration, Instant};

use achilles_handbook::action::Action;
use achilles_handbook::app::{App, Mode, Options};
use achilles_handbook::content::{self, Date, Library};
use achilles_handbook::detect::{Background, Caps};
use achilles_handbook::search::{Index, MAX_QUERY_CHARS};
use achilles_handbook::theme::{Theme, ThemeName};
use vt::Vt;

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};
const EVENTS: usize = 100_000;
/// The screen is drawn after every this many events.
const RENDER_EVERY: usize = 1_000;
const KIOSK_TIMEOUT: Duration = Duration::from_secs(30);

/// xorshift64*: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize].clone()
    }
}

/// Words that find something, so searches have results to choose and step through.
const WORDS: &[&str] = &[
    "tendon",
    "TENDÓN",
    "heel cord",
    "rupture",
    "call",
    "911",
    "cirugía",
    "dolor",
    "calf",
    "tendinitis",
    "surgery",
    "pain",
    "ache",
    "x",
];

/// Characters a person, a paste or a broken terminal might send.
fn random_char(rng: &mut Rng) -> char {
    match rng.below(12) {
        0..=4 => char::from(b' ' + rng.below(95) as u8),
        // C0 controls, DEL and C1 controls.
        5 => char::from_u32(rng.below(0x20) as u32).unwrap(),
        6 => rng.pick(&[
            '\u{7f}', '\u{85}', '\u{9b}', '\u{1b}', '\u{0}', '\t', '\n', '\r',
        ]),
        // Bidi overrides and isolates, zero-width and other format characters.
        7 => rng.pick(&[
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{200b}', '\u{200d}', '\u{feff}',
            '\u{2028}', '\u{2029}', '\u{061c}',
        ]),
        // Emoji, skin tones, flags' halves, variation selectors.
        8 => rng.pick(&[
            '😀', '👍', '🏽', '🦶', '🇪', '🇸', '\u{fe0f}', '\u{fe0e}', '🧑', '⚕', '👩',
        ]),
        // Wide and combining characters, accented letters.
        9 => rng.pick(&[
            '中', '文', '字', 'ｗ', '\u{301}', '\u{308}', '\u{20dd}', 'é', 'ñ', 'ü', 'Á', 'ß',
        ]),
        // Anything at all.
        _ => loop {
            if let Some(c) = char::from_u32(rng.below(0x11_0000) as u32) {
                break c;
            }
        },
    }
}

fn random_string(rng: &mut Rng, max_chars: u64) -> String {
    let n = rng.below(max_chars + 1);
    let mut s = String::new();
    for _ in 0..n {
        if rng.chance(3) {
            s.push_str(rng.pick(WORDS));
            s.push(' ');
        } else if rng.chance(15) {
            s.push(' ');
        } else {
            s.push(random_char(rng));
        }
    }
    s
}

/// Every action but the debug-only panic key, by number. Adding a variant to `Action` without
/// giving it a number here fails to compile, so the soak always covers every kind.
fn variant(action: &Action) -> usize {
    match action {
        Action::NextChapter => 0,
        Action::PrevChapter => 1,
        Action::GoToChapter(_) => 2,
        Action::LineUp => 3,
        Action::LineDown => 4,
        Action::PageUp => 5,
        Action::PageDown => 6,
        Action::Top => 7,
        Action::Bottom => 8,
        Action::NextSection => 9,
        Action::PrevSection => 10,
        Action::Outline => 11,
        Action::NextLink => 12,
        Action::PrevLink => 13,
        Action::Follow => 14,
        Action::Back => 15,
        Action::Help => 16,
        Action::Search => 17,
        Action::NextHit => 18,
        Action::PrevHit => 19,
        Action::Qr => 20,
        Action::SwitchLanguage => 21,
        Action::Quit => 22,
        Action::Cancel => 23,
        Action::SelectPrev => 24,
        Action::SelectNext => 25,
        Action::Choose => 26,
        Action::Type(_) => 27,
        Action::Paste(_) => 28,
        Action::DeleteChar => 29,
        Action::ClearInput => 30,
        Action::Start => 31,
        Action::Click { .. } => 32,
        Action::WheelUp => 33,
        Action::WheelDown => 34,
        Action::Resize { .. } => 35,
        Action::Tick => 36,
        Action::Reloaded(_) => 37,
        Action::ReloadFailed(_) => 38,
        Action::Touch => 39,
        Action::IndexReady(..) => 40,
        Action::Redraw => 41,
        Action::Theme(_) => 42,
        #[cfg(debug_assertions)]
        Action::Panic => usize::MAX,
    }
}
const VARIANTS: usize = 43;

#[derive(Clone, Copy, PartialEq)]
enum Config {
    Reader,
    Kiosk,
    SearchHeavy,
}

struct Libraries {
    shipped: Arc<Library>,
    /// The one-edition, two-chapter fixture: a reload to it changes the chapter count.
    small: Arc<Library>,
    /// Each library's search indexes, per edition, as a background thread would deliver them.
    shipped_indexes: Vec<Arc<Index>>,
    small_indexes: Vec<Arc<Index>>,
}

impl Libraries {
    /// The indexes built from `library`. The terminal loop delivers an index only while the
    /// library it was built from is still the app's (`Arc::ptr_eq`), so neither does the soak.
    fn indexes_of(&self, library: &Arc<Library>) -> &[Arc<Index>] {
        if Arc::ptr_eq(library, &self.small) {
            &self.small_indexes
        } else {
            assert!(Arc::ptr_eq(library, &self.shipped));
            &self.shipped_indexes
        }
    }
}

fn libraries() -> Libraries {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    let shipped = Arc::new(content::load(None).library.expect("shipped handbook loads"));
    let small = Arc::new(
        content::load(Some(&fixture))
            .library
            .expect("the good fixture loads"),
    );
    let indexes = |l: &Library| {
        l.editions
            .iter()
            .map(|e| Arc::new(Index::build(e)))
            .collect()
    };
    Libraries {
        shipped_indexes: indexes(&shipped),
        small_indexes: indexes(&small),
        shipped,
        small,
    }
}

fn random_action(
    rng: &mut Rng,
    config: Config,
    libs: &Libraries,
    current: &Arc<Library>,
    app: &App,
) -> Action {
    let indexes = libs.indexes_of(current);
    // The search-heavy run builds its index "in the background": it arrives some time later.
    if let Some(edition) = app.index_wanted()
        && rng.chance(2)
    {
        return Action::IndexReady(edition, Arc::clone(&indexes[edition]));
    }
    // The search-heavy run opens the prompt often and types into it most of the time.
    if config == Config::SearchHeavy {
        if app.mode != Mode::Search && rng.chance(30) {
            return Action::Search;
        }
        if app.mode == Mode::Search && rng.chance(40) {
            // Each edit runs the search again: long pasted queries are the costly part.
            return match rng.below(100) {
                0..=44 => Action::Type(random_char(rng)),
                45..=47 => Action::Paste(random_string(rng, 2_000)),
                48..=64 => Action::DeleteChar,
                65..=79 => Action::ClearInput,
                _ => rng.pick(&[Action::SelectNext, Action::SelectPrev, Action::Choose]),
            };
        }
    }
    // Most actions are simple keys; the costly ones (resize, long pastes, reloads) are rarer.
    match rng.below(1_000) {
        0..=599 => {
            let keys = [
                Action::NextChapter,
                Action::PrevChapter,
                Action::LineUp,
                Action::LineDown,
                Action::PageUp,
                Action::PageDown,
                Action::Top,
                Action::Bottom,
                Action::NextSection,
                Action::PrevSection,
                Action::Outline,
                Action::NextLink,
                Action::PrevLink,
                Action::Follow,
                Action::Back,
                Action::Help,
                Action::Search,
                Action::NextHit,
                Action::PrevHit,
                Action::Qr,
                Action::Cancel,
                Action::SelectPrev,
                Action::SelectNext,
                Action::Choose,
                Action::DeleteChar,
                Action::ClearInput,
                Action::Start,
                Action::WheelUp,
                Action::WheelDown,
                Action::Tick,
                Action::Touch,
            ];
            rng.pick(&keys)
        }
        // Rarer: each builds the other edition's QR code, or (in a kiosk) a whole fresh App.
        600..=604 => Action::SwitchLanguage,
        605..=606 => Action::Quit,
        607..=709 => Action::GoToChapter(match rng.below(4) {
            0 => usize::MAX,
            1 => rng.below(100) as usize,
            _ => rng.below(8) as usize,
        }),
        710..=819 => Action::Type(random_char(rng)),
        820..=834 => Action::Paste(random_string(rng, 2_000)),
        835..=934 => {
            // Clicks land mostly on the window, sometimes far outside it.
            let (w, h) = (u64::from(app.width) + 1, u64::from(app.height) + 1);
            if rng.chance(10) {
                Action::Click {
                    column: rng.below(65_536) as u16,
                    row: rng.below(65_536) as u16,
                }
            } else {
                Action::Click {
                    column: rng.below(w) as u16,
                    row: rng.below(h) as u16,
                }
            }
        }
        935..=974 => Action::Resize {
            width: rng.below(300) as u16,
            height: rng.below(120) as u16,
        },
        975..=989 => Action::Tick,
        990..=992 => {
            // The terminal's background known late, either way, in any theme.
            let names = [ThemeName::Default, ThemeName::HighContrast, ThemeName::Mono];
            let name = names[rng.below(names.len() as u64) as usize];
            let background = if rng.chance(50) {
                Background::Light
            } else {
                Background::Dark
            };
            let caps = Caps {
                background,
                ..Caps::plain()
            };
            Action::Theme(Box::new(Theme::new(name, &caps)))
        }
        993..=994 => {
            // Also for an edition that is not there, or one already indexed.
            let edition = rng.below(indexes.len() as u64 + 1) as usize;
            let index = indexes.get(edition).unwrap_or(&indexes[0]);
            Action::IndexReady(edition, Arc::clone(index))
        }
        995..=997 => Action::ReloadFailed(random_string(rng, 300)),
        _ => Action::Reloaded(if rng.chance(50) {
            Arc::clone(&libs.small)
        } else {
            Arc::clone(&libs.shipped)
        }),
    }
}

/// Draws the screen through the program's frame writer into the soak's emulator, which has
/// seen every earlier frame. No cell may hold a control character (an escape would reach the
/// terminal), and what the emulator shows after all those changes must be what a fresh one
/// shows for this frame alone.
fn draw(vt: &mut Vt, app: &App, why: &dyn Fn() -> String) {
    vt.draw(app);
    let mut fresh = Vt::new();
    fresh.draw(app);
    // Compared without assert_eq!, whose message would print two whole screens cell by cell.
    assert!(
        vt::looks(vt.screen()) == vt::looks(fresh.screen()),
        "the screen after a change differs from the frame: {}\nshown:\n{}\nframe:\n{}",
        why(),
        vt::text(vt.screen()),
        vt::text(fresh.screen())
    );
    let buffer = vt.frame().expect("a frame was written");
    for (i, cell) in buffer.content().iter().enumerate() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "control character {:?} drawn at cell {i}: {}",
            cell.symbol(),
            why()
        );
    }
}

/// Everything that must hold after any action.
fn check_bounds(app: &App, why: &dyn Fn() -> String) {
    let book = app.handbook();
    let chapters = book.chapters.len();
    assert!(app.edition < app.library().editions.len(), "{}", why());
    assert!(app.chapter < chapters, "{}", why());
    assert_eq!(app.scroll.len(), chapters, "{}", why());
    assert!(app.top() <= app.scroll_limit(), "{}", why());
    assert!(
        app.find.query.chars().count() <= MAX_QUERY_CHARS,
        "query of {} chars: {}",
        app.find.query.chars().count(),
        why()
    );
    for place in &app.history {
        assert!(place.chapter < chapters, "{}", why());
    }
    if let Some(focus) = app.focus {
        assert!(focus < book.chapters[app.chapter].units.len(), "{}", why());
    }
    let hits = app.find.hits();
    assert!(
        hits.is_empty() || app.find.selected < hits.len(),
        "{}",
        why()
    );
    for hit in hits {
        assert!(
            hit.chapter < chapters && hit.unit < book.chapters[hit.chapter].units.len(),
            "{}",
            why()
        );
    }
    if let Some(current) = app.find.current {
        assert!(current < app.find.reading.len(), "{}", why());
    }
    if let Mode::Outline { selected } = app.mode {
        let sections = book.chapters[app.chapter].sections.len();
        assert!(selected < sections.max(1), "{}", why());
    }
    if app.options.kiosk {
        assert!(!app.quit, "a kiosk never quits: {}", why());
    }
}

struct Outcome {
    resets: usize,
    counts: [usize; VARIANTS],
    elapsed: Duration,
}

fn soak(config: Config, seed: u64) -> Outcome {
    let libs = libraries();
    let mut options = match config {
        Config::Kiosk => Options::kiosk(TODAY, Some(KIOSK_TIMEOUT)),
        Config::Reader => Options::reader(TODAY),
        Config::SearchHeavy => Options {
            background_index: true,
            ..Options::reader(TODAY)
        },
    };
    let started = Instant::now();
    let mut vt = Vt::new();
    let mut rng = Rng::new(seed);
    let mut now = Duration::ZERO;
    let mut app = App::new(Arc::clone(&libs.shipped), options.clone(), now);
    app.update(
        Action::Resize {
            width: 80,
            height: 24,
        },
        now,
    );
    let mut library = Arc::clone(&libs.shipped);
    let mut resets = 0;
    let mut counts = [0; VARIANTS];
    // Ctrl-L changes nothing but the count of full redraws; once, at the start, covers it
    // without changing the random sequence the soak replays.
    app.update(Action::Redraw, now);
    counts[variant(&Action::Redraw)] += 1;
    for step in 0..EVENTS {
        let mut action = random_action(&mut rng, config, &libs, &library, &app);
        // The clock: small steps mostly; the kiosk also sits idle for long stretches.
        now += Duration::from_millis(rng.below(2_000));
        if config == Config::Kiosk && rng.below(1_000) < 5 {
            now += Duration::from_secs(5 + rng.below(40));
            action = Action::Tick;
        }
        counts[variant(&action)] += 1;
        // Only going somewhere by a link or a search hit leaves a place to come Back to.
        let may_remember = matches!(
            action,
            Action::Follow
                | Action::Click { .. }
                | Action::Choose
                | Action::NextHit
                | Action::PrevHit
        );
        let history_before = app.history.len();
        // The terminal's palette is the terminal's: a kiosk's fresh start keeps it.
        if let Action::Theme(theme) = &action {
            options.look.theme = **theme;
        }
        if let Action::Reloaded(l) = &action {
            library = Arc::clone(l);
        }
        let resetting = config == Config::Kiosk
            && action == Action::Tick
            && now.saturating_sub(app.idle.last_input) >= KIOSK_TIMEOUT;
        let shown = action.clone();
        app.update(action, now);
        let why = || {
            format!(
                "seed {seed:#x}, step {step}, after {:.200} at {now:?}, mode {:?}",
                format!("{shown:?}"),
                app.mode
            )
        };
        check_bounds(&app, &why);
        let most = history_before + usize::from(may_remember);
        assert!(
            app.history.len() <= most,
            "history grew from {history_before} to {}: {}",
            app.history.len(),
            why()
        );
        if resetting {
            resets += 1;
            // Exactly a fresh start at the same size, for the next person.
            let mut fresh = App::new(Arc::clone(&library), options.clone(), now);
            fresh.update(
                Action::Resize {
                    width: app.width,
                    height: app.height,
                },
                now,
            );
            // All but the count of full redraws, which a reset raises.
            fresh.full_redraws = app.full_redraws;
            assert!(app == fresh, "not a fresh start: {}", why());
            assert_eq!(app.mode, Mode::Home);
        }
        if step % RENDER_EVERY == RENDER_EVERY - 1 {
            draw(&mut vt, &app, &why);
        }
    }
    // And a last screen at a few fixed sizes, in whatever state the soak ended.
    for (w, h) in [(0, 0), (1, 1), (20, 6), (80, 24), (299, 119)] {
        app.update(
            Action::Resize {
                width: w,
                height: h,
            },
            now,
        );
        let why = || format!("seed {seed:#x}, final resize {w}x{h}");
        check_bounds(&app, &why);
        draw(&mut vt, &app, &why);
    }
    Outcome {
        resets,
        counts,
        elapsed: started.elapsed(),
    }
}

#[track_caller]
fn assert_every_variant(outcome: &Outcome) {
    for (i, n) in outcome.counts.iter().enumerate() {
        assert!(*n > 0, "action variant {i} never happened");
    }
}

#[test]
fn soak_reader() {
    let outcome = soak(Config::Reader, 0x5eed_0001);
    eprintln!("reader: {:?}", outcome.elapsed);
    assert_every_variant(&outcome);
    assert_eq!(outcome.resets, 0);
}

#[test]
fn soak_kiosk_with_idle_resets() {
    let outcome = soak(Config::Kiosk, 0x5eed_0002);
    eprintln!(
        "kiosk: {:?}, {} idle resets",
        outcome.elapsed, outcome.resets
    );
    assert_every_variant(&outcome);
    assert!(
        outcome.resets >= 5,
        "only {} idle resets happened",
        outcome.resets
    );
}

#[test]
fn soak_reader_searching() {
    let outcome = soak(Config::SearchHeavy, 0x5eed_0003);
    eprintln!(
        "search: {:?}, {} searches opened, {} typed, {} pasted",
        outcome.elapsed,
        outcome.counts[variant(&Action::Search)],
        outcome.counts[variant(&Action::Type('a'))],
        outcome.counts[variant(&Action::Paste(String::new()))]
    );
    assert_every_variant(&outcome);
}

/// Found by the soak: Esc in the search prompt puts back the scroll position saved when the
/// prompt opened, without clamping it to the chapter's layout at the current size.
#[test]
fn cancelling_a_search_after_a_resize_keeps_the_scroll_in_bounds() {
    let libs = libraries();
    let mut app = App::new(
        Arc::clone(&libs.shipped),
        Options::reader(TODAY),
        Duration::ZERO,
    );
    let t = Duration::ZERO;
    app.update(
        Action::Resize {
            width: 80,
            height: 24,
        },
        t,
    );
    app.update(Action::Bottom, t);
    assert!(app.top() > 0);
    app.update(Action::Search, t);
    app.update(
        Action::Resize {
            width: 80,
            height: 100,
        },
        t,
    );
    app.update(Action::Cancel, t);
    assert!(
        app.top() <= app.max_scroll(),
        "top {} > max_scroll {}",
        app.top(),
        app.max_scroll()
    );
}

/// Found by the soak: a `--watch` reload keeps the outline open with its old selection, which
/// may be past the sections of the chapter shown after the reload (the outline then draws
/// empty when the selection is below its first screenful).
#[test]
fn a_reload_keeps_the_outline_selection_within_the_chapter() {
    let libs = libraries();
    let mut app = App::new(
        Arc::clone(&libs.shipped),
        Options::reader(TODAY),
        Duration::ZERO,
    );
    let t = Duration::ZERO;
    app.update(
        Action::Resize {
            width: 80,
            height: 24,
        },
        t,
    );
    app.update(Action::Outline, t);
    app.update(Action::Bottom, t);
    let Mode::Outline { selected } = app.mode else {
        panic!("the outline is open");
    };
    assert!(selected >= 2, "the overview has more than two sections");
    app.update(Action::Reloaded(Arc::clone(&libs.small)), t);
    let sections = app.handbook().chapters[app.chapter].sections.len();
    if let Mode::Outline { selected } = app.mode {
        assert!(
            selected < sections,
            "outline selection {selected} of {sections} sections"
        );
    }
}

/// More seeds on demand, for a longer hunt than CI's fixed three:
/// `SOAK_SEEDS=1,2,3 cargo test --release --test soak -- --ignored`.
#[test]
#[ignore = "run by hand with SOAK_SEEDS"]
fn soak_more_seeds() {
    let seeds = std::env::var("SOAK_SEEDS").unwrap_or_default();
    for seed in seeds
        .split(',')
        .filter_map(|s| s.trim().parse::<u64>().ok())
    {
        for config in [Config::Reader, Config::Kiosk, Config::SearchHeavy] {
            soak(config, seed);
        }
    }
}
