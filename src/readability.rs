//! Plain-language checks for `check`: reading figures per chapter (Flesch–Kincaid grade for
//! English; Fernández-Huerta ease and Szigriszt-Pazos perspicuity on the INFLESZ scale for
//! Spanish) and the sentences that run past 20 words. Counts only what a reader reads as prose:
//! summaries, key points, paragraphs, bullets and callouts. Which formula applies is the
//! edition's choice, named in its `interface.toml`. Reads no file and writes nothing.

use crate::content::Chapter;

/// The reading-level formula for a language, chosen by its `interface.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Formula {
    /// Flesch–Kincaid grade level, for English.
    FleschKincaid,
    /// Fernández-Huerta ease and Szigriszt-Pazos perspicuity (INFLESZ), for Spanish.
    FernandezHuerta,
    /// No formula fits the language (Chinese, say): `check` reports sizes only.
    None,
}

/// Sentences longer than this are listed by `check`.
pub const MAX_SENTENCE_WORDS: usize = 20;

/// English chapters above this Flesch–Kincaid grade get a warning.
pub const MAX_GRADE: f64 = 8.0;

/// Spanish chapters below this INFLESZ score ("normal" starts here) get a warning.
pub const MIN_INFLESZ: f64 = 55.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub sentences: usize,
    pub words: usize,
    pub syllables: usize,
    /// (line in the chapter file, word count, the sentence's first words).
    pub long: Vec<(usize, usize, String)>,
}

/// The word with accents folded and anything but letters dropped, lower-cased.
fn letters(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ù' | 'û' => 'u',
            'ñ' => 'n',
            c => c,
        })
        .filter(|c| c.is_ascii_lowercase() || matches!(c, 'í' | 'ú' | 'ü'))
        .collect()
}

/// Syllables in a Spanish word. Spanish spelling is close to its sound: each vowel group is a
/// syllable, except that two strong vowels (a, e, o) side by side, or a stressed í or ú next to
/// another vowel, are said apart (a hiatus: "le-e", "dí-a").
fn spanish_syllables(word: &str) -> usize {
    let w: Vec<char> = letters(word).chars().collect();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'í' | 'ú' | 'ü');
    let strong = |c: char| matches!(c, 'a' | 'e' | 'o' | 'í' | 'ú');
    let mut count = 0;
    for (i, &c) in w.iter().enumerate() {
        // "y" is a vowel only at the end of a word after a consonant, or alone ("y", "muy" no).
        let is_vowel = vowel(c) || (c == 'y' && i + 1 == w.len() && (i == 0 || !vowel(w[i - 1])));
        if !is_vowel {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| w[p]).filter(|p| vowel(*p));
        match prev {
            None => count += 1,
            // The "u" of "que", "qui", "gue", "gui" is silent: no new syllable, no diphthong.
            Some(p) if strong(p) && strong(c) => count += 1,
            Some(_) => {}
        }
    }
    count.max(1)
}

/// Syllables in an English word, by vowel groups with the commonest silent endings taken off
/// ("-e", "-es", "-ed"). An estimate, as every readability formula's count is.
fn english_syllables(word: &str) -> usize {
    let w = letters(word);
    if w.is_empty() {
        return 1;
    }
    let chars: Vec<char> = w.chars().collect();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut groups = 0;
    let mut in_vowel = false;
    for (i, &c) in chars.iter().enumerate() {
        // A "y" that starts a word is a consonant ("you", "year").
        let v = vowel(c) && !(c == 'y' && i == 0);
        if v && !in_vowel {
            groups += 1;
        }
        in_vowel = v;
    }
    let n = chars.len();
    let before = |k: usize| n.checked_sub(k).map(|i| chars[i]);
    let silent = if w.ends_with('e') && !w.ends_with("le") && !w.ends_with("ee") {
        // "care", "make": the final e is not said.
        true
    } else if w.ends_with("ed") && n > 3 {
        // "walked", "used", but not "needed" or "started".
        !matches!(before(3), Some('t' | 'd')) && before(3).is_some_and(|c| !vowel(c))
    } else if w.ends_with("es") && n > 3 {
        // "makes", "comes", but not "boxes", "places", "changes".
        before(3).is_some_and(|c| !vowel(c) && !matches!(c, 's' | 'x' | 'z' | 'c' | 'g' | 'h'))
    } else {
        false
    };
    if silent && groups > 1 {
        groups -= 1;
    }
    groups.max(1)
}

/// Syllables in a word, counted as the formula's language says them.
pub fn syllables(word: &str, formula: Formula) -> usize {
    match formula {
        Formula::FernandezHuerta => spanish_syllables(word),
        Formula::FleschKincaid | Formula::None => english_syllables(word),
    }
}

fn is_word(token: &str) -> bool {
    token.chars().any(char::is_alphanumeric)
}

/// Abbreviations a period does not end a sentence after, whatever follows: titles and the
/// country's name, in both editions' spellings.
const NEVER_END: &[&str] = &[
    "dr", "dra", "drs", "dres", "mr", "mrs", "ms", "sr", "sra", "srta", "sres", "prof", "st", "jr",
    "vs", "e.g", "i.e", "u.s", "ee.uu", "p.ej", "núm", "no", "approx", "aprox",
];

/// Abbreviations that end a sentence only when a capital (or "¿", "¡") follows: times of day
/// and "etc.".
const END_IF_CAPITAL: &[&str] = &["a.m", "p.m", "etc"];

