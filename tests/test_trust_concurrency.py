"""Promise 2: writers at the same moment lose nothing.

Real `reflect add` processes are lined up behind a start-time barrier (each waits for the same
instant, then execs the binary), all with the same title and, in one test, the very same
timestamp, so they race for the same file name. Every process must keep its own entry under its
own id and file name, and the index (derived) must agree with the files afterwards.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from reflect.models import Entry
from reflect.store import JournalStore

REFLECT_BIN = str(Path(sys.executable).parent / "reflect")
WRITERS = 8
THREADS, PER_THREAD = 8, 25

# Waits for a shared start instant, then becomes `reflect add ...` (exec: no extra start-up after the barrier).
BARRIER = textwrap.dedent("""
    import os, sys, time
    start = float(open(sys.argv[1]).read())
    while time.time() < start:
        time.sleep(min(0.002, max(0.0, start - time.time())))
    os.execv(sys.argv[2], sys.argv[2:])
""")


def _env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFLECT_")}
    env.update(REFLECT_HOME=str(home), NO_COLOR="1", TERM="dumb")
    return env


def _race(home: Path, tmp_path: Path, args_for, writers: int = WRITERS) -> list[dict]:
    start_file = tmp_path / "start-at"
    start_file.write_text(repr(time.time() + 2.0))
    procs = [subprocess.Popen([sys.executable, "-c", BARRIER, str(start_file), REFLECT_BIN, *args_for(n)],
                              env=_env(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in range(writers)]
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        outputs.append(json.loads(out))
    return outputs


def _check(home: Path, outputs: list[dict]) -> list[Entry]:
    entries, problems = JournalStore(home).scan()
    assert not problems
    ids = [o["id"] for o in outputs]
    paths = [o["path"] for o in outputs]
    assert len(set(ids)) == len(ids), "every writer gets its own id"
    assert len(set(paths)) == len(paths), "every writer gets its own file"
    assert sorted(e.id for e in entries) == sorted(ids), "every writer's entry is on disk"
    for out in outputs:
        on_disk = JournalStore(home).read(Path(out["path"]))
        assert (on_disk.id, on_disk.body) == (out["id"], out["body"])
    return entries


def _index_agrees(home: Path, entries: list[Entry]) -> None:
    """What reading commands show (through the index when there is one) matches the files."""
    listed = subprocess.run([REFLECT_BIN, "list", "--json"], env=_env(home), capture_output=True, text=True)
    assert listed.returncode == 0 and "warning" not in listed.stderr, listed.stderr
    assert sorted(e["id"] for e in json.loads(listed.stdout)) == sorted(e.id for e in entries)
    index = pytest.importorskip("reflect.index")
    from reflect.journal import Journal

    idx = index.open_index(Journal(home))
    if idx is not None:
        try:
            assert sorted(e.id for e in idx.select()) == sorted(e.id for e in entries)
            assert idx.count() == len(entries)
        finally:
            idx.close()


def test_same_second_same_title_all_kept(reflect_home: Path, tmp_path: Path) -> None:
    """Same fixed timestamp and same title: all writers race for one file name."""
    outputs = _race(reflect_home, tmp_path, lambda n: [
        "add", "--json", "--date", "2026-11-20 14:30", f"Same title. Words from writer {n}."])
    entries = _check(reflect_home, outputs)
    assert {e.title for e in entries} == {"Same title."}
    assert len({e.created for e in entries}) == 1
    names = sorted(Path(o["path"]).name for o in outputs)
    assert len(names) == WRITERS and len({n.split("-same-title")[0] for n in names}) == 1
    _index_agrees(reflect_home, entries)


def test_identical_adds_at_the_same_instant_all_kept(reflect_home: Path, tmp_path: Path) -> None:
    """Byte-identical commands released together (no --date): nothing merged, nothing lost."""
    outputs = _race(reflect_home, tmp_path, lambda n: ["add", "--json", "Handover ran late. Same words exactly."])
    entries = _check(reflect_home, outputs)
    assert len(entries) == WRITERS
    _index_agrees(reflect_home, entries)


def test_readers_during_writes_see_only_whole_entries(reflect_home: Path, tmp_path: Path) -> None:
    """`list` running while writers add: never a warning, never a partial entry."""
    stop = threading.Event()
    seen_problems: list[str] = []

    def reader() -> None:
        while not stop.is_set():
            done = subprocess.run([REFLECT_BIN, "list", "--json"], env=_env(reflect_home), capture_output=True,
                                  text=True)
            if done.returncode != 0 or "warning" in done.stderr:
                seen_problems.append(done.stderr)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        outputs = _race(reflect_home, tmp_path, lambda n: ["add", "--json", f"Writer {n} while reading."])
    finally:
        stop.set()
        thread.join()
    assert not seen_problems, seen_problems[:2]
    _check(reflect_home, outputs)


def test_threads_creating_the_same_entry_never_collide(tmp_path: Path) -> None:
    """store.create from many threads, identical names and timestamps: every one keeps its file."""
    import datetime as dt

    store = JournalStore(tmp_path / "threads")
    created = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone.utc)
    barrier = threading.Barrier(THREADS)
    made: list[Entry] = []
    lock = threading.Lock()

    def work(t: int) -> None:
        barrier.wait()
        for i in range(PER_THREAD):
            entry = store.create(Entry(id=f"t{t:02d}i{i:03d}", created=created, title="Same", body=f"{t}/{i}\n"))
            with lock:
                made.append(entry)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    entries, problems = store.scan()
    assert not problems
    assert len(made) == len(entries) == THREADS * PER_THREAD
    assert len({e.path for e in made}) == THREADS * PER_THREAD
    assert {e.id: e.body for e in entries} == {e.id: e.body for e in made}
