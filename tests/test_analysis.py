"""Per-entry analysis: cases written for these tests (never taken from the evaluation corpus)."""
from __future__ import annotations

import datetime as dt

import pytest

from reflect.analysis import ANALYSIS_VERSION, EntryAnalysis, analyse, crisis_in_entry
from reflect.analysis.entry import analyse_text
from reflect.models import Entry


def run(text: str, title: str = "", year: int = 2026) -> EntryAnalysis:
    return analyse_text("t1", title, text, year=year)


@pytest.mark.parametrize("dimension, text", [
    ("exhaustion", "Absolutely shattered tonight. Could barely keep my eyes open on the drive home."),
    ("exhaustion", "Three nights in a row I've lain awake until two. Can't switch off."),
    ("detachment", "Sat with the family and felt nothing at all, just going through the motions."),
    ("detachment", "Another referral, just another case number on the screen. Dreading Monday."),
    ("inefficacy", "Whatever I do for her it's never enough. Nothing I do makes any difference."),
    ("compassion_fatigue", "I keep seeing his face when I close the curtains. Can't leave it at work any more."),
    ("workload", "We were two carers down and I missed my lunch again."),
    ("workload", "Stayed until nine finishing the reports; the workload is impossible."),
])
def test_each_dimension_is_found(dimension, text):
    assert dimension in run(text).dimensions


@pytest.mark.parametrize("text", [
    "I didn't feel drained today, for once.",
    "Wasn't exhausted at all after the visit.",
    "Happily exhausted after the charity bike ride.",
    "Tired, but the good kind, the kind where a family goes home happy.",
    "Three years ago I was completely burnt out and dreading every shift. I'm not there now.",
    "Back in 2019 I was numb most days.",
    "She said she felt numb and drained all the time.",
    "Ran a short session on sleep hygiene for the group.",
    "The patient found the walk exhausting for him, but he was proud.",
    "Truly, I am burned out from the sheer excitement of the new form.",
])
def test_decoys_raise_no_burnout_signal(text):
    assert run(text).dimensions == []


def test_quoted_words_are_not_the_writers():
    a = run('He looked at me and said "I am so tired of everything, nothing I do makes a difference."')
    assert a.dimensions == []
    assert a.crisis == []


def test_short_staffed_is_workload_not_an_encounter():
    a = run("Short-staffed again on the unit, so nobody got a break.")
    assert "workload" in a.dimensions
    assert not a.difficult_encounter


@pytest.mark.parametrize("text", [
    "I snapped at the patient's brother when he questioned the discharge plan. He walked off.",
    "Mrs Y's son shouted at me in the corridor and said he'd be making a complaint about me.",
    "I was really curt with the receptionist at the surgery and she put the phone down on me.",
    "Had words with the charge nurse at handover; too loud, in front of everyone.",
])
def test_encounters_found(text):
    assert run(text).difficult_encounter


@pytest.mark.parametrize("text", [
    "A difficult moving and handling assessment: the bed wouldn't fit past the door.",
    "Training on difficult conversations this morning, lots of role play.",
    "Mr Q called me a menace and said he'd make a formal complaint to the council, with a big grin.",
    "I nearly snapped at a relative but managed to keep calm.",
    "The lift was being difficult again so we used the stairs.",
])
def test_not_encounters(text):
    assert not run(text).difficult_encounter


def test_repair_done_versus_planned():
    assert run("Rang his daughter back this morning and apologised for how I spoke to her.").repair
    assert not run("I should ring his daughter back and apologise.").repair
    assert not run("Wrote her an apology but it's sitting in my drafts; I said sorry in it.").repair


def test_repair_sentence_is_not_a_new_encounter():
    a = run("Saw Mr V's wife today. I said I was sorry for being short with her last time. We're fine now.")
    assert a.repair and not a.difficult_encounter


