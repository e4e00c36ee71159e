"""Families of burnout and kindness wording (data/broad.toml and lexicon.toml [dimensions]/[kindness]).

Each family is tested with sentences written for these tests, in several people's words, plus decoys
the family must not fire on (negation, a recovered past, good tiredness, someone else's state,
other senses of the same words). Nothing here comes from an evaluation corpus."""
from __future__ import annotations

import pytest

from reflect.analysis.entry import analyse_text


def dims(text: str, title: str = "") -> list[str]:
    return analyse_text("f1", title, text, year=2026).dimensions


def kindness(text: str, title: str = ""):
    a = analyse_text("f2", title, text, year=2026)
    return bool(a.kindness_given), bool(a.kindness_received)


# -- positives: each family in more than one voice ----------------------------------------------

@pytest.mark.parametrize("dimension, text", [
    # exhaustion: sleep that barely happened, eyes and body giving out, re-reading, up since dawn
    ("exhaustion", "Hardly slept, the neighbours' dog again."),
    ("exhaustion", "Scarcely slept a wink before the early."),
    ("exhaustion", "Eyes are gritty and the screen keeps swimming."),
    ("exhaustion", "Read the same discharge letter three times before any of it went in."),
    ("exhaustion", "I'd been up since half five with the school run and the visits."),
    ("exhaustion", "My knees are already complaining and it's only Tuesday."),
    ("exhaustion", "Whole body aches after the hoist-heavy morning on the ward."),
    ("exhaustion", "Honestly at the end of my tether by the last call."),
    ("exhaustion", "Typed up the last assessment with my eyes half shut."),
    ("exhaustion", "Can't remember most of the drive home."),
    # detachment: cannot make yourself go in, a pair of hands, clocking in and out, nothing left over
    ("detachment", "Couldn't make myself go in until quarter past, just sat with the radio."),
    ("detachment", "Parked up and waited ages before I could bring myself to open the car door."),
    ("detachment", "To the trust I'm only a pair of hands on a rota."),
    ("detachment", "These days it's clocking in and clocking out and that's it."),
    ("detachment", "I haven't got anything left for my friends, never mind the families."),
    ("detachment", "Cancelled dinner with my sister again."),
    ("detachment", "Ate in the staff room with my headphones in so I don't have to talk to anyone."),
    ("detachment", "By the end of the clinic I wasn't seeing faces, just room numbers."),
    ("detachment", "Did the whole assessment like an actor reading lines off a card."),
    ("detachment", "That Monday-night knot in my stomach was there before tea."),
    # inefficacy: letting people down, dropping things, the worst one, for nothing, any good
    ("inefficacy", "I've let the whole family down over a form I forgot to send."),
    ("inefficacy", "I'm forgetting things, and what else have I missed this week?"),
    ("inefficacy", "Six months of planning and nothing sticks."),
    ("inefficacy", "I'm turning into a worse nurse than the ones I trained under."),
    ("inefficacy", "Four months of phone calls for nothing."),
    ("inefficacy", "Sometimes I wonder whether I'm cut out for any of it."),
    ("inefficacy", "I don't know if anything I do makes a difference to him."),
    ("inefficacy", "If I were more organised, I'd be on top of this by now."),
    ("inefficacy", "Felt like a first-year student all through the ward round."),
    ("inefficacy", "Couldn't get a single thing done properly after that meeting."),
    ("inefficacy", "Nothing I say in supervision shifts anything upstairs."),
    ("inefficacy", "A whole hour with them and I just couldn't help."),
    # compassion fatigue: a voice or scene staying, dreams, other people's grief sitting on the writer
    ("compassion_fatigue", "I can still hear the way his wife screamed in the corridor."),
    ("compassion_fatigue", "That little girl keeps turning up in my dreams."),
    ("compassion_fatigue", "I keep running the whole resus in my head at night."),
    ("compassion_fatigue", "All their grief just sits on me by Friday."),
    ("compassion_fatigue", "By the fifth family I had nothing left to offer but tissues."),
    # workload: figures, files, mandated shifts, someone else's clinic, nobody else, meals missed
    ("workload", "We're all at 26 and the manager says take one more."),
    ("workload", "I've got 31 families and two court reports due."),
    ("workload", "The waiting list is sitting at 78 again."),
    ("workload", "Forty-odd visits behind after the snow."),
    ("workload", "Did three hours of write-ups on Sunday so the week might be possible."),
    ("workload", "They mandated me again, so that's a sixteen."),
    ("workload", "Shift five in a row tomorrow."),
    ("workload", "Never got my rest day because the rota fell apart."),
    ("workload", "We were down two nurses on the stroke unit."),
    ("workload", "Fourteen patients on my side tonight."),
    ("workload", "No bank staff to be had, so I stayed."),
    ("workload", "Picked up her baby clinic on top of my own caseload."),
    ("workload", "Worked straight through lunch again."),
    ("workload", "There was nobody else to cover the duty phone."),
    ("workload", "Didn't eat anything until half nine."),
    ("workload", "Covering both sites this week while she's on leave."),
    ("workload", "The bleep went off twenty-odd times before noon."),
    ("workload", "Second night on call this week."),
])
def test_family_is_found(dimension, text):
    assert dimension in dims(text), text


