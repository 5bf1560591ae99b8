"""times-of-day: the time of day an event happened, compared across sources."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from checker.claims import align_by_value_context
from checker.date_mentions import find_date_mentions
from checker.dates import DateValue, sentence_tense
from checker.model import Comparison, Confidence, Fact, FactTime, Verdict
from checker.nlp import AnalysedDocument, Sentence, Token
from checker.rules import Rule
from checker.times import HALF_DAY, TimeMention, TimeOfDay, find_times, overlap

from .dated_events import (
    OWN_VERBS,
    after_another,
    event_words,
    qualified,
    resolve_in_tense,
    words_around,
)

WINDOW = 16  # tokens around a time in which its event word is looked for (its clause)
NEAR_DATE = 40  # characters between a time and the date of its day ("On March 26, at 1:28")
# Verbs that say an event happened, at the time after them, of the event named before
# them: "a fire broke out in the kitchen at about 3am", "the derailment occurred at 8:55".
HAPPENED = frozenset(
    {"began", "begun", "started", "start", "starts", "occurred", "happened", "struck", "hit",
     "erupted", "out", "place", "ignited", "sparked", "took", "unfolded"}
)  # fmt: skip
# Words between a time and the verb or noun before it: "struck at about", "did not reach the
# lifeboats until", "collapsed shortly after".
LEAD_WORDS = frozenset({"at", "on", "until", "till", "around", "about", "by"})
CLAUSE_ENDS = frozenset({";", ".", "?", "!"})


@dataclass(frozen=True)
class EventTime:
    event: str
    time: TimeOfDay
    conversion: TimeOfDay | None = field(default=None, compare=False)
    day: DateValue | None = field(default=None, compare=False)
    context: frozenset[str] = field(default=frozenset(), compare=False)

    def __str__(self) -> str:
        return f"{self.time.stated} on {self.day}" if self.day else self.time.stated


class TimesOfDay(Rule):
    id = "times-of-day"
    general = True
    title = "Times of day of events"
    description = """
