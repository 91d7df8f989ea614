//! Every theme's styles against the backgrounds and depths it is chosen for.

use super::*;
use crate::palette::{Screen, contrast};

fn caps(background: Background, depth: Depth, colour: bool) -> Caps {
    Caps {
        background,
        depth,
        colour,
        console: depth == Depth::Console,
    }
}

#[test]
fn every_style_of_every_theme_reads_on_its_background() {
    // The view's own styles are checked screen by screen in tests/contrast.rs; this checks
    // each role as the view uses it, text on its own background.
    let mut failures = Vec::new();
    for name in [ThemeName::Default, ThemeName::HighContrast, ThemeName::Mono] {
        for bg in [Background::Light, Background::Dark] {
            for depth in [
                Depth::Console,
                Depth::Ansi16,
                Depth::Ansi256,
                Depth::TrueColor,
            ] {
                if depth == Depth::Console && bg == Background::Light {
                    continue;
                }
                let theme = Theme::new(name, &caps(bg, depth, true));
                let screen = Screen::of(bg, depth);
                for (role, style) in theme.all() {
                    if role.starts_with("qr_") {
                        continue;
                    }
                    let (fg, back) = screen.resolve(theme.base.patch(style));
                    let ratio = contrast(fg, back);
                    if ratio < 4.5 {
                        failures.push(format!("{name:?} {bg:?} {depth:?} {role}: {ratio:.2}"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn high_contrast_never_needs_24_bit_colour() {
    for bg in [Background::Light, Background::Dark] {
        for depth in [Depth::Console, Depth::Ansi16, Depth::Ansi256] {
            let theme = Theme::new(ThemeName::HighContrast, &caps(bg, depth, true));
            for (role, style) in theme.all() {
                for c in [style.fg, style.bg].into_iter().flatten() {
                    assert!(!matches!(c, Color::Rgb(..)), "{role} at {depth:?}");
                    if depth != Depth::Ansi256 {
                        assert!(!matches!(c, Color::Indexed(..)), "{role} at {depth:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn mono_and_no_colour_use_no_colour() {
    for bg in [Background::Light, Background::Dark] {
        for theme in [
            Theme::new(ThemeName::Mono, &caps(bg, Depth::TrueColor, true)),
            Theme::new(ThemeName::Default, &caps(bg, Depth::Ansi16, false)),
            Theme::new(ThemeName::HighContrast, &caps(bg, Depth::Ansi256, false)),
        ] {
            for (_, style) in theme.all() {
                assert_eq!((style.fg, style.bg), (None, None));
            }
            assert!(theme.hit.add_modifier.contains(Modifier::REVERSED));
            assert!(theme.tab_selected.add_modifier.contains(Modifier::REVERSED));
        }
    }
}
