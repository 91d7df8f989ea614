//! Phone numbers as a chapter writes them, parsed strictly into the one number a phone dials:
//! ASCII digits with the usual separators (space, `-`, `.`, one pair of parentheses) and a
//! leading `+` with the country code; a number without `+` is a 10-digit US or Canada number,
//! optionally after a `1`. Anything else (letters, a second number, words such as "option 2",
//! digits from other scripts) is refused with the place and the reason, since a QR code made
//! from a guess could dial a stranger. Reads no file and draws nothing.

/// A number a phone can dial, with what to dial after the call connects.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Phone {
    /// The international number, digits only, without the `+` (E.164).
    pub digits: String,
    /// The same number for people, built from `digits` so it always shows what is dialled:
    /// "+1 310-423-4566", or the author's digit groups after the `+`.
    pub display: String,
    /// Digits to dial once the call connects (a menu option or an extension), from the
    /// contact's own `extension` field; never part of the dialled number.
    pub extension: Option<String>,
}

/// Why a phone field is not one dialable number: where (a byte offset in the text) and what
/// to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneError {
    pub offset: usize,
    pub message: String,
}

impl Phone {
    /// The `tel:` URI (RFC 3966, global form) a QR code carries.
    pub fn tel_uri(&self) -> String {
        format!("tel:+{}", self.digits)
    }
}

/// The longest international number (E.164) and the shortest one any country uses.
const MAX_DIGITS: usize = 15;
const MIN_DIGITS: usize = 7;
/// The longest `extension`.
pub const MAX_EXTENSION: usize = 8;

fn err(offset: usize, message: impl Into<String>) -> Result<Phone, PhoneError> {
    Err(PhoneError {
        offset,
        message: message.into(),
    })
}

