"""The lexicon (reflect/data/lexicon.toml) loaded once and compiled into a few regular expressions."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

DIMENSIONS = ("exhaustion", "detachment", "inefficacy", "compassion_fatigue", "workload")
GENERIC_ROLES = frozenset({"family", "colleague", "student"})


def _lines(block: str) -> list[str]:
    return [ln.strip() for ln in block.splitlines() if ln.strip() and not ln.strip().startswith("#")]


def _compile(block: str) -> re.Pattern:
    parts = _lines(block)
    if not parts:
        return re.compile(r"(?!x)x")
    body = "|".join(f"(?:{p})" for p in parts)
    # whole words only; `^` inside a pattern still means the start of the sentence
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w])", re.MULTILINE)


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
        roles=roles,
        roles_re=roles_re,
        not_names=frozenset(_lines(d["people"]["not_names"].replace("|", "\n"))),
    )
