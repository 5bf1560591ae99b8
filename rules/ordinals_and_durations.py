"""ordinals-and-durations: ranks, anniversaries and lengths of time of a named thing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from checker.claims import Claim, align_by_context
from checker.model import Fact, FactTime
from checker.nlp import AnalysedDocument

from ._general import Interval, Quantity, QuantityRule, interval

# Lengths in years are compared in months ("after 18 months of negotiations" against "two
# years of talks"), weeks in days. Whole years are often months rounded: "two years" holds
# for 22 months, not for 18 (a tenth either way, at most a quarter of a year: "11 years"
# and "12 years" in prison are two terms).
IN_MONTHS = {"year": 12, "decade": 120}
ROUNDED_YEARS = 0.1
ROUNDED_MONTHS = 3


def scaled(stated: Interval, factor: float, precision: str) -> Interval:
    return Interval(stated.low * factor, stated.high * factor, precision, stated.text)


def in_months(stated: Interval, months: int) -> Interval:
    if stated.is_exact and float(stated.low).is_integer():
        low, high = stated.low * months, stated.high * months
        slack = min(low * ROUNDED_YEARS, ROUNDED_MONTHS)
        return Interval(low - slack, high + slack, "approximate", stated.text)
    return scaled(stated, months, stated.precision)


# What an ordinal before a name numbers, when the name ends in one of these: an instance of
# a recurring meeting ("the 19th World Meteorological Congress", "the Twentieth Summit").
MEETING_NAMES = frozenset(
    {"congress", "summit", "conference", "assembly", "session", "meeting", "forum",
     "ministerial", "convention", "games", "festival", "plenary"}
)  # fmt: skip


def numbers_a_meeting(following: Sequence[str]) -> bool:
    """The capitalised words after an ordinal end in a meeting's noun."""
    name = []
    for word in following:
        if not word[:1].isupper():
            break
        name.append(word.strip(".,;:()").lower())
        if not word[-1:].isalpha():
            break
    return bool(name) and name[-1] in MEETING_NAMES


