"""ages: how old a person is, compared across sources."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from checker.claims import (
    ONE_PERSON_NOUNS,
    REPORTING_WORDS,
    TIME_WORDS,
    a_person_of,
    align_by_context,
    context_words,
    is_phrase_word,
    name_start,
    normal,
)
from checker.model import Comparison, Confidence, Fact, FactTime, Verdict
from checker.nlp import AnalysedDocument, Sentence, Token
from checker.places import resolve_place
from checker.rules import Rule
from checker.values.numbers import parse_number

OLDEST = 120
NUMBER = r"\d{1,3}|[A-Za-z]+(?:-[A-Za-z]+)?"
# "a 23-year-old man", "the twenty-three-year-old", "a 23 year old driver"
YEAR_OLD = re.compile(rf"\b(?P<age>{NUMBER})[-\s]years?[-\s]old\b(?!-)", re.IGNORECASE)
# "a man, aged 32, was charged"; not a group's range ("children aged 5 to 11")
AGED = re.compile(
    rf"\b(?:aged|age)\s+(?P<age>{NUMBER})\b(?!\s*(?:-|–|to\b|and\b|or\b|\+|%))", re.IGNORECASE
)
# "Tomas Reyes, 45, was sentenced": an age in commas after a name
BETWEEN_COMMAS = re.compile(r"(?<=,\s)(?P<age>\d{1,3})(?=,\s+[a-z])")
# "Pryce, who is 52, had been mayor": an age a relative clause gives a name
WHO_IS = re.compile(r"(?<=,\s)who\s+(?:is|was)\s+(?P<age>\d{1,3})(?=[,.;]\s|[.;]$)")
# "Mads Kjeldsen, a Dane of 24,", "a woman of 41": an age after "of" and a person
OF_PERSON = re.compile(
    r"(?<![\w-])[Aa]n?\s+[A-Za-z]+\s+of\s+(?P<age>\d{1,3})(?![\w%.,]\d)(?!\s*(?:%|per\b))"
)
PATTERNS = (
    (YEAR_OLD, "old"),
    (AGED, "age"),
    (BETWEEN_COMMAS, ","),
    (WHO_IS, "who"),
    (OF_PERSON, " of "),
)
DETERMINERS = frozenset({"a", "an", "the", "his", "her", "their"})
GROUPS = frozenset({"people", "children", "men", "women", "adults", "youth", "population"})
MAX_NOUNS = 3  # words of the noun phrase a "23-year-old" stands before


@dataclass(frozen=True)
class Age:
    years: int
    stated: str = field(default="", compare=False)
    named: bool = field(default=False, compare=False)  # of a person's name, not a noun
    context: frozenset[str] = field(default=frozenset(), compare=False)
    given: str = field(default="", compare=False)  # the names before the surname: "Amir"

    def __str__(self) -> str:
        return f"{self.years} ({self.stated})" if self.stated else str(self.years)


class Ages(Rule):
    id = "ages"
    general = True
    title = "Ages of people"
    description = """
