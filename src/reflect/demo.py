"""A sample journal for `reflect demo`: three weeks of a community nurse's end-of-day reflections.

Everything here is invented and written for reflect. The journal goes into a folder of its own,
with REFLECT_HOME pointed at it while the demo runs, so the person's own journal, config, index
and drafts are never read or written.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import UsageError

DISPLAY_NAME = "Sam (demo)"
ROLE = "community nurse"


@dataclass
class Day:
    days_ago: int
    hour: int
    template: str
    answers: dict[str, Any]
    share: bool = False
    key: str | None = None  # to refer to this entry from a later one


# Written for this demo: a fortnight-and-a-bit of one nurse's evenings, with a dip in energy, a
# sharp moment with a relative and its repair, kindness both ways, and a few entries shared.
DAYS: list[Day] = [
    Day(20, 19, "end-of-day", {
        "energy": 4, "mood": 4,
        "what_happened": "First week back on the community team after leave. Eight visits, all on time for once.\n"
                         "A man recovering from a hip operation showed me he can now make his own tea.",
        "kindness_given": "Stayed ten minutes longer with a woman whose husband died in the spring; she wanted "
                          "to show me their wedding photos.",
        "carry_forward": "Keep the habit of eating lunch away from the car.",
        "tags": ["visits"],
    }),
    Day(19, 20, "kindness-and-compassion", {
        "energy": 3,
        "kindness_given": "Knelt down to talk to an older lady at eye level instead of standing over her chair. "
                          "She said it was the first time all week someone had.",
        "feeling_with": "Her daughter cried in the hallway about how tired she is. I felt it in my chest for the "
                        "rest of the afternoon; it took more out of me than the dressings did.",
        "healthiest_picture": "There is a photo on the fridge of her on a walking holiday. I kept that picture in "
                              "mind while we talked about the care package.",
        "kindness_received": "The healthcare assistant I work with brought me a coffee without being asked.",
        "pass_on": "Do the same for the student who starts on Monday.",
        "tags": ["family", "carers"],
    }),
    Day(17, 21, "end-of-day", {
        "energy": 3, "mood": 3,
        "what_happened": "Two colleagues off sick so the caseload was split between the rest of us. "
                         "Thirteen visits. Notes written up at the kitchen table at nine.",
        "kindness_received": "The team lead rang at the end of the day just to ask how I was doing.",
        "carry_forward": "Ask at huddle whether the catheter reviews can move to Thursday.",
        "tags": ["caseload"],
    }),
    Day(16, 21, "end-of-day", {
        "energy": 2, "mood": 2,
        "what_happened": "Missed my break again and ran an hour behind all afternoon. "
                         "Ate a cereal bar between visits and called it lunch.",
        "kindness_given": "Took time to explain a new medicine chart to a carer who was anxious about getting it wrong.",
        "supervision": "The caseload since two of us went off sick: how long can we keep this up?",
        "tags": ["caseload"],
    }),
    Day(15, 21, "bad-day-and-repair", {
        "what_happened": "At the last visit of the day the son of a man I visit asked, quite reasonably, where "
                         "his father's dressings were. I snapped at him and walked out.",
        "encounter_who": "patient's son",
        "what_i_did": "I said it wasn't my job to chase the pharmacy and that I had eleven other people to see.",
        "going_on_for_me": "No lunch, no break, two people off sick, and a difficult visit just before. "
                           "I was running on empty.",
        "energy": 1,
        "impact": "He is the one who sees his father every day and he was worried. I made him feel a nuisance "
                  "for asking.",
        "talked_over": True,
        "repair": "Ring him first thing, apologise without excuses, and tell him exactly when the dressings "
                  "will arrive.",
        "repair_status": "repair-planned",
        "colleague": "That it was a bad moment at the end of a hard day, not who they are, and that ringing "
                     "back is the right instinct.",
        "do_differently": "When I notice I'm that hungry and behind, take two minutes in the car before "
                          "going in.",
        "supervision": "How to say 'I don't know yet, but I'll find out' when I'm exhausted.",
        "tags": ["family", "repair"],
    }, share=True, key="snapped"),
    Day(14, 19, "end-of-day", {
        "energy": 3, "mood": 4,
        "what_happened": "Rang the son back at eight and apologised for how I spoke yesterday. He said he'd been "
                         "frightened for his dad and was glad I called. The dressings came at eleven.",
        "kindness_received": "He thanked me for ringing back. I hadn't expected that.",
        "carry_forward": "A repair is usually smaller and quicker than I fear.",
        "tags": ["family", "repair"],
    }, key="repaired"),
    Day(12, 20, "gibbs", {
        "what_happened": "A handover between the day and evening teams missed that a lady's pressure area had "
                         "got worse. The evening nurse found it and rang me at home.",
        "feelings": "Embarrassed, then defensive, then worried about her skin.",
        "evaluation": "Good: the evening nurse caught it the same day and it was treated. Bad: the change was in "
                      "my notes but not in what I said at handover.",
        "analysis": "Handover at the end of the day is rushed and verbal. What is in the record does not always "
                    "make it into the conversation.",
        "learned": "Written notes are not enough on their own; changes in skin need saying out loud at handover.",
        "do_differently": "Start each handover with what has changed since yesterday, before the routine list.",
        "supervision": "Whether the team could use a short structured handover sheet.",
        "tags": ["handover", "pressure-care"],
    }, share=True),
    Day(10, 22, "end-of-day", {
        "energy": 1, "mood": 2,
        "what_happened": "Drained by the end of another long day, and still can't switch off; lay awake "
                         "going through tomorrow's list.",
        "carry_forward": "Leave the laptop in the car tonight.",
        "tags": ["caseload", "sleep"],
    }),
    Day(9, 21, "self-compassion", {
        "energy": 2, "mood": 2,
        "what_happened": "Felt behind all day and cross with myself about it.",
        "inner_voice": "You should be coping. Everyone else manages. You need to be quicker.",
        "heroic": "It wanted me to fix the staffing gap on my own by working faster. Nobody could meet that.",
        "common_humanity": "Everyone on the team covered extra visits this month. We're all stretched.",
        "kind_words": "You did thirteen visits well and carefully. Being tired is not failing.",
        "self_care": "Bath, early night, phone off.",
    }),
    Day(7, 19, "end-of-day", {
        "energy": 3, "mood": 3,
        "what_happened": "Shadowed by the new student. Explaining things out loud reminded me why I like this work.",
        "kindness_given": "Bought the student lunch and showed her where to park near the surgery.",
        "kindness_received": "A colleague took my last visit so I could get to the dentist.",
        "carry_forward": "Ask the student what she wants to learn this week.",
        "tags": ["student"],
    }),
    Day(5, 20, "what-so-what-now-what", {
        "what_happened": "A man with heart failure told me he had stopped taking his water tablets because they "
                         "kept him from going to his grandson's football. I had been about to write him down "
                         "as non-compliant. Mr Brennan on the next street said much the same last month.",
        "learned": "The tablets were the problem, not the man. Asking about his week told me more than the chart.",
        "do_differently": "Ask what matters to someone before asking about their medication. Talk to his GP "
                          "about the timing of the dose.",
        "tags": ["medicines"],
    }, share=True),
    Day(3, 19, "competent-compassion", {
        "what_happened": "A woman living alone with a new leg ulcer, worried she would lose her independence.",
        "noticed": "She kept apologising for the state of the house. She was frightened more than she was in pain.",
        "skilled_action": "Assessed and dressed the ulcer, then set up a simple routine she could manage herself "
                          "between visits, with the steps written large on the fridge.",
        "limits": "I couldn't promise it would heal quickly. I said so, and what would help it along.",
        "confidence": 4,
        "learned": "Reassurance lands better when it comes with something practical she can do.",
        "tags": ["wound-care"],
    }),
    Day(2, 20, "compassionate-leadership", {
        "what_happened": "Ran the morning huddle while the team lead was on leave.",
        "attending": "Asked each person how their week was going before we split the visits, and listened.",
        "understanding": "One colleague has a sick parent at home and has been quietly taking the late visits.",
        "empathising": "Told her I'd noticed and that she doesn't have to carry it without saying.",
        "helping": "Swapped her two late visits for two of my morning ones this week.",
        "team": 3,
        "energy": 3,
        "learned": "Two minutes of asking saves an hour of someone struggling on their own.",
        "tags": ["team"],
    }),
    Day(1, 18, "end-of-day", {
        "energy": 4, "mood": 4,
        "what_happened": "A tense call with a GP receptionist about a repeat prescription; we both ended it "
                         "annoyed.\nOtherwise a good day: notes done by four and I left on time.",
        "kindness_given": "Phoned a carer back the same day instead of leaving it until Monday.",
        "tension": True,
        "encounter_who": "GP receptionist",
        "repair": "Drop in on Monday and clear the air in person; she's usually helpful.",
        "carry_forward": "Lunch away from the car. It works.",
        "supervision": "Being kinder to myself on the days that go wrong.",
        "tags": ["colleagues"],
    }, share=True),
]


@contextlib.contextmanager
def isolated_home(root: Path) -> Iterator[Path]:
    """Point REFLECT_HOME at `root` for the duration: config, index and drafts all follow it."""
    saved = os.environ.get("REFLECT_HOME")
    os.environ["REFLECT_HOME"] = str(root)
    try:
        yield root
    finally:
        if saved is None:
            os.environ.pop("REFLECT_HOME", None)
        else:
            os.environ["REFLECT_HOME"] = saved


def check_target(root: Path) -> Path:
    root = Path(root).expanduser()
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise UsageError(f"{root} is not an empty folder; the demo only writes into a new or empty one.")
    try:
        from .paths import journal_root

        mine = journal_root().resolve()
    except Exception:  # noqa: BLE001 - an unreadable config must not stop the demo
        mine = None
    if mine is not None and root.resolve() == mine:
        raise UsageError("That is your own journal folder; the demo never writes there.")
    return root


def write_demo_journal(root: Path, today: dt.date | None = None) -> list:
    """Write the sample journal under `root` (with REFLECT_HOME already pointing there). Oldest first."""
    from .config import Config, save_config
    from .journal import Journal
    from .prompting import build_entry
    from .templates import load_template

    today = today or dt.date.today()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    save_config(Config(display_name=DISPLAY_NAME, role=ROLE), root / "config.toml")
    journal = Journal(root)
    entries = []
    by_key = {}
    for day in DAYS:
        when = dt.datetime.combine(today - dt.timedelta(days=day.days_ago), dt.time(day.hour, 5)).astimezone()
        entry = build_entry(load_template(day.template), day.answers, when=when, share=day.share)
        if day.key == "repaired":
            entry.follow_up_of = by_key["snapped"].id
        entry = journal.save_new(entry)
        entries.append(entry)
        if day.key:
            by_key[day.key] = entry
    # The repair, recorded on the encounter as `reflect resolve` would.
    snapped, repaired = by_key["snapped"], by_key["repaired"]
    snapped.encounter.status = "repaired"
    snapped.encounter.how = "apologised"
    snapped.encounter.resolved_by = repaired.id
    journal.save(snapped)
    return entries
