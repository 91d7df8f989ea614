//! The tab bar at the sizes people meet: all seven chapters visible and each one a click or tap
//! away, at 80x24 and on the Linux console's 80x25, in both languages, whichever is chosen.

mod drive;
mod vt;

use crossterm::event::KeyCode;
use drive::*;

/// The column of tab `number`'s digit on the first row, if it is shown.
fn digit_column(vt: &vt::Vt, number: usize) -> Option<u16> {
    let (_, cols) = vt.screen().size();
    let digit = number.to_string();
    (0..cols.get()).find(|x| {
        at(vt, *x, 0) == digit
            && at(vt, x + 1, 0) == " "
            && (*x == 0 || matches!(at(vt, x - 1, 0).as_str(), " " | "["))
    })
}

#[test]
fn all_seven_tabs_show_and_take_clicks_at_80_columns() {
    for lang in ["en", "es"] {
        for (w, h) in [(80, 24), (80, 25), (100, 30)] {
            let mut app = reader(lang, w, h);
            let labels: Vec<String> = app
                .handbook()
                .chapters
                .iter()
                .map(|c| c.tab.clone())
                .collect();
            for chosen in 0..labels.len() {
                key(&mut app, KeyCode::Char(char::from(b'1' + chosen as u8)));
                let vt = draw(&app);
                let bar = row(&vt, 0);
                let why = format!("{lang} {w}x{h}, chapter {}: {bar:?}", chosen + 1);
                assert!(
                    bar.contains(&format!("[{} {}]", chosen + 1, labels[chosen])),
                    "the chosen tab reads in full: {why}"
                );
                assert!(!bar.contains('›') && !bar.contains('‹'), "{why}");
                if w >= 100 {
                    for (i, label) in labels.iter().enumerate() {
                        assert!(bar.contains(&format!("{} {label}", i + 1)), "{why}");
                    }
                }
                for target in 0..labels.len() {
                    let x = digit_column(&vt, target + 1)
                        .unwrap_or_else(|| panic!("tab {} missing: {why}", target + 1));
                    // On the number, and on the label after it.
                    for column in [x, x + 2] {
                        click(&mut app, column, 0);
                        assert_eq!(app.chapter, target, "click at {column}: {why}");
                        key(&mut app, KeyCode::Char(char::from(b'1' + chosen as u8)));
                    }
                }
            }
        }
    }
}

#[test]
fn the_tab_bar_draws_in_ascii_on_the_linux_console() {
    let mut options = achilles_handbook::app::Options::reader(TODAY);
    options.look.glyphs = achilles_handbook::theme::Glyphs::new(true);
    for lang in ["en", "es"] {
        let mut app = app_with(options.clone(), lang, 80, 25);
        key(&mut app, KeyCode::Char('3'));
        let bar = row(&draw(&app), 0);
        assert!(bar.contains("7 "), "{bar:?}");
        assert!(
            bar.chars().all(|c| c.is_ascii() || c.is_alphabetic()),
            "{bar:?}"
        );
    }
}
