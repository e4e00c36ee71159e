"""summarise() and `reflect summary`: linking, period rules, JSON contract, calm wording."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from reflect.journal import open_journal
from reflect.summary import level_for, summarise

TZ = dt.timezone(dt.timedelta(hours=1))


def at(day: str, hm: str = "20:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hm}:00").replace(tzinfo=TZ)


@pytest.fixture
def journal():
    return open_journal()


def add(j, day, text, hm="20:00", **kw):
    return j.add(text, when=at(day, hm), **kw)


def test_encounter_repaired_later_by_person_reference(journal):
    enc = add(journal, "2026-04-01", "Visit to Mr Z. His granddaughter Kezia was waiting and I was short with her "
                                      "when she asked about the care plan. She stood at the window with her back to me.")
    add(journal, "2026-04-03", "Busy clinic. Said sorry to Gareth for the late notes, nothing serious.")
    fix = add(journal, "2026-04-06", "Back at Mr Z's. I told Kezia I was sorry for being short with her on Tuesday, "
                                      "and we cleared the air over a cup of tea.")
    s = summarise(journal, dt.date(2026, 4, 1), dt.date(2026, 4, 10))
    assert [r.entry for r in s.encounters.resolved] == [enc.id]
    assert s.encounters.resolved[0].resolved_by == fix.id
    assert s.encounters.unresolved == []
    rows = {r.id: r for r in s.entries}
    assert rows[enc.id].difficult_encounter and not rows[fix.id].difficult_encounter
    assert rows[fix.id].repairs == enc.id


def test_unresolved_includes_encounters_from_before_the_period(journal):
    old = add(journal, "2026-01-10", "Row with the duty manager about the rota. He shouted at me in the office.")
    add(journal, "2026-02-20", "Quiet shift, good team.")
    s = summarise(journal, dt.date(2026, 2, 15), dt.date(2026, 2, 28))
    assert [u.entry for u in s.encounters.unresolved] == [old.id]
    assert [e.id for e in s.entries] != [old.id]


def test_repair_after_period_end_does_not_count(journal):
    enc = add(journal, "2026-03-02", "I snapped at Tomasz, the new HCA, in front of a patient. He went red.")
    add(journal, "2026-03-20", "Found Tomasz at break and apologised for snapping at him. We're fine now.")
    s = summarise(journal, dt.date(2026, 3, 1), dt.date(2026, 3, 10))
    assert [u.entry for u in s.encounters.unresolved] == [enc.id]
    later = summarise(journal, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert later.encounters.unresolved == []


def test_same_entry_repair_resolves_itself(journal):
    e = add(journal, "2026-05-05", "I was sharp with Mrs O's husband at the door when he questioned the dressing. "
                                    "Before I left I apologised to him properly and he shook my hand.")
    s = summarise(journal, dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    assert [(r.entry, r.resolved_by) for r in s.encounters.resolved] == [(e.id, e.id)]


def test_trivial_apology_to_someone_else_is_not_a_repair(journal):
    add(journal, "2026-06-01", "Had words with the pharmacist, Declan, about the missing script. He hung up on me.")
    add(journal, "2026-06-02", "I said sorry to Ayesha for taking her parking space. She laughed.")
    s = summarise(journal, dt.date(2026, 6, 1), dt.date(2026, 6, 30))
    assert len(s.encounters.unresolved) == 1 and s.encounters.resolved == []


def test_talking_it_over_with_a_manager_is_not_a_repair(journal):
    add(journal, "2026-06-01", "I was curt with a patient's wife on the phone and she complained about me.")
    add(journal, "2026-06-03", "Talked it over with my manager in supervision. Feel a bit better. Haven't rung her yet.")
    s = summarise(journal, dt.date(2026, 6, 1), dt.date(2026, 6, 30))
    assert len(s.encounters.unresolved) == 1


def test_explicit_front_matter_wins(journal):
    from reflect.models import Encounter

    e = add(journal, "2026-07-01", "Tense visit, nothing I would call a row.",
            encounter=Encounter(who="relative", status="let-go"))
    s = summarise(journal, dt.date(2026, 7, 1), dt.date(2026, 7, 31))
    assert [r.entry for r in s.encounters.resolved] == [e.id]
    assert s.entries[0].difficult_encounter


def test_levels_from_entry_dimensions():
    assert level_for([]) == "none"
    assert level_for([[]] * 10) == "none"
    assert level_for([["workload"]] + [[]] * 9) == "low"
    assert level_for([["exhaustion", "workload"]] * 6 + [[]] * 4) == "moderate"
    assert level_for([["exhaustion", "detachment"]] * 9 + [["workload"]]) == "high"


def test_trend_rising_and_rhythm_gap(journal):
    for d in ("2026-08-01", "2026-08-03", "2026-08-05"):
        add(journal, d, "Lovely day with the team, home on time.")
    for d in ("2026-08-20", "2026-08-22", "2026-08-24", "2026-08-27"):
        add(journal, d, "Exhausted again, missed my lunch, and felt numb with every family. Nothing I do makes a difference.")
    s = summarise(journal, dt.date(2026, 8, 1), dt.date(2026, 8, 28))
    assert s.burnout.trend == "rising"
    assert s.burnout.level in ("moderate", "high")
    assert s.rhythm.gaps and s.rhythm.gaps[0].days >= 7
    ev = [e for e in s.burnout.evidence if e.dimension == "exhaustion"]
    assert ev and ev[0].words.lower() == "exhausted" and ev[0].entry


def test_cli_json_contract(cli):
    assert cli("add", "--date", "2026-09-02 19:30", "Snapped at a relative on the ward. Completely drained.").exit_code == 0
    assert cli("add", "--date", "2026-09-03 19:30", "Calm day. Bought the student a coffee.").exit_code == 0
    r = cli("summary", "--json", "--since", "2026-09-01", "--until", "2026-09-30")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["period"] == {"start": "2026-09-01", "end": "2026-09-30", "days": 30}
    assert data["burnout"]["level"] in ("none", "low", "moderate", "high")
    assert data["burnout"]["trend"] in ("rising", "stable", "falling")
    first, second = data["entries"]
    assert first["date"].startswith("2026-09-02T19:30")
    assert first["signals"] == ["exhaustion"] and first["difficult_encounter"] is True
    assert second["kindness_given"] is True and second["crisis"] is False
    assert [u["entry"] for u in data["encounters"]["unresolved"]] == [first["id"]]
    assert data["encounters"]["resolved"] == []


def test_terminal_view_is_calm_and_shows_support_for_crisis(cli):
    cli("add", "--date", "2026-10-01 22:00", "Long shift, so tired. Lately I feel like I don't want to be here any more.")
    r = cli("summary", "--since", "2026-10-01", "--until", "2026-10-05")
    out = r.output
    assert r.exit_code == 0
    assert "bring to supervision" in out
    assert "you have burnout" not in out.lower()
    assert "Samaritans" in out and "116 123" in out


def test_quoted_client_despair_shows_no_support_panel(cli):
    cli("add", "--date", "2026-10-02 21:00", 'A client said "I just want it all to end." We made a safety plan together.')
    r = cli("summary", "--since", "2026-10-01", "--until", "2026-10-05")
    assert "Samaritans" not in r.output


def test_empty_period_and_skipped_files(cli, reflect_home):
    r = cli("summary", "--since", "2026-01-01", "--until", "2026-01-31", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["entries"] == []
    bad = reflect_home / "entries" / "2026" / "01"
    bad.mkdir(parents=True)
    (bad / "broken.md").write_text("---\nid: [oops\n---\nbody\n")
    r = cli("summary", "--since", "2026-01-01", "--until", "2026-01-31")
    assert "skipped" in r.stderr


def test_pronoun_only_repair_links_to_the_one_recent_open_encounter(journal):
    enc = add(journal, "2026-11-02", "Bed 4's mother got hostile when the scan was delayed and I was curt with her.")
    fix = add(journal, "2026-11-04", "Went back at visiting time and apologised to her. We're okay now.")
    s = summarise(journal, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert [(r.entry, r.resolved_by) for r in s.encounters.resolved] == [(enc.id, fix.id)]


def test_pronoun_only_repair_is_not_guessed_between_two_encounters(journal):
    add(journal, "2026-11-02", "A relative shouted at me about the parking. I was short with her.")
    add(journal, "2026-11-03", "Had a row with the pharmacist about a controlled drug. He hung up on me.")
    add(journal, "2026-11-05", "Apologised to her this morning.")
    s = summarise(journal, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert len(s.encounters.unresolved) == 2


def test_since_without_until_runs_to_today(cli):
    import datetime as _dt

    today = _dt.date.today()
    r = cli("summary", "--json", "--since", (today - _dt.timedelta(days=3)).isoformat())
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["period"]["end"] == today.isoformat()


def test_add_shows_support_panel_only_for_own_crisis(cli):
    r = cli("add", "Long week. Honestly some nights I don't want to be here any more.")
    assert "Samaritans" in r.output
    r = cli("add", 'Visited Mr F, who told me "I don\'t want to be here any more". We rang his GP together.')
    assert "Samaritans" not in r.output


def test_template_encounter_by_role_links_to_a_later_free_text_repair(journal):
    from reflect.models import Encounter

    enc = add(journal, "2026-12-01", "## What happened today that is staying with you?\n\nA tense visit.\n",
              encounter=Encounter(who="a relative", status="open"), template="end-of-day")
    add(journal, "2026-12-02", "Quiet day at the office.")
    add(journal, "2026-12-03", "Had a row with the pharmacist about stock. He hung up on me.")
    fix = add(journal, "2026-12-20", "Rang the relative back and apologised for how the visit went. We're fine now.")
    s = summarise(journal, dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    resolved = {r.entry: r.resolved_by for r in s.encounters.resolved}
    assert resolved == {enc.id: fix.id}
    assert len(s.encounters.unresolved) == 1


def test_repair_entry_recalling_the_other_side_is_not_a_new_encounter(journal):
    enc = add(journal, "2026-06-03", "Mr Q's wife called me heartless on the phone. I raised my voice and she hung up on me.")
    fix = add(journal, "2026-06-08", "Rang Mr Q's wife about his leave. I told her I was sorry for raising my voice. "
                                      "She said she'd been frightened and took it out on me. We're on better terms now.")
    s = summarise(journal, dt.date(2026, 6, 1), dt.date(2026, 6, 30))
    rows = {r.id: r for r in s.entries}
    assert rows[enc.id].difficult_encounter and not rows[fix.id].difficult_encounter
    assert [(r.entry, r.resolved_by) for r in s.encounters.resolved] == [(enc.id, fix.id)]
    assert s.encounters.unresolved == []


def test_the_header_names_both_years_and_counts_one_entry_as_one(cli):
    assert cli("add", "--date", "2026-01-10", "A quiet one.").exit_code == 0
    out = cli("summary", "--since", "2025-12-20", "--until", "2026-01-20").stdout
    assert "20 Dec 2025 \u2013 20 Jan 2026" in out
    assert "(1 entry over 32 days)" in out
    assert "less than once a week" in out
