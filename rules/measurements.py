"""measurements: lengths, areas, weights, volumes, speeds, temperatures and magnitudes of
the same thing, compared in SI units."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from checker.claims import Claim, Frame, singular
from checker.model import Comparison, Fact, Verdict
from checker.values.measures import ATTRIBUTES, unit_table

from ._general import Interval, Quantity, QuantityRule, compare_quantities

# A measure converted from another unit is rounded by whoever converts it: "947 feet"
# beside "289 metres" (288.65) is one length, stated twice.
CONVERSION_TOLERANCE = 0.01

# What a measure with no attribute and no noun of its own is a measure of, by dimension.
DIMENSION_HEADS = {
    "area": "area", "mass": "weight", "volume": "volume", "speed": "speed",
    "temperature": "temperature",
}  # fmt: skip


class Measurements(QuantityRule):
    id = "measurements"
    title = "Measures: lengths, areas, weights, speeds, temperatures, magnitudes"
    description = """
What it checks: measures with a unit (checker/values/data/units.csv): lengths and
distances ("a 947-foot-long ship", "a 1-mile evacuation zone"), areas ("2,170 acres"),
weights ("weighing 18,000 tons"), volumes, speeds ("winds of 150 mph"), temperatures
("104 °F"), and the magnitude of an earthquake ("a magnitude 7.8 earthquake").

How: a number followed by a unit is a measure of its unit's dimension, converted to SI
units (metres, kilograms, kelvin ...); a conversion the text states beside it ("299.92
metres (984 ft)") is the same measure. What it measures is the attribute its words name
("-long", "in length", "a depth of", "weighing"), else the noun it qualifies ("a 1-mile
radius", "a magnitude 7.8 earthquake"); measures of one attribute in one event are one
fact when the words around them agree. A word of several units ("tons": short, metric or
long) stands for all of them.

Verdicts: agreement for the same measure; discrepancy when two measures of the same thing
cannot both hold (947 feet against 984 feet; magnitude 7.5 against 7.7); complementary
when one contains or rounds the other, or when one converts the other ("1 mile" beside
"1.6 km", "104 °F" beside "40 °C").
"""
    examples = (
        "agreement: 'a 1-mile evacuation radius' and 'within a 1 mile (1.6 km) radius'",
        "complementary: 'winds of 150 mph' beside 'winds of 240 km/h'",
        "discrepancy: 'the 947-foot-long ship' against 'the ship, 984 feet long'",
        "different facts: 'a 947-foot-long ship' and 'a 160-foot-wide ship'",
    )
    kinds = ("measure",)
    label = "measure"

    def reframe(self, claim: Claim) -> Frame:
        """What a measure gives of its thing is the key's head: 'the 947-foot-long ship' and
        'the ship is almost 950 feet in length' are lengths, 'a 10 km depth' a depth."""
        frame = claim.frame
        if frame.head in unit_words():
            frame = replace(frame, head="")  # "Acres burned: 23,713": the unit names no thing
        attribute = getattr(claim.value, "attribute", "") or ATTRIBUTES.get(frame.head, "")
        if not attribute and not frame.head:
            # "the fire has burned 42,000 acres": an area, a weight, a speed said of
            # nothing else is the event's own (a bare length may be any distance)
            measure = getattr(claim.value, "measure", None)
            attribute = DIMENSION_HEADS.get(measure.unit.dimension, "") if measure else ""
        if attribute:
            return replace(frame, head=attribute, purposes=())
        return frame

    def quantity(self, claim: Claim) -> Quantity | None:
        value = claim.value
        measure = getattr(value, "measure", None)
        if measure is None:
            return None
        low, high = measure.si()
        words = " ".join(value.text.split())
        precision = measure.amount.precision
        if precision == "exact" and low != high:
            precision = "approximate"  # a word of several units: "18,000 tons"
        grain = float(getattr(value, "grain", 1.0)) * min(measure.unit.factors)
        return Quantity(
            Interval(low, high, precision, words),
            grain,
            measure.unit.dimension,
            claim.frame.actor,
            words=words,
            unit_name=measure.unit.name,
        )

    def compare(self, a: Fact, b: Fact) -> Comparison:
        compared = compare_quantities(a.value, b.value)
        if compared.verdict is Verdict.DISCREPANCY and converted(a.value, b.value):
            return Comparison(
                Verdict.COMPLEMENTARY,
                f"{a.value.words} and {b.value.words}: one converts the other, rounded",
            )
        return compared


@cache
def unit_words() -> frozenset[str]:
    return frozenset(singular(form.lower()) for form in unit_table() if " " not in form)


def converted(a: Quantity, b: Quantity) -> bool:
    """Two measures in other units within the rounding of a conversion."""
    if a.unit_name == b.unit_name:
        return False  # the same unit: "947-foot" and "952 feet" are not a conversion
    first, second = a.amount, b.amount
    gap = max(first.low, second.low) - min(first.high, second.high)
    scale = max(abs(first.high), abs(second.high), 1e-9)
    return gap <= CONVERSION_TOLERANCE * scale


RULE = Measurements()
