//! The characters marks and borders are drawn with: Unicode where the terminal's font has
//! them, ASCII on the Linux console or with `--ascii`. Only the set; where each is used is the
//! view's.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub bullet: &'static str,
    pub bar: &'static str,
    pub arrow: &'static str,
    pub focus: &'static str,
    pub more_left: &'static str,
    pub more_right: &'static str,
    pub ellipsis: &'static str,
    pub separator: &'static str,
    /// Console-safe: ASCII marks, borders and key names, and every other character a console
    /// font lacks replaced when drawn (`console`). `--ascii`, or by itself on the console.
    pub ascii: bool,
}

impl Glyphs {
    pub fn new(ascii: bool) -> Glyphs {
        if ascii {
            Glyphs {
                bullet: "* ",
                bar: "| ",
                arrow: "> ",
                focus: ">",
                more_left: "<",
                more_right: ">",
                ellipsis: "...",
                separator: " | ",
                ascii,
            }
        } else {
            Glyphs {
                bullet: "• ",
                bar: "┃ ",
                arrow: "→ ",
                focus: "▶",
                more_left: "‹",
                more_right: "›",
                ellipsis: "…",
                separator: " · ",
                ascii,
            }
        }
    }
}
