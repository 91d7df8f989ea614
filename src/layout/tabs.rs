//! Where each chapter's tab stands in the tab bar, and what it reads, for a window width: the
//! view draws these and `update` tells from them which tab a click or tap hit. Every tab is
//! shown whenever the window can hold them in some form: roomy, then tight, then with the
//! other tabs' labels shortened (the chosen tab always reads in full). Only in windows too
//! narrow even for that is a run of tabs around the chosen one shown, with "more" marks.
//! Pure functions of labels and width; no drawing, no state.

use unicode_width::UnicodeWidthStr;

/// Characters a shortened label keeps, before its ellipsis.
const MIN_KEPT: usize = 3;

/// A tab as drawn: its chapter, its first column, its width and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tab {
    pub chapter: usize,
    pub x: u16,
    pub width: u16,
    pub text: String,
}

impl Tab {
    pub fn contains(&self, column: u16) -> bool {
        column >= self.x && column < self.x.saturating_add(self.width)
    }
}

/// A tab's text in the roomy form: its number and label, padded, with brackets on the chosen
/// one so the choice does not rest on colour.
pub fn roomy(number: usize, label: &str, selected: bool) -> String {
    if selected {
        format!("[{number} {label}]")
    } else {
        format!(" {number} {label} ")
    }
}

/// The tight form: no padding, brackets still on the chosen tab.
fn tight(number: usize, label: &str, selected: bool) -> String {
    if selected {
        format!("[{number} {label}]")
    } else {
        format!("{number} {label}")
    }
}

fn width_of(s: &str) -> u16 {
    u16::try_from(s.width()).unwrap_or(u16::MAX)
}

/// Places `texts` from column `x` with `gap` columns between them.
fn place(texts: Vec<String>, x: u16, gap: u16) -> Vec<Tab> {
    let mut at = x;
    texts
        .into_iter()
        .enumerate()
        .map(|(chapter, text)| {
            let width = width_of(&text);
            let tab = Tab {
                chapter,
                x: at,
                width,
                text,
            };
            at = at.saturating_add(width).saturating_add(gap);
            tab
        })
        .collect()
}

fn total(texts: &[String], gap: u16) -> u16 {
    let n = u16::try_from(texts.len()).unwrap_or(u16::MAX);
    texts
        .iter()
        .map(|t| width_of(t))
        .fold(0u16, u16::saturating_add)
        .saturating_add(gap.saturating_mul(n.saturating_sub(1)))
}

/// The tabs for a window `width` columns wide, with `selected` chosen. `ellipsis` ends a
/// shortened label.
pub fn tabs(labels: &[&str], selected: usize, width: u16, ellipsis: &str) -> Vec<Tab> {
    let roomy_texts: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| roomy(i + 1, l, i == selected))
        .collect();
    // One column of margin on the left, as the body has.
    if total(&roomy_texts, 0) <= width.saturating_sub(1) {
        return place(roomy_texts, 1, 0);
    }
    let mut kept: Vec<usize> = labels.iter().map(|l| l.chars().count()).collect();
    let texts = |kept: &[usize]| -> Vec<String> {
        labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let full = l.chars().count();
                let label = if kept[i] < full {
                    let short: String = l.chars().take(kept[i]).collect();
                    format!("{}{ellipsis}", short.trim_end())
                } else {
                    (*l).to_owned()
                };
                tight(i + 1, &label, i == selected)
            })
            .collect()
    };
    loop {
        let current = texts(&kept);
        let used = total(&current, 1);
        if used <= width {
            let x = u16::from(used < width);
            return place(current, x, 1);
        }
        // Shorten the widest of the other labels that can still give a character.
        let longest = (0..labels.len())
            .filter(|i| *i != selected && kept[*i] > MIN_KEPT)
            .max_by_key(|i| (width_of(&current[*i]), std::cmp::Reverse(*i)));
        match longest {
            Some(i) => kept[i] -= 1,
            None => break,
        }
    }
    window(&roomy_texts, selected, width)
}

/// A run of roomy tabs that contains the chosen one, leaving a column at either end for the
/// "more" marks.
fn window(texts: &[String], selected: usize, width: u16) -> Vec<Tab> {
    let room = width.saturating_sub(2);
    let mut first = 0;
    loop {
        let mut used: u16 = 0;
        let mut shown = Vec::new();
        for (i, text) in texts.iter().enumerate().skip(first) {
            let w = width_of(text);
            if used.saturating_add(w) > room {
                break;
            }
            shown.push(Tab {
                chapter: i,
                x: 1 + used,
                width: w,
                text: text.clone(),
            });
            used = used.saturating_add(w);
        }
        if shown.iter().any(|t| t.chapter == selected)
            || first >= selected
            || first + 1 >= texts.len()
        {
            return shown;
        }
        first += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: [&str; 7] = [
        "Overview",
        "Tendonitis",
        "Rupture",
        "Care team",
        "Research",
        "Training",
        "Contact",
    ];
    const ES: [&str; 7] = [
        "Inicio",
        "Tendinitis",
        "Ruptura",
        "Su equipo",
        "Investigación",
        "Formación",
        "Contacto",
    ];

    #[test]
    fn the_selected_tab_is_always_shown_in_full() {
        for labels in [EN, ES] {
            for sel in 0..labels.len() {
                for width in [20u16, 24, 30, 50, 60, 80, 120] {
                    let shown = tabs(&labels, sel, width, "…");
                    let chosen = shown.iter().find(|t| t.chapter == sel);
                    let chosen = chosen.unwrap_or_else(|| panic!("sel {sel} width {width}"));
                    assert!(chosen.text.contains(labels[sel]), "{:?}", chosen.text);
                    assert!(shown.iter().all(|t| t.x + t.width <= width));
                    for pair in shown.windows(2) {
                        assert!(pair[0].x + pair[0].width <= pair[1].x, "overlap at {width}");
                    }
                }
            }
        }
    }

    #[test]
    fn all_seven_fit_from_sixty_columns() {
        for labels in [EN, ES] {
            for sel in 0..7 {
                for width in [60u16, 70, 80] {
                    let shown = tabs(&labels, sel, width, "…");
                    assert_eq!(shown.len(), 7, "{labels:?} sel {sel} width {width}");
                    assert!(shown.last().unwrap().x + shown.last().unwrap().width <= width);
                }
            }
        }
        let wide = tabs(&EN, 0, 120, "…");
        assert_eq!(wide[0].text, "[1 Overview]");
        assert_eq!(wide[1].text, " 2 Tendonitis ");
    }

    #[test]
    fn labels_give_way_longest_first() {
        let shown = tabs(&ES, 0, 80, "…");
        let texts: Vec<&str> = shown.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts[0], "[1 Inicio]");
        assert!(texts[4].ends_with('…'), "{texts:?}");
        assert!(
            texts.iter().filter(|t| t.ends_with('…')).count() <= 2,
            "{texts:?}"
        );
    }
}
