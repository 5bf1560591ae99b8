"""Ordinals ('75th', 'seventy-fifth'), anniversaries, durations ('for 18 months', 'since 2014')."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from checker.values.exclusions import scan
from checker.values.numbers import (
    NUMBER_PATTERN,
    START,
    Amount,
    bound_before,
    bounded,
    phrase_before,
    read_number,
    read_quantity,
)
from checker.values.scanner import TIME_UNITS, quantity_matches
from checker.values.value import Value, ValueKind, describe_interval

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "millionth": 1_000_000,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}  # fmt: skip
_FIRST_TO_NINTH = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_ORDINAL_WORD = (
    rf"(?:(?:{'|'.join(TENS)})-(?:{_FIRST_TO_NINTH})"
    rf"|{'|'.join(sorted(ORDINAL_WORDS, key=len, reverse=True))})\b"
)
ORDINAL_PATTERN = rf"(?:\d{{1,4}}(?:st|nd|rd|th)\b|{_ORDINAL_WORD})"
ORDINAL = re.compile(rf"(?i){START}{ORDINAL_PATTERN}")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# not a rank: "at first", "first of all", "30 seconds"; nor the day of a date
# ("the twenty-fourth of June", "June the first")
_NOT_AN_ORDINAL_BEFORE = re.compile(rf"(?i)(?:\bat|\d|\b(?:{_MONTHS})(?:\s+the)?)\s+$")
_NOT_AN_ORDINAL_AFTER = re.compile(
    rf"(?i)\s+(?:of\s+all\b|and\s+foremost\b)|\s+(?:of\s+)?(?-i:{_MONTHS})\b|-hand\b"
)
_ORDINAL_SIGNALS = frozenset([*ORDINAL_WORDS, "st", "nd", "rd", "th"])


@dataclass(frozen=True)
class OrdinalValue(Value):
    """A rank: '75th', 'seventy-fifth', 'first'."""

    kind: ClassVar[ValueKind] = "ordinal"
    number: int

    def __str__(self) -> str:
        return f"ordinal: {ordinal_words(self.number)}"


def ordinal_words(number: int) -> str:
    """75 -> '75th'."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def read_ordinal(text: str) -> int | None:
    """'75th', 'seventy-fifth', 'first' -> 75, 75, 1."""
    lowered = text.lower()
    if lowered[:1].isdigit():
        digits = re.match(r"\d+", lowered)
        return int(digits.group(0)) if digits else None
    if "-" in lowered:
        tens, _, unit = lowered.partition("-")
        if tens in TENS and unit in ORDINAL_WORDS:
            return TENS[tens] + ORDINAL_WORDS[unit]
        return None
    return ORDINAL_WORDS.get(lowered)


# A Roman numeral that numbers a meeting: "the XXXVIII Ordinary Assembly", "the XI Summit"
# (two letters at the least: "V" and "I" are too often words or initials)
_ROMAN_EVENTS = ("Summit", "Assembly", "Session", "Congress", "Conference", "Meeting", "Forum",
                 "Council", "Plenary")  # fmt: skip
