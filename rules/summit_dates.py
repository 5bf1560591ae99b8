"""summit-dates: when and where NATO summits and ministerial meetings take place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from checker.dates import (
    DateValue,
    Unresolved,
    day,
    month_named,
    offset_date,
    sentence_tense,
    weekday_conflict,
)
from checker.model import (
    Comparison,
    Confidence,
    Fact,
    FactTime,
    StatedDate,
    Verdict,
    canonical_value,
)
from checker.nlp import AnalysedDocument, Mention, Sentence
from checker.rules import Rule, date_interval

from ._dates import meeting_dates
from ._meetings import (
    DEFAULT_ORG,
    Meeting,
    MeetingMention,
    MeetingRef,
    compare_meetings,
    meeting_patterns,
    meetings_in,
    reference_meetings,
    same_place,
    speaker,
)

# "one-month anniversary", "first anniversary": the unit the anniversary reaches back in
ANNIVERSARY_UNITS = ("day", "week", "month", "year")
ANNIVERSARY_COUNTS = {
    "one": 1, "two": 2, "three": 3, "six": 6,
    "first": 1, "second": 2, "third": 3, "fifth": 5, "tenth": 10,
}  # fmt: skip
EVENT_NOUNS = {
    "invasion", "attack", "war", "annexation", "start", "beginning", "outbreak", "signing",
    "founding", "creation", "election", "independence", "liberation", "withdrawal",
}  # fmt: skip


@dataclass(frozen=True)
class DerivedDate:
    """A date stated through another ("on the one-month anniversary of X")."""

    event: str
    date: DateValue | Unresolved  # unresolved in a document with no date to the day
    basis: str

    def __str__(self) -> str:
        return f"{self.date} ({self.basis})" if self.basis else str(self.date)


class SummitDates(Rule):
    id = "summit-dates"
    compare_within_document = True
    title = "Dates and places of summits and ministerial meetings"
    description = """
What it checks: the meeting a document reports ("NATO leaders met today") and the meetings
it announces ("Foreign Ministers ... when they meet in April", "when we meet in Madrid",
"the NATO summit in June"), and dates stated through an anniversary.

