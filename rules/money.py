"""money: sums of money with their currency, compared when they are the same sum."""

from __future__ import annotations

from dataclasses import replace

from checker.claims import Claim, Frame

from ._general import Quantity, QuantityRule, interval, lexicon

GENERIC_HEAD = "funding"  # the class of money that is only said to be for something


class Money(QuantityRule):
    id = "money"
    title = "Sums of money"
    description = """
What it checks: sums of money with their currency ("$1.2 billion in humanitarian aid",
"€500m", "40 billion euros ($43.28 billion)", "more than $6.97 billion in federal
support").

How: each sum is read with its currency (ISO 4217; a bare "$" is read as US dollars) and
what it pays for, from the words around it: "in humanitarian assistance", "of funding",
"for 384,477 households"; what a thing sold or was bought for is its price ("sold for
$48.6 million", "fetched $68.4 million", "is buying Norrskog for €3.9 billion", the buyer
named before the verb). Sums with the same currency and the same purpose are one fact; $1
billion in security assistance and $1 billion in humanitarian aid are two. When a text
converts a sum ("40 billion euros ($43.28 billion)") either currency can be compared. A
sum under negation, modality or in a question is not compared; one forecast ("is now
expected to cost €3.8 billion", "projected to cost") only with other forecasts, and what a
verb of cost names with nothing before it is a cost.

Verdicts: agreement for the same sum; discrepancy when two sums of the same thing cannot
both hold ($412 million against $421 million); complementary when one contains or rounds
the other ("nearly $7 billion" beside "$6.97 billion"), when they are in other currencies,
or when they are of other events or more than a week apart (totals grow).
"""
    examples = (
        "agreement: '$412 million for the library system' in both",
        "discrepancy: '$412 million for the library system' against '$421 million ...'",
        "complementary: 'nearly $7 billion in federal support' beside '$6.97 billion ...'",
        "different facts: '$1 billion in security assistance', '$1 billion in humanitarian aid'",
    )
    kinds = ("money",)
    label = "money"
    unit_in_key = False

    def reframe(self, claim: Claim) -> Frame:
        """A sum said to be for a purpose ("€500 million has been set aside for
        reconstruction") is funding for that purpose, as "a reconstruction fund of €500
        million" is."""
        frame = claim.frame
        purposes = lexicon().purposes
        if frame.head in purposes and frame.head not in lexicon().heads:
            return replace(
                frame,
                head=GENERIC_HEAD,
                purposes=tuple(sorted({*frame.purposes, purposes[frame.head]})),
            )
        return frame

    def quantity(self, claim: Claim) -> Quantity | None:
        value = claim.value
        money = getattr(value, "money", None)
        if money is None:
            return None
        also = getattr(value, "also", None) or getattr(value, "converted_from", None)
        return Quantity(
            interval(money.amount),
            float(getattr(value, "grain", 1.0)),
            str(money.currency),
            claim.frame.actor,
            (interval(also.amount), str(also.currency)) if also is not None else None,
            " ".join(value.text.split()),
        )


RULE = Money()
