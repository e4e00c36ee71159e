"""The `new` flow's core (answers -> entry, drafts) with scripted input, and `reflect new` via CliRunner."""
from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
import yaml

from reflect import frontmatter, prompting
from reflect.errors import UsageError
from reflect.templates import load_template


class Scripted:
    """Plays the person at the terminal: each ask() returns the next line, or raises what it is given."""

    def __init__(self, *replies):
        self.replies = list(replies)
        self.said: list[str] = []
        self.asked = 0

    def say(self, markup: str = "") -> None:
        self.said.append(markup)

    def ask(self, prompt: str) -> str:
        self.asked += 1
        if not self.replies:
            raise AssertionError("asked more than the script answers")
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException) or (isinstance(reply, type) and issubclass(reply, BaseException)):
            raise reply
        return reply


def draft_for(name: str, when=None) -> tuple:
    return prompting.start(name, when)


def test_parse_answer_kinds() -> None:
    t = load_template("bad-day-and-repair")
    energy, status, talked, tags = (t.prompt(i) for i in ("energy", "repair_status", "talked_over", "tags"))
    assert prompting.parse_answer(energy, " 4 ") == 4
    assert prompting.parse_answer(energy, "2/5") == 2
    assert prompting.parse_answer(energy, "3 - tired") == 3
    for bad in ("0", "6", "45", "lots", "3.5"):
        with pytest.raises(ValueError):
            prompting.parse_answer(energy, bad)
    assert prompting.parse_answer(status, "4") == "repaired"
    assert prompting.parse_answer(status, "repair-planned") == "repair-planned"
    assert prompting.parse_answer(status, "Decided, honestly, to let it go") == "let-go"
    with pytest.raises(ValueError):
        prompting.parse_answer(status, "9")
    assert prompting.parse_answer(talked, "Y") is True and prompting.parse_answer(talked, "no") is False
    with pytest.raises(ValueError):
        prompting.parse_answer(talked, "maybe")
    assert prompting.parse_answer(tags, "#nights, @family  handover nights") == ["nights", "family", "handover"]


def test_build_entry_maps_answers_into_front_matter() -> None:
    t = load_template("bad-day-and-repair")
    when = dt.datetime(2026, 2, 3, 19, 5, tzinfo=dt.timezone.utc)
    entry = prompting.build_entry(t, {
        "what_happened": "Cut a relative off mid-sentence at the nurses' station.",
        "encounter_who": "relative",
        "energy": 1,
        "talked_over": True,
        "repair_status": "repair-planned",
        "do_differently": "Take the conversation somewhere quiet.",
        "tags": ["family"],
    }, when=when, share=True)
    assert entry.created == when and entry.template == "bad-day-and-repair"
    assert entry.energy == 1 and entry.share is True and entry.tags == ["family"]
    assert entry.encounter.who == "relative" and entry.encounter.status == "repair-planned"
    assert entry.title == "Cut a relative off mid-sentence at the nurses' station."
    assert "## Have you talked it over with anyone yet?\n\nYes\n" in entry.body
    assert "## Where does the repair stand now?\n\nRepair planned\n" in entry.body
    # The file loads back identically and with a plain YAML parser.
    data = frontmatter.render(entry)
    again = frontmatter.parse(data)
    assert again.body == entry.body and again.encounter == entry.encounter
    front = yaml.safe_load(data.decode().split("---\n")[1])
    assert front["encounter"] == {"who": "relative", "status": "repair-planned"}


def test_ratings_and_title_fallback() -> None:
    t = load_template("competent-compassion")
    entry = prompting.build_entry(t, {"confidence": 4})
    assert entry.ratings == {"confidence": 4}
    assert entry.title == t.title


def test_end_of_day_no_tension_means_no_encounter() -> None:
    t = load_template("end-of-day")
    entry = prompting.build_entry(t, {"what_happened": "Fine.", "tension": False, "encounter_who": "porter"})
    assert entry.encounter is None
    assert "porter" not in entry.body
    entry = prompting.build_entry(t, {"what_happened": "Not fine.", "tension": True})
    assert entry.encounter is not None and entry.encounter.status == "open" and entry.encounter.who is None


def test_long_first_line_gives_a_short_title() -> None:
    t = load_template("gibbs")
    entry = prompting.build_entry(t, {"what_happened": "word " * 60})
    assert len(entry.title) <= prompting.TITLE_LIMIT + 1 and entry.title.endswith("…")


def test_answer_that_repeats_a_heading_does_not_split() -> None:
    from reflect.templates import sections

    t = load_template("what-so-what-now-what")
    heading = t.prompt("learned").question
    entry = prompting.build_entry(t, {"what_happened": f"Odd day.\n## {heading}\nquoted"})
    assert [s[0] for s in sections(entry)] == ["what_happened"]


