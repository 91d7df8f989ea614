//! The command line, declared with clap: options for the reader, kiosk and authors, and the
//! `check` and `print` subcommands (plus hidden ones for the man page and completions). Only
//! declarations and the small rules that combine them live here.

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum, ValueHint};

use crate::detect::Background;
use crate::theme::ThemeName;

/// The longest idle timeout: a day. Longer is the same as never, and far longer would
/// overflow the clock's arithmetic.
pub const MAX_IDLE_SECONDS: u64 = 86_400;

#[derive(Debug, Parser)]
#[command(
    name = "achilles-handbook",
    version,
    about = "A patient handbook about Achilles tendon injuries, for the terminal",
    long_about = "A patient handbook about Achilles tendon injuries, for the terminal.\n\n\
        Read it with the keyboard (press ? for the keys), search all chapters with /, or print \
        it as plain text. When the output is not a terminal, the handbook is printed as plain \
        text instead of starting the interface.\n\n\
        Each option a deployment sets can also come from the environment variable shown with \
        it (on/off settings take 1 or 0); the command line wins over the environment."
)]
pub struct Cli {
    /// Load the handbook from this folder instead of the built-in one.
    #[arg(
        long,
        value_name = "DIR",
        value_hint = ValueHint::DirPath,
        global = true,
        env = "ACHILLES_HANDBOOK_HANDBOOK"
    )]
    pub handbook: Option<PathBuf>,

    /// Language of the handbook, as a tag such as es, es-MX or es_MX.UTF-8 (en and es are
    /// built in). Default: from LC_ALL, LC_MESSAGES or LANG, else the first edition.
    #[arg(
        long,
        value_name = "LANG",
        value_hint = ValueHint::Other,
        global = true,
        env = "ACHILLES_HANDBOOK_LANG"
    )]
    pub lang: Option<String>,

    /// Kiosk mode: no key quits, idle sessions start over, for public terminals.
    #[arg(long, env = "ACHILLES_HANDBOOK_KIOSK", value_parser = switch)]
    pub kiosk: bool,

    /// Start over after this many seconds without input (0: never; at most 86400, a day).
    /// Default: 120 in kiosk mode, never otherwise.
    #[arg(
        long,
        value_name = "SECONDS",
        value_hint = ValueHint::Other,
        env = "ACHILLES_HANDBOOK_IDLE_TIMEOUT",
        value_parser = clap::value_parser!(u64).range(0..=MAX_IDLE_SECONDS)
    )]
    pub idle_timeout: Option<u64>,

    /// Colours: default (the terminal's own), high-contrast, or mono (no colour).
    #[arg(long, value_enum, default_value_t = ThemeName::Default, env = "ACHILLES_HANDBOOK_THEME")]
    pub theme: ThemeName,

    /// When to use colour. auto: unless NO_COLOR is set (CLICOLOR_FORCE overrides it).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, env = "ACHILLES_HANDBOOK_COLOR")]
    pub color: ColorChoice,

    /// The terminal's background, for colours that read on it. Default: asked of the
    /// terminal, else from COLORFGBG, else dark.
    #[arg(
        long,
        value_enum,
        value_name = "SHADE",
        env = "ACHILLES_HANDBOOK_BACKGROUND"
    )]
    pub background: Option<Background>,

    /// Draw only characters the Linux console's fonts have: ASCII borders and marks (by itself when TERM is linux or a VT).
    #[arg(long, global = true, env = "ACHILLES_HANDBOOK_ASCII", value_parser = switch)]
    pub ascii: bool,

    /// Keep the cursor on the focused item for screen readers and braille displays.
    #[arg(long, env = "ACHILLES_HANDBOOK_SCREEN_READER", value_parser = switch)]
    pub screen_reader: bool,

    /// For authors: reload the handbook folder (--handbook) when one of its own files changes:
    /// an edition's handbook.toml or interface.toml, or a chapter file its manifest names.
    #[arg(long, requires = "handbook", conflicts_with = "kiosk")]
    pub watch: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a handbook folder: report every problem as file:line:column, with reading grades.
    Check {
        /// The folder to check (default: the built-in handbook).
        #[arg(value_hint = ValueHint::DirPath)]
        dir: Option<PathBuf>,
    },
    /// Print the handbook, or one chapter, as plain text.
    Print {
        /// A chapter, by its id, tab or title, in any case and either language, such as
        /// rupture, Rupture or ruptura. Default: the whole handbook.
        chapter: Option<String>,
        /// Wrap at this many columns, at least 20 (default: the terminal's width, else 80).
        #[arg(long, value_name = "N")]
        width: Option<u16>,
    },
    /// Search all chapters and print the ranked results as plain text: each result's
    /// chapter and section, then a snippet. Exits 0 when something matched, 1 when nothing
    /// did (like grep).
    Search {
        /// The words to look for, as you would type them in the search prompt.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Cut snippets to this many columns (default: the terminal's width, else 80).
        #[arg(long, value_name = "N")]
        width: Option<u16>,
    },
    /// Write the man page to standard output.
    #[command(hide = true)]
    Man,
    /// Write shell completions to standard output.
    #[command(hide = true)]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

