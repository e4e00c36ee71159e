"""Promise 4: what is written is what is read, exactly; an edit with no change changes nothing."""
from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.journal import Journal
from reflect.models import Encounter, Entry
from reflect.store import JournalStore

ROUNDTRIP_EXAMPLES = 300
BODY_EXAMPLES = 200
ENCRYPTED_EXAMPLES = 150

# Any Unicode scalar value except surrogates (not encodable as UTF-8, so never in a file).
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
TRICKY_LINES = st.sampled_from([
    "---", "--- ", "...", "---\r", "title: not the title", "id: deadbeef", "created: 2001-01-01", "- item",
    "# Heading", "```yaml", "key: [unclosed", "&anchor x", "*alias", "\ufeff", "\u2028", "\x85", "\r\n",
    "", " ", "\t", "> quote", "| pipe |", "<!-- comment -->", "\x00", "é", "🙂", "مرحبا", "\u200f",
])
BODY = st.one_of(
    ANY_TEXT,
    st.lists(st.one_of(TRICKY_LINES, ANY_TEXT), max_size=12).map("\n".join),
    st.lists(st.one_of(TRICKY_LINES, ANY_TEXT), max_size=12).map("\r\n".join),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=30), st.integers(1, 4000)),  # very long
)
TITLE = st.one_of(ANY_TEXT.map(lambda s: s[:80]), TRICKY_LINES, st.just("yes"), st.just("null"),
                  st.just("2026-01-01"), st.just("'quoted'"), st.just('"dq"'), st.just(": colon"))
TAG = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)
OFFSET = st.integers(-14 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
CREATED = st.builds(
    lambda d, s, tz: dt.datetime.combine(d, dt.time(0), tz) + dt.timedelta(seconds=s),
    st.dates(min_value=dt.date(1970, 1, 2), max_value=dt.date(2200, 12, 30)), st.integers(0, 86399), OFFSET)


@st.composite
def entries(draw) -> Entry:
    created = draw(CREATED)
    encounter = draw(st.none() | st.builds(
        Encounter, who=st.none() | ANY_TEXT, status=st.sampled_from(["open", "talked-over", "repair-planned",
                                                                     "repaired", "let-go"]),
        note=st.none() | ANY_TEXT))
    return Entry(
        id=draw(st.from_regex(r"\A[0-9a-f]{8}\Z")),
        created=created,
        updated=created + dt.timedelta(seconds=draw(st.integers(0, 10**6))),
        title=draw(TITLE),
        template=draw(st.none() | st.sampled_from(["end-of-day", "gibbs", "odd name: yes"])),
        tags=draw(st.lists(TAG, max_size=5)),
        share=draw(st.booleans()),
        starred=draw(st.booleans()),
        energy=draw(st.none() | st.integers(1, 5)),
        mood=draw(st.none() | st.integers(1, 5)),
        ratings=draw(st.dictionaries(ANY_TEXT.filter(bool).map(lambda s: s[:20]), st.integers(-5, 10), max_size=3)),
        encounter=encounter,
        follow_up_of=draw(st.none() | st.from_regex(r"\A[0-9a-f]{8}\Z")),
        source=draw(st.none() | st.sampled_from(["jrnl", "cli"])),
        body=draw(BODY),
    )


def _fields(entry: Entry) -> dict:
    return {**entry.model_dump(), "body": entry.body, "extra": entry.extra}


@settings(max_examples=ROUNDTRIP_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.large_base_example, HealthCheck.data_too_large])
@given(entry=entries())
def test_any_entry_written_then_read_is_identical(tmp_path: Path, entry: Entry) -> None:
    store = JournalStore(tmp_path / "rt")
    expected = _fields(entry)
    saved = store.create(entry)
    back = store.read(saved.path)
    assert _fields(back) == expected
    assert back.created.utcoffset() == entry.created.utcoffset()
    # ...and writing it again (replace) gives the very same bytes.
    before = saved.path.read_bytes()
    store.replace(back)
    assert saved.path.read_bytes() == before


@settings(max_examples=ENCRYPTED_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.large_base_example, HealthCheck.data_too_large])
@given(entry=entries())
def test_any_entry_encrypted_then_read_is_identical(encrypted_root: Path, entry: Entry) -> None:
    store = JournalStore(encrypted_root)
    assert store.encrypted
    expected = _fields(entry)
    saved = store.create(entry)
    assert saved.path.name.endswith(".md.age")
    assert store.read(saved.path).model_dump() == entry.model_dump()
    back = store.read(saved.path)
    assert _fields(back) == expected


@pytest.fixture
def encrypted_root(tmp_path: Path, monkeypatch) -> Path:
    from reflect import crypto

    root = tmp_path / "enc"
    key = tmp_path / "enc.key"
    crypto.setup(root, key_file=key)
    monkeypatch.setenv("REFLECT_KEY_FILE", str(key))
    return root


@settings(max_examples=BODY_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.one_of(TRICKY_LINES, ANY_TEXT), min_size=1, max_size=10).map("\n".join))
def test_journal_add_keeps_the_body_text(tmp_path: Path, text: str) -> None:
    """Through the everyday path (Journal.add): title + body hold what was typed, and the file agrees."""
    journal = Journal(tmp_path / "add")
    if not text.strip("\n").strip():
        return
    saved = journal.add(text)
    back = journal.store.read(saved.path)
    assert _fields(back) == _fields(saved)


def _editor(tmp_path: Path, script: str) -> str:
    path = tmp_path / "fake-editor.py"
    path.write_text(f"#!{sys.executable}\nimport sys\n{script}\n", encoding="utf-8")
    path.chmod(0o700)
    return str(path)


def test_edit_with_no_change_changes_nothing_on_disk(tmp_path, cli, monkeypatch, reflect_home) -> None:
    body = "Line one --- with dashes\n---\nkey: value\r\nÜnïcödé 🙂\n\n"
    assert cli("add", body).exit_code == 0
    (path,) = list((reflect_home / "entries").rglob("*.md"))
    old = past = time.time() - 3600
    os.utime(path, (past, past))
    before = path.read_bytes()
    # An editor that opens and saves the file without changing it (rewrites the same bytes).
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "p = sys.argv[1]; d = open(p, 'rb').read(); open(p, 'wb').write(d)"))
    result = cli("edit", "latest")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == before
    assert path.stat().st_mtime == old
    assert sorted(p.name for p in (reflect_home / "entries").rglob("*")) == sorted(
        p.name for p in (reflect_home / "entries").rglob("*"))
    assert not list(reflect_home.rglob("edit-*")), "the private copy must be removed"


def test_edit_with_a_change_rewrites_only_that_entry(tmp_path, cli, monkeypatch, reflect_home) -> None:
    assert cli("add", "First entry.").exit_code == 0
    assert cli("add", "Second entry.").exit_code == 0
    files = sorted((reflect_home / "entries").rglob("*.md"))
    snapshot = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "p = sys.argv[1]; d = open(p).read(); open(p, 'w').write(d + 'Added later.\\n')"))
    latest = cli("show", "latest", "--json")
    import json

    latest_path = Path(json.loads(latest.stdout)["path"])
    assert cli("edit", "latest").exit_code == 0
    for path, (data, mtime) in snapshot.items():
        if path == latest_path:
            assert path.read_bytes().endswith(b"Added later.\n")
        else:
            assert (path.read_bytes(), path.stat().st_mtime_ns) == (data, mtime)
