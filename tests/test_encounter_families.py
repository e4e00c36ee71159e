"""Encounters and repairs written the many ways people write them (cases written for this test)."""
import pytest

from reflect.analysis.entry import analyse_text

ENCOUNTERS = [
    ("Room 4.", "Told the man in room 4, far too bluntly, that his wife wasn't going home today. "
     "He went very still and then raised his voice. Not my finest moment."),
    ("Clinic.", "The podiatrist didn't even look up from her notes. When I asked again she stood and "
     "walked off mid-sentence, in front of the patient. Still rattled."),
    ("Phone.", "Third call from the pharmacy in an hour and I said 'not again' and put the phone down. "
     "Felt awful about it by the time I'd reached the car."),
    ("Visit.", "The lodger shouted that I was only there to take her benefits away and demanded a different worker."),
    ("Evening.", "A relative told me where to go when I asked him to wait outside the bay."),
    ("Resus.", "I told the registrar, far louder than I intended, that bed six needed seeing now."),
    ("Ward.", "The son rang the nurses' station and said he'd be putting a complaint in about me."),
    ("Office.", "The manager called me in: the family did call in a complaint after all."),
    ("Wash.", "Mr D was agitated during the wash and swung at me, and caught me across the cheek."),
    ("New lodger.", "Started off on the wrong foot with the new lodger. There was a silence you could cut "
     "when I sat down."),
]

NOT_ENCOUNTERS = [
    ("Good day.", "Walked off the ward at eight feeling proud of the team. The family thanked us in front of the whole bay."),
    ("Training.", "Difficult conversations module today: how to break bad news without being too blunt."),
    ("Home.", "Not my finest cooking tonight, but the kids ate it. Felt awful about the burnt edges, ha."),
    ("Lunch.", "Swung by the hospice shop at lunch and caught the bus home. Fell asleep on it."),
    ("Rota.", "Started on the wrong ward this morning; moved by ten. Nobody minded."),
    ("Leaflets.", "Put a suggestion in the box about the waiting-room leaflets. Small things."),
]


@pytest.mark.parametrize("title, body", ENCOUNTERS)
def test_interpersonal_tension_is_found(title, body):
    assert analyse_text("x", title, body).encounter_score >= 2


@pytest.mark.parametrize("title, body", NOT_ENCOUNTERS)
def test_everyday_senses_are_not_encounters(title, body):
    assert analyse_text("x", title, body).encounter_score < 2


@pytest.mark.parametrize("body", [
    "Caught her at the start of the shift and said I'd been a nightmare on Tuesday.",
    "Knocked, said sorry, and we sat with the bus timetable together.",
    "I told her I was sorry for snapping in front of the students.",
    "Before he could start, I said that I was sorry for putting the phone down on him.",
])
def test_apologies_in_plain_words_are_repairs(body):
    assert analyse_text("x", "Later.", body).repair


@pytest.mark.parametrize("body", [
    "The old gentleman apologised to us for the bother and offered us a biscuit.",
    "She kept saying sorry for all the trouble while we got the hoist sorted.",
])
def test_someone_apologising_for_the_bother_is_not_a_repair(body):
    assert not analyse_text("x", "Visit.", body).repair


@pytest.mark.parametrize("body", [
    "I should tell him I was sorry for snapping.",
    "I could say sorry to her on Monday, if she's in.",
])
def test_an_apology_still_only_planned_is_not_a_repair(body):
    assert not analyse_text("x", "Visit.", body).repair


def test_a_title_that_is_just_a_name_names_the_person():
    a = analyse_text("x", "Priyanka.", "Priyanka was in charge. I snapped at her during the handover and walked away. Felt rotten after.")
    assert "@priyanka" in a.encounter_people


def test_a_one_word_title_is_not_taken_for_a_name_on_its_own():
    assert "@later" not in analyse_text("x", "Later.", "Rang back about the dressing order.").people


