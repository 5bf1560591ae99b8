"""named-lists: lists of named things (countries, counties, organisations) and the people
who hold an office, compared as sets, in order, and by name."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rapidfuzz import fuzz

from checker.claims import (
    TIME_WORDS,
    align_by_context,
    align_by_value_context,
    context_words,
    is_content,
    singular,
)
from checker.comparators import compare_lists
from checker.model import Comparison, Confidence, Fact, FactTime, Verdict
from checker.nlp import AnalysedDocument, Sentence, Token
from checker.places import demonym_country
from checker.rules import Rule

from ._countries import LABEL as COUNTRY
from ._countries import country_name, country_patterns, shared_country_names
from ._roles import is_name, roles_taken
from ._tables import read_table

NAME_MATCH = 88  # rapidfuzz ratio at which two written names are one name ("Los Angels")
JOINERS = frozenset({",", "and", "&"})
NAME_LINKS = frozenset({"of", "the", "de", "du", "von", "van", "al", "la"})
MAX_NAME = 5  # tokens of one name
MAX_ITEMS = 30


@cache
def agent_roles() -> dict[str, str]:
    return {row["word"]: row["role"] for row in read_table("agent_roles.csv")}


@cache
def titles() -> dict[tuple[str, ...], str]:
    return {tuple(row["title"].split()): row["title"] for row in read_table("office_titles.csv")}


def fold(text: str) -> str:
    """Case, diacritics and the okina folded: 'Hawaiʻi' is 'hawaii', 'Türkiye' 'turkiye'."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ʻ", "").replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


@dataclass(frozen=True)
class NamedList:
    """Items in the order the sentence lists them (countries as ISO codes)."""

    items: tuple[str, ...]
    shown: tuple[str, ...] = field(default=(), compare=False)
    context: frozenset[str] = field(default=frozenset(), compare=False)

    def __str__(self) -> str:
        return ", ".join(self.shown or self.items)


@dataclass(frozen=True)
class OfficeHolder:
    name: str  # folded
    shown: str = field(default="", compare=False)
    qualified: bool = True  # the office is named with its place or body ("Hawaii Governor")
    context: frozenset[str] = field(default=frozenset(), compare=False)

    def __str__(self) -> str:
        return self.shown or self.name


@dataclass(frozen=True)
class Agent:
    """Who did something to a thing: "owned by Grace Ocean Private Ltd."."""

    name: str  # folded, without the words of a company's form ("Ltd.", "Group")
    shown: str = field(default="", compare=False)
    context: frozenset[str] = field(default=frozenset(), compare=False)

    def __str__(self) -> str:
        return self.shown or self.name