class OrdinalsAndDurations(QuantityRule):
    id = "ordinals-and-durations"
    title = "Ranks, anniversaries and durations"
    description = """
What it checks: ranks ("the third costliest storm", "the 75th summit"), anniversaries
("the tenth anniversary of the treaty") and lengths of time ("for 30 days", "a two-year
programme", "within 18 months"), each with what it ranks or lasts.

How: the value is read with the noun it belongs to, like the other general rules; a
duration keeps its unit (30 days and one month are not compared as numbers) and an
anniversary its unit of time. Years are counted in months, a whole number of years give or
take a tenth, at most three months ("two years" holds for 22 months, not for 18); weeks in
days. Ranks and anniversaries are fixed facts; durations too. An ordinal before a capitalised name
is part of the name ("the Second World War"), unless the name is a meeting's ("the 19th
World Meteorological Congress"): then it numbers that meeting, in a series its name gives
wherever it is said.
A term a court gives is a prison sentence whatever the words ("sentenced to 11 years in
prison", "jailed for 14 years", "a 14-year prison sentence"); one sought, risked or
suspended is another fact. Time spent trapped is one length whatever held them ("trapped
underground for 11 days", "nine days cut off by floodwater"); missing and adrift are
states of their own.

Verdicts: agreement for the same rank, anniversary or length; discrepancy when two cannot
both hold (the 75th against the 76th anniversary of one thing; for 30 days against for 60
days of one period); complementary when one bounds the other ("within 18 months" beside
"for 12 months", "two years" beside "22 months").
"""
    examples = (
        "agreement: 'the 75th anniversary of the alliance' in both",
        "discrepancy: 'the third costliest storm' against 'the fifth costliest storm'",
        "discrepancy: 'a cost share for 30 days' against 'a cost share for 60 days'",
    )
    kinds = ("ordinal", "anniversary", "duration")
    label = "rank or length"

    def quantity(self, claim: Claim) -> Quantity | None:
        value = claim.value
        words = " ".join(value.text.split())
        if value.kind in ("ordinal", "anniversary"):
            number = float(value.number)  # type: ignore[attr-defined]
            unit = "rank" if value.kind == "ordinal" else f"{value.unit}s since"  # type: ignore[attr-defined]
            return Quantity(
                Interval(number, number, "exact", words), 1.0, unit, claim.frame.actor, None, words
            )
        if value.kind == "duration":
            length = getattr(value, "length", None)
            if length is None:
                return None  # "since 2014": an open period, dated, not measured
            unit = str(value.unit)  # type: ignore[attr-defined]
            stated = interval(length)
            if unit in IN_MONTHS:
                stated, unit = in_months(stated, IN_MONTHS[unit]), "month"
            elif unit == "week":
                stated, unit = scaled(stated, 7, stated.precision), "day"
            return Quantity(stated, 1.0, unit, claim.frame.actor, None, words)
        return None

    def align(self, facts: Sequence[Fact]) -> Iterable[Fact]:
        # ranks of one kind of thing in other series ("the third launch of Ariane 6 this
        # year", "the fifth launch from Kourou this year") are one rank only in much the
        # same words
        # same words; ranks in a series a name of two words or more gives ("the 19th World
        # Meteorological Congress", "the Twentieth World Meteorological Congress in Geneva")
        # are of that series wherever they are said
        ranks = [f for f in facts if RANK_MARK in f.key]
        others = [f for f in facts if RANK_MARK not in f.key]
        return [
            *super().align(others),
            *align_by_context(
                ranks,
                lambda fact: fact.value.context,
                RANK_ALIGNMENT_THRESHOLD,
                same_value_threshold=0.0,
                same_thing=same_series,
            ),
        ]

    def fact(self, document: AnalysedDocument, claim: Claim) -> Fact | None:
        following = document.document.text[claim.end : claim.end + 60].split()
        named = claim.value.kind == "ordinal" and following and following[0][:1].isupper()
        if named and not numbers_a_meeting(following):
            return None  # "First Lady Jill Biden", "the Second World War": a name
        if named:
            # "the 20th World Meteorological Congress in Geneva": a meeting its name numbers
            # is that meeting wherever it is said
            claim = replace(claim, frame=replace(claim.frame, scope=""))
        if (
            claim.value.kind == "ordinal"
            and following
            and following[0].lower().strip(".,;:") in PERIODS
        ):
            return None  # "the third quarter": a period, not a rank
        if claim.value.kind == "duration" and getattr(claim.value, "relation", None) == "old":
            return None  # "a 22-year-old": an age, which the ages rule reads
        if claim.value.kind == "duration" and opens_with_offset(document, claim):
            # "One week after the landfall, FEMA has approved ...": when the writer writes,
            # not a length ("enters into force 60 days after ratification" is one)
            return None
        term = sentence_term(document, claim) if claim.value.kind == "duration" else ""
        confined = confinement(document, claim) if claim.value.kind == "duration" else ""
        if confined and not term:
            # "trapped underground by floodwater for 11 days", "spent nine days cut off":
            # how long someone was held where they could not leave, whatever held them
            claim = replace(claim, frame=replace(claim.frame, head=confined, purposes=()))
        if term:
            # "sentenced to 11 years in prison", "jailed for 14 years", "a 14-year prison
            # sentence": the term a court gave, whatever the other words
            frame = replace(claim.frame, head=term, purposes=(), qualifiers=(), scope="")
            claim = replace(claim, frame=frame)
        streak = streak_of(following) if claim.value.kind == "ordinal" else None
        if streak:
            # "for a fifth consecutive year", "for the fourth year running": how many in a
            # row, whatever the words that say so
            head = f"{streak} in a row"
            claim = replace(claim, frame=replace(claim.frame, head=head, qualifiers=()))
        superlative = superlative_of(claim) if claim.value.kind == "ordinal" else None
        if superlative:
            # "the third costliest tropical cyclone" and "the third costliest in the United
            # States" rank one thing by cost: the superlative is what the rank measures
            claim = replace(claim, frame=replace(claim.frame, head=superlative, purposes=()))
        fact = super().fact(document, claim)
        # said once, of the thing an event concerns
        return replace(fact, time=FactTime.EVENT) if fact is not None else None