def test_people_are_found_for_linking():
    a = run("Had a row with Priyanka, the ward manager, about the rota. She stormed off.")
    assert "@priyanka" in a.encounter_people
    assert "manager" in a.encounter_people


def test_crisis_own_words_only():
    assert run("On the bus home I caught myself thinking it would be easier not to wake up.").crisis
    assert run("Some nights I think everyone would be better off without me.").crisis
    assert not run("My client told me he wants to kill himself; we made a safety plan.").crisis
    assert not run('She whispered "I don\'t want to be here any more" and we sat with that.').crisis
    assert not run("Completed a suicide risk assessment training module.").crisis
    assert not run("I'm not suicidal, just very tired.").crisis


def test_kindness_given_and_received():
    assert run("Bought the new starter a coffee and walked her round the unit.").kindness_given
    assert run("Sam covered my last visit without being asked.").kindness_received


def test_energy_rating_counts():
    entry = Entry(id="e1", created=dt.datetime(2026, 1, 5, 20, 0, tzinfo=dt.timezone.utc),
                  title="Quick note.", body="Nothing much to say.\n", energy=1)
    assert analyse(entry).dimensions == ["exhaustion"]


def test_template_headings_are_not_analysed():
    body = "## What drained you today?\nNot much, a calm clinic.\n\n## What went well?\nThe team.\n"
    assert run(body).dimensions == []


def test_json_round_trip_and_version():
    a = run("Snapped at a colleague and I'm exhausted. Bought her a coffee later to say sorry.")
    again = EntryAnalysis.from_json(a.to_json())
    assert again == a
    assert isinstance(ANALYSIS_VERSION, int)


def test_crisis_in_entry_and_deterministic():
    entry = Entry(id="e2", created=dt.datetime(2026, 2, 1, 22, 0, tzinfo=dt.timezone.utc),
                  title="Late.", body="Honestly I don't want to be here any more.\n")
    assert crisis_in_entry(entry)
    assert analyse(entry) == analyse(entry)


@pytest.mark.parametrize("text", [
    "Sometimes I think about not being around any more.",
    "If I'm honest I wouldn't mind if I didn't wake up tomorrow.",
    "I've had thoughts about ending it this week.",
    "Part of me wants to disappear.",
    "I feel suicidal tonight and I'm scared.",
])
def test_crisis_phrasings_are_found(text):
    assert run(text).crisis


@pytest.mark.parametrize("text", [
    "Assessed a man who has thoughts about ending it; made a plan with his wife.",
    "She told me she wishes she wasn't here; we rang the crisis team together.",
    "Ten years ago I had thoughts of ending my life. I'm well now and grateful.",
    "Delivered the suicide prevention training to the new starters.",
])
def test_crisis_decoys(text):
    assert not run(text).crisis


@pytest.mark.parametrize("text, dimension", [
    ("Running on four hours' sleep and emotionally drained.", "exhaustion"),
    ("I honestly don't give a damn about the targets any more, I've become so jaded.", "detachment"),
    ("I feel like a fraud in front of the students.", "inefficacy"),
    ("Nightmares about the baby from last week's case again.", "compassion_fatigue"),
    ("We were slammed all day, covering two wards.", "workload"),
])
def test_more_ways_of_saying_it(text, dimension):
    assert dimension in run(text).dimensions


def test_disagreement_and_bad_terms_are_encounters():
    assert run("Had a disagreement with the consultant about discharge and we left on bad terms.").difficult_encounter
    assert run("Made amends with Priya over lunch.").repair
    assert run("Popped round to see Mr E's wife to explain, and she understood.").repair


def test_other_peoples_tiredness_and_condolences():
    assert run("The family were exhausted after a week at the bedside.").dimensions == []
    assert run("Was exhausted by three and still had two visits.").dimensions == ["exhaustion"]
    assert not run("Mrs K died overnight; I told her daughter I was sorry for her loss.").repair


