"""Where the summariser's per-entry facts come from: the index, streamed, or the files.

`summary` and `encounters` need, per entry, a few front-matter fields and the cached analysis,
never the text. Reading them as full Entry models plus EntryAnalysis objects for a ten-year
journal cost ~9 KB and ~100 us per entry (900 MB at 100,000 entries), so this module streams
slim rows straight from the index instead: `Row` (what the summariser reads of an entry) and
the analysis as the dict its cached JSON holds. Entries whose analysis is missing or stale are
analysed on the way (their text is read from the index one at a time) and the results cached,
with a progress bar on a terminal when there are many.

Entries before `full_from` are only yielded when they can matter to linking encounters and
repairs: see RELEVANT_SQL and `relevant()` (the two must agree; a linking rule that reads
other fields of older entries must widen both). Without an index (encrypted journal,
REFLECT_NO_INDEX) everything comes from the files, unfiltered.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

# SQL over the index's `entries e`: a superset of the entries `relevant()` accepts (an '@' name in
# the analysis' people is found by its JSON spelling, "@...). Unreadable JSON counts as relevant
# (and is analysed again when read).
RELEVANT_SQL = ("(e.encounter IS NOT NULL OR e.follow_up_of IS NOT NULL OR CASE WHEN json_valid(e.analysis)"
                " THEN json_extract(e.analysis, '$.encounter_score') >= 2"
                " OR json_array_length(e.analysis, '$.repair') > 0"
                " OR instr(json_extract(e.analysis, '$.people'), '\"@') > 0 ELSE 1 END)")
SHOW_PROGRESS_FROM = 300     # entries to analyse before a progress bar is worth showing
_STORE_EVERY = 2000          # fresh analyses are written in batches (kept even if interrupted)


class Row:
    """The part of an Entry the summariser reads (same attribute names), without its text."""

    __slots__ = ("id", "created", "iso", "day", "title", "energy", "encounter", "follow_up_of")

    def __init__(self, id, created, iso, day, title, energy, encounter, follow_up_of) -> None:  # noqa: A002
        self.id = id
        self.created = created        # aware datetime
        self.iso = iso                # created.isoformat()
        self.day = day                # created.date()
        self.title = title
        self.energy = energy
        self.encounter = encounter    # models.Encounter or None
        self.follow_up_of = follow_up_of

    @classmethod
    def of(cls, entry) -> Row:
        created = entry.created
        return cls(entry.id, created, created.isoformat(), created.date(), entry.title, entry.energy,
                   entry.encounter, entry.follow_up_of)


def person_names(d: dict) -> list[str]:
    """The '@' names among an analysis' people (names written mid-sentence)."""
    return [p for p in d.get("people", ()) if p.startswith("@")]


def relevant(row: Row, d: dict) -> bool:
    """Can this entry matter to linking when it lies before the period? (see RELEVANT_SQL)"""
    return bool(row.encounter is not None or row.follow_up_of or d.get("encounter_score", 0) >= 2
                or d.get("repair") or person_names(d))


def analysis_json(analysis) -> str:
    """The cached form of an EntryAnalysis (as Journal.analysed stores it)."""
    return json.dumps(analysis.to_json(), ensure_ascii=False, separators=(",", ":"))


