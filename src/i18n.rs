//! The interface's own words in every language the handbook ships: labels, hints, prompts and
//! notices. Content words come from the handbook files, never from here; this module holds no
//! logic beyond choosing a language.

/// The interface languages. Content editions in another language fall back to English words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Es,
}

impl Lang {
    /// The language for a code such as "es" or a locale such as "es_MX.UTF-8".
    pub fn from_code(code: &str) -> Option<Lang> {
        let lower = code.to_ascii_lowercase();
        let primary = lower.split(['_', '-', '.', '@']).next().unwrap_or("");
        match primary {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    pub fn text(self) -> &'static Text {
        match self {
            Lang::En => &EN,
            Lang::Es => &ES,
        }
    }
}

/// Every interface string. A field per string keeps a missing translation a compile error.
#[derive(Debug)]
pub struct Text {
    pub get_help_now: &'static str,
    pub note: &'static str,
    pub see: &'static str,
    pub phone: &'static str,
    /// Beside a contact's extension: the digits to dial once the call connects.
    pub extension: &'static str,
    pub hours: &'static str,
    pub reviewed: &'static str,
    pub next_review: &'static str,
    pub version: &'static str,
    pub source: &'static str,
    pub key_points: &'static str,
    pub contents: &'static str,
    pub review_overdue: &'static str,
    pub months: [&'static str; 12],
    pub enlarge: &'static str,
    /// Beside the drawn area when the window is larger than the program draws.
    pub window_too_large: &'static str,
    pub help_title: &'static str,
    pub help_close: &'static str,
    pub outline_title: &'static str,
    pub search_title: &'static str,
    pub search_prompt: &'static str,
    pub search_type_more: &'static str,
    pub no_results: &'static str,
    pub search_preparing: &'static str,
    pub no_results_hint: &'static str,
    /// Before the handbook's words closest to a query that found nothing.
    pub did_you_mean: &'static str,
    /// Before the list of chapters, when a search found nothing.
    pub chapters_are: &'static str,
    pub results_count: &'static str,
    pub result_one: &'static str,
    pub hit_of: &'static str,
    pub top: &'static str,
    pub end: &'static str,
    pub all: &'static str,
    pub welcome_how: &'static str,
    pub press_any_key: &'static str,
    pub languages: &'static str,
    pub idle_notice_title: &'static str,
    pub idle_notice: &'static str,
    pub qr_title: &'static str,
    pub qr_scan: &'static str,
    pub qr_none: &'static str,
    pub qr_too_small: &'static str,
    /// On the console, where the window cannot grow: what staff can do (`{size}`: columns x rows).
    pub qr_console_font: &'static str,
    pub link_follow_hint: &'static str,
    pub no_links: &'static str,
    pub group_chapters: &'static str,
    pub group_reading: &'static str,
    pub group_links: &'static str,
    pub group_search: &'static str,
    pub group_other: &'static str,
    pub file_error: &'static str,
    /// What each action does, by the keymap's action id.
    pub keys: &'static [(&'static str, &'static str)],
    /// The status line's short word for an action, by action id.
    pub hints: &'static [(&'static str, &'static str)],
    /// Key names as printed on this language's keyboards, by their English name.
    pub key_names: &'static [(&'static str, &'static str)],
}

pub static EN: Text = Text {
    get_help_now: "GET HELP NOW",
    note: "Note",
    see: "See",
    phone: "Phone",
    extension: "Then press",
    hours: "Hours",
    reviewed: "Reviewed",
    next_review: "Next review",
    version: "Handbook version",
    source: "Source",
    key_points: "KEY POINTS",
    contents: "Contents",
    review_overdue: "Due for review: this chapter may be out of date. Ask the clinic staff.",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    enlarge: "Please enlarge the window",
    window_too_large: "The window is larger than the handbook draws; it uses the top left",
    help_title: "Keys",
    help_close: "Esc or ? closes this help",
    outline_title: "Sections",
    search_title: "Search",
    search_prompt: "Search: ",
    search_type_more: "Type a word to search all chapters.",
    no_results: "No results.",
    search_preparing: "Getting search ready...",
    no_results_hint: "Check the spelling, try a shorter word, or browse the chapters with Tab.",
    did_you_mean: "Did you mean:",
    chapters_are: "Chapters:",
    results_count: "results",
    result_one: "result",
    hit_of: "hit {n} of {total}",
    top: "Top",
    end: "End",
    all: "All",
    welcome_how: "Use the arrow keys or Tab to move, / to search, ? for help.",
    press_any_key: "Press any key to start",
    languages: "Language: press L to change",
    idle_notice_title: "Still reading?",
    idle_notice: "The handbook will start over soon for the next person. Press any key or touch the screen to keep reading.",
    qr_title: "Scan to save the number",
    qr_scan: "Point your phone's camera at the code.",
    qr_none: "This handbook has no number to scan.",
    qr_too_small: "Make the window larger to show the code.",
    qr_console_font: "Staff: the code needs a screen of {size}; load a smaller console font (setfont).",
    link_follow_hint: "Enter opens the link",
    no_links: "This chapter has no links.",
    group_chapters: "Chapters",
    group_reading: "Reading",
    group_links: "Links",
    group_search: "Search",
    group_other: "Other",
    file_error: "A handbook file has a problem; the last good version is shown",
    keys: &[
        ("next_chapter", "Next chapter"),
        ("prev_chapter", "Previous chapter"),
        ("go_to_chapter", "Go to chapter 1 to {last}"),
        ("line_up", "Scroll up one line"),
        ("line_down", "Scroll down one line"),
        ("page_up", "Page up"),
        ("page_down", "Page down"),
        ("top", "Go to the top"),
        ("bottom", "Go to the end"),
        ("prev_section", "Previous section"),
        ("next_section", "Next section"),
        ("outline", "List the sections"),
        ("next_link", "Focus the next link"),
        ("prev_link", "Focus the previous link"),
        ("follow", "Open the focused link"),
        ("back", "Go back"),
        ("search", "Search all chapters"),
        ("next_hit", "Next search hit"),
        ("prev_hit", "Previous search hit"),
        ("select_prev", "Previous entry"),
        ("select_next", "Next entry"),
        ("choose", "Open the chosen entry"),
        ("delete_char", "Delete a letter"),
        ("clear_input", "Clear the search"),
        ("qr", "Phone number as a QR code"),
        ("switch_language", "Switch language"),
        ("redraw", "Redraw the screen"),
        ("help", "Show or hide this help"),
        ("cancel", "Close, or clear search highlights"),
        ("quit", "Quit"),
        ("start_over", "Start over"),
    ],
    hints: &[
        ("next_chapter", "next"),
        ("outline", "sections"),
        ("search", "search"),
        ("help", "help"),
        ("quit", "quit"),
        ("start_over", "start over"),
        ("qr", "QR code"),
    ],
    key_names: &[],
};

pub static ES: Text = Text {
    get_help_now: "BUSQUE AYUDA YA",
    note: "Nota",
    see: "Vea",
    phone: "Teléfono",
    extension: "Después marque",
    hours: "Horario",
    reviewed: "Revisado en",
    next_review: "Próxima revisión",
    version: "Versión del manual",
    source: "Fuente",
    key_points: "PUNTOS CLAVE",
    contents: "Contenido",
    review_overdue: "Revisión pendiente: este capítulo puede no estar al día. Pregunte al personal.",
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    enlarge: "Agrande la ventana, por favor",
    window_too_large: "La ventana es más grande de lo que usa el manual; usa la parte de arriba a la izquierda",
    help_title: "Teclas",
    help_close: "Esc o ? cierra esta ayuda",
    outline_title: "Secciones",
    search_title: "Buscar",
    search_prompt: "Buscar: ",
    search_type_more: "Escriba una palabra para buscar en todos los capítulos.",
    no_results: "No hay resultados.",
    search_preparing: "Preparando la búsqueda...",
    no_results_hint: "Revise cómo se escribe, pruebe una palabra más corta o recorra los capítulos con Tab.",
    did_you_mean: "Quizás quiso decir:",
    chapters_are: "Capítulos:",
    results_count: "resultados",
    result_one: "resultado",
    hit_of: "resultado {n} de {total}",
    top: "Principio",
    end: "Final",
    all: "Todo",
    welcome_how: "Use las flechas o Tab para moverse, / para buscar, ? para ayuda.",
    press_any_key: "Presione cualquier tecla para empezar",
    languages: "Idioma: presione L para cambiar",
    idle_notice_title: "¿Sigue leyendo?",
    idle_notice: "El manual volverá pronto al inicio para la próxima persona. Presione cualquier tecla o toque la pantalla para seguir leyendo.",
    qr_title: "Escanee para guardar el número",
    qr_scan: "Apunte la cámara de su teléfono al código.",
    qr_none: "Este manual no tiene un número para escanear.",
    qr_too_small: "Agrande la ventana para ver el código.",
    qr_console_font: "Personal: el código necesita una pantalla de {size}; cargue una fuente de consola más pequeña (setfont).",
    link_follow_hint: "Enter abre el enlace",
    no_links: "Este capítulo no tiene enlaces.",
    group_chapters: "Capítulos",
    group_reading: "Lectura",
    group_links: "Enlaces",
    group_search: "Búsqueda",
    group_other: "Otros",
    file_error: "Un archivo del manual tiene un problema; se muestra la última versión buena",
    keys: &[
        ("next_chapter", "Capítulo siguiente"),
        ("prev_chapter", "Capítulo anterior"),
        ("go_to_chapter", "Ir al capítulo 1 a {last}"),
        ("line_up", "Subir una línea"),
        ("line_down", "Bajar una línea"),
        ("page_up", "Página anterior"),
        ("page_down", "Página siguiente"),
        ("top", "Ir al principio"),
        ("bottom", "Ir al final"),
        ("prev_section", "Sección anterior"),
        ("next_section", "Sección siguiente"),
        ("outline", "Lista de secciones"),
        ("next_link", "Enfocar el enlace siguiente"),
        ("prev_link", "Enfocar el enlace anterior"),
        ("follow", "Abrir el enlace enfocado"),
        ("back", "Volver"),
        ("search", "Buscar en todo el manual"),
        ("next_hit", "Resultado siguiente"),
        ("prev_hit", "Resultado anterior"),
        ("select_prev", "Entrada anterior"),
        ("select_next", "Entrada siguiente"),
        ("choose", "Abrir la entrada elegida"),
        ("delete_char", "Borrar una letra"),
        ("clear_input", "Borrar la búsqueda"),
        ("qr", "Número como código QR"),
        ("switch_language", "Cambiar de idioma"),
        ("redraw", "Volver a dibujar la pantalla"),
        ("help", "Mostrar u ocultar esta ayuda"),
        ("cancel", "Cerrar, o quitar los resaltados"),
        ("quit", "Salir"),
        ("start_over", "Volver al inicio"),
    ],
    hints: &[
        ("next_chapter", "siguiente"),
        ("outline", "secciones"),
        ("search", "buscar"),
        ("help", "ayuda"),
        ("quit", "salir"),
        ("start_over", "inicio"),
        ("qr", "QR"),
    ],
    key_names: &[
        ("Space", "Espacio"),
        ("Enter", "Enter"),
        ("Backspace", "Retroceso"),
        ("Home", "Inicio"),
        ("End", "Fin"),
        ("PgUp", "RePág"),
        ("PgDn", "AvPág"),
        ("Shift", "Mayús"),
        ("Right", "Derecha"),
        ("Left", "Izquierda"),
        ("Up", "Arriba"),
        ("Down", "Abajo"),
    ],
};

impl Text {
    /// What the action with keymap id `id` does; the id itself when no words are given.
    pub fn does<'a>(&'a self, id: &'a str) -> &'a str {
        lookup(self.keys, id).unwrap_or(id)
    }