ROMAN_BEFORE_EVENT = re.compile(
    r"\b(?P<roman>[IVXLC]{2,12})(?=\s+(?:(?:Ordinary|Extraordinary|Annual|Plenary|General"
    r"|Regular|Special|Ministerial)\s+)?(?:" + "|".join(_ROMAN_EVENTS) + r")\b)"
)
_ROMAN_EVENT_WORDS = frozenset(word.lower() for word in _ROMAN_EVENTS)  # tested first: cheap
_ROMAN = re.compile(r"^(?=.)C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(text: str) -> int | None:
    """'XXXVIII' -> 38; None for what is no Roman numeral written the usual way ('IIII')."""
    if not _ROMAN.match(text):
        return None
    total = 0
    for index, letter in enumerate(text):
        value = _ROMAN_DIGITS[letter]
        following = _ROMAN_DIGITS[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def find_ordinals(text: str) -> list[OrdinalValue]:
    scanned = scan(text)
    found: list[OrdinalValue] = []
    romans = ROMAN_BEFORE_EVENT.finditer(text) if scanned.words & _ROMAN_EVENT_WORDS else ()
    for match in romans:
        number = roman_value(match.group("roman"))
        if number is not None and not scanned.is_excluded(match.start(), match.end()):
            found.append(OrdinalValue(match.start(), match.end(), match.group(0), number))
    if not (scanned.words & _ORDINAL_SIGNALS) and not re.search(r"\d(?:st|nd|rd|th)\b", text):
        return found
    for match in ORDINAL.finditer(text):
        number = read_ordinal(match.group(0))
        if number is None or scanned.is_excluded(match.start(), match.end()):
            continue
        if _NOT_AN_ORDINAL_BEFORE.search(text, max(0, match.start() - 16), match.start()):
            continue
        if _NOT_AN_ORDINAL_AFTER.match(text, match.end()):
            continue
        found.append(OrdinalValue(match.start(), match.end(), match.group(0), number))
    return sorted(found, key=lambda value: value.start)


# Anniversaries -----------------------------------------------------------------------------

NAMED_ANNIVERSARIES = {
    "centenary": 100, "centennial": 100, "bicentenary": 200, "bicentennial": 200,
    "tercentenary": 300, "tercentennial": 300, "quatercentenary": 400, "quincentenary": 500,
    "sesquicentennial": 150, "silver jubilee": 25, "golden jubilee": 50, "diamond jubilee": 60,
    "platinum jubilee": 70, "silver anniversary": 25, "golden anniversary": 50,
    "ruby anniversary": 40, "diamond anniversary": 60,
}  # fmt: skip
_NAMED = "|".join(
    sorted((name.replace(" ", r"\s+") for name in NAMED_ANNIVERSARIES), key=len, reverse=True)
)
_ANNIVERSARY_UNIT = r"(?P<unit>year|month|week|day)"
ANNIVERSARY = re.compile(
    rf"(?i){START}(?:"
    rf"(?P<ordinal>{ORDINAL_PATTERN})(?:[-\s]year)?\s+anniversary\b"
    rf"|(?P<count>{NUMBER_PATTERN})[-\s]{_ANNIVERSARY_UNIT}[-\s]anniversary\b"
    rf"|(?P<named>{_NAMED})\b)"
)


@dataclass(frozen=True)
class AnniversaryValue(Value):
    """'the tenth anniversary', '75th anniversary', 'six-month anniversary', 'centenary'."""

    kind: ClassVar[ValueKind] = "anniversary"
    number: int  # how many units since the event
    unit: str = "year"  # year | month | week | day

    def __str__(self) -> str:
        plural = "" if self.number == 1 else "s"
        return f"anniversary: {ordinal_words(self.number)} ({self.number} {self.unit}{plural})"


def find_anniversaries(text: str) -> list[AnniversaryValue]:
    lowered = text.lower()
    if not any(word in lowered for word in ("anniversar", "centen", "jubilee", "centennial")):
        return []
    scanned = scan(text)
    found: list[AnniversaryValue] = []
    for match in ANNIVERSARY.finditer(text):
        if scanned.is_excluded(match.start(), match.end()):
            continue
        unit = "year"
        if match.group("ordinal"):
            number = read_ordinal(match.group("ordinal"))
        elif match.group("count"):
            reading = read_number(match.group("count"))
            number = int(reading.value) if reading and reading.value == int(reading.value) else None
            unit = match.group("unit").lower()
        else:
            number = NAMED_ANNIVERSARIES[" ".join(match.group("named").lower().split())]
        if number:
            found.append(AnniversaryValue(match.start(), match.end(), match.group(0), number, unit))
    return found


# Durations ---------------------------------------------------------------------------------

# Relations before and after a length of time; the span includes them, as they say how the
# period stands to the events ("for 18 months", "one month after", "within 30 days").
RELATIONS_BEFORE = frozenset(
    {"for", "within", "over", "in", "during", "after", "the past", "the last", "the next",
     "the previous", "the coming", "the first", "the final"}
)  # fmt: skip
_RELATION_AFTER_WORDS = (
    r"(?:[-\s](?P<relation_after>after|before|later|earlier|ago|on(?=\s*[,.;:]|\s*$)|into|old"
    r"|long|from\s+now"
    r"|since(?!\s+(?:(?:early|late|mid)[-\s])?(?:1[89]|2[01])\d\d\b))\b)"
)
VAGUE_COUNTS = {"several": (3.0, 9.0), "a few": (2.0, 5.0), "a couple of": (2.0, 2.0)}
# "a year earlier", "several months", "two and a half years": lengths of time the grammar
# of amounts does not read
_SMALL_COUNT = r"one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}"
_PLURAL_UNIT = r"years|months|weeks|days|decades|hours"
ARTICLE_DURATION = re.compile(
    rf"(?i){START}(?:(?P<article>an?)\s+"
    rf"(?P<article_unit>year|month|week|day|decade|century|fortnight|quarter)\b"
    rf"(?P<and_a_half>\s+and\s+a\s+half\b)?"
    rf"|(?P<half_count>{_SMALL_COUNT})\s+and\s+a\s+half\s+(?P<half_unit>{_PLURAL_UNIT})\b"
    rf"|(?P<vague_count>several|a\s+few|a\s+couple\s+of)\s+"
    rf"(?P<vague_unit>years|months|weeks|days|decades|hours)\b){_RELATION_AFTER_WORDS}?"
)
RELATION_AFTER = re.compile(_RELATION_AFTER_WORDS, re.IGNORECASE)
_ARTICLE_SIGNALS = frozenset({"a", "an", "several", "few", "couple", "half"})
# "since 2014": an open period that starts in 2014 ("since mid-2014" too).
SINCE_YEAR = re.compile(
    r"(?i)\bsince\s+(?:(?:early|late|mid)[-\s])?(?P<year>(?:1[89]|2[01])\d\d)\b(?![-–/]\d|\s*%)"
)
_DURATION_SIGNALS = frozenset([*TIME_UNITS, "since"])


@dataclass(frozen=True)
class DurationValue(Value):
    """A length of time, or an open period: 'for 18 months', 'two years', 'since 2014'."""

    kind: ClassVar[ValueKind] = "duration"
    length: Amount | None  # in `unit`; None for an open period ("since 2014")
    unit: str  # year | month | week | day | decade | century | hour | minute | quarter ...
    relation: str | None = None  # for | within | after | ago | earlier | since | ...
    start_year: int | None = None  # the year an open period starts ("since 2014")

    def __str__(self) -> str:
        if self.length is None:
            return f"duration: an open period since {self.start_year}"
        plural = "" if self.length.low == self.length.high == 1 else "s"
        if self.unit == "century" and plural:
            words = describe_interval(self.length, "centuries")
        else:
            words = describe_interval(self.length, f"{self.unit}{plural}")
        relation = f" ({' '.join(self.relation.split())})" if self.relation else ""
        return f"duration: {words}{relation}"


def find_durations(text: str) -> list[DurationValue]:
    scanned = scan(text)
    if not (scanned.words & _DURATION_SIGNALS):
        return []
    found: list[DurationValue] = []
    for match in SINCE_YEAR.finditer(text):
        found.append(
            DurationValue(
                match.start(), match.end(), match.group(0), None, "year", "since",
                int(match.group("year")),
            )
        )  # fmt: skip
    matches = [(m.match, m.skip_before) for m in quantity_matches(text) if m.kind == "duration"]
    if not scanned.words.isdisjoint(_ARTICLE_SIGNALS):
        matches.extend((match, False) for match in ARTICLE_DURATION.finditer(text))
    for match, skip_before in sorted(matches, key=lambda found: found[0].start()):
        value = _duration(match, text, skip_before)
        if value is None or scanned.is_excluded(value.start, value.end):
            continue
        if all(value.end <= other.start or other.end <= value.start for other in found):
            found.append(value)
    return _compounds(sorted(found, key=lambda value: value.start), text)


# A length said in two units, the larger first: "six years and eight months" is 80 months,
# "two hours and 15 minutes" 135 minutes. The larger unit in the smaller one.
IN_SMALLER_UNIT = {("year", "month"): 12, ("week", "day"): 7, ("day", "hour"): 24,
                   ("hour", "minute"): 60}  # fmt: skip
_AND = re.compile(r",?\s+and\s+", re.IGNORECASE)


def _compounds(found: list[DurationValue], text: str) -> list[DurationValue]:
    joined: list[DurationValue] = []
    for value in found:
        last = joined[-1] if joined else None
        factor = IN_SMALLER_UNIT.get((last.unit, value.unit)) if last is not None else None
        if (
            last is None
            or factor is None
            or last.length is None
            or value.length is None
            or value.relation is not None
            or last.length.precision != "exact"
            or value.length.precision != "exact"
            or not _AND.fullmatch(text, last.end, value.start)
        ):
            joined.append(value)
            continue
        total = last.length.low * factor + value.length.low
        stated = text[last.start : value.end]
        length = Amount(total, total, "exact", " ".join(stated.split()))
        joined[-1] = DurationValue(last.start, value.end, stated, length, value.unit, last.relation)
    return joined


def _duration(match: re.Match[str], text: str, skip_before: bool) -> DurationValue | None:
    after = match.group("relation_after") if "relation_after" in match.re.groupindex else None
    start, end = match.start(), match.end()
    if after is None and (found_after := RELATION_AFTER.match(text, end)):
        after, end = found_after.group("relation_after"), found_after.end()
    relation = " ".join(after.lower().split()) if after else None
    if "article" in match.re.groupindex:
        bound = bound_before(text, start)
        before = _relation_before(text, bound.start if bound else start)
        if before:
            start, relation = before[0], before[1]
        elif bound:
            start = bound.start
        if match.group("article"):
            if relation is None and bound is None:
                return None  # "$5 a day", "twice a year": a rate, not a length of time
            unit = TIME_UNITS[match.group("article_unit").lower()]
            count = 1.5 if match.group("and_a_half") else 1.0
            low, high, precision = (
                bounded(count, bound.kind, whole=False) if bound else (count, count, "exact")
            )
        elif match.group("half_count"):
            reading = read_number(match.group("half_count"))
            if reading is None:
                return None
            unit = TIME_UNITS[match.group("half_unit").lower()]
            low = high = reading.value + 0.5
            precision = "exact"
        else:
            low, high = VAGUE_COUNTS[" ".join(match.group("vague_count").lower().split())]
            unit = TIME_UNITS[match.group("vague_unit").lower()]
            precision = "vague" if low != high else "exact"
        length = Amount(low, high, precision, " ".join(text[start:end].split()))
        return DurationValue(start, end, text[start:end], length, unit, relation)
    unit_text = match.group("unit").strip(" -").lower().split()[-1]
    quantities = read_quantity(
        match, scan(text), whole=False, split_changes=False, skip_before=skip_before
    )
    if not quantities:
        return None
    start, length = quantities[0].start, quantities[0].amount
    if text[start : start + 5].lower() == "over " and match.group("n2") is None:
        # "over five years": across them, as budgets are spread, not "more than five"
        reading = read_number(match.group("n1"))
        if reading is not None:
            length = Amount(reading.value, reading.value, "exact", length.text)
            relation = relation or "over"
    else:
        before = _relation_before(text, start)
        if before:
            start, relation = before[0], relation or before[1]
    return DurationValue(start, end, text[start:end], length, TIME_UNITS[unit_text], relation)


def _relation_before(text: str, start: int) -> tuple[int, str] | None:
    return phrase_before(text, start, RELATIONS_BEFORE, 2)
