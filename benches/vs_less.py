#!/usr/bin/env python3
"""Benchmark: achilles-handbook against less, in a 100x30 pseudo-terminal.

Usage (from the repository root):  python3 benches/vs_less.py [--runs 5] [--mb 10]

Builds the release binary (cargo build --release --quiet), writes the handbook's `print --width 98`
output to a file for less, generates a ~10 MB handbook (benches/gen_large_handbook.py) with a word
that stands only at its very end, then measures, each several times (median reported):

  * time from starting the program until its first screen is complete: the program is left
    until its output has been quiet for 300 ms, and the time is when the screen first looked
    exactly as it then does (found by replaying the bytes read, each read timed on arrival).
    The same rule for both programs, so neither is judged by a marker the other lacks; as a
    sanity check, the tab bar and status line (achilles-handbook) or the file's first line and
    the prompt (less) must be on that screen;
  * CPU to the first screen and quit: a separate run, in which q is sent as soon as the first
    screen is there; user + system CPU of the whole process from wait4;
  * peak memory: VmHWM from /proc/PID/status, read just before quitting;
  * bytes written for a key that changes nothing (Up at the top), read for 300 ms; Up is sent
    as xterm would, honouring the program's cursor-key mode (less turns on DECCKM: ESC O A);
  * bytes written per PgDn (ESC [ 6 ~), read until 200 ms of quiet;
  * 10 MB only, search for the word at the very end:
      - less: "/word", then the time from Enter to the line holding the word on screen;
      - achilles-handbook searches as you type: (a) the time from the last typed character
        to the hit listed in the results (the rest of the word already typed), (b) from Enter
        to the chapter showing the hit, and (c) from the whole word arriving in one write to
        the hit listed.

Prints a Markdown table with the figures, the targets and pass/miss, and the command that
reproduces it. Standard library only (the screen model is in benches/vs_less_term.py).
"""

import argparse
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ left in benches/
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from vs_less_term import Term  # noqa: E402
import gen_large_handbook  # noqa: E402

ROWS, COLS = 30, 100
PGDN = b"\x1b[6~"


def env_for_programs(home: str) -> dict:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "LANG": "en_US.UTF-8",
        "TERM": "xterm-256color",
        "LESSHISTFILE": "-",  # less must not write a history file
    }
    return env  # no LESS, LESSOPEN, LINES, COLUMNS, NO_COLOR, LC_*: both run with defaults


# --- screen predicates ------------------------------------------------------------------------

def tui_first_screen(chapter: str):
    def ready(s):
        last = s.line(ROWS - 1).strip()
        return (
            f"[1 {chapter}]" in s.line(0)
            and last.startswith(chapter)
            and (" Top" in last or " All" in last)
        )
    return ready


def less_first_screen(first_line: str):
    def ready(s):
        return s.line(0) == first_line and s.line(ROWS - 1).strip() != ""
    return ready


def tui_result_listed(word: str):
    def ready(s):
        lines = s.lines()
        return any(f"Search: {word}" in l for l in lines) and any(
            ">" in l and word in l and "Search:" not in l for l in lines
        )
    return ready


def tui_hit_shown(word: str):
    def ready(s):
        lines = s.lines()
        return f'"{word}" hit' in lines[-1] and any(word in l for l in lines[1:-1])
    return ready


def less_hit_shown(word: str):
    def ready(s):
        return any(word in l for l in s.lines()[:-1])
    return ready


def less_prompt_shows(text: str):
    def ready(s):
        return text in s.line(ROWS - 1)
    return ready


# --- one run of each program ------------------------------------------------------------------

def measure(term: Term, first_ready, pgdns: int, search=None, timeout=30.0) -> dict:
    """The common part: first screen, an unchanged frame, PgDn bytes, optional search, VmHWM."""
    out = {}
    t = term.wait_for(first_ready, timeout)
    if t is None:
        raise RuntimeError("first screen never completed; screen was:\n" + term.screen.text())
    term.settle(0.3)
    out["first_ms"] = (term.first_time_showing(term.screen.snapshot()) - term.t_start) * 1000
    out["first_bytes"] = term.total
    out["first_byte_ms"] = (term.t_first_byte - term.t_start) * 1000
    # A key that changes nothing: Up at the top of the text.
    before = term.screen.snapshot()
    term.send(term.up_key())
    out["idle_bytes"] = term.collect(0.3)
    out["idle_changed"] = term.screen.snapshot() != before
    # PgDn: bytes for each page that changed the screen.
    sizes = []
    for _ in range(pgdns):
        before = term.screen.snapshot()
        term.send(PGDN)
        n = term.settle(0.2)
        if term.screen.snapshot() == before:
            break  # at the end: nothing moved
        sizes.append(n)
    out["pgdn_bytes"] = sizes
    if search:
        out.update(search(term))
    out["hwm_kb"] = term.status("VmHWM")
    out["queries"] = list(term.screen.queries)
    return out


