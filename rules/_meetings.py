"""Meetings of NATO bodies: finding them in sentences, linking them to the reference table
(rules/data/nato_meetings.csv), and comparing two statements about one meeting."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from checker.claims import name_start
from checker.dates import (
    STAND_IN_ANCHOR,
    DateValue,
    Unresolved,
    resolve_date,
    resolve_stated,
    sentence_tense,
    span_of,
    year_belongs_to,
)
from checker.model import Comparison, Verdict
from checker.nlp import AnalysedDocument, Mention, Sentence, Token
from checker.places import compare_places, place_phrase_length, resolve_places, site_length

from ._tables import phrase_pattern, read_patterns, read_table

BODY = "BODY"
BODY_NAMES = {
    "summit": "NATO summit",
    "foreign-ministers": "Foreign Ministers' meeting",
    "defence-ministers": "Defence Ministers' meeting",
}
DEFAULT_ORG = "NATO"  # the organisation whose meetings the reference table holds
UNNAMED_ORG = ""  # a document that names no organisation: whose summit it is stays unknown
OTHER_BODY_NAMES = {
    "summit": "summit",
    "foreign-ministers": "Foreign Ministers' meeting",
    "defence-ministers": "Defence Ministers' meeting",
}
FUTURE_WORDS = {"will", "when", "next", "upcoming", "forthcoming", "'ll", "shall", "until"}
REPORTED_WORDS = {"met", "gathered", "convened"}  # a document reporting its own meeting
# Words that make a meeting an earlier one: "when they last met", "the previous summit"
EARLIER_WORDS = {"last", "previous", "earlier", "ago", "since", "former", "prior", "past", "first"}
MEETING_DAYS = 3  # a meeting no table knows may last this many days ...
# ... when a sentence says it lasts days: its length, its opening or close, a day of it
SEVERAL_DAYS = frozenset(
    {"opened", "opens", "closed", "closes", "concluded", "concludes", "days", "wrapped",
     "ended", "ends", "began", "begins"}
)  # fmt: skip
DAY_OF_A_MEETING = frozenset(
    {"two", "three", "four", "first", "second", "third", "final", "last", "closing", "opening"}
)
# words that say what kind of meeting, not whose: "the Extraordinary Summit"
MEETING_WORDS = {
    "extraordinary", "special", "emergency", "annual", "informal", "leaders", "inaugural",
    "virtual", "spring", "summer", "autumn", "winter", "next", "last", "first", "this",
    "that", "at", "in", "on", "during", "for", "after", "before", "ahead", "of",
}  # fmt: skip
RECENT_DAYS = 7  # "met yesterday", "met on Monday": still the meeting the document reports
DAYS_AHEAD = 3  # "met on December 9" dated 8 December: the meeting reported, a day or so off
PAST_WORDS = {
    "met",
    "agreed",
    "decided",
    "held",
    "last",
    "previous",
    "was",
    "were",
    "took",
    "since",
}
PLACE_PREPOSITIONS = {"in", "at"}
PLACE_WORDS = 10  # the longest place phrase read: "the capital city of the Czech Republic"
ANCHOR_WINDOW = 8  # tokens between a meeting word and the date or place that belongs to it


@dataclass(frozen=True)
class Meeting:
    """A row of the reference table."""

    id: str
    body: str
    place: str
    dates: DateValue
    note: str = ""

    def __str__(self) -> str:
        return f"{self.place}, {self.dates}"


@dataclass(frozen=True)
class MeetingRef:
    """A meeting as a document states it, and the table's meeting it was linked to."""

    body: str
    date: DateValue | None = None
    place: str | None = None
    meeting: Meeting | None = None
    context: str = ""  # how the meeting was found when not in the sentence itself
    org: str = DEFAULT_ORG
    # a relative date the document has no date to resolve ("next week"); outside equality and
    # the normal form, so a ref without one normalises as before (summit-dates adds it)
    unresolved_date: Unresolved | None = field(default=None, compare=False)
    # the sentence says the meeting lasts days ("the two-day summit", "closed on")
    several_days: bool = field(default=False, compare=False)
    # where the body, the date and the place are said (document offsets): the words read
    parts: tuple[tuple[int, int], ...] = field(default=(), compare=False, repr=False)

    @property
    def label(self) -> str:
        return meeting_label(self.org, self.body)

    def __str__(self) -> str:
        when = self.date or self.unresolved_date
        stated = ", ".join(x for x in (self.place, str(when) if when else None) if x)
        text = stated or "no place or date"
        if self.meeting and (self.meeting.place != self.place or self.meeting.dates != self.date):
            text += f" (the {self.meeting.place} meeting, {self.meeting.dates})"
        if self.context:
            text += f" [{self.context}]"
        return text

    @property
    def unresolved(self) -> str:
        if self.meeting:
            return ""
        what = self.place or (str(self.date) if self.date else "the meeting")
        return f"{what} is not linked to a meeting in the reference table"


