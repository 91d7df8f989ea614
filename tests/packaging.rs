//! The Debian package and what it ships. The man page, completions and third-party notices in
//! `packaging/generated/` must equal what the current code and `Cargo.lock` generate (set
//! ACHILLES_UPDATE_GENERATED=1 to rewrite them); the kiosk unit passes `systemd-analyze
//! verify`; and `cargo deb` builds a package whose unpacked binary runs and whose every file
//! is in place. A missing tool skips its test with a printed reason.

// These tests run cargo, systemd-analyze and dpkg-deb, and write into temporary folders.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_achilles-handbook");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const UPDATE: &str = "ACHILLES_UPDATE_GENERATED";

fn root(path: &str) -> PathBuf {
    Path::new(ROOT).join(path)
}

fn installed(tool: &str, why: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(tool))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        eprintln!("skipping {why}: {tool} is not installed");
    }
    found
}

fn folder(tag: &str) -> PathBuf {
    let dir = common::temp_dir(tag);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

fn output(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run a command");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Compares a generated file with its committed copy, or rewrites the copy when asked.
fn keep_equal(path: &str, generated: &str) {
    let file = root(path);
    if std::env::var_os(UPDATE).is_some() {
        std::fs::write(&file, generated).expect("write the generated file");
        return;
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == generated,
        "{path} is out of date with the code; regenerate it with \
         `{UPDATE}=1 cargo test --test packaging` and commit the result"
    );
}

#[test]
fn the_man_page_and_completions_are_generated_from_the_code() {
    let run = |args: &[&str]| output(Command::new(BIN).args(args));
    keep_equal("packaging/generated/achilles-handbook.1", &run(&["man"]));
    keep_equal(
        "packaging/generated/achilles-handbook.bash",
        &run(&["completions", "bash"]),
    );
    keep_equal(
        "packaging/generated/_achilles-handbook",
        &run(&["completions", "zsh"]),
    );
    keep_equal(
        "packaging/generated/achilles-handbook.fish",
        &run(&["completions", "fish"]),
    );
}

/// The crates linked into the program: its normal dependencies, followed through normal
/// dependencies, for the machine building it. Build scripts' and procedural macros' own crates
/// run only while compiling and are not in the program.
fn linked_crates(metadata: &Value) -> Vec<&Value> {
    let packages: HashMap<&str, &Value> = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p["id"].as_str()?, p)))
        .collect();
    let nodes: HashMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| Some((n["id"].as_str()?, n)))
        .collect();
    let root_id = metadata["resolve"]["root"]
        .as_str()
        .expect("a root package");
    let is_proc_macro = |p: &Value| {
        p["targets"].as_array().into_iter().flatten().any(|t| {
            t["kind"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|k| k == "proc-macro")
        })
    };
    let mut seen = BTreeSet::new();
    let mut stack = vec![root_id];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().into_iter().flatten() {
            let normal = dep["dep_kinds"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|k| k["kind"].is_null());
            let pkg = dep["pkg"].as_str().unwrap_or_default();
            if normal && packages.get(pkg).is_some_and(|p| !is_proc_macro(p)) {
                stack.push(pkg);
            }
        }
    }
    let mut crates: Vec<&Value> = seen
        .into_iter()
        .filter(|id| *id != root_id)
        .map(|id| packages[id])
        .collect();
    crates.sort_by_key(|p| (p["name"].as_str(), p["version"].as_str()));
    crates
}

/// A crate's licence files, as shipped in its source.
fn licence_texts(package: &Value) -> Vec<(String, String)> {
    let Some(dir) = package["manifest_path"]
        .as_str()
        .and_then(|m| Path::new(m).parent())
    else {
        return Vec::new();
    };
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let upper = name.to_uppercase();
            let is_licence = ["LICENSE", "LICENCE", "COPYING", "UNLICENSE", "NOTICE"]
                .iter()
                .any(|p| upper.starts_with(p));
            let text = std::fs::read_to_string(e.path()).ok()?;
            is_licence.then(|| (name, text.trim_end().to_owned()))
        })
        .collect();
    files.sort();
    files
}