def tui_search(word: str):
    def run(term: Term) -> dict:
        term.send(b"/")
        if term.wait_for(lambda s: any("Search:" in l for l in s.lines()), 10) is None:
            raise RuntimeError("search box did not open:\n" + term.screen.text())
        term.settle(0.2)
        # (c) the whole word arriving in one write (as fast typing or a paste of keys would).
        t0 = term.send(word.encode())
        t = term.wait_for(tui_result_listed(word), 30)
        if t is None:
            raise RuntimeError("result not listed:\n" + term.screen.text())
        whole = (t - t0) * 1000
        term.settle(0.3)
        # (a) Backspace, then the last letter alone.
        term.send(b"\x7f")
        if term.wait_for(lambda s: any(f"Search: {word[:-1]}_" in l for l in s.lines()), 30) is None:
            raise RuntimeError("Backspace did not shorten the query:\n" + term.screen.text())
        term.settle(0.3)
        t0 = term.send(word[-1].encode())
        t = term.wait_for(tui_result_listed(word), 30)
        if t is None:
            raise RuntimeError("result not listed:\n" + term.screen.text())
        typed = (t - t0) * 1000
        term.settle(0.3)
        t0 = term.send(b"\r")
        t = term.wait_for(tui_hit_shown(word), 30)
        if t is None:
            raise RuntimeError("hit not shown after Enter:\n" + term.screen.text())
        return {"search_type_ms": typed, "search_whole_ms": whole, "search_enter_ms": (t - t0) * 1000}
    return run


def less_search(word: str):
    def run(term: Term) -> dict:
        term.send(("/" + word).encode())
        if term.wait_for(less_prompt_shows("/" + word), 10) is None:
            raise RuntimeError("less search prompt not shown:\n" + term.screen.text())
        term.settle(0.2)
        t0 = term.send(b"\r")
        t = term.wait_for(less_hit_shown(word), 30)
        if t is None:
            raise RuntimeError("less did not show the hit:\n" + term.screen.text())
        return {"search_enter_ms": (t - t0) * 1000}
    return run


def cpu_to_first_screen_and_quit(argv, env, home, first_ready, quit_keys) -> dict:
    term = Term(argv, env, ROWS, COLS, cwd=home)
    try:
        if term.wait_for(first_ready, 30) is None:
            raise RuntimeError("first screen never completed:\n" + term.screen.text())
        cpu = term.quit_and_reap(quit_keys)
        return {"cpu_ms": None if cpu is None else cpu * 1000}
    finally:
        term.close(quit_keys)


def run_tui(binary, args, env, home, pgdns, word=None) -> dict:
    term = Term([binary, *args], env, ROWS, COLS, cwd=home)
    try:
        return measure(term, tui_first_screen("Overview"), pgdns, tui_search(word) if word else None)
    finally:
        term.close(b"\x1bq")  # Esc closes a search, q quits


def run_less(text_file, first_line, env, home, pgdns, word=None) -> dict:
    term = Term(["less", text_file], env, ROWS, COLS, cwd=home)
    try:
        return measure(term, less_first_screen(first_line), pgdns, less_search(word) if word else None)
    finally:
        term.close(b"q")


# --- the report -------------------------------------------------------------------------------

def med(runs, key):
    vals = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(vals) if vals else None


def med_pgdn(runs):
    vals = [statistics.mean(r["pgdn_bytes"]) for r in runs if r["pgdn_bytes"]]
    return statistics.median(vals) if vals else None


def spread(runs, key):
    vals = [r[key] for r in runs if r.get(key) is not None]
    return (min(vals), max(vals)) if vals else None


def fmt_ms(runs, key):
    m = med(runs, key)
    if m is None:
        return "n/a"
    lo, hi = spread(runs, key)
    return f"{m:.1f} ({lo:.1f}–{hi:.1f})"


def fmt_num(v, unit=""):
    return "n/a" if v is None else f"{v:,.0f}{unit}"


