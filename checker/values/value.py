"""What every value finder returns: a kind, the exact span it was read from, a payload."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

if TYPE_CHECKING:
    from checker.values.numbers import Amount

ValueKind = Literal[
    "amount", "money", "percentage", "share", "multiplier", "ordinal", "duration", "anniversary",
    "measure",
]  # fmt: skip
KINDS: tuple[ValueKind, ...] = (
    "amount", "money", "percentage", "share", "multiplier", "ordinal", "duration", "anniversary",
    "measure",
)  # fmt: skip

# How a value stands to a change the sentence states ("up from 40,000", "rose to $1.2bn").
CHANGE_ROLES = {
    "from": " (the figure a change starts from)",
    "to": " (the figure after a change)",
    "by": " (the size of a change)",
}


@dataclass(frozen=True)
class Value:
    """A value stated in a sentence: `text == sentence[start:end]`."""

    kind: ClassVar[ValueKind]
    start: int
    end: int
    text: str


def format_quantity(number: float) -> str:
    """40000 -> '40,000'; 1200000000 -> '1.2 billion'; 0.5 -> '0.5'."""
    if math.isinf(number):
        return "no limit"
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(number) >= scale:
            scaled = number / scale
            if abs(scaled - round(scaled, 3)) < 1e-12 * abs(scaled):
                return f"{round(scaled, 3):g} {word}"
    if number == int(number):
        return f"{int(number):,}"
    return f"{number:,.6f}".rstrip("0").rstrip(".")


def describe_interval(amount: Amount, unit: str = "") -> str:
    """An interval in plain words: '40,000', 'at least 5,000', '3 to 5 million'."""
    suffix = f" {unit}" if unit else ""
    low, high = format_quantity(amount.low), format_quantity(amount.high)
    # an open bound ("more than $1 billion") is stored just past the number it names
    open_low, open_high = _just_past(amount.low), _just_past(amount.high)
    if amount.low == amount.high:
        words = low
    elif math.isinf(amount.high):
        words = (
            f"more than {format_quantity(_round_neighbour(amount.low))}"
            if open_low
            else f"at least {low}"
        )
    elif amount.low == 0:
        words = (
            f"less than {format_quantity(_round_neighbour(amount.high))}"
            if open_high
            else f"at most {high}"
        )
    else:
        words = f"{low} to {high}"
    qualifier = {"approximate": " (approximately)", "vague": " (vague)"}.get(amount.precision, "")
    return f"{words}{suffix}{qualifier}"


def _shortest(number: float) -> float:
    return float(f"{number:.15g}")


def _round_neighbour(number: float) -> float:
    """The round number a bound stored one step past it names."""
    for step in (math.nextafter(number, -math.inf), math.nextafter(number, math.inf)):
        if _shortest(step) == step:
            return step
    return number


def _just_past(number: float) -> bool:
    """True for a number stored one step past a round one (math.nextafter)."""
    if math.isinf(number) or _shortest(number) == number:
        return False
    return any(
        _shortest(step) == step
        for step in (math.nextafter(number, -math.inf), math.nextafter(number, math.inf))
    )
