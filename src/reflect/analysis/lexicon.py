"""The lexicon (reflect/data/lexicon.toml) loaded once and compiled into a few regular expressions."""
from __future__ import annotations

import re
import sys
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
            if not av[1] & re.IGNORECASE:   # (?i:...): the gates compare case-sensitively
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


_NEVER = r"(?!x)x"
_MIN_LITERAL = 2  # shorter literals are not worth looking for
_MIN_SPLIT = 6    # smaller blocks are as quick as one alternation behind one literal pre-check
_WRAP = r"(?<![\w'])(?:{})(?![\w])"   # whole words only; `^` inside a pattern still means the sentence start


class Rx:
    r"""A block of patterns matched as the one alternation `(?<![\w'])(?:p1|p2|...)(?![\w])`, fast.

    `re` tries every alternative at every position, so a block of a hundred patterns costs a
    hundred attempts per character. Instead, each pattern's required literals (one of which every
    match of it contains, see `_required`) are found in the text with a single scan (a look-ahead
    over a trie of all of them), and only the patterns whose literal occurs are tried, each as its
    own small regex (compiled on first use). `search`, `finditer` and `match` give exactly the
    matches (spans and matched text) the single alternation gives: the leftmost match, and at equal
    starts the earlier pattern of the block; `finditer` continues after each match's end. Group
    numbers inside a match are its pattern's own, not the alternation's (callers use the span and
    group(0) only). `.rx` is the single alternation (compiled on first use), `.pattern` its source.
    A block that cannot be split safely (back references, named groups, global flags, a pattern
    that can match the empty string) is matched with `.rx` behind a literal pre-check (`gate`)."""

    __slots__ = ("_rx", "gate", "pattern", "_flags", "_sources", "_each", "_owners", "_lits", "_always")

    def __init__(self, rx: re.Pattern | str, gate: re.Pattern | None = None, *, flags: int = 0,
                 sources: list[str] | None = None, reqs: list | None = None):
        self._rx = rx if isinstance(rx, re.Pattern) else None
        self.pattern = rx.pattern if isinstance(rx, re.Pattern) else rx
        self._flags = flags
        self.gate = gate
        self._sources = sources        # each pattern wrapped on its own; None: match with .rx
        self._each = [None] * len(sources) if sources else None
        self._owners: dict[str, tuple] = {}   # literal -> the patterns that need it
        self._lits = frozenset()
        self._always: tuple = ()       # patterns without a useful literal: always tried
        if sources:
            owners: dict[str, list[int]] = {}
            always = []
            for i, req in enumerate(reqs):
                if not req or min(map(len, req)) < _MIN_LITERAL:
                    always.append(i)   # a one-letter literal (" ") would be found in every sentence
                    continue
                for lit in req:
                    owners.setdefault(lit, []).append(i)
            self._always = tuple(always)
            self._owners = {lit: tuple(idx) for lit, idx in owners.items()}
            self._lits = frozenset(owners)
            _LITERALS.add(self._owners)

    @property
    def rx(self) -> re.Pattern:
        if self._rx is None:
            self._rx = re.compile(self.pattern, self._flags)
        return self._rx

    def _one(self, i: int) -> re.Pattern:
        rx = self._each[i]
        if rx is None:
            rx = self._each[i] = re.compile(self._sources[i], self._flags)
        return rx

    def _candidates(self, text: str) -> list[re.Pattern]:
        """The block's patterns, in order, that can match somewhere in `text` (one of their
        literals occurs in it)."""
        hits = (_LITERALS.seen.get(text) or _LITERALS.present(text)) & self._lits
        if not hits:
            return [self._one(i) for i in self._always]
        found = set(self._always)
        owners = self._owners
        for lit in hits:
            found.update(owners[lit])
        return [self._one(i) for i in sorted(found)]

    def finditer(self, text: str, *args):
        if self._sources is None:
            if self.gate is not None and not self.gate.search(text):
                return iter(())
            return self.rx.finditer(text, *args)
        live = self._candidates(text)
        if not live:
            return iter(())
        if len(live) == 1:
            return live[0].finditer(text, *args)
        return _merged(live, text, *args)

    def search(self, text: str, *args):
        if self._sources is None:
            if self.gate is not None and not self.gate.search(text):
                return None
            return self.rx.search(text, *args)
        best = None
        for rx in self._candidates(text):
            m = rx.search(text, *args)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best

    def match(self, text: str, *args):
        if self._sources is None:
            return self.rx.match(text, *args)
        for rx in self._candidates(text):
            m = rx.match(text, *args)
            if m is not None:
                return m   # at one position the earliest pattern that matches is the alternation's match
        return None


