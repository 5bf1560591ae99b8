"""What the general rules share: quantities read as claims, keyed by what they are about,
and compared as intervals that keep the precision they were stated in.

A quantity's key names its kind, its unit and its frame ("money (USD): aid (humanitarian)");
only quantities with one key are compared, so $1 billion in security assistance and $1
billion in humanitarian aid never meet, nor 100,000 troops and 100,000 refugees. A value
stated to a coarse grain ("$7 billion") stands for the values that round to it, so "$6.97
billion" beside it is complementary, not a discrepancy.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any, ClassVar

from checker.claims import (
    MEASURE_ADJECTIVES,
    TIME_WORDS,
    WEEKDAY_NAMES,
    Claim,
    Frame,
    Lexicon,
    align_by_context,
    align_by_value_context,
    read_claims,
    read_lexicon,
    singular,
)
from checker.comparators import compare_intervals
from checker.model import Comparison, Confidence, Fact, FactTime, Verdict
from checker.nlp import AnalysedDocument, Sentence
from checker.places import resolve_places
from checker.rules import Rule

from ._actors import LABEL as ACTOR
from ._actors import actor_name, actor_patterns
from ._countries import LABEL as COUNTRY
from ._countries import country_patterns
from ._tables import read_table

# Heads that name no quantity of their own: durations, measures and names of time.
NOT_COUNTED = frozenset(
    {"year", "month", "week", "day", "hour", "minute", "second", "time", "percent", "cent",
     "per", "point", "am", "pm", "a.m", "p.m", "edt", "utc", "gmt", "th", "st", "nd", "rd"}
) | TIME_WORDS  # fmt: skip


INCREMENT_SUFFIX = ", an increment"  # how Frame.about marks an increment
INCREMENT_ALIGNMENT_THRESHOLD = 0.5


@cache
def lexicon() -> Lexicon:
    return read_lexicon(
        read_table("quantity_frames.csv"),
        actor_labels=(ACTOR, COUNTRY),
        held=(row["class"] for row in read_table("event_quantities.csv")),
    )


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    precision: str
    text: str = field(default="", compare=False)

    @property
    def is_exact(self) -> bool:
        return self.precision == "exact"

    def contains(self, other: Any, /) -> bool:
        return self.low <= other.low and other.high <= self.high

    def overlaps(self, other: Any, /) -> bool:
        return self.low <= other.high and other.low <= self.high


@dataclass(frozen=True)
class Quantity:
    """A stated quantity: its interval, the grain of its last stated digit, its unit."""

    amount: Interval
    grain: float
    unit: str  # an ISO currency, "percent", "times", or "" for a count
    actor: str | None = None
    also: tuple[Interval, str] | None = None  # the same sum in another unit, stated beside it
    words: str = field(default="", compare=False)  # the value as stated, and in plain words
    context: frozenset[str] = field(default=frozenset(), compare=False)  # words around it
    # the key it would have without its frame's purposes ("money: aid" for "money: aid
    # (humanitarian)"); "" when it has none
    unqualified: str = field(default="", compare=False)
    # the years (and quarters) it is said of: stated, or the document's year ("2024-Q3")
    periods: frozenset[str] = field(default=frozenset(), compare=False)
    recipient: str = field(default="", compare=False)  # whom it goes to, when said
    qualifiers: tuple[str, ...] = field(default=(), compare=False)  # "core" of core inflation
    unit_name: str = field(default="", compare=False)  # a measure's unit as named: "ft", "km"
    # the place it is said of ("68 houses in Elk City"), and its key without that place
    scope: str = field(default="", compare=False)
    scopeless: str = field(default="", compare=False)
    # the capitalised words of its sentence, but its first and those of times, countries and
    # regions: the names that may tell where it holds ("destroying 86 homes" after "A
    # tornado struck Elk City in western Oklahoma late on Wednesday")
    names: frozenset[str] = field(default=frozenset(), compare=False)

    def __str__(self) -> str:
        who = f" ({actor_name(self.actor)})" if self.actor else ""
        return f"{self.words}{who}"

    def rounded(self) -> Interval:
        """The values a careful reader takes an exact figure to round: '$7 billion' is
        6.5 to 7.5 billion, '12%' 11.5% to 12.5%; '40,000' is 40,000 (to the unit)."""
        if not self.amount.is_exact or self.grain <= 0:
            return self.amount
        half = self.grain / 2
        return Interval(self.amount.low - half, self.amount.high + half, "approximate")


def compare_quantities(a: Quantity, b: Quantity) -> Comparison:
    if a.unit != b.unit:
        converted = convert(a, b.unit) or convert(b, a.unit)
        if converted is None:
            return Comparison(
                Verdict.COMPLEMENTARY, f"in other units ({a.unit or 'count'}, {b.unit or 'count'})"
            )
        a, b = converted
    if a.actor and b.actor and not same_actor(a.actor, b.actor):
        return Comparison(
            Verdict.COMPLEMENTARY,
            f"said of different actors ({actor_name(a.actor)}, {actor_name(b.actor)})",
        )
    if a.recipient and b.recipient and not same_actor(a.recipient, b.recipient):
        # "$500 million in aid to Ukraine" and "$100 million in aid to Moldova"
        return Comparison(
            Verdict.COMPLEMENTARY, f"given to different recipients ({a.recipient}, {b.recipient})"
        )
    if a.amount == b.amount:
        return Comparison(Verdict.AGREEMENT, "")
    measures = measure_of(a), measure_of(b)
    if measures[0] != measures[1]:
        # "core inflation was 2.8%" beside "inflation rose to 3.2%"; net and gross profit
        named = " and ".join(" ".join(m) or "unqualified" for m in measures)
        return Comparison(Verdict.COMPLEMENTARY, f"{a.words} and {b.words}: measures {named}")
    if "vague" in (a.amount.precision, b.amount.precision):
        # "dozens" and "thousands" are impressions, not figures: never a contradiction
        return Comparison(Verdict.COMPLEMENTARY, f"{a.words} and {b.words}: a vague amount")
    verdict = compare_intervals(
        a.amount, b.amount, first_exact=a.amount.is_exact, second_exact=b.amount.is_exact
    )
    if verdict is Verdict.DISCREPANCY and a.grain != b.grain and rounds_to(a, b):
        # one is stated more coarsely: "1.2 million" rounds 1,180,000, "12%" rounds 12.4%
        return Comparison(Verdict.COMPLEMENTARY, f"{a.words} rounds {b.words}, or the reverse")
    if verdict is Verdict.DISCREPANCY and (round_figure_of(a, b) or round_figure_of(b, a)):
        return Comparison(Verdict.COMPLEMENTARY, f"{a.words} and {b.words}: a round figure")
    if verdict is Verdict.DISCREPANCY and (
        bounds(a.amount, b.amount) or bounds(b.amount, a.amount)
    ):
        # "5,600 injured" beside "more than 5,600 injured": the figure may be a round one
        return Comparison(Verdict.COMPLEMENTARY, f"{a.words} and {b.words}: a figure and its bound")
    if verdict is Verdict.DISCREPANCY and disjoint(a.periods, b.periods):
        # "net income of $310 million in the third quarter of 2024" and "$268 million in the
        # third quarter of 2023"; this year's budget and last year's
        years = ", ".join(sorted({period_label(p) for p in a.periods | b.periods}))
        return Comparison(
            Verdict.COMPLEMENTARY, f"{a.words} and {b.words}: of other periods ({years})"
        )
    if verdict is Verdict.DISCREPANCY:
        return Comparison(Verdict.DISCREPANCY, f"{a.words} against {b.words}")
    if verdict is Verdict.COMPLEMENTARY:
        return Comparison(Verdict.COMPLEMENTARY, f"{a.words} and {b.words} are compatible")
    return Comparison(verdict, "")


def measure_of(quantity: Quantity) -> tuple[str, ...]:
    """The words that say which figure of its kind a quantity is ("core", "net", "gross")."""
    return tuple(q for q in quantity.qualifiers if q in MEASURE_ADJECTIVES)


def same_actor(first: str, second: str) -> bool:
    """One actor, or one name inside the other ("Norland", "Team Norland"), or a country
    and its capital standing for it ("aid to Ukraine", "aid to Kyiv")."""
    if first == second:
        return True
    mine, theirs = actor_words(first), actor_words(second)
    if len(first) > 2 and len(second) > 2 and (mine <= theirs or theirs <= mine):
        return True
    country = country_meant(first)
    return country is not None and country == country_meant(second)


# Capitals that name something else when they stand for a power: "Brussels" is the
# European Union (or NATO) as often as Belgium.
CAPITALS_OF_OTHERS = frozenset({"brussels", "bruxelles", "brussel"})


def country_meant(name: str) -> str | None:
    """The country a name stands for as an actor: the country itself, or its capital
    ("Washington", "Kyiv"); None for other names."""
    if name.lower() in CAPITALS_OF_OTHERS:
        return None
    codes = {
        place.country for place in resolve_places(name) if place.kind in ("country", "capital")
    }
    return codes.pop() if len(codes) == 1 else None


# Words an actor's name may leave out: "the Greens" are the Green Party.
ACTOR_FILLERS = frozenset({"the", "party", "group", "team", "inc", "inc.", "ltd", "ltd."})


def actor_words(name: str) -> frozenset[str]:
    return frozenset(singular(w) for w in name.lower().split() if w not in ACTOR_FILLERS)


ROUND_ZEROS = 2  # "300", "1,200": a figure ending in this many zeros may be a round one
ROUND_TOLERANCE = 0.02  # ... of a figure this close to it (302 passengers, 1,180 homes)


def round_figure_of(rounded: Quantity, exact: Quantity) -> bool:
    """Is `rounded` ("300 passengers") a round figure for `exact` ("302 passengers")?"""
    low, high = rounded.amount.low, rounded.amount.high
    other = exact.amount.low
    if not (rounded.amount.is_exact and exact.amount.is_exact) or low != high:
        return False
    if other != exact.amount.high or low <= 0 or low != int(low) or rounded.unit == "percent":
        return False  # "100% contained" is no round figure of 98%
    zeros = trailing_zeros(low)
    other_zeros = trailing_zeros(other) if other == int(other) else 0
    # it rounds the other at its own precision ("300" rounds 302, not 350; "250,000" does
    # not round 255,000), and is close to it
    within_step = abs(other - low) < 10**zeros / 2
    near = abs(other - low) <= ROUND_TOLERANCE * low
    return zeros >= ROUND_ZEROS and other_zeros < zeros and within_step and near


def trailing_zeros(value: float) -> int:
    digits = str(int(value))
    return len(digits) - len(digits.rstrip("0"))


BOUND_STEP_SCALE = 100  # figures from which a step of one is within a bound's reading


def bounds(figure: Interval, bound: Interval) -> bool:
    """Is `bound` "more than" or "fewer than" the very figure `figure` states?"""
    if figure.low != figure.high or bound.precision != "bounded":
        return False
    value = figure.low
    # "more than 5,600" may be read as 5,601: a step of one, when one is small beside the
    # figure ("at least 3 percent" is no bound of "2%")
    step = 1 if abs(value) >= BOUND_STEP_SCALE else 0
    return (bound.high == math.inf and value <= bound.low <= value + step) or (
        bound.low == 0 and value - step <= bound.high <= value
    )


def rounds_to(a: Quantity, b: Quantity) -> bool:
    """Does the figure stated more coarsely round the finer one? The finer must lie inside
    the coarser's rounding range, half-open as rounding half up is: "1.2 million" rounds
    1,180,000, "12%" rounds 12.4% and "$1.5 million" $1,450,000; "$7 billion" does not round
    $7.5 billion."""
    coarse, fine = (a, b) if a.grain > b.grain else (b, a)
    bounds_of = coarse.rounded()
    value = fine.amount
    if value.low != value.high or bounds_of.low == bounds_of.high:
        return bounds_of.low < value.high and value.low < bounds_of.high
    return bounds_of.low <= value.low < bounds_of.high  # half-up: "$1.5 million" rounds $1.45m


def disjoint(first: frozenset[str], second: frozenset[str]) -> bool:
    """Periods known on both sides with nothing in common in one of their kinds: years
    (and quarters), days ("day:monday", "day:now"), rounds of a vote ("round:runoff")."""
    kinds = {period_kind(p) for p in first}, {period_kind(p) for p in second}
    if ("by" in kinds[0]) != ("by" in kinds[1]):
        # a target ("at least 35% of seats by 2030") and a level of a day ("a quarter of
        # seats are currently held by women"): what is aimed at is not what is
        target, other = (kinds[0], kinds[1]) if "by" in kinds[0] else (kinds[1], kinds[0])
        if "level" in other and "level" not in target:
            return True
    for kind in kinds[0] & kinds[1]:
        mine = [p for p in first if period_kind(p) == kind]
        theirs = [p for p in second if period_kind(p) == kind]
        if all(p.endswith(ASSUMED) for p in (*mine, *theirs)):
            # neither states a year: compared only within an event or a day, they are of
            # one year, whatever the years of other statements of their sides
            continue
        if not any(overlapping(a, b) for a in mine for b in theirs):
            return True
    return False


LONE_QUANTITIES_SHARED = 1  # words two lone statements of one head share to be one fact


def period_label(period: str) -> str:
    """A period as messages show it: '2024', 'October' ('month:october'), 'months added up',
    'Monday' ('day:monday'), 'the runoff' ('round:runoff')."""
    kind, _, name = period.rstrip(ASSUMED).partition(":")
    if not name:
        return kind
    if kind == "month":
        return "months added up" if name == "cumulative" else name.capitalize()
    if kind == "by":
        return f"by {name}"
    if kind == "round":
        return f"the {name}" if name == "runoff" else f"the {name} round"
    if kind == "relative":
        return RELATIVE_YEAR_LABELS.get(name, f"{name} years from the document's")
    weekday = name.endswith("day") and name not in ("today", "yesterday")
    return name.capitalize() if weekday else name  # "Monday"; "now", "2024-03-05"


RELATIVE_YEAR_LABELS = {"-1": "last year", "+0": "this year", "+1": "next year"}


def period_kind(period: str) -> str:
    return period.partition(":")[0] if ":" in period else "year"


ASSUMED = "~"  # marks the year a value is taken to be of, when it states none


def overlapping(first: str, second: str) -> bool:
    if ":" in first or ":" in second:
        return first.rstrip(ASSUMED) == second.rstrip(ASSUMED)
    year_a, _, quarter_a = first.rstrip(ASSUMED).partition("-")
    year_b, _, quarter_b = second.rstrip(ASSUMED).partition("-")
    return year_a == year_b and (not quarter_a or not quarter_b or quarter_a == quarter_b)


def resolve_periods(periods: Sequence[str], day: dt.date | None) -> frozenset[str]:
    """Periods as years: 'year-1' ('last year') and a quarter without a year are the
    document's; a value said of no year is taken to be of the document's year, marked as
    assumed ('2026~'). Days are dates: 'now' is the document's, 'Saturday' the last
    Saturday up to it ("the fire had killed 16 people as of Saturday", said on Sunday)."""
    periods = [resolve_day(p, day) for p in periods]
    if day is None:
        # an undated document's years are said of its own: "44 tonnes last year" is not the
        # "7.2 tonnes" of its report, nor another undated document's figure of no year
        kept = {p for p in periods if p[:1].isdigit() or ":" in p}
        relative = {f"relative:{p[4:]}" for p in periods if p.startswith("year")}
        if not relative and not any(period_kind(p) == "year" for p in kept):
            relative = {f"relative:+0{ASSUMED}"}
        return frozenset(kept | relative)
    year = day.year
    resolved = set()
    if not any(period_kind(p) == "year" for p in periods):
        resolved.add(f"{year}{ASSUMED}")
    for period in periods:
        if ":" in period:
            resolved.add(period)
        elif period.startswith("year"):
            resolved.add(str(year + int(period[4:])))
        elif period.startswith("Q"):
            resolved.add(f"{year}-{period}")
        else:
            resolved.add(period)
    return frozenset(resolved)


def resolve_day(period: str, day: dt.date | None) -> str:
    """'day:saturday' -> 'day:2025-01-11' for a document of Sunday 12 January 2025."""
    if day is None or not period.startswith("day:"):
        return period
    word = period[4:]
    if word in ("now", "today"):
        return f"day:{day.isoformat()}"
    if word == "yesterday":
        return f"day:{(day - dt.timedelta(days=1)).isoformat()}"
    if word in WEEKDAY_NUMBERS:
        back = (day.weekday() - WEEKDAY_NUMBERS[word]) % 7
        return f"day:{(day - dt.timedelta(days=back)).isoformat()}"
    return period


WEEKDAY_NUMBERS = {name: number for number, name in enumerate(WEEKDAY_NAMES)}


def convert(quantity: Quantity, unit: str) -> tuple[Quantity, Quantity] | None:
    """When a text states a sum in two currencies, either can be compared."""
    if quantity.also is None or quantity.also[1] != unit:
        return None
    amount, _ = quantity.also
    other = Quantity(amount, quantity.grain, unit, quantity.actor, None, quantity.words)
    return other, other


def opening_word(sentence: Sentence, actor: str | None) -> bool:
    """Is the actor the sentence's first word, and that word alone?"""
    return bool(actor) and bool(sentence.tokens) and sentence.tokens[0].text == actor


