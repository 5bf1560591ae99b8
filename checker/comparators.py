"""Pure comparators: two values in, a verdict and structured details out."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from checker.model import Verdict

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class ListComparison:
    """Membership first, then order (after Great Expectations' set and ordered-list checks)."""

    missing: tuple[Hashable, ...]  # in the first list, not in the second
    unexpected: tuple[Hashable, ...]  # in the second list, not in the first
    mismatched: tuple[int, ...]  # positions where two lists of the same members differ

    @property
    def verdict(self) -> Verdict:
        if self.missing or self.unexpected:
            return Verdict.DISCREPANCY
        if self.mismatched:
            return Verdict.ORDERING_DIFFERENCE
        return Verdict.AGREEMENT


def compare_lists(first: Sequence[T], second: Sequence[T]) -> ListComparison:
    missing = tuple(item for item in first if item not in second)
    unexpected = tuple(item for item in second if item not in first)
    mismatched: tuple[int, ...] = ()
    if not missing and not unexpected:
        mismatched = tuple(
            index for index, (a, b) in enumerate(zip(first, second, strict=False)) if a != b
        )
        if len(first) != len(second):  # same members, one repeats some
            mismatched += (min(len(first), len(second)),)
    return ListComparison(missing, unexpected, mismatched)


class Interval(Protocol):
    def contains(self, other: Interval, /) -> bool: ...
    def overlaps(self, other: Interval, /) -> bool: ...


def compare_intervals(
    first: Interval, second: Interval, *, first_exact: bool, second_exact: bool
) -> Verdict:
    """Amounts or dates as intervals with their precision.

    Two exact values agree only when equal. An exact value inside a vaguer one is
    compatible (complementary); values that cannot both be true are a discrepancy.
    """
    if first_exact and second_exact:
        return Verdict.AGREEMENT if first == second else Verdict.DISCREPANCY
    if first == second:
        return Verdict.AGREEMENT
    if first.contains(second) or second.contains(first) or first.overlaps(second):
        return Verdict.COMPLEMENTARY
    return Verdict.DISCREPANCY
