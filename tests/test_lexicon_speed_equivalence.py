"""The lexicon's fast matching (analysis/lexicon.py: each block split into its patterns, tried only when
one of their literals occurs in the text) must find exactly what the single alternation
`(?<![\\w'])(?:p1|p2|...)(?![\\w])` finds: same spans, same words, same order. Not a timing test."""
from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.analysis import lexicon as L
from reflect.analysis.broad import broad

ALPHABET = st.sampled_from("abcdefghijklmnopqrstuvwxyz  '-0123456789\".,;!?")
SEPARATORS = [" ", " ", ", ", ". ", " - ", "\n", " and ", "'", ""]
FILLER = ["i", "we", "she", "not", "never", "the", "a", "so", "really", "was", "it", "today", "didn't",
          "home", "back", "with", "over", "for", "her", "him", "me", "my", "again", "still", "just"]


def _blocks() -> dict[str, L.Rx]:
    out: dict[str, L.Rx] = {}
    for prefix, obj in (("lex", L.lexicon()), ("broad", broad())):
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            items = value.items() if isinstance(value, dict) else [("", value)]
            for key, rx in items:
                if isinstance(rx, L.Rx):
                    out[f"{prefix}.{f.name}{'.' + key if key else ''}"] = rx
    return out


BLOCKS = _blocks()
SPLIT = {name: rx for name, rx in BLOCKS.items() if rx._sources is not None}


def _pattern_of(source: str) -> str:
    """The data file's pattern inside one split part `(?<![\\w'])(?:PATTERN)(?![\\w])`."""
    head, tail = "(?<![\\w'])(?:", ")(?![\\w])"
    assert source.startswith(head) and source.endswith(tail)
    return source[len(head):-len(tail)]


# the patterns themselves, as written in the data files (to generate text that matches them)
PATTERNS = sorted({_pattern_of(s) for rx in SPLIT.values() for s in rx._sources})


def _spans(it) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in it]


def assert_same(rx: L.Rx, text: str, name: str = "") -> None:
    whole = rx.rx
    assert _spans(rx.finditer(text)) == _spans(whole.finditer(text)), (name, text)
    a, b = rx.search(text), whole.search(text)
    assert (a and (a.span(), a.group(0))) == (b and (b.span(), b.group(0))), (name, text)
    for pos in {0, 1, len(text) // 2, max(len(text) - 3, 0)}:
        for endpos in (len(text), max(len(text) - 2, 0)):
            a, b = rx.search(text, pos, endpos), whole.search(text, pos, endpos)
            assert (a and a.span()) == (b and b.span()), (name, text, pos, endpos)
            assert _spans(rx.finditer(text, pos, endpos)) == _spans(whole.finditer(text, pos, endpos)), \
                (name, text, pos, endpos)
        a, b = rx.match(text, pos), whole.match(text, pos)
        assert (a and a.span()) == (b and b.span()), (name, text, pos)


# -- the real lexicon -------------------------------------------------------------------------------

def test_the_big_blocks_are_split_and_keep_their_single_alternation():
    assert len(SPLIT) >= 20
    for name in ("lex.dimensions.workload", "lex.crisis", "broad.dimensions.workload", "broad.kind_given"):
        assert name in SPLIT, name
    for name, rx in BLOCKS.items():
        assert rx.rx.pattern == rx.pattern and rx.rx.flags & re.MULTILINE, name
        assert rx.pattern.startswith("(?<![\\w'])(?:") and rx.pattern.endswith(")(?![\\w])"), name


def test_the_crisis_check_at_save_time_uses_the_whole_alternation():
    from reflect.analysis.entry_gate import crisis_gate

    gate = crisis_gate()
    assert isinstance(gate, re.Pattern)
    assert gate.pattern == L.lexicon().crisis.pattern


fragment = st.one_of(
    st.sampled_from(PATTERNS).flatmap(lambda p: st.from_regex(p, fullmatch=True, alphabet=ALPHABET)),
    st.sampled_from(FILLER),
    st.sampled_from(sorted(L._LITERALS._lits)),
)


@st.composite
def sentences(draw) -> str:
    parts = draw(st.lists(fragment, min_size=1, max_size=6))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps)).lower()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences())