class NamedLists(Rule):
    id = "named-lists"
    general = True
    title = "Lists of named things, and who holds an office"
    description = """
What it checks: lists of named things ("Brevard, Charlotte, Collier and Lee counties",
"Ukraine, Moldova and Georgia", "the Fairfax and Los Angeles County fire departments")
and the person who holds an office ("Hawaii Governor Josh Green", "KISHIDA Fumio, Prime
Minister of Japan").

How: a list is two or more names joined by commas and "and", tied to the noun that says
what they are ("counties", "fire departments"; countries are known by name, alias and
demonym). Two documents' lists of one kind of thing are one fact when the words around
them agree. Names are matched when written a little differently ("Los Angels County").
An office is a title from rules/data/office_titles.csv with the place or body it belongs
to ("Hawaii Governor", "Prime Minister of Japan"); its holder's names match when one is
part of the other ("Governor Green", "Governor Josh Green") or spelt alike (Zelensky,
Zelenskyy). Who did something to a thing is the name after "by" and a participle from
rules/data/agent_roles.csv ("owned by", "operated by", "built by", "rescued by"): its
role is compared, never its subject, which the sentence may name in any words. Who a
meeting elects or appoints to a role ("elected Dr Aminata Diallo as Chairperson", "was
elected to preside over this year's assembly") and which country takes over its rotating
presidency ("Poland takes over the presidency on 1 July") are read by rules/_roles.py,
with the roles of rules/data/elected_roles.csv.

Verdicts: agreement for the same items in the same order, the same holder or the same
agent ("the Synergy Marine Group" and "Synergy Marine of Singapore");
ordering_difference for the same items in another order; discrepancy when a list of the
same length has other members, or an office or a role has another holder; complementary
when one list names more than the other, an office is named without its place or body, or
an agent has another name (the role may be of another thing: "built by" a shipyard and
"built by" a bridge's contractor).
"""
    examples = (
        "ordering_difference: 'the Central, Eastside and Riverside libraries' against "
        "'the Eastside, Central and Riverside libraries'",
        "discrepancy: 'Ukraine, Moldova and Georgia' against 'Ukraine, Moldova and Armenia'",
        "agreement: 'Hawaii Governor Josh Green' and 'Hawaiʻi Governor Green'",
        "agreement: 'owned and operated by the White Star Line' and 'operated by White Star Line'",
        "discrepancy: 'Dr Ines Valcarcel ... was elected President of the Assembly' against "
        "'Dr Kofi Mensah-Bonsu was elected to preside over this year's assembly'",
    )

    def patterns(self) -> Sequence[dict[str, Any]]:
        return country_patterns()

    def extract(self, document: AnalysedDocument) -> Iterable[Fact]:
        for sentence in document.sentences:
            yield from self._lists(document, sentence)
            yield from self._offices(document, sentence)
            yield from self._agents(document, sentence)
            yield from self._roles(document, sentence)

    def _roles(self, document: AnalysedDocument, sentence: Sentence) -> Iterable[Fact]:
        """Who a meeting elects or appoints, and who takes over its presidency (rules/_roles)."""
        tokens = sentence.tokens
        for taken in roles_taken(sentence):
            span = document.document.span(tokens[taken.start].start, tokens[taken.end - 1].end)
            name = taken.country or fold(taken.holder)
            context = context_words(tokens[max(0, taken.start - 8) : taken.start])
            yield Fact(
                self.id,
                f"elected: {taken.role}" if taken.country is None else f"taking over: {taken.role}",
                OfficeHolder(name, taken.holder, True, context),
                span.quote,
                span,
                Confidence.NORMALISED,
                FactTime.EVENT,
            )

    def _agents(self, document: AnalysedDocument, sentence: Sentence) -> Iterable[Fact]:
        """'owned and operated by the White Star Line', 'chartered (leased) by Maersk'."""
        tokens = sentence.tokens
        roles = agent_roles()
        for index, token in enumerate(tokens):
            if token.lower != "by" or index == 0:
                continue
            said = roles_before(tokens, index, roles)
            start = index + 1
            if start < len(tokens) and tokens[start].lower == "the":
                start += 1
            name = name_after(tokens, start) if said else None
            if name is None or tokens[name[0]].lower in TIME_NAMES:
                continue
            first, end, shown = name
            span = document.document.span(tokens[first].start, tokens[end - 1].end)
            context = context_words([*tokens[max(0, index - 8) : index], *tokens[end : end + 8]])
            for role in said:
                yield Fact(
                    self.id,
                    f"role: {role}",
                    Agent(agent_name(shown), shown, context),
                    span.quote,
                    span,
                    Confidence.NORMALISED,
                    FactTime.EVENT,
                )

    def _lists(self, document: AnalysedDocument, sentence: Sentence) -> Iterable[Fact]:
        for first, after, items in name_lists(sentence):
            head = list_head(sentence.tokens, first, after)
            countries = all(item[0] == "country" for item in items)
            if head is None and not countries:
                continue
            if countries and head in REPRESENTATIVES:
                head = None  # "the presidents of Gabon, Cameroon and Chad": the countries
            kind = head or f"countries{stance_after(sentence.tokens, after)}"
            span = document.document.span(
                sentence.tokens[first].start, sentence.tokens[after - 1].end
            )
            context = context_words(
                [*sentence.tokens[max(0, first - 8) : first], *sentence.tokens[after : after + 8]]
            )
            value = NamedList(
                tuple(item[1] for item in items), tuple(item[2] for item in items), context
            )
            yield Fact(
                self.id,
                f"list: {kind}",
                value,
                span.quote,
                span,
                Confidence.NORMALISED,
                FactTime.EVENT,
            )

    def _offices(self, document: AnalysedDocument, sentence: Sentence) -> Iterable[Fact]:
        tokens = sentence.tokens
        starts = title_starts()
        covered = 0  # "Prime Minister": "Minister" inside it is no title of its own
        for index, token in enumerate(tokens):
            if index < covered or token.lower not in starts:
                continue  # no title starts here (office_at would say so, at a call's cost)
            found = office_at(tokens, index)
            if found is None:
                continue
            title, title_end = found
            covered = title_end
            if any(t.lower in SECOND_OFFICES for t in tokens[max(0, index - 2) : index]):
                continue  # "Deputy Prime Minister Juan Ortiz", "Former Kenyan President ..."
            if any(t.lower in SUCCESSION_WORDS for t in tokens[max(0, index - 3) : index]):
                continue  # "replaced Finance Minister Ana Duarte with Tom Berg": leaving it
            if title_end < len(tokens) and tokens[title_end].lower in TITLE_WORDS:
                continue  # "Chief Executive Officer Ingrid Halvorsen": a longer title
            qualifier = qualifier_of(tokens, index, title_end)
            name = name_after(tokens, title_end) or name_before(tokens, index)
            if name is None:
                continue
            start, end, shown = name
            office = f"{qualifier} {title}" if qualifier else title
            span = document.document.span(
                tokens[min(start, index)].start, tokens[max(end, title_end) - 1].end
            )
            value = OfficeHolder(
                fold(shown),
                shown,
                bool(qualifier),
                context_words(tokens[max(0, index - 8) : index]),
            )
            yield Fact(
                self.id,
                f"holder of: {office}",
                value,
                span.quote,
                span,
                Confidence.NORMALISED,
                FactTime.CHANGING,
            )

    def align(self, facts: Sequence[Fact]) -> Iterable[Fact]:
        lists = [f for f in facts if isinstance(f.value, NamedList)]
        agents = [f for f in facts if isinstance(f.value, Agent)]
        offices = [f for f in facts if isinstance(f.value, OfficeHolder)]
        return [
            *align_by_context(
                lists, lambda fact: fact.value.context, value_of=list_set, same_thing=one_list
            ),
            *align_by_value_context(agents),
            *offices,
        ]

    def compare(self, a: Fact, b: Fact) -> Comparison:
        if isinstance(a.value, OfficeHolder) and isinstance(b.value, OfficeHolder):
            return compare_holders(a.value, b.value)
        if isinstance(a.value, NamedList) and isinstance(b.value, NamedList):
            return compare_named_lists(a.value, b.value)
        if isinstance(a.value, Agent) and isinstance(b.value, Agent):
            if same_person(a.value.name, b.value.name):
                return Comparison(Verdict.AGREEMENT, "")
            return Comparison(
                Verdict.COMPLEMENTARY,
                f"other names, {a.value.shown} and {b.value.shown}: perhaps of other things",
            )
        return Comparison(Verdict.COMPLEMENTARY, "not comparable")


