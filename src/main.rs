//! The program's entry: parses the command line, loads and validates the handbook before the
//! terminal is touched, then runs `check`, `print`, the plain-text output or the interface.
//! Any error here is printed for people and ends with a status, never a panic.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use achilles_handbook::app::{App, Look, Options};
use achilles_handbook::cli::{self, Cli, Command};
use achilles_handbook::content::{self, Date, Library};
use achilles_handbook::detect::{self, Caps};
use achilles_handbook::status::Status;
use achilles_handbook::theme::{Glyphs, Theme};
use achilles_handbook::{check, completions, manpage, plain, terminal, watch};

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let names = std::env::vars_os().map(|(name, _)| name);
    let cli = match cli::unconfigured(&args, names) {
        Some(cli) => cli,
        None => {
            let width = cli::help_width(
                io::stdout()
                    .is_terminal()
                    .then(terminal::size)
                    .and_then(Result::ok)
                    .map(|(w, _)| w),
            );
            match cli::parse_from(args, width) {
                Ok(cli) => cli,
                Err(e) => return usage(&e),
            }
        }
    };
    let result =
        run(cli).and_then(|status| io::stdout().flush().map_err(write_error).map(|()| status));
    status(result).into()
}

/// The exit status for what `run` returned: a write error is reported and ends with 1, except
/// a closed pipe (`| head`), which is the reader having seen enough, not an error.
fn status(result: io::Result<Status>) -> Status {
    match result {
        Ok(status) => status,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Status::Success,
        Err(e) => {
            let _ = writeln!(
                io::stderr(),
                "achilles-handbook: {}",
                content::clean::clean_line(&e.to_string())
            );
            Status::Failure
        }
    }
}

/// Names a failed write to standard output as such, keeping its kind (a closed pipe stays one).
fn write_error(e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("cannot write the output: {e}"))
}

/// Prints clap's help, version or usage error. Its text can quote the arguments, which anyone
/// can make hostile, so it is cleaned like every other outside text and never styled. Help
/// that cannot be written is an error like any other output's.
fn usage(e: &clap::Error) -> ExitCode {
    let text = content::clean::clean(&e.render().to_string());
    // clap's own statuses: 0 for --help and --version, 2 for a usage mistake.
    let asked = if e.exit_code() == 0 {
        Status::Success
    } else {
        Status::Invalid
    };
    if e.use_stderr() {
        let _ = write!(io::stderr(), "{text}");
        return asked.into();
    }
    let mut out = io::stdout().lock();
    let written = out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(write_error);
    status(written.map(|()| asked)).into()
}

/// Today's date from the system clock, in UTC, for review-date notes.
fn today() -> Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    civil_from_days(days as i64)
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Date { year, month, day }
}

fn load(dir: Option<&std::path::Path>) -> Result<Library, Status> {
    let loaded = content::load(dir);
    let mut err = io::stderr().lock();
    for d in &loaded.diagnostics {
        let _ = writeln!(err, "{d}");
    }
    let n = loaded.errors().count();
    loaded.library.ok_or_else(|| {
        let _ = writeln!(err, "achilles-handbook: the handbook has {n} error(s); fix them and try again (`achilles-handbook check DIR` lists them).");
        Status::Invalid
    })
}

