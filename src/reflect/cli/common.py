"""Option parsing shared by commands (dates, stdin)."""
from __future__ import annotations

import datetime as dt
import sys


def day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    from ..dates import parse_when

    return parse_when(value).date()


def moment(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    from ..dates import parse_when

    return parse_when(value)


def period(since: str | None, until: str | None, days: int | None, default_days: int | None = None):
    """(start, end) as whole inclusive days; --days N means the N days ending today (or --until)."""
    from ..dates import period as dates_period

    return dates_period(since, until, days, default_days)


def read_stdin() -> str:
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from ..errors import UsageError

        raise UsageError("Standard input is not UTF-8 text.") from None
