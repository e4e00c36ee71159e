"""A derived SQLite index (with FTS5) that makes reading commands instant at any journal size.

The Markdown files are the only truth. The index lives in the cache folder, keyed to the journal
root, and holds what reading commands need: each entry's front matter, its text (for full-text
search), the summariser's per-entry analysis, and the files that could not be read (problems).

Keeping it in step (`sync`, before every reading command): walk entries/ with os.scandir and
stat each candidate file (no reads). A folder whose signature — its own mtime (which changes
when a file is added, removed or renamed in it) plus the count, sizes and mtimes of its files
(which change when a file is edited, even in place by an editor that truncates and rewrites) —
is what the index recorded is skipped without touching the database; in any other folder,
(path, size, mtime_ns) is compared file by file, only new or changed files are read, and
deleted ones are dropped. A file whose mtime is within a clock tick or two of the sync (2 s where
the filesystem keeps whole seconds, 0.1 s where it keeps nanoseconds) is stored as
"unknown mtime" (and its folder without a signature), so it is re-read next time: a same-size
edit in the same filesystem clock tick as the sync can never be missed (git's "racily clean"
rule). Directory mtimes alone are never trusted, because in-place edits do not change them:
the price is one stat per file per command (~10 ms per 1,000 files on a slow VM, far less on
a laptop); bench/run.py measures it.

Any damage is repaired, never fatal: a missing index is built, a corrupt one (sqlite3 raising
DatabaseError) is deleted and rebuilt, and if that still fails the caller reads the files.
Writes happen under a file lock, and the database runs in WAL mode, so concurrent commands never
see or make a half-written index. Encrypted journals are never indexed (no plaintext in a cache).
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)

from .errors import EntryError, NotFoundError, StorageError, UsageError
from .indexread import (LOCK_TIMEOUT, SCHEMA_VERSION, SELECT_COLUMNS, Reader, Walk, index_name, load_json,
                        meta, signature, tags_of, walk_dirs)

if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    from .journal import Journal
    from .models import Entry
    from .store import Problem

RACY_SECONDS = 2.0          # for timestamps in whole seconds (FAT, HFS+, some network shares)
RACY_SECONDS_FINE = 0.1     # for nanosecond timestamps, which the kernel advances every few ms
_EXTRA_FROM_FILE = "!"  # the extra front matter is not plain JSON: read it from the file when needed


def _racy(stamp: int, now_ns: int) -> bool:
    """Too recent to trust: an edit in the same clock tick could leave size and mtime unchanged."""
    window = RACY_SECONDS if stamp % 1_000_000_000 == 0 else min(RACY_SECONDS, RACY_SECONDS_FINE)
    return stamp >= now_ns - window * 1e9

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS entries (
    rowid INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    dir TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    id TEXT NOT NULL,
    created TEXT NOT NULL,
    created_ts REAL NOT NULL,
    day TEXT NOT NULL,
    updated TEXT,
    title TEXT NOT NULL,
    template TEXT,
    tags TEXT NOT NULL,
    share INTEGER NOT NULL,
    starred INTEGER NOT NULL,
    energy INTEGER,
    mood INTEGER,
    ratings TEXT,
    encounter TEXT,
    encounter_status TEXT,
    encounter_who TEXT,
    follow_up_of TEXT,
    source TEXT,
    extra TEXT,
    dup INTEGER NOT NULL DEFAULT 0,
    analysis TEXT,
    analysis_version TEXT
);
CREATE INDEX IF NOT EXISTS entries_order ON entries (created_ts, id);
CREATE INDEX IF NOT EXISTS entries_id ON entries (id);
CREATE INDEX IF NOT EXISTS entries_day ON entries (day);
CREATE INDEX IF NOT EXISTS entries_dir ON entries (dir);
CREATE INDEX IF NOT EXISTS entries_dups ON entries (id) WHERE dup = 1;
CREATE TABLE IF NOT EXISTS dirs (path TEXT PRIMARY KEY, sig TEXT);
CREATE TABLE IF NOT EXISTS tags (entry INTEGER NOT NULL, tag TEXT NOT NULL, tag_lower TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tags_lower ON tags (tag_lower, entry);
CREATE INDEX IF NOT EXISTS tags_entry ON tags (entry);
CREATE TABLE IF NOT EXISTS problems (
    path TEXT PRIMARY KEY, dir TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS problems_dir ON problems (dir);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, body, tags, tokenize = 'porter unicode61 remove_diacritics 2'
);
"""


