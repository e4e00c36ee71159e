"""Moving from jrnl: nothing lost, dates as written, duplicates not doubled, skips reported."""
import json

JOURNAL = """\
Some notes I kept before I started dating entries.

[2025-10-03 21:15] Late visit to a man on the estate. He had been waiting all afternoon.
I sat with him while we sorted the meds out.

@community came up again in huddle.

[2025-10-04 07:40] Night off. *
Slept properly for once.

[2025-10-05 18:05] Short one
[2025-13-40 10:00] looks like a date but is not one.
"""


def test_plain_text_import_keeps_everything(cli, tmp_path):
    source = tmp_path / "journal.txt"
    source.write_text(JOURNAL)
    result = cli("import", "--format", "jrnl", str(source), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["imported"] == 3
    assert any("before the first dated entry" in s for s in report["skipped"])
    assert any("not a real date" in s for s in report["skipped"])
    entries = json.loads(cli("list", "--json").stdout)
    first, second, third = entries
    assert first["date"].startswith("2025-10-03T21:15")
    assert first["title"] == "Late visit to a man on the estate."
    assert "He had been waiting all afternoon." in first["body"]
    assert "@community came up again" in first["body"] and "community" in first["tags"]
    assert second["starred"] is True and second["title"] == "Night off."
    # the bogus date line stays inside the entry before it: no text is lost
    assert "looks like a date but is not one." in third["title"] + third["body"]


def test_importing_twice_does_not_duplicate(cli, tmp_path):
    source = tmp_path / "journal.txt"
    source.write_text(JOURNAL)
    cli("import", str(source))
    again = json.loads(cli("import", str(source), "--json").stdout)
    assert again["imported"] == 0 and again["duplicates"] == 3
    assert len(json.loads(cli("list", "--json").stdout)) == 3


def test_jrnl_json_import(cli, tmp_path):
    source = tmp_path / "export.json"
    source.write_text(json.dumps({"tags": {"@team": 1}, "entries": [
        {"title": "Team lunch.", "body": "Someone brought cake for the new starter.", "date": "2025-09-01",
         "time": "12:30", "tags": ["@team"], "starred": False},
        {"title": "Broken", "body": "", "date": "someday", "time": "??"},
    ]}))
    report = json.loads(cli("import", "--format", "jrnl-json", str(source), "--json").stdout)
    assert report["imported"] == 1 and len(report["skipped"]) == 1
    [entry] = json.loads(cli("list", "--json").stdout)
    assert entry["tags"] == ["team"] and entry["date"].startswith("2025-09-01T12:30")


def test_import_errors_are_clear(cli, tmp_path):
    missing = cli("import", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2 and "No such file" in missing.stderr
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert "not UTF-8" in cli("import", str(binary)).stderr
    assert cli("import", "--format", "dayone", str(binary)).exit_code == 2