@dataclass(frozen=True)
class MeetingMention:
    ref: MeetingRef
    relation: str  # "this meeting" (reported by the document) | "next meeting" | "past"
    start: int
    end: int


@lru_cache(maxsize=1)
def reference_meetings() -> tuple[Meeting, ...]:
    return tuple(
        Meeting(
            row["id"],
            row["body"],
            row["place"],
            span_of(dt.date.fromisoformat(row["start"]), dt.date.fromisoformat(row["end"])),
            row.get("note") or "",
        )
        for row in read_table("nato_meetings.csv")
    )


def meeting_patterns() -> list[dict[str, Any]]:
    bodies = [
        {"label": BODY, "pattern": row["phrase"], "id": row["body"]}
        for row in read_table("meeting_bodies.csv")
        if row["role"] == "mention"
    ]
    places = sorted({m.place for m in reference_meetings()})
    return [
        *read_patterns("meetings.jsonl"),
        *bodies,
        *({"label": "PLACE", "pattern": place, "id": place} for place in places),
    ]


@dataclass(frozen=True)
class Speaker:
    """Whose meetings a document speaks of: its organisation, and the body "we" is."""

    org: str
    body: str | None


def speaker(document: AnalysedDocument) -> Speaker:
    return Speaker(document_org(document), issuer_body(document))


def issuer_body(document: AnalysedDocument) -> str | None:
    """Which body "we" is at a meeting: a statement by leaders or a head of state -> summit."""
    text = " ".join(x for x in (document.document.issuer, document.document.title) if x)
    if document.sentences and re.match(r"(?i)^we,\s", document.sentences[0].text):
        text += " " + document.sentences[0].text
    for row in read_table("meeting_bodies.csv"):
        if row["role"] != "meets":
            pattern = phrase_pattern((row["phrase"],), ignore_case=True, whole_words=False)
            if pattern.search(text):
                return row["body"]
    return None


@lru_cache(maxsize=1)
def _org_by_phrase() -> dict[str, str]:
    return {row["phrase"]: row["org"] for row in read_table("organisations.csv")}


def orgs_in(text: str) -> list[str]:
    """Organisations a text names, most mentioned first (ties: first mentioned)."""
    by_phrase = _org_by_phrase()
    counts: dict[str, tuple[int, int]] = {}
    for match in phrase_pattern(tuple(by_phrase)).finditer(text):
        org = by_phrase[match.group(0)]
        count, first = counts.get(org, (0, match.start()))
        counts[org] = (count + 1, min(first, match.start()))
    return sorted(counts, key=lambda org: (-counts[org][0], counts[org][1]))


def document_org(document: AnalysedDocument) -> str:
    """The organisation whose meetings a document reports: named in its title or issuer,
    else the one its text names most; unknown when it names none ("the two-day summit" of
    a text that never says whose is no NATO summit)."""
    heading = " ".join(x for x in (document.document.title, document.document.issuer) if x)
    named = orgs_in(heading) or orgs_in(document.document.text)
    return named[0] if named else UNNAMED_ORG


def sentence_org(sentence: Sentence, default: str) -> str:
    """A sentence that names only another organisation speaks of that one's meetings."""
    named = set(orgs_in(sentence.text))
    return named.pop() if len(named) == 1 else default


