"""`reflect digest view`: one file in full, several as an overview, broken files named one by one."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reflect.config import Config, save_config
from reflect.journal import Journal
from reflect.models import Encounter


def make_digest_file(cli, home: Path, out: Path, label: str, *, encounter: bool = False) -> Path:
    save_config(Config(display_name=label, role="social worker"))
    j = Journal(home)
    j.add(f"Reflection by {label}.\n## What did I learn?\nListen first.", share=True,
          encounter=Encounter(who="parent", status="open") if encounter else None)
    result = cli("digest", "--format", "json", "--out", str(out), "--yes")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def two(cli, reflect_home, tmp_path):
    a = make_digest_file(cli, reflect_home, tmp_path / "alex.json", "Alex P", encounter=True)
    b = make_digest_file(cli, reflect_home, tmp_path / "bea.json", "Bea Q")
    return a, b


def test_one_file_is_rendered_in_section_order(cli, two):
    result = cli("digest", "view", str(two[0]))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Supervision digest: Alex P, social worker" in out
    positions = [out.index(h) for h in ("Restorative", "Formative", "Normative", "To bring to supervision",
                                        "Shared reflections")]
    assert positions == sorted(positions)
    assert "Listen first." in out


def test_several_files_give_an_overview_then_each_on_request(cli, two):
    result = cli("digest", "view", str(two[0]), str(two[1]))
    assert result.exit_code == 0
    out = result.stdout
    assert "Supervision digests" in out
    for col in ("Supervisee", "Period", "Shared", "Burnout", "Open encounters", "Crisis"):
        assert col in out
    assert "Alex P, social worker" in out and "Bea Q, social worker" in out
    assert "Listen first." not in out  # details only on request
    shown = cli("digest", "view", str(two[0]), str(two[1]), "--show", "2").stdout
    assert shown.count("Listen first.") >= 1 and "Supervision digest: Bea Q" in shown
    everything = cli("digest", "view", str(two[0]), str(two[1]), "--all").stdout
    assert "Supervision digest: Alex P" in everything and "Supervision digest: Bea Q" in everything
    bad = cli("digest", "view", str(two[0]), str(two[1]), "--show", "3")
    assert bad.exit_code == 2 and "1 to 2" in bad.stderr


def _broken(tmp_path: Path, good: Path) -> dict[str, tuple[Path, str]]:
    data = json.loads(good.read_text())
    cases = {}
    p = tmp_path / "broken.json"
    p.write_text(good.read_text()[:-40])
    cases["broken"] = (p, "not valid JSON")
    p = tmp_path / "v2.json"
    p.write_text(json.dumps({**data, "version": 2}))
    cases["version"] = (p, "version 2 is not supported")
    p = tmp_path / "missing.json"
    p.write_text(json.dumps({k: v for k, v in data.items() if k != "period"}))
    cases["missing"] = (p, "missing field 'period'")
    p = tmp_path / "tampered.json"
    tampered = json.loads(good.read_text())
    tampered["entries_shared"] = 99
    p.write_text(json.dumps(tampered))
    cases["tampered"] = (p, "does not match its checksum")
    p = tmp_path / "digest.md"
    p.write_text("# Supervision digest\n")
    cases["markdown"] = (p, "not valid JSON")
    cases["absent"] = (tmp_path / "nope.json", "no such file")
    p = tmp_path / "list.json"
    p.write_text("[1, 2]")
    cases["array"] = (p, "expected a JSON object")
    return cases


def test_each_broken_file_gets_one_clear_error_and_the_others_still_show(cli, two, tmp_path):
    cases = _broken(tmp_path, two[1])
    paths = [str(two[0])] + [str(p) for p, _ in cases.values()] + [str(two[1])]
    result = cli("digest", "view", *paths)
    assert result.exit_code == 4
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(cases)
    for path, problem in cases.values():
        line = next(line for line in errors if str(path) in line)
        assert problem in line, line
    assert "Alex P" in result.stdout and "Bea Q" in result.stdout


def test_a_single_broken_file(cli, two, tmp_path):
    path, problem = _broken(tmp_path, two[0])["tampered"]
    result = cli("digest", "view", str(path))
    assert result.exit_code == 4
    assert problem in result.stderr and str(path) in result.stderr
    assert result.stdout == ""


def test_terminal_control_sequences_in_a_digest_are_not_passed_through(cli, reflect_home, tmp_path):
    Journal(reflect_home).add("Ring \x1b[2Jbell\x07 here", share=True)
    out = tmp_path / "d.json"
    assert cli("digest", "--format", "json", "--out", str(out), "--yes").exit_code == 0
    shown = cli("digest", "view", str(out)).stdout
    assert "\x1b" not in shown and "\x07" not in shown
