//! The terminal's modes: raw mode and the screen modes the interface runs in (the alternate
//! screen, click reporting, bracketed paste, the cursor hidden), entered in one write with the
//! first frame, and the bytes and settings that put them back. Decides nothing about when.

use std::fmt;
use std::io::{self, Write};

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{Command as _, cursor, queue};

/// Mouse reporting for clicks, taps and the wheel only (X10/normal tracking with SGR
/// coordinates). crossterm's EnableMouseCapture also asks for every motion, which would turn a
/// resting hand on a touch screen into a stream of input.
struct EnableClicks;

impl crossterm::Command for EnableClicks {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

/// The bytes that put the screen back.
pub(super) fn restore_sequence() -> String {
    let mut s = String::from("\x1b[m");
    // Turns off every mouse mode, including any we did not ask for.
    let _ = DisableMouseCapture.write_ansi(&mut s);
    let _ = DisableBracketedPaste.write_ansi(&mut s);
    let _ = LeaveAlternateScreen.write_ansi(&mut s);
    let _ = cursor::Show.write_ansi(&mut s);
    s
}

/// Puts the terminal back as it was. Safe to call more than once and from the panic hook.
pub fn restore() {
    let mut out = io::stdout();
    let _ = out.write_all(restore_sequence().as_bytes());
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Raw mode now; the screen modes are queued in `out` and reach the terminal with the first
/// frame, in one write.
pub(super) fn enter(out: &mut impl Write) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    queue!(
        out,
        EnterAlternateScreen,
        EnableClicks,
        EnableBracketedPaste,
        cursor::Hide
    )
}
