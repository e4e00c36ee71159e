"""Search results: each entry's heading, then its matching lines with the matches highlighted."""
from __future__ import annotations

from rich.markup import escape
from rich.text import Text

from . import console, print_json, warn

MAX_LINES = 4


def _highlighted(text: str, spans) -> Text:
    line = Text(text)
    for start, end in spans:
        line.stylize("bold reverse", start, end)
    return line


def results(result, *, as_json: bool = False) -> None:
    if result.query.ignored:
        warn(f"ignored (no letters or digits): {' '.join(result.query.ignored)}")
    if as_json:
        print_json([hit.as_json() for hit in result.hits])
        return
    out = console()
    if not result.hits:
        out.print("[dim]No entries match.[/dim]")
        return
    for hit in result.hits:
        e = hit.entry
        head = Text()
        head.append(e.id, style="cyan")
        head.append("  " + e.created.strftime("%a %d %b %Y %H:%M") + "  ")
        title_match = next((m for m in hit.matches if m.field == "title"), None)
        head.append_text(_highlighted(e.title or "(untitled)", title_match.spans if title_match else []))
        if e.tags:
            head.append("  " + " ".join(f"@{t}" for t in e.tags), style="magenta")
        out.print(head)
        body_lines = [m for m in hit.matches if m.field == "body"]
        for match in body_lines[:MAX_LINES]:
            line = Text(f"  {match.line:>4} │ ", style="dim")
            line.append_text(_highlighted(match.text, match.spans))
            out.print(line, overflow="fold")
        if len(body_lines) > MAX_LINES:
            out.print(f"[dim]         … {len(body_lines) - MAX_LINES} more matching lines "
                      f"(reflect show {escape(e.id)})[/dim]")
    noun = "entry" if len(result.hits) == 1 else "entries"
    out.print(f"[dim]{len(result.hits)} {noun} match.[/dim]")
