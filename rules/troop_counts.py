"""troop-counts: how many troops an actor has placed, deployed, surged or stationed, and where."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from checker.comparators import compare_intervals
from checker.model import Comparison, Confidence, Fact, FactTime, Verdict
from checker.nlp import AnalysedDocument, Mention, Sentence
from checker.quantities import Amount, find_amounts
from checker.rules import Rule

from ._actors import (
    SELF_WORDS,
    actor_name,
    actor_of,
    actor_patterns,
    issuer_actor,
    subject_actor,
)
from ._countries import LABEL as COUNTRY
from ._countries import country_patterns
from ._tables import read_patterns, read_table

REGION = "REGION"
SCOPE_PREPOSITIONS = {"on", "in", "to", "into", "across", "throughout", "along", "within"}
# Words that may stand between an amount and the force it counts ("40,000 additional US troops").
BREAKS = SCOPE_PREPOSITIONS | {"at", "of", "from", "and", "or", "but", "than", "for", "with", "by"}
MAX_BETWEEN = 3
SCOPE_WINDOW = 14  # tokens after the force noun in which its scope is looked for
SCOPE_LEAD = 3  # tokens before the region in which its preposition stands ("in the")
OWNED_SCOPE_LEAD = 5  # ... past an owner: "along the alliance's eastern flank"


@dataclass(frozen=True)
class TroopCount:
    amount: Amount
    actor: str
    scope: str
    command: str | None
    as_of: dt.date | None

    def __str__(self) -> str:
        parts = [str(self.amount), actor_name(self.actor), self.scope]
        if self.command:
            parts.append(f"under {actor_name(self.command)} command")
        if self.as_of:
            parts.append(f"as of {self.as_of.isoformat()}")
        return ", ".join(parts)


class TroopCounts(Rule):
    id = "troop-counts"
    title = "Troops placed, deployed, surged or stationed"
    description = """
What it checks: figures of troops, forces, soldiers or personnel that an actor has placed,
deployed, surged or stationed somewhere.

How: an amount directly before a force noun ("40,000 troops", "thousands of forces",
"forty thousand additional soldiers") in a sentence that speaks of deploying them. The
amount becomes an interval that keeps its precision: exact, vague ("thousands of"),
bounded ("more than 100,000", "up to 5,000", "nearly 300,000") or a range. The actor is
who deploys them: a modifier ("US troops"), else the sentence's subject ("The United
States has surged ..."); "we" and "our" are the document's issuer (in a joint statement by
NATO leaders, NATO). The scope is where they go ("on our eastern flank", "to Europe", a
named country), and the command they are under. The time is the document's date.

