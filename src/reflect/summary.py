"""Aggregate a period of the journal into a Summary: burnout signals with evidence, level and
trend, difficult encounters and their repair, kindness given and received, crisis language and
the rhythm of writing. The per-entry work is in reflect.analysis (cacheable); this module only
does the cheap cross-entry part. The JSON shape (`Summary.model_dump(mode="json")`) is
documented in docs/summary-json.md.

The journal is read as one stream, oldest first (reflect.summary_source: slim rows and cached
analyses, never the text), in a single pass that keeps per-entry detail only for what the
Summary shows: a ten-year journal is summarised in seconds and in little memory.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from statistics import median
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["none", "low", "moderate", "high"]
Trend = Literal["rising", "stable", "falling"]
LEVELS = ("none", "low", "moderate", "high")
DIMENSIONS = ("exhaustion", "detachment", "inefficacy", "compassion_fatigue", "workload")
LINK_WINDOW_DAYS = 180
RIPPLE_DAYS = 14
FALLBACK_DAYS = 14
CONTINUATION_DAYS = 30   # a complaint this soon after an open encounter with the same person is its sequel


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Period(_M):
    start: dt.date
    end: dt.date
    days: int


class Quote(_M):
    words: str
    quote: str


class SignalEvidence(_M):
    dimension: str
    entry: str
    date: str
    words: str
    quote: str


class EntrySummary(_M):
    id: str
    date: str
    title: str
    signals: list[str]
    difficult_encounter: bool
    kindness_given: bool
    kindness_received: bool
    crisis: bool
    energy: int | None = None
    evidence: dict[str, list[Quote]] = Field(default_factory=dict)
    encounter_evidence: list[Quote] = Field(default_factory=list)
    repairs: str | None = None              # id of the earlier encounter this entry repairs
    repair_evidence: list[Quote] = Field(default_factory=list)
    kindness_evidence: list[Quote] = Field(default_factory=list)


class EncounterItem(_M):
    entry: str
    date: str
    title: str
    who: list[str]
    source: Literal["front matter", "inferred"]
    status: Literal["open", "resolved"]
    age_days: int
    evidence: list[Quote] = Field(default_factory=list)
    steps: list[str] = Field(default_factory=list)   # later entries that mention it without repairing
    resolved_by: str | None = None
    resolved_date: str | None = None
    how: str | None = None
    repair_evidence: list[Quote] = Field(default_factory=list)


class Encounters(_M):
    unresolved: list[EncounterItem]
    resolved: list[EncounterItem]


class Week(_M):
    start: dt.date
    entries: int
    with_signals: int
    mean_energy: float | None = None


class Baseline(_M):
    start: dt.date
    end: dt.date
    entries: int
    share_with_signals: float
    compared: Literal["higher", "similar", "lower"]


class Burnout(_M):
    level: Level
    trend: Trend
    entries: int
    entries_with_signals: int
    share_with_signals: float
    dimensions: dict[str, int]                  # entries showing each dimension
    first_half: float                           # mean signal weight per entry
    second_half: float
    baseline: Baseline | None = None
    weeks: list[Week]
    evidence: list[SignalEvidence]
    wording: str = "patterns you may want to reflect on or bring to supervision"


class KindnessItem(_M):
    entry: str
    date: str
    words: str
    quote: str


class Ripple(_M):
    received: str
    given: str
    days: int


class Kindness(_M):
    given: list[KindnessItem]
    received: list[KindnessItem]
    ripples: list[Ripple]


class Gap(_M):
    start: dt.date
    end: dt.date
    days: int
    during_hard_stretch: bool


class Rhythm(_M):
    entries: int
    days_written: int
    days_in_period: int
    per_week: float
    longest_gap_days: int
    gaps: list[Gap]


class CrisisItem(_M):
    entry: str
    date: str
    words: str


class Crisis(_M):
    present: bool
    entries: list[CrisisItem]


class Summary(_M):
    period: Period
    analysis_version: int
    burnout: Burnout
    entries: list[EntrySummary]
    encounters: Encounters
    kindness: Kindness
    rhythm: Rhythm
    crisis: Crisis
    skipped_files: int = 0


# ---------------------------------------------------------------------------------------------
def _weight(dims, crisis) -> int:
    return len(dims) + (2 if crisis else 0)


def level_for(dims_per_entry: list[list[str]]) -> str:
    """The overall level for a period, from which dimensions each entry shows.

    none: (almost) no entries with signals; low: occasional; moderate: repeated, or repeated
    exhaustion/workload with some detachment or inefficacy; high: most entries affected and
    detachment or inefficacy common.
    """
    n = len(dims_per_entry)
    if n == 0:
        return "none"
    with_signals = sum(1 for d in dims_per_entry if d)
    share = with_signals / n
    heavy_n = sum(1 for d in dims_per_entry if {"detachment", "inefficacy"} & set(d))
    heavy = heavy_n / n
    strain_n = sum(1 for d in dims_per_entry if {"exhaustion", "workload"} & set(d))
    if with_signals == 0 or share < 0.1:
        return "none"
    if with_signals < 2:
        return "low"           # one entry is a moment, not a pattern
    # Thresholds checked against 32 labelled journals by 7 sets of writers (leave-one-set-out):
    # supervisors reading a calm journal call the odd hard week "low", so the bar sits at a third.
    if share >= 0.7 and heavy >= 0.45 and with_signals >= 3:
        return "high"          # most entries affected, detachment or inefficacy common
    if share >= 0.45 or (share >= 1 / 3 and heavy_n >= 1 and strain_n >= 2):
        return "moderate"      # repeated exhaustion/workload and some detachment or inefficacy
    return "low"


class _Halves:
    """The trend from the period's two halves (first half up to and including the middle day)."""

    def __init__(self, start: dt.date, end: dt.date) -> None:
        self.mid = start + (end - start) / 2
        self.n = [0, 0]          # entries
        self.total = [0, 0]      # summed signal weight
        self.nonzero = [0, 0]    # entries with any weight
        self.crisis = [False, False]

    def add(self, day: dt.date, weight: int, crisis: bool) -> None:
        half = 0 if day <= self.mid else 1
        self.n[half] += 1
        self.total[half] += weight
        if weight:
            self.nonzero[half] += 1
        if crisis:
            self.crisis[half] = True

    def trend(self) -> tuple[str, float, float]:
        (n1, n2), (t1, t2), (z1, z2) = self.n, self.total, self.nonzero
        if not n1 and not n2:
            return "stable", 0.0, 0.0
        m1 = t1 / n1 if n1 else 0.0
        m2 = t2 / n2 if n2 else 0.0
        f1 = z1 / n1 if n1 else 0.0
        f2 = z2 / n2 if n2 else 0.0
        if not n1 or not n2:
            return "stable", round(m1, 2), round(m2, 2)
        crisis1, crisis2 = self.crisis
        if (m2 - m1 >= 0.3 and f2 - f1 >= 0.15 and f2 >= 0.4) or (crisis2 and not crisis1):
            trend = "rising"       # more entries strained, more ways, and a real share of them
        elif m1 - m2 >= 0.3 and f1 - f2 >= 0.25 and f1 >= 0.4:
            trend = "falling"
        else:
            trend = "stable"
        return trend, round(m1, 2), round(m2, 2)