def lower_words(document: AnalysedDocument) -> frozenset[str]:
    """The words a document writes in lower case."""
    return frozenset(t.text for s in document.sentences for t in s.tokens if t.text.islower())


def interval(value: Any) -> Interval:
    return Interval(float(value.low), float(value.high), str(value.precision), str(value.text))


ROLE_KEYS = {"from": ", earlier figure", "by": ", change", "raised to": ", after a change"}


class QuantityRule(Rule):
    """A general rule over one family of values (subclasses set `kinds`)."""

    general = True
    kinds: ClassVar[tuple[str, ...]] = ()
    label: ClassVar[str] = ""  # how the key names the family: "count", "money"
    needs_head: ClassVar[bool] = True  # a value that qualifies nothing is not compared
    unit_in_key: ClassVar[bool] = True  # percent and percentage points are two measures

    def patterns(self) -> Sequence[dict[str, Any]]:
        return [*actor_patterns(), *country_patterns()]

    def extract(self, document: AnalysedDocument) -> Iterable[Fact]:
        lowered: frozenset[str] | None = None
        for sentence in document.sentences:
            names: frozenset[str] | None = None
            for claim in read_claims(sentence, lexicon(), self.kinds):
                fact = self.fact(document, claim)
                if fact is None:
                    continue
                value = fact.value
                if isinstance(value, Quantity) and opening_word(sentence, value.actor):
                    lowered = lower_words(document) if lowered is None else lowered
                    if str(value.actor).lower() in lowered:
                        # "Water at 63 of 451 sites was rated poor": the sentence's first
                        # word, which the document writes in lower case too, names no one
                        fact = replace(fact, value=replace(value, actor=None))
                if isinstance(fact.value, Quantity) and not fact.value.scope:
                    names = sentence_names(sentence) if names is None else names
                    fact = replace(fact, value=replace(fact.value, names=names))
                yield fact

    def reframe(self, claim: Claim) -> Frame:
        """How this family reads a claim's frame (a rule may name a kind the words leave
        implicit)."""
        return claim.frame

    def fact(self, document: AnalysedDocument, claim: Claim) -> Fact | None:
        frame = self.reframe(claim)
        if not frame.asserted or (self.needs_head and not frame.head):
            return None
        if frame.head in NOT_COUNTED or frame.head_is_name:
            return None
        quantity = self.quantity(claim)
        if quantity is None:
            return None
        # sums in two currencies may be one sum converted: the key leaves the currency out
        unit = f" ({quantity.unit})" if quantity.unit and self.unit_in_key else ""
        # a level a change ends at is the level ("revenue fell 5% to $3.9 billion" against
        # "revenue of $3.6 billion"); where it started, by how much, and a running total an
        # announcement brings something to ("brings total aid to $185 million") are not
        role = ROLE_KEYS.get(frame.role or "", "")
        # an intention is compared with other statements of it, never with what was done
        intent = "planned " if frame.planned else "forecast " if frame.forecast else ""
        key = f"{self.label}{unit}: {intent}{frame.about or 'unspecified'}{role}"
        bare = replace(frame, purposes=())
        unqualified = f"{self.label}{unit}: {intent}{bare.about}{role}" if frame.purposes else ""
        span = document.document.span(claim.start, claim.end)
        date = document.document.date
        periods = resolve_periods(frame.periods, date)
        # a figure said of a place ("68 houses in Elk City") keeps its key without the place
        unscoped = replace(frame, scope="").about or "unspecified"
        scopeless = f"{self.label}{unit}: {intent}{unscoped}{role}" if frame.scope else ""
        quantity = replace(
            quantity,
            context=frame.context,
            unqualified=unqualified,
            periods=periods,
            recipient=frame.recipient,
            qualifiers=frame.qualifiers,
            scope=frame.scope,
            scopeless=scopeless,
        )
        # a figure decided at an event (a budget approved) holds for that event; a level
        # changes with time. Neither is compared with what another event decided or counted
        time = FactTime.EVENT if frame.settled else FactTime.CHANGING
        return Fact(self.id, key, quantity, span.quote, span, Confidence.NORMALISED, time)

    def align(self, facts: Sequence[Fact]) -> Iterable[Fact]:
        # increments ("an additional $50 million") are often tranches of one another: they
        # are one fact only when said in much the same words. Statements of one value are
        # grouped whatever their words: that can cause no false discrepancy
        facts = increment_as_level(qualify_by_value(scope_by_names(facts)))
        increments = [f for f in facts if f.key.endswith(INCREMENT_SUFFIX)]
        levels = [f for f in facts if not f.key.endswith(INCREMENT_SUFFIX)]
        return [
            # a quantity of one head stated once in each of two documents is one fact when
            # they share a word besides the head's ("after four years of negotiations in a
            # committee of experts", "after three years of talks among government experts")
            *align_by_value_context(
                levels,
                agree=self.cannot_contradict,
                join_sparse=True,
                lone_pair_shared=LONE_QUANTITIES_SHARED,
            ),
            *align_by_context(
                increments,
                lambda fact: fact.value.context,
                INCREMENT_ALIGNMENT_THRESHOLD,
                same_value_threshold=0.0,
            ),
        ]

    def cannot_contradict(self, a: Fact, b: Fact) -> bool:
        return self.compare(a, b).verdict is not Verdict.DISCREPANCY

    def quantity(self, claim: Claim) -> Quantity | None:
        raise NotImplementedError

    def compare(self, a: Fact, b: Fact) -> Comparison:
        return compare_quantities(a.value, b.value)


