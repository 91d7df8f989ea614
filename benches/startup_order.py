#!/usr/bin/env python3
"""Writes .cargo/startup.order: the functions a session of the release binary runs, for the
linker to lay out side by side (see .cargo/link-program and benches/README.md, "Peak memory").

Usage (from the repository root):  python3 benches/startup_order.py [--no-build]

Runs target/release/achilles-handbook under callgrind in a 100x30 pseudo-terminal, twice:
  1. as benches/vs_less.py measures it: the first screen, Up, five PgDn, then q;
  2. a reader's session: a search typed a key at a time, its hit, the next chapters, the
     outline, the help, then q.
The file lists every function the first session ran, then those only the second ran, by their
symbol names. Those names carry hashes that change with the compiler and the dependencies'
versions: run this again after updating either (a stale file costs memory, never correctness).
Needs valgrind. Standard library only.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from vs_less_term import Term  # noqa: E402
import vs_less  # noqa: E402

ORDER = os.path.join(REPO, ".cargo", "startup.order")
BINARY = os.path.join(REPO, "target", "release", "achilles-handbook")


def functions(profile: str) -> list:
    """The functions in a callgrind profile (names not demangled), in their order there."""
    names, seen, order = {}, set(), []
    with open(profile) as f:
        for line in f:
            m = re.match(r"^c?fn=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
            if not m:
                continue
            key, name = m.groups()
            if name:
                names[key] = name
            name = names[key]
            # Code callgrind could not name (an address) cannot be placed by name.
            if name not in seen and not name.startswith("0x"):
                seen.add(name)
                order.append(name)
    return order


VARIANT = re.compile(r"^(__\w+?)_(sse2|ssse3|sse4|avx|evex|erms)")


def with_variants(order: list) -> list:
    """glibc picks its string functions' variant (SSE2, AVX2, EVEX...) by the processor, and
    valgrind's processor is not the machine's: every variant of each one used is kept."""
    symbols = [line.split() for line in subprocess.run(
        ["nm", "--defined-only", BINARY], capture_output=True, text=True, check=True).stdout.splitlines()]
    names = [s[2] for s in symbols if len(s) == 3]
    ifuncs = {s[2] for s in symbols if len(s) == 3 and s[1] == "i"}
    seen, out = set(), []
    for name in order:
        m = VARIANT.match(name)
        # A variant names its function (__strlen_evex); the function's own name (an indirect
        # function) or its resolver (strcmp_ifunc) stands for all of them.
        plain = name.removesuffix("_ifunc")
        if m:
            base = m.group(1)
        elif name in ifuncs or plain != name:
            base = plain if plain.startswith("__") else "__" + plain
        else:
            base = None
        group = [n for n in names if VARIANT.match(n) and VARIANT.match(n).group(1) == base] if base else []
        for n in [name, *sorted(group)]:
            if n not in seen:
                seen.add(n)
                out.append(n)
    return out


def keys(term: Term, *sequence) -> None:
    """Each key in its own write, as a person types, waiting for the screen to settle."""
    for key in sequence:
        term.send(key)
        term.settle(0.3)


def profiled(env, home, session) -> list:
    profile = tempfile.NamedTemporaryFile(prefix="startup_order.", delete=False).name
    argv = ["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={profile}", BINARY]
    term = Term(argv, env, vs_less.ROWS, vs_less.COLS, cwd=home)
    try:
        if term.wait_for(vs_less.tui_first_screen("Overview"), 120) is None:
            raise RuntimeError("first screen never completed:\n" + term.screen.text())
        term.settle(0.5)
        session(term)
        term.send(b"q")
        deadline = time.time() + 60
        while term.proc.poll() is None and time.time() < deadline:
            term.settle(0.2)
    finally:
        term.close(b"q")
    found = functions(profile)
    os.unlink(profile)
    return found


def benchmark_session(term: Term) -> None:
    keys(term, term.up_key(), *[vs_less.PGDN] * 5)


def reader_session(term: Term) -> None:
    keys(term, b"/", *[bytes([c]) for c in b"tendon"], b"\r", b"n", b"\t", b"\t", b"o", b"\x1b",
         b"?", b"\x1b")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-build", action="store_true", help="use the existing target/release binary")
    a = ap.parse_args()
    if not a.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    home = tempfile.mkdtemp(prefix="startup_order.")
    env = vs_less.env_for_programs(home)
    first = with_variants(profiled(env, home, benchmark_session))
    seen = set(first)
    more = [f for f in with_variants(profiled(env, home, reader_session)) if f not in seen]
    with open(ORDER, "w") as f:
        f.write("# Written by benches/startup_order.py; the linker lays these functions out in this\n"
                "# order (see .cargo/link-program). Regenerate after a compiler or dependency update.\n")
        for name in first + more:
            f.write(name + "\n")
    print(f"{ORDER}: {len(first)} functions of the measured session, {len(more)} more of a reader's",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
