//! A third edition made of files only: the Chinese fixture (`tests/fixtures/chinese`) has its
//! own `interface.toml` and no line of Rust of its own. Put beside copies of the shipped English
//! and Spanish editions, it runs in the interface, `print`, `check` and `search` with its own
//! words, wraps by the Unicode line-breaking rules (no line starts with `。` or `，`, text
//! without spaces wraps inside the width, widths as the terminal draws them) and is searched by
//! character pairs.

// These tests run the program as a script would and write the editions they run on; they
// also draw through the program's own drawing path.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

mod common;
mod drive;
mod vt;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use achilles_handbook::action::Action;
use achilles_handbook::app::{App, Options};
use achilles_handbook::content;
use common::{Spawn, Tui};
use crossterm::event::KeyCode;
use unicode_width::UnicodeWidthStr;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/chinese")
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder for the copy");
    for entry in std::fs::read_dir(from).expect("the edition's folder") {
        let path = entry.expect("a file").path();
        std::fs::copy(&path, to.join(path.file_name().expect("a name"))).expect("a copy");
    }
}

/// A handbook of three editions: copies of the shipped English and Spanish ones, and the
/// Chinese fixture as `zh/`, made once per test run.
fn handbook() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = common::temp_dir("three-editions");
        let shipped = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("handbook");
        copy_folder(&shipped.join("en"), &dir.join("en"));
        copy_folder(&shipped.join("es"), &dir.join("es"));
        copy_folder(&fixture(), &dir.join("zh"));
        dir
    })
}

