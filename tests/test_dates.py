import datetime as dt

import pytest

from reflect.dates import parse_when
from reflect.errors import UsageError

# Saturday 21 November 2026, 18:30 local time
REF = dt.datetime(2026, 11, 21, 18, 30).astimezone()


@pytest.mark.parametrize("text, day", [
    ("2026-11-02", dt.date(2026, 11, 2)),
    ("today", dt.date(2026, 11, 21)),
    ("yesterday", dt.date(2026, 11, 20)),
    ("last friday", dt.date(2026, 11, 20)),
    ("last saturday", dt.date(2026, 11, 14)),
    ("friday", dt.date(2026, 11, 20)),
    ("this monday", dt.date(2026, 11, 16)),
    ("3d", dt.date(2026, 11, 18)),
    ("2 weeks ago", dt.date(2026, 11, 7)),
    ("1w", dt.date(2026, 11, 14)),
    ("Yesterday 07:45", dt.date(2026, 11, 20)),
])
def test_accepted_forms_give_the_day_people_mean(text, day):
    assert parse_when(text, reference=REF).date() == day


def test_times_are_kept_and_results_are_timezone_aware():
    value = parse_when("yesterday 07:45", reference=REF)
    assert (value.hour, value.minute) == (7, 45)
    assert value.tzinfo is not None
    iso = parse_when("2026-03-01T09:15:00+01:00", reference=REF)
    assert iso.utcoffset() == dt.timedelta(hours=1)


@pytest.mark.parametrize("text", ["", "blah", "32nd of never", "2026-13-01", "yesterday 25:00", "next fortnight"])
def test_unreadable_dates_explain_the_accepted_forms(text):
    with pytest.raises(UsageError) as info:
        parse_when(text, reference=REF)
    assert "Accepted forms" in info.value.message
    assert "yesterday" in info.value.message