fn run(cli: Cli) -> io::Result<Status> {
    let mut stdout = io::stdout().lock();
    match &cli.command {
        // Both are made whole in memory first: clap_complete panics on a write error, and a
        // half-written page is worse than none.
        Some(Command::Man) => {
            // The digit keys the page lists follow the built-in handbook's chapters.
            let chapters = content::load(None)
                .library
                .and_then(|l| l.editions.first().map(|e| e.chapters.len()))
                .unwrap_or(9);
            let page = manpage::render(achilles_handbook::i18n::Text::english(), chapters)?;
            stdout.write_all(&page).map_err(write_error)?;
            return Ok(Status::Success);
        }
        Some(Command::Completions { shell }) => {
            let script = completions::script(*shell);
            stdout.write_all(&script).map_err(write_error)?;
            return Ok(Status::Success);
        }
        Some(Command::Check { dir }) => {
            let dir = dir.as_deref().or(cli.handbook.as_deref());
            let loaded = content::load(dir);
            return check::report(
                &mut stdout,
                &loaded.diagnostics,
                loaded.library.as_ref(),
                today(),
            )
            .map_err(write_error);
        }
        _ => {}
    }
    // `--watch` takes the files' state before they are read, so a save made while they load
    // is still noticed.
    let watcher = if cli.watch {
        cli.handbook.clone().map(watch::Watcher::new)
    } else {
        None
    };
    let env = |v: &str| std::env::var(v).ok();
    let on_terminal = stdout.is_terminal();
    let dumb = env("TERM").is_some_and(|t| t == "dumb");
    let interactive = on_terminal
        && !dumb
        && !matches!(
            cli.command,
            Some(Command::Print { .. } | Command::Search { .. })
        );
    // The colours depend on the terminal's background. With the built-in handbook, checked
    // when the program was built, the terminal is asked first, and its answer comes back while
    // the handbook is decoded (a fifth of the time from the start to the first frame, which was
    // spent waiting). A handbook folder is loaded and validated before the terminal is touched.
    let early = (interactive && cli.handbook.is_none()).then(|| {
        // A signal that comes while the terminal reads without echo for the answer puts back
        // the settings from before the question: it waits until the handlers are set, just
        // after the question is out.
        let held = terminal::hold_signals();
        let asking = detect::ask_background(cli.background, env);
        let armed = terminal::arm(cli.kiosk);
        drop(held);
        armed.map(|()| asking)
    });
    let early = early.transpose()?;
    // Loaded and validated before the terminal is touched: a bad file never leaves it raw.
    let library = match load(cli.handbook.as_deref()) {
        Ok(l) => l,
        Err(status) => return Ok(status),
    };
    let asked = cli::language(cli.lang.as_deref(), |v| std::env::var(v).ok());
    let edition = match asked.as_deref().map(|tag| (tag, library.edition_for(tag))) {
        Some((_, Some(edition))) => edition,
        // Asked for by name, a missing language is a mistake to say; from the locale, it is
        // only a preference.
        Some((tag, None)) if cli.lang.is_some() => {
            let _ = writeln!(
                io::stderr(),
                "achilles-handbook: the handbook has no edition in \"{}\"; its languages are {}",
                content::clean::clean_line(tag),
                library.languages()
            );
            return Ok(Status::Invalid);
        }
        _ => 0,
    };
    let language = Some(library.editions[edition].language.clone());
    let handbook = &library.editions[edition];
    // Asked only of a real terminal; a pipe or file has no width of its own.
    let terminal_width = || {
        on_terminal
            .then(terminal::size)
            .and_then(Result::ok)
            .map(|(w, _)| w)
            .filter(|w| *w > 0)
    };
    if let Some(Command::Print { chapter, width }) = &cli.command {
        let width = usize::from(width.or_else(terminal_width).unwrap_or(80).max(20));
        let mut out = io::BufWriter::new(stdout);
        match chapter {
            None => plain::handbook(&mut out, handbook, width, today()).map_err(write_error)?,
            Some(name) => match library.chapter_named(name, edition) {
                Some((e, c)) => {
                    let book = &library.editions[e];
                    plain::chapter(&mut out, book, &book.chapters[c], width, today())
                        .map_err(write_error)?
                }
                None => {
                    let names: Vec<String> = handbook
                        .chapters
                        .iter()
                        .map(|c| format!("{} ({})", c.id, c.tab))
                        .collect();
                    let _ = writeln!(
                        io::stderr(),
                        "achilles-handbook: no chapter \"{}\"; name one by its id, tab or title, in any language: {}",
                        content::clean::clean_line(name),
                        names.join(", ")
                    );
                    return Ok(Status::Invalid);
                }
            },
        }
        out.flush().map_err(write_error)?;
        return Ok(Status::Success);
    }
    if let Some(Command::Search { query, width }) = &cli.command {
        let width = usize::from(width.or_else(terminal_width).unwrap_or(80).max(20));
        let index = achilles_handbook::search::Index::build(handbook);
        let results = index.search(handbook, &query.join(" "));
        let text = &handbook.text;
        let mut out = io::BufWriter::new(stdout);
        let found = achilles_handbook::search::print::write(
            &mut out,
            &mut io::stderr().lock(),
            handbook,
            &index,
            &results,
            text,
            width,
        )
        .map_err(write_error)?;
        out.flush().map_err(write_error)?;
        return Ok(if found {
            Status::Success
        } else {
            Status::NotFound
        });
    }
    if !interactive {
        let width = terminal_width().map_or(80, usize::from);
        let mut out = io::BufWriter::new(stdout);
        plain::handbook(&mut out, handbook, width, today()).map_err(write_error)?;
        out.flush().map_err(write_error)?;
        return Ok(Status::Success);
    }
    drop(stdout);
    let caps = |background| Caps {
        background,
        depth: detect::depth(env),
        colour: cli.colour(env),
        console: detect::is_console(env("TERM").as_deref()),
    };
    // The background the terminal was asked for is taken as the flag or the hint says (else
    // dark) while the first chapter is laid out; its answer is read just before the first frame.
    let background = match &early {
        Some(asking) => asking.guess(env),
        None => detect::background(cli.background, env),
    };
    let options = Options {
        kiosk: cli.kiosk,
        idle_timeout: cli.idle_timeout(),
        today: today(),
        language,
        background_index: true,
        look: Look {
            theme: Theme::new(cli.theme, &caps(background)),
            // The console's fonts, and a VT's, have few characters beyond ASCII: no flag needed.
            glyphs: Glyphs::new(
                cli.ascii || achilles_handbook::console::limited_font(env("TERM").as_deref()),
            ),
            screen_reader: cli.screen_reader,
        },
    };
    let app = App::new(Arc::new(library), options, std::time::Duration::ZERO);
    let shades = terminal::Shades {
        guessed: background,
        answer: || match early {
            Some(asking) => asking.answer(env),
            None => (background, None),
        },
        theme_for: |shade| Theme::new(cli.theme, &caps(shade)),
    };
    terminal::run(app, watcher, shades)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(
            civil_from_days(0),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            civil_from_days(20_780),
            Date {
                year: 2026,
                month: 11,
                day: 23
            }
        );
        assert_eq!(
            civil_from_days(11_016),
            Date {
                year: 2000,
                month: 2,
                day: 29
            }
        );
    }
}
