"""Stress the crash-safety promises far beyond what CI runs.

Runs the same SIGKILL loops as tests/test_trust_kill.py (real `reflect` binary, killed at random
moments) with many more iterations, each in a fresh journal, and prints the figures as JSON.
Any lost confirmed entry, partial file, unreadable file or unhealthy doctor raises an error.

Usage (from the checkout, with the venv):

    .venv/bin/python bench/stress.py                    # 1000 adds, 200 edits, 60 imports
    .venv/bin/python bench/stress.py --adds 5000 --workers 4 --seed 42
    .venv/bin/python bench/stress.py --adds 300 --edits 0 --imports 0 --keep /tmp/stress

CI runs 150 add kills, 16 edit kills (+8 on an encrypted journal) and 6 import kills;
REFLECT_KILL_ADDS, REFLECT_KILL_EDITS and REFLECT_KILL_IMPORTS override those counts for pytest too.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--adds", type=int, default=1000, help="`reflect add` runs to kill (default 1000)")
    parser.add_argument("--edits", type=int, default=200, help="`reflect edit` runs to kill (default 200)")
    parser.add_argument("--imports", type=int, default=60, help="`reflect import` runs to kill (default 60)")
    parser.add_argument("--workers", type=int, default=2, help="adds running at once (default 2)")
    parser.add_argument("--seed", type=int, default=int(time.time()), help="random seed (default: the time)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp folder)")
    args = parser.parse_args(argv)

    import test_trust_kill as kill  # the loops the test suite runs, unchanged

    base = args.keep or Path(tempfile.mkdtemp(prefix="reflect-stress-"))
    base.mkdir(parents=True, exist_ok=True)
    results = []
    started = time.monotonic()
    if args.adds:
        results.append(kill.kill_adds(base / "adds", args.adds, args.seed, workers=args.workers))
        print(json.dumps(asdict(results[-1])), flush=True)
    if args.edits:
        scratch = base / "edit-scratch"
        scratch.mkdir(exist_ok=True)
        results.append(kill.kill_edits(base / "edits", args.edits, args.seed + 1, scratch))
        print(json.dumps(asdict(results[-1])), flush=True)
    if args.imports:
        results.append(kill.kill_imports(base / "imports", args.imports, args.seed + 2))
        print(json.dumps(asdict(results[-1])), flush=True)
    total = {
        "seed": args.seed,
        "seconds": round(time.monotonic() - started, 1),
        "kills_tried": sum(r.tried for r in results),
        "killed": sum(r.killed for r in results),
        "confirmed": sum(r.confirmed for r in results),
        "entries_checked": sum(r.entries_checked for r in results),
        "temp_files_left_then_cleaned": sum(r.temp_files_left for r in results),
        "folder": str(base) if args.keep else None,
    }
    print(json.dumps(total))
    if not args.keep:
        import shutil

        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