def roles_before(tokens: Sequence[Token], by: int, roles: dict[str, str]) -> list[str]:
    """The roles said by the participles before 'by': 'owned and operated by' (both),
    'chartered (leased) by' and 'built in 2015 by' (an aside or a time passed over)."""
    index = by - 1
    if tokens[index].text == ")":
        opening = next(
            (i for i in range(index - 1, max(-1, index - 5), -1) if tokens[i].text == "("), None
        )
        if opening is None:
            return []
        index = opening - 1
    if tokens[index].lower not in roles:
        # "built in 2015 by", "launched in Kiel by": a time or place said between
        for between in range(index, max(0, index - 4), -1):
            if tokens[between].text in (",", ";", "(", ")"):
                break
            if tokens[between].lower in ("in", "on", "at") and tokens[between - 1].lower in roles:
                index = between - 1
                break
    found: list[str] = []
    while index >= 0 and tokens[index].lower in roles:
        found.append(roles[tokens[index].lower])
        if index >= 2 and tokens[index - 1].lower in ("and", "or", ","):
            index -= 2
        else:
            break
    return sorted(set(found))


def agent_name(shown: str) -> str:
    """A name folded, without the words that give a company's form: 'Grace Ocean Private
    Ltd.' and 'Grace Ocean Pte. Ltd.' are 'grace ocean'."""
    words = [w.strip(".,") for w in fold(shown).split()]
    kept = [w for w in words if w and w not in COMPANY_FORMS]
    return " ".join(kept or words)