# -- decoys: the same words in the wrong scope ---------------------------------------------------

@pytest.mark.parametrize("dimension, text", [
    # negation
    ("inefficacy", "I didn't let her down, whatever she says."),
    ("detachment", "I didn't have to force myself to go in today, which felt new."),
    ("exhaustion", "I didn't read the same page twice; the course was good."),
    # a recovered past
    ("inefficacy", "Two years ago I felt I'd let everyone down."),
    ("exhaustion", "Last year I barely slept and my back was killing me every night."),
    ("detachment", "Back then I couldn't make myself go in, some mornings."),
    # good tiredness
    ("exhaustion", "A bit tired, the good kind, after the sponsored walk."),
    # someone else's state
    ("exhaustion", "She said she's barely slept since the diagnosis."),
    ("inefficacy", "He thinks he let the team down at the match."),
    ("compassion_fatigue", "She can still hear her husband's voice, she told me."),
    # other senses of the same words
    ("workload", "Slept eleven hours on Saturday and felt human."),
    ("workload", "Five kids and no food in the fridge, so we made a food bank referral."),
    ("workload", "I'm 30 and still learning to say no."),
    ("inefficacy", "I couldn't help laughing at the cat video she showed me."),
    ("inefficacy", "Don't know if that helps anyone else, but writing it down helped me."),
    ("compassion_fatigue", "Awake at three doing the rota in my head again."),
    ("detachment", "Rang her back before I could talk myself out of it."),
    ("detachment", "Sat in the car for a bit before driving home, then put the radio on."),
    ("detachment", "Walked through the doors of the new unit for the first time."),
])
def test_decoy_is_not_a_signal(dimension, text):
    assert dimension not in dims(text), text


# -- kindness families ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Got in to find Jo had a curry on for when I got home.",
    "Deb found me in the sluice with a flat white and a KitKat.",
    "Sam chased the pharmacy for me while I was with the family.",
    "Our porter pressed a bag of satsumas into my hands on the way out.",
    "Came out to find my car de-iced, no note, no idea who.",
    "There was a slice of lemon drizzle cake on my desk with a sticky note.",
    "My name was on the card the family sent the ward.",
    "The ward manager took me off the on-call rota for a fortnight.",
    "Anita brought in a tray of her mum's samosas for the whole night team.",
    "One of the residents gave me a boiled sweet out of his own tin.",
    "My partner packed me leftovers and a note.",
])
def test_kindness_received_family(text):
    assert kindness(text)[1], text


@pytest.mark.parametrize("text", [
    "Dropped a spare kettle round to Mr Ellis on the way back.",
    "So I popped round with a flask of soup for her and the kids.",
    "Gave him my spare stethoscope, the student ones are rubbish.",
    "Made her a cheat sheet of the bleep numbers and who to ring.",
    "Showed him the trick with the syringe driver nobody showed me.",
    "Went down to the housing office myself and waited until someone sorted it.",
    "I stayed and sorted the washing with her until her neighbour could come.",
    "Sat with the son in the relatives' room until the consultant came.",
    "Tucked her in with a warm blanket around two.",
    "Pulled up a chair beside his bed for the last hour.",
    "Spent half an hour just listening to her.",
    "Took the porter on nights a brew, he looked done.",
])
def test_kindness_given_family(text):
    assert kindness(text)[0], text


@pytest.mark.parametrize("text", [
    "Made myself a proper tea with actual vegetables.",
    "Nobody brought me anything and I didn't expect it.",
    "It took two hours for me to get through the inbox.",
    "Came back with a tea for myself and sat down for five minutes.",
    "I took the commode round to Mrs Okoye, as booked.",
])
def test_kindness_decoys(text):
    given, received = kindness(text)
    assert not given and not received, text


# -- later families: the head that stays at work, reduced people, targets --------------------------

@pytest.mark.parametrize("dimension, text", [
    ("exhaustion", "In bed and the pager keeps going off in my head."),
    ("exhaustion", "Sat through tea with my mind still on the ward, going through the drug round."),
    ("exhaustion", "Spent the whole afternoon on the sofa under a blanket."),
    ("exhaustion", "Caught myself staring at the wall for ten minutes."),
    ("detachment", "By the sixth admission it was just another bed."),
    ("detachment", "Halfway through the review I couldn't remember the boy's name."),
    ("detachment", "For a moment I thought, if the car broke down I wouldn't have to go in."),
    ("inefficacy", "This isn't the social worker I set out to be."),
    ("workload", "My target is 90 and I'm sitting at 64 per cent."),
    ("workload", "The first visit took an hour longer than it should."),
    ("workload", "Came back to 47 emails, three complaints and a full tray."),
])
def test_later_family_is_found(dimension, text):
    assert dimension in dims(text), text


@pytest.mark.parametrize("dimension, text", [
    ("detachment", "She said he's just another patient to them, and she's right to be angry."),
    ("exhaustion", "Spent the afternoon on the sofa with the kids watching a film, lovely."),
    ("workload", "Sent 3 emails and went home."),
])
def test_later_family_decoy(dimension, text):
    assert dimension not in dims(text), text


