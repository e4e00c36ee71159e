"""Promise 6: optional encryption at rest (age via pyrage).

An encrypted journal answers every reading command exactly as the plain one did; nothing
readable is left on disk (entries, index, edit copies); without the key reading stops with
exit 6 while `add` still works; converting either way survives SIGKILL at any moment.
Most tests use a key file (fast); the passphrase tests pay age's scrypt cost and are marked slow.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reflect import crypto
from reflect.models import Encounter, Entry
from reflect.store import JournalStore

REFLECT_BIN = str(Path(sys.executable).parent / "reflect")
SECRET = "zebracrossingword"   # a word that must never be readable on disk once encrypted
CONVERSION_KILLS = int(os.environ.get("REFLECT_KILL_CONVERSIONS", "4"))


def _seed(home: Path, count: int = 6) -> list[Entry]:
    store = JournalStore(home)
    today = dt.datetime.now().astimezone().replace(microsecond=0, hour=12, minute=0, second=0)
    made = []
    for n in range(count):
        made.append(store.create(Entry(
            id=f"c0ffee{n:02d}", created=today - dt.timedelta(days=n), updated=today - dt.timedelta(days=n),
            title=f"Shift {n}: {SECRET}", tags=["ward", f"t{n % 2}"], share=n % 2 == 0,
            encounter=Encounter(who="relative", status="open") if n == 1 else None,
            body=f"I felt tired and anxious after the {SECRET} handover.\nNext time I will ask for help.\n",
        )))
    return made


def _all_bytes(home: Path) -> bytes:
    blob = b""
    for dirpath, _, names in os.walk(home):
        for name in names:
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                blob += path.read_bytes()
    return blob


def _strip_paths(value):
    if isinstance(value, dict):
        return {k: _strip_paths(v) for k, v in value.items()
                if k not in ("path", "generated", "generated_at", "created_at")}
    if isinstance(value, list):
        return [_strip_paths(v) for v in value]
    return value


READING_COMMANDS = [
    ("list", "--json"),
    ("show", "c0ffee01", "--json"),
    ("tags", "--json"),
    ("search", "handover", "--json"),
    ("summary", "--json"),
    ("encounters", "--json"),
    ("export", "--format", "json"),
    ("export", "--format", "jrnl"),
]


def _outputs(cli) -> dict:
    out = {}
    for args in READING_COMMANDS:
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)
        try:
            out[args] = _strip_paths(json.loads(result.stdout))
        except json.JSONDecodeError:
            out[args] = result.stdout
    return out


@pytest.fixture
def key_file(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "keys" / "journal.key"
    monkeypatch.setenv("REFLECT_KEY_FILE", str(path))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    (tmp_path / "run").mkdir(mode=0o700)
    return path


def test_encrypted_journal_answers_every_reading_command_the_same(cli, reflect_home, key_file) -> None:
    _seed(reflect_home)
    before = _outputs(cli)
    assert SECRET.encode() in _all_bytes(reflect_home)
    result = cli("encrypt", "--key-file", str(key_file), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["encrypted"] == 6
    files = sorted(p.name for p in (reflect_home / "entries").rglob("*") if p.is_file())
    assert files and all(name.endswith(".md.age") for name in files)
    after = _outputs(cli)
    assert after == before
    assert SECRET.encode() not in _all_bytes(reflect_home), "plaintext left somewhere in the journal folder"
    assert key_file.stat().st_mode & 0o077 == 0
    assert (reflect_home / crypto.MARKER).read_text().count("AGE-SECRET-KEY") == 0


def test_files_are_standard_age_and_decrypt_restores_the_exact_bytes(cli, reflect_home, key_file) -> None:
    import pyrage

    made = _seed(reflect_home, 3)
    original = {p.path.name: p.path.read_bytes() for p in made}
    assert cli("encrypt", "--key-file", str(key_file)).exit_code == 0
    identity = crypto.parse_identity(key_file.read_text(), key_file)
    for name, data in original.items():
        sealed = next((reflect_home / "entries").rglob(name + ".age")).read_bytes()
        assert sealed.startswith(b"age-encryption.org/v1\n")
        assert pyrage.decrypt(sealed, [identity]) == data
    assert cli("decrypt").exit_code == 0
    restored = {p.name: p.read_bytes() for p in (reflect_home / "entries").rglob("*.md")}
    assert restored == original
    assert not (reflect_home / crypto.MARKER).exists() and not (reflect_home / crypto.KEY_FILE).exists()
    assert not list((reflect_home / "entries").rglob("*.age"))


def test_locked_journal_refuses_to_read_but_still_takes_new_entries(cli, reflect_home, key_file, monkeypatch) -> None:
    _seed(reflect_home, 2)
    assert cli("encrypt", "--key-file", str(key_file)).exit_code == 0
    monkeypatch.delenv("REFLECT_KEY_FILE")
    assert cli("config", "set", "key_file", "").exit_code == 0
    for args in (("list",), ("show", "latest"), ("search", "handover"), ("summary",)):
        result = cli(*args)
        assert result.exit_code == 6, (args, result.output)
        assert "encrypted" in result.stderr and "Traceback" not in result.output
    doctor = cli("doctor", "--json")
    assert doctor.exit_code == 1
    assert any("locked" in p for p in json.loads(doctor.stdout)["problems"])
    added = cli("add", "Written while locked. Nobody asked me for a key.")
    assert added.exit_code == 0, added.output
    assert b"Nobody asked" not in _all_bytes(reflect_home)
    monkeypatch.setenv("REFLECT_KEY_FILE", str(key_file))
    titles = [e["title"] for e in json.loads(cli("list", "--json").stdout)]
    assert "Written while locked." in titles and len(titles) == 3


def test_another_key_cannot_read_and_says_so(cli, reflect_home, key_file, tmp_path, monkeypatch) -> None:
    _seed(reflect_home, 1)
    assert cli("encrypt", "--key-file", str(key_file)).exit_code == 0
    from pyrage import x25519

    other = tmp_path / "other.key"
    other.write_text(crypto.identity_text(x25519.Identity.generate()))
    other.chmod(0o600)
    monkeypatch.setenv("REFLECT_KEY_FILE", str(other))
    result = cli("list")
    assert result.exit_code == 6 and "not this journal's key" in result.stderr


def test_damaged_encrypted_entry_is_a_bad_file_like_any_other(cli, reflect_home, key_file) -> None:
    _seed(reflect_home, 2)
    assert cli("encrypt", "--key-file", str(key_file)).exit_code == 0
    victim = sorted((reflect_home / "entries").rglob("*.md.age"))[0]
    victim.write_bytes(victim.read_bytes()[:-20])
    before = victim.read_bytes()
    listed = cli("list", "--json")
    assert len(json.loads(listed.stdout)) == 1
    assert f"skipped {victim}" in listed.stderr and "decrypted" in listed.stderr
    assert cli("doctor").exit_code == 1
    assert victim.read_bytes() == before


def test_edit_decrypts_into_a_private_temp_file_and_removes_it(cli, reflect_home, key_file, tmp_path, monkeypatch) -> None:
    _seed(reflect_home, 1)
    assert cli("encrypt", "--key-file", str(key_file)).exit_code == 0
    record = tmp_path / "editor-saw.json"
    editor = tmp_path / "editor.py"
    editor.write_text(
        f"#!{sys.executable}\nimport json, os, sys, stat\np = sys.argv[1]\n"
        "info = {'path': p, 'mode': stat.S_IMODE(os.stat(p).st_mode),"
        " 'dir_mode': stat.S_IMODE(os.stat(os.path.dirname(p)).st_mode)}\n"
        f"open({str(record)!r}, 'w').write(json.dumps(info))\n"
        "open(p, 'a').write('Added in the editor.\\n')\n")
    editor.chmod(0o700)
    monkeypatch.setenv("EDITOR", str(editor))
    result = cli("edit", "latest")
    assert result.exit_code == 0, result.output
    saw = json.loads(record.read_text())
    assert saw["mode"] == 0o600 and saw["dir_mode"] == 0o700
    assert not Path(saw["path"]).exists() and not Path(saw["path"]).parent.exists()
    assert not str(saw["path"]).startswith(str(reflect_home)), "the plaintext copy is not kept in the journal"
    shown = json.loads(cli("show", "latest", "--json").stdout)
    assert shown["body"].endswith("Added in the editor.\n")
    assert b"Added in the editor" not in _all_bytes(reflect_home)
    assert all(p.name.endswith(".md.age") for p in (reflect_home / "entries").rglob("*") if p.is_file())


def test_no_index_or_plaintext_cache_for_an_encrypted_journal(cli, reflect_home, key_file) -> None:
    _seed(reflect_home, 3)
    assert cli("search", "handover", "--json").exit_code == 0   # builds the plain journal's index
    assert cli("encrypt", "--key-file", str(key_file)).exit_code == 0
    for args in (("search", "handover", "--json"), ("list",), ("summary", "--json"), ("doctor", "--reindex")):
        assert cli(*args).exit_code == 0
    leftovers = [p for p in reflect_home.rglob("*.sqlite3*") if p.is_file() and p.stat().st_size > 0]
    assert leftovers == [], leftovers
    assert SECRET.encode() not in _all_bytes(reflect_home)


# -- crash safety of the conversion itself -----------------------------------------------------
def _env(home: Path, key: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFLECT_")}
    env.update(REFLECT_HOME=str(home), REFLECT_KEY_FILE=str(key), NO_COLOR="1")
    return env


def _state(home: Path) -> dict[str, str]:
    store = JournalStore(home)
    entries, problems = store.scan()
    assert not problems, problems
    return {e.id: e.body for e in entries}


@pytest.mark.slow
def test_killed_encrypt_and_decrypt_never_lose_an_entry(tmp_path: Path, monkeypatch) -> None:
    rng = random.Random(66)
    key = tmp_path / "conv.key"
    monkeypatch.setenv("REFLECT_KEY_FILE", str(key))
    figures = {"kills": 0, "finished": 0, "checks": 0, "temp_files_left": 0}
    for round_ in range(CONVERSION_KILLS):
        home = tmp_path / f"j{round_}"
        _seed(home, 30)
        expected = _state(home)
        for command in ("encrypt", "decrypt"):
            args = [REFLECT_BIN, command] + (["--key-file", str(key)] if command == "encrypt" else [])
            proc = subprocess.Popen(args, env=_env(home, key), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.05, 0.9))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                figures["kills"] += 1
            code = proc.wait()
            figures["finished"] += code == 0
            assert _state(home) == expected, f"{command} killed: an entry changed or went missing"
            again = subprocess.run(args, env=_env(home, key), capture_output=True, text=True)
            assert again.returncode == 0, again.stderr
            assert _state(home) == expected
            figures["checks"] += 2 * len(expected)
            names = [p.name for p in (home / "entries").rglob("*") if p.is_file()]
            left = [n for n in names if n.startswith(".reflect-tmp-")]
            figures["temp_files_left"] += len(left)
            wanted = ".md.age" if command == "encrypt" else ".md"
            converted = [n for n in names if n not in left]
            assert [n for n in converted if not n.endswith(wanted)] == [], command
            assert len(converted) == len(expected)
            doctor = subprocess.run([REFLECT_BIN, "doctor"], env=_env(home, key), capture_output=True, text=True)
            assert doctor.returncode == 0, doctor.stdout
            assert not list(home.rglob(".reflect-tmp-*"))
    sys.stderr.write(f"\nconversion kill figures: {json.dumps(figures)}\n")
    assert figures["kills"] > 0


# -- passphrase mode (age scrypt: seconds per unlock) --------------------------------------------
@pytest.mark.slow
def test_passphrase_unlock_and_lock(cli, reflect_home, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    (tmp_path / "run").mkdir(mode=0o700)
    _seed(reflect_home, 2)
    monkeypatch.setenv("REFLECT_PASSPHRASE", "correct horse battery staple")
    assert cli("encrypt").exit_code == 0
    assert (reflect_home / crypto.KEY_FILE).exists()
    assert b"AGE-SECRET-KEY" not in (reflect_home / crypto.KEY_FILE).read_bytes()
    monkeypatch.setenv("REFLECT_PASSPHRASE", "wrong horse")
    wrong = cli("list")
    assert wrong.exit_code == 6 and "passphrase does not unlock" in wrong.stderr
    monkeypatch.setenv("REFLECT_PASSPHRASE", "correct horse battery staple")
    assert cli("unlock", "--minutes", "5").exit_code == 0
    cached = list((tmp_path / "run" / "reflect").glob("unlocked-*"))
    assert len(cached) == 1 and cached[0].stat().st_mode & 0o077 == 0
    monkeypatch.delenv("REFLECT_PASSPHRASE")
    assert len(json.loads(cli("list", "--json").stdout)) == 2     # unlocked: no passphrase needed
    assert cli("lock").exit_code == 0
    assert not cached[0].exists()
    assert cli("list").exit_code == 6
    # On a terminal, reading asks for the passphrase (not echoed) instead of failing.
    import pexpect

    env = {k: v for k, v in os.environ.items() if k != "REFLECT_PASSPHRASE"}
    child = pexpect.spawn(REFLECT_BIN, ["list", "--json"], env=env, encoding="utf-8", timeout=120)
    child.expect("Journal passphrase: ")
    child.sendline("correct horse battery staple")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "correct horse" not in child.before
    assert "Shift 0" in child.before and "Shift 1" in child.before


def test_doctor_removes_decrypted_copies_left_by_a_killed_edit(cli, reflect_home, key_file, tmp_path) -> None:
    _seed(reflect_home, 1)
    assert cli("encrypt", "--key-file", str(key_file)).exit_code == 0
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    base = tmp_path / "run" / "reflect"
    base.mkdir(mode=0o700, parents=True, exist_ok=True)
    stale = base / f"edit-{gone.pid}-abc"
    live = base / f"edit-{os.getpid()}-def"
    for folder in (stale, live):
        folder.mkdir(mode=0o700)
        (folder / "edit-c0ffee00.md").write_text(f"plaintext {SECRET}")
    report = json.loads(cli("doctor", "--json").stdout)
    assert not stale.exists() and live.exists()
    assert any("interrupted `reflect edit`" in line for line in report["repaired"])


def test_key_file_inside_the_journal_is_refused(cli, reflect_home) -> None:
    _seed(reflect_home, 1)
    result = cli("encrypt", "--key-file", str(reflect_home / "journal.key"))
    assert result.exit_code == 2 and "inside the journal" in result.stderr
    assert not (reflect_home / crypto.MARKER).exists()
    assert "key_file" not in json.loads(cli("config", "--json").stdout) or \
        json.loads(cli("config", "--json").stdout)["key_file"] is None
    assert all(p.name.endswith(".md") for p in (reflect_home / "entries").rglob("*") if p.is_file())


def test_interrupted_encrypt_keeps_later_edits_and_new_entries(cli, reflect_home, key_file) -> None:
    """Both forms of one entry after a crash: the encrypted one is read and edited; re-running keeps it."""
    made = _seed(reflect_home, 2)
    plain_bytes = made[0].path.read_bytes()
    assert cli("encrypt", "--key-file", str(key_file)).exit_code == 0
    sealed = made[0].path.with_name(made[0].path.name + ".age")
    made[0].path.write_bytes(plain_bytes)  # simulate: the plain copy was not yet removed
    os.chmod(made[0].path, 0o600)
    assert cli("share", "c0ffee00").exit_code == 0       # an edit lands on the encrypted form
    plain_twin = made[1].path                               # and a new entry may not pair with a stale name
    plain_twin.write_bytes(b"---\nid: twin0001\ncreated: 2026-01-01T00:00:00+00:00\n---\n\nstale\n")
    os.chmod(plain_twin, 0o600)
    store = JournalStore(reflect_home)
    new = store.create(Entry(id="fresh001", created=made[1].created, title=made[1].title, body="new\n"))
    assert new.path.name != plain_twin.name + ".age"
    assert cli("encrypt", "--key-file", str(key_file)).exit_code == 0
    shown = {e["id"]: e for e in json.loads(cli("list", "--json").stdout)}
    assert shown["c0ffee00"]["share"] is True, "the edit made while both forms existed survived the re-run"
    assert "fresh001" in shown and sealed.exists() and not made[0].path.exists()
