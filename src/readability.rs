//! Plain-language checks for `check`: a reading grade per chapter (Flesch–Kincaid for English,
//! Fernández-Huerta ease for Spanish) and the sentences that run past 20 words. Counts only
//! what a reader reads as prose: summaries, paragraphs, bullets and callouts.

use crate::content::Chapter;

/// Sentences longer than this are listed by `check`.
pub const MAX_SENTENCE_WORDS: usize = 20;

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub sentences: usize,
    pub words: usize,
    pub syllables: usize,
    /// (line in the chapter file, word count, the sentence's first words).
    pub long: Vec<(usize, usize, String)>,
}

/// Syllables in an English or Spanish word, by vowel groups (a silent final "e" in English is
/// not counted). An estimate, as every readability formula's is.
pub fn syllables(word: &str, spanish: bool) -> usize {
    let w: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' => 'a',
            'é' | 'è' | 'ë' => 'e',
            'í' | 'ì' | 'ï' => 'i',
            'ó' | 'ò' | 'ö' => 'o',
            'ú' | 'ù' | 'ü' => 'u',
            c => c,
        })
        .filter(char::is_ascii_lowercase)
        .collect();
    if w.is_empty() {
        return 1;
    }
    let vowels: &[char] = &['a', 'e', 'i', 'o', 'u', 'y'];
    let mut groups = 0;
    let mut in_vowel = false;
    for c in w.chars() {
        let v = vowels.contains(&c);
        if v && !in_vowel {
            groups += 1;
        }
        in_vowel = v;
    }
    if !spanish && w.ends_with('e') && !w.ends_with("le") && groups > 1 {
        groups -= 1;
    }
    groups.max(1)
}

fn is_word(token: &str) -> bool {
    token.chars().any(char::is_alphanumeric)
}

/// Splits prose into sentences at '.', '!' or '?' followed by a space or the end.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (k, (i, c)) in bytes.iter().enumerate() {
        if matches!(c, '.' | '!' | '?') && bytes.get(k + 1).is_none_or(|(_, n)| n.is_whitespace()) {
            let end = i + c.len_utf8();
            out.push(text[start..end].trim());
            start = end;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| s.split_whitespace().any(is_word));
    out
}

pub fn report(chapter: &Chapter, spanish: bool) -> Report {
    let mut r = Report {
        sentences: 0,
        words: 0,
        syllables: 0,
        long: Vec::new(),
    };
    for unit in &chapter.units {
        if !unit.kind.is_prose() {
            continue;
        }
        for sentence in sentences(&unit.text) {
            let words: Vec<&str> = sentence.split_whitespace().filter(|w| is_word(w)).collect();
            r.sentences += 1;
            r.words += words.len();
            r.syllables += words.iter().map(|w| syllables(w, spanish)).sum::<usize>();
            if words.len() > MAX_SENTENCE_WORDS {
                let start: Vec<&str> = words.iter().take(8).copied().collect();
                r.long
                    .push((unit.line, words.len(), format!("{} ...", start.join(" "))));
            }
        }
    }
    r
}

impl Report {
    /// Flesch–Kincaid grade level (English).
    pub fn flesch_kincaid(&self) -> f64 {
        if self.words == 0 || self.sentences == 0 {
            return 0.0;
        }
        let w = self.words as f64;
        0.39 * w / self.sentences as f64 + 11.8 * self.syllables as f64 / w - 15.59
    }

    /// Fernández-Huerta reading ease (Spanish): 100 is very easy, 60–70 is plain language.
    pub fn fernandez_huerta(&self) -> f64 {
        if self.words == 0 {
            return 100.0;
        }
        let w = self.words as f64;
        206.84
            - 0.60 * (100.0 * self.syllables as f64 / w)
            - 1.02 * (100.0 * self.sentences as f64 / w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_are_counted_by_vowel_groups() {
        assert_eq!(syllables("tendon", false), 2);
        assert_eq!(syllables("heel", false), 1);
        assert_eq!(syllables("rupture", false), 2);
        assert_eq!(syllables("little", false), 2);
        assert_eq!(syllables("tendón", true), 2);
        assert_eq!(syllables("911", false), 1);
    }

    #[test]
    fn sentences_split_at_end_marks() {
        assert_eq!(
            sentences("Call 911. Do not wait! Why? Because."),
            ["Call 911.", "Do not wait!", "Why?", "Because."]
        );
        assert_eq!(sentences("No end mark"), ["No end mark"]);
        assert_eq!(sentences("8 a. m. to 5"), ["8 a.", "m.", "to 5"]);
    }
}
