//! The end-to-end harness: runs the real binary in a pseudo-terminal, feeds everything it writes
//! into a vt100 parser, and waits for conditions on the parsed screen (never for a fixed time).
//! Shared by `tests/e2e.rs`, `tests/e2e_kiosk.rs` and `tests/e2e_exit.rs`; not every file uses
//! every helper.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long a screen condition may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(8);
/// How long the program may take to exit once asked to.
pub const EXIT_TIMEOUT: Duration = Duration::from_secs(5);
/// How often conditions are polled.
const POLL: Duration = Duration::from_millis(20);

/// Panic (Ctrl-F12): the debug build panics on purpose on this key.
pub const CTRL_F12: &str = "\x1b[24;5~";
pub const CTRL_C: &str = "\x03";
pub const ESC: &str = "\x1b";

/// What to start: arguments, environment and terminal size.
#[derive(Debug, Clone)]
pub struct Spawn {
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub env_remove: Vec<String>,
    pub rows: u16,
    pub cols: u16,
}

impl Spawn {
    /// The English edition at 100×30 with the given arguments.
    pub fn new(args: &[&str]) -> Self {
        Spawn {
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            env: vec![
                ("TERM".into(), "xterm-256color".into()),
                ("LANG".into(), "en_US.UTF-8".into()),
            ],
            env_remove: [
                "LC_ALL",
                "LC_MESSAGES",
                "NO_COLOR",
                "COLORTERM",
                "CLICOLOR_FORCE",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
            rows: 30,
            cols: 100,
        }
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env_remove.retain(|k| k != key);
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    pub fn size(mut self, cols: u16, rows: u16) -> Self {
        self.cols = cols;
        self.rows = rows;
        self
    }

    pub fn start(self) -> Tui {
        Tui::start(self)
    }
}

/// A running (or finished) instance of the program in a pseudo-terminal.
pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    output: Arc<Mutex<Vec<u8>>>,
    eof: Arc<AtomicBool>,
    stop_reading: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    parser: vt100::Parser,
    fed: usize,
    status: Option<u32>,
    killed_by: Option<i32>,
    paused: Arc<AtomicBool>,
    pid: u32,
}

impl Tui {
    /// The English edition, 100×30, with these arguments.
    pub fn run(args: &[&str]) -> Tui {
        Spawn::new(args).start()
    }

    pub fn start(spec: Spawn) -> Tui {
        no_core_files();
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: spec.rows,
                cols: spec.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_achilles-handbook"));
        cmd.args(&spec.args);
        for k in &spec.env_remove {
            cmd.env_remove(k);
        }
        for (k, v) in &spec.env {
            cmd.env(k, v);
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair.slave.spawn_command(cmd).expect("spawn the handbook");
        // Only the child keeps the slave open, so the reader sees EOF when it exits.
        drop(pair.slave);
        let pid = child.process_id().expect("child pid");
        let mut reader = pair
            .master
            .try_clone_reader()
            .expect("clone the pty reader");
        let writer = pair.master.take_writer().expect("take the pty writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let eof = Arc::new(AtomicBool::new(false));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let paused = Arc::new(AtomicBool::new(false));
        let handle = {
            let paused = Arc::clone(&paused);
            let output = Arc::clone(&output);
            let eof = Arc::clone(&eof);
            let stop = Arc::clone(&stop_reading);
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    while paused.load(Ordering::SeqCst) {
                        std::thread::sleep(POLL);
                    }
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => output.lock().unwrap().extend_from_slice(&buf[..n]),
                    }
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                }
                eof.store(true, Ordering::SeqCst);
            })
        };
        Tui {
            child,
            master: Some(pair.master),
            writer: Some(writer),
            output,
            eof,
            stop_reading,
            reader: Some(handle),
            parser: vt100::Parser::new(nz(spec.rows), nz(spec.cols), 0),
            fed: 0,
            status: None,
            killed_by: None,
            paused,
            pid,
        }
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Feeds the output read so far into the parser.
    fn update(&mut self) {
        let out = self.output.lock().unwrap();
        if out.len() > self.fed {
            self.parser.process(&out[self.fed..]);
            self.fed = out.len();
        }
    }