def list_set(fact: Fact) -> object:
    return frozenset(fact.value.items)


SHARED_MEMBERS = 3  # members two lists share, at the least, to be one list whatever their words
SHARED_SHARE = 0.75  # ... and the share of the shorter list they make


def one_list(a: Fact, b: Fact) -> bool | None:
    """Lists that share most of their members are one list in whatever words they are
    given ("Colombia, Slovenia, Kenya and Vanuatu today joined the Alliance", "Colombia,
    Kenya, Slovakia and Vanuatu became the newest members"); None when they cannot tell."""
    mine, theirs = frozenset(a.value.items), frozenset(b.value.items)
    shared = len(mine & theirs)
    if shared >= SHARED_MEMBERS and shared >= SHARED_SHARE * min(len(mine), len(theirs)):
        return True
    return None


def compare_named_lists(a: NamedList, b: NamedList) -> Comparison:
    second = tuple(matching(item, a.items) for item in b.items)
    listed = compare_lists(a.items, second)
    if listed.verdict is Verdict.AGREEMENT:
        return Comparison(Verdict.AGREEMENT, "")
    if listed.verdict is Verdict.ORDERING_DIFFERENCE:
        return Comparison(Verdict.ORDERING_DIFFERENCE, "the same items in another order")
    missing = ", ".join(str(x) for x in listed.missing)
    unexpected = ", ".join(str(x) for x in listed.unexpected)
    if len(a.items) == len(second) and listed.missing and listed.unexpected:
        return Comparison(Verdict.DISCREPANCY, f"other members: {missing} against {unexpected}")
    return Comparison(
        Verdict.COMPLEMENTARY,
        "one lists more: " + "; ".join(x for x in (missing, unexpected) if x),
    )


def matching(item: str, among: Sequence[str]) -> str:
    """An item written a little differently from one of `among` is that item; a country's
    name shared by two ("CD|CG") is either of them."""
    if item in among:
        return item
    for other in among:
        if item in other.split("|") or other in item.split("|"):
            return other
    best = max(among, key=lambda other: fuzz.ratio(item, other), default=None)
    if best is not None and fuzz.ratio(item, best) >= NAME_MATCH:
        return best
    return item


def compare_holders(a: OfficeHolder, b: OfficeHolder) -> Comparison:
    if same_person(a.name, b.name):
        return Comparison(Verdict.AGREEMENT, "")
    if not (a.qualified and b.qualified):
        return Comparison(
            Verdict.COMPLEMENTARY, "the office is named without its place or body: may be two"
        )
    return Comparison(Verdict.DISCREPANCY, f"another holder: {a.shown} against {b.shown}")


def same_person(first: str, second: str) -> bool:
    """'josh green' and 'green'; 'kishida fumio' and 'kishida'; 'zelensky' and 'zelenskyy'."""
    a, b = first.split(), second.split()
    if not a or not b:
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return all(any(fuzz.ratio(word, other) >= NAME_MATCH for other in longer) for word in shorter)


