"""Core operations on a journal, free of CLI code: the commands call these and render the result."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)

from .errors import UsageError
from .store import JournalStore, Problem, new_id, pick, validate_ref

if TYPE_CHECKING:  # pragma: no cover - models (Pydantic) load only when an entry is built or read
    from .models import Entry

_INLINE_TAG = re.compile(r"(?<![\w@#&/])[@#]([A-Za-z][\w-]*[A-Za-z0-9_])")
_SENTENCE_END = re.compile(r"[.?!](?=\s|$)")


def inline_tags(text: str) -> list[str]:
    """@tags and #tags written in the text (jrnl and Obsidian style); Markdown headings are not tags."""
    return list(dict.fromkeys(m.group(1) for m in _INLINE_TAG.finditer(text)))


def split_title(text: str) -> tuple[str, str]:
    """jrnl's rule: the title is the first sentence (up to . ? ! and a space) or the first line."""
    stripped = text.strip()
    first_line, _, rest_lines = stripped.partition("\n")
    match = _SENTENCE_END.search(first_line)
    if match and match.end() < len(first_line):
        title = first_line[: match.end()]
        body = (first_line[match.end():].strip() + ("\n" + rest_lines if rest_lines else "")).strip()
        return title, body
    return first_line.strip(), rest_lines.strip()


class Selection:
    """Entries (models.Entry or indexread.Listed) and the files that could not be read."""

    __slots__ = ("entries", "problems")

    def __init__(self, entries: list, problems: list[Problem] | None = None) -> None:
        self.entries = entries
        self.problems = problems if problems is not None else []


class Journal:
    """A journal folder. The index, when present, only speeds up what the files already say."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.store = JournalStore(self.root)
        self._index = None       # reflect.index.Index once synced; None = not opened yet
        self._index_stale = True  # set after writes through this object, so the next read re-syncs

    # -- the index (derived, optional: every read falls back to the files) --------------------
    def index(self, walked=None):
        """The synced index, or None when the files must be read directly (encrypted, locked).
        `walked`: a walk of the files just made (indexread.walk_dirs), so a sync need not repeat it."""
        if self._index is not None and not self._index_stale:
            return self._index
        from . import index as index_mod

        if self._index is not None:
            try:
                self._index.sync(walked=walked)
                self._index_stale = False
                return self._index
            except Exception:  # noqa: BLE001 - fall through to a fresh open (repairs corruption)
                self._index.close()
                self._index = None
        self._index = index_mod.open_index(self, walked=walked)
        self._index_stale = False
        return self._index

    def _via_index(self, use, fallback, walked=None):
        import sqlite3

        idx = self.index(walked)
        if idx is None:
            return fallback()
        try:
            return use(idx)
        except sqlite3.DatabaseError:
            try:
                idx.destroy()
            except Exception:  # noqa: BLE001 - the files answer instead
                pass
            self._index = None
            return fallback()

    def _written(self) -> None:
        self._index_stale = True

    # -- writing -----------------------------------------------------------------------------
    def add(self, text: str, *, when: dt.datetime | None = None, tags: list[str] | None = None,
            share: bool = False, starred: bool = False, title: str | None = None,
            template: str | None = None, source: str | None = None, **fields) -> Entry:
        text = (text or "").strip("\n")
        if not text.strip() and not (title or "").strip() and not fields.get("encounter"):
            raise UsageError("The entry is empty, so nothing was saved.")
        created = (when or dt.datetime.now().astimezone()).replace(microsecond=0)
        if title is None:
            title, body = split_title(text)
        else:
            body = text
        all_tags = list(dict.fromkeys([*(tags or []), *inline_tags(f"{title}\n{body}")]))
        from .models import Entry

        entry = Entry(id=new_id(), created=created, updated=created, title=title, body=body + "\n",
                      tags=all_tags, share=share, starred=starred, template=template, source=source,
                      **fields)
        return self.save_new(entry)

    def save_new(self, entry: Entry) -> Entry:
        """Write one new file: O(1) in the journal's size (the next read picks it up in the index)."""
        self._written()
        return self.store.create(entry)

    def save(self, entry: Entry, *, touch: bool = True) -> Entry:
        if touch:
            entry.updated = dt.datetime.now().astimezone().replace(microsecond=0)
        self._written()
        return self.store.replace(entry)

    def set_share(self, refs: list[str], value: bool) -> list[Entry]:
        changed = []
        for ref in refs:
            entry = self.get(ref)
            if entry.share != value:
                entry.share = value
                self.save(entry)
            changed.append(entry)
        return changed

    # -- reading -----------------------------------------------------------------------------
    def scan(self) -> Selection:
        """Every entry (oldest first) and every problem file: from the index, else the files."""
        return self.select()

    def scan_files(self) -> Selection:
        entries, problems = self.store.scan()
        return Selection(entries, problems)

    def select(self, *, since: dt.date | None = None, until: dt.date | None = None,
               tags: list[str] | None = None, template: str | None = None,
               shared: bool | None = None, limit: int | None = None) -> Selection:
        """Entries in date order (oldest first), filtered; `limit` keeps the newest N."""
        filters = dict(since=since, until=until, tags=tags, template=template, shared=shared, limit=limit)
        return self._via_index(lambda idx: Selection(idx.select(**filters), idx.problems()),
                               lambda: self._select_files(**filters))

    def listing(self, *, since: dt.date | None = None, until: dt.date | None = None,
                tags: list[str] | None = None, template: str | None = None, shared: bool | None = None,
                limit: int | None = None, bodies: bool = True, walked=None) -> Selection:
        """Like select(), for showing: light index rows (indexread.Listed) when there is an index,
        entries read from the files otherwise. Both have the same attributes and as_json()."""
        filters = dict(since=since, until=until, tags=tags, template=template, shared=shared, limit=limit)
        return self._via_index(lambda idx: Selection(idx.listed(**filters, bodies=bodies), idx.problems()),
                               lambda: self._select_files(**filters), walked)

    def _select_files(self, *, since=None, until=None, tags=None, template=None, shared=None,
                      limit=None) -> Selection:
        everything = self.scan_files()
        return Selection(filter_entries(everything.entries, since=since, until=until, tags=tags,
                                        template=template, shared=shared, limit=limit),
                         everything.problems)

    def analysed(self, *, bodies: bool = True) -> list:
        """[(Entry, EntryAnalysis)] for every readable entry, oldest first (the summariser's input).

        Analyses are cached in the index per file version, so only new or changed entries are
        analysed again. bodies=False returns entries without their text (body ''), for callers
        that only need front matter and the analysis: about half the time and memory at 100,000
        entries. Files that could not be read are left in `self.last_problems` for the caller
        to warn about.
        """
        from .analysis import analyse

        def from_index(idx) -> list:
            import json

            from .analysis import EntryAnalysis

            pairs = idx.analysed(analyse, analysis_key(),
                                 lambda a: json.dumps(a.to_json(), ensure_ascii=False, separators=(",", ":")),
                                 lambda s: EntryAnalysis.from_json(json.loads(s)), bodies=bodies)
            self.last_problems = idx.problems()
            return pairs

        def from_files() -> list:
            everything = self.scan_files()
            self.last_problems = everything.problems
            return [(entry, analyse(entry)) for entry in everything.entries]

        return self._via_index(from_index, from_files)

    def get(self, ref: str) -> Entry:
        validate_ref(ref)
        return self._via_index(lambda idx: idx.get(ref), lambda: pick(self.scan_files().entries, ref))

    def tags(self) -> Counter:
        def from_files() -> Counter:
            counts: Counter = Counter()
            for entry in self.scan_files().entries:
                counts.update(entry.tags)
            return counts

        return self._via_index(lambda idx: idx.tags(), from_files)


