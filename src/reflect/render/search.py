"""Search results: each entry's heading, then its matching lines with the matches highlighted.

Printed without Rich (see render/plain.py): `search` is one of the commands that must start fast.
"""
from __future__ import annotations

from . import print_json, warn
from .plain import Painter, clean

MAX_LINES = 4


def results(result, *, as_json: bool = False) -> None:
    if result.query.ignored:
        warn(f"ignored (no letters or digits): {' '.join(result.query.ignored)}")
    if as_json:
        print_json([hit.as_json() for hit in result.hits])
        return
    out = Painter()
    if not result.hits:
        out.line(out("No entries match.", "dim"))
        return
    for hit in result.hits:
        e = hit.entry
        title_match = next((m for m in hit.matches if m.field == "title"), None)
        head = [out(e.id, "cyan"), "  " + e.created.strftime("%a %d %b %Y %H:%M") + "  ",
                out.spans(clean(e.title or "(untitled)"), title_match.spans if title_match else [])]
        if e.tags:
            head.append("  " + out(" ".join(f"@{t}" for t in e.tags), "magenta"))
        out.line(*head)
        body_lines = [m for m in hit.matches if m.field == "body"]
        for match in body_lines[:MAX_LINES]:
            out.line(out(f"  {match.line:>4} │ ", "dim"), out.spans(clean(match.text), match.spans))
        if len(body_lines) > MAX_LINES:
            out.line(out(f"         … {len(body_lines) - MAX_LINES} more matching lines (reflect show {e.id})", "dim"))
    noun = "entry" if len(result.hits) == 1 else "entries"
    out.line(out(f"{len(result.hits)} {noun} match.", "dim"))
