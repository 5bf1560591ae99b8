"""Times of day written in running text, each with its exact span: `find_times(text)`.

"at 1:28a.m. EDT (05:28 UTC)", "about 0129 eastern daylight time", "At about 1:30", "8.55pm",
"11:45 P.M.", "until 4 A.M.", "13:24", "shortly after 5am", "between 11:45 P.M. and 2:05
A.M.", "11:45-2:15 a.m.", "noon". A time is a window of minutes after midnight: what it
states and what its wording allows ("about 1:30" is 1:26 to 1:34, "4 a.m." is 3:45 to
4:15, "shortly after 5am" 5:00 to 5:30). A 12-hour reading without "a.m." or "p.m." ("at
about 1:30") may be either. Times are compared in UTC when both zones are known
(checker/data/time_zones.csv), else as clock readings.

Pure and spaCy-free. No library fitted: dateparser reads a whole string as one date and
gives no span, window or zone of the words; the standard library's zoneinfo knows IANA
names, not the abbreviations and names that running text uses.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

DAY = 24 * 60
HALF_DAY = 12 * 60

# What the words before a time make of it: (minutes before, minutes after) for a time to the
# minute and for a whole hour. "shortly after 5am" is 5:00 to 5:30.
APPROXIMATE = ("about", "around", "approximately", "roughly", "circa", "c.")
SHORTLY_AFTER = ("shortly after", "just after", "soon after", "moments after", "just past")
SHORTLY_BEFORE = ("shortly before", "just before", "moments before")
EXACT = ("exactly", "precisely", "at exactly", "at precisely")
# A time after these words bounds something ("under control by 6am", "the warning runs until
# 6 p.m.", "from 10pm"), it does not date it: `TimeMention.bound`.
BOUNDS = (
    "by", "before", "after", "until", "till", "til", "since", "from", "between", "no later than"
)  # fmt: skip
# The second time of a period written apart: "between 10pm on Saturday and 6am on Sunday".
_SECOND_OF_TWO = re.compile(r"(?i)\b(?:between\b[^.;]*\band|from\b[^.;]*\b(?:to|until|till))\s*$")


def _clock(tag: str) -> str:
    """A clock reading, its parts named with `tag`: "1:28", "8.55pm", "4 A.M.", "9 o'clock",
    "8:40 in the morning"."""
    return (
        rf"(?P<h{tag}>[01]?\d|2[0-3])"
        rf"(?:(?P<sep{tag}>[:.])(?P<m{tag}>[0-5]\d)(?::(?P<s{tag}>[0-5]\d))?)?"
        rf"(?:\s*(?:(?P<mer{tag}>[ap])\.?\s?m\b\.?|(?P<oc{tag}>o'clock)))?"
        rf"(?:\s+(?P<dp{tag}>in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b)?"
    )


@cache
def zones() -> dict[str, tuple[str, tuple[int, ...]]]:
    """Zone names in lower case -> (the zone, the offsets from UTC in minutes it may have:
    one for most, two for a zone named without its season ("Eastern Time": EDT or EST), none
    for "local time")."""
    path = Path(__file__).with_name("data") / "time_zones.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader(line for line in lines if not line.startswith("#"))
    return {
        row["name"]: (row["zone"], tuple(int(part) for part in row["offset"].split("|") if part))
        for row in rows
    }


def _zone_pattern(tag: str) -> str:
    """A zone after a time: a name in any case ("eastern daylight time", "local time"), an
    abbreviation in capitals ("EDT": "west of" is no zone), or an offset ("UTC-5")."""
    names = sorted(zones(), key=len, reverse=True)
    spelled = "|".join(
        re.escape(name).replace(r"\ ", r"\s+") for name in names if " " in name or name == "local"
    )
    abbreviations = "|".join(name.upper() for name in names if " " not in name and name != "local")
    offset = r"[+−–-]\s*\d{1,2}(?::?\d{2})?"
    return (
        rf"(?:(?-i:UTC|GMT)\s*(?P<{tag}zoff2>{offset})"
        rf"|(?P<{tag}zname>{spelled}|(?-i:{abbreviations}))(?![\w'’])"
        rf"(?:\s*\(?\s*(?:UTC|GMT)\s*(?P<{tag}zoff>{offset})\s*\)?)?)"
    )


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    zone = _zone_pattern("")
    unnamed_zone = re.sub(r"\?P<\w+>", "?:", zone)
    one = (
        r"(?:(?P<mil>[01]\d|2[0-3])(?P<milm>[0-5]\d)(?=\s*(?:hours\b|hrs\b|" + unnamed_zone + r"))"
        r"|(?P<word>noon|midday|midnight)"
        r"|" + _clock("1") + r")"
    )
    dash = r"\s*(?:-|–|—)\s*"
    time = re.compile(
        r"(?i)(?<![\w.,:/$£€-])"
        r"(?:(?P<between>between|from)\s+(?P<a>" + _clock("a") + r")"
        r"\s*(?:and|to|until|till|-|–|—)\s*(?P<b>" + _clock("b") + r")"
        r"|(?P<a2>" + _clock("c") + r")" + dash + r"(?P<b2>" + _clock("d") + r")"
        r"|" + one + r")"
        r"(?![\w:]|\.\d)"
        r"(?:\s*(?:hours\b|hrs\b)\.?)?"
        r"(?:\s*\(?\s*" + zone + r"\)?)?"
        r"(?P<conversion>\s*\(\s*" + _clock("e") + r"\s*" + _zone_pattern("e") + r"\s*\))?"
    )
    words = sorted(
        (*APPROXIMATE, *SHORTLY_AFTER, *SHORTLY_BEFORE, *EXACT, *BOUNDS), key=len, reverse=True
    )
    qualifier = re.compile(
        r"(?i)(?:(?<![\w.])(?P<q>"
        + "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words)
        + r")|(?P<tilde>~))\s*(?:at\s+)?$"
    )
    return time, qualifier


@dataclass(frozen=True)
class Clock:
    """One reading of a clock: minutes after midnight, to the precision stated."""

    minutes: float
    precision: str  # "second", "minute" or "hour"
    twelve_hour: bool = False  # no a.m. or p.m. on a 12-hour reading: it may be either


@dataclass(frozen=True)
class TimeOfDay:
    """A time of day as a window of minutes after midnight; `end` of a period."""

    low: float
    high: float
    stated: str
    zone: str | None = None
    offsets: tuple[int, ...] = ()  # minutes east of UTC the zone may be; () when unknown
    twelve_hour: bool = False
    period: bool = False  # "between 11:45 P.M. and 2:05 A.M.": `end` holds the second time
    end: TimeOfDay | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.stated


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    time: TimeOfDay
    qualifier: str  # the word before it that widens or bounds it, lower case ("" for none)
    bound: bool  # "by 6am", "until 6 p.m.": a limit, not the time of a happening
    conversion: TimeOfDay | None = None  # "04:17 TRT (01:17 UTC)": the same instant


_DIGIT = re.compile(r"\d|noon|midday|midnight", re.IGNORECASE)
_NOT = re.compile(r"(?i)\bnot\b")  # "did not reach the boats until 4 a.m.": the arrival


def find_times(text: str) -> list[TimeMention]:
    """Every time of day in `text`, in order. A clock reading with no "a.m.", "p.m.", zone or
    24-hour form ("1:30") needs a word before it that makes it a time ("at", "about")."""
    if not _DIGIT.search(text):
        return []
    time, qualifier_pattern = _patterns()
    found: list[TimeMention] = []
    for match in time.finditer(text):
        before = text[max(0, match.start() - 60) : match.start()]
        qualified = qualifier_pattern.search(before)
        qualifier = (
            " ".join(qualified.group("q").lower().split())
            if qualified and qualified.group("q")
            else ""
        )
        if qualified and qualified.group("tilde"):
            qualifier = "~"
        start = qualified.start() + max(0, match.start() - 60) if qualified else match.start()
        parsed = _read(match, qualifier, before)
        if parsed is None:
            continue
        value, conversion = parsed
        value = replace(value, stated=" ".join(text[start : match.end()].split()))
        bound = (qualifier in BOUNDS or bool(_SECOND_OF_TWO.search(before))) and not (
            qualifier in ("until", "till", "til") and _NOT.search(before)
        )
        found.append(
            TimeMention(
                start, match.end(), value, qualifier, bound and not value.period, conversion
            )
        )
    return found


def _read(
    match: re.Match[str], qualifier: str, before: str
) -> tuple[TimeOfDay, TimeOfDay | None] | None:
    zone, offsets = _zone(match, "")
    stated = " ".join(match.group(0).split())
    if match.group("a") or match.group("a2"):
        tags = ("a", "b") if match.group("a") else ("c", "d")
        first, second = _reading(match, tags[0]), _reading(match, tags[1])
        if first is None or second is None:
            return None
        first, second = _meridiem_across(match, tags, first, second)
        start_low, start_high = _window(first, "")
        end_low, end_high = _window(second, "")
        end = TimeOfDay(end_low, end_high, stated, zone, offsets, second.twelve_hour)
        start = TimeOfDay(
            start_low, start_high, stated, zone, offsets, first.twelve_hour, True, end
        )
        return start, None
    clock: Clock | None
    if match.group("mil"):
        clock = Clock(int(match.group("mil")) * 60 + int(match.group("milm")), "minute")
    elif match.group("word"):
        word = match.group("word").lower()
        clock = Clock(0 if word == "midnight" else HALF_DAY, "hour")
    else:
        clock = _reading(match, "1")
        if clock is None:
            return None
        if clock.twelve_hour and zone is None and not _TIME_CUE.search(before):
            return None  # "3:16" after no "at": a score, a verse, a ratio
        if _bare_hour_of_day_part(match) and not _TIME_CUE.search(before):
            return None  # "rose 3 in the morning": a figure, not "at 3 in the morning"
    low, high = _window(clock, qualifier)
    value = TimeOfDay(low, high, stated, zone, offsets, clock.twelve_hour)
    conversion = None
    if match.group("conversion"):
        other = _reading(match, "e")
        other_zone, other_offsets = _zone(match, "e")
        if other is not None:
            other_low, other_high = _window(other, qualifier)
            conversion = TimeOfDay(
                other_low, other_high, stated, other_zone, other_offsets, other.twelve_hour
            )
    return value, conversion


_TIME_CUE = re.compile(
    r"(?i)\b(?:at|about|around|approximately|roughly|after|before|by|until|till|since|from"
    r"|shortly|just|exactly|precisely)\s*$"
)


def _reading(match: re.Match[str], tag: str) -> Clock | None:
    hour_text = match.group(f"h{tag}")
    if hour_text is None:
        return None
    hour = int(hour_text)
    minute_text, second_text = match.group(f"m{tag}"), match.group(f"s{tag}")
    meridiem = (match.group(f"mer{tag}") or "").lower()
    separator = match.group(f"sep{tag}")
    day_part = match.group(f"dp{tag}")
    if day_part and not meridiem and 1 <= hour <= 12:
        meridiem = _day_part_meridiem(day_part.split()[-1], hour)
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (HALF_DAY // 60 if meridiem == "p" else 0)
    elif match.group(f"oc{tag}"):
        if not 1 <= hour <= 12:
            return None
    elif minute_text is None or separator == ".":
        return None  # "5" or "8.55" alone is no time
    minutes = float(hour * 60 + int(minute_text or 0))
    precision = "second" if second_text else "minute" if minute_text else "hour"
    if second_text:
        minutes += int(second_text) / 60
    twelve_hour = not meridiem and 1 <= hour <= 12 and not hour_text.startswith("0")
    return Clock(minutes, precision, twelve_hour)


def _bare_hour_of_day_part(match: re.Match[str]) -> bool:
    """ "9 at night", "3 in the morning": an hour made a time by its part of the day alone."""
    return bool(match.group("dp1")) and not any(match.group(name) for name in ("m1", "mer1", "oc1"))


def _day_part_meridiem(part: str, hour: int) -> str:
    """ "a" or "p" for a 12-hour reading in a part of the day: "8:40 in the morning" is a.m.,
    "9 at night" p.m. and "2 at night" a.m."""
    if part == "morning":
        return "a"
    if part == "night":
        return "a" if hour == 12 or hour < 5 else "p"
    return "p"


def _meridiem_across(
    match: re.Match[str], tags: tuple[str, str], first: Clock, second: Clock
) -> tuple[Clock, Clock]:
    """ "11:45-2:15 a.m.": the meridiem of the second time is the first's unless that puts the
    first after the second, and then the first is twelve hours earlier (11:45 p.m.)."""
    if first.twelve_hour and not second.twelve_hour and match.group(f"mer{tags[1]}"):
        shifted = first.minutes % HALF_DAY + (second.minutes // HALF_DAY) * HALF_DAY
        if shifted > second.minutes:
            shifted -= HALF_DAY
        first = replace(first, minutes=shifted % DAY, twelve_hour=False)
    return first, second


def _window(clock: Clock, qualifier: str) -> tuple[float, float]:
    """The minutes a time allows, from its precision and the word before it."""
    width = {"second": 1 / 60, "minute": 1.0, "hour": 1.0}[clock.precision]
    round_figure = clock.precision == "hour" or clock.minutes % 5 == 0
    if qualifier in APPROXIMATE or qualifier == "~":
        spread = 30.0 if clock.precision == "hour" else 4.0 if round_figure else 2.0
        return clock.minutes - spread, clock.minutes + width + spread
    if qualifier in SHORTLY_AFTER:
        return clock.minutes, clock.minutes + (30.0 if clock.precision == "hour" else 15.0)
    if qualifier in SHORTLY_BEFORE:
        return clock.minutes - (30.0 if clock.precision == "hour" else 15.0), clock.minutes
    if qualifier in EXACT:
        return clock.minutes, clock.minutes + width
    if clock.precision == "hour":
        return clock.minutes - 15.0, clock.minutes + 15.0  # "4 a.m." may be rounded
    if clock.minutes % 30 == 0:
        return clock.minutes - 2.0, clock.minutes + width + 2.0  # so may "1:30"
    return clock.minutes, clock.minutes + width


def _zone(match: re.Match[str], tag: str) -> tuple[str | None, tuple[int, ...]]:
    name = match.group(f"{tag}zname")
    offset_text = match.group(f"{tag}zoff") or match.group(f"{tag}zoff2")
    stated_offset = _offset(offset_text) if offset_text else None
    if name is None:
        return ("UTC", (stated_offset,)) if stated_offset is not None else (None, ())
    zone, offsets = zones()[" ".join(name.lower().split())]
    if stated_offset is not None and (not offsets or stated_offset in offsets):
        return zone, (stated_offset,)  # "Eastern Time (UTC-5)"
    return zone, offsets


def _offset(text: str) -> int:
    sign = -1 if text.strip()[0] in "−–-" else 1
    digits = re.sub(r"\D", "", text)
    hours, minutes = (digits, "0") if len(digits) <= 2 else (digits[:-2], digits[-2:])
    return sign * (int(hours) * 60 + int(minutes))


def readings(time: TimeOfDay) -> Iterator[tuple[float, float]]:
    """The windows a time may be: a 12-hour reading with no a.m. or p.m. is either."""
    yield time.low, time.high
    if time.twelve_hour:
        yield time.low + HALF_DAY, time.high + HALF_DAY


def overlap(a: TimeOfDay, b: TimeOfDay, shift: float = 0.0) -> bool:
    """Can the two windows hold one moment, `b` moved by `shift` minutes (zones), round the
    clock (11:58 p.m. and "about midnight")?"""
    for a_low, a_high in readings(a):
        for b_low, b_high in readings(b):
            for turn in (-DAY, 0, DAY):
                if a_low <= b_high + shift + turn and b_low + shift + turn <= a_high:
                    return True
    return False
