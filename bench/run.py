#!/usr/bin/env python3
"""Benchmark: reflect vs jrnl on synthetic journals of 1,000 / 10,000 / 100,000 entries.

    .venv/bin/python bench/run.py                       # sizes 1000,10000,100000, 5 runs each
    .venv/bin/python bench/run.py --sizes 1000,10000 --runs 3
    .venv/bin/python bench/run.py --jrnl /path/to/venv/bin/jrnl   # reuse an installed jrnl

Whole-process wall time (median of --runs) of the installed `reflect` next to jrnl, which is
installed into its own temporary venv. Both journals hold the same entries: reflect's as
Markdown files written directly (not via the CLI, for speed), jrnl's as one plain-text file.
Peak memory is the largest max-RSS of any run of that command (os.wait4). Figures, not pass/fail.
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
import threading
import time
from pathlib import Path

import reflect  # the installed package whose modules are byte-compiled before timing

HERE = Path(__file__).resolve().parent
REFLECT = str(Path(sys.executable).parent / "reflect")
RARE = "zephyrine"  # appears in a handful of entries only
FIRST_DAY = "2016-01-04"  # the synthetic journals start here: `summary --since` it covers everything
TIMEOUT = 600.0

WORDS = ("shift ward handover patient family relative tired break lunch team manager call visit note plan "
         "care home night day rota meeting drained short apologised rang back daughter son supervision "
         "colleague thanked kind support quiet busy agency staff missed late early discharge referral "
         "assessment review visit notes listened calm worried anxious proud relieved frustrated").split()
TAGS = ["ward", "community", "supervision", "nights", "team", "family"]


# -- building journals ---------------------------------------------------------------------------
def synthetic(n: int, seed: int = 7):
    rng = random.Random(seed)
    when = dt.datetime(2016, 1, 4, 19, 0)
    step = max(1, int(3650 * 24 * 60 / max(n, 1)))  # spread over ~ten years
    rare_every = max(n // 5, 1)
    for i in range(n):
        when += dt.timedelta(minutes=step + rng.randint(-step // 4, step // 4))
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7))).capitalize() + "."
        lines = []
        for _ in range(rng.randint(2, 6)):
            lines.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))) + ".")
        if i % rare_every == rare_every // 2:
            lines.append(f"A {RARE} moment.")
        tags = rng.sample(TAGS, rng.randint(0, 2))
        if tags:
            lines.append(" ".join(f"@{t}" for t in tags))
        yield i, when, title, "\n".join(lines), tags


def build_reflect(home: Path, entries) -> None:
    from reflect.frontmatter import render
    from reflect.models import Entry
    from reflect.store import slugify

    root = home / "entries"
    offset = dt.datetime.now().astimezone().utcoffset()
    tz = dt.timezone(offset)
    made = set()
    for i, when, title, body, tags in entries:
        created = when.replace(tzinfo=tz)
        entry = Entry(id=f"{i:08x}", created=created, updated=created, title=title, body=body + "\n", tags=tags)
        folder = root / f"{when.year:04d}" / f"{when.month:02d}"
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            made.add(folder)
        name = f"{when.strftime('%Y-%m-%dT%H%M%S')}-{slugify(title)}-{i}.md"
        (folder / name).write_bytes(render(entry))


def build_jrnl(folder: Path, entries) -> Path:
    journal = folder / "journal.txt"
    with journal.open("w", encoding="utf-8") as out:
        for n, (_i, when, title, body, _tags) in enumerate(entries):
            out.write(("\n" if n else "") + f"[{when:%Y-%m-%d %H:%M}] {title}\n{body}\n")
    config = folder / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\ndefault_hour: 9\ndefault_minute: 0\n"
        "editor: ''\nencrypt: false\nhighlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\nlinewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n", encoding="utf-8")
    return config


def install_jrnl(where: Path) -> str:
    print(f"installing jrnl into {where} ...", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    subprocess.run([str(where / "bin" / "pip"), "install", "-q", "jrnl"], check=True,
                   stdout=subprocess.DEVNULL)
    return str(where / "bin" / "jrnl")


# -- timing --------------------------------------------------------------------------------------
def run_once(cmd: list[str], env: dict) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of one whole process (killed after TIMEOUT seconds)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    timer = threading.Timer(TIMEOUT, proc.kill)
    timer.start()
    try:
        _pid, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        print(f"  ! {' '.join(cmd[:4])}... exited {proc.returncode}: {err.strip()[-300:]}", file=sys.stderr)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode


def timed(cmd: list[str], env: dict, runs: int) -> dict:
    times, peak, ok = [], 0.0, True
    for _ in range(runs):
        seconds, rss, code = run_once(cmd, env)
        times.append(seconds)
        peak = max(peak, rss)
        ok = ok and code == 0
    return {"median": statistics.median(times), "peak_mb": peak, "ok": ok}


def summarise(samples: list[tuple[float, float, int]]) -> dict:
    return {"median": statistics.median(x[0] for x in samples), "peak_mb": max(x[1] for x in samples),
            "ok": all(x[2] == 0 for x in samples)}


def fmt_s(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def main() -> int:
    global TIMEOUT
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jrnl-slow-runs", type=int, default=2,
                        help="runs for a jrnl command whose first run took over 3 s (the 100k journal)")
    parser.add_argument("--jrnl", help="an installed jrnl executable (default: install one in a temp venv)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary journals")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds before one command is killed")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    TIMEOUT = args.timeout

    work = Path(tempfile.mkdtemp(prefix="reflect-bench-"))
    rows: list[tuple] = []
    try:
        jrnl = args.jrnl or install_jrnl(work / "jrnl-venv")
        # Measure as installed: with bytecode caches (a sandbox may set PYTHONDONTWRITEBYTECODE,
        # which would make every reflect run recompile its own modules from source).
        import compileall

        compileall.compile_dir(str(Path(sys.modules["reflect"].__file__).parent), quiet=1)
        base_env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("REFLECT_", "JRNL")) and k != "PYTHONDONTWRITEBYTECODE"}
        base_env.update(NO_COLOR="1", TERM="dumb", COLUMNS="120")
        has_summary = subprocess.run([REFLECT, "summary", "--help"], capture_output=True,
                                     env={**base_env, "REFLECT_HOME": str(work / "probe")}).returncode == 0

        # Start-up, independent of journal size.
        env0 = {**base_env, "REFLECT_HOME": str(work / "empty")}
        startup = {
            "python -c pass": timed([sys.executable, "-c", "pass"], env0, args.runs * 2),
            "python -c 'import typer, pydantic, yaml'": timed(
                [sys.executable, "-c", "import typer, pydantic, yaml"], env0, args.runs * 2),
            "reflect --version": timed([REFLECT, "--version"], env0, args.runs * 2),
            "jrnl --version": timed([jrnl, "--version"], env0, args.runs * 2),
        }

        homes: dict[int, dict] = {}
        for n in sizes:
            print(f"building {n:,} entries ...", file=sys.stderr, flush=True)
            folder = work / f"n{n}"
            home = folder / "home"
            t0 = time.perf_counter()
            build_reflect(home, synthetic(n))
            config = build_jrnl(folder, synthetic(n))
            print(f"  built in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
            env = {**base_env, "REFLECT_HOME": str(home), "HOME": str(folder)}
            # Cold: the first reading command builds the index from the files.
            cold = timed([REFLECT, "list", "-n", "10"], env, 1)
            summary_cold = None
            if has_summary:
                summary_cold = timed([REFLECT, "summary", "--since", FIRST_DAY, "--until", "today"], env, 1)
            J = [jrnl, "--config-file", str(config)]
            ops = [
                ("add one entry", [REFLECT, "add", "Quiet shift, handed over on time."],
                 J + ["Quiet shift, handed over on time."]),
                ("list the last 10", [REFLECT, "list", "-n", "10"], J + ["-n", "10"]),
                (f"search a rare word", [REFLECT, "search", RARE], J + ["-contains", RARE]),
            ]
            for label, rcmd, jcmd in ops:
                print(f"  {label} ...", file=sys.stderr, flush=True)
                # reflect and jrnl runs alternate, so a machine that slows down or speeds up during
                # the run (another VM on the host, the page cache) weighs on both sides alike
                rsamples, jsamples = [], []
                for k in range(args.runs):
                    rsamples.append(run_once(rcmd, env))
                    if k < args.jrnl_slow_runs or not jsamples or jsamples[0][0] <= 3:
                        jsamples.append(run_once(jcmd, env))
                r, j = summarise(rsamples), summarise(jsamples)
                rows.append((n, label, r, j))
            if has_summary:
                print("  summary ...", file=sys.stderr, flush=True)
                scmd = [REFLECT, "summary", "--since", FIRST_DAY, "--until", "today"]
                first = run_once(scmd, env)
                more = [run_once(scmd, env) for _ in range((args.runs if first[0] < 5 else 2) - 1)]
                samples = [first, *more]
                s = {"median": statistics.median(x[0] for x in samples), "peak_mb": max(x[1] for x in samples),
                     "ok": all(x[2] == 0 for x in samples)}
                rows.append((n, "summary, whole journal (warm)", s, None))
                rows.append((n, "summary, whole journal (cold index)", summary_cold, None))
            rows.append((n, "index build (first list, cold)", cold, None))
            homes[n] = env
            if not args.keep and n not in (min(sizes), max(sizes)):
                shutil.rmtree(folder, ignore_errors=True)

        # `add` at the smallest and the largest size, alternating, for their ratio: measured minutes
        # apart, the two would differ by whatever the machine was doing in between
        add_side_by_side = {}
        if len(sizes) > 1:
            print("  add, smallest and largest journal alternating ...", file=sys.stderr, flush=True)
            small, large = min(sizes), max(sizes)
            pairs = {small: [], large: []}
            for _ in range(args.runs * 2):
                for size in (small, large):
                    pairs[size].append(run_once([REFLECT, "add", "Quiet shift, handed over on time."], homes[size]))
            add_side_by_side = {size: summarise(samples)["median"] for size, samples in pairs.items()}

        # -- the table -----------------------------------------------------------------------
        print()
        print(f"reflect vs jrnl — median of {args.runs} runs (whole process), peak RSS; "
              f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
        print()
        header = f"{'entries':>8} | {'operation':<36} | {'reflect':>9} | {'jrnl':>9} | {'speed-up':>8} | {'reflect RSS':>11} | {'jrnl RSS':>9}"
        print(header)
        print("-" * len(header))
        for n, label, r, j in rows:
            speed = f"{j['median'] / r['median']:.1f}x" if j else ""
            flag = "" if r["ok"] else " !"
            print(f"{n:>8,} | {label:<36} | {fmt_s(r['median']) + flag:>9} | {fmt_s(j['median']) if j else '':>9} | "
                  f"{speed:>8} | {r['peak_mb']:>8.0f} MB | {(str(round(j['peak_mb'])) + ' MB') if j else '':>9}")
        print("(! = the command failed or was killed at --timeout; its time is not a result)")
        print()
        print("start-up (no journal):")
        for label, r in startup.items():
            print(f"  {label:<44} {fmt_s(r['median']):>9}   {r['peak_mb']:.0f} MB")
        base = startup["python -c 'import typer, pydantic, yaml'"]["median"]
        print(f"  reflect --version / bare imports: {startup['reflect --version']['median'] / base:.2f}x")
        adds = {n: r["median"] for n, label, r, _ in rows if label == "add one entry"}
        if adds:
            print("  reflect add / bare imports: " + ", ".join(f"{a / base:.2f}x at {n:,}" for n, a in adds.items()))
        if add_side_by_side:
            small, large = min(add_side_by_side), max(add_side_by_side)
            print(f"  reflect add at {large:,} / at {small:,}, alternating runs: "
                  f"{fmt_s(add_side_by_side[large])} / {fmt_s(add_side_by_side[small])} = "
                  f"{add_side_by_side[large] / add_side_by_side[small]:.2f}x")
        if not has_summary:
            print("  (no `reflect summary` command installed: summary rows skipped)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
