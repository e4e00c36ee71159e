"""Dates people type: ISO forms and a small, predictable natural language.

Accepted: 2026-11-21, 2026-11-21 18:30, 2026-11-21T18:30:00+01:00, today, now, yesterday,
tomorrow, monday … sunday, last friday, this monday, 3d / 2w / 1m / 1y, "2 weeks ago",
"3 days ago", optionally followed by a time ("yesterday 18:30").
"""
from __future__ import annotations

import datetime as dt
import re

from .errors import UsageError

ACCEPTED = ("2026-11-21, '2026-11-21 18:30', today, yesterday, 'last friday', monday, "
            "'2 weeks ago', 3d, 2w, 1m, 1y")

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_UNITS = {"d": 1, "day": 1, "days": 1, "w": 7, "wk": 7, "week": 7, "weeks": 7,
          "m": 30, "mo": 30, "month": 30, "months": 30, "y": 365, "yr": 365, "year": 365, "years": 365}
_TIME = re.compile(r"\s+(?:at\s+)?(\d{1,2})[:.](\d{2})\s*$")
_AGO = re.compile(r"^(\d+)\s*(d|days?|w|wk|weeks?|m|mo|months?|y|yr|years?)(?:\s+ago)?$")


def now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def local(naive: dt.datetime) -> dt.datetime:
    """Attach the local offset in force at that wall-clock time."""
    return naive.astimezone() if naive.tzinfo is None else naive


def _bad(text: str) -> UsageError:
    return UsageError(f"Could not read the date {text!r}. Accepted forms: {ACCEPTED}.")


def parse_day(text: str, today: dt.date | None = None) -> dt.date:
    return parse_when(text, reference=None if today is None else
                      dt.datetime.combine(today, dt.time(12)).astimezone()).date()


def parse_when(text: str, reference: dt.datetime | None = None) -> dt.datetime:
    """A timezone-aware datetime for `text`. Day-only forms keep the reference's time of day."""
    ref = reference or now()
    raw = (text or "").strip()
    if not raw:
        raise _bad(text)
    lowered = raw.lower()
    try:
        value = dt.datetime.fromisoformat(raw)
        return local(value)
    except ValueError:
        pass
    clock: dt.time | None = None
    match = _TIME.search(lowered)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise _bad(text)
        clock = dt.time(hour, minute)
        lowered = lowered[: match.start()].strip()
    day = _relative_day(lowered, ref.date())
    if day is None:
        raise _bad(text)
    if clock is None:
        if day == ref.date():
            return ref
        clock = ref.time().replace(tzinfo=None) if lowered == "now" else dt.time(12, 0)
    return local(dt.datetime.combine(day, clock))


def _relative_day(word: str, today: dt.date) -> dt.date | None:
    if word in ("today", "now", "tonight", "this evening"):
        return today
    if word == "yesterday":
        return today - dt.timedelta(days=1)
    if word == "tomorrow":
        return today + dt.timedelta(days=1)
    match = _AGO.match(word)
    if match:
        count, unit = int(match.group(1)), match.group(2)
        return today - dt.timedelta(days=count * _UNITS[unit])
    parts = word.split()
    if len(parts) == 1 and parts[0] in WEEKDAYS:
        parts = ["last", parts[0]]
    if len(parts) == 2 and parts[1] in WEEKDAYS:
        target = WEEKDAYS.index(parts[1])
        if parts[0] == "last":
            back = (today.weekday() - target) % 7 or 7
            return today - dt.timedelta(days=back)
        if parts[0] == "this":
            return today - dt.timedelta(days=today.weekday() - target)
    try:
        return dt.date.fromisoformat(word)
    except ValueError:
        return None


def period(since: str | None, until: str | None, days: int | None = None, default_days: int | None = None):
    """(start, end) as whole inclusive days from what was typed; --days N means the N days
    ending today (or --until). Raises UsageError for impossible combinations."""
    end = parse_when(until).date() if until is not None else None
    start = parse_when(since).date() if since is not None else None
    if days is not None:
        if days < 1:
            raise UsageError("--days must be 1 or more.")
        if since is not None:
            raise UsageError("Use either --since or --days, not both.")
        end = end or now().date()
        start = end - dt.timedelta(days=days - 1)
    elif start is None and default_days:
        end = end or now().date()
        start = end - dt.timedelta(days=default_days - 1)
    if start and end and start > end:
        raise UsageError(f"--since ({start}) is after --until ({end}).")
    return start, end
