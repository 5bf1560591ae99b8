"""Who takes up a role at a meeting: the person it elects or appoints, the country that takes
over its presidency.

"The Commission elected Dr Aminata Diallo (Senegal) as Chairperson", "Dr Ines Valcarcel,
Minister of Health of Peru, was elected President of the Assembly", "Tomas Herrera of Chile
was elected to chair the commission", "Poland takes over the rotating presidency on 1 July",
"Czechia, which assumes the presidency on 1 July". Roles are read from
rules/data/elected_roles.csv; a role of a named part of the body ("Chair of Committee A")
is that part's, a role of the body itself ("of the Assembly", "the agency's") is the
body's. Precision first: a deputy's role ("Vice-Chairpersons"), an election to come ("will
elect", "is expected to be elected") and a subject that is no name are not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from checker.nlp import Mention, Sentence, Token

from ._countries import LABEL as COUNTRY
from ._countries import country_name
from ._tables import read_table

ELECTING = frozenset({"elected", "re-elected", "appointed", "reappointed"})
PASSIVE = frozenset({"was", "were", "been", "is", "are"})
UNSURE = frozenset({"will", "would", "could", "may", "might", "to", "expected", "likely", "not"})
HONORIFICS = frozenset(
    {"dr", "dr.", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "prof", "prof.", "professor",
     "ambassador", "h.e.", "sir", "dame"}
)  # fmt: skip
DEPUTY = frozenset({"vice", "deputy", "assistant", "acting", "alternate"})
BEFORE_ROLE = frozenset({"the", "its", "their", "next", "new", "first", "incoming", "sole"})
# A body's own words: "President of the Assembly", "the agency's next director general"
BODY_WORDS = frozenset(
    {"assembly", "conference", "congress", "commission", "council", "session", "meeting",
     "summit", "organisation", "organization", "agency", "union", "bureau", "body", "forum",
     "community", "group", "fund", "bank", "secretariat", "institute", "court", "board",
     "parliament", "convention", "programme", "program", "authority"}
)  # fmt: skip
TAKING_OVER = frozenset({"takes", "took", "assumes", "assumed", "assume", "assuming", "taking"})
TAKING_WORDS = frozenset({"take", "will"})  # "will take over", "will hold"
PRESIDENCIES = {"presidency": "presidency", "chairmanship": "chair", "chairship": "chair"}
MAX_NAME = 5
MAX_APPOSITIVE = 14  # tokens of ", Minister of Health of Peru," between a name and its verb


@dataclass(frozen=True)
class RoleTaken:
    role: str  # "chair", "director-general", "presidency"
    holder: str  # as written, honorifics left out
    country: str | None  # the holder's ISO code, when it is a country
    start: int  # token range of the statement: the holder to the role
    end: int


@cache
def roles() -> tuple[dict[tuple[str, ...], str], dict[tuple[str, ...], str]]:
    """(title words -> role, verb words -> role)."""
    titles: dict[tuple[str, ...], str] = {}
    verbs: dict[tuple[str, ...], str] = {}
    for row in read_table("elected_roles.csv"):
        table = titles if row["kind"] == "title" else verbs
        table[tuple(row["phrase"].split())] = row["role"]
    return titles, verbs


# What a sentence that elects or takes over must say (a test of the text, before its words)
_SIGNAL = re.compile(r"elected|appointed|\btak(?:es|e|ing)\b|\btook\b|assum|\bhold\b", re.I)


def roles_taken(sentence: Sentence) -> list[RoleTaken]:
    if not _SIGNAL.search(sentence.text):
        return []
    tokens = sentence.tokens
    countries = sentence.labelled(COUNTRY)
    found: list[RoleTaken] = []
    for index, token in enumerate(tokens):
        if token.lower in ELECTING:
            found.extend(_elected(tokens, index))
        elif token.lower in TAKING_OVER or (
            token.lower in ("over", "hold") and index and tokens[index - 1].lower in TAKING_WORDS
        ):
            taken = _presidency(tokens, index, countries)
            if taken is not None:
                found.append(taken)
    return found


def _elected(tokens: Sequence[Token], verb: int) -> list[RoleTaken]:
    before = {t.lower for t in tokens[max(0, verb - 3) : verb]}
    if before & UNSURE:
        return []  # "will be elected", "is expected to be elected", "was not elected"
    if verb and tokens[verb - 1].lower in PASSIVE:
        name = name_before(tokens, verb - 1)
        if name is None:
            return []
        role = role_at(tokens, _past(tokens, verb + 1, ("as", "to", "be")))
        if role is None:
            return []
        return [RoleTaken(role[0], name[2], None, name[0], role[1])]
    if verb and tokens[verb - 1].lower == "newly":
        return _newly_elected(tokens, verb)
    found: list[RoleTaken] = []
    at = verb + 1
    while True:  # "elected A as Chair and B as Rapporteur"
        name = name_at(tokens, at)
        if name is None:
            return found
        after = _past_appositive(tokens, _past_origin(tokens, name[1]))
        if after >= len(tokens) or tokens[after].lower != "as":
            return found
        role = role_at(tokens, after + 1)
        if role is not None:
            found.append(RoleTaken(role[0], name[2], None, name[0], role[1]))
        end = role[1] if role is not None else after + 2
        at = _past(tokens, end, (",", "and"))
        if at == end:
            return found


def _newly_elected(tokens: Sequence[Token], verb: int) -> list[RoleTaken]:
    """'its newly elected Board President Amara Diallo': the body's role (its own word
    before the title says so), then who holds it."""
    at = verb + 1
    while at < len(tokens) and tokens[at].lower in BODY_WORDS:
        at += 1  # the body's own word: "Board"
    if at == verb + 1 or (at < len(tokens) and tokens[at].lower in DEPUTY):
        return []  # "newly elected President Lula": perhaps a country's, not the body's
    titles, _ = roles()
    for size in (3, 2, 1):
        role = titles.get(tuple(t.lower for t in tokens[at : at + size]))
        name = name_at(tokens, at + size) if role is not None else None
        if role is not None and name is not None:
            return [RoleTaken(role, name[2], None, verb, name[1])]
    return []


def _presidency(
    tokens: Sequence[Token], verb: int, countries: Sequence[Mention]
) -> RoleTaken | None:
    """'Poland takes over the rotating presidency', 'Czechia, which assumes the presidency',
    'the Kyrgyz Republic will hold the chairmanship': the incoming holder, a country."""
    at = _past(tokens, verb + 1, ("over", "the", "rotating", "annual", "its"))
    if at >= len(tokens) or tokens[at].lower not in PRESIDENCIES:
        return None
    if at + 2 < len(tokens) and tokens[at + 1].lower == "of" and tokens[at + 2].lower != "the":
        return None  # "assumes the presidency of Mercosur": perhaps another body's
    subject = verb - 1
    while subject >= 0 and tokens[subject].lower in SUBJECT_LINKS:
        subject -= 1
    if subject >= 0 and tokens[subject].text == ",":
        subject -= 1  # "Czechia, which assumes the presidency"
    mention = next((m for m in countries if m.first_token <= subject < m.last_token), None)
    if mention is None:
        return None  # a country takes over a presidency: "Poland", "the Kyrgyz Republic"
    role = PRESIDENCIES[tokens[at].lower]
    return RoleTaken(role, country_name(mention.id), mention.id, mention.first_token, at + 1)


SUBJECT_LINKS = frozenset({"will", "to", "is", "set", "due", "which", "take", "taking", "then"})


def _past(tokens: Sequence[Token], index: int, words: Sequence[str]) -> int:
    while index < len(tokens) and tokens[index].lower in words:
        index += 1
    return index


def _past_appositive(tokens: Sequence[Token], index: int) -> int:
    """Past what a name is, between commas, before "as": 'Ambassador Lukas Brenner,
    Permanent Representative of Austria to the United Nations, as President'."""
    if index >= len(tokens) or tokens[index].text != ",":
        return index
    for close in range(index + 1, min(len(tokens) - 1, index + MAX_APPOSITIVE)):
        if tokens[close].text == "," and tokens[close + 1].lower == "as":
            return close + 1
    return index