def test_an_apology_made_now_about_an_earlier_month_is_a_repair():
    body = "On the second trip I said I'd been sharp with him on the phone back in March, and he laughed it off."
    assert analyse_text("x", "Keys.", body).repair
    assert not analyse_text("x", "Then.", "Back in March I apologised to a lot of people.").repair


def test_we_are_good_now_clears_the_air():
    [evidence] = analyse_text("x", "Car park.", "Jo and I are good. She'd brought two coffees.").repair
    assert evidence.kind == "cleared-the-air"


@pytest.mark.parametrize("body, dim", [
    ("Seventh day on in a row and the ward list is longer than yesterday.", "workload"),
    ("Realised at eight I hadn't eaten since breakfast.", "workload"),
    ("Legs like lead by the last visit.", "exhaustion"),
    ("Sat in group watching myself nod along.", "detachment"),
    ("Nothing I do in that office seems to stick.", "inefficacy"),
    ("I keep replaying that session on the drive home.", "compassion_fatigue"),
])
def test_burnout_told_through_circumstances(body, dim):
    assert dim in analyse_text("x", "Today.", body).dimensions


@pytest.mark.parametrize("body", [
    "Slept well two nights in a row for the first time in ages.",
    "Went to the coast on my day off and ate chips on the wall.",
    "The trainer asked us to put a hand up if we'd ever burnt out.",
])
def test_everyday_and_hypothetical_mentions_are_not_signals(body):
    assert not analyse_text("x", "Today.", body).dimensions


def test_the_other_person_ringing_back_is_not_the_writers_repair():
    a = analyse_text("x", "Night.", "Rang the son at two as agreed. He rang back at four shouting that we had neglected her.")
    assert not a.repair


@pytest.mark.parametrize("body", [
    "Found him by the lifts and told him I was sorry, he had been right to ask.",
    "I told her I'd been snippy in the meeting.",
])
def test_telling_someone_sorry_is_a_repair(body):
    assert analyse_text("x", "Later.", body).repair


def test_saying_something_sharply_is_the_writers_part_in_an_encounter():
    a = analyse_text("x", "Pager.", 'The ward paged again. I said, rather sharply, "Is it urgent?" and hung up.')
    assert a.encounter_score >= 2


# Families added after a blind set showed how often diaries drop the subject and describe the
# exchange by its effect rather than by a word like "snapped" (sentences written for this test).
@pytest.mark.parametrize("title, body", [
    ("Got snappy with the student nurse.", "She'd left the commode in the doorway again. Long night."),
    ("Handover.", "Asked the agency carer where the obs chart was in a tone I wouldn't like used on me. She went quiet."),
    ("Bed 6.", "He asked for the third time about his lunch and it came out sharper than I meant. I saw it land."),
    ("Clinic.", "He hurled the leaflet at me and then the chair went over. Security walked him out."),
    ("Corridor.", "The ward manager pulled me up in the corridor about the bank shifts. "
                  "Neither of us backed down and I doubt either of us will."),
    ("Review.", "I said the plan wasn't safe. The room went completely quiet and the consultant moved on. "
                "She said goodbye to everyone and not to me."),
    ("Home visit.", "Instead of just listening I started explaining the rules again. His face closed and he showed me out."),
])
def test_tension_described_by_its_effect_is_found(title, body):
    assert analyse_text("x", title, body).encounter_score >= 2


@pytest.mark.parametrize("title, body", [
    ("Drive home.", "It hit me on the drive home how much she has improved. Lovely family."),
    ("Rota.", "Got the rota for December. Booked in for the course on the 9th."),
    ("Quiet.", "The ward went very quiet after ten and I caught up on notes."),
    ("Meeting.", "Everyone was very polite. Agreed the new referral form."),
])
def test_plain_sentences_with_those_words_are_not_encounters(title, body):
    assert analyse_text("x", title, body).encounter_score < 2


