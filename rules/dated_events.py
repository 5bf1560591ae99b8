"""dated-events: the day an event happened or will happen, compared across sources."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from checker.claims import (
    WEEKDAY_NAMES,
    align_by_value_context,
    context_words,
    is_content,
    past_dateline,
)
from checker.comparators import compare_intervals
from checker.date_mentions import find_date_mentions, find_weekday_mentions
from checker.dates import (
    STAND_IN_ANCHOR,
    DateValue,
    month_named,
    resolve_date,
    sentence_tense,
    weekday_conflict,
)
from checker.model import Comparison, Confidence, Fact, FactTime, Verdict
from checker.nlp import AnalysedDocument, Sentence
from checker.rules import Rule

from ._tables import read_table

HALF_YEAR = 183  # days
WINDOW = 16  # tokens around a date in which its event word is looked for (its clause)


@cache
def event_words() -> dict[str, str]:
    return {row["word"]: row["event"] for row in read_table("event_words.csv")}


@cache
def year_events() -> dict[str, str]:
    return {row["word"]: row["event"] for row in read_table("year_events.csv")}


# A year after "in": "opened in 1961". The word before is looked at by `year_event`.
IN_YEAR = re.compile(r"\b(?:in|from)\s+(?P<year>1[5-9]\d\d|20\d\d)\b(?!\s*[-–/]\s*\d)")


@cache
def lasting_events() -> frozenset[str]:
    """Events that may run past midnight or over days: dated by one day or the next."""
    return frozenset(row["event"] for row in read_table("event_words.csv") if row["lasts"])


# The year a date stated without one stands in, in a document with no date to give it one:
# a leap year, so that 29 February is a day of it. Such a date is compared by its day and
# month only, and never shown with this year.
YEAR_NOT_STATED = 2000
DAY_NAMES = tuple(day.capitalize() for day in WEEKDAY_NAMES)  # as messages show them


@dataclass(frozen=True)
class EventDate:
    """The day of an event. In a document with no date, a date may lack its year ("on 14
    May": `yearless`, its date in YEAR_NOT_STATED) or be a weekday alone ("on Sunday":
    `weekday`, its date None): each is compared as far as it goes."""

    event: str
    date: DateValue | None
    stated: str = field(default="", compare=False)
    context: frozenset[str] = field(default=frozenset(), compare=False)
    yearless: bool = False
    weekday: str = ""  # "Sunday", for a weekday named alone in an undated document

    def __str__(self) -> str:
        if self.date is None:
            return self.weekday
        if self.yearless:
            shown = str(self.date).replace(f" {YEAR_NOT_STATED}", "")
            return f"{shown} (year not stated)"
        return f"{self.date} ({self.stated})" if self.stated else str(self.date)


def in_year_not_stated(value: DateValue) -> DateValue:
    """A date's days and months, in the year that stands for one not stated."""
    shift = YEAR_NOT_STATED - value.start.year
    return DateValue(
        value.start.replace(year=YEAR_NOT_STATED),
        value.end.replace(year=value.end.year + shift),
        value.precision,
    )


