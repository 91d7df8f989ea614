//! The package's `rust-version` is honest: no locked dependency needs a newer Rust. (Building
//! with that old toolchain is not possible here, so the dependencies' own floors are checked.)

// The program never starts a process (clippy.toml); this test asks cargo itself.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

use std::process::Command;

/// "1.88.0" or "1.88" as comparable numbers.
fn version(v: &str) -> Vec<u32> {
    let mut parts: Vec<u32> = v.split('.').map(|p| p.parse().unwrap_or(0)).collect();
    parts.resize(3, 0);
    parts
}

/// Runs `cargo metadata` for the locked dependencies of every platform; from the local
/// registry cache when it has them all, else from the registry.
fn metadata() -> String {
    let cargo = env!("CARGO");
    let dir = env!("CARGO_MANIFEST_DIR");
    let mut last = String::new();
    for offline in [true, false] {
        let mut cmd = Command::new(cargo);
        cmd.args(["metadata", "--format-version", "1", "--locked"])
            .current_dir(dir);
        if offline {
            cmd.arg("--offline");
        }
        let out = cmd.output().expect("cargo runs");
        if out.status.success() {
            return String::from_utf8(out.stdout).expect("cargo metadata writes UTF-8");
        }
        last = String::from_utf8_lossy(&out.stderr).into_owned();
    }
    panic!("cargo metadata failed:\n{last}");
}

/// Each package's id and `rust_version`, read from cargo's JSON without a JSON library: only
/// package objects have an `id`, and a package's `rust_version` comes after its `id` and
/// before the next package's.
fn floors(json: &str) -> Vec<(String, String)> {
    let packages = json.split("\"resolve\":").next().unwrap_or(json);
    let mut out = Vec::new();
    for chunk in packages.split("\"id\":\"").skip(1) {
        let id = chunk.split('"').next().unwrap_or("");
        let name = id.rsplit('#').next().unwrap_or(id).to_owned();
        if let Some((_, rest)) = chunk.split_once("\"rust_version\":\"") {
            let v = rest.split('"').next().unwrap_or("").to_owned();
            out.push((name, v));
        }
    }
    out
}

#[test]
fn no_locked_dependency_needs_a_newer_rust_than_ours() {
    let ours = env!("CARGO_PKG_RUST_VERSION");
    assert!(!ours.is_empty(), "Cargo.toml must set rust-version");
    let json = metadata();
    let found = floors(&json);
    assert!(
        found.iter().any(|(n, _)| n.starts_with("ratatui@")),
        "cargo metadata listed no ratatui rust-version; the parser is out of date"
    );
    let too_new: Vec<String> = found
        .iter()
        .filter(|(_, v)| version(v) > version(ours))
        .map(|(n, v)| format!("{n} needs Rust {v}"))
        .collect();
    assert!(
        too_new.is_empty(),
        "Cargo.toml says rust-version = \"{ours}\", but {}; raise rust-version",
        too_new.join(", ")
    );
}
