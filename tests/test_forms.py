"""Regulator-shaped forms: the NMC reflective account (four parts, themes of the Code, export
record) and the social work CPD record, anonymised, from one entry."""
from __future__ import annotations

import json

import pytest

from reflect.config import Config, save_config
from reflect.forms import CODE_THEMES, cycle_start, parse_themes
from reflect.journal import Journal

BODY = """Difficult conversation about discharge.
## What happened?
Mrs Adebayo's son, Tunde Adebayo, phoned 07700 900555 upset about the discharge date.
## What did I learn?
Involve the family before the plan is fixed.
## What will I do differently?
I now ring the next of kin on the day the plan is made.
## What to bring to supervision?
Talked it through with a colleague: she suggested a script for the first call.
"""


@pytest.fixture
def entry(reflect_home):
    save_config(Config(display_name="Chris L", role="staff nurse", redact_terms=["Oak Ward"]))
    return Journal(reflect_home).add(BODY + "Covered Oak Ward.\n")


def test_nmc_form_has_four_parts_anonymised(cli, entry, tmp_path):
    out = tmp_path / "account.md"
    result = cli("form", "nmc", entry.id, "--theme", "people", "--theme", "Preserve safety",
                 "--note", "Keeping the family informed is part of safe discharge.", "--out", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text()
    parts = ["## 1. What was the nature", "## 2. What did I learn", "## 3. How did I change or improve",
             "## 4. How is this relevant to the Code"]
    assert [text.index(p) for p in parts] == sorted(text.index(p) for p in parts)
    assert "Involve the family before the plan is fixed." in text
    assert "I now ring the next of kin" in text
    assert "- [x] Prioritise people" in text and "- [x] Preserve safety" in text
    assert "- [ ] Practise effectively" in text and "- [ ] Promote professionalism and trust" in text
    assert "Keeping the family informed" in text
    for secret in ("Adebayo", "Tunde", "07700", "Oak Ward"):
        assert secret not in text, secret
    assert "Removed:" in result.stderr
    assert "Chris L, staff nurse" in text
    assert out.stat().st_mode & 0o777 == 0o600


def test_nmc_list_counts_exports_toward_five(cli, entry, reflect_home, tmp_path):
    other = Journal(reflect_home).add("Teaching session on pressure care.\n## What did I learn?\nRepositioning.")
    assert cli("form", "nmc", entry.id, "--theme", "effectively").exit_code == 0
    assert cli("form", "nmc", other.id, "--theme", "trust", "--out", str(tmp_path / "b.md")).exit_code == 0
    state_file = reflect_home / ".reflect-forms.json"
    state = json.loads(state_file.read_text())
    for path in reflect_home.glob(".reflect-forms.json*"):
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert [r["entry"] for r in state["nmc"]] == [entry.id, other.id]
    assert state["nmc"][1]["themes"] == ["Promote professionalism and trust"]
    listed = cli("form", "nmc", "--list")
    assert listed.exit_code == 0
    assert entry.id in listed.stdout and other.id in listed.stdout
    assert "2 of the 5 accounts" in listed.stdout
    # Exporting the same entry again does not count twice.
    cli("form", "nmc", entry.id, "--theme", "people")
    assert "2 of the 5 accounts" in cli("form", "nmc", "--list").stdout


def test_nmc_needs_a_theme_without_a_terminal(cli, entry):
    result = cli("form", "nmc", entry.id)
    assert result.exit_code == 2
    assert "--theme" in result.stderr and "Prioritise people" in result.stderr


def test_nmc_unknown_theme_and_unknown_entry(cli, entry):
    bad = cli("form", "nmc", entry.id, "--theme", "kindness")
    assert bad.exit_code == 2 and "Unknown theme" in bad.stderr
    missing = cli("form", "nmc", "ffffffff", "--theme", "people")
    assert missing.exit_code == 3


def test_nmc_interactive_theme_choice(entry, subprocess_env, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    from conftest import REFLECT_BIN

    out = tmp_path / "i.md"
    child = pexpect.spawn(REFLECT_BIN, ["form", "nmc", entry.id, "--out", str(out)], env=subprocess_env,
                          encoding="utf-8", timeout=20)
    child.expect("Which themes")
    child.sendline("2 4")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = out.read_text()
    assert "- [x] Practise effectively" in text and "- [x] Promote professionalism and trust" in text
    assert "- [ ] Prioritise people" in text


def test_parse_themes():
    assert parse_themes(["people,safety", "Practise effectively", "trust", "people"]) == [
        "people", "safety", "effectively", "trust"]
    assert parse_themes(["1", "3"]) == ["people", "safety"]
    assert set(CODE_THEMES) == {"people", "effectively", "safety", "trust"}


def test_cpd_form_shape(cli, entry):
    result = cli("form", "cpd", entry.id, "--peer", "My peer reminded me to ask Mr Lowe's view first.")
    assert result.exit_code == 0, result.output
    text = result.stdout
    for heading in ("## What was the activity, and why does it matter",
                    "## What did I learn?",
                    "## What impact has it had on my practice, and on the people I work with?",
                    "## What did I learn from discussing it with a peer?"):
        assert heading in text
    assert "My peer reminded me" in text and "suggested a script" in text
    assert "Lowe" not in text and "Adebayo" not in text


def test_forms_mark_gaps_instead_of_inventing(cli, reflect_home):
    e = Journal(reflect_home).add("Just a quick note about a long day.")
    text = cli("form", "cpd", e.id).stdout
    assert text.count("Not answered in this entry") == 3
    assert "Just a quick note about a long day." in text


def test_escaping_in_forms(cli, reflect_home):
    e = Journal(reflect_home).add("Odd one\n## What did I learn?\n# not a heading <b>bold</b>")
    text = cli("form", "nmc", e.id, "--theme", "people").stdout
    assert "\\# not a heading \\<b>bold\\</b>" in text


def test_cycle_start():
    import datetime as dt

    assert cycle_start(dt.date(2026, 11, 21)) == dt.date(2023, 11, 21)
    assert cycle_start(dt.date(2028, 2, 29)) == dt.date(2025, 2, 28)
