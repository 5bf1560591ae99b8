"""Number and date normalisers, and the pure comparators: truth tables and properties."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.comparators import compare_intervals, compare_lists
from checker.dates import DateValue, day, month, resolve_date, year
from checker.model import Verdict
from checker.quantities import Amount, find_amounts, parse_amount, parse_number

ANCHOR = dt.date(2022, 3, 24)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("40,000", 40_000),
        ("40 000", 40_000),
        ("forty thousand", 40_000),
        ("forty-thousand", 40_000),
        ("4.5 million", 4_500_000),
        ("two hundred and fifty", 250),
        ("a thousand", 1_000),
        ("one hundred thousand", 100_000),
        ("twelve", 12),
        ("troops", None),
        ("", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "low", "high", "precision"),
    [
        ("40,000", 40_000, 40_000, "exact"),
        ("forty thousand", 40_000, 40_000, "exact"),
        ("thousands of", 1_000, 999_999, "vague"),
        ("tens of thousands of", 10_000, 999_999, "vague"),
        ("several thousand", 2_000, 9_999, "vague"),
        ("more than 100,000", 100_001, math.inf, "bounded"),
        ("at least 5,000", 5_000, math.inf, "bounded"),
        ("up to 5,000", 0, 5_000, "bounded"),
        ("nearly 300,000", 270_000, 300_000, "approximate"),
        ("about 1,000", 900, 1_100, "approximate"),
        ("about 100,000", 90_000, 110_000, "approximate"),  # not 110,001: 1.1 * 100,000 in floats
        ("between 3,000 and 5,000", 3_000, 5_000, "range"),
        ("3,000-5,000", 3_000, 5_000, "range"),
        ("three to five thousand", 3_000, 5_000, "range"),
    ],
)
def test_parse_amount_keeps_precision(text: str, low: float, high: float, precision: str) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.low, amount.high, amount.precision) == (low, high, precision)


def test_articles_are_not_numbers() -> None:
    assert [str(a) for _, _, a in find_amounts("a force of 5,000 and an army")] == ["5,000"]


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=60))
def test_number_normalisers_never_raise(text: str) -> None:
    parse_number(text)
    parse_amount(text)
    for start, end, amount in find_amounts(text):
        assert 0 <= start < end <= len(text)
        assert amount.low <= amount.high


@settings(max_examples=2000, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_digits_with_thousands_separators_round_trip(value: int) -> None:
    assert parse_number(f"{value:,}") == value
    assert parse_number(f"{value:,}".replace(",", " ")) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", day(ANCHOR)),
        ("in April", month(2022, 4)),
        ("June", month(2022, 6)),
        ("in March", month(2022, 3)),
        ("February", month(2023, 2)),
        ("In 2023", year(2023)),
        ("June 2022", month(2022, 6)),
        ("28-30 June 2022", DateValue(dt.date(2022, 6, 28), dt.date(2022, 6, 30), "range")),
        ("July 11-12, 2023", DateValue(dt.date(2023, 7, 11), dt.date(2023, 7, 12), "range")),
        ("24 March 2022", day(ANCHOR)),
        ("$1 billion", None),
        ("no date here", None),
    ],
)
def test_resolve_date_against_the_document_date(text: str, expected: DateValue | None) -> None:
    assert resolve_date(text, ANCHOR) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("March 23", day(dt.date(2022, 3, 23))), ("April", month(2021, 4)), ("March", month(2022, 3))],
)
def test_resolve_date_preferring_the_past(text: str, expected: DateValue) -> None:
    assert resolve_date(text, ANCHOR, prefer="past") == expected


def test_a_date_that_needs_an_anchor_is_not_guessed_without_one() -> None:
    assert resolve_date("in April", None) is None
    assert resolve_date("April 2023", None) == month(2023, 4)


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=40))
def test_date_normaliser_never_raises(text: str) -> None:
    value = resolve_date(text, ANCHOR)
    assert value is None or value.start <= value.end


# Comparator truth tables ------------------------------------------------------------------

LISTS = [
    (["BG", "HU", "RO", "SK"], ["BG", "HU", "RO", "SK"], Verdict.AGREEMENT, (), ()),
    (["BG", "HU", "RO", "SK"], ["SK", "RO", "BG", "HU"], Verdict.ORDERING_DIFFERENCE, (), ()),
    (["BG", "HU", "RO", "SK"], ["BG", "HU", "RO", "SI"], Verdict.DISCREPANCY, ("SK",), ("SI",)),
    (["BG", "HU", "RO"], ["BG", "HU", "RO", "SK"], Verdict.DISCREPANCY, (), ("SK",)),
]


@pytest.mark.parametrize(("first", "second", "verdict", "missing", "unexpected"), LISTS)
def test_compare_lists(first, second, verdict, missing, unexpected) -> None:  # type: ignore[no-untyped-def]
    result = compare_lists(first, second)
    assert (result.verdict, result.missing, result.unexpected) == (verdict, missing, unexpected)


def exact(value: float) -> Amount:
    return Amount(value, value, "exact")


THOUSANDS = Amount(1_000, 999_999, "vague")
INTERVALS = [
    (exact(40_000), exact(40_000), Verdict.AGREEMENT),
    (exact(40_000), exact(45_000), Verdict.DISCREPANCY),
    (exact(40_000), THOUSANDS, Verdict.COMPLEMENTARY),
    (exact(500), THOUSANDS, Verdict.DISCREPANCY),
    (THOUSANDS, THOUSANDS, Verdict.AGREEMENT),
    (Amount(100_001, math.inf, "bounded"), exact(100_000), Verdict.DISCREPANCY),
    (Amount(100_001, math.inf, "bounded"), exact(120_000), Verdict.COMPLEMENTARY),
    (Amount(10_000, 999_999, "vague"), Amount(2_000, 9_999, "vague"), Verdict.DISCREPANCY),
]


@pytest.mark.parametrize(("first", "second", "verdict"), INTERVALS)
def test_compare_amounts(first: Amount, second: Amount, verdict: Verdict) -> None:
    assert (
        compare_intervals(first, second, first_exact=first.is_exact, second_exact=second.is_exact)
        is verdict
    )
    # symmetric: comparing B with A gives the same verdict
    assert (
        compare_intervals(second, first, first_exact=second.is_exact, second_exact=first.is_exact)
        is verdict
    )


DATES = [
    (day(ANCHOR), day(ANCHOR), True, Verdict.AGREEMENT),
    (month(2022, 4), month(2022, 5), False, Verdict.DISCREPANCY),
    (
        month(2022, 6),
        DateValue(dt.date(2022, 6, 28), dt.date(2022, 6, 30), "range"),
        False,
        Verdict.COMPLEMENTARY,
    ),
    (year(2023), month(2023, 7), False, Verdict.COMPLEMENTARY),
    (year(2022), month(2023, 7), False, Verdict.DISCREPANCY),
]


@pytest.mark.parametrize(("first", "second", "exact", "verdict"), DATES)
def test_compare_dates_with_precision(
    first: DateValue, second: DateValue, exact: bool, verdict: Verdict
) -> None:
    assert compare_intervals(first, second, first_exact=exact, second_exact=exact) is verdict
    assert compare_intervals(second, first, first_exact=exact, second_exact=exact) is verdict


amounts = st.builds(
    lambda low, width, precision: Amount(low, low + width, precision),
    st.integers(0, 10**6),
    st.integers(0, 10**6),
    st.sampled_from(["exact", "vague", "bounded", "range", "approximate"]),
).map(lambda a: Amount(a.low, a.low, "exact") if a.precision == "exact" else a)


@settings(max_examples=2000, deadline=None)
@given(amounts, amounts)
def test_amount_comparison_is_symmetric_and_reflexive(a: Amount, b: Amount) -> None:
    forward = compare_intervals(a, b, first_exact=a.is_exact, second_exact=b.is_exact)
    backward = compare_intervals(b, a, first_exact=b.is_exact, second_exact=a.is_exact)
    assert forward is backward
    assert (
        compare_intervals(a, a, first_exact=a.is_exact, second_exact=a.is_exact)
        is Verdict.AGREEMENT
    )


@settings(max_examples=300, deadline=None)
@given(
    # days 1-28: from 29 March, dateparser reads "February" as the next February with a 29th
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)).filter(
        lambda d: d.day <= 28
    ),
    st.sampled_from(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
    ),
)
def test_month_fast_path_matches_dateparser(anchor: dt.date, name: str) -> None:
    """The fast path for bare month names gives what dateparser gives (future preference)."""
    from checker.dates import _parser

    data = _parser(anchor).get_date_data(name)
    expected = data.date_obj.date()
    if expected.month == anchor.month:
        expected = expected.replace(year=anchor.year)
    assert resolve_date(name, anchor) == month(expected.year, expected.month)


def test_month_names_after_the_28th_resolve_to_the_next_such_month() -> None:
    assert resolve_date("February", dt.date(2000, 3, 29)) == month(2001, 2)
    assert resolve_date("in June", dt.date(2022, 1, 31)) == month(2022, 6)
