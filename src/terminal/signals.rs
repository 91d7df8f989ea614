//! Signals that would end the program. Each one puts the terminal back from inside its own
//! handler, with async-signal-safe calls only: the saved terminal settings with `tcsetattr`,
//! output the terminal has not taken yet dropped with `tcflush`, and the restoring sequence
//! written on a non-blocking descriptor of our own. Then the signal is raised again with its
//! default action, so a parent or service manager sees the stop it asked for. Nothing here
//! waits on the terminal for more than about 0.1 s: one that stopped reading (Scroll Lock, a
//! stalled SSH session) cannot hold the program. A kiosk ignores the signals a person can
//! send from the keyboard. Owns the dispositions of terminating signals and nothing else; job
//! control (SIGTSTP for a reader) stays with the event loop.

use std::io;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use libc::c_int;

/// The descriptor the handler writes to (-1: nothing to restore).
static OUTPUT: AtomicI32 = AtomicI32::new(-1);
/// The descriptor whose settings raw mode changes (-1: none).
static INPUT: AtomicI32 = AtomicI32::new(-1);
/// The terminal's settings before raw mode.
static SAVED: OnceLock<libc::termios> = OnceLock::new();
/// The bytes that put the screen back.
static SEQUENCE: OnceLock<Vec<u8>> = OnceLock::new();

/// Every signal whose default action ends the process and that a program may catch. SIGPIPE
/// is left out: the Rust runtime ignores it, and a write then fails with an error instead.
pub fn terminating() -> Vec<c_int> {
    let mut all = vec![
        libc::SIGHUP,
        libc::SIGINT,
        libc::SIGQUIT,
        libc::SIGILL,
        libc::SIGTRAP,
        libc::SIGABRT,
        libc::SIGBUS,
        libc::SIGFPE,
        libc::SIGUSR1,
        libc::SIGSEGV,
        libc::SIGUSR2,
        libc::SIGALRM,
        libc::SIGTERM,
        libc::SIGXCPU,
        libc::SIGXFSZ,
        libc::SIGVTALRM,
        libc::SIGPROF,
        libc::SIGIO,
        libc::SIGSYS,
    ];
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        all.extend([libc::SIGSTKFLT, libc::SIGPWR]);
        all.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    }
    all
}

/// Whether `signal` is one of the real-time signals, which the C library or a tool running
/// the program may reserve.
fn is_realtime(signal: c_int) -> bool {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        (libc::SIGRTMIN()..=libc::SIGRTMAX()).contains(&signal)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let _ = signal;
        false
    }
}

/// Signals a person can send from the keyboard (Ctrl-C, Ctrl-\, Ctrl-Z) and the job-control
/// stops: a kiosk ignores them.
pub const KEYBOARD: [c_int; 5] = [
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGTSTP,
    libc::SIGTTIN,
    libc::SIGTTOU,
];

/// Signals held back: they wait, pending, until the guard is dropped, and are then handled as
/// the dispositions of that moment say. For the instant between the background question, which
/// changes the terminal's settings, and `arm`: the question goes out first, the handlers are
/// set while its answer is on its way, and a signal meanwhile still finds them.
pub struct Held {
    before: libc::sigset_t,
}

/// Keeps the terminal's settings as they are now, for the handlers `arm` sets later to put
/// back, and holds every signal back until the guard is dropped (this thread's mask: call it
/// before any other thread starts).
pub fn hold() -> Held {
    keep_mode();
    // SAFETY: plain libc calls on owned, initialised signal sets.
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        let mut before: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_BLOCK, &all, &mut before);
        Held { before }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        // SAFETY: restores the mask saved by `hold`.
        unsafe {
            libc::pthread_sigmask(libc::SIG_SETMASK, &self.before, std::ptr::null_mut());
        }
    }
}

/// Keeps the terminal's settings as they are now, for the handlers to put back (the first
/// settings kept stay). Returns the descriptor whose settings raw mode changes.
fn keep_mode() -> c_int {
    // SAFETY: plain libc calls on an owned, zeroed structure.
    unsafe {
        // Raw mode is set on standard input when it is a terminal, else on /dev/tty.
        let input = if libc::isatty(libc::STDIN_FILENO) == 1 {
            libc::STDIN_FILENO
        } else {
            libc::STDOUT_FILENO
        };
        if SAVED.get().is_none() {
            let mut termios: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(input, &mut termios) == 0 {
                let _ = SAVED.set(termios);
            }
        }
        input
    }
}

