"""Export: jrnl text, JSON in the list --json shape, one Markdown document; filters; safe --out."""
from __future__ import annotations

import json
import stat

import pytest


@pytest.fixture
def journal(cli):
    cli("add", "--date", "2026-01-05 18:00", "-t", "ward", "--star",
        "Long shift. Short with a relative at handover.\nRang her back later and apologised.")
    cli("add", "--date", "2026-01-12 07:30", "--share", "Home visit @community")
    cli("add", "--date", "2026-02-02 21:15", "-t", "nights", "Night shift. [2026-02-01 10:00] a line jrnl would misread.")
    return cli


def test_jrnl_text(journal):
    result = journal("export", "--format", "jrnl")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "[2026-01-05 18:00] Long shift. *\n"
        "Short with a relative at handover.\nRang her back later and apologised.\n\n@ward\n"
        "\n"
        "[2026-01-12 07:30] Home visit @community\n"
        "\n"
        "[2026-02-02 21:15] Night shift.\n"
        " [2026-02-01 10:00] a line jrnl would misread.\n\n@nights\n"
    )


def test_json_is_the_list_json_shape(journal):
    exported = json.loads(journal("export", "-f", "json").stdout)
    listed = json.loads(journal("list", "--json").stdout)
    assert exported == listed
    assert [e["title"] for e in json.loads(journal("export", "-f", "json", "--tag", "nights").stdout)] == ["Night shift."]


def test_filters(journal):
    titles = lambda *a: [e["title"] for e in json.loads(journal("export", "-f", "json", *a).stdout)]  # noqa: E731
    assert titles("--since", "2026-01-10") == ["Home visit @community", "Night shift."]
    assert titles("--until", "2026-01-10") == ["Long shift."]
    assert titles("--tag", "ward") == ["Long shift."]
    assert titles("--shared") == ["Home visit @community"]
    assert titles("-n", "1") == ["Night shift."]
    assert titles("--since", "2027-01-01") == []


def test_markdown_document(journal):
    md = journal("export", "-f", "md").stdout
    assert md.startswith("# Reflections\n")
    assert md.index("## Long shift.") < md.index("## Home visit @community") < md.index("## Night shift.")
    assert "Rang her back later and apologised." in md
    assert "Monday 05 January 2026, 18:00" in md


def test_out_file_is_private_and_not_overwritten(journal, tmp_path):
    out = tmp_path / "export.txt"
    result = journal("export", "--out", str(out))
    assert result.exit_code == 0
    assert "Exported 3 entries" in result.stderr and result.stdout == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().startswith("[2026-01-05 18:00] Long shift. *")
    again = journal("export", "--out", str(out), "-f", "md")
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert journal("export", "--out", str(out), "-f", "md", "--force").exit_code == 0
    assert out.read_text().startswith("# Reflections")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".reflect-tmp")]


def test_unknown_format(journal):
    result = journal("export", "-f", "docx")
    assert result.exit_code == 2 and "Unknown export format" in result.stderr


def test_jrnl_export_imports_back_into_reflect(journal, tmp_path, monkeypatch):
    out = tmp_path / "j.txt"
    journal("export", "--out", str(out))
    before = json.loads(journal("list", "--json").stdout)
    monkeypatch.setenv("REFLECT_HOME", str(tmp_path / "second"))
    assert journal("import", str(out)).exit_code == 0
    after = json.loads(journal("list", "--json").stdout)
    assert [(e["date"][:16], e["title"], e["starred"], sorted(e["tags"])) for e in after] == \
           [(e["date"][:16], e["title"], e["starred"], sorted(e["tags"])) for e in before]
    assert after[0]["body"].startswith("Short with a relative at handover.\nRang her back later and apologised.")


def test_export_streams_from_the_index_without_reading_files(journal, monkeypatch):
    from reflect import index as index_mod

    monkeypatch.setattr(index_mod, "RACY_SECONDS", 0.0)  # trust the files' stat at once
    journal("list")  # the index is built
    from reflect.store import JournalStore

    def refuse(self, path):
        raise AssertionError("export re-read a file")

    monkeypatch.setattr(JournalStore, "read", refuse)
    assert journal("export", "-f", "json").exit_code == 0
