//! Asking the terminal for its background colour, in two steps so that the answer's round trip
//! passes while the program does other work: [`ask`] writes the question (OSC 11, with DA1
//! behind it) in one write and leaves the terminal reading without echo; [`Asked::answer`]
//! reads what came back, until the DA1 answer or a deadline, and puts the terminal's mode back,
//! as dropping an `Asked` does. A terminal that does not know OSC 11 answers DA1 alone, at
//! once; one that is slow (a long SSH link) answers after the deadline, and the key reader
//! then takes its answer for what it is ([`Answer::Late`]). Says only how light the background
//! is; what to draw with it is `theme`'s choice.

use std::fs::File;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

use memchr::memmem;
use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::termios::{
    LocalModes, OptionalActions, SpecialCodeIndex, Termios, tcgetattr, tcsetattr,
};

/// OSC 11 ("what is the background colour?"), ended by BEL, which rxvt-unicode also answers
/// with; then DA1, which every terminal answers, after OSC 11 if it knows it.
const QUESTION: &[u8] = b"\x1b]11;?\x07\x1b[c";

/// The most of an answer read: an OSC 11 answer and a DA1 answer take under 60 bytes.
const MOST: usize = 256;

/// A question written to the terminal, its answer not yet read. Dropped unread (the program
/// ends before it needs the answer), it still reads the answer, up to the deadline, so that
/// the answer is not left for the shell to read as typed text.
pub struct Asked {
    tty: File,
    saved: Termios,
    deadline: Instant,
    read: bool,
}

/// Asks the terminal named by `term` (`TERM`) for its background, through `/dev/tty`, with
/// `timeout` for the answer to come. `None` where the question cannot be asked: no terminal, or
/// one known to answer wrongly (GNU screen passes OSC 11 on and answers DA1 first; Eterm does
/// not answer DA1, so every start would wait for the timeout).
pub fn ask(term: Option<&str>, timeout: Duration) -> Option<Asked> {
    let term = term?;
    if term == "dumb" || term == "Eterm" || term == "screen" || term.starts_with("screen.") {
        return None;
    }
    let tty = File::options()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()?;
    let saved = tcgetattr(&tty).ok()?;
    // No line editing, echo or signal keys while the answer is awaited: the answer has no line
    // end, and it must not show on the screen. Output is left as it was.
    let mut quiet = saved.clone();
    quiet.local_modes -=
        LocalModes::ICANON | LocalModes::ECHO | LocalModes::ISIG | LocalModes::IEXTEN;
    quiet.special_codes[SpecialCodeIndex::VMIN] = 1;
    quiet.special_codes[SpecialCodeIndex::VTIME] = 0;
    tcsetattr(&tty, OptionalActions::Now, &quiet).ok()?;
    let mut asked = Asked {
        tty,
        saved,
        deadline: Instant::now() + timeout,
        read: false,
    };
    if (&asked.tty).write_all(QUESTION).is_err() {
        // Nothing was asked, so there is no answer to wait for; dropping puts the mode back.
        asked.read = true;
        return None;
    }
    Some(asked)
}

/// What came back for the question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The background colour, as 16-bit red, green and blue.
    Colour([u16; 3]),
    /// No colour that reads: the terminal does not know the question (DA1 alone), or its
    /// answer could not be read.
    Unknown,
    /// Nothing complete by the deadline: the answer may still come, and whoever reads the
    /// terminal next must not take it for keys. `begun` is what was read of an OSC answer
    /// already begun (its text after `ESC ]`), if one was.
    Late { begun: Option<String> },
}

impl Asked {
    /// What the terminal answered by the deadline.
    pub fn answer(mut self) -> Answer {
        self.read_answer()
    }

    fn read_answer(&mut self) -> Answer {
        self.read = true;
        let mut got = [0u8; MOST];
        let mut len = 0;
        loop {
            if let Reply::Complete(colour) = read_reply(&got[..len]) {
                return colour.map_or(Answer::Unknown, Answer::Colour);
            }
            let left = self.deadline.saturating_duration_since(Instant::now());
            if len == MOST {
                return Answer::Unknown;
            }
            let late = || Answer::Late {
                begun: begun(&got[..len]),
            };
            let Some(timeout) = Timespec::try_from(left).ok().filter(|_| !left.is_zero()) else {
                return late();
            };
            let mut fds = [PollFd::new(&self.tty, PollFlags::IN)];
            match poll(&mut fds, Some(&timeout)) {
                Ok(0) => return late(),
                Ok(_) => {}
                Err(rustix::io::Errno::INTR) => continue,
                Err(_) => return Answer::Unknown,
            }
            match (&self.tty).read(&mut got[len..]) {
                Ok(0) | Err(_) => return Answer::Unknown,
                Ok(n) => len += n,
            }
        }
    }
}

/// The part of an OSC answer read so far, when one has begun and not ended: its text after
/// `ESC ]`, for the key reader to go on with.
fn begun(got: &[u8]) -> Option<String> {
    let at = memmem::rfind(got, b"\x1b]")?;
    let text = &got[at + 2..];
    let ended = text.iter().any(|&b| b == 0x07 || b == 0x1b);
    (!ended).then(|| String::from_utf8_lossy(text).into_owned())
}

impl Drop for Asked {
    fn drop(&mut self) {
        if !self.read {
            let _ = self.read_answer();
        }
        let _ = tcsetattr(&self.tty, OptionalActions::Now, &self.saved);
    }
}

/// What has been read of the terminal's answer so far.
#[derive(Debug, PartialEq, Eq)]
enum Reply {
    /// The DA1 answer has not come yet.
    Partial,
    /// Both answers in, or DA1 alone: the colour, if the terminal gave one that reads.
    Complete(Option<[u16; 3]>),
}