def verdict(ok):
    return "n/a" if ok is None else ("**pass**" if ok else "**MISS**")


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7, help="runs of each measurement (median reported), default 7")
    ap.add_argument("--mb", type=float, default=10.0, help="size of the generated handbook in MB, default 10")
    ap.add_argument("--word", default="zyxwquorum", help="the word searched for, placed only at the end")
    ap.add_argument("--pgdns", type=int, default=5, help="PgDn presses measured per run, default 5")
    ap.add_argument("--no-build", action="store_true", help="use the existing target/release binary")
    ap.add_argument("--keep", metavar="DIR", help="keep the generated files in DIR")
    a = ap.parse_args()

    binary = os.path.join(REPO, "target", "release", "achilles-handbook")
    if not a.no_build:
        print("building: cargo build --release --quiet", file=sys.stderr)
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    less = shutil.which("less")
    if not less:
        sys.exit("less is not installed")

    work = a.keep or tempfile.mkdtemp(prefix="vs_less.")
    os.makedirs(work, exist_ok=True)
    home = os.path.join(work, "home")
    os.makedirs(home, exist_ok=True)
    env = env_for_programs(home)

    # The texts less reads: the handbook's print output, shipped and generated.
    big_dir = os.path.join(work, "handbook-10mb")
    info = gen_large_handbook.generate(big_dir, int(a.mb * 1_000_000), a.word)
    print(f"generated {big_dir}: {info['bytes']:,} bytes", file=sys.stderr)
    chk = subprocess.run([binary, "check", big_dir], capture_output=True, text=True)
    if chk.returncode != 0:
        sys.exit(f"achilles-handbook check {big_dir} failed:\n{chk.stdout}{chk.stderr}")
    small_txt = os.path.join(work, "handbook.txt")
    big_txt = os.path.join(work, "handbook-10mb.txt")
    with open(small_txt, "w") as f:
        subprocess.run([binary, "print", "--width", "98"], stdout=f, check=True, env=env)
    with open(big_txt, "w") as f:
        subprocess.run([binary, "--handbook", big_dir, "print", "--width", "98"], stdout=f, check=True, env=env)
    first_small = open(small_txt).readline().rstrip("\n")
    first_big = open(big_txt).readline().rstrip("\n")

    results = {k: [] for k in ("tui_small", "less_small", "tui_big", "less_big", "tui_cpu", "less_cpu")}
    for i in range(a.runs):
        print(f"run {i + 1}/{a.runs}", file=sys.stderr)
        # Alternate which program goes first, so neither always gets the warmer cache.
        pairs = [
            ("tui_small", lambda: run_tui(binary, [], env, home, a.pgdns)),
            ("less_small", lambda: run_less(small_txt, first_small, env, home, a.pgdns)),
            ("tui_big", lambda: run_tui(binary, ["--handbook", big_dir], env, home, a.pgdns, a.word)),
            ("less_big", lambda: run_less(big_txt, first_big, env, home, a.pgdns, a.word)),
            ("tui_cpu", lambda: cpu_to_first_screen_and_quit(
                [binary], env, home, tui_first_screen("Overview"), b"q")),
            ("less_cpu", lambda: cpu_to_first_screen_and_quit(
                ["less", small_txt], env, home, less_first_screen(first_small), b"q")),
        ]
        if i % 2:
            pairs = [pairs[1], pairs[0], pairs[3], pairs[2], pairs[5], pairs[4]]
        for key, fn in pairs:
            results[key].append(fn())

    ts, ls, tb, lb, tc, lc = (results[k] for k in ("tui_small", "less_small", "tui_big", "less_big",
                                                     "tui_cpu", "less_cpu"))
    rows = []

    def row(measure, tui, lss, rat, target, ok):
        rows.append(f"| {measure} | {tui} | {lss} | {rat} | {target} | {verdict(ok)} |")

    def fmt_ratio(r):
        return "n/a" if r is None else f"{r:.2f}"

    r = ratio(med(ts, "first_ms"), med(ls, "first_ms"))
    row("First screen, shipped handbook (ms)", fmt_ms(ts, "first_ms"), fmt_ms(ls, "first_ms"),
        fmt_ratio(r), "ratio ≤ 1.0", None if r is None else r <= 1.0)
    r = ratio(med(tc, "cpu_ms"), med(lc, "cpu_ms"))
    row("CPU to the first screen and quit, shipped handbook (ms)", fmt_ms(tc, "cpu_ms"),
        fmt_ms(lc, "cpu_ms"), fmt_ratio(r), "ratio ≤ 1.0", None if r is None else r <= 1.0)
    r = ratio(med(ts, "hwm_kb"), med(ls, "hwm_kb"))
    row("Peak memory VmHWM, shipped handbook (KiB)", fmt_num(med(ts, "hwm_kb")), fmt_num(med(ls, "hwm_kb")),
        fmt_ratio(r), "ratio ≤ 1.5", None if r is None else r <= 1.5)
    m = med(tb, "first_ms")
    row(f"First screen, {a.mb:g} MB handbook (ms)", fmt_ms(tb, "first_ms"), fmt_ms(lb, "first_ms"),
        fmt_ratio(ratio(m, med(lb, "first_ms"))), "≤ 250 ms", None if m is None else m <= 250)
    m = med(tb, "hwm_kb")
    row(f"Peak memory VmHWM, {a.mb:g} MB handbook (KiB)", fmt_num(m), fmt_num(med(lb, "hwm_kb")),
        fmt_ratio(ratio(m, med(lb, "hwm_kb"))), "≤ 25 MB (24,414 KiB)", None if m is None else m <= 24_414)
    m = med(tb, "search_enter_ms")
    row(f"{a.mb:g} MB search \"{a.word}\" (last word): Enter → hit on screen (ms)",
        fmt_ms(tb, "search_enter_ms"), fmt_ms(lb, "search_enter_ms"),
        fmt_ratio(ratio(m, med(lb, "search_enter_ms"))), "≤ 50 ms", None if m is None else m <= 50)
    m = med(tb, "search_type_ms")
    row(f"{a.mb:g} MB search: last typed letter → hit listed (ms; less searches only on Enter)",
        fmt_ms(tb, "search_type_ms"), "—", "—", "≤ 50 ms", None if m is None else m <= 50)
    m = med(tb, "search_whole_ms")
    row(f"{a.mb:g} MB search: whole word in one write → hit listed (ms)",
        fmt_ms(tb, "search_whole_ms"), "—", "—", "≤ 50 ms", None if m is None else m <= 50)
    for label, t_runs, l_runs in (("shipped handbook", ts, ls), (f"{a.mb:g} MB handbook", tb, lb)):
        tv, lv = med(t_runs, "idle_bytes"), med(l_runs, "idle_bytes")
        row(f"Bytes for a frame where nothing changed (Up at top), {label}", fmt_num(tv), fmt_num(lv),
            "—", "0 bytes", None if tv is None else tv == 0)
    for label, t_runs, l_runs in (("shipped handbook", ts, ls), (f"{a.mb:g} MB handbook", tb, lb)):
        tv, lv = med_pgdn(t_runs), med_pgdn(l_runs)
        r = ratio(tv, lv)
        row(f"Bytes per PgDn, {label}", fmt_num(tv), fmt_num(lv), fmt_ratio(r),
            "≤ less", None if r is None else r <= 1.0)
    row(f"First output byte, {a.mb:g} MB handbook (ms, info)", fmt_ms(tb, "first_byte_ms"),
        fmt_ms(lb, "first_byte_ms"), "—", "—", None)
    row("Bytes written for the first screen, shipped handbook (info)", fmt_num(med(ts, "first_bytes")),
        fmt_num(med(ls, "first_bytes")), fmt_ratio(ratio(med(ts, "first_bytes"), med(ls, "first_bytes"))), "—", None)

    def pages(runs):
        counts = sorted(len(r["pgdn_bytes"]) for r in runs)
        return f"{counts[0]}" if counts[0] == counts[-1] else f"{counts[0]}–{counts[-1]}"

    lv = subprocess.run(["less", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    cmd = "python3 benches/vs_less.py" + "".join(
        f" {flag} {shlex.quote(str(val))}" for flag, val, default in (
            ("--runs", a.runs, 7), ("--mb", f"{a.mb:g}", "10"), ("--word", a.word, "zyxwquorum"),
            ("--pgdns", a.pgdns, 5)) if str(val) != str(default))
    print(f"## achilles-handbook vs less ({COLS}×{ROWS} pseudo-terminal)\n")
    print(f"Median of {a.runs} runs (min–max in brackets). Release build of achilles-handbook; {lv}; "
          f"{platform.platform()}, {os.cpu_count()} CPUs; TERM=xterm-256color, LANG=en_US.UTF-8.")
    print(f"Text for less: `achilles-handbook print --width 98` ({os.path.getsize(small_txt):,} bytes) "
          f"and the same for the generated handbook ({info['bytes']:,} bytes of TOML in two editions, "
          f"{os.path.getsize(big_txt):,} bytes printed of the English one, which both programs show). PgDn bytes: mean over up to {a.pgdns} presses "
          f"that moved the screen (achilles-handbook: {pages(ts)} / {pages(tb)}, less: {pages(ls)} / {pages(lb)}, "
          f"shipped / large). Ratio = achilles-handbook ÷ less.\n")
    print("| Measure | achilles-handbook | less | Ratio | Target | Result |")
    print("|---|---:|---:|---:|---|---|")
    for line in rows:
        print(line)
    queries = sorted({q for runs in results.values() for r in runs for q in r.get("queries", [])})
    if queries:
        print(f"\nTerminal queries answered: {', '.join(queries)}")
    print(f"\nReproduce: `{cmd}` (from the repository root)")
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
