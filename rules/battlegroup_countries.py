"""battlegroup-countries: where newly announced multinational battlegroups are hosted."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from checker.comparators import compare_lists
from checker.model import Comparison, Confidence, Fact, FactTime, Verdict
from checker.nlp import AnalysedDocument, Mention, Sentence, Token
from checker.quantities import parse_number
from checker.rules import Rule

from ._countries import DEMONYM, country_name, country_patterns, demonym_patterns
from ._countries import LABEL as COUNTRY
from ._tables import read_patterns, read_table

# Words that mark battlegroups as newly announced rather than already in place.
NEW_WORDS = {
    "new", "additional", "more", "further", "establish", "establishing", "established",
    "establishment", "create", "creating", "creation", "set", "setting", "launch", "launching",
    "deploy", "deploying", "form", "forming", "stand",
}  # fmt: skip
# What may stand between two countries of one list: "A, B and C", "A as well as B", "A; B".
LIST_SEPARATORS = {",", "and", "as", "well", "&", ";", "the"}
# Words that introduce the places where battlegroups stand: "in A", "on Polish soil".
LOCATIVES = {
    "in", "on", "into", "onto", "across", "throughout", "within", "inside", "to", "at", "for",
}  # fmt: skip
HOST_WORDS = {"host", "hosts", "hosting", "hosted"}  # "Hungary and Slovakia will host ..."
DETERMINERS = {"the", "a", "an"}
# A nationality adjective names a host only with a word for its land: "on Polish soil".
TERRITORY_WORDS = {"soil", "territory", "territories", "ground", "land", "lands"}
# A later sentence that goes on with the battlegroups of the one before: "They will be ...".
CONTINUING_SUBJECTS = {"they", "these", "those"}
MAX_MODIFIERS = 4  # between a stated count and "battlegroups": "four additional multinational"
MAX_HOST_GAP = 4  # between hosts named first and "host": "Hungary and Slovakia have agreed to"
MAX_POSSESSIVE_MODIFIERS = 3  # "Russia's unprovoked and unjustified invasion"


@dataclass(frozen=True)
class Hosts:
    """The host countries in the order the sentence lists them, and the count it states."""

    countries: tuple[str, ...]  # ISO 3166-1 alpha-2 codes
    count: int | None

    def __str__(self) -> str:
        names = ", ".join(country_name(c) for c in self.countries) or "no countries named"
        return f"{self.count} battlegroups: {names}" if self.count is not None else names

    @property
    def count_mismatch(self) -> bool:
        return self.count is not None and bool(self.countries) and self.count != len(self.countries)


class BattlegroupCountries(Rule):
    id = "battlegroup-countries"
    title = "Host countries of newly announced battlegroups"
    description = """
What it checks: the countries named as hosts of new multinational battlegroups, and the
number of battlegroups the sentence states.

How: in a sentence that mentions battlegroups ("battlegroups", "battle groups",
"battle-groups"), the list of countries nearest to that mention is read and each country
normalised to its ISO 3166-1 code (pycountry plus rules/data/country_aliases.csv), so that
"Türkiye" and "Turkey" are one country and "Slovakia" and "Slovenia" never merge.
Battlegroups announced as new ("new", "additional", "establishing") are a different fact
from existing ones.

