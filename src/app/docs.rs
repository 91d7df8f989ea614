//! Each chapter's layout (`Doc`) for the window's text width: built when the chapter is first
//! shown, the first chapter opening with the handbook's title, organisation and disclaimer,
//! and built again when a resize changes the width, each chapter keeping its place by the unit
//! at its top. Part of `update`; how a chapter is laid out is `crate::doc`'s, and nothing here
//! draws.

use super::{App, Options, scroll};
use crate::doc::{Doc, DocContext, Figures};
use crate::i18n::Text;

impl App {
    fn doc_context(&self) -> DocContext<'_> {
        doc_context(self.text(), &self.options)
    }

    /// Lays out chapter `c` for `width` columns. The first chapter opens with the handbook's
    /// title, organisation and disclaimer, so a reader who never sees the kiosk's welcome
    /// screen or the printed copy still meets them.
    fn build_doc(&self, c: usize, width: u16) -> Doc {
        let handbook = self.handbook();
        let mut doc = Doc::build(&handbook.chapters[c], width, self.doc_context());
        if c == 0 {
            let separator = self.options.look.glyphs.separator;
            let title = format!("{}{separator}{}", handbook.title, handbook.organisation);
            doc.prepend(&[&title, &handbook.disclaimer]);
        }
        doc
    }

    /// Lays out the current chapter for the current width, if not done yet.
    pub(super) fn ensure_doc(&mut self) {
        if self.width == 0 {
            // No size yet, or none since the handbook was reloaded: no line is known to show.
            if self.doc().is_none() {
                self.clamp_scroll();
            }
            return;
        }
        let width = self.areas().text.width;
        if self.docs.get(self.chapter).is_some_and(Option::is_none) {
            self.docs[self.chapter] = Some(self.build_doc(self.chapter, width));
        }
        self.clamp_scroll();
    }

    pub(super) fn resize(&mut self, width: u16, height: u16) {
        let old_width = self.areas().text.width;
        let old_rows = self.body_height();
        // Only a chapter a jump took past its end may stay past it; the others keep a full
        // screen of text when the window grows.
        let past_end: Vec<bool> = (0..self.docs.len())
            .map(|c| {
                self.docs[c]
                    .as_ref()
                    .is_some_and(|d| self.scroll[c] > scroll::end_of(d, old_rows))
            })
            .collect();
        self.width = width;
        self.height = height;
        let new_width = self.areas().text.width;
        if old_width != new_width || self.docs.iter().all(Option::is_none) {
            // Keep each chapter's place by the unit at its top, since lines move on rewrap.
            let anchors: Vec<Option<usize>> = (0..self.docs.len())
                .map(|c| {
                    self.docs[c]
                        .as_ref()
                        .map(|d| scroll::unit_at(d, self.scroll[c]))
                })
                .collect();
            for (c, anchor) in anchors.into_iter().enumerate() {
                if let Some(unit) = anchor {
                    let doc = self.build_doc(c, new_width);
                    self.scroll[c] = doc.unit_line.get(unit).copied().unwrap_or(0);
                    self.docs[c] = Some(doc);
                }
            }
        }
        let rows = self.body_height();
        for (c, past) in past_end.into_iter().enumerate() {
            if let Some(doc) = &self.docs[c] {
                let ceiling = if past {
                    scroll::limit_of(doc, rows)
                } else {
                    scroll::end_of(doc, rows)
                };
                self.scroll[c] = self.scroll[c].min(ceiling);
            }
        }
        self.ensure_doc();
    }
}

/// Everything outside a chapter that changes its layout, for these words and options.
fn doc_context<'a>(text: &'a Text, options: &Options) -> DocContext<'a> {
    DocContext {
        text,
        today: options.today,
        figures: match options.look {
            l if l.screen_reader => Figures::AltText,
            l if l.glyphs.ascii => Figures::Ascii,
            _ => Figures::Drawn,
        },
    }
}
