//! The editions of a library, each decoded the first time it is used. A handbook folder's
//! editions are loaded and validated whole before the program goes on; the built-in handbook's
//! are kept in the binary in their stored form, one piece per edition, so a session decodes
//! the edition it shows before its first frame and another only when something uses it (the
//! reader switches language, `check` lists them). Each edition's language is known without
//! decoding it, to choose the one to show. Owns that deferral only: what an edition holds is
//! `model`'s, and the stored form is `built_in`'s.

use std::ops::{Index, IndexMut};
use std::sync::OnceLock;

use super::model::Handbook;

/// The editions, in the order the handbook lists them. Never empty in a loaded library.
pub struct Editions {
    items: Vec<Edition>,
}

struct Edition {
    /// Its language tag and the language's own name, known before it is decoded.
    language: String,
    language_name: String,
    handbook: OnceLock<Handbook>,
    /// The stored form it is decoded from, when it was not given decoded.
    stored: Option<&'static [u8]>,
}

impl Edition {
    fn get(&self) -> &Handbook {
        self.handbook.get_or_init(|| {
            let stored = self.stored.unwrap_or_default();
            match postcard::from_bytes(stored) {
                Ok(handbook) => handbook,
                // The build wrote these bytes and `built_in` read their frame: only a binary
                // damaged on disk or in memory gets here, and nothing sensible can be shown.
                Err(e) => panic!(
                    "the built-in handbook's {} edition cannot be read ({e}); reinstall the program",
                    self.language
                ),
            }
        })
    }
}

impl Editions {
    /// Editions kept in their stored form, as (language, language name, stored bytes): each is
    /// decoded when first used.
    pub(super) fn stored(items: Vec<(String, String, &'static [u8])>) -> Editions {
        Editions {
            items: items
                .into_iter()
                .map(|(language, language_name, stored)| Edition {
                    language,
                    language_name,
                    handbook: OnceLock::new(),
                    stored: Some(stored),
                })
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&Handbook> {
        self.items.get(i).map(Edition::get)
    }

    pub fn first(&self) -> Option<&Handbook> {
        self.get(0)
    }

    /// Every edition, each decoded as it is reached.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.items.iter())
    }

    /// Each edition's language tag and the language's own name, without decoding any.
    pub fn languages(&self) -> impl Iterator<Item = (&str, &str)> {
        self.items
            .iter()
            .map(|e| (e.language.as_str(), e.language_name.as_str()))
    }

    /// Takes out edition `i`, decoded.
    pub fn remove(&mut self, i: usize) -> Handbook {
        self.items.remove(i).into_handbook()
    }

    fn decoded(edition: Handbook) -> Edition {
        Edition {
            language: edition.language.clone(),
            language_name: edition.language_name.clone(),
            handbook: OnceLock::from(edition),
            stored: None,
        }
    }
}

impl From<Vec<Handbook>> for Editions {
    fn from(editions: Vec<Handbook>) -> Editions {
        Editions {
            items: editions.into_iter().map(Editions::decoded).collect(),
        }
    }
}

impl Index<usize> for Editions {
    type Output = Handbook;

    fn index(&self, i: usize) -> &Handbook {
        self.items[i].get()
    }
}

impl Edition {
    fn into_handbook(self) -> Handbook {
        self.get();
        self.handbook.into_inner().unwrap_or_else(|| unreachable!())
    }

    /// Decoded, to be changed: it is no longer what its stored form says.
    fn get_mut(&mut self) -> &mut Handbook {
        self.get();
        self.stored = None;
        self.handbook.get_mut().unwrap_or_else(|| unreachable!())
    }
}

impl IndexMut<usize> for Editions {
    fn index_mut(&mut self, i: usize) -> &mut Handbook {
        self.items[i].get_mut()
    }
}

/// The editions in order, each decoded as it is reached, to be changed.
pub struct IterMut<'a>(std::slice::IterMut<'a, Edition>);

impl<'a> Iterator for IterMut<'a> {
    type Item = &'a mut Handbook;

    fn next(&mut self) -> Option<&'a mut Handbook> {
        self.0.next().map(Edition::get_mut)
    }
}

impl<'a> IntoIterator for &'a mut Editions {
    type Item = &'a mut Handbook;
    type IntoIter = IterMut<'a>;

    fn into_iter(self) -> IterMut<'a> {
        IterMut(self.items.iter_mut())
    }
}

/// The editions in order, each decoded as it is reached.
pub struct Iter<'a>(std::slice::Iter<'a, Edition>);

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Handbook;

    fn next(&mut self) -> Option<&'a Handbook> {
        self.0.next().map(Edition::get)
    }
}

impl<'a> IntoIterator for &'a Editions {
    type Item = &'a Handbook;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Editions {
    type Item = Handbook;
    type IntoIter = std::vec::IntoIter<Handbook>;

    fn into_iter(self) -> Self::IntoIter {
        let all: Vec<Handbook> = self.items.into_iter().map(Edition::into_handbook).collect();
        all.into_iter()
    }
}

impl Clone for Editions {
    fn clone(&self) -> Editions {
        Editions {
            items: self
                .items
                .iter()
                .map(|e| Edition {
                    language: e.language.clone(),
                    language_name: e.language_name.clone(),
                    handbook: e.handbook.clone(),
                    stored: e.stored,
                })
                .collect(),
        }
    }
}

/// Editions are equal when their contents are, however each is kept.
impl PartialEq for Editions {
    fn eq(&self, other: &Editions) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl std::fmt::Debug for Editions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.items.iter().map(|e| {
                e.handbook.get().map_or_else(
                    || format!("{} (not decoded)", e.language),
                    |h| format!("{h:?}"),
                )
            }))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_edition_is_decoded_only_when_used() {
        let library = crate::content::load(None)
            .library
            .expect("the built-in handbook");
        let editions = &library.editions;
        assert!(editions.len() >= 2);
        // Choosing the edition to show decodes none.
        let languages: Vec<_> = editions
            .languages()
            .map(|(tag, _)| tag.to_owned())
            .collect();
        assert_eq!(languages, ["en", "es"]);
        assert!(editions.items.iter().all(|e| e.handbook.get().is_none()));
        let shown = &editions[1];
        assert_eq!(shown.language, "es");
        assert!(
            editions.items[0].handbook.get().is_none(),
            "English not decoded"
        );
        // Used, the other is decoded then, the same as if it had been decoded first.
        let fresh = crate::content::load(None).library.expect("loads");
        assert_eq!(editions[0], fresh.editions[0]);
    }
}