impl Cli {
    /// The idle timeout in force, if any.
    pub fn idle_timeout(&self) -> Option<std::time::Duration> {
        let seconds = self
            .idle_timeout
            .unwrap_or(if self.kiosk { 120 } else { 0 });
        (seconds > 0).then(|| std::time::Duration::from_secs(seconds))
    }

    /// Whether to use colour, given the environment (NO_COLOR, CLICOLOR_FORCE).
    pub fn colour(&self, env: impl Fn(&str) -> Option<String>) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => crate::detect::colour_wanted(env),
        }
    }
}

/// An on/off setting from the environment, as IT writes it in an environment file: 1, yes, true
/// or on; 0, no, false, off or empty (as if unset). Anything else is refused, not guessed.
fn switch(value: &str) -> Result<bool, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "yes" | "y" | "true" | "on" => Ok(true),
        "" | "0" | "no" | "n" | "false" | "off" => Ok(false),
        _ => Err("use 1 or 0 (yes/no, true/false and on/off also work)".to_owned()),
    }
}

/// Help is wrapped to the terminal's width, but no wider than this: long lines are hard to read.
pub const MAX_HELP_WIDTH: u16 = 100;
/// The help's width when standard output is not a terminal (a pipe, a file, a man page).
pub const DEFAULT_HELP_WIDTH: u16 = 80;

/// The width to wrap `--help` to, given the terminal's width if standard output is one.
pub fn help_width(terminal: Option<u16>) -> usize {
    usize::from(
        terminal
            .filter(|w| *w > 0)
            .map_or(DEFAULT_HELP_WIDTH, |w| w.min(MAX_HELP_WIDTH)),
    )
}

/// The command line when there is nothing to parse: no argument after the program's name and
/// no `ACHILLES_HANDBOOK_*` variable set, so every option is at its default. The commonest
/// start, a reader typing the program's name, then needs nothing of clap, whose parser was 6%
/// of the instructions to the first screen and touched 17 pages of its own.
pub fn unconfigured(
    args: &[std::ffi::OsString],
    mut vars: impl Iterator<Item = std::ffi::OsString>,
) -> Option<Cli> {
    let configured = args.len() > 1
        || vars.any(|name| name.as_encoded_bytes().starts_with(b"ACHILLES_HANDBOOK_"));
    (!configured).then_some(Cli {
        handbook: None,
        lang: None,
        kiosk: false,
        idle_timeout: None,
        theme: ThemeName::Default,
        color: ColorChoice::Auto,
        background: None,
        ascii: false,
        screen_reader: false,
        watch: false,
        command: None,
    })
}

/// Parses `args` (the program name first), with help and errors wrapped to `width` columns.
/// Options not given on the command line are taken from their environment variables.
pub fn parse_from<I, T>(args: I, width: usize) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    let command = || Cli::command().term_width(width);
    let mut matches = match command().try_get_matches_from(&args) {
        // The exit-status table is wrapped only for the help that shows it: made at every
        // start, it cost 6% of the instructions to the first screen.
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => command()
            .after_long_help(crate::status::plain_table(width))
            .try_get_matches_from(&args)?,
        parsed => parsed?,
    };
    Cli::from_arg_matches_mut(&mut matches)
}

