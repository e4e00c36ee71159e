"""The streamed summary (reflect.summary_source): the same answers as reading every entry, from
the index or from the files, in full or lean form; analyses computed once and kept."""
from __future__ import annotations

import datetime as dt
import gc
import sqlite3

import pytest

from reflect import index as index_mod
from reflect.encounters import list_encounters
from reflect.journal import Journal, open_journal
from reflect.models import Encounter
from reflect.summary import summarise, summarise_pairs
from reflect.summary_source import Facts, relevant

UK = dt.timezone(dt.timedelta(hours=1))
NY = dt.timezone(dt.timedelta(hours=-5))

PERIODS = [
    (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),   # everything
    (dt.date(2025, 6, 1), dt.date(2025, 6, 28)),    # history before it, repairs after it
    (dt.date(2025, 7, 1), dt.date(2025, 7, 31)),
    (dt.date(2025, 9, 1), dt.date(2025, 9, 30)),
    (dt.date(2025, 3, 10), dt.date(2025, 3, 10)),   # one day
    (dt.date(2026, 1, 1), dt.date(2026, 1, 28)),    # after the last entry
]


@pytest.fixture(autouse=True)
def _release_indexes():
    """Journal and its Index refer to each other, so their SQLite files close only when the cyclic
    GC runs, and `reflect summary` run in-process (the cli fixture) turns automatic GC off."""
    yield
    gc.collect()


def at(day: str, hm: str = "19:00", tz=UK) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hm}:00").replace(tzinfo=tz)


@pytest.fixture
def journal(monkeypatch):
    monkeypatch.setattr(index_mod, "RACY_SECONDS", 0.0)
    j = open_journal()

    def add(day, text, hm="19:00", tz=UK, **kw):
        return j.add(text, when=at(day, hm, tz), **kw)

    # early months: names written mid-sentence, an encounter that stays open, ordinary days
    add("2025-02-03", "Handover ran long. I went through the discharge plan with Oluwaseun and it made sense.")
    add("2025-02-10", "Ward round. Afterwards I snapped at the registrar in front of the family and he went quiet.")
    for i in range(12):
        add(f"2025-03-{i + 1:02d}", "Quiet shift. Wrote up notes and went home on time.", hm=f"{8 + i:02d}:15")
    add("2025-03-10", "Exhausted, missed my break again and stayed late to finish the notes.", hm="23:30", tz=NY)
    add("2025-04-02", "Oluwaseun brought me a coffee without being asked.")
    add("2025-04-05", "Bought the new starter a sandwich when she looked done in.")
    explicit = add("2025-05-12", "Tense exchange with a relative on the phone about visiting hours.",
                   encounter=Encounter(who="relative", status="open"))
    add("2025-05-20", "Running on empty. Nothing I do seems to make any difference.")
    shouted = add("2025-06-03", "Oluwaseun's son shouted at me in the corridor and said he'd complain about me.")
    add("2025-06-04", "Dreading tomorrow's list. Couldn't sleep.")
    add("2025-06-20", "Rang Oluwaseun's son back and apologised for how it went. We're fine now.")
    fix = add("2025-07-02", "Called the relative back and said sorry for being curt on the phone.",
              follow_up_of=explicit.id)
    closed_by = add("2025-07-15", "Talked it over in supervision; leaving it there.")
    add("2025-07-10", "Had words with the charge nurse at handover, far too loud, and she walked off.",
        encounter=Encounter(who="charge nurse", status="let-go", resolved_by=closed_by.id, how="let-go"))
    add("2025-07-11", "Follow-up note.", follow_up_of=shouted.id)
    add("2025-09-01", "Kept seeing his face on the drive home.", hm="00:30", tz=NY)
    add("2025-09-02", "Exhausted again, two staff down all day.")
    add("2025-09-20", "A good day: the family thanked the whole team.")
    j.fix_id = fix.id
    return j


def dump(s) -> dict:
    return s.model_dump(mode="json")


def test_the_journal_exercises_linking(journal):
    s = summarise(journal, *PERIODS[0])
    assert s.encounters.resolved and s.encounters.unresolved
    assert {i.source for i in s.encounters.resolved} == {"front matter", "inferred"}
    assert any(i.resolved_by not in (None, i.entry) for i in s.encounters.resolved)
    assert any(r.repairs for r in s.entries)
    assert s.kindness.given and s.kindness.received and s.burnout.evidence


@pytest.mark.parametrize("start,end", PERIODS)
def test_index_files_and_in_memory_pairs_agree(journal, monkeypatch, start, end):
    from_index = dump(summarise(Journal(journal.root), start, end))
    pairs = Journal(journal.root).analysed()
    assert dump(summarise_pairs(pairs, start, end)) == from_index   # every entry, nothing filtered
    monkeypatch.setenv("REFLECT_NO_INDEX", "1")
    assert dump(summarise(Journal(journal.root), start, end)) == from_index


@pytest.mark.parametrize("start,end", PERIODS)
def test_lean_summary_differs_only_in_rows_and_repeated_evidence(journal, start, end):
    full = dump(summarise(journal, start, end))
    lean = dump(summarise(journal, start, end, rows=False, all_evidence=False))
    assert lean["entries"] == []
    firsts, seen = [], set()
    for ev in full["burnout"]["evidence"]:
        if ev["dimension"] not in seen:
            seen.add(ev["dimension"])
            firsts.append(ev)
    assert lean["burnout"]["evidence"] == firsts
    full["entries"], full["burnout"]["evidence"] = [], firsts
    assert lean == full


