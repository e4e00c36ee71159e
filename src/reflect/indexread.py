"""The read side of the index, with the standard library's lightest modules only.

`reflect list` and `reflect search` are what people run most, and on a ten-year journal most of
their time is start-up and one stat per file. This module holds what reading needs — the file
walk, the folder signatures, the row queries and the light `Listed` rows — without pathlib, re
or collections (pathlib alone, which imports re, urllib.parse and ipaddress, costs about as much
as the query and rendering together). index.Index builds on the same pieces for syncing and
writing, so there is one walk and one query, not two copies.

`open_reader()` is the quick way in: it answers only when the index is known to be in step with
the files (every folder's signature is what the index recorded, no problems, no duplicate ids).
Anything else — no index, an encrypted journal, a changed file, a config file to read — returns
no reader, and the caller takes the full path (index.open_index), which repairs and re-reads.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any, Iterator

SCHEMA_VERSION = "3"
LOCK_TIMEOUT = 15.0
ENTRY_COLUMNS = ("rowid, path, id, created, updated, title, template, tags, share, starred, energy, mood, "
                 "ratings, encounter, follow_up_of, source, extra")
SELECT_COLUMNS = ", ".join(f"e.{c.strip()}" for c in ENTRY_COLUMNS.split(","))
CLOSED_STATUSES = frozenset({"repaired", "let-go"})  # models.CLOSED_STATUSES (a test keeps them equal)
_POSIX = os.name == "posix"

# A walk: folder relative to entries/ ('' for entries/ itself, else ending in '/') ->
# (folder mtime_ns, [(file name, size, mtime_ns)])
Walk = dict


def fnv1a64(data: bytes) -> int:
    """A stable 64-bit hash (FNV-1a) naming the index file: not a secret, just a short name per
    journal root, and no hashlib (loading OpenSSL costs ~3 ms of every `reflect list`)."""
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def index_name(resolved_root: str) -> str:
    """The index file's name for a journal root (already resolved: symlinks followed, absolute)."""
    return f"index-{fnv1a64(resolved_root.encode('utf-8', 'surrogateescape')):016x}.sqlite3"


def walk_dirs(entries: str, suffix: str) -> Walk:
    """Every folder under `entries` -> (folder mtime_ns, [(file name, size, mtime_ns)]), as
    store.iter_paths would see them; {} when `entries` does not exist.

    Statting is the cost: one syscall per file, made relative to an open folder handle so the
    kernel does not walk the whole path again each time (~2.5 us per file on a slow VM).
    """
    try:
        root_mtime = os.stat(entries).st_mtime_ns
    except OSError:
        return {}
    found: Walk = {}
    pending = [(entries, "", root_mtime)]
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    by_fd = os.stat in os.supports_dir_fd and os.scandir in os.supports_fd
    while pending:
        folder, rel, folder_mtime = pending.pop()
        files: list[tuple[str, int, int]] = []
        found[rel] = (folder_mtime, files)
        fd = None
        try:
            if by_fd:
                fd = os.open(folder, flags)
                it = os.scandir(fd)
            else:
                it = os.scandir(folder)
        except OSError:
            if fd is not None:
                os.close(fd)
            continue
        try:
            with it:
                for item in it:
                    name = item.name
                    if name[0] == ".":
                        continue
                    try:
                        is_dir = item.is_dir()
                    except OSError:
                        is_dir = False
                    if is_dir:
                        if not item.is_symlink():
                            try:
                                mtime = item.stat(follow_symlinks=False).st_mtime_ns
                            except OSError:
                                mtime = -1
                            pending.append((folder + os.sep + name, f"{rel}{name}/", mtime))
                        continue
                    if not name.endswith(suffix):
                        continue
                    try:
                        # a link is followed to what it points at (the store decides whether to read it)
                        if item.is_symlink():
                            info = os.stat(name, dir_fd=fd) if by_fd else item.stat()
                        else:
                            info = item.stat(follow_symlinks=False)
                    except OSError:
                        try:
                            info = item.stat(follow_symlinks=False)
                        except OSError:
                            files.append((name, -1, -1))
                            continue
                    # the file's stamp (index._stamp), inlined: one call fewer per file
                    mt, ct = info.st_mtime_ns, info.st_ctime_ns
                    files.append((name, info.st_size, (mt if mt > ct else ct) if _POSIX else mt))
        finally:
            if fd is not None:
                os.close(fd)
    return found


def signature(dir_mtime: int, files: list[tuple[str, int, int]]) -> str:
    """Changes when a file is added, removed or renamed (the folder's mtime) or edited (a file's
    size or mtime, even in place), so an unchanged signature means nothing there to re-read."""
    # Weighted by position in the listing, unsorted: a folder listed in another order only
    # looks changed (its files are then compared one by one), never the other way round.
    size = mtime = mixed = 0
    for i, (_name, fsize, fmtime) in enumerate(files, 1):
        size += fsize
        mtime += fmtime
        mixed += fmtime % 1_000_003 * i
    return f"{dir_mtime}:{len(files)}:{size}:{mtime}:{mixed}"