def test_split_blocks_match_exactly_like_the_single_alternation(text):
    for name, rx in SPLIT.items():
        assert_same(rx, text, name)


def test_every_pattern_written_alone_matches_like_the_block(tmp_path):
    """Each pattern's own text (a stand-in for a sentence that uses it) gives the same matches."""
    words = {w for p in PATTERNS for w in re.findall(r"[a-z']{2,}(?: [a-z']{2,})*", p)}
    for text in sorted(words):
        for name, rx in SPLIT.items():
            assert _spans(rx.finditer(text)) == _spans(rx.rx.finditer(text)), (name, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(sorted(L._LITERALS._lits) + FILLER + ["", " ", "\n"]), max_size=8))
def test_the_literal_scan_finds_exactly_the_literals_present(words):
    text = " ".join(words)
    assert L._LITERALS.present(text) == {lit for lit in L._LITERALS._lits if lit in text}


# -- made-up blocks for the awkward cases -----------------------------------------------------------

TRICKY = [
    # at the same start the earlier pattern wins, whether shorter or longer
    "run\nrun ragged\nragged",
    "run ragged\nrun\nragged out",
    # literals that are prefixes of each other, in different patterns
    "over\nover the top\nthe top( of it)?\nto(p|o)",
    # a pattern without a literal, one with only a one-letter literal, and a lookbehind inside
    r"\d+ (hours|shifts)" "\n" r"[a-z]+ing" "\n" r"(i|we) (\w+ )?was" "\n" r"(?<!not )tired" "\n" "so tired\nwas",
    # `^` is the start of the text (or of a line): MULTILINE as before
    "^so\nso there\n^and then\nthen",
    # overlapping candidates: a later pattern starts inside an earlier match
    "a b c\nb c d\nc d e\nd e\ne f g\nf g",
]
WORDS = ["run", "ragged", "out", "over", "the", "top", "of", "it", "to", "too", "so", "there", "and", "then",
         "tired", "not", "was", "i", "we", "a", "b", "c", "d", "e", "f", "g", "12", "hours", "shifts",
         "running", "ing"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TRICKY),
       st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=10))
def test_made_up_blocks_match_exactly_like_the_single_alternation(block, words):
    rx = L._compile(block, min_split=1)
    assert rx._sources is not None
    text = "".join(w + s for w, s in words)
    assert_same(rx, text, block)


@pytest.mark.parametrize("block, text, expected", [
    ("run\nrun ragged\nragged", "i'm run ragged", ["run", "ragged"]),
    ("run ragged\nrun\nragged", "i'm run ragged", ["run ragged"]),
    ("a b c\nb c d\nc d e\nd e\ne f g\nf g", "a b c d e f g", ["a b c", "d e", "f g"]),
    ("over\nover the top\nthe top( of it)?\nto(p|o)\nit\nof", "over the top of it", ["over", "the top of it"]),
])
def test_made_up_blocks_known_answers(block, text, expected):
    rx = L._compile(block, min_split=1)
    assert rx._sources is not None
    assert [m.group(0) for m in rx.finditer(text)] == expected
    assert [m.group(0) for m in rx.rx.finditer(text)] == expected
    assert rx.search(text).group(0) == expected[0]


@pytest.mark.parametrize("block", [
    r"(\w+) \1" "\nthe same\nagain\nand again\nover\nunder",   # a back reference: numbering would change
    "a?\nb\nc d\ne f\ng h\ni j",                              # a pattern that can match nothing
    "(?P<x>one)\ntwo\nthree\nfour\nfive\nsix",                 # a named group
])
def test_blocks_that_cannot_be_split_use_the_single_alternation(block):
    rx = L._compile(block, min_split=1)
    assert rx._sources is None
    for text in ("again again and over", "one two b", "c d e f", ""):
        assert_same(rx, text, block)


def test_small_and_empty_blocks():
    assert L._compile("").search("anything") is None
    assert list(L._compile("# only a comment\n").finditer("anything")) == []
    small = L._compile("tired\nworn out")
    assert [m.group(0) for m in small.finditer("so tired and worn out")] == ["tired", "worn out"]