# -- where, and whether ------------------------------------------------------------------------
def index_file(root: Path) -> Path:
    """The index for a journal root: one file per journal, named by a hash of the root's path."""
    from .paths import cache_dir

    try:
        resolved = Path(root).resolve()
    except OSError:
        resolved = Path(root).absolute()
    return cache_dir() / index_name(str(resolved))


def is_encrypted(store) -> bool:
    """An encrypted journal keeps no plaintext outside its files, so it is never indexed."""
    flag = getattr(store, "encrypted", None)
    if callable(flag):
        try:
            flag = flag()
        except Exception:  # noqa: BLE001 - unsure means encrypted: never risk plaintext in a cache
            return True
    if flag:
        return True
    return getattr(store, "suffix", ".md") != ".md"


def usable(journal: Journal) -> bool:
    if os.environ.get("REFLECT_NO_INDEX"):
        return False
    return not is_encrypted(journal.store)


class SyncReport:
    """What a sync found. (Plain classes here, not dataclasses: importing dataclasses costs ~10 ms,
    a tenth of a whole `reflect list` on a ten-year journal.)"""

    def __init__(self, files: int = 0, added: int = 0, updated: int = 0, removed: int = 0,
                 problems: int = 0, seconds: float = 0.0) -> None:
        self.files, self.added, self.updated = files, added, updated
        self.removed, self.problems, self.seconds = removed, problems, seconds

    def __repr__(self) -> str:
        return (f"SyncReport(files={self.files}, added={self.added}, updated={self.updated}, "
                f"removed={self.removed}, problems={self.problems}, seconds={self.seconds})")

    @property
    def changed(self) -> int:
        return self.added + self.updated + self.removed


_OPEN: "weakref.WeakSet[Index]" = weakref.WeakSet()


def _close_quietly(conn: sqlite3.Connection) -> None:
    try:
        conn.close()
    except sqlite3.Error:
        pass


def close_all() -> None:
    """Close every index connection this process opened that is still open (the end of a command
    run in-process: tests, or any caller that keeps the interpreter running)."""
    for index in list(_OPEN):
        index.close()
    _OPEN.clear()


class IndexUnavailable(Exception):
    """The index cannot be used right now (locked for too long, or unrecoverable): read the files."""


