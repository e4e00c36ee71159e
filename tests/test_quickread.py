"""The quick read (reflect/indexread.py): `list` and `search` straight from an index that is in
step with the files, without pathlib or re — and never once anything has changed.

The quick reader answers only when every folder's signature is what the index recorded and
there is nothing to warn about. Each change people make outside reflect must send the command
down the full path (which re-reads), and the answer must be the one the full CLI gives.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REFLECT_BIN
from reflect import fastpath, index as index_mod, indexread, paths
from reflect.journal import Journal

ENTRIES = [
    ("2026-05-04 18:30", "Home visit ran over. The son was curt with me at the door @visits"),
    ("2026-05-05 19:00", "Clinic day. Rang the son back and we cleared the air @visits"),
    ("2026-05-06 20:15", "Quiet late shift; the student asked about wound care @teaching"),
]


def _run(args: list[str], env: dict, *, full: bool = False) -> subprocess.CompletedProcess:
    env = dict(env)
    env.pop("REFLECT_FULL_CLI", None)
    if full:
        env["REFLECT_FULL_CLI"] = "1"
    return subprocess.run([REFLECT_BIN, *args], env=env, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


def _quick() -> tuple[object, object]:
    reader, walked = fastpath._quick_reader()
    if reader is not None:
        reader.close()
    return reader, walked


def _settle(env: dict) -> None:
    """List until the index trusts every file (files written in the last moments are re-read
    once more: 0.1 s on a nanosecond filesystem, 2 s where times are whole seconds)."""
    deadline = time.monotonic() + 6
    while True:
        assert _run(["list"], env).returncode == 0
        if _quick()[0] is not None:
            return
        assert time.monotonic() < deadline, "the index never came in step with the files"
        time.sleep(0.25)


@pytest.fixture
def journal(cli, subprocess_env, reflect_home):
    for when, text in ENTRIES:
        assert cli("add", "--date", when, text).exit_code == 0
    _settle(subprocess_env)
    return subprocess_env


def _entry_files(root: Path) -> list[Path]:
    return sorted((root / "entries").rglob("*.md"))


def test_an_index_in_step_answers_without_pathlib_or_re(journal):
    reader, walked = _quick()
    assert reader is not None and walked is None
    code = ("import sys\nfrom reflect.fastpath import run\n"
            "assert run(['list', '-n', '2']) == 0\nassert run(['search', 'son', '-curt']) == 0\n"
            "print(sorted(m for m in ('pathlib', 're', 'reflect.index', 'reflect.journal', 'yaml')"
            " if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], env=journal, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Quiet late shift" in done.stdout and "cleared the air" in done.stdout
    assert "The son was curt" not in done.stdout  # -curt left that entry out
    assert done.stdout.strip().splitlines()[-1] == "[]"


QUERIES = [["list"], ["list", "--json"], ["list", "-n", "1", "--json"], ["list", "--tag", "visits"],
           ["search", "son"], ["search", "--json", "son", "-curt"], ["search", '"cleared the air"']]


@pytest.mark.parametrize("args", QUERIES, ids=" ".join)
def test_quick_answers_are_the_full_clis(journal, args):
    quick, full = _run(args, journal), _run(args, journal, full=True)
    assert quick.returncode == 0
    assert (quick.stdout, quick.stderr) == (full.stdout, full.stderr)


def _edit_in_place(root: Path) -> str:
    path = _entry_files(root)[0]
    data = path.read_bytes()
    assert b"curt" in data
    with open(path, "r+b") as handle:  # same size, same folder mtime: only the file's own stamp moves
        handle.write(data.replace(b"curt", b"kind"))
        handle.truncate()
    return "kind"


def _add_by_hand(root: Path) -> str:
    folder = root / "entries" / "2026" / "05"
    (folder / "2026-05-07T090000-by-hand.md").write_text(
        "---\nid: byhand01\ncreated: 2026-05-07T09:00:00+01:00\ntitle: Written in another editor.\n---\n\n"
        "Team huddle, pharmacist joined.\n", encoding="utf-8")
    return "Written in another editor."


def _delete(root: Path) -> str:
    _entry_files(root)[-1].unlink()
    return "-Quiet late shift"


def _break_a_file(root: Path) -> str:
    (root / "entries" / "2026" / "05" / "2026-05-08T090000-broken.md").write_text(
        "---\nid: [unclosed\n---\nbody\n", encoding="utf-8")
    return "2026-05-08T090000-broken.md"


def _duplicate(root: Path) -> str:
    first = _entry_files(root)[0]
    shutil.copy(first, first.with_name("copy-" + first.name))
    return "duplicate id"


def _new_folder(root: Path) -> str:
    folder = root / "entries" / "2026" / "06"
    folder.mkdir()
    (folder / "x.md").write_text("---\nid: june0001\ncreated: 2026-06-01T08:00:00+01:00\ntitle: June starts."
                                 "\n---\n\nNew month.\n", encoding="utf-8")
    return "June starts."


CHANGES = [_edit_in_place, _add_by_hand, _delete, _break_a_file, _duplicate, _new_folder]


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__.strip("_"))
def test_a_change_outside_reflect_sends_the_command_down_the_full_path(journal, reflect_home, change):
    expect = change(reflect_home)
    reader, walked = _quick()
    assert reader is None, "the quick reader answered from an index that no longer matches the files"
    assert walked, "the walk it made is handed on, so the sync does not stat every file again"
    quick, full = _run(["list", "--json"], journal), _run(["list", "--json"], journal, full=True)
    assert (quick.returncode, quick.stdout, quick.stderr) == (full.returncode, full.stdout, full.stderr)
    shown = quick.stdout + quick.stderr
    if expect.startswith("-"):
        assert expect[1:] not in shown
    else:
        assert expect in shown


def test_warnings_keep_it_on_the_full_path_every_time(journal, reflect_home):
    """A file that cannot be read is warned about on every command, so the quick reader (which
    has no warnings to give) must keep declining while it is there."""
    _break_a_file(reflect_home)
    for _ in range(2):
        done = _run(["list"], journal)
        assert "broken.md" in done.stderr
    assert _quick()[0] is None


def test_encrypted_or_differently_spelt_journals_take_the_full_path(journal, reflect_home, monkeypatch):
    monkeypatch.setenv("REFLECT_HOME", str(reflect_home) + "/")
    assert _quick() == (None, None)
    monkeypatch.setenv("REFLECT_HOME", str(reflect_home))
    monkeypatch.setenv("REFLECT_NO_INDEX", "1")
    assert _quick() == (None, None)
    monkeypatch.delenv("REFLECT_NO_INDEX")
    (reflect_home / paths.ENCRYPTED_MARKER).write_text("")
    assert _quick() == (None, None)


def test_the_quick_reader_finds_the_index_the_full_path_writes(reflect_home, cli):
    assert cli("add", "One line.").exit_code == 0
    assert cli("list").exit_code == 0  # builds the index
    root, cache = paths.quick_locations()
    assert (root, cache) == (str(paths.journal_root()), str(paths.cache_dir()))
    found = Path(cache) / indexread.index_name(os.path.realpath(root))
    assert found == index_mod.index_file(Journal(Path(root)).root)
    assert found.exists()


def _platformdirs_view() -> tuple[str, str]:
    import platformdirs

    return platformdirs.user_data_dir(paths.APP), platformdirs.user_cache_dir(paths.APP)


@pytest.mark.skipif(sys.platform != "linux", reason="the quick locations are worked out on Linux only")
@pytest.mark.parametrize("env", [
    {},
    {"XDG_DATA_HOME": "/srv/data", "XDG_CACHE_HOME": "/srv/cache"},
    {"XDG_CONFIG_HOME": "/srv/config"},
], ids=["defaults", "xdg-data-and-cache", "xdg-config"])
def test_quick_locations_are_platformdirs_own(env, monkeypatch, tmp_path):
    monkeypatch.delenv("REFLECT_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert paths.quick_locations() == _platformdirs_view()


@pytest.mark.parametrize("env", [
    {"XDG_DATA_HOME": "relative/data"},
    {"XDG_CACHE_HOME": ""},
    {"HOME": "not/absolute"},
], ids=["relative-xdg", "empty-xdg", "relative-home"])
def test_quick_locations_leave_unusual_settings_to_platformdirs(env, monkeypatch, tmp_path):
    monkeypatch.delenv("REFLECT_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert paths.quick_locations() is None


def test_a_config_file_the_quick_read_cannot_vouch_for_goes_to_the_full_path(monkeypatch, tmp_path):
    """A config file in any but the plainest form (here a literal string) is read by the full path."""
    monkeypatch.delenv("REFLECT_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    if sys.platform == "linux":
        assert paths.quick_locations() is not None
    folder = tmp_path / "home" / ".config" / paths.APP
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text("journal = '/elsewhere'\n", encoding="utf-8")
    assert paths.quick_locations() is None


def test_the_console_script_flushes_everything_before_its_quick_exit(journal):
    """console() ends with os._exit after a quick answer: nothing may be left in a buffer."""
    done = subprocess.run([REFLECT_BIN, "list", "--json"], env=journal, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert len(json.loads(done.stdout)) == len(ENTRIES)
    bad = _run(["list", "--since", "2026-05-09", "--until", "2026-05-01"], journal)
    assert bad.returncode == 2 and bad.stderr.startswith("error:")


# -- the config file, read without tomllib when it is in the plain form `reflect config` writes ----

from hypothesis import given, settings, strategies as st  # noqa: E402

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
_SETTINGS = st.fixed_dictionaries({}, optional={
    "journal": _TEXT, "display_name": _TEXT, "role": _TEXT, "region": st.sampled_from(["uk", "us", "ie"]),
    "editor": _TEXT, "default_template": _TEXT, "redact_terms": st.lists(_TEXT, max_size=4)})


@settings(max_examples=200, deadline=None)
@given(_SETTINGS)
def test_plain_config_reads_what_tomllib_reads_or_declines(tmp_path_factory, data):
    import tomli_w
    import tomllib

    path = tmp_path_factory.mktemp("cfg") / "config.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    quick = paths.plain_toml(str(path))
    assert quick is None or quick == tomllib.loads(path.read_text(encoding="utf-8"))


_PIECES = ['key = "a"', 'journal = "/j"', 'region = "us"', "x = 1", "[table]", '["a",]', "= \"b\"", "# note",
           'k = ["a", "b",]', 'k = [,]', 'k = ["a",,]', 'k = "a" # c', 'k = "a\\"b"', "k = 'lit'", 'k = "a', "",
           '"q" = "v"', "k.k = \"v\"", 'k = ["a", 2]', 'k = []', 'k = [ ]', "  k = \"v\"  ", "k-k = \"v\""]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=5))
def test_plain_config_never_disagrees_with_tomllib(tmp_path_factory, lines):
    import tomllib

    path = tmp_path_factory.mktemp("cfg") / "config.toml"
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    quick = paths.plain_toml(str(path))
    if quick is None:
        return
    assert quick == tomllib.loads(text)


def test_a_plain_config_keeps_the_quick_read(monkeypatch, tmp_path):
    monkeypatch.delenv("REFLECT_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "home" / ".config" / paths.APP
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text('region = "us"\ndisplay_name = "Sam"\n', encoding="utf-8")
    if sys.platform == "linux":
        assert paths.quick_locations() == _platformdirs_view()
    (folder / "config.toml").write_text('journal = "~/notes/reflect"\n', encoding="utf-8")
    if sys.platform == "linux":
        assert paths.quick_locations()[0] == str(tmp_path / "home" / "notes" / "reflect")
        assert paths.quick_locations()[0] == str(paths.journal_root_light())
    (folder / "config.toml").write_text('colour = "blue"\n', encoding="utf-8")
    assert paths.quick_locations() is None  # an unknown setting: the full path says so
