"""amounts: counts of people and things, compared when they count the same thing."""

from __future__ import annotations

from dataclasses import replace

from checker.claims import Claim, Frame

from ._general import Quantity, QuantityRule, interval

# What a count of a measured thing counts: "from eleven economies" counts members (economies),
# not output, though "the economy grew 3%" measures GDP.
COUNTED_AS = {"gdp": "economies"}


class Amounts(QuantityRule):
    id = "amounts"
    title = "Counts of people and things"
    description = """
What it checks: figures that count something: deaths, people affected, households,
refugees, troops, members, votes ("more than 50,000 people were killed", "384,477
households", "a death toll of 4,300", "thousands of refugees").

How: each figure is read with what it counts, from the words around it: the noun it
belongs to ("households"; "a death toll of"), what the counted people did or suffered
("killed", "injured", "displaced"; "injuring 27 people"; suspects detained are the
people arrested), and the words that qualify it; "two more deaths" is an increment, not
the toll. Words of one kind are
one fact through rules/data/quantity_frames.csv (troops, forces and soldiers; deaths,
killed and death toll). A figure under negation, modality ("could") or in a question is
not compared; one planned ("plans to send") or forecast ("is expected to reach") is
compared only with other plans or forecasts. A figure keeps its precision: exact, bounded
("more than"), approximate ("about"), vague ("thousands"), a range.

Verdicts: agreement for the same figure; discrepancy when two figures of the same thing
cannot both hold; complementary when one contains the other ("thousands" beside 4,300) or
rounds it, or when the documents are of other events or more than a week apart (a level
that changes over time); figures of different things are different facts.
"""
    examples = (
        "agreement: '384,477 households' and '384,477 households' in two releases",
        "complementary: 'thousands of people were killed' beside '4,300 people were killed'",
        "discrepancy: 'a death toll of 4,300' against 'a death toll of 3,400' on one day",
        "different facts: '100,000 troops' and '100,000 refugees'",
    )
    kinds = ("amount",)
    label = "count"

    def reframe(self, claim: Claim) -> Frame:
        frame = claim.frame
        counted = COUNTED_AS.get(frame.head)
        return replace(frame, head=counted) if counted else frame

    def quantity(self, claim: Claim) -> Quantity | None:
        value = claim.value
        amount = getattr(value, "amount", None)
        if amount is None:
            return None
        grain = float(getattr(value, "grain", 1.0))
        if amount.low != int(amount.low) and claim.frame.head and not claim.frame.increment:
            # "a 7.8 earthquake", "a 6.7 aftershock": a measure of one thing, not a count
            measure = f"measure of {claim.frame.head}"
            return Quantity(
                interval(amount),
                grain,
                measure,
                claim.frame.actor,
                None,
                " ".join(value.text.split()),
            )
        return Quantity(
            interval(amount), grain, "", claim.frame.actor, None, " ".join(value.text.split())
        )


RULE = Amounts()
