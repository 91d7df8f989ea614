#!/usr/bin/env python3
"""Generate a large (~10 MB) handbook folder from the shipped handbook, in both its editions.

Usage: python3 benches/gen_large_handbook.py OUT_DIR [--mb 10] [--word zyxwquorum]

OUT_DIR gets one folder per shipped edition (en/, es/), each about half the target size, so the
handbook as a whole is the target size and, like the shipped one, has two editions to validate.
In each, every chapter's sections are repeated with new, unique section ids ("what-it-is-123")
until the chapter files together reach the edition's share. Cross-references (`see =
"chapter#id"`) point at the original ids, which are kept, so they stay valid; the repeated copies
drop `qr = true`, since only one contact in an edition may offer a QR code. A single extra
section with one paragraph holding WORD is appended at the very end of the last English chapter:
WORD occurs nowhere else. Every chapter file stays below the loader's 16 MiB limit.
"""

import argparse
import os
import re
import shutil
import sys
import tomllib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHIPPED = os.path.join(REPO, "handbook")
MAX_FILE = 16 * 1024 * 1024
ID_RE = re.compile(r'^id = "([^"]+)"', re.M)
QR_RE = re.compile(r'^qr = true\n', re.M)


def generate(out_dir: str, target_bytes: int, word: str) -> dict:
    """Writes every shipped edition into OUT_DIR/<language>/; WORD goes into the English one."""
    if os.path.exists(out_dir):
        shutil.rmtree(out_dir)
    os.makedirs(out_dir)
    editions = sorted(e for e in os.listdir(SHIPPED)
                      if os.path.exists(os.path.join(SHIPPED, e, "handbook.toml")))
    total, copies, files = 0, 0, {}
    for e in editions:
        info = generate_edition(os.path.join(SHIPPED, e), os.path.join(out_dir, e),
                                target_bytes // len(editions), word if e == "en" else None)
        total += info["bytes"]
        copies = max(copies, info["copies"])
        files.update({f"{e}/{k}": v for k, v in info["files"].items()})
    return {"dir": out_dir, "copies": copies, "bytes": total, "files": files}


def generate_edition(src: str, out_dir: str, target_bytes: int, word) -> dict:
    os.makedirs(out_dir)
    with open(os.path.join(src, "handbook.toml"), "rb") as f:
        manifest = tomllib.load(f)
    chapters = manifest["chapters"]
    base = 0
    # The manifest and any other file that is not a chapter (the interface's words) as shipped.
    for name in os.listdir(src):
        if name.endswith(".toml") and name[:-5] not in chapters:
            shutil.copy(os.path.join(src, name), os.path.join(out_dir, name))
            base += os.path.getsize(os.path.join(src, name))

    parts = {}
    for ch in chapters:
        text = open(os.path.join(src, ch + ".toml"), encoding="utf-8").read()
        if word and word.lower() in text.lower():
            sys.exit(f"{word!r} already occurs in {ch}.toml; pick another word")
        pieces = text.split("\n[[sections]]\n")
        sections = ["[[sections]]\n" + p for p in pieces[1:]]
        parts[ch] = (text, sections)

    closing = (
        '\n[[sections]]\nid = "closing-note"\nheading = "One last note"\n\n'
        '[[sections.blocks]]\nparagraph = "Thank you for reading this handbook to the very end. '
        f'The last word is {word}."\n'
    ) if word else ""
    outs = {ch: [parts[ch][0].rstrip("\n") + "\n"] for ch in chapters}
    sizes = {ch: len(outs[ch][0].encode()) for ch in chapters}
    total = base + sum(sizes.values()) + len(closing.encode())
    copies = 1
    # Add one more copy of every chapter's sections, round robin, until the target is reached.
    while total < target_bytes:
        for ch in chapters:
            for sec in parts[ch][1]:
                new = ID_RE.sub(lambda m: f'id = "{m.group(1)}-{copies}"', sec, count=1)
                new = QR_RE.sub("", new)
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
    print(f"wrote {info['dir']}: {info['bytes']} bytes, {info['copies']} copies of each chapter at most")


if __name__ == "__main__":
    main()