/// The notices: every linked crate with its version, licence and source, then each distinct
/// licence text once, with the crates it comes from.
fn notices(metadata: &Value) -> String {
    let crates = linked_crates(metadata);
    let mut out = String::from(
        "Third-party software in achilles-handbook\n\
         =========================================\n\n\
         The achilles-handbook program is built from the crates below. This file is generated\n\
         from the project's Cargo.lock and the crates' own licence files.\n\n",
    );
    let mut texts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in &crates {
        let name = format!(
            "{} {}",
            p["name"].as_str().unwrap_or_default(),
            p["version"].as_str().unwrap_or_default()
        );
        out.push_str(&format!(
            "- {name}: {}{}\n",
            p["license"].as_str().unwrap_or("see its licence file"),
            p["repository"]
                .as_str()
                .map(|r| format!(" <{r}>"))
                .unwrap_or_default()
        ));
        for (file, text) in licence_texts(p) {
            texts
                .entry(text)
                .or_default()
                .push(format!("{name} ({file})"));
        }
    }
    out.push_str("\n\nLicence texts\n=============\n");
    for (text, users) in texts {
        out.push_str("\n--------------------------------------------------------------------\n");
        out.push_str(&format!("Used by: {}\n\n{text}\n", users.join(", ")));
    }
    out
}

fn host() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    output(Command::new(rustc).arg("-vV"))
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc names its host")
        .to_owned()
}

#[test]
fn the_third_party_notices_are_generated_from_the_lock_file() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let json = output(Command::new(cargo).current_dir(ROOT).args([
        "metadata",
        "--format-version",
        "1",
        "--locked",
        "--offline",
        "--filter-platform",
        &host(),
    ]));
    let metadata: Value = serde_json::from_str(&json).expect("cargo metadata's JSON");
    let text = notices(&metadata);
    // What any reader would look for: the interface crates and their licences.
    for shown in [
        "- ratatui ",
        "- crossterm ",
        "- clap ",
        "MIT",
        "Apache License",
    ] {
        assert!(text.contains(shown), "{shown} is not in the notices");
    }
    // Only what is linked in: no test-only or compile-time-only crates.
    for absent in ["- criterion ", "- proptest ", "- syn ", "- serde_derive "] {
        assert!(!text.contains(absent), "{absent} is in the notices");
    }
    keep_equal("packaging/generated/THIRD-PARTY-NOTICES", &text);
}

/// Writes the kiosk unit for tty1 into `dir`, running `binary`, and has systemd verify it.
fn verify_unit(analyze: &Path, unit: &str, binary: &Path, dir: &Path) {
    let unit = unit.replace("/usr/bin/achilles-handbook", &binary.display().to_string());
    let path = dir.join("achilles-handbook-kiosk@tty1.service");
    std::fs::write(&path, unit).expect("write the unit");
    let out = Command::new(analyze)
        .args(["verify", "--man=no"])
        .arg(&path)
        .output()
        .expect("run systemd-analyze");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "systemd-analyze verify: {said}");
    // Warnings about other units on this machine are not ours; any about this one are.
    let ours: Vec<&str> = said
        .lines()
        .filter(|l| l.contains("achilles-handbook"))
        .collect();
    assert!(
        ours.is_empty(),
        "systemd-analyze verify: {}",
        ours.join("\n")
    );
}

#[test]
fn the_kiosk_unit_passes_systemd_analyze_verify() {
    let Some(analyze) = installed("systemd-analyze", "verifying the kiosk unit") else {
        return;
    };
    let unit = std::fs::read_to_string(root("packaging/systemd/achilles-handbook-kiosk@.service"))
        .expect("the unit file");
    verify_unit(&analyze, &unit, Path::new(BIN), &folder("unit"));
}

/// Every file the package must install, relative to the root it is unpacked into.
const PACKAGED: &[&str] = &[
    "usr/bin/achilles-handbook",
    "usr/share/man/man1/achilles-handbook.1.gz",
    "usr/share/bash-completion/completions/achilles-handbook",
    "usr/share/zsh/vendor-completions/_achilles-handbook",
    "usr/share/fish/vendor_completions.d/achilles-handbook.fish",
    "usr/share/doc/achilles-handbook/copyright",
    "usr/share/doc/achilles-handbook/THIRD-PARTY-NOTICES",
    "usr/share/doc/achilles-handbook/README.md",
    "usr/lib/systemd/system/achilles-handbook-kiosk@.service",
    "etc/default/achilles-handbook-kiosk",
    "usr/share/achilles-handbook/kiosk/no-console-switch.map",
    "usr/share/achilles-handbook/kiosk/sysctl.d/90-achilles-handbook-kiosk.conf",
    "usr/share/achilles-handbook/kiosk/logind.conf.d/achilles-handbook-kiosk.conf",
    "usr/share/achilles-handbook/kiosk/system.conf.d/achilles-handbook-kiosk.conf",
];

