"""Actors (NATO, the EU, countries) and who "we" is in a document."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from checker.model import Document
from checker.nlp import AnalysedDocument, Mention, Sentence

from ._countries import LABEL as COUNTRY
from ._countries import country_name, country_names
from ._tables import phrase_pattern, read_table

LABEL = "ACTOR"
SELF_WORDS = {"we", "our", "us", "ours", "i", "my"}
PREPOSITIONS = {
    "in", "on", "to", "into", "at", "of", "from", "against", "with", "for", "by", "about",
    "across", "along", "toward", "towards", "through", "throughout", "over", "under", "within",
}  # fmt: skip
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her"}


@lru_cache(maxsize=1)
def actor_aliases() -> dict[str, str]:
    """phrase -> actor id (NATO, EU, or an ISO country code)."""
    aliases = {row["phrase"]: row["actor"] for row in read_table("actors.csv")}
    for name, code in country_names().items():
        aliases.setdefault(name, code)
    return aliases


def actor_patterns() -> list[dict[str, Any]]:
    table = {row["phrase"]: row["actor"] for row in read_table("actors.csv")}
    return [{"label": LABEL, "pattern": p, "id": a} for p, a in sorted(table.items())]


def actor_name(actor: str) -> str:
    return actor if actor in ("NATO", "EU") or len(actor) != 2 else country_name(actor)


def actor_of(mention: Mention) -> str | None:
    return mention.id if mention.label in (LABEL, COUNTRY) else None


def find_actor(text: str) -> str | None:
    """The actor a phrase names ("North Atlantic Treaty Organization Leaders" -> NATO): the
    earliest phrase in the text, the longest at that place."""
    match = _actor_pattern().search(text)
    return _actor_by_phrase()[match.group(0).lower()] if match else None


@lru_cache(maxsize=1)
def _actor_by_phrase() -> dict[str, str]:
    by_phrase: dict[str, str] = {}
    for phrase, actor in actor_aliases().items():
        key = phrase.lower()
        by_phrase[key] = min(actor, by_phrase.get(key, actor))
    return by_phrase


def _actor_pattern() -> re.Pattern[str]:
    return phrase_pattern(tuple(actor_aliases()), ignore_case=True)


def issuer_actor(document: AnalysedDocument) -> str | None:
    """Who "we" is: the issuer named in the title ("Statement by NATO Leaders"), else the
    opening self-description ("We, the Heads of State and Government of the NATO Allies")."""
    doc: Document = document.document
    if doc.issuer:
        found = find_actor(doc.issuer)
        if found:
            return found
    if document.sentences:
        opening = document.sentences[0]
        if re.match(r"(?i)^we,\s", opening.text):
            for mention in opening.mentions:
                actor = actor_of(mention)
                if actor:
                    return actor
    return None


def subject_actor(sentence: Sentence, before: int, issuer: str | None) -> str | None:
    """The actor doing what happens at token `before`: the nearest preceding actor that is
    not the object of a preposition nor a possessive ("NATO's plans"), or "we" (the issuer)."""
    actors = {m.first_token: m for m in sentence.mentions if actor_of(m)}
    index = before - 1
    while index >= 0:
        token = sentence.tokens[index]
        if token.lower in ("we", "i"):
            return issuer
        starting = [m for first, m in actors.items() if first <= index < m.last_token]
        if starting:
            mention = starting[0]
            follower = (
                sentence.tokens[mention.last_token].lower
                if mention.last_token < len(sentence.tokens)
                else ""
            )
            if not governed_by_preposition(sentence, mention.first_token) and follower != "'s":
                return actor_of(mention)
            index = mention.first_token - 1
            continue
        index -= 1
    return None


def governed_by_preposition(sentence: Sentence, first_token: int) -> bool:
    """Is the name at `first_token`, or the list it ends ("for Bulgaria, Hungary, Romania
    and Slovakia"), the object of a preposition?"""
    named = [m for m in sentence.mentions if actor_of(m)]
    ends = {m.last_token: m for m in named}
    starts = {m.first_token for m in named}
    own = next((m for m in named if m.first_token == first_token), None)
    # in a list, where commas join names too: past "and" or "or", or with a name after it
    joined = (
        own is not None
        and own.last_token + 1 < len(sentence.tokens)
        and sentence.tokens[own.last_token].lower in (",", "and", "or")
        and own.last_token + 1 in starts
    )
    index = first_token - 1
    while index >= 0:
        word = sentence.tokens[index].lower
        if word in DETERMINERS:
            index -= 1
        elif index in ends and (word in ("and", "or") or (word == "," and joined)):
            joined = True
            index = ends[index].first_token - 1  # a name of the list before this one
        else:
            return word in PREPOSITIONS
    return False
