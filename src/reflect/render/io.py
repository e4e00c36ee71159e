from __future__ import annotations

import contextlib
import sys

from rich.markup import escape

from . import console, print_json, warn


@contextlib.contextmanager
def task_progress(label: str):
    """A progress bar on a terminal (stderr) yielding update(done, total); None when output is piped."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def import_progress():
    return task_progress("importing")


def imported(result, as_json: bool = False) -> None:
    if as_json:
        print_json({"source": result.source, "imported": result.imported, "duplicates": result.duplicates,
                    "skipped": result.skipped, "ids": result.ids})
        return
    out = console()
    out.print(f"Imported {result.imported} entries from {escape(result.source)}.")
    if result.duplicates:
        out.print(f"[dim]{result.duplicates} already in the journal; not imported twice.[/dim]")
    for line in result.skipped:
        warn(f"not imported: {line}")


def exported(result) -> None:
    """Problems and a one-line receipt go to standard error, so an export on stdout stays clean."""
    from . import problems

    problems(result.problems)
    if result.out:
        noun = "entry" if result.count == 1 else "entries"
        console(stderr=True).print(f"Exported {result.count} {noun} as {result.fmt} to {escape(result.out)}.")
