"""Amounts stated in English, as intervals that keep their precision, with their exact spans.

Written here because no library keeps a vague amount vague or gives spans (measured, see
checker/values/__init__.py): text2num reads "thousands" as 1000 and quantulum3 drops it,
while "thousands of troops" is a range, not a number.

Two readers share the tables: `find_amounts` / `parse_amount` / `parse_number` are the
reading the troop-counts rule was written against (re-exported by checker.quantities, kept
as they were so the seeds' report stays the same), and `find_amount_values` is the value
layer's reading, which also knows scale suffixes ("7bn", "40K"), dot and space thousands,
trillions, change words ("up from 40,000") and the exclusions of checker.values.exclusions;
numbers with a unit (money, percentages, durations) are found with it in one pass by
checker.values.scanner.

"40.000" is forty thousand only when the group after the dot is exactly three digits, no
scale follows ("1.200 million" is a decimal) and nothing else in the sentence writes a
decimal point as a dot or a thousands separator as a comma ("3.5", "1,200"); otherwise it
is a decimal. "1.200.000" (two dots) is always a thousands grouping.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import ClassVar

from checker.values.exclusions import UNREAD_SCALES, ScannedText, scan
from checker.values.value import CHANGE_ROLES, Value, ValueKind, describe_interval

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
# Past 2**53 a float no longer holds every whole number ("99999999999999999999" and
# "100000000000000000000" would be one value), and a 400-digit number is no float at all:
# such numbers are not read, rather than read wrong.
LARGEST_NUMBER = 2.0**53


def readable(value: float) -> bool:
    return math.isfinite(value) and abs(value) < LARGEST_NUMBER


def negative(text: str, start: int) -> bool:
    """A minus sign glued to the number at `start` ("-40,000 troops"): a count or a sum is
    never negative, so the number is not read (not read as 40,000). A dash after a word or
    a number ("10-40,000", "COVID-19") is no minus sign."""
    if start == 0 or text[start - 1] not in "-\u2212":
        return False
    return start == 1 or not (text[start - 2].isalnum() or text[start - 2] in "-\u2212")


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
        return value if readable(value) else None
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
        # rounded first: 1.1 * 100,000 is 110,000.00000000001, whose ceiling is 110,001
        "nearly": (math.floor(round(value * 0.9, 6)), value, "approximate"),
        "about": (
            math.floor(round(value * 0.9, 6)),
            math.ceil(round(value * 1.1, 6)),
            "approximate",
        ),
    }
    low, high, precision = bounds[kind]
    return Amount(low, high, precision, text)


def find_amounts(text: str) -> list[tuple[int, int, Amount]]:
    """Every amount in `text`, as (start, end, amount)."""
    found = []
    for match in AMOUNT.finditer(text):
        if negative(text, match.start()):
            continue
        amount = amount_from_match(match)
        if amount is not None:
            found.append((match.start(), match.end(), amount))
    return found


def parse_amount(text: str) -> Amount | None:
    """The amount a whole phrase states ("more than 100,000", "thousands of")."""
    match = AMOUNT.fullmatch(" ".join(text.split()))
    return amount_from_match(match) if match else None


# The value layer's reading ------------------------------------------------------------------

SCALE_WORDS = {
    "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
}  # fmt: skip
SUFFIX_SCALES = {
    "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "b": 10**9, "bn": 10**9,
    "tn": 10**12, "trn": 10**12,
}  # fmt: skip
# "tens of X" is 10X to 1000X - 1, as "tens of thousands" has always been read here.
VAGUE_AMOUNTS: dict[str, tuple[float, float]] = {
    **VAGUE,
    "a handful": (2, 9),
    "several dozen": (24, 119),
    "a few dozen": (24, 119),
    "several hundred thousand": (200_000, 999_999),
    "a few hundred thousand": (200_000, 999_999),
    "several million": (2_000_000, 9_999_999),
    "a few million": (2_000_000, 9_999_999),
    "tens of millions": (10_000_000, 999_999_999),
    "hundreds of millions": (100_000_000, 9_999_999_999),
    "billions": (1_000_000_000, 999_999_999_999),
    "several billion": (2_000_000_000, 9_999_999_999),
    "a few billion": (2_000_000_000, 9_999_999_999),
    "tens of billions": (10_000_000_000, 999_999_999_999),
    "hundreds of billions": (100_000_000_000, 9_999_999_999_999),
    "trillions": (10**12, 10**15 - 1),
}
BOUND_WORDS = {
    **_PREFIX,
    "above": "above", "exceeding": "above", "just over": "above", "well over": "above",
    "a minimum of": "at_least", "not less than": "at_least", "not fewer than": "at_least",
    "as much as": "up_to", "not more than": "up_to", "a maximum of": "up_to",
    "as high as": "up_to", "just shy of": "nearly", "circa": "about", "below": "below",
    "well under": "below", "well below": "below",
}  # fmt: skip
TAIL_BOUNDS = {"or more": "at_least", "or over": "at_least", "-plus": "at_least", "+": "at_least",
               "or fewer": "up_to", "or less": "up_to", "or so": "about"}  # fmt: skip

# A number in words: "seventy-five", "two hundred and fifty", "forty thousand",
# "one and a half million", "half a million", "a dozen"; never "a" or "an" alone.
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)\b"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b"
_BELOW_HUNDRED = rf"(?:{_TENS}(?:[-\s]{_ONES})?|{_TEENS}|{_ONES}|zero\b)"
_HUNDREDS = (
    rf"(?:(?:{_BELOW_HUNDRED}|an?\s)[-\s]?hundred\b(?:[-\s](?:and\s)?{_BELOW_HUNDRED})?"
    rf"|{_BELOW_HUNDRED})"
)
_LARGE = r"(?:thousand|million|billion|trillion)\b"
# The words a number in words can start with: checked once before trying the grammar,
# which would otherwise be tried in full at every word.
_NUMBER_WORD_START = (
    r"(?=[otfsenzahOTFSENZAH])(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty"
    r"|forty|fifty|sixty|seventy|eighty|ninety|zero)\b"
    r"|an?\s+(?:hundred|thousand|million|billion|trillion|dozen)\b"
    r"|half\s+an?\s+(?:thousand|million|billion|trillion|dozen)\b"
    r"|an?\s+(?:quarter|third)\s+of\s+an?\s+(?:thousand|million|billion|trillion)\b)"
)  # "a" and "half" only before a scale: they are too common to try the grammar on
# A part of a scale: "a quarter of a million", "three-quarters of a billion", "two-thirds of
# a million" (a share alone, "a quarter of the budget", is a share: checker/values/shares.py)
_PART_OF_SCALE = (
    r"(?:an?|one|three)[-\s]quarters?\s+of\s+an?\s+"
    + _LARGE
    + r"|(?:an?|one|two)[-\s]thirds?\s+of\s+an?\s+"
    + _LARGE
)
PARTS = {"quarter": 0.25, "quarters": 0.25, "third": 1 / 3, "thirds": 1 / 3}
WORD_NUMBER = (
    rf"(?={_NUMBER_WORD_START})"
    rf"(?:(?:{_BELOW_HUNDRED}|an?|one)\s+and\s+a\s+half\s+{_LARGE}"
    rf"|half\s+an?\s+(?:{_LARGE}|dozen\b)"
    rf"|{_PART_OF_SCALE}"
    rf"|(?:{_BELOW_HUNDRED}|an?)\s+dozen\b"
    rf"|(?:{_HUNDREDS}|an?\s)[-\s]?{_LARGE}(?:[-\s](?:and\s)?{_HUNDREDS}(?:[-\s]{_LARGE})?)*"
    rf"|{_HUNDREDS})"
)
# Digits: "40,000", "40 000", "40.000" (dot thousands or a decimal, decided when read),
# "3.5", with a scale suffix ("7bn", "40K", "3.5m") or word ("1.2 million").
_DIGIT_FORMS = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)"
    r"|[1-9]\d{0,2}(?:\.\d{3})+(?!\d)"
    r"|\d+(?:\.\d+)?"
)
_SUFFIX = r"(?:\s?(?:bn|mn|mln|tn|trn)|k|m|b)(?!\w)"
DIGIT_NUMBER = rf"(?:{_DIGIT_FORMS})(?:{_SUFFIX}|[-\s](?:hundred\b|{_LARGE}))?"
NUMBER_PATTERN = rf"(?:{DIGIT_NUMBER}|{WORD_NUMBER})"

_VAGUE_WORDS = "|".join(
    sorted((re.escape(k).replace(r"\ ", r"\s+") for k in VAGUE_AMOUNTS), key=len, reverse=True)
)
VAGUE_PATTERN = rf"(?:{_VAGUE_WORDS})\b"
_TAIL = r"(?P<tail>\s+or\s+(?:more|over|fewer|less|so)\b|-plus\b|\+)"
# Not inside a word or a number: "G7", "F-16", the "5" of "2.5"
START = r"(?<![\w\-])(?<!\d[.,])"


def quantity_pattern(
    *,
    before: str = "",
    first_unit: str = "",
    unit: str = "",
    unit_required: bool = False,
    number_words: bool = True,
    ranges: bool = True,
) -> str:
    """The regex of a stated quantity, optionally between a prefix and a unit.

    [between|from] [before] NUMBER [first_unit] [and|to|- [before] NUMBER] [unit] [or more];
    a bound before it ("more than") is read by `bound_before`. `before` and the units are
    patterns; `before` gets the groups `before1` and `before2`, the units `unit1` and
    `unit`. Named groups: between, from, n1, separator, n2, tail. Without `number_words`
    only numbers in digits are read: several times faster, for the many sentences that
    write no number in words. Without `ranges` the groups of a second number never match.
    """
    number = NUMBER_PATTERN if number_words else DIGIT_NUMBER
    never = "" if ranges else "(?!)"
    first_before = f"(?:(?P<before1>{before})\\s?)?" if before else ""
    second_before = f"(?:(?P<before2>{before})\\s?)?" if before else ""
    first_unit_part = f"(?P<unit1>{first_unit})?" if first_unit else ""
    unit_part = f"(?P<unit>{unit})" if unit else ""
    if unit and not unit_required:
        unit_part += "?"
    if unit and first_unit:
        # a single number with its unit takes no second one: "rose 7% year on year"
        guard = "(?(unit1)(?(n2)|(?!)))"
        unit_part = f"(?:{guard}(?P<unit>{unit}))" + ("" if unit_required else "?")
    return (
        rf"{START}(?:(?P<between>between)\s+|(?P<from>from)\s+)?"
        rf"{first_before}(?P<n1>{number}){first_unit_part}"
        rf"(?:{never}(?P<separator>(?(between)\s+and\s+|(?(from)(?:\s+to\s+|\s*[-–—]\s*)"
        rf"|(?:\s*[-–—]\s*|\s+to\s+))))"
        rf"{second_before}(?P<n2>{number}))?"
        rf"{unit_part}{_TAIL}?"
    )


# Bounds are looked up in the words before a match rather than tried by the regex: trying
# all of them at every word of every sentence made the finders several times slower.
_LONGEST_BOUND = max(len(phrase.split()) for phrase in BOUND_WORDS)


@dataclass(frozen=True)
class Bound:
    start: int  # where the bound's words start
    phrase: str  # as a key of BOUND_WORDS: "more than"
    kind: str  # above | at_least | up_to | below | nearly | about


_BOUND_LAST_WORDS = frozenset(phrase.split()[-1] for phrase in BOUND_WORDS)


@lru_cache(maxsize=1024)
def bound_before(text: str, start: int) -> Bound | None:
    """The bound that ends just before `start` ("more than " before "100,000"), if any."""
    if start < 2 or text[start - 1] != " ":
        return None
    previous = text[text.rfind(" ", 0, start - 1) + 1 : start - 1].lower()
    if previous not in _BOUND_LAST_WORDS:
        return None  # most numbers have no bound: found without walking back word by word
    found = phrase_before(text, start, BOUND_WORDS, _LONGEST_BOUND)
    if found and found[1] == "up to" and moves_up_before(text, found[0]):
        return None  # "the fare will go up to £3.50": a rise to the figure, not a ceiling
    return Bound(found[0], found[1], BOUND_WORDS[found[1]]) if found else None


# Verbs whose "up" or "down" belongs to them: "will go up to £3.50" reaches the figure.
PHRASAL_MOVES = frozenset(
    {"go", "goes", "went", "gone", "going", "come", "comes", "came", "move", "moves", "moved"}
)


def moves_up_before(text: str, start: int) -> bool:
    """Is the word before `start` a verb whose particle "up" follows it ("go up to")?"""
    starts = words_before(text, start, 1)
    return bool(starts) and text[starts[0] : start].strip().lower() in PHRASAL_MOVES


def phrase_before(
    text: str, start: int, phrases: Collection[str], longest: int
) -> tuple[int, str] | None:
    """Where the longest of `phrases` ending just before `start` starts, and the phrase."""
    starts = words_before(text, start, longest)
    for word_start in starts[::-1]:  # the longest phrase first: "just under", not "under"
        phrase = " ".join(text[word_start:start].lower().split())
        if phrase in phrases:
            return word_start, phrase
    return None


def words_before(text: str, start: int, count: int) -> list[int]:
    """Where each of the `count` words before `start` starts, nearest first."""
    starts: list[int] = []
    position = start
    for _ in range(count):
        end = position
        while end > 0 and text[end - 1] in " \t\u00a0":
            end -= 1
        if end == position:
            break  # words are separated by spaces: "x100,000" has no word before it
        begin = end
        while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] in ".'"):
            begin -= 1
        if begin == end:
            break
        starts.append(begin)
        position = begin
    return starts


@dataclass(frozen=True)
class QuantityRegex:
    """One quantity pattern compiled twice: with numbers in words, and digits only."""

    with_words: re.Pattern[str]
    digits_only: re.Pattern[str]
    every_match_has_a_digit: bool  # without number words: no alternative without digits

    @classmethod
    def compile(cls, build: Callable[[bool], str], *, digits: bool = True) -> QuantityRegex:
        return cls(re.compile(build(True)), re.compile(build(False)), digits)

    def for_text(self, scanned: ScannedText) -> re.Pattern[str]:
        return self.with_words if scanned.number_words else self.digits_only

    def finditer(self, scanned: ScannedText) -> Iterator[re.Match[str]]:
        """The matches in the sentence; in digits only, from a little before the first digit
        ("between US$ 40"): the words before it can hold no match."""
        if scanned.number_words:
            return self.with_words.finditer(scanned.text)
        if not self.every_match_has_a_digit:
            return self.digits_only.finditer(scanned.text)
        return self.digits_only.finditer(scanned.text, max(0, scanned.first_digit - 16))


@dataclass(frozen=True)
class NumberReading:
    """A number as written: its value, the place of its last stated digit, its scale."""

    value: float
    grain: float  # "1.2 million": 100,000; "40,000": 1; "40K": 1,000
    scale: float  # the multiplier a suffix or scale word applied; 1 if none


_WORD_SPLIT = re.compile(r"[\s-]+")
_DIGIT_READING = re.compile(
    rf"(?i)(?P<digits>{_DIGIT_FORMS})(?:\s?(?P<suffix>bn|mn|mln|tn|trn|k|m|b)"
    rf"|[-\s](?P<scale>hundred|thousand|million|billion|trillion))?"
)
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")


def read_number(text: str, *, decimal_dots: bool = True) -> NumberReading | None:
    """'40,000', '7bn', '1.2 million', 'forty thousand', 'half a million' -> value and grain.

    `decimal_dots`: whether the sentence writes decimals with a dot, so that "40.000" is
    40 (a decimal), not 40000 (dot thousands).
    """
    if text.isdigit():  # the usual case, without the regex
        return NumberReading(float(text), 1.0, 1.0) if readable(float(text)) else None
    cleaned = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    digits = _DIGIT_READING.fullmatch(cleaned)
    if digits:
        return _read_digits(digits, decimal_dots)
    return _read_words(cleaned.lower())


def _read_digits(match: re.Match[str], decimal_dots: bool) -> NumberReading | None:
    written = match.group("digits")
    suffix, scale_word = match.group("suffix"), match.group("scale")
    scale = SUFFIX_SCALES[suffix.lower()] if suffix else SCALE_WORDS.get(scale_word or "", 1)
    dot_thousands = written.count(".") > 1 or (not decimal_dots and scale == 1)
    if dot_thousands and _DOT_THOUSANDS.fullmatch(written):
        written = written.replace(".", "")
    written = written.replace(",", "").replace(" ", "")
    try:
        number = Decimal(written)
    except InvalidOperation:
        return None
    decimals = len(written.partition(".")[2])  # "1.20" is stated to the hundredth
    grain = Decimal(10) ** -decimals * scale
    if not readable(float(number * scale)):
        return None
    return NumberReading(float(number * scale), float(grain), float(scale))


def _read_words(text: str) -> NumberReading | None:
    words = [w for w in _WORD_SPLIT.split(text) if w and w != "and"]
    if not words:
        return None
    if words[:1] == ["half"] and len(words) == 3:  # "half a million", "half a dozen"
        whole = 12 if words[2] == "dozen" else SCALE_WORDS.get(words[2])
        # stated to a tenth of its scale, as "0.5 million" is: half a billion is not €600m
        return None if whole is None else NumberReading(whole / 2, whole / 10, whole)
    if len(words) == 5 and words[1] in PARTS and words[2] == "of":
        # "a quarter of a million", "three-quarters of a billion": stated to a tenth of the
        # scale, as "half a million" is
        whole = SCALE_WORDS[words[4]]
        parts = 1 if words[0] in ("a", "an", "one") else NUMBER_WORDS[words[0]]
        return NumberReading(round(parts * PARTS[words[1]] * whole), whole / 10, whole)
    if len(words) >= 4 and words[-3:-1] == ["a", "half"] and words[-1] in SCALE_WORDS:
        count = _read_words(" ".join(words[:-3]))
        whole = SCALE_WORDS[words[-1]]
        if count is None:
            return None
        return NumberReading((count.value + 0.5) * whole, whole / 10, whole)
    if words[0] in ("a", "an"):
        words[0] = "one"
    total, current, grain, scale = 0, 0, 1, 1
    for word in words:
        if word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
            grain = 1
        elif word == "dozen":
            current = (current or 1) * 12
            grain, scale = 3, 12  # "a dozen" is loose: 11 or 13 may be meant (12 ± 1.5)
        elif word == "hundred":
            current = (current or 1) * 100
            grain = 100
        elif word in SCALE_WORDS:
            total += (current or 1) * SCALE_WORDS[word]
            current = 0
            grain = SCALE_WORDS[word]
        else:
            return None
        if word != "dozen":
            scale = grain if grain > 1 else 1
    return NumberReading(float(total + current), float(grain), float(scale))


NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip


def bounded(value: float, bound: str, *, whole: bool) -> tuple[float, float, str]:
    """The interval a bound word gives a value: 'more than 100,000' is 100,001 or more.

    `whole`: the value counts things, so "more than 5" starts at 6; otherwise (money,
    percentages, durations) just above 5.
    """
    if bound == "above":
        return (value + 1 if whole and value == int(value) else math.nextafter(value, math.inf),
                math.inf, "bounded")  # fmt: skip
    if bound == "at_least":
        return value, math.inf, "bounded"
    if bound == "up_to":
        return 0.0, value, "bounded"
    if bound == "below":
        if whole and value == int(value):
            return 0.0, max(value - 1, 0.0), "bounded"
        return 0.0, max(math.nextafter(value, -math.inf), 0.0), "bounded"
    if bound == "nearly":
        return (math.floor(round(value * 0.9, 6)) if whole else value * 0.9), value, "approximate"
    low, high = value * 0.9, value * 1.1
    if whole:  # rounded first: 1.1 * 1500 is 1650.0000000000002, whose ceiling is 1651
        low, high = math.floor(round(low, 6)), math.ceil(round(high, 6))
    return low, high, "approximate"


@dataclass(frozen=True)
class Quantity:
    """A quantity read from a match, before a kind gives it a meaning."""

    start: int
    end: int
    amount: Amount
    grain: float
    change: str | None  # "from" | "to" | "by": it starts, ends or measures a stated change


# Words of change around a value: "up from 40,000", "rose to $1.2bn", "grew by 5%",
# "fell 3%", "a 3.5% rise". A preposition may follow any of them; a bare value only the
# verbs that cannot mean something else ("raised $5 million" is fundraising).
CHANGE_VERBS = frozenset(
    ["increase", "increases", "increased", "increasing", "rise", "rises", "risen", "rising",
     "rose", "grow", "grows", "grown", "growing", "grew", "growth", "fall", "falls", "fallen",
     "falling", "fell", "drop", "drops", "dropped", "dropping", "decline", "declines",
     "declined", "declining", "climb", "climbs", "climbed", "climbing", "jump", "jumps",
     "jumped", "jumping", "surge", "surges", "surged", "surging", "slump", "slumps",
     "slumped", "slumping", "soar", "soars", "soared", "soaring", "plunge", "plunges",
     "plunged", "plunging", "shrink", "shrinks", "shrinking", "shrank", "expand", "expands",
     "expanded", "expanding", "contracted", "contracting", "widened", "widening", "narrowed",
     "narrowing", "up", "down"]
)  # fmt: skip
CHANGE_WITH_PREPOSITION = CHANGE_VERBS | frozenset(
    ["cut", "cuts", "cutting", "reduce", "reduces", "reduced", "reducing", "reduction",
     "boost", "boosts", "boosted", "boosting", "raise", "raises", "raised", "raising", "lift",
     "lifts", "lifted", "lifting", "lower", "lowers", "lowered", "lowering", "expand",
     "expands", "expanded", "expanding", "doubled", "tripled", "halved", "doubling"]
)  # fmt: skip
# A verb right before "from 35% to 20%" that makes it a change ("cut from", "raised from")
_FROM_VERBS = CHANGE_WITH_PREPOSITION
_DETERMINERS = frozenset({"its", "their", "the", "his", "her", "our", "a", "an", "this"})
_CHANGE_AFTER = re.compile(
    r"(?i)[\s-]+(?:rise|increase|drop|fall|cut|growth|decline|jump|gain|reduction|hike)\b"
    r"|\s+(?:higher|lower)\s+than\b"  # "7.4% higher than a year ago"
)
_CHANGE_WINDOW = 60


def change_role(
    text: str, start: int, end: int, verbs: frozenset[str] = CHANGE_VERBS
) -> str | None:
    """'from', 'to' or 'by' when the words around text[start:end] state a change."""
    window = text[max(0, start - _CHANGE_WINDOW) : start]
    tokens = [token.lower() for token in window.split()]
    if start > _CHANGE_WINDOW:
        tokens = tokens[1:]  # the first may be cut in the middle
    if tokens and window[-1:].isspace():
        nearest = tokens[-1]
        if nearest in ("from", "to", "by") and _change_word_before(tokens[-2::-1][:4]):
            return nearest
        if nearest in verbs and not (
            nearest == "up" and len(tokens) > 1 and tokens[-2] in MAKING_UP
        ):
            return "by"
    return "by" if _CHANGE_AFTER.match(text, end) else None


# Verbs whose "up" says what a part is of a whole, not a rise: "made up 54% of visitors".
MAKING_UP = frozenset({"make", "makes", "made", "making"})


def _change_word_before(nearest_first: list[str]) -> bool:
    """Between the verb and its preposition may stand what it changes ('raised rates by'),
    figures, adverbs, 'its budget'; not a clause ('an increase in aid to 40 countries')."""
    for index, token in enumerate(nearest_first):
        if token in CHANGE_WITH_PREPOSITION:
            return True
        if index == 0 and token.isalpha():
            continue
        after_determiner = index + 1 < len(nearest_first) and (
            nearest_first[index + 1] in _DETERMINERS
        )
        figure = token[:1].isdigit() or token[:1] in "$€£¥" or token in ("by", "from")
        if token.endswith((",", ";", ":")) or not (
            figure or token.endswith("ly") or token in _DETERMINERS or after_determiner
        ):
            return False
    return False


def read_quantity(
    match: re.Match[str],
    scanned: ScannedText,
    *,
    whole: bool,
    split_changes: bool = True,
    unit_key: Callable[[str], str] | None = None,
    skip_before: bool = False,
) -> list[Quantity]:
    """The quantity, or the two quantities of a change, that a quantity_pattern match states.

    `whole`: the quantity counts things (see `bounded`); `skip_before`: what stands in the
    `before1` group is no part of the quantity ("ABC 40"). Two numbers are one range
    ("between 3 and 5 million", "40,000-50,000", "2 to 3 per cent") unless they are the
    two ends of a change ("rose from 40,000 to 300,000", "up by 0.5 points to 4.2%") or
    carry different units (`unit_key` tells units apart).
    """
    text = scanned.text
    first = read_number(match.group("n1"), decimal_dots=scanned.decimal_dots)
    if first is None:
        return []
    # "between 40 countries" and "up from 40,000" state one number: the span starts at it
    start = _start_of_first(match, skip_before)
    if negative(text, start):
        return []
    bound = bound_before(text, start) if start == match.start() or skip_before else None
    if bound is not None:
        start = bound.start
    end = match.end()
    if match.group("n2") is None:
        amount = _single(first.value, match, text[start:end], whole, bound)
        return [Quantity(start, end, amount, first.grain, change_role(text, start, end))]
    second = read_number(match.group("n2"), decimal_dots=scanned.decimal_dots)
    if second is None:
        return []
    low, low_grain = first.value, first.grain
    if second.scale > 1 and first.scale == 1 and first.value <= second.value / second.scale:
        low, low_grain = low * second.scale, low_grain * second.scale  # "3 to 5 million"
    if _two_ends_of_a_change(match, text, split_changes, unit_key, low > second.value):
        middle = match.end("unit1") if _has(match, "unit1") else match.end("n1")
        second_start = match.start("before2") if _has(match, "before2") else match.start("n2")
        second_start = match.start("n2") if skip_before else second_start
        first_role = "from" if match.group("from") else change_role(text, start, middle)
        first_amount = _single(low, match, text[start:middle], whole, bound, tail=False)
        return [
            Quantity(start, middle, first_amount, low_grain, first_role),
            Quantity(second_start, end, _exact(second.value, text[second_start:end]),
                     second.grain, "to" if first_role else change_role(text, second_start, end)),
        ]  # fmt: skip
    if low > second.value:
        return []
    # a bound before a range is not read: "about 3-5 million"
    start = _start_of_first(match, skip_before) if skip_before else match.start()
    amount = Amount(low, second.value, "range", " ".join(text[start:end].split()))
    change = change_role(text, start, end)
    return [Quantity(start, end, amount, min(low_grain, second.grain), change)]


_BY_BEFORE = re.compile(r"(?i)\bby\s+$")


def _two_ends_of_a_change(
    match: re.Match[str],
    text: str,
    split_changes: bool,
    unit_key: Callable[[str], str] | None,
    descending: bool = False,
) -> bool:
    units = (match.groupdict().get("unit1"), match.groupdict().get("unit"))
    if unit_key and units[0] and units[1] and unit_key(units[0]) != unit_key(units[1]):
        return True
    if not split_changes or match.group("between") or not match.group("separator").strip():
        return False
    if not re.fullmatch(r"(?i)\s*to\s*", match.group("separator")):
        return False  # "rose from 40,000-50,000": a dash is a range
    if match.group("from"):
        # "fell from 35% to 20%", "cut from 35% to 20%"; and "from 35 percent to 25
        # percent", downwards, whatever the words before: a range is written upwards
        return descending or change_role(text, match.start(), match.end(), _FROM_VERBS) is not None
    # "up by 0.5 percentage points to 4.2%", "rose by 5,000 to 45,000"; but "rose by 2 to 3
    # per cent" states one unit for both numbers, a range
    has_unit = any(match.groupdict().get(group) for group in ("unit", "before1"))
    stated_twice = _has(match, "unit1") or _has(match, "before2")
    by_before = _BY_BEFORE.search(text, max(0, match.start() - 8), match.start()) is not None
    return by_before and (stated_twice or not has_unit)


def _start_of_first(match: re.Match[str], skip_before: bool = False) -> int:
    if skip_before or not _has(match, "before1"):
        return match.start("n1")
    return match.start("before1")


def _has(match: re.Match[str], group: str) -> bool:
    return group in match.re.groupindex and match.group(group) is not None


def _exact(value: float, text: str) -> Amount:
    return Amount(value, value, "exact", " ".join(text.split()))


def _single(
    value: float,
    match: re.Match[str],
    stated: str,
    whole: bool,
    bound: Bound | None,
    *,
    tail: bool = True,
) -> Amount:
    text = " ".join(stated.split())
    tail_bound = match.group("tail") if tail else None
    kind = bound.kind if bound else TAIL_BOUNDS.get(" ".join((tail_bound or "").lower().split()))
    if kind:
        low, high, precision = bounded(value, kind, whole=whole)
        return Amount(low, high, precision, text)
    return Amount(value, value, "exact", text)


@dataclass(frozen=True)
class AmountValue(Value):
    """A count: '40,000', 'thousands of', 'more than 100,000', 'between 3 and 5 million'."""

    kind: ClassVar[ValueKind] = "amount"
    amount: Amount
    grain: float = 1.0  # the place of the last stated digit: "1.2 million" is 100,000
    change: str | None = None  # "from" | "to" | "by": "up from 40,000" starts a change

    def __str__(self) -> str:
        words = describe_interval(self.amount)
        return f"amount: {words}{CHANGE_ROLES.get(self.change or '', '')}"


# A bare four-digit number from 1800 to 2199 is a year ("in 2014"), unless a bound
# says it counts ("more than 2000 people"); counts that large are written "2,000".
YEAR = re.compile(r"(?:1[89]|2[01])\d\d")
# "one" as a pronoun or in an idiom is no count: "one of the", "no one", "one another".
_ONE_IDIOM_AFTER = re.compile(
    r"(?i)\s*(?:of\b|another\b|'s\b|-on-one\b|or\s+(?:the\s+)?other\b|[.,;:!?)]|$)"
)  # "the old one.": a pronoun
_ONE_IDIOMS_BEFORE = frozenset(
    {"no", "any", "every", "each", "the", "this", "that", "which", "day"}
)  # "no one", "day one"
VAGUE_AMOUNT = re.compile(rf"(?i){START}(?P<vague>{VAGUE_PATTERN})(?:\s+of\b)?")
# a word every vague amount has
VAGUE_SIGNALS = frozenset(
    ["dozens", "scores", "hundreds", "thousands", "millions", "billions", "trillions",
     "handful", "dozen", "hundred", "thousand", "million", "billion"]
)  # fmt: skip


def find_amount_values(text: str) -> list[AmountValue]:
    """Every count stated in `text`, with its exact span; years, labels and times are not."""
    scanned = scan(text)
    if not scanned.has_digit and not scanned.number_words and not (scanned.words & VAGUE_SIGNALS):
        return []
    found: list[AmountValue] = []
    if scanned.words & VAGUE_SIGNALS:
        for match in VAGUE_AMOUNT.finditer(text):
            key = " ".join(match.group("vague").lower().split())
            low, high = VAGUE_AMOUNTS[key]
            amount = Amount(low, high, "vague", " ".join(match.group(0).split()))
            if not scanned.is_excluded(match.start(), match.end()):
                found.append(AmountValue(match.start(), match.end(), match.group(0), amount))
    if not scanned.has_digit and not scanned.number_words:
        return found
    # the scanner is built on this module's grammar, so it is imported when first needed
    from checker.values.scanner import quantity_matches

    for unit_match in quantity_matches(text):
        if unit_match.kind != "amount" or _not_an_amount(unit_match.match, scanned):
            continue
        for quantity in read_quantity(
            unit_match.match, scanned, whole=True, skip_before=unit_match.skip_before
        ):
            if scanned.is_excluded(quantity.start, quantity.end):
                continue
            found.append(
                AmountValue(
                    quantity.start,
                    quantity.end,
                    text[quantity.start : quantity.end],
                    quantity.amount,
                    quantity.grain,
                    quantity.change,
                )
            )
    return sorted(found, key=lambda value: value.start)


def counts_a_year(bound: Bound | None) -> bool:
    """'more than 2000 people' counts; 'below 2005 levels' and 'over 2019' name years."""
    return bound is not None and (" " in bound.phrase or bound.kind in ("nearly", "about"))


def _not_an_amount(match: re.Match[str], scanned: ScannedText) -> bool:
    text = scanned.text
    numbers = [match.group("n1"), *([match.group("n2")] if match.group("n2") else [])]
    bound = bound_before(text, match.start())
    if not (counts_a_year(bound) or match.group("tail")) and all(
        YEAR.fullmatch(n) for n in numbers
    ):
        return True
    if UNREAD_SCALES.match(text, match.end()):
        return True
    if match.group("n1").lower() == "one" and not match.group("n2") and not bound:
        if _ONE_IDIOM_AFTER.match(text, match.end("n1")):
            return True
        before = text[max(0, match.start("n1") - 8) : match.start("n1")].split()
        if before and before[-1].lower() in _ONE_IDIOMS_BEFORE:
            return True
    return False