def test_home_flare_up_is_not_a_work_encounter():
    assert not run("Snapped at my own kids over breakfast, then cried in the car.").difficult_encounter
    assert run("I was dismissive when her son asked about the discharge. He made a complaint.").difficult_encounter


@pytest.mark.parametrize("text", [
    "Went off on the lab tech on the phone about the lost sample.",
    "The patient's nephew blew up at me in the hallway.",
    "My supervisor chewed me out in front of the team.",
])
def test_american_encounter_idioms(text):
    assert run(text).difficult_encounter


def test_elliptic_apology_and_someone_apologising_for_another():
    assert run("Told him I was out of line and apologized.").repair
    assert not run("His sisters apologized for him afterwards.").repair


@pytest.mark.parametrize("text", [
    "Made up a bed for the new admission and made up the drug chart.",
    "Stayed with her while the ambulance came, held her hand.",
    "The wall in the car park has a new mural.",
])
def test_broad_idioms_keep_their_other_senses(text):
    a = run(text)
    assert not a.repair and not a.difficult_encounter and a.dimensions == []


def test_literal_gates_never_change_what_matches():
    """The quick literal pre-check is an optimisation only: same matches with and without it."""
    from pathlib import Path

    from reflect.analysis.lexicon import lexicon
    from reflect.analysis.text import sentences

    lex = lexicon()
    texts = [p.read_text() for p in sorted((Path(__file__).parent.parent / "bench" / "heldout").glob("*.txt"))]
    lows = [s.low for t in texts for s in sentences(t)]
    assert len(lows) > 100
    rxs = list(lex.dimensions.values()) + [lex.encounter_strong, lex.encounter_weak, lex.crisis, lex.kind_given,
                                           lex.kind_received, lex.past, *lex.repair.values()]
    for rx in rxs:
        for low in lows:
            assert [m.span() for m in rx.finditer(low)] == [m.span() for m in rx.rx.finditer(low)], (rx.pattern[:60], low)


def test_template_answers_and_ratings_count():
    body = ("## Where were you kind to someone today?\n\nSat an extra ten minutes with a new mum.\n\n"
            "## Was anyone kind to you today?\n\nNo.\n\n## What happened today that is staying with you?\n\nA calm day.\n")
    a = analyse_text("t", "End of day.", body, ratings={"confidence": 1, "team": 1})
    assert a.kindness_given and a.kindness_given[0].quote.startswith("Sat an extra")
    assert not a.kindness_received
    assert a.dimensions == ["inefficacy"]


def test_hostility_between_other_people_is_not_the_writers_encounter():
    assert not run("On the ward a visitor was aggressive to the porter at visiting time.").difficult_encounter
    assert run("A visitor was aggressive to me at visiting time.").difficult_encounter


@pytest.mark.parametrize("text", [
    "We argued the case for funding at panel and won.",
    "She asked if I ever get tired of the job. Never, I said.",
    "Talked about burnout at the staff wellbeing session.",
    "I'm tired of the car park machine eating my coins.",
])
def test_everyday_sentences_raise_nothing(text):
    a = run(text)
    assert a.dimensions == [] and not a.difficult_encounter


def test_apology_for_lateness_is_manners_and_encounter_before_apology_counts():
    assert not run("I said sorry that we were running late and she laughed.").repair
    a = run("She screamed at me to get out, then apologised, and we were fine after.")
    assert a.difficult_encounter and a.repair


@pytest.mark.parametrize("text", [
    "The patient felt numb in her left foot.",
    "She kept seeing her late husband in the garden; the dementia is progressing.",
    "I keep thinking about the new rota, it looks good.",
    "Dread to think what the traffic will be like.",
    "I lay awake with excitement before the holiday.",
    "My feet hurt from the charity walk, but worth it.",
    "Three nurses down the corridor were laughing at a joke.",
    "Missed my lunch date with Ana because of the rain.",
])
def test_other_senses_of_strain_words(text):
    assert run(text).dimensions == []