def test_no_answers_is_refused() -> None:
    with pytest.raises(UsageError, match="Nothing was answered"):
        prompting.build_entry(load_template("gibbs"), {"what_happened": "   ", "learned": None})


def test_run_guided_with_skips_retries_and_conditional_prompt() -> None:
    t, draft = draft_for("end-of-day")
    io = Scripted("3", "nine", "4",  # energy 3; mood: invalid, then 4
                  "Quiet shift.", "Caught up on notes.", "",  # what happened (2 lines)
                  "", "",  # kindness given / received skipped
                  "n",  # no tension: who/repair are not asked
                  "Leave on time.", "",  # carry forward
                  "", "",  # supervision, tags
                  "")  # share: Enter = no
    outcome = prompting.run_guided(t, draft, io)
    assert io.replies == []
    assert outcome.entry is not None and not outcome.interrupted
    e = outcome.entry
    assert (e.energy, e.mood, e.share, e.encounter) == (3, 4, False, None)
    assert "Quiet shift.\nCaught up on notes." in e.body
    assert not any("Who was it with" in s for s in io.said)
    assert any("Please type a number from 1 to 5" in s for s in io.said)


def test_draft_is_saved_after_each_answer_and_interrupt_keeps_partial(reflect_home: Path) -> None:
    t, draft = draft_for("gibbs")
    io = Scripted("First line of the description.", "", "Worried", KeyboardInterrupt)
    outcome = prompting.run_guided(t, draft, io)
    assert outcome.interrupted and outcome.entry is None and "--resume" in outcome.message
    [path] = prompting.list_drafts()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(reflect_home.stat().st_mode) == 0o700
    data = json.loads(path.read_text())
    assert data["answers"] == {"what_happened": "First line of the description.", "feelings": "Worried"}
    assert data["position"] == 1  # the interrupted question is asked again on resume

    t2, resumed = prompting.resume()
    assert resumed.path == path
    io = Scripted("and a little sick.", "", "", "", "", "", "", "", "y")
    outcome = prompting.run_guided(t2, resumed, io)
    assert outcome.entry is not None and outcome.entry.share is True
    assert "Worried\nand a little sick." in outcome.entry.body


def test_eof_keeps_the_draft() -> None:
    t, draft = draft_for("what-so-what-now-what")
    outcome = prompting.run_guided(t, draft, Scripted("It happened.", "", EOFError))
    assert outcome.interrupted and len(prompting.list_drafts()) == 1


def test_interrupt_before_any_answer_leaves_no_draft() -> None:
    t, draft = draft_for("gibbs")
    outcome = prompting.run_guided(t, draft, Scripted(KeyboardInterrupt))
    assert outcome.interrupted and prompting.list_drafts() == []
    assert "nothing was saved" in outcome.message


def test_all_skipped_saves_nothing() -> None:
    t, draft = draft_for("what-so-what-now-what")
    outcome = prompting.run_guided(t, draft, Scripted("", "", "", "", ""))
    assert outcome.entry is None and "Nothing was answered" in outcome.message
    assert prompting.list_drafts() == []


def test_resume_with_no_draft(cli) -> None:
    result = cli("new", "--resume")
    assert result.exit_code == 3
    assert "no unfinished draft" in result.stderr


def test_resume_ignores_an_unreadable_draft_kindly(reflect_home: Path) -> None:
    folder = reflect_home / ".drafts"
    folder.mkdir(parents=True)
    (folder / "new-20260101T000000-aaaaaa.json").write_text("{not json")
    with pytest.raises(Exception) as info:
        prompting.resume()
    assert "cannot be read" in str(info.value)


def test_new_without_a_terminal_says_so_and_does_not_hang(cli) -> None:
    result = cli("new", input="")
    assert result.exit_code == 2
    assert "interactive terminal" in result.stderr
    assert "reflect add -" in result.stderr


def test_new_unknown_template_and_bad_date(cli) -> None:
    result = cli("new", "--template", "nonsense")
    assert result.exit_code == 3 and "Available:" in result.stderr and "gibbs" in result.stderr
    result = cli("new", "--date", "the day after the thing")
    assert result.exit_code == 2 and "Accepted forms" in result.stderr
    result = cli("new", "--template", "../../etc/passwd")
    assert result.exit_code == 2


def _editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "ed.sh"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(0o755)
    return str(script)


