#!/usr/bin/env python3
"""Generate a large (~10 MB) handbook folder from the shipped English handbook.

Usage: python3 benches/gen_large_handbook.py OUT_DIR [--mb 10] [--word zyxwquorum]

Each chapter's sections are repeated with new, unique section ids ("what-it-is-123") until the
chapter files together reach the target size. Cross-references (`see = "chapter#id"`) point at
the original ids, which are kept, so they stay valid. A single extra section with one paragraph
holding WORD is appended at the very end of the last chapter: WORD occurs nowhere else.
Every chapter file stays below the loader's 16 MiB limit.
"""

import argparse
import os
import re
import shutil
import sys
import tomllib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(REPO, "handbook", "en")
MAX_FILE = 16 * 1024 * 1024
ID_RE = re.compile(r'^id = "([^"]+)"', re.M)


def generate(out_dir: str, target_bytes: int, word: str) -> dict:
    if os.path.exists(out_dir):
        shutil.rmtree(out_dir)
    os.makedirs(out_dir)
    with open(os.path.join(SRC, "handbook.toml"), "rb") as f:
        manifest = tomllib.load(f)
    chapters = manifest["chapters"]
    shutil.copy(os.path.join(SRC, "handbook.toml"), os.path.join(out_dir, "handbook.toml"))
    base = os.path.getsize(os.path.join(SRC, "handbook.toml"))

    parts = {}
    for ch in chapters:
        text = open(os.path.join(SRC, ch + ".toml"), encoding="utf-8").read()
        if word.lower() in text.lower():
            sys.exit(f"{word!r} already occurs in {ch}.toml; pick another word")
        pieces = text.split("\n[[sections]]\n")
        sections = ["[[sections]]\n" + p for p in pieces[1:]]
        parts[ch] = (text, sections)

    closing = (
        '\n[[sections]]\nid = "closing-note"\nheading = "One last note"\n\n'
        '[[sections.blocks]]\nparagraph = "Thank you for reading this handbook to the very end. '
        f'The last word is {word}."\n'
    )
    outs = {ch: [parts[ch][0].rstrip("\n") + "\n"] for ch in chapters}
    sizes = {ch: len(outs[ch][0].encode()) for ch in chapters}
    total = base + sum(sizes.values()) + len(closing.encode())
    copies = 1
    # Add one more copy of every chapter's sections, round robin, until the target is reached.
    while total < target_bytes:
        for ch in chapters:
            for sec in parts[ch][1]:
                new = ID_RE.sub(lambda m: f'id = "{m.group(1)}-{copies}"', sec, count=1)
                chunk = "\n" + new.rstrip("\n") + "\n"
                outs[ch].append(chunk)
                n = len(chunk.encode())
                sizes[ch] += n
                total += n
            if total >= target_bytes:
                break
        copies += 1
    outs[chapters[-1]].append(closing)
    sizes[chapters[-1]] += len(closing.encode())
    for ch in chapters:
        if sizes[ch] >= MAX_FILE:
            sys.exit(f"{ch}.toml would be {sizes[ch]} bytes, over the 16 MiB limit")
        with open(os.path.join(out_dir, ch + ".toml"), "w", encoding="utf-8") as f:
            f.write("".join(outs[ch]))
    return {"dir": out_dir, "copies": copies, "bytes": base + sum(sizes.values()), "files": sizes}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--mb", type=float, default=10.0, help="target size in MB (10^6 bytes), default 10")
    ap.add_argument("--word", default="zyxwquorum", help="the word placed only at the very end")
    a = ap.parse_args()
    info = generate(a.out_dir, int(a.mb * 1_000_000), a.word)
    print(f"wrote {info['dir']}: {info['bytes']} bytes, {info['copies']} copies of each chapter")


if __name__ == "__main__":
    main()
