"""A second, broader layer of cues (reflect/data/broad.toml) for writing the main lexicon misses.

`extend()` runs after the main per-sentence analysis in `entry.analyse_text` and only ADDS evidence:
- burnout dimensions the entry has no evidence for yet,
- encounter cues in sentences the main rules found no encounter in,
- repairs in sentences the main rules found no repair in,
- kindness when the main rules found none of that kind.
It applies the same scopes as the main rules, using their helpers: quoted speech is already blanked
out of `Sentence.low`; negation, distant past, sarcasm, someone else as the subject, hypotheticals
and good tiredness cancel a cue. The one exception is `encounter.quoted_hostile`: a threat quoted
from someone else ("I know where you work") is itself the encounter, so it is matched on the
quoted words, and only when someone else is reported as saying it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import DIMENSIONS, _compile
from .model import EntryAnalysis, Evidence

_QUOTED = re.compile(r'"([^"]{3,300})"')
_SAID_BY_OTHER = re.compile(r"\b(he|she|they|his|her|the \w+|\w+) (said|says|told me|muttered|shouted|hissed|"
                            r"whispered|added|went|replied)\b[^\"]{0,40}$")
_PERSON = re.compile(r"\b(he|she|they|his|her|their|mr|mrs|ms|miss|dr)\b")
_PERSON_OBJ = re.compile(r"\b(him|her|them)\b")
_WRITER_SUBJECT = re.compile(r"(?<![\w'])(i|we|i'd|we'd)\s+(\w+\s+)?$")
_TOWARD_WRITER = re.compile(r"(?<![\w'])(me|us|my|thanks|thank you|for (the )?(whole )?(team|unit|office|ward|"
                            r"everybody|everyone|all of us))(?![\w'])")
_ANYONE = re.compile(r"(?<![\w'])(someone|somebody|everyone|everybody|people|someone else|they all)$")
_POSTED = re.compile(r"\b(card|note|letter|sent|posted)\b")
_BACKREF = re.compile(r"(last|that|the other|on|he|she|they) ")  # "they" etc.: "he said he shouldn't have..."
_PASTISH = re.compile(r"\b(used to|years ago|years back|last year|back then|in those days|when i was)\b")


@dataclass(frozen=True)
class Broad:
    dimensions: dict
    enc_strong: object
    enc_weak: object
    quoted_hostile: re.Pattern
    repair: dict
    kind_given: object
    kind_received: object


@lru_cache(maxsize=1)
def broad() -> Broad:
    import tomllib

    from ..paths import data_file

    with open(data_file("broad.toml"), "rb") as fh:
        d = tomllib.load(fh)
    hostile = [ln.strip() for ln in d["encounter"].get("quoted_hostile", "").splitlines()
               if ln.strip() and not ln.strip().startswith("#")]
    return Broad(
        dimensions={k: _compile(v) for k, v in d.get("dimensions", {}).items() if k in DIMENSIONS},
        enc_strong=_compile(d["encounter"].get("strong", "")),
        enc_weak=_compile(d["encounter"].get("weak", "")),
        quoted_hostile=re.compile(r"(?<![\w'])(?:" + "|".join(f"(?:{p})" for p in hostile) + r")(?![\w])")
        if hostile else re.compile(r"(?!x)x"),
        repair={k: _compile(d["repair"].get(k, "")) for k in ("apologised", "followed", "cleared")},
        kind_given=_compile(d.get("kindness", {}).get("given", "")),
        kind_received=_compile(d.get("kindness", {}).get("received", "")),
    )


def _quoted_threat(lex, b: Broad, text: str) -> re.Match | None:
    """A hostile line in quotation marks, reported as said by a person (a pronoun, a role, a name)."""
    norm = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    for q in _QUOTED.finditer(norm):
        m = b.quoted_hostile.search(q.group(1).lower())
        if not m:
            continue
        before = norm[max(0, q.start() - 80):q.start()]
        said = _SAID_BY_OTHER.search(before.lower())
        if not said:
            continue
        speaker = before[:len(before) - len(said.group(0))] + said.group(0)
        if _PERSON.search(speaker.lower()) or lex.roles_re.search(speaker.lower()) \
                or re.search(r"(?<!^)(?<![.!?] )\b[A-Z][a-z]+\b", speaker):
            return m
    return None


def extend(lex, sents, past, out: EntryAnalysis, enc_idx: list[int], rep_idx: list[int]) -> None:
    """Add the broad layer's evidence to `out` (see the module docstring). `past` is entry._past_flags()."""
    from . import entry as E
    from .text import lookback

    b = broad()
    have = set(out.dimensions)
    enc_covered = set(enc_idx)
    rep_covered = set(rep_idx)
    banter = [bool(lex.banter.search(s.low)) for s in sents]
    # any good-tiredness wording in the entry makes broad exhaustion cues unsafe for it
    positive_entry = any(lex.positive.search(s.low) for s in sents)
    enc_keys = {e.words.lower() for e in out.encounter}

    for i, s in enumerate(sents):
        low = s.low
        if past[i] is True or lex.sarcasm.search(low):
            continue

        def blocked(m: re.Match, n_neg: int = 4) -> bool:
            return (E._negated(lex, low, m.start(), n_neg)
                    or (bool(past[i]) and E._in_past(past[i], low, m.start()))
                    or bool(E._HYPOTHETICAL.search(low, 0, m.start()))
                    or bool(_PASTISH.search(lookback(low, m.start(), 6)))
                    or E._spoken_before(low, m.start()))   # someone else's unquoted words

        # -- burnout dimensions not already evidenced in this entry
        for dim in DIMENSIONS:
            rx = b.dimensions.get(dim)
            if rx is None or dim in have:
                continue
            for m in rx.finditer(low):
                if blocked(m) or E._THIRD.search(lookback(low, m.start(), 5)) \
                        or E._MODAL.search(lookback(low, m.start(), 4)):
                    continue
                if dim in ("exhaustion", "workload") and E._OTHER_STATE.search(lookback(low, m.start(), 5)) \
                        and not E._FIRST.search(lookback(low, m.start(), 6) + " " + m.group(0)):
                    continue  # "his daughter is running on adrenaline": someone else's state
                if dim == "exhaustion" and (positive_entry or E._positive(lex, low, m.start(), m.end())):
                    continue
                out.signals.append(Evidence(dim, E._evidence_text(s, m), E._quote(s)))
                have.add(dim)
                break

        # -- repairs (done, not planned), in sentences the main rules found none in
        repaired_here = i in rep_covered
        if not repaired_here and not lex.unsent.search(low) and not lex.trivial.search(low) \
                and not E.after_courtesy(lex, sents, i):
            for how, key in (("apologised", "apologised"), ("cleared-the-air", "cleared"),
                             ("followed-up", "followed")):
                m = b.repair[key].search(low)
                if not m or E._planned(lex, lookback(low, m.start(), 6)) or E._intent_inside(lex, m) \
                        or E._negated(lex, low, m.start(), 3) or (bool(past[i]) and E._past_before(past[i], m.start())) \
                        or E._HYPOTHETICAL.search(low, 0, m.start()) \
                        or E._BY_OTHER.search(lookback(low, m.start(), 6)):
                    continue
                if how == "followed-up" and not (_PERSON_OBJ.search(low) or E.people_in(lex, s.masked, low, "")):
                    continue   # "rang the pharmacy back": a call back to a person, not to a place
                out.repair.append(Evidence(how, E._evidence_text(s, m), E._quote(s)))
                rep_idx.append(i)
                repaired_here = True
                break

        # -- encounter cues, in sentences the main rules found none in
        # a back-reference in time ("that night", "on Monday") means an older exchange is being recalled;
        # "before I'd said" / "how I said it" alone do not
        recalled = any(_BACKREF.match(c.group(0)) for c in lex.continuation.finditer(low))
        # a sentence the main rules scored only weakly may still hold a strong cue they lack
        main_kinds = {e.kind for e in out.encounter if e.quote == E._quote(s)} if i in enc_covered else set()
        if "strong" not in main_kinds and not banter[i] and not recalled and not repaired_here:
            found = False
            near_banter = banter[i] or (i > 0 and banter[i - 1]) or (i + 1 < len(sents) and banter[i + 1])
            tiers = (("strong", b.enc_strong, 2),) if main_kinds or near_banter else \
                (("strong", b.enc_strong, 2), ("weak", b.enc_weak, 1))
            for kind, rx, pts in tiers:
                for m in rx.finditer(low):
                    if blocked(m, 3) or lex.hedges.search(lookback(low, m.start(), 5)) \
                            or E._IN_HEDGE.search(m.group(0)) \
                            or lex.personal.search(low[m.start():m.end() + 30]):
                        continue
                    if m.group(0) in enc_keys:
                        continue
                    got_kind, got_pts = kind, pts
                    if kind == "strong" and not E._FIRST.search(low) and E._OTHER_SUBJECT.search(
                            lookback(low, m.start(), 6) + " " + m.group(0)):
                        got_kind, got_pts = "weak", 1
                    if main_kinds:   # upgrading the main rules' weak cue in this sentence to strong
                        if got_kind != "strong":
                            continue
                        got_pts = 1
                    enc_keys.add(m.group(0))
                    out.encounter.append(Evidence(got_kind, E._evidence_text(s, m), E._quote(s)))
                    out.encounter_score += got_pts
                    found = True
                    break
                if found:
                    break
            if not found and not main_kinds:
                m = _quoted_threat(lex, b, s.text)
                if m:
                    out.encounter.append(Evidence("strong", m.group(0), E._quote(s)))
                    out.encounter_score += 2
                    found = True
            if found:
                enc_idx.append(i)

        # -- kindness, when the main rules found none of that kind
        if not lex.kind_cancel.search(low):
            for kind, rx, dest in (("given", b.kind_given, out.kindness_given),
                                   ("received", b.kind_received, out.kindness_received)):
                if dest:
                    continue
                m = rx.search(low)
                if m and kind == "received" and (
                        m.start() == 0 or _WRITER_SUBJECT.search(low, 0, m.start())
                        or _ANYONE.search(lookback(low, m.start(), 3))
                        or (_POSTED.search(m.group(0)) and not _TOWARD_WRITER.search(low))):
                    m = None   # "(I) brought cake in", "their son brought the card": not received by the writer
                if m and not blocked(m, 3):
                    dest.append(Evidence(kind, E._evidence_text(s, m), E._quote(s)))
    enc_idx.sort()
    rep_idx.sort()
