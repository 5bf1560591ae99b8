"""Relative dates with their grain and the sentence's tense; whose date a year is.

Cases are data: tests/relative_date_cases.yml (text, document date, tense -> interval).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.dates import (
    DateValue,
    Unresolved,
    resolve_date,
    resolve_stated,
    sentence_tense,
    year_belongs_to,
)

CASES = yaml.safe_load(
    (Path(__file__).resolve().parent / "relative_date_cases.yml").read_text(encoding="utf-8")
)


def case_id(case: dict[str, Any]) -> str:
    return f"{case['text']} @ {case['anchor']} ({case['tense'] or 'no tense'})"


@pytest.mark.parametrize("case", CASES["dates"], ids=case_id)
def test_relative_date(case: dict[str, Any]) -> None:
    value = resolve_stated(case["text"], case["anchor"], tense=case["tense"])
    if case.get("none"):
        assert value is None
    elif case.get("unresolved"):
        assert isinstance(value, Unresolved)
        assert value.text == case["text"]
    else:
        assert value == DateValue(case["start"], case["end"], case["precision"])
    if "shows" in case:
        assert str(value) == case["shows"]


def test_there_are_enough_cases() -> None:
    assert len(CASES["dates"]) >= 60


@pytest.mark.parametrize("case", CASES["tenses"], ids=lambda c: c["text"])
def test_sentence_tense(case: dict[str, Any]) -> None:
    assert sentence_tense(case["text"]) == case["tense"]


def test_sentence_tense_reads_tokens_as_well_as_text() -> None:
    class Token:
        def __init__(self, text: str) -> None:
            self.lower = text.lower()

    words = ["The", "board", "wo", "n't", "meet", "until", "June", "."]
    assert sentence_tense([Token(w) for w in words]) == "future"
    assert sentence_tense(["Ministers", "met", "yesterday"]) == "past"


@pytest.mark.parametrize("case", CASES["years"], ids=lambda c: f"{c['text']} [{c['year']}]")
def test_year_belongs_to(case: dict[str, Any]) -> None:
    text = case["text"]
    year_at = text.index(case["year"])
    anchor_at = text.index(case["anchor"])
    spans = (year_at, year_at + len(case["year"])), (anchor_at, anchor_at + len(case["anchor"]))
    assert year_belongs_to(text, *spans) is case["belongs"]


def test_without_a_tense_the_resolver_keeps_its_preference() -> None:
    anchor = dt.date(2022, 3, 24)
    assert resolve_date("March 23", anchor, prefer="past") == resolve_date(
        "March 23", anchor, tense="past"
    )
    assert resolve_date("April", anchor, prefer="past", tense="future") == resolve_date(
        "April", anchor
    )
    with pytest.raises(ValueError, match="tense"):
        resolve_date("April", anchor, tense="present")


# Properties -------------------------------------------------------------------------------

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PHRASES = [
    "this week", "next week", "last week", "later this week", "earlier this week",
    "this weekend", "next month", "later this month", "earlier this month", "later this year",
    "earlier this year", "the end of the year", "the end of the month", "this spring",
    "next winter", "last autumn", "the third quarter", "next quarter", "Q4", "today",
    "yesterday", "tomorrow", "the day before", "the following week", "a year earlier",
    "in two months", "two weeks from now", "three days ago", "in a fortnight",
    "a couple of weeks ago", "the day after tomorrow", "in 9999 years", "9999 years ago",
]  # fmt: skip
anchors = st.one_of(
    st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
)
tenses = st.sampled_from([None, "past", "future"])


@st.composite
def stated_days(draw: st.DrawFn) -> tuple[str, int, int, int | None]:
    """A day the text states: '14 June', 'Tuesday, 14 June 2022', 'June 14th, 2022'."""
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 31))
    year = draw(st.one_of(st.none(), st.integers(1900, 2100)))
    name = MONTHS[month - 1]
    form = draw(st.sampled_from(["{d} {m}", "{m} {d}", "{m} {d}th", "the {d}th of {m}"]))
    text = form.format(d=day, m=name) + (f", {year}" if year else "")
    if draw(st.booleans()):
        text = f"{draw(st.sampled_from(WEEKDAYS))}, {text}"
    return text, day, month, year


@st.composite
def phrases(draw: st.DrawFn) -> str:
    return draw(
        st.one_of(
            st.sampled_from(PHRASES),
            st.sampled_from(WEEKDAYS).map(lambda w: f"on {w}"),
            st.builds(
                lambda part, month, year: f"{part} {month}{year}",
                st.sampled_from(["early", "mid-", "late", "the end of", "the beginning of"]),
                st.sampled_from(MONTHS),
                st.sampled_from(["", " 2024", " 1999"]),
            ),
            st.builds(
                lambda index, year: f"the {index} half of {year}",
                st.sampled_from(["first", "second"]),
                st.sampled_from(["the year", "next year", "2030"]),
            ),
        )
    )


@settings(max_examples=1500, deadline=None)
@given(stated_days(), anchors, tenses)
def test_a_stated_day_is_contained_in_its_value(
    stated: tuple[str, int, int, int | None], anchor: dt.date | None, tense: str | None
) -> None:
    text, day, month, year = stated
    value = resolve_stated(text, anchor, tense=tense)
    if value is None or isinstance(value, Unresolved):
        return
    assert value.start <= value.end
    assert (value.start.day, value.start.month) == (day, month)
    if year is not None:
        assert value.start == dt.date(year, month, day)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(phrases(), st.text(max_size=40)), anchors, tenses)
def test_the_resolver_never_raises_and_intervals_are_ordered(
    text: str, anchor: dt.date | None, tense: str | None
) -> None:
    value = resolve_stated(text, anchor, tense=tense)
    if isinstance(value, DateValue):
        assert value.start <= value.end
        assert str(value)
    if value is not None and anchor is not None:
        assert not isinstance(value, Unresolved)


@settings(max_examples=500, deadline=None)
@given(phrases(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_relative_phrase_in_an_undated_document_is_unresolved(text: str, anchor: dt.date) -> None:
    resolved = resolve_stated(text, anchor)
    if resolved is not None and not any(ch.isdigit() for ch in text):
        assert isinstance(resolve_stated(text, None), Unresolved)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_year_belongs_to_never_raises(text: str, start: int, width: int) -> None:
    year_belongs_to(text, (start, start + width), (0, min(len(text), 3)))
    sentence_tense(text)
