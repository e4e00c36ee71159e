"""Promise 1: no confirmed entry is ever lost, no file is ever left half-written.

The real `reflect` binary runs in a subprocess and is killed with SIGKILL at random moments
(`add`, `edit` with a fake $EDITOR, and `import`). Afterwards: every command that exited 0 left
its entry; every entry file parses and holds a whole entry; leftover temp files are ignored by
reading commands and removed by `reflect doctor`, which then exits 0.

CI runs a modest number of kills; `python bench/stress.py` runs the same loops with many more.
The loops live here as plain functions so the stress command reuses them unchanged.
"""
from __future__ import annotations

import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pytest

REFLECT_BIN = str(Path(sys.executable).parent / "reflect")
ADD_KILLS = int(os.environ.get("REFLECT_KILL_ADDS", "150"))
EDIT_KILLS = int(os.environ.get("REFLECT_KILL_EDITS", "16"))
IMPORT_KILLS = int(os.environ.get("REFLECT_KILL_IMPORTS", "6"))


@dataclass
class KillFigures:
    command: str
    tried: int = 0                  # processes started
    killed: int = 0                 # received SIGKILL before finishing
    confirmed: int = 0              # exited 0: their entry must be there
    killed_but_saved: int = 0       # killed after the entry was already safely on disk
    entries_checked: int = 0        # entry files read back and compared after the run
    temp_files_left: int = 0        # leftover .reflect-tmp-* found before doctor ran
    doctor_exit: int | None = None
    notes: list[str] = field(default_factory=list)


