#!/usr/bin/env python3
"""Time `reflect summary` (the whole process, as a person runs it) over a synthetic journal.

Usage: python bench/summary_bench.py [--entries 10000] [--runs 5] [--reflect PATH] [--keep DIR]

Builds a journal of N entries (one or two a day going back from today, text assembled from
phrase pools written for this benchmark: strain, encounters, repairs, kindness) in a temporary
REFLECT_HOME by writing entry files through reflect's own store. The first `reflect summary`
builds the index and analyses every entry once ("cold"); then each command below runs --runs
times ("warm") and the median wall-clock time and the peak RSS of its runs are printed:
`summary` (28 days), `summary` over the whole journal, `summary --json --days 365` and
`encounters`. With --keep DIR the journal (and its index) is kept and reused by the next run.
Figures, not pass/fail.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OPENERS = [
    "Long day on the unit.", "Quiet one today.", "Home visits all afternoon.", "Clinic ran late.",
    "Supervision this morning.", "Back after two days off.", "Night shift done.", "Team meeting first thing.",
    "Court report finished.", "New referrals landed.", "Training day.", "Short one tonight.",
]
NEUTRAL = [
    "Saw four people on the list and wrote them all up before leaving.",
    "The new student shadowed me and asked good questions.",
    "Spent an hour on the phone chasing equipment for a family.",
    "Mrs B's leg is healing well and she was pleased to see us.",
    "Handover was calm and everyone was on time.",
    "Rang the pharmacy about a missing prescription and it was sorted by lunch.",
    "The weather was awful but the traffic was light.",
    "Wrote up the care plan with the family at the kitchen table.",
    "Got the referral in for the memory clinic.",
    "Lunch in the car with the radio on.",
]
STRAIN = [
    "I'm exhausted and couldn't sleep last night.", "Missed my lunch again and stayed late to finish notes.",
    "We were two staff down all day.", "Felt numb with the last family, just going through the motions.",
    "Nothing I do seems to make any difference.", "Kept seeing his face on the drive home.",
    "Running on empty by three o'clock.", "Dreading tomorrow's list.",
]
DECOYS = [
    "Tired, but the good kind.", "I didn't feel drained today.", "A difficult hoist transfer, nobody's fault.",
    "Kept the group session short.", "Two years ago I was burnt out; not now.",
]
ENCOUNTERS = [
    "I snapped at Mr K's son when he questioned the plan, and he walked off.",
    "Had words with the charge nurse at handover, too loud.",
    "A relative shouted at me in the corridor and said she'd complain about me.",
]
REPAIRS = [
    "Rang Mr K's son back and apologised for snapping. We're fine now.",
    "Cleared the air with the charge nurse over coffee.",
]
KIND = [
    "Sam brought me a coffee without being asked.", "Bought the new starter a sandwich.",
    "Stayed with her until her daughter arrived.",
]


def build(home: Path, n: int, seed: int = 7) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from reflect.journal import Journal
    from reflect.models import Entry

    rng = random.Random(seed)
    journal = Journal(home)
    now = dt.datetime.now().astimezone().replace(microsecond=0, second=0)
    when = now - dt.timedelta(hours=12 * n)
    for i in range(n):
        when += dt.timedelta(hours=rng.choice((12, 12, 24, 6)) if i else 0)
        if when > now:
            when = now - dt.timedelta(minutes=n - i)
        parts = rng.sample(NEUTRAL, 2)
        roll = rng.random()
        if roll < 0.35:
            parts += rng.sample(STRAIN, rng.choice((1, 2)))
        if rng.random() < 0.15:
            parts.append(rng.choice(DECOYS))
        if rng.random() < 0.03:
            parts.append(rng.choice(ENCOUNTERS))
        if rng.random() < 0.02:
            parts.append(rng.choice(REPAIRS))
        if rng.random() < 0.2:
            parts.append(rng.choice(KIND))
        rng.shuffle(parts)
        entry = Entry(id=f"{i:08x}", created=when, updated=when, title=rng.choice(OPENERS),
                      body=" ".join(parts) + "\n", energy=rng.choice((None, None, 2, 3, 4)))
        journal.save_new(entry)


def run_once(cmd: list[str], env: dict) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one whole process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {err[-400:]}")
    return elapsed, usage.ru_maxrss / 1024


def timed(cmd: list[str], env: dict, runs: int) -> tuple[float, float, list[float]]:
    results = [run_once(cmd, env) for _ in range(runs)]
    times = [t for t, _ in results]
    return statistics.median(times), max(m for _, m in results), times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--reflect", default=str(Path(sys.executable).parent / "reflect"))
    ap.add_argument("--keep", type=Path, help="build the journal here and keep it (reused if it exists)")
    args = ap.parse_args()
    home = args.keep or Path(tempfile.mkdtemp(prefix="reflect-bench-"))
    try:
        t0 = time.perf_counter()
        if not (home / "entries").exists():
            build(home, args.entries)
        count = sum(1 for _ in (home / "entries").rglob("*.md"))
        print(f"journal: {count} entries in {home} (ready in {time.perf_counter() - t0:.1f} s)")
        env = dict(os.environ, REFLECT_HOME=str(home), NO_COLOR="1", TERM="dumb")
        first_day = min(p.name for p in (home / "entries").iterdir() if p.is_dir())
        whole = [args.reflect, "summary", "--since", f"{first_day}-01-01", "--until", "today"]
        seconds, peak = run_once(whole, env)
        print(f"{'first summary (index + analyses, if not kept)':<52} {seconds:8.2f} s  {peak:6.0f} MB")
        for cmd in ([args.reflect, "summary"], whole, [args.reflect, "summary", "--json", "--days", "365"],
                    [args.reflect, "encounters"]):
            med, peak, all_ = timed(cmd, env, args.runs)
            label = " ".join(Path(cmd[0]).name.split() + cmd[1:])
            print(f"{label:<52} {med:8.2f} s  {peak:6.0f} MB  (runs: {', '.join(f'{t:.2f}' for t in all_)})")
    finally:
        if args.keep is None:
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