def named_before_summit(sentence: Sentence, anchors: list[Mention]) -> str | None:
    """'the Commonwealth summit', 'the Pacific Islands Forum summit': a name no table holds
    before the word summit is whose summit it is (a place before it, 'the Madrid summit',
    says where; a known organisation is read by sentence_org)."""
    tokens = sentence.tokens
    for mention in anchors:
        if tokens[mention.first_token].lower != "summit":
            continue
        first = name_start(tokens, mention.first_token)
        words = [t.text for t in tokens[first : mention.first_token]]
        while words and words[-1].lower() in MEETING_WORDS:
            words.pop()  # "the Extraordinary Summit", "the Leaders' Summit"
        while words and words[0].lower() in MEETING_WORDS | {"the"}:
            words.pop(0)
        name = " ".join(words)
        if name and not orgs_in(name) and not resolve_places(name):
            return name
    return None


def meeting_label(org: str, body: str) -> str:
    if org == DEFAULT_ORG:
        return BODY_NAMES[body]
    return f"{org} {OTHER_BODY_NAMES[body]}" if org else OTHER_BODY_NAMES[body]


def meeting_subject(text: str) -> str | None:
    """'Allies will meet ...': the body a subject's meeting is (rules/data/meeting_bodies.csv).
    `text` is the sentence up to its meeting word."""
    for row in read_table("meeting_bodies.csv"):
        if row["role"] == "meets" and phrase_pattern((row["phrase"],)).search(text):
            return row["body"]
    return None


def same_place(first: str, second: str) -> bool:
    """One place by the gazetteer (checker/places.py): 'Den Haag' is The Hague, 'the
    Lithuanian capital' Vilnius; a city and its country are not one place."""
    return compare_places(first, second).verdict == Verdict.AGREEMENT


def link(
    body: str, date: DateValue | None, place: str | None, anchor: dt.date | None
) -> Meeting | None:
    """The table's meeting of `body` at `place` and/or within `date`; for a place alone, the
    first such meeting not over by the document's date."""
    if date is None and place is None:
        return None
    candidates = [m for m in reference_meetings() if m.body == body]
    if place is not None:
        candidates = [m for m in candidates if same_place(m.place, place)]
    if date is not None:
        candidates = [m for m in candidates if m.dates.overlaps(date)]
    if anchor is not None and date is None:
        # a place alone names the meeting under way or the next one of the body: a meeting
        # there further ahead is not what "when we meet in Washington" means
        ahead = sorted(
            (m for m in reference_meetings() if m.body == body and m.dates.end >= anchor),
            key=lambda m: m.dates.start,
        )
        under_way = [m for m in ahead if m.dates.start <= anchor]
        following = [m for m in ahead if m.dates.start > anchor][:1]
        soon = {m.id for m in [*under_way, *following]}
        candidates = [m for m in candidates if m.id in soon]
    candidates.sort(key=lambda m: m.dates.start)
    # a place alone names the next meeting there only when the document's date says which
    if len(candidates) == 1 or (candidates and date is None and anchor is not None):
        return candidates[0]
    return None


def canonical_place(place: str) -> str:
    """The table's name for a place ('Den Haag', 'the Dutch capital' -> 'The Hague'), else
    the gazetteer's ('Bruxelles' -> 'Brussels'), else the text as written; a name with
    several readings ('the South African capital') stays as written."""
    for meeting in reference_meetings():
        if same_place(meeting.place, place):
            return meeting.place
    readings = resolve_places(place)
    return readings[0].name if len(readings) == 1 else place


