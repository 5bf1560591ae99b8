"""Times of day in running text (checker.times): cases, and properties of every parse."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.times import TimeMention, find_times, overlap


def only(text: str) -> TimeMention:
    found = find_times(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "minutes", "zone", "offsets"),
    [
        ("at 1:28a.m. EDT", 88, "EDT", (-240,)),
        ("about 0129 eastern daylight time", 89, "EDT", (-240,)),
        ("at 8.55pm EST (UTC−5)", 20 * 60 + 55, "EST", (-300,)),
        ("at 11:45 P.M.", 23 * 60 + 45, None, ()),
        ("at 04:17 TRT", 4 * 60 + 17, "TRT", (180,)),
        ("at 13:24", 13 * 60 + 24, None, ()),
        ("at 4 A.M.", 4 * 60, None, ()),
        ("at 12 p.m.", 12 * 60, None, ()),
        ("at 12 a.m.", 0, None, ()),
        ("at noon", 12 * 60, None, ()),
        ("at 9 o'clock", 9 * 60, None, ()),
        ("at 8:54 p.m. local time", 20 * 60 + 54, "local", ()),
        ("at 10:30 UTC+2", 10 * 60 + 30, "UTC", (120,)),
        ("at 2 a. m. (ship's time)", 2 * 60, "local", ()),
    ],
)
def test_a_time_is_read_with_its_zone(
    text: str, minutes: int, zone: str | None, offsets: tuple[int, ...]
) -> None:
    time = only(text).time
    assert time.low <= minutes < time.high
    assert (time.zone, time.offsets) == (zone, offsets)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("at 1:28", 88, 89),  # the minute
        ("at about 1:30", 86, 95),  # a round figure, "about": four minutes each way
        ("about 8:54 p.m.", 20 * 60 + 52, 20 * 60 + 57),  # "about" a minute: two
        ("shortly after 5am", 300, 330),
        ("shortly before 5am", 270, 300),
        ("at 4 a.m.", 225, 255),  # a whole hour may be rounded
        ("at about 3am", 150, 211),
    ],
)
def test_a_time_allows_what_its_words_allow(text: str, low: float, high: float) -> None:
    time = only(text).time
    assert (time.low, time.high) == (low, high)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("blew up at 8:40 in the morning on Friday", 520, 521),
     ("at 3:15 in the afternoon", 15 * 60 + 15, 15 * 60 + 16),
     ("at 9 at night", 20 * 60 + 45, 21 * 60 + 15),
     ("at 2 at night", 105, 135)],
)  # fmt: skip
def test_a_part_of_the_day_is_a_meridiem(text: str, low: float, high: float) -> None:
    time = only(text).time
    assert (time.low, time.high, time.twelve_hour) == (low, high, False)


@pytest.mark.parametrize("text", ["Shares rose 3 in the morning", "the 11 in the evening news"])
def test_a_bare_figure_before_a_part_of_the_day_is_no_time(text: str) -> None:
    assert find_times(text) == []


def test_a_period_reads_its_meridiem_from_its_end() -> None:
    period = only("loading between 11:45-2:15 a.m.").time
    assert period.period and period.end is not None
    assert period.low == 23 * 60 + 45 and period.end.low == 2 * 60 + 15


def test_a_conversion_in_brackets_is_the_same_instant() -> None:
    mention = only("at 04:17 TRT (01:17 UTC), a quake struck")
    assert mention.conversion is not None
    assert (mention.conversion.low, mention.conversion.zone) == (77, "UTC")


@pytest.mark.parametrize(
    ("text", "bound"),
    [("under control by 6am", True), ("the warning runs until 6 p.m.", True),
     ("did not reach the boats until 4 a.m.", False), ("between 10pm and", True),
     ("at 6am", False)],
)  # fmt: skip
def test_a_limit_is_marked(text: str, bound: bool) -> None:
    assert only(text).bound is bound


@pytest.mark.parametrize(
    "text",
    ["John 3:16", "won 3:16 on aggregate", "finished in 2:05:30", "scored 8.55 points",
     "costs $8.55 pm", "at 5pm west of the city hall", "at 5pm et al."],
)  # fmt: skip
def test_what_is_no_time_or_no_zone(text: str) -> None:
    found = find_times(text)
    assert all(mention.time.zone is None for mention in found)
    assert len(found) == (1 if "5pm" in text else 0)


def test_a_twelve_hour_reading_without_meridiem_may_be_either() -> None:
    bare = only("it landed at 1:20 on Saturday").time
    afternoon = only("it landed at 1.20pm").time
    other_hour = only("it landed at 11.20am").time
    assert bare.twelve_hour
    assert overlap(bare, afternoon) and not overlap(other_hour, afternoon)


def test_round_the_clock() -> None:
    assert overlap(only("at 11:58 p.m.").time, only("at about midnight").time)


HOURS = st.integers(min_value=0, max_value=23)
MINUTES = st.integers(min_value=0, max_value=59)


@given(HOURS, MINUTES, st.sampled_from(["a.m.", "am", "A.M.", "a. m.", " am"]))
def test_twelve_and_twenty_four_hour_clocks_read_alike(hour: int, minute: int, am: str) -> None:
    twelve = hour % 12 or 12
    meridiem = am if hour < 12 else am.replace("a", "p").replace("A", "P")
    forms = [
        f"at {hour:02d}:{minute:02d}",
        f"at {twelve}:{minute:02d} {meridiem}".replace("  ", " "),
    ]
    if minute:
        forms.append(f"at {twelve}.{minute:02d}{meridiem.strip()}")
    readings = {(only(form).time.low, only(form).time.high) for form in forms}
    assert len(readings) == 1


@given(HOURS, MINUTES, st.sampled_from(["  ", "\u00a0", "\n"]))
def test_spacing_never_changes_a_time(hour: int, minute: int, space: str) -> None:
    plain = only(f"struck at {hour:02d}:{minute:02d} UTC").time
    spaced = only(f"struck at{space}{hour:02d}:{minute:02d}{space}UTC").time
    assert (plain.low, plain.high, plain.offsets) == (spaced.low, spaced.high, spaced.offsets)