def test_editor_mode_unchanged_and_changed(cli, tmp_path: Path, monkeypatch, reflect_home: Path) -> None:
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "true\n"))
    result = cli("new", "--editor")
    assert result.exit_code == 1 and "not changed" in result.stdout
    assert not list(reflect_home.rglob("*.md"))

    # An editor that answers two questions (one with an unreadable scale) and says yes to sharing.
    monkeypatch.setenv("EDITOR", _editor(tmp_path, r"""python3 - "$1" <<'EOF'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("## How much energy do you have left?\n", "## How much energy do you have left?\nabout two\n")
s = s.replace("## What happened today that is staying with you?\n",
              "## What happened today that is staying with you?\nA calm evening round.\n")
s = s.replace("## Is anything still unresolved with someone after today?\n",
              "## Is anything still unresolved with someone after today?\nno\n")
s = s[: s.rstrip().rfind("no")] + "yes\n"
open(p, "w").write(s)
EOF
"""))
    result = cli("new", "--editor", "--date", "2026-04-01 20:00")
    assert result.exit_code == 0, result.stderr
    assert "Saved" in result.stdout
    assert "about two" in result.stderr  # warned, and kept as text rather than dropped
    [path] = list((reflect_home / "entries").rglob("*.md"))
    entry = frontmatter.parse(path.read_bytes(), path)
    assert entry.energy is None and entry.share is True and entry.encounter is None
    assert entry.created.date() == dt.date(2026, 4, 1)
    assert "A calm evening round." in entry.body and "about two" in entry.body
    assert "<!--" not in entry.body
    assert not list((reflect_home / ".drafts").glob("*.md"))


def test_skeleton_round_trip() -> None:
    t = load_template("bad-day-and-repair")
    text, comments = prompting.skeleton(t)
    for p in t.prompts:
        assert f"## {p.question}" in text
    answers, share, warnings = prompting.parse_skeleton(t, text, comments)
    assert answers == {} and share is False and warnings == []
    filled = text.replace("## Where does the repair stand now?\n", "## Where does the repair stand now?\n4\n")
    answers, _, _ = prompting.parse_skeleton(t, filled, comments)
    assert answers == {"repair_status": "repaired"}


def test_saved_entry_via_core_and_crisis_check_hook(cli, reflect_home: Path) -> None:
    t, draft = draft_for("gibbs", dt.datetime(2026, 5, 6, 21, 0, tzinfo=dt.timezone.utc))
    outcome = prompting.run_guided(t, draft, Scripted("Description here.", "", "", "", "", "", "", "", "", ""))
    saved = prompting.save_entry(outcome.entry)
    assert saved.path is not None and saved.path.is_relative_to(reflect_home)
    assert stat.S_IMODE(saved.path.stat().st_mode) == 0o600
    listed = json.loads(cli("list", "--json").stdout)
    assert [e["template"] for e in listed] == ["gibbs"]


def test_drafts_of_an_encrypted_journal_are_encrypted(reflect_home: Path, tmp_path: Path, monkeypatch) -> None:
    from reflect.crypto import setup

    key = tmp_path / "keys" / "journal.key"
    setup(reflect_home, key_file=key)
    monkeypatch.setenv("REFLECT_KEY_FILE", str(key))
    t, draft = draft_for("what-so-what-now-what")
    prompting.run_guided(t, draft, Scripted("A private sentence about a hard visit.", "", KeyboardInterrupt))
    [path] = prompting.list_drafts()
    assert path.name.endswith(".json.age")
    assert b"private sentence" not in path.read_bytes()
    t2, resumed = prompting.resume()
    assert resumed.answers["what_happened"] == "A private sentence about a hard visit."
    outcome = prompting.run_guided(t2, resumed, Scripted("", "", "", "", ""))
    saved = prompting.save_entry(outcome.entry)
    assert saved.path.name.endswith(".md.age")
    assert b"private sentence" not in saved.path.read_bytes()


def test_a_plain_draft_becomes_encrypted_when_the_journal_is(reflect_home: Path, tmp_path: Path, monkeypatch) -> None:
    from reflect.crypto import setup

    t, draft = draft_for("gibbs")
    prompting.run_guided(t, draft, Scripted("Before encryption.", "", KeyboardInterrupt))
    [plain] = prompting.list_drafts()
    key = tmp_path / "journal.key"
    setup(reflect_home, key_file=key)
    monkeypatch.setenv("REFLECT_KEY_FILE", str(key))
    t2, resumed = prompting.resume()
    prompting.run_guided(t2, resumed, Scripted("Feelings now.", "", KeyboardInterrupt))
    [now] = prompting.list_drafts()
    assert now.name.endswith(".json.age") and not plain.exists()
    assert b"Before encryption" not in now.read_bytes()


def test_new_points_to_support_after_saving_crisis_language(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EDITOR", _editor(tmp_path, r"""python3 - "$1" <<'EOF2'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("## What happened?\n", "## What happened?\nAfter the shift I keep thinking I want to end my life.\n", 1)
open(p, "w").write(s)
EOF2
"""))
    result = cli("new", "--editor", "-t", "bad-day-and-repair")
    assert result.exit_code == 0
    assert "Saved" in result.stdout
    assert "Looking after yourself" in result.stdout + result.stderr
