//! Hostile files where the handbook's files should be: a FIFO, devices, folders, link loops,
//! dangling links and folders that cannot be read. Each is reported for what it is, at once:
//! nothing blocks and nothing reads without end, in `check`, at start-up and under `--watch`.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests build hostile folders.

mod common;

use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_achilles-handbook");

/// A copy of the English edition in a new temporary folder.
fn edition(tag: &str) -> PathBuf {
    let dir = common::temp_dir(tag);
    copy_edition(&dir);
    dir
}

fn copy_edition(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook/en");
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn mkfifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    let c = CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

fn symlink(target: &str, link: &Path) {
    let _ = std::fs::remove_file(link);
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// Runs the program with `args` (stdout not a terminal); fails if it has not ended within 5 s.
/// Returns the exit status and everything it wrote.
fn run_within(prefix: &[&str], args: &[&std::ffi::OsStr]) -> (i32, String) {
    let mut cmd = Command::new(prefix.first().copied().unwrap_or(BIN));
    if !prefix.is_empty() {
        cmd.args(&prefix[1..]).arg(BIN);
    }
    let mut child = cmd
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the handbook");
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} did not end within 5 s: it blocked");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

/// `check` and start-up both report `expect` about `file`, with status 2, at once.
fn reported(dir: &Path, file: &str, expect: &str) {
    for args in [
        vec!["check".as_ref(), dir.as_os_str()],
        vec!["--handbook".as_ref(), dir.as_os_str()],
    ] {
        let (code, text) = run_within(&[], &args);
        assert_eq!(code, 2, "{args:?}:\n{text}");
        let line = text
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{args:?} names no {file}:\n{text}"));
        assert!(line.contains(expect), "{args:?}: {line:?} lacks {expect:?}");
        assert!(!line.contains("missing"), "{args:?}: {line:?}");
    }
}

#[test]
fn a_fifo_chapter_is_reported_not_waited_on() {
    let dir = edition("fifo");
    mkfifo(&dir.join("rupture.toml"));
    reported(&dir, "rupture.toml", "named pipe (FIFO)");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_fifo_manifest_is_reported_not_waited_on() {
    let dir = edition("fifo-manifest");
    mkfifo(&dir.join("handbook.toml"));
    reported(&dir, "handbook.toml", "named pipe (FIFO)");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn devices_are_refused_before_a_byte_is_read() {
    for device in ["/dev/zero", "/dev/urandom"] {
        let dir = edition("device");
        symlink(device, &dir.join("overview.toml"));
        reported(&dir, "overview.toml", "a device");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn folders_loops_and_dangling_links_are_named_for_what_they_are() {
    let dir = edition("kinds");
    std::fs::remove_file(dir.join("training.toml")).unwrap();
    std::fs::create_dir(dir.join("training.toml")).unwrap();
    reported(&dir, "training.toml", "a folder");
    symlink("research.toml", &dir.join("research.toml"));
    reported(&dir, "research.toml", "loop");
    symlink("gone.toml", &dir.join("contact.toml"));
    reported(
        &dir,
        "contact.toml",
        "symbolic link to gone.toml, which does not exist",
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A handbook root with an English edition beside `other`, which is set up by `make`.
fn two_editions(tag: &str, make: impl FnOnce(&Path)) -> PathBuf {
    let root = common::temp_dir(tag);
    copy_edition(&root.join("en"));
    make(&root.join("es"));
    root
}

#[test]
fn an_edition_folder_that_cannot_be_looked_into_is_an_error() {
    let root = two_editions("loop-edition", |es| {
        std::os::unix::fs::symlink("es", es).unwrap();
    });
    let (code, text) = run_within(&[], &["check".as_ref(), root.as_os_str()]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.lines()
            .any(|l| l.contains("/es:") && l.contains("cannot read this folder")),
        "{text}"
    );
    assert!(!text.contains("ok:"), "{text}");
    std::fs::remove_dir_all(&root).unwrap();
}

/// As root, permissions do not apply; the check then runs without the capabilities that
/// override them (setpriv), or is skipped with the reason.
fn without_override() -> Option<Vec<&'static str>> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Some(Vec::new());
    }
    let prefix = vec![
        "setpriv",
        "--inh-caps=-dac_override,-dac_read_search",
        "--bounding-set=-dac_override,-dac_read_search",
    ];
    let probe = common::temp_dir("probe");
    std::fs::write(&probe, "x").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let works = Command::new(prefix[0])
        .args(&prefix[1..])
        .arg("cat")
        .arg(&probe)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.code() == Some(1));
    let _ = std::fs::remove_file(&probe);
    if works {
        Some(prefix)
    } else {
        eprintln!("skipping: running as root and setpriv cannot drop CAP_DAC_OVERRIDE here");
        None
    }
}

#[test]
fn an_unreadable_edition_folder_is_an_error() {
    let Some(prefix) = without_override() else {
        return;
    };
    use std::os::unix::fs::PermissionsExt;
    // No permission at all, no listing (but lookups), lookups (but no listing).
    for mode in [0o000, 0o300, 0o600] {
        let root = two_editions("unreadable", copy_edition);
        let es = root.join("es");
        std::fs::set_permissions(&es, std::fs::Permissions::from_mode(mode)).unwrap();
        let (code, text) = run_within(&prefix, &["check".as_ref(), root.as_os_str()]);
        std::fs::set_permissions(&es, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(code, 2, "mode {mode:o}: {text}");
        assert!(
            text.lines()
                .any(|l| l.contains("/es") && l.contains("cannot read")),
            "mode {mode:o}: {text}"
        );
        assert!(!text.contains("ok:"), "mode {mode:o}: {text}");
        std::fs::remove_dir_all(&root).unwrap();
    }
}

#[test]
fn watch_reports_a_chapter_replaced_by_a_fifo_at_once() {
    use achilles_handbook::action::Action;
    let dir = edition("watch-fifo");
    let mut watcher = achilles_handbook::watch::Watcher::new(dir.clone());
    mkfifo(&dir.join("rupture.toml"));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(watcher.poll());
    });
    match rx.recv_timeout(Duration::from_secs(5)) {
        Ok(Some(Action::ReloadFailed(message))) => {
            assert!(message.contains("named pipe"), "{message}");
        }
        Ok(other) => panic!("expected a located failure, got {other:?}"),
        Err(_) => panic!("reloading blocked on the FIFO"),
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
