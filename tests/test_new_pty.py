"""`reflect new` in a real pseudo-terminal: the venv's `reflect` binary driven by pexpect."""
from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
import yaml

pexpect = pytest.importorskip("pexpect")

from conftest import REFLECT_BIN  # noqa: E402

TIMEOUT = 20


def spawn(home: Path, *args: str, env_extra: dict | None = None):
    env = dict(os.environ)
    env.update({"REFLECT_HOME": str(home), "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200",
                "PYTHONUNBUFFERED": "1"})
    env.pop("VISUAL", None)
    env.pop("EDITOR", None)
    env.update(env_extra or {})
    child = pexpect.spawn(REFLECT_BIN, ["new", *args], env=env, encoding="utf-8", timeout=TIMEOUT,
                          dimensions=(50, 200))
    child.logfile_read = sys.stdout if os.environ.get("REFLECT_PTY_LOG") else None
    return child


def answer(child, question: str, *lines: str) -> None:
    """Wait for a question, then type lines (each followed by Enter)."""
    child.expect_exact(question)
    child.expect_exact("> ")
    for line in lines:
        child.sendline(line)


def entry_files(home: Path) -> list[Path]:
    return sorted((home / "entries").rglob("*.md")) if (home / "entries").exists() else []


def drafts(home: Path) -> list[Path]:
    folder = home / ".drafts"
    return sorted(folder.glob("new-*.json")) if folder.exists() else []