    /// Everything the program has written so far.
    pub fn raw(&mut self) -> Vec<u8> {
        self.update();
        self.output.lock().unwrap().clone()
    }

    pub fn screen(&mut self) -> &vt100::Screen {
        self.update();
        self.parser.screen()
    }

    /// The screen's text, rows joined by newlines.
    pub fn text(&mut self) -> String {
        self.screen().contents()
    }

    /// One row of the screen (0-based).
    pub fn row(&mut self, row: u16) -> String {
        let (_, cols) = self.parser.screen().size();
        let cols: u16 = cols.get();
        self.screen()
            .rows(0, cols)
            .nth(row as usize)
            .unwrap_or_default()
    }

    /// The screen as rows of characters, one `String` per row, cell by cell (wide characters
    /// count once).
    pub fn rows(&mut self) -> Vec<String> {
        let (rows, cols) = self.screen().size();
        let (rows, cols) = (rows.get(), cols.get());
        let screen = self.parser.screen();
        (0..rows)
            .map(|r| {
                (0..cols)
                    .map(|c| match screen.cell(r, c) {
                        Some(cell) if cell.has_contents() => cell.contents().to_owned(),
                        Some(cell) if cell.is_wide_continuation() => String::new(),
                        _ => " ".to_owned(),
                    })
                    .collect()
            })
            .collect()
    }

    /// Sends bytes to the program, as typed.
    pub fn send(&mut self, bytes: &str) {
        let w = self.writer.as_mut().expect("the pty writer is open");
        w.write_all(bytes.as_bytes()).expect("write to the pty");
        w.flush().expect("flush the pty");
    }

    /// Sends Esc alone and waits for `effect`, so the next key is not read as Alt+key.
    pub fn send_esc_then(&mut self, what: &str, effect: impl FnMut(&str) -> bool) {
        self.send(ESC);
        self.wait_until(what, effect);
    }

    /// A left click at 1-based `col`, `row` (SGR mouse encoding).
    pub fn click(&mut self, col: u16, row: u16) {
        self.send(&format!("\x1b[<0;{col};{row}M\x1b[<0;{col};{row}m"));
    }

    /// Waits until `check` holds for the screen text, or fails showing the screen.
    pub fn wait_until(&mut self, what: &str, mut check: impl FnMut(&str) -> bool) {
        self.wait_until_for(what, TIMEOUT, &mut check);
    }

