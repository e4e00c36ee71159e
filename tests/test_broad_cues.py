"""The second layer of cues (analysis/broad.py + data/broad.toml): the other ways practitioners write
burnout, encounters and repairs. Every case here was written for these tests; decoys included."""
from __future__ import annotations

import datetime as dt

import pytest

from reflect.analysis.broad import broad, extend
from reflect.analysis.entry import analyse_text
from reflect.journal import open_journal
from reflect.summary import summarise

TZ = dt.timezone(dt.timedelta(hours=0))


def run(text: str, title: str = "", year: int = 2026):
    return analyse_text("b1", title, text, year=year)


def run_main_only(text: str, monkeypatch, title: str = ""):
    import reflect.analysis.broad as b
    monkeypatch.setattr(b, "extend", lambda *a, **k: None)
    return analyse_text("b0", title, text, year=2026)


# -- burnout, written freshly -------------------------------------------------------------------

@pytest.mark.parametrize("dimension, text", [
    ("exhaustion", "Found my phone in the freezer this evening. My shoulders are up round my ears."),
    ("exhaustion", "Too tired to cook, so it was toast over the sink again."),
    ("exhaustion", "Woke at three and lay there running the rota in my head."),
    ("exhaustion", "Slept maybe three hours. Running on vending-machine coffee and biscuits."),
    ("detachment", "Sat through the whole review on autopilot and couldn't tell you a thing anyone said."),
    ("detachment", "Opened the new referrals and read them like you'd read a shopping list."),
    ("detachment", "That Sunday-night dread started at teatime again."),
    ("detachment", "Whole afternoon I watched myself say the right things, like I was across the room."),
    ("inefficacy", "Honestly not sure I'm any use to the families on my list."),
    ("inefficacy", "It feels like shouting into a well, every referral I make."),
    ("compassion_fatigue", "Closed my eyes in bed and saw the burns on that toddler's arms."),
    ("compassion_fatigue", "The case comes home with me now; I used to be able to leave it in the car."),
    ("workload", "Forty-two open referrals and the duty tray overflowing."),
    ("workload", "I've got twenty-nine on my caseload now and the cap is eighteen."),
    ("workload", "Finished the notes in the car park with the interior light on. Nobody pays for that hour."),
    ("workload", "Two of us off sick and the agency nurse cancelled, so I did both bays."),
    ("exhaustion", "Nodded off in the handover meeting. Could barely string a sentence together after."),
    ("detachment", "Caught myself counting down the hours before lunch had even started."),
    ("detachment", "I don't want to keep doing this, and I can't see how to stop."),
    ("inefficacy", "Not cut out for this, I keep dropping balls."),
    ("inefficacy", "Lay awake wondering whether I should have spotted the weight loss sooner."),
    ("compassion_fatigue", "Can't get that little boy out of my head."),
    ("workload", "Came in on my day off to finish the court report."),
    ("workload", "Still charting at 2040 with my coat on."),
    ("workload", "Told the team leader about the caseload again."),
    ("workload", "No cover for Sian's clinic again, so I ran both."),
    ("detachment", "Honestly I'm completely checked out by the third admission."),
    ("compassion_fatigue", "That one I took home with me, I can't stop thinking about the cot."),
    ("workload", "Got mandated again, sixteen hours by the time I clocked out."),
])
def test_fresh_burnout_wording_is_found(dimension, text):
    assert dimension in run(text).dimensions