What it checks: the time of day at which an event happened ("at 1:28a.m. EDT (05:28 UTC),
the main spans collapsed", "a fire broke out at about 3am", "At 4:17 A.M., a magnitude 7.8
earthquake struck", "the lifeboats were loaded between 11:45 P.M. and 2:05 A.M.").

How: a time (checker/times.py: "1:30 a.m.", "8.55pm", "8:40 in the morning", "13:24",
"0129 eastern daylight time", "noon") is tied to the event word before it ("collapsed
at"), to the event a verb of happening names ("a fire broke out ... at", "the derailment
occurred ... at"), or, for a time that opens its clause, to the nearest event word in the
clause (rules/data/event_words.csv). A time after "by", "until", "before" or "since"
bounds something and is not read, nor one after a verb of another act ("reported at").
Times of one event, from different documents, are one fact when the words around them
agree.

Verdicts: agreement when the times can be one moment within the precision they state
("about 1:30" is 1:26 to 1:34, "4 a.m." 3:45 to 4:15, "1:28" the minute, "1:30" without
a.m. either 1:30 a.m. or p.m.); discrepancy when they cannot ("at about 3am" against
"shortly after 5am"); complementary when a time zone may explain the difference ("04:17" and
"01:17 UTC"), for times on different days, and for a time beside a period; one_sided.
"""
    examples = (
        "agreement: 'the bridge collapsed at 1:28 a.m. EDT' and 'collapsed at about 1:30'",
        "discrepancy: 'a fire broke out at about 3am' against 'the fire started shortly after 5am'",
        "complementary: 'the earthquake struck at 04:17' beside 'it struck at 01:17 UTC'",
    )

    def extract(self, document: AnalysedDocument) -> Iterable[Fact]:
        for sentence in document.sentences:
            for mention in find_times(sentence.text):
                if not mention.bound:
                    fact = self._fact(document, sentence, mention)
                    if fact is not None:
                        yield fact

    def _fact(
        self, document: AnalysedDocument, sentence: Sentence, mention: TimeMention
    ) -> Fact | None:
        absolute_start, absolute_end = sentence.start + mention.start, sentence.start + mention.end
        found = sentence.token_range(absolute_start, absolute_end)
        if found is None:
            return None
        tokens = sentence.tokens
        first, last = found
        if entry_stamp(tokens, first, last + 1):
            return None  # "**15:35 CET** The White House put out ...": a live blog's entry
        event = time_event(tokens, first, last + 1)
        if event is None:
            return None
        # the day is compared on its own: "on Tuesday" is no sign of another event
        context = words_around(tokens, first, last, periods_apart=True)
        span = document.document.span(absolute_start, absolute_end)
        return Fact(
            self.id,
            f"time of the {event}",
            EventTime(
                event,
                mention.time,
                mention.conversion,
                day_of(document, sentence, mention),
                context,
            ),
            span.quote,
            span,
            Confidence.NORMALISED,
            FactTime.EVENT,
        )

    def align(self, facts: Sequence[Fact]) -> Iterable[Fact]:
        # times of one key that cannot contradict ("about 8:54 p.m. local time", "8:55 p.m.
        # EST") are one fact whatever their words
        return align_by_value_context(
            facts, agree=lambda a, b: self.compare(a, b).verdict is not Verdict.DISCREPANCY
        )

    def compare(self, a: Fact, b: Fact) -> Comparison:
        first, second = a.value, b.value
        if first.day is not None and second.day is not None and first.day != second.day:
            return Comparison(
                Verdict.COMPLEMENTARY, f"{first} and {second}: times on different days"
            )
        one, other = first.time, second.time
        if one.period != other.period:
            return Comparison(Verdict.COMPLEMENTARY, f"{one} and {other}: a moment beside a period")
        if one.period and one.end is not None and other.end is not None:
            starts = same_moment(one, other, first.conversion, second.conversion)
            ends = same_moment(one.end, other.end, None, None)
            if starts == ends == "agreement":
                return Comparison(Verdict.AGREEMENT, f"{one} and {other}: one period")
            if "discrepancy" in (starts, ends):
                which = "end" if ends == "discrepancy" else "start"
                return Comparison(Verdict.DISCREPANCY, f"{one} against {other}: another {which}")
            return Comparison(Verdict.COMPLEMENTARY, f"{one} and {other}: {ZONE_NOTE}")
        verdict = same_moment(one, other, first.conversion, second.conversion)
        if verdict == "agreement":
            return Comparison(
                Verdict.AGREEMENT, f"{one} and {other} are one moment within the precision stated"
            )
        if verdict == "zone":
            return Comparison(Verdict.COMPLEMENTARY, f"{one} and {other}: {ZONE_NOTE}")
        return Comparison(Verdict.DISCREPANCY, f"{one} against {other}")


ZONE_NOTE = "another time zone may explain the difference"


def same_moment(
    one: TimeOfDay, other: TimeOfDay, one_more: TimeOfDay | None, other_more: TimeOfDay | None
) -> str:
    """'agreement' when two times can be one moment, 'zone' when only a time zone left unsaid
    can make them one (a whole or half hour apart, one zone unknown), else 'discrepancy'.
    Readings whose zones are both known (a stated conversion among them: "04:17 local time
    (01:17 GMT)") decide alone; a zone known on one side only is compared as a clock."""
    readings = [(x, y) for x in (one, one_more) if x for y in (other, other_more) if y]
    zoned = [(x, y) for x, y in readings if x.offsets and y.offsets]
    if zoned:
        agree = any(overlap(x, y, a - b) for x, y in zoned for a in x.offsets for b in y.offsets)
        return "agreement" if agree else "discrepancy"
    if any(overlap(x, y) for x, y in readings):
        return "agreement"
    if any(x.zone != y.zone for x, y in readings) and any(
        overlap(x, y, step * 30.0)
        for x, y in readings
        for step in range(-HALF_DAY // 30 - 4, HALF_DAY // 30 + 5)
        if step
    ):
        return "zone"
    return "discrepancy"


def time_event(tokens: Sequence[Any], first: int, after: int) -> str | None:
    """The event a time belongs to: the event word right after it ("the 1:30 a.m.
    collision") or right before it ("collapsed at 1:28"); the event named before a verb of
    happening ("a fire broke out in the kitchen at about 3am"); for a time after a noun, the
    nearest event word before it in its clause; for a time that opens its clause ("At 4:17
    A.M., a magnitude 7.8 earthquake struck"), the nearest in the clause, the one before it
    first. A time after a verb of another act ("was reported at", "was collected at") has
    none, nor an event after "after" ("until 4 A.M., one hour after the Titanic sank")."""
    words = event_words()
    if after < len(tokens) and tokens[after].lower in words:
        return qualified(tokens, after, words)
    index = first - 1
    while index >= 0 and tokens[index].lower in LEAD_WORDS:
        index -= 1
    opens = index < 0 or tokens[index].text in OPENERS
    if not opens and first - index <= 3:
        word = tokens[index].lower
        if word in PARTICLE_WORDS and index and qualified(tokens, index - 1, words):
            return qualified(tokens, index - 1, words)  # "took off at 10.05pm"
        if word in HAPPENED:
            # "a fire broke out ... at"; "Etna erupted at about 4:30 a.m.": its own event
            # when none is named before it
            before = nearest_event(tokens, index, index + 1, words, before_only=True)
            return before or qualified(tokens, index, words)
        if word in words:
            return qualified(tokens, index, words)
        if word in OWN_VERBS or (word.endswith("ed") and len(word) > 4):
            return None  # "the fire was reported at 2.15am": the time of the report
        if word.endswith("ing") and len(word) > 5 and word not in NOT_ACTIVITIES:
            return word  # "the boats were used, loading between 11:45 P.M. and 2:05 A.M."
    return nearest_event(tokens, first, after, words, before_only=not opens)


# Words in -ing before a time that name no activity of their own: "in the morning at 9",
# "beginning at 9am" (the start of something named elsewhere).
NOT_ACTIVITIES = frozenset(
    {"morning", "evening", "during", "including", "beginning", "starting", "following",
     "according", "nothing", "something", "anything", "everything", "building", "spring",
     "ending", "continuing", "lasting", "running"}
)  # fmt: skip
OPENERS = frozenset({",", ";", ":", "(", "-", "–", "—", "."})
AFTER_WINDOW = 30  # tokens after a time that opens its clause, to the clause's verb


def nearest_event(
    tokens: Sequence[Any], first: int, after: int, words: Any, *, before_only: bool = False
) -> str | None:
    """The nearest event word in the clause around tokens[first:after], before it first; a
    vehicle that struck something is a collision ("a container ship ... struck")."""
    backwards = range(first - 1, max(-1, first - 1 - WINDOW), -1)
    forwards = () if before_only else range(after, min(len(tokens), after + AFTER_WINDOW))
    for indexes in (backwards, forwards):
        vehicle = False
        for index in indexes:
            token = tokens[index]
            if token.text in CLAUSE_ENDS:
                break
            vehicle = vehicle or token.lower in VEHICLES
            compound = index and tokens[index - 1].text in HYPHENS  # "football-sized"
            if indexes is backwards and not compound and another_act(token, words):
                return None  # "The blaze was reported to the fire service at 1.30am"
            following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
            if following in COMPOUND_HEADS or (following and qualified(tokens, index + 1, words)):
                continue  # "the train derailment", "the first fire crews"
            event = qualified(tokens, index, words)
            # "until 4 A.M., one hour after the Titanic sank": not the sinking's time; "after
            # a fire broke out ... at about 3am" is
            if event is not None and not (indexes is forwards and after_another(tokens, index)):
                if indexes is backwards and object_of_act(tokens, index, words):
                    return None  # "was called to the fire at the plant at 2.05am"
                return event
            if indexes is forwards and vehicle and token.lower in STRIKING:
                return "collision"
    return None


def another_act(token: Any, words: Any) -> bool:
    """Is the token a verb of an act other than the event's happening ("reported",
    "called", "reached")? A time after it is that act's."""
    word = token.lower
    if word in HAPPENED or word in words:
        return False
    return word in OWN_VERBS or (word.endswith("ed") and len(word) > 4)


def object_of_act(tokens: Sequence[Any], index: int, words: Any) -> bool:
    """Is the event word at `index` the object of another act ("called to the fire",
    "reported the blaze", "tackled a fire")?"""
    back = index - 1
    while back >= 0 and index - back <= 4 and tokens[back].lower in OBJECT_LEADS:
        back -= 1
    if back >= 2 and tokens[back - 1].text in HYPHENS:
        back -= 3  # "saw a football-sized meteor": the adjective is no act
        while back >= 0 and tokens[back].lower in OBJECT_LEADS:
            back -= 1
    return back >= 0 and another_act(tokens[back], words)


HYPHENS = frozenset({"-", "‐"})
OBJECT_LEADS = frozenset({"the", "a", "an", "to", "of", "at", "on", "first", "second", "huge"})
# Nouns after an event word that make it a compound of another thing: "fire crews".
COMPOUND_HEADS = frozenset(
    {"crew", "crews", "brigade", "service", "services", "station", "fighters", "engine",
     "engines", "officer", "officers", "alarm", "alarms", "department", "chief", "safety",
     "risk", "exit", "door", "warning", "warnings", "season", "ban", "count", "counts",
     "result", "results", "campaign", "team", "teams", "victims", "survivors"}
)  # fmt: skip
# Particles of event words that name the event only with them ("took off", "touched down").
PARTICLE_WORDS = frozenset({"off", "down", "up", "out"})
# A vehicle that struck something collided with it: "a container ship struck the bridge".
VEHICLES = frozenset(
    {"ship", "vessel", "containership", "boat", "ferry", "tanker", "barge", "freighter",
     "train", "tram", "car", "truck", "lorry", "bus", "van", "plane", "aircraft", "jet",
     "helicopter"}
)  # fmt: skip
STRIKING = frozenset({"struck", "hit", "rammed"})


def day_of(
    document: AnalysedDocument, sentence: Sentence, mention: TimeMention
) -> DateValue | None:
    """The day a time is on, from a date written next to it ("On March 26, 2024, at
    1:28a.m.", "at 2.15am on 4 March")."""
    for date in find_date_mentions(sentence.text):
        if (date.end <= mention.start and mention.start - date.end <= NEAR_DATE) or (
            mention.end <= date.start and date.start - mention.end <= NEAR_DATE
        ):
            return resolve_in_tense(
                document, date.text, document.document.day, sentence_tense(sentence.text)
            )
    return None


RULE = TimesOfDay()


def entry_stamp(tokens: Sequence[Token], first: int, after: int) -> bool:
    """A time that opens its line with nothing but marks before it and a new sentence after
    it ("**15:35 CET** The White House ...", "09:40 - Leaders arrive"): when an entry of a
    live blog or a timeline was written, not when what it tells happened."""
    if not all(t.is_punct for t in tokens[:first]):
        return False
    index = after
    while index < len(tokens) and tokens[index].is_punct:
        index += 1
    return index < len(tokens) and tokens[index].text[:1].isupper()