/// The language asked for: `--lang`, else the locale variables in POSIX order of precedence.
/// A tag as written (`es`, `ES`, `es-MX`, `es_MX.UTF-8`); the handbook decides which edition
/// it means. "C" and "POSIX" name no language.
pub fn language(flag: Option<&str>, env: impl Fn(&str) -> Option<String>) -> Option<String> {
    if let Some(l) = flag {
        return Some(l.to_owned());
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| env(v))
        .find(|v| !v.is_empty())
        .filter(|v| !matches!(crate::i18n::normalise_tag(v).as_str(), "c" | "posix"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn nothing_to_parse_is_what_clap_makes_of_nothing() {
        let args = vec![std::ffi::OsString::from("achilles-handbook")];
        let none = || std::iter::empty::<std::ffi::OsString>();
        let fast = unconfigured(&args, none()).expect("no arguments, no variables");
        if std::env::vars_os().any(|(k, _)| k.as_encoded_bytes().starts_with(b"ACHILLES_HANDBOOK_"))
        {
            eprintln!("skipped the comparison with clap: an ACHILLES_HANDBOOK_ variable is set");
        } else {
            let parsed = parse_from(&args, 80).expect("parses");
            assert_eq!(format!("{fast:?}"), format!("{parsed:?}"));
        }
        let flag = vec![args[0].clone(), "--kiosk".into()];
        assert!(unconfigured(&flag, none()).is_none());
        let kiosk = std::iter::once(std::ffi::OsString::from("ACHILLES_HANDBOOK_KIOSK"));
        assert!(unconfigured(&args, kiosk).is_none());
        let other = std::iter::once(std::ffi::OsString::from("TERM"));
        assert!(unconfigured(&args, other).is_some());
    }

    #[test]
    fn language_comes_from_flag_then_locale() {
        let env = |v: &str| (v == "LANG").then(|| "es_ES.UTF-8".to_owned());
        assert_eq!(language(None, env).as_deref(), Some("es_ES.UTF-8"));
        assert_eq!(language(Some("en"), env).as_deref(), Some("en"));
        let lc_all = |v: &str| match v {
            "LC_ALL" => Some("en_US.UTF-8".to_owned()),
            "LANG" => Some("es_MX".to_owned()),
            _ => None,
        };
        assert_eq!(language(None, lc_all).as_deref(), Some("en_US.UTF-8"));
        assert_eq!(language(None, |_| Some("C".to_owned())), None);
        assert_eq!(language(None, |_| Some("C.UTF-8".to_owned())), None);
    }

    #[test]
    fn switches_read_as_people_write_them() {
        for on in ["1", "yes", "TRUE", "On", " y "] {
            assert_eq!(switch(on), Ok(true), "{on:?}");
        }
        for off in ["", "0", "no", "False", "OFF", "n"] {
            assert_eq!(switch(off), Ok(false), "{off:?}");
        }
        assert!(switch("maybe").unwrap_err().contains("use 1 or 0"));
        assert!(Cli::parse_from(["x", "--kiosk", "--ascii"]).kiosk);
    }

    #[test]
    fn help_fits_the_terminal_up_to_a_readable_width() {
        assert_eq!(help_width(None), 80);
        assert_eq!(help_width(Some(0)), 80);
        assert_eq!(help_width(Some(60)), 60);
        assert_eq!(help_width(Some(300)), 100);
    }

    #[test]
    fn idle_timeout_out_of_range_is_a_usage_error_that_says_the_range() {
        for bad in ["18446744073709551615", "86401", "soon"] {
            let e = Cli::try_parse_from(["x", "--idle-timeout", bad]).unwrap_err();
            let text = e.render().to_string();
            assert!(text.contains("--idle-timeout"), "{bad}: {text}");
            assert_eq!(e.exit_code(), 2, "{bad}");
        }
        let e = Cli::try_parse_from(["x", "--idle-timeout", "18446744073709551615"]).unwrap_err();
        assert!(e.render().to_string().contains("0..=86400"), "{e}");
        let day = Cli::parse_from(["x", "--idle-timeout", "86400"]);
        assert_eq!(
            day.idle_timeout(),
            Some(std::time::Duration::from_secs(86_400))
        );
    }

    #[test]
    fn idle_timeout_defaults_by_mode() {
        let kiosk = Cli::parse_from(["x", "--kiosk"]);
        assert_eq!(
            kiosk.idle_timeout(),
            Some(std::time::Duration::from_secs(120))
        );
        let off = Cli::parse_from(["x", "--kiosk", "--idle-timeout", "0"]);
        assert_eq!(off.idle_timeout(), None);
        assert_eq!(Cli::parse_from(["x"]).idle_timeout(), None);
    }

    #[test]
    fn no_color_is_honoured_unless_overridden() {
        let no_color = |v: &str| (v == "NO_COLOR").then(|| "1".to_owned());
        let auto = Cli::parse_from(["x"]);
        assert!(!auto.colour(no_color));
        assert!(auto.colour(|_| Some(String::new())));
        assert!(auto.colour(|_| None));
        assert!(Cli::parse_from(["x", "--color", "always"]).colour(no_color));
    }
}