def in_step(conn: sqlite3.Connection, walked: Walk) -> bool:
    """True when every folder's signature is the one the index recorded (and no folder is new or
    gone): then a sync would have nothing to read, add or drop."""
    stored = dict(conn.execute("SELECT path, sig FROM dirs"))
    if len(stored) != len(walked):
        return False
    for rel, (dir_mtime, files) in walked.items():
        sig = stored.get(rel)
        if sig is None or sig != signature(dir_mtime, files):
            return False
    return True


class Listed:
    """An entry as `list` and `search` show it, read from the index alone.

    Duck-typed like models.Entry for the renderers (same attribute names, same `as_json()`),
    without importing Pydantic: reading commands stay fast to start.
    """

    __slots__ = ("id", "created", "title", "tags", "template", "share", "starred", "energy", "mood",
                 "encounter", "follow_up_of", "path", "body")

    def __init__(self, id: str, created: dt.datetime, title: str, tags: list[str], template: str | None,
                 share: bool, starred: bool, energy: int | None, mood: int | None,
                 encounter: dict[str, Any] | None, follow_up_of: str | None, path, body: str = "") -> None:
        self.id, self.created, self.title, self.tags, self.template = id, created, title, tags, template
        self.share, self.starred, self.energy, self.mood = share, starred, energy, mood
        self.encounter, self.follow_up_of, self.path, self.body = encounter, follow_up_of, path, body

    def __repr__(self) -> str:
        return f"Listed(id={self.id!r}, created={self.created!r}, title={self.title!r})"

    @property
    def encounter_open(self) -> bool:
        return bool(self.encounter) and self.encounter.get("status", "open") not in CLOSED_STATUSES

    def as_json(self) -> dict[str, Any]:
        """The same shape as models.Entry.as_json()."""
        return {"id": self.id, "date": self.created.isoformat(), "title": self.title, "body": self.body,
                "tags": list(self.tags), "template": self.template, "share": self.share, "starred": self.starred,
                "energy": self.energy, "mood": self.mood, "encounter": self.encounter,
                "follow_up_of": self.follow_up_of, "path": str(self.path)}


def load_json(raw: str):
    import json  # only when needed: list and search mostly never do (~2 ms)

    return json.loads(raw)


def tags_of(raw: str) -> list[str]:
    """The tags column, written by json.dumps(tags, ensure_ascii=False): read without the json
    module when no tag needed escaping (the usual case), with it otherwise."""
    if raw == "[]":
        return []
    if "\\" not in raw and raw.startswith('["') and raw.endswith('"]'):
        return raw[2:-2].split('", "')
    return load_json(raw)


