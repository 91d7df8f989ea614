//! What the terminal can show, learned once at start-up before the first frame: whether its
//! background is light or dark (`--background`, else an OSC 11 query with a short timeout, else
//! `COLORFGBG`), how many colours it has (`COLORTERM`, `TERM`), whether to use colour at all
//! (`--color`, `NO_COLOR`, `CLICOLOR_FORCE`) and whether it is the Linux console. Decides
//! nothing about how things look; `theme` does that from what is found here.

use std::time::Duration;

mod query;

/// The longest a terminal that does not answer the background query can delay the first frame.
pub const QUERY_TIMEOUT: Duration = Duration::from_millis(100);

/// The terminal's background, for palettes that stay readable on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Background {
    Light,
    Dark,
}

/// How many colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// The Linux console: 16 foreground and only 8 background colours, bold brightens.
    Console,
    /// The 16 named colours.
    Ansi16,
    /// xterm's 256-colour palette.
    Ansi256,
    /// 24-bit colour.
    TrueColor,
}

/// Everything the look depends on that comes from the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    pub background: Background,
    pub depth: Depth,
    /// Whether to use colour at all.
    pub colour: bool,
    /// The Linux console (`TERM=linux`): its fonts have few glyphs beyond ASCII.
    pub console: bool,
}

impl Caps {
    /// What tests and `print` assume: a dark, 16-colour terminal with colour on.
    pub const fn plain() -> Caps {
        Caps {
            background: Background::Dark,
            depth: Depth::Ansi16,
            colour: true,
            console: false,
        }
    }
}

/// Whether `TERM` names the Linux console.
pub fn is_console(term: Option<&str>) -> bool {
    term.is_some_and(|t| t == "linux" || t.starts_with("linux-"))
}

/// The colour depth from the environment. GNU screen (`TERM=screen*` outside tmux) passes on
/// neither 24-bit colour nor, without `256color` in its `TERM`, the 256-colour palette, whatever
/// `COLORTERM` the outer terminal left behind.
pub fn depth(env: impl Fn(&str) -> Option<String>) -> Depth {
    let term = env("TERM").unwrap_or_default();
    if is_console(Some(&term)) {
        return Depth::Console;
    }
    let screen = term.starts_with("screen") && env("TMUX").is_none();
    let colorterm = env("COLORTERM").unwrap_or_default();
    if !screen && (colorterm == "truecolor" || colorterm == "24bit" || term.ends_with("-direct")) {
        Depth::TrueColor
    } else if term.contains("256color") {
        Depth::Ansi256
    } else {
        Depth::Ansi16
    }
}

/// Whether to use colour with `--color auto`: not when `NO_COLOR` is set (and not empty),
/// unless `CLICOLOR_FORCE` (not empty, not `0`) asks for it anyway.
pub fn colour_wanted(env: impl Fn(&str) -> Option<String>) -> bool {
    let set = |v: &str| env(v).is_some_and(|s| !s.is_empty());
    let forced = set("CLICOLOR_FORCE") && env("CLICOLOR_FORCE").as_deref() != Some("0");
    forced || !set("NO_COLOR")
}

/// `COLORFGBG` ("15;0", "default;0", "0;default;15"): the last field is the background's colour
/// number; 0-6 and 8 are dark, 7 and 9-15 light.
pub fn background_hint(colorfgbg: &str) -> Option<Background> {
    let bg: u8 = colorfgbg.rsplit(';').next()?.trim().parse().ok()?;
    match bg {
        0..=6 | 8 => Some(Background::Dark),
        7 | 9..=15 => Some(Background::Light),
        _ => None,
    }
}

/// The background: the flag, else the terminal's answer, else `COLORFGBG`, else dark (the
/// Linux console, GNU screen and most terminals that do not answer are dark).
pub fn background(flag: Option<Background>, env: impl Fn(&str) -> Option<String>) -> Background {
    ask_background(flag, &env).answer(env).0
}

/// The background being found out: the terminal asked, its answer read by `answer`. Until
/// then the terminal reads without echo (see `query`), so nothing should be printed before.
pub struct Asking {
    flag: Option<Background>,
    asked: Option<query::Asked>,
}

/// Starts finding out the background: asks the terminal, unless the flag settles it or the
/// terminal is the Linux console, which never answers and is dark unless told otherwise.
pub fn ask_background(flag: Option<Background>, env: impl Fn(&str) -> Option<String>) -> Asking {
    let term = env("TERM");
    let ask = flag.is_none() && !is_console(term.as_deref());
    Asking {
        flag,
        asked: ask
            .then(|| query::ask(term.as_deref(), QUERY_TIMEOUT))
            .flatten(),
    }
}

