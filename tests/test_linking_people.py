"""Linking a repair to the encounter it mends when people are named the way diaries name them.

Written for these tests: names that only ever open a sentence, a person named once and then
"he" for the rest, apologies that cover something small and something real, and another
person's apology that is not the writer's repair.
"""
from __future__ import annotations

import json

from reflect.analysis.entry import analyse_text


def _add(cli, when, text):
    r = cli("add", "--json", "--date", when, text)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["id"]


def _encounters(cli, since, until):
    data = json.loads(cli("summary", "--json", "--since", since, "--until", until).stdout)
    return data["encounters"]


def test_a_name_that_only_opens_sentences_links_once_the_journal_names_them(cli):
    enc = _add(cli, "2026-05-04 08:00",
               "Bad end to nights.\nToby comes into bay 2 while I'm with a patient and asks loudly where the fluids "
               "chart is. Right in front of the patient. I told him to find it himself. He walked out.")
    _add(cli, "2026-05-05 19:00", "Couldn't sleep. Kept going over the thing with Toby.")
    fix = _add(cli, "2026-05-07 18:00",
               "Evening.\nHe found me in the staff room with a tea and said he shouldn't have come at me like that. "
               "I told him I was out of line too. Me and Toby are fine.")
    found = _encounters(cli, "2026-05-01", "2026-05-31")
    assert [r["entry"] for r in found["resolved"]] == [enc]
    assert found["resolved"][0]["resolved_by"] == fix
    assert found["unresolved"] == []


def test_a_person_named_once_then_he_is_still_the_person_repaired(cli):
    enc = _add(cli, "2026-06-01 21:00",
               "Long night.\nMr Okafor, day two after his knee. Lovely at eight. By one he was convinced I was "
               "stealing from him. He swung at me when I went to check the drain.")
    _add(cli, "2026-06-02 21:00", "Quiet one. Caught up on training modules.")
    fix = _add(cli, "2026-06-03 08:30",
               "Better.\nMr Okafor was himself again this morning. His wife had told him about the night. "
               "He shook my hand and wanted to talk about the cricket for twenty minutes. We're square.")
    found = _encounters(cli, "2026-06-01", "2026-06-30")
    assert [(r["entry"], r["resolved_by"]) for r in found["resolved"]] == [(enc, fix)]


def test_sorry_for_being_late_and_for_what_i_said_is_a_repair():
    a = analyse_text("x", "Back out.", "I sat with him and said I was sorry about Monday, for being late and for "
                                       "what I said at the door.")
    assert a.repair
    assert not analyse_text("x", "Late.", "Said sorry to the team for being late to handover.").repair


def test_someone_elses_apology_is_not_the_writers_repair():
    a = analyse_text("x", "Visit.", "At the door he shook my hand and said sorry for the bother.")
    assert not a.repair
    b = analyse_text("x", "Letter.", "The complaints team replied to her with an apology on behalf of the ward.")
    assert not b.repair
    c = analyse_text("x", "Lunch.", "At lunch I bought two coffees and took him one with a proper apology.")
    assert c.repair


def test_hanging_up_after_a_voicemail_is_not_an_encounter():
    a = analyse_text("x", "Calls.", "Rang the practice and left a message asking her to call back. "
                                    "Heart going after I hung up.")
    assert a.encounter_score < 2
    b = analyse_text("x", "Calls.", "He was shouting so I hung up on him. Felt awful.")
    assert b.encounter_score >= 2


def test_a_relation_mentioned_in_the_apology_does_not_hide_who_it_is_to(cli):
    enc = _add(cli, "2026-07-01 21:00",
               "Bay 3.\nMaya, four, needed a third cannula attempt. Her dad asked if we were practising on her and "
               "I said we'd be done if he let me get on with it. In front of the student. His face just shut.")
    fix = _add(cli, "2026-07-08 19:00",
               "Maya going home.\nHer dad came to the desk before they left. I told him I'd been sharp with him and "
               "it was the wrong thing to say to someone who'd been up all night with his daughter. Shook hands.")
    found = _encounters(cli, "2026-07-01", "2026-07-31")
    assert [(r["entry"], r["resolved_by"]) for r in found["resolved"]] == [(enc, fix)]


def test_a_complaint_after_an_open_encounter_is_its_sequel_not_a_new_one(cli):
    enc = _add(cli, "2026-08-03 21:00",
               "Bay 5.\nMr Pryce's son shouted at me at the nurses' station about his dad's pressure sore. "
               "I was short with him and walked off. Not my finest hour.")
    sequel = _add(cli, "2026-08-10 19:00",
                  "Letter.\nThe ward manager told me Mr Pryce's son has put in a formal complaint about my attitude. "
                  "Heavy evening.")
    found = _encounters(cli, "2026-08-01", "2026-08-31")
    assert [r["entry"] for r in found["unresolved"]] == [enc]
    assert sequel not in [r["entry"] for r in found["unresolved"] + found["resolved"]]


