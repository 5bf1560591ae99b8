"""shares-and-multipliers: percentages, shares and multipliers of the same thing."""

from __future__ import annotations

from checker.claims import Claim

from ._general import Interval, Quantity, QuantityRule, interval


class SharesAndMultipliers(QuantityRule):
    id = "shares-and-multipliers"
    title = "Percentages, shares and multipliers"
    description = """
What it checks: percentages ("2% of GDP", "two percent"), shares ("a third of", "two in
five") and multipliers ("threefold", "five times", "doubled"), each with what it is a
share or a multiple of.

How: the value is read with the noun phrase it belongs to ("of GDP", "of the budget", "of
households"), a verb that multiplies with what comes before it ("exports have tripled");
percentage points are kept apart from percent; "made up 54%" is no rise. Shares are
compared as fractions (a third is 33.3%); values of the same thing are one fact. A change
keeps the span it is over: "rose 0.6% in October" (a month), "up 4.7% on a year earlier",
"year on year" and "the annual increase" (a year), "in the quarter"; changes over other
spans are complementary, never a discrepancy.

Verdicts: agreement for the same value; discrepancy when two values of the same thing
cannot both hold (2% against 3% of GDP); complementary when one contains or rounds the
other, or when they are of other events or more than a week apart.
"""
    examples = (
        "agreement: '2% of GDP' and 'two percent of GDP'",
        "discrepancy: '2% of GDP on defence' against '3% of GDP on defence'",
        "agreement: 'doubled' and 'twice as many', when both say it of one thing",
    )
    kinds = ("percentage", "share", "multiplier")
    label = "share"

    def quantity(self, claim: Claim) -> Quantity | None:
        value = claim.value
        words = " ".join(value.text.split())
        if value.kind == "percentage":
            unit = str(getattr(value, "unit", "percent"))
            return Quantity(
                interval(value.amount),  # type: ignore[attr-defined]
                float(getattr(value, "grain", 1.0)),
                unit,
                claim.frame.actor,
                None,
                words,
            )
        if value.kind == "share":
            fraction = interval(value.fraction)  # type: ignore[attr-defined]
            percent = Interval(fraction.low * 100, fraction.high * 100, fraction.precision, words)
            denominator = int(getattr(value, "denominator", 100))
            grain = SHARE_GRAIN if denominator <= ROUND_DENOMINATOR else 1.0
            return Quantity(percent, grain, "percent", claim.frame.actor, None, words)
        if value.kind == "multiplier":
            return Quantity(
                interval(value.factor),  # type: ignore[attr-defined]
                1.0,
                "times",
                claim.frame.actor,
                None,
                words,
            )
        return None


# A share in words is a round figure: "a third", "half", "one in four" are read to about
# three points either way ("a third" beside 34%, "half" beside 52%), not to the decimal.
SHARE_GRAIN = 6.0
ROUND_DENOMINATOR = 5  # halves to fifths are said loosely; "one in 1,000" is not

RULE = SharesAndMultipliers()
