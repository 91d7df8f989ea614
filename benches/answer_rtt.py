#!/usr/bin/env python3
"""How long a terminal takes to answer the question achilles-handbook asks it at start-up.

Usage:  python3 benches/answer_rtt.py [--runs 30]            (run it in the terminal to measure)
        python3 benches/answer_rtt.py --harness [--runs 30]  (in benches/vs_less_term.py's pty)

Writes the program's question (OSC 11 "what is the background colour?", then DA1) to the
terminal and times how long its whole answer takes to come back, `--runs` times, 20 ms apart;
prints the median, the fastest and the slowest, in milliseconds. The program's first frame
waits for this answer (up to 0.1 s), so it is a floor under the first screen that less, which
asks nothing, does not have. `--harness` runs the same measurement inside the pseudo-terminal
that benches/vs_less.py measures both programs in, which answers from Python.
Standard library only.
"""

import argparse
import os
import select
import statistics
import sys
import tempfile
import termios
import time
import tty

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

QUESTION = b"\x1b]11;?\x07\x1b[c"


def measure(runs: int) -> str:
    fd = os.open("/dev/tty", os.O_RDWR)
    saved = termios.tcgetattr(fd)
    tty.setraw(fd)
    times = []
    try:
        for _ in range(runs):
            start = time.perf_counter()
            os.write(fd, QUESTION)
            got = b""
            # The DA1 answer ("ESC [ ? ... c") comes last, after OSC 11's if the terminal knows it.
            while not (b"\x1b[?" in got and got.endswith(b"c")):
                ready, _, _ = select.select([fd], [], [], 2.0)
                if not ready:
                    break
                got += os.read(fd, 256)
            else:
                times.append((time.perf_counter() - start) * 1000)
            time.sleep(0.02)
    finally:
        termios.tcsetattr(fd, termios.TCSANOW, saved)
        os.close(fd)
    if not times:
        return "no answer within 2 s"
    return (
        f"answer round trip over {len(times)} runs: median {statistics.median(times):.3f} ms, "
        f"fastest {min(times):.3f} ms, slowest {max(times):.3f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--harness", action="store_true")
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.harness:
        line = measure(args.runs)
        if args.out:
            with open(args.out, "w") as f:
                f.write(line + "\n")
        else:
            print(line)
        return
    from vs_less_term import Term

    with tempfile.TemporaryDirectory() as home:
        out = os.path.join(home, "rtt.txt")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "TERM": "xterm-256color"}
        argv = [sys.executable, os.path.abspath(__file__), "--runs", str(args.runs), "--out", out]
        term = Term(argv, env)
        deadline = time.perf_counter() + 10 + args.runs * 2.1
        while term.proc.poll() is None and time.perf_counter() < deadline:
            term.settle(0.05, limit=0.5)
        with open(out) as f:
            print("benchmark harness:", f.read().strip())


if __name__ == "__main__":
    main()