impl Asking {
    /// The background if the terminal gives no answer: the flag, else `COLORFGBG`, else dark.
    pub fn guess(&self, env: impl Fn(&str) -> Option<String>) -> Background {
        self.flag
            .or_else(|| env("COLORFGBG").as_deref().and_then(background_hint))
            .unwrap_or(Background::Dark)
    }

    /// The flag, else the terminal's answer (waited for, up to [`QUERY_TIMEOUT`] after the
    /// question), else `COLORFGBG`, else dark; and, when the answer had not come by then,
    /// what the key reader needs to take it for an answer when it comes.
    pub fn answer(mut self, env: impl Fn(&str) -> Option<String>) -> (Background, Option<Late>) {
        if let Some(flag) = self.flag {
            return (flag, None);
        }
        match self.asked.take().map(query::Asked::answer) {
            Some(query::Answer::Colour(c)) => (shade(c), None),
            Some(query::Answer::Late { begun }) => (self.guess(env), Some(Late { begun })),
            Some(query::Answer::Unknown) | None => (self.guess(env), None),
        }
    }
}

/// The background question's answer had not come by the deadline, and may still.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Late {
    /// The text after `ESC ]` of an answer that had begun, if one had.
    pub begun: Option<String>,
}

/// The background an OSC 11 answer's text gives (`11;rgb:R/G/B`, without `ESC ]` and its
/// end), if it reads.
pub fn answered(text: &str) -> Option<Background> {
    let spec = text.strip_prefix("11;")?;
    query::parse_rgb(spec.as_bytes()).map(shade)
}

fn shade(colour: [u16; 3]) -> Background {
    if query::is_dark(colour) {
        Background::Dark
    } else {
        Background::Light
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn depth_comes_from_colorterm_and_term() {
        assert_eq!(depth(env(&[("TERM", "linux")])), Depth::Console);
        assert_eq!(depth(env(&[("TERM", "xterm")])), Depth::Ansi16);
        assert_eq!(depth(env(&[("TERM", "xterm-256color")])), Depth::Ansi256);
        assert_eq!(depth(env(&[("TERM", "xterm-direct")])), Depth::TrueColor);
        let truecolor = [("TERM", "xterm-256color"), ("COLORTERM", "truecolor")];
        assert_eq!(depth(env(&truecolor)), Depth::TrueColor);
        // GNU screen 4 drops 24-bit colour, whatever the outer terminal said.
        let screen = [("TERM", "screen"), ("COLORTERM", "truecolor")];
        assert_eq!(depth(env(&screen)), Depth::Ansi16);
        let screen256 = [("TERM", "screen.xterm-256color"), ("COLORTERM", "24bit")];
        assert_eq!(depth(env(&screen256)), Depth::Ansi256);
        let tmux = [
            ("TERM", "screen-256color"),
            ("COLORTERM", "truecolor"),
            ("TMUX", "x"),
        ];
        assert_eq!(depth(env(&tmux)), Depth::TrueColor);
        assert_eq!(depth(env(&[])), Depth::Ansi16);
    }

    #[test]
    fn no_color_and_clicolor_force() {
        assert!(colour_wanted(env(&[])));
        assert!(colour_wanted(env(&[("NO_COLOR", "")])));
        assert!(!colour_wanted(env(&[("NO_COLOR", "1")])));
        assert!(colour_wanted(env(&[
            ("NO_COLOR", "1"),
            ("CLICOLOR_FORCE", "1")
        ])));
        assert!(!colour_wanted(env(&[
            ("NO_COLOR", "1"),
            ("CLICOLOR_FORCE", "0")
        ])));
    }

    #[test]
    fn an_answer_read_late_gives_its_background() {
        assert_eq!(answered("11;rgb:ffff/ffff/ffff"), Some(Background::Light));
        assert_eq!(answered("11;rgb:00/2b/36"), Some(Background::Dark));
        // Another question's answer, or a colour that does not read.
        assert_eq!(answered("10;rgb:ffff/ffff/ffff"), None);
        assert_eq!(answered("11;#ffffff"), None);
        assert_eq!(answered(""), None);
    }

    #[test]
    fn colorfgbg_is_a_hint() {
        assert_eq!(background_hint("15;0"), Some(Background::Dark));
        assert_eq!(background_hint("0;15"), Some(Background::Light));
        assert_eq!(background_hint("0;default;15"), Some(Background::Light));
        assert_eq!(background_hint("default;default"), None);
        assert_eq!(background_hint(""), None);
    }

    #[test]
    fn the_flag_wins_and_the_console_is_dark() {
        let light_hint = [("TERM", "linux"), ("COLORFGBG", "0;15")];
        assert_eq!(
            background(Some(Background::Dark), env(&light_hint)),
            Background::Dark
        );
        // The console is never queried; the hint still counts.
        assert_eq!(background(None, env(&light_hint)), Background::Light);
        assert_eq!(
            background(None, env(&[("TERM", "linux")])),
            Background::Dark
        );
    }
}
