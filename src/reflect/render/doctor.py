from __future__ import annotations

from rich.markup import escape

from . import console, print_json


def report(result, as_json: bool = False) -> None:
    if as_json:
        print_json({"root": str(result.root), "healthy": result.healthy, "entries": result.entries,
                    "problems": result.problems, "repaired": result.repaired, "notes": result.notes,
                    "reindexed": result.reindexed})
        return
    out = console()
    out.print(f"Journal: {escape(str(result.root))} — {result.entries} entries read")
    for line in result.repaired:
        out.print(f"[green]repaired[/green] {escape(line)}")
    for line in result.notes:
        out.print(f"[yellow]note[/yellow] {escape(line)}")
    for line in result.problems:
        out.print(f"[red]problem[/red] {escape(line)}")
    if result.reindexed is not None:
        out.print(f"Index rebuilt from {result.reindexed} entries.")
    if result.healthy:
        out.print("[green]Healthy.[/green]")
    else:
        out.print(f"[red]{len(result.problems)} problem(s).[/red] Files with problems are skipped by other "
                  "commands and never changed by reflect; fix or move them by hand.")