Verdicts: agreement when both sources list the same countries in the same order;
ordering_difference when they list the same countries in another order (both orders are
shown); discrepancy when a country stands in place of another (naming what is missing and
unexpected) or when a stated count differs between sources or from the number of countries
listed; complementary when one source names fewer of the hosts and no other country.
"""
    examples = (
        "agreement: 'four new battlegroups in Bulgaria, Hungary, Romania and Slovakia' in both",
        "ordering_difference: '... in Slovakia, Romania, Bulgaria, and Hungary' in the other",
        "discrepancy: '... in Bulgaria, Hungary, Romania, and Slovenia' in the other",
        "discrepancy: 'five additional battlegroups' against 'four new battle groups'",
    )

    def patterns(self) -> Sequence[dict[str, Any]]:
        return [*read_patterns("battlegroups.jsonl"), *country_patterns(), *demonym_patterns()]

    def extract(self, document: AnalysedDocument) -> Iterable[Fact]:
        sentences = document.sentences
        index = 0
        while index < len(sentences):
            sentence = sentences[index]
            announced = announcement(sentence)
            if announced is None:
                index += 1
                continue
            mention, hosts, count = announced
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            if following is not None and following.paragraph != sentence.paragraph:
                following = None  # a new paragraph goes on with something else
            continued = continued_hosts(following) if following is not None and not hosts else []
            if following is not None and continued:
                # "We will establish four new battlegroups. They will be based in A and B.":
                # one fact, its count from the first sentence, its hosts from the second
                words = words_of(sentence) | words_of(following)
                count = count if count is not None else continued_count(following)
                yield self._fact(document, words, continued, count, mention, Confidence.CONTEXTUAL)
                index += 2
                continue
            if hosts or count is not None:
                yield self._stated(document, sentence, mention, hosts, count)
            for row in other_rows(sentence, mention):  # a fact sheet's rows, one a statement
                yield self._stated(document, sentence, *row)
            index += 1

    def _stated(
        self,
        document: AnalysedDocument,
        sentence: Sentence,
        mention: Mention,
        hosts: Sequence[Mention],
        count: int | None,
    ) -> Fact:
        counted = count_token(sentence, mention) if count is not None else None
        return self._fact(
            document, words_of(sentence, mention), hosts, count, mention,
            counted=counted[1] if counted else None,
        )  # fmt: skip

    def _fact(
        self,
        document: AnalysedDocument,
        words: set[str],
        hosts: Sequence[Mention],
        count: int | None,
        mention: Mention,
        confidence: Confidence = Confidence.EXPLICIT,
        counted: Token | None = None,
    ) -> Fact:
        """`counted`: the token of the stated count, when the sentence of the hosts states
        it; the quote runs from it ("four additional multinational battlegroups in A, B and
        C"), so that a count that differs is shown."""
        # "NATO's eight battlegroups, old and new": all of them, not the new ones
        key = "new battlegroups" if words & NEW_WORDS and "old" not in words else "battlegroups"
        if hosts:
            start, end = hosts[0].start, hosts[-1].end
        else:
            start, end = mention.start, mention.end
        if counted is not None:
            start, end = min(start, counted.start), max(end, counted.end)
        span = document.document.span(start, end)
        value = Hosts(tuple(m.id for m in hosts), count)
        # "new" is new at the event the document reports: battlegroups announced at another
        # summit are another fact, never a contradiction of these
        return Fact(self.id, key, value, span.quote, span, confidence, FactTime.EVENT)

    def self_check(self, fact: Fact) -> str | None:
        hosts: Hosts = fact.value
        if hosts.count_mismatch:
            return f"states {hosts.count} battlegroups but lists {len(hosts.countries)} countries"
        return None

    def covers(self, fact: Fact) -> Sequence[tuple[int, int]]:
        # the stated count ("four additional battlegroups") and the hosts are one fact
        return (fact.span.sentence or (fact.span.start, fact.span.end),)

    def compare(self, a: Fact, b: Fact) -> Comparison:
        first, second = a.value, b.value
        if first == second:
            return Comparison(Verdict.AGREEMENT, "")
        problems = []
        if first.count is not None and second.count is not None and first.count != second.count:
            problems.append(f"stated count differs: {first.count} against {second.count}")
        if first.countries and second.countries:
            listed = compare_lists(first.countries, second.countries)
            # a country in place of another cannot be; a source that names fewer of the
            # hosts ("Romania's battlegroup is one of four new ones") only says less
            if listed.missing and listed.unexpected:
                problems.append("missing from the second: " + names(listed.missing))
                problems.append("unexpected in the second: " + names(listed.unexpected))
            if not problems and listed.verdict is Verdict.ORDERING_DIFFERENCE:
                return Comparison(Verdict.ORDERING_DIFFERENCE, "same countries in another order")
            if not problems and (listed.missing or listed.unexpected):
                fewer = listed.missing or listed.unexpected
                side = "second" if listed.missing else "first"
                return Comparison(
                    Verdict.COMPLEMENTARY,
                    f"the {side} names fewer hosts (without {names(fewer)})",
                )
        if problems:
            return Comparison(Verdict.DISCREPANCY, "; ".join(problems))
        if not first.countries or not second.countries:
            return Comparison(Verdict.COMPLEMENTARY, "only one source names the countries")
        return Comparison(Verdict.AGREEMENT, "")


def names(codes: Iterable[Any]) -> str:
    return ", ".join(country_name(str(code)) for code in codes)


def words_of(sentence: Sentence, mention: Mention | None = None) -> set[str]:
    """The words of the sentence, or of the list item the mention is in: a fact sheet's
    rows ("- New battlegroups: four", "- Battlegroups in place since 2017: ...") are one
    sentence, each row a statement of its own."""
    first, last = item_of(sentence, mention) if mention is not None else (0, len(sentence.tokens))
    return {token.lower for token in sentence.tokens[first:last]}


def item_of(sentence: Sentence, mention: Mention) -> tuple[int, int]:
    """The token range of the list item the mention is in (its bullet included), else of
    the whole sentence."""
    items = sentence.list_items()
    for first, last in items:
        if first <= mention.first_token < last:
            start = first
            while start > 0 and sentence.tokens[start - 1].bullet:
                start -= 1
            return start, last
    if items and mention.first_token < items[0][0] and sentence.tokens[0].text in OPENING_BULLETS:
        # the first row of a list the paragraph opens with: to the next row's bullet
        end = items[0][0]
        while end > 0 and sentence.tokens[end - 1].bullet:
            end -= 1
        return 0, end
    return 0, len(sentence.tokens)


OPENING_BULLETS = {"-", "*", "•", "–", "—"}


Announced = tuple[Mention, list[Mention], int | None]


def announcement(sentence: Sentence) -> Announced | None:
    """The first battlegroup mention of the sentence that states hosts or a count, with
    them (one list of hosts per sentence, or per row of a fact sheet); else its first
    mention, with neither; None when the sentence names no battlegroups."""
    mentions = sentence.labelled("BATTLEGROUP")
    if not mentions:
        return None
    for mention in mentions:
        hosts, count = stated(sentence, mention)
        if hosts or count is not None:
            return mention, hosts, count
    return mentions[0], [], None


def stated(sentence: Sentence, mention: Mention) -> tuple[list[Mention], int | None]:
    scope = item_of(sentence, mention)
    hosts = host_list(sentence, mention.first_token, mention.last_token, scope)
    return hosts, stated_count(sentence, mention)


def other_rows(sentence: Sentence, read: Mention) -> list[Announced]:
    """What the other rows of a list state, when the sentence is a list whose rows each
    name battlegroups ("- New battlegroups: four (...)\n- Battlegroups in place: ...")."""
    scope = item_of(sentence, read)
    if scope == (0, len(sentence.tokens)):
        return []
    rows: dict[tuple[int, int], Announced] = {scope: (read, [], None)}
    for mention in sentence.labelled("BATTLEGROUP"):
        row = item_of(sentence, mention)
        if row in rows:
            continue
        hosts, count = stated(sentence, mention)
        if hosts or count is not None:
            rows[row] = (mention, hosts, count)
    return [announced for row, announced in rows.items() if row != scope]


def continued_hosts(sentence: Sentence) -> list[Mention]:
    """The hosts a sentence lists when it goes on with the battlegroups of the sentence
    before: its subject is "They", "These", "Those" or "The (new) battlegroups"."""
    tokens = sentence.tokens
    if not tokens:
        return []
    subject_end: int | None = None
    if tokens[0].lower in CONTINUING_SUBJECTS:
        subject_end = 1
    battlegroups = sentence.labelled("BATTLEGROUP")
    if battlegroups and tokens[0].lower in DETERMINERS | CONTINUING_SUBJECTS:
        first = battlegroups[0]
        if first.first_token <= MAX_MODIFIERS and all(
            subject_modifier(t) for t in tokens[1 : first.first_token]
        ):
            subject_end = first.last_token
    if subject_end is None:
        return []
    return host_list(sentence, 0, subject_end, after_only=True)


# Words that may stand between "The" and "battlegroups" in a subject that goes on with the
# battlegroups before: "The four new multinational battlegroups", "These NATO battlegroups".
SUBJECT_MODIFIERS = NEW_WORDS | {"multinational", "allied", "forward", "planned"}


def subject_modifier(token: Token) -> bool:
    """Not "The alliance already has battlegroups in ...": a verb makes another subject."""
    return (
        token.lower in SUBJECT_MODIFIERS
        or (token.like_num and not token.is_punct)
        or token.text.isupper()  # "NATO"
    )


def continued_count(sentence: Sentence) -> int | None:
    battlegroups = sentence.labelled("BATTLEGROUP")
    return stated_count(sentence, battlegroups[0]) if battlegroups else None


def host_list(
    sentence: Sentence,
    start: int,
    end: int,
    scope: tuple[int, int] | None = None,
    after_only: bool = False,
) -> list[Mention]:
    """The host countries of the battlegroups that tokens [start, end) name: the first list
    after them introduced as a place ("in A, B and C"), else one before them that is ("In A
    and B, Allies ...", "A and B will host ...").

    Hosts are introduced by where they stand ("in", "on", "across", "hosted by", or "Hungary
    and Slovakia will host"); a list is written as "A, B and C", "A as well as B", "in A, in
    B and in C", by formal names ("the Slovak Republic", "the Republic of Türkiye",
    "Czechia"), by nationality adjectives with a word for land ("on Polish soil", "on
    Bulgarian and Slovak territory"; checker/data/demonyms.csv), or as the items of a
    bulleted or numbered list under the sentence ("based in:" then "- Bulgaria", "-
    Hungary"), read item by item. A country governed by another word is not a host: "the
    invasion of Ukraine", "Russia's war", "in response to Russia", "bordering Ukraine", "led
    by Germany" (rules/data/non_host_heads.csv). Precision first: when the hosts are unclear
    (a list item that names no host, a list introduced by no word for a place), nothing is
    read.
    """
    runs = [run for run in country_runs(sentence) if not governed(sentence, run)]
    if scope is not None and scope != (0, len(sentence.tokens)):
        # a mention in a list item: its hosts are in that item
        runs = [run for run in runs if scope[0] <= run[0].first_token < scope[1]]
        items = []
    else:
        items = sentence.list_items()
    if items and items[0][0] >= end:
        return item_hosts(sentence, items, runs, end)
    # "four additional battlegroups on the eastern flank, alongside the battlegroup that has
    # been stationed in Poland": a list after another battlegroup mention is that one's
    others = [m.first_token for m in sentence.labelled("BATTLEGROUP") if m.first_token >= end]
    until = min(others, default=len(sentence.tokens))
    for run in runs:
        if end <= run[0].first_token < until and introduced_as_place(sentence, run):
            return run
    if after_only:
        return []
    before = [run for run in runs if run[-1].last_token <= start]
    for run in reversed(before):
        if introduced_as_place(sentence, run) or hosts_next(sentence, run, start):
            # "Slovakia will host one of four new battlegroups, alongside Bulgaria, Hungary
            # and Romania": the hosts named beside it are hosts too
            beside = [r for r in runs if r[0].first_token >= end and named_beside(sentence, r)]
            return [*run, *beside[0]] if beside else run
    return []


# Words that name more hosts beside the one a sentence opens with.
BESIDE_WORDS = {"alongside", "besides"}
BESIDE_PHRASES = {("along", "with"), ("together", "with"), ("as", "well", "as")}


def named_beside(sentence: Sentence, run: Sequence[Mention]) -> bool:
    index = opening_index(sentence, run)
    words = tuple(t.lower for t in sentence.tokens[max(0, index - 2) : index + 1])
    return bool(words) and (
        words[-1] in BESIDE_WORDS or any(words[-len(p) :] == p for p in BESIDE_PHRASES)
    )


def item_hosts(
    sentence: Sentence, items: list[tuple[int, int]], runs: list[list[Mention]], end: int
) -> list[Mention]:
    """Hosts listed one item a line under a sentence that introduces them as places
    ("based in:", "in the following countries:"): the countries of each item, in order."""
    between = sentence.tokens[end : items[0][0]]
    introduction = {t.lower for t in between}
    heading = not introduction & (LOCATIVES | HOST_WORDS)
    if heading and not a_heading(between):
        return []
    hosts: list[Mention] = []
    for first, last in items:
        named = [m for run in runs for m in run if first <= m.first_token < last]
        if not named:
            return []  # an item without a host: not a list of hosts, or not one we can read
        if heading and any(
            not (t.is_punct or any(m.first_token <= n < m.last_token for m in named))
            for n, t in enumerate(sentence.tokens[first:last], first)
        ):
            return []  # under a heading, each item is a country and nothing else
        hosts.extend(named)
    return hosts


def a_heading(between: Sequence[Token]) -> bool:
    """Nothing but punctuation and a parenthesis between the battlegroups and the list:
    "NEW MULTINATIONAL BATTLEGROUPS (agreed 24 March 2022)", "New battlegroups:"."""
    depth = 0
    for token in between:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth <= 0 and not (token.is_punct or token.bullet):
            return False
    return depth == 0


def country_mentions(sentence: Sentence) -> list[Mention]:
    """Countries the sentence names: by name ("the Slovak Republic"), or by adjective with a
    word for land after it ("on Polish soil", "Bulgarian, Hungarian and Slovak territory").
    An adjective inside a name ("Slovak" in "Slovak Republic") is the name's."""
    countries = sentence.labelled(COUNTRY)
    adjectives = [
        m
        for m in sentence.labelled(DEMONYM)
        if m.text[:1].isupper()
        and not any(c.start <= m.start and m.end <= c.end for c in countries)
    ]
    named_land: list[Mention] = []
    for run in runs_of(sentence, adjectives):
        after = run[-1].last_token
        if after < len(sentence.tokens) and sentence.tokens[after].lower in TERRITORY_WORDS:
            named_land.extend(replace(m, label=COUNTRY) for m in run)
    return sorted([*countries, *named_land], key=lambda m: m.start)


def country_runs(sentence: Sentence) -> list[list[Mention]]:
    return runs_of(sentence, country_mentions(sentence))


def runs_of(sentence: Sentence, mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Runs of mentions separated only by list words: commas, "and", "as well as", the
    bullets of a list, and the preposition the run opens with when it is repeated ("in A,
    in B and in C")."""
    runs: list[list[Mention]] = []
    for mention in mentions:
        if runs:
            previous = runs[-1][-1]
            between = sentence.tokens[previous.last_token : mention.first_token]
            separators = LIST_SEPARATORS | {opening_word(sentence, runs[-1])}
            if previous.last_token <= mention.first_token and all(
                t.lower in separators or t.bullet for t in between
            ):
                runs[-1].append(mention)
                continue
        runs.append([mention])
    return runs


def opening_word(sentence: Sentence, run: Sequence[Mention]) -> str:
    """The word just before a run, past "the" and a list's bullets: "in" in "in the A"."""
    index = opening_index(sentence, run)
    return sentence.tokens[index].lower if index >= 0 else ""


def opening_index(sentence: Sentence, run: Sequence[Mention]) -> int:
    index = run[0].first_token - 1
    tokens = sentence.tokens
    while index >= 0 and (tokens[index].lower in DETERMINERS or tokens[index].bullet):
        index -= 1
    return index


def introduced_as_place(sentence: Sentence, run: Sequence[Mention]) -> bool:
    """The run follows a word for where things stand: "in", "on", "across", "hosted by",
    or the colon of a list ("battlegroups: A, B and C")."""
    index = opening_index(sentence, run)
    word = sentence.tokens[index].lower if index >= 0 else ""
    if word in LOCATIVES or word == ":":
        return True
    if word == "(" and index > 0 and sentence.tokens[index - 1].like_num:
        return True  # "New battlegroups: four (Bulgaria, Hungary, Romania, Slovakia)"
    return word == "by" and index > 0 and sentence.tokens[index - 1].lower in HOST_WORDS


def hosts_next(sentence: Sentence, run: Sequence[Mention], limit: int) -> bool:
    """Countries named first, then "host": "Hungary and Slovakia will host two new ..."."""
    window = sentence.tokens[run[-1].last_token : limit][: MAX_HOST_GAP + 1]
    return any(t.lower in HOST_WORDS for t in window)


@lru_cache(maxsize=1)
def non_host_heads() -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    """(phrases that govern the country after them, words a country's possessive governs)."""
    rows = read_table("non_host_heads.csv")
    before = frozenset(tuple(r["phrase"].split()) for r in rows if r["position"] == "before")
    possessor = frozenset(r["phrase"] for r in rows if r["position"] == "possessor")
    return before, possessor


def governed(sentence: Sentence, run: Sequence[Mention]) -> bool:
    """The run is the object or the possessor of another word, so not a host: "the invasion
    of Ukraine", "bordering Ukraine", "in response to Russia", "Russia's brutal war"."""
    before, possessor = non_host_heads()
    tokens = sentence.tokens
    index = run[0].first_token
    while index > 0 and tokens[index - 1].lower in DETERMINERS:
        index -= 1
    words = tuple(t.lower for t in tokens[max(0, index - 3) : index])
    if any(words[len(words) - len(phrase) :] == phrase for phrase in before if phrase):
        return True
    after = run[-1].last_token
    if after < len(tokens) and tokens[after].lower in ("'s", "'", "’s", "’"):
        window = tokens[after + 1 : after + 1 + MAX_POSSESSIVE_MODIFIERS + 1]
        return any(t.lower in possessor for t in window)
    return False


def stated_count(sentence: Sentence, mention: Mention) -> int | None:
    found = count_token(sentence, mention)
    return None if found is None else found[0]


def count_token(sentence: Sentence, mention: Mention) -> tuple[int, Token] | None:
    """The number just before the mention, past a few modifiers ('four additional
    multinational'), and its token."""
    index = mention.first_token - 1
    steps = 0
    while index >= 0 and steps <= MAX_MODIFIERS:
        token = sentence.tokens[index]
        if token.like_num:
            following = sentence.tokens[index + 1].lower if index + 1 < len(sentence.tokens) else ""
            if following == "of":
                return None  # "each host one of the new battlegroups": a share, not the count
            value = parse_number(token.text)
            return (int(value), token) if value is not None and value == int(value) else None
        if token.is_punct:
            return None
        index -= 1
        steps += 1
    return None


RULE = BattlegroupCountries()