class Reader:
    """Queries over an open index connection. index.Index adds syncing and writing."""

    def __init__(self, conn: sqlite3.Connection | None, entries: str) -> None:
        self._conn = conn
        self._entries = entries

    @property
    def conn(self) -> sqlite3.Connection:
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    def path_of(self, rel: str):
        """An entry's file from its path relative to entries/."""
        return self._entries + os.sep + rel.replace("/", os.sep)

    def where(self, since: dt.date | None, until: dt.date | None, tags: list[str] | None,
              template: str | None, shared: bool | None) -> tuple[str, list[Any]]:
        clauses = ["e.dup = 0"]
        args: list[Any] = []
        if since:
            clauses.append("e.day >= ?")
            args.append(since.isoformat())
        if until:
            clauses.append("e.day <= ?")
            args.append(until.isoformat())
        for tag in dict.fromkeys(t.lstrip("@#").lower() for t in tags or []):
            clauses.append("e.rowid IN (SELECT entry FROM tags WHERE tag_lower = ?)")
            args.append(tag)
        if template:
            clauses.append("e.template = ?")
            args.append(template)
        if shared is not None:
            clauses.append("e.share = ?")
            args.append(int(shared))
        return " AND ".join(clauses), args

    def ordered(self, sql: str, args: list[Any], limit: int | None) -> Iterator[tuple]:
        """The rows of `sql` oldest first; `limit` keeps the newest N."""
        if limit is not None:
            if limit <= 0:
                return iter(())
            rows = self.conn.execute(sql + " ORDER BY e.created_ts DESC, e.id DESC LIMIT ?", [*args, limit]).fetchall()
            rows.reverse()
            return iter(rows)
        return iter(self.conn.execute(sql + " ORDER BY e.created_ts, e.id", args))

    def iter_rows(self, where: str, args: list[Any], *, limit: int | None = None,
                  extra_columns: str = "", bodies: bool = True) -> Iterator[tuple]:
        """Rows (entry columns, body, extra columns) oldest first; `limit` keeps the newest N.

        bodies=False leaves the text out (body is ''), which is much cheaper for 100,000 rows.
        """
        extra = f", {extra_columns}" if extra_columns else ""
        if bodies:
            sql = (f"SELECT {SELECT_COLUMNS}, f.body{extra} FROM entries e CROSS JOIN fts f ON f.rowid = e.rowid"
                   f" WHERE {where}")
        else:
            sql = f"SELECT {SELECT_COLUMNS}, ''{extra} FROM entries e WHERE {where}"
        return self.ordered(sql, args, limit)

    def search_rows(self, positive: str | None, negative: str | None, where: str, args: list[Any],
                    limit: int | None) -> Iterator[tuple]:
        """Rows (entry columns, body, title and body with FTS5 highlight markers \\x02 \\x03, or
        None without positive terms) for an FTS5 query, oldest first."""
        args = list(args)
        if negative:
            where += " AND e.rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)"
            args.append(negative)
        if positive:
            sql = (f"SELECT {SELECT_COLUMNS}, f.body, highlight(fts, 0, char(2), char(3)),"
                   f" highlight(fts, 1, char(2), char(3)) FROM fts f JOIN entries e ON e.rowid = f.rowid"
                   f" WHERE fts MATCH ? AND {where}")
            args.insert(0, positive)
        else:
            sql = (f"SELECT {SELECT_COLUMNS}, f.body, NULL, NULL FROM entries e CROSS JOIN fts f"
                   f" ON f.rowid = e.rowid WHERE {where}")
        return self.ordered(sql, args, limit)

    def listed_row(self, row: tuple, body: str) -> Listed:
        (_rowid, rel, id_, created, _updated, title, template, tags, share, starred, energy, mood,
         _ratings, encounter, follow_up_of) = row[:15]
        return Listed(id_, dt.datetime.fromisoformat(created), title, tags_of(tags), template, bool(share),
                      bool(starred), energy, mood, load_json(encounter) if encounter else None, follow_up_of,
                      self.path_of(rel), body)

    def listed(self, *, since=None, until=None, tags=None, template=None, shared=None, limit=None,
               bodies: bool = True) -> list[Listed]:
        """What `list` shows, oldest first, straight from the index: no model objects, no file reads."""
        where, args = self.where(since, until, tags, template, shared)
        return [self.listed_row(row, row[17]) for row in self.iter_rows(where, args, limit=limit, bodies=bodies)]

    def problem_rows(self) -> list[tuple[str, str]]:
        """(path relative to entries/, message) for files the index could not use, sorted."""
        found = [(rel, msg) for rel, msg in self.conn.execute("SELECT path, message FROM problems")]
        for rel, id_ in self.conn.execute("SELECT path, id FROM entries WHERE dup = 1"):
            first = self.conn.execute("SELECT path FROM entries WHERE id = ? AND dup = 0 ORDER BY path LIMIT 1",
                                      (id_,)).fetchone()
            where = self.path_of(first[0]) if first else "another file"
            found.append((rel, f"duplicate id '{id_}' (also in {where}); skipped"))
        found.sort()
        return found

    def clean(self) -> bool:
        """No unreadable files and no duplicate ids recorded (then there is nothing to warn about)."""
        return self.conn.execute("SELECT EXISTS (SELECT 1 FROM problems) OR EXISTS "
                                 "(SELECT 1 FROM entries WHERE dup = 1)").fetchone()[0] == 0


def meta(conn: sqlite3.Connection, key: str) -> str | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    return row[0] if row else None


def open_reader(root: str, cache: str) -> tuple[Reader | None, Walk | None]:
    """(a Reader, None) when the index for the plain journal at `root` is in step with its files
    and has nothing to warn about; else (None, the walk when one was made, for the full path's
    sync to reuse, or None)."""
    if sys.platform == "win32" or os.environ.get("REFLECT_NO_INDEX"):
        return None, None
    from .paths import ENCRYPTED_MARKER, ENTRIES_DIR, ENTRY_SUFFIX

    if os.path.lexists(os.path.join(root, ENCRYPTED_MARKER)):
        return None, None
    try:
        resolved = os.path.realpath(root)
    except OSError:
        return None, None
    db = os.path.join(cache, index_name(resolved))
    if not os.path.isfile(db):
        return None, None
    walked: Walk | None = None
    conn = None
    try:
        conn = sqlite3.connect(db, timeout=LOCK_TIMEOUT, isolation_level=None, check_same_thread=False)
        # The index records its root as the full path spells it (str of a pathlib.Path): a root
        # spelt any other way (a trailing slash, a symlink) takes the full path.
        if meta(conn, "schema") != SCHEMA_VERSION or meta(conn, "root") != root:
            conn.close()
            return None, None
        reader = Reader(conn, os.path.join(root, ENTRIES_DIR))
        walked = walk_dirs(reader._entries, ENTRY_SUFFIX)
        if in_step(conn, walked) and reader.clean():
            return reader, None
    except (sqlite3.Error, OSError):
        pass
    if conn is not None:
        conn.close()
    return None, walked
