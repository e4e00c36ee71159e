"""Writing a new entry from `reflect add` without Pydantic or YAML (~90 ms of start-up).

A new entry from the command line has only a few front-matter keys (id, dates, title, tags, share,
starred), and the values are usually plain words. For those, this module writes the front matter
itself, byte for byte as frontmatter.render() would (a Hypothesis test compares the two over
generated titles and tags). Anything it cannot vouch for — a value YAML would quote or fold (a
leading symbol, ": ", " #", a word like "yes" or "null", a long title, a character outside the
plain set) — returns None, and the caller takes the usual path through the models.
"""
from __future__ import annotations

import datetime as dt
import re

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # pragma: no cover
    from .indexread import Listed
    from .journal import Journal

# Letters (any script), digits, spaces and everyday punctuation; a letter first; at most 80
# characters (PyYAML folds plain scalars past its 100-column width).
_PLAIN = re.compile(r"[^\W\d_][\w ,.!?'()/&+%$£€’‘“”–—…-]{0,79}")
_RISKY = re.compile(r": |:$| #|  |\s$|[\u0085\u00a0\u2028\u2029\ufeff]")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})
_ID = re.compile(r"[0-9a-f]{8}")


def plain(value: str) -> bool:
    """True when YAML writes `value` as a plain scalar exactly as it is (no quotes, no folding)."""
    return (bool(_PLAIN.fullmatch(value)) and not _RISKY.search(value)
            and value.lower() not in _YAML_WORDS and value.isprintable())


def _plain_id(value: str) -> bool:
    """Eight hex digits that YAML reads as a string: not all digits (an int), not 0b... (binary)."""
    return (bool(_ID.fullmatch(value)) and not value.isdigit() and not value.startswith("0b")
            and not re.fullmatch(r"[0-9]+e[0-9]+", value))


def front_matter(id: str, created: dt.datetime, title: str, tags: list[str], share: bool,
                 starred: bool) -> str | None:
    """The YAML front matter (without the `---` lines) for these values, or None."""
    if not (_plain_id(id) and plain(title) and all(plain(t) for t in tags)) or created.tzinfo is None:
        return None
    stamp = created.isoformat(timespec="seconds")
    lines = [f"id: {id}", f"created: {stamp}", f"updated: {stamp}", f"title: {title}"]
    lines += ["tags:", *(f"- {t}" for t in tags)] if tags else ["tags: []"]
    lines += [f"share: {'true' if share else 'false'}", f"starred: {'true' if starred else 'false'}"]
    return "\n".join(lines) + "\n"


def quick_add(journal: Journal, text: str, *, when: dt.datetime | None = None, tags: list[str] | None = None,
              share: bool = False, starred: bool = False) -> Listed | None:
    """Journal.add for plain values, without the models: the saved entry (as an indexread.Listed), or
    None when the usual path must write it."""
    from .journal import inline_tags, split_title
    from .store import new_id
    from .tags import clean_tags

    text = (text or "").strip("\n")
    if not text.strip() or journal.store.encrypted:
        return None
    created = (when or dt.datetime.now().astimezone()).replace(microsecond=0)
    title, body = split_title(text)
    all_tags = clean_tags(list(dict.fromkeys([*(tags or []), *inline_tags(f"{title}\n{body}")])))
    entry_id = new_id()
    while not _plain_id(entry_id):  # ~2% of random ids are all digits, which YAML would read as a number
        entry_id = new_id()
    front = front_matter(entry_id, created, title, all_tags, share, starred)
    if front is None:
        return None
    body += "\n"
    data = ("---\n" + front + "---\n\n" + body).encode("utf-8")
    path = journal.store.create_file(created, title or body[:60], lambda: data)
    journal._written()
    from .indexread import Listed

    return Listed(entry_id, created, title, all_tags, None, share, starred, None, None, None, None, path, body)


# -- reading back what front_matter() writes ---------------------------------------------------
class PlainEntry:
    """An entry read from a file in exactly the form front_matter() writes, without YAML or
    Pydantic: the attributes the index stores (index.Index._put), with their defaults."""

    __slots__ = ("id", "created", "updated", "title", "tags", "share", "starred", "body", "path")
    template = energy = mood = encounter = follow_up_of = source = None
    ratings: dict = {}
    extra: dict = {}

    def __init__(self, id, created, updated, title, tags, share, starred, body, path) -> None:
        self.id, self.created, self.updated, self.title, self.tags = id, created, updated, title, tags
        self.share, self.starred, self.body, self.path = share, starred, body, path


_BOOL = {"true": True, "false": False}


def read_plain(data: bytes, path=None) -> PlainEntry | None:
    """The entry when `data` is a file in exactly the form front_matter() writes (so YAML and the
    models would read the same values), else None: the caller reads it the usual way."""
    from .store import MAX_ENTRY_BYTES

    if not data.startswith(b"---\nid: ") or len(data) > MAX_ENTRY_BYTES or b"\r" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    end = text.find("\n---\n", 3)
    if end < 0 or "\x00" in text:
        return None
    lines = text[4:end].split("\n")
    body = text[end + 5:]
    if body.startswith("\n"):
        body = body[1:]
    head = dict(line.split(": ", 1) for line in lines[:4] if ": " in line)
    if len(head) != 4 or [line.split(": ", 1)[0] for line in lines[:4]] != ["id", "created", "updated", "title"]:
        return None
    rest = lines[4:]
    if rest[:1] == ["tags: []"]:
        tags, rest = [], rest[1:]
    elif rest[:1] == ["tags:"]:
        n = 1
        while n < len(rest) and rest[n].startswith("- "):
            n += 1
        tags, rest = [t[2:] for t in rest[1:n]], rest[n:]
        if not tags:
            return None
    else:
        return None
    if len(rest) != 2 or not rest[0].startswith("share: ") or not rest[1].startswith("starred: "):
        return None
    share, starred = _BOOL.get(rest[0][7:]), _BOOL.get(rest[1][9:])
    if share is None or starred is None:
        return None
    try:
        created = dt.datetime.fromisoformat(head["created"])
        updated = dt.datetime.fromisoformat(head["updated"])
    except ValueError:
        return None
    entry_id, title = head["id"], head["title"]
    # the same test the writer applies: values YAML reads back exactly as written
    if front_matter(entry_id, created, title, tags, share, starred) != text[4:end + 1] or updated != created \
            or created.isoformat(timespec="seconds") != head["created"]:
        return None
    return PlainEntry(entry_id, created, updated, title, tags, share, starred, body, path)
