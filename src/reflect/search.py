"""Full-text search: words, "quoted phrases", -excluded words, combined with tag and date filters.

The query people type is parsed here into terms and rebuilt as a safe FTS5 expression: every term
is quoted, so no user text is ever read as FTS5 syntax (`"unclosed`, `AND OR`, `NEAR(`, `col:x`
all just search for words). Matching uses the index's tokenizer: case-insensitive, accents
ignored, English stemming ("apologise" finds "apologised"), `word*` for a prefix. When the
journal has no index (encrypted), the same query runs over the files in memory with the same
rules, except that stemming becomes prefix matching.
"""
from __future__ import annotations

import datetime as dt

from .errors import UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    from .journal import Journal
    from .models import Entry
    from .store import Problem

_START, _END = "\x02", "\x03"


def _wordish(text: str) -> bool:
    """Holds a letter, digit or underscore: what `\\w` matches, without importing re (~10 ms of a
    quick `reflect search`)."""
    return any(ch.isalnum() or ch == "_" for ch in text)


# Plain classes rather than dataclasses: importing dataclasses (and with it inspect and typing)
# costs ~12 ms, more than a search takes on a ten-year journal.
class Term:
    """One search term; immutable and hashable (duplicates in a query are dropped)."""

    __slots__ = ("text", "phrase", "exclude", "prefix")

    def __init__(self, text: str, phrase: bool = False, exclude: bool = False, prefix: bool = False) -> None:
        for name, value in (("text", text), ("phrase", phrase), ("exclude", exclude), ("prefix", prefix)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Term is immutable (cannot set {name!r})")

    def _key(self) -> tuple:
        return (self.text, self.phrase, self.exclude, self.prefix)

    def __eq__(self, other: object) -> bool:
        return self._key() == other._key() if isinstance(other, Term) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"Term(text={self.text!r}, phrase={self.phrase!r}, exclude={self.exclude!r}, "
                f"prefix={self.prefix!r})")

    def fts(self) -> str:
        quoted = '"' + self.text.replace('"', '""') + '"'
        return quoted + ("*" if self.prefix else "")

    def __str__(self) -> str:
        core = f'"{self.text}"' if self.phrase else self.text + ("*" if self.prefix else "")
        return ("-" if self.exclude else "") + core


class Query:
    __slots__ = ("terms", "ignored")

    def __init__(self, terms: list[Term], ignored: list[str] | None = None) -> None:
        self.terms = terms
        self.ignored = ignored if ignored is not None else []

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Query):
            return NotImplemented
        return (self.terms, self.ignored) == (other.terms, other.ignored)

    def __repr__(self) -> str:
        return f"Query(terms={self.terms!r}, ignored={self.ignored!r})"

    @property
    def positive(self) -> list[Term]:
        return [t for t in self.terms if not t.exclude]

    @property
    def negative(self) -> list[Term]:
        return [t for t in self.terms if t.exclude]

    def fts_positive(self) -> str | None:
        return " AND ".join(t.fts() for t in self.positive) or None

    def fts_negative(self) -> str | None:
        return " OR ".join(t.fts() for t in self.negative) or None


def parse_query(words: list[str] | str) -> Query:
    """Terms from what was typed: `word`, `"a phrase"`, `-word`, `-"a phrase"`, `word*`.

    An unclosed quote runs to the end; terms without any letter or digit are ignored (reported).
    """
    text = words if isinstance(words, str) else " ".join(words)
    text = "".join(" " if (ch < " " or ch == "\x7f") else ch for ch in text)  # NUL, tabs, controls
    terms: list[Term] = []
    ignored: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        exclude = False
        if text[i] == "-" and i + 1 < n and not text[i + 1].isspace():
            exclude, i = True, i + 1
        if text[i] == '"':
            end = text.find('"', i + 1)
            raw = text[i + 1:] if end == -1 else text[i + 1:end]
            i = n if end == -1 else end + 1
            phrase = " ".join(raw.split())
            if _wordish(phrase):
                terms.append(Term(phrase, phrase=len(phrase.split()) > 1, exclude=exclude))
            elif phrase:
                ignored.append(f'"{phrase}"')
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        raw = text[start:i]
        prefix = raw.endswith("*")
        word = raw.rstrip("*")
        if _wordish(word):
            # Punctuation inside a word (o'clock, e-mail, 12:30) is split by the tokenizer; as a
            # phrase it still means "these pieces, in this order".
            terms.append(Term(word, phrase=not word.isalnum(), exclude=exclude, prefix=prefix and word.isalnum()))
        elif raw:
            ignored.append(("-" if exclude else "") + raw)
    return Query(list(dict.fromkeys(terms)), ignored)


class LineMatch:
    """One matching line: field ("title" or "body"), its 1-based line number, the text, and the
    (start, end) spans of the matched words in it."""

    __slots__ = ("field", "line", "text", "spans")

    def __init__(self, field: str, line: int, text: str, spans: list[tuple[int, int]]) -> None:
        self.field, self.line, self.text, self.spans = field, line, text, spans

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LineMatch):
            return NotImplemented
        return (self.field, self.line, self.text, self.spans) == (other.field, other.line, other.text, other.spans)

    def __repr__(self) -> str:
        return f"LineMatch(field={self.field!r}, line={self.line!r}, text={self.text!r}, spans={self.spans!r})"

    def as_json(self) -> dict[str, Any]:
        return {"field": self.field, "line": self.line, "text": self.text, "spans": [list(s) for s in self.spans]}


