"""One pass over a sentence for every number and its unit: amount, money, percentage, duration."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from checker.values.currencies import BEFORE_SHAPE, CurrencyForm, form_of, may_state_money
from checker.values.currencies import currency_table as _currency_table
from checker.values.exclusions import ScannedText, scan
from checker.values.numbers import (
    YEAR,
    QuantityRegex,
    bound_before,
    counts_a_year,
    quantity_pattern,
    read_number,
)

# "percent" and "percentage point" are different units: a rise from 2% to 3% is one
# percentage point, or 50 percent.
PERCENT_UNITS = {
    "%": "percent", "per cent": "percent", "percent": "percent", "pct": "percent",
    "percentage point": "percentage point", "percentage points": "percentage point",
    "basis point": "basis point", "basis points": "basis point", "bps": "basis point",
}  # fmt: skip
PERCENT_UNIT = (
    r"(?:\s?%|\s?(?:per\s?cent|percent|pct)\b|\s+percentage\s+points?\b"
    r"|\s+basis\s+points?\b|\s?bps\b)"
)
TIME_UNITS = {
    "year": "year", "years": "year", "month": "month", "months": "month", "week": "week",
    "weeks": "week", "day": "day", "days": "day", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century", "hour": "hour", "hours": "hour",
    "minute": "minute", "minutes": "minute", "quarter": "quarter", "quarters": "quarter",
    "fortnight": "fortnight", "fortnights": "fortnight",
}  # fmt: skip
_UNIT_WORD = "|".join(sorted(TIME_UNITS, key=len, reverse=True))
TIME_UNIT = rf"(?:[-\s](?:calendar\s+)?(?:{_UNIT_WORD})\b)"


_OF_AFTER = re.compile(r"\s+of\b")


@dataclass(frozen=True)
class UnitMatch:
    """A number (or two: a range, a change) with its unit, and the kind the unit gives it."""

    kind: str  # amount | money | percentage | duration
    match: re.Match[str]
    currency: CurrencyForm | None = None
    skip_before: bool = False  # capitals before the number that are no currency ("ABC 40")


def _bare_year(match: re.Match[str], text: str) -> bool:
    numbers = [match.group("n1"), match.group("n2")]
    return (
        not match.group("tail")
        and all(number is None or YEAR.fullmatch(number) for number in numbers)
        and not counts_a_year(bound_before(text, match.start()))
    )


@cache
def _quantity_regex(with_money: bool, ranges: bool = True) -> QuantityRegex:
    # money's patterns are large: left out of the pass over sentences that name no currency
    units = [PERCENT_UNIT, TIME_UNIT, *([_currency_table().after_unit] if with_money else [])]
    unit = "(?:" + "|".join(units) + ")"
    before = BEFORE_SHAPE if with_money else ""
    return QuantityRegex.compile(
        lambda words: (
            "(?i)"
            + quantity_pattern(
                before=before,
                first_unit=PERCENT_UNIT,
                unit=unit,
                number_words=words,
                ranges=ranges,
            )
            + r"(?!\w)"
        )
    )


@lru_cache(maxsize=1024)
def quantity_matches(text: str) -> tuple[UnitMatch, ...]:
    """Every number in `text` with its unit, in text order (not yet checked for exclusions)."""
    scanned = scan(text)
    if not (scanned.has_digit or scanned.number_words):
        return ()
    money = may_state_money(text)
    found: list[UnitMatch] = []
    for match in _quantity_regex(money).finditer(scanned):
        if match.group("n2") and not _plausible_range(match, scanned):
            # "paid £12m to 3,400 households": two numbers, not a range from 12 million
            # down to 3,400; the first is read alone, the second on its own
            single = (
                _quantity_regex(money, ranges=False).for_text(scanned).match(text, match.start())
            )
            second_at = match.start("before2" if match.groupdict().get("before2") else "n2")
            second = _quantity_regex(money).for_text(scanned).search(text, second_at)
            candidates = [m for m in (single, second) if m is not None]
        else:
            candidates = [match]
        for candidate in candidates:
            classified = _classify(candidate, text)
            if classified is not None:
                found.append(classified)
    return tuple(found)


def _plausible_range(match: re.Match[str], scanned: ScannedText) -> bool:
    """Low to high, or a change in either direction ("fell from 300,000 to 40,000"); never
    a share to a sum ("revenue fell 5% to $3.9 billion": a change, then the level)."""
    groups = match.groupdict()
    if groups.get("unit1") and groups.get("before2") and form_of(groups["unit1"]) is None:
        return False
    if groups.get("unit1") and not groups.get("unit") and not groups.get("before2"):
        return False  # "sales rose 5% to 2 million cars": the second number has no unit
    if match.group("from"):
        return True
    first = read_number(match.group("n1"), decimal_dots=scanned.decimal_dots)
    second = read_number(match.group("n2"), decimal_dots=scanned.decimal_dots)
    if first is None or second is None:
        return False
    low = first.value
    if second.scale > 1 and first.scale == 1 and first.value <= second.value / second.scale:
        low *= second.scale
    return low <= second.value


def _classify(match: re.Match[str], text: str) -> UnitMatch | None:
    skip_before = False
    before = match.groupdict().get("before1")
    if before:
        form = form_of(before)
        if form is not None and form.place != "after":
            return UnitMatch("money", match, form)
        skip_before = True
    unit = match.group("unit") or match.group("unit1")  # "2%": the first number's unit
    if not unit:
        if _bare_year(match, text):
            return None  # "in 2014": most of the numbers in a dated text, dropped early
        return UnitMatch("amount", match, skip_before=skip_before)
    words = unit.strip(" -").lower().split()
    if " ".join(words) in PERCENT_UNITS:
        return UnitMatch("percentage", match, skip_before=skip_before)
    if words[-1] in TIME_UNITS:
        return UnitMatch("duration", match, skip_before=skip_before)
    form = form_of(unit)
    if form is None:
        return UnitMatch("amount", match, skip_before=skip_before)
    if form.form.startswith("pound") and _OF_AFTER.match(text, match.end()):
        # "170,000 pounds of equipment" is a weight: read again without currencies
        again = _quantity_regex(False).for_text(scan(text)).match(text, match.start())
        return _classify(again, text) if again is not None else None
    if _bare_year(match, text):
        return None  # "in 2014 dollars": constant dollars of a year, not a sum
    return UnitMatch("money", match, form, skip_before)