def compare_meetings(a: MeetingRef, b: MeetingRef) -> Comparison:
    """Same table meeting -> agreement; facts that cannot both hold -> discrepancy; where
    a place on one side and a date on the other cannot be linked -> complementary."""
    if a.meeting and b.meeting:
        if a.meeting.id == b.meeting.id:
            return Comparison(Verdict.AGREEMENT, f"both name the {a.meeting.place} meeting")
        return Comparison(
            Verdict.DISCREPANCY, f"different meetings: {a.meeting} against {b.meeting}"
        )
    a_date = a.date or (a.meeting.dates if a.meeting else None)
    b_date = b.date or (b.meeting.dates if b.meeting else None)
    a_place = a.place or (a.meeting.place if a.meeting else None)
    b_place = b.place or (b.meeting.place if b.meeting else None)
    places = compare_places(a_place, b_place) if a_place and b_place else None
    if places and places.verdict == Verdict.DISCREPANCY:
        return Comparison(Verdict.DISCREPANCY, f"different places: {a_place} against {b_place}")
    # a city beside its country is compatible, no more: "Vilnius is in Lithuania"
    wider = places if places and places.verdict == Verdict.COMPLEMENTARY else None
    if a_date and b_date:
        if a_date.contains(b_date) or b_date.contains(a_date):
            return wider or Comparison(Verdict.AGREEMENT, "")
        if a_date.overlaps(b_date):
            return Comparison(Verdict.COMPLEMENTARY, "the dates overlap")
        if (
            not (a.meeting or b.meeting)
            and (a.several_days or b.several_days)
            and days_of_one_meeting(a_date, b_date)
        ):
            # no table says how long this meeting lasts, and a side says it lasts days: "the
            # two-day summit ... on 16 June" and "the summit closed on 17 June" both hold
            return Comparison(
                Verdict.COMPLEMENTARY,
                f"{a_date} and {b_date} may be days of one meeting (its length is not known)",
            )
        return Comparison(Verdict.DISCREPANCY, f"different dates: {a_date} against {b_date}")
    if places:
        return wider or Comparison(Verdict.AGREEMENT, "")
    missing = "; ".join(x for x in (a.unresolved, b.unresolved) if x)
    return Comparison(Verdict.COMPLEMENTARY, f"cannot be compared: {missing}")


def lasts_days(sentence: Sentence) -> bool:
    """Does the sentence say a meeting lasts days: 'the two-day summit', 'the second day',
    'closed on', 'over three days' (not 'the one-day summit', 'a day after the vote')?"""
    tokens = sentence.tokens
    if any(t.lower in SEVERAL_DAYS for t in tokens):
        return True
    for index, token in enumerate(tokens):
        if token.lower == "day" and index:
            before = (
                tokens[index - 2].lower
                if tokens[index - 1].text == "-"
                else tokens[index - 1].lower
            )
            if before in DAY_OF_A_MEETING:
                return True
    return False


def days_of_one_meeting(a: DateValue, b: DateValue) -> bool:
    """Two days close enough to be the first and last of one meeting of unknown length."""
    if a.precision != "day" or b.precision != "day":
        return False
    return abs((b.start - a.start).days) <= MEETING_DAYS - 1


def dates_in(sentence: Sentence) -> list[Mention]:
    found = []
    for mention in sentence.labelled("DATE"):
        first = sentence.tokens[mention.first_token]
        if first.lower == "may" and not may_is_month(sentence, mention):
            continue  # "Russia may ..." is a verb
        if offset_from_another(sentence, mention):
            continue
        found.append(mention)
    return found


def offset_from_another(sentence: Sentence, mention: Mention) -> bool:
    """'one month after the start of the invasion', 'two days before the vote': a time
    counted from another thing named next, not a date of the meeting."""
    tokens = sentence.tokens
    following = tokens[mention.last_token] if mention.last_token < len(tokens) else None
    last = tokens[mention.last_token - 1].lower
    return last in ("after", "before") and following is not None and not following.is_punct


def may_is_month(sentence: Sentence, mention: Mention) -> bool:
    before = sentence.tokens[mention.first_token - 1].lower if mention.first_token else ""
    return mention.last_token - mention.first_token > 1 or before in {
        "in", "on", "by", "until", "since", "of", "during", "early", "late", "mid", "from",
    }  # fmt: skip