What it checks: how old a person is ("a 23-year-old man", "a man, aged 32", "Tomas Reyes,
45, was sentenced", "The driver, 61,", "Pryce, who is 52,", "a woman of 41").

How: an age is tied to whom it describes: the noun a "23-year-old" stands before (man,
driver, student), the noun or name before "aged", the name or the noun after "the" an age
follows between commas, the name a relative clause ("who is 52") gives an age, or the name
or noun of one person an age follows after "of" ("Kjeldsen, a Dane of 24", "a woman of
41"; that is no count of women), or, for "The 23-year-old" opening a sentence, the person
the sentence before opens with ("Uganda's Ronald Musobo won ..."); a name is keyed by
its last word, so "Tomas Reyes" and "Reyes" are one person. Ages of one person in other
words are one fact when the words around them agree; an age range of a group ("children
aged 5 to 11") is not a person's age.

Verdicts: agreement for one age; discrepancy for two ages of the same person; one_sided.
"""
    examples = (
        "agreement: 'a 23-year-old man was charged' and 'a man, aged 23, was charged'",
        "discrepancy: 'a 23-year-old man was charged' against 'a man, aged 32, was charged'",
    )

    def extract(self, document: AnalysedDocument) -> Iterable[Fact]:
        previous: Sentence | None = None
        for sentence in document.sentences:
            lowered = sentence.text.lower()
            # each pattern's word, looked for first: most sentences state no age
            for pattern, word in PATTERNS:
                if word not in lowered:
                    continue
                for match in pattern.finditer(sentence.text):
                    fact = self._fact(document, sentence, match, pattern, previous)
                    if fact is not None:
                        yield fact
            previous = sentence

    def _fact(
        self,
        document: AnalysedDocument,
        sentence: Sentence,
        match: re.Match[str],
        pattern: re.Pattern[str],
        previous: Sentence | None = None,
    ) -> Fact | None:
        years = parse_number(match.group("age"))
        if years is None or years != int(years) or not 0 < years < OLDEST:
            return None
        found = sentence.token_range(sentence.start + match.start(), sentence.start + match.end())
        if found is None:
            return None
        first, last = found
        tokens = sentence.tokens
        if pattern is YEAR_OLD:
            # "Daniel Hart, a 22-year-old apprentice": the name says whom, before the noun
            whose = name_before(tokens, first) or noun_after(tokens, last + 1)
            if not whose and first == 1 and tokens[0].lower == "the" and previous is not None:
                # "Ronald Musobo won in Amsterdam. The 23-year-old pulled clear ...": the
                # person the sentence before is about
                whose = subject_name(previous.tokens)
        elif pattern is OF_PERSON:
            # "Mads Kjeldsen, a Dane of 24": the name before; "a woman of 41": the noun
            age_at = sentence.token_range(
                sentence.start + match.start("age"), sentence.start + match.end("age")
            )
            if age_at is None or not a_person_of(tokens, age_at[0], match.group("age")):
                return None
            noun = tokens[age_at[0] - 2]
            whose = name_before(tokens, first) or (
                noun.lower if noun.lower in ONE_PERSON_NOUNS else ""
            )
        elif pattern is BETWEEN_COMMAS:
            # "The driver, 61, steered the bus": a person named by a noun the article defines
            whose = name_before(tokens, first) or defined_noun_before(tokens, first)
        else:
            whose = name_before(tokens, first) or (
                noun_before(tokens, first) if pattern is AGED else ""
            )
        if not whose:
            return None
        *given, whose = whose.split()
        start, end = sentence.start + match.start(), sentence.start + match.end()
        span = document.document.span(start, end)
        context = context_words(
            [*tokens[max(0, first - 10) : first], *tokens[last + 1 : last + 11]]
        )
        return Fact(
            self.id,
            f"age of {whose}",
            Age(
                int(years),
                " ".join(match.group(0).split()),
                whose[:1].isupper(),
                context - {whose.lower(), *(g.lower() for g in given)},
                " ".join(given),
            ),
            span.quote,
            span,
            Confidence.NORMALISED,
            FactTime.EVENT,  # an age holds for the event reported, not years later
        )

    def align(self, facts: Sequence[Fact]) -> Iterable[Fact]:
        # "a 23-year-old man" arrested and "a 45-year-old man" injured are two men: ages of
        # a noun are one fact when their words agree (one age is one fact whatever its
        # words); a name says whom it is of by itself
        named = [f for f in facts if f.value.named]
        return [
            *apart_by_given_names(named),
            *align_by_context(
                [f for f in facts if not f.value.named],
                lambda fact: fact.value.context,
                same_value_threshold=0.0,
            ),
        ]

    def compare(self, a: Fact, b: Fact) -> Comparison:
        if a.value.years == b.value.years:
            return Comparison(Verdict.AGREEMENT, "")
        return Comparison(Verdict.DISCREPANCY, f"{a.value.years} against {b.value.years}")


def noun_after(tokens: Sequence[Token], index: int) -> str:
    """'a 23-year-old British tourist' -> 'tourist': the last word of the noun phrase."""
    nouns: list[Token] = []
    while index < len(tokens) and len(nouns) < MAX_NOUNS:
        token = tokens[index]
        if not is_phrase_word(token) or token.like_num or token.text[:1].isupper():
            break
        nouns.append(token)
        index += 1
    end = index
    while end < len(tokens) and end - index < MAX_NOUNS and is_name_word(tokens[end]):
        end += 1
    if end > index:
        return tokens[end - 1].text  # "the 57-year-old teacher Paul Grant", "the 23-year-old Smith"
    return normal(nouns[-1]) if nouns else ""


SUBJECT_REACH = 5  # tokens before the name a sentence is about ("Uganda's Ronald Musobo")


def subject_name(tokens: Sequence[Token]) -> str:
    """The person a sentence opens with, as its subject: a name of two or more capitalised
    words within its first words, past a possessive or a description ("Uganda's Ronald
    Musobo won", "Danish rider Mads Kjeldsen won"), and followed by its verb or a comma;
    '' when a verb comes first ("Police said John Smith ...")."""
    start = 0
    while start <= SUBJECT_REACH and start < len(tokens):
        end = start
        while end < len(tokens) and is_name_word(tokens[end]):
            end += 1
        if end - start >= 2 and not (end < len(tokens) and tokens[end].text in ("'s", "’s")):
            break
        start = max(end, start + 1)
    else:
        return ""
    following = tokens[end] if end < len(tokens) else None
    if following is None or not (following.text == "," or following.text.islower()):
        return ""
    before = tokens[:start]
    if any(t.text.islower() and (t.lower in SAYING or t.lower.endswith("ed")) for t in before):
        return ""
    name = " ".join(t.text for t in tokens[start:end])
    return "" if resolve_place(name) is not None else name


SAYING = REPORTING_WORDS | {"according"}  # "Police said John Smith ...": no subject


def is_name_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.text.isalpha() and token.lower not in TIME_WORDS


def name_before(tokens: Sequence[Token], first: int) -> str:
    """'Tomas Reyes, 45,' and 'Reyes, a 45-year-old banker,' -> 'Reyes': a person's name
    before the age and its comma (its last word, as later mentions call the person)."""
    end = first
    if end and tokens[end - 1].lower in DETERMINERS:
        end -= 1
    if end and tokens[end - 1].lower == "aged":
        end -= 1
    if not end or tokens[end - 1].text != ",":
        return ""
    start = name_start(tokens, end - 1)
    if start == end - 1:
        return ""
    name = " ".join(t.text for t in tokens[start : end - 1])
    last = tokens[end - 2].text
    if last.lower() in TIME_WORDS or resolve_place(name) is not None:
        return ""  # "On Monday, 45 ...", "Leeds, 45,": not a person
    if start == 0 and end - 1 - start == 1 and tokens[start].lower in DETERMINERS:
        return ""
    return " ".join(t.text for t in tokens[start : end - 1] if t.text.isalpha()) or last


def apart_by_given_names(facts: Sequence[Fact]) -> list[Fact]:
    """'Amir Haddad, 52' and 'Karim Haddad, 19': a surname given with other first names is
    other people. When the statements of a surname give two or more first names, each is
    keyed by the whole name; a bare surname then names none of them for sure and stays on
    its own."""
    given: dict[str, set[str]] = {}
    for fact in facts:
        if fact.value.given:
            given.setdefault(fact.key, set()).add(fact.value.given.lower())
    kept = []
    for fact in facts:
        if len(given.get(fact.key, ())) > 1:
            who = fact.value.given or "unnamed"
            fact = replace(fact, key=f"age of {who} {fact.key.removeprefix('age of ')}")
        kept.append(fact)
    return kept


def defined_noun_before(tokens: Sequence[Token], first: int) -> str:
    """'The driver, 61,' -> 'driver': one noun after "the", then the age in commas."""
    if first < 3 or tokens[first - 1].text != "," or tokens[first - 3].lower != "the":
        return ""
    return noun_before(tokens, first)


def noun_before(tokens: Sequence[Token], first: int) -> str:
    """'a man, aged 32', 'a woman aged 45' -> the noun 'aged' follows."""
    index = first - 1
    if index >= 0 and tokens[index].text == ",":
        index -= 1
    if index < 0 or not is_phrase_word(tokens[index]) or tokens[index].text[:1].isupper():
        return ""
    word = tokens[index].lower
    if normal(tokens[index]) != word or word in GROUPS:
        return ""  # "people aged 65", "residents aged 80": a group, not a person
    return word


RULE = Ages()