/// The program on the three editions, with a Chinese locale.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_achilles-handbook"))
        .arg("--handbook")
        .arg(handbook())
        .args(args)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("the program runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Marks a Chinese line may not begin with.
const CLOSING: &[char] = &['。', '，', '、', '：', '；', '！', '？', '）', '”', '」'];

/// Lines whose text, after the margin, bars, bullets and boxes the view draws before it, begins
/// with a mark a line may not begin with.
fn bad_starts(lines: &[&str]) -> Vec<String> {
    lines
        .iter()
        .filter(|l| {
            let text = l.trim_start_matches(|c: char| {
                c.is_whitespace() || (!c.is_alphanumeric() && !CLOSING.contains(&c))
            });
            text.starts_with(CLOSING)
        })
        .map(|l| (*l).to_owned())
        .collect()
}

#[test]
fn check_passes_beside_the_shipped_editions_with_its_own_words() {
    // Alone, every interface word is given, so nothing falls back to English.
    let (code, out, err) = run(&["check", fixture().to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("0 warning(s)"), "{out}");
    assert!(!out.contains("missing"), "{out}");
    assert!(
        out.contains("(no reading-level formula for this language)"),
        "{out}"
    );
    // Beside English and Spanish: the same chapters, so three editions and no problem.
    let (code, out, err) = run(&["check", handbook().to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("ok: 3 edition(s), 21 chapters, no errors, 0 warning(s)"),
        "{out}"
    );
}

/// A copy of the fixture alone, with its interface words changed by `edit`.
fn edited(tag: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let dir = common::temp_dir(tag);
    copy_folder(&fixture(), &dir);
    let interface = std::fs::read_to_string(dir.join("interface.toml")).unwrap();
    std::fs::write(dir.join("interface.toml"), edit(&interface)).unwrap();
    dir
}

fn check(dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_achilles-handbook"))
        .arg("check")
        .arg(dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.code().unwrap_or(-1), stdout)
}

#[test]
fn a_missing_word_is_named_by_check_and_shown_in_english() {
    let dir = edited("chinese-missing-word", |interface| {
        interface
            .lines()
            .filter(|l| !l.starts_with("contents =") && !l.starts_with("qr = "))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    let (code, stdout) = check(&dir);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("interface.toml: warning: 3 interface word(s) missing")
            && stdout.contains("contents, keys.qr, hints.qr"),
        "{stdout}"
    );
    // print shows the English word in its place.
    let out = Command::new(env!("CARGO_BIN_EXE_achilles-handbook"))
        .arg("--handbook")
        .arg(&dir)
        .arg("print")
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.lines().any(|l| l == "Contents"), "{printed}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_key_or_placeholder_the_program_cannot_fill_is_a_located_error() {
    let original = std::fs::read_to_string(fixture().join("interface.toml")).unwrap();
    let line_of = |needle: &str| {
        original
            .lines()
            .position(|l| l.contains(needle))
            .expect("the word is in the fixture")
            + 1
    };
    // A key named by an action the table lacks.
    let dir = edited("chinese-bad-key", |i| {
        i.replace("{key:switch_language}", "{key:language}")
    });
    let (code, stdout) = check(&dir);
    assert_eq!(code, 2, "{stdout}");
    let line = line_of("{key:switch_language}");
    assert!(
        stdout.contains(&format!("interface.toml:{line}:"))
            && stdout.contains("{key:language} names no action"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    // A sentence that lost the place where the suggested words go.
    let dir = edited("chinese-bad-placeholder", |i| {
        i.replace("您是不是要找{words}？", "您是不是要找：")
    });
    let (code, stdout) = check(&dir);
    assert_eq!(code, 2, "{stdout}");
    let line = line_of("did_you_mean");
    assert!(
        stdout.contains(&format!("interface.toml:{line}:"))
            && stdout.contains("`did_you_mean` has no {words}"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn print_uses_its_words_and_wraps_inside_the_width() {
    for width in [20, 27, 30, 33, 40, 80] {
        let (code, out, err) = run(&["print", "--width", &width.to_string()]);
        assert_eq!(code, 0, "{err}");
        // Interface words wrap too: compare without line ends.
        let joined: String = out.lines().collect();
        for word in [
            "目录",
            "要点",
            "审阅于 2026年11月",
            "下次审阅：2099年1月",
            "电话",
        ] {
            assert!(joined.contains(word), "{word} at {width}:\n{out}");
        }
        let lines: Vec<&str> = out.lines().collect();
        let wide: Vec<&&str> = lines.iter().filter(|l| l.width() > width).collect();
        assert!(wide.is_empty(), "wider than {width}: {wide:?}");
        let bad = bad_starts(&lines);
        assert!(bad.is_empty(), "at {width}: {bad:?}");
    }
    // A paragraph without spaces fills its lines: it is broken between characters, not
    // left on one line or cut at a space that is not there.
    let (_, out, _) = run(&["print", "--width", "30"]);
    let lines: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("肌腱是"))
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(lines.len() >= 3, "{out}");
    for l in &lines[..lines.len() - 1] {
        assert!(
            l.width() >= 28,
            "a short line inside the paragraph: {l:?} in {lines:?}"
        );
    }
    assert_eq!(
        lines.concat(),
        "肌腱是一条很结实的带子，它把肌肉和骨头连在一起。跟腱在小腿的后面，从小腿肌肉一直连到脚跟骨。它是全身最大、最结实的肌腱，我们走路、跑步和跳跃的时候，每一步都要用到它。"
    );
}

#[test]
fn search_finds_words_in_text_without_spaces() {
    // A two-character word inside a run of characters: "淤青" (a bruise), in one bullet.
    let (code, out, err) = run(&["search", "淤青"]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("断裂 > 会有什么感觉"), "{out}");
    assert!(lines.next().unwrap_or("").contains("可能有淤青"), "{out}");
    // One character: "钙" (calcium) is in one sentence of one chapter.
    let (code, out, err) = run(&["search", "钙"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().next(), Some("肌腱炎 > 为什么会疼"), "{out}");
    // Three characters: "脚跟骨" (heel bone) in "一直连到脚跟骨。".
    let (code, out, _) = run(&["search", "脚跟骨"]);
    assert_eq!(code, 0);
    assert!(
        out.lines().next().unwrap_or("").starts_with("概述"),
        "{out}"
    );
    // A synonym from the manifest: "撕裂" finds "断裂".
    let (code, out, _) = run(&["search", "撕裂"]);
    assert_eq!(code, 0);
    assert!(out.contains("断裂"), "{out}");
    // Only the Chinese edition is searched: an English word the others have finds nothing.
    let (code, _, _) = run(&["search", "calcium"]);
    assert_eq!(code, 1);
    // Nothing: grep's status 1 and the edition's own words, its own punctuation included.
    let (code, out, err) = run(&["search", "飞机"]);
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("没有找到结果。"), "{err}");
    assert!(err.contains("章节：概述, 肌腱炎, 断裂"), "{err}");
}

#[test]
fn an_absent_language_lists_the_three_editions() {
    let (code, _, err) = run(&["--lang", "fr", "print"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("en (English), es (Español), zh (中文)"),
        "{err}"
    );
    let (code, out, _) = run(&["--lang", "zh-Hans-CN", "print", "--width", "40"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("跟腱手册"), "{out}");
}

/// The Chinese edition through the program's own drawing path.
fn app(width: u16, height: u16) -> App {
    let library = content::load(Some(handbook()))
        .library
        .expect("the three editions load");
    let mut options = Options::reader(drive::TODAY);
    options.language = Some("zh".to_owned());
    let mut app = App::new(Arc::new(library), options, Duration::ZERO);
    app.update(Action::Resize { width, height }, Duration::ZERO);
    app
}

#[test]
fn the_interface_wraps_chinese_by_the_rules_at_every_width() {
    for width in 30..=60 {
        let mut app = app(width, 40);
        for _ in 0..7 {
            let vt = drive::draw(&app);
            let screen = drive::screen(&vt);
            let lines: Vec<&str> = screen.lines().collect();
            let bad = bad_starts(&lines);
            assert!(bad.is_empty(), "at {width}: {bad:?}\n{screen}");
            // Nothing is cut at the right edge: the ratatui width of each row fits.
            for l in &lines {
                assert!(l.width() <= usize::from(width), "{l:?}");
            }
            drive::key(&mut app, KeyCode::Tab);
        }
    }
}

#[test]
fn a_box_over_chinese_text_keeps_its_border() {
    // The help's box starts beside wide characters of the page beneath; each of its rows
    // must show the border in the same column, not the page's character spilling over it.
    let mut app = app(80, 24);
    drive::key(&mut app, KeyCode::Char('?'));
    let vt = drive::draw(&app);
    let screen = drive::screen(&vt);
    let column = |y: u16, c: &str| (0..80).find(|x| drive::at(&vt, *x, y) == c);
    let top = (0..24)
        .find(|y| column(*y, "╭").is_some())
        .expect("the help's box");
    let bottom = (0..24)
        .find(|y| column(*y, "╰").is_some())
        .expect("the help's box");
    let left = column(top, "╭");
    for y in top + 1..bottom {
        assert_eq!(column(y, "│"), left, "row {y}:\n{screen}");
    }
    assert_eq!(column(bottom, "╰"), left, "{screen}");
}

#[test]
fn the_interface_runs_with_its_own_words() {
    let mut tui = Tui::start(
        Spawn::new(&["--handbook", handbook().to_str().unwrap()])
            .env("LANG", "zh_CN.UTF-8")
            .size(80, 24),
    );
    // Tabs, the key points' label and the status line's hints, all from interface.toml.
    tui.wait_for("概述");
    tui.wait_for("要点");
    tui.wait_for("下一章");
    tui.wait_for("帮助");
    tui.send("?");
    tui.wait_for("按键");
    tui.wait_for("跳到第 1 到 7 章");
    // The help's last line names its keys from the key table, in this language's words.
    for _ in 0..30 {
        tui.send("j");
    }
    tui.wait_for("按 Esc 或 ? 关闭帮助");
    tui.send(common::ESC);
    tui.wait_gone("按键");
    // Search typed one character at a time, as a person types.
    tui.send("/");
    tui.wait_for("搜索：");
    tui.send("淤");
    tui.send("青");
    tui.wait_for("1 个结果");
    tui.send("\r");
    tui.wait_for("会有什么感觉");
    // The status line's sentence, its quotes and brackets the language's own.
    tui.wait_for("“淤青”第 1 个，共 1 个（n/N）");
    // A query that finds nothing suggests in the edition's words.
    tui.send("/");
    tui.wait_for("搜索：");
    tui.send("\x15");
    for c in ["飞", "机"] {
        tui.send(c);
    }
    tui.wait_for("没有找到结果。");
    tui.send(common::ESC);
    tui.wait_gone("没有找到结果。");
    // The language key moves on to the next edition: English.
    tui.send("L");
    tui.wait_for("Overview");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}
