"""Encounters over the whole journal (list with age and status) and explicit repair (`resolve`)."""
from __future__ import annotations

import datetime as dt

from .errors import UsageError
from .models import Encounter

HOWS = ("apologised", "followed-up", "cleared-the-air", "let-go")
_HOW_WORDS = {
    "apologised": "Apologised",
    "followed-up": "Followed it up",
    "cleared-the-air": "Cleared the air",
    "let-go": "Decided to let it go",
}


def list_encounters(journal, *, until: dt.date | None = None, open_only: bool = False, progress=True):
    """EncounterItems (newest first) as things stood at the end of `until` (default today).

    Reads only the entries that can take part in linking (summary_source.relevant), as slim
    rows with their cached analyses, never the whole journal's text."""
    import sqlite3

    from .dates import now
    from .summary_source import Facts

    end = until or now().date()
    facts = Facts(journal, progress=progress)
    try:
        items = _items(facts, end, open_only)
    except sqlite3.DatabaseError:
        facts.forget_index()  # damaged: derived data, rebuilt by the next command
        facts = Facts(journal, progress=progress, use_index=False)
        items = _items(facts, end, open_only)
    journal.last_problems = facts.problems
    return items


def _items(facts, end: dt.date, open_only: bool):
    from .summary import _encounter_item, _Linker

    linker = _Linker(lambda ref: facts.find(ref))
    # everything after `end` comes too, so the walk stops where a date-ordered walk would
    for row, d in facts.rows(full_from=end + dt.timedelta(days=1)):
        if row.day > end:
            break
        linker.take(row, d)
    items = []
    for rec in linker.encs.values():
        rb = rec["resolved_by"]
        done = rb is not None and rb.created.date() <= end
        if open_only and done:
            continue
        items.append(_encounter_item(rec, end, done))
    items.sort(key=lambda i: i.date, reverse=True)
    return items


def resolve_encounter(journal, ref: str, *, how: str = "followed-up", note: str | None = None,
                      when: dt.datetime | None = None):
    """Write a follow-up entry and close the original's encounter. Returns (original, follow-up)."""
    if how not in HOWS:
        raise UsageError(f"--how must be one of: {', '.join(HOWS)}.")
    original = journal.get(ref)
    when = when or dt.datetime.now().astimezone().replace(microsecond=0)
    if when < original.created:
        raise UsageError("The repair can't be dated before the encounter it resolves.")
    title = f"{_HOW_WORDS[how]}: follow-up to \u201c{original.title or original.id}\u201d."
    text = note.strip() if note and note.strip() else ""
    follow = journal.add(text or "(recorded with reflect resolve)", when=when, title=title,
                         follow_up_of=original.id)
    enc = original.encounter or Encounter()
    enc.status = "let-go" if how == "let-go" else "repaired"
    enc.resolved_by = follow.id
    enc.how = how
    if note and not enc.note:
        enc.note = note.strip()
    original.encounter = enc
    journal.save(original)
    return original, follow