def test_encounter_list_agrees_with_and_without_the_index(journal, monkeypatch):
    ends = [dt.date(2025, 6, 10), dt.date(2025, 7, 12), dt.date(2025, 12, 31)]
    got = {(end, o): [i.model_dump(mode="json") for i in list_encounters(Journal(journal.root), until=end,
                                                                           open_only=o)]
           for end in ends for o in (False, True)}
    assert got[(dt.date(2025, 7, 12), False)] != got[(dt.date(2025, 7, 12), True)]
    monkeypatch.setenv("REFLECT_NO_INDEX", "1")
    for (end, o), items in got.items():
        assert [i.model_dump(mode="json") for i in list_encounters(Journal(journal.root), until=end,
                                                                   open_only=o)] == items


def test_history_comes_only_when_it_can_matter(journal):
    summarise(journal, *PERIODS[0])  # every analysis made and kept (missing ones always come)
    facts = Facts(Journal(journal.root))
    start = dt.date(2025, 6, 1)
    rows = list(facts.rows(until=dt.date(2025, 12, 31), full_from=start))
    early = {r.id for r, _ in rows if r.day < start}
    everything = list(Facts(Journal(journal.root)).rows(full_from=dt.date(2000, 1, 1)))
    before = {r.id for r, _ in everything if r.day < start}
    assert {r.id for r, _ in rows if r.day >= start} == {r.id for r, _ in everything if r.day >= start}
    # the SQL filter lets through every earlier entry the exact rule wants, and leaves most out
    wanted = {r.id for r, d in everything if r.day < start and relevant(r, d)}
    assert wanted and wanted <= early
    assert len(early) <= len(before) // 2


def test_missing_analyses_are_made_once_with_progress_and_kept(journal, monkeypatch):
    Journal(journal.root).index()  # synced
    conn = sqlite3.connect(index_mod.index_file(journal.root))
    conn.execute("UPDATE entries SET analysis = NULL WHERE rowid % 3 = 0")
    conn.commit()
    missing = conn.execute("SELECT count(*) FROM entries WHERE analysis IS NULL").fetchone()[0]
    conn.close()
    assert missing >= 5
    import reflect.analysis as analysis

    calls, ticks = [], []
    real = analysis.analyse
    monkeypatch.setattr(analysis, "analyse", lambda e: calls.append(e.id) or real(e))
    first = dump(summarise(Journal(journal.root), *PERIODS[0], progress=lambda done, total: ticks.append((done, total))))
    assert len(calls) == missing and ticks[0] == (0, missing) and ticks[-1] == (missing, missing)
    calls.clear()
    assert dump(summarise(Journal(journal.root), *PERIODS[0])) == first
    assert calls == []


def test_a_damaged_index_mid_summary_falls_back_to_the_files(journal, monkeypatch):
    expected = dump(summarise(Journal(journal.root), *PERIODS[1]))
    real = Facts._stream

    def broken(self, idx, cursor, key, counter):
        for n, item in enumerate(real(self, idx, cursor, key, counter)):
            if n == 3:
                raise sqlite3.DatabaseError("database disk image is malformed")
            yield item

    monkeypatch.setattr(Facts, "_stream", broken)
    assert dump(summarise(Journal(journal.root), *PERIODS[1])) == expected


def test_ripple_is_the_first_kindness_given_within_a_fortnight(journal):
    s = summarise(journal, dt.date(2025, 4, 1), dt.date(2025, 4, 30))
    assert [r.days for r in s.kindness.ripples] == [3]
    journal.add("Sam covered my visits when I was ill.", when=at("2025-10-01"))
    journal.add("Bought the new starter a sandwich at lunch.", when=at("2025-10-20"))
    later = summarise(journal, dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    assert later.kindness.received and later.kindness.given
    assert later.kindness.ripples == []   # 19 days later is not a ripple


def test_a_name_written_long_before_the_period_still_links_a_repair(monkeypatch):
    """Names that only open sentences count once the journal has written them mid-sentence, even
    in an entry long before the period and its baseline (which the stream must still read)."""
    monkeypatch.setattr(index_mod, "RACY_SECONDS", 0.0)
    j = open_journal()
    j.add("Spent the afternoon with Priyanka going over the rota.", when=at("2025-01-20"))
    for day in range(1, 25):
        j.add("Quiet shift. Notes done on time.", when=at(f"2025-04-{day:02d}"))
    enc = j.add("Priyanka was upset at handover. I snapped at her and she walked off.", when=at("2025-06-02"))
    fix = j.add("Priyanka came to find me at the end of the shift. I apologised for snapping.",
                when=at("2025-06-25"))
    list(Facts(Journal(j.root)).rows())   # analysed and kept: now only what matters is read
    s = summarise(Journal(j.root), dt.date(2025, 6, 1), dt.date(2025, 6, 28))
    assert [(i.entry, i.resolved_by) for i in s.encounters.resolved] == [(enc.id, fix.id)]
    monkeypatch.setenv("REFLECT_NO_INDEX", "1")
    assert dump(summarise(Journal(j.root), dt.date(2025, 6, 1), dt.date(2025, 6, 28))) == dump(s)
