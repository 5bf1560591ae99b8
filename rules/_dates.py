"""The dates a meeting reference gives, for the reports' timeline."""

from __future__ import annotations

from checker.model import StatedDate
from checker.rules import date_interval

from ._meetings import MeetingRef


def meeting_dates(ref: MeetingRef) -> tuple[StatedDate, ...]:
    """The date the document states ("in June": June 2022), then the dates of the table's
    meeting it was linked to ("in Madrid": 28-30 June 2022), marked as not stated."""
    stated = date_interval(ref.date)
    if ref.meeting is None or ref.meeting.dates == ref.date:
        return stated
    return (*stated, *date_interval(ref.meeting.dates, stated=False))
