"""The value layer (checker.values): sentence cases as data, and properties of every parse."""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.values import (
    KINDS,
    AmountValue,
    AnniversaryValue,
    DurationValue,
    MeasureValue,
    MoneyValue,
    MultiplierValue,
    OrdinalValue,
    PercentageValue,
    ShareValue,
    Value,
    find_values,
)
from checker.values.exclusions import EXCLUSIONS

CASES = yaml.safe_load((Path(__file__).parent / "value_cases.yml").read_text(encoding="utf-8"))


def interval_of(value: Value) -> Any:
    """The interval a value states, whatever its kind."""
    if isinstance(value, (AmountValue, PercentageValue, MeasureValue)):
        return value.amount
    if isinstance(value, MoneyValue):
        return value.money.amount
    if isinstance(value, ShareValue):
        return value.fraction
    if isinstance(value, MultiplierValue):
        return value.factor
    if isinstance(value, DurationValue):
        return value.length
    return None


def payload(value: Value) -> dict[str, Any]:
    """The normalised fields a case may check, by the names value_cases.yml uses."""
    fields: dict[str, Any] = {}
    interval = interval_of(value)
    if interval is not None:
        fields.update(low=interval.low, high=interval.high, precision=interval.precision)
        if interval.low == interval.high:
            fields["value"] = interval.low
    if isinstance(value, MoneyValue):
        fields.update(currency=value.currency, symbol=value.money.symbol)
        fields["also"] = value.also.currency if value.also else None
        fields["converted_from"] = value.converted_from.currency if value.converted_from else None
    if isinstance(value, (OrdinalValue, AnniversaryValue)):
        fields["value"] = value.number
    if isinstance(value, ShareValue):
        fields["fraction"] = [value.numerator, value.denominator]
    if isinstance(value, (PercentageValue, DurationValue, AnniversaryValue)):
        fields["unit"] = value.unit
    if isinstance(value, DurationValue):
        fields.update(relation=value.relation, start_year=value.start_year)
    if isinstance(value, (AmountValue, MoneyValue, PercentageValue)):
        fields["change"] = value.change
    if isinstance(value, MeasureValue):
        unit = value.measure.unit
        fields.update(unit=unit.name, dimension=unit.dimension, attribute=value.attribute)
        fields["si"] = list(value.measure.si())
        fields["also"] = value.also.unit.name if value.also else None
    return fields


def test_there_are_enough_cases_of_every_kind() -> None:
    assert len(CASES) >= 120
    kinds = {expected["kind"] for case in CASES for expected in case["values"]}
    assert kinds == set(KINDS)
    assert sum(1 for case in CASES if not case["values"]) >= 15  # exclusions and non-values


@pytest.mark.parametrize("case", CASES, ids=[case["sentence"][:60] for case in CASES])
def test_value_case(case: dict[str, Any]) -> None:
    sentence = case["sentence"]
    found = find_values(sentence)
    assert [(v.kind, v.text) for v in found] == [(e["kind"], e["text"]) for e in case["values"]]
    for value, expected in zip(found, case["values"], strict=True):
        assert sentence[value.start : value.end] == value.text
        fields = payload(value)
        for name, wanted in expected.items():
            if name in ("kind", "text"):
                continue
            assert name in fields, f"{name} is not a field of a {value.kind}"
            if isinstance(wanted, float | int) and not isinstance(wanted, bool):
                assert fields[name] == pytest.approx(wanted, rel=1e-9), (name, str(value))
            else:
                assert fields[name] == wanted, (name, str(value))


def test_every_value_says_what_it_is_in_plain_words() -> None:
    for case in CASES:
        for value in find_values(case["sentence"]):
            words = str(value)
            assert words.startswith(f"{value.kind}: "), words
            assert "inf" not in words and "nan" not in words, words


def test_the_exclusions_are_documented() -> None:
    assert set(EXCLUSIONS) >= {"time of day", "phone number", "label", "identifier"}