@pytest.mark.parametrize("text, given, received", [
    ("Dug her car out for her after the snow so she could get home.", True, False),
    ("Lent him my old copy of the guidance with my notes in it.", True, False),
    ("Spent my lunch break helping her fill in the blue badge form.", True, False),
    ("Stayed after handover to go through her discharge meds with her.", True, False),
    ("Wrote the times on a card in big letters for her handbag.", True, False),
    ("We practised with the inhaler until he could do it on his own.", True, False),
    ("Nipped out to the shop across the road for a birthday cake for Dee.", True, False),
    ("Came home to find Sam had made a curry and done the dishes.", False, True),
    ("My brother came round with a takeaway and sat with me.", False, True),
    ("Mia came back with coffees for the whole team and a brownie for me.", False, True),
    ("Took the obs trolley off me and said sit down.", False, True),
    ("The manager gave me Thursday off without me using leave.", False, True),
    ("One of the dads left a jar of honey from his own bees with my name on it.", False, True),
    ("Jules is taking my Friday clinic so I can go to the appointment.", False, True),
])
def test_later_kindness_families(text, given, received):
    g, r = kindness(text)
    if given:
        assert g, text
    if received:
        assert r, text


@pytest.mark.parametrize("text", [
    "The manager gave me a telling off about the rota.",
    "Nobody took my clinic, so I ran both.",
    "I took my visits in the usual order.",
])
def test_later_kindness_decoys(text):
    assert not kindness(text)[1], text


# -- families from a probe set of our own sentences ---------------------------------------------

@pytest.mark.parametrize("dimension, text", [
    ("exhaustion", "Fell into bed with my scrubs still on."),
    ("exhaustion", "Brain's fried. Legs are gone."),
    ("exhaustion", "Could hardly keep my eyes open through the last review."),
    ("exhaustion", "Running on five hours and vending machine coffee."),
    ("exhaustion", "I feel about ninety years old tonight."),
    ("exhaustion", "Yawning all through the safeguarding meeting."),
    ("exhaustion", "Every muscle aches after the hoists."),
    ("detachment", "I've started seeing them as tasks rather than people."),
    ("detachment", "Pit in my stomach the whole way in."),
    ("detachment", "Told about the death and I didn't even flinch."),
    ("detachment", "Left the phone in a drawer so nobody could reach me."),
    ("detachment", "Fed up to the back teeth of this place."),
    ("detachment", "Seriously thinking of handing in my notice."),
    ("inefficacy", "Keep getting things wrong on the drug round."),
    ("inefficacy", "All that chasing and she's back where she started."),
    ("inefficacy", "Honestly the family would be better off with a different nurse."),
    ("inefficacy", "I'm not the therapist I used to be."),
    ("inefficacy", "I don't feel capable any more."),
    ("compassion_fatigue", "His voice has stuck with me since Friday."),
    ("compassion_fatigue", "Nightmares about the flat with the mould again."),
    ("compassion_fatigue", "There's no empathy left in me for any of them."),
    ("compassion_fatigue", "I carry every one of them home."),
    ("compassion_fatigue", "I'm worn down by other people's grief."),
    ("compassion_fatigue", "The 999 call goes on a loop in my head."),
    ("workload", "Four of us on a unit staffed for eight."),
    ("workload", "Still at my desk at half eight with the cleaners hoovering round me."),
    ("workload", "Picked up two extra lates this week."),
    ("workload", "I'm doing the work of two people since the restructure."),
    ("workload", "Recording until midnight, again."),
    ("workload", "The bleep went off all night, eleven calls."),
    ("workload", "They keep allocating new referrals and the vacancy has never been filled."),
    ("workload", "Twenty minutes late leaving, again."),
])
def test_probe_family_is_found(dimension, text):
    assert dimension in dims(text), text


@pytest.mark.parametrize("dimension, text", [
    ("workload", "His walking frame broke and nobody replaced it, so I rang the store."),
    ("workload", "Got two extra days off over Christmas, bliss."),
    ("exhaustion", "Feel a hundred per cent better after the weekend."),
    ("detachment", "She's handing in her notice, good for her."),
    ("detachment", "He said he sees the clients as people first, always."),
    ("compassion_fatigue", "The song was on a loop on the radio all day."),
    ("inefficacy", "I never keep getting things wrong on that form any more."),
])
def test_probe_decoy(dimension, text):
    assert dimension not in dims(text), text


# -- kindness from a probe set of our own sentences ------------------------------------------------

@pytest.mark.parametrize("text", [
    "Bought Mr Ames a paper on my way in because his eyes can't manage the tablet.",
    "Stayed behind to help the new carer finish her moving and handling sheet.",
    "Rang the benefits line on his behalf and got the appeal logged.",
    "Did her nails before her granddaughter's visit.",
    "Brought in my old radio for the day room.",
    "Sorted a fuel voucher and dropped it round myself.",
    "Took my colleague's on-call so she could get to the school play.",
    "Left her a note telling her she'd been brilliant with the family.",
    "Drove out to collect a commode from the depot and carried it up for them.",
    "Wrote him a supporting letter for the housing panel.",
    "Rang his brother for him so he'd stop worrying about the dog.",
    "Got a card going round for the porter who's retiring.",
    "Bought one for Ravi too, he's had a week of it.",
    "Went through the app with her until she could book her own repeat.",
    "Gave him a cereal bar from my drawer, he hadn't eaten since the night before.",
])
def test_probe_kindness_given(text):
    assert kindness(text)[0], text