def test_a_sentence_without_its_subject_is_still_the_writers_and_quoted_as_written():
    a = analyse_text("x", "Got short with the porter.", "Long day.")
    assert a.encounter_score >= 2
    assert a.encounter[0].words == "Got short with"


def test_wanting_to_apologise_is_not_an_apology():
    a = analyse_text("x", "Thinking.", "Part of me wants to ring his son and say sorry. Left it.")
    assert not a.repair


def test_quoted_speech_that_ends_a_sentence_ends_it():
    """'...who "might want to talk." I said, sharply,' is two sentences: the hedge in the first
    ("if I could") must not cancel the cue in the second."""
    body = ('The ward paged to ask if I could come for a man who "might want to talk." '
            'I said, sharply, "Is anyone actually dying?" Silence.')
    assert analyse_text("x", "On call.", body).encounter_score >= 2


def test_horribly_polite_with_no_goodbye_is_tension():
    body = "Joint visit with the OT. Very polite. Horribly polite. She said goodbye to the family and not to me."
    assert analyse_text("x", "Visit.", body).encounter_score >= 2


@pytest.mark.parametrize("body", [
    "Told the new HCA off in the sluice in front of the relatives. She cried in the toilets afterwards.",
    "Refused to move the appointment and he called me useless and slammed the door.",
    "My manager pulled me aside and had a go about my notes, in front of the students.",
    "I told the client to stop wasting my time. Awful thing to say.",
])
def test_more_plain_accounts_of_a_bad_exchange(body):
    assert analyse_text("x", "Day.", body).encounter_score >= 2


@pytest.mark.parametrize("body", [
    "She cried when I told her the news, and we sat together for a while.",
    "He slammed the door of the van and waved, off to his next job.",
])
def test_tears_and_doors_alone_are_not_encounters(body):
    assert analyse_text("x", "Day.", body).encounter_score < 2


@pytest.mark.parametrize("body", [
    "The HCA and I had a coffee and talked it through. All fine now.",
    "Left a voicemail for the daughter apologising for Tuesday.",
    "Decided to let the thing with the bed manager go. Not worth carrying.",
    "I told her I should have listened, and apologised.",
])
def test_more_repairs_in_plain_words(body):
    assert analyse_text("x", "Later.", body).repair


@pytest.mark.parametrize("body", [
    "I should apologise to Jo tomorrow.",
    "I would apologise if I thought it would help.",
    "Said sorry to the cat for treading on her tail.",
])
def test_plans_and_manners_are_not_repairs(body):
    assert not analyse_text("x", "Later.", body).repair


def test_talking_it_through_with_a_manager_is_a_step_not_a_repair():
    assert not analyse_text("x", "Supervision.", "My manager and I talked it through at supervision.").repair


@pytest.mark.parametrize("body", [
    "Third time she'd asked and I said I've got one pair of hands, in a voice I'd not use on a dog. Whole office went quiet.",
    "He gave me both barrels in front of the taxi rank. I walked off and left him there.",
    "I asked about the feeding in a tone, and she went red and said she'd rather I went.",
    "I'll admit I got sharp on the phone, and he went all clipped and formal after that.",
    "I asked one question too many and he stood up so fast the chair hit the wall.",
])
def test_narrated_exchanges_gone_wrong(body):
    assert analyse_text("x", "Day.", body).encounter_score >= 2


@pytest.mark.parametrize("body", [
    "The whole office went quiet for the minute's silence at eleven.",
    "Got sharp knives for the new flat, finally.",
    "She showed me out to the garden to see the new hens.",
])
def test_the_same_words_in_calm_sentences(body):
    assert analyse_text("x", "Day.", body).encounter_score < 2


