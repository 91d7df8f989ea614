//! The man page, section 1: clap_mangen renders the title, NAME, SYNOPSIS, DESCRIPTION and
//! OPTIONS from the command line's own declarations; the sections it cannot know (COMMANDS
//! with their options, KEYS from the keymap, ENVIRONMENT, FILES, EXIT STATUS from the typed
//! statuses, EXAMPLES) are written here with `roff`, which escapes the text. The page names no
//! other page, so it never points at one that is not installed. Builds text only.

use clap::{Arg, CommandFactory};
use roff::{Inline, Roff, bold, italic, roman};

use crate::cli::Cli;
use crate::i18n::Text;
use crate::keymap::{self, Group};

/// Where the package installs what the FILES section names.
pub const FILES: &[(&str, &str)] = &[
    (
        "/etc/default/achilles-handbook-kiosk",
        "The kiosk service's settings: one ACHILLES_HANDBOOK_* variable a line (see \
         ENVIRONMENT), and the console font.",
    ),
    (
        "/usr/lib/systemd/system/achilles-handbook-kiosk@.service",
        "The kiosk service, one instance per virtual console: achilles-handbook-kiosk@tty1 runs \
         the handbook on tty1. Installed disabled.",
    ),
    (
        "/usr/share/achilles-handbook/kiosk/",
        "Lock-down settings for a kiosk, to copy into /etc: no SysRq key, no Ctrl-Alt-Del \
         reboot, no other consoles to switch to, and no power key. Each file says why.",
    ),
    (
        "/usr/share/doc/achilles-handbook/THIRD-PARTY-NOTICES",
        "The crates compiled into the program, and their licences.",
    ),
];

/// The man page, whole.
pub fn render(text: &Text, chapters: usize) -> std::io::Result<Vec<u8>> {
    let cmd = Cli::command();
    let version = cmd.get_version().unwrap_or_default().to_owned();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    // Written by hand: roff drops an empty argument, which would shift the source and manual
    // into the date's place. No date, so the page is the same whenever it is built.
    let title =
        format!(".TH ACHILLES-HANDBOOK 1 \"\" \"achilles-handbook {version}\" \"User Commands\"\n");
    page.extend_from_slice(title.as_bytes());
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;

    let mut roff = Roff::new();
    commands(&mut roff, &cmd);
    keys(&mut roff, text, chapters);
    environment(&mut roff, &cmd);
    files(&mut roff);
    exit_status(&mut roff);
    examples(&mut roff);
    // clap_mangen's part already carries roff's preamble; this part is plain requests.
    page.extend_from_slice(roff.to_roff().as_bytes());
    Ok(page)
}

fn section(roff: &mut Roff, name: &str) {
    roff.control("SH", [name]);
}

fn item(roff: &mut Roff, term: impl Into<Vec<Inline>>, body: &str) {
    roff.control("TP", []);
    roff.text(term);
    roff.text([roman(body)]);
}

/// An argument as the synopsis writes it: `--width N` or `[DIR]`.
fn arg_usage(arg: &Arg) -> Vec<Inline> {
    let value = arg
        .get_value_names()
        .and_then(|v| v.first())
        .map(|v| v.to_string())
        .unwrap_or_else(|| arg.get_id().to_string().to_uppercase());
    match arg.get_long() {
        Some(long) => vec![bold(format!("--{long}")), roman(" "), italic(value)],
        None => vec![roman("["), italic(value), roman("]")],
    }
}

fn commands(roff: &mut Roff, cmd: &clap::Command) {
    section(roff, "COMMANDS");
    roff.text([roman(
        "Without a command, the handbook opens in the terminal (or is printed as plain text \
         when standard output is not a terminal).",
    )]);
    roff.control("PP", []);
    roff.text([roman(crate::options_table::sentences().join(" "))]);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let args: Vec<&Arg> = sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set())
            .collect();
        let mut term = vec![bold(sub.get_name())];
        for arg in args.iter().filter(|a| a.is_positional()) {
            term.push(roman(" "));
            term.extend(arg_usage(arg));
        }
        for arg in args.iter().filter(|a| !a.is_positional()) {
            term.push(roman(" ["));
            term.extend(arg_usage(arg));
            term.push(roman("]"));
        }
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        item(roff, term, &about);
        if args.is_empty() {
            continue;
        }
        roff.control("RS", []);
        for arg in args {
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            item(roff, arg_usage(arg), &help);
        }
        roff.control("RE", []);
    }
}

fn group_name(text: &Text, group: Group) -> &str {
    match group {
        Group::Chapters => &text.group_chapters,
        Group::Reading => &text.group_reading,
        Group::Links => &text.group_links,
        Group::Search => &text.group_search,
        Group::Other => &text.group_other,
    }
}

