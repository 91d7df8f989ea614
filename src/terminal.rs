//! Owns the terminal: entering raw mode and the alternate screen, restoring them on every way
//! out (quit, signal, panic, the terminal going away), signals, and the event loop that turns
//! input into actions for `App::update` and draws only when the screen would change. Nothing
//! else in the program writes to the terminal.

use std::fs::File;
use std::io::{self, BufWriter};
use std::os::fd::AsFd;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use signal_hook::consts::signal::{SIGCONT, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::action::Action;
use crate::app::{App, Mode};
use crate::detect::{Background, Late};
use crate::keymap::{self, Context};
use crate::screen::{Prepared, Screen};
use crate::search::Index;
use crate::status::Status;
use crate::watch::Watcher;

mod modes;
mod reader;
mod signals;

pub use modes::restore;
use modes::{enter, restore_sequence};
pub use signals::Held;

/// How often the loop wakes with nothing to do, to notice a terminal that has gone away
/// (crossterm can spin instead of reporting it).
const HEARTBEAT: Duration = Duration::from_millis(500);

/// How long after the first screen the search index starts to be built, unless a search opens
/// sooner: a reader's first keys, and a quit, do not wait behind it for a core (a kiosk may have
/// one), and a reader who only looks and quits costs nothing for it.
const INDEX_DELAY: Duration = Duration::from_millis(150);

enum Input {
    Event(Event),
    /// A finished search index, with the library it was built from.
    Index(Arc<crate::content::Library>, usize, Arc<Index>),
    Signal(i32),
    /// `--watch` reloaded the handbook, on its own thread: the new library or the error.
    Reload(Action),
    /// The terminal's answer to the background question, come after the first frame.
    Answer(Background),
    /// Reading the terminal failed: it is gone.
    Gone,
}

/// The window's size in cells, asked of the terminal device only. crossterm's `size()` falls
/// back to running `tput` when the device does not answer, and this program starts no process.
pub fn size() -> io::Result<(u16, u16)> {
    let w = crossterm::terminal::window_size()?;
    Ok((w.columns, w.rows))
}

/// Where frames go: standard output, without std's line buffering. Through `Stdout` a frame
/// reached the terminal in two writes (up to its last line feed, then the rest), and a reader
/// woken by the first saw half a screen; from this writer a frame is one write.
type Out = BufWriter<File>;

/// A second handle on standard output, written to directly.
fn frames_out() -> io::Result<Out> {
    let fd = io::stdout().as_fd().try_clone_to_owned()?;
    Ok(BufWriter::with_capacity(1 << 16, File::from(fd)))
}

/// Holds signals back until the guard is dropped, keeping the terminal's settings as they are
/// now for `arm`'s handlers to put back: for changing them (the background question) before
/// `arm`, which then costs the change no time. Call before any thread starts.
pub fn hold_signals() -> Held {
    signals::hold()
}

/// From now on a signal that ends the program puts the terminal back first: its settings as
/// `hold_signals` kept them, else as they are now, and the screen (see `signals`). `run` does
/// this itself; it is called earlier when something changes the terminal's settings before
/// `run` (the background question).
pub fn arm(kiosk: bool) -> io::Result<()> {
    signals::arm(kiosk, restore_sequence())
}

/// The terminal's background, as far as the palette waits for it.
pub struct Shades<A, T> {
    /// The background the app's palette was made for.
    pub guessed: Background,
    /// Waits for the terminal's answer to a question asked earlier: the background, and
    /// whether the answer may still come. Called once the first chapter is laid out, as late
    /// as the first frame allows, so the answer's round trip passes meanwhile.
    pub answer: A,
    /// The palette for a background.
    pub theme_for: T,
}

/// Runs the interface until the reader quits or a signal ends it. Returns the exit status.
pub fn run<A, T>(mut app: App, watcher: Option<Watcher>, shades: Shades<A, T>) -> io::Result<Status>
where
    A: FnOnce() -> (Background, Option<Late>),
    T: Fn(Background) -> crate::theme::Theme,
{
    let (tx, rx) = mpsc::channel::<Input>();

    // Signals before the screen is set up, so one that arrives meanwhile still restores it
    // (armed already if the terminal was asked its background).
    // Every terminating signal restores the terminal in its handler and ends the program by
    // the same signal (see `signals`); a kiosk ignores the keyboard's. SIGTSTP suspends a
    // reader's session with the terminal restored, on the event loop. SIGCONT, after any
    // stop (even a `kill -STOP` to a kiosk), takes the terminal again and redraws it whole.
    arm(app.options.kiosk)?;
    let mut job_control = vec![SIGCONT];
    if !app.options.kiosk {
        job_control.push(SIGTSTP);
    }
    // Registered now; their thread starts after the first screen (see `event_loop`), and a
    // signal that comes meanwhile waits for it.
    let stops = Signals::new(&job_control)?;

    // The first screen is laid out before the terminal changes, so it appears at once; meanwhile
    // the terminal's answer to the background question may still be on its way.
    let start = Instant::now();
    let (window_width, window_height) = size()?;
    let (width, height) = crate::screen::bounded(window_width, window_height);
    app.update(Action::Resize { width, height }, Duration::ZERO);
    // The first frame too, with the palette the app has: the one the answer most often gives.
    let mut first = Some(Prepared::draw(&app, window_width, window_height));
    // The answer, as late as the first frame allows: its round trip has passed meanwhile.
    let (shade, late) = (shades.answer)();
    let mut shades = Shown {
        shade: shades.guessed,
        late,
        theme_for: shades.theme_for,
    };
    if let Some(theme) = shades.answered(shade) {
        app.update(theme, Duration::ZERO);
        first = None;
    }

    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous_hook(info);
        // A helper thread (input, signals, indexing) that dies would leave the loop waiting
        // for it; end the program as a panic on the main thread would.
        if thread::current().name() != Some("main") {
            std::process::exit(101);
        }
    }));

    // Declared before the writer, so it is dropped after it: should a panic unwind past a
    // half-written frame, the writer's last flush cannot leave the terminal in our modes.
    let _restore = RestoreOnDrop;
    let mut out = frames_out()?;
    enter(&mut out)?;
    // Changed files are noticed and loaded on the watcher's thread; only the finished result
    // comes to the loop, so nothing a file does can hold up a key.
    if let Some(watcher) = watcher {
        let reload_tx = tx.clone();
        watcher.spawn(move |action| reload_tx.send(Input::Reload(action)).is_ok());
    }
    let screen = Screen::new(out).with_prepared(first);
    let status = event_loop(&mut app, screen, start, stops, &tx, rx, shades);
    // The process ends next: freeing the handbook, its layouts and its index piece by piece
    // would cost more than drawing the first frame did, for memory the exit returns anyway.
    std::mem::forget(app);
    status
}