@pytest.mark.parametrize("body", [
    'Found him in the day room. I said, "You probably don\'t remember, but I was sharp with you yesterday. I\'m sorry."',
    'Rang the daughter. I told her, "I was out of line at the door and I\'m really sorry."',
    "Caught the porter by the lifts, said I should have asked before moving his trolley, sorry. He laughed it off.",
])
def test_an_apology_in_the_writers_own_words_is_a_repair(body):
    a = analyse_text("x", "Later.", body)
    assert [e.kind for e in a.repair][:1] == ["apologised"]


@pytest.mark.parametrize("body", [
    # someone else's words, quoted or not
    'She said, "I\'m sorry, I was rude to you yesterday." I just nodded.',
    "He said he'd been in a state, sorry, and asked for his tablets.",
    # the writer quoting what they said to a patient, not an apology for anything between them
    'I said, "I\'m sorry for your loss," and sat with her a while.',
    # an apology only planned, in the writer's own words
    'I told myself, "Tomorrow I\'ll go and say I\'m sorry."',
])
def test_apologies_that_are_not_the_writers_repair(body):
    assert not analyse_text("x", "Later.", body).repair


@pytest.mark.parametrize("body", [
    "He was effing at the desk and I told him to shut up or leave. In front of everyone.",
    "I told her to get out of the office, which I've never said to a family member before.",
])
def test_telling_someone_to_shut_up_is_an_encounter(body):
    assert analyse_text("x", "Day.", body).encounter_score >= 2


@pytest.mark.parametrize("body", [
    "I told the coordinator that wasn't good enough, and she said she wasn't going to be spoken to like that and ended the call.",
    "The GP said he would not be talked to like that by a nurse and walked out of the meeting.",
])
def test_someone_objecting_to_how_they_were_spoken_to(body):
    assert analyse_text("x", "Call.", body).encounter_score >= 2


def test_a_call_simply_ending_is_not_an_encounter():
    assert analyse_text("x", "Call.", "The line was bad so she ended the call and texted the times instead.").encounter_score < 2


@pytest.mark.parametrize("body", [
    "Popped into the lab afterwards and said sorry, I'd been a pain about the samples.",
    "Told the charge nurse I'd been a right cow on Friday about the rota.",
    "Told Marek I'd been way too sharp with him in the huddle.",
    "At the start I said that the shouting last week was on me, not him, and he nodded.",
    "We had coffee and she said she'd been out of line too, the inspection had her rattled.",
])
def test_owning_it_to_the_person_is_a_repair(body):
    assert analyse_text("x", "Later.", body).repair


@pytest.mark.parametrize("body", [
    "It's on me to get the referral in by Friday.",
    "Told the new starter I'd been a nurse for twenty years.",
    "Told Mum I'd been sharp at work and she made me a tea.",
])
def test_owning_words_that_are_not_a_repair(body):
    assert not [e for e in analyse_text("x", "Later.", body).repair if e.kind != "learned"]


def test_a_chocolate_bar_is_not_a_person():
    a = analyse_text("x", "Desk.", "Went back with a KitKat and a tin of Roses for Denise and said sorry.")
    assert "@denise" in a.people
    assert "@kitkat" not in a.people and "@roses" not in a.people


@pytest.mark.parametrize("body", [
    "Told my supervisor I'd been sharp with the daughter and we went through what to say.",
    "Told the team lead I'd been short with Mr K at the door.",
])
def test_telling_someone_else_how_i_was_is_not_a_repair(body):
    assert not [e for e in analyse_text("x", "Later.", body).repair if e.kind != "learned"]


@pytest.mark.parametrize("body", [
    'The student asked why I hadn\'t weighed the baby and I said "because the mum was in bits, read the room." Sharp as you like. She went quiet.',
    "I was running on empty by four and the new HCA got the brunt of it. She went red and didn't say a word.",
])
def test_the_writer_owning_how_sharp_they_were(body):
    assert analyse_text("x", "Friday.", body).encounter_score >= 2


