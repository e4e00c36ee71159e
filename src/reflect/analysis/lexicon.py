"""The lexicon (reflect/data/lexicon.toml) loaded once and compiled into a few regular expressions."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

DIMENSIONS = ("exhaustion", "detachment", "inefficacy", "compassion_fatigue", "workload")
GENERIC_ROLES = frozenset({"family", "colleague", "student"})


def _lines(block: str) -> list[str]:
    return [ln.strip() for ln in block.splitlines() if ln.strip() and not ln.strip().startswith("#")]


_COMMON = frozenset("the and with have had was were that this for from left got get off all one two out back "
                    "home time day did went came said told made took gave just still really very so too my me her "
                    "him his them they she he we i it in on at to of a an as be is are not no up".split())


def _selectivity(cand: set[str]) -> float:
    """Prefer a few long, uncommon literals over many short or everyday ones."""
    shortest = min(len(c.strip()) for c in cand)
    common = sum(1 for c in cand if c.strip() in _COMMON or len(c.strip()) < 3)
    return min(shortest, 8) - 3 * common - 0.3 * len(cand)


def _required(sub) -> set[str] | None:
    """Literal strings one of which every match of the parsed pattern must contain (None: unknown).

    Used only to skip a regex quickly when none of its literals is in the sentence."""
    from re import _constants as C  # noqa: PLC0415 - the standard library's own parser

    best: set[str] | None = None

    def consider(cand: set[str] | None):
        nonlocal best
        if cand and (best is None or _selectivity(cand) > _selectivity(best)):
            best = cand

    run = ""
    for op, av in sub:
        if op is C.LITERAL:
            run += chr(av)
            continue
        if run:
            consider({run})
            run = ""
        if op is C.SUBPATTERN:
            consider(_required(av[-1]))
        elif op is C.BRANCH:
            alts = [_required(a) for a in av[1]]
            if all(alts):
                consider(set().union(*alts))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            consider(_required(av[2]))
    if run:
        consider({run})
    return best


def _trie(words: set[str]) -> str:
    """A regular expression matching any of `words`, factored by common prefixes (fast in `re`)."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        if "" in node:
            return ""  # a shorter literal already suffices
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


class Rx:
    """A compiled alternation plus a cheap literal pre-check (same answers, less work)."""

    __slots__ = ("rx", "gate", "pattern")

    def __init__(self, rx: re.Pattern, gate: re.Pattern | None):
        self.rx = rx
        self.gate = gate
        self.pattern = rx.pattern

    def finditer(self, text: str, *args):
        if self.gate is not None and not self.gate.search(text):
            return iter(())
        return self.rx.finditer(text, *args)

    def search(self, text: str, *args):
        if self.gate is not None and not self.gate.search(text):
            return None
        return self.rx.search(text, *args)

    def match(self, text: str, *args):
        return self.rx.match(text, *args)


def _compile(block: str) -> Rx:
    parts = _lines(block)
    if not parts:
        return Rx(re.compile(r"(?!x)x"), None)
    body = "|".join(f"(?:{p})" for p in parts)
    # whole words only; `^` inside a pattern still means the start of the sentence
    rx = re.compile(rf"(?<![\w'])(?:{body})(?![\w])", re.MULTILINE)
    gate = None
    try:
        from re import _parser

        lits: set[str] = set()
        for p in parts:
            req = _required(_parser.parse(p))
            if not req:
                lits = set()
                break
            lits |= req
        if lits:
            gate = re.compile(_trie(lits))
    except Exception:  # noqa: BLE001 - the gate is only an optimisation
        gate = None
    return Rx(rx, gate)


@dataclass(frozen=True)
class Lexicon:
    dimensions: dict
    encounter_strong: re.Pattern
    encounter_weak: re.Pattern
    continuation: re.Pattern
    personal: re.Pattern
    ongoing: re.Pattern
    repair: dict
    intent: re.Pattern
    unsent: re.Pattern
    trivial: re.Pattern
    kind_given: re.Pattern
    kind_received: re.Pattern
    kind_cancel: re.Pattern
    crisis: re.Pattern
    reported: re.Pattern
    negators: re.Pattern
    hedges: re.Pattern
    past: re.Pattern
    present: re.Pattern
    positive: re.Pattern
    sarcasm: re.Pattern
    banter: re.Pattern
    tmpl_given: re.Pattern
    tmpl_received: re.Pattern
    tmpl_empty: re.Pattern
    low_ratings: dict     # rating key -> dimension
    roles: dict           # synonym -> canonical
    roles_re: re.Pattern
    not_names: frozenset


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    import tomllib

    from ..paths import data_file

    with open(data_file("lexicon.toml"), "rb") as fh:
        d = tomllib.load(fh)
    roles: dict[str, str] = {}
    for line in _lines(d["people"]["roles"]):
        canon, _, syns = line.partition("=")
        for syn in syns.split("|"):
            roles[syn.strip()] = canon.strip()
    roles_re = re.compile(r"(?<![\w'])(" + "|".join(sorted(map(re.escape, roles), key=len, reverse=True))
                          + r")(?:'s|s)?(?![\w])")
    m = d["modifiers"]
    return Lexicon(
        dimensions={k: _compile(v["patterns"]) for k, v in d["dimensions"].items()},
        encounter_strong=_compile(d["encounter"]["strong"]),
        encounter_weak=_compile(d["encounter"]["weak"]),
        continuation=_compile(d["encounter"]["continuation"]),
        personal=_compile(d["encounter"]["personal"]),
        ongoing=_compile(d["encounter"]["ongoing"]),
        repair={k: _compile(d["repair"][k]) for k in ("apologised", "cleared", "followed", "let_go")},
        intent=_compile(d["repair"]["intent"]),
        unsent=_compile(d["repair"]["unsent"]),
        trivial=_compile(d["repair"]["trivial"]),
        kind_given=_compile(d["kindness"]["given"]),
        kind_received=_compile(d["kindness"]["received"]),
        kind_cancel=_compile(d["kindness"]["cancel"]),
        crisis=_compile(d["crisis"]["first_person"]),
        reported=_compile(d["crisis"]["reported"]),
        negators=_compile(m["negators"]),
        hedges=_compile(m["hedges"]),
        past=_compile(m["past"]),
        present=_compile(m["present"]),
        positive=_compile(m["positive"]),
        sarcasm=_compile(m["sarcasm"]),
        banter=_compile(m["banter"]),
        tmpl_given=re.compile("|".join(_lines(d["templates"]["kindness_given"])), re.I),
        tmpl_received=re.compile("|".join(_lines(d["templates"]["kindness_received"])), re.I),
        tmpl_empty=re.compile("|".join(_lines(d["templates"]["empty_answer"])), re.I),
        low_ratings={k.strip(): v.strip() for k, _, v in
                     (ln.partition("=") for ln in _lines(d["templates"]["low_ratings"]))},
        roles=roles,
        roles_re=roles_re,
        not_names=frozenset(_lines(d["people"]["not_names"].replace("|", "\n"))),
    )
