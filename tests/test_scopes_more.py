"""Scopes that keep other people's states, forecasts and good tiredness out of the writer's signals
(sentences written for these tests)."""
import pytest

from reflect.analysis.entry import analyse_text


def _dims(body: str) -> set[str]:
    return {e.kind for e in analyse_text("x", "Day.", body).signals}


@pytest.mark.parametrize("body", [
    "Our old manager used to say we'd all be burnt out by forty.",
    "If this carries on I'll be exhausted by Christmas, so booking leave now.",
    "Told the dad it's hard for someone who'd been awake with a poorly baby for two nights.",
    "Sam's asleep on the sofa after the party, face painted like a tiger.",
    "Finished the 10k in the rain, absolutely exhausted, soaked through, grinning.",
    "Feet aching, happy.",
    "I'm tired tonight, but not empty.",
])
def test_not_the_writers_exhaustion_now(body):
    assert "exhaustion" not in _dims(body)


@pytest.mark.parametrize("body", [
    "Absolutely exhausted. Third late in a row and nobody to hand over to.",
    "I'm so tired I could cry and it isn't even Wednesday.",
    "Running on empty again, and dreading tomorrow.",
])
def test_the_writers_exhaustion_is_still_found(body):
    assert "exhaustion" in _dims(body)


def test_a_state_the_writer_says_is_over_is_the_past():
    body = ("Found a note I wrote to myself in the winter. I was running on fumes, picking up every shift, "
            "snapping at the kids. I don't feel like that now. Still tired some days, but regular tired.")
    a = analyse_text("x", "Old notes.", body)
    assert not a.signals and a.encounter_score < 2


def test_that_was_then_only_looks_back_within_the_paragraph():
    body = "Running on fumes again tonight, third night in a row.\n\nThe old rota? That was then."
    assert "exhaustion" in _dims(body)


def test_a_year_in_someone_elses_sentence_does_not_make_the_next_one_past():
    body = "The porter said he'd stopped noticing the leak in 2019. I'm so tired I nearly cried at handover."
    assert "exhaustion" in _dims(body)


def test_the_writers_own_quoted_thought_counts_but_not_someone_elses():
    a = analyse_text("x", "Nights.", 'I caught myself thinking "just another bed" about a man dying in bay 4.')
    assert "detachment" in {e.kind for e in a.signals}
    b = analyse_text("x", "Visit.", 'He kept thinking "I want to die" all week, he told me. We made a safety plan.')
    assert not b.crisis


def test_someone_elses_stretched_team_is_not_the_writers_workload():
    assert "workload" not in _dims("The carers at the home were stretched thin, bless them, but Mum looked well.")