    /// The status line's short word for the action `id`.
    pub fn hint<'a>(&'a self, id: &'a str) -> &'a str {
        lookup(self.hints, id).unwrap_or(id)
    }

    /// A key's name in this language, from its English name.
    pub fn key_name<'a>(&'a self, english: &'a str) -> &'a str {
        lookup(self.key_names, english).unwrap_or(english)
    }

    /// "hit 3 of 12" in this language.
    pub fn hit_of(&self, n: usize, total: usize) -> String {
        self.hit_of
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }

    /// "November 2026" / "noviembre de 2026".
    pub fn month_year(&self, month: u8, year: u16, lang: Lang) -> String {
        let name = self
            .months
            .get(usize::from(month.max(1)) - 1)
            .copied()
            .unwrap_or("");
        match lang {
            Lang::En => format!("{name} {year}"),
            Lang::Es => format!("{name} de {year}"),
        }
    }
}

fn lookup<'a>(table: &'a [(&'a str, &'a str)], id: &str) -> Option<&'a str> {
    table.iter().find(|(k, _)| *k == id).map(|(_, v)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_choose_a_language() {
        assert_eq!(Lang::from_code("es_ES.UTF-8"), Some(Lang::Es));
        assert_eq!(Lang::from_code("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_code("C"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn dates_read_naturally() {
        assert_eq!(EN.month_year(11, 2026, Lang::En), "November 2026");
        assert_eq!(ES.month_year(3, 2027, Lang::Es), "marzo de 2027");
        assert_eq!(EN.hit_of(3, 12), "hit 3 of 12");
    }
}
