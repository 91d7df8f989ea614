//! What search knows about each language of the handbook's editions: its stemmer and the
//! common words a query ignores. The one place a language's search words live; an edition in
//! a language not listed here is searched without stemming or stop words.

use rust_stemmers::{Algorithm, Stemmer};

use super::fold::words;

struct Known {
    code: &'static str,
    algorithm: Algorithm,
    /// Folded (lower case, no accents): compared with folded query words.
    stop_words: &'static [&'static str],
    /// The stop words that shape a question ("what", "is", "qué"): they count a little, in
    /// headings only, so "what is a tendon" leans towards "What the Achilles tendon is". The
    /// other stop words (articles, pronouns: "the", "el", "se") are dropped from a query.
    question_words: &'static [&'static str],
}

const KNOWN: &[Known] = &[
    Known {
        code: "en",
        algorithm: Algorithm::English,
        stop_words: &[
            "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
            "at", "be", "because", "been", "before", "being", "both", "but", "by", "can", "could",
            "d", "did", "do", "does", "doing", "done", "each", "for", "from", "get", "gets",
            "getting", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
            "his", "how", "i", "if", "im", "in", "into", "is", "it", "its", "ive", "just", "ll",
            "m", "me", "mine", "more", "most", "my", "myself", "now", "of", "on", "or", "our",
            "ours", "please", "re", "s", "she", "should", "so", "some", "such", "t", "than",
            "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
            "to", "u", "us", "ve", "very", "was", "we", "were", "what", "whats", "when", "where",
            "which", "while", "who", "whom", "whose", "why", "will", "with", "would", "you",
            "your", "yours",
        ],
        question_words: &[
            "are", "can", "could", "do", "does", "how", "is", "should", "what", "whats", "when",
            "where", "which", "who", "whom", "whose", "why",
        ],
    },
    Known {
        code: "es",
        algorithm: Algorithm::Spanish,
        stop_words: &[
            "a", "al", "algo", "algun", "alguna", "alguno", "ante", "como", "con", "cual",
            "cuales", "cuando", "de", "del", "donde", "e", "el", "ella", "ellas", "ellos", "en",
            "era", "eres", "es", "esa", "esas", "ese", "eso", "esos", "esta", "estan", "estar",
            "estas", "este", "esto", "estos", "estoy", "fue", "ha", "han", "hay", "he", "la",
            "las", "le", "les", "lo", "los", "me", "mi", "mis", "mucho", "muy", "nos", "o", "os",
            "para", "pero", "por", "porque", "pues", "que", "quien", "quienes", "se", "ser", "si",
            "sin", "sobre", "soy", "su", "sus", "tan", "te", "ti", "tu", "tus", "un", "una",
            "unas", "uno", "unos", "usted", "ustedes", "y", "ya", "yo",
        ],
        // Folded, "que" is both "qué" and "que", "como" both "cómo" and "como": kept, as
        // the question words they can be.
        question_words: &[
            "como", "cual", "cuales", "cuando", "donde", "es", "por", "porque", "que", "quien",
            "quienes",
        ],
    },
];

/// The search rules for one edition's language.
pub struct Language {
    stemmer: Option<Stemmer>,
    stop_words: &'static [&'static str],
    question_words: &'static [&'static str],
}

impl Language {
    /// The rules for a language code such as "en" or "es-MX"; none for a language not known.
    pub fn for_code(code: &str) -> Language {
        let primary = code
            .split(['-', '_', '.'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match KNOWN.iter().find(|k| k.code == primary) {
            Some(k) => Language {
                stemmer: Some(Stemmer::create(k.algorithm)),
                stop_words: k.stop_words,
                question_words: k.question_words,
            },
            None => Language {
                stemmer: None,
                stop_words: &[],
                question_words: &[],
            },
        }
    }

    /// Whether a folded word is too common to search for.
    pub fn is_stop_word(&self, folded: &str) -> bool {
        self.stop_words.contains(&folded)
    }

    /// Whether a folded stop word shapes a question, and so counts in headings.
    pub fn is_question_word(&self, folded: &str) -> bool {
        self.question_words.contains(&folded)
    }

    /// The stems of one word: that of the word as written (accents help the Spanish stemmer:
    /// "rompió" → "romp"), folded, and that of the folded word, which is what a reader typing
    /// without accents gets. Either may equal the other or the word.
    pub fn stems(&self, original: &str, folded: &str) -> [String; 2] {
        let Some(stemmer) = &self.stemmer else {
            return [folded.to_owned(), folded.to_owned()];
        };
        let lower = original.to_lowercase();
        let written = stemmer.stem(&lower);
        let written = words(&written)
            .into_iter()
            .map(|w| w.folded)
            .next()
            .unwrap_or_else(|| folded.to_owned());
        [written, stemmer.stem(folded).into_owned()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_join_word_forms_with_or_without_accents() {
        let en = Language::for_code("en");
        assert_eq!(
            en.stems("snapped", "snapped")[0],
            en.stems("snap", "snap")[0]
        );
        assert_eq!(en.stems("Heels", "heels")[0], "heel");
        let es = Language::for_code("es-MX");
        assert_eq!(
            es.stems("rompió", "rompio")[0],
            es.stems("romper", "romper")[0]
        );
        // Typed without its accent, the word still meets the text's second stem.
        assert_eq!(
            es.stems("rompio", "rompio")[0],
            es.stems("rompió", "rompio")[1]
        );
        assert!(es.is_stop_word("que") && es.is_stop_word("mi"));
        assert!(en.is_stop_word("what") && !en.is_stop_word("back"));
        // Question words are stop words that still count in headings; articles are not.
        assert!(en.is_question_word("what") && !en.is_question_word("the"));
        assert!(es.is_question_word("que") && !es.is_question_word("el"));
        let question_words_are_stop_words = KNOWN
            .iter()
            .all(|k| k.question_words.iter().all(|q| k.stop_words.contains(q)));
        assert!(question_words_are_stop_words);
    }

    #[test]
    fn an_unknown_language_has_no_stemmer_and_no_stop_words() {
        let zh = Language::for_code("zh");
        assert_eq!(
            zh.stems("跟腱", "跟腱"),
            ["跟腱".to_owned(), "跟腱".to_owned()]
        );
        assert!(!zh.is_stop_word("的"));
    }
}
