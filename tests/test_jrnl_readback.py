"""Real jrnl reads reflect's jrnl export back with the same entries (installs jrnl into a temp venv)."""
from __future__ import annotations

import json
import os
import subprocess
import venv
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def jrnl_bin(tmp_path_factory) -> str:
    where = tmp_path_factory.mktemp("jrnl-venv")
    venv.create(where, with_pip=True)
    pip = where / "bin" / "pip"
    done = subprocess.run([str(pip), "install", "-q", "jrnl"], capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"could not install jrnl: {done.stderr[-2000:]}")
    return str(where / "bin" / "jrnl")


@pytest.mark.slow
def test_real_jrnl_reads_the_export(cli, tmp_path, jrnl_bin, monkeypatch):
    cli("add", "--date", "2026-01-05 18:00", "--star",
        "Long shift. Short with a relative at handover.\nRang her back later and apologised. @ward")
    cli("add", "--date", "2026-01-12 07:30", "Home visit @community")
    cli("add", "--date", "2026-02-02 21:15", "Night shift.\nQuiet. Dr. Okafor's round was early.\n\n"
        "Second paragraph, with 'quotes' and a café.")
    cli("add", "--date", "2026-02-03 09:05", "-t", "supervision", "Supervision: talked it over")
    ours = json.loads(cli("list", "--json").stdout)

    exported = tmp_path / "journal.txt"
    assert cli("export", "--format", "jrnl", "--out", str(exported)).exit_code == 0
    config = tmp_path / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\ndefault_hour: 9\ndefault_minute: 0\n"
        "editor: ''\nencrypt: false\nhighlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {exported}\nlinewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n", encoding="utf-8")
    env = {**os.environ, "HOME": str(tmp_path), "NO_COLOR": "1"}
    env.pop("REFLECT_HOME", None)
    done = subprocess.run([jrnl_bin, "--config-file", str(config), "--export", "json"], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 0, done.stderr
    theirs = json.loads(done.stdout)["entries"]

    assert len(theirs) == len(ours)
    for mine, jr in zip(ours, theirs):
        assert f"{jr['date']}T{jr['time']}" == mine["date"][:16]
        assert jr["title"] == mine["title"]
        expected_body = mine["body"].strip()
        missing = [t for t in mine["tags"] if f"@{t}" not in f"{mine['title']} {mine['body']}"]
        if missing:
            expected_body = (expected_body + "\n\n" if expected_body else "") + " ".join(f"@{t}" for t in missing)
        assert jr["body"].strip() == expected_body
        assert jr["starred"] == mine["starred"]
        assert {t.lstrip("@") for t in jr["tags"]} == {t.lower() for t in mine["tags"]}
    # And back again: reflect imports jrnl's JSON export with the same entries.
    jr_json = tmp_path / "jrnl.json"
    jr_json.write_text(done.stdout, encoding="utf-8")
    monkeypatch.setenv("REFLECT_HOME", str(tmp_path / "again"))
    assert cli("import", "--format", "jrnl-json", str(jr_json)).exit_code == 0
    again = json.loads(cli("list", "--json").stdout)
    assert [(e["date"][:16], e["title"], e["starred"]) for e in again] == \
           [(e["date"][:16], e["title"], e["starred"]) for e in ours]
