"""Measures: a number with a unit of length, area, mass, volume, speed or temperature ("10.0
km", "a 947-foot-long ship", "weighing 18,000 tons", "winds of 150 mph", "104 °F"), and the
magnitude of an earthquake ("a magnitude 7.8 earthquake", "a 7.5-magnitude quake").

A measure is an amount the number finder has read, followed by a unit from
checker/values/data/units.csv; it keeps the unit as stated and converts to the dimension's
SI unit for comparison. A conversion the text states beside it ("299.92 metres (984 ft)",
"a 1-mile (1.6-kilometer) radius") is kept with it, not read as a second measure.

pint was considered for the conversions: it knows the factors but not the words of running
text ("947-foot-long", "miles an hour", a "ton" that may be short, metric or long), so the
words would need this table anyway, and the factors are a column of it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import ClassVar

from checker.values.numbers import Amount, AmountValue
from checker.values.value import CHANGE_ROLES, Value, ValueKind, describe_interval


@dataclass(frozen=True)
class Unit:
    name: str  # canonical: "km", "ft", "tons"
    dimension: str  # length | area | mass | volume | speed | temperature | magnitude
    factors: tuple[float, ...]  # SI units per unit, one per reading of the word
    offset: float = 0.0


MAGNITUDE = Unit("magnitude", "magnitude", (1.0,))


@dataclass(frozen=True)
class Measure:
    """An amount in a unit."""

    amount: Amount
    unit: Unit

    def si(self) -> tuple[float, float]:
        """The interval of SI values the amount allows, over every reading of its unit."""
        factors, offset = self.unit.factors, self.unit.offset
        return (
            self.amount.low * min(factors) + offset,
            self.amount.high * max(factors) + offset,
        )

    def __str__(self) -> str:
        if self.unit is MAGNITUDE:
            return f"magnitude {describe_interval(self.amount)}"
        return describe_interval(self.amount, self.unit.name)


@dataclass(frozen=True)
class MeasureValue(Value):
    """'10.0 km', '947-foot', 'magnitude 7.8', with the conversion stated beside it."""

    kind: ClassVar[ValueKind] = "measure"
    measure: Measure
    grain: float = 1.0  # the place of the last stated digit, in the stated unit
    change: str | None = None  # "from" | "to" | "by", as for amounts
    also: Measure | None = None  # the same measure in another unit, stated beside it
    attribute: str = ""  # what of a thing it measures, when the words say: "length", "depth"

    @property
    def amount(self) -> Amount:
        return self.measure.amount

    def __str__(self) -> str:
        words = f"measure: {self.measure}{CHANGE_ROLES.get(self.change or '', '')}"
        if self.also is not None:
            words += f", also stated as {self.also}"
        return words


@cache
def unit_table() -> dict[str, Unit]:
    """form as written -> unit."""
    source = resources.files("checker.values").joinpath("data/units.csv")
    with source.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {
            row["form"]: Unit(
                row["unit"],
                row["dimension"],
                tuple(float(f) for f in row["factor"].split("|")),
                float(row["offset"] or 0),
            )
            for row in rows
        }


def _alternatives(forms: Sequence[str]) -> str:
    return "|".join(
        re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True)
    )


@cache
def _unit_after() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns for a unit right after a number: words in any case, symbols and short
    abbreviations ("km", "ft", "mi", "ton") as written."""
    words = [
        f for f in unit_table() if f.replace(" ", "").isalpha() and f == f.lower() and len(f) > 3
    ]
    symbols = [f for f in unit_table() if f not in words]
    gap = r"(?:\s*-\s*|\s+|(?<=\d)(?=[a-z°]))"  # "947-foot", "18,000 tons", "10km", "40°C"
    gap_symbol = r"(?:\s*-\s*|\s*)"
    end = r"(?![\w²³])"
    return (
        re.compile(rf"{gap}(?P<unit>{_alternatives(words)}){end}", re.IGNORECASE),
        re.compile(rf"{gap_symbol}(?P<unit>{_alternatives(symbols)}){end}"),
    )


# The words that say what of a thing a measure gives, as English writes them around it:
# "947-foot-long", "950 feet in length", "a depth of 10 km", "weighing 18,000 tons".
ATTRIBUTES = {
    "long": "length", "length": "length", "lengths": "length", "wide": "width",
    "width": "width", "breadth": "width", "beam": "width", "across": "width",
    "tall": "height", "high": "height", "height": "height", "altitude": "altitude",
    "elevation": "altitude", "deep": "depth", "depth": "depth", "draft": "draft",
    "draught": "draft", "thick": "thickness", "thickness": "thickness",
    "diameter": "diameter", "radius": "radius", "weight": "weight", "weighing": "weight",
    "weighs": "weight", "weighed": "weight", "weigh": "weight", "speed": "speed",
    "speeds": "speed", "distance": "distance", "away": "distance",
    "temperature": "temperature", "temperatures": "temperature",
}  # fmt: skip
_ATTRIBUTE_AFTER = re.compile(
    r"(?i)(?:\s*-\s*|\s+)(?P<word>long|wide|tall|high|deep|thick|across|away)\b"
    r"|\s+in\s+(?P<noun>length|width|height|depth|diameter|radius|breadth|thickness)\b"
)
_ATTRIBUTE_BEFORE = re.compile(
    r"(?i)\b(?P<word>length|lengths|depth|height|width|breadth|beam|radius|diameter|draft"
    r"|draught|weight|weighing|weighs|weighed|weigh|altitude|elevation|speeds?|distance"
    r"|thickness|temperatures?)(?:\s+overall)?"
    r"(?:\s+(?:of|was|is|of\s+up\s+to|reached|hit|topped|peaked\s+at|(?:rose|fell|climbed)\s+to))?"
    r"\s+$"
)
# "20-foot equivalent units": the name of a unit, not a measure of anything
_UNIT_NAME_AFTER = re.compile(r"(?i)[\s-]+equivalent\b")


