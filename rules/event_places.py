"""event-places: where an event happens or happened, compared across sources."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from checker.claims import TIME_WORDS, align_by_value_context, context_words, is_content
from checker.model import Comparison, Confidence, Fact, FactTime, Verdict
from checker.nlp import AnalysedDocument, Token
from checker.places import Place, compare_places, place_phrase_length, resolve_place
from checker.rules import Rule

from .dated_events import event_words, number_by_value, qualified, with_qualifier

PLACE_WORDS = frozenset({"in", "at", "near", "off"})
LOOSE_PLACE_WORDS = frozenset({"near", "off"})  # a place some way from where it happened
# Nouns between "the" and "of" that say a place follows: "near the port of Bodø", "off the
# coast of northern Sweden", "near the resort of Sölden"
PLACE_NOUNS = frozenset(
    {"coast", "coasts", "shore", "shores", "port", "resort", "town", "city", "village",
     "island", "islands", "region", "province", "state", "county", "district", "outskirts"}
)  # fmt: skip
REACH = 4  # tokens between an event word and the preposition of its place


@dataclass(frozen=True)
class EventPlace:
    place: str  # as the gazetteer names it, or as written when it does not know it
    context: frozenset[str] = field(default=frozenset(), compare=False)
    part: str = ""  # the part of it named before it: "northern" in "in northern Chile"
    # a known place the text puts an unknown one in: "near Bodø in northern Norway"
    within: str = ""
    near: bool = field(default=False, compare=False)  # "near Kathmandu", "off Sibuyan"

    def __str__(self) -> str:
        place = f"{self.part} {self.place}" if self.part else self.place
        return f"{place} (in {self.within})" if self.within else place

    def as_place(self) -> str | Place:
        """The place as the gazetteer compares it: an unknown town the text puts in a known
        region or country is a town there."""
        if not self.within or resolve_place(self.place) is not None:
            return self.place
        container = resolve_place(self.within)
        if container is None:
            return self.place
        regions = (
            container.regions
            if container.kind == "country"
            else (container.name, *container.regions)
        )
        return Place(self.place, "city", container.country, regions)


# Words before a place that name a part of it: "struck in northern Chile", "in southwest
# Florida". The part is kept; the place is compared as the gazetteer knows it.
PARTS = frozenset(
    {f"{way}{end}" for way in ("north", "south", "east", "west") for end in ("", "ern")}
    | {f"{a}{b}{end}" for a in ("north", "south") for b in ("east", "west") for end in ("", "ern")}
    | {"central", "coastal", "rural", "inland"}
)


def place_length(words: Sequence[str]) -> int:
    """A place phrase as the gazetteer reads it, or a capitalised name after 'the' that it
    does not know ('the Coral Basin'): compared, then, as a name, never as a contradiction."""
    known = place_phrase_length(words)
    if known or not words or words[0].lower() != "the":
        return known
    run = 0
    while 1 + run < len(words) and words[1 + run][:1].isupper():
        run += 1
    return 1 + run if run else 0


# "final" names a match only as a noun: "a final played in Antalya", "the Champions League
# final in Ankara"; not "the final day in Paris" or "its final report in May".
FINAL_WORDS = frozenset({"final", "finals"})
FINAL_FOLLOWERS = frozenset(
    {"in", "at", "near", "of", "on", "played", "held", "staged", "hosted", "was", "is", "will",
     "took", "takes", "between", "against"}
)  # fmt: skip


# "close" names a closure as a verb ("will close its brewery in Odense"), not as "near":
# "fighting close to Kharkiv", "close by the border".
NEAR_AFTER_CLOSE = frozenset({"to", "by"})


def event_word_at(tokens: Sequence[Token], index: int, words: Mapping[str, str]) -> str | None:
    """The event tokens[index] names, if any (rules/data/event_words.csv, a final)."""
    word = tokens[index].lower
    if word == "close" and index + 1 < len(tokens) and tokens[index + 1].lower in NEAR_AFTER_CLOSE:
        return None
    # the table's event, with its particle ("took place" is no take-off) and the word that
    # makes it one of several ("its main annual session", "the next final")
    event = qualified(tokens, index, words)
    if event is None and (final := final_at(tokens, index)):
        event = with_qualifier(tokens, index, final)
    if event is not None and " " not in event and to_host_before(tokens, index):
        event = f"next {event}"  # "the offer of Kenya to host the Sixteenth Session ... in Nairobi"
    return event


HOST_REACH = 8  # words between "to host" and the event word it governs


def to_host_before(tokens: Sequence[Token], index: int) -> bool:
    """'to host the Sixteenth Session of the Ministerial Conference', 'will host the next
    summit': an event someone is to host is one still to come, not the one reported. Only
    the base form: 'hosted' and 'is hosting' may be of the event reported."""
    for back in range(index - 1, max(-1, index - 1 - HOST_REACH), -1):
        word = tokens[back]
        if word.lower == "host":
            return back > 0 and tokens[back - 1].lower in ("to", "will", "would", "shall")
        if not (word.text[:1].isupper() or word.lower in HOSTED_LINKS or word.like_num):
            return False
    return False


HOSTED_LINKS = frozenset({"the", "of", "its", "their", "a", "an", "next"})


def final_at(tokens: Sequence[Token], index: int) -> str | None:
    """'final' when tokens[index] is the noun 'final' (see FINAL_FOLLOWERS), else None."""
    if tokens[index].lower not in FINAL_WORDS or index + 1 >= len(tokens):
        return None
    following = tokens[index + 1]
    return "final" if following.lower in FINAL_FOLLOWERS or following.is_punct else None


class EventPlaces(Rule):
    id = "event-places"
    general = True
    title = "Places of events"
    description = """
