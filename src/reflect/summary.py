"""Aggregate a period of the journal into a Summary: burnout signals with evidence, level and
trend, difficult encounters and their repair, kindness given and received, crisis language and
the rhythm of writing. The per-entry work is in reflect.analysis (cacheable); this module only
does the cheap cross-entry part. The JSON shape (`Summary.model_dump(mode="json")`) is
documented in docs/summary-json.md.
"""
from __future__ import annotations

import datetime as dt
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
def _weight(entry, analysis) -> float:
    return len(analysis.dimensions) + (2 if analysis.crisis else 0)


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
    if share >= 0.6 and heavy >= 0.4 and with_signals >= 3:
        return "high"          # most entries affected, detachment or inefficacy common
    if share >= 0.4 or (share >= 0.25 and heavy_n >= 1 and strain_n >= 2):
        return "moderate"      # repeated exhaustion/workload and some detachment or inefficacy
    return "low"


def _trend_halves(items, start: dt.date, end: dt.date) -> tuple[str, float, float]:
    if not items:
        return "stable", 0.0, 0.0
    mid = start + (end - start) / 2
    first = [w for d, w, _ in items if d <= mid]
    second = [w for d, w, _ in items if d > mid]
    m1 = sum(first) / len(first) if first else 0.0
    m2 = sum(second) / len(second) if second else 0.0
    f1 = sum(1 for w in first if w) / len(first) if first else 0.0
    f2 = sum(1 for w in second if w) / len(second) if second else 0.0
    if not first or not second:
        return "stable", round(m1, 2), round(m2, 2)
    crisis1 = any(a.crisis for d, _, a in items if d <= mid)
    crisis2 = any(a.crisis for d, _, a in items if d > mid)
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


def _who_refs(who: str) -> set[str]:
    from .analysis.entry import people_in
    from .analysis.lexicon import lexicon

    return people_in(lexicon(), " " + who, (" " + who).lower(), "")


def link_encounters(pairs, end: dt.date):
    """Walk the journal up to `end` in order: find encounters, link each repair to the encounter it
    mends (explicit front matter first, then follow_up_of, then the people both entries mention).

    Returns (encounters: dict id -> record, repairs_of: dict repairing id -> encounter id).
    """
    by_id: dict | None = None
    encs: dict[str, dict] = {}
    repairs_of: dict[str, str] = {}
    known: set[str] = set()  # names the journal has written mid-sentence so far
    for e, a in pairs:
        if e.created.date() > end:
            break
        known.update(p for p in a.people if p.startswith("@"))
        mine = set(a.people) | (set(a.maybe_people) & known)
        explicit = e.encounter is not None
        inferred = a.difficult_encounter and not e.follow_up_of
        target = None
        if a.repair or (e.follow_up_of and e.follow_up_of in encs):
            open_ = [r for r in encs.values() if r["resolved_by"] is None and not r["explicit_closed"]
                     and (e.created - r["entry"].created).days <= LINK_WINDOW_DAYS]
            if e.follow_up_of and e.follow_up_of in encs and a.repair:
                target = encs[e.follow_up_of]
            elif a.repair and open_:
                # an apology that names someone else ("sorry to Sam for the parking") is not about them
                open_ = [r for r in open_ if a.repair_unnamed or set(a.repair_named) & set(r["people"])]
                scored = [(_link_score(a.repair_people, mine, r, known), r["entry"].created, r) for r in open_]
                scored = [s for s in scored if s[0] >= 1 or (s[0] >= 0.5 and s[2]["explicit"])]
                if not scored:
                    # "went back and apologised to her": no names at all, and only one encounter
                    # open in the last fortnight that it could be about
                    recent = [r for r in open_ if (e.created - r["entry"].created).days <= FALLBACK_DAYS]
                    named = [p for p in a.repair_people if p.startswith("@")]
                    if (len(recent) == 1 and not named
                            and any(x.kind in ("apologised", "cleared-the-air") for x in a.repair)):
                        scored = [(1.0, recent[0]["entry"].created, recent[0])]
                if scored:
                    scored.sort(key=lambda s: (s[0], s[1]))
                    target = scored[-1][2]
                    # the entry describes that old encounter again rather than a new one
                    if inferred and not explicit and _link_score(a.encounter_people, mine, target, known) < 1:
                        target = None
        if target is not None and target["resolved_by"] is None and target["entry"].id != e.id:
            target["resolved_by"] = e
            target["how"] = a.repair[0].kind if a.repair else None
            target["repair_evidence"] = a.repair
            repairs_of[e.id] = target["entry"].id
            if not explicit:
                continue
        elif e.follow_up_of and e.follow_up_of in encs and encs[e.follow_up_of]["resolved_by"] is None:
            encs[e.follow_up_of]["steps"].append(e.id)
        if not (explicit or inferred):
            continue
        people = list(a.encounter_people or a.people)
        if explicit and e.encounter.who:
            people = sorted(set(people) | _who_refs(e.encounter.who))
        rec = {"entry": e, "analysis": a, "explicit": explicit, "people": people, "all_people": list(a.people),
               "maybe": list(a.maybe_people),
               "explicit_closed": False, "resolved_by": None, "how": None, "repair_evidence": [], "steps": []}
        if explicit and e.encounter.closed:
            rec["explicit_closed"] = True
            ref = e.encounter.resolved_by
            if ref and by_id is None:
                by_id = {x.id: x for x, _ in pairs}
            rec["resolved_by"] = by_id[ref] if ref and ref in by_id else e
            rec["how"] = e.encounter.how or ("let-go" if e.encounter.status == "let-go" else None)
        elif a.repair and not explicit:
            # an encounter mended in the same entry ("...so I went back and said sorry")
            rec["resolved_by"] = e
            rec["how"] = a.repair[0].kind
            rec["repair_evidence"] = a.repair
            repairs_of.setdefault(e.id, e.id)
        encs[e.id] = rec
    return encs, repairs_of


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
        evidence=_quotes([x for x in a.encounter if x.kind == "strong"] + [x for x in a.encounter if x.kind == "weak"]),
        steps=rec["steps"],
        resolved_by=rb.id if rb else None, resolved_date=_iso(rb) if rb else None,
        how=rec["how"] if rb else None, repair_evidence=_quotes(rec["repair_evidence"]) if rb else [],
    )