def test_a_repair_that_names_the_weekday_links_to_that_days_encounter(cli):
    # 2026-03-04 is a Wednesday; the Friday entry names someone from both days
    wed = _add(cli, "2026-03-04 20:00",
               "Not my best.\nMarta asked me again about the referral forms and I told her I'd got one pair of "
               "hands, in a voice I'd not use on a dog. The office went quiet.")
    fri = _add(cli, "2026-03-06 19:00",
               "Clinic.\nA mum called Dee told me to stop judging her and walked out before I'd finished. Marta "
               "was on reception and saw it all. Not proud of how I handled it.")
    fix = _add(cli, "2026-03-09 18:00",
               "Monday.\nTook Marta a coffee and said I'd been bang out of order on Wednesday, that it wasn't "
               "about her. She said she knew.")
    found = _encounters(cli, "2026-03-01", "2026-03-31")
    resolved = {r["entry"]: r["resolved_by"] for r in found["resolved"]}
    assert resolved == {wed: fix}
    assert [r["entry"] for r in found["unresolved"]] == [fri]


def test_talking_it_through_with_a_colleague_does_not_mend_the_same_entrys_row(cli):
    enc = _add(cli, "2026-04-14 20:00",
               "Duty.\nRang the duty desk about the family and the worker decided it was advice only before I'd "
               "finished. I got sharp with him and he put the phone down on me. Talked it through with Alisha "
               "afterwards and she agreed we escalate.")
    found = _encounters(cli, "2026-04-01", "2026-04-30")
    assert [r["entry"] for r in found["unresolved"]] == [enc]
    assert found["resolved"] == []


def test_an_exchange_that_did_not_go_well_in_front_of_the_room_is_an_encounter():
    a = analyse_text("x", "Huddle did not go well.",
                     "I questioned the plan and the registrar said to the whole round that I'd got a bit excited. "
                     "Didn't look at me once.")
    assert a.encounter_score >= 2


def test_a_small_apology_that_names_the_weekday_does_not_mend_that_days_row(cli):
    enc = _add(cli, "2026-03-02 19:00",
               "Team meeting.\nI told Priya in front of everyone that the rota was a numbers exercise and she knew "
               "it. The room went very quiet.")
    _add(cli, "2026-03-05 18:00",
         "Busy.\nApologised to Priya for walking off with her laptop charger on Monday. We're being very polite.")
    found = _encounters(cli, "2026-03-01", "2026-03-31")
    assert [r["entry"] for r in found["unresolved"]] == [enc]


def test_a_repair_that_names_the_weekday_a_fortnight_on(cli):
    # 2026-06-01 is a Monday; the apology eleven days later says "on the Monday" and names nobody
    row = _add(cli, "2026-06-01 21:00",
               "Front desk.\nA father kept hammering on the glass about his son's wait and I snapped at him that "
               "shouting wouldn't get anyone seen faster. He called me heartless and sat down.")
    other = _add(cli, "2026-06-03 20:00",
                 "Resus.\nHad words with the new porter about the trolley in the corridor. Still sour.")
    fix = _add(cli, "2026-06-12 19:00",
               "He came back.\nThe fella from the front desk on the Monday came in with chocolates, and I said "
               "sorry for raising my voice at him in front of the waiting room.")
    found = _encounters(cli, "2026-06-01", "2026-06-30")
    assert {r["entry"]: r["resolved_by"] for r in found["resolved"]} == {row: fix}
    assert [r["entry"] for r in found["unresolved"]] == [other]


def test_a_weekday_three_weeks_back_is_not_taken_as_that_weeks(cli):
    row = _add(cli, "2026-06-01 21:00",
               "Front desk.\nI snapped at a father at the window about the wait; he swore at me and sat down.")
    _add(cli, "2026-06-22 19:00",
         "Today.\nI said sorry to the woman in bay two for being short with her on Monday about the commode.")
    found = _encounters(cli, "2026-06-01", "2026-06-30")
    assert row in [r["entry"] for r in found["unresolved"]]


def test_a_name_opening_the_title_with_a_verb_of_contact_links_the_repair(cli):
    # the title "Kerry rang me back" names Kerry; the client named in passing does not take the repair
    jade = _add(cli, "2026-09-02 21:00",
                "Double-up with the new girl.\nShowed her how Mr Carter's sling sits and she rolled her eyes at "
                "me in front of him. Not a word said the rest of the shift.")
    kerry = _add(cli, "2026-09-30 19:00",
                 "Words with Kerry at the office.\nRang about the rota and Kerry got short with me and put the "
                 "phone down more or less. Not nice.")
    fix = _add(cli, "2026-10-02 20:00",
               "Kerry rang me back at dinner.\nSaid she was sorry she was sharp the other day. I said sorry I'd "
               "been snippy too. They've moved Mr Carter to later.")
    found = _encounters(cli, "2026-09-01", "2026-10-31")
    assert {r["entry"]: r["resolved_by"] for r in found["resolved"]} == {kerry: fix}
    assert [r["entry"] for r in found["unresolved"]] == [jade]


def test_a_word_opening_a_sentence_then_said_is_not_always_a_name():
    a = analyse_text("x", "Day.", "Traffic was awful. Nobody said much at handover. Lunch said it all, really: crisps.")
    assert not {"@traffic", "@nobody", "@lunch"} & set(a.people)