def _past_origin(tokens: Sequence[Token], index: int) -> int:
    """Past where a person is from: '(Senegal)', 'of Brazil', 'of the Republic of Korea'."""
    if index < len(tokens) and tokens[index].text == "(":
        close = next(
            (i for i in range(index, min(len(tokens), index + 8)) if tokens[i].text == ")"), None
        )
        return index if close is None else close + 1
    if index + 1 < len(tokens) and tokens[index].lower == "of":
        after = index + 1
        if tokens[after].lower == "the":
            after += 1
        end = after
        while end < len(tokens) and (is_name(tokens[end]) or tokens[end].lower == "of"):
            end += 1
        if end > after:
            return end
    return index


def role_at(tokens: Sequence[Token], index: int) -> tuple[str, int] | None:
    """The role at tokens[index] (past 'the', an owner's 's and 'next'), with its
    qualifier when it is of a named part of the body: (role, token after it)."""
    titles, verbs = roles()
    while index < len(tokens):
        word = tokens[index].lower
        if word in BEFORE_ROLE:
            index += 1
        elif index + 1 < len(tokens) and tokens[index + 1].lower in ("'s", "’s"):
            index += 2  # "the agency's next director general"
        else:
            break
    if index < len(tokens) and tokens[index].lower in DEPUTY:
        return None  # "as Vice-Chairpersons", "deputy director general"
    words: list[str] = []
    positions: list[int] = []
    at = index
    while at < len(tokens) and len(words) < 3:
        if tokens[at].text in ("-", "‑"):
            at += 1
            continue
        words.append(tokens[at].lower)
        positions.append(at)
        at += 1
    for size in (3, 2, 1):
        candidate = tuple(words[:size])
        role = titles.get(candidate) or verbs.get(candidate) if len(candidate) == size else None
        if role is not None:
            qualifier, end = qualifier_after(tokens, positions[size - 1] + 1)
            return (f"{role} of {qualifier}" if qualifier else role), end
    return None