/// Keeps the terminal's settings (see `keep_mode`), opens a descriptor of our own for the
/// handler, and installs the handler for every terminating signal (a kiosk's keyboard signals
/// are ignored instead). `sequence` is what puts the screen back. Once armed, arming again
/// does nothing.
pub fn arm(kiosk: bool, sequence: String) -> io::Result<()> {
    if OUTPUT.load(Ordering::SeqCst) >= 0 {
        return Ok(());
    }
    // SAFETY: plain libc calls on valid, NUL-terminated paths and owned structures.
    unsafe {
        // A descriptor of our own (a new open file description), so making it non-blocking
        // leaves standard output, which the shell shares, as it was.
        let flags = libc::O_WRONLY | libc::O_NOCTTY | libc::O_NONBLOCK | libc::O_CLOEXEC;
        let mut out = libc::open(c"/proc/self/fd/1".as_ptr(), flags);
        if out < 0 {
            out = libc::open(c"/dev/tty".as_ptr(), flags);
        }
        if out < 0 {
            out = libc::dup(libc::STDOUT_FILENO);
        }
        let input = keep_mode();
        // It starts with ESC, which a terminal's parser takes as the start of a new sequence
        // in any state, so an escape sequence that a half-written frame left open is ended.
        let _ = SEQUENCE.set(sequence.into_bytes());
        INPUT.store(input, Ordering::SeqCst);
        OUTPUT.store(out, Ordering::SeqCst);
        for signal in terminating() {
            let ignore = kiosk && KEYBOARD.contains(&signal);
            let handler = if ignore {
                libc::SIG_IGN
            } else {
                on_signal as extern "C" fn(c_int) as libc::sighandler_t
            };
            match set_action(signal, handler) {
                // A real-time signal the system keeps for itself (valgrind reserves the last
                // one) cannot reach this program either way.
                Err(e)
                    if e.raw_os_error() == Some(libc::EINVAL)
                        && !KEYBOARD.contains(&signal)
                        && is_realtime(signal) => {}
                other => other?,
            }
        }
        if kiosk {
            for signal in KEYBOARD {
                set_action(signal, libc::SIG_IGN)?;
            }
        }
    }
    Ok(())
}

/// After the terminal is restored the normal way: signals end the program without writing
/// anything more.
pub fn disarm() {
    OUTPUT.store(-1, Ordering::SeqCst);
    INPUT.store(-1, Ordering::SeqCst);
}

/// Installs `handler` for `signal`, with every other signal blocked while it runs and on the
/// alternate stack (a stack overflow reaches it as SIGSEGV).
unsafe fn set_action(signal: c_int, handler: libc::sighandler_t) -> io::Result<()> {
    // SAFETY: a zeroed sigaction is valid; its fields are set before use.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler;
        action.sa_flags = libc::SA_ONSTACK;
        libc::sigfillset(&mut action.sa_mask);
        if libc::sigaction(signal, &action, std::ptr::null_mut()) != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Puts the terminal back, then ends the program by the same signal with its default action.
extern "C" fn on_signal(signal: c_int) {
    rescue();
    // SAFETY: async-signal-safe calls only (sigaction, pthread_sigmask, raise).
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = libc::SIG_DFL;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(signal, &action, std::ptr::null_mut());
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, signal);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::raise(signal);
    }
}

/// How often the handler tries its write again, and how long it sleeps between tries: about
/// 0.1 s in all. The kernel refuses a write to a terminal at once, on a non-blocking descriptor,
/// while another write to it is under way: when the signal is handled on a helper thread
/// (the kernel may pick any thread that does not block it), that is the main thread's frame,
/// which is through within microseconds once the terminal reads. A terminal that has stopped
/// reading refuses it for good, and the program must still end.
const WRITE_TRIES: u32 = 50;
const WRITE_GAP: libc::timespec = libc::timespec {
    tv_sec: 0,
    tv_nsec: 2_000_000,
};

/// Set by the handler before it writes: the event loop draws nothing after it, so no frame
/// lands on the screen the handler has put back.
static ENDING: AtomicBool = AtomicBool::new(false);

/// Whether a signal is ending the program (its handler is putting the terminal back).
pub fn ending() -> bool {
    ENDING.load(Ordering::SeqCst)
}

/// The restore, in async-signal-safe steps: settings first (they need no output), then the
/// screen, waiting about 0.1 s at most for the terminal to take it, then the settings again
/// (the main thread runs on meanwhile when the handler is on another thread).
fn rescue() {
    ENDING.store(true, Ordering::SeqCst);
    let input = INPUT.load(Ordering::SeqCst);
    let out = OUTPUT.load(Ordering::SeqCst);
    let settings = || {
        if input >= 0
            && let Some(termios) = SAVED.get()
        {
            // SAFETY: async-signal-safe; a descriptor `arm` recorded, settings it kept.
            unsafe { libc::tcsetattr(input, libc::TCSANOW, termios) };
        }
    };
    settings();
    if out < 0 {
        return;
    }
    // SAFETY: async-signal-safe calls on descriptors opened by `arm`.
    unsafe {
        // A half-written frame that the terminal has not taken is dropped, making room.
        libc::tcflush(out, libc::TCOFLUSH);
        let Some(bytes) = SEQUENCE.get() else { return };
        let mut rest: &[u8] = bytes;
        let mut tries = 0;
        while !rest.is_empty() {
            let n = libc::write(out, rest.as_ptr().cast(), rest.len());
            if n > 0 {
                rest = &rest[n.unsigned_abs().min(rest.len())..];
                continue;
            }
            // Reading errno allocates nothing.
            let refused = matches!(
                io::Error::last_os_error().raw_os_error(),
                Some(libc::EAGAIN | libc::EINTR)
            );
            if n == 0 || !refused || tries == WRITE_TRIES {
                break;
            }
            tries += 1;
            libc::nanosleep(&WRITE_GAP, std::ptr::null_mut());
        }
    }
    settings();
}