def place_after(sentence: Sentence, index: int) -> tuple[str, int, int] | None:
    """'in Madrid', 'at The Hague', 'at the summit in Vilnius', 'in the Lithuanian capital',
    'in the capital of Lithuania' after token `index`: (place, start offset, end offset) of
    the first place named after 'in' or 'at' (checker.places.place_phrase_length)."""
    tokens = sentence.tokens
    date_tokens = {i for m in dates_in(sentence) for i in range(m.first_token, m.last_token)}
    # "met on December 9, 2023 in Washington": the date's words do not count
    for position in window(past_owner_and_verb(tokens, index), len(tokens), date_tokens):
        if tokens[position].lower not in PLACE_PREPOSITIONS:
            continue
        start = position + 1
        end = start
        while end < min(len(tokens), start + PLACE_WORDS) and end not in date_tokens:
            end += 1
        words = [t.text for t in tokens[start:end]]
        length = place_phrase_length(words)
        if not length and (skip := site_length(words)):
            # "at NATO headquarters in Brussels": the place of the building
            start += skip
            words = [t.text for t in tokens[start : min(len(tokens), start + PLACE_WORDS)]]
            length = place_phrase_length(words)
        if length:
            text = " ".join(words[:length])
            return canonical_place(text), tokens[start].start, tokens[start + length - 1].end
    return None


PLACE_REACH = 5  # tokens after a meeting word in which "in" or "at" may name its place


def window(start: int, end: int, passed: set[int]) -> Iterator[int]:
    """The PLACE_REACH positions from `start` (before `end`), those in `passed` not counted."""
    counted = 0
    position = start
    while position < end and counted < PLACE_REACH:
        if position not in passed:
            counted += 1
        yield position
        position += 1


# Words between a meeting's name and where it was held: "was held in", "took place at".
HELD_WORDS = frozenset(
    {"was", "were", "is", "will", "be", "been", "held", "took", "place", "convened"}
)


def past_owner_and_verb(tokens: Sequence[Token], index: int) -> int:
    """Past the body a meeting word is of and the verb of its holding, to where its place
    may be said: 'Summit [of the Niger Basin Authority (NBA) was held] in N'Djamena'."""
    at = index
    if at < len(tokens) and tokens[at].lower == "of":
        at += 1
        if at < len(tokens) and tokens[at].lower == "the":
            at += 1
        start = at
        while (
            at < len(tokens)
            and at - start < MAX_OWNER_WORDS
            and (tokens[at].text[:1].isupper() or tokens[at].lower in ("of", "and", "for", "the"))
        ):
            at += 1
        if at == start:
            return index
        if at + 2 < len(tokens) and tokens[at].text == "(" and tokens[at + 2].text == ")":
            at += 3  # "(NBA)"
    held = at
    while held < len(tokens) and tokens[held].lower in HELD_WORDS:
        held += 1
    if held > at and held < len(tokens) and tokens[held].lower in PLACE_PREPOSITIONS:
        return held  # "was held in"
    return at


MAX_OWNER_WORDS = 8  # "of the Conference of Heads of State and Government"
HOLDING_WORDS = frozenset({"held", "met", "convened", "gathered"})


def date_after_place(sentence: Sentence, place_end: int, anchors: list[Mention]) -> Mention | None:
    """A date said right after a meeting's place (its words up to the date no more than
    ANCHOR_WINDOW tokens) that dates the meeting: "in N'Djamena, Republic of Chad, on 16
    March 2028", not "in Brussels will approve the first revision since 1999"."""
    found = sentence.token_range(place_end - 1, place_end)
    if found is None:
        return None
    last = found[1]
    for date in dates_in(sentence):
        if (
            last < date.first_token <= last + ANCHOR_WINDOW
            and not any(t.text in (";", ".") for t in sentence.tokens[last : date.first_token])
            and date_tied_to(sentence, date, anchors)
        ):
            return date
    return None


def meetings_in(
    sentence: Sentence, anchor: dt.date | None, speaking: Speaker
) -> list[MeetingMention]:
    """The meetings this sentence reports or announces: one per body it names ("Foreign
    Ministers will meet in April, and leaders at the Madrid summit in June": two)."""
    groups = body_groups(sentence, speaking.body)
    if not groups:
        return []  # no body and no meeting word: most sentences, so they end here
    dates = claim_dates(sentence, groups)
    words = {t.lower for t in sentence.tokens}
    org = sentence_org(sentence, speaking.org)
    found = []
    for body, anchors in groups.items():
        whose = named_before_summit(sentence, anchors) or org
        mention = meeting_of(sentence, whose, body, anchors, dates.get(body), anchor, words)
        if mention is not None:
            found.append(mention)
    return found


