//! Which options apply to which command, read from clap's declarations in `cli.rs`, so the
//! README and the man page say it from the one place that decides it. It only describes the
//! command line; it parses nothing.

use clap::{Arg, CommandFactory};

use crate::cli::Cli;

/// The name shown for running without a command (reading the handbook).
pub const READER: &str = "reading";

/// Global options a command accepts (so they may stand anywhere on the line) but has no use
/// for: `check` checks every edition in full, and the plain-text outputs draw no borders or
/// marks, so `--ascii` has nothing to change in them (the handbook's own words are kept).
const IGNORED: &[(&str, &str)] = &[
    ("check", "--lang"),
    ("check", "--ascii"),
    ("print", "--ascii"),
    ("search", "--ascii"),
];

/// How an option stands with a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    Yes,
    No,
    /// Accepted but without effect (see [`IGNORED`]).
    Ignored,
}

/// One option with the commands it applies to, in the order of [`commands`].
pub struct Row {
    /// The option as written, with its value: `--width N`.
    pub usage: String,
    pub applies: Vec<Applies>,
}

/// The option as written; `arg` comes from a built command, where flags take no values.
fn usage(arg: &Arg) -> Option<String> {
    let long = arg.get_long()?;
    if !arg.get_num_args().is_some_and(|n| n.takes_values()) {
        return Some(format!("--{long}"));
    }
    let value = arg
        .get_value_names()
        .and_then(|v| v.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), |v| v.to_string());
    Some(format!("--{long} {value}"))
}

fn is_shown(arg: &Arg) -> bool {
    !arg.is_hide_set() && !matches!(arg.get_long(), Some("help" | "version") | None)
}

/// The commands, reading first, then every visible subcommand in declaration order.
pub fn commands() -> Vec<String> {
    let cmd = Cli::command();
    std::iter::once(READER.to_owned())
        .chain(
            cmd.get_subcommands()
                .filter(|s| !s.is_hide_set() && s.get_name() != "help")
                .map(|s| s.get_name().to_owned()),
        )
        .collect()
}

/// Every option, each with the commands it applies to. Global options reach every command;
/// the others belong to the command that declares them.
pub fn rows() -> Vec<Row> {
    let mut cmd = Cli::command();
    cmd.build();
    let subs: Vec<&clap::Command> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .collect();
    let mut rows: Vec<Row> = Vec::new();
    let names = commands();
    let mut add = |arg: &Arg, column: usize| {
        let Some(u) = usage(arg) else { return };
        let ignored = IGNORED.iter().any(|(command, option)| {
            names[column] == *command && u.split(' ').next() == Some(*option)
        });
        let at = match rows.iter().position(|r| r.usage == u) {
            Some(i) => i,
            None => {
                rows.push(Row {
                    usage: u,
                    applies: vec![Applies::No; subs.len() + 1],
                });
                rows.len() - 1
            }
        };
        rows[at].applies[column] = if ignored {
            Applies::Ignored
        } else {
            Applies::Yes
        };
    };
    for arg in cmd.get_arguments().filter(|a| is_shown(a)) {
        add(arg, 0);
    }
    for (i, sub) in subs.iter().enumerate() {
        for arg in sub.get_arguments().filter(|a| is_shown(a)) {
            add(arg, i + 1);
        }
    }
    rows
}

/// The table in Markdown, as the README shows it.
pub fn markdown_table() -> String {
    let names = commands();
    let mut out = String::from("| Option |");
    for (i, name) in names.iter().enumerate() {
        if i == 0 {
            out.push_str(&format!(" {name} |"));
        } else {
            out.push_str(&format!(" `{name}` |"));
        }
    }
    out.push_str("\n| --- |");
    out.push_str(&" :---: |".repeat(names.len()));
    out.push('\n');
    for row in rows() {
        out.push_str(&format!("| `{}` |", row.usage));
        for applies in &row.applies {
            out.push_str(match applies {
                Applies::Yes => " yes |",
                Applies::No => " — |",
                Applies::Ignored => " ignored |",
            });
        }
        out.push('\n');
    }
    out
}

/// One sentence per command naming the options it takes, for the man page.
pub fn sentences() -> Vec<String> {
    let names = commands();
    let rows = rows();
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let options: Vec<&str> = rows
                .iter()
                .filter(|r| r.applies[i] == Applies::Yes)
                .map(|r| r.usage.as_str())
                .collect();
            let who = if i == 0 {
                "Reading (no command)".to_owned()
            } else {
                name.clone()
            };
            if options.is_empty() {
                format!("{who} takes no options.")
            } else {
                format!("{who} takes {}.", options.join(", "))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use Applies::{Ignored, No, Yes};

    fn row(usage: &str) -> Vec<Applies> {
        rows()
            .into_iter()
            .find(|r| r.usage == usage)
            .map(|r| r.applies)
            .unwrap_or_default()
    }

    #[test]
    fn global_options_reach_every_command_and_the_others_only_their_own() {
        let names = commands();
        assert_eq!(names, ["reading", "check", "print", "search"]);
        assert_eq!(row("--handbook DIR"), [Yes; 4]);
        assert_eq!(row("--lang LANG"), [Yes, Ignored, Yes, Yes]);
        assert_eq!(row("--kiosk"), [Yes, No, No, No]);
        assert_eq!(row("--width N"), [No, No, Yes, Yes]);
    }

    #[test]
    fn the_readme_says_which_options_apply_where() {
        let readme = include_str!("../README.md");
        let table = markdown_table();
        assert!(
            readme.contains(&table),
            "README.md's options-by-command table is out of date; it should read:\n{table}"
        );
    }
}
