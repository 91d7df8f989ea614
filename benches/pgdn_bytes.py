#!/usr/bin/env python3
"""What the bytes of one PgDn are: achilles-handbook against less, in a 100x30 pseudo-terminal.

Usage (from the repository root):  python3 benches/pgdn_bytes.py [--no-build] [--page N] [--dump]
                                   [--handbook DIR] [--only ours|less] [--arg=ARG ...]

Runs both programs as benches/vs_less.py does (the same terminal model, environment and text:
less shows `achilles-handbook print --width 98`), presses PgDn (ESC [ 6 ~) up to --page times
(default 5), reading until 200 ms of quiet after each, and splits the bytes of every press by
kind:

  * text: printed characters (a UTF-8 character counts its bytes);
  * SGR: colour and attribute sequences (CSI ... m);
  * cursor: positioning (CUP, CUU/CUD/CUF/CUB, CHA, VPA, CR, LF, BS, save/restore);
  * erase: EL, ED, ECH, DCH, ICH, IL, DL;
  * other: modes, scrolling regions, anything else;

and by the place on screen they are for: the top row (achilles-handbook's tab bar), the bottom
row (its status line; less's prompt), the rightmost column of the rows between (its
scrollbar) or the rest (the text). A byte counts where the cursor stands when it is written; a
cursor move counts where it goes. --dump prints the bytes of the last press, escaped, one
screen row a line.

Standard library only; the screen model is benches/vs_less_term.py.
"""

import argparse
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from vs_less import COLS, PGDN, ROWS, env_for_programs, less_first_screen, tui_first_screen  # noqa: E402
from vs_less_term import Screen, Term  # noqa: E402

KINDS = ("text", "SGR", "cursor", "erase", "other")
PLACES = ("top row", "text", "right column", "bottom row")


def tokens(data: bytes):
    """Splits terminal output into (kind, bytes) tokens."""
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b == 0x1B and i + 1 < n and data[i + 1] == ord("["):
            j = i + 2
            while j < n and not (0x40 <= data[j] <= 0x7E):
                j += 1
            seq = data[i:j + 1]
            final = chr(data[j]) if j < n else ""
            private = seq[2:3] in (b"?", b">", b"<", b"=")
            if final == "m" and not private:
                kind = "SGR"
            elif final in "HfABCDEFGd`" and not private:
                kind = "cursor"
            elif final in "KJXP@LM" and not private:
                kind = "erase"
            else:
                kind = "other"
            yield kind, seq
            i = j + 1
        elif b == 0x1B and i + 1 < n:
            yield ("cursor" if data[i + 1] in b"78" else "other"), data[i:i + 2]
            i += 2
        elif b in (0x0D, 0x0A, 0x08):
            yield "cursor", data[i:i + 1]
            i += 1
        elif b < 0x20 or b == 0x7F:
            yield "other", data[i:i + 1]
            i += 1
        else:
            j = i + 1
            while j < n and data[j] >= 0x80 and data[j] < 0xC0:  # UTF-8 continuation bytes
                j += 1
            yield "text", data[i:j]
            i = j


def classify(data: bytes, before: Screen):
    """The bytes of `data` by kind and by place, replaying them on a copy of `before`."""
    screen = Screen(before.rows, before.cols)
    screen.cells = [row[:] for row in before.cells]
    screen.y, screen.x = before.y, before.x
    table = {(k, p): 0 for k in KINDS for p in PLACES}
    rows = []  # (row, escaped bytes) in order, for --dump
    for kind, tok in tokens(data):
        y = screen.y
        if kind == "cursor":
            screen.feed(tok)
        x, y = screen.x, screen.y
        if y == 0:
            place = "top row"
        elif y == ROWS - 1:
            place = "bottom row"
        else:
            place = "right column" if x == COLS - 1 else "text"
        table[(kind, place)] += len(tok)
        if not rows or rows[-1][0] != y:
            rows.append((y, ""))
        rows[-1] = (y, rows[-1][1] + tok.decode("utf-8", "replace").encode("unicode_escape").decode())
        if kind != "cursor":
            screen.feed(tok)
    return table, rows