class Facts:
    """Slim rows and analyses for one journal, from its index when it has one."""

    def __init__(self, journal, *, progress: bool | Callable[[int, int | None], None] = True,
                 use_index: bool = True) -> None:
        self.journal = journal
        self.progress = progress
        self.use_index = use_index
        self.problems: list = []
        self._pairs: list | None = None      # the files' [(Row, dict)] when there is no index
        self._by_id: dict = {}                # until -> {id: Row}, for find() without an index

    # -- entry points ----------------------------------------------------------------------------
    def rows(self, *, until: dt.date | None = None, full_from: dt.date | None = None
             ) -> Iterator[tuple[Row, dict]]:
        """(Row, analysis dict) oldest first, up to `until` (inclusive; None = all). Entries
        dated before `full_from` only when `relevant()`; None = only relevant entries at all.

        May raise sqlite3.DatabaseError (a damaged index): callers start again with
        `Facts(journal, use_index=False)` after `forget_index()`."""
        idx = self._index()
        if idx is not None:
            self.problems = idx.problems()
            yield from self._from_index(idx, until, full_from)
            return
        for row, d in self._file_pairs():
            if until is not None and row.day > until:
                continue
            if full_from is not None and row.day >= full_from or relevant(row, d):
                yield row, d

    def forget_index(self) -> None:
        """After a DatabaseError: delete the (derived) index; the next command rebuilds it."""
        idx, self.journal._index = self.journal._index, None
        if idx is not None:
            try:
                idx.destroy()
            except Exception:  # noqa: BLE001 - the files answer instead
                pass

    def _index(self):
        if not self.use_index:
            return None
        return self.journal.index()

    def find(self, entry_id: str, until: dt.date | None = None) -> Row | None:
        """The entry with this id (dated up to `until`), or None."""
        if self._pairs is None:
            idx = self._index()
            if idx is not None:
                where, args = idx.where(None, until, None, None, None)
                got = idx.conn.execute(
                    f"SELECT e.id, e.created, e.title, e.energy, e.encounter, e.follow_up_of FROM entries e"
                    f" WHERE {where} AND e.id = ? ORDER BY e.created_ts, e.id", [*args, entry_id]).fetchall()
                if not got:
                    return None
                id_, created, title, energy, encounter, follow_up_of = got[-1]
                return _row(id_, created, title, energy, _encounter(encounter) if encounter else None,
                            follow_up_of)
        by_id = self._by_id.get(until)
        if by_id is None:   # the last of an id wins, as {e.id: e for e in entries} would have it
            by_id = self._by_id[until] = {row.id: row for row, _ in self._file_pairs()
                                          if until is None or row.day <= until}
        return by_id.get(entry_id)

    # -- the index --------------------------------------------------------------------------------
    def _from_index(self, idx, until, full_from) -> Iterator[tuple[Row, dict]]:
        from .journal import analysis_key

        key = analysis_key()
        where, args = idx.where(None, until, None, None, None)
        stale = "(e.analysis IS NULL OR e.analysis_version IS NOT ?)"
        todo = idx.conn.execute(f"SELECT count(*) FROM entries e WHERE {where} AND {stale}",
                                [*args, key]).fetchone()[0]
        keep = f"({stale} OR {RELEVANT_SQL}"
        keep_args: list[Any] = [key]
        if full_from is not None:
            keep += " OR e.day >= ?"
            keep_args.append(full_from.isoformat())
        keep += ")"
        sql = (f"SELECT e.rowid, e.id, e.created, e.title, e.energy, e.encounter, e.follow_up_of,"
               f" e.analysis, e.analysis_version FROM entries e WHERE {where} AND {keep}"
               f" ORDER BY e.created_ts, e.id")
        if not todo:
            yield from self._stream(idx, idx.conn.execute(sql, [*args, *keep_args]), key, None)
            return
        with self._progress_bar(todo) as update:
            yield from self._stream(idx, idx.conn.execute(sql, [*args, *keep_args]), key,
                                    _Counter(todo, update))

    def _stream(self, idx, cursor, key: str, counter) -> Iterator[tuple[Row, dict]]:
        loads = _parse
        fresh: list[tuple[str, str, int]] = []
        cache: dict = {}
        try:
            for rowid, id_, created, title, energy, encounter, follow_up_of, cached, version in cursor:
                d = None
                if cached is not None and version == key:
                    d = loads(cached)
                if d is None:
                    analysis = self._analyse(idx, rowid)
                    if analysis is None:
                        continue                       # gone since the sync: as if never there
                    text = analysis_json(analysis)
                    fresh.append((text, key, rowid))
                    d = loads(text)
                    if len(fresh) >= _STORE_EVERY:
                        idx._store_analyses(fresh)
                    if counter is not None:
                        counter.step()
                enc = None
                if encounter is not None:
                    enc = cache.get(encounter)
                    if enc is None:
                        enc = cache[encounter] = _encounter(encounter)
                yield _row(id_, created, title, energy, enc, follow_up_of), d
        finally:
            if fresh:
                idx._store_analyses(fresh)

    @staticmethod
    def _analyse(idx, rowid: int):
        from .analysis import analyse

        for row in idx.iter_rows("e.rowid = ?", [rowid], bodies=True):
            return analyse(idx._entry(row, row[17]))
        return None

    def _progress_bar(self, todo: int):
        import contextlib

        if callable(self.progress):
            return contextlib.nullcontext(self.progress)
        if not self.progress or todo < SHOW_PROGRESS_FROM:
            return contextlib.nullcontext(None)
        from .render.io import task_progress

        return task_progress("analysing entries (once; kept for next time)")

    # -- the files (no index) ------------------------------------------------------------------------
    def _file_pairs(self) -> list[tuple[Row, dict]]:
        if self._pairs is None:
            from .analysis import analyse

            everything = self.journal.scan_files()
            self.problems = everything.problems
            self._pairs = [(Row.of(e), analyse(e).to_json()) for e in everything.entries]
        return self._pairs


class _Counter:
    def __init__(self, total: int, update) -> None:
        self.total, self.update, self.done = total, update, 0
        if update is not None:
            update(0, total)

    def step(self) -> None:
        self.done += 1
        if self.update is not None and (self.done % 50 == 0 or self.done == self.total):
            self.update(self.done, self.total)


def _row(id_, created, title, energy, encounter, follow_up_of) -> Row:
    when = dt.datetime.fromisoformat(created)
    # isoformat() again rather than the stored text: the same as Entry.created.isoformat() even if
    # the index ever spells its timestamps differently
    return Row(id_, when, when.isoformat(), when.date(), title, energy, encounter, follow_up_of)


_DECODER = json.JSONDecoder()


def _parse(text: str) -> dict | None:
    """A cached analysis' JSON as a dict (None if it is not one): json.loads without its two
    whitespace scans, which cost as much as the parse itself for 100,000 small documents."""
    try:
        d, end = _DECODER.scan_once(text, 0)
    except (StopIteration, ValueError):
        return None
    return d if end == len(text) and isinstance(d, dict) else None


def _encounter(raw: str):
    """The front matter's encounter block as the index keeps it (JSON)."""
    from .models import Encounter

    return Encounter.model_validate(json.loads(raw))