/// The number `text` writes, or why it is not exactly one.
pub fn parse(text: &str) -> Result<Phone, PhoneError> {
    let mut digits = String::new();
    let mut groups: Vec<String> = vec![String::new()];
    let mut plus = false;
    let mut open: Option<usize> = None;
    let mut had_parens = false;
    for (i, c) in text.char_indices() {
        match c {
            '0'..='9' => {
                digits.push(c);
                if let Some(g) = groups.last_mut() {
                    g.push(c);
                }
            }
            '+' if digits.is_empty() && !plus && open.is_none() && !had_parens => plus = true,
            '+' => {
                return err(
                    i,
                    "a `+` may only start the number, before the country code",
                );
            }
            ' ' | '-' | '.' | '\u{a0}' => {
                if !groups.last().is_some_and(String::is_empty) {
                    groups.push(String::new());
                }
            }
            '(' if open.is_none() && !had_parens => {
                open = Some(i);
                if !groups.last().is_some_and(String::is_empty) {
                    groups.push(String::new());
                }
            }
            '(' => {
                return err(
                    i,
                    "use at most one pair of parentheses, around the area code",
                );
            }
            ')' => {
                let Some(start) = open.take() else {
                    return err(i, "this `)` closes no `(`");
                };
                let inside = &text[start + 1..i];
                if inside.is_empty() || !inside.bytes().all(|b| b.is_ascii_digit()) {
                    return err(start, "parentheses may hold only the area code's digits");
                }
                if plus && inside.trim_start_matches('0').is_empty() {
                    return err(
                        start,
                        "leave out the (0): it is dialled only from inside the country, not after `+` and the country code",
                    );
                }
                had_parens = true;
                groups.push(String::new());
            }
            c if c.is_numeric() => {
                return err(
                    i,
                    format!(
                        "{c:?} is not one of the digits 0-9 that a phone dials; type the number with the digits 0-9"
                    ),
                );
            }
            c if c.is_alphabetic() && digits.len() >= 10 => {
                return err(
                    i,
                    "`phone` holds one number and nothing else; put what to dial after the call connects (\"option 2\", \"ext. 2\") in `extension`, as extension = \"2\"",
                );
            }
            c if c.is_alphabetic() => {
                return err(
                    i,
                    "a phone cannot dial letters; write the number in digits (1-800-233-2771, not 1-800-CEDARS-1)",
                );
            }
            ',' | ';' | '#' | '*' if !digits.is_empty() => {
                return err(
                    i,
                    format!(
                        "{c:?} ends the number; `phone` holds one number and nothing else; put what to dial after the call connects in `extension`, as extension = \"2\""
                    ),
                );
            }
            '/' | '|' | '&' if !digits.is_empty() => {
                return err(
                    i,
                    "`phone` holds one number; give each other number its own contact",
                );
            }
            c => {
                return err(
                    i,
                    format!(
                        "{c:?} does not belong in a phone number; use the digits 0-9, spaces, `-`, `.`, one pair of parentheses and a leading `+`"
                    ),
                );
            }
        }
    }
    if let Some(start) = open {
        return err(start, "this `(` is never closed");
    }
    let end = text.len();
    if digits.is_empty() {
        return err(
            0,
            "`phone` has no digits; write the number, such as 310-423-4566",
        );
    }
    groups.retain(|g| !g.is_empty());
    if plus {
        if digits.len() < MIN_DIGITS || digits.len() > MAX_DIGITS {
            return err(
                0,
                format!(
                    "an international number has {MIN_DIGITS} to {MAX_DIGITS} digits with its country code; this one has {}",
                    digits.len()
                ),
            );
        }
        if digits.starts_with('0') {
            return err(
                0,
                "a country code never starts with 0; write `+` and then the country code",
            );
        }
        if let Some(national) = digits.strip_prefix('1') {
            return nanp(national, 0);
        }
        return Ok(Phone {
            display: format!("+{}", groups.join(" ")),
            digits,
            extension: None,
        });
    }
    match digits.len() {
        10 => nanp(&digits, 0),
        11 if digits.starts_with('1') => nanp(&digits[1..], 0),
        n if n < 10 => err(
            end,
            format!(
                "this number has only {n} digits; write the whole number with its area code (310-423-4566), or `+` and the country code for a number outside the US and Canada"
            ),
        ),
        n => err(
            0,
            format!(
                "this number has {n} digits, more than a US or Canada number; start a number from another country with `+` and its country code"
            ),
        ),
    }
}

/// A US or Canada number from its 10 national digits.
fn nanp(national: &str, at: usize) -> Result<Phone, PhoneError> {
    let b = national.as_bytes();
    if b.len() != 10 {
        return err(
            at,
            format!(
                "a number with country code 1 (US and Canada) has 10 digits after the 1; this one has {}",
                b.len()
            ),
        );
    }
    if matches!(b[0], b'0' | b'1') {
        return err(
            at,
            format!(
                "{} is not a US or Canada area code: those never start with 0 or 1",
                &national[..3]
            ),
        );
    }
    if matches!(b[3], b'0' | b'1') {
        return err(
            at,
            format!(
                "{}-{}... is not a US or Canada number: the three digits after the area code never start with 0 or 1",
                &national[..3],
                &national[3..6]
            ),
        );
    }
    Ok(Phone {
        digits: format!("1{national}"),
        display: format!(
            "+1 {}-{}-{}",
            &national[..3],
            &national[3..6],
            &national[6..]
        ),
        extension: None,
    })
}

