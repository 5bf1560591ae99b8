"""Amounts stated in English, as intervals that keep their precision.

Written here because no library keeps a vague amount vague: text2num reads "thousands" as
1000 and quantulum3 drops it, while "thousands of troops" is a range, not a number.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

# Vague amounts: the smallest and largest value a careful reader would accept.
VAGUE = {
    "dozens": (24, 199),
    "scores": (40, 199),
    "hundreds": (200, 999),
    "thousands": (1_000, 999_999),
    "several thousand": (2_000, 9_999),
    "a few thousand": (2_000, 9_999),
    "some thousands": (2_000, 9_999),
    "tens of thousands": (10_000, 999_999),
    "hundreds of thousands": (100_000, 9_999_999),
    "millions": (1_000_000, 999_999_999),
    "several hundred": (200, 999),
    "a few hundred": (200, 999),
}

_WORD = "|".join(sorted((*UNITS, *SCALES), key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:(?:,|\s)\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_DIGIT_NUMBER = rf"(?:{_DIGITS})(?:\s+(?:hundred|thousand|million|billion))?"
# "a" and "an" are numbers only before a scale: "a thousand troops", not "a force"
_WORD_NUMBER = (
    rf"(?:(?:an?\s+(?=hundred|thousand|million|billion|dozen))?(?:{_WORD})"
    rf"(?:(?:\s+|-)(?:and\s+)?(?:{_WORD}))*)"
)
NUMBER = rf"(?:{_DIGIT_NUMBER}|{_WORD_NUMBER})"
_SCALE_WORD = r"hundred|thousand|million|billion"
_VAGUE = "|".join(sorted((re.escape(k) for k in VAGUE), key=len, reverse=True))
_PREFIX = {
    "more than": "above", "over": "above", "in excess of": "above", "upwards of": "above",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "up to": "up_to", "as many as": "up_to", "at most": "up_to", "no more than": "up_to",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "an estimated": "about", "estimated": "about",
    "fewer than": "below", "less than": "below", "under": "below",
}  # fmt: skip
_PREFIXES = "|".join(sorted((re.escape(k) for k in _PREFIX), key=len, reverse=True))

AMOUNT = re.compile(
    rf"(?ix)\b(?:"
    rf"between\s+(?P<range_low>{NUMBER})\s+and\s+(?P<range_high>{NUMBER})"
    rf"|(?P<from>{_DIGIT_NUMBER})\s*(?:-|–|—)\s*(?P<to>{_DIGIT_NUMBER})"
    rf"|(?P<from_word>{NUMBER})\s+to\s+(?P<to_word>{NUMBER})"
    rf"|(?P<vague>{_VAGUE})(?:\s+of)?"
    rf"|(?:(?P<prefix>{_PREFIXES})\s+)?(?P<number>{NUMBER})"
    rf")\b"
)


@dataclass(frozen=True, order=True)
class Amount:
    """A count as an interval [low, high] (inclusive; high may be infinite)."""

    low: float
    high: float
    precision: str  # exact | approximate | bounded | range | vague
    text: str = field(default="", compare=False)  # as stated; shown, never compared

    @property
    def is_exact(self) -> bool:
        return self.precision == "exact"

    def contains(self, other: Amount) -> bool:
        return self.low <= other.low and other.high <= self.high

    def overlaps(self, other: Amount) -> bool:
        return self.low <= other.high and other.low <= self.high

    def __str__(self) -> str:
        if self.precision == "exact":
            return format_count(self.low)
        if self.precision == "vague":
            return f"{self.text} ({format_count(self.low)}–{format_count(self.high)})"
        if math.isinf(self.high):
            return f"{self.text} (≥ {format_count(self.low)})"
        return f"{self.text} ({format_count(self.low)}–{format_count(self.high)})"


def format_count(value: float) -> str:
    if math.isinf(value):
        return "∞"
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def parse_number(text: str) -> float | None:
    """'40,000', '40 000', '4.5 million', 'forty thousand', 'two hundred and fifty' -> value."""
    text = text.strip().lower().replace("\u00a0", " ")
    if not text:
        return None
    digits = re.fullmatch(rf"({_DIGITS})(?:\s+(hundred|thousand|million|billion))?", text)
    if digits:
        value = float(re.sub(r"[,\s]", "", digits.group(1)))
        if digits.group(2):
            value *= SCALES[digits.group(2)]
        return value
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if words and words[0] in ("a", "an") and len(words) > 1:
        words = words[1:]
    if not words:
        return None
    total, current = 0, 0
    for word in words:
        if word in UNITS:
            if word == "dozen":
                current = (current or 1) * 12
            else:
                current += UNITS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
    return float(total + current)


def amount_from_match(match: re.Match[str]) -> Amount | None:
    text = " ".join(match.group(0).split())
    bounds_given = [
        (match.group(low), match.group(high))
        for low, high in (("range_low", "range_high"), ("from", "to"), ("from_word", "to_word"))
        if match.group(low)
    ]
    if bounds_given:
        low_text, high_text = bounds_given[0]
        low, high = parse_number(low_text), parse_number(high_text)
        scale = re.search(r"(hundred|thousand|million|billion)$", high_text.lower())
        if low is not None and scale and not re.search(_SCALE_WORD, low_text.lower()):
            low *= SCALES[scale.group(1)]  # "three to five thousand": the scale applies to both
        if low is None or high is None or low > high:
            return None
        return Amount(low, high, "range", text)
    if match.group("vague"):
        low, high = VAGUE[" ".join(match.group("vague").lower().split())]
        return Amount(low, high, "vague", text)
    value = parse_number(match.group("number"))
    if value is None:
        return None
    prefix = match.group("prefix")
    if prefix is None:
        return Amount(value, value, "exact", text)
    kind = _PREFIX[" ".join(prefix.lower().split())]
    bounds = {
        "above": (value + 1, math.inf, "bounded"),
        "at_least": (value, math.inf, "bounded"),
        "up_to": (0.0, value, "bounded"),
        "below": (0.0, max(value - 1, 0.0), "bounded"),
        "nearly": (math.floor(value * 0.9), value, "approximate"),
        "about": (math.floor(value * 0.9), math.ceil(value * 1.1), "approximate"),
    }
    low, high, precision = bounds[kind]
    return Amount(low, high, precision, text)


def find_amounts(text: str) -> list[tuple[int, int, Amount]]:
    """Every amount in `text`, as (start, end, amount)."""
    found = []
    for match in AMOUNT.finditer(text):
        amount = amount_from_match(match)
        if amount is not None:
            found.append((match.start(), match.end(), amount))
    return found


def parse_amount(text: str) -> Amount | None:
    """The amount a whole phrase states ("more than 100,000", "thousands of")."""
    match = AMOUNT.fullmatch(" ".join(text.split()))
    return amount_from_match(match) if match else None