def summarise_pairs(pairs, start: dt.date, end: dt.date, skipped: int = 0) -> Summary:
    from .analysis import ANALYSIS_VERSION

    upto = [(e, a) for e, a in pairs if e.created.date() <= end]
    inside = [(e, a) for e, a in upto if e.created.date() >= start]
    encs, repairs_of = link_encounters(upto, end)

    # -- entries
    rows: list[EntrySummary] = []
    evidence: list[SignalEvidence] = []
    dims_per_entry = []
    for e, a in inside:
        dims = a.dimensions
        dims_per_entry.append(dims)
        ev: dict[str, list[Quote]] = {}
        for s in a.signals:
            ev.setdefault(s.kind, []).append(Quote(words=s.words, quote=s.quote))
            evidence.append(SignalEvidence(dimension=s.kind, entry=e.id, date=_iso(e), words=s.words, quote=s.quote))
        rep = repairs_of.get(e.id)
        rows.append(EntrySummary(
            id=e.id, date=_iso(e), title=e.title, signals=dims, difficult_encounter=e.id in encs,
            kindness_given=bool(a.kindness_given), kindness_received=bool(a.kindness_received),
            crisis=bool(a.crisis), energy=e.energy, evidence=ev,
            encounter_evidence=_quotes(a.encounter) if e.id in encs else [],
            repairs=rep, repair_evidence=_quotes(a.repair) if rep else [],
            kindness_evidence=_quotes(a.kindness_given + a.kindness_received),
        ))

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
    items = [(e.created.date(), _weight(e, a), a) for e, a in inside]
    trend, m1, m2 = _trend_halves(items, start, end)
    with_signals = sum(1 for d in dims_per_entry if d)
    share = with_signals / len(inside) if inside else 0.0
    baseline = None
    b_start = start - dt.timedelta(days=90)
    before = [(e, a) for e, a in upto if b_start <= e.created.date() < start]
    if len(before) >= 4 and inside:
        b_share = sum(1 for _, a in before if a.dimensions) / len(before)
        diff = share - b_share
        compared = "higher" if diff >= 0.2 else "lower" if diff <= -0.2 else "similar"
        baseline = Baseline(start=b_start, end=start - dt.timedelta(days=1), entries=len(before),
                            share_with_signals=round(b_share, 2), compared=compared)
        if trend == "stable" and compared != "similar":
            trend = "rising" if compared == "higher" else "falling"
    weeks = []
    by_week: dict[int, list] = {}          # one pass: week index -> entries (not weeks x entries)
    for e, a in inside:
        by_week.setdefault((e.created.date() - start).days // 7, []).append((e, a))
    wk = start
    while wk <= end:
        wk_end = min(end, wk + dt.timedelta(days=6))
        w_items = by_week.get((wk - start).days // 7, [])
        energies = [e.energy for e, _ in w_items if e.energy is not None]
        weeks.append(Week(start=wk, entries=len(w_items), with_signals=sum(1 for _, a in w_items if a.dimensions),
                          mean_energy=round(sum(energies) / len(energies), 1) if energies else None))
        wk = wk_end + dt.timedelta(days=1)
    burnout = Burnout(
        level=level, trend=trend, entries=len(inside), entries_with_signals=with_signals,
        share_with_signals=round(share, 2),
        dimensions={d: sum(1 for x in dims_per_entry if d in x) for d in DIMENSIONS},
        first_half=m1, second_half=m2, baseline=baseline, weeks=weeks, evidence=evidence,
    )

    # -- kindness and its ripple
    given = [KindnessItem(entry=e.id, date=_iso(e), words=a.kindness_given[0].words, quote=a.kindness_given[0].quote)
             for e, a in inside if a.kindness_given]
    received = [KindnessItem(entry=e.id, date=_iso(e), words=a.kindness_received[0].words,
                             quote=a.kindness_received[0].quote) for e, a in inside if a.kindness_received]
    ripples = []
    when = {e.id: e.created for e, _ in inside}
    for r in received:
        for g in given:
            days = (when[g.entry] - when[r.entry]).days
            if when[g.entry] >= when[r.entry] and days <= RIPPLE_DAYS:
                ripples.append(Ripple(received=r.entry, given=g.entry, days=days))
                break

    # -- rhythm
    days_written = sorted({e.created.date() for e, _ in inside})
    n_days = (end - start).days + 1
    gaps = []
    hard = {e.created.date(): bool(a.dimensions) for e, a in inside}
    marks = [start - dt.timedelta(days=1)] + days_written + [end + dt.timedelta(days=1)]
    diffs = [(b - a).days for a, b in zip(days_written, days_written[1:])]
    usual = median(diffs) if diffs else 7
    longest = 0
    for a_day, b_day in zip(marks, marks[1:]):
        gap = (b_day - a_day).days - 1
        longest = max(longest, gap)
        if gap >= 7 and gap >= 2.5 * usual and a_day >= start and b_day <= end:
            recent = [hard[d] for d in days_written if d <= a_day][-3:]
            gaps.append(Gap(start=a_day + dt.timedelta(days=1), end=b_day - dt.timedelta(days=1), days=gap,
                            during_hard_stretch=sum(recent) >= 2))
    rhythm = Rhythm(entries=len(inside), days_written=len(days_written), days_in_period=n_days,
                    per_week=round(len(inside) / n_days * 7, 1), longest_gap_days=longest, gaps=gaps)

    crisis = [CrisisItem(entry=e.id, date=_iso(e), words=a.crisis[0].words) for e, a in inside if a.crisis]
    return Summary(
        period=Period(start=start, end=end, days=n_days), analysis_version=ANALYSIS_VERSION,
        burnout=burnout, entries=rows, encounters=Encounters(unresolved=unresolved, resolved=resolved),
        kindness=Kindness(given=given, received=received, ripples=ripples), rhythm=rhythm,
        crisis=Crisis(present=bool(crisis), entries=crisis), skipped_files=skipped,
    )


def summarise(journal, start: dt.date, end: dt.date) -> Summary:
    """The Summary of `journal` for the inclusive days start..end (earlier entries inform
    open encounters and the baseline)."""
    pairs = journal.analysed()
    return summarise_pairs(pairs, start, end, skipped=len(getattr(journal, "last_problems", []) or []))