Only figures with the same actor and scope are compared: different exact values are a
discrepancy; an exact value inside a vague one is complementary; different actors or
scopes are different facts (each one_sided), never a discrepancy.
"""
    examples = (
        "one_sided: NATO's '40,000 troops on our eastern flank' beside the United States' "
        "'thousands of forces ... to Europe' (another actor and scope)",
        "discrepancy: '40,000 troops on our eastern flank' against '45,000 troops on the "
        "eastern flank' (both NATO's)",
        "complementary: 'thousands of troops' against '40,000 troops' for the same actor and scope",
    )

    def patterns(self) -> Sequence[dict[str, Any]]:
        regions = [
            {"label": REGION, "pattern": row["phrase"], "id": row["region"]}
            for row in read_table("regions.csv")
        ]
        return [*read_patterns("troops.jsonl"), *regions, *actor_patterns(), *country_patterns()]

    def extract(self, document: AnalysedDocument) -> Iterable[Fact]:
        issuer = issuer_actor(document)
        for sentence in document.sentences:
            forces = sentence.labelled("FORCE")
            if not forces:
                continue
            amounts = [
                (sentence.start + start, sentence.start + end, amount)
                for start, end, amount in find_amounts(sentence.text)
            ]
            for force in forces:
                fact = self._fact(document, sentence, force, amounts, issuer)
                if fact is not None:
                    yield fact

    def _fact(
        self,
        document: AnalysedDocument,
        sentence: Sentence,
        force: Mention,
        amounts: list[tuple[int, int, Amount]],
        issuer: str | None,
    ) -> Fact | None:
        counted = counting_amount(sentence, force, amounts)
        row = None if counted is not None else row_amount(sentence, force, amounts)
        found = counted or row
        if found is None:
            return None
        start, amount_end, amount = found
        # a fact sheet's row ("U.S. service members in Europe today: roughly 80,000"): the
        # words that name the force open the row
        first = sentence.token_at(start) if row is None else row_start(sentence, force)
        scope_found = scope_of(sentence, force, issuer)
        command = command_of(sentence)
        if not sentence.labelled("DEPLOY") and scope_found is None and command is None:
            return None  # a figure of troops that nobody places anywhere
        actor = (
            modifier_actor(sentence, first, force, issuer)
            or subject_actor(sentence, first, issuer)
            or command  # "there are 40,000 troops under NATO command"
            or issuer
        )
        if actor is None:
            return None
        scope, scope_end = scope_found or ("unspecified", force.end)
        value = TroopCount(amount, actor, scope, command, document.document.day)
        span = document.document.span(
            min(start, force.start), max(force.end, scope_end, amount_end)
        )
        key = f"{actor_name(actor)} / {scope}"
        # troops deployed is a level: it changes from one event to the next
        return Fact(self.id, key, value, span.quote, span, Confidence.NORMALISED, FactTime.CHANGING)

    def compare(self, a: Fact, b: Fact) -> Comparison:
        first, second = a.value.amount, b.value.amount
        verdict = compare_intervals(
            first, second, first_exact=first.is_exact, second_exact=second.is_exact
        )
        dated = a.value.as_of is not None and b.value.as_of is not None
        if verdict is Verdict.DISCREPANCY and dated and a.value.as_of != b.value.as_of:
            # (an undated side is read as of its event's day, or not, by the engine)
            return Comparison(Verdict.COMPLEMENTARY, "different figures, stated on different dates")
        detail = {
            Verdict.AGREEMENT: "",
            Verdict.DISCREPANCY: f"different figures: {first} against {second}",
            Verdict.COMPLEMENTARY: f"compatible figures: {first} and {second}",
        }[verdict]
        return Comparison(verdict, detail)


def counting_amount(
    sentence: Sentence, force: Mention, amounts: list[tuple[int, int, Amount]]
) -> tuple[int, int, Amount] | None:
    """The amount that counts this force: right before it, past a few modifiers."""
    for start, end, amount in reversed(amounts):
        if end > force.start:
            continue
        between = [t for t in sentence.tokens if end <= t.start and t.end <= force.start]
        if len(between) > MAX_BETWEEN:
            return None
        if any(t.lower in BREAKS or (t.is_punct and t.text != "-") for t in between):
            return None
        return start, end, amount
    return None


def row_amount(
    sentence: Sentence, force: Mention, amounts: list[tuple[int, int, Amount]]
) -> tuple[int, int, Amount] | None:
    """The amount a row gives its label: 'U.S. service members in Europe today: roughly
    80,000', the amount after the label's colon ending the row."""
    tokens = sentence.tokens
    colon = next(
        (i for i in range(force.last_token, min(len(tokens), force.last_token + SCOPE_WINDOW))
         if tokens[i].text == ":"),
        None,
    )  # fmt: skip
    if colon is None or any(t.line_start for t in tokens[force.last_token : colon + 1]):
        return None
    for start, end, amount in amounts:
        if sentence.token_at(start) != colon + 1:
            continue
        after = sentence.token_at(end)
        if after < len(tokens) and not (tokens[after].line_start or tokens[after].text in ".;"):
            return None  # "Troops: 40,000 in Poland and ...": more than the row's figure
        return start, end, amount
    return None


def row_start(sentence: Sentence, force: Mention) -> int:
    """The first token of the row the force is named in."""
    index = force.first_token
    while index > 0 and not sentence.tokens[index].line_start:
        index -= 1
    while index < force.first_token and sentence.tokens[index].bullet:
        index += 1
    return index


def modifier_actor(
    sentence: Sentence, first: int, force: Mention, issuer: str | None
) -> str | None:
    """'US troops', '40,000 NATO troops', 'our forces': the actor named right by the force."""
    for mention in sentence.mentions:
        if mention.first_token >= first and mention.last_token <= force.first_token:
            actor = actor_of(mention)
            if actor:
                return actor
    before = sentence.tokens[force.first_token - 1] if force.first_token else None
    if before is not None and before.lower in SELF_WORDS:
        return issuer
    return None


def scope_of(sentence: Sentence, force: Mention, issuer: str | None) -> tuple[str, int] | None:
    """Where the force is: a region or country after a preposition following the force noun."""
    window_end = force.last_token + SCOPE_WINDOW
    for mention in sentence.mentions:
        if mention.label not in (REGION, COUNTRY) or not (
            force.last_token <= mention.first_token < window_end
        ):
            continue
        lead = SCOPE_LEAD
        if any(
            t.lower in ("'s", "’s")
            for t in sentence.tokens[mention.first_token - 2 : mention.first_token]
        ):
            lead = OWNED_SCOPE_LEAD
        preceding = [
            t.lower
            for t in sentence.tokens[max(0, mention.first_token - lead) : mention.first_token]
        ]
        if not set(preceding) & SCOPE_PREPOSITIONS:
            continue
        scope = mention.id if mention.label == REGION else actor_name(mention.id)
        return scope, mention.end
    return None


def command_of(sentence: Sentence) -> str | None:
    """'under direct NATO command' -> NATO (an actor id)."""
    words = [t.lower for t in sentence.tokens]
    if "command" not in words or "under" not in words:
        return None
    index = words.index("command")
    for mention in sentence.mentions:
        actor = actor_of(mention)
        if actor and words.index("under") < mention.first_token < index:
            return actor
    return None


RULE = TroopCounts()