/// Restores the terminal when dropped, on every way out of `run`.
struct RestoreOnDrop;

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        restore();
        signals::disarm();
    }
}

/// Job control for a reader (never a kiosk): put the terminal back, stop, and take it again
/// when continued.
fn suspend(screen: &mut Screen<Out>) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::signal::SIGSTOP)?;
    resume(screen)
}

/// After a stop, whoever had the terminal meanwhile may have changed its modes and screen:
/// take it again and draw every cell.
fn resume(screen: &mut Screen<Out>) -> io::Result<()> {
    // A signal's handler, on another thread, is putting the terminal back.
    if signals::ending() {
        return Ok(());
    }
    crossterm::terminal::enable_raw_mode()?;
    enter(screen.writer())?;
    screen.invalidate();
    Ok(())
}

/// The background the app's palette is for.
struct Shown<T> {
    shade: Background,
    /// The terminal's answer may still come: the key reader watches for it.
    late: Option<Late>,
    theme_for: T,
}

impl<T: Fn(Background) -> crate::theme::Theme> Shown<T> {
    /// The terminal answered `shade`: the palette for it, where it differs from the app's.
    fn answered(&mut self, shade: Background) -> Option<Action> {
        (shade != self.shade).then(|| {
            self.shade = shade;
            Action::Theme(Box::new((self.theme_for)(shade)))
        })
    }
}