# -- the index ---------------------------------------------------------------------------------
class Index(Reader):
    def __init__(self, journal: Journal, path: Path | None = None) -> None:
        # The journal's root and store, not the journal itself: Journal holds its Index, and a
        # reference back would be a cycle that keeps the SQLite connection (3 open files in WAL
        # mode) alive until the garbage collector happens to run.
        super().__init__(None, str(journal.store.entries))
        self.root = Path(journal.root)
        self.store = journal.store
        self.path = path or index_file(journal.root)
        self.lock_path = self.path.with_name(self.path.name + ".lock")

    # -- connection, schema, repair ------------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = self._connect()
        return self._conn

    def _connect(self) -> sqlite3.Connection:
        conn = self._open_connection()
        # Python 3.11's sqlite3 connection sits in a reference cycle with its own statement cache,
        # so dropping the last reference does not close it (3 open files in WAL mode) until the
        # cycle collector runs. Close it when this Index goes away, or at the end of a command.
        weakref.finalize(self, _close_quietly, conn)
        _OPEN.add(self)
        return conn

    def _open_connection(self) -> sqlite3.Connection:
        from .fsutil import ensure_dir

        ensure_dir(self.path.parent)
        if not self.path.exists():
            # Created owner-only before SQLite opens it: the index holds the entries' text.
            try:
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
            except OSError:
                pass
        conn = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA temp_store=MEMORY")
            version = meta(conn, "schema")
            root = meta(conn, "root")
            if version is not None and (version != SCHEMA_VERSION or root != str(self.root)):
                conn.close()
                raise sqlite3.DatabaseError("index from another schema or journal")
            if version is None:
                with self._locked():
                    conn.executescript(_SCHEMA)
                    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
                    conn.execute("INSERT OR REPLACE INTO meta VALUES ('root', ?)", (str(self.root),))
        except BaseException:
            conn.close()
            raise
        return conn

    @contextmanager
    def _locked(self):
        from .fsutil import LockTimeout, exclusive_lock

        try:
            with exclusive_lock(self.lock_path, LOCK_TIMEOUT):
                yield
        except LockTimeout:
            raise IndexUnavailable(f"the index is locked by another reflect process ({self.lock_path})") from None

    def destroy(self) -> None:
        """Delete the index files (they are derived; the next command rebuilds them)."""
        self.close()
        with self._locked():
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)

    @contextmanager
    def _write(self):
        """One transaction, under the lock."""
        with self._locked():
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # -- keeping in step with the files --------------------------------------------------------
    def walk_dirs(self) -> Walk:
        """Every folder under entries/ -> (folder mtime_ns, [(file name, size, mtime_ns)])."""
        return walk_dirs(str(self.store.entries), self.store.suffix)

    def walk(self) -> dict[str, tuple[int, int]]:
        """Every candidate entry file (relative path) -> (size, mtime_ns)."""
        return {rel + name: (size, mtime) for rel, (_m, files) in self.walk_dirs().items()
                for name, size, mtime in files}

    def sync(self, progress: Callable[[int, int | None], None] | None = None,
             walked: Walk | None = None) -> SyncReport:
        """Bring the index in step with the files; `walked` is a walk_dirs() just made (by
        indexread.open_reader), so the files are not statted twice."""
        started = time.perf_counter()
        report = SyncReport()
        listing = walked if walked is not None else self.walk_dirs()
        conn = self.conn
        stored = dict(conn.execute("SELECT path, sig FROM dirs"))
        on_disk: dict[str, tuple[int, int]] = {}
        known: dict[str, tuple[int, int]] = {}
        bad: dict[str, tuple[int, int]] = {}
        changed_dirs: dict[str, str] = {}
        for rel_dir, (dir_mtime, files) in listing.items():
            report.files += len(files)
            sig = signature(dir_mtime, files)
            if stored.get(rel_dir) == sig:
                continue
            changed_dirs[rel_dir] = sig
            for name, size, mtime in files:
                on_disk[rel_dir + name] = (size, mtime)
            for path, size, mtime in conn.execute("SELECT path, size, mtime_ns FROM entries WHERE dir = ?", (rel_dir,)):
                known[path] = (size, mtime)
            for path, size, mtime in conn.execute("SELECT path, size, mtime_ns FROM problems WHERE dir = ?", (rel_dir,)):
                bad[path] = (size, mtime)
        vanished = [d for d in stored if d not in listing]
        for rel_dir in vanished:
            for (path,) in conn.execute("SELECT path FROM entries WHERE dir = ? UNION SELECT path FROM problems"
                                        " WHERE dir = ?", (rel_dir, rel_dir)):
                known[path] = (-2, -2)
        gone = [p for p in known if p not in on_disk] + [p for p in bad if p not in on_disk]
        todo = [p for p, stamp in on_disk.items()
                if (known.get(p) or bad.get(p)) != stamp or stamp[1] <= 0]
        if not gone and not todo and not vanished and not changed_dirs:
            report.seconds = time.perf_counter() - started
            return report
        todo.sort()
        now_ns = time.time_ns()
        total = len(todo)
        with self._write() as db:
            for path in gone:
                self._forget(db, path)
                report.removed += 1
            batch = 0
            for number, rel in enumerate(todo, start=1):
                size, mtime = on_disk[rel]
                stored_mtime = 0 if _racy(mtime, now_ns) else mtime
                full = self.store.entries / rel
                existed = rel in known or rel in bad
                try:
                    entry = self.store.read_for_index(full)
                except EntryError as exc:
                    self._forget(db, rel)
                    db.execute("INSERT OR REPLACE INTO problems (path, dir, size, mtime_ns, message)"
                               " VALUES (?, ?, ?, ?, ?)", (rel, _dir_of(rel), size, stored_mtime, exc.problem))
                    report.problems += 1
                else:
                    self._put(db, rel, size, stored_mtime, entry)
                    if existed:
                        report.updated += 1
                    else:
                        report.added += 1
                batch += 1
                if progress and (batch >= 200 or number == total):
                    progress(number, total)
                    batch = 0
            db.executemany("DELETE FROM dirs WHERE path = ?", [(d,) for d in vanished])
            for rel_dir, sig in changed_dirs.items():
                racy = db.execute("SELECT 1 FROM entries WHERE dir = ? AND mtime_ns <= 0 UNION ALL "
                                  "SELECT 1 FROM problems WHERE dir = ? AND mtime_ns <= 0 LIMIT 1",
                                  (rel_dir, rel_dir)).fetchone()
                # A folder holding a just-written file keeps no signature: checked file by file next time.
                db.execute("INSERT OR REPLACE INTO dirs VALUES (?, ?)", (rel_dir, None if racy else sig))
            if gone or todo:
                self._mark_duplicates(db)
        report.seconds = time.perf_counter() - started
        return report

    def _forget(self, db: sqlite3.Connection, rel: str) -> None:
        row = db.execute("SELECT rowid FROM entries WHERE path = ?", (rel,)).fetchone()
        if row:
            db.execute("DELETE FROM fts WHERE rowid = ?", row)
            db.execute("DELETE FROM tags WHERE entry = ?", row)
            db.execute("DELETE FROM entries WHERE rowid = ?", row)
        db.execute("DELETE FROM problems WHERE path = ?", (rel,))

    def _put(self, db: sqlite3.Connection, rel: str, size: int, mtime: int, entry: Entry,
             analysis: tuple[str, str] | None = None) -> None:
        self._forget(db, rel)
        import json

        extra = None
        if entry.extra:
            try:
                encoded = json.dumps(entry.extra, ensure_ascii=False)
                extra = encoded if json.loads(encoded) == entry.extra else _EXTRA_FROM_FILE
            except (TypeError, ValueError):
                extra = _EXTRA_FROM_FILE
        enc = entry.encounter
        cur = db.execute(
            "INSERT INTO entries (path, dir, size, mtime_ns, id, created, created_ts, day, updated, title, template,"
            " tags, share, starred, energy, mood, ratings, encounter, encounter_status, encounter_who,"
            " follow_up_of, source, extra, analysis, analysis_version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rel, _dir_of(rel), size, mtime, entry.id, entry.created.isoformat(), entry.created.timestamp(),
             entry.created.date().isoformat(), entry.updated.isoformat() if entry.updated else None,
             entry.title, entry.template, json.dumps(entry.tags, ensure_ascii=False), int(entry.share),
             int(entry.starred), entry.energy, entry.mood,
             json.dumps(entry.ratings) if entry.ratings else None,
             json.dumps(enc.model_dump(exclude_none=True), ensure_ascii=False) if enc else None,
             enc.status if enc else None, enc.who if enc else None, entry.follow_up_of, entry.source, extra,
             analysis[0] if analysis else None, analysis[1] if analysis else None),
        )
        rowid = cur.lastrowid
        db.execute("INSERT INTO fts (rowid, title, body, tags) VALUES (?, ?, ?, ?)",
                   (rowid, entry.title, entry.body, " ".join(entry.tags)))
        if entry.tags:
            db.executemany("INSERT INTO tags VALUES (?, ?, ?)",
                           [(rowid, t, t.lower()) for t in dict.fromkeys(entry.tags)])

    @staticmethod
    def _mark_duplicates(db: sqlite3.Connection) -> None:
        """Two files with one id: the first (in path order) counts, the others are problems."""
        db.execute("UPDATE entries SET dup = 0 WHERE dup = 1")
        db.execute(
            "UPDATE entries SET dup = 1 WHERE id IN (SELECT id FROM entries GROUP BY id HAVING count(*) > 1)"
            " AND path > (SELECT min(e2.path) FROM entries e2 WHERE e2.id = entries.id)")

    def relpath(self, path: Path) -> str | None:
        try:
            return Path(path).relative_to(self.store.entries).as_posix()
        except ValueError:
            return None

    def record(self, entries: Iterable[Entry]) -> int:
        """Put entries this process has just written into the index (import: no re-reading later)."""
        count = 0
        with self._write() as db:
            for entry in entries:
                if entry.path is None:
                    continue
                rel = self.relpath(entry.path)
                if rel is None:
                    continue
                try:
                    info = os.stat(entry.path)
                except OSError:
                    continue
                # mtime 0: re-checked by the next sync's stat, never trusted blindly.
                stamp = _stamp(info)
                self._put(db, rel, info.st_size, 0 if _racy(stamp, time.time_ns()) else stamp, entry)
                db.execute("UPDATE dirs SET sig = NULL WHERE path = ?", (_dir_of(rel),))
                count += 1
            self._mark_duplicates(db)
        return count

    # -- reading -------------------------------------------------------------------------------
    def _entry(self, row: tuple, body: str | None = None) -> Entry:
        (rowid, rel, id_, created, updated, title, template, tags, share, starred, energy, mood,
         ratings, encounter, follow_up_of, source, extra) = row[:17]
        path = self.path_of(rel)
        if extra == _EXTRA_FROM_FILE:
            try:
                return self.store.read(path)
            except EntryError:
                extra = None
        data: dict[str, Any] = {
            "id": id_, "created": dt.datetime.fromisoformat(created),
            "updated": dt.datetime.fromisoformat(updated) if updated else None, "title": title,
            "template": template, "tags": tags_of(tags), "share": bool(share), "starred": bool(starred),
            "energy": energy, "mood": mood, "ratings": load_json(ratings) if ratings else {},
            "encounter": _encounter(encounter) if encounter else None, "follow_up_of": follow_up_of,
            "source": source, "body": body or "", "path": path, "extra": load_json(extra) if extra else {},
        }
        return _trusted_entry(data)

    def path_of(self, rel: str) -> Path:
        return self.store.entries / rel

    def iter_entries(self, *, since=None, until=None, tags=None, template=None, shared=None,
                     limit=None) -> Iterator[Entry]:
        where, args = self.where(since, until, tags, template, shared)
        for row in self.iter_rows(where, args, limit=limit):
            yield self._entry(row, row[17])

    def select(self, **filters) -> list[Entry]:
        return list(self.iter_entries(**filters))

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM entries WHERE dup = 0").fetchone()[0]

    def problems(self) -> list[Problem]:
        from .store import Problem

        return [Problem(self.path_of(rel), message) for rel, message in self.problem_rows()]

    def get(self, ref: str) -> Entry:
        """An entry by id, unique id prefix or 'latest', read fresh from its file."""
        cols = SELECT_COLUMNS
        base = f"SELECT {cols} FROM entries e WHERE e.dup = 0"
        if ref == "latest":
            rows = self.conn.execute(base + " ORDER BY e.created_ts DESC, e.id DESC LIMIT 1").fetchall()
            if not rows:
                raise NotFoundError("The journal has no entries yet. Start one with `reflect new`.")
        else:
            rows = self.conn.execute(base + " AND e.id = ?", (ref,)).fetchall()
            if not rows:
                rows = self.conn.execute(base + " AND e.id >= ? AND e.id < ? LIMIT 2",
                                         (ref, ref + "\U0010ffff")).fetchall()
            if not rows:
                if not self.count():
                    raise NotFoundError("The journal has no entries yet. Start one with `reflect new`.")
                raise NotFoundError(f"No entry with id {ref!r}. `reflect list` shows ids.")
            if len(rows) > 1:
                many = self.conn.execute("SELECT count(*) FROM entries WHERE dup = 0 AND id >= ? AND id < ?",
                                         (ref, ref + "\U0010ffff")).fetchone()[0]
                raise UsageError(f"{ref!r} matches {many} entries; type more of the id.")
        return self.store.read(self.store.entries / rows[0][1])

    def tags(self) -> Counter:
        counts: Counter = Counter()
        for tag, count in self.conn.execute(
                "SELECT t.tag, count(*) FROM tags t JOIN entries e ON e.rowid = t.entry WHERE e.dup = 0"
                " GROUP BY t.tag"):
            counts[tag] = count
        return counts

    def _store_analyses(self, fresh: list[tuple[str, str, int]]) -> None:
        """Write cached analyses on a second connection (the first is still reading rows)."""
        if not fresh:
            return
        try:
            with self._locked():
                writer = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT, isolation_level=None)
                try:
                    writer.execute("BEGIN IMMEDIATE")
                    writer.executemany("UPDATE entries SET analysis = ?, analysis_version = ? WHERE rowid = ?", fresh)
                    writer.execute("COMMIT")
                finally:
                    writer.close()
        except (IndexUnavailable, sqlite3.Error, OSError):
            pass  # the cache is an optimisation; the answer is already computed
        fresh.clear()

    # -- the summariser's per-entry analysis, cached --------------------------------------------
    def analysed(self, analyse: Callable[[Entry], Any], version: str, to_json: Callable[[Any], str],
                 from_json: Callable[[str], Any], *, bodies: bool = True, **filters) -> list[tuple[Entry, Any]]:
        """[(Entry, analysis)] oldest first; analyses are computed once per file version and kept.

        With bodies=False the entries carry no text (a missing analysis is still computed from
        the full entry, read from the index).
        """
        where, args = self.where(filters.get("since"), filters.get("until"), filters.get("tags"),
                                  filters.get("template"), filters.get("shared"))
        out: list[tuple[Entry, Any]] = []
        fresh: list[tuple[str, str, int]] = []
        for row in self.iter_rows(where, args, limit=filters.get("limit"), bodies=bodies,
                                  extra_columns="e.analysis, e.analysis_version"):
            entry = self._entry(row, row[17])
            cached, cached_version = row[18], row[19]
            result = None
            if cached is not None and cached_version == version:
                try:
                    result = from_json(cached)
                except Exception:  # noqa: BLE001 - a stale or odd cache entry is recomputed
                    result = None
            if result is None:
                if not bodies:
                    text = self.conn.execute("SELECT body FROM fts WHERE rowid = ?", (row[0],)).fetchone()
                    full = entry.model_copy(update={"body": text[0] if text else ""})
                    result = analyse(full)
                else:
                    result = analyse(entry)
                fresh.append((to_json(result), version, row[0]))
                if len(fresh) >= 2000:  # keep what is done even if this run is interrupted
                    self._store_analyses(fresh)
            out.append((entry, result))
        self._store_analyses(fresh)
        return out


