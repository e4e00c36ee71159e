"""Moving journals in and out: import (jrnl text and JSON)."""
from __future__ import annotations

from pathlib import Path

import typer


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


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
