"""Markdown + YAML front matter, in and out, exactly.

A file is `---\n<yaml>---\n\n<body>`. Reading takes the body verbatim after the blank line we
write, so any body (with `---` lines, YAML-looking text, any Unicode, CRLF) comes back unchanged.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import EntryError
from .models import Entry
from .store import MAX_ENTRY_BYTES as MAX_BYTES  # one limit for reading and writing

_KNOWN = set(Entry.model_fields) - {"body", "path", "extra"}


class _Dumper(yaml.SafeDumper):
    """Writes datetimes as plain ISO 8601 (2026-11-21T18:30:12+00:00), which YAML reads back as timestamps."""

    def ignore_aliases(self, data: Any) -> bool:  # no &id001 anchors: files stay plain to read
        return True


_Dumper.add_representer(
    dt.datetime,
    lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat(timespec="seconds")),
)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader whose impossible timestamps (2026-13-45) stay strings, so validation names the field.

    libyaml's parser when PyYAML has it (same constructors, ~6x faster: the index reads every file
    once when it is first built); the pure-Python SafeLoader otherwise.
    """


def _lenient_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError, TypeError, AttributeError):  # AttributeError: `!!timestamp nope`
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)


# Characters a YAML reader folds or drops in plain and single-quoted scalars (NEL, line and paragraph
# separators, BOM, CR...): strings holding any of them, or anything non-printable, are written
# double-quoted with escapes, so they read back exactly.
_FRAGILE = frozenset("\x85\u2028\u2029\ufeff\r\t")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> Any:
    style = None
    if any(ch in _FRAGILE or (not ch.isprintable() and ch != "\n") for ch in value):
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


def render(entry: Entry) -> bytes:
    """The file's bytes for an entry."""
    front = entry.front_matter()
    text = "---\n" + dump_yaml(front) + "---\n\n" + entry.body
    return text.encode("utf-8")


def split(data: bytes, path: Path | str = "<entry>") -> tuple[dict[str, Any], str]:
    """Front matter mapping and body text, or EntryError saying what is wrong with the file."""
    if len(data) > MAX_BYTES:
        raise EntryError(path, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; not read")
    if not data.strip():
        raise EntryError(path, "file is empty")
    if b"\x00" in data and not data.startswith((b"---\n", b"---\r\n", b"\xef\xbb\xbf---")):
        # A NUL byte in a file that does not even start like an entry: a binary file. (A NUL inside
        # an entry's body is kept, so whatever was written reads back exactly.)
        raise EntryError(path, "file is binary, not Markdown text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EntryError(path, f"not UTF-8 text (bad byte at position {exc.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    newline = "\r\n" if text.startswith("---\r\n") else "\n"
    if not text.startswith("---" + newline):
        raise EntryError(path, "no front matter: the file must start with a '---' line")
    rest = text[3 + len(newline):]
    end = _closing_fence(rest, newline)
    if end is None:
        raise EntryError(path, "front matter is not closed by a '---' line")
    raw, body = rest[:end], rest[end + 3 + len(newline):]
    if body.startswith(newline):
        body = body[len(newline):]
    try:
        meta = yaml.load(raw, Loader=_Loader) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise EntryError(path, f"front matter is not valid YAML{where}") from None
    except RecursionError:
        raise EntryError(path, "front matter is nested too deeply") from None
    except (ValueError, TypeError, OverflowError, ArithmeticError, AttributeError, LookupError) as exc:
        raise EntryError(path, f"front matter has a value that cannot be read ({_one_line(exc)})") from None
    if not isinstance(meta, dict):
        raise EntryError(path, "front matter is not a mapping of keys to values")
    return meta, body


def _key(key: Any) -> str:
    """Hand-added keys as strings, spelled as YAML would (`null`, `true`), so they survive a rewrite."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _closing_fence(rest: str, newline: str) -> int | None:
    if rest.startswith("---" + newline) or rest == "---":
        return 0
    marker = newline + "---" + newline
    idx = rest.find(marker)
    if idx != -1:
        return idx + len(newline)
    if rest.endswith(newline + "---"):
        return len(rest) - 3
    return None


def parse(data: bytes, path: Path | str = "<entry>") -> Entry:
    """An Entry from a file's bytes, or EntryError naming the file and the problem."""
    meta, body = split(data, path)
    known = {str(k): v for k, v in meta.items() if str(k) in _KNOWN}
    extra = {_key(k): v for k, v in meta.items() if str(k) not in _KNOWN}
    if "created" not in known:
        raise EntryError(path, "front matter has no 'created' date")
    if "id" not in known:
        raise EntryError(path, "front matter has no 'id'")
    if isinstance(known.get("id"), (int, float)):
        known["id"] = str(known["id"])
    for key in ("created", "updated"):
        value = known.get(key)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            known[key] = dt.datetime.combine(value, dt.time(0)).astimezone()
        elif isinstance(value, dt.datetime) and value.tzinfo is None:
            raise EntryError(path, f"'{key}' has no timezone offset (e.g. +00:00)")
    if known.get("title") is None:
        known["title"] = ""
    try:
        entry = Entry.model_validate(known)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        msg = _one_line(Exception(first["msg"]))
        raise EntryError(path, f"front matter field '{field}': {msg}") from None
    except (TypeError, ValueError, OverflowError) as exc:
        raise EntryError(path, f"front matter could not be read: {_one_line(exc)}") from None
    entry.body = body
    try:
        entry.extra = extra
    except ValidationError as exc:
        raise EntryError(path, f"front matter has keys that cannot be kept ({_one_line(exc)})") from None
    if isinstance(path, Path):
        entry.path = path
    return entry