# Properties --------------------------------------------------------------------------------

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"))


def number_in_words(number: int, *, british_and: bool = False) -> str:
    """1250 -> 'one thousand two hundred fifty' (or '... hundred and fifty')."""
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        head = f"{_ONES[hundreds]} hundred"
        if not rest:
            return head
        joint = " and " if british_and else " "
        return head + joint + number_in_words(rest)
    for scale, word in _SCALES:
        if number >= scale:
            count, rest = divmod(number, scale)
            head = f"{number_in_words(count, british_and=british_and)} {word}"
            if not rest:
                return head
            joint = " and " if british_and and rest < 100 else " "
            return head + joint + number_in_words(rest, british_and=british_and)
    raise ValueError(number)


def single_amount(text: str, sentence: str = "{}") -> float:
    """The one amount `sentence` (with `text` in it) states, which must be all of `text`."""
    values = find_values(sentence.format(text))
    assert len(values) == 1, (text, [str(v) for v in values])
    (value,) = values
    assert isinstance(value, AmountValue), (text, str(value))
    assert value.text == text
    assert value.amount.low == value.amount.high and value.amount.precision == "exact"
    return value.amount.low


@settings(max_examples=1500, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_commas_and_spaces_round_trip(number: int) -> None:
    assert single_amount(f"{number:,}") == number
    assert single_amount(f"{number:,}".replace(",", " ")) == number
    assert single_amount(f"{number:,}".replace(",", "\u00a0")) == number


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=10**12).filter(lambda n: not 1800 <= n <= 2199))
def test_bare_digits_round_trip_except_years(number: int) -> None:
    assert single_amount(str(number)) == number


@settings(max_examples=1500, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999_999), st.booleans())
def test_numbers_in_words_round_trip(number: int, british_and: bool) -> None:
    words = number_in_words(number, british_and=british_and)
    # in a sentence: a bare "one" at the end is a pronoun ("the old one")
    assert single_amount(words, "They counted {} people.") == number
    assert single_amount(words.capitalize(), "{} people came.") == number


def test_number_in_words_helper() -> None:
    assert number_in_words(250, british_and=True) == "two hundred and fifty"
    assert number_in_words(40_000) == "forty thousand"
    assert number_in_words(1_000_075, british_and=True) == "one million and seventy-five"


def check_values(text: str) -> None:
    values = find_values(text)
    for value in values:
        assert value.kind in KINDS
        assert 0 <= value.start < value.end <= len(text)
        assert text[value.start : value.end] == value.text
        interval = interval_of(value)
        if interval is not None:
            assert interval.low <= interval.high
            assert not math.isnan(interval.low) and not math.isnan(interval.high)
        str(value)
    for first, second in itertools.pairwise(values):
        assert first.end <= second.start  # in text order, never overlapping


@settings(max_examples=3000, deadline=None)
@given(st.text(max_size=120))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    check_values(text)


_PIECES = st.sampled_from(
    ["40,000", "40 000", "40.000", "1.2", "million", "billion", "bn", "m", "K", "$", "€", "£",
     "US$", "USD", "euros", "dollars", "%", "per cent", "percentage points", "more than",
     "up to", "nearly", "between", "and", "from", "to", "-", "–", "thousands of", "a", "half",
     "third", "two-thirds", "one in five", "twice", "threefold", "times", "doubled", "75th",
     "first", "anniversary", "for", "within", "years", "months", "days", "since", "2014",
     "ago", "Article", "5", "10:30", "G7", "+44", "(", ")", ",", ".", "one", "forty", "dozen",
     "rose", "by", "lakh", "of", "the", "in"]
)  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PIECES, max_size=14), st.sampled_from([" ", "", "  "]))
def test_never_raises_on_number_like_text(pieces: list[str], joint: str) -> None:
    check_values(joint.join(pieces))
