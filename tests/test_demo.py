"""`reflect demo`: a sample journal in its own folder; the user's journal is never touched."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from reflect import frontmatter


def read_all(root: Path):
    return sorted((frontmatter.parse(p.read_bytes(), p) for p in (root / "entries").rglob("*.md")),
                  key=lambda e: e.created)


def test_demo_writes_a_sample_and_leaves_the_users_journal_alone(cli, tmp_path: Path, reflect_home: Path) -> None:
    target = tmp_path / "sample"
    result = cli("demo", "--dir", str(target))
    assert result.exit_code == 0, result.stderr
    assert not reflect_home.exists()  # the user's journal (REFLECT_HOME) was never created
    assert os.environ["REFLECT_HOME"] == str(reflect_home)  # and the environment is restored

    entries = read_all(target)
    assert 10 <= len(entries) <= 20
    span = (entries[-1].created.date() - entries[0].created.date()).days
    assert 14 <= span <= 27  # a few weeks, inside the default 28-day window
    assert entries[-1].created.date() <= dt.date.today()
    assert {"end-of-day", "bad-day-and-repair", "kindness-and-compassion", "gibbs"} <= {e.template for e in entries}
    assert sum(e.share for e in entries) >= 2
    assert sum(e.energy is not None for e in entries) >= 8
    assert min(e.energy for e in entries if e.energy) <= 2  # a dip

    bad_day = next(e for e in entries if e.template == "bad-day-and-repair")
    follow_up = next(e for e in entries if e.follow_up_of == bad_day.id)
    assert bad_day.encounter.status == "repaired" and bad_day.encounter.resolved_by == follow_up.id
    assert any(e.encounter and e.encounter.status == "open" for e in entries)

    from reflect.templates import answers_by_role

    roles: dict[str, int] = {}
    for e in entries:
        for role in answers_by_role(e):
            roles[role] = roles.get(role, 0) + 1
    for role in ("kindness_given", "kindness_received", "learned", "do_differently", "supervision"):
        assert roles.get(role), role

    out = result.stdout
    # Every part of the tour ran (summary and digest too, when this build has them).
    assert "carries on" not in result.stderr and "could not run" not in result.stderr
    from reflect.cli.demo import _available

    if _available("digest"):
        assert "Supervision digest" in out and (target / "supervision-digest.md").exists()
        digest = (target / "supervision-digest.md").read_text()
        assert "Brennan" not in digest  # the one name in a shared entry is removed
        private = next(e for e in entries if not e.share and e.template == "self-compassion")
        from reflect.templates import sections

        for pid, _heading, text in sections(private):
            if pid in ("inner_voice", "heroic", "kind_words"):
                assert text not in digest, pid  # unshared words never reach the digest
    if _available("summary"):
        assert "reflect summary" in out
    assert bad_day.id in out  # `show` of the bad day
    assert "What did you say or do?" in out
    assert "reflect new" in out and str(target) in out.replace("\n", "")


def test_demo_default_folder_is_temporary_and_can_be_removed(cli, reflect_home: Path) -> None:
    result = cli("demo", "--remove")
    assert result.exit_code == 0, result.stderr
    assert "deleted" in result.stdout
    assert not reflect_home.exists()


def test_demo_refuses_a_folder_with_things_in_it(cli, tmp_path: Path) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    result = cli("demo", "--dir", str(busy))
    assert result.exit_code == 2 and "not an empty folder" in result.stderr
    assert sorted(p.name for p in busy.iterdir()) == ["notes.txt"]


def test_demo_refuses_the_users_own_journal(cli, reflect_home: Path) -> None:
    reflect_home.mkdir(parents=True)
    result = cli("demo", "--dir", str(reflect_home))
    assert result.exit_code == 2 and "own journal" in result.stderr


def test_demo_skips_summary_and_digest_when_they_are_missing(cli, tmp_path: Path, monkeypatch) -> None:
    from reflect.cli import demo as demo_cli

    monkeypatch.setattr(demo_cli, "_available", lambda module: False)
    result = cli("demo", "--dir", str(tmp_path / "s"))
    assert result.exit_code == 0
    assert "reflect digest" not in result.stdout and "reflect summary" not in result.stdout
    assert "reflect new" in result.stdout


def test_a_failing_part_of_the_tour_does_not_end_it(cli, tmp_path: Path, monkeypatch) -> None:
    from reflect.cli import demo as demo_cli

    real_run = demo_cli._run

    def flaky(args):
        if args[0] == "show":
            raise_args = ["no-such-command"]
            return real_run(raise_args)
        return real_run(args)

    monkeypatch.setattr(demo_cli, "_run", flaky)
    result = cli("demo", "--dir", str(tmp_path / "s"))
    assert result.exit_code == 0
    assert "the demo carries on" in result.stderr or "skipped" in result.stderr
    assert "reflect new" in result.stdout


@pytest.mark.parametrize("today", [dt.date(2026, 1, 3), dt.date(2028, 2, 29)])
def test_sample_journal_on_any_day(tmp_path: Path, today: dt.date, monkeypatch) -> None:
    from reflect.demo import isolated_home, write_demo_journal

    root = tmp_path / "j"
    with isolated_home(root):
        entries = write_demo_journal(root, today=today)
    assert max(e.created.date() for e in entries) == today - dt.timedelta(days=1)
    assert all(e.path.is_relative_to(root) for e in entries)
    assert (root / "config.toml").exists()
