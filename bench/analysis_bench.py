#!/usr/bin/env python3
"""Time the per-entry analysis (reflect.analysis.entry.analyse_text) over every entry of the corpora.

Usage: python bench/analysis_bench.py [--runs 3] [--dump FILE] [FILES...]

Without FILES it reads the jrnl-format corpora it can find: /work/shared/eval/dev/*.txt,
bench/corpora/*/*.txt and /work/notes/testF/*.txt. An entry starts with a line
`[YYYY-MM-DD HH:MM] Title.` and its body is everything up to the next such line.
Prints: the time to load and compile the lexicons (once), and the time per entry and per sentence
of analysing every entry (wall-clock and CPU time, best and median of --runs passes; the first pass\nalso compiles what the lexicon compiles lazily). CPU time is the steadier figure on a busy machine.
With --dump FILE it also writes every EntryAnalysis.to_json() (one JSON line per entry, in a fixed
order) so two versions of the code can be compared byte for byte. Figures, not pass/fail.
"""
from __future__ import annotations

import argparse
import glob
import json
import re
import statistics
import sys
import time
from pathlib import Path

HEAD = re.compile(r"^\[(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d)\] ?(.*)$")
ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ["/work/shared/eval/dev/*.txt", str(ROOT / "bench" / "corpora" / "*" / "*.txt"), "/work/notes/testF/*.txt"]


def parse(path: str) -> list[tuple[str, str, str, int]]:
    """(id, title, body, year) for each entry of a jrnl text file."""
    out: list[tuple[str, str, str, int]] = []
    cur = None
    body: list[str] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        m = HEAD.match(line)
        if m:
            if cur:
                out.append((*cur, "\n".join(body).strip() + "\n"))
            cur = (f"{Path(path).stem}-{len(out):04d}", m.group(6).strip(), int(m.group(1)))
            body = []
        elif cur:
            body.append(line)
    if cur:
        out.append((*cur, "\n".join(body).strip() + "\n"))
    return [(i, t, b, y) for i, t, y, b in out]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dump")
    a = ap.parse_args()
    paths = sorted({p for g in (a.files or DEFAULT) for p in glob.glob(g)})
    entries = [e for p in paths for e in parse(p)]

    t0 = time.perf_counter()
    from reflect.analysis.broad import broad
    from reflect.analysis.entry import analyse_text
    from reflect.analysis.lexicon import lexicon
    from reflect.analysis.text import sentences
    lexicon()
    broad()
    t_load = time.perf_counter() - t0
    n_sent = sum(len(sentences((t + "\n\n" + b) if t else b)) for _, t, b, _ in entries)

    times, cpu = [], []
    results = None
    for _ in range(max(1, a.runs)):
        t0, c0 = time.perf_counter(), time.process_time()
        results = [analyse_text(i, t, b, year=y) for i, t, b, y in entries]
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as fh:
            for r in results:
                j = r.to_json()
                fh.write((j if isinstance(j, str) else json.dumps(j, sort_keys=True, ensure_ascii=False)) + "\n")
    n = len(entries)
    print(f"files {len(paths)}  entries {n}  sentences ~{n_sent}")
    print(f"lexicon load+compile  {t_load * 1000:.0f} ms")
    print(f"first pass (cold: lazily compiled parts included)  {times[0] / n * 1000:.2f} ms/entry wall  "
          f"{cpu[0] / n * 1000:.2f} ms/entry cpu")
    for label, xs in (("wall", times), ("cpu", cpu)):
        best, med = min(xs), statistics.median(xs)
        print(f"{label:4s} per entry  best {best / n * 1000:.2f} ms  median {med / n * 1000:.2f} ms  "
              f"per sentence best {best / max(n_sent, 1) * 1e6:.0f} us  ({len(xs)} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