/// The digits of an `extension` field, or what is wrong with them.
pub fn parse_extension(text: &str) -> Result<String, PhoneError> {
    if let Some((i, c)) = text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        return Err(PhoneError {
            offset: i,
            message: format!(
                "`extension` holds only the digits 0-9 to dial after the call connects (extension = \"2\"), not {c:?}"
            ),
        });
    }
    if text.is_empty() || text.len() > MAX_EXTENSION {
        return Err(PhoneError {
            offset: 0,
            message: format!("`extension` holds 1 to {MAX_EXTENSION} digits (extension = \"2\")"),
        });
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> (String, String) {
        let p = parse(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
        (p.tel_uri(), p.display)
    }

    fn refused(text: &str) -> PhoneError {
        match parse(text) {
            Ok(p) => panic!("{text:?} parsed as {p:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn the_ways_people_write_one_number_are_read_as_it() {
        let direct = ("tel:+13104234566".to_owned(), "+1 310-423-4566".to_owned());
        for text in [
            "310-423-4566",
            "(310) 423-4566",
            "310.423.4566",
            "310 423 4566",
            "3104234566",
            "1-310-423-4566",
            "1 (310) 423-4566",
            "+1 310 423 4566",
            "+1 (310) 423-4566",
            "+13104234566",
        ] {
            assert_eq!(ok(text), direct, "{text}");
        }
        assert_eq!(
            ok("1-800-233-2771"),
            ("tel:+18002332771".into(), "+1 800-233-2771".into())
        );
        assert_eq!(
            ok("+44 20 7946 0000"),
            ("tel:+442079460000".into(), "+44 20 7946 0000".into())
        );
        assert_eq!(
            ok("+34 912-345-678"),
            ("tel:+34912345678".into(), "+34 912 345 678".into())
        );
    }

    #[test]
    fn words_after_the_number_are_refused_where_they_start() {
        let e = refused("310-423-4566, option 2");
        assert_eq!(e.offset, 12);
        assert!(e.message.contains("extension = \"2\""), "{e:?}");
        let e = refused("310-423-4566 option 2");
        assert_eq!(e.offset, 13);
        assert!(e.message.contains("extension"), "{e:?}");
        for text in [
            "310-423-4566 ext. 2",
            "310-423-4566 x2",
            "310-423-4566;2",
            "310-423-4566#2",
        ] {
            assert!(refused(text).message.contains("extension"), "{text}");
        }
    }

    #[test]
    fn digits_from_other_scripts_are_refused() {
        // Fullwidth, Arabic-Indic and Devanagari digits look like digits but no keypad has them.
        for text in [
            "３１０-４２３-４５６６",
            "310-423-４５６６",
            "٣١٠٤٢٣٤٥٦٦",
            "३१०४२३४५६६",
        ] {
            let e = refused(text);
            assert!(e.message.contains("digits 0-9"), "{text}: {e:?}");
        }
        assert_eq!(refused("310-423-４５６６").offset, 8);
    }

    #[test]
    fn letters_two_numbers_and_odd_shapes_are_refused() {
        let e = refused("1-800-CEDARS-1 (1-800-233-2771)");
        assert_eq!(e.offset, 6);
        assert!(e.message.contains("letters"), "{e:?}");
        assert!(
            refused("310-423-4566 / 310-423-4567")
                .message
                .contains("own contact")
        );
        for text in [
            "",
            "+",
            "911",
            "423-4566",
            "++1 310 423 4566",
            "310+423-4566",
            "((310)) 423-4566",
            "(310 423-4566",
            "310) 423-4566",
            "() 310-423-4566",
            "(310) (423) 4566",
            "+44 (0)20 7946 0000",
            "+0 310 423 4566",
            "+1 310 423 456",
            "110-423-4566",
            "310-123-4566",
            "0310-423-4566",
            "12-310-423-4566",
            "+1234567890123456",
            "310_423_4566",
            "310\u{2011}423\u{2011}4566",
        ] {
            let e = refused(text);
            assert!(e.offset <= text.len(), "{text}: {e:?}");
            assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn extensions_are_digits_only() {
        assert_eq!(parse_extension("2").as_deref(), Ok("2"));
        assert_eq!(parse_extension("0042").as_deref(), Ok("0042"));
        for text in ["", "option 2", "２", "2#", "123456789"] {
            assert!(parse_extension(text).is_err(), "{text}");
        }
        assert_eq!(parse_extension("12a").unwrap_err().offset, 2);
    }
}
