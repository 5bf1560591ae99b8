"""Percentages ('2%', 'two per cent', '0.5 percentage points'), shares and multipliers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from checker.values.exclusions import scan
from checker.values.numbers import (
    NUMBER_PATTERN,
    NUMBER_WORDS,
    START,
    Amount,
    bound_before,
    bounded,
    read_number,
    read_quantity,
)
from checker.values.scanner import PERCENT_UNITS, quantity_matches
from checker.values.value import CHANGE_ROLES, Value, ValueKind, describe_interval

# "half a percentage point": a number in words the grammar of amounts does not read
HALF_A_POINT = re.compile(rf"(?i){START}half\s+an?\s+(?:percentage\s+point|per\s?cent|percent)\b")
_MAY_STATE_A_PERCENTAGE = frozenset({"per", "percent", "pct", "percentage", "basis", "bps"})


@dataclass(frozen=True)
class PercentageValue(Value):
    """'2%', 'more than two per cent', 'between 2 and 3 percent', '0.5 percentage points'."""

    kind: ClassVar[ValueKind] = "percentage"
    amount: Amount  # in the unit: 2% is 2
    unit: str = "percent"  # percent | percentage point | basis point
    grain: float = 1.0
    change: str | None = None  # "from" | "to" | "by", as for amounts

    def __str__(self) -> str:
        unit = self.unit
        if unit != "percent" and not self.amount.low == self.amount.high == 1:
            unit += "s"
        role = CHANGE_ROLES.get(self.change or "", "")
        return f"percentage: {describe_interval(self.amount, unit)}{role}"


def _percent_unit(written: str) -> str:
    return PERCENT_UNITS[" ".join(written.lower().split())]


def find_percentages(text: str) -> list[PercentageValue]:
    scanned = scan(text)
    if "%" not in text and not (scanned.words & _MAY_STATE_A_PERCENTAGE):
        return []
    found: list[PercentageValue] = []
    if "half" in scanned.words:
        for match in HALF_A_POINT.finditer(text):
            half = match.group(0)
            unit = "percentage point" if "point" in half.lower() else "percent"
            amount = Amount(0.5, 0.5, "exact", half)
            found.append(PercentageValue(match.start(), match.end(), half, amount, unit, 0.5))
    for unit_match in quantity_matches(text):
        if unit_match.kind != "percentage":
            continue
        match = unit_match.match
        quantities = read_quantity(
            match, scanned, whole=False, unit_key=_percent_unit, skip_before=unit_match.skip_before
        )
        for quantity in quantities:
            if scanned.is_excluded(quantity.start, quantity.end):
                continue
            if match.group("unit1") and quantity.end == match.end("unit1"):
                unit = _percent_unit(match.group("unit1"))  # the first of "0.5 points to 4.2%"
            else:
                unit = _percent_unit(match.group("unit") or match.group("unit1"))
            found.append(
                PercentageValue(
                    quantity.start, quantity.end, text[quantity.start : quantity.end],
                    quantity.amount, unit, quantity.grain, quantity.change,
                )
            )  # fmt: skip
    return sorted(found, key=lambda value: value.start)


# Shares ------------------------------------------------------------------------------------

DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100,
}  # fmt: skip
_DENOMINATOR = "|".join(sorted(DENOMINATORS, key=len, reverse=True))
_SMALL_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_COUNT = rf"(?:{_SMALL_WORDS}|\d{{1,3}})"
FRACTION = re.compile(
    rf"(?i){START}(?:"
    rf"(?P<numerator>an?|{_SMALL_WORDS})(?P<joint>[-\s])(?P<denominator>{_DENOMINATOR})\b"
    rf"|(?P<half>half)\b(?!-))"
)
# "one in five", "nine out of ten", "1 in 4": found from the "in", which is rarer than a
# word that may be a count
_IN_OR_OUT_OF = re.compile(r"(?i) (?:in|out of) ")
_COUNT_BEFORE = re.compile(rf"(?i)(?<![\w.,-]){_COUNT}$")
_TOTAL_AFTER = re.compile(rf"(?i)(?:{_SMALL_WORDS}|\d{{1,3}}(?:,\d{{3}})+|\d{{1,4}})\b(?![.,]\d)")
# "a third" is a share before "of" or a stop ("cut by a third."), an ordinal before a noun
# ("a third term"); "half" is one before "of", "the", a possessive, or after "by".
_SHARE_FOLLOWS = re.compile(r"\s+of\b|\s*[,.;:)]|\s*$")
_HALF_FOLLOWS = re.compile(
    r"(?i)\s+(?:of|the|its|their|our|his|her|all|a|an|these|those|this|that|my|your)\b|\s*[,.;:)]|\s*$"
)
_SHARE_PRECEDES = re.compile(r"(?i)\b(?:by|than|cut|lost|lose|halved)\s+$")
_NOT_A_HALF = re.compile(r"(?i)\b(?:first|second|latter|former|other|and\s+a|one|an?)\s+$")
_AND_BEFORE = re.compile(r"(?i)\band\s+$")
_TIME_UNIT_AFTER = re.compile(r"(?i)\s+(?:years?|months?|weeks?|days?|hours?)\b")


@dataclass(frozen=True)
class ShareValue(Value):
    """A part of a whole: 'a third', 'two-thirds', 'half of', 'one in five'."""

    kind: ClassVar[ValueKind] = "share"
    fraction: Amount  # between 0 and 1
    numerator: int
    denominator: int

    def __str__(self) -> str:
        exact = f"{self.numerator}/{self.denominator}"
        if self.fraction.low == self.fraction.high:
            return f"share: {exact} ({self.fraction.low:.1%})"
        return f"share: {describe_interval(self.fraction)} of the whole ({exact} stated)"


_FRACTION_SIGNALS = frozenset([*DENOMINATORS, "half"])


def find_shares(text: str) -> list[ShareValue]:
    scanned = scan(text)
    found: list[tuple[int, int, int, int]] = []  # start, end, numerator, denominator
    if not scanned.words.isdisjoint(_FRACTION_SIGNALS):
        for match in FRACTION.finditer(text):
            parts = _fraction_parts(match, text)
            if parts is not None:
                found.append((match.start(), match.end(), *parts))
    if (scanned.has_digit or scanned.number_words) and (
        "in" in scanned.words or "out" in scanned.words
    ):
        for spot in _IN_OR_OUT_OF.finditer(text):
            count = _COUNT_BEFORE.search(text, max(0, spot.start() - 10), spot.start())
            total = _TOTAL_AFTER.match(text, spot.end())
            if count and total:
                parts = _one_in_parts(count.group(0), total.group(0), text, total.end())
                if parts is not None:
                    found.append((count.start(), total.end(), *parts))
    shares: list[ShareValue] = []
    for start, end, numerator, denominator in sorted(found):
        if scanned.is_excluded(start, end):
            continue
        value = numerator / denominator
        bound = bound_before(text, start)
        if bound:
            start = bound.start
        stated = text[start:end]
        if bound:
            low, high, precision = bounded(value, bound.kind, whole=False)
            fraction = Amount(low, min(high, 1.0), precision, " ".join(stated.split()))
        else:
            fraction = Amount(value, value, "exact", stated)
        shares.append(ShareValue(start, end, stated, fraction, numerator, denominator))
    return shares


def _one_in_parts(count_text: str, total_text: str, text: str, end: int) -> tuple[int, int] | None:
    count, total = read_number(count_text), read_number(total_text)
    if count is None or total is None or not 0 < count.value <= total.value:
        return None
    if re.fullmatch(r"(?:1[89]|2[01])\d\d", total_text):
        return None  # "one in 2014"
    if _TIME_UNIT_AFTER.match(text, end):
        return None  # "one in five years" is a frequency
    return int(count.value), int(total.value)


def _fraction_parts(match: re.Match[str], text: str) -> tuple[int, int] | None:
    end = match.end()
    if match.group("half"):
        preceded = text[max(0, match.start("half") - 12) : match.start("half")]
        if _NOT_A_HALF.search(preceded):
            return None
        if not (_HALF_FOLLOWS.match(text, end) or _SHARE_PRECEDES.search(preceded)):
            return None
        return 1, 2
    numerator_word = match.group("numerator").lower()
    numerator = 1 if numerator_word in ("a", "an") else NUMBER_WORDS[numerator_word]
    denominator_word = match.group("denominator").lower()
    denominator = DENOMINATORS[denominator_word]
    plural = denominator_word.endswith("s")
    if numerator == 0 or numerator >= denominator or (numerator > 1) != plural:
        return None
    hyphenated = match.group("joint") == "-"
    if numerator == 1 and not hyphenated:
        preceded = text[max(0, match.start() - 8) : match.start()]
        if _AND_BEFORE.search(preceded):
            return None  # "a year and a half"
        if not (_SHARE_FOLLOWS.match(text, end) or _SHARE_PRECEDES.search(preceded)):
            return None  # "a third term"
    return numerator, denominator


# Multipliers -------------------------------------------------------------------------------

FOLD_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10, "twenty": 20, "hundred": 100, "thousand": 1000}  # fmt: skip
VERB_FACTORS = {
    "doubled": 2, "doubling": 2, "doubles": 2, "double": 2, "tripled": 3, "tripling": 3,
    "triples": 3, "triple": 3, "trebled": 3, "trebling": 3, "treble": 3, "quadrupled": 4,
    "quadrupling": 4, "quadruple": 4, "halved": 0.5, "halving": 0.5, "twice": 2, "thrice": 3,
}  # fmt: skip
# "five times" multiplies only before a comparison ("five times more", "five times the
# budget"); "met five times" counts occasions, and is an amount.
_COMPARISON = (
    r"more|less|fewer|higher|lower|larger|bigger|greater|smaller|faster|slower|longer|shorter"
    r"|cheaper|wider|as|the|that|over|what|its|their|his|her|our|this"
)
_FOLD = "|".join(FOLD_WORDS)
MULTIPLIER = re.compile(
    rf"(?i){START}(?:"
    rf"(?P<fold_word>{_FOLD})fold\b"
    rf"|(?P<fold_number>{NUMBER_PATTERN})[-\s]?fold\b"
    rf"|(?P<times>{NUMBER_PATTERN})\s+times(?=\s+(?:{_COMPARISON})\b)"
    rf"|(?P<twice>twice|thrice)\b"
    rf"|(?P<verb>doubled|doubling|doubles|tripled|tripling|triples|trebled|trebling"
    rf"|quadrupled|quadrupling|halved|halving)\b"
    rf"|(?P<adjective>double|triple|treble|quadruple)"
    rf"(?=\s+(?:the|its|their|that|what|his|her|our|this|these|those)\b"
    r"|\s+[A-Z][\w-]*['’]s\b)"  # "to triple Bologna's hydrogen bus fleet"
    rf"|(?P<half_as>half)(?=\s+as\s+(?:much|many|large|big|high|long)\b)"
    rf")"
)
_TWICE_COMPARES = re.compile(rf"(?i)\s+(?:{_COMPARISON})\b")
_MULTIPLIER_SIGNALS = frozenset(["times", *VERB_FACTORS])


@dataclass(frozen=True)
class MultiplierValue(Value):
    """How many times larger: 'threefold', 'five times more', 'doubled', 'halved'."""

    kind: ClassVar[ValueKind] = "multiplier"
    factor: Amount

    def __str__(self) -> str:
        if self.factor.low == self.factor.high:
            return f"multiplier: ×{describe_interval(self.factor)}"
        return f"multiplier: {describe_interval(self.factor)} times"


def find_multipliers(text: str) -> list[MultiplierValue]:
    scanned = scan(text)
    if scanned.words.isdisjoint(_MULTIPLIER_SIGNALS) and "fold" not in scanned.lowered:
        return []
    found: list[MultiplierValue] = []
    for match in MULTIPLIER.finditer(text):
        factor = _factor(match, scanned.decimal_dots)
        if factor is None or scanned.is_excluded(match.start(), match.end()):
            continue
        bound = bound_before(text, match.start())
        if match.group("twice") and not bound and not _TWICE_COMPARES.match(text, match.end()):
            continue  # "met twice" counts occasions
        start = bound.start if bound else match.start()
        stated = text[start : match.end()]
        if bound:
            low, high, precision = bounded(factor, bound.kind, whole=False)
            amount = Amount(low, high, precision, " ".join(stated.split()))
        else:
            amount = Amount(factor, factor, "exact", stated)
        found.append(MultiplierValue(start, match.end(), stated, amount))
    return found


def _factor(match: re.Match[str], decimal_dots: bool) -> float | None:
    if match.group("fold_word"):
        return FOLD_WORDS[match.group("fold_word").lower()]
    for group in ("fold_number", "times"):
        if match.group(group):
            reading = read_number(match.group(group), decimal_dots=decimal_dots)
            return None if reading is None or reading.value <= 0 else reading.value
    for group in ("twice", "verb", "adjective"):
        if match.group(group):
            return VERB_FACTORS[match.group(group).lower()]
    return 0.5 if match.group("half_as") else None