def body_groups(sentence: Sentence, our_body: str | None) -> dict[str, list[Mention]]:
    """Body -> the words that name its meeting: the body's mentions and the meeting words
    nearest to them; "when we meet" is the issuer's body."""
    bodies = sentence.labelled(BODY)
    meet_words = sentence.labelled("MEET")
    groups: dict[str, list[Mention]] = {}
    for mention in bodies:
        groups.setdefault(mention.id, []).append(mention)
    if not groups:
        if not meet_words:
            return groups
        speaks_for_us = any(t.lower in ("we", "our", "us") for t in sentence.tokens)
        if meet_words and speaks_for_us and our_body:
            groups[our_body] = list(meet_words)
        elif meet_words and (
            body := meeting_subject(sentence.text[: meet_words[0].start - sentence.start])
        ):
            groups[body] = list(meet_words)  # the subject stands before the verb
        return groups
    for word in meet_words:
        owner = nearest(bodies, [word], window=None)
        if owner is not None and another_meeting(sentence, word, owner):
            continue
        if owner is not None and word not in groups[owner.id]:
            groups[owner.id].append(word)
    return groups


# Words that set a meeting before or after the one a sentence is about.
SEQUENCE_WORDS = frozenset({"after", "before", "since", "following", "ahead"})


def another_meeting(sentence: Sentence, word: Mention, body: Mention) -> bool:
    """'After Thursday's emergency meeting in Brussels on 24 March, NATO's next summit is
    set for June': a meeting word in a clause of its own, set before or after, names
    another meeting than the body's."""
    tokens = sentence.tokens
    first, second = sorted((word, body), key=lambda mention: mention.first_token)
    if not any(t.text == "," for t in tokens[first.last_token : second.first_token]):
        return False
    lead = {t.lower for t in tokens[max(0, word.first_token - 4) : word.first_token]}
    return bool(lead & SEQUENCE_WORDS)


def claim_dates(sentence: Sentence, groups: dict[str, list[Mention]]) -> dict[str, Mention]:
    """Each date belongs to the body whose words stand nearest to it (within the window)."""
    claimed: dict[str, tuple[int, Mention]] = {}
    for date in dates_in(sentence):
        distances = {
            body: min(abs(date.first_token - a.first_token) for a in anchors)
            for body, anchors in groups.items()
        }
        if not distances:
            break
        body = min(distances, key=lambda b: (distances[b], b))
        if not date_tied_to(sentence, date, groups[body]):
            continue  # "the first revision since 1999": the year dates something else
        within = distances[body] <= ANCHOR_WINDOW or (len(groups) == 1 and opens(sentence, date))
        if within and (body not in claimed or distances[body] < claimed[body][0]):
            claimed[body] = (distances[body], date)
    return {body: date for body, (_, date) in claimed.items()}


# Words that may stand before a date that opens its sentence: "Today, 24 March 2022, ...",
# "On Thursday, ...".
OPENING_WORDS = frozenset({"on", "today", "this", ","})


def opens(sentence: Sentence, date: Mention) -> bool:
    """A date set before its sentence's clause ("Today, 24 March 2022, the Prime Minister
    attended the summit ..."): it dates the whole clause, however far its verb."""
    tokens = sentence.tokens
    before = tokens[: date.first_token]
    after = tokens[date.last_token] if date.last_token < len(tokens) else None
    return (
        len(before) <= 3
        and all(t.lower in OPENING_WORDS for t in before)
        and after is not None
        and after.text == ","
    )


def date_tied_to(sentence: Sentence, date: Mention, anchors: list[Mention]) -> bool:
    """Whether a date holding a year dates the thing `anchors` name, not another thing in the
    sentence ("the 2023 summit", not "the 2040 vision" or "since 1999"): see
    checker.dates.year_belongs_to. Dates without a year are tied to what is nearest."""
    base = sentence.start
    if sentence.text[date.start - base : date.end - base] != date.text:
        return True  # offsets that do not map onto the sentence: keep the date, as before
    closest = nearest(anchors, [date], window=None)
    anchor_span = (closest.start - base, closest.end - base) if closest else None
    return year_belongs_to(sentence.text, (date.start - base, date.end - base), anchor_span)


