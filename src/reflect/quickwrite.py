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
    from .index import Listed
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


def _clean_tags(tags: list[str]) -> list[str]:
    """As models.Entry cleans them: leading '#', '@' and spaces dropped, empty ones left out."""
    cleaned = (re.sub(r"^[\s#@]+", "", str(t)).strip() for t in tags)
    return [t for t in cleaned if t]


def quick_add(journal: Journal, text: str, *, when: dt.datetime | None = None, tags: list[str] | None = None,
              share: bool = False, starred: bool = False) -> Listed | None:
    """Journal.add for plain values, without the models: the saved entry (as an index.Listed), or
    None when the usual path must write it."""
    from .journal import inline_tags, split_title
    from .store import new_id

    text = (text or "").strip("\n")
    if not text.strip() or journal.store.encrypted:
        return None
    created = (when or dt.datetime.now().astimezone()).replace(microsecond=0)
    title, body = split_title(text)
    all_tags = _clean_tags(list(dict.fromkeys([*(tags or []), *inline_tags(f"{title}\n{body}")])))
    entry_id = new_id()
    front = front_matter(entry_id, created, title, all_tags, share, starred)
    if front is None:
        return None
    body += "\n"
    data = ("---\n" + front + "---\n\n" + body).encode("utf-8")
    path = journal.store.create_file(created, title or body[:60], lambda: data)
    journal._written()
    from .index import Listed

    return Listed(entry_id, created, title, all_tags, None, share, starred, None, None, None, None, path, body)