class _LiteralScan:
    """Which of the split blocks' literals occur in a text: one scan for all blocks, remembered for
    the last few hundred texts (each sentence is matched against some thirty blocks).

    The scan is a look-ahead over a trie of the minimal literals (those with no other literal as a
    prefix), so it reports every position where one starts; a longer literal can only occur where
    its minimal prefix does, and is then checked with `in`."""

    def __init__(self):
        self._lits: set[str] = set()
        self._scan = None        # (compiled scan, minimal literal -> longer literals starting with it)
        self.seen: dict[str, frozenset] = {}

    def add(self, lits) -> None:
        new = set(lits) - self._lits
        if new:
            self._lits |= new
            self._scan = None
            self.seen = {}

    def _build(self):
        ext: dict[str, list[str]] = {}
        longer = []
        for lit in self._lits:
            short = next((lit[:k] for k in range(1, len(lit)) if lit[:k] in self._lits), None)
            if short is None:
                ext.setdefault(lit, [])
            else:
                longer.append((short, lit))   # the shortest prefix in the set is itself minimal
        for short, lit in longer:
            ext[short].append(lit)
        scan = re.compile("(?=(" + _trie(set(ext)) + "))") if ext else None
        self._scan = (scan, {k: tuple(sorted(v)) for k, v in ext.items()})
        return self._scan

    def present(self, text: str) -> frozenset:
        seen = self.seen
        got = seen.get(text)
        if got is None:
            scan, ext = self._scan or self._build()
            found = set()
            if scan is not None:
                for w in set(scan.findall(text)):
                    found.add(w)
                    for v in ext[w]:
                        if v in text:
                            found.add(v)
            got = frozenset(found)
            if len(seen) >= 512:
                seen.clear()
            seen[text] = got
        return got


_LITERALS = _LiteralScan()


def _merged(live: list, text: str, pos: int = 0, endpos: int = sys.maxsize):
    """finditer over the alternation of the `live` patterns (in block order), as one regex gives it.

    No pattern matches the empty string (checked by `_compile`), so after a match ending at `end`
    the next one is the leftmost match starting at or after `end`, the earliest pattern winning a
    tie. A pattern's pending match that starts at or after `end` is still its leftmost one from
    there: an attempt at a position does not depend on where the search started (look-behinds and
    `^` see the whole string)."""
    heads = [rx.search(text, pos, endpos) for rx in live]
    while True:
        best = None
        for m in heads:
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        yield best
        end = best.end()
        for i, m in enumerate(heads):
            if m is not None and m.start() < end:
                heads[i] = live[i].search(text, end, endpos)


def _splittable(tree) -> bool:
    """Whether a pattern matches the same on its own as inside the alternation: no global flags,
    group names or back references (their numbering would differ), and never the empty string."""
    from re import _constants as C  # noqa: PLC0415
    from re._parser import SubPattern  # noqa: PLC0415

    if tree.state.flags & ~re.UNICODE or tree.state.groupdict or tree.getwidth()[0] == 0:
        return False

    def ok(node) -> bool:
        if isinstance(node, SubPattern):
            return all(ok(item) for item in node.data)
        if isinstance(node, (tuple, list)):
            if node and (node[0] is C.GROUPREF or node[0] is C.GROUPREF_EXISTS):
                return False
            return all(ok(x) for x in node)
        return True

    return ok(tree)


def _compile(block: str, *, min_split: int = _MIN_SPLIT) -> Rx:
    """One block of patterns (one a line) as an `Rx`; split into its patterns from `min_split` on."""
    parts = _lines(block)
    if not parts:
        return Rx(re.compile(_NEVER))
    source = _WRAP.format("|".join(f"(?:{p})" for p in parts))
    try:
        from re import _parser

        trees = [_parser.parse(p) for p in parts]
        reqs = [_required(t) for t in trees]
        split = all(_splittable(t) for t in trees)
    except Exception:  # noqa: BLE001 - then the single alternation is used
        return Rx(re.compile(source, re.MULTILINE))
    if split and len(parts) >= min_split:
        return Rx(source, flags=re.MULTILINE, sources=[_WRAP.format(p) for p in parts], reqs=reqs)
    gate = None
    if all(reqs):
        try:
            gate = re.compile(_trie(set().union(*reqs)))
        except Exception:  # noqa: BLE001 - the gate is only an optimisation
            gate = None
    return Rx(re.compile(source, re.MULTILINE), gate)


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
    with open(data_file("crisis.toml"), "rb") as fh:
        d.update(tomllib.load(fh))
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
