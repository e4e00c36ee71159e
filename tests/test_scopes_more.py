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
