"""Promise 5: private by default.

Owner-only folders and files (even under a permissive umask), doctor repairing loosened
permissions and warning about synced places, no network from any code path the suite runs, and
nothing on the command line can reach outside the journal or template folders.
"""
from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

REFLECT_BIN = str(Path(sys.executable).parent / "reflect")


def _loose(root: Path) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            mode = stat.S_IMODE(path.lstat().st_mode)
            if not path.is_symlink() and mode & 0o077:
                found.append(f"{path} {oct(mode)}")
    mode = stat.S_IMODE(root.stat().st_mode)
    if mode & 0o077:
        found.append(f"{root} {oct(mode)}")
    return found


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_everything_reflect_writes_is_owner_only(reflect_home: Path, tmp_path: Path, umask: int) -> None:
    """Real processes, a permissive umask: journal, entries, config, index, drafts all stay 0700/0600."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFLECT_")}
    env.update(REFLECT_HOME=str(reflect_home / "nested" / "deeper"), NO_COLOR="1")

    def run(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([REFLECT_BIN, *args], env=env, capture_output=True, text=True,
                              preexec_fn=lambda: os.umask(umask))
        assert done.returncode == 0, (args, done.stderr)
        return done

    run("add", "A private thought. About a hard visit @ward")
    run("add", "--date", "yesterday", "Another one.")
    run("config", "set", "display_name", "RN Test")
    run("list")
    run("search", "private")
    run("tags")
    run("export", "--format", "json", "--out", str(reflect_home / "nested" / "deeper" / "export.json"))
    run("doctor")
    assert _loose(reflect_home / "nested") == []


def test_doctor_repairs_loosened_permissions(cli, reflect_home: Path) -> None:
    assert cli("add", "Something private.").exit_code == 0
    (entry,) = list((reflect_home / "entries").rglob("*.md"))
    entry.chmod(0o644)
    entry.parent.chmod(0o755)
    reflect_home.chmod(0o755)
    data, mtime = entry.read_bytes(), entry.stat().st_mtime_ns
    report = json.loads(cli("doctor", "--json").stdout)
    assert report["healthy"] is True
    repaired = "\n".join(report["repaired"])
    assert str(entry) in repaired and str(entry.parent) in repaired and f"{reflect_home}:" in repaired
    assert _loose(reflect_home) == []
    assert (entry.read_bytes(), entry.stat().st_mtime_ns) == (data, mtime)
    again = json.loads(cli("doctor", "--json").stdout)
    assert again["repaired"] == []


@pytest.mark.parametrize("place", ["Dropbox", "OneDrive - NHS", "Library/Mobile Documents/com~apple~CloudDocs"])
def test_doctor_warns_about_synced_folders(cli, tmp_path: Path, monkeypatch, place: str) -> None:
    home = tmp_path / place / "reflect"
    monkeypatch.setenv("REFLECT_HOME", str(home))
    assert cli("add", "Thought.").exit_code == 0
    report = json.loads(cli("doctor", "--json").stdout)
    assert any("synced folder" in note for note in report["notes"]), report["notes"]


@pytest.mark.parametrize("marker", [".stfolder", ".dropbox", ".sync"])
def test_doctor_detects_a_sync_client_folder_above_the_journal(cli, tmp_path: Path, monkeypatch, marker) -> None:
    synced = tmp_path / "Documents"
    (synced / marker).mkdir(parents=True)
    monkeypatch.setenv("REFLECT_HOME", str(synced / "notes" / "reflect"))
    assert cli("add", "Thought.").exit_code == 0
    notes = json.loads(cli("doctor", "--json").stdout)["notes"]
    assert any("synced folder" in n and str(synced) in n for n in notes), notes


def test_doctor_is_quiet_about_an_ordinary_private_place(cli, reflect_home: Path) -> None:
    assert cli("add", "Thought.").exit_code == 0
    notes = json.loads(cli("doctor", "--json").stdout)["notes"]
    assert not any("synced" in n for n in notes), notes


def test_doctor_warns_when_others_can_reach_the_folder_around_it(cli, tmp_path: Path, monkeypatch) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("REFLECT_HOME", str(shared / "reflect"))
    assert cli("add", "Thought.").exit_code == 0
    notes = json.loads(cli("doctor", "--json").stdout)["notes"]
    assert any("writable by everyone" in n for n in notes)


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_the_suite_cannot_open_network_sockets() -> None:
    """pytest-socket is active for the whole suite: any code path that tries the network fails the test."""
    from pytest_socket import SocketBlockedError

    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("127.0.0.1", 9))
    with pytest.raises(SocketBlockedError):
        socket.create_connection(("example.org", 443), timeout=1)
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)


def test_product_modules_do_not_import_network_clients() -> None:
    """A second net under pytest-socket (which cannot see subprocesses): no HTTP client in the package."""
    src = Path(__file__).resolve().parent.parent / "src" / "reflect"
    banned = ("import socket", "import urllib", "from urllib", "import http.client", "import requests",
              "import httpx", "import aiohttp", "from http", "import smtplib", "import ftplib")
    offenders = [f"{p.relative_to(src)}: {b}" for p in src.rglob("*.py")
                 for b in banned if b in p.read_text(encoding="utf-8")]
    assert offenders == []


# -- nothing on the command line escapes ------------------------------------------------------
ESCAPES = ["../../etc/passwd", "/etc/passwd", "..", "../entries", "./latest", "..\\..\\x", "a/b", "%2e%2e/x"]


def _cases():
    for ref in ESCAPES:
        yield ("show", ref)
        yield ("edit", ref)
        yield ("share", ref)
        yield ("unshare", ref)
        yield ("resolve", ref)
        yield ("form", "nmc", ref)
        yield ("form", "cpd", ref)
        yield ("templates", "show", ref)
        yield ("templates", "new", ref)
        yield ("new", "--template", ref)


@pytest.mark.parametrize("args", list(_cases()), ids=lambda a: " ".join(a))
def test_ids_and_template_names_cannot_escape(cli, reflect_home: Path, tmp_path: Path, monkeypatch, args) -> None:
    monkeypatch.setenv("EDITOR", "false")
    assert cli("add", "Only entry.").exit_code == 0
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    result = cli(*args, input="")
    if result.exit_code == 2 and "No such command" in result.output:
        pytest.skip(f"{args[0]} not available")
    assert result.exit_code == 2, (args, result.exit_code, result.output)
    assert "error:" in result.stderr and "Traceback" not in result.output
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before, "nothing may be created anywhere"


def test_store_refuses_entry_paths_outside_the_journal(reflect_home: Path, tmp_path: Path) -> None:
    import datetime as dt

    from reflect.errors import UsageError
    from reflect.models import Entry
    from reflect.store import JournalStore

    store = JournalStore(reflect_home)
    outside = tmp_path / "outside.md"
    outside.write_text("untouched")
    entry = Entry(id="abc12345", created=dt.datetime.now().astimezone(), body="x\n")
    for path in (outside, reflect_home / ".." / "outside.md", reflect_home / "entries" / ".." / ".." / "outside.md"):
        entry.path = path
        with pytest.raises(UsageError):
            store.replace(entry)
        with pytest.raises(UsageError):
            store.delete(entry)
    assert outside.read_text() == "untouched"