# "a fifth consecutive year", "the fourth year running", "a third straight win": a streak
STREAK_WORDS = frozenset({"consecutive", "straight", "successive"})
STREAK_AFTER = (("running",), ("in", "a", "row"), ("on", "the", "trot"))
STREAK_UNITS = {
    "year": "years", "years": "years", "season": "seasons", "seasons": "seasons",
    "time": "times", "times": "times", "month": "months", "quarter": "quarters",
    "week": "weeks", "day": "days", "title": "titles", "win": "wins", "victory": "wins",
    "term": "terms", "election": "elections",
}  # fmt: skip


def streak_of(following: Sequence[str]) -> str | None:
    """The unit of a streak an ordinal counts ("fifth consecutive year" -> "years"), from
    the words after it; None when they say no streak."""
    words = [w.lower().strip(".,;:") for w in following[:5]]
    marked = bool(words) and words[0] in STREAK_WORDS
    if marked:
        words = words[1:]
    if not words or words[0] not in STREAK_UNITS:
        return None
    after = tuple(words[1:4])
    if marked or any(after[: len(run)] == run for run in STREAK_AFTER):
        return STREAK_UNITS[words[0]]
    return None


RANK_MARK = "(rank)"
SERIES_NAME = 2  # words of a name that make a series of its own


def same_series(a: Fact, b: Fact) -> bool | None:
    """Ranks of meetings named alike are of one series."""
    names = set(a.value.qualifiers), set(b.value.qualifiers)
    meeting = a.key.rsplit(": ", 1)[-1] in MEETING_NAMES
    if meeting and len(names[0]) >= SERIES_NAME and names[0] == names[1]:
        return True
    return None


RANK_ALIGNMENT_THRESHOLD = 0.5
PERIODS = frozenset({"quarter", "half", "quarters", "halves"})
OFFSETS = frozenset({"after", "before", "later", "ago", "earlier", "since", "on", "into"})


def opens_with_offset(document: AnalysedDocument, claim: Claim) -> bool:
    """A duration that opens its sentence or clause and counts from an event ('One week
    after Hurricane Delia made landfall, ...', 'Two years on, ...')."""
    text = document.document.text
    words = " ".join(claim.value.text.split()).lower().split()
    following = text[claim.end : claim.end + 20].split()
    offset = (words and words[-1] in OFFSETS) or (following and following[0].lower() in OFFSETS)
    start = claim.start
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    opening = start == 0 or text[start - 1] in ",;:\n." or text[max(0, start - 2) : start] == ". "
    return bool(offset) and opening


# What says a length of time is a term a court gave: a verb of sentencing before it
# ("sentenced him to", "jailed for"), or prison after it ("11 years in prison", "a 14-year
# prison sentence", "a sentence of nine years"). A term sought or risked is another fact:
# "prosecutors had asked for 20 years", "faces up to 20 years".
SENTENCED_BEFORE = re.compile(
    r"(?i)\b(?:sentenced|sentencing|jailed|jailing|imprisoned|imprisoning|gaoled)"
    r"(?:\s+(?!to\b|for\b)[\w'’]+){0,3}\s+(?:to|for)\s+(?:a|an)?\s*$"
    r"|\b(?:sentence|term)\s+of\s+$"
)
PRISON_AFTER = re.compile(
    r"(?i)^[\s-]*(?:(?:in|behind)\s+(?:prison|jail|gaol|bars)\b"
    r"|(?:suspended\s+)?(?:(?:prison|jail|gaol|custodial)\s+(?:sentences?|terms?)|sentences?)\b)"
)
SOUGHT = re.compile(r"(?i)\b(?:sought|seek|seeking|asked|demanded|requested|called\s+for)\b")
RISKED = re.compile(r"(?i)\b(?:faces?|facing|faced|maximum|risks?|could|would)\b")
SENTENCE_REACH = 60  # characters before a term in which its verb stands
LEADING_PREPOSITION = re.compile(r"(?i)(?:for|to)\s+")  # "for 14 years" as a value's text
CLAUSE_END = re.compile(r"[.;:!?\n]")