@pytest.mark.parametrize("text", [
    "My neighbour had left a stew on the doorstep.",
    "The ward manager let me go early and didn't touch my leave.",
    "Someone had put a cup of tea next to me while I was charting.",
    "Tom ran me a bath and put the kids to bed.",
    "The phlebotomist offered to run the samples down for me.",
    "Kim swapped her late with me so I could see the consultant.",
    "A resident's daughter knitted me a hat.",
    "Mum came round and did all my ironing.",
    "Liz stayed late to help me finish the rota.",
    "The deputy found cover for my Thursday without being asked.",
    "They had my cup waiting with the biscuits out.",
    "A parcel came to the office with my name on the label.",
    "One of the families left a tin of biscuits at reception.",
    "A lad I worked with in the spring popped in with a card for us.",
    "Sam made a curry and told me to sit down.",
    "Jen moved my afternoon visits so I could get to the dentist.",
])
def test_probe_kindness_received(text):
    assert kindness(text)[1], text


@pytest.mark.parametrize("text, which", [
    ("I made myself a sandwich at four.", 0),
    ("She made him a cup of tea before the transfer.", 0),
    ("Nobody covered my visits, so I did them all.", 1),
    ("I brought in doughnuts for the team.", 1),
    ("Did notes, made soup, went to bed early.", 1),
    ("Went back to fetch the car from the hospital car park.", 0),
    ("Rang the duty team from my desk.", 0),
    ("The daughter asked me to bring her a chair.", 0),
])
def test_probe_kindness_decoys(text, which):
    assert not kindness(text)[which], text


# -- other senses of workload and replaying words ------------------------------------------------

@pytest.mark.parametrize("dimension, text", [
    ("compassion_fatigue", "My client keeps replaying the accident, so we practised grounding."),
    ("workload", "Stayed late for the leaving do, great fun."),
    ("workload", "Fourteen-hour flight to see my sister next month, can't wait."),
    ("workload", "Back-to-back episodes of the quiz show with a takeaway, bliss."),
    ("workload", "We're at 18 now, down from 25 since the new starter."),
])
def test_other_sense_is_not_a_signal(dimension, text):
    assert dimension not in dims(text), text


def test_own_replaying_still_counts():
    assert "compassion_fatigue" in dims("I keep replaying the call from the school, the mother's voice.")


# -- a second probe, in other Englishes and registers --------------------------------------------

@pytest.mark.parametrize("dimension, text", [
    ("exhaustion", "Absolutely rooted after that block of nights."),
    ("exhaustion", "Zonked by half eight."),
    ("exhaustion", "Exhausted doesn't begin to cover it."),
    ("exhaustion", "Couldn't think straight by the afternoon clinic."),
    ("exhaustion", "Legs felt like wet sand on the stairs."),
    ("exhaustion", "Barely functioning by the end."),
    ("exhaustion", "It's gone one and I'm still awake going over the ward round."),
    ("exhaustion", "I could do with a month of sleep."),
    ("exhaustion", "Had to pull over on the bypass to shut my eyes."),
    ("detachment", "I've pretty much stopped giving a toss."),
    ("detachment", "Every one of them is just a bed number by the afternoon."),
    ("detachment", "In my head I've already handed in my notice."),
    ("detachment", "Only here for the pension now, if I'm honest."),
    ("detachment", "Dodging my sister's calls again."),
    ("detachment", "Physically there but nothing going on behind the eyes."),
    ("inefficacy", "I'm just not good at this job."),
    ("inefficacy", "Every placement I set up falls through."),
    ("inefficacy", "I'm not helping any of them."),
    ("inefficacy", "He's gone backwards, and that's on me."),
    ("inefficacy", "Second-guessing every decision on the ward now."),
    ("compassion_fatigue", "Can't shake the smell of that flat out of my mind."),
    ("compassion_fatigue", "Her crying is still in my ears."),
    ("compassion_fatigue", "Soaking up other people's grief all day long."),
    ("compassion_fatigue", "Lay awake picturing the child's room."),
    ("compassion_fatigue", "I no longer have the empathy for it."),
    ("compassion_fatigue", "I see his face every time it goes quiet."),
    ("workload", "Doing my notes on the sofa after the kids went down."),
    ("workload", "Got floated to the stroke unit at seven."),
    ("workload", "Caseload's at 38 with two more coming."),
    ("workload", "Stayed forty minutes past the end of my shift."),
    ("workload", "The ward was completely slammed from the off."),
    ("workload", "They refused my annual leave again because of the rota."),
    ("workload", "Nobody to hand over to at eight, so I stayed on."),
])
def test_second_probe_family_is_found(dimension, text):
    assert dimension in dims(text), text


@pytest.mark.parametrize("dimension, text", [
    ("exhaustion", "I'm stuffed after the Sunday roast, lovely."),
    ("exhaustion", "Two years ago I was barely functioning, and I'm not now."),
    ("detachment", "She's only here for the money, the patient's son said."),
    ("inefficacy", "The printer is completely useless today."),
    ("compassion_fatigue", "That tune keeps popping into my head."),
    ("workload", "Our waiting list is at 12, lowest ever, and nobody stayed late."),
])
def test_second_probe_decoy(dimension, text):
    assert dimension not in dims(text), text


