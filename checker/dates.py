"""Dates stated in English, resolved against a document's date, keeping their precision.

Parsing goes through dateparser, and only on spans a rule already knows to be temporal:
fuzzy date search over free text invents dates ("$1 billion" parses as a date).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

TODAY_WORDS = {"today", "this day", "today's"}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d|21\d\d)\b")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH_ONLY = re.compile(rf"(?i)(?P<month>{_MONTHS})(?:,?\s+(?P<year>\d{{4}}))?")
_DAY_RANGE = re.compile(
    rf"(?i)^(?:(?P<d1>\d{{1,2}})\s*[-–—/]\s*(?P<d2>\d{{1,2}})\s+(?P<m1>{_MONTHS})"
    rf"|(?P<m2>{_MONTHS})\s+(?P<d3>\d{{1,2}})\s*[-–—/]\s*(?P<d4>\d{{1,2}}),?)"
    rf"(?:\s+(?P<year>\d{{4}}))?$"
)


@dataclass(frozen=True, order=True)
class DateValue:
    """A closed interval of days with the precision it was stated in."""

    start: dt.date
    end: dt.date
    precision: str  # day | month | year | range

    def contains(self, other: DateValue) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: DateValue) -> bool:
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        if self.precision == "day":
            return f"{self.start.day} {self.start:%B %Y}"
        if self.precision == "month":
            return f"{self.start:%B %Y}"
        if self.precision == "year":
            return f"{self.start.year}"
        if self.start.year == self.end.year and self.start.month == self.end.month:
            return f"{self.start.day}–{self.end.day} {self.start:%B %Y}"
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


def day(value: dt.date) -> DateValue:
    return DateValue(value, value, "day")


def month(year: int, number: int) -> DateValue:
    last = calendar.monthrange(year, number)[1]
    return DateValue(dt.date(year, number, 1), dt.date(year, number, last), "month")


def year(number: int) -> DateValue:
    return DateValue(dt.date(number, 1, 1), dt.date(number, 12, 31), "year")


def span_of(start: dt.date, end: dt.date) -> DateValue:
    return day(start) if start == end else DateValue(start, end, "range")


def add_months(value: dt.date, months: int) -> dt.date:
    index = value.year * 12 + value.month - 1 + months
    new_year, new_month = divmod(index, 12)
    last = calendar.monthrange(new_year, new_month + 1)[1]
    return dt.date(new_year, new_month + 1, min(value.day, last))


@lru_cache(maxsize=8)
def _parser(anchor: dt.date, prefer: str = "future") -> Any:
    from dateparser.date import DateDataParser  # imported lazily: it is not needed for --help

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(anchor, dt.time()),
            "PREFER_DATES_FROM": prefer,
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": [],
        },
    )


def resolve_date(text: str, anchor: dt.date | None, prefer: str = "future") -> DateValue | None:
    """'in April' -> April of the anchor's year or the next; 'today' -> the anchor; '2023'.

    A date without a year is the next such date (`prefer="future"`: announcements) or the
    last one (`prefer="past"`: "leaders met on March 23"). Without an anchor, a date that
    needs one is not resolved.
    """
    cleaned = " ".join(text.replace("’", "'").split()).strip(" ,.")
    cleaned = re.sub(r"^(?:in|on|by|at|during|from|until|before|after)\s+", "", cleaned, flags=re.I)
    if not cleaned:
        return None
    if cleaned.lower() in TODAY_WORDS:
        return day(anchor) if anchor else None
    has_year = bool(_YEAR.search(cleaned))
    if anchor is None and not has_year:
        return None
    if re.fullmatch(r"\d{4}", cleaned):
        return year(int(cleaned))
    named = _MONTH_ONLY.fullmatch(cleaned)
    if named:  # the common case, resolved here: dateparser's first call costs ~0.3 s
        return _resolve_month(named, anchor, prefer)
    day_range = _DAY_RANGE.match(cleaned)
    if day_range:
        return _resolve_day_range(day_range, anchor, prefer)
    try:
        data = _parser(anchor or dt.date(2000, 1, 1), prefer).get_date_data(cleaned)
    except Exception:  # dateparser raises assorted errors on odd input; unparsable is None
        return None
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return year(found.year)
    if period == "month":
        if not has_year and anchor is not None and found.month == anchor.month:
            found = found.replace(year=anchor.year)  # "in March", said in March: this March
        return month(found.year, found.month)
    return day(found)


def _resolve_day_range(
    match: re.Match[str], anchor: dt.date | None, prefer: str
) -> DateValue | None:
    """'28-30 June 2022', 'July 11-12, 2023': dateparser would keep only the first day."""
    first, last = match.group("d1") or match.group("d3"), match.group("d2") or match.group("d4")
    month_name = match.group("m1") or match.group("m2")
    start = resolve_date(f"{first} {month_name} {match.group('year') or ''}", anchor, prefer)
    if start is None:
        return None
    try:
        end = start.start.replace(day=int(last))
    except ValueError:
        return None
    return span_of(start.start, end) if end >= start.start else None


def _resolve_month(match: re.Match[str], anchor: dt.date | None, prefer: str) -> DateValue | None:
    """'April' -> the next April from the anchor (this month if it is the anchor's month), or
    the last one with prefer="past"; 'April 2023' -> April 2023."""
    number = _MONTHS.split("|").index(match.group("month").lower()) + 1
    if match.group("year"):
        return month(int(match.group("year")), number)
    if anchor is None:
        return None
    if prefer == "past":
        return month(anchor.year if number <= anchor.month else anchor.year - 1, number)
    return month(anchor.year if number >= anchor.month else anchor.year + 1, number)