@pytest.mark.parametrize("text, dimension", [
    # negated
    ("Didn't feel nothing today: I cried with the family, which felt right.", "detachment"),
    ("No Sunday-night dread this week, first time in months.", "detachment"),
    # distant past, recovered
    ("Back then, in my first job, I used to read referrals like you'd read a shopping list.", "detachment"),
    # someone else's state
    ("His wife is running on adrenaline and biscuits, bless her.", "exhaustion"),
    ("She said she felt nothing when the letter came.", "detachment"),
    # good tiredness
    ("Woke at four for the sunrise walk with the kids; best day in ages, happily worn out.", "exhaustion"),
    # numbers that are not the writer's load
    ("The training room had forty chairs and a very slow projector.", "workload"),
    ("Went through the team's caseload at the meeting; Jo is taking two of mine.", "workload"),
    ("The meeting room was double-booked so we used the garden.", "workload"),
    ("Her son said he stopped caring about school last year.", "detachment"),
    ("He kept dozing off in the chair, poor man, after the new tablets.", "exhaustion"),
    ("I should have brought an umbrella, got soaked at the bus stop.", "inefficacy"),
    # someone else as the subject, written without a pronoun
    ("The patient collapsed onto the bed as we came in.", "exhaustion"),
    ("The little boy has nightmares about the dog next door.", "compassion_fatigue"),
    ("The client has flashbacks most nights; we worked on grounding.", "compassion_fatigue"),
    ("Left the house at eight this morning for the first visit.", "workload"),
    ("Two of us out for a curry after the course, lovely evening.", "workload"),
    ("Drove her home with me following in the other car.", "compassion_fatigue"),
])
def test_broad_burnout_decoys_do_not_count(text, dimension):
    assert dimension not in run(text).dimensions


def test_broad_adds_only_what_the_main_rules_missed(monkeypatch):
    text = "Found my keys in the fridge after the late visit."
    assert "exhaustion" not in run_main_only(text, monkeypatch).dimensions
    monkeypatch.undo()
    got = run(text)
    assert "exhaustion" in got.dimensions
    assert any("fridge" in e.words.lower() for e in got.signals)


def test_broad_does_not_duplicate_a_dimension_the_main_rules_found():
    got = run("Completely drained tonight. Found my keys in the fridge.")
    assert sum(1 for e in got.signals if e.kind == "exhaustion" and "fridge" in e.words.lower()) == 0


# -- encounters -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Rang the ward sister about the discharge and I cut across her before she'd finished.",
    "When the son asked about the delay I got defensive and listed our staffing at him.",
    "Took it out on the receptionist, who had done nothing wrong.",
    "Patient advice rang: there's a complaint about me from the clinic on the 3rd.",
    "The concern letter arrived this morning with my name in it.",
    "The uncle stood in the hallway between us and the front door the whole visit.",
    'Her brother leaned in and said "I know where you park, love." We left.',
    "Short with Omari. I was dismissive with him when he asked about his mum's transfer.",
    "The patient's husband had a go at me at the nurses' station about the wait.",
    "I spoke over her twice in the review and she stopped trying.",
    "The son accused me of not caring about his mum, loudly, in the day room.",
    "I fobbed her off with a leaflet when she wanted to talk.",
    "There's a concern logged about my communication with the family.",
])
def test_broad_encounters_are_found(text):
    assert run(text).difficult_encounter


def test_two_weak_cues_make_an_encounter_and_one_does_not():
    one = run("He left without another word.")
    assert not one.difficult_encounter
    two = run("I said it in a way I regret. He left without another word. That's on me.")
    assert two.difficult_encounter


@pytest.mark.parametrize("text", [
    # other senses
    "The power was cut off in the flats so the visit moved to Thursday.",
    "Our manager got defensive funding for two more posts, good news for the team.",
    # someone else's complaint about someone else
    "The tenant has a grievance against the landlord, and the council is slow.",
    # negated / hedged
    "I didn't get defensive this time, just listened and took notes.",
    # quoted speech that is not a threat aimed at the writer
    'She laughed and said "I know where you got that cardigan."',
    # a threat recalled from years back
    "Years ago a father told me he knew where I lived; I think of it sometimes, that's all.",
    "The dog barked at me through the gate all visit.",
    "We had words of encouragement for the students at the end.",
    "I nearly cut across her but waited, and she finished her point.",
    "Mr Pike called me a bossy boots with a wink, and we had a laugh about it.",   # teasing
    "I hurt my back lifting the hoist battery.",
])
def test_broad_encounter_decoys(text):
    assert not run(text).difficult_encounter


def test_quoted_threat_needs_someone_saying_it():
    b = broad()
    assert b.quoted_hostile.search("i know where you work")
    assert not run('The poster in the lift said "I know where you work" in big letters, some advert.').difficult_encounter


# -- repairs, written indirectly --------------------------------------------------------------