/// The keys, from the same table as the in-app help, named in ASCII so that any terminal and
/// any man configuration shows them.
fn keys(roff: &mut Roff, text: &Text, chapters: usize) {
    section(roff, "KEYS");
    roff.text([roman(
        "The same keys are listed in the program's help (press ?). In kiosk mode q and Ctrl-C \
         start over for the next person instead of quitting. The mouse works too: click or tap \
         a tab, a link, a search result or an outline entry, and use the wheel to scroll.",
    )]);
    let mut last = None;
    for row in keymap::help_rows(text, false, true, chapters) {
        if last != Some(row.group) {
            roff.control("SS", [group_name(text, row.group)]);
            last = Some(row.group);
        }
        item(roff, [bold(row.keys)], &row.does);
    }
}

fn environment(roff: &mut Roff, cmd: &clap::Command) {
    section(roff, "ENVIRONMENT");
    roff.text([roman(
        "Each option a deployment sets can come from a variable, so that a kiosk's settings \
         live in a file (see FILES). The command line wins over the environment. On/off \
         settings take 1 or 0 (yes/no, true/false and on/off also work; empty is off).",
    )]);
    for arg in cmd.get_arguments() {
        let (Some(var), Some(long)) = (arg.get_env(), arg.get_long()) else {
            continue;
        };
        let value = match arg.get_value_names().and_then(|v| v.first()) {
            Some(v) if arg.get_action().takes_values() => format!(" {v}"),
            _ => String::new(),
        };
        item(
            roff,
            [bold(var.to_string_lossy().into_owned())],
            &format!("As --{long}{value}."),
        );
    }
    for (var, does) in [
        (
            "LC_ALL, LC_MESSAGES, LANG",
            "Choose the edition when neither --lang nor ACHILLES_HANDBOOK_LANG is set; the \
             first one set wins.",
        ),
        (
            "NO_COLOR",
            "When set and not empty, no colour is used unless --color always is given.",
        ),
        (
            "TERM",
            "dumb prints the plain text instead of starting the interface.",
        ),
    ] {
        item(roff, [bold(var)], does);
    }
}

fn files(roff: &mut Roff) {
    section(roff, "FILES");
    roff.text([roman(
        "The handbook itself is built into the program; it reads no file unless --handbook \
         names a folder. Such a folder holds one folder per edition (en/, es/), each with a \
         handbook.toml manifest and one .toml file per chapter, or is a single edition itself. \
         The Debian package also installs:",
    )]);
    for (path, what) in FILES {
        item(roff, [bold(*path)], what);
    }
}

fn exit_status(roff: &mut Roff) {
    section(roff, "EXIT STATUS");
    for (code, meaning) in crate::status::TABLE {
        item(roff, [bold(*code)], meaning);
    }
}

fn examples(roff: &mut Roff) {
    section(roff, "EXAMPLES");
    for (what, command) in [
        ("Read the handbook on a laptop:", "achilles-handbook"),
        (
            "Read the Spanish edition in black and white:",
            "achilles-handbook --lang es --theme mono",
        ),
        (
            "Save a chapter as plain text for a screen reader or a printer:",
            "achilles-handbook print rupture --width 72 > rupture.txt",
        ),
        (
            "Run a kiosk on a Linux console by hand (a service does this on a real kiosk):",
            "achilles-handbook --kiosk --ascii --idle-timeout 90",
        ),
        (
            "Run the packaged kiosk service on tty1:",
            "systemctl enable --now achilles-handbook-kiosk@tty1",
        ),
        (
            "Check a handbook folder after editing a chapter:",
            "achilles-handbook check ./handbook",
        ),
        (
            "See each saved change while editing:",
            "achilles-handbook --handbook ./handbook --watch",
        ),
    ] {
        roff.control("PP", []);
        roff.text([roman(what)]);
        roff.control("RS", []);
        roff.control("EX", []);
        roff.text([roman(command)]);
        roff.control("EE", []);
        roff.control("RE", []);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> String {
        String::from_utf8(render(Text::english(), 7).unwrap()).unwrap()
    }

    #[test]
    fn every_section_is_there_in_order() {
        let page = page();
        let mut at = 0;
        for name in [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "COMMANDS",
            "KEYS",
            "ENVIRONMENT",
            "FILES",
            "EXIT STATUS",
            "EXAMPLES",
        ] {
            let heading = if name.contains(' ') {
                format!(".SH \"{name}\"\n")
            } else {
                format!(".SH {name}\n")
            };
            let found = page[at..].find(&heading);
            assert!(found.is_some(), "no {heading:?} after byte {at}:\n{page}");
            at += found.unwrap_or(0);
        }
    }

    #[test]
    fn no_other_page_is_named() {
        let page = page();
        assert!(!page.contains("(1)"), "{page}");
        assert!(!page.contains("SUBCOMMANDS"), "{page}");
    }

    #[test]
    fn commands_say_which_options_they_take() {
        let page = page();
        assert!(page.contains("print takes"), "{page}");
        assert!(page.contains("Reading (no command) takes"), "{page}");
    }
}
