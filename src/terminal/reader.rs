//! The key reader: terminal events, read on a thread of their own, passed to the event loop.
//! Also tells a terminal's late answer to the background question from keys. A terminal on a
//! slow link (SSH far away) can answer after the start-up deadline; crossterm's parser then
//! gives that answer as keys (`ESC ]` as Alt+`]`, its text as characters, which would open the
//! search and type into it), so while an answer may still come, keys that spell one are held
//! and passed on as the answer. Decides nothing about what keys do (`keymap`) or what a
//! background means for the palette (`theme`).

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyModifiers};

use super::Input;
use crate::detect::{self, Late};

/// How far apart the pieces of one answer may come. A terminal writes its answer at once, so
/// its pieces are read together; a person's keys come farther apart than this.
const PIECE_GAP: Duration = Duration::from_millis(30);

/// The longest answer text held: `11;rgb:RRRR/GGGG/BBBB` is 21 characters.
const LONGEST: usize = 48;

/// Reads events until the terminal is gone or the loop has ended. `late`: the background
/// question's answer may still come.
pub(super) fn spawn(tx: mpsc::Sender<Input>, late: Option<Late>) {
    thread::spawn(move || {
        let mut answer = late.map(|late| Answer::new(late.begun));
        loop {
            // The next piece of an answer that has begun must come soon, or it was keys.
            if let Some(held) = answer.as_mut().filter(|a| a.inside()) {
                match event::poll(PIECE_GAP) {
                    Ok(true) => {}
                    Ok(false) => {
                        if !send_keys(&tx, held.interrupted()) {
                            break;
                        }
                        continue;
                    }
                    Err(_) => {
                        let _ = tx.send(Input::Gone);
                        break;
                    }
                }
            }
            let event = match event::read() {
                Ok(e) => e,
                Err(_) => {
                    let _ = tx.send(Input::Gone);
                    break;
                }
            };
            let sent = match (event, answer.as_mut()) {
                (Event::Key(key), Some(held)) => match held.feed(key) {
                    Step::Held => true,
                    Step::Answer(background) => {
                        // One question was asked: one answer is awaited.
                        answer = None;
                        background.is_none_or(|b| tx.send(Input::Answer(b)).is_ok())
                    }
                    Step::Keys(keys) => send_keys(&tx, keys),
                },
                (event, _) => tx.send(Input::Event(event)).is_ok(),
            };
            if !sent {
                break;
            }
        }
    });
}

fn send_keys(tx: &mpsc::Sender<Input>, keys: Vec<KeyEvent>) -> bool {
    keys.into_iter()
        .all(|key| tx.send(Input::Event(Event::Key(key))).is_ok())
}

/// An OSC 11 answer as crossterm's key parser gives it: `ESC ]` as Alt+`]`, its text as
/// characters, and its end, BEL or `ESC \`, as Ctrl+G or Alt+`\`.
#[derive(Debug)]
struct Answer {
    /// An answer has begun.
    inside: bool,
    /// Its text so far.
    text: String,
    /// The keys it came as, handed on as keys if it turns out not to be one.
    held: Vec<KeyEvent>,
}

/// What a key was.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    /// Held: part of what may be an answer.
    Held,
    /// The end of an answer: the background it gives, if its colour reads.
    Answer(Option<detect::Background>),
    /// Not an answer: these keys, in the order they came.
    Keys(Vec<KeyEvent>),
}

impl Answer {
    /// `begun`: the text of an answer the start-up read had begun.
    fn new(begun: Option<String>) -> Self {
        Answer {
            inside: begun.is_some(),
            text: begun.unwrap_or_default(),
            held: Vec::new(),
        }
    }

    fn inside(&self) -> bool {
        self.inside
    }

    fn feed(&mut self, key: KeyEvent) -> Step {
        if !self.inside {
            if is(key, ']', KeyModifiers::ALT) {
                self.inside = true;
                self.held.push(key);
                return Step::Held;
            }
            return Step::Keys(vec![key]);
        }
        if is(key, 'g', KeyModifiers::CONTROL) || is(key, '\\', KeyModifiers::ALT) {
            let text = std::mem::take(&mut self.text);
            self.held.clear();
            self.inside = false;
            return Step::Answer(detect::answered(&text));
        }
        let plain = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
        match key.code {
            KeyCode::Char(c) if plain && c.is_ascii_graphic() && self.text.len() < LONGEST => {
                self.text.push(c);
                self.held.push(key);
                Step::Held
            }
            _ => {
                let mut keys = self.interrupted();
                keys.push(key);
                Step::Keys(keys)
            }
        }
    }