_FIELDS_SET: frozenset | None = None
_POSIX = os.name == "posix"


def _stamp(info: os.stat_result) -> int:
    """When the file last changed: on POSIX the later of mtime and ctime, because ctime cannot be
    set back by tools (`touch -d`, `cp -p`, rsync -t) and also moves on chmod; elsewhere mtime."""
    if _POSIX:
        return max(info.st_mtime_ns, info.st_ctime_ns)
    return info.st_mtime_ns


def _trusted_entry(data: dict[str, Any]) -> Entry:
    """An Entry from values the index took from a validated file, without validating them again.

    Pydantic's own model_construct does the same but costs ~4x more; reading a ten-year journal
    for `summary` builds 100,000 of these. Checked against model_validate on first use.
    """
    from .models import Entry

    global _FIELDS_SET
    if _FIELDS_SET is None:
        checked = Entry.model_validate(data)
        _FIELDS_SET = frozenset(Entry.model_fields)
        fast = _raw_entry(data)
        if fast.model_dump() != checked.model_dump() or fast.body != checked.body:
            _FIELDS_SET = frozenset()  # an unexpected pydantic: always validate
        return checked
    if not _FIELDS_SET:
        return Entry.model_validate(data)
    return _raw_entry(data)


def _raw_entry(data: dict[str, Any]) -> Entry:
    from .models import Entry

    entry = Entry.__new__(Entry)
    object.__setattr__(entry, "__dict__", data)
    object.__setattr__(entry, "__pydantic_fields_set__", set(_FIELDS_SET or ()))
    object.__setattr__(entry, "__pydantic_extra__", None)
    object.__setattr__(entry, "__pydantic_private__", None)
    return entry