def _env(home: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFLECT_")}
    env.update(REFLECT_HOME=str(home), NO_COLOR="1", TERM="dumb", **extra)
    return env


def _run(args: list[str], home: Path, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([REFLECT_BIN, *args], env=_env(home, **extra), capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)


def _calibrate(args: list[str], home: Path, runs: int = 3, **extra: str) -> float:
    times = []
    for _ in range(runs):
        start = time.monotonic()
        done = _run(args, home, **extra)
        assert done.returncode == 0, done.stderr
        times.append(time.monotonic() - start)
    return statistics.median(times)


class KillClock:
    """When to kill: anywhere in a run, two times in three in its second half (where writing happens).

    Run times vary with machine load, so the scale adapts: each run that finished first shrinks
    it a little, each kill grows it a little, settling at roughly one run in four finishing. That
    keeps kills landing across the whole run, right up to and past its end, on fast and slow machines.
    """

    def __init__(self, rng: random.Random, full: float) -> None:
        self.rng, self.scale = rng, full * 1.5
        import threading

        self.lock = threading.Lock()

    def delay(self) -> float | None:
        """Seconds until the kill; None (every tenth run) lets the run finish, so some always confirm."""
        with self.lock:
            self.runs = getattr(self, "runs", 0) + 1
            if self.runs % 10 == 0:
                return None
            if self.rng.random() < 1 / 3:
                return self.rng.uniform(0, self.scale)
            return self.rng.uniform(self.scale * 0.5, self.scale)

    def outcome(self, finished: bool) -> None:
        with self.lock:
            self.scale *= 0.97 if finished else 1.01


def _start_and_kill(args: list[str], env: dict, clock: KillClock) -> int:
    proc = subprocess.Popen([REFLECT_BIN, *args], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    delay = clock.delay()
    if delay is None:
        return proc.wait(timeout=120)
    time.sleep(delay)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    code = proc.wait(timeout=120)
    clock.outcome(code == 0)
    return code


def _temp_files(home: Path) -> list[Path]:
    return [Path(d) / n for d, _, names in os.walk(home) for n in names if n.startswith(".reflect-tmp-")]


def _entry_files(home: Path) -> list[Path]:
    return [Path(d) / n for d, _, names in os.walk(home / "entries") for n in names
            if not n.startswith(".reflect-tmp-")]


def _read_all(home: Path):
    from reflect.store import JournalStore

    store = JournalStore(home)
    entries, problems = store.scan()
    assert not problems, f"unreadable entry files: {[str(p) for p in problems]}"
    files = _entry_files(home)
    assert len(files) == len(entries), "every file in entries/ must be a readable, distinct entry"
    return entries


def _finish(home: Path, figures: KillFigures, **extra: str) -> None:
    """Temp files are invisible to reading commands; doctor removes them and reports health."""
    figures.temp_files_left = len(_temp_files(home))
    listed = _run(["list", "--json"], home, **extra)
    assert listed.returncode == 0, listed.stderr
    assert "warning" not in listed.stderr and ".reflect-tmp" not in listed.stdout, listed.stderr
    doctor = _run(["doctor"], home, **extra)
    figures.doctor_exit = doctor.returncode
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert _temp_files(home) == [], "doctor must remove leftover temp files"


# -- add -------------------------------------------------------------------------------------
def kill_adds(home: Path, iterations: int, seed: int, workers: int = 2) -> KillFigures:
    rng = random.Random(seed)
    figures = KillFigures("add")
    full = _calibrate(["add", "Calibration run. Not part of the count."], home)
    figures.notes.append(f"a full `reflect add` took {full:.3f}s alone")
    env = _env(home)
    clock = KillClock(rng, full)
    plan = [f"k{i:05d}x{secrets.token_hex(4)}" for i in range(iterations)]

    def one(token):
        code = _start_and_kill(["add", f"Kill test {token}. Body of {token} @killtest"], env, clock)
        return token, code

    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(one, plan))
    figures.notes.append(f"kills spread over 0..{clock.scale:.3f}s at the end ({workers} at a time)")
    figures.tried = len(outcomes)
    confirmed = {t for t, code in outcomes if code == 0}
    killed = {t for t, code in outcomes if code == -signal.SIGKILL}
    other = [(t, code) for t, code in outcomes if code not in (0, -signal.SIGKILL)]
    assert not other, f"unexpected exit codes: {other[:5]}"
    figures.confirmed, figures.killed = len(confirmed), len(killed)

    entries = [e for e in _read_all(home) if "killtest" in e.tags]
    by_token: dict[str, list] = {}
    for entry in entries:
        token = entry.title.removeprefix("Kill test ").removesuffix(".")
        by_token.setdefault(token, []).append(entry)
        assert entry.body == f"Body of {token} @killtest\n", f"a partial entry: {entry.path}"
    assert set(by_token) <= confirmed | killed, "an entry appeared that nobody wrote"
    assert all(len(v) == 1 for v in by_token.values()), "an add was saved twice"
    missing = confirmed - set(by_token)
    assert not missing, f"{len(missing)} confirmed adds are missing: {sorted(missing)[:5]}"
    figures.killed_but_saved = len(killed & set(by_token))
    figures.entries_checked = len(entries)
    _finish(home, figures)
    return figures


# -- edit ------------------------------------------------------------------------------------
EDITOR_SCRIPT = """#!/bin/sh
# Fake editor: append one marked line to the file it is given, like a person saving a change.
printf 'edited %s\\n' "$KILL_MARK" >> "$1"
"""


def kill_edits(home: Path, iterations: int, seed: int, scratch: Path, *, encrypted: bool = False) -> KillFigures:
    """Kill `reflect edit` (fake $EDITOR appending a marked line); with `encrypted`, on an age journal."""
    rng = random.Random(seed)
    figures = KillFigures("edit (encrypted journal)" if encrypted else "edit")
    editor = scratch / "fake-editor.sh"
    editor.write_text(EDITOR_SCRIPT)
    editor.chmod(0o700)
    extra = {"EDITOR": str(editor)}
    if encrypted:
        runtime = scratch / "run"
        runtime.mkdir(mode=0o700, exist_ok=True)
        extra.update(REFLECT_KEY_FILE=str(scratch / "edit.key"), XDG_RUNTIME_DIR=str(runtime))
    saved_env = {k: os.environ.get(k) for k in ("REFLECT_KEY_FILE", "XDG_RUNTIME_DIR")}
    os.environ.update({k: v for k, v in extra.items() if k != "EDITOR"})
    try:
        assert _run(["add", "Entry to edit. First line."], home, **extra).returncode == 0
        if encrypted:
            done = _run(["encrypt", "--key-file", extra["REFLECT_KEY_FILE"]], home, **extra)
            assert done.returncode == 0, done.stderr
        full = _calibrate(["edit", "latest"], home, KILL_MARK="calibration", **extra)
        figures.notes.append(f"a full `reflect edit` took {full:.3f}s")
        confirmed = []
        clock = KillClock(rng, full)
        from reflect.store import JournalStore

        (path,) = _entry_files(home)
        for i in range(iterations):
            mark = f"m{i:04d}{secrets.token_hex(3)}"
            code = _start_and_kill(["edit", "latest"], _env(home, KILL_MARK=mark, **extra), clock)
            figures.tried += 1
            assert code in (0, -signal.SIGKILL), f"edit exited {code}"
            figures.killed += code != 0
            entry = JournalStore(home).read(path)  # after every kill, the entry is whole and parses
            present = f"edited {mark}\n" in entry.body
            if code == 0:
                confirmed.append(mark)
                assert present, f"confirmed edit {mark} is missing"
            elif present:
                figures.killed_but_saved += 1
        (entry,) = _read_all(home)
        assert entry.path == path and path.name.endswith(".md.age" if encrypted else ".md")
        lines = entry.body.splitlines()
        assert lines[0] == "First line." and all(line.startswith("edited ") for line in lines[1:])
        for mark in confirmed:
            assert f"edited {mark}" in lines
        figures.confirmed = len(confirmed)
        figures.entries_checked = figures.tried + 1
        if encrypted:
            copies = list((scratch / "run" / "reflect").glob("edit-*"))
            figures.notes.append(f"{len(copies)} decrypted copies left in memory-backed storage by killed edits")
            assert b"edited m" not in b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
            _finish(home, figures, **extra)
            assert list((scratch / "run" / "reflect").glob("edit-*")) == [], "doctor removes stale copies"
        else:
            drafts = list((home / ".drafts").glob("edit-*")) if (home / ".drafts").exists() else []
            figures.notes.append(f"{len(drafts)} private edit copies kept by killed edits (in .drafts/, 0600)")
            for draft in drafts:
                assert (draft.stat().st_mode & 0o077) == 0
            _finish(home, figures)
    finally:
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return figures


# -- import ----------------------------------------------------------------------------------
def _jrnl_file(folder: Path, count: int) -> tuple[Path, dict[str, str]]:
    lines, expected = [], {}
    for n in range(count):
        token = f"imp{n:03d}"
        lines.append(f"[2025-03-{1 + n % 28:02d} {8 + n % 10:02d}:{n % 60:02d}] Imported {token}.")
        body = f"Line one of {token}.\nLine two of {token}."
        lines.extend(body.splitlines())
        lines.append("")
        expected[token] = body + "\n"
    path = folder / "old-journal.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, expected


def kill_imports(home_base: Path, iterations: int, seed: int, entries: int = 40) -> KillFigures:
    rng = random.Random(seed)
    figures = KillFigures("import")
    home_base.mkdir(parents=True, exist_ok=True)
    source, expected = _jrnl_file(home_base, entries)
    full = _calibrate(["import", str(source)], home_base / "calibration", runs=1)
    figures.notes.append(f"a full `reflect import` of {entries} entries took {full:.3f}s")
    clock = KillClock(rng, full)
    for i in range(iterations):
        home = home_base / f"run{i:03d}"
        code = _start_and_kill(["import", str(source)], _env(home), clock)
        figures.tried += 1
        assert code in (0, -signal.SIGKILL), f"import exited {code}"
        figures.killed += code != 0
        partial = _read_all(home) if (home / "entries").exists() else []
        for entry in partial:  # only whole entries, each one of the source's
            token = entry.title.removeprefix("Imported ").removesuffix(".")
            assert expected.get(token) == entry.body, f"partial or foreign entry {entry.path}"
        if code == 0:
            figures.confirmed += 1
            assert len(partial) == entries
        else:
            figures.killed_but_saved += len(partial)
        again = _run(["import", str(source)], home)  # re-running completes the import, once
        assert again.returncode == 0, again.stderr
        final = _read_all(home)
        assert sorted(e.title for e in final) == sorted(f"Imported {t}." for t in expected)
        figures.entries_checked += len(partial) + len(final)
        _finish(home, figures)
    return figures


# -- the tests -------------------------------------------------------------------------------
def _report(figures: KillFigures) -> None:
    sys.stderr.write("\nkill figures: " + json.dumps(asdict(figures)) + "\n")


@pytest.mark.slow
def test_killed_adds_lose_nothing_confirmed(reflect_home: Path) -> None:
    figures = kill_adds(reflect_home, ADD_KILLS, seed=int(os.environ.get("REFLECT_KILL_SEED", "6")))
    _report(figures)
    assert figures.tried == ADD_KILLS
    assert figures.killed > 0 and figures.confirmed > 0, "kills must land both before and after the end"


@pytest.mark.slow
def test_killed_edits_keep_the_entry_whole(reflect_home: Path, tmp_path: Path) -> None:
    figures = kill_edits(reflect_home, EDIT_KILLS, seed=7, scratch=tmp_path)
    _report(figures)
    assert figures.killed > 0 and figures.confirmed > 0


@pytest.mark.slow
def test_killed_edits_of_an_encrypted_journal_leak_nothing(reflect_home: Path, tmp_path: Path) -> None:
    figures = kill_edits(reflect_home, EDIT_KILLS // 2, seed=9, scratch=tmp_path, encrypted=True)
    _report(figures)
    assert figures.killed > 0


@pytest.mark.slow
def test_killed_imports_leave_only_whole_entries_and_can_be_rerun(tmp_path: Path) -> None:
    pytest.importorskip("reflect.importing")
    figures = kill_imports(tmp_path / "imports", IMPORT_KILLS, seed=8)
    _report(figures)
    assert figures.killed > 0


LEFTOVER_WRITER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from reflect import fsutil
    def stall(*args, **kwargs):
        print("ready", flush=True)
        time.sleep(600)
    os.link = stall          # the temp file is written and fsynced; the process dies before the link
    fsutil.atomic_create(Path(sys.argv[1]) / "entries" / "2026" / "11" / "never.md", b"half")
""")


def test_leftover_temp_file_is_ignored_then_cleaned(reflect_home: Path, cli) -> None:
    """Deterministic version of the window the random kills only sometimes hit."""
    assert cli("add", "One whole entry.").exit_code == 0
    proc = subprocess.Popen([sys.executable, "-c", LEFTOVER_WRITER, str(reflect_home)], stdout=subprocess.PIPE,
                            text=True, env=_env(reflect_home))
    assert proc.stdout.readline().strip() == "ready"
    (tmp,) = _temp_files(reflect_home)
    live = cli("doctor", "--json")
    assert tmp.exists(), "doctor must leave a live writer's temp file alone"
    assert json.loads(live.stdout)["healthy"] is True
    proc.kill()
    proc.wait()
    listed = cli("list", "--json")
    assert [e["title"] for e in json.loads(listed.stdout)] == ["One whole entry."]
    assert listed.stderr == ""
    doctor = cli("doctor", "--json")
    assert doctor.exit_code == 0
    assert any("temporary file" in line for line in json.loads(doctor.stdout)["repaired"])
    assert not tmp.exists()
    assert cli("doctor").exit_code == 0