fn event_loop<T: Fn(Background) -> crate::theme::Theme>(
    app: &mut App,
    mut screen: Screen<Out>,
    start: Instant,
    stops: Signals,
    tx: &mpsc::Sender<Input>,
    rx: mpsc::Receiver<Input>,
    mut shades: Shown<T>,
) -> io::Result<Status> {
    let mut stops = Some(stops);
    // When the first screen is up, the search index is due INDEX_DELAY later.
    let mut index_due: Option<Duration> = None;
    let mut indexing: Vec<usize> = Vec::new();
    let mut redraws = app.full_redraws;
    loop {
        // Nothing is drawn after the last action: the screen is about to be put back.
        if app.quit {
            return Ok(Status::Success);
        }
        // Ctrl-L and the kiosk's reset ask for every cell to be written again, over whatever
        // else (a console message) has written to the screen.
        if app.full_redraws != redraws {
            redraws = app.full_redraws;
            screen.invalidate();
        }
        draw(&mut screen, app, start.elapsed())?;
        // Keys typed meanwhile wait in the terminal, signals in their pipe; their threads start
        // after the first screen.
        if let Some(stops) = stops.take() {
            spawn_signals(stops, tx.clone());
            reader::spawn(tx.clone(), shades.late.take());
            index_due = Some(start.elapsed() + INDEX_DELAY);
        }
        // The search index is built off this thread, once due or when a search opens.
        let due =
            app.context() == Context::Prompt || index_due.is_some_and(|due| start.elapsed() >= due);
        let wanted = app.index_wanted().filter(|e| !indexing.contains(e));
        if let Some(edition) = wanted.filter(|_| due) {
            indexing.push(edition);
            let library = app.library_arc();
            let index_tx = tx.clone();
            thread::spawn(move || {
                if let Some(handbook) = library.editions.get(edition) {
                    let index = Arc::new(Index::build(handbook));
                    let _ = index_tx.send(Input::Index(library, edition, index));
                }
            });
        }
        let now = start.elapsed();
        let index_wait = index_due.filter(|_| wanted.is_some() && !due);
        let wait = app
            .next_deadline()
            .into_iter()
            .chain(index_wait)
            .map(|d| d.saturating_sub(now))
            .fold(HEARTBEAT, Duration::min);
        match rx.recv_timeout(wait) {
            Ok(Input::Event(e)) => {
                if let Event::Resize(..) = e {
                    screen.invalidate();
                }
                if let Some(action) = action_for(app, e) {
                    app.update(action, start.elapsed());
                }
            }
            Ok(Input::Index(library, edition, index)) => {
                indexing.retain(|e| *e != edition);
                // An index of files that `--watch` has since replaced is of no use.
                if Arc::ptr_eq(&library, &app.library_arc()) {
                    app.update(Action::IndexReady(edition, index), start.elapsed());
                }
            }
            Ok(Input::Reload(action)) => app.update(action, start.elapsed()),
            Ok(Input::Answer(shade)) => {
                if let Some(theme) = shades.answered(shade) {
                    app.update(theme, start.elapsed());
                }
            }
            Ok(Input::Signal(SIGTSTP)) if !app.options.kiosk => suspend(&mut screen)?,
            Ok(Input::Signal(SIGCONT)) => resume(&mut screen)?,
            Ok(Input::Signal(_)) => {}
            Ok(Input::Gone) | Err(RecvTimeoutError::Disconnected) => {
                return Ok(Status::Failure);
            }
            Err(RecvTimeoutError::Timeout) => {
                // A terminal that was closed under us fails this; the reader may never say so.
                if size().is_err() {
                    return Ok(Status::Failure);
                }
                app.update(Action::Tick, start.elapsed());
            }
        }
    }
}

/// Passes on job-control signals (SIGTSTP, SIGCONT) from their own thread.
fn spawn_signals(mut stops: Signals, tx: mpsc::Sender<Input>) {
    thread::spawn(move || {
        for signal in stops.forever() {
            if tx.send(Input::Signal(signal)).is_err() {
                break;
            }
        }
    });
}

/// Turns a terminal event into an action. Mouse and paste are data: a paste is only ever text
/// for the search prompt, never keys.
fn action_for(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap::action_for(app.context(), key, app.handbook().chapters.len())
        }
        Event::Key(_) => None,
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                if app.mode == Mode::Home {
                    Some(Action::Start)
                } else {
                    Some(Action::Click {
                        column: m.column,
                        row: m.row,
                    })
                }
            }
            MouseEventKind::ScrollUp => Some(Action::WheelUp),
            MouseEventKind::ScrollDown => Some(Action::WheelDown),
            MouseEventKind::Down(_) => Some(Action::Touch),
            _ => None,
        },
        Event::Paste(text) => Some(if app.context() == Context::Prompt {
            Action::Paste(text)
        } else {
            Action::Touch
        }),
        Event::Resize(width, height) => {
            let (width, height) = crate::screen::bounded(width, height);
            Some(Action::Resize { width, height })
        }
        _ => None,
    }
}

/// Renders the app and hands the frame to the screen, which writes only what changed.
fn draw(screen: &mut Screen<Out>, app: &mut App, now: Duration) -> io::Result<()> {
    // A signal's handler, on another thread, is putting the terminal back.
    if signals::ending() {
        return Ok(());
    }
    let (window_width, window_height) = size()?;
    // The window may have changed since the last Resize event reached the app (a drag sends
    // many); lay out for the size being drawn, which is bounded.
    let (width, height) = crate::screen::bounded(window_width, window_height);
    if (width, height) != (app.width, app.height) {
        app.update(Action::Resize { width, height }, now);
    }
    screen.draw_window(app, window_width, window_height)
}
