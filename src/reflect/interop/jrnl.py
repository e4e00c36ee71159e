"""jrnl's formats, in and out: the plain-text journal and `jrnl --export json`.

Plain text: each entry starts on a line `[YYYY-MM-DD HH:MM] Title. Body…` (jrnl also writes
seconds and 12-hour times, depending on its `timeformat`); a starred entry's first line ends
in ` *`. The title is the first sentence or line. Dates are local wall-clock time, kept as written.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import UsageError

_START = re.compile(r"^\[(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)\][ \t]?(.*)$")
_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %I:%M %p", "%Y-%m-%d %I:%M:%S %p",
            "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %I:%M%p", "%Y-%m-%d %I:%M:%S%p")


@dataclass
class JrnlEntry:
    date: dt.datetime  # naive: local wall-clock time as written
    text: str          # title and body together, as jrnl holds them
    starred: bool = False
    line: int = 0
    tags: list[str] = field(default_factory=list)
    title: str | None = None  # given separately (JSON export): kept as given, not re-split
    body: str | None = None


@dataclass
class ParseReport:
    entries: list[JrnlEntry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def parse_date(blob: str) -> dt.datetime | None:
    blob = " ".join(blob.split())
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(blob, fmt)
        except ValueError:
            continue
    return None


def iter_text(lines: Iterable[str], report: ParseReport) -> Iterator[JrnlEntry]:
    """Entries from a jrnl plain-text journal, streamed; text before the first entry is reported."""
    current: JrnlEntry | None = None
    buffer: list[str] = []
    preamble: list[int] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        match = _START.match(line)
        date = parse_date(match.group(1)) if match else None
        if match and date is None:
            report.skipped.append(f"line {number}: date {match.group(1)!r} is not a real date; "
                                  "its text was kept in the entry before it")
        if date is not None:
            if current is not None:
                yield _finish(current, buffer)
            first = match.group(2)
            starred = False
            if first.endswith(" *") or first == "*":
                starred, first = True, first[:-1].rstrip()
            current, buffer = JrnlEntry(date=date, text="", starred=starred, line=number), [first]
            continue
        if current is None:
            if line.strip():
                preamble.append(number)
            continue
        buffer.append(line)
    if current is not None:
        yield _finish(current, buffer)
    if preamble:
        report.skipped.append(f"lines {preamble[0]}-{preamble[-1]}: text before the first dated entry "
                              "(not an entry; left in the source file)")


def _finish(entry: JrnlEntry, buffer: list[str]) -> JrnlEntry:
    while buffer and not buffer[-1].strip():
        buffer.pop()
    entry.text = "\n".join(buffer).strip()
    return entry


def parse_json(text: str, report: ParseReport) -> Iterator[JrnlEntry]:
    """Entries from `jrnl --export json`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"Not jrnl JSON: {exc.msg} at line {exc.lineno}.") from None
    items = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise UsageError("Not jrnl JSON: expected an object with an 'entries' list.")
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            report.skipped.append(f"entry {number}: not an object")
            continue
        date = parse_date(f"{item.get('date', '')} {item.get('time', '00:00')}")
        if date is None:
            report.skipped.append(f"entry {number}: unreadable date {item.get('date')!r} {item.get('time')!r}")
            continue
        title = str(item.get("title") or "").strip()
        body = str(item.get("body") or "").strip("\n")
        text = title + ((" " if title and body and "\n" not in body[:1] else "\n") + body if body else "")
        tags = [str(t).lstrip("@#") for t in item.get("tags") or []]
        yield JrnlEntry(date=date, text=text.strip(), starred=bool(item.get("starred")), line=number, tags=tags,
                        title=title if title else None, body=body.strip() if title else None)


def format_entry(date: dt.datetime, title: str, body: str, starred: bool = False,
                 timeformat: str = "%Y-%m-%d %H:%M") -> str:
    """One entry in jrnl's plain-text form (wall-clock time as written)."""
    head = f"[{date.strftime(timeformat)}] {title.strip()}"
    if starred:
        head += " *"
    body = body.strip("\n")
    return head + ("\n" + body if body else "") + "\n"
