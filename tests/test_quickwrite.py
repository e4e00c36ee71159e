"""`reflect add` writes plain entries without Pydantic or YAML (reflect.quickwrite): the bytes must be
exactly what the models and the YAML writer produce, and anything it cannot vouch for goes the usual way."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect import frontmatter, quickwrite
from reflect.models import Entry

UTC = dt.timezone.utc
WORDS = st.text(alphabet=st.sampled_from(list("abcXYZ éü’ ,.!?'()-/&+09_:#\"%*")), min_size=1, max_size=90)
STAMPS = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2090, 1, 1),
                      timezones=st.sampled_from([UTC, dt.timezone(dt.timedelta(hours=-5)),
                                                 dt.timezone(dt.timedelta(hours=5, minutes=30))]))


def _yaml_front(id_, created, title, tags, share, starred) -> str:
    created = created.replace(microsecond=0)
    entry = Entry(id=id_, created=created, updated=created, title=title, body="x\n", tags=tags,
                  share=share, starred=starred)
    text = frontmatter.render(entry).decode("utf-8")
    return text[len("---\n"):text.index("---\n\n", 4)]


@settings(max_examples=400, deadline=None)
@given(st.from_regex(r"[0-9a-f]{8}", fullmatch=True), STAMPS, WORDS, st.lists(WORDS, max_size=3),
       st.booleans(), st.booleans())
def test_quick_front_matter_is_byte_for_byte_what_yaml_writes_or_nothing(id_, created, title, tags, share, starred):
    created = created.replace(microsecond=0)
    quick = quickwrite.front_matter(id_, created, title, tags, share, starred)
    if quick is not None:
        assert quick == _yaml_front(id_, created, title, tags, share, starred)


@pytest.mark.parametrize("title", ["Quiet shift, handed over on time.", "Rang Mrs K’s daughter back",
                                   "Café visit (late) & a long chat!", "Day 3 of 5 on nights"])
def test_everyday_titles_take_the_quick_way(title):
    stamp = dt.datetime(2026, 11, 21, 18, 30, tzinfo=UTC)
    assert quickwrite.front_matter("a1b2c3d4", stamp, title, ["nights"], False, True) is not None


@pytest.mark.parametrize("title", ["yes", "Null", "Note: handover", "- a list?", "#tag first", "12345",
                                   "x" * 120, "trailing ", "@someone first", "\"quoted\""])
def test_titles_yaml_would_quote_or_fold_take_the_usual_way(title):
    stamp = dt.datetime(2026, 11, 21, 18, 30, tzinfo=UTC)
    assert quickwrite.front_matter("a1b2c3d4", stamp, title, [], False, False) is None


@pytest.mark.parametrize("id_", ["12345678", "0b010110", "00000001"])
def test_ids_yaml_would_read_as_numbers_take_the_usual_way(id_):
    stamp = dt.datetime(2026, 11, 21, 18, 30, tzinfo=UTC)
    assert quickwrite.front_matter(id_, stamp, "Fine", [], False, False) is None


def test_add_writes_the_same_file_both_ways_and_needs_no_models(reflect_home):
    from reflect.journal import Journal

    journal = Journal(reflect_home)
    when = dt.datetime(2026, 11, 20, 19, 5, tzinfo=UTC)
    quick = quickwrite.quick_add(journal, "Long clinic. Everyone seen @clinic", when=when, tags=["#late"],
                                 starred=True)
    full = journal.add("Long clinic. Everyone seen @clinic", when=when, tags=["#late"], starred=True)
    strip = lambda b: b.split(b"\n", 2)[2]  # noqa: E731 - the ids differ, nothing else may
    assert strip(quick.path.read_bytes()) == strip(full.path.read_bytes())
    assert quick.as_json() | {"id": None, "path": None} == full.as_json() | {"id": None, "path": None}
    assert journal.get(quick.id).title == "Long clinic."

    code = ("import sys, reflect.fastpath as f; sys.argv = ['reflect', 'add', 'Quiet one. Home early.']\n"
            "try:\n    f.main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pydantic', 'yaml', 'typer', 'rich') if m in sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**__import__("os").environ, "REFLECT_HOME": str(reflect_home)})
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().endswith("[]"), done.stderr


PLAINISH = st.from_regex(r"[A-Za-zé][A-Za-z0-9é’ ,.!?'()/&+-]{0,85}", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(STAMPS, PLAINISH, st.lists(PLAINISH, max_size=3))
def test_plain_looking_values_mostly_take_the_quick_way_and_match(created, title, tags):
    created = created.replace(microsecond=0)
    quick = quickwrite.front_matter("c0ffee42", created, title, tags, True, False)
    assert (quick is not None) == all(quickwrite.plain(v) for v in [title, *tags])
    if quick is not None:
        assert quick == _yaml_front("c0ffee42", created, title, tags, True, False)


@settings(max_examples=200, deadline=None)
@given(STAMPS, PLAINISH, st.lists(PLAINISH, max_size=3), st.booleans(), st.booleans(),
       st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=60))
def test_a_plain_file_reads_back_without_yaml_exactly_as_the_models_read_it(created, title, tags, share, starred, body):
    created = created.replace(microsecond=0)
    front = quickwrite.front_matter("c0ffee42", created, title, tags, share, starred)
    if front is None:
        return
    data = ("---\n" + front + "---\n\n" + body).encode("utf-8")
    quick = quickwrite.read_plain(data, "x.md")
    full = frontmatter.parse(data, "x.md")
    if "\x00" in body:   # a NUL byte: left to the careful reader
        assert quick is None
        return
    assert quick is not None
    for name in ("id", "title", "tags", "share", "starred", "body", "template", "energy", "mood",
                 "encounter", "follow_up_of", "source", "ratings", "extra"):
        assert getattr(quick, name) == getattr(full, name), name
    assert quick.created == full.created and quick.created.isoformat() == full.created.isoformat()
    assert quick.updated == full.updated


@pytest.mark.parametrize("change", [
    (b"starred: false", b"starred: no"), (b"tags: []", b"tags: [a]"), (b"title: Fine", b"title: 'Fine'"),
    (b"share: false\n", b"share: false\nenergy: 2\n"), (b"id: c0ffee42", b"id: 12345678"),
])
def test_anything_else_is_left_to_the_yaml_reader(change):
    stamp = dt.datetime(2026, 11, 21, 18, 30, tzinfo=UTC)
    data = ("---\n" + quickwrite.front_matter("c0ffee42", stamp, "Fine", [], False, False) + "---\n\nx\n").encode()
    assert quickwrite.read_plain(data, "x.md") is not None
    assert quickwrite.read_plain(data.replace(*change), "x.md") is None


def test_the_first_list_after_an_add_needs_no_yaml_or_models(reflect_home):
    import os

    env = {**os.environ, "REFLECT_HOME": str(reflect_home)}
    reflect = [sys.executable, "-c", "import sys, reflect.fastpath as f; sys.argv = ['reflect'] + sys.argv[1:]\n"
               "try:\n    f.main()\nexcept SystemExit:\n    pass\n"
               "print(sorted(m for m in ('pydantic', 'yaml') if m in sys.modules), file=sys.stderr)"]
    assert subprocess.run(reflect + ["list"], capture_output=True, env=env).returncode == 0
    assert subprocess.run(reflect + ["add", "Quiet one. Home early."], capture_output=True, env=env).returncode == 0
    done = subprocess.run(reflect + ["list", "--json"], capture_output=True, text=True, env=env)
    assert '"title": "Quiet one."' in done.stdout
    assert done.stderr.strip().endswith("[]"), done.stderr


def test_an_id_yaml_would_read_as_a_number_is_drawn_again(reflect_home, monkeypatch):
    from reflect import store
    from reflect.journal import Journal

    ids = iter(["12345678", "0b101101", "a1b2c3d4"])
    monkeypatch.setattr(store, "new_id", lambda: next(ids))
    entry = quickwrite.quick_add(Journal(reflect_home), "A plain one.")
    assert entry is not None and entry.id == "a1b2c3d4"
