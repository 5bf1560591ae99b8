"""battlegroup-countries: where newly announced multinational battlegroups are hosted."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from checker.comparators import compare_lists
from checker.model import Comparison, Fact, Verdict
from checker.nlp import AnalysedDocument, Mention, Sentence
from checker.quantities import parse_number
from checker.rules import Rule

from ._countries import LABEL as COUNTRY
from ._countries import country_name, country_patterns
from ._tables import read_patterns

# Words that mark battlegroups as newly announced rather than already in place.
NEW_WORDS = {
    "new", "additional", "more", "further", "establish", "establishing", "established",
    "establishment", "create", "creating", "creation", "set", "setting", "launch", "launching",
    "deploy", "deploying", "form", "forming", "stand",
}  # fmt: skip
# What may stand between a stated count and "battlegroups": "four additional multinational".
LIST_SEPARATORS = {",", "and", "as", "well", "&", ";", "the"}
MAX_MODIFIERS = 4


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
shown); discrepancy when the sets differ (naming what is missing and unexpected) or when a
stated count differs between sources or from the number of countries listed.
"""
    examples = (
        "agreement: 'four new battlegroups in Bulgaria, Hungary, Romania and Slovakia' in both",
        "ordering_difference: '... in Slovakia, Romania, Bulgaria, and Hungary' in the other",
        "discrepancy: '... in Bulgaria, Hungary, Romania, and Slovenia' in the other",
        "discrepancy: 'five additional battlegroups' against 'four new battle groups'",
    )

    def patterns(self) -> Sequence[dict[str, Any]]:
        return [*read_patterns("battlegroups.jsonl"), *country_patterns()]

    def extract(self, document: AnalysedDocument) -> Iterable[Fact]:
        for sentence in document.sentences:
            for mention in sentence.labelled("BATTLEGROUP"):
                fact = self._fact(document, sentence, mention)
                if fact is not None:
                    yield fact
                    break  # one list of hosts per sentence

    def _fact(
        self, document: AnalysedDocument, sentence: Sentence, mention: Mention
    ) -> Fact | None:
        hosts = nearest_list(country_lists(sentence), mention)
        count = stated_count(sentence, mention)
        if not hosts and count is None:
            return None
        words = {token.lower for token in sentence.tokens}
        key = "new battlegroups" if words & NEW_WORDS else "battlegroups"
        if hosts:
            start, end = hosts[0].start, hosts[-1].end
        else:
            start, end = mention.start, mention.end
        span = document.document.span(start, end)
        value = Hosts(tuple(m.id for m in hosts), count)
        return Fact(self.id, key, value, span.quote, span)

    def self_check(self, fact: Fact) -> str | None:
        hosts: Hosts = fact.value
        if hosts.count_mismatch:
            return f"states {hosts.count} battlegroups but lists {len(hosts.countries)} countries"
        return None

    def compare(self, a: Fact, b: Fact) -> Comparison:
        first, second = a.value, b.value
        problems = []
        if first.count is not None and second.count is not None and first.count != second.count:
            problems.append(f"stated count differs: {first.count} against {second.count}")
        if first.countries and second.countries:
            listed = compare_lists(first.countries, second.countries)
            if listed.missing:
                problems.append("missing from the second: " + names(listed.missing))
            if listed.unexpected:
                problems.append("unexpected in the second: " + names(listed.unexpected))
            if not problems and listed.verdict is Verdict.ORDERING_DIFFERENCE:
                return Comparison(Verdict.ORDERING_DIFFERENCE, "same countries in another order")
        if problems:
            return Comparison(Verdict.DISCREPANCY, "; ".join(problems))
        if not first.countries or not second.countries:
            return Comparison(Verdict.COMPLEMENTARY, "only one source names the countries")
        return Comparison(Verdict.AGREEMENT, "")


def names(codes: Iterable[Any]) -> str:
    return ", ".join(country_name(str(code)) for code in codes)


def country_lists(sentence: Sentence) -> list[list[Mention]]:
    """Runs of country mentions separated only by commas and 'and'."""
    runs: list[list[Mention]] = []
    for mention in sentence.labelled(COUNTRY):
        if runs:
            previous = runs[-1][-1]
            between = sentence.tokens[previous.last_token : mention.first_token]
            if previous.last_token <= mention.first_token and all(
                t.lower in LIST_SEPARATORS for t in between
            ):
                runs[-1].append(mention)
                continue
        runs.append([mention])
    return runs


def nearest_list(runs: list[list[Mention]], mention: Mention) -> list[Mention]:
    """The list after the battlegroup mention ('battlegroups in A, B and C'), else before."""
    after = [run for run in runs if run[0].start >= mention.end]
    if after:
        return after[0]
    before = [run for run in runs if run[-1].end <= mention.start]
    return before[-1] if before else []


def stated_count(sentence: Sentence, mention: Mention) -> int | None:
    """The number just before the mention, past a few modifiers: 'four additional multinational'."""
    index = mention.first_token - 1
    steps = 0
    while index >= 0 and steps <= MAX_MODIFIERS:
        token = sentence.tokens[index]
        if token.like_num:
            value = parse_number(token.text)
            return int(value) if value is not None and value == int(value) else None
        if token.is_punct:
            return None
        index -= 1
        steps += 1
    return None


RULE = BattlegroupCountries()