def sentence_term(document: AnalysedDocument, claim: Claim) -> str:
    """'prison sentence' for a term a court gave, 'suspended sentence' for one it suspended,
    'sentence sought' or 'sentence risked' for one asked or faced; '' for other lengths."""
    text = document.document.text
    lead = LEADING_PREPOSITION.match(claim.value.text)
    start = claim.start + (lead.end() if lead else 0)
    before = CLAUSE_END.split(text[max(0, start - SENTENCE_REACH) : start])[-1]
    after = text[claim.end : claim.end + 30]
    if not (SENTENCED_BEFORE.search(before) or PRISON_AFTER.match(after)):
        return ""
    if "suspended" in f"{before} {after.split('.')[0]}".lower():
        return "suspended sentence"
    if SOUGHT.search(before):
        return "sentence sought"
    if RISKED.search(before):
        return "sentence risked"
    return "prison sentence"


# States of being held where one cannot leave, by the word that says so: a length of time
# in one of them is how long it lasted ("trapped for 11 days", "nine days cut off",
# "stranded at sea for 40 days", "missing for three days" is another state).
CONFINEMENTS = {
    "trapped": "trapped", "stuck": "trapped", "stranded": "trapped", "marooned": "trapped",
    "entombed": "trapped", "cut off": "trapped", "buried": "trapped",
    "missing": "missing", "adrift": "adrift",
    "held hostage": "held captive", "held captive": "held captive",
    "in captivity": "held captive",
}  # fmt: skip
_CONFINEMENT = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in CONFINEMENTS)
CONFINED_BEFORE = re.compile(
    rf"(?i)\b(?P<state>{_CONFINEMENT})\b(?:\s+(?!for\b|and\b|but\b)[\w'’-]+){{0,4}}\s+(?:for\s+)?$"
)
CONFINED_AFTER = re.compile(rf"(?i)^\s+(?P<state>{_CONFINEMENT})\b")


def confinement(document: AnalysedDocument, claim: Claim) -> str:
    """The state a length of time is spent in: 'trapped' for 'trapped underground for 11
    days' and 'nine days cut off by floodwater'; '' when none is said."""
    text = document.document.text
    words = claim.value.text.split()
    if not words or words[-1].lower() in OFFSETS:
        return ""  # "two days after": an offset, not a length
    before = CLAUSE_END.split(text[max(0, claim.start - SENTENCE_REACH) : claim.start])[-1]
    found = CONFINED_BEFORE.search(before) if words[0].lower() == "for" else None
    found = found or CONFINED_AFTER.match(text[claim.end : claim.end + 20])
    if found is None:
        return ""
    return CONFINEMENTS[" ".join(found.group("state").lower().split())]


# Words that end in -est and compare nothing.
NOT_SUPERLATIVES = frozenset(
    {"interest", "harvest", "protest", "contest", "request", "forest", "honest", "modest",
     "suggest", "digest", "arrest", "invest", "manifest", "northwest", "southwest", "midwest",
     "conquest", "inquest", "bequest", "unrest", "behest", "earnest", "tempest"}
)  # fmt: skip


def superlative_of(claim: Claim) -> str | None:
    """The superlative a rank is of ("third costliest", "the fourth largest storm")."""
    for word in (claim.frame.head, *claim.frame.qualifiers):
        if word in ("best", "worst") or (
            len(word) > 5 and word.endswith("est") and word not in NOT_SUPERLATIVES
        ):
            return word
    return None


RULE = OrdinalsAndDurations()