How: a meeting is identified by its body (NATO summit, Foreign Ministers, Defence
Ministers; "we" is the issuer's body: a statement by leaders or a head of state speaks for
the summit) and by its relation to the document: the meeting it reports, or the next one
it announces. Relative dates resolve against the document's date and keep their
precision ("in April" in a statement of 24 March 2022 is April 2022). The reference table
rules/data/nato_meetings.csv links a place to its dates, so that "in Madrid" and "in June"
can be recognised as the same meeting. Meetings of other bodies ("the parks committee will
meet in May") are not NATO meetings and are ignored. A summit is NATO's only when the
document names NATO (or the Allies); another organisation's ("the G7 summit", "the
Commonwealth summit") is keyed by its name, and a summit in a text that names none is
"summit", never linked to the table. Two days of a meeting no table knows, up to three days
apart, are complementary when a side says the meeting lasts days ("the two-day summit").
A known country or city named as a meeting's host is its place ("Mexico will host next
year's summit", "the summit, hosted by Japan"); an organisation that hosts is none. A past
meeting the table knows is that meeting, whenever the document is dated ("At Thursday's
extraordinary summit in Brussels", said on Friday); a meeting of a body no table knows,
said in the past tense to have been held at a place ("a summit of the Niger Basin
Authority held in Cotonou"), is the meeting a document of that day reports.

Verdicts: agreement (same date, or place and date of one table meeting); discrepancy
(different months, places or table meetings); complementary (a place on one side and a
date on the other that the table cannot link, said in the message); one_sided.
"""
    examples = (
        "agreement: 'when we meet in Madrid' and 'the NATO summit in June' (2022)",
        "discrepancy: 'when they meet in April' against 'when they meet in May'",
        "discrepancy: 'when we meet in Vilnius' against 'the NATO summit in June' (2022)",
        "complementary: 'when we meet in Rome' against 'the summit in June' (Rome not in table)",
    )

    def patterns(self) -> Sequence[dict[str, Any]]:
        return meeting_patterns()

    def extract(self, document: AnalysedDocument) -> Iterable[Fact]:
        anchor = document.document.day  # "today" needs a day, not a month
        speaking = speaker(document)
        upcoming: list[MeetingMention] = []
        for sentence in document.sentences:
            for mention in meetings_in(sentence, anchor, speaking):
                if mention.relation == "this meeting":
                    yield self._fact(document, mention, "this meeting")
                elif mention.relation == "past" and (earlier := known_meeting(mention.ref)):
                    # "At Thursday's extraordinary summit in Brussels, the Allies extended
                    # ...", said the day after: a meeting the table knows, whenever it was
                    yield self._fact(document, mention, "this meeting", earlier)
                elif mention.relation == "next meeting":
                    upcoming.append(mention)
            derived = anniversary(document, sentence, anchor)
            if derived is not None:
                yield derived
        yield from self._upcoming(document, upcoming)

    def _upcoming(
        self, document: AnalysedDocument, mentions: list[MeetingMention]
    ) -> Iterable[Fact]:
        """Number each body's announced meetings: the earliest is 'next meeting'."""
        for label in sorted({m.ref.label for m in mentions}):
            groups: dict[str, list[MeetingMention]] = {}
            for mention in (m for m in mentions if m.ref.label == label):
                ref = mention.ref
                identity = ref.meeting.id if ref.meeting else f"{ref.place}|{ref.date}"
                groups.setdefault(identity, []).append(mention)
            # A meeting named by its place alone ("when we meet in Madrid") is the next one;
            # meetings given a date are ranked by it ("in Madrid ... the Vilnius summit in 2023").
            named = [g for g in groups.values() if all(m.ref.date is None for m in g)]
            dated = sorted(
                (g for g in groups.values() if g not in named),
                key=lambda g: (start_of(g[0]), g[0].start),
            )
            ranked = [(0, g) for g in named] + [
                (rank + (1 if named else 0), g) for rank, g in enumerate(dated)
            ]
            for rank, group in ranked:
                relation = "next meeting" if rank == 0 else f"meeting after next (+{rank})"
                for mention in group:
                    yield self._fact(document, mention, relation)

    def _fact(
        self,
        document: AnalysedDocument,
        mention: MeetingMention,
        relation: str,
        meeting: Meeting | None = None,
    ) -> Fact:
        """A reported meeting is keyed by the meeting itself, so documents of any date compare
        what they say of it; a meeting the table cannot name, and an announced next meeting,
        are facts of the document's event (compared only among documents about it)."""
        span = document.document.span(mention.start, mention.end)
        ref = mention.ref
        time = FactTime.EVENT
        key = f"{ref.label}: {relation}"
        if relation == "this meeting":
            meeting = meeting or reported_meeting(ref, document.document.day)
            if meeting is not None:
                key, time = f"{ref.label}: {meeting.place}, {meeting.dates}", FactTime.FIXED
            else:
                key = f"{ref.label}: the meeting reported"
        return Fact(self.id, key, ref, span.quote, span, Confidence.NORMALISED, time)

    def covers(self, fact: Fact) -> Sequence[tuple[int, int]]:
        # a meeting's quote runs from its name to its date and place: what lies between
        # ("agreed on a package worth EUR 2,200 million") is left to the general rules
        parts = fact.value.parts if isinstance(fact.value, MeetingRef) else ()
        return parts or super().covers(fact)

    def self_check(self, fact: Fact) -> str | None:
        return weekday_conflict(fact.raw)  # "On Friday, 24 March 2022" (a Thursday)

    def compare(self, a: Fact, b: Fact) -> Comparison:
        pending = [str(u) for u in (unresolved_of(a.value), unresolved_of(b.value)) if u]
        if pending and self.normalise(a) == self.normalise(b):
            return Comparison(Verdict.AGREEMENT, "")  # stated alike: one side, as grouping has it
        other_month = months_apart(a.value, b.value) or months_apart(b.value, a.value)
        if other_month:
            return Comparison(Verdict.DISCREPANCY, other_month)
        if pending:  # "next week" in an undated document fits any date: never a discrepancy
            return Comparison(Verdict.COMPLEMENTARY, f"cannot be compared: {'; '.join(pending)}")
        if isinstance(a.value, DerivedDate) and isinstance(b.value, DerivedDate):
            if a.value.date == b.value.date:
                return Comparison(Verdict.AGREEMENT, "")
            return Comparison(Verdict.DISCREPANCY, f"{a.value.date} against {b.value.date}")
        return compare_meetings(a.value, b.value)

    def normalise(self, fact: Fact) -> str:
        """A meeting's unresolved date stands apart from its other fields (see MeetingRef), so
        it is added here: 'next week' and 'in two months', both unresolved, are two values."""
        pending = unresolved_of(fact.value)
        normal = super().normalise(fact)
        if isinstance(fact.value, MeetingRef) and pending is not None:
            return f"{normal}|{canonical_value(pending)}"
        return normal

    def dates(self, fact: Fact) -> Sequence[StatedDate]:
        if isinstance(fact.value, DerivedDate):
            return date_interval(fact.value.date)
        return meeting_dates(fact.value) if isinstance(fact.value, MeetingRef) else ()


REPORTED_BEFORE_DAYS = 3  # a statement may be issued on the eve of the meeting it reports
REPORTED_AFTER_DAYS = 14  # or in the days after it


NEAR_DAYS = 3  # a stated day this close to a meeting held at the stated place is its day


def meeting_near(ref: MeetingRef) -> Meeting | None:
    """The one meeting of the body at the stated place within a few days of the stated day."""
    if ref.date is None or ref.date.precision != "day" or ref.place is None:
        return None
    near = [
        m
        for m in reference_meetings()
        if m.body == ref.body
        and same_place(m.place, ref.place)
        and abs((m.dates.start - ref.date.start).days) <= NEAR_DAYS
    ]
    return near[0] if len(near) == 1 else None


def known_meeting(ref: MeetingRef) -> Meeting | None:
    """The table's meeting a past meeting's stated date and place name (or miss by a day or
    two at that place): None for another body's, or one the table does not know."""
    if ref.org != DEFAULT_ORG or ref.date is None:
        return None
    return ref.meeting or meeting_near(ref)


def reported_meeting(ref: MeetingRef, day_of_document: dt.date | None) -> Meeting | None:
    """The table's meeting a document reports: of the body it names, held around the
    document's day (the stated date or place only when the document has no day). The
    document's own date decides, so a wrong date stated for the meeting is compared
    against the right one, not keyed apart."""
    if ref.org != DEFAULT_ORG:
        return None
    if day_of_document is None:
        # a place alone names no one meeting (Brussels has many): only a stated date does,
        # or a day that misses the meeting held there by a day or two (a wrong date of it)
        if ref.date is None:
            return None
        return ref.meeting or meeting_near(ref)
    window = dt.timedelta
    around = [
        m
        for m in reference_meetings()
        if m.body == ref.body
        and m.dates.start - window(days=REPORTED_BEFORE_DAYS)
        <= day_of_document
        <= m.dates.end + window(days=REPORTED_AFTER_DAYS)
    ]
    around.sort(key=lambda m: (abs((m.dates.start - day_of_document).days), m.id))
    return around[0] if around else None


def months_apart(first: object, second: object) -> str:
    """'in June' in an undated document against 'July 2022': whatever its year, the
    meeting is not in both months (empty when they are not so stated)."""
    unresolved = unresolved_of(first)
    if unresolved is None or not isinstance(second, MeetingRef) or second.date is None:
        return ""
    words = unresolved.text.lower().split()
    stated = month_named(words[-1]) if words and len(words) <= 2 else None
    date = second.date
    if stated is None or (date.start.year, date.start.month) != (date.end.year, date.end.month):
        return ""
    if date.start.month == stated:
        return ""
    return f"in {unresolved.text} against {date}"


def unresolved_of(value: object) -> Unresolved | None:
    """The relative date a fact states that its undated document could not resolve."""
    if isinstance(value, MeetingRef):
        return value.unresolved_date
    if isinstance(value, DerivedDate) and isinstance(value.date, Unresolved):
        return value.date
    return None


def start_of(mention: MeetingMention) -> dt.date:
    ref = mention.ref
    if ref.meeting:
        return ref.meeting.dates.start
    return ref.date.start if ref.date else dt.date.max


def anniversary(
    document: AnalysedDocument, sentence: Sentence, anchor: dt.date | None
) -> Fact | None:
    """'on the one-month anniversary of Russia's invasion of Ukraine', said on 24 March 2022:
    the invasion was on 24 February 2022. The anniversary is the document's day unless the
    sentence is in the future tense (an anniversary still to come dates nothing from the
    document's day); in a document with no day the date is unresolved, not dropped."""
    mentions: list[Mention] = sentence.labelled("ANNIVERSARY")
    if not mentions or sentence_tense(sentence.tokens) == "future":
        return None
    mention = mentions[0]
    words = [t.lower for t in sentence.tokens[mention.first_token : mention.last_token]]
    count = next((ANNIVERSARY_COUNTS[w] for w in words if w in ANNIVERSARY_COUNTS), None)
    unit = next((w for w in words if w in ANNIVERSARY_UNITS), "year")
    if count is None:
        return None
    tokens = sentence.tokens[mention.last_token :]
    event_index = next((i for i, t in enumerate(tokens[:8]) if t.lower in EVENT_NOUNS), None)
    if event_index is None:
        return None
    event_tokens = [tokens[event_index]]
    rest = tokens[event_index + 1 :]
    if len(rest) >= 2 and rest[0].lower == "of" and rest[1].text[:1].isupper():
        event_tokens += rest[:2]
    event = " ".join(t.text for t in event_tokens)
    said = document.document.text[mention.start : mention.end].rsplit(" anniversary", 1)[0]
    span = document.document.span(mention.start, event_tokens[-1].end)
    if anchor is None:
        value = DerivedDate(event, Unresolved(f"{said} anniversary"), "")
    else:
        date = day(offset_date(anchor, -count, unit))
        value = DerivedDate(event, date, f"{said} before {day(anchor)}")
    return Fact(
        SummitDates.id,
        f"date of the {event}",
        value,
        span.quote,
        span,
        Confidence.NORMALISED,
        FactTime.FIXED,
    )


RULE = SummitDates()