def name_lists(sentence: Sentence) -> list[tuple[int, int, list[tuple[str, str, str]]]]:
    """Runs of two or more names joined by commas and 'and': (first token, token after,
    items as (kind, normal form, as written))."""
    tokens = sentence.tokens
    if not any(t.lower in ("and", "&") for t in tokens):
        return []  # a run needs its "and": most sentences have none
    countries = {m.first_token: m for m in sentence.mentions if m.label == COUNTRY}
    names = [is_name(t) for t in tokens]  # read once: a token is looked at by several runs
    runs = []
    index = 0
    while index < len(tokens):
        if not (index in countries or names[index]):
            index += 1
            continue
        items: list[tuple[str, str, str]] = []
        position = index
        last_end = index
        closed = False  # "A, B and C": the item after "and" is the last
        while position < len(tokens) and len(items) < MAX_ITEMS:
            item = item_at(tokens, position, countries, names)
            if item is None:
                break
            kind, normal_form, shown, end = item
            items.append((kind, normal_form, shown))
            last_end = end
            if closed:
                break
            joiner = end
            while joiner < len(tokens) and tokens[joiner].lower in JOINERS:
                joiner += 1
            if joiner == end:
                break
            closed = any(t.lower in ("and", "&") for t in tokens[end:joiner])
            if joiner < len(tokens) and tokens[joiner].lower == "the":
                joiner += 1  # "Ukraine, the Republic of Moldova and Georgia"
            position = joiner
        if len(items) >= 2 and any(t.lower in ("and", "&") for t in tokens[index:last_end]):
            runs.append((index, last_end, items))
            index = last_end
        else:
            index += 1
    return runs


def item_at(
    tokens: Sequence[Token], position: int, countries: dict[int, Any], names: Sequence[bool]
) -> tuple[str, str, str, int] | None:
    """The list item at token `position`: a country, or a name (`names[n]`: token n is a
    name's word, `is_name`)."""
    if position in countries:
        mention = countries[position]
        # "Congo" alone may be either Congo: it matches both
        code = shared_country_names().get(mention.text.lower(), mention.id)
        return "country", code, country_name(code), mention.last_token
    if position >= len(tokens) or not names[position]:
        return None
    end = position
    while end < len(tokens) and end - position < MAX_NAME:
        if names[end] or (
            tokens[end].lower in NAME_LINKS and end + 1 < len(tokens) and names[end + 1]
        ):
            end += 1
        else:
            break
    words = [t.text for t in tokens[position:end]]
    return "name", fold(" ".join(words)), " ".join(words), end


def list_head(tokens: Sequence[Token], first: int, after: int) -> str | None:
    """What the listed names are: the plural noun after them ("... and Lee counties", "the
    Fairfax and Los Angeles County fire departments"), or before ("the counties of ...")."""
    words: list[str] = []
    index = after
    while (
        index < len(tokens)
        and len(words) < 2
        and is_content(tokens[index])
        and not is_name(tokens[index])
    ):
        words.append(tokens[index].lower)
        index += 1
    if words and words[-1].endswith("s"):
        return " ".join(singular(w) for w in words)
    if (
        first >= 2
        and tokens[first - 1].lower in ("of", ":")
        and tokens[first - 2].lower.endswith("s")
    ):
        return singular(tokens[first - 2].lower)
    return None


@cache
def title_starts() -> frozenset[str]:
    return frozenset(words[0] for words in titles())


def office_at(tokens: Sequence[Token], index: int) -> tuple[str, int] | None:
    """A title starting at token `index`, longest first: (title, token after it)."""
    if tokens[index].lower not in title_starts():
        return None
    known = titles()
    for size in (3, 2, 1):
        words = tuple(t.lower for t in tokens[index : index + size])
        if len(words) == size and words in known:
            return known[words], index + size
    return None


def qualifier_of(tokens: Sequence[Token], index: int, after: int) -> str:
    """The place or body an office belongs to: 'Hawaii Governor', 'FEMA Administrator',
    'Ukrainian President' (a demonym is its country), 'Prime Minister of Japan'."""
    if after + 1 < len(tokens) and tokens[after].lower == "of" and is_name(tokens[after + 1]):
        return fold(tokens[after + 1].text)
    if index >= 1 and is_name(tokens[index - 1]) and tokens[index - 1].lower not in ("the",):
        word = tokens[index - 1].text
        code = demonym_country(word)
        return fold(code or word)
    return ""


