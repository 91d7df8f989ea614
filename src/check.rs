//! The `check` subcommand's report: every located problem, then each chapter's reading figures
//! (with a warning when a chapter reads as hard) and long sentences, then a one-line summary. Writes text only; loading is `content`'s job.

use std::io::{self, Write};

use crate::content::{Date, Diagnostic, Library, Severity};
use crate::readability::{self, Formula, MAX_GRADE, MAX_SENTENCE_WORDS, MIN_INFLESZ};
use crate::status::Status;

/// Writes the report and returns the exit status: success when there is no error, invalid
/// otherwise.
pub fn report(
    out: &mut impl Write,
    diagnostics: &[Diagnostic],
    library: Option<&Library>,
    today: Date,
) -> io::Result<Status> {
    for d in diagnostics {
        writeln!(out, "{d}")?;
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let mut warnings = diagnostics.len() - errors;
    let Some(library) = library else {
        writeln!(
            out,
            "{errors} error(s), {warnings} warning(s): fix the errors above and run check again."
        )?;
        return Ok(Status::Invalid);
    };
    let mut chapters = 0;
    for edition in &library.editions {
        // The edition's interface words name the formula that suits its language.
        let formula = edition.text.readability;
        for chapter in &edition.chapters {
            chapters += 1;
            let r = readability::report(chapter, formula);
            let file = &chapter.path;
            if formula == Formula::None {
                writeln!(
                    out,
                    "{file}: {} sentences, {} words (no reading-level formula for this language)",
                    r.sentences, r.words
                )?;
            } else if formula == Formula::FernandezHuerta {
                let ease = r.fernandez_huerta();
                let inflesz = r.szigriszt_pazos();
                writeln!(
                    out,
                    "{file}: Fernández-Huerta ease {ease:.0}, INFLESZ {inflesz:.0}: {} ({} sentences, {} words)",
                    readability::inflesz_grade(inflesz),
                    r.sentences,
                    r.words
                )?;
                if inflesz < MIN_INFLESZ {
                    warnings += 1;
                    writeln!(
                        out,
                        "{file}: warning: INFLESZ {inflesz:.0} is below {MIN_INFLESZ:.0} (\"normal\"); use shorter sentences and words"
                    )?;
                }
            } else {
                let grade = r.flesch_kincaid();
                writeln!(
                    out,
                    "{file}: reading grade {grade:.1} ({} sentences, {} words)",
                    r.sentences, r.words
                )?;
                if grade > MAX_GRADE {
                    warnings += 1;
                    writeln!(
                        out,
                        "{file}: warning: reading grade {grade:.1} is above {MAX_GRADE}; use shorter sentences and words"
                    )?;
                }
            }
            for (line, words, start) in &r.long {
                warnings += 1;
                writeln!(
                    out,
                    "{file}:{line}: warning: sentence of {words} words (over {MAX_SENTENCE_WORDS}): {start}"
                )?;
            }
            if today >= chapter.review_due {
                warnings += 1;
                writeln!(
                    out,
                    "{file}: warning: due for review since {}-{:02}-{:02}",
                    chapter.review_due.year, chapter.review_due.month, chapter.review_due.day
                )?;
            }
        }
    }
    writeln!(
        out,
        "ok: {} edition(s), {chapters} chapters, no errors, {warnings} warning(s)",
        library.editions.len()
    )?;
    Ok(Status::Success)
}
