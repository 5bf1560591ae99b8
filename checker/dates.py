"""Dates stated in English, resolved against a document's date, keeping their precision.

A date is an interval with its grain (after Duckling): "this week" is a week, "early July"
the 1st to the 10th, "Q3 2023" a quarter, never one made-up day. Relative dates resolve
against the document's date, in the direction of the sentence's tense (`sentence_tense`);
a date that needs a document date the document lacks is `Unresolved`, not dropped.
Common forms are parsed here; the rest goes through dateparser, and only on spans a rule
already knows to be temporal: fuzzy date search over free text invents dates ("$1
billion" parses as a date).
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

TODAY_WORDS = {"today", "this day", "today's"}
TENSES = ("past", "future")
NO_DOCUMENT_DATE = "the document has no date"
# Stands in for a missing document date to tell whether a text needs one ("next week")
STAND_IN_ANCHOR = dt.date(2001, 6, 13)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d|21\d\d)\b")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH_ONLY = re.compile(rf"(?i)(?P<month>{_MONTHS})(?:,?\s+(?P<year>\d{{4}}))?")
_TO = r"(?:\s*[-–—/]\s*|\s+to\s+)"  # "11-12 July", "11 to 12 July"
_DAY_RANGE = re.compile(
    rf"(?i)^(?:(?P<d1>\d{{1,2}}){_TO}(?P<d2>\d{{1,2}})\s+(?P<m1>{_MONTHS})"
    rf"|(?P<m2>{_MONTHS})\s+(?P<d3>\d{{1,2}}){_TO}(?P<d4>\d{{1,2}}),?)"
    rf"(?:,?\s+(?P<year>\d{{4}}))?$"
)


@dataclass(frozen=True, order=True)
class DateValue:
    """A closed interval of days with the precision it was stated in."""

    start: dt.date
    end: dt.date
    # day | week | month | month-part | season | quarter | half | year-part | year | range
    precision: str

    def contains(self, other: DateValue) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: DateValue) -> bool:
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        start, end, precision = self.start, self.end, self.precision
        if precision == "day":
            return f"{start.day} {start:%B %Y}"
        if precision == "month":
            return f"{start:%B %Y}"
        if precision == "year":
            return f"{start.year}"
        if precision == "week":
            return f"week of {_span_text(start, end)}"
        if precision == "quarter":
            return f"Q{(start.month - 1) // 3 + 1} {start.year}"
        if precision == "half":
            return f"{'first' if start.month == 1 else 'second'} half of {start.year}"
        if precision == "season" and start.month in _SEASON_NAMES:
            years = f"{start.year}" if start.year == end.year else f"{start.year}–{end:%y}"
            return f"{_SEASON_NAMES[start.month]} {years}"
        if precision == "month-part":
            for part, label in enumerate(("early ", "mid-", "late ")):
                if (start, end) == _bounds(month_part(start.year, start.month, part)):
                    return f"{label}{start:%B %Y}"
            return _span_text(start, end)
        if precision == "year-part":
            for part, label in enumerate(("early ", "mid-", "late ")):
                if (start, end) == _bounds(year_part(start.year, part)):
                    return f"{label}{start.year}"
            return _span_text(start, end)
        if self.start.year == self.end.year and self.start.month == self.end.month:
            return f"{self.start.day}–{self.end.day} {self.start:%B %Y}"
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


def _bounds(value: DateValue) -> tuple[dt.date, dt.date]:
    return value.start, value.end


@dataclass(frozen=True)
class Unresolved:
    """A relative date that cannot be resolved ('next week' in a document with no date to
    the day): kept as stated, so that a rule reports it instead of dropping it."""

    text: str
    reason: str = NO_DOCUMENT_DATE

    def __str__(self) -> str:
        return f"unresolved: '{self.text}' ({self.reason})"


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


def resolve_date(
    text: str, anchor: dt.date | None, prefer: str = "future", *, tense: str | None = None
) -> DateValue | None:
    """A date stated in English, as an interval with its grain, resolved against `anchor`.

    'today' -> the anchor; 'in April' -> April of the anchor's year or the next; '2023';
    'this week' -> the anchor's week (Monday to Sunday); 'early July' -> 1-10 July; 'Q3 2023';
    'in two months' -> the month two months on; 'three days ago' -> that day.

    `tense` ("past" | "future"), the tense of the sentence that states the date, picks the
    year of a date stated without one: the latest such date not after the anchor (past) or
    the earliest not over before it (future); the anchor's own day is this year for both. A
    weekday is the nearest such day backwards (past) or forwards (future), the anchor's own
    weekday being the anchor. Without a tense, `prefer` does the same ("future":
    announcements; "past": "leaders met on March 23"), except that an early, mid or late
    month keeps the year its bare month would get. Without an anchor, a date that needs one
    is not resolved (see `resolve_stated`).
    """
    if tense is not None and tense not in TENSES:
        raise ValueError(f"tense must be 'past', 'future' or None, not {tense!r}")
    cleaned = " ".join(text.replace("’", "'").split()).strip(" ,.")
    try:
        return _resolve(cleaned, anchor, tense or prefer, tense)
    except (ValueError, OverflowError):  # a day or year out of range ("31 June", "in 9999 years")
        return None


def resolve_stated(
    text: str,
    anchor: dt.date | None,
    prefer: str = "future",
    *,
    tense: str | None = None,
    reason: str = NO_DOCUMENT_DATE,
) -> DateValue | Unresolved | None:
    """`resolve_date`, except that a date that needs an anchor the document lacks ('next
    week', 'on Thursday', '14 June' in an undated document) is `Unresolved`, not None:
    None is only for text that is no date at all."""
    value = resolve_date(text, anchor, prefer, tense=tense)
    if value is not None or anchor is not None:
        return value
    if resolve_date(text, STAND_IN_ANCHOR, prefer, tense=tense) is not None:
        return Unresolved(" ".join(text.split()).strip(" ,."), reason)
    return None


def _resolve(
    cleaned: str, anchor: dt.date | None, direction: str, tense: str | None
) -> DateValue | None:
    lowered = cleaned.lower()
    ahead = _IN_OFFSET.fullmatch(lowered)  # before "in" is stripped: "in two months"
    if ahead:
        return _offset(anchor, _count(ahead.group("n")), ahead.group("unit"))
    cleaned = re.sub(_LEADING_PREPOSITION, "", cleaned, flags=re.I)
    if not cleaned:
        return None
    lowered = cleaned.lower()
    if lowered in TODAY_WORDS or lowered in _TODAY_PARTS:
        return day(anchor) if anchor else None
    bare = lowered[4:] if lowered.startswith("the ") else lowered
    for pattern, handler in _GRAMMAR:
        match = pattern.fullmatch(bare)
        if match:
            return handler(match, anchor, direction, tense)
    has_year = bool(_YEAR.search(cleaned))
    if anchor is None and not has_year:
        return None
    if re.fullmatch(r"\d{4}", cleaned):
        return year(int(cleaned))
    named = _MONTH_ONLY.fullmatch(cleaned)
    if named:  # the common case, resolved here: dateparser's first call costs ~0.3 s
        return _resolve_month(named, anchor, direction)
    day_range = _DAY_RANGE.match(cleaned)
    if day_range:
        return _resolve_day_range(day_range, anchor, direction)
    return _dateparser(cleaned, anchor, direction, has_year)


def _dateparser(
    cleaned: str, anchor: dt.date | None, direction: str, has_year: bool
) -> DateValue | None:
    try:
        data = _parser(anchor or dt.date(2000, 1, 1), direction).get_date_data(cleaned)
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
    match: re.Match[str], anchor: dt.date | None, direction: str
) -> DateValue | None:
    """'28-30 June 2022', 'July 11-12, 2023': dateparser would keep only the first day. A
    range without a year is placed as a whole ('11-13 July' said on 12 July is this July)."""
    first = int(match.group("d1") or match.group("d3"))
    last = int(match.group("d2") or match.group("d4"))
    number = _month_number(match.group("m1") or match.group("m2"))
    if last < first:
        return None

    def make(in_year: int) -> DateValue:
        return span_of(dt.date(in_year, number, first), dt.date(in_year, number, last))

    if match.group("year"):
        return make(int(match.group("year")))
    return _nearest(make, anchor, direction) if anchor else None


def _resolve_month(match: re.Match[str], anchor: dt.date | None, prefer: str) -> DateValue | None:
    """'April' -> the next April from the anchor (this month if it is the anchor's month), or
    the last one with prefer="past"; 'April 2023' -> April 2023."""
    number = _month_number(match.group("month"))
    if match.group("year"):
        return month(int(match.group("year")), number)
    if anchor is None:
        return None
    return month(_month_year(number, anchor, prefer), number)


def _month_year(number: int, anchor: dt.date, direction: str) -> int:
    """The year of month `number` stated without one: this year's when it is the anchor's
    month, else the next (future) or the last (past) such month."""
    if direction == "past":
        return anchor.year if number <= anchor.month else anchor.year - 1
    return anchor.year if number >= anchor.month else anchor.year + 1


def _month_number(name: str) -> int:
    return _MONTH_NAMES.index(name.lower()[:3]) + 1


def month_named(word: str) -> int | None:
    """The month a word names, in full or abbreviated ('June', 'jun', 'Sept'), else None:
    English names, whatever the machine's locale."""
    lowered = word.lower().rstrip(".")
    if lowered in _MONTHS.split("|") or lowered in _MONTH_NAMES or lowered == "sept":
        return _month_number(lowered)
    return None


# Intervals with their grain ---------------------------------------------------------------


def week_of(value: dt.date) -> DateValue:
    """The week (Monday to Sunday) that holds `value`."""
    monday = value - dt.timedelta(days=value.weekday())
    return DateValue(monday, monday + dt.timedelta(days=6), "week")


def quarter(number: int, index: int) -> DateValue:
    first = 3 * (index - 1) + 1
    return DateValue(dt.date(number, first, 1), month(number, first + 2).end, "quarter")


def half(number: int, index: int) -> DateValue:
    if index == 1:
        return DateValue(dt.date(number, 1, 1), dt.date(number, 6, 30), "half")
    return DateValue(dt.date(number, 7, 1), dt.date(number, 12, 31), "half")


def season(number: int, name: str) -> DateValue:
    """Meteorological seasons of whole months: spring March-May, summer June-August, autumn
    September-November, winter December to February (winter 2023 begins in December 2023)."""
    first = _SEASONS[name]
    start = dt.date(number, first, 1)
    return DateValue(start, month(*_month_after(number, first, 2)).end, "season")


def month_part(number: int, month_number: int, part: int) -> DateValue:
    """Early (1-10), mid (11-20) or late (21-end) month: part 0, 1 or 2."""
    whole = month(number, month_number)
    starts = (1, 11, 21)
    start = whole.start.replace(day=starts[part])
    end = whole.end if part == 2 else whole.start.replace(day=starts[part] + 9)
    return DateValue(start, end, "month-part")


def year_part(number: int, part: int) -> DateValue:
    """Early (January-April), mid (May-August) or late (September-December) year."""
    first = 4 * part + 1
    return DateValue(dt.date(number, first, 1), month(number, first + 3).end, "year-part")


def offset_date(anchor: dt.date, count: int, unit: str) -> dt.date:
    """The day `count` units (day, week, month, year) after `anchor` (before, if negative)."""
    if unit == "day":
        return anchor + dt.timedelta(days=count)
    if unit == "week":
        return anchor + dt.timedelta(weeks=count)
    if unit == "month":
        return add_months(anchor, count)
    if unit == "year":
        return add_months(anchor, 12 * count)
    raise ValueError(f"unknown unit {unit!r}")


def offset_value(anchor: dt.date, count: int, unit: str) -> DateValue:
    """`count` units from `anchor`, with the grain of the unit: 'in two months' is a month,
    'two weeks from now' a week, 'three days ago' a day, 'a year earlier' a year."""
    found = offset_date(anchor, count, unit)
    if unit == "week":
        return week_of(found)
    if unit == "month":
        return month(found.year, found.month)
    if unit == "year":
        return year(found.year)
    return day(found)


def _month_after(number: int, month_number: int, months: int) -> tuple[int, int]:
    index = number * 12 + month_number - 1 + months
    return index // 12, index % 12 + 1


def _span_text(start: dt.date, end: dt.date) -> str:
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {start:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B}–{end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y}–{end.day} {end:%B %Y}"


def _nearest(make: Callable[[int], DateValue], anchor: dt.date, mode: str) -> DateValue | None:
    """Of the yearly instances `make(year)` of a date stated without a year: the latest that
    began by the anchor (past), the earliest not over before it (future), the earliest that
    begins after it (next) or the latest over before it (last)."""
    found = []
    for number in range(max(1, anchor.year - 8), min(9998, anchor.year + 8) + 1):
        try:
            found.append(make(number))
        except ValueError:  # 29 February in a common year
            continue
    if mode == "past":
        held = [v for v in found if v.start <= anchor]
        return max(held) if held else None
    if mode == "last":
        over = [v for v in found if v.end < anchor]
        return max(over) if over else None
    if mode == "next":
        later = [v for v in found if v.start > anchor]
        return min(later) if later else None
    coming = [v for v in found if v.end >= anchor]
    return min(coming) if coming else None


# The grammar: each pattern is matched on the whole text, lower case, after a leading
# preposition and "the"; the first that matches decides (None included).

_N = (
    r"(?P<n>\d{1,4}|a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|fifteen|twenty|thirty)"
)
_UNIT = r"(?P<unit>days?|weeks?|fortnights?|months?|years?)"
_UNIT_ONE = r"(?P<unit>day|week|fortnight|month|year)"
_MONTH_RE = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR_RE = r"(?P<year>1[89]\d\d|20\d\d|21\d\d)"
_OF_YEAR = rf"(?:(?P<yearwhich>the|this|next|last) year|{_YEAR_RE})"
_WEEKDAY_RE = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_WHICH = r"(?P<which>this|the|next|last|coming|current|previous)"
_DAY_NUMBER = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_BACK = r"ago|earlier|before|previously|back|prior"
_ON = r"later|after|afterwards|on|hence|from now|from today"
_IN_OFFSET = re.compile(rf"in {_N} {_UNIT}(?:'s?)?(?: time)?")
_LEADING_PREPOSITION = r"^(?:in|on|by|at|during|from|until|before|after)\s+"
_TODAY_PARTS = {"tonight", "this morning", "this afternoon", "this evening"}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "a couple of": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
    "4th": 4, "last": 4, "final": 4,
}  # fmt: skip
_PARTS = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_SEASON_NAMES = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RELATIVE_MODES = {"next": "next", "coming": "next", "last": "last", "previous": "last"}
_SHIFT = {"this": 0, "the": 0, "current": 0, "next": 1, "coming": 1, "last": -1, "previous": -1}

Handler = Callable[[re.Match[str], dt.date | None, str, str | None], DateValue | None]

# A full date with its weekday: "Friday, 24 March 2022", "Thursday, March 24, 2022"
_DATED_WEEKDAY = re.compile(
    rf"\b{_WEEKDAY_RE},?\s+(?:the\s+)?(?:{_DAY_NUMBER}\s+(?:of\s+)?{_MONTH_RE}"
    rf"|{_MONTH_RE.replace('<month>', '<month2>')}\s+{_DAY_NUMBER.replace('<day>', '<day2>')}),?"
    rf"\s+{_YEAR_RE}\b",
    re.IGNORECASE,
)


def weekday_conflict(text: str) -> str | None:
    """'Friday, 24 March 2022': the weekday a full date is given that is not its own, said
    in words ("24 March 2022 was a Thursday, not a Friday"); None when every one fits."""
    for match in _DATED_WEEKDAY.finditer(text):
        month_name = (match.group("month") or match.group("month2")).lower()[:3]
        number = int(match.group("day") or match.group("day2"))
        try:
            value = dt.date(int(match.group("year")), _MONTH_NAMES.index(month_name) + 1, number)
        except ValueError:
            continue
        stated = match.group("weekday").capitalize()
        if _WEEKDAY_NAMES[value.weekday()] != stated.lower()[:3]:
            own = _WEEKDAYS_IN_FULL[value.weekday()]
            month_in_full = _MONTHS.split("|")[value.month - 1].capitalize()
            return f"{value.day} {month_in_full} {value.year} was a {own}, not a {stated}"
    return None


_WEEKDAYS_IN_FULL = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _unit(word: str) -> tuple[str, int]:
    """'fortnights' -> ('week', 2)."""
    name = word.rstrip("s")
    return ("week", 2) if name == "fortnight" else (name, 1)


def _offset(anchor: dt.date | None, count: int, word: str) -> DateValue | None:
    unit, times = _unit(word)
    return offset_value(anchor, count * times, unit) if anchor else None


def _ago(match: re.Match[str], anchor: dt.date | None, _d: str, _t: str | None) -> DateValue | None:
    """'three days ago', 'a year earlier', 'two weeks from now'."""
    sign = -1 if match.group("way") in _BACK.split("|") else 1
    return _offset(anchor, sign * _count(match.group("n")), match.group("unit"))


def _one_unit(
    match: re.Match[str], anchor: dt.date | None, _d: str, _t: str | None
) -> DateValue | None:
    """'the day before', 'the following week', 'the day after tomorrow'."""
    way = match.group("way")
    sign = -1 if way in {"before", "previous", "preceding", "prior"} else 1
    base = {" yesterday": -1, " tomorrow": 1}.get(match.groupdict().get("from") or "", 0)
    return _offset(anchor, base + sign, match.group("unit"))


def _yesterday(
    match: re.Match[str], anchor: dt.date | None, _d: str, _t: str | None
) -> DateValue | None:
    return _offset(anchor, -1 if match.group(0) == "yesterday" else 1, "day")


def _this_unit(
    match: re.Match[str], anchor: dt.date | None, _d: str, _t: str | None
) -> DateValue | None:
    """'this week', 'next month', 'last year', 'next quarter', 'this weekend'."""
    if anchor is None:
        return None
    shift = _SHIFT[match.group("which")]
    unit, times = _unit(match.group("unit"))
    if unit == "weekend":
        saturday = week_of(anchor).start + dt.timedelta(days=5 + 7 * shift)
        return DateValue(saturday, saturday + dt.timedelta(days=1), "range")
    if unit == "quarter":
        number, first = _month_after(anchor.year, anchor.month - (anchor.month - 1) % 3, 3 * shift)
        return quarter(number, (first - 1) // 3 + 1)
    if unit == "week" and times == 2:  # "this fortnight", "next fortnight": two weeks
        start = week_of(anchor).start + dt.timedelta(weeks=2 * shift)
        return DateValue(start, start + dt.timedelta(days=13), "range")
    return offset_value(anchor, shift, unit)


def _rest_of(
    match: re.Match[str], anchor: dt.date | None, _d: str, _t: str | None
) -> DateValue | None:
    """'later this year' (after the anchor, to its end), 'earlier this month' (before it)."""
    if anchor is None:
        return None
    unit = match.group("unit")
    whole = week_of(anchor) if unit == "week" else offset_value(anchor, 0, unit)
    precision = {"week": "range", "month": "month-part", "year": "year-part"}[unit]
    if match.group("way") == "later":
        start, end = min(anchor + dt.timedelta(days=1), whole.end), whole.end
    else:
        start, end = whole.start, max(anchor - dt.timedelta(days=1), whole.start)
    return DateValue(start, end, precision)


def _weekday(
    match: re.Match[str], anchor: dt.date | None, direction: str, _t: str | None
) -> DateValue | None:
    """'on Thursday': the nearest Thursday backwards (past) or forwards (future), the anchor
    itself on a Thursday; 'next Thursday' / 'last Thursday': the first after or before it."""
    if anchor is None:
        return None
    number = _WEEKDAY_NAMES.index(match.group("weekday")[:3])
    mode = _RELATIVE_MODES.get(match.group("which") or "", direction)
    today = anchor.weekday()
    if mode == "next":
        delta = (number - today - 1) % 7 + 1
    elif mode == "last":
        delta = -((today - number - 1) % 7 + 1)
    elif mode == "past":
        delta = -((today - number) % 7)
    else:
        delta = (number - today) % 7
    return day(anchor + dt.timedelta(days=delta))


def _day_month(
    match: re.Match[str], anchor: dt.date | None, direction: str, _t: str | None
) -> DateValue | None:
    """'14 June', 'June 14th, 2023', 'Tuesday, 11 July': a stated weekday picks, among the
    candidate years, one in which the date falls on that weekday."""
    number, day_number = _month_number(match.group("month")), int(match.group("day"))
    if match.group("year"):
        return day(dt.date(int(match.group("year")), number, day_number))
    if anchor is None:
        return None

    def make(in_year: int) -> DateValue:
        return day(dt.date(in_year, number, day_number))

    chosen = _nearest(make, anchor, direction)
    if match.group("weekday") is None:
        return chosen
    weekday = _WEEKDAY_NAMES.index(match.group("weekday")[:3])

    def on_weekday(in_year: int) -> DateValue:
        value = make(in_year)
        if value.start.weekday() != weekday or abs(in_year - anchor.year) > 1:
            raise ValueError("another weekday")
        return value

    fitting = _nearest(on_weekday, anchor, direction) or _nearest(
        on_weekday, anchor, "past" if direction == "future" else "future"
    )
    return fitting or chosen


def _month_part(
    match: re.Match[str], anchor: dt.date | None, direction: str, tense: str | None
) -> DateValue | None:
    """'early July', 'mid-July 2023', 'the end of July', 'the end of the month'."""
    part = _PARTS[match.group("part")]
    if match.groupdict().get("which"):
        if anchor is None:
            return None
        found = add_months(anchor, _SHIFT[match.group("which")])
        return month_part(found.year, found.month, part)
    number = _month_number(match.group("month"))
    if match.group("year"):
        return month_part(int(match.group("year")), number, part)
    if anchor is None:
        return None
    if tense is None:  # as a bare month would be: "early July", said on 14 July, is this July
        return month_part(_month_year(number, anchor, direction), number, part)
    return _nearest(lambda y: month_part(y, number, part), anchor, tense)


def _of_year(match: re.Match[str], anchor: dt.date | None) -> int | None:
    """The year of '... of 2024', '... of the year', '... of next year'."""
    if match.group("year"):
        return int(match.group("year"))
    if anchor is None:
        return None
    which = (match.group("yearwhich") or "the") if "yearwhich" in match.groupdict() else "the"
    return anchor.year + _SHIFT[which]


def _year_part(
    match: re.Match[str], anchor: dt.date | None, _d: str, _t: str | None
) -> DateValue | None:
    """'early 2024', 'mid-2024', 'the end of the year', 'the beginning of next year'."""
    number = _of_year(match, anchor)
    return None if number is None else year_part(number, _PARTS[match.group("part")])


def _half(
    match: re.Match[str], anchor: dt.date | None, _d: str, _t: str | None
) -> DateValue | None:
    """'the first half of 2024', 'the second half of the year', 'H1 2024'."""
    number = _of_year(match, anchor)
    return (
        None
        if number is None
        else half(number, 1 if match.group("index") in ("first", "1st", "1") else 2)
    )


def _quarter(
    match: re.Match[str], anchor: dt.date | None, direction: str, _t: str | None
) -> DateValue | None:
    """'Q3 2023', 'the third quarter of 2023', 'the fourth quarter' (placed as a date without
    a year is)."""
    index = _ORDINALS.get(match.group("index"), 0) or int(match.group("index"))
    if match.group("year") or match.group("yearwhich"):
        number = _of_year(match, anchor)
        return None if number is None else quarter(number, index)
    return _nearest(lambda y: quarter(y, index), anchor, direction) if anchor else None


def _season(
    match: re.Match[str], anchor: dt.date | None, direction: str, _t: str | None
) -> DateValue | None:
    """'spring 2024', 'this summer' (the one under way, else the coming or last one by the
    tense), 'next winter' (the first to begin after the anchor), 'last autumn'."""
    name = "autumn" if match.group("season") == "fall" else match.group("season")
    if match.group("year"):
        return season(int(match.group("year")), name)
    if anchor is None:
        return None
    mode = _RELATIVE_MODES.get(match.group("which") or "", direction)
    return _nearest(lambda y: season(y, name), anchor, mode)


_GRAMMAR: tuple[tuple[re.Pattern[str], Handler], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (r"yesterday|tomorrow", _yesterday),
        (rf"{_N} {_UNIT} (?P<way>{_BACK}|{_ON})", _ago),
        (rf"{_UNIT_ONE} (?P<way>before|after)(?P<from> yesterday| tomorrow)?", _one_unit),
        (rf"(?P<way>following|previous|preceding|prior) {_UNIT_ONE}", _one_unit),
        (
            r"(?P<which>this|next|last|coming|current|previous)"
            r" (?P<unit>week|weekend|fortnight|month|year|quarter)",
            _this_unit,
        ),
        (r"(?P<way>later|earlier) (?:this|in the) (?P<unit>week|month|year)", _rest_of),
        (rf"(?:(?P<which>this|next|last|coming|past) )?{_WEEKDAY_RE}", _weekday),
        (rf"(?:{_WEEKDAY_RE},? )?{_DAY_NUMBER} (?:of )?{_MONTH_RE}(?:,? {_YEAR_RE})?", _day_month),
        (rf"(?:{_WEEKDAY_RE},? )?{_MONTH_RE} {_DAY_NUMBER}(?:,? {_YEAR_RE})?", _day_month),
        (rf"(?P<part>early|mid|late)[- ]?{_MONTH_RE}(?:,? {_YEAR_RE})?", _month_part),
        (rf"(?P<part>beginning|start|middle|end) of {_MONTH_RE}(?:,? {_YEAR_RE})?", _month_part),
        (
            r"(?P<part>beginning|start|middle|end) of (?P<which>the|this|next|last) month",
            _month_part,
        ),
        (rf"(?P<part>early|mid|late)[- ]?{_YEAR_RE}", _year_part),
        (rf"(?P<part>beginning|start|middle|end) of {_OF_YEAR}", _year_part),
        (rf"(?P<index>first|second|1st|2nd) half of {_OF_YEAR}", _half),
        (rf"h(?P<index>[12]),? {_YEAR_RE}", _half),
        (rf"q(?P<index>[1-4])(?:,? {_YEAR_RE})?(?P<yearwhich>)", _quarter),
        (
            rf"(?P<index>first|second|third|fourth|1st|2nd|3rd|4th|last|final)"
            rf" quarter(?: of {_OF_YEAR})?",
            _quarter,
        ),
        (
            rf"(?:{_WHICH} )?(?P<season>spring|summer|autumn|fall|winter)"
            rf"(?:,? (?:of )?{_YEAR_RE})?",
            _season,
        ),
    )
)


# The tense of a sentence -------------------------------------------------------------------

_WORDS = re.compile(r"[a-z0-9]+(?=n't)|n't|'ll|'d|'s|'re|'ve|[a-z0-9]+")  # as spaCy splits them
_PARTICIPLE_BEFORE = {"be", "been", "being", "the", "a", "an", "our", "their", "its", "newly"}
_NOT_AN_OBJECT = {
    "the", "a", "an", "this", "that", "these", "those", "our", "their", "its", "his", "her",
}  # fmt: skip


@lru_cache(maxsize=1)
def _tense_phrases() -> dict[tuple[str, ...], str]:
    path = Path(__file__).with_name("data") / "tense_words.csv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = csv.DictReader(line for line in lines if not line.startswith("#"))
    return {tuple(row["phrase"].split()): row["tense"].strip() for row in rows}


@lru_cache(maxsize=1)
def _tense_starts() -> frozenset[str]:
    """The first words of the tense phrases: a word that is none starts no phrase, and most
    words are none, so they cost one set look-up, not one per phrase length."""
    return frozenset(phrase[0] for phrase in _tense_phrases() if phrase)


def sentence_tense(sentence: str | Iterable[Any]) -> str | None:
    """'past', 'future' or None: the tense a sentence's verbs give its events.

    Read from marker words (checker/data/tense_words.csv), longest phrase first: will,
    shall, 'll, "is to", "are set to", "plans to", next, upcoming -> future; was, were, had,
    did and the past forms of meeting, agreeing and announcing verbs (met, agreed, "took
    place", held, gathered, convened, announced, adopted, signed, endorsed ...), ago,
    yesterday -> past. Conservative: None when the sentence has markers of both tenses
    ("leaders who met in June will meet again"), none at all ("leaders meet in June"), or
    reports a plan ("agreed to meet", "would meet", "was to meet"). A past form after
    "be" or an article is a participle, not a past tense ("will be held", "the agreed text").
    `sentence` is the text or its tokens (strings, or objects with a `lower` attribute).
    """
    if isinstance(sentence, str):
        words = _WORDS.findall(sentence.lower().replace("’", "'"))
    else:
        words = [(t if isinstance(t, str) else str(t.lower)).lower() for t in sentence]
        words = [w.replace("’", "'") for w in words]
    phrases = _tense_phrases()
    starts = _tense_starts()
    longest = max((len(p) for p in phrases), default=1)
    found: set[str] = set()
    index = 0
    while index < len(words):
        if words[index] not in starts:
            index += 1
            continue
        for size in range(min(longest, len(words) - index), 0, -1):
            tense = phrases.get(tuple(words[index : index + size]))
            if tense is None:
                continue
            after = words[index + size : index + size + 2]
            if tense == "past" and size == 1 and index and words[index - 1] in _PARTICIPLE_BEFORE:
                tense = "none"  # "will be held", "the agreed text"
            elif (
                tense == "past"
                and after[:1] == ["to"]
                and after[1:2] != []
                and after[1] not in _NOT_AN_OBJECT
            ):
                tense = "ambiguous"  # "agreed to meet in June": a plan, whenever June is
            found.add(tense)
            index += size - 1
            break
        index += 1
    if "ambiguous" in found or {"past", "future"} <= found:
        return None
    return "future" if "future" in found else "past" if "past" in found else None


# Whose date a year is -----------------------------------------------------------------------

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_BARE_YEAR = re.compile(r"(?:1[89]|2[01])\d\d")
_MONTH_SET = set(_MONTHS.split("|"))
_DATES_ANOTHER_THING = {"since", "through", "throughout", "until", "till", "beyond"}
_BOUNDS_A_PERIOD = {"by", "before", "after", "to", "from", "between", "and", "-", "–", "—"}
_DETERMINERS = {
    "the", "a", "an", "its", "their", "our", "his", "her", "this", "that", "these", "those",
    "my", "your", "whose",
}  # fmt: skip
_PREPOSITIONS = {
    "in", "at", "on", "of", "for", "during", "from", "to", "since", "until", "by", "before",
    "after", "around", "about", "circa",
}  # fmt: skip
_FUNCTION_WORDS = _PREPOSITIONS | _DETERMINERS | {
    "and", "or", "but", "when", "while", "as", "with", "we", "they", "it", "he", "she", "i",
    "you", "will", "shall", "was", "were", "is", "are", "has", "have", "had", "be", "been",
    "which", "who", "where", "that", "also", "again", "too", "alone",
}  # fmt: skip


def year_belongs_to(
    sentence_text: str, year_span: tuple[int, int], anchor_span: tuple[int, int] | None = None
) -> bool:
    """Whether the year in `sentence_text[year_span[0]:year_span[1]]` (a bare year, or a
    date holding one) dates the thing at `anchor_span` (a meeting word), as far as the words
    around the year tell: a year is that thing's date only when nothing ties it to another.

    - Next to the thing, with at most names between: its date. "the 2023 summit", "the 2023
      G20 summit", "Summit 2023".
    - After since, through, throughout, until, till, beyond: the date of something else
      ("the first revision since 1999", "a plan running through 2027", "until July 2027").
    - A bare year after by, before, after, from, to, between, and, or in a span of years,
      bounds a period or a target: "by 2030", "from 2014 to 2022", "2014-2022".
    - A bare year between a determiner and a word names that word's thing: "the 2040
      vision", "its 2030 targets"; after a capitalised name it is part of the name:
      "Agenda 2030", "Vision 2040".
    - Otherwise (a preposition such as "in", "of", "during", or nothing before it) it is the
      date of what the sentence reports, if it is near the thing: "in Vilnius in 2023",
      "the summit ... in July 2023", "In 2023, we will meet".
    Spans are offsets into `sentence_text`.
    """
    start, end = year_span
    stated = sentence_text[start:end].strip()
    if not _YEAR.search(stated) and not _BARE_YEAR.search(stated):
        return True
    if anchor_span is not None and _next_to(sentence_text, year_span, anchor_span):
        return True
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(sentence_text)]
    before = [t[2] for t in tokens if t[1] <= start]
    after = [t[2] for t in tokens if t[0] >= end]
    previous = before[-1].lower() if before else ""
    if previous in _DATES_ANOTHER_THING:
        return False
    if not _BARE_YEAR.fullmatch(stated):
        return True
    if previous in _BOUNDS_A_PERIOD or (
        after[:1]
        and after[0] in {"-", "–", "—", "to"}
        and _BARE_YEAR.fullmatch(after[1] if len(after) > 1 else "")
    ):
        return False
    following = after[0] if after else ""
    modifies = following[:1].isalpha() and following.lower() not in _FUNCTION_WORDS
    if (previous in _DETERMINERS or previous.endswith(("'s", "’s"))) and modifies:
        return False
    named = before[-1][:1].isupper() if before else False  # "Agenda 2030", not "In 2030"
    return not (named and previous not in _PREPOSITIONS and previous not in _MONTH_SET)


def _next_to(text: str, year_span: tuple[int, int], anchor_span: tuple[int, int]) -> bool:
    """The year stands right before the anchor, or with only names between ("the 2023 G20
    summit"), or right after it ("Summit 2023")."""
    if year_span[1] <= anchor_span[0]:
        words = text[year_span[1] : anchor_span[0]].split()
        return len(words) <= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in words)
    if anchor_span[1] <= year_span[0]:
        return not text[anchor_span[1] : year_span[0]].strip()
    return True  # the year is inside the anchor's words