def _iso(entry) -> str:
    return entry.created.isoformat()


def _quotes(evs, limit=3) -> list[Quote]:
    return [Quote(words=e.words, quote=e.quote) for e in evs[:limit]]


def _dquotes(evs: list[dict], limit=3) -> list[Quote]:
    """_quotes for evidence as the cached analysis JSON holds it."""
    return [Quote(words=e["words"], quote=e["quote"]) for e in evs[:limit]]


_DIMS: dict[tuple, tuple] = {}


def _dimensions(signals: list[dict]) -> tuple:
    """EntryAnalysis.dimensions for signals as dicts (memoised: few distinct combinations)."""
    kinds = tuple(s["kind"] for s in signals)
    dims = _DIMS.get(kinds)
    if dims is None:
        from .analysis.model import EntryAnalysis, Evidence

        probe = EntryAnalysis(version=0, entry_id="", signals=[Evidence(k, "", "") for k in kinds])
        dims = _DIMS[kinds] = tuple(probe.dimensions)
    return dims


def _overlap(a: list[str], b: list[str]) -> float:
    from .analysis.entry import person_weight

    return sum(person_weight(r) for r in set(a) & set(b))


def _link_score(near: list[str], anywhere, rec: dict, known: set[str]) -> float:
    """How surely an entry is about an earlier encounter's person: people named around the cue
    count fully, people named elsewhere in either entry half (a diary names someone once, then
    writes "he" for the rest). A capitalised word that only opened sentences counts as a name once
    the journal has named that person mid-sentence somewhere (`known`)."""
    score = _overlap(near, rec["people"])
    from .analysis.entry import person_weight

    counted = set(near) & set(rec["people"])
    theirs = set(rec["people"]) | set(rec["all_people"]) | (set(rec["maybe"]) & known)
    for ref in (set(near) | set(anywhere)) & theirs:
        if ref not in counted:
            score += 0.5 * person_weight(ref)
    return score


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_RX = re.compile(r"\b(?:on|last|since|from) (?:the )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
WEEKDAY_DAYS = 14  # how far back "on the Monday" reaches: a fortnight, after which people give a date


def _weekdays_named(evidence) -> set[int]:
    """Weekdays a repair's own sentences point back to ("said I'd been out of order on Wednesday")."""
    return {_WEEKDAYS.index(m.group(1)) for x in evidence for m in _WEEKDAY_RX.finditer((x.quote or "").lower())}


def _day_bonus(days: set[int], e, rec: dict) -> float:
    """+2 (a name's worth) for an encounter written on the weekday the repair names, within the
    fortnight before it."""
    when = rec["entry"].created
    return 2.0 if days and when.weekday() in days and 0 < (e.created.date() - when.date()).days <= WEEKDAY_DAYS \
        else 0.0


def _repair_with_someone_else(a) -> bool:
    """The entry's repair names only people its encounter does not involve ("talked it through with
    Andrea" after a row with a duty worker): a step with someone else, not a repair in the same entry."""
    named = {p for p in a.repair_named if p.startswith("@")}
    return bool(named) and not a.repair_unnamed and not (set(a.repair_named) & set(a.encounter_people))


def _mends_its_own(a) -> bool:
    """The entry's own exchange went wrong and then, further on, it was mended ("I snapped at the
    student... after the last visit I said sorry"), naming nobody the exchange did not involve: the
    repair is for this encounter, not for an older one with someone of the same role."""
    return a.repair_follows and not any(p.startswith("@") for p in set(a.repair_named) - set(a.encounter_people))


def _how(repair) -> str | None:
    """How an encounter was repaired, from the first repair cue; None when only the learned model
    noticed the repair (it knows that, not how)."""
    kind = repair[0].kind if repair else None
    return None if kind == "learned" else kind


def _who_refs(who: str) -> set[str]:
    from .analysis.entry import people_in
    from .analysis.lexicon import lexicon

    return people_in(lexicon(), " " + who, (" " + who).lower(), "")


_COMPLAINT = re.compile(r"complain|report(ed|ing)? me|\bpals\b|ombudsman|datix")


def _complaint_only(a) -> bool:
    """The entry's tension is a complaint about the writer and nothing said between them now."""
    words = [x.words.lower() for x in a.encounter]
    return any(_COMPLAINT.search(w) for w in words) and not any(
        x.kind == "strong" and not _COMPLAINT.search(x.words.lower()) for x in a.encounter)


def may_link(entry, d: dict) -> bool:
    """Can this entry take part in linking beyond the '@' names it teaches `_Linker.known`? Entries
    for which this is False change nothing else in `_Linker.feed`, so they are not fed (a rule
    that makes `feed` read them must change this, and summary_source.RELEVANT_SQL with it)."""
    return bool(entry.encounter is not None or entry.follow_up_of or d.get("repair")
                or d.get("encounter_score", 0) >= 2)


class _Linker:
    """Walk the journal in order (one `feed` per entry): find encounters, link each repair to the
    encounter it mends (explicit front matter first, then follow_up_of, then the people both
    entries mention). `find(id)` looks up an entry that an encounter's front matter names as its
    repair. Entries that `may_link` rejects only add their '@' names to `known` (`take`).
    """

    def __init__(self, find) -> None:
        self.find = find
        self.encs: dict[str, dict] = {}
        self.repairs_of: dict[str, str] = {}
        self.known: set[str] = set()  # names the journal has written mid-sentence so far
        self._open: list[dict] = []   # encounters not yet resolved, in `encs` order
        self._prune = True            # entries came in date order so far: old ones can be dropped
        self._last = None

    def _open_at(self, e) -> list[dict]:
        """[r for r in encs.values() if r is unresolved and within the window before e]."""
        self._open = [r for r in self._open if r["resolved_by"] is None and not r["explicit_closed"]]
        if self._prune:
            # in date order, an encounter out of the window now is out of it for every later entry
            cut = 0
            while cut < len(self._open) and (e.created - self._open[cut]["entry"].created).days > LINK_WINDOW_DAYS:
                cut += 1
            del self._open[:cut]
        return [r for r in self._open if (e.created - r["entry"].created).days <= LINK_WINDOW_DAYS]

    def feed(self, e, a) -> None:
        if self._prune and self._last is not None and e.created < self._last:
            self._prune = False                # out of date order: nothing may be dropped for age
            self._open = list(self.encs.values())
        self._last = e.created
        encs, repairs_of, known = self.encs, self.repairs_of, self.known
        known.update(p for p in a.people if p.startswith("@"))
        mine = set(a.people) | (set(a.maybe_people) & known)
        explicit = e.encounter is not None
        inferred = a.difficult_encounter and not e.follow_up_of
        target = None
        if a.repair or (e.follow_up_of and e.follow_up_of in encs):
            open_ = self._open_at(e)
            if e.follow_up_of and e.follow_up_of in encs and a.repair:
                target = encs[e.follow_up_of]
            elif a.repair and open_ and not (inferred and _mends_its_own(a)):
                # an apology that names someone else ("sorry to Sam for the parking") is not about them
                days = _weekdays_named(a.repair)
                bonus = {id(r): _day_bonus(days, e, r) for r in open_}
                open_ = [r for r in open_ if a.repair_unnamed or set(a.repair_named) & set(r["people"])
                         or bonus[id(r)]]
                scored = [(_link_score(a.repair_people, mine, r, known) + bonus[id(r)], r["entry"].created, r)
                          for r in open_]
                scored = [s for s in scored if s[0] >= 1 or (s[0] >= 0.5 and s[2]["explicit"])]
                if not scored:
                    # "went back and apologised to her": no names at all, and only one encounter
                    # open in the last fortnight that it could be about
                    recent = [r for r in open_ if (e.created - r["entry"].created).days <= FALLBACK_DAYS]
                    named = [p for p in a.repair_people if p.startswith("@")]
                    if (len(recent) == 1 and not named
                            and any(x.kind in ("apologised", "cleared-the-air", "learned") for x in a.repair)):
                        scored = [(1.0, recent[0]["entry"].created, recent[0])]
                if scored:
                    scored.sort(key=lambda s: (s[0], s[1]))
                    target = scored[-1][2]
                    # the entry describes that old encounter again rather than a new one
                    if inferred and not explicit and _link_score(a.encounter_people, mine, target, known) < 1:
                        target = None
        if target is not None and target["resolved_by"] is None and target["entry"].id != e.id:
            target["resolved_by"] = e
            target["how"] = _how(a.repair)
            target["repair_evidence"] = a.repair
            repairs_of[e.id] = target["entry"].id
            if not explicit:
                return
        elif e.follow_up_of and e.follow_up_of in encs and encs[e.follow_up_of]["resolved_by"] is None:
            encs[e.follow_up_of]["steps"].append(e.id)
        if not (explicit or inferred):
            return
        if inferred and not explicit and not a.repair and _complaint_only(a):
            # "the father has filed a complaint": the sequel of an encounter still open with that
            # person, recorded as a step in it rather than as a new exchange
            prior = [r for r in self._open_at(e) if (e.created - r["entry"].created).days <= CONTINUATION_DAYS
                     and r["entry"].id != e.id and _link_score(a.encounter_people, mine, r, known) >= 1]
            if prior:
                prior[-1]["steps"].append(e.id)
                return
        people = list(a.encounter_people or a.people)
        if explicit and e.encounter.who:
            people = sorted(set(people) | _who_refs(e.encounter.who))
        rec = {"entry": e, "analysis": a, "explicit": explicit, "people": people, "all_people": list(a.people),
               "maybe": list(a.maybe_people),
               "explicit_closed": False, "resolved_by": None, "how": None, "repair_evidence": [], "steps": []}
        if explicit and e.encounter.closed:
            rec["explicit_closed"] = True
            ref = e.encounter.resolved_by
            found = self.find(ref) if ref else None
            rec["resolved_by"] = found if found is not None else e
            rec["how"] = e.encounter.how or ("let-go" if e.encounter.status == "let-go" else None)
        elif a.repair and not explicit and not _repair_with_someone_else(a):
            # an encounter mended in the same entry ("...so I went back and said sorry")
            rec["resolved_by"] = e
            rec["how"] = _how(a.repair)
            rec["repair_evidence"] = a.repair
            repairs_of.setdefault(e.id, e.id)
        if e.id in encs:
            encs[e.id] = rec
            self._open = list(encs.values())   # a repeated id keeps its first place in `encs`
        else:
            encs[e.id] = rec
            self._open.append(rec)

    def take(self, e, d: dict) -> None:
        """One streamed entry (Row, analysis dict): fed when it can link, else only its names."""
        if may_link(e, d):
            from .analysis import EntryAnalysis

            self.feed(e, EntryAnalysis.from_json(d))
            return
        for p in d.get("people") or ():
            if p.startswith("@"):
                self.known.add(p)


def link_encounters(pairs, end: dt.date, find=None):
    """Walk [(Entry, EntryAnalysis)] up to `end` in order (see _Linker).

    Returns (encounters: dict id -> record, repairs_of: dict repairing id -> encounter id).
    """
    if find is None:
        pairs = list(pairs)
        by_id: dict | None = None

        def find(ref):
            nonlocal by_id
            if by_id is None:
                by_id = {x.id: x for x, _ in pairs}
            return by_id.get(ref)

    linker = _Linker(find)
    for e, a in pairs:
        if e.created.date() > end:
            break
        linker.feed(e, a)
    return linker.encs, linker.repairs_of


def _encounter_item(rec, end: dt.date, resolved: bool) -> EncounterItem:
    e, a = rec["entry"], rec["analysis"]
    rb = rec["resolved_by"] if resolved else None
    who = [p.lstrip("@") for p in rec["people"]]
    if e.encounter is not None and e.encounter.who:
        who = [e.encounter.who]
    return EncounterItem(
        entry=e.id, date=_iso(e), title=e.title, who=who,
        source="front matter" if rec["explicit"] else "inferred",
        status="resolved" if resolved else "open",
        age_days=max(0, ((rb.created.date() if rb else end) - e.created.date()).days),
        evidence=_quotes([x for x in a.encounter if x.kind == "strong"] + [x for x in a.encounter if x.kind == "weak"]
                         + [x for x in a.encounter if x.kind == "learned"]),
        steps=rec["steps"],
        resolved_by=rb.id if rb else None, resolved_date=_iso(rb) if rb else None,
        how=rec["how"] if rb else None, repair_evidence=_quotes(rec["repair_evidence"]) if rb else [],
    )


def summarise_stream(stream, start: dt.date, end: dt.date, *, find, skipped: int = 0, rows: bool = True,
                     all_evidence: bool = True) -> Summary:
    """The Summary from [(Row, analysis dict)] oldest first, dated up to `end`: every entry from
    90 days before `start` (the baseline), and earlier ones where `summary_source.relevant()`.
    `find(id)` looks up any entry dated up to `end` (see _Linker).

    rows=False leaves Summary.entries empty and all_evidence=False keeps only the first quote of
    each dimension in burnout.evidence: what the terminal view needs, in little memory however
    long the period. Everything else is the same either way.
    """
    from .analysis import ANALYSIS_VERSION

    linker = _Linker(find)
    encs, repairs_of = linker.encs, linker.repairs_of
    b_start = start - dt.timedelta(days=90)
    entries: list[EntrySummary] = []
    evidence: list[SignalEvidence] = []
    first_of: set[str] = set()              # dimensions with evidence so far (all_evidence=False)
    dims_per_entry: list[tuple] = []
    halves = _Halves(start, end)
    b_entries = b_with = 0                  # the baseline: the 90 days before the period
    weeks_n: dict[int, list] = {}           # week index -> [entries, with signals, energy sum, energies]
    given: list[KindnessItem] = []
    received: list[KindnessItem] = []
    when: dict[str, dt.datetime] = {}       # entry id -> created, for kindness entries
    hard: dict[dt.date, bool] = {}          # day written -> its (last) entry had signals
    crisis: list[CrisisItem] = []
    n_inside = 0
    for e, d in stream:
        day = e.day
        if day > end:
            continue
        linker.take(e, d)
        if day < start:
            if day >= b_start:
                b_entries += 1
                if _dimensions(d.get("signals") or ()):
                    b_with += 1
            continue
        # -- an entry inside the period
        n_inside += 1
        signals = d.get("signals") or []
        dims = _dimensions(signals) if signals else ()
        dims_per_entry.append(dims)
        cri = d.get("crisis") or []
        halves.add(day, _weight(dims, cri), bool(cri))
        iso = e.iso
        if signals:
            if rows:
                ev: dict[str, list[Quote]] = {}
                for s in signals:
                    ev.setdefault(s["kind"], []).append(Quote(words=s["words"], quote=s["quote"]))
            for s in signals:
                if all_evidence or s["kind"] not in first_of:
                    first_of.add(s["kind"])
                    evidence.append(SignalEvidence(dimension=s["kind"], entry=e.id, date=iso,
                                                   words=s["words"], quote=s["quote"]))
        kg = d.get("kindness_given") or []
        kr = d.get("kindness_received") or []
        if rows:
            rep = repairs_of.get(e.id)
            in_encs = e.id in encs
            entries.append(EntrySummary(
                id=e.id, date=iso, title=e.title, signals=list(dims), difficult_encounter=in_encs,
                kindness_given=bool(kg), kindness_received=bool(kr),
                crisis=bool(cri), energy=e.energy, evidence=ev if signals else {},
                encounter_evidence=_dquotes(d.get("encounter") or []) if in_encs else [],
                repairs=rep, repair_evidence=_dquotes(d.get("repair") or []) if rep else [],
                kindness_evidence=_dquotes(kg + kr),
            ))
        week = weeks_n.get((day - start).days // 7)
        if week is None:
            week = weeks_n[(day - start).days // 7] = [0, 0, 0, 0]
        week[0] += 1
        if dims:
            week[1] += 1
        if e.energy is not None:
            week[2] += e.energy
            week[3] += 1
        if kg:
            given.append(KindnessItem(entry=e.id, date=iso, words=kg[0]["words"], quote=kg[0]["quote"]))
        if kr:
            received.append(KindnessItem(entry=e.id, date=iso, words=kr[0]["words"], quote=kr[0]["quote"]))
        if kg or kr:
            when[e.id] = e.created
        hard[day] = bool(dims)
        if cri:
            crisis.append(CrisisItem(entry=e.id, date=iso, words=cri[0]["words"]))

    # -- encounters
    unresolved, resolved = [], []
    for rec in encs.values():
        rb = rec["resolved_by"]
        if rb is not None and rb.created.date() <= end:
            if rec["entry"].created.date() >= start or rb.created.date() >= start:
                resolved.append(_encounter_item(rec, end, True))
        else:
            unresolved.append(_encounter_item(rec, end, False))

    # -- burnout level, trend, weeks, baseline
    level = level_for(dims_per_entry)
    trend, m1, m2 = halves.trend()
    with_signals = sum(1 for x in dims_per_entry if x)
    share = with_signals / n_inside if n_inside else 0.0
    baseline = None
    if b_entries >= 4 and n_inside:
        b_share = b_with / b_entries
        diff = share - b_share
        compared = "higher" if diff >= 0.2 else "lower" if diff <= -0.2 else "similar"
        baseline = Baseline(start=b_start, end=start - dt.timedelta(days=1), entries=b_entries,
                            share_with_signals=round(b_share, 2), compared=compared)
        if trend == "stable" and compared != "similar":
            trend = "rising" if compared == "higher" else "falling"
    weeks = []
    wk = start
    while wk <= end:
        wk_end = min(end, wk + dt.timedelta(days=6))
        n, sig, esum, en = weeks_n.get((wk - start).days // 7, (0, 0, 0, 0))
        weeks.append(Week(start=wk, entries=n, with_signals=sig, mean_energy=round(esum / en, 1) if en else None))
        wk = wk_end + dt.timedelta(days=1)
    burnout = Burnout(
        level=level, trend=trend, entries=n_inside, entries_with_signals=with_signals,
        share_with_signals=round(share, 2),
        dimensions={x: sum(1 for dims in dims_per_entry if x in dims) for x in DIMENSIONS},
        first_half=m1, second_half=m2, baseline=baseline, weeks=weeks, evidence=evidence,
    )

    # -- kindness and its ripple: the first kindness given at or after each one received
    ripples = []
    times = [when[g.entry] for g in given]
    in_order = all(a <= b for a, b in zip(times, times[1:]))
    for r in received:
        if in_order:
            i = bisect_left(times, when[r.entry])
            candidates = given[i:i + 1]
        else:
            candidates = given
        for g in candidates:
            days = (when[g.entry] - when[r.entry]).days
            if when[g.entry] >= when[r.entry] and days <= RIPPLE_DAYS:
                ripples.append(Ripple(received=r.entry, given=g.entry, days=days))
                break

    # -- rhythm
    days_written = sorted(hard)
    n_days = (end - start).days + 1
    gaps = []
    marks = [start - dt.timedelta(days=1)] + days_written + [end + dt.timedelta(days=1)]
    diffs = [(b - a).days for a, b in zip(days_written, days_written[1:])]
    usual = median(diffs) if diffs else 7
    longest = 0
    for a_day, b_day in zip(marks, marks[1:]):
        gap = (b_day - a_day).days - 1
        longest = max(longest, gap)
        if gap >= 7 and gap >= 2.5 * usual and a_day >= start and b_day <= end:
            recent = [hard[x] for x in days_written if x <= a_day][-3:]
            gaps.append(Gap(start=a_day + dt.timedelta(days=1), end=b_day - dt.timedelta(days=1), days=gap,
                            during_hard_stretch=sum(recent) >= 2))
    rhythm = Rhythm(entries=n_inside, days_written=len(days_written), days_in_period=n_days,
                    per_week=round(n_inside / n_days * 7, 1), longest_gap_days=longest, gaps=gaps)

    return Summary(
        period=Period(start=start, end=end, days=n_days), analysis_version=ANALYSIS_VERSION,
        burnout=burnout, entries=entries, encounters=Encounters(unresolved=unresolved, resolved=resolved),
        kindness=Kindness(given=given, received=received, ripples=ripples), rhythm=rhythm,
        crisis=Crisis(present=bool(crisis), entries=crisis), skipped_files=skipped,
    )


def summarise_pairs(pairs, start: dt.date, end: dt.date, skipped: int = 0) -> Summary:
    """summarise() for [(Entry, EntryAnalysis)] already in memory (oldest first)."""
    from .summary_source import Row

    upto = [(Row.of(e), a.to_json()) for e, a in pairs if e.created.date() <= end]
    by_id = {row.id: row for row, _ in upto}
    return summarise_stream(upto, start, end, find=by_id.get, skipped=skipped)


def summarise(journal, start: dt.date, end: dt.date, *, rows: bool = True, all_evidence: bool = True,
              progress=True) -> Summary:
    """The Summary of `journal` for the inclusive days start..end (earlier entries inform
    open encounters and the baseline). rows / all_evidence: see summarise_stream. Entries not
    analysed yet are analysed once (a progress bar on a terminal when there are many) and kept
    in the index for next time."""
    import sqlite3

    from .summary_source import Facts

    def run(facts):
        stream = facts.rows(until=end, full_from=start - dt.timedelta(days=90))
        result = summarise_stream(stream, start, end, find=lambda ref: facts.find(ref, end),
                                  rows=rows, all_evidence=all_evidence)
        result.skipped_files = len(facts.problems)
        journal.last_problems = facts.problems
        return result

    facts = Facts(journal, progress=progress)
    try:
        return run(facts)
    except sqlite3.DatabaseError:
        facts.forget_index()  # damaged: derived data, rebuilt by the next command
        return run(Facts(journal, progress=progress, use_index=False))
