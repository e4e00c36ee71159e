"""Search: words, phrases, exclusions, filters, highlighted lines, JSON; no query text can crash it."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.search import Term, parse_query


@pytest.fixture
def journal(cli):
    cli("add", "--date", "2026-01-05 18:00", "-t", "ward",
        "Long shift. Short with a relative at handover.\nRang her back later and apologised.")
    cli("add", "--date", "2026-01-12 18:00", "-t", "community",
        "Home visit. The daughter thanked me for calling back.")
    cli("add", "--date", "2026-02-02 18:00", "-t", "ward",
        "Night shift. Quiet, café closed, no breaks again.")
    cli("add", "--date", "2026-02-09 18:00", "Supervision. Talked over the handover with my manager.")
    return cli


def _ids_titles(cli, *args):
    result = cli("search", "--json", *args)
    assert result.exit_code == 0, result.output
    return [hit["title"] for hit in json.loads(result.stdout)]


def test_parse_query_terms():
    q = parse_query(['handover', '"called back"', "-night", '-"day off"', "apolog*", "o'clock"])
    assert q.terms == [Term("handover"), Term("called back", phrase=True), Term("night", exclude=True),
                       Term("day off", phrase=True, exclude=True), Term("apolog", prefix=True),
                       Term("o'clock", phrase=True)]
    assert parse_query('"unclosed phrase').terms == [Term("unclosed phrase", phrase=True)]
    assert parse_query("--- ***").terms == [] and parse_query("--- ***").ignored == ["---", "***"]


def test_every_word_must_match_in_any_order(journal):
    assert _ids_titles(journal, "handover") == ["Long shift.", "Supervision."]
    assert _ids_titles(journal, "manager", "handover") == ["Supervision."]
    assert _ids_titles(journal, "handover", "daughter") == []


def test_phrases_match_words_in_order(journal):
    assert _ids_titles(journal, '"calling back"') == ["Home visit."]
    assert _ids_titles(journal, '"back calling"') == []
    assert _ids_titles(journal, '"rang her back"') == ["Long shift."]


def test_exclusion_with_a_dash(journal):
    assert _ids_titles(journal, "shift") == ["Long shift.", "Night shift."]
    assert _ids_titles(journal, "shift", "-night") == ["Long shift."]
    assert _ids_titles(journal, "shift", "--", "-night") == ["Long shift."]
    assert _ids_titles(journal, "shift", '-"no breaks"') == ["Long shift."]
    # only exclusions: everything else
    assert _ids_titles(journal, "-shift") == ["Home visit.", "Supervision."]


def test_case_accents_and_word_forms(journal):
    assert _ids_titles(journal, "CAFE") == ["Night shift."]
    assert _ids_titles(journal, "apologise") == ["Long shift."]
    assert _ids_titles(journal, "thank*") == ["Home visit."]


def test_filters_combine_with_text(journal):
    assert _ids_titles(journal, "shift", "--tag", "ward", "--since", "2026-02-01") == ["Night shift."]
    assert _ids_titles(journal, "handover", "--until", "2026-01-31") == ["Long shift."]
    assert _ids_titles(journal, "shift", "-t", "community") == []
    assert _ids_titles(journal, "shift", "-n", "1") == ["Night shift."]


def test_json_has_list_shape_and_matching_lines(journal):
    listed = {e["id"]: e for e in json.loads(journal("list", "--json").stdout)}
    [hit] = json.loads(journal("search", "apologised", "--json").stdout)
    matches = hit.pop("matches")
    assert hit.pop("snippet") == "Rang her back later and apologised."
    assert hit == listed[hit["id"]]
    [match] = matches
    assert match["field"] == "body" and match["line"] == 2
    assert match["text"] == "Rang her back later and apologised."
    start, end = match["spans"][0]
    assert match["text"][start:end] == "apologised"


def test_terminal_output_shows_the_matching_line(journal):
    result = journal("search", "daughter")
    assert result.exit_code == 0
    assert "Home visit." in result.stdout
    assert "The daughter thanked me for calling back." in result.stdout
    assert "1 entry match" in result.stdout
    assert "No entries match" in journal("search", "zebra").stdout


@pytest.mark.parametrize("query", ['"unclosed', "AND OR", "NOT", "NEAR(a b", "title:shift", "a*b", "^shift",
                                   '"', "(", ")", "*", "-", "--json=1", "'", "shift AND", "\\", "%_"])
def test_hostile_queries_never_crash(journal, query):
    result = journal("search", "--", query)
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output and "Unexpected" not in result.output


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_any_text_gives_a_safe_fts_query(text):
    import sqlite3

    q = parse_query(text)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body, tags, tokenize='porter unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO fts VALUES ('a', 'b', 'c')")
    for expr in (q.fts_positive(), q.fts_negative()):
        if expr:
            conn.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (expr,)).fetchall()


def test_empty_query_is_a_usage_error(journal):
    result = journal("search", "---")
    assert result.exit_code == 2
    assert "Nothing to search for" in result.stderr


def test_same_answers_without_the_index(journal, monkeypatch):
    queries = [("handover",), ("shift", "-night"), ('"calling back"',), ("thank*",), ("-shift",),
               ("shift", "-t", "ward")]
    with_index = [_ids_titles(journal, *q) for q in queries]
    monkeypatch.setenv("REFLECT_NO_INDEX", "1")
    without = [_ids_titles(journal, *q) for q in queries]
    assert with_index == without