/// Whether `token` (the text since the last space, up to and without its final period) leaves
/// the sentence open, given the token before it and whether the next word starts a sentence.
fn period_ends_sentence(previous: &str, token: &str, next_starts: Option<bool>) -> bool {
    let bare: String = token
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let Some(next_capital) = next_starts else {
        return true; // the end of the text ends the sentence
    };
    if NEVER_END.contains(&bare.as_str()) {
        return false;
    }
    if END_IF_CAPITAL.contains(&bare.as_str()) {
        return next_capital;
    }
    let single_letter = bare.chars().count() == 1 && bare.chars().all(char::is_alphabetic);
    if single_letter {
        // "a. m." and "p. m." as Spanish writes them: the "m." may end the sentence.
        let prev = previous.to_lowercase();
        if bare == "m" && (prev == "a." || prev == "p.") {
            return next_capital;
        }
        // An initial ("Timothy J. Charlton") or the "a." of "a. m.".
        return false;
    }
    true
}

/// Splits prose into sentences at '.', '!', '?' or '…' followed by a space or the end, but not
/// after abbreviations, initials, or the "a. m." and "p. m." of a time.
pub fn sentences(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        k += 1;
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Closing quotes and brackets stay with the sentence they close.
        let mut end = i + c.len_utf8();
        while let Some(&(j, q)) = chars.get(k) {
            if matches!(
                q,
                '"' | '”' | '’' | '\'' | ')' | ']' | '»' | '.' | '!' | '?'
            ) {
                end = j + q.len_utf8();
                k += 1;
            } else {
                break;
            }
        }
        let at_space = chars.get(k).is_none_or(|(_, n)| n.is_whitespace());
        if !at_space {
            continue;
        }
        if c == '.' {
            let before = &text[start..i];
            let mut tokens = before.split_whitespace().rev();
            let token = tokens.next().unwrap_or("");
            let previous = tokens.next().unwrap_or("");
            let next_starts = text[end..].trim_start().chars().next().map(|n| {
                n.is_uppercase() || n.is_ascii_digit() || matches!(n, '¿' | '¡' | '"' | '“')
            });
            if !period_ends_sentence(previous, token, next_starts) {
                continue;
            }
        }
        out.push(text[start..end].trim());
        start = end;
    }
    out.push(text[start..].trim());
    out.retain(|s| s.split_whitespace().any(is_word));
    out
}

/// Counts one chapter's prose.
pub fn report(chapter: &Chapter, formula: Formula) -> Report {
    let mut r = Report {
        sentences: 0,
        words: 0,
        syllables: 0,
        long: Vec::new(),
    };
    for (unit, text) in chapter.units.with_text() {
        if unit.kind.is_prose() {
            r.add(text, unit.line, formula);
        }
    }
    r
}

/// Counts a piece of text on its own, as [`report`] counts a chapter.
pub fn report_text(text: &str, formula: Formula) -> Report {
    let mut r = Report {
        sentences: 0,
        words: 0,
        syllables: 0,
        long: Vec::new(),
    };
    r.add(text, 0, formula);
    r
}

impl Report {
    fn add(&mut self, text: &str, line: usize, formula: Formula) {
        for sentence in sentences(text) {
            let words: Vec<&str> = sentence.split_whitespace().filter(|w| is_word(w)).collect();
            self.sentences += 1;
            self.words += words.len();
            self.syllables += words.iter().map(|w| syllables(w, formula)).sum::<usize>();
            if words.len() > MAX_SENTENCE_WORDS {
                let start: Vec<&str> = words.iter().take(8).copied().collect();
                self.long
                    .push((line, words.len(), format!("{} ...", start.join(" "))));
            }
        }
    }

    fn words_per_sentence(&self) -> f64 {
        self.words as f64 / self.sentences.max(1) as f64
    }

    fn syllables_per_word(&self) -> f64 {
        self.syllables as f64 / self.words.max(1) as f64
    }

    /// Flesch–Kincaid grade level (English): the school grade that can read the text.
    pub fn flesch_kincaid(&self) -> f64 {
        if self.words == 0 || self.sentences == 0 {
            return 0.0;
        }
        0.39 * self.words_per_sentence() + 11.8 * self.syllables_per_word() - 15.59
    }

    /// Fernández-Huerta reading ease (Spanish, 1959): 206.84 − 60 × syllables per word − 1.02 ×
    /// words per sentence. 100 is very easy; 60–70 is "normal".
    pub fn fernandez_huerta(&self) -> f64 {
        if self.words == 0 || self.sentences == 0 {
            return 100.0;
        }
        206.84 - 60.0 * self.syllables_per_word() - 1.02 * self.words_per_sentence()
    }

    /// Szigriszt-Pazos perspicuity (Spanish, 1993), the score the INFLESZ scale grades:
    /// 206.835 − 62.3 × syllables per word − words per sentence.
    pub fn szigriszt_pazos(&self) -> f64 {
        if self.words == 0 || self.sentences == 0 {
            return 100.0;
        }
        206.835 - 62.3 * self.syllables_per_word() - self.words_per_sentence()
    }
}

/// The INFLESZ scale's name for a Szigriszt-Pazos score (Barrio-Cantalejo et al., 2008).
pub fn inflesz_grade(score: f64) -> &'static str {
    if score < 40.0 {
        "very hard (muy difícil)"
    } else if score < 55.0 {
        "somewhat hard (algo difícil)"
    } else if score < 65.0 {
        "normal"
    } else if score < 80.0 {
        "fairly easy (bastante fácil)"
    } else {
        "very easy (muy fácil)"
    }
}

#[cfg(test)]
mod tests;