def analysis_key() -> str:
    """ANALYSIS_VERSION plus the size and mtime of the analysis code and data files, so a cached
    analysis is never reused after the rules or lexicons change, even without a version bump."""
    import hashlib
    import os

    from .analysis import ANALYSIS_VERSION

    here = Path(__file__).resolve().parent
    stamps = []
    for folder in (here / "analysis", here / "data"):
        try:
            with os.scandir(folder) as it:
                for item in it:
                    if item.name.endswith((".py", ".toml", ".json", ".txt", ".yaml")):
                        info = item.stat()
                        stamps.append(f"{item.name}:{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            continue
    digest = hashlib.sha256("\n".join(sorted(stamps)).encode()).hexdigest()[:12]
    return f"{ANALYSIS_VERSION}-{digest}"


def filter_entries(entries: list[Entry], *, since: dt.date | None = None, until: dt.date | None = None,
                   tags: list[str] | None = None, template: str | None = None,
                   shared: bool | None = None, limit: int | None = None) -> list[Entry]:
    """The index's filters, applied to entries in memory (used when the files are read directly)."""
    wanted_tags = {t.lstrip("@#").lower() for t in tags or []}
    chosen = []
    for entry in entries:
        day = entry.created.date()
        if since and day < since:
            continue
        if until and day > until:
            continue
        if wanted_tags and not wanted_tags <= {t.lower() for t in entry.tags}:
            continue
        if template and entry.template != template:
            continue
        if shared is not None and entry.share != shared:
            continue
        chosen.append(entry)
    if limit is not None:
        chosen = chosen[-limit:] if limit > 0 else []
    return chosen


def open_journal(root: Path | None = None) -> Journal:
    from .paths import journal_root

    return Journal(root or journal_root())