def test_the_brunt_of_the_weather_is_not_an_encounter():
    assert analyse_text("x", "Storm.", "The coast road got the brunt of it; trees down by the quarry.").encounter_score < 2


@pytest.mark.parametrize("body", [
    'She was crying down the phone and I said "I\'m sorry, I have to go." And I went.',
    'I said, "I\'m sorry, but I can\'t discuss him with you," and ended the call.',
])
def test_sorry_as_a_way_of_ending_it_is_not_a_repair(body):
    assert not [e for e in analyse_text("x", "Phone.", body).repair if e.kind != "learned"]


def test_their_apology_for_an_old_row_is_not_a_new_one():
    a = analyse_text("x", "Met him.", "First thing he said was that he shouldn't have hung up on me, it had been a night "
                     "from hell. I said I was sorry for my comment too. Shook hands.")
    assert a.repair and a.encounter_score < 2


@pytest.mark.parametrize("body", [
    "I got it wrong with a lad in Year 9 today. Sent him out of the room before I'd asked what was going on.",
    "He rang about the ramp again and I was sharp with him. Heard him go quiet on the line. Not proud of it.",
    "Went into her office about the report. I wasn't calm. Haven't calmed down.",
    "At the debrief the sister turned so her shoulder was towards me, and the registrar glanced at me and then away.",
])
def test_quieter_ways_an_exchange_goes_wrong(body):
    assert analyse_text("x", "Today.", body).encounter_score >= 2


@pytest.mark.parametrize("body", [
    "I got it wrong with the dates for the course, so I rebooked.",
    "The sea wasn't calm on the crossing; the kids loved it.",
    "I was sharp this morning, caught the drug error before anyone else.",
    "Turned the chair so its back was to the window for the light.",
])
def test_the_same_words_elsewhere(body):
    assert analyse_text("x", "Today.", body).encounter_score < 2


@pytest.mark.parametrize("body", [
    "The new starter rolled her eyes and said she'd done her training, thanks. Not a word said the rest of the shift.",
    "Opened the door and Mrs P told me to get out of her house, she'd ring the police. Threw her cup at the wall.",
    "We had it out at the nurses' station over the discharge, and he went off in a huff.",
    "I was flat with him, did the assessment by the numbers and left.",
    "The duty worker said, quite sharply, that she wouldn't debate it on the phone. I came across as just as stroppy back.",
])
def test_testk_style_exchanges(body):
    assert analyse_text("x", "Shift.", body).encounter_score >= 2


@pytest.mark.parametrize("body", [
    "He came out to the car and said he was sorry about the other week. All square now.",
    "She was right as rain today, we're all right, me and her.",
    "Went back before I left at three and said I was sorry, it wasn't her fault.",
])
def test_testk_style_repairs(body):
    assert analyse_text("x", "Later.", body).repair


def test_sorry_for_handwriting_is_manners():
    assert not [e for e in analyse_text("x", "Chemist.", "Apologised for my chicken scratch on the script and "
                                        "rewrote it.").repair if e.kind != "learned"]


@pytest.mark.parametrize("body", [
    "The ice was flat with hardly a ripple, lovely walk.",
    "The eggs were all square in the tray, she packs them so neatly.",
    "Before I go on leave I'll apologise to her, if I can find the words.",
])
def test_testk_style_decoys(body):
    a = analyse_text("x", "Day.", body)
    assert a.encounter_score < 2 and not [e for e in a.repair if e.kind != "learned"]


def test_forgiveness_for_a_small_courtesy_is_not_a_repair():
    a = analyse_text("x", "Talk.", "Stood on the technician's laptop charger and had to say sorry. He's forgiven me, I think.")
    assert not [e for e in a.repair if e.kind != "learned"]


def test_a_real_apology_after_a_courtesy_still_counts():
    a = analyse_text("x", "Clinic.", "Said sorry for the wait. Then I said I was sorry for how I spoke to her on Monday.")
    assert a.repair
