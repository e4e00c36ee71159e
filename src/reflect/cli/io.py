"""Moving journals in and out: import (jrnl text and JSON) and export (jrnl, JSON, Markdown)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from . import common


def import_(
    file: Path = typer.Argument(..., help="The file to import.", exists=False),
    fmt: str = typer.Option("jrnl", "--format", "-f", help="jrnl (plain-text journal) or jrnl-json (`jrnl --export json`)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Import entries from jrnl, keeping dates, titles, bodies, tags and stars.

    Entries already in the journal (same minute, title and text) are not imported twice.
    Anything that could not be imported is listed, never silently dropped.

    Examples:

      reflect import ~/journal.txt

      jrnl --export json > j.json && reflect import --format jrnl-json j.json
    """
    from ..importing import import_file
    from ..journal import open_journal
    from ..render.io import import_progress, imported

    with import_progress() as progress:
        result = import_file(open_journal(), file, fmt, progress=progress)
    imported(result, as_json=as_json)


def export(
    fmt: str = typer.Option("jrnl", "--format", "-f", help="jrnl (plain text jrnl reads), json (the `list --json` shape) or md (one Markdown document)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to this file (owner-only) instead of standard output."),
    force: bool = typer.Option(False, "--force", help="Replace the --out file if it exists."),
    since: Optional[str] = typer.Option(None, "--since", "-s", help="From this day (inclusive)."),
    until: Optional[str] = typer.Option(None, "--until", "-u", help="Up to this day (inclusive)."),
    tag: Optional[list[str]] = typer.Option(None, "--tag", "-t", help="Only entries with this tag (repeatable: all must match)."),
    template: Optional[str] = typer.Option(None, "--template", help="Only entries written with this template."),
    shared: Optional[bool] = typer.Option(None, "--shared/--private", help="Only shared, or only private, entries."),
    n: Optional[int] = typer.Option(None, "-n", help="Only the newest N."),
) -> None:
    """Export the whole journal, or a filtered part, oldest entry first.

    jrnl's format keeps dates (wall-clock time), titles, bodies, stars and tags, and real jrnl
    reads it back. Remember an export is a plain copy of private text: keep it somewhere safe.

    Examples:

      reflect export --format jrnl --out ~/journal.txt

      reflect export --format json --since 2026-01-01 > 2026.json

      reflect export --format md --tag supervision --out supervision.md
    """
    from ..exporting import export as run_export
    from ..journal import open_journal
    from ..render.io import exported

    start, end = common.period(since, until, None)
    result = run_export(open_journal(), fmt, out, force=force, since=start, until=end, tags=tag,
                        template=template, shared=shared, limit=n)
    exported(result)


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
    app.command()(export)
