"""scores-and-tallies: the result of a vote or a match as a pair of numbers, across sources."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from checker.claims import align_by_value_context
from checker.model import Comparison, Confidence, Fact, FactTime, Verdict
from checker.nlp import AnalysedDocument, Sentence, Token
from checker.rules import Rule
from checker.values.numbers import parse_number

from ._tables import read_table
from .dated_events import words_around

NUMBER = r"\d{1,3}|[a-z]+"
# "27-14", "3–1", "by 27 to 14", "by 27 votes to 14", "by eight votes to four"
PAIR = re.compile(
    r"(?i)(?<![\w.,:/£$€-])(?:"
    r"(?P<a>\d{1,3})\s*[-–—]\s*(?P<b>\d{1,3})(?![\w:/%-]|[.,]\d|\s*(?:%|per\s*cent|percent))"
    rf"|by\s+(?P<c>{NUMBER})\s+(?P<votes>votes?\s+)?to\s+(?P<d>{NUMBER})\b"
    # "voted 81 to 52": a bare "81 to 52" only right after a verb of voting (see _fact)
    r"|(?P<e>\d{1,3})\s+to\s+(?P<f>\d{1,3})\b(?![.,]\d|\s*(?:%|per\s*cent|percent))"
    r")"
)
# "81 lawmakers in favour and 62 against", "81 votes for, 52 against": tried only on
# sentences that say "against" (a number word may start it, so it is tried at every word)
FOR_AGAINST = re.compile(
    rf"(?i)(?<![\w.,:/£$€-])(?P<g>{NUMBER})\s+(?:(?!in\b|for\b|to\b)[a-z]+\s+)?"
    r"(?:in\s+favou?r(?:\s+of\s+[^,;.]{1,40}?)?|for)"
    rf"(?:\s*,\s*|\s+and\s+|\s+with\s+|\s+to\s+)(?P<h>{NUMBER})\s+(?:votes?\s+)?against\b"
)
# Verbs right before a bare "81 to 52" that make it a vote's result.
VOTING_VERBS = frozenset({"voted", "vote", "votes", "voting"})
REACH = (
    5  # words between a result word and its pair ("beat Dunmore 3-1", "approved the plan 27-19")
)
MOST = 999  # a side's score or votes: three digits (the House of Commons has 650 seats)
# Words after a pair that make it another result of the same event: "4-2 on aggregate",
# "won 5-4 on penalties", "led 1-0 at half-time" (the word before says "led", no result).
OTHER_RESULTS = {"aggregate": "aggregate", "penalties": "penalties", "pens": "penalties"}
# The scores of further sets or games after a match's first ("beat Kerrigan 7-5, 6-3",
# "won 6-7 (5-7), 6-4, 6-2", "25-21 25-19 25-23"), with a tie-break's score in brackets.
TIE_BREAK = r"(?:\s*\(\d{1,2}(?:\s*[-–]\s*\d{1,2})?\))?"
NEXT_SET = re.compile(
    rf"{TIE_BREAK}(?:,\s*|\s+)(\d{{1,2}})\s*[-–]\s*(\d{{1,2}})(?![\w:/%-]|[.,]\d)"
)
LAST_TIE_BREAK = re.compile(TIE_BREAK)
ANOTHER_RESULT_NEXT = re.compile(rf"\s+on\s+(?:{'|'.join(OTHER_RESULTS)})\b")  # "4-2 on aggregate"


@cache
def result_words() -> dict[tuple[str, str], str]:
    """(word, side) -> event: where a result word stands from its pair."""
    return {(row["word"], row["side"]): row["event"] for row in read_table("result_words.csv")}


@dataclass(frozen=True)
class Result:
    sides: tuple[int, int]  # the larger first: "lost 1-3" and "won 3-1" are one result
    stated: str = field(default="", compare=False)
    # a match of sets: every set's score, from the side of the one who won most of them
    sets: tuple[tuple[int, int], ...] = ()
    context: frozenset[str] = field(default=frozenset(), compare=False)
    # the names in its clause ("Brazil beat Argentina 2-1"): who played or voted
    names: frozenset[str] = field(default=frozenset(), compare=False)

    def __str__(self) -> str:
        if self.sets:
            return f"{', '.join(f'{a}-{b}' for a, b in self.sets)} ({self.stated})"
        return f"{self.sides[0]}-{self.sides[1]} ({self.stated})"


class ScoresAndTallies(Rule):
    id = "scores-and-tallies"
    general = True
    title = "Results of votes and matches"
    description = """