/// Reads `got`: an OSC 11 answer (`ESC ] 11 ; rgb:R/G/B`, ended by BEL or ST) and, after it,
/// a DA1 answer (`ESC [ ? ... c`). Anything else before them (keys pressed meanwhile) is
/// passed over.
fn read_reply(got: &[u8]) -> Reply {
    let Some(da1) = memmem::find(got, b"\x1b[?") else {
        return Reply::Partial;
    };
    let rest = &got[da1 + 3..];
    if !rest.contains(&b'c') {
        return Reply::Partial;
    }
    let before = &got[..da1];
    let colour = memmem::find(before, b"\x1b]11;").and_then(|at| {
        let spec = &before[at + 5..];
        let end = spec
            .iter()
            .position(|&b| b == 0x07 || b == 0x1b)
            .unwrap_or(spec.len());
        parse_rgb(&spec[..end])
    });
    Reply::Complete(colour)
}

/// `rgb:R/G/B` (XParseColor), each of 1 to 4 hex digits, scaled to 16 bits.
pub fn parse_rgb(spec: &[u8]) -> Option<[u16; 3]> {
    let spec = std::str::from_utf8(spec).ok()?;
    let mut parts = spec.strip_prefix("rgb:")?.split('/');
    let mut colour = [0u16; 3];
    for c in &mut colour {
        let hex = parts.next()?;
        if hex.is_empty() || hex.len() > 4 {
            return None;
        }
        let value = u32::from_str_radix(hex, 16).ok()?;
        let max = (1u32 << (4 * hex.len())) - 1;
        *c = u16::try_from(value * 0xffff / max).ok()?;
    }
    parts.next().is_none().then_some(colour)
}

/// Whether a colour is dark: its lightness (CIE L*) below the middle, 50, which is a relative
/// luminance of 0.184 (sRGB).
pub fn is_dark(colour: [u16; 3]) -> bool {
    let [r, g, b] = colour.map(|c| (c >> 8) as u8);
    crate::palette::luminance((r, g, b)) < 0.184
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_read_whole_in_any_pieces() {
        let xterm = b"\x1b]11;rgb:ffff/ffff/dddd\x1b\\\x1b[?64;1;2;6;9;15;18;21;22c";
        for cut in 0..xterm.len() {
            assert_eq!(read_reply(&xterm[..cut]), Reply::Partial, "{cut}");
        }
        assert_eq!(
            read_reply(xterm),
            Reply::Complete(Some([0xffff, 0xffff, 0xdddd]))
        );
        // BEL-ended, two digits a colour (rxvt-unicode).
        let bel = b"\x1b]11;rgb:00/2b/36\x07\x1b[?1;2c";
        assert_eq!(read_reply(bel), Reply::Complete(Some([0, 0x2b2b, 0x3636])));
    }

    #[test]
    fn an_answer_cut_by_the_deadline_is_handed_on_from_where_it_stopped() {
        assert_eq!(begun(b""), None);
        assert_eq!(begun(b"jk"), None);
        assert_eq!(begun(b"\x1b]11;rgb:00").as_deref(), Some("11;rgb:00"));
        // Keys typed before it are not part of it.
        assert_eq!(begun(b"q\x1b]").as_deref(), Some(""));
        // An answer that ended is not begun.
        assert_eq!(begun(b"\x1b]11;rgb:0/0/0\x07"), None);
        assert_eq!(begun(b"\x1b]11;rgb:0/0/0\x1b\\"), None);
    }

    #[test]
    fn a_terminal_that_does_not_know_the_question_answers_da1_alone() {
        assert_eq!(read_reply(b"\x1b[?1;2c"), Reply::Complete(None));
        // Keys pressed meanwhile come before it.
        assert_eq!(read_reply(b"jk\x1b[?62c"), Reply::Complete(None));
    }

    #[test]
    fn colours_that_do_not_read_are_no_answer() {
        for spec in [
            &b"rgb:ffff/ffff"[..],
            b"rgb:fffff/0/0",
            b"rgb:zz/00/00",
            b"rgb:/0/0",
            b"rgb:1/2/3/4",
            b"#ffffff",
            b"\xff\xfe",
            b"",
        ] {
            assert_eq!(parse_rgb(spec), None, "{spec:?}");
        }
        assert_eq!(parse_rgb(b"rgb:f/8/0"), Some([0xffff, 0x8888, 0]));
    }

    proptest::proptest! {
        /// Whatever a terminal (or something pretending to be one) sends back, reading it
        /// ends in an answer or a wait for more, never a panic.
        #[test]
        fn any_bytes_read_without_a_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            let mut answer = b"\x1b]11;rgb:".to_vec();
            answer.extend_from_slice(&bytes);
            answer.extend_from_slice(b"\x1b[?1c");
            let _ = read_reply(&bytes);
            proptest::prop_assert!(matches!(read_reply(&answer), Reply::Complete(_)));
        }
    }

    #[test]
    fn light_and_dark_backgrounds() {
        assert!(is_dark([0, 0, 0]));
        assert!(is_dark([0, 0x2b2b, 0x3636])); // Solarized dark
        assert!(is_dark([0x3030, 0x3030, 0x3030]));
        assert!(!is_dark([0xffff, 0xffff, 0xffff]));
        assert!(!is_dark([0xfdfd, 0xf6f6, 0xe3e3])); // Solarized light
        assert!(!is_dark([0xc0c0, 0xc0c0, 0xc0c0]));
    }
}