def sentence_names(sentence: Sentence) -> frozenset[str]:
    """The capitalised words of a sentence that may name where its figures hold: not its
    first word, nor a time, a country or a region ("Oklahoma" holds a city; it is no other
    place beside it)."""
    return frozenset(
        token.lower
        for token in sentence.tokens[1:]
        if token.text[:1].isupper() and token.lower not in TIME_WORDS and not names_area(token.text)
    )


@lru_cache(maxsize=8192)
def names_area(word: str) -> bool:
    """Is `word` a country or a region (that may hold a town), not a town itself? Asked of
    one sentence's words by every rule of quantities: cached."""
    return any(place.kind in ("country", "region") for place in resolve_places(word))


def scope_by_names(facts: Sequence[Fact]) -> list[Fact]:
    """'destroying 86 homes' in a sentence that names Elk City and no other place, beside '68
    houses in Elk City' in another document: the figure said of no place is said of the one
    its sentence names, when another document says a figure of its kind there (and its own
    document says none there: then it may be a total)."""
    # scopeless key -> the words of each place it is scoped to -> the scoped key
    scoped: dict[str, dict[frozenset[str], str]] = {}
    documents: dict[str, set[str]] = {}  # scoped key -> the documents stating it
    for fact in facts:
        value = fact.value
        if isinstance(value, Quantity) and value.scope:
            words = frozenset(re.findall(r"\w+", value.scope.lower()))
            scoped.setdefault(value.scopeless, {})[words] = fact.key
            documents.setdefault(fact.key, set()).add(fact.span.document)
    if not scoped:
        return list(facts)
    moved = []
    for fact in facts:
        value = fact.value
        places = scoped.get(fact.key, {}) if isinstance(value, Quantity) else {}
        named = [words for words in places if words <= value.names]
        # the one place its sentence names, and no other name beside it
        if len(named) == 1 and value.names <= named[0]:
            key = places[named[0]]
            if fact.span.document not in documents[key]:
                fact = replace(fact, key=key)
        moved.append(fact)
    return moved


