//! The handbook files' shapes exactly as written, for serde. Unknown keys are rejected here;
//! every other rule (non-empty, unique, resolvable) belongs to validation in `load`.

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::block::RawBlock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawManifest {
    pub title: Spanned<String>,
    pub organisation: Spanned<String>,
    pub language: Spanned<String>,
    pub language_name: Spanned<String>,
    pub version: Spanned<String>,
    pub reviewed_on: Spanned<Datetime>,
    pub review_due: Spanned<Datetime>,
    pub disclaimer: Spanned<String>,
    /// The urgent guidance, said once for the whole edition; `message = "urgent"` shows it.
    pub urgent: Option<Spanned<String>>,
    /// Where the handbook's facts come from, shown at the end of every chapter.
    pub source: Option<Spanned<String>>,
    pub chapters: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub synonyms: Vec<Spanned<RawSynonyms>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSynonyms {
    pub words: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChapter {
    pub tab: Spanned<String>,
    pub title: Spanned<String>,
    pub summary: Spanned<String>,
    /// Two to four short points: the main message and what to do. Shown first.
    pub key_points: Option<Spanned<Vec<Spanned<String>>>>,
    pub reviewed_on: Spanned<Datetime>,
    pub review_due: Spanned<Datetime>,
    pub sections: Spanned<Vec<Spanned<RawSection>>>,
}

/// A chapter's own fields, everything but its sections: the text of a chapter file before its
/// first `[[sections]]`, parsed on its own (see `load::parse_chapter`). It has no `sections`,
/// so a file that puts them there is parsed whole instead.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHead {
    pub tab: Spanned<String>,
    pub title: Spanned<String>,
    pub summary: Spanned<String>,
    pub key_points: Option<Spanned<Vec<Spanned<String>>>>,
    pub reviewed_on: Spanned<Datetime>,
    pub review_due: Spanned<Datetime>,
}

impl RawChapter {
    /// The chapter's own fields, and its sections.
    pub fn split(self) -> (RawHead, Spanned<Vec<Spanned<RawSection>>>) {
        let head = RawHead {
            tab: self.tab,
            title: self.title,
            summary: self.summary,
            key_points: self.key_points,
            reviewed_on: self.reviewed_on,
            review_due: self.review_due,
        };
        (head, self.sections)
    }
}

/// One piece of a chapter file that starts at a `[[sections]]` line and runs to the next,
/// parsed on its own: sections and nothing else.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSections {
    pub sections: Vec<Spanned<RawSection>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: Spanned<String>,
    pub heading: Spanned<String>,
    pub blocks: Spanned<Vec<Spanned<RawBlock>>>,
}
