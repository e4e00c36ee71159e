"""Promise 3 (property half): the parser never fails with anything but the project's own error.

Random bytes and random near-valid front matter go into frontmatter.parse: it returns an Entry
or raises a ReflectError subclass (EntryError), never a YAML, Pydantic, Unicode or other error.
Example counts are explicit so the closing note can quote them.
"""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect import frontmatter
from reflect.errors import EntryError, ReflectError
from reflect.models import Entry

RANDOM_BYTES_EXAMPLES = 1000
NEAR_VALID_EXAMPLES = 1000
MUTATION_EXAMPLES = 700


def _parse_or_own_error(data: bytes) -> Entry | None:
    try:
        entry = frontmatter.parse(data, "fuzz.md")
    except ReflectError as exc:
        assert isinstance(exc, EntryError), f"{type(exc).__name__} is not an EntryError"
        assert exc.problem and "\n" not in exc.problem, "the message must be one line"
        return None
    assert isinstance(entry, Entry)
    return entry


@settings(max_examples=RANDOM_BYTES_EXAMPLES, deadline=None)
@given(st.binary(max_size=2048))
def test_random_bytes_give_entry_or_entry_error(data: bytes) -> None:
    _parse_or_own_error(data)


@settings(max_examples=RANDOM_BYTES_EXAMPLES // 3, deadline=None)
@given(st.binary(max_size=512))
def test_random_bytes_after_a_fence_give_entry_or_entry_error(data: bytes) -> None:
    _parse_or_own_error(b"---\n" + data)
    _parse_or_own_error(b"---\n" + data + b"\n---\n\nbody\n")


# -- near-valid front matter -----------------------------------------------------------------
KEYS = ["id", "created", "updated", "title", "template", "tags", "share", "starred", "energy", "mood",
        "ratings", "encounter", "follow_up_of", "source", "aliases", "created ", "Created", "?", "- id",
        "[id]", "{a: 1}", "&anchor id", "*alias", "!!python/object:os.system", "!!binary", "<<"]
VALUES = [
    "3f9a2c1b", "'3f9a2c1b'", "12345678", "1e400", "-0", "0x1F", ".nan", ".inf", "~", "null", "", "''",
    "2026-11-21T18:30:00+00:00", "2026-11-21T18:30:00", "2026-11-21", "2026-13-45", "2026-02-30T25:61:61Z",
    "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+00:00", "2026-11-21 18:30:00.123456789 +5",
    "yes", "no", "on", "true", "True", "[]", "{}", "[a, b, c]", "[1, [2, [3]]]", "{who: patient, status: open}",
    "{status: maybe}", "{who: [1]}", "{x: 1}", "'unterminated", "\"bad \\x escape\"", "|", ">-", "&a 1", "*a",
    "*undefined", "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]", "!!python/name:os.system",
    "!!timestamp nope", "!!int 12abc", "!!float x", "!!bool maybe", "[" * 40, "{" * 40,
    "99999999999999999999999999", "-1", "6", "3", "\t", "@tag", "#comment", "% directive",
]


@st.composite
def near_valid(draw) -> bytes:
    lines = []
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=8)):
        value = draw(st.one_of(st.sampled_from(VALUES), st.text(max_size=20)))
        indent = draw(st.sampled_from(["", "", "", " ", "  ", "\t"]))
        lines.append(f"{indent}{key}: {value}")
    if draw(st.booleans()):
        lines.insert(0, "id: 3f9a2c1b")
        lines.insert(1, "created: 2026-11-21T18:30:00+00:00")
    draw(st.randoms()).shuffle(lines)
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    closing = draw(st.sampled_from(["---", "---", "...", "--- ", "----", ""]))
    body = draw(st.text(max_size=80))
    text = "---" + newline + newline.join(lines) + newline + closing + newline + newline + body
    if draw(st.booleans()):
        text = "\ufeff" + text
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


@settings(max_examples=NEAR_VALID_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(near_valid())
def test_near_valid_front_matter_gives_entry_or_entry_error(data: bytes) -> None:
    _parse_or_own_error(data)


VALID = (b"---\nid: 3f9a2c1b\ncreated: 2026-11-21T18:30:00+00:00\nupdated: 2026-11-21T18:30:00+00:00\n"
         b"title: A long day\ntags:\n- ward\nshare: false\nstarred: false\nencounter:\n  who: relative\n"
         b"  status: open\n---\n\nBody text.\n")


@settings(max_examples=MUTATION_EXAMPLES, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255), st.sampled_from("rdi")),
                min_size=1, max_size=6))
def test_mutated_valid_file_gives_entry_or_entry_error(mutations) -> None:
    data = bytearray(VALID)
    for pos, byte, kind in mutations:
        pos = min(pos, len(data) - 1)
        if kind == "r":
            data[pos] = byte
        elif kind == "d":
            del data[pos]
        else:
            data.insert(pos, byte)
    _parse_or_own_error(bytes(data))


def test_the_valid_file_itself_parses() -> None:
    entry = _parse_or_own_error(VALID)
    assert entry is not None and entry.id == "3f9a2c1b" and entry.body == "Body text.\n"
    assert entry.created == dt.datetime(2026, 11, 21, 18, 30, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("data, fragment", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"---\nid: x\xff\n---\n", "UTF-8"),
    (b"---\nid: [unclosed\n---\n", "YAML"),
    (b"---\n- a\n- b\n---\n", "mapping"),
    (b"---\nid: a1\n---\n", "created"),
    (b"---\nid: a1\ncreated: someday\n---\n", "created"),
    (b"---\nid: a1\ncreated: 2026-13-45\n---\n", "created"),
    (b"---\nid: a1\ncreated: 2026-11-21T10:00:00\n---\n", "timezone"),
    (b"no front matter", "front matter"),
])
def test_each_bad_shape_has_its_own_message(data: bytes, fragment: str) -> None:
    with pytest.raises(EntryError) as info:
        frontmatter.parse(data, "bad.md")
    assert fragment.lower() in info.value.problem.lower()