    pub fn wait_until_for(
        &mut self,
        what: &str,
        timeout: Duration,
        check: &mut dyn FnMut(&str) -> bool,
    ) {
        let deadline = Instant::now() + timeout;
        loop {
            let text = self.text();
            if check(&text) {
                return;
            }
            let exited = self.status.is_some() || matches!(self.child.try_wait(), Ok(Some(_)));
            if exited && self.eof.load(Ordering::SeqCst) {
                // Everything the program wrote has been read; look once more, then give up.
                let text = self.text();
                if check(&text) {
                    return;
                }
                panic!(
                    "the program exited while waiting for {what}\n\
                     --- screen ---\n{text}\n--- end of screen ---"
                );
            }
            if Instant::now() >= deadline {
                let status = self.child.try_wait().ok().flatten();
                panic!(
                    "timed out after {timeout:?} waiting for {what}; process status: {status:?}\n\
                     --- screen ---\n{text}\n--- end of screen ---"
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `check` holds for the screen's rows (cell by cell, see [`Tui::rows`]).
    pub fn wait_until_rows(&mut self, what: &str, mut check: impl FnMut(&[String]) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let rows = self.rows();
            if check(&rows) {
                return;
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {TIMEOUT:?} waiting for {what}\n--- screen ---\n{}\n--- end ---",
                    rows.join("\n")
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `text` is on the screen.
    pub fn wait_for(&mut self, text: &str) {
        self.wait_for_within(text, TIMEOUT);
    }

    pub fn wait_for_within(&mut self, text: &str, timeout: Duration) {
        let what = format!("{text:?} on the screen");
        self.wait_until_for(&what, timeout, &mut |s| s.contains(text));
    }

    /// Waits until `text` is no longer on the screen.
    pub fn wait_gone(&mut self, text: &str) {
        let what = format!("{text:?} to leave the screen");
        self.wait_until_for(&what, TIMEOUT, &mut |s| !s.contains(text));
    }

    /// The exit status, if the program has exited; 128 plus the signal's number when a
    /// signal ended it, as a shell reports it (see [`Tui::killed_by`]).
    pub fn try_status(&mut self) -> Option<u32> {
        if self.status.is_none()
            && let Some(st) = self.child.try_wait().expect("try_wait")
        {
            self.status = Some(match st.signal() {
                Some(name) => {
                    let n =
                        signal_number(name).unwrap_or_else(|| panic!("unknown signal {name:?}"));
                    self.killed_by = Some(n);
                    128 + n as u32
                }
                None => st.exit_code(),
            });
        }
        self.status
    }

    /// The signal that ended the program, if one did (after it has exited).
    pub fn killed_by(&mut self) -> Option<i32> {
        self.try_status();
        self.killed_by
    }

    pub fn is_running(&mut self) -> bool {
        self.try_status().is_none()
    }

    /// Fails if the program has exited.
    pub fn assert_running(&mut self, after: &str) {
        if let Some(code) = self.try_status() {
            let text = self.text();
            panic!("the program exited with {code} after {after}\n--- screen ---\n{text}");
        }
    }

    /// Waits for the program to exit and for all its output, and returns its exit status.
    pub fn wait_exit(&mut self) -> u32 {
        self.wait_exit_within(EXIT_TIMEOUT)
    }

    pub fn wait_exit_within(&mut self, timeout: Duration) -> u32 {
        let deadline = Instant::now() + timeout;
        let code = loop {
            if let Some(code) = self.try_status() {
                break code;
            }
            if Instant::now() >= deadline {
                let text = self.text();
                panic!("the program did not exit within {timeout:?}\n--- screen ---\n{text}");
            }
            std::thread::sleep(POLL);
        };
        // The child closed the slave; the reader thread ends once it has read everything.
        let deadline = Instant::now() + Duration::from_secs(3);
        while !self.eof.load(Ordering::SeqCst) && Instant::now() < deadline {
            std::thread::sleep(POLL);
        }
        assert!(
            self.eof.load(Ordering::SeqCst),
            "no EOF on the pty after the program exited"
        );
        self.update();
        code
    }

    /// Stops reading what the program writes, as a terminal with Scroll Lock on does: once
    /// the pty's buffer is full, the program's writes block.
    pub fn pause_output(&mut self) {
        self.paused.store(true, Ordering::SeqCst);
    }

    pub fn resume_output(&mut self) {
        self.paused.store(false, Ordering::SeqCst);
    }

    /// Sends a signal by number.
    pub fn signal_number(&mut self, signal: i32) {
        // SAFETY: kill has no memory preconditions.
        let r = unsafe { libc::kill(self.pid as libc::pid_t, signal) };
        assert_eq!(r, 0, "kill -{signal} {}", self.pid);
    }

    /// Sends a signal by name (TERM, HUP, INT, ...) with kill(1).
    #[allow(clippy::disallowed_types)]
    pub fn signal(&mut self, name: &str) {
        let st = std::process::Command::new("kill")
            .args([format!("-{name}"), self.pid.to_string()])
            .status()
            .expect("run kill");
        assert!(st.success(), "kill -{name} {} failed: {st}", self.pid);
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the parser.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.update();
        self.resize_pty(cols, rows);
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
    }

    /// Resizes the pty only (the program gets SIGWINCH); the parser keeps its size, for window
    /// sizes no emulator could hold.
    pub fn resize_pty(&mut self, cols: u16, rows: u16) {
        self.master
            .as_ref()
            .expect("the pty is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// The pty's local flags ICANON, ECHO and ISIG, if the termios can be read.
    pub fn termios_cooked(&self) -> Result<bool, String> {
        let master = self.master.as_ref().ok_or("the pty is closed")?;
        let t = master.get_termios().ok_or("get_termios returned None")?;
        let bits = u64::from(t.local_flags.bits());
        #[cfg(target_os = "linux")]
        let (isig, icanon, echo) = (0o1u64, 0o2u64, 0o10u64);
        #[cfg(not(target_os = "linux"))]
        let (isig, icanon, echo) = (0x80u64, 0x100u64, 0x8u64);
        let want = isig | icanon | echo;
        Ok(bits & want == want)
    }

    /// After exit: the terminal is back as it was before the program started.
    pub fn assert_restored(&mut self) {
        assert!(
            !self.is_running(),
            "assert_restored needs the program to have exited"
        );
        let text = self.text();
        let raw = self.raw();
        let screen = self.parser.screen();
        let show = format!("--- screen ---\n{text}\n--- end ---");
        assert!(
            !screen.alternate_screen(),
            "still on the alternate screen\n{show}"
        );
        assert!(!screen.hide_cursor(), "the cursor is still hidden\n{show}");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting is still on\n{show}"
        );
        assert!(
            !screen.bracketed_paste(),
            "bracketed paste is still on\n{show}"
        );
        if contains(&raw, b"\x1b[?1049h") {
            assert!(
                contains(&raw, b"\x1b[?1049l"),
                "never left the alternate screen"
            );
        }
        match self.termios_cooked() {
            Ok(cooked) => {
                assert!(
                    cooked,
                    "the pty is still in raw mode (ICANON, ECHO or ISIG is off)"
                )
            }
            Err(why) => eprintln!("skipping the termios check: {why}"),
        }
    }

    /// Closes our side of the pty while the program runs: stops the reader, then drops the
    /// writer and the master (the last master descriptors), so the terminal hangs up.
    pub fn close_pty(&mut self) {
        self.stop_reading.store(true, Ordering::SeqCst);
        let handle = self.reader.take().expect("the reader is running");
        // The reader is blocked in read(); make the program draw something so it wakes up.
        let deadline = Instant::now() + TIMEOUT;
        let mut n = 0;
        while !handle.is_finished() {
            assert!(Instant::now() < deadline, "the reader thread did not stop");
            if self.is_running() {
                self.send(if n % 2 == 0 { "3" } else { "2" });
                n += 1;
            }
            std::thread::sleep(POLL);
        }
        handle.join().expect("the reader thread");
        self.writer = None;
        self.master = None;
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The number of the signal that `strsignal` describes as `name` (how portable-pty reports it).
pub fn signal_number(name: &str) -> Option<i32> {
    (1..=64).find(|n| {
        // SAFETY: strsignal returns a valid C string or null.
        let p = unsafe { libc::strsignal(*n) };
        !p.is_null() && unsafe { std::ffi::CStr::from_ptr(p) }.to_string_lossy() == name
    })
}

/// No core files from the signals the tests send on purpose (SIGQUIT, SIGABRT, ...).
fn no_core_files() {
    let zero = libc::rlimit {
        rlim_cur: 0,
        rlim_max: libc::RLIM_INFINITY,
    };
    // SAFETY: a valid rlimit; it only limits this test process and its children.
    unsafe {
        let mut now: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_CORE, &mut now) == 0 {
            let _ = libc::setrlimit(
                libc::RLIMIT_CORE,
                &libc::rlimit {
                    rlim_max: now.rlim_max,
                    ..zero
                },
            );
        }
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal size is not zero")
}

/// Whether `hay` contains `needle`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The parameters of every SGR sequence (`CSI ... m`) in `raw`.
pub fn sgr_params(raw: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < raw.len() {
        if raw[i] == 0x1b && raw[i + 1] == b'[' {
            let start = i + 2;
            let mut j = start;
            // Parameter bytes 0x30..=0x3F, intermediate bytes 0x20..=0x2F, final 0x40..=0x7E.
            while j < raw.len() && (0x20..=0x3f).contains(&raw[j]) {
                j += 1;
            }
            if j < raw.len() && raw[j] == b'm' {
                out.push(String::from_utf8_lossy(&raw[start..j]).into_owned());
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Where a temporary folder for one test goes: unique per process, test and time.
pub fn temp_dir(tag: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    std::env::temp_dir().join(format!("achilles-e2e-{tag}-{}-{nanos}", std::process::id()))
}