# -- a third probe: longer, narrative sentences -------------------------------------------------

@pytest.mark.parametrize("dimension, text", [
    ("compassion_fatigue", "All the disclosures this month have started to merge into one."),
    ("compassion_fatigue", "I dreamt I was back in the house with the locked bathroom."),
    ("compassion_fatigue", "I'm taking on too much of it and it's leaking into my evenings."),
    ("compassion_fatigue", "Their losses are piling up inside me."),
    ("compassion_fatigue", "Couldn't sleep for thinking about the boy on the trolley."),
    ("compassion_fatigue", "The burns come back whenever I close my eyes."),
    ("compassion_fatigue", "I don't have room for anyone else's grief."),
    ("inefficacy", "Whatever I set up just unravels by Friday."),
    ("inefficacy", "Going round in circles with the housing and the GP."),
    ("inefficacy", "Eight years in and I still don't know what I'm doing."),
    ("inefficacy", "I botched the handover and the bloods got missed."),
    ("inefficacy", "I didn't do enough for that family."),
    ("inefficacy", "Got the dose wrong again? No, I got it wrong again with the timings."),
    ("detachment", "My mind was miles away through the whole review."),
    ("detachment", "Like watching it all through a pane of glass."),
    ("detachment", "Some days I'm just pretending to care."),
    ("detachment", "I don't recognise myself on the ward any more."),
    ("detachment", "Another day, another safeguarding."),
    ("detachment", "Got nothing to say to my partner by the time I'm home."),
    ("detachment", "Felt sick at the thought of going in tomorrow."),
    ("detachment", "Rang in sick just to get a day away from it all."),
    ("exhaustion", "Overtired and wired at midnight."),
    ("exhaustion", "Slept right through my alarm."),
    ("exhaustion", "My eyes feel like sandbags."),
    ("workload", "Half the ward are off with the norovirus."),
    ("workload", "Haven't had a day off in three weeks."),
    ("workload", "The referrals just keep growing."),
])
def test_third_probe_family_is_found(dimension, text):
    assert dimension in dims(text), text


@pytest.mark.parametrize("dimension, text", [
    ("inefficacy", "I never messed up a handover in my first year, weirdly."),
    ("detachment", "She said she doesn't recognise herself since the diagnosis."),
    ("compassion_fatigue", "He dreamt he was back in the army, he told me."),
    ("exhaustion", "The twins were overtired after the party."),
])
def test_third_probe_decoy(dimension, text):
    assert dimension not in dims(text), text


# -- kindness told as a story --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Her son couldn't manage the bus fare, so I paid it out of my purse.",
    "Found her a warm cardigan from lost property because she was shivering.",
    "Brought a few of the day room's jigsaws over so he had something to do.",
    "Rang round four chemists until one had her patches in stock.",
    "Made sure she had my direct line before I left.",
    "Cooked extra and dropped a portion round to her, she's just out of hospital.",
    "Bought a birthday cake for the man on bay 2 with no visitors.",
    "Offered to do the late so Priti could get to her son's concert.",
])
def test_story_kindness_given(text):
    assert kindness(text)[0], text


@pytest.mark.parametrize("text", [
    "My supervisor rang just to check I was okay after yesterday.",
    "Got a long email from the family thanking me for everything.",
    "Came back to find a note on the windscreen saying thanks.",
    "My partner had the kettle on and the heating up when I got in.",
    "The domestic saved me a yoghurt from the breakfast trolley.",
    "A patient's husband brought the ward a box of doughnuts.",
    "Gemma sorted my rota swap so I could go to the wedding.",
    "The consultant stayed to help me with the cannula.",
    "My neighbour dropped a bag of shopping round when she heard I was ill.",
    "Dad picked the kids up so I could have a nap.",
])
def test_story_kindness_received(text):
    assert kindness(text)[1], text


@pytest.mark.parametrize("text, which", [
    ("I picked the kids up so I could have the evening with them.", 1),
    ("Made sure he knew the discharge plan.", 0),
    ("She rang to check if I'd sent the referral.", 1),
])
def test_story_kindness_decoys(text, which):
    assert not kindness(text)[which], text


# -- whole entries: decoys in context ---------------------------------------------------------------

@pytest.mark.parametrize("want, text", [
    ([], "Good day. Home at five for once, walked the dog. I don't feel drained at all, which is new."),
    ([], "The 10k this morning, absolutely shattered, the best kind. Pancakes after."),
    ([], 'Mr H said "I\'m so tired of living like this," and we went through his pain relief.'),
    ([], "Short night, the unit was quiet and they let two of us go early."),
    ([], "He was exhausted after the physio and slept all afternoon. Good sign."),
    ([], "Training on resilience: the speaker talked about compassion fatigue and secondary trauma."),
    ([], "The caseload's down to 18 since the new starter, and I took a proper lunch."),
    (["inefficacy"], "I don't know if anything I did today actually helped her. She's back to square one."),
    (["workload"], "Two off sick and no cover, so I picked up their visits on top of mine."),
])
def test_whole_entry(want, text):
    assert sorted(dims(text)) == sorted(want), text


# -- a fourth probe: other roles (pharmacy, ambulance, midwifery, community) -------------------------

