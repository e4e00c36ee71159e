"""The everyday commands, driven through the CLI as a person (or a script) would."""
import json
import os
import stat

import pytest
import yaml


def add(cli, *args, input=None):
    result = cli("add", *args, input=input)
    assert result.exit_code == 0, result.output
    return result


def listed(cli, *args):
    result = cli("list", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_add_then_list_json_has_the_documented_shape(cli):
    add(cli, "Handover ran late. Stayed to finish notes @ward", "--tag", "nights")
    [entry] = listed(cli)
    assert {"id", "date", "title", "body", "tags", "template", "share", "starred", "encounter"} <= set(entry)
    assert entry["title"] == "Handover ran late."
    assert entry["body"].strip() == "Stayed to finish notes @ward"
    assert set(entry["tags"]) == {"nights", "ward"}
    assert entry["share"] is False  # private unless chosen


def test_entry_file_is_plain_markdown_with_yaml_front_matter(cli, reflect_home):
    add(cli, "A kind word from the charge nurse. It helped.", "--date", "2026-03-04 19:05", "--share")
    [path] = list((reflect_home / "entries" / "2026" / "03").glob("*.md"))
    assert path.name.startswith("2026-03-04T190500-a-kind-word-from-the-charge-nurse")
    text = path.read_text()
    assert text.startswith("---\n")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta["share"] is True and meta["tags"] == []
    assert meta["created"].tzinfo is not None and meta["created"].hour == 19
    assert body.strip() == "It helped."
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(reflect_home.stat().st_mode) == 0o700


def test_stdin_capture(cli):
    add(cli, "-", input="Quiet shift.\nTime to talk properly with a new starter.\n")
    [entry] = listed(cli)
    assert entry["title"] == "Quiet shift."
    assert "new starter" in entry["body"]


def test_list_filters_and_newest_n(cli):
    add(cli, "Old one.", "--date", "2026-01-05")
    add(cli, "Middle one.", "--date", "2026-02-05", "--tag", "supervision")
    add(cli, "New one.", "--date", "2026-03-05")
    assert [e["title"] for e in listed(cli, "--since", "2026-02-01")] == ["Middle one.", "New one."]
    assert [e["title"] for e in listed(cli, "--until", "2026-02-05")] == ["Old one.", "Middle one."]
    assert [e["title"] for e in listed(cli, "--tag", "supervision")] == ["Middle one."]
    assert [e["title"] for e in listed(cli, "-n", "1")] == ["New one."]


def test_share_unshare_and_show(cli):
    add(cli, "Worth taking to supervision.")
    entry_id = listed(cli)[0]["id"]
    assert cli("share", entry_id[:4]).exit_code == 0
    assert listed(cli)[0]["share"] is True
    assert cli("unshare", entry_id).exit_code == 0
    assert listed(cli)[0]["share"] is False
    shown = cli("show", "latest", "--json")
    assert json.loads(shown.stdout)["id"] == entry_id
    page = cli("show", entry_id)
    assert "Worth taking to supervision." in page.stdout


def test_tags_counts(cli):
    add(cli, "One @team")
    add(cli, "Two @team @supervision")
    result = cli("tags", "--json")
    assert json.loads(result.stdout) == {"team": 2, "supervision": 1}


@pytest.mark.parametrize("args, code, words", [
    (("show", "nope"), 3, "No entry"),
    (("list", "--since", "someday"), 2, "Accepted forms"),
    (("add", "--date", "31/31/31", "text"), 2, "Accepted forms"),
    (("add", "-"), 2, "empty"),
    (("show", "../../etc/passwd"), 2, "not an entry id"),
    (("list", "--since", "2026-03-02", "--until", "2026-03-01"), 2, "after"),
])
def test_bad_input_is_one_clear_sentence_and_an_exit_code(cli, args, code, words):
    if args[0] == "show" and args[1] == "nope":
        add(cli, "Something.")
    result = cli(*args, input="")
    assert result.exit_code == code
    assert "error:" in result.stderr and words in result.stderr
    assert "Traceback" not in result.output


def test_unwritable_journal_folder_is_a_clear_error(cli, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("REFLECT_HOME", str(blocker / "journal"))
    result = cli("add", "Will this save?")
    assert result.exit_code == 5
    assert "Cannot create the folder" in result.stderr


def test_malformed_file_is_named_skipped_and_untouched(cli, reflect_home):
    add(cli, "A good entry.")
    bad = reflect_home / "entries" / "2026" / "01" / "2026-01-01T000000-bad.md"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(b"---\ntitle: [unclosed\n---\nbody\n")
    before = bad.read_bytes(), bad.stat().st_mtime_ns
    result = cli("list", "--json")
    assert result.exit_code == 0
    assert [e["title"] for e in json.loads(result.stdout)] == ["A good entry."]
    assert str(bad) in result.stderr and "not valid YAML" in result.stderr
    doctor = cli("doctor")
    assert doctor.exit_code == 1 and str(bad) in doctor.stdout
    assert (bad.read_bytes(), bad.stat().st_mtime_ns) == before


def test_non_utf8_file_is_reported(cli, reflect_home):
    bad = reflect_home / "entries" / "2026" / "02" / "latin1.md"
    bad.parent.mkdir(parents=True)
    bad.write_bytes("---\nid: x\ncreated: 2026-02-01T10:00:00+00:00\n---\n\ncaf\xe9\n".encode("latin-1"))
    result = cli("list")
    assert "not UTF-8" in result.stderr and str(bad) in result.stderr


def test_config_set_and_show(cli, reflect_home):
    assert cli("config", "set", "display_name", "RN Sam").exit_code == 0
    assert cli("config", "set", "redact_terms", "Ward 9, Riverside Unit").exit_code == 0
    shown = json.loads(cli("config", "--json").stdout)
    assert shown["display_name"] == "RN Sam"
    assert shown["redact_terms"] == ["Ward 9", "Riverside Unit"]
    assert (reflect_home / "config.toml").exists()
    bad = cli("config", "set", "region", "mars")
    assert bad.exit_code == 2 and "region" in bad.stderr
    unknown = cli("config", "set", "colour", "blue")
    assert unknown.exit_code == 2 and "Unknown setting" in unknown.stderr


def test_version_and_help_examples(cli):
    assert cli("--version").stdout.startswith("reflect ")
    helptext = cli("add", "--help").stdout
    assert "Examples" in helptext and "reflect add" in helptext


def test_unexpected_errors_are_one_sentence_not_a_traceback(cli, monkeypatch):
    import reflect.journal

    def broken(self):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(reflect.journal.Journal, "scan", broken)
    monkeypatch.setattr(reflect.journal.Journal, "select", lambda self, **kw: broken(self))
    monkeypatch.setattr(reflect.journal.Journal, "listing", lambda self, **kw: broken(self))
    result = cli("list")
    assert result.exit_code == 70
    assert "Unexpected problem" in result.stderr and "simulated bug" in result.stderr
    assert "Traceback" not in result.output