class DatedEvents(Rule):
    id = "dated-events"
    general = True
    title = "Dates of events"
    description = """
What it checks: the day of an event a document reports or announces ("the vote on June
12", "On February 6, a magnitude 7.8 earthquake struck", "its launch on Nov. 16, 2022",
"from 19 to 21 May 2023", "a crane collapsed in Croydon on Wednesday").

How: a date that names a day is tied to the event word next to it, or in its clause
(rules/data/event_words.csv: vote and voted, launch and launched, earthquake and quake). A
date without a year takes the year that makes the sentence's tense true against the
document's date; a weekday ("on Wednesday", "last Tuesday", "Friday afternoon's collapse")
is the day of that name the tense points to from the document's date. A date that opens a
sentence naming no event dates the event of the next sentence when it says that day ("On
February 6, life changed in an instant. At 4:17 A.M. that morning, a magnitude 7.8
earthquake struck"). In a document with no date at all (a summary, an extract), a date
without a year is compared by its day and month ("14 May (year not stated)"), and a
weekday named alone as that weekday: against another weekday, or the weekday of a full
date. The year of what happens once to a thing ("the museum, which opened in 1961", "built
in 2015", "painted in 1650", "dates from 1630"; rules/data/year_events.csv) is a fact of
its own, read only right after its verb and "in" (or a word of dating and "from"). Dates
of one event in different words, from different documents, are one fact when the words
around them agree. Summit and meeting dates are left to the more specific summit-dates
rule.

Verdicts: agreement for the same day; discrepancy for days that cannot both be the day
of the event (June 12 against June 13); complementary when one contains the other (the
19-21 May summit and "May 20"), or for an event that may run into the next day (a fire, a
storm, a sinking, a visit: the "lasts" column of the table) when the days touch; one_sided.
"""
    examples = (
        "agreement: 'the vote on June 12' and 'councillors voted on Wednesday, June 12'",
        "discrepancy: 'the vote on June 12' against 'the vote on June 13'",
        "complementary: 'from 19 to 21 May 2023' beside 'On May 20, 2023'",
    )

    def extract(self, document: AnalysedDocument) -> Iterable[Fact]:
        anchor = document.document.day
        undated = document.document.date is None
        sentences = document.sentences
        for number, sentence in enumerate(sentences):
            # a weekday is a day against the document's own day; in a document with no date
            # at all, it is that weekday
            dates = find_date_mentions(sentence.text)
            if dates and (opening := past_dateline(sentence.tokens, 0, len(sentence.tokens))):
                # "VIENNA, 29 November - ministers meeting on Thursday": the report's day
                after = sentence.tokens[opening - 1].end - sentence.start
                dates = [date for date in dates if date.start >= after]
            weekdays = (
                find_weekday_mentions(sentence.text, dates) if anchor is not None or undated else []
            )
            yield from self._years(document, sentence)
            for mention, qualifies in [
                *((date, True) for date in dates),
                *((weekday, False) for weekday in weekdays),
            ]:
                fact = self._fact(
                    document,
                    sentence,
                    mention.start,
                    mention.end,
                    mention.text,
                    anchor,
                    # "on Thursday left its operator hurt": a weekday after "on" qualifies
                    # no noun
                    qualifies=qualifies,
                )
                if fact is None and qualifies and number + 1 < len(sentences):
                    # "On February 6, life changed in an instant. At 4:17 A.M. that morning,
                    # a magnitude 7.8 earthquake struck": the event the next sentence tells
                    # of that day
                    following = sentences[number + 1]
                    told = event_told_after(sentence, mention.start, following)
                    if told is not None:
                        fact = self._fact(
                            document, sentence, mention.start, mention.end, mention.text,
                            anchor, event=told,
                        )  # fmt: skip
                    if fact is not None:  # said in the words of the sentence that tells it
                        around = words_around(following.tokens, 0, len(following.tokens) - 1)
                        fact = replace(fact, value=replace(fact.value, context=around))
                if fact is not None:
                    yield fact

    def _fact(
        self,
        document: AnalysedDocument,
        sentence: Sentence,
        start: int,
        end: int,
        stated: str,
        anchor: Any,
        *,
        qualifies: bool = True,
        event: str | None = None,
    ) -> Fact | None:
        absolute_start, absolute_end = sentence.start + start, sentence.start + end
        tokens = sentence.tokens
        found = sentence.token_range(absolute_start, absolute_end)
        if found is None:
            return None
        first, last = found
        event = event or event_near(tokens, first, last + 1, qualifies=qualifies)
        if event is None:
            return None
        tense = sentence_tense(sentence.text)
        if not qualifies and tense is None:
            # a weekday is a week's day either side of the document's: it needs a tense, read
            # without the words of who reports it ("will vote on Thursday, the council said")
            reported = REPORTED_BY.sub("", sentence.text)
            tense = sentence_tense(reported) or ("past" if PAST_FORM.search(reported) else None)
            if tense is None:
                return None
        said = " ".join(sentence.text[start:end].split())
        value = resolve_in_tense(document, stated, anchor, tense)
        context = words_around(tokens, first, last)
        dated: EventDate | None
        if value is not None:
            dated = EventDate(event, value, said, context)
        elif document.document.date is None:
            dated = partial_date(event, stated, said, context)
        else:
            return None
        if dated is None:
            return None
        span = document.document.span(absolute_start, absolute_end)
        return Fact(
            self.id,
            f"date of the {event}",
            dated,
            span.quote,
            span,
            Confidence.NORMALISED,
            FactTime.EVENT,  # "the summit" of one event is not that of another
        )

    def _years(self, document: AnalysedDocument, sentence: Sentence) -> Iterable[Fact]:
        """'The museum, which opened in 1961': the year of what happens once to a thing."""
        if "in " not in sentence.text and "from " not in sentence.text:
            return
        tokens = sentence.tokens
        for match in IN_YEAR.finditer(sentence.text):
            start = sentence.start + match.start("year")
            found = sentence.token_range(start, sentence.start + match.end("year"))
            if found is None:
                continue
            first, last = found
            event = year_event(tokens, first - 1)
            if event is None:
                continue
            year = int(match.group("year"))
            value = DateValue(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
            span = document.document.span(start, sentence.start + match.end("year"))
            yield Fact(
                self.id,
                f"year of the {event}",
                EventDate(event, value, match.group("year"), words_around(tokens, first, last)),
                span.quote,
                span,
                Confidence.NORMALISED,
                FactTime.EVENT,
            )

    def align(self, facts: Sequence[Fact]) -> Iterable[Fact]:
        # one day for one kind of event is one fact whatever the words around it: grouping
        # equal days can cause no false discrepancy
        return align_by_value_context(number_by_value(facts), join_sparse=True)

    def self_check(self, fact: Fact) -> str | None:
        return weekday_conflict(fact.raw)  # "On Friday, 24 March 2022" (a Thursday)

    def compare(self, a: Fact, b: Fact) -> Comparison:
        if a.value.date is None or b.value.date is None:
            return compare_weekdays(a.value, b.value)
        if a.value.yearless or b.value.yearless:
            return compare_days(a, b)
        first, second = a.value.date, b.value.date
        if first == second:
            return Comparison(Verdict.AGREEMENT, "")
        return compare_spans(first, second, a.value.event, (str(first), str(second)))


def partial_date(event: str, stated: str, said: str, context: frozenset[str]) -> EventDate | None:
    """A date a document with no date of its own states without a year ("on 14 May"), or a
    weekday it names alone ("on Sunday")."""
    last = stated.split()[-1] if stated.split() else ""
    if last in WEEKDAY_NAMES:  # "tuesday", "last tuesday"
        return EventDate(event, None, said, context, weekday=last.capitalize())
    value = resolve_date(stated, STAND_IN_ANCHOR, "past")
    if value is None:
        return None
    return EventDate(event, in_year_not_stated(value), said, context, yearless=True)


def day_of_year(value: EventDate) -> DateValue:
    assert value.date is not None  # a weekday alone is compared by compare_weekdays
    return value.date if value.yearless else in_year_not_stated(value.date)


def compare_days(a: Fact, b: Fact) -> Comparison:
    """Two dates of which one or both lack a year: compared by day and month."""
    # DateValue meets comparators' Interval at run time (its methods take DateValue)
    first: Any = day_of_year(a.value)
    second: Any = day_of_year(b.value)
    if first == second:
        return Comparison(
            Verdict.AGREEMENT if a.value.yearless and b.value.yearless else Verdict.COMPLEMENTARY,
            f"{a.value} and {b.value}: the same day of the year",
        )
    return compare_spans(first, second, a.value.event, (str(a.value), str(b.value)))


def compare_spans(first: Any, second: Any, event: str, shown: tuple[str, str]) -> Comparison:
    """Two days or periods of one event (`shown` as the message names them): a discrepancy
    when they cannot both hold, unless the event may run from one into the other."""
    verdict = compare_intervals(
        first, second, first_exact=first.precision == "day", second_exact=second.precision == "day"
    )
    if verdict is Verdict.DISCREPANCY and next_day(first, second) and lasts(event):
        return Comparison(
            Verdict.COMPLEMENTARY,
            f"{shown[0]} and {shown[1]}: a {event} may run from one day into the next",
        )
    if verdict is Verdict.DISCREPANCY:
        return Comparison(verdict, f"{shown[0]} against {shown[1]}")
    return Comparison(verdict, f"{shown[0]} and {shown[1]} are compatible")


def compare_weekdays(first: EventDate, second: EventDate) -> Comparison:
    """A weekday named alone beside another, or beside a date: a date of another weekday,
    or another weekday, cannot be the same day (unless the event may run into the next
    day); a date without a year has no weekday to tell."""
    days = [
        value.weekday
        if value.date is None
        else (
            None
            if value.yearless or value.date.precision != "day"
            else DAY_NAMES[value.date.start.weekday()]
        )
        for value in (first, second)
    ]
    if days[0] is None or days[1] is None:
        return Comparison(Verdict.COMPLEMENTARY, f"{first} and {second}: no weekday to compare")
    if days[0] == days[1]:
        both = first.date is None and second.date is None
        return Comparison(
            Verdict.AGREEMENT if both else Verdict.COMPLEMENTARY,
            "" if both else f"{first} and {second}: the same weekday",
        )
    apart = (DAY_NAMES.index(days[0]) - DAY_NAMES.index(days[1])) % 7
    if apart in (1, 6) and lasts(first.event):
        return Comparison(
            Verdict.COMPLEMENTARY,
            f"{first} and {second}: a {first.event} may run from one day into the next",
        )
    return Comparison(Verdict.DISCREPANCY, f"{first} against {second}")


# A verb in a past form, not a participle after "be" ("is expected"): "toppled", "collapsed".
PAST_FORM = re.compile(
    r"(?i)(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )(?<!\bwill )\b[a-z]{3,}ed\b"
)


# The words that say who reports a sentence, at its end: ", the council said."
REPORTED_BY = re.compile(
    r"(?i),\s*(?:[\w'’.-]+\s+){0,5}(?:said|says|told|added|reported|announced|confirmed)"
    r"(?:\s+[\w'’.-]+){0,5}\s*[.!]?\s*$"
)


def words_around(
    tokens: Sequence[Any], first: int, last: int, reach: int = 10, *, periods_apart: bool = False
) -> frozenset[str]:
    """The context words of tokens[first..last]: `reach` tokens either side, an event word
    in any of its forms as its event ("collapsed" and "toppled" both say collapse)."""
    return context_words(
        [*tokens[max(0, first - reach) : first], *tokens[last + 1 : last + 1 + reach]],
        classes=event_words(),
        periods_apart=periods_apart,
    )


def year_event(tokens: Sequence[Any], before: int) -> str | None:
    """The once-only event whose word stands before "in" at tokens[before] ("opened in"),
    past one adverb ("first opened in", "originally built in"), or before "from" for a
    word of dating ("dates from 1630", "dating from")."""
    if before < 1 or tokens[before].lower not in ("in", "from"):
        return None
    words = year_events()
    word = tokens[before - 1].lower
    if tokens[before].lower == "from":
        return words.get(word) if word in DATING_WORDS else None
    if word in words:
        return words[word]
    if before >= 2 and (word.endswith("ly") or word in ("first", "then")):
        return words.get(tokens[before - 2].lower)
    return None


DATING_WORDS = frozenset({"dates", "dating", "date", "dated"})  # "dates from 1630"


def lasts(event: str) -> bool:
    """Whether an event ("the first fire" is a fire) may run into the next day."""
    return event.rsplit(" ", 1)[-1] in lasting_events()


def next_day(first: DateValue, second: DateValue) -> bool:
    """Do the two dates touch, one ending the day before the other begins?"""
    one = dt.timedelta(days=1)
    return first.end + one == second.start or second.end + one == first.start


def resolve_in_tense(
    document: AnalysedDocument, stated: str, anchor: Any, tense: str | None
) -> DateValue | None:
    """A date as the sentence's tense places it; with no tense ("the meeting, taking place
    on 23-24 June", said on 22 June), the year that puts it nearest the document's date."""
    if tense is not None:
        direction = "future" if tense == "future" else "past"
        day = anchor or period_end(document, direction)
        value = resolve_date(stated, day, direction, tense=tense)
        if value is None or day is None or distance_from(value, day) <= HALF_YEAR:
            return value
        # "The board declared a dividend, payable on November 15", said on 24 October: the
        # tense is the declaring's; a date half a year or more away in its direction is
        # less likely than the one within weeks on the other side
        other = resolve_date(stated, day, "past" if direction == "future" else "future")
        if other is not None and distance_from(other, day) < HALF_YEAR:
            return other
        return value
    found = [
        value
        for direction in ("past", "future")
        if (value := resolve_date(stated, anchor or period_end(document, direction), direction))
        is not None
    ]
    if not found:
        return None
    day = anchor or period_end(document, "past")
    return min(found, key=lambda value: distance_from(value, day)) if day else found[0]


def distance_from(value: DateValue, day: Any) -> int:
    """Days between a date or period and a day (0 when the period holds it)."""
    if value.start <= day <= value.end:
        return 0
    return min(abs((value.start - day).days), abs((value.end - day).days))


def period_end(document: AnalysedDocument, direction: str) -> Any:
    """For a document dated to the month or year, the day that gives a date stated without a
    year the document's year: the period's last day looking back, its first looking ahead."""
    doc = document.document
    if doc.date is None:
        return None
    if direction == "future" or doc.date_precision == "day":
        return doc.date
    if doc.date_precision == "year":
        return doc.date.replace(month=12, day=31)
    following = doc.date.replace(day=28) + dt.timedelta(days=4)
    return following - dt.timedelta(days=following.day)


# Words that take the day a sentence opens with into the next: "On February 6, ... At 4:17
# A.M. that morning, a magnitude 7.8 earthquake struck".
THAT_DAY = re.compile(
    r"(?i)\b(?:(?:later\s+|early\s+|earlier\s+)?that\s+(?:morning|afternoon|evening|night|day)"
    r"|the\s+same\s+day)\b"
)
OPENING_ON = re.compile(r"(?i)^\s*(?:on\s+)?$")


def event_told_after(sentence: Sentence, start: int, following: Sentence) -> str | None:
    """The event of the sentence after one that opens with a date (at `start`) and names
    none, when it says it happened that day ("that morning", "the same day"); else None."""
    if not OPENING_ON.match(sentence.text[:start]) or not THAT_DAY.search(following.text):
        return None
    words = event_words()
    tokens = following.tokens
    for index in range(len(tokens)):
        if index + 1 < len(tokens) and qualified(tokens, index + 1, words) is not None:
            continue  # a compound's event is its last word
        event = qualified(tokens, index, words)
        if event is not None:
            return event
    return None


def event_near(
    tokens: Sequence[Any], first: int, after: int, *, qualifies: bool = True
) -> str | None:
    """The event a date belongs to: the word right after it ("the February 6 earthquakes"),
    the word before "on" or "of" before it ("the vote on June 12"), else, for a date that
    opens its clause ("On February 6, a 7.8 earthquake struck"), the nearest event word in
    the clause. A date that qualifies another noun ("the February 14 flash appeal") has none."""
    words = event_words()
    if after < len(tokens) and tokens[after].lower in words:
        return qualified(tokens, after, words)
    owned = possessed_event(tokens, after, words)
    if owned is not None:
        return owned  # "Friday afternoon's collapse", "Sunday's election"
    if first >= 2 and tokens[first - 1].lower in ("on", "of", "for"):
        named = event_of_name(tokens, first - 2, words)
        if named is not None:
            return qualified(tokens, named, words)
    if (
        qualifies
        and after < len(tokens)
        and is_content(tokens[after])
        and not tokens[after].like_num
        # "On 15 May ISRO sent a probe": a name after "on" and a date is the clause's subject
        and not (first and tokens[first - 1].lower == "on" and tokens[after].text[:1].isupper())
    ):
        return None  # "the February 14 flash appeal"
    if own_verb_before(tokens, first, words):
        return None  # "a strike that began on January 11", "results were certified on ..."
    # a date that opens its clause, or follows a preposition ("took place from 19 to 21
    # May"), belongs to the event its clause names
    opens = (
        first == 0
        or tokens[first - 1].text in ",;:("
        or tokens[first - 1].lower
        in ("on", "by", "since", "until", "from", "between", "during", "for")
        # "made landfall in southwest Florida Sept. 28, 2022": a date after a name
        or tokens[first - 1].text[:1].isupper()
        # "a fire damaged four classrooms last Tuesday": a weekday is an adverb of time
        or not qualifies
    )
    if not opens:
        return None
    # a date dates the event word before it in its clause when there is one ("made landfall
    # near Cayo Costa, Florida, Sept. 28, 2022, as a Category 4 storm"), else the nearest
    # after it ("On February 6, a 7.8 earthquake struck": nothing but "On" comes before)
    # a weekday after its clause's start dates what came before it ("took off at 10.05pm on
    # Tuesday and landed at 9.10am"): only one that opens its clause looks ahead
    ahead = (
        qualifies
        or first == 0
        or (
            first >= 1
            and tokens[first - 1].lower == "on"
            and (first == 1 or tokens[first - 2].text in ",;:(")
        )
    )
    # a date that opens its sentence dates the event its sentence names, however far, an
    # event told by a verb first ("On 15 May ISRO sent a probe on a four-month trip ...,
    # launching from Sriharikota": the launch, not the trip)
    opening = first == 0 or (first == 1 and tokens[0].lower == "on")
    reach = len(tokens) if opening else after + WINDOW
    nearest: tuple[int, int, int, str] | None = None
    for index in range(max(0, first - WINDOW), min(len(tokens), reach)):
        if first <= index < after or tokens[index].text in (";", ".", "?", "!"):
            continue
        if index >= after and not ahead:
            break
        if index + 1 < len(tokens) and qualified(tokens, index + 1, words) is not None:
            continue  # "the Major Disaster Declaration": a compound's event is its last word
        event = qualified(tokens, index, words)
        if event is not None and index < first and after_another(tokens, index):
            continue  # "Images from the launch are expected on June 20": not the launch's date
        if event is not None:
            before = index < first
            distance = first - index if before else index - after
            noun = not (opening and tokens[index].lower.endswith(("ing", "ed")))
            rank = (0 if before else 1, int(noun), distance, event)
            if nearest is None or rank < nearest:
                nearest = rank
    return nearest[3] if nearest else None


DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


def possessed_event(tokens: Sequence[Any], after: int, words: Mapping[str, str]) -> str | None:
    """The event a date owns: "Friday afternoon's collapse", "Sunday's election"."""
    index = after
    while index < len(tokens) and index - after < 2 and tokens[index].lower in DAY_PARTS:
        index += 1
    if (
        index + 1 < len(tokens)
        and tokens[index].text in POSSESSIVES
        and tokens[index + 1].lower in words
    ):
        return qualified(tokens, index + 1, words)
    return None


def event_of_name(tokens: Sequence[Any], index: int, words: Mapping[str, str]) -> int | None:
    """The event word at tokens[index], or before what it befell: "the vote on June 12",
    "the collapse of the Francis Scott Key Bridge on March 26", "the sinking of the
    steamship Aurora on" (the event word, "of", then up to six words of a noun phrase that
    opens with "the" or a name)."""
    if tokens[index].lower in words:
        return index
    back = index
    while back > max(0, index - 6) and tokens[back].text.isalpha():
        if tokens[back].lower in words or tokens[back].lower in CLAUSE_VERBS:
            return None
        if tokens[back - 1].lower == "of":
            opens = tokens[back].lower == "the" or tokens[back].text[:1].isupper()
            if opens and back >= 2 and tokens[back - 2].lower in words:
                return back - 2
            return None
        back -= 1
    return None


# Words before an event word that make it one of several: "the first vote", "the final
# vote", "the previous election", "the second launch", "its main annual session" (one that
# recurs, not the one being reported).
EVENT_QUALIFIERS = frozenset(
    {"first", "second", "third", "fourth", "final", "last", "previous", "next", "initial",
     "earlier", "latest", "preliminary", "second-round", "first-round", "annual", "yearly",
     "biennial", "regular"}
)  # fmt: skip
# Event words that name the event only with the particle after them: "lifted off",
# "touched down", "took off", "came down".
PARTICLES = {"lifted": "off", "touched": "down", "took": "off", "came": "down"}


def qualified(tokens: Sequence[Any], index: int, words: Mapping[str, str]) -> str | None:
    """The event tokens[index] names, with the word that makes it one of several."""
    word = tokens[index].lower
    event = words.get(word)
    if event is None:
        return None
    particle = PARTICLES.get(word)
    if particle and (index + 1 >= len(tokens) or tokens[index + 1].lower != particle):
        return None  # "the ban was lifted on March 1"
    return with_qualifier(tokens, index, event)


def with_qualifier(tokens: Sequence[Any], index: int, event: str) -> str:
    """The event with the word before tokens[index] that makes it one of several, or the
    period that does ("next year's session", "last year's assembly")."""
    number = numbered(tokens, index)
    if number:
        return f"{number} {event}"  # "its 96th session", "the 13th Annual Meeting"
    if index and tokens[index - 1].lower in EVENT_QUALIFIERS:
        return f"{tokens[index - 1].lower} {event}"  # "the next final"
    if (
        index >= 3
        and tokens[index - 1].lower in ("'s", "’s")
        and tokens[index - 2].lower in ("year", "month", "week")
        and tokens[index - 3].lower in PERIOD_QUALIFIERS
    ):
        return f"{PERIOD_QUALIFIERS[tokens[index - 3].lower]} {event}"
    return event


def number_by_value(facts: Sequence[Fact]) -> list[Fact]:
    """'the date of the summit' beside 'the date of the 49th summit' in another document: a
    statement of an event without its number joins the one numbered key of that event that
    states the same value (only equal values move, so nothing new can differ)."""
    numbered_keys: dict[tuple[str, Any], set[str]] = {}
    for fact in facts:
        head, _, event = fact.key.rpartition(" the ")
        number, _, plain = event.partition(" ")
        if plain and ORDINAL.fullmatch(number):
            numbered_keys.setdefault((f"{head} the {plain}", unnamed(fact.value)), set()).add(
                fact.key
            )
    moved = []
    for fact in facts:
        keys = numbered_keys.get((fact.key, unnamed(fact.value)), set())
        moved.append(replace(fact, key=next(iter(keys))) if len(keys) == 1 else fact)
    return moved


def unnamed(value: Any) -> Any:
    """A value as compared, without the event word it carries ("summit", "49th summit")."""
    return replace(value, event="") if isinstance(value, EventDate) else value


def numbered(tokens: Sequence[Any], index: int) -> str:
    """The number of the event word at tokens[index] in its series, said before it or
    before the name it ends ("the 50th Consultative Committee Meeting"), else ''."""
    for back in range(index - 1, max(-1, index - 1 - NAME_REACH), -1):
        word = tokens[back]
        if ORDINAL.fullmatch(word.lower):
            # "the February 6th earthquake": a day of a month, not a number in a series
            dated = back > 0 and month_named(tokens[back - 1].lower) is not None
            return "" if dated else str(word.lower)
        if not (word.text[:1].isupper() or word.lower in EVENT_QUALIFIERS):
            return ""
    return ""


NAME_REACH = 4  # words of a name between an event's number and its event word
# a number before an event word makes it that one of a series: "its 96th session", "the
# sixth summit" (first to fourth are among EVENT_QUALIFIERS)
ORDINAL = re.compile(
    r"\d+(?:st|nd|rd|th)|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth"
)
# "next year's session" is the next session; "last year's assembly" the previous one.
PERIOD_QUALIFIERS = {"next": "next", "last": "previous", "previous": "previous"}


# Verbs that date a happening of their own when a date follows them ("began on"), unless
# they name an event of the table; verbs that only place the event named elsewhere ("the
# election was held on") are not among them.
OWN_VERBS = frozenset(
    {"began", "begun", "begins", "begin", "start", "starts", "effect", "expires", "expire",
     "due", "payable", "paid", "struck", "died", "ended", "ends", "end", "rose", "rises",
     "climbed", "stood", "stands", "reached", "reaches", "fell", "falls", "grew", "topped"}
)  # fmt: skip
# Prepositions that put an event before what a date dates: "images from the launch", "aid
# arrived after the earthquake on Tuesday".
AFTER_WORDS = frozenset({"from", "after", "following", "since"})


def after_another(tokens: Sequence[Any], index: int) -> bool:
    """Is the event word at `index` the object of 'from', 'after' ... (within three words)?"""
    for back in range(index - 1, max(-1, index - 4), -1):
        word = tokens[back].lower
        if word in AFTER_WORDS:
            return True
        if tokens[back].is_punct or tokens[back].like_num or word in CLAUSE_VERBS:
            return False
    return False


PLACING_VERBS = frozenset(
    {"held", "scheduled", "planned", "set", "slated", "expected", "convened", "happened",
     "occurred", "took", "place", "taking", "takes"}
)  # fmt: skip
CLAUSE_VERBS = OWN_VERBS | PLACING_VERBS  # verbs a preposition's object does not reach past


def own_verb_before(tokens: Sequence[Any], first: int, words: Mapping[str, str]) -> bool:
    """Does a verb right before the date ('began on', 'certified on', 'takes effect on')
    date something other than an event word further away?"""
    index = first - 1
    if index >= 0 and tokens[index].lower in ("on", "in", "from", "since", "by"):
        index -= 1
    if index < 0:
        return False
    word = tokens[index].lower
    if tokens[index].like_num and index and tokens[index - 1].lower in ("to", "at"):
        return True  # "the death toll rose to 214 on Wednesday": the day of the level
    if word in words or word in PLACING_VERBS:
        return False
    if index and tokens[index - 1].lower in words:
        return False  # "the Major Disaster Declaration issued on September 29"
    return word in OWN_VERBS or (word.endswith("ed") and len(word) > 4)


RULE = DatedEvents()