def _encounter(raw: str):
    from .models import Encounter

    return Encounter.model_validate(load_json(raw))


def _dir_of(rel: str) -> str:
    """'2026/03/x.md' -> '2026/03/'; 'x.md' -> ''."""
    cut = rel.rfind("/")
    return rel[:cut + 1] if cut >= 0 else ""


# -- entry points the journal uses ---------------------------------------------------------------
def open_index(journal: Journal, *, sync: bool = True,
               progress: Callable[[int, int | None], None] | None = None, walked: Walk | None = None) -> Index | None:
    """A synced index, or None when the journal must be read from its files (encrypted, locked)."""
    if not usable(journal):
        return None
    for attempt in (1, 2):
        index = Index(journal)
        try:
            if sync:
                index.sync(progress=progress, walked=walked)
            else:
                index.conn  # noqa: B018 - opens and checks the schema
            return index
        except (IndexUnavailable, OSError, StorageError):
            # Locked for too long, or the cache folder cannot be written: read the files instead.
            index.close()
            return None
        except sqlite3.DatabaseError:
            # Corrupt, truncated, another schema: it is derived data, so start again.
            try:
                index.destroy()
            except (OSError, IndexUnavailable):
                return None
            if attempt == 2:
                return None
    return None


def rebuild(journal: Journal, progress: bool | Callable[[int, int | None], None] = True) -> int:
    """Delete and rebuild the index from the files; returns the number of entries indexed.

    A Rich progress bar is shown on a terminal (stderr) when `progress` is True.
    """
    if not usable(journal):
        Index(journal).destroy()  # an encrypted journal keeps no index at all
        return 0
    index = Index(journal)
    index.destroy()
    if callable(progress):
        fresh = open_index(journal, progress=progress)
    elif progress:
        from .render.io import task_progress

        with task_progress("indexing") as update:
            fresh = open_index(journal, progress=update)
    else:
        fresh = open_index(journal)
    if fresh is None:
        return 0
    try:
        return fresh.count()
    finally:
        fresh.close()
