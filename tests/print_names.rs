//! `print CHAPTER` takes a chapter as people name it: its id, its tab label or its title, in
//! any case and in either language; a name it does not know gets the list of names it does.
#![allow(clippy::disallowed_types)]

use std::process::{Command, Output, Stdio};

fn run(args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_achilles-handbook"));
    for var in ["LANG", "LC_ALL", "LC_MESSAGES", "ACHILLES_HANDBOOK_LANG"] {
        cmd.env_remove(var);
    }
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .args(args)
        .output()
        .expect("the binary runs")
}

fn first_line(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn chapters_are_found_by_id_tab_or_title_in_either_language() {
    for (args, title) in [
        (&["print", "rupture"][..], "Achilles tendon rupture"),
        (&["print", "Rupture"], "Achilles tendon rupture"),
        (&["print", "RUPTURE"], "Achilles tendon rupture"),
        (
            &["print", "achilles tendon rupture"],
            "Achilles tendon rupture",
        ),
        (&["print", "ruptura"], "Ruptura del tendón de Aquiles"),
        (
            &["print", "Ruptura del tendón de Aquiles"],
            "Ruptura del tendón de Aquiles",
        ),
        (
            &["--lang", "es", "print", "rupture"],
            "Ruptura del tendón de Aquiles",
        ),
        (&["--lang", "es", "print", "Care team"], "Your care team"),
        (&["print", "su equipo"], "Su equipo de Pie y Tobillo"),
    ] {
        let out = run(args);
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert_eq!(first_line(&out), title, "{args:?}");
    }
}

#[test]
fn an_unknown_name_lists_the_names_that_work() {
    let out = run(&["print", "knee"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no chapter \"knee\""), "{err}");
    for name in [
        "overview (Overview)",
        "rupture (Rupture)",
        "contact (Contact)",
    ] {
        assert!(err.contains(name), "{err}");
    }
}
