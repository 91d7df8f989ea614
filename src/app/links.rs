//! Focus on the chapter's links: `f` / `F` step through every link of the chapter in reading
//! order, scrolling the focused one into view, and the focus is let go once the link leaves
//! the screen. Part of `update`; draws nothing.

use super::{App, Message};

impl App {
    /// The link units of the current chapter with their first lines, in reading order.
    fn links(&self) -> Vec<(usize, usize)> {
        let Some(doc) = self.doc() else {
            return Vec::new();
        };
        self.handbook().chapters[self.chapter]
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.kind.target().is_some())
            .filter_map(|(i, _)| doc.unit_line.get(i).map(|l| (i, *l)))
            .collect()
    }

    fn on_screen(&self, line: usize) -> bool {
        line >= self.top() && line < self.top() + self.body_height()
    }

    /// Focuses the next (or previous) link: after the focused one, or else the first one from
    /// the top of the screen down (the last one from its bottom up), going round the chapter.
    pub(super) fn move_focus(&mut self, forward: bool) {
        let links = self.links();
        let n = links.len();
        if n == 0 {
            self.focus = None;
            self.message = Some(Message::NoLinks);
            return;
        }
        let (top, bottom) = (self.top(), self.top() + self.body_height());
        let current = self
            .focus
            .and_then(|f| links.iter().position(|(u, _)| *u == f));
        let next = match (current, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => links.iter().position(|(_, l)| *l >= top).unwrap_or(0),
            (None, false) => links
                .iter()
                .rposition(|(_, l)| *l < bottom)
                .unwrap_or(n - 1),
        };
        let (unit, line) = links[next];
        if !self.on_screen(line) {
            // A third of the way down, with the text before it for context.
            let rows = self.body_height();
            self.scroll_to(line.saturating_sub(rows / 3));
        }
        self.focus = Some(unit);
    }

    /// Lets go of a focused link that is no longer on screen, so Enter never opens a link the
    /// reader cannot see.
    pub(super) fn drop_hidden_focus(&mut self) {
        let line = self
            .focus
            .and_then(|f| self.doc().and_then(|d| d.unit_line.get(f).copied()));
        if line.is_some_and(|l| !self.on_screen(l)) {
            self.focus = None;
        }
    }
}
