"""The learned second opinion (reflect.analysis.learned, data/learned.json): rebuilt exactly by its
training script from the team's own labelled journals, masked so no name can become a feature, and
only ever a tie-breaker for encounters. Cases written for these tests."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reflect.analysis.entry import analyse_text
from reflect.analysis.learned import judge, tokens

ROOT = Path(__file__).resolve().parents[1]


def test_names_and_numbers_are_masked_before_anything_is_learned():
    assert tokens("Told Priya at 3 that Mr Khan's meds were late") == [
        "told", "<name>", "at", "<num>", "that", "<name>", "<name>", "meds", "were", "late"]
    assert tokens("I'm sure I'd said it")[:2] == ["i'm", "sure"]


@pytest.mark.slow
def test_the_stored_model_is_exactly_what_training_on_our_own_corpora_builds():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "model" / "train.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_model_settles_an_entry_the_rules_left_one_cue_short():
    title, body = ("Ward round.", "The registrar asked why the obs weren't done and I said they were, he just "
                   "hadn't looked. He went quiet. Awkward all afternoon.")
    a = analyse_text("x", title, body, year=2026)
    assert a.difficult_encounter
    learned = [e for e in a.encounter if e.kind == "learned"]
    assert len(learned) == 1 and learned[0].quote in f"{title} {body}" and learned[0].words


def test_the_model_never_makes_an_encounter_on_its_own():
    title, body = ("Meeting.", "The consultant said I'd got the dose wrong and I said I hadn't, it was on the chart. "
                   "He said he'd look into it.")
    assert judge(f"{title}\n{body}", [title, body])["encounter"].flag   # the model would say yes...
    assert not analyse_text("x", title, body, year=2026).difficult_encounter   # ...but the rules found nothing


def test_an_entry_read_as_a_repair_gets_no_encounter_from_the_model():
    title, body = ("Phone.", "She said I'd promised a visit and I said I hadn't, and it got a bit heated. Rang her "
                   "back later and apologised for snapping. Awkward still.")
    assert judge(f"{title}\n{body}", [title, body])["encounter"].flag   # the model would say yes...
    a = analyse_text("x", title, body, year=2026)
    assert a.repair and a.encounter_score == 1   # ...but a retelling with its repair is not a new exchange


@pytest.mark.parametrize("body", [
    "Wrote her an apology but it's sitting in my drafts; I said sorry in it.",
    "Rang the son at two as agreed. He rang back at four shouting that we had neglected her.",
])
def test_the_rules_scopes_still_bind_the_models_repairs(body):
    assert not analyse_text("x", "Night.", body, year=2026).repair
