"""Taking a journal out: jrnl's plain text, JSON (the `list --json` shape) or one Markdown document.

Entries are streamed oldest first from the index (or the files), so a 100,000-entry export never
holds the whole journal in memory. Written to a file, the export is created owner-only and
appears whole or not at all (temp file + rename).
"""
from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .errors import StorageError, UsageError
from .models import Entry

if TYPE_CHECKING:  # pragma: no cover
    from .journal import Journal
    from .store import Problem

FORMATS = ("jrnl", "json", "md")
JRNL_TIMEFORMAT = "%Y-%m-%d %H:%M"
# jrnl starts a new entry at any line beginning "[something] ": such body lines get one leading space.
_JRNL_ENTRY_START = re.compile(r"^\[[^\]\n]+\] ", re.MULTILINE)
_TAG = re.compile(r"(?<![\w@#&/])[@#]([A-Za-z][\w-]*[A-Za-z0-9_])")


@dataclass
class ExportResult:
    fmt: str
    count: int = 0
    out: str | None = None
    problems: list[Problem] = field(default_factory=list)


def jrnl_entry(entry: Entry) -> str:
    """One entry as jrnl writes it: `[YYYY-MM-DD HH:MM] Title` (+ ` *` when starred), then the body.

    The time is the entry's own wall-clock time. Tags given with --tag but not written as @tags in
    the text are added as a last line of @tags, so jrnl (and a later import) still sees them.
    """
    from .interop.jrnl import format_entry

    title, body = (entry.title or "").strip(), (entry.body or "").strip("\n")
    if not title:
        from .journal import split_title

        title, body = split_title(body)
    written = {t.lower() for t in _TAG.findall(f"{title}\n{body}")}
    missing = [t for t in entry.tags if t.lower() not in written and re.fullmatch(r"[A-Za-z][\w-]*[A-Za-z0-9_]", t)]
    if missing:
        body = (body + "\n\n" if body else "") + " ".join(f"@{t}" for t in missing)
    body = _JRNL_ENTRY_START.sub(lambda m: " " + m.group(0), body)
    naive = entry.created.replace(tzinfo=None)
    return format_entry(naive, title, body, starred=entry.starred, timeformat=JRNL_TIMEFORMAT)


def md_entry(entry: Entry) -> str:
    when = entry.created.strftime("%A %d %B %Y, %H:%M")
    meta = [when, f"`{entry.id}`"]
    if entry.tags:
        meta.append(" ".join(f"@{t}" for t in entry.tags))
    if entry.template:
        meta.append(f"template: {entry.template}")
    if entry.starred:
        meta.append("starred")
    if entry.encounter:
        who = f" with {entry.encounter.who}" if entry.encounter.who else ""
        meta.append(f"encounter{who}: {entry.encounter.status}")
    title = (entry.title or "").strip() or entry.created.strftime("%d %B %Y")
    body = (entry.body or "").strip("\n")
    return f"## {title}\n\n*{' · '.join(meta)}*\n\n" + (body + "\n\n" if body else "")


def write(fmt: str, entries: Iterable[Entry], out: TextIO) -> int:
    count = 0
    if fmt == "jrnl":
        for entry in entries:
            out.write(("\n" if count else "") + jrnl_entry(entry))
            count += 1
    elif fmt == "json":
        out.write("[")
        for entry in entries:
            item = json.dumps(entry.as_json(), ensure_ascii=False, indent=2, default=str)
            out.write(("," if count else "") + "\n  " + item.replace("\n", "\n  "))
            count += 1
        out.write("\n]\n" if count else "]\n")
    elif fmt == "md":
        out.write("# Reflections\n\n")
        for entry in entries:
            out.write(md_entry(entry))
            count += 1
    else:
        raise UsageError(f"Unknown export format {fmt!r}. Formats: {', '.join(FORMATS)}.")
    return count


@contextmanager
def _output(path: Path | None, force: bool) -> Iterator[TextIO]:
    if path is None:
        try:
            yield sys.stdout
            sys.stdout.flush()
        except BrokenPipeError:  # `reflect export | head`: the reader has gone; stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return
    path = Path(path).expanduser()
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; choose another --out or add --force to replace it.")
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name with --out.")
    folder = path.parent if str(path.parent) else Path(".")
    from .fsutil import temp_name

    tmp = folder / temp_name()
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise StorageError(f"Cannot write in {folder}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def export(journal: Journal, fmt: str, out: Path | None = None, *, force: bool = False,
           **filters) -> ExportResult:
    """Write the entries selected by `filters` (those of Journal.select) in `fmt`."""
    if fmt not in FORMATS:
        raise UsageError(f"Unknown export format {fmt!r}. Formats: {', '.join(FORMATS)}.")
    idx = journal.index()
    if idx is not None:
        entries: Iterable[Entry] = idx.iter_entries(**filters)
        problems = idx.problems()
    else:
        selection = journal._select_files(**filters)
        entries, problems = selection.entries, selection.problems
    result = ExportResult(fmt=fmt, out=str(out) if out else None, problems=problems)
    with _output(out, force) as handle:
        result.count = write(fmt, entries, handle)
    return result