def qualifier_after(tokens: Sequence[Token], index: int) -> tuple[str, int]:
    """'of Committee A' -> ('committee a', end); 'of the Assembly', 'the commission' (the
    body's own words) -> ('', end)."""
    at = index
    if at < len(tokens) and tokens[at].lower in ("of", "over"):
        at += 1
    if at < len(tokens) and tokens[at].lower in ("the", "this"):
        at += 1
    end = at
    while (
        end < len(tokens)
        and end - at < 5
        and (is_name(tokens[end]) or tokens[end].lower in BODY_WORDS)
    ):
        end += 1
    if end == at:
        return "", index
    words = [t.lower.rstrip(".") for t in tokens[at:end]]
    if words[-1] in BODY_WORDS:
        return "", end  # the body itself, whatever its name
    return " ".join(words), end


def is_name(token: Token) -> bool:
    """A capitalised word with a letter: a name's word ("Diallo", "U.S.")."""
    text = token.text
    return bool(text[:1].isupper() and any(c.isalpha() for c in text))


def name_at(tokens: Sequence[Token], index: int) -> tuple[int, int, str] | None:
    """A person's name starting at `index`: capitalised words (joined by hyphens), an
    honorific before them left out of the name: 'Dr Aminata Diallo', 'Ms. Ana Beatriz
    Duarte', 'Kofi Mensah-Bonsu'."""
    start = index
    while start < len(tokens) and tokens[start].lower in HONORIFICS:
        start += 1
    end = start
    while end < len(tokens) and end - start < MAX_NAME and in_name(tokens, end, start):
        end += 1
    words = [t.text for t in tokens[start:end] if t.text != "-"]
    if len(words) < 2 and start == index:
        return None  # one capitalised word, no honorific: perhaps no person ("Members")
    if not words:
        return None
    return index, end, _shown(tokens[start:end])


def in_name(tokens: Sequence[Token], index: int, start: int) -> bool:
    """A name's word, or the hyphen of a double name ("Mensah-Bonsu")."""
    token = tokens[index]
    if token.text == "-":
        return index > start and index + 1 < len(tokens) and is_name(tokens[index + 1])
    return is_name(token) and token.lower not in HONORIFICS


def _shown(tokens: Sequence[Token]) -> str:
    shown = ""
    for token in tokens:
        if token.text == "-" or shown.endswith("-"):
            shown += token.text
        else:
            shown += (" " if shown else "") + token.text
    return shown


def name_before(tokens: Sequence[Token], aux: int) -> tuple[int, int, str] | None:
    """The name the passive verb at `aux` is said of: 'Dr Ines Valcarcel, Minister of
    Health of Peru, was elected', 'Tomas Herrera of Chile was elected', 'Ghana's health
    minister, Dr Kofi Mensah-Bonsu, was elected'."""
    end = aux
    if end and tokens[end - 1].lower == "has":
        end -= 1
    if end and tokens[end - 1].text == ",":
        # an appositive: the name is just before it, or the appositive is the name
        comma = next(
            (
                i
                for i in range(end - 2, max(-1, end - 2 - MAX_APPOSITIVE), -1)
                if tokens[i].text == ","
            ),
            None,
        )
        if comma is not None:
            inner = name_at(tokens, comma + 1)
            if inner is not None and inner[1] == end - 1:
                return inner  # "Ghana's health minister, Dr Kofi Mensah-Bonsu, was elected"
            end = comma
        else:
            return None
    # past where the person is from: "Tomas Herrera of Chile", "Dr Diallo (Senegal)"
    if end and tokens[end - 1].text == ")":
        opening = next(
            (i for i in range(end - 1, max(-1, end - 9), -1) if tokens[i].text == "("), None
        )
        if opening is None:
            return None
        end = opening
    start = name_start(tokens, end)
    if start >= 2 and tokens[start - 1].lower == "of" and is_name(tokens[start - 2]):
        end = start - 1  # "Tomas Herrera of Chile": the country is where he is from
        start = name_start(tokens, end)
    while start > 0 and tokens[start - 1].lower in HONORIFICS:
        start -= 1
    if start == end:
        return None
    return name_at(tokens, start)


def name_start(tokens: Sequence[Token], end: int) -> int:
    """The first token of the name's words (and hyphens) that end before `end`."""
    start = end
    while start > 0 and (is_name(tokens[start - 1]) or tokens[start - 1].text == "-"):
        start -= 1
    return start