class Hit:
    """An entry (models.Entry, or indexread.Listed when the index answered: same attributes) and its
    matching lines."""

    __slots__ = ("entry", "matches")

    def __init__(self, entry: Any, matches: list[LineMatch]) -> None:
        self.entry, self.matches = entry, matches

    def __repr__(self) -> str:
        return f"Hit(entry={self.entry!r}, matches={self.matches!r})"

    def as_json(self) -> dict[str, Any]:
        """The `list --json` fields, plus `snippet` (the first matching line) and every match."""
        snippet = next((m.text for m in self.matches if m.field == "body"), None) or \
            next((m.text for m in self.matches), None)
        return {**self.entry.as_json(), "snippet": snippet, "matches": [m.as_json() for m in self.matches]}


class SearchResult:
    __slots__ = ("query", "hits", "problems")

    def __init__(self, query: Query, hits: list[Hit], problems: list[Problem] | None = None) -> None:
        self.query, self.hits = query, hits
        self.problems = problems if problems is not None else []


def _query(words: list[str] | str) -> Query:
    query = parse_query(words)
    if not query.terms:
        shown = f" ({', '.join(query.ignored)} has no letters or digits)" if query.ignored else ""
        raise UsageError(f"Nothing to search for{shown}.",
                         hint='Examples: reflect search apology, reflect search "called back" -daughter')
    return query


def search_reader(reader, words: list[str] | str, *, since: dt.date | None = None, until: dt.date | None = None,
                  tags: list[str] | None = None, template: str | None = None, limit: int | None = None) -> SearchResult:
    """search() over an indexread.Reader that is in step with the files and has no problems."""
    query = _query(words)
    return SearchResult(query, _search_index(reader, query, since=since, until=until, tags=tags,
                                             template=template, shared=None, limit=limit))


def search(journal: Journal, words: list[str] | str, *, since: dt.date | None = None,
           until: dt.date | None = None, tags: list[str] | None = None, template: str | None = None,
           shared: bool | None = None, limit: int | None = None, walked=None) -> SearchResult:
    """Entries matching the query and the filters, oldest first; `limit` keeps the newest N.

    `walked` is a file walk just made (indexread.open_reader), so the index's sync need not repeat it.
    """
    query = _query(words)
    filters = dict(since=since, until=until, tags=tags, template=template, shared=shared, limit=limit)

    def indexed(idx) -> SearchResult:
        return SearchResult(query, _search_index(idx, query, **filters), idx.problems())

    def files() -> SearchResult:
        from .journal import filter_entries

        everything = journal.scan_files()
        chosen = filter_entries(everything.entries, **{**filters, "limit": None})
        hits = [hit for hit in (_match_entry(e, query) for e in chosen) if hit is not None]
        if limit is not None:
            hits = hits[-limit:] if limit > 0 else []
        return SearchResult(query, hits, everything.problems)

    return journal._via_index(indexed, files, walked)


# -- with the index ------------------------------------------------------------------------------
def _search_index(idx, query: Query, *, since, until, tags, template, shared, limit) -> list[Hit]:
    """Hits from the index (an index.Index, or an indexread.Reader known to be in step)."""
    where, args = idx.where(since, until, tags, template, shared)
    hits = []
    for row in idx.search_rows(query.fts_positive(), query.fts_negative(), where, args, limit):
        entry = idx.listed_row(row, row[17])
        matches = []
        if row[18] is not None:
            matches.extend(_marked_lines("title", row[18]))
            matches.extend(_marked_lines("body", row[19] or ""))
        hits.append(Hit(entry, matches))
    return hits


def _marked_lines(field_name: str, marked: str) -> list[LineMatch]:
    """Lines holding a highlight marker, with the markers turned into (start, end) spans."""
    out = []
    for number, line in enumerate(marked.split("\n"), start=1):
        if _START not in line:
            continue
        plain, spans, pos, opened = [], [], 0, None
        for ch in line:
            if ch == _START:
                opened = pos
            elif ch == _END:
                if opened is not None:
                    spans.append((opened, pos))
                opened = None
            else:
                plain.append(ch)
                pos += 1
        if opened is not None:  # a match running past the end of the line
            spans.append((opened, pos))
        out.append(LineMatch(field_name, number, "".join(plain).rstrip("\r"), spans))
    return out


# -- without the index (encrypted journals) -------------------------------------------------------
def _pattern(term: Term) -> re.Pattern:
    import re

    pieces = [re.escape(p) for p in re.findall(r"\w+", term.text)]
    body = r"\W+".join(pieces)
    return re.compile(r"(?<!\w)" + body + (r"\w*" if not term.phrase else r"(?!\w)"), re.IGNORECASE)


def _match_entry(entry: Entry, query: Query) -> Hit | None:
    text = f"{entry.title}\n{entry.body}\n{' '.join(entry.tags)}"
    for term in query.negative:
        if _pattern(term).search(text):
            return None
    patterns = [_pattern(t) for t in query.positive]
    if not all(p.search(text) for p in patterns):
        return None
    matches = []
    for field_name, value in (("title", entry.title), ("body", entry.body)):
        for number, line in enumerate(value.split("\n"), start=1):
            spans = sorted({m.span() for p in patterns for m in p.finditer(line)})
            if spans:
                matches.append(LineMatch(field_name, number, line.rstrip("\r"), spans))
    return Hit(entry, matches)
