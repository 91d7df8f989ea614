//! The QR code as a phone meets it on a real screen: the program runs in xterm on a virtual X
//! display (Xvfb), on a white and on a black background, in every theme, with the code drawn
//! in whole cells (100x40) and in half blocks (80x24). Keys reach it through tmux inside the
//! xterm, one keystroke per `send-keys`; the screenshot (ImageMagick's `import`) is decoded
//! with zbarimg, and the decoded `tel:` number must be the number shown under the code.
//! Skips, saying why, when Xvfb, xterm, tmux, ImageMagick, zbarimg or xwininfo is missing
//! (Debian: xvfb xterm tmux imagemagick zbar-tools x11-utils).

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // It runs X, xterm, tmux and zbarimg.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

// Generous: Xvfb, xterm and tmux all start per case, and a busy 2-core machine running the
// rest of the suite beside them once took 23 s. Only a failure ever waits this long.
const TIMEOUT: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(50);
const TOOLS: [&str; 6] = ["Xvfb", "xterm", "tmux", "import", "zbarimg", "xwininfo"];

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join(tool).is_file()))
}

/// Polls `f` until it returns something, or fails saying what it waited for.
fn wait<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(start.elapsed() < TIMEOUT, "timed out waiting for {what}");
        std::thread::sleep(POLL);
    }
}

/// A virtual X display, stopped when dropped.
struct Display {
    server: Child,
    name: String,
}

impl Display {
    fn start() -> Display {
        // A display number no other X server holds.
        let n = (300 + std::process::id() % 400..)
            .find(|n| {
                !Path::new(&format!("/tmp/.X{n}-lock")).exists()
                    && !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
            })
            .unwrap_or(399);
        let server = Command::new("Xvfb")
            .args([
                &format!(":{n}"),
                "-screen",
                "0",
                "1280x1024x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb");
        let socket = format!("/tmp/.X11-unix/X{n}");
        wait("the X server's socket", || {
            Path::new(&socket).exists().then_some(())
        });
        Display {
            server,
            name: format!(":{n}"),
        }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        // SIGTERM, so the server removes its lock file and socket as it ends.
        let pid = libc::pid_t::try_from(self.server.id()).unwrap_or(0);
        if pid > 0 {
            // SAFETY: kill(2) on the pid of a child this test started and has not reaped.
            unsafe { libc::kill(pid, libc::SIGTERM) };
        }
        let _ = self.server.wait();
    }
}

/// One xterm running the handbook in tmux.
struct Xterm<'a> {
    display: &'a Display,
    xterm: Child,
    socket: String,
}

impl Xterm<'_> {
    fn tmux(&self, args: &[&str]) -> Option<String> {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .stderr(Stdio::null())
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "qr"])
            .unwrap_or_default()
    }

    fn wait_for(&self, text: &str) -> String {
        wait(&format!("{text:?} in the pane"), || {
            Some(self.screen()).filter(|s| s.contains(text))
        })
    }

    fn key(&self, key: &str) {
        self.tmux(&["send-keys", "-t", "qr", key])
            .expect("tmux send-keys");
    }

    /// The xterm window's id, for `import`.
    fn window(&self) -> Option<String> {
        let out = Command::new("xwininfo")
            .args(["-root", "-tree", "-display", &self.display.name])
            .output()
            .ok()?;
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find(|l| l.contains("\"xterm\""))
            .and_then(|l| l.split_whitespace().next())
            .map(str::to_owned)
    }

    /// Screenshots the window until zbarimg reads a code in it.
    fn decode(&self, png: &Path) -> String {
        let what = format!("a QR code zbarimg can read in {}", png.display());
        wait(&what, || {
            let window = self.window()?;
            let shot = Command::new("import")
                .args(["-display", &self.display.name, "-window", &window])
                .arg(png)
                .status()
                .ok()?;
            if !shot.success() {
                return None;
            }
            let out = Command::new("zbarimg")
                .args(["-q", "--raw"])
                .arg(png)
                .output()
                .ok()?;
            let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            (!text.is_empty()).then_some(text)
        })
    }
}

