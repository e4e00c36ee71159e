"""Entries as tables and pages."""
from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing

from . import console
from .plain import Painter, clean

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Entry


def _flags(entry) -> str:
    """Three narrow marks: * starred, s shared in digests, o an encounter still open."""
    return ("*" if entry.starred else " ") + ("s" if entry.share else " ") + ("o" if entry.encounter_open else " ")


def _clip(text: str, width: int) -> str:
    text = " ".join(clean(text).split())
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip() + "…"


def entry_table(entries: list, *, title: str | None = None) -> None:
    """One line per entry, so a long list stays scannable; `reflect show ID` has the rest.

    `entries` are models.Entry or indexread.Listed rows (same attributes). Printed without Rich.
    """
    out = Painter()
    if not entries:
        out.line(out("No entries match.", "dim"))
        return
    id_w = max(len(e.id) for e in entries)
    room = max(out.width - id_w - 21 - 3 - 8, 30)  # what the title and tags share
    tag_limit = max(10, min(24, room // 3))
    tags = [_clip(" ".join(f"@{t}" for t in e.tags), tag_limit) for e in entries]
    tags_w = max(len(t) for t in tags)
    title_w = max(16, room - tags_w)
    if title:
        out.line(out(clean(title), "bold"))
    out.line(out(f"{'id':<{id_w}}  {'date':<21}  {'':3} {'title':<{title_w}}  tags", "bold"))
    flagged = False
    for entry, tag_text in zip(entries, tags):
        flags = _flags(entry)
        flagged = flagged or bool(flags.strip())
        out.line(out(f"{entry.id:<{id_w}}", "cyan"), f"  {entry.created.strftime('%a %d %b %Y %H:%M')}  ",
                 out(flags, "yellow"), f" {_clip(entry.title or '(untitled)', title_w):<{title_w}}  ",
                 out(tag_text, "magenta"))
    if flagged:
        out.line(out("* starred  s shared in digests  o encounter still open", "dim"))


def entry_page(entry: Entry) -> None:
    from rich.markup import escape
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
    out = Painter()
    where = " (shared in digests)" if entry.share else ""
    out.line("Saved ", out(entry.id, "cyan"), f" {clean(entry.title)}{where}")
    if entry.path:
        out.line(out(clean(str(entry.path)), "dim"))


def added(entry: Entry, *, as_json: bool = False, crisis: bool = False) -> None:
    """After `add`: the saved entry, and a calm pointer to support when it holds crisis language."""
    if as_json:
        from . import print_json

        print_json(entry.as_json())
    else:
        saved(entry)
    if crisis:
        from .support import support_panel

        support_panel()


def edited(result) -> None:
    from rich.markup import escape

    out = console()
    if result.changed:
        out.print(f"Updated [cyan]{result.entry.id}[/cyan] {escape(result.entry.title)}")
    else:
        out.print("No changes.")