def place_of(sentence: Sentence, anchors: list[Mention]) -> tuple[str, int, int] | None:
    """'meet in Madrid', 'summit in Vilnius', a known place next to the body ('the
    Madrid summit'), or its host ('Mexico will host next year's summit', 'the summit,
    hosted by Japan')."""
    for mention in sorted(anchors, key=lambda m: m.start):
        after = place_after(sentence, mention.last_token)
        if after:
            return after
    host = host_of(sentence, anchors)
    if host:
        return host
    for place in sentence.labelled("PLACE"):
        if any(abs(place.first_token - a.first_token) <= 2 for a in anchors):
            return place.id, place.start, place.end
    return None


def meeting_of(
    sentence: Sentence,
    org: str,
    body: str,
    anchors: list[Mention],
    date_mention: Mention | None,
    anchor: dt.date | None,
    words: set[str],
) -> MeetingMention | None:
    place = place_of(sentence, anchors)
    if date_mention is None and place is not None:
        # "was held in N'Djamena, Republic of Chad, on 16 March 2028": the date said of the
        # place is the meeting's
        date_mention = date_after_place(sentence, place[2], anchors)
    tense = sentence_tense(sentence.tokens)  # "leaders agreed on 14 June": this June, past
    reported = bool(words & REPORTED_WORDS) and not words & FUTURE_WORDS  # "leaders met on ..."
    prefer = "past" if reported else "future"
    stated = (
        resolve_stated(date_mention.text, anchor, prefer, tense=tense) if date_mention else None
    )
    date = stated if isinstance(stated, DateValue) else None
    pending = stated if isinstance(stated, Unresolved) else None  # "next week", undated
    place_name = place[0] if place else None
    if date is None and place_name is None and pending is None:
        return None
    said = [date_mention] if date_mention else []
    closest = nearest(anchors, said, window=None) if said else None
    closest = closest or min(anchors, key=lambda m: abs(m.end - (place[1] if place else m.end)))
    starts = [closest.start, *(m.start for m in said), *([place[1]] if place else [])]
    ends = [closest.end, *(m.end for m in said), *([place[2]] if place else [])]
    relation = relation_of(date, anchor, words, tense)
    if pending is not None and date_mention is not None:
        # with no document date, the relation any date would give: "next week" is next
        probe = resolve_date(date_mention.text, STAND_IN_ANCHOR, prefer, tense=tense)
        relation = relation_of(probe, STAND_IN_ANCHOR, words, tense)
    linked = link(body, date, place_name, anchor) if org == DEFAULT_ORG else None
    if date is None and place_name is not None and org == DEFAULT_ORG:
        if linked and anchor and linked.dates.start <= anchor <= linked.dates.end:
            relation = "this meeting"  # "we have met in Madrid", said during the Madrid summit
        elif only_past_meetings(body, place_name, anchor):
            relation = "past"
    elif (
        date is None
        and pending is None
        and place_name is not None
        and anchor is not None
        and tense == "past"
        and words & HOLDING_WORDS
        and not words & (EARLIER_WORDS | FUTURE_WORDS)
    ):
        # "at a summit of the Niger Basin Authority held in Cotonou", in a report of the day:
        # the meeting it reports (no table tells another body's meetings apart)
        relation = "this meeting"
    ref = MeetingRef(
        body,
        date,
        place_name,
        linked,
        org=org,
        unresolved_date=pending,
        several_days=lasts_days(sentence),
        parts=tuple(zip(starts, ends, strict=True)),
    )
    return MeetingMention(ref, relation, min(starts), max(ends))


