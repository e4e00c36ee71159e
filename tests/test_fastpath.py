"""The quick start (reflect/fastpath.py) answers exactly as the full Typer CLI does.

Every argument list below runs twice as a real process: once as people run it, once with
REFLECT_FULL_CLI=1 (which sends everything through Typer). Output and exit code must match,
including errors and the forms the quick start hands over to Typer.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import REFLECT_BIN

ENTRIES = [
    ("2026-03-02 18:00", ["--tag", "ward"], "Long shift on the ward. Missed my break again, handover ran late @ward"),
    ("2026-03-03 19:10", ["--share"], "Rang the daughter back. Called back and said sorry for being short at the door."),
    ("2026-03-04 20:30", ["--star"], "Night shift. Quiet night, the new student asked good questions @nights"),
    ("2026-03-05 21:00", [], "Supervision: talked about the handover and the daughter @supervision @ward"),
]

CASES = [
    ["list"],
    ["list", "-n", "2"],
    ["list", "-n2"],
    ["list", "-n", "0"],
    ["list", "--json"],
    ["list", "--tag", "ward", "--since", "2026-03-01"],
    ["list", "-t", "ward", "-t", "supervision"],
    ["list", "--since=2026-03-03", "--until", "2026-03-04"],
    ["list", "--shared"],
    ["list", "--private", "--json"],
    ["list", "--template", "gibbs"],
    ["list", "--since", "not a date"],
    ["list", "--since", "2026-03-05", "--until", "2026-03-01"],
    ["list", "-n", "two"],
    ["list", "--bogus"],
    ["list", "extra"],
    ["search", "handover"],
    ["search", "handover", "-night"],
    ["search", "-night", "handover"],
    ["search", "--json", "daughter"],
    ["search", '"called back"'],
    ["search", "-t", "ward", "shift"],
    ["search", "-n", "1", "handover"],
    ["search", "handover", "--since", "2026-03-03"],
    ["search", "apologise*"],
    ["search", "---"],
    ["search", "!!!"],
    ["search", "nothing-like-this-anywhere"],
    ["search"],
    ["--version"],
    ["-V"],
]


def _run(args: list[str], env: dict, full: bool) -> subprocess.CompletedProcess:
    env = dict(env)
    if full:
        env["REFLECT_FULL_CLI"] = "1"
    else:
        env.pop("REFLECT_FULL_CLI", None)
    return subprocess.run([REFLECT_BIN, *args], env=env, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


@pytest.fixture
def journal(cli, subprocess_env):
    for when, flags, text in ENTRIES:
        result = cli("add", "--date", when, *flags, text)
        assert result.exit_code == 0, result.output
    return subprocess_env


@pytest.mark.parametrize("args", CASES, ids=[" ".join(c) or "(none)" for c in CASES])
def test_quick_start_answers_like_the_full_cli(journal, args):
    quick = _run(args, journal, full=False)
    full = _run(args, journal, full=True)
    assert (quick.returncode, quick.stdout, quick.stderr) == (full.returncode, full.stdout, full.stderr)


def test_the_quick_start_really_handles_the_common_forms(journal, capsys):
    """Not just falling back: run() answers these itself (None would mean 'handed to Typer')."""
    from reflect.fastpath import run

    for args in (["list"], ["list", "-n", "2", "--json"], ["search", "handover", "-night"], ["--version"]):
        assert run(args) == 0, args
    out = capsys.readouterr().out
    assert "Long shift on the ward." in out and "reflect " in out
    for args in (["list", "--help"], ["list", "--bogus"], ["search"], ["summary"], [], ["add", "-"]):
        assert run(args) is None, args


def test_reading_commands_do_not_load_typer_pydantic_or_rich(journal):
    """The promise behind the quick start, checked by what is imported rather than by a stopwatch.

    Once the index knows the files (files written in the last 2 s are always re-read, which needs
    the YAML parser and the models), listing and searching load neither Typer, Pydantic, Rich nor YAML.
    """
    import time

    time.sleep(2.1)
    assert _run(["list"], journal, full=False).returncode == 0  # the index learns the files
    code = ("import sys\nfrom reflect.fastpath import run\n"
            "assert run(['list', '-n', '3']) == 0\nassert run(['search', 'handover']) == 0\n"
            "print(sorted(m for m in ('typer', 'pydantic', 'rich', 'yaml') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], env=journal, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    # and `list` alone needs not even dataclasses or typing (~10 ms of start-up between them)
    code = ("import sys\nfrom reflect.fastpath import run\nassert run(['list', '-n', '3']) == 0\n"
            "print(sorted(m for m in ('dataclasses', 'typing', 'inspect') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], env=journal, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_add_through_the_quick_start_saves_the_same_entry(journal):
    done = _run(["add", "--json", "--tag", "nights", "--share", "--date", "2026-03-06 22:00",
                 "Handover was calm. Said thank you to the night team @team"], journal, full=False)
    assert done.returncode == 0, done.stderr
    saved = json.loads(done.stdout)
    assert saved["title"] == "Handover was calm."
    assert saved["tags"] == ["nights", "team"] and saved["share"] is True
    assert saved["date"].startswith("2026-03-06T22:00")
    shown = _run(["show", saved["id"], "--json"], journal, full=True)
    assert json.loads(shown.stdout)["body"] == "Said thank you to the night team @team\n"
    listed = json.loads(_run(["list", "--json", "-n", "1"], journal, full=False).stdout)
    assert listed[0]["id"] == saved["id"]


def test_add_with_crisis_language_still_shows_support(journal):
    done = _run(["add", "I keep thinking everyone would be better off without me."], journal, full=False)
    assert done.returncode == 0
    assert "116 123" in done.stdout + done.stderr  # the calm support panel (UK default)


def test_light_rows_match_entries(journal):
    """indexread.Listed (what list shows from the index) has the same JSON as the model read from file."""
    from reflect.journal import open_journal

    journal_ = open_journal()
    light = journal_.listing().entries
    full = journal_.scan_files().entries
    assert [e.as_json() for e in light] == [e.as_json() for e in full]
    assert [e.encounter_open for e in light] == [e.encounter_open for e in full]


def test_light_rows_encounter_flag(cli):
    from reflect.journal import open_journal

    j = open_journal()
    from reflect.models import Encounter

    j.add("Sharp words with a relative at the door.", encounter=Encounter(who="relative"))
    j.add("Cleared the air with the porter.", encounter=Encounter(who="porter", status="repaired"))
    light = {e.title: e for e in j.listing().entries}
    assert light["Sharp words with a relative at the door."].encounter_open is True
    assert light["Cleared the air with the porter."].encounter_open is False


def test_constants_kept_in_step():
    from reflect import crypto, indexread, models, paths, store
    from reflect.config import Config

    assert paths.CONFIG_KEYS == set(Config.model_fields)
    assert indexread.CLOSED_STATUSES == models.CLOSED_STATUSES
    assert paths.ENCRYPTED_MARKER == crypto.MARKER
    assert store.ENCRYPTED_SUFFIX == crypto.ENC_SUFFIX


def test_configured_journal_folder_is_used_and_doubtful_configs_go_to_the_full_cli(tmp_path, monkeypatch):
    from reflect.paths import journal_root_light

    monkeypatch.delenv("REFLECT_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = tmp_path / "cfg" / "reflect"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text(f'journal = "{tmp_path / "elsewhere"}"\nregion = "us"\n')
    assert journal_root_light() == tmp_path / "elsewhere"
    (folder / "config.toml").write_text('journal = 3\n')
    assert journal_root_light() is None
    (folder / "config.toml").write_text('jurnal = "x"\n')
    assert journal_root_light() is None
    (folder / "config.toml").write_text('journal = "x\n')
    assert journal_root_light() is None
    (folder / "config.toml").unlink()
    assert journal_root_light() == tmp_path / "data" / "reflect"