impl Drop for Xterm<'_> {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
        let _ = self.xterm.kill();
        let _ = self.xterm.wait();
    }
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("achilles-xterm-qr-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

/// Opens the contact chapter's QR code in xterm and returns (the number shown, what the
/// screenshot decodes to).
fn shown_and_decoded(
    display: &Display,
    dir: &Path,
    theme: &str,
    shade: &str,
    (cols, rows): (u16, u16),
) -> (String, String) {
    let conf = dir.join("tmux.conf");
    std::fs::write(&conf, "set -g status off\nset -g default-terminal xterm\n")
        .expect("write tmux.conf");
    let socket = format!("qr-{}-{theme}-{shade}-{cols}", std::process::id());
    let (fg, bg) = if shade == "light" {
        ("black", "white")
    } else {
        ("white", "black")
    };
    let xterm = Command::new("xterm")
        .env("DISPLAY", &display.name)
        .env_remove("TMUX")
        .env_remove("COLORTERM")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .args(["-fa", "DejaVu Sans Mono", "-fs", "11", "-fg", fg, "-bg", bg])
        .args(["-geometry", &format!("{cols}x{rows}+0+0")])
        .args(["-e", "tmux", "-L", &socket, "-f"])
        .arg(&conf)
        .args(["new-session", "-s", "qr"])
        .args([
            env!("CARGO_BIN_EXE_achilles-handbook"),
            "--theme",
            theme,
            "--background",
            shade,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start xterm");
    let x = Xterm {
        display,
        xterm,
        socket,
    };
    x.wait_for("1 Overview");
    x.key("7");
    x.wait_for("7 Contact]");
    x.key("c");
    let screen = x.wait_for("Point your phone");
    // The number stands on the line above the caption, inside the box's borders.
    let lines: Vec<&str> = screen.lines().collect();
    let caption = lines
        .iter()
        .position(|l| l.contains("Point your phone"))
        .unwrap_or(0);
    let shown = lines
        .get(caption.wrapping_sub(1))
        .map(|l| {
            l.trim_matches(|c: char| c.is_whitespace() || "│|".contains(c))
                .to_owned()
        })
        .unwrap_or_default();
    let png = dir.join(format!("{theme}-{shade}-{cols}x{rows}.png"));
    (shown, x.decode(&png))
}

#[test]
fn the_qr_code_in_xterm_decodes_to_the_number_shown() {
    if let Some(tool) = TOOLS.iter().find(|t| !on_path(t)) {
        eprintln!(
            "skipped: {tool} is not installed (Debian: apt-get install xvfb xterm tmux \
             imagemagick zbar-tools x11-utils)"
        );
        return;
    }
    let display = Display::start();
    let dir = temp_dir();
    let mut cases = Vec::new();
    for theme in ["default", "high-contrast", "mono"] {
        for shade in ["light", "dark"] {
            cases.push((theme, shade, (100, 40)));
        }
    }
    // Half blocks, where xterm's rows may leave seams between them.
    cases.push(("default", "light", (80, 24)));
    cases.push(("default", "dark", (80, 24)));
    for (theme, shade, size) in cases {
        let (shown, decoded) = shown_and_decoded(&display, &dir, theme, shade, size);
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        assert!(
            decoded.starts_with("tel:") && digits(&shown).len() >= 7,
            "{theme} on {shade} at {size:?}: decoded {decoded:?}, shown {shown:?}"
        );
        // The code may carry the country code the screen leaves out.
        let (d, s) = (digits(&decoded), digits(&shown));
        assert!(
            d == s || d == format!("1{s}"),
            "{theme} on {shade} at {size:?}: the code says {decoded:?} but the screen shows {shown:?}"
        );
    }
    // Kept when a case fails, to look at.
    let _ = std::fs::remove_dir_all(&dir);
}