@pytest.mark.parametrize("dimension, text", [
    ("workload", "Thirty-odd prescriptions waiting when I got back from the care home."),
    ("workload", "Calls were stacked when we cleared the hospital."),
    ("workload", "Five women in labour and only two of us on."),
    ("workload", "Ten minutes for a review that needs forty."),
    ("workload", "Clinic booked solid until half five."),
    ("workload", "Sent to the other hub at zero notice."),
    ("workload", "Running up and down the corridor the whole shift."),
    ("workload", "Fifty-minute drives between each visit on the new patch."),
    ("workload", "Pulled a double because the night nurse rang in sick."),
    ("exhaustion", "Home at 3am, back in at 8."),
    ("exhaustion", "Slept most of my rest day."),
    ("detachment", "I just skim the referrals now."),
    ("detachment", "Same spiel to every family, like a broken record."),
    ("detachment", "They all look the same to me by the end of the week."),
    ("detachment", "I don't look forward to going in any more."),
    ("detachment", "Just trying to get through the shift."),
    ("detachment", "Felt impatient with her for crying, which isn't like me."),
    ("inefficacy", "Couldn't get her the placement she needed."),
    ("inefficacy", "Most of what I do is papering over the cracks."),
    ("inefficacy", "Not sure I'm safe to practise like this."),
    ("inefficacy", "Maybe she's right about me."),
    ("inefficacy", "I've lost confidence in my own judgement on the ward."),
    ("compassion_fatigue", "I can't watch the news any more."),
    ("compassion_fatigue", "Every toddler in the supermarket, I imagine the worst."),
    ("compassion_fatigue", "The smell of that flat is still in my hair."),
    ("compassion_fatigue", "Numb to their grief by the fourth visit."),
])
def test_fourth_probe_family_is_found(dimension, text):
    assert dimension in dims(text), text


@pytest.mark.parametrize("dimension, text", [
    ("workload", "Only two of us on the course were nurses."),
    ("detachment", "The twins look the same to me, I still can't tell them apart."),
    ("exhaustion", "Slept most of the flight, lovely holiday."),
])
def test_fourth_probe_decoy(dimension, text):
    assert dimension not in dims(text), text


# -- fifth probe (session 3): bodies, evenings, blurring, carrying, extra shifts ------------------

@pytest.mark.parametrize("dimension, text", [
    ("exhaustion", "Haven't eaten since the breakfast round."),
    ("exhaustion", "Too tired to even cook, toast again."),
    ("exhaustion", "Dozed off in the armchair before the news with my boots still on."),
    ("exhaustion", "I haven't slept properly since the inquest."),
    ("exhaustion", "So tired of being tired."),
    ("exhaustion", "Feel like I've run a marathon and it's only Wednesday."),
    ("exhaustion", "Wanted to go to the leaving do but didn't have it in me."),
    ("detachment", "I used to love this job, honestly I did."),
    ("detachment", "Did the whole clinic like I was watching someone else do it."),
    ("detachment", "The families are starting to blur into one."),
    ("detachment", "Never used to mind the weekends on call."),
    ("inefficacy", "What does my assessment actually change for her on a Tuesday?"),
    ("inefficacy", "Would anyone be worse off if my post disappeared tomorrow."),
    ("compassion_fatigue", "Some you carry whether you want to or not."),
    ("compassion_fatigue", "I can't stop seeing that bathroom."),
    ("workload", "Picked up two extra shifts because of sickness on the unit."),
    ("workload", "Sixty hours on the clock this week and more on the laptop."),
    ("workload", "Four reports overdue and two more referrals due Friday."),
    ("workload", "Not paid for the drive between visits, as usual."),
])
def test_fifth_probe_family_is_found(dimension, text):
    assert dimension in dims(text), text


@pytest.mark.parametrize("dimension, text", [
    ("exhaustion", "Sat through the carol concert with my coat on my knee."),
    ("exhaustion", "I'd not slept in a tent since I was ten, lovely weekend."),
    ("workload", "Fourteen sets of notes outstanding at nine, all done by lunch, felt smug."),
    ("detachment", "I used to love this café, it's gone downhill."),
    ("workload", "Picked up two extra pastries for the team on the way in."),
])
def test_fifth_probe_decoy(dimension, text):
    assert dimension not in dims(text), text


# -- sixth probe (session 3, second pass) -------------------------------------------------------

@pytest.mark.parametrize("dimension, text", [
    ("inefficacy", "I'm not sure I'm doing this well at all."),
    ("inefficacy", "I don't feel like I'm doing any of my job properly."),
    ("inefficacy", "What's the point of me some weeks."),
    ("inefficacy", "Might as well be talking to a brick wall at those meetings."),
    ("inefficacy", "Came away wondering whether I'd made things worse for him."),
    ("inefficacy", "Lay awake going over whether I did enough."),
    ("detachment", "I'm ticking families off rather than seeing them."),
    ("detachment", "Part of me didn't care what she thought."),
    ("detachment", "I used to feel that straight away."),
    ("detachment", "Nothing in me at all by the end."),
    ("detachment", "I'm starting to not care who's right, which worries me."),
    ("workload", "Thirty-odd through the door at baby clinic and one scale working."),
    ("workload", "Ran over by forty minutes again."),
    ("workload", "Three visits after, no lunch again."),
    ("workload", "Caseload's 480 now with the vacancies."),
    ("workload", "I'm covering her clinic on Wednesday as well as mine."),
])
def test_sixth_probe_family_is_found(dimension, text):
    assert dimension in dims(text), text


