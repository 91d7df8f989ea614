//! The program's exit statuses, defined once: what each means, its number, and the table the
//! README, `--help` and the man page show. Deciding which status applies is the caller's job.

use std::process::ExitCode;

/// How the program ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// It did what was asked: the reader quit, or the output was written in full.
    Success,
    /// It could not go on: reading or writing failed, or the terminal went away.
    Failure,
    /// `search` found nothing, as grep does.
    NotFound,
    /// What was asked cannot be done as given: a handbook file with an error, a usage
    /// mistake, an unknown chapter or language. The message says what to fix.
    Invalid,
    /// A signal ended it (with the terminal restored): 128 plus the signal's number.
    Signal(i32),
}

impl Status {
    /// The number the shell sees.
    pub fn code(self) -> u8 {
        match self {
            Status::Success => 0,
            Status::Failure | Status::NotFound => 1,
            Status::Invalid => 2,
            Status::Signal(n) => u8::try_from(128 + n.clamp(1, 127)).unwrap_or(u8::MAX),
        }
    }
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(status.code())
    }
}

/// Every status with its meaning, for people: the rows of the README's and the man page's
/// exit-status table.
pub const TABLE: &[(&str, &str)] = &[
    (
        "0",
        "Success: the reader quit, or the output was written in full (also when a pipe closes early)",
    ),
    (
        "1",
        "Failure: reading or writing failed, or the terminal went away; or `search` found nothing",
    ),
    (
        "2",
        "Invalid: a handbook file has an error, the command line is wrong, or the chapter or language asked for does not exist",
    ),
    (
        "101",
        "A bug: the program panicked (the terminal is restored first)",
    ),
    (
        "128+N",
        "Ended by signal N, such as 143 for SIGTERM (the terminal is restored first)",
    ),
];

/// The exit-status table in Markdown, as the README shows it.
pub fn markdown_table() -> String {
    let mut out = String::from("| Status | Meaning |\n| --- | --- |\n");
    for (code, meaning) in TABLE {
        out.push_str(&format!("| {code} | {meaning} |\n"));
    }
    out
}

/// The exit-status table as plain text for `--help`, wrapped to `width` columns with each
/// meaning's continuation lines under its first, so the statuses stay easy to scan.
pub fn plain_table(width: usize) -> String {
    const INDENT: &str = "         ";
    let mut out = String::from("Exit status:\n");
    for (code, meaning) in TABLE {
        let first = format!("  {code:<6} ");
        let options = textwrap::Options::new(width.max(INDENT.len() + 20))
            .initial_indent(&first)
            .subsequent_indent(INDENT);
        for line in textwrap::wrap(meaning, options) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_have_their_documented_numbers() {
        assert_eq!(Status::Success.code(), 0);
        assert_eq!(Status::Failure.code(), 1);
        assert_eq!(Status::Invalid.code(), 2);
        assert_eq!(Status::Signal(15).code(), 143);
        assert_eq!(Status::Signal(1).code(), 129);
        for code in [0, 1, 2] {
            assert!(TABLE.iter().any(|(c, _)| *c == code.to_string()));
        }
    }

    #[test]
    fn the_help_table_wraps_under_each_meaning() {
        let table = plain_table(60);
        for line in table.lines() {
            assert!(line.chars().count() <= 60, "{line:?} is wider than 60");
        }
        // A continuation line starts under the meaning, not at the left edge.
        let lines: Vec<&str> = table.lines().collect();
        let second = lines
            .iter()
            .position(|l| l.starts_with("  1 "))
            .unwrap_or(0);
        assert!(lines[second + 1].starts_with("         "), "{table}");
        assert!(
            lines[second + 1]
                .trim_start()
                .starts_with(char::is_alphabetic)
        );
    }

    #[test]
    fn the_readme_lists_the_exit_statuses() {
        let readme = include_str!("../README.md");
        let table = markdown_table();
        assert!(
            readme.contains(&table),
            "README.md's exit-status table is out of date; it should read:\n{table}"
        );
    }
}