What it checks: where an event happens or happened ("the G7 Summit in Hiroshima", "the
earthquake struck near Gaziantep", "splashdown in the Pacific Ocean").

How: an event word (rules/data/event_words.csv) followed within a few words by "in", "at",
"near" or "off" and a place: a capitalised name, a capital by demonym ("the Lithuanian
capital"), or a known place after "the"; a part named before it ("in northern Chile") is
kept beside it, and two parts of one place are complementary. "the port of", "the coast
of", "the town of" before a place are passed over; a capitalised point of the compass
opens a name of its own ("Northern Ireland", "East Palestine"), and a country's history a
rank is in ("in U.S. history") is no place of the event; a town the gazetteer does not know that
the text puts in a known place ("near Bodø in northern Norway") is a town there, so no
place in another country. A final, a match, a race or a tournament is an event ("a final
played in Antalya"; not "the final day"), and words of when or of holding between an event
and its place are passed over ("the final on 30 May will take place in Lisbon"). A place of
one kind of event stated once in each of two documents of one event is one fact. An event
someone is to host is the next one ("the offer of Kenya to host the Sixteenth Session in
Nairobi"), and "held", "due" or "scheduled" after a comma go on with the event before it
("their next conference, due in 2030 in Kigali"). Places
are compared through
the gazetteer (checker/data/places.csv): a city and the country or region containing it
are compatible.
Meetings of NATO bodies are left to the summit-dates rule.

A town the gazetteer does not know is looked up in the table of towns
(checker/data/towns.tsv, from GeoNames): two towns of one country more than 40 km apart
are two places ("in Pokhara" against "near Kathmandu", 147 km), nearer ones may name one
area ("in Salford", "in Manchester"), and "near" or "off" stretches the distance to 120
km. "the annual session", "the next final", "next year's session", "its 96th session": a
recurring, other or numbered event is one of its own;
"at the Council's session" and "at the Mercosur summit" name whose or which event, not
where.

Verdicts: agreement for one place; discrepancy for two different known cities, regions or
countries ("in Hiroshima" against "in Osaka"), or two towns far apart; complementary for a
place and what contains it, towns near each other, or a name neither table knows.
"""
    examples = (
        "agreement: 'the summit in Hiroshima' and 'leaders gathered for the summit in Hiroshima'",
        "complementary: 'the summit in Hiroshima' beside 'the summit in Japan'",
        "discrepancy: 'the summit in Hiroshima' against 'the summit in Osaka'",
    )

    def extract(self, document: AnalysedDocument) -> Iterable[Fact]:
        """Each place after 'in', 'at', 'near' or 'off' belongs to the nearest event word
        before it, within REACH words and the same clause."""
        words = event_words()
        for sentence in document.sentences:
            tokens = sentence.tokens
            read_to = 0  # the end of the last place read, with what the text puts it in
            for position, token in enumerate(tokens):
                if token.lower not in PLACE_WORDS or position < read_to:
                    continue
                named = position + 1 + place_noun_length(tokens, position + 1)
                part = tokens[named].lower if named < len(tokens) else ""
                skip = 1 if part in PARTS else 0
                if skip and tokens[named].text[:1].isupper():
                    # "in Northern Ireland", "in North Carolina": a place of its own name;
                    # "in East Palestine": a name of its own the gazetteer does not know
                    whole = place_length([t.text for t in tokens[named : named + 8]])
                    if whole > 1 or part in COMPASS_POINTS:
                        skip = 0
                after = named + skip
                length = place_length([t.text for t in tokens[after : after + 8]])
                if length and not skip and part in COMPASS_POINTS and after + 1 < len(tokens):
                    length = max(length, 1 + name_run(tokens, after + 1))
                following = next_word(tokens, after + length)
                names_event = tokens[after].lower == "the" and following in words
                if not length or following in NOT_A_PLACE_AFTER or names_event:
                    # "the costliest storm in U.S. history": where it ranks; "adopted at the
                    # Council's session": whose the place is; "signed at the Mercosur
                    # summit": which event it is
                    continue
                reach = REACH + venue_length(tokens, position) + holding_length(tokens, position)
                for index in range(position - 1, max(-1, position - 1 - reach), -1):
                    if tokens[index].text == "," and next_word(tokens, index + 1) in HELD_AFTER:
                        continue  # "the next conference, due in 2030 in Kigali"
                    if tokens[index].text in (",", ";", ".", "(", ")"):
                        break
                    event = event_word_at(tokens, index, words)
                    if event is not None:
                        within = container_after(tokens, after + length)
                        read_to = within[1]
                        where = (named, after, after + length)
                        fact = self._place_fact(document, tokens, index, where, event, within)
                        if token.lower in LOOSE_PLACE_WORDS:
                            fact = replace(fact, value=replace(fact.value, near=True))
                        yield fact
                        break

    def _place_fact(
        self,
        document: AnalysedDocument,
        tokens: Sequence[Token],
        index: int,
        where: tuple[int, int, int],  # the first token (of the part, if any), the place's, end
        event: str,
        container: tuple[str, int],  # what the text puts the place in, and where that ends
    ) -> Fact:
        first, start, end = where
        text = " ".join(t.text for t in tokens[start:end])
        part = tokens[first].lower if first < start else ""
        within, end_within = container
        span = document.document.span(tokens[first].start, tokens[end_within - 1].end)
        context = context_words([*tokens[max(0, index - 8) : index], *tokens[end : end + 8]])
        return Fact(
            self.id,
            f"place of the {event}",
            EventPlace(text, context, part, within),
            span.quote,
            span,
            Confidence.NORMALISED,
            FactTime.EVENT,  # "the summit" of one event is not that of another
        )

    def align(self, facts: Sequence[Fact]) -> Iterable[Fact]:
        # a place of one kind of event stated once in each of two documents of one event is
        # that event's place, in whatever other words ("The plane crashed near Kathmandu",
        # "The crash in Pokhara is the deadliest"): the documents are about one event
        return align_by_value_context(number_by_value(facts), join_sparse=True, lone_pair_shared=0)

    def compare(self, a: Fact, b: Fact) -> Comparison:
        if a.value.place == b.value.place:
            if a.value.part == b.value.part:
                return Comparison(Verdict.AGREEMENT, "")
            # "northern Chile" beside "Chile", or beside "southern Chile": parts of one place
            # a reader may draw apart; never a contradiction
            return Comparison(Verdict.COMPLEMENTARY, f"{a.value} and {b.value}: parts of one place")
        near = a.value.near or b.value.near
        return compare_places(a.value.as_place(), b.value.as_place(), near=near)


COMPASS_POINTS = frozenset({"north", "south", "east", "west"})
NOT_A_PLACE_AFTER = frozenset({"history", "'s", "’s"})


def name_run(tokens: Sequence[Token], index: int) -> int:
    """How many capitalised words start at tokens[index]."""
    run = 0
    while index + run < len(tokens) and tokens[index + run].text[:1].isupper():
        run += 1
    return run


def next_word(tokens: Sequence[Token], index: int) -> str:
    return tokens[index].lower if index < len(tokens) else ""


def place_noun_length(tokens: Sequence[Token], index: int) -> int:
    """'the port of', 'the coast of', 'the German city of', 'the Bavarian town of': words
    before a place that say one follows."""
    if index + 2 >= len(tokens) or tokens[index].lower != "the":
        return 0
    noun = index + 1
    if tokens[noun].lower not in PLACE_NOUNS and is_content(tokens[noun]):
        noun += 1  # one word that says which: "the German city of"
    if noun + 1 < len(tokens) and tokens[noun].lower in PLACE_NOUNS:
        return noun + 2 - index if tokens[noun + 1].lower == "of" else 0
    return 0


VENUE_WORDS = 3  # words of a venue between an event and its place: "at a chemical plant"


# Words between an event and its place that say when, or that it is held: "the final on 30
# May will take place in Lisbon", "the vote was held on Sunday in Tallinn".
# Words after a comma that go on saying of the event before it when and where it is held:
# "the summit, held in Madrid", "the next conference, due in 2030 in Kigali".
HELD_AFTER = frozenset({"held", "due", "scheduled", "planned", "set", "hosted", "taking"})
HOLDING_WORDS = frozenset(
    {"will", "be", "is", "was", "are", "were", "been", "take", "takes", "took", "taking",
     "place", "held", "played", "staged", "hosted", "on", "next", "this", "last"}
)  # fmt: skip


def holding_length(tokens: Sequence[Token], position: int) -> int:
    """How many of the tokens right before the place's preposition at tokens[position] say
    when the event is or that it is held (HOLDING_WORDS, dates): they stretch the reach."""
    index = position - 1
    while index >= 0 and (
        tokens[index].lower in HOLDING_WORDS
        or tokens[index].lower in TIME_WORDS
        or tokens[index].text.isdigit()
    ):
        index -= 1
    return position - 1 - index


def venue_length(tokens: Sequence[Token], position: int) -> int:
    """'explosion at a chemical plant in Ludwigshafen': how many tokens the venue before the
    place's preposition at tokens[position] takes ('at a chemical plant'), else 0."""
    for start in range(position - 2, max(-1, position - 3 - VENUE_WORDS), -1):
        if tokens[start].lower in ("at", "on") and tokens[start + 1].lower in ("a", "an", "the"):
            words = tokens[start + 2 : position]
            if words and all(t.text.islower() and is_content(t) for t in words):
                return position - start
            return 0
    return 0


def container_after(tokens: Sequence[Token], end: int) -> tuple[str, int]:
    """'Bodø in northern Norway', 'Ischgl in Tyrol', 'Lier, Belgium': the known place the
    text puts the place ending at tokens[end] in, and where it ends; ('', end) if none."""
    if end >= len(tokens) or tokens[end].lower not in ("in", ","):
        return "", end
    after = end + 1 + (end + 1 < len(tokens) and tokens[end + 1].lower in PARTS)
    length = place_phrase_length([t.text for t in tokens[after : after + 8]])
    name = " ".join(t.text for t in tokens[after : after + length])
    if not length or resolve_place(name) is None:
        return "", end
    return name, after + length


RULE = EventPlaces()
