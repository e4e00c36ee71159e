"""Entries as tables and pages."""
from __future__ import annotations

from rich.markup import escape

from ..models import Entry
from . import console


def _flags(entry: Entry) -> str:
    """Three narrow marks: * starred, s shared in digests, o an encounter still open."""
    return ("*" if entry.starred else " ") + ("s" if entry.share else " ") + \
        ("o" if entry.encounter and not entry.encounter.closed else " ")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip() + "…"


def entry_table(entries: list[Entry], *, title: str | None = None) -> None:
    """One line per entry, so a long list stays scannable; `reflect show ID` has the rest."""
    from rich.text import Text

    out = console()
    if not entries:
        out.print("[dim]No entries match.[/dim]")
        return
    id_w = max(len(e.id) for e in entries)
    room = max(out.width - id_w - 21 - 3 - 8, 30)  # what the title and tags share
    tag_limit = max(10, min(24, room // 3))
    tags = [_clip(" ".join(f"@{t}" for t in e.tags), tag_limit) for e in entries]
    tags_w = max(len(t) for t in tags)
    title_w = max(16, room - tags_w)
    if title:
        out.print(Text(title, style="bold"))
    out.print(Text(f"{'id':<{id_w}}  {'date':<21}  {'':3} {'title':<{title_w}}  tags", style="bold"), soft_wrap=True)
    for entry, tag_text in zip(entries, tags):
        line = Text()
        line.append(f"{entry.id:<{id_w}}", style="cyan")
        line.append(f"  {entry.created.strftime('%a %d %b %Y %H:%M')}  ")
        line.append(_flags(entry), style="yellow")
        line.append(f" {_clip(entry.title or '(untitled)', title_w):<{title_w}}  ")
        line.append(tag_text, style="magenta")
        out.print(line, soft_wrap=True, no_wrap=True, overflow="ignore")
    if any(_flags(e).strip() for e in entries):
        out.print(Text("* starred  s shared in digests  o encounter still open", style="dim"))


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
        out.print(f"[dim]{escape(str(entry.path))}[/dim]", soft_wrap=True)


def saved(entry: Entry) -> None:
    out = console()
    where = " (shared in digests)" if entry.share else ""
    out.print(f"Saved [cyan]{entry.id}[/cyan] {escape(entry.title)}{where}")
    if entry.path:
        out.print(f"[dim]{escape(str(entry.path))}[/dim]", soft_wrap=True)


def edited(result) -> None:
    out = console()
    if result.changed:
        out.print(f"Updated [cyan]{result.entry.id}[/cyan] {escape(result.entry.title)}")
    else:
        out.print("No changes.")
