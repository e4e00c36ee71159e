"""A single hard day is a moment, not a pattern: the level needs repetition."""
from reflect.summary import level_for


def test_one_entry_with_signals_is_never_more_than_low():
    assert level_for([["exhaustion"], []]) == "low"
    assert level_for([["exhaustion", "detachment", "inefficacy"]]) == "low"


def test_repeated_signals_still_rise():
    assert level_for([["exhaustion"], ["workload"], [], []]) == "moderate"
    assert level_for([["exhaustion", "detachment"], ["inefficacy", "workload"], ["detachment"], []]) == "high"
    assert level_for([[], [], [], []]) == "none"
