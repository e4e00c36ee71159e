"""Entries as tables and pages."""
from __future__ import annotations

from rich.markup import escape

from ..models import Entry
from . import console


def _flags(entry: Entry) -> str:
    marks = []
    if entry.starred:
        marks.append("*")
    if entry.share:
        marks.append("shared")
    if entry.encounter and not entry.encounter.closed:
        marks.append(f"encounter: {entry.encounter.status}")
    return ", ".join(marks)


def entry_table(entries: list[Entry], *, title: str | None = None) -> None:
    from rich.table import Table

    out = console()
    if not entries:
        out.print("[dim]No entries match.[/dim]")
        return
    table = Table(title=title, box=None, pad_edge=False, header_style="bold")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("title", overflow="fold")
    table.add_column("tags", style="magenta")
    table.add_column("", style="dim")
    for e in entries:
        table.add_row(e.id, e.created.strftime("%a %d %b %Y %H:%M"), escape(e.title or "(untitled)"),
                      escape(" ".join(f"@{t}" for t in e.tags)), _flags(e))
    out.print(table)


def entry_page(entry: Entry) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel

    out = console()
    meta = [f"[cyan]{entry.id}[/cyan]", entry.created.strftime("%A %d %B %Y, %H:%M")]
    if entry.template:
        meta.append(f"template: {escape(entry.template)}")
    if entry.tags:
        meta.append(escape(" ".join(f"@{t}" for t in entry.tags)))
    if entry.energy:
        meta.append(f"energy {entry.energy}/5")
    if entry.mood:
        meta.append(f"mood {entry.mood}/5")
    meta.append("shared in digests" if entry.share else "private")
    if entry.encounter:
        who = f" with {entry.encounter.who}" if entry.encounter.who else ""
        meta.append(f"encounter{escape(who)}: {entry.encounter.status}")
    out.print(Panel(Markdown(entry.body or ""), title=escape(entry.title or "(untitled)"),
                    subtitle=" · ".join(meta), subtitle_align="left", expand=True))
    if entry.path:
        out.print(f"[dim]{escape(str(entry.path))}[/dim]")


def saved(entry: Entry) -> None:
    out = console()
    where = " (shared in digests)" if entry.share else ""
    out.print(f"Saved [cyan]{entry.id}[/cyan] {escape(entry.title)}{where}")
    if entry.path:
        out.print(f"[dim]{escape(str(entry.path))}[/dim]")


def edited(result) -> None:
    out = console()
    if result.changed:
        out.print(f"Updated [cyan]{result.entry.id}[/cyan] {escape(result.entry.title)}")
    else:
        out.print("No changes.")