What it checks: the result of a vote or a match, stated as a pair of numbers
("councillors voted by 27 to 14", "approved the plan 27-19", "Harlow beat Dunmore 3-1",
"a 3-1 victory", "passed by eight votes to four", "voted 81 to 52", "with 81 lawmakers in
favour and 62 against").

How: a pair ("27-14", "by 27 votes to 14") is a result only beside a word that says so
(rules/data/result_words.csv): a verb before it within a few words (voted, approved,
beat, won, drew) or a noun after it (win, victory, defeat, majority), past an adjective
or two ("a 3-2 home win"). The larger
number comes first, so "lost 1-3" and "won 3-1" state one result. A match of sets is read
set by set ("beat Kerrigan 7-5, 6-3", "lost 5-7, 3-6"), from the side of the one who won
most sets; a score given only to its first set is complementary. A pair followed by "on
aggregate" or "on penalties" is that result, not the match's. Results of one event, from
different documents, are one fact when the words around them agree; results of matches
that each name two sides are one match when they name the same two ("Brazil beat
Argentina 2-1", "a 2-0 win for Brazil over Argentina"), and two when not. A pair of other
numbers ("aged 18-24", "2022-23", "pages 12-14") has no result word and is not read.

Verdicts: agreement for one result; discrepancy for two results of one vote or match that
cannot both be true ("27 to 14" against "27-19"); one_sided.
"""
    examples = (
        "agreement: 'Harlow beat Dunmore 3-1' and 'a 3-1 victory over Dunmore'",
        "discrepancy: 'beat Kerrigan 7-5, 6-3' against 'beat Kerrigan 7-5, 6-2'",
        "discrepancy: 'councillors voted by 27 to 14' against 'councillors approved it 27-19'",
    )

    def extract(self, document: AnalysedDocument) -> Iterable[Fact]:
        for sentence in document.sentences:
            if (
                "-" not in sentence.text
                and "–" not in sentence.text
                and " to " not in sentence.text
                and "against" not in sentence.text
            ):
                continue  # most sentences state no pair
            read_to = 0  # the end of the last result read: its further sets are its own
            matches = list(PAIR.finditer(sentence.text))
            if "against" in sentence.text:
                matches.extend(FOR_AGAINST.finditer(sentence.text))
                matches.sort(key=lambda found: found.start())
            for match in matches:
                if match.start() < read_to:
                    continue
                fact = self._fact(document, sentence, match)
                if fact is not None:
                    read_to = fact.span.end - sentence.start if fact.value.sets else 0
                    yield fact

    def _fact(
        self, document: AnalysedDocument, sentence: Sentence, match: re.Match[str]
    ) -> Fact | None:
        groups = match.groupdict()  # of PAIR or FOR_AGAINST
        first_text = groups.get("a") or groups.get("c") or groups.get("e") or groups.get("g")
        second_text = groups.get("b") or groups.get("d") or groups.get("f") or groups.get("h")
        if first_text is None or second_text is None:
            return None
        first_number, second_number = parse_number(first_text), parse_number(second_text)
        if first_number is None or second_number is None:
            return None
        numbers = (int(first_number), int(second_number))
        if numbers != (first_number, second_number) or max(numbers) > MOST:
            return None
        start, end = sentence.start + match.start(), sentence.start + match.end()
        found = sentence.token_range(start, end)
        if found is None:
            return None
        first, last = found
        tokens = sentence.tokens
        if groups.get("e") and not (first and tokens[first - 1].lower in VOTING_VERBS):
            return None  # "from 64 to 66", "aged 18 to 24": no vote
        event = result_event(tokens, first, last + 1)
        if event is None and (groups.get("votes") or groups.get("g")):
            event = "vote"  # "by 27 votes to 14", "81 in favour and 62 against"
        if event is None:
            return None
        sets: tuple[tuple[int, int], ...] = ()
        if event == "match" and groups.get("a"):
            sets, set_end = further_sets(sentence.text, match.end(), numbers)
            with_sets = sentence.token_range(start, sentence.start + set_end) if sets else None
            if with_sets is not None:
                end, last = sentence.start + set_end, with_sets[1]
            else:
                sets = ()
        other = other_result(tokens, last + 1) or earlier_result(tokens, first, last + 1)
        name = f"{other} result of the {event}" if other else f"result of the {event}"
        body = voting_body(tokens, first) if event == "vote" else ""
        if body:
            name += f" ({body})"  # the Senate's vote and the House's are two votes
        span = document.document.span(start, end)
        return Fact(
            self.id,
            name,
            Result(
                (max(numbers), min(numbers)) if not sets else sets[0],
                " ".join(sentence.text[start - sentence.start : end - sentence.start].split()),
                sets,
                words_around(tokens, first, last, periods_apart=True),
                names_around(tokens, first, last + 1) if event == "match" else frozenset(),
            ),
            span.quote,
            span,
            Confidence.NORMALISED,
            FactTime.EVENT,
        )

    def align(self, facts: Sequence[Fact]) -> Iterable[Fact]:
        # a match between two sides each statement names is one match, in whatever words
        # and the result of one body's vote, stated once in each of two documents, is one
        # result when they share a word
        facts = with_sole_body(facts)
        votes = [f for f in facts if f.key.startswith(VOTE_KEY)]
        others = [f for f in facts if not f.key.startswith(VOTE_KEY)]
        return [
            *align_by_value_context(votes, join_sparse=True, lone_pair_shared=1),
            *align_by_value_context(others, same_thing=same_sides),
        ]

    def compare(self, a: Fact, b: Fact) -> Comparison:
        if a.value.sets or b.value.sets:
            return compare_sets(a.value, b.value)
        first, second = a.value.sides, b.value.sides
        if first == second:
            return Comparison(Verdict.AGREEMENT, "")
        return Comparison(
            Verdict.DISCREPANCY, f"{first[0]}-{first[1]} against {second[0]}-{second[1]}"
        )


def compare_sets(a: Result, b: Result) -> Comparison:
    """Two matches of sets: one score set by set; the first sets of the other (a score given
    only to a set) are no contradiction; another score in any set stated by both is."""
    first = a.sets or (a.sides,)
    second = b.sets or (b.sides,)
    if first == second:
        return Comparison(Verdict.AGREEMENT, "")
    shared = min(len(first), len(second))
    if shared == 1 or first[:shared] == second[:shared]:
        shorter = a if len(first) < len(second) else b
        return Comparison(Verdict.COMPLEMENTARY, f"{shorter}: only some of the sets")
    return Comparison(Verdict.DISCREPANCY, f"{a} against {b}")


def further_sets(
    text: str, end: int, first: tuple[int, int]
) -> tuple[tuple[tuple[int, int], ...], int]:
    """The scores of the sets after a first one that ends at text[end], each set's from the
    side of the one who won most sets ("lost 5-7, 3-6" is "7-5, 6-3"), and where they end;
    nothing when no set follows or the last is another result ("2-1, 4-2 on aggregate")."""
    scores = [first]
    while (following := NEXT_SET.match(text, end)) is not None:
        scores.append((int(following.group(1)), int(following.group(2))))
        end = following.end()
    if len(scores) == 1 or ANOTHER_RESULT_NEXT.match(text, end):
        return (), end
    won = sum(a > b for a, b in scores)
    if 2 * won < len(scores):
        scores = [(b, a) for a, b in scores]
    tie_break = LAST_TIE_BREAK.match(text, end)  # always matches: it may be empty
    return tuple(scores), tie_break.end() if tie_break else end


ADJECTIVES_BEFORE_RESULT = 2  # "a 3-2 home win", "a 2-1 away league victory"
SIDES_NAMED = 2  # names two results share that make them the result of one match


def same_sides(a: Fact, b: Fact) -> bool | None:
    """Two results of matches, each naming both sides: of one match when the sides are the
    same, of two matches when not; None when either names fewer."""
    first, second = a.value.names, b.value.names
    if len(first) < SIDES_NAMED or len(second) < SIDES_NAMED:
        return None
    return len(first & second) >= SIDES_NAMED


def clause_around(tokens: Sequence[Token], first: int, after: int) -> Sequence[Token]:
    """The tokens of tokens[first:after]'s sentence, up to a ';' either side."""
    start = first
    while start > 0 and tokens[start - 1].text not in (";", ".", "!", "?"):
        start -= 1
    end = after
    while end < len(tokens) and tokens[end].text not in (";", ".", "!", "?"):
        end += 1
    return tokens[start:end]


def names_around(tokens: Sequence[Token], first: int, after: int) -> frozenset[str]:
    """The capitalised words of the pair's sentence, up to a clause's end: the sides of a
    match ("Brazil beat Argentina 2-1", "gave Brazil a 2-0 win over Argentina")."""
    return frozenset(
        t.lower
        for t in clause_around(tokens, first, after)
        if t.text[:1].isupper() and t.text.isalpha() and t.lower not in NOT_SIDES
    )


# Capitalised words that name no side: the sentence's first word is often one.
NOT_SIDES = frozenset(
    {"the", "a", "an", "in", "on", "at", "after", "before", "with", "late", "early", "first",
     "second", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "world", "cup", "league", "final", "champions"}
)  # fmt: skip


def result_event(tokens: Sequence[Token], first: int, after: int) -> str | None:
    """The event a pair is the result of: a result noun right after it ("a 3-1 win"), else a
    result verb before it within REACH words, none of them a number or a clause's end
    ("beat Dunmore 3-1", "approved the plan 27-19", "voted by 27 to 14")."""
    words = result_words()
    for index in range(after, min(len(tokens), after + 1 + ADJECTIVES_BEFORE_RESULT)):
        if (tokens[index].lower, "after") in words:
            return words[(tokens[index].lower, "after")]  # "a 3-2 home win"
        if not tokens[index].text.isalpha() or not tokens[index].text.islower():
            break
    for index in range(first - 1, max(-1, first - 1 - REACH), -1):
        token = tokens[index]
        if token.like_num or token.text in (";", ".", ":", "(", ")"):
            return None
        event = words.get((token.lower, "before"))
        if event is not None:
            return event
    return None


def with_sole_body(facts: Sequence[Fact]) -> list[Fact]:
    """A vote whose body is not named ("lawmakers voted 81 to 52") is the vote of the one
    body the event's other statements name ("Slovakia's parliament voted"); of none when
    they name two (the Senate's vote and the House's)."""
    bodies = {f.key for f in facts if f.key.startswith(VOTE_KEY + " (")}
    if len(bodies) != 1:
        return list(facts)
    (body,) = bodies
    return [replace(f, key=body) if f.key == VOTE_KEY else f for f in facts]


VOTE_KEY = "result of the vote"


def voting_body(tokens: Sequence[Token], first: int) -> str:
    """The body that voted, named before the tally in its sentence: "the Senate voted 51-49",
    "councillors approved the plan 27-19" (councillors vote in a council)."""
    for index in range(first - 1, -1, -1):
        body = VOTING_BODIES.get(tokens[index].lower)
        if body:
            return body
        if tokens[index].text in (";", ":"):
            break
    return ""


# Who votes, and the body they vote in. Written for crossdoc from general English usage.
VOTING_BODIES = {
    "senate": "senate", "senators": "senate", "house": "house", "representatives": "house",
    "commons": "commons", "mps": "commons", "lords": "lords", "peers": "lords",
    "assembly": "assembly", "parliament": "parliament", "council": "council",
    "councillors": "council", "councilors": "council", "committee": "committee",
    "board": "board", "directors": "board", "shareholders": "shareholders",
    "members": "members", "jury": "jury", "jurors": "jury", "congress": "congress",
    "cabinet": "cabinet", "bundestag": "bundestag",
}  # fmt: skip


def other_result(tokens: Sequence[Token], after: int) -> str:
    """'4-2 on aggregate', '5-4 on penalties', 'a 2-1 defeat in the first leg': the result
    the pair is, if not the match's."""
    for index in range(after, min(len(tokens), after + OTHER_RESULT_REACH)):
        word = tokens[index].lower
        if word in OTHER_RESULTS:
            return OTHER_RESULTS[word]
        if word == "leg" and index > after and tokens[index - 1].lower in LEGS:
            return f"{tokens[index - 1].lower} leg"
        if tokens[index].text in (",", ";", ".") or tokens[index].text[:1].isdigit():
            return ""  # (spaCy's like_num is true of "first")
    return ""


OTHER_RESULT_REACH = 9  # tokens after a pair that may say which result it is
LEGS = frozenset({"first", "second", "third", "opening", "return"})


def earlier_result(tokens: Sequence[Token], first: int, after: int) -> str:
    """'United had won 4-0 when the sides met last season', 'the previous meeting ended 1-1':
    the result of an earlier meeting, which the words of its clause put before the event."""
    clause = [t.lower for t in clause_around(tokens, first, after)]
    for index, word in enumerate(clause):
        following = clause[index + 1] if index + 1 < len(clause) else ""
        if word in EARLIER_WORDS or (word == "last" and following in EARLIER_PERIODS):
            return "earlier"
        if word == "had" and following in PAST_PARTICIPLE_RESULTS:
            return "earlier"  # "had won 4-0": before the match reported
    return ""


# Words that put a result before the one reported.
EARLIER_WORDS = frozenset({"previous", "previously", "earlier", "reverse", "former"})
EARLIER_PERIODS = frozenset(
    {"season", "year", "time", "month", "week", "meeting", "campaign", "term", "election"}
)
PAST_PARTICIPLE_RESULTS = frozenset({"won", "lost", "beaten", "drawn", "voted", "approved"})


RULE = ScoresAndTallies()
