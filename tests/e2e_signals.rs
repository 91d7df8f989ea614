//! End to end: the exit-signal matrix. Every catchable signal whose default action ends a
//! process, sent to the real binary in a pty, in reader and kiosk mode: the terminal comes
//! back (screen, cursor, mouse, paste, termios) and the program ends by that same signal, as a
//! service manager expects; a kiosk ignores the signals a keyboard can send. And a terminal
//! that has stopped reading cannot delay the end, nor a frame being written when a signal is
//! handled on another thread keep the terminal from coming back.

mod common;

use std::time::{Duration, Instant};

use common::{Spawn, Tui};

/// Every catchable terminating signal on this system, listed here independently of the
/// program. SIGPIPE is left out: the Rust runtime ignores it.
fn terminating() -> Vec<i32> {
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
    #[cfg(target_os = "linux")]
    {
        all.extend([libc::SIGSTKFLT, libc::SIGPWR]);
        all.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    }
    all
}

/// What a person at a keyboard can send (Ctrl-C, Ctrl-\).
const KEYBOARD: [i32; 2] = [libc::SIGINT, libc::SIGQUIT];

fn ready(t: &mut Tui, kiosk: bool) {
    if kiosk {
        t.wait_for("Press any key to start");
        t.send("x");
    }
    t.wait_for("[1 Overview]");
    t.send("3");
    t.wait_for("[3 Rupture]");
}

/// One cell of the matrix; returns a failure description instead of panicking, so one run
/// reports every failing signal.
fn cell(signal: i32, kiosk: bool) -> Result<(), String> {
    let result = std::panic::catch_unwind(|| {
        let args: &[&str] = if kiosk { &["--kiosk"] } else { &[] };
        let mut t = Tui::run(args);
        ready(&mut t, kiosk);
        t.signal_number(signal);
        if kiosk && KEYBOARD.contains(&signal) {
            // Still answering keys afterwards, then a normal stop.
            t.send("2");
            t.wait_for("[2 Tendonitis]");
            t.assert_running("a keyboard signal in a kiosk");
            t.signal_number(libc::SIGTERM);
            t.wait_exit();
            assert_eq!(t.killed_by(), Some(libc::SIGTERM));
        } else {
            t.wait_exit();
            assert_eq!(
                t.killed_by(),
                Some(signal),
                "not ended by the signal it got"
            );
        }
        t.assert_restored();
    });
    result.map_err(|e| {
        let why = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        format!("signal {signal} (kiosk: {kiosk}): {why}")
    })
}

fn matrix(kiosk: bool) {
    let signals = terminating();
    let mut failures = Vec::new();
    // A few at a time: each cell is a program in its own pty.
    for chunk in signals.chunks(6) {
        let handles: Vec<_> = chunk
            .iter()
            .map(|s| {
                let s = *s;
                std::thread::spawn(move || cell(s, kiosk))
            })
            .collect();
        for h in handles {
            if let Err(why) = h.join().expect("a matrix thread") {
                failures.push(why);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} signals failed:\n{}",
        failures.len(),
        signals.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_terminating_signal_restores_a_readers_terminal() {
    matrix(false);
}

#[test]
fn every_terminating_signal_restores_a_kiosks_terminal_and_keyboard_ones_are_ignored() {
    matrix(true);
}

/// Whether the program's main thread is blocked writing to the terminal.
fn blocked_in_write(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/wchan"))
        .is_ok_and(|w| w.contains("tty") || w.contains("wait_woken"))
}

/// Stops reading the program's output and changes the whole screen until the pty's buffer is
/// full and the program's main thread is blocked in a write, in the middle of a frame.
fn block_in_write(t: &mut Tui) {
    t.pause_output();
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut n = 0;
    while !blocked_in_write(t.pid()) {
        assert!(
            Instant::now() < deadline,
            "the program never blocked writing"
        );
        t.send(["3", "4", "5", "6"][n % 4]);
        n += 1;
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The program's threads other than the main one (reading keys, passing on signals).
fn helper_threads(pid: u32) -> Vec<i32> {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .map(|dir| {
            dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .filter(|tid| *tid != pid as i32)
                .collect()
        })
        .unwrap_or_default()
}

/// A signal is handled on whichever thread the kernel picks, usually the main one; when it is
/// another, the main thread may be in the middle of writing a frame, holding the terminal's
/// write lock, and the handler's own write would be refused. It must still put the terminal
/// back once that frame is through. Sent to a helper thread with tgkill, so it is handled
/// there, while the main thread is blocked writing.
#[test]
fn a_signal_handled_on_another_thread_while_a_frame_is_written_still_restores() {
    let mut t = Spawn::new(&[]).size(250, 80).start();
    ready(&mut t, false);
    block_in_write(&mut t);
    let pid = t.pid() as libc::pid_t;
    let helpers = helper_threads(t.pid());
    let Some(&helper) = helpers.first() else {
        panic!("the program has no thread besides its main one");
    };
    // SAFETY: tgkill has no memory preconditions.
    let sent = unsafe { libc::syscall(libc::SYS_tgkill, pid, helper, libc::SIGTERM) };
    assert_eq!(sent, 0, "tgkill {pid} {helper} TERM");
    t.resume_output();
    t.wait_exit();
    assert_eq!(t.killed_by(), Some(libc::SIGTERM));
    t.assert_restored();
}

#[test]
fn sigterm_is_honoured_while_the_terminal_has_stopped_reading() {
    for kiosk in [false, true] {
        let args: &[&str] = if kiosk { &["--kiosk"] } else { &[] };
        let mut t = Spawn::new(args).size(250, 80).start();
        ready(&mut t, kiosk);
        block_in_write(&mut t);
        t.signal("TERM");
        let asked = Instant::now();
        let deadline = asked + Duration::from_secs(3);
        while t.is_running() {
            assert!(
                Instant::now() < deadline,
                "SIGTERM not honoured within 3 s while output is blocked (kiosk: {kiosk})"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        eprintln!("ended {:?} after SIGTERM (kiosk: {kiosk})", asked.elapsed());
        t.resume_output();
        t.wait_exit();
        assert_eq!(t.killed_by(), Some(libc::SIGTERM));
        t.assert_restored();
    }
}
