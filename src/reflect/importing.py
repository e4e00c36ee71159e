"""Bringing other journals in: never lose text, report what was skipped, skip what is already here."""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .dates import local
from .errors import UsageError
from .journal import Journal, split_title

FORMATS = ("jrnl", "jrnl-json")


@dataclass
class ImportResult:
    source: str
    imported: int = 0
    duplicates: int = 0
    skipped: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)


def _fingerprint(created, title: str, body: str) -> str:
    minute = created if isinstance(created, str) else created.strftime("%Y-%m-%dT%H:%M")
    text = f"{minute[:16]}\n{title.strip()}\n{body.strip()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _existing(journal: Journal) -> set[str]:
    """Fingerprints of the entries already in the journal: one pass over the index, no files read."""
    import sqlite3

    idx = journal.index()
    if idx is not None:
        try:
            return {_fingerprint(created, title, body) for created, title, body in idx.conn.execute(
                "SELECT e.created, e.title, f.body FROM entries e CROSS JOIN fts f ON f.rowid = e.rowid WHERE e.dup = 0")}
        except sqlite3.DatabaseError:
            pass
    return {_fingerprint(e.created, e.title, e.body) for e in journal.scan_files().entries}


def import_file(journal: Journal, path: Path, fmt: str,
                progress: Callable[[int, int | None], None] | None = None) -> ImportResult:
    from .interop import jrnl

    if fmt not in FORMATS:
        raise UsageError(f"Unknown import format {fmt!r}. Formats: {', '.join(FORMATS)}.")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"No such file: {path}.") from None
    except OSError as exc:
        raise UsageError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8 text (bad byte at position {exc.start}).") from None
    report = jrnl.ParseReport()
    items = list(jrnl.iter_text(text.splitlines(), report) if fmt == "jrnl" else jrnl.parse_json(text, report))
    result = ImportResult(source=str(path))
    existing = _existing(journal)
    idx = journal.index()
    written: list = []
    total = len(items)
    from .fsutil import deferred_fsync

    # One fsync at the end instead of two per file (see fsutil.deferred_fsync); each file is
    # still created atomically. New entries go straight into the index, so nothing is re-read.
    with deferred_fsync():
        for number, item in enumerate(items, start=1):
            title, body = (item.title, item.body or "") if item.title is not None else split_title(item.text)
            created = local(item.date)
            key = _fingerprint(created, title, body)
            if key in existing:
                result.duplicates += 1
            elif not item.text.strip():
                result.skipped.append(f"{'line' if fmt == 'jrnl' else 'entry'} {item.line}: empty entry")
            else:
                entry = journal.add(body, title=title, when=created, tags=item.tags, starred=item.starred,
                                    source="jrnl")
                existing.add(key)
                result.imported += 1
                result.ids.append(entry.id)
                written.append(entry)
                if len(written) >= 2000:
                    _record(idx, written)
            if progress and (number % 100 == 0 or number == total):
                progress(number, total)
        _record(idx, written)
    result.skipped.extend(report.skipped)
    return result


def _record(idx, entries: list) -> None:
    """Put just-written entries into the index (best effort: the next sync would find them anyway)."""
    if idx is not None and entries:
        try:
            idx.record(entries)
        except Exception:  # noqa: BLE001 - the index is derived; the files are written
            pass
    entries.clear()