@pytest.mark.parametrize("dimension, text", [
    ("workload", "The caseload of 30 years ago was half this, my mum says."),
    ("detachment", "Got a flat tyre on the way in, sorted by lunch."),
    ("inefficacy", "Not sure whether I'd made the right cake, but the kids loved it."),
    ("workload", "No dinner plans tonight, just a bath."),
])
def test_sixth_probe_decoy(dimension, text):
    assert dimension not in dims(text), text


# -- seventh probe (session 3, third pass) ------------------------------------------------------

@pytest.mark.parametrize("dimension, text", [
    ("inefficacy", "Three visits and I don't think I did a thing for any of them."),
    ("inefficacy", "Who am I kidding, they'd manage fine with a leaflet."),
    ("inefficacy", "I'm supposed to be the one who spots it, and I didn't."),
    ("inefficacy", "I don't think it would make any difference if I pushed."),
    ("inefficacy", "Nothing I do changes the waiting list."),
    ("inefficacy", "What kind of nurse can't remember a patient's name?"),
    ("compassion_fatigue", "I can't put that one down tonight."),
    ("compassion_fatigue", "Sat in the car because I didn't want to bring it into the house."),
])
def test_seventh_probe_family_is_found(dimension, text):
    assert dimension in dims(text), text


@pytest.mark.parametrize("dimension, text", [
    ("inefficacy", "The new ramp made a real difference to her, and I'd do it again."),
    ("compassion_fatigue", "Couldn't put the book down, finished it at midnight."),
])
def test_seventh_probe_decoy(dimension, text):
    assert dimension not in dims(text), text


# -- kindness, session 3 --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Her husband sent me off with a bag of plums from the garden.",
    "Got in and Sam had run me a bath without a word.",
    "Ade turned up at my desk at ten with a coffee and a flapjack.",
    "My lead took two of my visits off me without my asking.",
    "The daughter rang the office to thank me for last week.",
    "My sister stayed on the phone while I rang the GP.",
    "The woman on the helpline didn't rush me once.",
])
def test_kindness_received_family_session_3(text):
    assert kindness(text)[1], text


@pytest.mark.parametrize("text", [
    "I let him talk the whole hour about the allotment.",
    "Sat with her twenty minutes longer than I needed to.",
    "Sat on the step beside him until he was ready to go back in.",
    "We had a call waiting but stopped ten minutes anyway.",
    "Gave her my spare charger to keep.",
])
def test_kindness_given_family_session_3(text):
    assert kindness(text)[0], text


@pytest.mark.parametrize("text", [
    "They sent us back with a flea in our ear about the paperwork.",
    "Let them talk over me for the whole meeting and said nothing.",
])
def test_kindness_decoys_session_3(text):
    assert kindness(text) == (False, False), text


# -- flat feeling, self-blame, faces at night, lists that grow (cases written for these tests) -----

@pytest.mark.parametrize("dimension, text", [
    ("exhaustion", "By the end of the double I was absolutely cooked."),
    ("exhaustion", "So tired of everything that even the telly felt like work."),
    ("exhaustion", "Lights out at ten and awake again at half two, same as Monday."),
    ("detachment", "Told them the results and felt almost nothing, which isn't like me."),
    ("detachment", "The thank-you card was lovely. Felt it for a moment and then it was gone."),
    ("detachment", "It's that flatness I can't shake, nothing lands."),
    ("detachment", "I know I ought to feel something about it and I don't."),
    ("detachment", "I used to care what the consultants thought. Not now."),
    ("detachment", "Sometimes I think I've stopped being a person in that building."),
    ("detachment", "Another discharge, just another bed to turn round."),
    ("detachment", "Came home hollowed out after the inquest."),
    ("inefficacy", "I've got thirty families and I'm not doing any of them properly."),
    ("inefficacy", "I let her down and there's no getting round it."),
    ("inefficacy", "Someone more experienced would have spotted the bruising on the first visit."),
    ("inefficacy", "If I was better organised none of this would have slipped."),
    ("inefficacy", "If I were a better nurse the family would not have had to ask twice."),
    ("inefficacy", "Maybe I'm just too slow for this team."),
    ("inefficacy", "Chasing housing for him is like spitting into the wind."),
    ("compassion_fatigue", "I can still see the little girl's face at the window."),
    ("compassion_fatigue", "Faces keep coming back at me when I shut my eyes."),
    ("compassion_fatigue", "Woke at three thinking about the man from the flats."),
    ("workload", "Twenty-eight on my list now and three of them are court reports."),
    ("workload", "My caseload's crept up to 52 since the reorganisation."),
    ("workload", "Five new referrals before lunch, two of them urgent."),
    ("workload", "Two of us off sick so the rest of us split the round."),
    ("workload", "Only three people covering the whole patch tonight."),
    ("workload", "Did my own visits and Priya's, since she's on the course."),
])
def test_quiet_family_is_found(dimension, text):
    assert dimension in dims(text)