def relation_of(
    date: DateValue | None, anchor: dt.date | None, words: set[str], tense: str | None = None
) -> str:
    """The meeting's relation to the document: the one it reports ("this meeting": under way
    on its date, or just reported: "met yesterday", "met last week"), a past one, or the
    next one. A sentence in the past tense (checker.dates.sentence_tense) never states the
    next meeting; one in the future tense never a past one."""
    if date is not None and anchor is not None:
        if date.start <= anchor <= date.end and date.precision == "day":
            return "this meeting"
        short = (date.end - date.start).days < RECENT_DAYS  # a day, a week, a few days
        recent = short and 0 <= (anchor - date.end).days <= RECENT_DAYS
        if recent and words & REPORTED_WORDS:
            return "this meeting"
        if date.end < anchor:
            return "past"
        if (
            tense == "past"
            and words & REPORTED_WORDS
            and short
            and 0 < (date.start - anchor).days <= DAYS_AHEAD
        ):
            # "leaders met on December 9" in a report dated 8 December: the meeting it
            # reports, a day off
            return "this meeting"
        if tense == "past":
            return "this meeting" if date.start <= anchor else "past"
        if date.start > anchor or words & FUTURE_WORDS or tense == "future":
            return "next meeting"
        return "this meeting"
    if (
        anchor is None
        and date is not None
        and date.precision == "day"
        and words & (REPORTED_WORDS | {"held"})
        and not words & (EARLIER_WORDS | FUTURE_WORDS)
    ):
        # a document of no date that reports a meeting on a day ("allies held an
        # extraordinary summit on Wednesday, 23 March 2022") reports that meeting; the
        # table (or the other documents) tell which meeting it is
        return "this meeting"
    if tense is not None:
        return "past" if tense == "past" else "next meeting"
    if words & PAST_WORDS and not words & FUTURE_WORDS:
        return "past"
    return "next meeting"


def only_past_meetings(body: str, place: str, anchor: dt.date | None) -> bool:
    """The table knows meetings of `body` at `place`, and all were over by the anchor."""
    held = [m for m in reference_meetings() if m.body == body and same_place(m.place, place)]
    return anchor is not None and bool(held) and all(m.dates.end < anchor for m in held)


def nearest(
    candidates: list[Mention], anchors: list[Mention], window: int | None = ANCHOR_WINDOW
) -> Mention | None:
    """The candidate closest to any anchor (in tokens), if within `window`."""
    if not candidates or not anchors:
        return None
    scored = [
        (min(abs(c.first_token - a.first_token) for a in anchors), c.start, c) for c in candidates
    ]
    distance, _, best = min(scored, key=lambda item: (item[0], item[1]))
    return best if window is None or distance <= window else None


HOST_VERBS = frozenset({"host", "hosts", "hosting", "hosted"})
# Words between a host and its verb: "Mexico will host", "Japan is to host", "set to host"
BEFORE_HOSTING = frozenset({"will", "to", "is", "are", "set", "shall", "'ll", "also", "then"})
HOST_REACH = 5  # tokens between the verb and the meeting it hosts


def host_of(sentence: Sentence, anchors: list[Mention]) -> tuple[str, int, int] | None:
    """The known place (a country or a city) named as a meeting's host: before 'will host'
    with the meeting its object ('Mexico will host next year's summit'), or after 'hosted
    by' right after the meeting ('the summit, hosted by Japan'); an organisation that
    hosts is no place."""
    tokens = sentence.tokens
    for index, token in enumerate(tokens):
        if token.lower not in HOST_VERBS:
            continue
        if token.lower == "hosted" and index + 1 < len(tokens) and tokens[index + 1].lower == "by":
            if any(0 < index - a.last_token <= 2 for a in anchors):
                start = index + 2 + (index + 2 < len(tokens) and tokens[index + 2].lower == "the")
                end = start
                while end < len(tokens) and tokens[end].text[:1].isupper():
                    end += 1
                found = host_named(tokens, start, end)
                if found:
                    return found
            continue
        if not any(0 < a.first_token - index <= HOST_REACH for a in anchors):
            continue
        back = index - 1
        while back >= 0 and tokens[back].lower in BEFORE_HOSTING:
            back -= 1
        found = host_named(tokens, name_start(tokens, back + 1), back + 1)
        if found:
            return found
    return None


def host_named(tokens: Sequence[Token], start: int, end: int) -> tuple[str, int, int] | None:
    if start >= end:
        return None
    text = " ".join(t.text for t in tokens[start:end])
    if not resolve_places(text):
        return None
    return canonical_place(text), tokens[start].start, tokens[end - 1].end
