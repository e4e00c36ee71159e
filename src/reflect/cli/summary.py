"""`reflect summary`, `reflect encounters`, `reflect resolve`: patterns over a period, and repair."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import typer

from . import common


def summary(
    since: Optional[str] = typer.Option(None, "--since", "-s", help="From this day (inclusive)."),
    until: Optional[str] = typer.Option(None, "--until", "-u", help="Up to this day (inclusive; default today)."),
    days: Optional[int] = typer.Option(None, "--days", "-d", help="The N days ending --until (default 28)."),
    evidence: bool = typer.Option(False, "--evidence", "-e", help="Show the words behind every signal."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole summary as JSON (see docs/summary-json.md)."),
) -> None:
    """Patterns you may want to reflect on or bring to supervision.

    Looks at burnout signals (with the words that raised them), difficult encounters and whether
    they were repaired, kindness given and received, and how regularly you have been writing.
    Nothing leaves this computer.

    Examples:

      reflect summary                       the last 28 days

      reflect summary --days 7 --evidence   this week, with the words behind each signal

      reflect summary --since 2026-01-01 --until 2026-03-31 --json
    """
    import gc

    collecting = gc.isenabled()
    gc.disable()  # many small objects, all needed to the end: collection only costs time
    try:
        _summary(since, until, days, as_json, evidence)
    finally:
        if collecting:  # run in-process (tests, a long-lived caller): leave the collector as found
            gc.enable()


def _summary(since, until, days, as_json: bool, evidence: bool) -> None:
    from ..journal import open_journal
    from ..render import print_json, problems
    from ..summary import summarise

    start, end = common.period(since, until, days, default_days=28)
    if end is None:
        from ..dates import now

        end = now().date()
    if start is None:
        start = end - dt.timedelta(days=27)
    if start > end:
        from ..errors import UsageError

        raise UsageError(f"--since ({start}) is after the end of the period ({end}).")
    journal = open_journal()
    # the terminal view shows no per-entry rows and, without --evidence, one quote per dimension:
    # leaving the rest out keeps a whole ten-year journal's summary small and quick
    result = summarise(journal, start, end, rows=as_json, all_evidence=as_json or evidence)
    problems(getattr(journal, "last_problems", []) or [])
    if as_json:
        print_json(result.model_dump(mode="json"))
        if result.crisis.present:
            from ..render.support import support_panel

            support_panel(stderr=True)
        return
    from ..render.summary import show_summary

    show_summary(result, evidence=evidence)


def encounters(
    open_only: bool = typer.Option(False, "--open", help="Only encounters not yet repaired."),
    until: Optional[str] = typer.Option(None, "--until", "-u", help="As things stood at the end of this day."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Difficult encounters, their age and whether they were repaired.

    Examples:

      reflect encounters            all of them, newest first

      reflect encounters --open     only the ones still open

      reflect resolve 3fa2c1d0 --how apologised --note "Rang her back, we're fine"
    """
    from ..encounters import list_encounters
    from ..journal import open_journal
    from ..render import print_json, problems

    journal = open_journal()
    items = list_encounters(journal, until=common.day(until), open_only=open_only)
    problems(getattr(journal, "last_problems", []) or [])
    if as_json:
        print_json([i.model_dump(mode="json") for i in items])
        return
    from ..render.summary import show_encounters

    show_encounters(items, open_only=open_only)


def resolve(
    ref: str = typer.Argument(..., help="The entry holding the encounter (id, id prefix, or 'latest')."),
    how: str = typer.Option("followed-up", "--how", help="apologised | followed-up | cleared-the-air | let-go"),
    note: Optional[str] = typer.Option(None, "--note", "-m", help="A line about what happened."),
    date: Optional[str] = typer.Option(None, "--date", help="When it was repaired (default now)."),
) -> None:
    """Record that a difficult encounter was repaired (or let go). Always wins over inference.

    Writes a short follow-up entry (follow_up_of the original) and marks the original's
    encounter as repaired / let-go, with resolved_by pointing at the follow-up.

    Examples:

      reflect resolve 3fa2c1d0 --how apologised

      reflect resolve latest --how let-go --note "Talked it through in supervision; leaving it there"
    """
    from ..encounters import resolve_encounter
    from ..journal import open_journal
    from ..render.summary import show_resolved

    original, follow = resolve_encounter(open_journal(), ref, how=how, note=note, when=common.moment(date))
    show_resolved(original, follow)


def register(app: typer.Typer) -> None:
    app.command("summary")(summary)
    app.command("encounters")(encounters)
    app.command("resolve")(resolve)