@pytest.mark.parametrize("dimension, text", [
    ("exhaustion", "Roast potatoes were properly cooked for once, the family cheered."),
    ("exhaustion", "Awake again for the baby's feed and straight back off, no bother."),
    ("detachment", "I used to care for my gran before she went into the home."),
    ("detachment", "Just another one of those days where the printer jams, nothing more."),
    ("detachment", "The flatness of the fens always surprises visitors."),
    ("detachment", "Didn't feel nothing like the panic I had last year; calm all shift."),
    ("inefficacy", "He let me down again, third missed appointment."),
    ("inefficacy", "If I was quicker off the mark I'd have caught the bus, ha."),
    ("compassion_fatigue", "You can still see the old railway line from the top field."),
    ("workload", "Two of us out for a curry after the course, lovely evening."),
    ("workload", "Two of us off to the conference in the morning, should be good."),
    ("workload", "Four people on the list for the raffle, so far."),
])
def test_quiet_family_decoy(dimension, text):
    assert dimension not in dims(text)


@pytest.mark.parametrize("dimension, text", [
    ("exhaustion", "Came home the long way over the moor and was so tired I nearly missed the turning."),
    ("exhaustion", "Slept on the sofa all afternoon and woke up not knowing what day it was."),
    ("workload", "Hadn't sat down since seven when the bleep went again."),
    ("workload", "I'd done 140 miles today and still had two visits after tea."),
])
def test_carried_subject_and_long_days(dimension, text):
    assert dimension in dims(text)


@pytest.mark.parametrize("dimension, text", [
    ("exhaustion", "The family came in from the airport and were exhausted, poor things."),
    ("workload", "Drove 200 miles to see my sister at the weekend, lovely to catch up."),
    ("workload", "Sat down with a cup of tea and the crossword."),
])
def test_carried_subject_decoys(dimension, text):
    assert dimension not in dims(text)


@pytest.mark.parametrize("dimension, text", [
    ("exhaustion", "Finished at five for once. Didnae feel drained, just a bit square-eyed."),
    ("exhaustion", "I canna say I was tired today, the new rota's a gift."),
    ("detachment", "I asked him straight was he thinking about ending it. He said no, just sick of it all."),
    ("exhaustion", "She said to me, I'm exhausted and I can't do the stairs any more."),
])
def test_scots_negation_and_someone_elses_words(dimension, text):
    assert dimension not in dims(text)


def test_gonna_is_not_a_negation():
    assert "exhaustion" in dims("I'm gonna be wrecked tomorrow, I'm already wrecked tonight.")


@pytest.mark.parametrize("dimension, text", [
    ("workload", "Ran late all morning after the hoist call."),
    ("workload", "Ended up nearly an hour behind and ringing ahead to everyone."),
    ("workload", "The office added two calls onto my run and gave me no travel time."),
    ("workload", "Came out at one and the list had grown by four."),
    ("workload", "Two of us on for the whole trust tonight."),
    ("workload", "Fourth night in a row and the bleep hasn't stopped."),
    ("workload", "Saturday clinic, a half day that ran to three."),
    ("workload", "First night off call in sixteen days."),
    ("workload", "Didn't stop for lunch, again."),
    ("exhaustion", "Done in tonight, straight to bed."),
    ("exhaustion", "Legs have gone after that shift."),
    ("exhaustion", "Still tired down to my bones."),
    ("detachment", "Read the complaint and it was like watching it happen to someone else."),
    ("detachment", "Caught myself thinking, right, another one for the pile."),
    ("detachment", "Just ticking them off one after another by the end."),
    ("compassion_fatigue", "I keep doing the resus again in my head in the shower."),
])
def test_testk_style_families(dimension, text):
    assert dimension in dims(text)


@pytest.mark.parametrize("dimension, text", [
    ("workload", "The film ran till eleven, worth it."),
    ("workload", "Two of us on the beach all afternoon, bliss."),
    ("workload", "The clock's an hour behind since the change, must fix it."),
    ("exhaustion", "Legs have gone a lovely brown on holiday."),
    ("detachment", "Ticking off the Christmas list with the kids, such fun."),
])
def test_testk_style_decoys_for_dimensions(dimension, text):
    assert dimension not in dims(text)


@pytest.mark.parametrize("dimension, text", [
    ("exhaustion", "She asked how I was and I said sleeping, badly."),
    ("exhaustion", "Nodded off for a second during the ward round."),
    ("inefficacy", "Feels like I'm not much chop at the moment."),
    ("inefficacy", "Spent the evening worrying I'd missed something in the bloods."),
    ("compassion_fatigue", "Lay there going through his notes in my head at four."),
    ("compassion_fatigue", "Found myself thinking about the girl on the drive home, and again in the shower."),
    ("compassion_fatigue", "That sentence keeps coming back to me when I'm cooking."),
    ("compassion_fatigue", "I keep hearing the way he said it."),
])
def test_testk_style_families_two(dimension, text):
    assert dimension in dims(text)


@pytest.mark.parametrize("dimension, text", [
    ("exhaustion", "The baby is sleeping badly with her teeth, poor thing."),
    ("inefficacy", "The new kettle's not much good, returning it."),
    ("compassion_fatigue", "Lay there going through my holiday photos, lovely."),
])
def test_testk_style_decoys_two(dimension, text):
    assert dimension not in dims(text)
