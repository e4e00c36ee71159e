"""Crisis language: the writer's own passive or active thoughts are noticed however they are phrased;
other people's quoted despair and everyday idioms are not. Cases written for this test."""
import pytest

from reflect.analysis import crisis_in_text

OWN = [
    "Some mornings I wish I just wouldn't wake up. I'm not going to do anything, it's not like that.",
    "Lying in the dark I thought I'd be quite content not to be around any more.",
    "Sat in the car and thought that everyone would manage fine without me. A relief not to be here at all.",
    "Driving back I thought about steering into the tree on the long bend.",
    "Part of me thinks they'd all be better off without me.",
    "I don't want to be here any more, and I can't say that to anyone at work.",
    "I've been having thoughts about ending it.",
    "I keep thinking about killing myself, then I make tea and it passes.",
    "On the motorway I thought if a lorry came across into my lane it wouldn't be the worst thing.",
    "Part of me hoped the car would just crash on the way in.",
    "A van drifted over the line on the way home and I thought, I wouldn't mind if it didn't stop.",
    "Just a flat thought that being gone would be restful.",
    "It came back on the drive in. Not a plan. I'm not going to act on it, but I'm telling my GP.",
    # more families, phrased afresh: wishing not to wake, not being missed, means, ways out
    "Some nights part of me wishes I could just not wake up.",
    "I hope I don't wake up tomorrow, and that frightens me.",
    "I've started to think about ending things.",
    "Sat in the kitchen wondering whether anyone would notice if I was gone.",
    "Nobody would miss me. That's the thought that keeps coming.",
    "Found myself looking at the tablets in the bathroom cabinet for a long time.",
    "Crossing the footbridge it seemed so easy to just step off.",
    "I could just drive into the canal and be done with it.",
    "I keep picturing my own funeral and feeling calm about it.",
    "If I got ill and never recovered, that would be fine by me.",
    "Driving home at dawn I had a calm thought that if I didn't wake up this afternoon that would be alright.",
    # the writer's own words after someone else's, once the writer has the sentence back
    "My sister said, come for Sunday lunch; honestly I don't want to be here any more.",
    "She said it was fine and then I said I don't want to be here any more.",
]

NOT_OWN = [
    "She said she wished she wouldn't wake up. We made a safety plan together.",
    "\"I'd be better off dead,\" he told me, and I sat with that for a long time.",
    "Tired enough to sleep for a week.",
    "We drove into the bus station car park to meet the outreach van.",
    "It'd be easier not to be here for the audit meeting, honestly, but I went.",
    "The team would manage fine without me for a week, so I booked the leave.",
    "The play ended with the whole cast wanting to die laughing.",
    "Hope I don't wake up late again tomorrow, the alarm is broken.",
    "Easy to just step off the kerb round here without looking, so I walk the long way.",
    "Checked the tablets in the cupboard against the chart for ages before the round.",
    "Nobody would miss the old fax machine.",
    "He told me nobody would miss him, and we wrote his safety plan together.",
    "She kept picturing her own funeral, she said, and it scared her.",
    "If I didn't wake up in time for the early bus it would be fine, I'd get a taxi.",
    "Day off. Not doing anything. Not planning anything. Bliss.",
    "My client talked about not wanting to wake up; I asked the questions properly and rang the crisis team.",
    "Missing the bus wouldn't be the worst thing, I could do with the walk.",
    "A lorry shed its load on the bypass and we sat in traffic for an hour.",
    "I wouldn't mind if the rain didn't stop, the garden needs it.",
    "She said she didn't see why she was still here. No plan, no means; GP and daughter told.",
    "The rota's a mess but I'm not going to do anything about it until Monday.",
    # someone else's words given without quotation marks
    "The new dad went quiet and then he said to me, I don't want to be here any more, I can't do this.",
    "Halfway through the review she told me, they'd all be better off without me, and we stopped there.",
]


@pytest.mark.parametrize("text", OWN)
def test_the_writers_own_crisis_language_is_noticed(text):
    assert crisis_in_text(text) is True


@pytest.mark.parametrize("text", NOT_OWN)
def test_quoted_despair_and_idioms_are_not_the_writers_crisis(text):
    assert crisis_in_text(text) is False