def presses(term: Term, first_ready, pages: int):
    """Waits for the first screen, then presses PgDn `pages` times; yields (bytes, screen before)."""
    if term.wait_for(first_ready, 30) is None:
        raise RuntimeError("first screen never completed:\n" + term.screen.text())
    term.settle(0.3)
    for _ in range(pages):
        before = Screen(ROWS, COLS)
        before.cells = [row[:] for row in term.screen.cells]
        before.y, before.x = term.screen.y, term.screen.x
        start = len(term.log)
        term.send(PGDN)
        term.settle(0.2)
        data = b"".join(d for _, d in term.log[start:])
        if not data:
            break
        yield data, before


def report(name: str, runs, dump: bool):
    total = {(k, p): 0 for k in KINDS for p in PLACES}
    sizes = []
    last_rows = []
    for data, before in runs:
        table, last_rows = classify(data, before)
        sizes.append(len(data))
        for key, v in table.items():
            total[key] += v
    n = len(sizes)
    print(f"### {name}: {n} presses, bytes {sizes}, mean {sum(sizes) / n:,.0f}\n")
    print("| kind | " + " | ".join(PLACES) + " | all |")
    print("|---|" + "---:|" * (len(PLACES) + 1))
    for k in KINDS:
        cells = [total[(k, p)] / n for p in PLACES]
        print(f"| {k} | " + " | ".join(f"{c:,.0f}" for c in cells) + f" | {sum(cells):,.0f} |")
    cols = [sum(total[(k, p)] for k in KINDS) / n for p in PLACES]
    print("| all | " + " | ".join(f"{c:,.0f}" for c in cols) + f" | {sum(cols):,.0f} |\n")
    if dump:
        print("```")
        for y, s in last_rows:
            print(f"{y:2}: {s}")
        print("```\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--page", type=int, default=5, help="PgDn presses, default 5")
    ap.add_argument("--no-build", action="store_true", help="use the existing target/release binary")
    ap.add_argument("--dump", action="store_true", help="print the bytes of the last press")
    ap.add_argument("--binary", help="the program to measure (default target/release/achilles-handbook)")
    ap.add_argument("--only", choices=("ours", "less"), help="measure one program only")
    ap.add_argument("--handbook", metavar="DIR",
                    help="a handbook folder for both (e.g. from benches/gen_large_handbook.py)")
    ap.add_argument("--arg", action="append", default=[], metavar="ARG",
                    help="an argument for achilles-handbook (repeatable), e.g. --arg=--theme=mono")
    a = ap.parse_args()
    binary = a.binary or os.path.join(REPO, "target", "release", "achilles-handbook")
    source = ["--handbook", a.handbook] if a.handbook else []
    if not a.no_build and not a.binary:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    with tempfile.TemporaryDirectory(prefix="pgdn_bytes.") as work:
        home = os.path.join(work, "home")
        os.makedirs(home)
        env = env_for_programs(home)
        text = os.path.join(work, "handbook.txt")
        with open(text, "w") as f:
            subprocess.run([binary, *source, "print", "--width", "98"], stdout=f, check=True, env=env)
        first = open(text).readline().rstrip("\n")
        if a.only != "less":
            term = Term([binary, *source, *a.arg], env, ROWS, COLS, cwd=home)
            try:
                report("achilles-handbook", list(presses(term, tui_first_screen("Overview"), a.page)), a.dump)
            finally:
                term.close(b"q")
        if a.only != "ours":
            term = Term(["less", text], env, ROWS, COLS, cwd=home)
            try:
                report("less", list(presses(term, less_first_screen(first), a.page)), a.dump)
            finally:
                term.close(b"q")
    return 0


if __name__ == "__main__":
    sys.exit(main())