def attribute_around(text: str, start: int, end: int) -> str:
    """What a measure at text[start:end] gives of its thing, from the words around it."""
    after = _ATTRIBUTE_AFTER.match(text, end)
    if after is not None:
        return ATTRIBUTES[(after.group("word") or after.group("noun")).lower()]
    before = _ATTRIBUTE_BEFORE.search(text, max(0, start - 40), start)
    if before is not None:
        return ATTRIBUTES[before.group("word").lower()]
    return ""


MAGNITUDE_REACH = 16  # characters before a number searched for "magnitude": not the sentence
_MAGNITUDE_BEFORE = re.compile(r"(?i)\bmagnitude[\s-]+(?:of\s+)?$")
_MAGNITUDE_AFTER = re.compile(r"(?i)(?:\s*-\s*|\s+)magnitude\b")
_CONVERSION_GAP = re.compile(
    r"\s*(?:\(\s*(?:about\s+|approximately\s+|approx\.\s+|c\.\s*|some\s+|roughly\s+)?"
    r"|,?\s+or\s+(?:about\s+|some\s+|roughly\s+)?)",
    re.IGNORECASE,
)


def measure_at(text: str, value: AmountValue) -> MeasureValue | None:
    """The amount `value` read as a measure, when a unit follows it (or "magnitude" stands
    by it); None for a count."""
    before = _MAGNITUDE_BEFORE.search(text, max(0, value.start - MAGNITUDE_REACH), value.start)
    if before is not None and before.end() == value.start:
        return _measure(text, value, before.start(), value.end, MAGNITUDE)
    magnitude = _MAGNITUDE_AFTER.match(text, value.end)
    if magnitude is not None:
        return _measure(text, value, value.start, magnitude.end(), MAGNITUDE)
    table = unit_table()
    matches = [m for m in (p.match(text, value.end) for p in _unit_after()) if m is not None]
    if not matches:
        return _labelled(text, value)
    found = max(matches, key=lambda m: m.end())  # "km/h", not "km"
    written = " ".join(found.group("unit").split())
    unit = table.get(written) or table.get(written.lower())
    if unit is None or _UNIT_NAME_AFTER.match(text, found.end()):
        return None
    return _measure(text, value, value.start, found.end(), unit)


# A fact sheet's line that names its unit: "Acres burned: 23,713", "Area (acres): 23,713".
_LABEL = re.compile(r"(?P<label>[A-Za-z][\w ()/-]{0,40}):\s*$")
_LABEL_UNIT = re.compile(r"(?i)^(?P<unit>[a-z]+(?: [a-z]+)?)\b|\((?P<inside>[a-z ]+)\)")


def _labelled(text: str, value: AmountValue) -> MeasureValue | None:
    label = _LABEL.match(text, 0, value.start)  # anchored at both ends: the line's label
    if label is None:
        return None
    table = unit_table()
    for found in _LABEL_UNIT.finditer(label.group("label")):
        written = (found.group("unit") or found.group("inside")).lower().strip()
        for form in (written, written.split()[0]):
            unit = table.get(form)
            if unit is not None and len(form) > 3:
                measure = _measure(text, value, value.start, value.end, unit)
                return replace(measure, attribute=measure.attribute or label_attribute(label))
    return None


def label_attribute(label: re.Match[str]) -> str:
    words = label.group("label").lower().replace("(", " ").replace(")", " ").split()
    return next((ATTRIBUTES[w] for w in words if w in ATTRIBUTES), "")


def _measure(text: str, value: AmountValue, start: int, end: int, unit: Unit) -> MeasureValue:
    attribute = "" if unit is MAGNITUDE else attribute_around(text, start, end)
    return MeasureValue(
        start,
        end,
        text[start:end],
        Measure(value.amount, unit),
        value.grain,
        value.change,
        attribute=attribute,
    )


def with_measures(text: str, values: Sequence[Value]) -> list[Value]:
    """`values` with each amount followed by a unit read as a measure, and a conversion
    stated beside a measure ("299.92 metres (984 ft)") kept as the measure's `also`."""
    read: list[Value] = []
    for value in values:
        measure = measure_at(text, value) if isinstance(value, AmountValue) else None
        if measure is None:
            read.append(value)
            continue
        previous = read[-1] if read else None
        if (
            isinstance(previous, MeasureValue)
            and previous.also is None
            and previous.measure.unit.dimension == measure.measure.unit.dimension
            and previous.measure.unit != measure.measure.unit
            and _CONVERSION_GAP.fullmatch(text[previous.end : measure.start])
        ):
            read[-1] = replace(previous, also=measure.measure)
            continue
        read.append(measure)
    return read