@pytest.mark.parametrize("how, text", [
    ("apologised", "Told her I'd been out of line on Monday."),
    ("apologised", "She accepted my apology, which was more than I deserved."),
    ("followed-up", "Rang the lad's foster carer back after lunch."),
    ("followed-up", "Went round to see him at the hostel before clinic."),
    ("cleared-the-air", "We hashed it out in the car park and we're fine now."),
    ("cleared-the-air", "Patched things up with Ines over a brew."),
    ("apologised", "Took him a brew by way of apology."),
    ("cleared-the-air", "Put things right with the charge nurse before handover."),
])
def test_indirect_repairs_are_found(how, text):
    got = run(text)
    assert any(e.kind == how for e in got.repair)


@pytest.mark.parametrize("text", [
    "Going to ring her back tomorrow to apologise.",             # planned, not done
    "I didn't ring him back; ran out of day.",                   # negated
    "The staffing is fine now that the bank nurses are back.",   # not about a person
    "Rang the pharmacy back about the dose; all sorted.",       # a call back to a place, not a person
])
def test_repair_decoys(text):
    assert not run(text).repair


def test_indirect_repair_links_to_the_earlier_encounter():
    j = open_journal()
    enc = j.add("Visit to the Okafor house. Mr Okafor's daughter pushed back on the care plan and I cut across "
                "her halfway through. She went quiet and showed me out.",
                when=dt.datetime(2026, 3, 2, 19, 0, tzinfo=TZ))
    j.add("Team meeting, then a long drive. Nothing much to say.", when=dt.datetime(2026, 3, 3, 19, 0, tzinfo=TZ))
    fix = j.add("Rang Mr Okafor's daughter back. Said I'd been sharp with her on Monday. We're fine now.",
                when=dt.datetime(2026, 3, 5, 19, 0, tzinfo=TZ))
    s = summarise(j, dt.date(2026, 3, 1), dt.date(2026, 3, 10))
    assert [r.entry for r in s.encounters.resolved] == [enc.id]
    assert s.encounters.resolved[0].resolved_by == fix.id
    assert s.encounters.unresolved == []


# -- kindness ---------------------------------------------------------------------------------

def test_kindness_from_colleague_covering():
    assert run("Priya covered my four o'clock so I could get to the school.").kindness_received


@pytest.mark.parametrize("text", [
    "Marguerite turned up with a flask of soup for the whole office.",
    "Femi swapped me his late without me even asking.",
    "A man at the garage fixed my tyre and wouldn't take anything for it.",
])
def test_kindness_received_fresh_wording(text):
    assert run(text).kindness_received


@pytest.mark.parametrize("text", [
    "Brought a tray of brownies in for the team, my turn this month.",      # the writer's own act
    "I brought cake in for everyone.",
    "Someone brought a huge pot of chilli for the potluck.",                # nobody in particular, to nobody
    "Her grandson brought the card from the council round to show her.",   # not to the writer
])
def test_kindness_received_decoys(text):
    assert not run(text).kindness_received


def test_kindness_given_plain_act():
    assert run("The boy waited hours for a bed so I got him a sandwich and showed him how to play chess.").kindness_given


# -- the layer is data, and the cache sees it -------------------------------------------------

def test_cues_are_data_and_the_cache_key_covers_them():
    from reflect.journal import analysis_key
    from reflect.paths import data_file

    path = data_file("broad.toml")
    assert path.exists()
    # analysis_key() stamps every .toml in the packaged data folder (size and mtime)
    assert path.parent.name == "data" and path.suffix == ".toml"
    assert analysis_key() == analysis_key()
    b = broad()
    assert set(b.dimensions) == {"exhaustion", "detachment", "inefficacy", "compassion_fatigue", "workload"}
    assert callable(extend)


def test_the_learned_model_does_not_read_a_negated_call_back_as_a_repair():
    from reflect.analysis.entry import _words_negated
    from reflect.analysis.lexicon import lexicon

    assert _words_negated(lexicon(), "i didn't ring him back; ran out of day.", ["back", "ring"])
    assert not _words_negated(lexicon(), "i rang him back and we sorted it.", ["back", "rang"])
