//! The large handbook the benchmarks measure: the shipped English edition with every chapter's
//! sections repeated until its text reaches a size. Shared by the benchmarks through `#[path]`.

use achilles_handbook::content::{self, Handbook, Section};

/// The shipped English edition, which the benchmarks measure and grow.
pub fn shipped_english() -> Handbook {
    content::load(None)
        .library
        .expect("the shipped handbook loads")
        .editions
        .iter()
        .find(|e| e.language == "en")
        .expect("English edition")
        .clone()
}

/// The English edition with every chapter's sections repeated until the text is ~10 MB.
pub fn large(base: &Handbook, bytes: usize) -> Handbook {
    let mut h = base.clone();
    let size = |h: &Handbook| -> usize {
        h.chapters
            .iter()
            .flat_map(|c| c.units.with_text())
            .map(|(_, t)| t.len())
            .sum()
    };
    let originals: Vec<_> = h.chapters.clone();
    let mut round = 0;
    while size(&h) < bytes {
        round += 1;
        for (chapter, original) in h.chapters.iter_mut().zip(&originals) {
            for (s, section) in original.sections.iter().enumerate() {
                let end = original
                    .sections
                    .get(s + 1)
                    .map_or(original.units.len(), |n| n.first_unit);
                let index = chapter.sections.len();
                chapter.sections.push(Section {
                    id: format!("{}-{round}", section.id),
                    heading: section.heading.clone(),
                    first_unit: chapter.units.len(),
                });
                for u in section.first_unit..end {
                    let (kind, line) = (original.units[u].kind.clone(), original.units[u].line);
                    let text = original.units.text(u);
                    chapter.units.push(Some(index), kind, text, line);
                }
            }
        }
    }
    h
}