HEADLESS_KEY = "list: countries"  # a list of countries named by no noun
# Who stands for the countries listed: "the presidents of Gabon, Cameroon and Chad" lists
# the countries, as "Cameroon, Chad, Congo and Gabon" does
REPRESENTATIVES = frozenset(
    {"president", "leader", "minister", "delegation", "representative", "prime minister",
     "foreign minister", "head", "ambassador", "envoy", "government"}
)  # fmt: skip
# What a list of voters did: "Germany, France and Italy voted in favour", "... against".
AGAINST = frozenset({"against", "opposed", "rejected", "vetoed"})
IN_FAVOUR = frozenset({"favour", "favor", "supported", "backed", "endorsed"})
ABSTAINED = frozenset({"abstained", "abstaining", "abstain", "abstention", "abstentions"})


def stance_after(tokens: Sequence[Token], after: int) -> str:
    """' (against)', ' (in favour)' or ' (abstained)' when the words after a list say how
    its members voted."""
    words = {t.lower for t in tokens[after : after + 4]}
    if words & ABSTAINED:
        return " (abstained)"  # "abstained in the vote on the resolution": neither side
    if words & AGAINST:
        return " (against)"
    if words & IN_FAVOUR:
        return " (in favour)"
    return ""


HEADLESS_ALIGNMENT_THRESHOLD = 0.5
# Words before a title that make it another office; words after one that lengthen it.
# Words before a title that say its holder is leaving it, or is succeeded in it.
SUCCESSION_WORDS = frozenset(
    {"replaced", "replaces", "replacing", "replace", "succeeded", "succeeds", "succeeding",
     "succeed", "ousted", "sacked", "fired", "dismissed", "removed", "predecessor",
     "resigned", "resigning", "dismissing", "sacking", "ousting"}
)  # fmt: skip
SECOND_OFFICES = frozenset(
    {"deputy", "vice", "acting", "former", "assistant", "lieutenant", "under", "junior",
     "shadow", "ex", "associate", "late", "outgoing", "incoming", "designate"}
)  # fmt: skip
TITLE_WORDS = frozenset(
    {"officer", "secretary", "minister", "director", "general", "adviser", "advisor",
     "commissioner", "administrator", "chair", "chairman", "chairwoman",
     "president", "governor", "mayor", "ambassador", "representative", "envoy", "coordinator"}
)  # fmt: skip
COMPANY_FORMS = frozenset(
    {"ltd", "limited", "pte", "private", "inc", "co", "corp", "corporation", "plc", "llc",
     "company", "group", "holdings", "sa", "ag", "gmbh", "nv", "bv", "pty", "the"}
)  # fmt: skip
# Names that are times, not agents: "built by March", "paid by Friday", "by Christmas"
TIME_NAMES = TIME_WORDS | {"christmas", "easter", "spring", "summer", "autumn", "winter"}
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "bin"})


def name_after(tokens: Sequence[Token], index: int) -> tuple[int, int, str] | None:
    """The name after a title: capitalised words, with the particles inside a name
    ('Ursula von der Leyen')."""
    end = index
    while end < len(tokens) and end - index < 5:
        inside = (
            tokens[end].lower in NAME_PARTICLES
            and end > index
            and any(is_name(t) for t in tokens[end + 1 : end + 3])
        )
        if not (is_name(tokens[end]) or inside):
            break
        end += 1
    while end > index and not is_name(tokens[end - 1]):
        end -= 1
    if end == index:
        return None
    return index, end, " ".join(t.text for t in tokens[index:end])


def name_before(tokens: Sequence[Token], index: int) -> tuple[int, int, str] | None:
    """'KISHIDA Fumio, Prime Minister of Japan'."""
    if index < 2 or tokens[index - 1].text != ",":
        return None
    start = index - 1
    while start > 0 and index - 1 - start < 3 and is_name(tokens[start - 1]):
        start -= 1
    if start == index - 1:
        return None
    return start, index - 1, " ".join(t.text for t in tokens[start : index - 1])


RULE = NamedLists()