def read_entry(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def test_full_guided_entry(reflect_home: Path) -> None:
    child = spawn(reflect_home)
    answer(child, "How much energy do you have left?", "9")
    child.expect_exact("Please type a number from 1 to 5")
    child.sendline("2")
    answer(child, "How is your mood right now?", "")  # skipped
    answer(child, "What happened today that is staying with you?",
           "Three home visits ran over; lunch in the car.", "Ended the day behind on notes.", "")
    answer(child, "Where were you kind to someone today?", "Stayed to help an old lady find her glasses.", "")
    answer(child, "Was anyone kind to you today?", "")
    answer(child, "Is anything still unresolved with someone after today?", "yes")
    answer(child, "Who was it with? (a role, not a name)", "a neighbour")  # one line, one Enter
    answer(child, "What might help put it right, or let it rest?", "Pop round on Thursday.", "")
    answer(child, "What is one thing you want to carry into tomorrow?", "")
    answer(child, "Is there anything you would like to bring to supervision?", "Running late every day.", "")
    answer(child, "Any tags to find this by later?", "visits, #community")
    answer(child, "May this entry be shared in a supervision digest?", "y")
    child.expect_exact("Saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    files = entry_files(reflect_home)
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    front, body = read_entry(files[0])
    assert front["template"] == "end-of-day"
    assert front["energy"] == 2
    assert "mood" not in front
    assert front["share"] is True
    assert front["encounter"] == {"who": "a neighbour", "status": "open"}
    assert front["tags"] == ["visits", "community"]
    assert front["title"] == "Three home visits ran over; lunch in the car."
    assert "## What happened today that is staying with you?\n\nThree home visits ran over; lunch in the car.\n" \
           "Ended the day behind on notes.\n" in body
    assert "How is your mood" not in body  # skipped prompts are left out
    assert "Was anyone kind to you today?" not in body
    assert drafts(reflect_home) == []


def test_ctrl_c_keeps_a_draft_and_resume_finishes_it(reflect_home: Path) -> None:
    child = spawn(reflect_home, "--template", "what-so-what-now-what", "--date", "2026-03-02 17:45")
    answer(child, "What? Describe what happened", "A handover where the plan got lost.", "")
    answer(child, "So what?", "Half a thought that is still")  # mid-answer, then Ctrl-C
    child.expect_exact("Half a thought that is still\r\n  ")  # the line was read: asked for the next
    child.sendintr()
    child.expect_exact("reflect new --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert entry_files(reflect_home) == []
    [draft] = drafts(reflect_home)
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["template"] == "what-so-what-now-what"
    assert saved["answers"]["what_happened"] == "A handover where the plan got lost."
    assert saved["answers"]["learned"] == "Half a thought that is still"

    child = spawn(reflect_home, "--resume")
    child.expect_exact("Resuming")
    child.expect_exact("So far: Half a thought that is still")
    child.expect_exact("> ")
    child.sendline("forming: write the plan down before leaving.")
    child.sendline("")
    answer(child, "Now what?", "Use the checklist at every handover.", "")
    answer(child, "bring to supervision", "")
    answer(child, "Any tags", "")
    answer(child, "May this entry be shared", "")  # Enter = no
    child.expect_exact("Saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [path] = entry_files(reflect_home)
    front, body = read_entry(path)
    assert front["share"] is False
    assert str(front["created"]).startswith("2026-03-02")
    assert "Half a thought that is still\nforming: write the plan down before leaving." in body
    assert drafts(reflect_home) == []


def test_no_answers_saves_nothing(reflect_home: Path) -> None:
    child = spawn(reflect_home, "-t", "gibbs")
    for _ in range(8):
        child.expect_exact("> ")
        child.sendline("")
    child.expect_exact("Nothing was answered, so no entry was saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert entry_files(reflect_home) == []
    assert drafts(reflect_home) == []


def test_ctrl_c_before_any_answer_leaves_nothing(reflect_home: Path) -> None:
    child = spawn(reflect_home)
    child.expect_exact("How much energy")
    child.expect_exact("> ")
    child.sendintr()
    child.expect_exact("nothing was saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert drafts(reflect_home) == [] and entry_files(reflect_home) == []


def test_closed_terminal_keeps_the_draft(reflect_home: Path) -> None:
    import signal

    child = spawn(reflect_home, "-t", "what-so-what-now-what")
    answer(child, "What? Describe", "The phone rang all through a difficult conversation.", "")
    answer(child, "So what?", "A line typed just before")
    child.expect_exact("A line typed just before\r\n  ")
    child.kill(signal.SIGHUP)  # what a closed terminal window sends
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus is None  # it finished on its own terms, not killed by the signal
    [draft] = drafts(reflect_home)
    answers = json.loads(draft.read_text())["answers"]
    assert answers["what_happened"].startswith("The phone rang")
    assert answers["learned"] == "A line typed just before"


def _fake_editor(tmp_path: Path, script: str) -> str:
    path = tmp_path / "fake-editor"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return str(path)


def test_editor_unchanged_skeleton_is_not_saved(reflect_home: Path, tmp_path: Path) -> None:
    editor = _fake_editor(tmp_path, "exit 0\n")
    child = spawn(reflect_home, "--editor", env_extra={"EDITOR": editor})
    child.expect_exact("not changed, so no entry was saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert entry_files(reflect_home) == []
    assert not list((reflect_home / ".drafts").glob("*")) if (reflect_home / ".drafts").exists() else True


def test_editor_changed_skeleton_is_saved(reflect_home: Path, tmp_path: Path) -> None:
    # Fill two sections: a scale under the energy heading, text under "What happened?".
    editor = _fake_editor(tmp_path, r"""python3 - "$1" <<'EOF'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("## How much energy did you have at the time?\n", "## How much energy did you have at the time?\n1\n", 1)
s = s.replace("## What happened?\n", "## What happened?\nSnapped at a student who asked a fair question.\n", 1)
s = s.replace("## Who was the encounter with? (a role, not a name)\n", "## Who was the encounter with? (a role, not a name)\nstudent nurse\n", 1)
s = s.rstrip("\n")
s = s[: s.rfind("no")] + "yes\n"
open(p, "w", encoding="utf-8").write(s)
EOF
""")
    child = spawn(reflect_home, "--editor", "-t", "bad-day-and-repair", env_extra={"VISUAL": editor})
    child.expect_exact("Saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [path] = entry_files(reflect_home)
    front, body = read_entry(path)
    assert front["energy"] == 1
    assert front["share"] is True
    assert front["encounter"]["who"] == "student nurse"
    assert front["title"] == "Snapped at a student who asked a fair question."
    assert "<!--" not in body
    assert "## What happened?\n\nSnapped at a student" in body
    assert "What did you say or do?" not in body  # empty sections are left out


@pytest.mark.parametrize("stdin", ["devnull", "closed"])
def test_no_terminal_gives_a_clear_error_not_a_hang(reflect_home: Path, stdin: str) -> None:
    import subprocess

    env = dict(os.environ, REFLECT_HOME=str(reflect_home), CI="true", NO_COLOR="1")
    if stdin == "devnull":
        result = subprocess.run([REFLECT_BIN, "new"], stdin=subprocess.DEVNULL, capture_output=True,
                                text=True, env=env, timeout=TIMEOUT)
    else:
        result = subprocess.run(["sh", "-c", f"'{REFLECT_BIN}' new <&-"], capture_output=True, text=True,
                                env=env, timeout=TIMEOUT)
    assert result.returncode == 2
    assert "interactive terminal" in result.stderr
    assert "Traceback" not in result.stderr
    assert entry_files(reflect_home) == []


def test_pasted_paragraphs_stay_in_one_answer(reflect_home: Path) -> None:
    child = spawn(reflect_home, "-t", "what-so-what-now-what")
    child.expect_exact("What? Describe")
    child.expect_exact("> ")
    child.send("Pasted first paragraph.\n\nPasted second paragraph.\n")  # arrives at once, like a paste
    child.expect_exact("Pasted second paragraph.\r\n  ")
    child.sendline("")  # a typed blank line still finishes the answer
    child.expect_exact("So what?")
    child.expect_exact("> ")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    [draft] = drafts(reflect_home)
    assert json.loads(draft.read_text())["answers"] == {
        "what_happened": "Pasted first paragraph.\n\nPasted second paragraph."}


def _leave_a_draft(home: Path) -> None:
    child = spawn(home, "-t", "gibbs")
    answer(child, "Description", "Left waiting.", "")
    child.expect_exact("Feelings")
    child.expect_exact("> ")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert len(drafts(home)) == 1


def test_new_offers_to_continue_a_waiting_draft(reflect_home: Path) -> None:
    _leave_a_draft(reflect_home)
    child = spawn(reflect_home)
    child.expect_exact("unfinished Gibbs' reflective cycle reflection")
    child.expect_exact("Continue it? [Y/n/d]")
    child.sendline("")
    child.expect_exact("Resuming")
    answer(child, "Feelings", "Calmer now.", "")
    for _ in range(7):  # six more questions, then the sharing question
        child.expect_exact("> ")
        child.sendline("")
    child.expect_exact("Saved")
    child.expect(pexpect.EOF)
    child.close()
    [path] = entry_files(reflect_home)
    _front, body = read_entry(path)
    assert "Left waiting." in body and "Calmer now." in body
    assert drafts(reflect_home) == []


def test_new_can_delete_a_waiting_draft_and_start_afresh(reflect_home: Path) -> None:
    _leave_a_draft(reflect_home)
    child = spawn(reflect_home)
    child.expect_exact("Continue it? [Y/n/d]")
    child.sendline("d")
    child.expect_exact("Draft deleted.")
    child.expect_exact("How much energy")  # the default template, from the start
    child.expect_exact("> ")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert drafts(reflect_home) == [] and entry_files(reflect_home) == []
