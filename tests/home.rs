//! The kiosk's welcome screen fits every window from the smallest the interface draws in: the
//! emergency line and "press any key" are always whole, and the rest gives way before them.

mod drive;
mod vt;

use std::time::Duration;

use achilles_handbook::app::Options;
use drive::*;

/// The screen's words in reading order, whitespace collapsed, so wrapped lines read as one.
fn words(vt: &vt::Vt) -> String {
    screen(vt).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_welcome_screen_keeps_the_emergency_line_and_the_start_prompt_at_every_size() {
    for (lang, emergency, start) in [
        ("en", "In an emergency, call 911.", "Press any key to start"),
        (
            "es",
            "En una emergencia, llame al 911.",
            "Presione cualquier tecla para empezar",
        ),
    ] {
        for w in [20u16, 24, 30, 40, 50, 80, 100] {
            for h in [6u16, 8, 10, 12, 16, 24, 30] {
                let options = Options::kiosk(TODAY, Some(Duration::from_secs(120)));
                let app = app_with(options, lang, w, h);
                let vt = draw(&app);
                let seen = words(&vt);
                let why = format!("{lang} {w}x{h}:\n{}", screen(&vt));
                assert!(seen.contains(emergency), "no emergency line at {why}");
                assert!(seen.contains(start), "no start prompt at {why}");
                // The emergency line comes before the prompt.
                assert!(seen.find(emergency) < seen.find(start), "{why}");
                if w >= 80 && h >= 24 {
                    let title = &app.handbook().title;
                    assert!(seen.contains(title.as_str()), "title at {why}");
                    assert!(seen.contains("911"), "{why}");
                }
            }
        }
    }
}