def qualify_by_value(facts: Sequence[Fact]) -> list[Fact]:
    """'$85 million in aid' beside '$85 million in humanitarian aid' in another document: the
    statement without a purpose joins the one fact of its head that states the same value
    with a purpose (when just one does). Only equal values move, so nothing new can differ."""
    qualified: dict[tuple[str, Interval, str], set[str]] = {}
    for fact in facts:
        if fact.value.unqualified:
            signature = (fact.value.unqualified, fact.value.amount, fact.value.unit)
            qualified.setdefault(signature, set()).add(fact.key)
    moved = []
    for fact in facts:
        keys = qualified.get((fact.key, fact.value.amount, fact.value.unit), set())
        moved.append(replace(fact, key=next(iter(keys))) if len(keys) == 1 else fact)
    return moved


def increment_as_level(facts: Sequence[Fact]) -> list[Fact]:
    """'an additional $50 million in humanitarian assistance' in one document and '$50
    million in humanitarian assistance' in another: an increment stating the very value a
    level of its head states elsewhere is that sum told with the word, and joins its fact
    (the level stays where the other levels are compared)."""
    levels: dict[tuple[str, Interval, str], set[str]] = {}
    for fact in facts:
        if not fact.key.endswith(INCREMENT_SUFFIX):
            levels.setdefault((fact.key, fact.value.amount, fact.value.unit), set()).add(
                fact.span.document
            )
    moved = []
    for fact in facts:
        if fact.key.endswith(INCREMENT_SUFFIX):
            level_key = fact.key.removesuffix(INCREMENT_SUFFIX)
            documents = levels.get((level_key, fact.value.amount, fact.value.unit), set())
            if len(documents) > 1 or (documents and fact.span.document not in documents):
                fact = replace(fact, key=level_key)
        moved.append(fact)
    return moved


def plain(value: float) -> str:
    if math.isinf(value):
        return "∞"
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"