    /// It stopped looking like an answer: what was held was keys.
    fn interrupted(&mut self) -> Vec<KeyEvent> {
        self.inside = false;
        self.text.clear();
        std::mem::take(&mut self.held)
    }
}

fn is(key: KeyEvent, c: char, modifiers: KeyModifiers) -> bool {
    key.code == KeyCode::Char(c) && key.modifiers == modifiers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Background;

    /// The keys crossterm's parser gives for `bytes`, as a terminal would send them.
    fn keys(bytes: &str) -> Vec<KeyEvent> {
        let mut out = Vec::new();
        let mut chars = bytes.chars();
        while let Some(c) = chars.next() {
            out.push(match c {
                '\x1b' => {
                    let next = chars.next().expect("ESC and a character");
                    KeyEvent::new(KeyCode::Char(next), KeyModifiers::ALT)
                }
                '\x07' => KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL),
                c if c.is_ascii_uppercase() => KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT),
                c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            });
        }
        out
    }

    /// Feeds `input` and collects what comes out: keys passed on and answers.
    fn run(answer: &mut Answer, input: &str) -> (Vec<KeyEvent>, Vec<Option<Background>>) {
        let (mut passed, mut answers) = (Vec::new(), Vec::new());
        for key in keys(input) {
            match answer.feed(key) {
                Step::Held => {}
                Step::Answer(b) => answers.push(b),
                Step::Keys(k) => passed.extend(k),
            }
        }
        (passed, answers)
    }

    #[test]
    fn a_late_answer_is_an_answer_not_keys() {
        for (text, shade) in [
            ("\x1b]11;rgb:ffff/ffff/ffff\x1b\\", Background::Light),
            ("\x1b]11;rgb:00/2b/36\x07", Background::Dark),
            ("\x1b]11;rgb:FDFD/F6F6/E3E3\x07", Background::Light),
        ] {
            let (passed, answers) = run(&mut Answer::new(None), text);
            assert_eq!(passed, [], "{text:?}");
            assert_eq!(answers, [Some(shade)], "{text:?}");
        }
    }

    #[test]
    fn keys_around_it_pass_as_they_came() {
        let (passed, answers) = run(&mut Answer::new(None), "2j\x1b]11;rgb:0/0/0\x07q");
        assert_eq!(passed, keys("2jq"));
        assert_eq!(answers, [Some(Background::Dark)]);
    }

    #[test]
    fn what_only_starts_like_an_answer_is_keys() {
        // Alt+] and then an arrow key, or Enter: not an answer. Nothing is lost or reordered.
        let mut answer = Answer::new(None);
        let (mut passed, answers) = run(&mut answer, "\x1b]1");
        let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
        match answer.feed(down) {
            Step::Keys(k) => passed.extend(k),
            other => panic!("{other:?}"),
        }
        let mut expected = keys("\x1b]1");
        expected.push(down);
        assert_eq!(passed, expected);
        assert_eq!(answers, []);
        // The pieces stopped coming: the held keys are handed on by the reader.
        let (_, _) = run(&mut answer, "\x1b]");
        assert!(answer.inside());
        assert_eq!(answer.interrupted(), keys("\x1b]"));
        assert!(!answer.inside());
    }

    #[test]
    fn an_answer_begun_at_start_up_is_finished() {
        let mut answer = Answer::new(Some("11;rgb:ff".into()));
        assert!(answer.inside());
        let (passed, answers) = run(&mut answer, "ff/ffff/ffff\x07");
        assert_eq!(passed, []);
        assert_eq!(answers, [Some(Background::Light)]);
    }

    #[test]
    fn an_answer_that_does_not_read_is_still_not_keys() {
        let (passed, answers) = run(&mut Answer::new(None), "\x1b]11;#ffffff\x07");
        assert_eq!(passed, []);
        assert_eq!(answers, [None]);
    }

    #[test]
    fn an_endless_answer_is_let_go() {
        let long = format!("\x1b]11;{}", "0".repeat(LONGEST + 5));
        let (passed, answers) = run(&mut Answer::new(None), &long);
        assert_eq!(answers, []);
        assert!(!passed.is_empty());
    }
}