#[test]
fn cargo_deb_builds_a_package_that_installs_and_runs() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let has_deb = Command::new(&cargo)
        .args(["deb", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_deb {
        eprintln!(
            "skipping the package test: cargo-deb is not installed \
             (cargo install cargo-deb --locked)"
        );
        return;
    }
    let Some(dpkg_deb) = installed("dpkg-deb", "the package test") else {
        return;
    };
    let out = folder("deb");
    // A target folder of its own: the test's own build holds the usual one.
    let target = root("target/packaging");
    output(
        Command::new(&cargo)
            .current_dir(ROOT)
            .env("CARGO_TARGET_DIR", &target)
            .args(["deb", "--locked", "--output"])
            .arg(&out),
    );
    let deb = std::fs::read_dir(&out)
        .expect("the output folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "deb"))
        .expect("a .deb was built");
    let unpacked = folder("deb-root");
    output(Command::new(&dpkg_deb).arg("-x").arg(&deb).arg(&unpacked));
    for file in PACKAGED {
        assert!(
            unpacked.join(file).is_file(),
            "{file} is not in the package"
        );
    }
    // Every packaged file the README's deployment recipe names is in the package.
    let readme = std::fs::read_to_string(root("README.md")).expect("README.md");
    let named: BTreeSet<&str> = readme
        .split(|c: char| c.is_whitespace() || "`|,()".contains(c))
        .filter(|w| w.starts_with("/usr/") || w.starts_with("/etc/default/"))
        .filter(|w| w.contains("achilles-handbook") && !w.contains('*'))
        .filter(|w| !w.starts_with("/usr/local/"))
        .collect();
    assert!(named.len() >= 8, "the README names only {named:?}");
    // The lock-down files, named from their folder in the recipe.
    let kiosk = unpacked.join("usr/share/achilles-handbook/kiosk");
    for word in readme.split(|c: char| c.is_whitespace() || "`|,()".contains(c)) {
        if ["sysctl.d/", "logind.conf.d/", "system.conf.d/"]
            .iter()
            .any(|d| word.starts_with(d))
            || word == "no-console-switch.map"
        {
            assert!(
                kiosk.join(word).is_file(),
                "the README names {word}, not in the package"
            );
        }
    }
    for path in named {
        let there = unpacked.join(path.trim_start_matches('/'));
        assert!(
            there.exists(),
            "the README names {path}, which the package lacks"
        );
    }
    // The package's files are the generated ones (the man page compressed).
    let shipped = |p: &str| std::fs::read(unpacked.join(p)).expect("a packaged file");
    assert_eq!(
        shipped("usr/share/fish/vendor_completions.d/achilles-handbook.fish"),
        std::fs::read(root("packaging/generated/achilles-handbook.fish")).unwrap()
    );
    let control = output(Command::new(&dpkg_deb).arg("-I").arg(&deb));
    for field in ["Package: achilles-handbook", "Depends:", "Recommends: kbd"] {
        assert!(control.contains(field), "{field} missing:\n{control}");
    }
    // /etc/default is configuration: an upgrade keeps IT's edits.
    let conffiles = output(Command::new(&dpkg_deb).arg("-I").arg(&deb).arg("conffiles"));
    assert!(
        conffiles.contains("/etc/default/achilles-handbook-kiosk"),
        "{conffiles}"
    );

    let binary = unpacked.join("usr/bin/achilles-handbook");
    let run = |args: &[&str]| {
        output(
            Command::new(&binary)
                .args(args)
                .env("LANG", "en_US.UTF-8")
                .env_remove("LC_ALL"),
        )
    };
    assert!(run(&["--version"]).starts_with("achilles-handbook "));
    assert!(run(&["check"]).contains("no errors"));
    assert!(run(&["print", "rupture"]).contains("rupture"));

    if let Some(analyze) = installed("systemd-analyze", "verifying the packaged unit") {
        let unit = std::fs::read_to_string(
            unpacked.join("usr/lib/systemd/system/achilles-handbook-kiosk@.service"),
        )
        .expect("the packaged unit");
        verify_unit(&analyze, &unit, &binary, &folder("deb-unit"));
    }
}
