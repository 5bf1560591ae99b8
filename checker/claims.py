"""Claims: a value with what it is about, read from the words around it in its sentence.

A claim's frame is the thing counted or measured (the head of the noun phrase the value
belongs to: "$1.2 billion in humanitarian aid" -> aid, qualified by humanitarian), the
qualifiers that tell quantities apart, the actor the sentence names before the value, the
role of the value in a stated change ("up from 40,000"), and whether the sentence asserts
it (not under negation, modality or a question) or states it as an intention ("plans
to"). Words are normalised through a lexicon a rule gives (synonym classes as data: troops,
forces and soldiers are one kind), so the engine knows the language, not the domain.

Only tokens are used (spaCy's blank pipeline has no tagger): the noun phrase is the run of
content words after the value (past "in", "of", "for", "worth"), or before "of" when the
value comes last ("a death toll of 50,000").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from checker.model import Fact
from checker.nlp import Mention, Sentence, Token
from checker.places import country_word, demonym_country, resolve_place
from checker.values import Value, find_values
from checker.values.numbers import CHANGE_VERBS, PHRASAL_MOVES, SCALES

# Words that join a value to the noun phrase after it: "$2 billion in aid", "2% of GDP",
# "$783 billion on energy".
LINKS = frozenset(
    {"in", "of", "for", "on", "worth", "the", "a", "an", "additional", "new", "more", "extra",
     "further", "total", "another", "some", "its", "their", "our", "us", "u.s.", "her", "his"}
)  # fmt: skip
# Function words: never a head or a qualifier.
STOP_WORDS = frozenset(
    {"'s", "a", "about", "above", "across", "additional", "after", "against", "all", "almost",
     "along", "also", "amid", "amidst", "among", "an", "and", "another", "approximately", "are",
     "around", "as", "at", "be", "been", "before", "behind", "being", "below", "beside",
     "between", "beyond", "both", "but", "by", "concerning", "despite", "during", "each",
     "extra", "following", "for", "from", "further", "had", "has", "have", "he", "her", "here",
     "his", "if", "in", "include", "includes", "including", "inside", "into", "is", "it", "its",
     "just", "least", "like", "many", "more", "most", "much", "near", "nearly", "new", "no",
     "nor", "not", "of", "off", "on", "only", "onto", "or", "other", "our", "outside", "over",
     "past", "per", "regarding", "roughly", "s", "she", "since", "so", "some", "such", "than",
     "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
     "through", "throughout", "to", "total", "toward", "towards", "under", "until", "up",
     "upon", "versus", "via", "was", "we", "were", "when", "where", "which", "while", "who",
     "whom", "will", "with", "within", "without", "worth", "would", "yet"}
)  # fmt: skip
NEGATIONS = frozenset(
    {"not", "no", "never", "n't", "neither", "nor", "without", "denied", "rejected", "refused",
     "declined", "dismissed"}
)  # fmt: skip
MODALS = frozenset(
    {"could", "might", "may", "would", "should",
     "proposes", "propose", "proposed", "hopes", "hope",
     "considering", "consider", "considers", "if", "unless", "whether", "possible",
     "possibly", "seeks", "seek", "wants", "want", "asked", "eventually",
     "requested", "requests", "calls", "urged", "urges"}
)  # fmt: skip
# Words that state an intention: what is planned is a fact of its own, compared with other
# statements of the plan ("intends to authorize $50 million"), never with what was done.
# A proposal, a hope or a request is not read at all: others may propose other figures.
INTENTIONS = frozenset(
    {"plans", "plan", "planned", "planning", "intends", "intend", "intended", "aims", "aim"}
)
# Words that forecast: what is expected is a fact of its own, compared with other forecasts
# ("is now expected to cost €3.8 billion", "projected to cost €4.8 billion"), never with
# what came to pass; "than expected" forecasts nothing ("a better than expected 5%").
FORECASTS = frozenset(
    {"expects", "expected", "expect", "projected", "projects", "forecast", "forecasts",
     "predict", "predicts", "predicted"}
)  # fmt: skip
# Verbs of capacity: "could accommodate 1,178 people" says what something holds, not a maybe.
CAPACITY_VERBS = frozenset({"accommodate", "hold", "seat", "house", "carry", "take"})
# Verbs that end a noun phrase ("a 7.8 earthquake struck"); past participles end one too.
VERBS = frozenset(
    {"struck", "hit", "made", "took", "left", "brought", "came", "went", "rose", "fell",
     "grew", "reached", "totalled", "totaled", "topped", "remain", "remains", "remained",
     "said", "says", "told", "announced", "provided", "pledged", "approved", "gave", "give",
     "gives", "is", "are", "was", "were", "has", "have", "had", "will", "would", "can",
     "could", "must", "did", "do", "does", "get", "got", "become", "became",
     "helped", "bring", "brings", "make", "makes", "reaches", "include", "includes",
     "included", "provide", "provides", "lost", "lose", "loses", "won", "win", "wins", "paid",
     "spent", "saw", "kept", "held", "built", "sent", "put", "ran", "began", "met", "led",
     "sold", "bought", "fled", "fought", "say", "see", "sees", "need", "needs",
     "received", "receive", "receives", "found", "shown", "showed", "seen", "known",
     "given", "taken", "heard", "caught", "chosen", "written", "done", "set", "beat", "broke"}
)  # fmt: skip
# Words before a value that make it an increment, not a level: "an additional $100 million".
# Nouns that measure the noun after "of": "the number of shelters" counts shelters.
MEASURE_WORDS = frozenset({"number", "total", "amount", "share", "proportion", "percentage"})
# Nouns of belonging: "four members of a maintenance crew" are four of the crew.
MEMBER_WORDS = frozenset({"members", "member"})
# Nouns of groups of people a participle may follow: "a crew working on the roadway".
GROUP_NOUNS = frozenset(
    {"crew", "crews", "staff", "personnel", "people", "workers", "residents", "team", "teams"}
)
PRIOR_WORDS = frozenset({"previous", "former", "prior", "earlier", "old", "original"})
INCREMENT_WORDS = frozenset({"additional", "further", "another", "extra", "new", "more"})
# ... or right after it: "one more car", "two further deaths" (not "40 more than last year").
INCREMENT_AFTER = frozenset({"additional", "further", "extra", "more"})
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "its", "their", "our"})
PREPOSITIONS = frozenset(
    {"in", "into", "to", "for", "from", "of", "across", "with", "at", "on", "within", "near",
     "throughout", "inside", "towards", "toward", "against", "among", "between", "around"}
)  # fmt: skip
# A decision reported done: the figure it set holds once.
SETTLED_VERBS = frozenset(
    {"approved", "adopted", "passed", "voted", "signed", "enacted", "awarded", "allocated",
     "agreed", "ratified", "endorsed", "authorized", "authorised", "appropriated", "pledged",
     "announced", "committed", "earmarked", "promised", "unveiled", "won"}
)  # fmt: skip
# ... unless the figure is a running total: "has announced $185 million to date".
RUNNING_TOTAL = frozenset({"date", "far", "total", "totals", "cumulative", "bringing", "now"})
# Names of days and months: "$5 million on Monday" is not about Monday.
TIME_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
     "oct", "nov", "dec", "today", "yesterday", "tomorrow", "tonight", "week", "weekend",
     "year", "years", "month", "months", "quarter", "morning", "afternoon", "evening",
     "night"}
)  # fmt: skip
# Verbs that say what a quantity amounts to, after the thing it measures: "federal support
# tops $10.2 billion", "the death toll stands at 50,000", "the budget is $412 million".
AMOUNT_VERBS = frozenset(
    {"totals", "totaled", "totalled", "total", "tops", "topped", "top", "reached", "reaches",
     "reach", "surpassed", "surpasses", "exceeded", "exceeds", "is", "was", "are", "were",
     "stands", "stood", "amounts", "amounted", "rose", "rises", "grew", "grows", "climbed",
     "climbs", "fell", "falls", "increased", "increases", "dropped", "declined", "jumped",
     "held", "holds", "remained", "remains", "stayed", "stays", "slipped", "slips", "edged",
     "eased", "slid", "dipped", "plunged", "soared", "surged", "tumbled", "sank", "rise",
     "fall", "climb", "increase", "drop", "decline", "slowed", "slows", "accelerated",
     "quickened", "cooled", "rebounded", "cost", "costs", "costing", "expanded", "expands",
     "contracted", "shrank", "widened", "widens", "narrowed", "narrows", "risen", "fallen",
     "grown", "shrunk"}
)  # fmt: skip
# Words between "to" or "at" and the level a verb brings something to: "has risen to a
# record £17.1 billion", "stands at a new high of 4.2%" (read back from the value).
LEVEL_FILLERS = frozenset({"a", "an", "new", "record", "all-time", "fresh", "high", "low", "of"})
# Verbs whose subject receives the value: "reconstruction efforts will receive €500 million".
RECEIVING_VERBS = frozenset(
    {"receive", "receives", "received", "get", "gets", "got", "obtain", "obtains", "obtained",
     "secure", "secures", "secured"}
)  # fmt: skip
# Between a value and the "for" or "to" that says what it goes to: "has been set aside for".
ON_THE_WAY = frozenset(
    {"has", "have", "had", "been", "be", "is", "are", "was", "were", "will", "also", "already",
     "set", "aside", "go", "goes", "went", "put", "now"}
)  # fmt: skip
DESTINATIONS = frozenset({"for", "to", "towards", "toward"})
# Verbs that follow "to" as infinitives, not nouns: "$100 million to help survivors".
INFINITIVES = frozenset(
    {"help", "support", "fund", "pay", "provide", "build", "rebuild", "assist", "cover", "buy",
     "finance", "meet", "address", "boost", "restore", "repair", "strengthen", "protect",
     "ensure", "aid", "bring", "make", "improve", "expand", "train", "equip", "deliver"}
)  # fmt: skip
AMOUNT_PREPOSITIONS = frozenset({"at", "to"})  # "stands at", "amounts to", "rose to"
AUXILIARIES = frozenset({"has", "have", "had", "now", "already", "will", "so", "far"})
# Words between a verb that multiplies and what it multiplies: "have more than doubled".
BEFORE_MULTIPLYING = AUXILIARIES | frozenset(
    {"is", "are", "was", "were", "been", "more", "than", "nearly", "almost", "roughly",
     "about", "all", "but"}
)  # fmt: skip
# Verbs that bring something to a level: "this brings total assistance to $185 million",
# "the agency increased its aid to $50 million": the level is of the verb's object.
LEVEL_VERBS = frozenset(
    {"brings", "brought", "bringing", "bring", "increased", "increases", "increasing",
     "raised", "raises", "raising", "boosted", "boosts", "lifted", "lifts", "expanded",
     "expands", "cut", "cuts", "reduced", "reduces", "lowered", "lowers", "cutting",
     "reducing", "lowering", "slashed", "slashes", "slashing", "trimmed", "trims", "raise",
     "increase", "boost", "lift", "reduce", "lower", "slash", "trim"}
)  # fmt: skip
BRINGING = frozenset({"brings", "brought", "bringing", "bring"})
# Verbs that set something at a level: "the budget set defence spending at £42.6 billion",
# "kept its dividend at 42 cents": the level is of the noun phrase right before "at".
SETTING_VERBS = frozenset(
    {"set", "sets", "setting", "kept", "keeps", "keep", "held", "holds", "hold", "capped",
     "caps", "cap", "put", "puts", "estimated", "estimates", "valued", "values", "priced",
     "fixed", "pegged", "pegs", "maintained", "maintains", "left", "leaves"}
)  # fmt: skip
SET_PHRASE_ENDS = VERBS | SETTING_VERBS  # words that end the noun phrase set at a level
# Verbs right before a sum that name it: "was fined $40 million" states a fine.
NAMING_VERBS = frozenset({"fined", "fines", "fine"})
# Verbs that multiply what comes before them: "exports have tripled", "sales doubled".
MULTIPLYING_VERBS = frozenset(
    {"doubled", "tripled", "trebled", "quadrupled", "halved", "doubles", "triples",
     "quadruples", "halves"}
)  # fmt: skip
# Verbs that give a sum they do not name: "we commit €2.5 billion to expand ...".
PLEDGING_VERBS = frozenset(
    {"commit", "commits", "committed", "committing", "pledge", "pledges", "pledged",
     "pledging", "earmark", "earmarks", "earmarked", "mobilise", "mobilises", "mobilised",
     "mobilize", "mobilizes", "mobilized", "contribute", "contributes", "contributed",
     "donate", "donates", "donated", "allocate", "allocates", "allocated"}
)  # fmt: skip
# Words between a pledging verb and its sum: "pledged a further $1 billion", "up to"
BEFORE_PLEDGED = frozenset(
    {"a", "an", "another", "further", "additional", "extra", "some", "about", "around",
     "nearly", "almost", "up", "to", "over", "more", "than", "at", "least", "roughly"}
)  # fmt: skip
# Verbs that say what something costs: "expected to cost €3.8 billion" states a cost.
COST_VERBS = frozenset({"cost", "costs", "costing"})
# Verbs that put a value on something: "valued at $25.6 billion", "valuing the combined
# group at $26.5 billion" state a value, whatever is valued.
VALUING_VERBS = frozenset({"valued", "valuing", "values", "value"})
# Verbs that say what a thing sold at: "fetched $68.4 million", "sold for $48.6 million".
FETCHING_VERBS = frozenset({"fetched", "fetches", "fetch", "fetching"})
SELLING_VERBS = frozenset(
    {"sold", "sells", "sell", "selling", "auctioned", "went", "go", "goes",
     # a price is paid as much as asked: "is buying Norrskog Förpackning for €3.9 billion"
     "buy", "buys", "buying", "bought", "acquire", "acquires", "acquiring", "acquired",
     "purchase", "purchases", "purchasing", "purchased"}
)  # fmt: skip
LEVEL_WINDOW = 16  # tokens between such a verb and "to" + the value
CONTEXT_WINDOW = 10  # tokens each way read as a value's context
ALIGNMENT_THRESHOLD = 0.2  # context overlap that makes two statements one fact
SAME_VALUE_THRESHOLD = 0.05  # ... when they state the same value: a word in common
LONE_PAIR_SHARED = 2  # words besides the key's that two lone statements of it share
MAX_CLUSTERS = 32  # groups tried per key (bounds the work)
MEMBERS_TRIED = 8  # statements of a group a new statement is tried against
STRAY_TRIED = 8  # ... and a statement left alone, once all are read
LABEL_WORDS = 2
CLAUSE_BREAKS = frozenset({";", ":"})
Mood = Literal["asserted", "planned", "forecast", "hedged"]
EMPTY: Mapping[str, str] = {}
GROUP_PREPOSITIONS = frozenset({"on", "with", "without"})
PEOPLE_WORDS = frozenset(
    {"patient", "people", "person", "participant", "adult", "child", "children", "women",
     "men", "user", "those", "resident", "worker", "student", "voter", "respondent"}
)  # fmt: skip
CLAUSE_SEPARATORS = frozenset({",", ";", ":", "(", ")", "—", "–"})
CONJUNCTIONS = frozenset({"and", "or", "but", "while", "whereas", "against", "versus", "than"})
MAX_PHRASE = 4  # content words in a noun phrase
MAX_LINKS = 3  # link words skipped between a value and its noun phrase ("of the total")


@dataclass(frozen=True)
class Lexicon:
    """How a rule's domain names things: word (lowercase, singular) -> class, and phrases."""

    heads: Mapping[str, str] = field(default_factory=dict)  # "soldier" -> "troops"
    phrases: Mapping[str, str] = field(default_factory=dict)  # "death toll" -> "deaths"
    # what people did or suffered makes the class of a count of people: "50,000 killed"
    predicates: Mapping[str, str] = field(default_factory=dict)  # "killed" -> "deaths"
    people: frozenset[str] = frozenset({"people", "person", "individual", "resident", "other"})
    # qualifiers that tell quantities of one head apart: humanitarian, security, military
    purposes: Mapping[str, str] = field(default_factory=dict)
    actor_labels: frozenset[str] = frozenset()  # pattern labels that name actors
    # what a verb said of lives makes of them: "claimed 50,000 lives" -> "deaths"
    lives: Mapping[str, str] = field(default_factory=dict)
    # classes that hold for the moment of the event reported, not levels that reports
    # update: the people aboard a craft when it sank, what it was built to hold
    held: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Frame:
    """What a value is about."""

    head: str  # the class of the thing counted or measured, or "" when none is read
    qualifiers: tuple[str, ...]  # sorted content words that qualify it
    actor: str | None  # the actor named before the value, when there is one
    # "from" | "to" | "by": the value starts, ends or measures a change; "raised to": the
    # level a verb brings its object to ("brings total aid to $185 million")
    role: str | None
    asserted: bool  # False under negation, modality, or in a question
    purposes: tuple[str, ...] = ()  # the qualifiers' purpose classes: what tells it apart
    increment: bool = False  # "an additional $100 million": an increment, not a level
    head_is_name: bool = False  # the head word is a named actor or country ("millions in Syria")
    settled: bool = False  # a decision reported done ("the council approved"): a fixed fact
    context: frozenset[str] = frozenset()  # content words around the value, for alignment
    scope: str = ""  # the place it is said of ("34 deaths in Florida", "In Syria, ..."), if any
    # the periods said beside it: "2024", "2024-Q3", "Q3" (no year), "year-1" ("last year")
    periods: tuple[str, ...] = ()
    recipient: str = ""  # whom it goes to: "$500 million in aid to Ukraine" -> "ukraine"
    planned: bool = False  # an intention ("plans to send 3,000 troops"), asserted as such
    forecast: bool = False  # an expectation ("is expected to cost €3.8 billion"), as such

    @property
    def about(self) -> str:
        """What the value is about, as its fact's key names it: the head and its purposes,
        and the place it is said of."""
        words = " ".join(self.purposes)
        about = f"{self.head} ({words})" if words else self.head
        if self.scope:
            about = f"{about} in {self.scope}"
        return f"{about}, an increment" if self.increment else about


@dataclass(frozen=True)
class Claim:
    value: Value  # offsets relative to the sentence text
    frame: Frame
    start: int  # offsets of the value in the document's analysed text
    end: int


def singular(word: str) -> str:
    """A crude English singular, enough to match table words: 'troops' -> 'troop'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]  # "businesses", "churches", "boxes"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normal(token: Token) -> str:
    return singular(token.lower.strip("'’."))


def is_content(token: Token) -> bool:
    """A word that tells what a sentence is about: not a stop word, not a number; a name
    of letters and digits ("S19", "A320", "F-35") is one."""
    word = token.lower.strip("'’.")
    letters = word.replace("-", "")
    return (
        bool(word)
        and (letters.isalpha() or (word[0].isalpha() and letters.isalnum()))
        and word not in STOP_WORDS
    )


@lru_cache(maxsize=4096)
def values_in(text: str) -> tuple[Value, ...]:
    """The values of a sentence, found once for every general rule that reads it."""
    return tuple(find_values(text))


QUANTITY_KINDS = frozenset(
    {"money", "amount", "count", "percentage", "share", "multiplier", "measure"}
)
SHARE_KINDS = frozenset({"percentage", "share"})
NOT_OF_PEOPLE = frozenset({"money", "measure"})  # kinds of value that count no one


def read_claims(sentence: Sentence, lexicon: Lexicon, kinds: Iterable[str]) -> list[Claim]:
    """The claims of one sentence, for values of the given kinds."""
    wanted = set(kinds)
    claims: list[Claim] = []
    spans: list[tuple[int, int]] = []  # each claim's first token and the token after it
    others: list[tuple[int, int]] = []  # ... and every other value's: where periods end
    for value in values_in(sentence.text):
        start, end = sentence.start + value.start, sentence.start + value.end
        found = sentence.token_range(start, end)
        if found is None or found[1] < found[0]:
            continue
        first, last = found
        if value.kind not in wanted:
            if value.kind in QUANTITY_KINDS:  # not "the first round": a period's own word
                others.append((first, last + 1))
            continue
        if value.kind == "amount" and (
            names_a_model(sentence.tokens, first, value.text)
            or a_name_of_words(sentence.tokens, first, last + 1)
        ):
            continue
        if tuple(t.lower for t in sentence.tokens[last + 1 : last + 3]) in PARTITIVES:
            continue  # "350 passengers, 40 of whom were injured": a part, said of another head
        if an_age_group(sentence.tokens, first, value.text) or a_person_of(
            sentence.tokens, first, value.text
        ):
            continue  # "children under five", "a woman of 41": an age, not a count
        frame = read_frame(
            sentence,
            first,
            last + 1,
            lexicon,
            getattr(value, "change", None),
            claims[-1].frame if claims else None,
            share=value.kind in SHARE_KINDS,
            of_people=value.kind not in NOT_OF_PEOPLE,
            new_adds=value.kind != "measure",
        )
        claims.append(Claim(value, frame, start, end))
        spans.append((first, last + 1))
    if not claims:
        return claims
    return with_periods(sentence.tokens, told_apart(claims), spans, others)


# Who an age bound after a noun of people says the age of: "children under five",
# "adults over 65", "those over 80".
AGE_GROUP_NOUNS = frozenset(
    {"children", "people", "adults", "men", "women", "boys", "girls", "those", "residents",
     "patients", "pupils", "students", "babies", "infants", "pensioners", "anyone"}
)  # fmt: skip
AGE_BOUNDS = ("under", "over", "aged", "below", "above")


# Nouns of one person: "a woman of 41" says her age ("a town of 41" does not).
ONE_PERSON_NOUNS = frozenset(
    {"man", "woman", "boy", "girl", "mother", "father", "son", "daughter", "grandmother",
     "grandfather", "widow", "widower", "pensioner", "veteran", "lad", "youngster"}
)  # fmt: skip


def a_person_of(tokens: Sequence[Token], first: int, text: str) -> bool:
    """'a woman of 41', 'a Dane of 24': a person's age. The person is a noun of one person
    or a capitalised word (a nationality) after 'a' or 'an'."""
    if first < 3 or tokens[first - 1].lower != "of" or not text.isdigit() or int(text) > 120:
        return False
    noun, article = tokens[first - 2], tokens[first - 3]
    person = noun.lower in ONE_PERSON_NOUNS or (noun.text[:1].isupper() and noun.text.isalpha())
    return person and article.lower in ("a", "an")


def an_age_group(tokens: Sequence[Token], first: int, text: str) -> bool:
    return (
        first > 0
        and tokens[first - 1].lower in AGE_GROUP_NOUNS
        and text.lower().startswith(AGE_BOUNDS)
    )


def told_apart(claims: list[Claim]) -> list[Claim]:
    """'141 loaded cars and 9 empty cars': a sentence that counts one head twice tells the
    counts apart by the words it gives each; those words become what each is about."""
    by_head: dict[str, list[int]] = {}
    for number, claim in enumerate(claims):
        if claim.frame.head:
            by_head.setdefault(claim.frame.head, []).append(number)
    told = list(claims)
    for numbers in by_head.values():
        if len(numbers) < 2:
            continue
        words = [set(claims[n].frame.qualifiers) for n in numbers]
        shared = set.intersection(*words)
        for number, own in zip(numbers, words, strict=True):
            apart = own - shared
            if apart:
                frame = claims[number].frame
                purposes = tuple(sorted({*frame.purposes, *apart}))
                told[number] = replace(claims[number], frame=replace(frame, purposes=purposes))
    return told


def a_name_of_words(tokens: Sequence[Token], first: int, after: int) -> bool:
    """'the Three Seas Initiative', 'the Big Five': a number in words capitalised inside a
    sentence, before a capitalised word, is part of a name."""
    word = tokens[first]
    return (
        after == first + 1
        and first > 0
        and word.text[:1].isupper()
        and word.text.isalpha()
        and tokens[first - 1].text[:1].islower()
        and after < len(tokens)
        and tokens[after].text[:1].isupper()
        and tokens[after].text.isalpha()
    )


def names_a_model(tokens: Sequence[Token], first: int, text: str) -> bool:
    """'an Ariane 6 rocket', 'a Category 4 storm', 'Article 5': a bare number right after a
    capitalised word is part of a name, not a count ('the Greens 17 seats', an item of a
    list whose verb is left out, is a count)."""
    if first == 0 or not text.strip().isdigit():
        return False
    if gapped_owner(tokens, first):
        return False
    before = tokens[first - 1]
    return (
        before.text[:1].isupper()
        and before.text.isalpha()
        and before.lower not in STOP_WORDS
        and before.lower not in TIME_WORDS
        and before.lower not in ("some", "about", "around", "nearly", "almost", "over", "only")
    )


# Periods said of a value: years, quarters and halves, and years relative to the document's.
RELATIVE_YEARS = {("last", "year"): "year-1", ("previous", "year"): "year-1",
                  ("this", "year"): "year+0", ("next", "year"): "year+1",
                  ("a", "year", "earlier"): "year-1", ("a", "year", "ago"): "year-1"}  # fmt: skip
QUARTERS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "q1": "1", "q2": "2",
            "q3": "3", "q4": "4"}  # fmt: skip
PERIOD_WINDOW = 10  # tokens each way in which a value's periods are looked for
BASE_WORDS = frozenset({"from", "than", "over", "versus", "vs", "with"})  # "compared with"
# Monday first, as datetime numbers them
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS = frozenset(WEEKDAY_NAMES)
ROUNDS = {"runoff": "runoff", "run-off": "runoff", "round": "round"}
# Verbs in the present that report a level reached now, as headlines do.
PRESENT_CHANGES = frozenset(
    {"rises", "climbs", "tops", "jumps", "surges", "soars", "passes", "nears", "hits",
     "surpasses", "exceeds", "reaches", "grows", "falls", "drops", "dips"}
)  # fmt: skip


def with_periods(
    tokens: Sequence[Token],
    claims: list[Claim],
    spans: Sequence[tuple[int, int]],
    others: Sequence[tuple[int, int]] = (),
) -> list[Claim]:
    """Each claim with the periods said beside it: after it, up to the next value of any
    kind ("$310 million in the third quarter of 2024", "$389 million last year"; not "$3.6
    billion, down 5% from a year earlier"), else before it, back to the value before ("In
    the third quarter of 2023, net income was $268 million")."""
    every = sorted([*spans, *others])
    after_each: list[tuple[str, ...]] = []
    before_each: list[tuple[str, ...]] = []
    for first, after in spans:
        until = min((s for s, _ in every if s >= after), default=len(tokens))
        since = max((e for _, e in every if e <= first), default=0)
        after_each.append(periods_in(tokens[after : min(until, after + PERIOD_WINDOW)]))
        before_each.append(periods_in(tokens[max(since, first - PERIOD_WINDOW) : first]))
    found = []
    for number, claim in enumerate(claims):
        periods = (
            after_each[number]
            or before_each[number]
            or clause_time(tokens, spans, after_each, number)
        )
        if claim.frame.role == "by":
            first, after = spans[number]
            until = min((s for s, _ in every if s >= after), default=len(tokens))
            since = max((e for _, e in every if e <= first), default=0)
            span = change_span(
                tokens[max(since, first - PERIOD_WINDOW) : first],
                tokens[after : min(until, after + PERIOD_WINDOW)],
            )
            periods = tuple(sorted({*periods, span})) if span else periods
        found.append(
            replace(claim, frame=replace(claim.frame, periods=periods)) if periods else claim
        )
    return found


# What a change is over, in the words around it: "up 4.7% on a year earlier", "the annual
# increase", "rose 0.6% in October" (a change in a month), "in the third quarter". Changes
# over other spans are other facts: prices "rose 0.6% in October" and "4.7% over the year".
YEAR_SPAN = re.compile(
    r"\b(?:year[- ]on[- ]year|annual(?:ly|ised|ized)?|y/y|yoy|(?:12|twelve)[- ]months?"
    r"|over\s+the\s+(?:past\s+|last\s+)?year|in\s+the\s+year\s+to"
    r"|(?:from|than|on|over|with|to)\s+a\s+year\s+(?:earlier|ago|before)"
    r"|(?:from|than|on|over)\s+(?:the\s+)?(?:same\s+\w+\s+)?(?:last|a\s+year\s+ago)\s+year?)\b"
)
QUARTER_SPAN = re.compile(
    r"\b(?:quarter[- ]on[- ]quarter|quarterly|q/q|in\s+the\s+(?:\w+\s+)?quarter"
    r"|from\s+the\s+(?:previous|prior)\s+quarter)\b"
)
MONTH_SPAN = re.compile(
    r"\b(?:month[- ]on[- ]month|monthly|m/m|in\s+the\s+month|from\s+the\s+(?:previous|prior)"
    r"\s+month|(?:in|from|during)\s+(?:january|february|march|april|may|june|july|august"
    r"|september|october|november|december)(?!\s+\d{4}\s+to\b))\b"
)


def change_span(before: Sequence[Token], after: Sequence[Token]) -> str:
    """'over:year', 'over:quarter' or 'over:month' for a change said over that span, in the
    clause around it; '' when its words say none."""
    before_ends, after_ends = clause_breaks(before), clause_breaks(after)
    tail = before[before_ends[-1] + 1 :] if before_ends else before
    head = after[: after_ends[0]] if after_ends else after
    text = " ".join(t.lower for t in [*tail, *head])
    for mark, pattern in (
        ("over:year", YEAR_SPAN),
        ("over:quarter", QUARTER_SPAN),
        ("over:month", MONTH_SPAN),
    ):
        if pattern.search(text):
            return mark
    return ""


def clause_breaks(tokens: Sequence[Token]) -> list[int]:
    """Where the clauses of `tokens` end (separators and full stops)."""
    return [i for i, t in enumerate(tokens) if t.text in CLAUSE_SEPARATORS or t.text == "."]


def clause_time(
    tokens: Sequence[Token],
    spans: Sequence[tuple[int, int]],
    after_each: Sequence[tuple[str, ...]],
    number: int,
) -> tuple[str, ...]:
    """'About 12,000 nurses went on strike at 14 hospitals on Monday': a time said at the end
    of a clause is the time of a value before it in the clause that states none of its own
    (not across a comma or a conjunction: 'rose 5% in January and 3% in February')."""
    for later in range(number + 1, len(spans)):
        between = tokens[spans[later - 1][1] : spans[later][0]]
        if any(t.text in CLAUSE_SEPARATORS or t.lower in CONJUNCTIONS for t in between):
            return ()
        if after_each[later]:
            return after_each[later]
    return ()


def periods_in(tokens: Sequence[Token]) -> tuple[str, ...]:
    """'in the third quarter of 2024' -> ('2024-Q3',); 'last year' -> ('year-1',)."""
    words = [t.lower for t in tokens]
    for index, word in enumerate(words):
        if word in CLAUSE_BREAKS:
            words = words[:index]
            break
    # "€2.5 billion to expand vaccine manufacturing by 2030": the year a target is due, a
    # period only beside another target's
    years: list[str] = []
    deadlines: set[str] = set()
    for i, w in enumerate(words):
        if len(w) == 4 and w.isdigit() and 1900 <= int(w) <= 2100:
            if i and words[i - 1] in DEADLINE_WORDS:
                deadlines.add(f"by:{w}")
            else:
                years.append(w)
    quarter = next(
        (
            QUARTERS[w]
            for i, w in enumerate(words)
            if w in QUARTERS and (w.startswith("q") or words[i + 1 : i + 2] == ["quarter"])
        ),
        None,
    )
    relative = [
        mark
        for phrase, mark in RELATIVE_YEARS.items()
        for i in range(len(words))
        if tuple(words[i : i + len(phrase)]) == phrase
        # "fell 5% to $3.9 billion from a year earlier": the base of a change, not the
        # figure's period
        and not (i and words[i - 1] in BASE_WORDS)
    ]
    marks = [*years, *relative] or ([""] if quarter else [])
    suffix = f"-Q{quarter}" if quarter else ""
    found = {f"{mark}{suffix}".lstrip("-") for mark in marks}
    # the day or round a figure is of: "400 flights on Monday and 250 on Tuesday", "now",
    # "in the first round" and "in the runoff"
    found |= {f"day:{w}" for w in words if w in WEEKDAYS or w in ("now", "today", "yesterday")}
    if any(w in ("currently", "presently") for w in words):
        found.add("level:now")  # "a quarter of seats are currently held by women"
    if any(w in PRESENT_CHANGES for w in words) and not any(p.startswith("day:") for p in found):
        found.add("day:now")  # "Eaton Fire death toll rises to 17": the level today
    found |= {
        f"round:{words[i - 1] if w == 'round' and i and words[i - 1] in QUARTERS else ROUNDS[w]}"
        for i, w in enumerate(words)
        if w in ROUNDS
    }
    found |= months_in(tokens[: len(words)], words)
    return tuple(sorted(found | deadlines))


DEADLINE_WORDS = frozenset({"by", "before", "until", "till"})
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
MONTH_PREPOSITIONS = frozenset({"in", "for", "during", "through", "throughout"})
# A figure of months added up: "in the first ten months", "the year to date", "so far this year"
CUMULATIVE = re.compile(
    r"\bfirst (?:\w+ months|half|six months)\b|\byear to date\b|\bso far this year\b"
    r"|\b\w+ months (?:to|through) \w+"
)


def months_in(tokens: Sequence[Token], words: Sequence[str]) -> set[str]:
    """The month a figure is of ("$2.87 billion in October": 'month:october'), or that it
    adds months up ("in the first ten months": 'month:cumulative'); a month as a name
    after a preposition only ("prices may rise" is no May)."""
    found = {
        f"month:{words[i]}"
        for i in range(1, len(words))
        if tokens[i].text in MONTH_NAMES and words[i - 1] in MONTH_PREPOSITIONS
    }
    if CUMULATIVE.search(" ".join(words)):
        found = {"month:cumulative"}
    return found


def read_frame(
    sentence: Sentence,
    first: int,
    after: int,
    lexicon: Lexicon,
    role: str | None,
    previous: Frame | None = None,
    *,
    share: bool = False,
    of_people: bool = True,
    named_whole: bool = True,
    new_adds: bool = True,
) -> Frame:
    """What the value at tokens[first:after] is about. `new_adds`: "new" before it makes it an
    increment ("12 new cases"), not for a measure ("a new 47-kilometre section")."""
    tokens = sentence.tokens
    whole_end = whole_after(tokens, after)
    if whole_end is None and named_whole and not share and of_named_whole(tokens, after):
        # "fifty-two of the cases are under-fives", "nine of those infected": a part of a
        # whole named, not counted; what befell the part tells it from the whole, else "part"
        part = read_frame(
            sentence, first, after, lexicon, role, previous, of_people=of_people, named_whole=False
        )
        befallen = set(lexicon.predicates.values())
        if part.head and not befallen & (set(part.purposes) - {part.head}):
            part = replace(part, purposes=tuple(sorted({*part.purposes, "part"})))
        return part
    if whole_end is not None:
        # "12 of the 40 passengers were killed": the part is said of what the whole counts;
        # "three of its 20 boats returned": a part that nothing befell is told from the whole
        part = read_frame(
            sentence, first, whole_end, lexicon, role, previous, share=share, of_people=of_people
        )
        befallen = set(lexicon.predicates.values())
        if part.head and part.head not in befallen and not befallen & set(part.purposes):
            part = replace(part, purposes=tuple(sorted({*part.purposes, "part"})))
        return part
    whole = part_before(tokens, first)  # "the 40" in "12 of the 40 passengers were killed"
    if role is None and first and tokens[first - 1].lower in PRIOR_WORDS:
        role = "from"  # "their previous 11 seats": an earlier figure, not the new one
    elided = place_after(tokens, after, lexicon)
    if (
        elided
        and not (previous and previous.head)
        and (
            naming_verb_before(tokens, first) is not None
            or selling_verb_before(tokens, first) is not None
        )
    ):
        # "was fined £4.2 million at Bristol Crown Court", "fetched €4.5 million in Monaco":
        # a fine or a price, said there
        elided = None
    if elided:
        # "34 deaths in Florida and 12 in Georgia": 12 deaths, said of Georgia
        frame = read_frame(sentence, first, after + elided[0], lexicon, role, of_people=of_people)
        if previous is None or not previous.head:
            return replace(frame, head="", scope=elided[1])
        return replace(
            frame,
            head=previous.head,
            qualifiers=previous.qualifiers,
            purposes=previous.purposes,
            head_is_name=False,
            scope=elided[1],
        )
    before_of = phrase_before_of(tokens, first) or label_before(tokens, first)
    after_phrase: list[Token] = []  # the noun phrase after the value, when one is read there
    set_at = object_set_at(tokens, first)
    if set_at:
        phrase = set_at  # "put turnout at 61.3% in the final count": what is put at it
    elif before_of and after < len(tokens) and tokens[after].lower in ("for", "to"):
        phrase = before_of  # "a reconstruction fund of €500 million for the region"
    else:
        after_phrase = with_of_phrase(
            tokens, phrase_after(tokens, after + rate_length(tokens, after)), lexicon
        )
        if after_phrase and normal(after_phrase[-1]) in TIME_WORDS:
            after_phrase = []  # "revenue of $3.6 billion on Tuesday" is not about Tuesday
        phrase = after_phrase or before_of
    if (
        not phrase
        or (after < len(tokens) and tokens[after].lower in ("for", "to"))
        or normal(phrase[-1]) in TIME_WORDS
    ):
        # "federal support tops $10.2 billion for households": what it measures comes first
        level_of, verb = object_raised_to(tokens, first, role)
        if level_of:
            # "brings total aid to $185 million"; "cutting the risk of kidney failure by 32%"
            # what a verb brings to a sum is a running total; what it cuts or raises a
            # level to is the level: "cut its net profit to $68 million"
            by = tokens[first - 1].lower == "by"
            brought = verb in BRINGING
            phrase, role = level_of, role or ("by" if by else "raised to" if brought else "to")
        elif set_at:
            phrase = set_at
        else:
            phrase = subject_before(tokens, first) or phrase
    naming = naming_verb_before(tokens, first)
    if naming is not None and phrase and classify([normal(t) for t in phrase], lexicon)[0]:
        naming = None  # "fined for 12 offences": what the phrase counts
    if naming is not None:
        phrase = [tokens[naming]]  # "was fined $40 million", "fined Delmar Chemicals $14m"
    valuing = valuing_verb_before(tokens, first)
    if valuing is None:
        valuing = selling_verb_before(tokens, first)
    if valuing is not None:
        # "valuing the combined group at $26.5 billion"; "sold for $48.6 million", "fetched
        # $68.4 million": what a thing is valued or sold at
        phrase = [tokens[valuing]]
    if not phrase and tokens[first].lower in MULTIPLYING_VERBS:
        # "Kenya's avocado exports have tripled in five years": what the verb multiplies
        index = first - 1
        while index >= 0 and tokens[index].lower in BEFORE_MULTIPLYING:
            index -= 1
        phrase = content_run_before(tokens, index)
    if not phrase and first and tokens[first - 1].lower in COST_VERBS:
        # "is now expected to cost €3.8 billion", "it will cost $2 million": what the
        # value is, when nothing before names what costs it
        phrase = [tokens[first - 1]]
    if not phrase:
        # "€500 million has been set aside for reconstruction", "to contribute half a
        # billion euros to a reconstruction facility": what the value goes to
        phrase = destination_after(tokens, after)
        if (
            any(t.text[:1].isupper() for t in phrase)
            and pledging_verb_before(tokens, first) is not None
        ):
            # "pledged US$9.2 billion to Gavi, the Vaccine Alliance", "to the Gavi vaccine
            # alliance": a named recipient, not what the pledge is for
            phrase = []
    if not phrase:
        # "we commit €2.5 billion to expand vaccine manufacturing", "pledged a further $1
        # billion": what a pledge gives, when nothing names it (the lexicon's class of the
        # verb: funding)
        pledging = pledging_verb_before(tokens, first)
        if pledging is not None:
            phrase = [tokens[pledging]]
    if phrase and role in (None, "by") and normal(phrase[-1]) in CHANGE_NOUNS:
        # "a 4.5% pay rise", "a 4.5% rise in pay": what changed, by the value
        changed = phrase[:-1] or thing_changed(tokens, phrase[-1])
        if changed:
            phrase, role = changed, "by"
    words = [normal(t) for t in phrase]
    head, qualifiers = classify(words, lexicon)
    said_after = False  # the word after the value says what befell them: "37 hurt"
    if phrase and phrase is after_phrase and head == words[-1] and head in lexicon.predicates:
        # "2,206 saved" counts those saved; not so a whole whose part the verb is said of
        # ("703 of the 2,206 saved")
        head = "" if whole else lexicon.predicates[head]
        said_after = len(phrase) == 1
    qualifiers += qualifier_before(tokens, first)
    counted_people = head in lexicon.people or head in SEAFARERS
    # what befell a part is not said of its whole; a sum befalls no one
    if not whole and of_people and (head in lexicon.people or head == ""):
        predicate = predicate_near(tokens, first, after, after + len(phrase) + 3, lexicon)
        head = predicate or ("" if head in lexicon.people else head)
    phrase_end = max([after, *(index + 1 for index in positions(tokens, phrase) if index >= after)])
    if (
        counted_people
        and head in ("", *SEAFARERS, *lexicon.people)
        and aboard_after(tokens, phrase_end)
    ):
        # "23 persons aboard the ship"; the whole in "one of the 23 persons aboard was hurt"
        head = lexicon.heads.get("board", "aboard")
    # "168 passengers and crew": only a phrase read after the value is joined by "and"
    read_after = bool(after_phrase) and phrase is after_phrase
    joined = joined_noun(tokens, phrase_end) if read_after and head else ""
    if joined:
        # "168 passengers and crew" counts both: not the passengers alone
        head = f"{head} and {classify([joined], lexicon)[0] or joined}"
        phrase_end += 2
    befell = (
        (predicate_after(tokens, phrase_end, lexicon) or predicate_before(tokens, first, lexicon))
        if phrase and head and not whole and not said_after
        else ""
    )  # "Four people were killed and 37 hurt": the 37 were hurt, whatever befell the four
    if head == LIVES:
        # "the loss of 1,490 lives", "claimed 50,000 lives", "1,490 lives were lost"
        around = [*tokens[max(0, first - 4) : first], *tokens[phrase_end : phrase_end + 3]]
        head = next((lexicon.lives[t.lower] for t in around if t.lower in lexicon.lives), "")
    if befell and SUSPECTED.get(head) == befell:
        head = befell  # "detained 32 suspects" counts the arrested, as "arrested 23 people"
    if head in EVERYONE_ABOARD:
        # "Over 1,500 passengers and crew died": all who were aboard, so those who died
        if befell:
            head = befell
        elif aboard_after(tokens, phrase_end):
            head = lexicon.heads.get("board", "aboard")
    named = {
        index
        for m in sentence.mentions
        if m.label in lexicon.actor_labels
        for index in range(m.first_token, m.last_token)
    }
    head_token = next((t for t in reversed(phrase)), None)
    # "the 30 NATO Allies" counts members, though the words name an actor
    head_is_name = (
        head_token is not None and head != "members" and sentence.tokens.index(head_token) in named
    )
    purposes = sorted({lexicon.purposes[q] for q in qualifiers if q in lexicon.purposes})
    if befell and befell != head:
        # "Forty passengers were injured" counts passengers who were, not all of them
        purposes = sorted({*purposes, befell})
    if whole and head and not predicate_after(tokens, phrase_end, lexicon):
        # "delegations from 187 of the 196 member countries": the whole of a part that
        # nothing befell; another document's "178 member countries" may count either
        purposes = sorted({*purposes, "whole"})
    clause = clause_of(tokens, first, after)
    mood = modality(tokens, first)
    states = {STATE_WORDS[t.lower] for t in clause if t.lower in STATE_WORDS}
    if states:
        # "3,400 homes were still without power" is what remains; "at the height of the
        # storm, 41,000 homes lost power" the peak; "the five-year average is 6.8 million
        # hectolitres" an average: none is the other
        purposes = sorted({*purposes, *states})
    group = group_after(tokens, after, phrase_end) if share and read_after else ""
    if group:
        purposes = sorted({*purposes, group})  # "8.1% of patients on placebo"
    rate = rate_of(tokens, first, after, phrase_end)
    if rate:
        purposes = sorted({*purposes, rate})  # "$770 per household" is no total
    side = vote_side(tokens, head, phrase_end)
    if side:
        # "141 votes in favour", "143 countries voted in favour": votes cast for; those cast
        # against are another count
        head, purposes = "votes", sorted({*purposes, side})
    scoped = scope_after(tokens, phrase_end, lexicon)
    scope = (
        scoped[1] if scoped else place_opening(tokens, first) or place_where(tokens, first, lexicon)
    )
    recipient = recipient_after(tokens, phrase_end) if phrase else ""
    actor = (
        fined_party(tokens, naming, first)
        # who values, sells or buys is named before the verb, not in its object ("is buying
        # Sweden's Norrskog for €3.9 billion": Sweden is not the buyer)
        or actor_before(sentence, tokens[first if valuing is None else valuing].start, lexicon)
        or owner_before(tokens, first)
        or gapped_owner(tokens, first)
        or subject_owner(tokens, first, lexicon)
    )
    if actor and phrase and actor.lower() == phrase[-1].lower:
        actor = None  # "Unemployment held at 5.7%": what is measured, not who
    if actor and " " not in actor:
        actor = demonym_country(actor) or actor  # "Kenyan avocado exports": Kenya's
    told = set(qualifiers)  # the words that qualify the head tell it apart, as context does
    return Frame(
        head,
        tuple(sorted(told)),
        actor,
        role,
        mood != "hedged",
        tuple(purposes),
        (
            first > 0
            and tokens[first - 1].lower in INCREMENT_WORDS
            and (new_adds or tokens[first - 1].lower != "new")
        )
        or increment_after(tokens, after),
        head_is_name,
        settled(tokens, clause) or held_at_event(head, clause, lexicon),
        context_words(
            (t for t in clause if t not in phrase or normal(t) in told),  # qualifiers too
            periods_apart=True,
            classes=lexicon.predicates,
        ),
        scope,
        recipient=recipient,
        planned=mood == "planned",
        forecast=mood == "forecast",
    )


def positions(tokens: Sequence[Token], phrase: Sequence[Token]) -> list[int]:
    """Where a phrase's tokens stand in the sentence."""
    wanted = {id(t) for t in phrase}
    return [index for index, token in enumerate(tokens) if id(token) in wanted]


# What a place is called before its name: "in the town of Bam", "in the province of Hatay"
KINDS_OF_PLACE = frozenset(
    {"town", "city", "village", "district", "province", "county", "state", "region",
     "municipality", "port", "island", "islands", "borough", "commune", "prefecture"}
)  # fmt: skip


# Words between "in" and a place: where it lies ("in neighbouring Balochistan" is in
# Balochistan), or which part of it is meant ("in northern Chile" is not all of Chile).
NEARBY_WORDS = frozenset({"neighbouring", "neighboring", "nearby", "adjacent"})
PART_WORDS = frozenset(
    {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
     "northeastern", "northwestern", "southeastern", "southwestern", "coastal", "rural"}
)  # fmt: skip


def place_after(tokens: Sequence[Token], index: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """'in Florida', 'in the Gaza Strip' at tokens[index]: (tokens it takes, the place), when
    the name there is a place (a known one, or a short name that is no kind of thing:
    'in Punjab', not 'in FEMA Individual Assistance')."""
    if index >= len(tokens) or tokens[index].lower not in ("in", "at"):
        return None
    start = index + 1
    if start < len(tokens) and tokens[start].lower == "the":
        start += 1
    part = ""
    if start + 1 < len(tokens) and tokens[start].text in NEARBY_WORDS | PART_WORDS:
        part = tokens[start].text if tokens[start].text in PART_WORDS else ""
        start += 1
    found = place_name_at(tokens, index, start, lexicon)
    if found is None or not part:
        return found
    return found[0], f"{part} {found[1]}"


def place_name_at(
    tokens: Sequence[Token], index: int, start: int, lexicon: Lexicon
) -> tuple[int, str] | None:
    """place_after, from the first word of the place's name on."""
    if (
        start + 2 < len(tokens)
        and tokens[start].text in KINDS_OF_PLACE  # lowercase: not "Port of Spain"
        and tokens[start + 1].lower == "of"
    ):
        start += 2  # "in the town of Bam" is in Bam
    end = name_end(tokens, start)
    if end == start:
        return None
    if end < len(tokens) and tokens[end].lower == "history":
        # "the third costliest in U.S. history" ranks in the United States
        known = resolve_place(" ".join(t.text for t in tokens[start:end]))
        return (end + 1 - index, known.name) if known is not None else None
    if end < len(tokens) and tokens[end].text.islower() and is_phrase_word(tokens[end]):
        return None  # "in U.S. waters": the name qualifies a noun
    if end < len(tokens) and tokens[end].text in POSSESSIVE_MARKS:
        # "in Pakistan's Sindh province" is in Sindh; "survivors in Titanic's lifeboats":
        # the name owns what they are in
        inner = name_end(tokens, end + 1)
        if inner == end + 1 or (inner < len(tokens) and tokens[inner].text in POSSESSIVE_MARKS):
            return None
        named = " ".join(t.text for t in tokens[end + 1 : inner])
        known = resolve_place(named)
        kind_after = inner < len(tokens) and tokens[inner].text in KINDS_OF_PLACE
        if known is None and not kind_after:
            return None
        return inner + kind_after - index, known.name if known else named
    name = " ".join(t.text for t in tokens[start:end])
    place = resolve_place(name)
    if place is not None:
        return end - index, place.name
    last = normal(tokens[end - 1])
    thing = last in lexicon.heads or last in lexicon.purposes or last in lexicon.people
    if end - start > 3 or thing or last in TIME_WORDS:
        return None
    return end - index, name


def scope_after(tokens: Sequence[Token], index: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """The place said right after a value's phrase, or after what befell the counted:
    "34 deaths in Florida", "Eight people died in the Palisades Fire" (not where they went:
    "two teams arrived in Incirlik")."""
    for position in range(index, min(len(tokens), index + SCOPE_REACH + 1)):
        found = place_after(tokens, position, lexicon)
        if found:
            return found
        word = tokens[position].lower
        if word not in lexicon.predicates and word not in PASSIVE_AUXILIARIES:
            return None
    return None


# What a figure is counted per: "$770 per household", "$15 an hour", "$500 each"
PER_UNIT = frozenset({"each", "apiece"})
RATE_UNITS = frozenset(
    {"hour", "day", "week", "month", "year", "person", "head", "household", "family",
     "student", "child", "worker", "resident", "employee", "share", "unit", "kilo",
     "kilogram", "kg", "tonne", "ton", "litre", "liter", "barrel", "ounce", "gallon", "night",
     "ticket", "seat"}
)  # fmt: skip
# One unit in other words: "per kilogram" and "a kilo" are one rate.
UNIT_NAMES = {"kilo": "kilogram", "kg": "kilogram", "liter": "litre"}


SEAFARERS = frozenset({"mariner", "sailor", "seafarer", "soul", "occupant"})  # "souls on board"
# What befalls the counted without an object: said right after them, it is what befell them
# ("40 passengers died"), where a verb with an object may be what they did ("killed 30").
INTRANSITIVES = frozenset({"died", "perished", "drowned", "survived", "succumbed"})
# Words between a passive's auxiliary and its verb: "were all rescued", "had been killed".
PASSIVE_FILLERS = frozenset(
    {"been", "reportedly", "also", "seriously", "critically", "badly", "all", "later",
     "safely", "successfully", "eventually", "both"}
)  # fmt: skip
LIVES = "live"  # "lives", as `normal` reads it
# Nouns that name people by what the verb said of them does to them: suspects arrested are
# the people arrested, not a kind of them.
SUSPECTED = {"suspect": "arrested"}
EVERYONE_ABOARD = frozenset({"passenger and crew", "crew and passenger"})


def increment_after(tokens: Sequence[Token], index: int) -> bool:
    """'one more car', 'two further deaths': a value counted on top of another."""
    words = [t.lower for t in tokens[index : index + 2]]
    return bool(words) and words[0] in INCREMENT_AFTER and words[1:] != ["than"]


def aboard_after(tokens: Sequence[Token], index: int) -> bool:
    words = [t.lower for t in tokens[index : index + 2]]
    return words[:1] == ["aboard"] or words == ["on", "board"]


COLLECTIVE_NOUNS = frozenset({"crew", "staff", "personnel", "equipment", "cargo", "livestock"})


def joined_noun(tokens: Sequence[Token], index: int) -> str:
    """'passengers and crew', 'homes and businesses': the noun joined to a value's phrase by
    'and', when no figure of its own follows ('162 passengers and six crew' is two counts)."""
    if index + 1 >= len(tokens) or tokens[index].lower != "and":
        return ""
    noun = tokens[index + 1]
    if noun.like_num or not is_phrase_word(noun) or not noun.text.islower():
        return ""
    if not (noun.lower.endswith("s") or noun.lower in COLLECTIVE_NOUNS):
        return ""  # "2,224 passengers and sank": a verb
    if index + 2 < len(tokens) and is_phrase_word(tokens[index + 2]):
        return ""  # "passengers and crew members": a phrase of its own, left alone
    if index + 2 < len(tokens) and tokens[index + 2].lower in OBJECT_OPENERS:
        return ""  # "has seven stations and links the suburb with ...": a verb and its object
    return normal(noun)


# Words that open a verb's object: "links the suburb", "serves its residents".
OBJECT_OPENERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "these"})


def recipient_after(tokens: Sequence[Token], index: int) -> str:
    """'$500 million in aid to Ukraine', 'a $1.3 billion fine to US regulators': whom the
    value goes to, as its content words ('' for 'to help', 'to date', 'to $50 million')."""
    if index >= len(tokens) or tokens[index].lower != "to":
        return ""
    following = tokens[index + 1 : index + 1 + MAX_PHRASE + 1]
    if not following or not (following[0].text[:1].isupper() or following[0].lower in DETERMINERS):
        return ""  # "to settle the charges": a verb; a recipient is a name or "the ..."
    words: list[str] = []
    for token in following:
        if token.lower in DETERMINERS:
            if words:
                break
            continue
        if token.is_punct or token.like_num or not is_content(token):
            break
        if token.lower in INFINITIVES or token.lower in VERBS or token.lower in TIME_WORDS:
            break
        words.append(normal(token))
    if not words or words[0] in RUNNING_TOTAL:
        return ""
    return " ".join(words[:MAX_PHRASE])


def per_unit_at(tokens: Sequence[Token], index: int) -> str:
    """'a month', 'an hour' at tokens[index] (not 'a year ago'): the unit, else ''."""
    if index + 1 >= len(tokens) or tokens[index].lower not in ("a", "an"):
        return ""
    unit = normal(tokens[index + 1])
    later = tokens[index + 2].lower if index + 2 < len(tokens) else ""
    return unit if unit in RATE_UNITS and later not in ("ago", "earlier", "later") else ""


def group_after(tokens: Sequence[Token], after: int, phrase_end: int) -> str:
    """'8.1% of patients on placebo', '12% of adults with diabetes': a share of a group told
    apart from the rest of its kind by what its members take or have ('on' only of
    people)."""
    if after >= len(tokens) or tokens[after].lower != "of" or phrase_end >= len(tokens):
        return ""
    preposition = tokens[phrase_end].lower
    people = normal(tokens[phrase_end - 1]) in PEOPLE_WORDS
    if preposition not in GROUP_PREPOSITIONS or (preposition == "on" and not people):
        return ""  # "2% of GDP on defence" is what is spent on, not a part of GDP
    index = phrase_end + 1
    while index < len(tokens) and tokens[index].lower in DETERMINERS:
        index += 1
    if index >= len(tokens) or not is_phrase_word(tokens[index]):
        return ""
    word = normal(tokens[index])
    return "" if word in TIME_WORDS else f"{preposition} {word}"


def rate_length(tokens: Sequence[Token], index: int) -> int:
    """The tokens a rate takes right after a value: '$15 an hour' (2), '$500 each' (1)."""
    word = tokens[index].lower if index < len(tokens) else ""
    if word in PER_UNIT:
        return 1
    return 2 if per_unit_at(tokens, index) else 0


def rate_of(tokens: Sequence[Token], first: int, after: int, phrase_end: int) -> str:
    """'per household', 'a month', 'each' after a value or its phrase, or a subject opened
    by 'each' or 'every' ("Each household will receive $770"): the figure is a rate."""
    if after < len(tokens) and tokens[after].lower in PER_UNIT:
        return "each"  # "$500 each" (not "two countries each", said after the phrase)
    for index in dict.fromkeys((after, phrase_end)):
        word = tokens[index].lower if index < len(tokens) else ""
        following = normal(tokens[index + 1]) if index + 1 < len(tokens) else ""
        if word == "per" and following.isalpha():
            return f"per {UNIT_NAMES.get(following, following)}"
        unit = per_unit_at(tokens, index)
        if unit:
            return f"per {UNIT_NAMES.get(unit, unit)}"
    for index in range(first - 1, max(-1, first - SUBJECT_REACH - 1), -1):
        token = tokens[index]
        if token.text in (",", ";", ":"):
            break
        noun = tokens[index + 1] if index + 1 < first else None
        if token.lower in ("each", "every") and noun is not None and is_phrase_word(noun):
            return f"per {normal(noun)}"  # "Each household will receive", not "each of"
    return ""


def place_opening(tokens: Sequence[Token], first: int) -> str:
    """'In Syria, the earthquake killed 1,800 people': the place a sentence opens with."""
    if len(tokens) < 3 or tokens[0].lower not in ("in", "at"):
        return ""
    start = 2 if tokens[1].lower == "the" else 1
    end = name_end(tokens, start)
    if end == start or end >= first or end >= len(tokens) or tokens[end].text != ",":
        return ""
    name = " ".join(t.text for t in tokens[start:end])
    if normal(tokens[end - 1]) in TIME_WORDS or any(t.like_num for t in tokens[start:end]):
        return ""
    place = resolve_place(name)
    return place.name if place is not None else name


def place_where(tokens: Sequence[Token], first: int, lexicon: Lexicon) -> str:
    """'its plant in Luleå, where 800 posts will go': the place a relative 'where' clause
    the value stands in is said of."""
    for index in range(first - 1, max(0, first - 6), -1):
        if tokens[index].lower != "where":
            continue
        if index < 3 or tokens[index - 1].text != ",":
            return ""
        for start in range(index - 2, max(-1, index - 7), -1):
            found = place_after(tokens, start, lexicon)
            if found and start + found[0] == index - 1:
                return found[1]
        return ""
    return ""


def pledging_verb_before(tokens: Sequence[Token], first: int) -> int | None:
    """The index of a pledging verb right before the value at tokens[first] (over a few
    words such as "a further", "up to"), else None."""
    index = first - 1
    while index >= 0 and first - index <= 3 and tokens[index].lower in BEFORE_PLEDGED:
        index -= 1
    return index if index >= 0 and tokens[index].lower in PLEDGING_VERBS else None


def settled(tokens: Sequence[Token], clause: Sequence[Token]) -> bool:
    """A decision reported done ("the council approved a $412 million budget"), not a
    running total ("has approved assistance for 95,000 households", "so far", "to date"):
    the perfect ("has approved", "have now pledged") reports where a total stands."""
    if any(t.lower in RUNNING_TOTAL for t in clause):
        return False
    verbs = positions(tokens, [t for t in clause if t.lower in SETTLED_VERBS])
    perfect = any(
        t.lower in ("has", "have") for index in verbs for t in tokens[max(0, index - 3) : index]
    )
    return bool(verbs) and not perfect


def held_at_event(head: str, clause: Sequence[Token], lexicon: Lexicon) -> bool:
    """A quantity of a class that holds for the moment of the event (the 2,208 aboard the
    night the ship sank), unless the clause says it still holds (those who remain aboard)."""
    return head in lexicon.held and not any(t.lower in STILL_WORDS for t in clause)


def context_words(
    tokens: Iterable[Token], *, periods_apart: bool = False, classes: Mapping[str, str] = EMPTY
) -> frozenset[str]:
    """Content words, stemmed lightly so that 'establishing' meets 'establishment', without
    the words that say who reports a figure ('according to', 'officials', 'figures showed').
    `periods_apart`: the value's periods and its role (a level, a change) are compared on
    their own, so words of time and of change are left out; elsewhere 'on Tuesday' is a
    sign of one event like any other word. `classes`: words that are one word in other
    forms ('killing' and 'died' both say deaths)."""
    return frozenset(
        classes.get(t.lower)
        or (country_word(t.text) if t.text[:1].isupper() else None)
        or stem(normal(t))
        for t in tokens
        if is_content(t)
        and not t.like_num
        and t.lower not in VERBS
        and t.lower not in ATTRIBUTION_WORDS
        and not (periods_apart and (t.lower in TIME_WORDS or t.lower in CHANGE_WORDS))
    )


def stem(word: str) -> str:
    for suffix in ("ments", "ment", "ings", "ing", "ed", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def clause_of(tokens: Sequence[Token], first: int, after: int) -> list[Token]:
    """The tokens around a value, within its clause and CONTEXT_WINDOW tokens each way."""
    start = first
    while start > 0 and first - start < CONTEXT_WINDOW and tokens[start - 1].text not in ";":
        start -= 1
    end = after
    while end < len(tokens) and end - after < CONTEXT_WINDOW and tokens[end].text not in ";":
        end += 1
    start, end = past_attribution(tokens, start, first, after, end)
    return [*tokens[start:first], *tokens[after:end]]


SAID_REACH = 4  # tokens from a reporting verb to the value it reports ("said on Monday 84")


def past_attribution(
    tokens: Sequence[Token], start: int, first: int, after: int, end: int
) -> tuple[int, int]:
    """The clause without who reports it: 'Health officials said on Monday that 84 people
    were hospitalised', 'According to the union, ...', '..., the statistics office said',
    '..., according to the union'."""
    for index in range(first - 1, start - 1, -1):
        if tokens[index].lower == "that" and any(
            t.lower in ATTRIBUTION_WORDS for t in tokens[start:index]
        ):
            start = index + 1
            break
        if tokens[index].lower in REPORTING_WORDS and first - index <= SAID_REACH:
            start = index + 1  # "State broadcaster CCTV said 17 people were killed"
            break
        if tokens[index].text == "," and any(
            t.lower == "according" for t in tokens[max(0, index - 8) : index]
        ):
            start = index + 1  # "According to the statistics agency, the rate was 5.8%"
            break
    for index in range(after, end):
        if tokens[index].lower == "according":
            return start, index
        if tokens[index].text != ",":
            continue
        rest = tokens[index + 1 : end]
        if any(t.lower in REPORTING_WORDS for t in rest) and not any(t.like_num for t in rest):
            return start, index
    return start, end


def similarity(first: frozenset[str], second: frozenset[str]) -> float:
    """Jaccard overlap of two contexts' words."""
    if not first and not second:
        return 1.0
    return len(first & second) / len(first | second)


def align_by_value_context(
    facts: Sequence[Fact],
    agree: Callable[[Fact, Fact], bool] | None = None,
    *,
    join_sparse: bool = False,
    same_thing: Callable[[Fact, Fact], bool | None] | None = None,
    lone_pair_shared: int = LONE_PAIR_SHARED,
) -> list[Fact]:
    """align_by_context for facts whose value carries its own `context` words, grouping equal
    values whatever their words (that can cause no false discrepancy)."""
    return align_by_context(
        facts,
        lambda fact: fact.value.context,
        same_value_threshold=0.0,
        agree=agree,
        join_sparse=join_sparse,
        same_thing=same_thing,
        lone_pair_shared=lone_pair_shared,
    )


def align_by_context(
    facts: Sequence[Fact],
    context_of: Callable[[Fact], frozenset[str]],
    threshold: float = ALIGNMENT_THRESHOLD,
    value_of: Callable[[Fact], object] | None = None,
    same_value_threshold: float = SAME_VALUE_THRESHOLD,
    agree: Callable[[Fact, Fact], bool] | None = None,
    join_sparse: bool = False,
    same_thing: Callable[[Fact, Fact], bool | None] | None = None,
    lone_pair_shared: int = LONE_PAIR_SHARED,
) -> list[Fact]:
    """Split each key's facts into groups whose contexts overlap: statements that share a
    kind of value and a head but are said of different things ("26 counties designated for
    assistance", "all 67 counties under a state of emergency") are not one fact. Each
    statement joins the first group holding a statement whose context overlaps its own by
    `threshold` (by `same_value_threshold` when they state the same value: grouping them can
    cause no false discrepancy); when a key splits, each group's key names its most frequent
    context words. `agree`, when given, says of two statements that their values cannot
    contradict ("about 8:54 p.m." and "8:55 p.m. EST"): a statement that agrees so with every
    member of a group (of up to AGREEING_GROUP) joins it as one of the same value would.
    `join_sparse`: statements too bare to be told apart join the one group there is of
    others (see `join_sparse_groups`), and a key's lone statements in two documents join
    when they share `lone_pair_shared` words (see `join_lone_pair`). `same_thing`, when
    given, says of two statements that they are of one thing whatever their other words
    (True: a result between the same two teams), of two things (False: between other
    teams), or cannot tell (None)."""
    value = value_of or (lambda fact: fact.value)
    joining = Joining(threshold, same_value_threshold, value, agree, same_thing)
    by_key: dict[str, list[Fact]] = {}
    for fact in facts:
        by_key.setdefault(fact.key, []).append(fact)
    aligned: list[Fact] = []
    for key, group in by_key.items():
        # the words of the key are every statement's: alone, they tell nothing apart
        told = key_words(key)
        clusters: list[list[Fact]] = []
        # the statements of each cluster a new one is tried against: one per context and
        # value, so that repeated wordings do not fill the places (MEMBERS_TRIED)
        tried: list[dict[tuple[frozenset[str], object], Fact]] = []
        for fact in group:
            words = context_of(fact)
            home = next(
                (
                    number
                    for number, members in enumerate(tried[:MAX_CLUSTERS])
                    if joining.joins(fact, words, members, clusters[number], told)
                ),
                None,
            )
            if home is None:
                clusters.append([fact])
                tried.append({(words, value(fact)): fact})
            else:
                clusters[home].append(fact)
                if len(tried[home]) < MEMBERS_TRIED:
                    tried[home].setdefault((words, value(fact)), fact)
        clusters = join_strays(clusters, context_of, threshold, told, joining.apart)
        if join_sparse:
            clusters = join_sparse_groups(clusters, context_of, told, joining.apart)
            clusters = join_lone_pair(clusters, context_of, told, joining.apart, lone_pair_shared)
        if len(clusters) == 1:
            aligned.extend(group)
            continue
        taken: set[str] = set()
        for cluster in clusters:
            label = cluster_label(cluster, context_of, key, taken)
            aligned.extend(replace(f, key=f"{key} [{label}]") for f in cluster)
    return aligned


@dataclass(frozen=True)
class Joining:
    """When a statement joins a group of statements of its key (see align_by_context)."""

    threshold: float
    same_value_threshold: float
    value: Callable[[Fact], object]
    agree: Callable[[Fact, Fact], bool] | None
    same_thing: Callable[[Fact, Fact], bool | None] | None

    def apart(self, fact: Fact, cluster: Sequence[Fact]) -> bool:
        """Is the statement said of another thing than one of the group's?"""
        return self.same_thing is not None and any(
            self.same_thing(fact, m) is False for m in cluster[:MEMBERS_TRIED]
        )

    def joins(
        self,
        fact: Fact,
        words: frozenset[str],
        members: Mapping[tuple[frozenset[str], object], Fact],
        cluster: Sequence[Fact],
        told: frozenset[str],
    ) -> bool:
        """`members`: the wordings of the group tried; `told`: the words of the key."""
        said = (
            [self.same_thing(fact, m) for m in cluster[:MEMBERS_TRIED]]
            if self.same_thing is not None
            else []
        )
        if any(verdict is False for verdict in said):
            return False  # said of another thing: "Uruguay beat Brazil 3-0"
        if any(verdict is True for verdict in said):
            return True
        mine = self.value(fact)
        return any(
            similarity(words, member_words) >= self.same_value_threshold
            if member_value == mine
            else overlaps(words, member_words, self.threshold, told)
            for member_words, member_value in members
        ) or (self.agree is not None and agrees_with_all(fact, cluster, self.agree))


def key_words(key: str) -> frozenset[str]:
    """The words of a fact's key, as context words are written ('count: deaths in Bam' ->
    count, deaths, bam)."""
    words = re.findall(r"\w+", key.lower())
    return frozenset({*words, *(stem(word) for word in words)})


def overlaps(
    first: frozenset[str], second: frozenset[str], threshold: float, told: frozenset[str]
) -> bool:
    """Do two contexts overlap by `threshold`, in a word besides those of their key (`told`),
    unless both are too bare to tell anything apart?"""
    if similarity(first, second) < threshold:
        return False
    if (first & second) - told:
        return True
    return is_sparse(first - told) and is_sparse(second - told)


AGREEING_GROUP = 16  # the largest group a statement is tried against, member by member


def agrees_with_all(
    fact: Fact, cluster: Sequence[Fact], agree: Callable[[Fact, Fact], bool]
) -> bool:
    return len(cluster) <= AGREEING_GROUP and all(agree(fact, member) for member in cluster)


def join_strays(
    clusters: list[list[Fact]],
    context_of: Callable[[Fact], frozenset[str]],
    threshold: float,
    told: frozenset[str] = frozenset(),
    apart: Callable[[Fact, Sequence[Fact]], bool] = lambda fact, cluster: False,
) -> list[list[Fact]]:
    """A statement left alone may have come before the statements it is one fact with:
    it joins the first cluster holding one whose context overlaps its own by `threshold`,
    now that all are read (against up to STRAY_TRIED wordings of each; a shared value alone
    is not enough here, or unrelated statements would chain)."""
    strays = [c for c in clusters if len(c) == 1]
    groups = [c for c in clusters if len(c) > 1]
    if not strays or not groups:
        return clusters
    wordings = [list(dict.fromkeys(context_of(f) for f in c))[:STRAY_TRIED] for c in groups]
    kept: list[list[Fact]] = []
    for stray in strays:
        words = context_of(stray[0])
        home = next(
            (
                number
                for number, members in enumerate(wordings)
                if any(overlaps(words, member, threshold, told) for member in members)
                and not apart(stray[0], groups[number])
            ),
            None,
        )
        if home is None:
            kept.append(stray)
        else:
            groups[home].append(stray[0])
    return [*groups, *kept]


SPARSE_WORDS = 1  # a context of this many words or fewer tells a statement from none


def is_sparse(words: frozenset[str]) -> bool:
    """Too few words to tell a statement from others (SPARSE_WORDS). A name of letters and
    digits ("a12", "s19") tells only when another statement shares it: "the blockade of
    the A12" may be "the motorway" another source names no further."""
    return sum(1 for word in words if not any(c.isdigit() for c in word)) <= SPARSE_WORDS


def join_sparse_groups(
    clusters: list[list[Fact]],
    context_of: Callable[[Fact], frozenset[str]],
    told: frozenset[str] = frozenset(),
    apart: Callable[[Fact, Sequence[Fact]], bool] = lambda fact, cluster: False,
) -> list[list[Fact]]:
    """Groups whose statements are too bare to tell apart from others ("46 people were
    injured, six of them seriously": nothing but "seriously" around the figure) say nothing
    against being the one other group of the key: they join it when that group is the only
    one of its kind and no document of theirs stands in it. With two or more groups of
    richer words to choose from, a bare statement could be of either, and stays apart."""

    def is_bare(fact: Fact) -> bool:
        return is_sparse(context_of(fact) - told)

    bare = [c for c in clusters if all(is_bare(f) for f in c)]
    rich = [c for c in clusters if not all(is_bare(f) for f in c)]
    if len(rich) != 1 or not bare:
        return clusters
    home = rich[0]
    documents = {f.span.document for f in home}
    kept = []
    for cluster in bare:
        if documents.isdisjoint(f.span.document for f in cluster) and not any(
            apart(f, home) for f in cluster
        ):
            home.extend(cluster)
        else:
            kept.append(cluster)
    return [home, *kept]


def join_lone_pair(
    clusters: list[list[Fact]],
    context_of: Callable[[Fact], frozenset[str]],
    told: frozenset[str] = frozenset(),
    apart: Callable[[Fact, Sequence[Fact]], bool] = lambda fact, cluster: False,
    shared: int = LONE_PAIR_SHARED,
) -> list[list[Fact]]:
    """A key stated once in each of two documents, in words that differ more than the
    threshold allows ("valuing the combined group at $26.5 billion, creating the world's
    third-largest copper producer", "creating the world's number three copper miner, valued
    at $25.6 billion"): with no other statement of it to be, each is the other's when
    they share `shared` words besides the key's, or when both are too bare to share any
    ("Revenue rose 5% from a year earlier", "Revenue rose 7% year on year")."""
    if len(clusters) != 2 or any(len(c) != 1 for c in clusters):
        return clusters
    (first,), (second,) = clusters
    if first.span.document == second.span.document or apart(second, [first]):
        return clusters
    mine, theirs = context_of(first) - told, context_of(second) - told
    bare = is_sparse(mine) and is_sparse(theirs)
    if len(mine & theirs) < shared and not bare:
        return clusters
    return [[first, second]]


def cluster_label(
    cluster: Sequence[Fact], context_of: Callable[[Fact], frozenset[str]], key: str, taken: set[str]
) -> str:
    counts: dict[str, int] = {}
    for fact in cluster:
        for word in context_of(fact):
            if word not in key:
                counts[word] = counts.get(word, 0) + 1
    words = sorted(counts, key=lambda w: (-counts[w], w))[:LABEL_WORDS]
    label = " ".join(sorted(words)) or "other"
    number = 2
    candidate = label
    while candidate in taken:
        candidate = f"{label} {number}"
        number += 1
    taken.add(candidate)
    return candidate


def qualifier_before(tokens: Sequence[Token], first: int) -> list[str]:
    """'a magnitude 7.8 earthquake', 'the Category 4 storm': a noun between a determiner
    and the value qualifies it."""
    if first >= 2 and tokens[first - 2].lower in DETERMINERS and is_phrase_word(tokens[first - 1]):
        return [normal(tokens[first - 1])]
    return []


def is_phrase_word(token: Token) -> bool:
    word = token.lower
    return (
        is_content(token)
        and word not in VERBS
        and word not in WHERE_ADVERBS
        # a participle ends a noun phrase; a capitalised word is a name's ("Calder Mining")
        and (not word.endswith(("ed", "ing")) or is_capitalised(token))
    )


def is_capitalised(token: Token) -> bool:
    """A capitalised word not opening a line: "Mining" in "Shares in Calder Mining"."""
    return token.text[:1].isupper() and not token.line_start


# Adverbs that end a noun phrase: "320,000 people worldwide" counts people.
WHERE_ADVERBS = frozenset(
    {"worldwide", "nationwide", "statewide", "countrywide", "globally", "overall", "abroad",
     "annually", "altogether", "apiece", "each", "domestically", "internationally", "aboard",
     "ago", "earlier", "later"}
)  # fmt: skip


# Nouns that name a change of what comes before them or after "in": "a 4.5% pay rise",
# "a 10% cut in staff". The value is the change: the thing is what changed.
CHANGE_NOUNS = frozenset(
    {"rise", "increase", "hike", "raise", "cut", "reduction", "drop", "fall", "decline",
     "jump"}
)  # fmt: skip


def thing_changed(tokens: Sequence[Token], noun: Token) -> list[Token]:
    """'rise in pay', 'cut of 10% in staff': the noun phrase after the change noun's 'in'."""
    found = positions(tokens, [noun])
    if not found or found[0] + 1 >= len(tokens) or tokens[found[0] + 1].lower != "in":
        return []
    return phrase_after(tokens, found[0] + 2)


def phrase_after(tokens: Sequence[Token], index: int) -> list[Token]:
    """'$1.06 billion in FEMA Individual Assistance for ...' -> FEMA Individual Assistance;
    a conversion in brackets is passed over: '40 billion euros ($43.28 billion) in loans'."""
    if index < len(tokens) and tokens[index].text == "(":
        closing = next(
            (i for i in range(index, min(len(tokens), index + 8)) if tokens[i].text == ")"), None
        )
        if closing is not None:
            index = closing + 1
    links = 0
    while index < len(tokens) and tokens[index].lower in LINKS and links < MAX_LINKS:
        index += 1
        links += 1
    if links and index < len(tokens) and tokens[index].lower in RUNNING_TOTAL:
        return []  # "$5 million to date", "in total": no noun
    if [t.lower for t in tokens[index : index + 2]] in (["higher", "than"], ["lower", "than"]):
        return []  # "prices are 7.4% higher than a year ago": what changed comes before
    if (
        links
        and tokens[index - 1].lower == "for"
        and index < len(tokens)
        and tokens[index].lower.endswith("ing")
    ):
        return []  # "fined $40 million for failing to report": why, not what
    end = name_end(tokens, index)
    if end - index >= 2:
        # a name of several words: "two U.S. Agency for International Development Urban
        # Search and Rescue teams" counts teams; "$50 million in Emergency Refugee and
        # Migration Assistance Funds" is in funds
        if end < len(tokens) and is_phrase_word(tokens[end]) and tokens[end].text.islower():
            # "100 Disaster Survivor Assistance staff": the name's words qualify the head
            named = [t for t in tokens[index:end] if is_content(t)]
            return [*named, *phrase_after(tokens, end)][-MAX_PHRASE:]
        else:
            return [t for t in tokens[index:end] if is_content(t)][-MAX_PHRASE:]
    phrase: list[Token] = []
    hyphened = False  # the word after a hyphen: "value-added" is one word, no participle
    while index < len(tokens) and len(phrase) < MAX_PHRASE:
        token = tokens[index]
        if token.line_start:
            break  # "Structures destroyed: 5,316" / "Acres burned: ...": the next line's label
        if token.text == "-" and phrase and index + 1 < len(tokens):
            index += 1  # "low-interest": one word in two tokens
            hyphened = True
            continue
        joined, hyphened = hyphened, False
        if phrase and token.lower in RESULT_VERBS and result_noun_at(tokens, index):
            phrase.append(token)  # "his fourth stage win of the race": a noun, no verb
            break
        if not is_content(token) or token.like_num or token.lower in VERBS:
            break
        if token.lower in WHERE_ADVERBS:
            break
        if phrase and token.lower in TIME_ADVERBS and next_is_time(tokens, index + 1):
            break  # "killed 14 people early on Sunday", "left 31 dead late last night"
        if phrase and token.lower.endswith("ed") and not joined:
            break  # "households affected", "earthquake occurred": a participle follows
        if phrase and token.lower.endswith("ing") and phrase[-1].lower in GROUP_NOUNS:
            break  # "a maintenance crew working on the roadway", "people living nearby"
        if phrase and token.lower.endswith("ing") and figure_follows(tokens, index + 1):
            break  # "a 12.4-metre whale weighing some 30 tonnes": the next figure's verb
        phrase.append(token)
        index += 1
    if (
        len(phrase) == 1
        and (phrase[0].lower in MEASURE_WORDS or phrase[0].lower in MEMBER_WORDS)
        and index + 1 < len(tokens)
        and tokens[index].lower == "of"
        and not (phrase[0].lower in MEMBER_WORDS and member_of_named_body(tokens, index + 1))
    ):
        # "the number of shelters"; "four members of a maintenance crew" count the crew
        # ("the 23 members of the Indian Ocean Rim Association" count members)
        return phrase_after(tokens, index + 1) or phrase
    if (
        phrase
        and all(t.text[:1].isupper() for t in phrase)
        and index + 1 < len(tokens)
        and tokens[index].lower in POSSESSIVES
    ):
        # "€2.5 billion for Syria's recovery": the owner's thing is what the sum is for
        return phrase_after(tokens, index + 1) or phrase
    return phrase


# Verbs that are also the noun of a result: "a stage win", "a home win".
RESULT_VERBS = frozenset({"win", "wins", "lead", "loss", "defeat", "draw"})
RESULT_NOUN_ENDS = frozenset({"of", "in", "at", "for", "since", "this", "on", "over"})


def result_noun_at(tokens: Sequence[Token], index: int) -> bool:
    """A result's verb after a noun is its noun when nothing follows it that a verb would
    take: a preposition, punctuation or the end ("his fourth stage win of the Tour")."""
    after = index + 1
    return after >= len(tokens) or tokens[after].is_punct or tokens[after].lower in RESULT_NOUN_ENDS


# Words before a figure that leave it a figure: "weighing some 30 tonnes".
FIGURE_LEADS = frozenset(
    {"some", "about", "around", "nearly", "almost", "roughly", "approximately", "over",
     "more", "up", "at", "just", "an", "a"}
)  # fmt: skip


def figure_follows(tokens: Sequence[Token], index: int) -> bool:
    """Does a figure stand at tokens[index], past a word of approximation or a bound?"""
    if index < len(tokens) and tokens[index].lower in FIGURE_LEADS:
        index += 1
    return index < len(tokens) and (tokens[index].like_num or tokens[index].text[:1] in "$€£¥")


# Adverbs of time that end a noun phrase before a time ("early on Sunday", "late last
# night"), where elsewhere they may qualify it ("three early voters").
TIME_ADVERBS = frozenset({"early", "late"})
TIME_LEADS = frozenset({"on", "in", "this", "last", "that", "yesterday", "today", "tonight"})


def next_is_time(tokens: Sequence[Token], index: int) -> bool:
    word = tokens[index].lower if index < len(tokens) else ""
    return word in TIME_LEADS or word in TIME_WORDS


PARTITIVES = frozenset({("of", "whom"), ("of", "which"), ("of", "them")})
NAME_JOINERS = frozenset({"for", "and", "of", "&", "the", "de"})


def name_end(tokens: Sequence[Token], index: int) -> int:
    """Where a run of capitalised words starting at tokens[index] ends ("Urban Search and
    Rescue", "Agency for International Development"): joiners inside it count when a
    capitalised word follows them."""
    end = index
    while end < len(tokens):
        capitalised = tokens[end].text[:1].isupper() and not tokens[end].like_num
        joining = (
            tokens[end].lower in NAME_JOINERS
            and end > index
            and end + 1 < len(tokens)
            and tokens[end + 1].text[:1].isupper()
        )
        if not (capitalised or joining):
            break
        end += 1
    return end


def label_before(tokens: Sequence[Token], first: int) -> list[Token]:
    """'Acres burned: 23,713', 'Structures destroyed: 5,316': the label of a fact sheet's
    line, before its colon (a participle at its end is what happened to the thing)."""
    if first < 2 or tokens[first - 1].text != ":":
        return []
    start = first - 2
    while start > 0 and not tokens[start].line_start and first - 2 - start < MAX_PHRASE:
        start -= 1
    if not tokens[start].line_start and start != 0:
        return []
    label = [t for t in tokens[start : first - 1] if is_content(t) and not t.bullet]
    while label and label[-1].lower.endswith("ed"):
        label.pop()
    return label[-MAX_PHRASE:]


def subject_before(tokens: Sequence[Token], first: int) -> list[Token]:
    """'federal support tops $10.2 billion', 'Federal support as of March 6 totals $6.6
    billion', 'the death toll stands at 50,000': the noun phrase before a verb that says
    what it amounts to."""
    index = first - 1
    filled = index
    while filled >= 1 and tokens[filled].lower in LEVEL_FILLERS and first - filled <= 4:
        filled -= 1
    if filled < index and tokens[filled].lower in AMOUNT_PREPOSITIONS:
        index = filled  # "has risen to a record £17.1 billion"
    from_to = False  # the value is an end of "from ... to ...": a change
    if index >= 0 and tokens[index].lower == "from":
        index -= 1  # "unemployment rose from 5% to 7%": the first of the two ends
        from_to = True
    elif index >= 0 and tokens[index].lower in AMOUNT_PREPOSITIONS:
        index -= 1
        # "revenue fell 5% to $3.9 billion", "exports rose from $3 billion to $5 billion"
        back = change_before(tokens, index)
        from_to = back < index and tokens[back + 1].lower == "from"
        index = back
    phrasal = index >= 1 and tokens[index].lower in ("up", "down")
    verb = tokens[index].lower if index >= 0 else ""
    if phrasal and tokens[index - 1].lower in PHRASAL_MOVES:
        index -= 1  # "the single bus fare will go up to £3.50"
    elif index >= 0 and verb in COMING_TO and tokens[index + 1].lower == "to":
        pass  # "Net profit for the quarter came to $241 million"
    elif not (
        verb in AMOUNT_VERBS
        or verb in RECEIVING_VERBS
        # "tariff cut from 35% to 20%", as a bullet or a headline says it: what was cut
        or (from_to and verb in LEVEL_VERBS and index >= 1 and is_content(tokens[index - 1]))
    ):
        return []
    index -= 1
    while index >= 0 and tokens[index].lower in AUXILIARIES:
        index -= 1
    if (
        index >= 2
        and tokens[index].lower in TIME_WORDS
        and tokens[index - 1].lower in ("this", "last", "next")
    ):
        index -= 2  # "Kerala's pass rate this year was 78%": the period is no subject
    # "as of March 6" between the subject and its verb
    for back in range(index, max(-1, index - 6), -1):
        if back >= 1 and tokens[back - 1].lower == "as" and tokens[back].lower == "of":
            index = back - 2
            break
    phrase = content_run_before(tokens, index)
    before = index - len(phrase)
    if phrase and before >= 2 and tokens[before].lower in POSSESSIVE_MARKS:
        before -= 2  # "turnout in Sunday's presidential election was 71.3%": past the owner
    if phrase and before >= 2 and tokens[before].lower in DETERMINERS:
        before -= 1  # "the jobless rate in the region fell to 6.1%"
    participle = participle_before(tokens, index)
    if participle is not None:
        # "New pledges to the Fund announced during the meeting totalled USD 1.2 billion":
        # past the participle's phrase, to the noun it is said of
        phrase = content_run_before(tokens, participle - 1) or phrase
        before = participle - 1 - len(phrase)
        if before >= 1 and tokens[before].lower in DETERMINERS:
            before -= 1
    while (
        phrase
        and phrase[0].text[:1].isupper()
        and before >= 1
        and tokens[before].lower in ("and", ",")
        and tokens[before - 1].text[:1].isupper()
    ):
        before -= 1 + len(content_run_before(tokens, before - 1))  # "in England and Wales"
    if phrase and before >= 1 and tokens[before].lower in ("for", "in", "to", "on", "from", "at"):
        # "federal support for Florida totals ...": the noun phrase's head comes before it
        return content_run_before(tokens, before - 1) or phrase
    return phrase


def participle_before(tokens: Sequence[Token], index: int) -> int | None:
    """Where a participle stands that, with its phrase, ends at tokens[index] and is said
    of the noun before it: 'pledges [announced during the meeting]'."""
    for back in range(index, max(0, index - MAX_PARTICIPLE_PHRASE), -1):
        if (
            tokens[back].lower in PARTICIPLE_PREPOSITIONS
            and back >= 2
            and (tokens[back - 1].lower.endswith("ed") or tokens[back - 1].lower in PARTICIPLES)
            and is_content(tokens[back - 2])
            # "paid to Japanese artists", not "projected to cost": a verb's object follows
            and (tokens[back].lower not in ("to", "for") or names_or_determines(tokens[back + 1]))
            and not any(t.lower in VERBS or t.is_punct for t in tokens[back : index + 1])
        ):
            return back - 1
    return None


# Who casts votes: "143 countries voted in favour", "12 members voted against".
VOTERS = frozenset(
    {"countries", "states", "members", "delegates", "delegations", "lawmakers", "deputies",
     "senators", "mps", "councillors", "councilors", "parties", "nations", "governments",
     "shareholders", "legislators", "representatives"}
)  # fmt: skip
VOTE_SIDES = {("in", "favour"): "in favour", ("in", "favor"): "in favour", ("for",): "in favour",
              ("against",): "against"}  # fmt: skip


def vote_side(tokens: Sequence[Token], head: str, index: int) -> str:
    """The side votes were cast on, said after their count's head: 'votes in favour',
    'votes against', 'countries voted in favour'; '' when none is said."""
    if head not in ("votes", "vote") and head not in VOTERS:
        return ""
    words = [t.lower for t in tokens[index : index + 3]]
    if head in VOTERS:
        if words[:1] != ["voted"]:
            return ""
        words = words[1:]
    for said, side in VOTE_SIDES.items():
        if tuple(words[: len(said)]) == said:
            return side
    return ""


def names_or_determines(token: Token) -> bool:
    return token.text[:1].isupper() or token.lower in DETERMINERS


MAX_PARTICIPLE_PHRASE = 5
COMING_TO = frozenset({"came", "comes", "come", "coming"})  # "came to $241 million"
# What a participle after a noun is said with: "pledges announced during the meeting"
PARTICIPLE_PREPOSITIONS = frozenset(
    {"during", "at", "in", "on", "by", "since", "over", "to", "for"}
)  # fmt: skip
# Past participles not ending in "-ed": "royalties paid to artists", "aid sent to Kyiv".
PARTICIPLES = frozenset(
    {"paid", "sent", "given", "made", "held", "sold", "spent", "lent", "won", "lost", "built",
     "taken", "brought"}
)  # fmt: skip


CHANGE_UNITS = frozenset({"%", "percent", "per", "cent", "points", "point", "pct"})
POSSESSIVE_MARKS = frozenset({"'s", "’s"})


def naming_verb_before(tokens: Sequence[Token], first: int) -> int | None:
    """Where a verb that names the value stands right before it, or before the name of whom
    it befell ("was fined $40 million", "fined Delmar Chemicals $14 million")."""
    index = first - 1
    while index > 0 and index > first - 6 and tokens[index].text[:1].isupper():
        index -= 1
    if index >= 2 and tokens[index - 1].lower in DETERMINERS and is_content(tokens[index]):
        index -= 2  # "fined the bank $30 million"
    elif (
        index >= 1
        and index < first - 1
        and tokens[index].lower not in NAMING_VERBS
        and tokens[index].text.islower()
        and is_content(tokens[index])
    ):
        index -= 1  # "fined lender Banque Ardenne 87 million euros"
    if index >= 0 and tokens[index].lower in NAMING_VERBS:
        return index
    return None


def valuing_verb_before(tokens: Sequence[Token], first: int) -> int | None:
    """Where a verb that values something stands before "at" and the value, past what it
    values ("valued at $25.6 billion", "valuing the combined group at $26.5 billion")."""
    return verb_before_preposition(tokens, first, "at", VALUING_VERBS, MAX_PHRASE + 1)


def selling_verb_before(tokens: Sequence[Token], first: int) -> int | None:
    """Where a verb of selling stands before a price: "fetched $68.4 million", "sold for
    $48.6 million", "sold the estate to a developer for £12m", "went under the hammer for
    $5m"."""
    if first and tokens[first - 1].lower in FETCHING_VERBS:
        return first - 1
    return verb_before_preposition(
        tokens, first, "for", SELLING_VERBS, MAX_PHRASE + 4, passed=SALE_LINKS
    )


# "sold the estate to a developer for £12m", "buying Sweden's Norrskog for €3.9 billion"
SALE_LINKS = frozenset({"under", "at", "to", "'s", "’s"})


def verb_before_preposition(
    tokens: Sequence[Token],
    first: int,
    preposition: str,
    verbs: frozenset[str],
    reach: int,
    passed: frozenset[str] = frozenset(),
) -> int | None:
    """Where one of `verbs` stands before `preposition` and the value at tokens[first], past
    at most `reach` words of what it acts on (content words, determiners, `passed`)."""
    if first < 2 or tokens[first - 1].lower != preposition:
        return None
    for index in range(first - 2, max(-1, first - 2 - reach), -1):
        token = tokens[index]
        if token.lower in verbs:
            return index
        if token.like_num or not (
            is_content(token) or token.lower in DETERMINERS or token.lower in passed
        ):
            return None
    return None


def fined_party(tokens: Sequence[Token], naming: int | None, first: int) -> str | None:
    """'fined lender Banque Ardenne 87 million euros': whose fine it is, the name the verb
    names before the sum (as 'Banque Ardenne was fined' says it)."""
    if naming is None:
        return None
    named = [t for t in tokens[naming + 1 : first] if t.text[:1].isupper()]
    return " ".join(t.text for t in named) or None


def change_before(tokens: Sequence[Token], index: int) -> int:
    """Before "to" at tokens[index + 1]: where the verb stands once a change said between
    them is passed over ("fell 5% to", "rose by 12 percent to", "fell 0.3 points to")."""
    back = index
    while back >= 0 and (tokens[back].lower in CHANGE_UNITS or tokens[back].lower in SCALES):
        back -= 1
    if back == index or back < 0 or not tokens[back].like_num:
        return index
    back -= 1
    if back >= 0 and tokens[back].text in CURRENCY_SIGNS:
        back -= 1
    if back >= 0 and tokens[back].lower in ("by", "from"):
        back -= 1
    return back


CURRENCY_SIGNS = frozenset("$€£¥₹")


def object_set_at(tokens: Sequence[Token], first: int) -> list[Token]:
    """'set defence spending at £42.6 billion (... and health spending at £182 billion)',
    'kept its dividend at 42 cents': the noun phrase right before "at", when a verb that
    sets a level governs it from earlier in the clause."""
    if first < 2 or tokens[first - 1].lower != "at":
        return []
    phrase: list[Token] = []
    index = first - 2
    while index >= 0 and len(phrase) < MAX_PHRASE:
        token = tokens[index]
        if not is_content(token) or token.like_num or token.lower in SET_PHRASE_ENDS:
            break
        phrase.insert(0, token)
        index -= 1
    if not phrase:
        return []
    for back in range(index, max(-1, index - LEVEL_WINDOW), -1):
        word = tokens[back].lower
        if word in SETTING_VERBS:
            return set_object(tokens, back + 1, index + 1) or phrase
        if word in CLAUSE_BREAKS or word in (".", "?", "!"):
            return []
    return []


def set_object(tokens: Sequence[Token], start: int, phrase_start: int) -> list[Token]:
    """'cap tariffs on trade among themselves at 10%', 'capped prices for households at
    £2,500': the verb's object, when the phrase before 'at' only completes it."""
    while start < phrase_start and tokens[start].lower in DETERMINERS:
        start += 1
    end = start
    while end < phrase_start and is_content(tokens[end]) and not tokens[end].like_num:
        end += 1
    if start < end < phrase_start and tokens[end].lower in OBJECT_COMPLEMENTS:
        return list(tokens[start:end])
    return []


OBJECT_COMPLEMENTS = frozenset({"on", "for", "of", "in", "among", "between"})


def destination_after(tokens: Sequence[Token], after: int) -> list[Token]:
    """'€500 million has been set aside for reconstruction and recovery' -> reconstruction;
    'half a billion euros to a reconstruction facility' -> reconstruction facility."""
    index = after
    while (
        index < len(tokens)
        and index - after < 5
        and (tokens[index].lower in ON_THE_WAY or tokens[index].lower.endswith("ed"))
    ):
        index += 1
    if index >= len(tokens) or tokens[index].lower not in DESTINATIONS:
        return []
    index += 1
    while index < len(tokens) and tokens[index].lower in DETERMINERS:
        index += 1
    if index < len(tokens) and tokens[index].lower in INFINITIVES | RUNNING_TOTAL:
        return []  # "to help survivors", "to date"
    phrase: list[Token] = []
    while index < len(tokens) and len(phrase) < MAX_PHRASE and is_phrase_word(tokens[index]):
        phrase.append(tokens[index])
        index += 1
    return phrase


POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


def object_raised_to(
    tokens: Sequence[Token], first: int, role: str | None = None
) -> tuple[list[Token], str]:
    """'This brings total U.S. humanitarian assistance to support the response to $185
    million' -> humanitarian assistance: the object of a verb that brings it to the value,
    and the verb ("brings"). The first end of a change is read so too ("reduced the tariff
    from 35% to 20%"), and a change noun stands for its verb ("the reduction of the tariff
    from 35 percent to 25 percent")."""
    prepositions = ("to", "by", "from") if role == "from" else ("to", "by")
    if first < 2 or tokens[first - 1].lower not in prepositions:
        return [], ""
    for index in range(first - 2, max(-1, first - 2 - LEVEL_WINDOW), -1):
        word = tokens[index].lower
        if word in CLAUSE_BREAKS or word in (",", "."):
            return [], ""
        noun = (
            role in ("from", "to")
            and word in CHANGE_NOUNS
            and index + 1 < first
            and tokens[index + 1].lower in ("of", "in")
        )
        if word in LEVEL_VERBS or noun:
            start = index + 1
            while start < first and tokens[start].lower in LINKS:  # "the total U.S. aid"
                start += 1
            owner = next(
                (
                    i
                    for i in range(start, min(first, start + 4))
                    if tokens[i].text in POSSESSIVE_MARKS
                ),
                None,
            )
            if owner is not None:
                start = owner + 1  # "cut Nordline's second-quarter net profit to $68 million"
            return phrase_after(tokens, past_period_word(tokens, start)), word
    return [], ""


PERIOD_NOUNS = frozenset({"quarter", "half", "year", "month", "week"})


def past_period_word(tokens: Sequence[Token], index: int) -> int:
    """Past a period that qualifies what follows: 'second-quarter net profit', 'full-year'."""
    if (
        index + 2 < len(tokens)
        and tokens[index + 1].text in ("-", "–")
        and tokens[index + 2].lower in PERIOD_NOUNS
    ):
        return index + 3
    return index


def content_run_before(tokens: Sequence[Token], index: int) -> list[Token]:
    """The content words that end at tokens[index], read backwards (at most MAX_PHRASE)."""
    phrase: list[Token] = []
    while index >= 0 and len(phrase) < MAX_PHRASE and is_phrase_word(tokens[index]):
        phrase.insert(0, tokens[index])
        index -= 1
    return phrase


def with_of_phrase(tokens: Sequence[Token], phrase: list[Token], lexicon: Lexicon) -> list[Token]:
    """A phrase the lexicon knows with its 'of' ("eighteen heads of state and government":
    head of state), else the phrase as read."""
    if not phrase:
        return phrase
    at = tokens.index(phrase[-1]) + 1
    if at + 1 < len(tokens) and tokens[at].lower == "of":
        words = f"{normal(phrase[-1])} of {normal(tokens[at + 1])}"
        if words in lexicon.phrases:
            return [*phrase, tokens[at], tokens[at + 1]]
    return phrase


def phrase_before_of(tokens: Sequence[Token], index: int) -> list[Token]:
    """'a death toll of 50,000' -> death toll; 'a budget of $412 million' -> budget; 'aid
    worth $1.8 billion' -> aid."""
    if index < 2 or tokens[index - 1].lower not in ("of", "worth", "totalling", "totaling"):
        return []
    phrase: list[Token] = []
    position = index - 2
    while position >= 0 and len(phrase) < MAX_PHRASE and is_content(tokens[position]):
        phrase.insert(0, tokens[position])
        position -= 1
    named = phrase and all(token.text[:1].isupper() for token in phrase)
    if named and position >= 1 and tokens[position].lower in ("for", "to", "in"):
        # "a recovery package for Syria worth EUR 2,200 million": the package, for Syria
        return content_run_before(tokens, position - 1) or phrase
    return phrase


def classify(words: Sequence[str], lexicon: Lexicon) -> tuple[str, list[str]]:
    """The head class and the qualifiers of a noun phrase's words."""
    if not words:
        return "", []
    for size in range(len(words), 1, -1):  # the longest known phrase ending the run
        tail = " ".join(words[-size:])
        if tail in lexicon.phrases:
            return lexicon.phrases[tail], list(words[:-size])
    head = words[-1]
    return lexicon.heads.get(head, head), list(words[:-1])


def whole_after(tokens: Sequence[Token], after: int) -> int | None:
    """The token after the whole a part is counted of: "12 of the 40 passengers", "three
    of its 20 boats" (None when the value is not followed so)."""
    index = after
    if index < len(tokens) and tokens[index].lower == "of":
        index += 1
        if index < len(tokens) and tokens[index].lower in WHOLE_DETERMINERS:
            index += 1
        index = past_owner(tokens, index)  # "187 of the Organization's 196 member countries"
        if index < len(tokens) and tokens[index].like_num:
            while index < len(tokens) and (tokens[index].like_num or tokens[index].lower in SCALES):
                index += 1
            return index
    return None


def of_named_whole(tokens: Sequence[Token], after: int) -> bool:
    """The value is followed by 'of the', 'of those' ... and a word, not a number: "52 of the
    cases", "nine of those infected"; or by 'members of': "four members of a crew"."""
    index = after
    if index + 1 < len(tokens) and tokens[index].lower in MEMBER_WORDS:
        index += 1  # "four members of a maintenance crew": four of the crew
        if index + 1 < len(tokens) and member_of_named_body(tokens, index + 1):
            return False  # "the 23 members of the Indian Ocean Rim Association": members
        return tokens[index].lower == "of" and after > 0 and tokens[after - 1].like_num
    return (
        index + 2 < len(tokens)
        and index > 0
        and tokens[index - 1].like_num  # a count: not "the 75th anniversary of the treaty"
        and tokens[index].lower == "of"
        and tokens[index + 1].lower in ("the", "those", "these")
        and not tokens[index + 2].like_num
        and tokens[index + 2].text.isalpha()
    )


def member_of_named_body(tokens: Sequence[Token], index: int) -> bool:
    """'members of the Indian Ocean Rim Association': members of a body a name gives, which
    a count of members counts; not of a body within one ('three members of the Executive
    Committee' count the committee's)."""
    if not past_the(tokens, index).text[:1].isupper():
        return False
    end = index + (tokens[index].lower == "the")
    while end < len(tokens) and tokens[end].text[:1].isupper():
        end += 1
    return tokens[end - 1].lower not in INNER_BODIES


# Bodies within an organisation, whose members are not the organisation's.
INNER_BODIES = frozenset(
    {"committee", "board", "council", "commission", "panel", "bureau", "secretariat",
     "cabinet", "executive", "jury", "court", "tribunal"}
)  # fmt: skip


def past_the(tokens: Sequence[Token], index: int) -> Token:
    """The word at index, or after it when it is 'the'."""
    if tokens[index].lower == "the" and index + 1 < len(tokens):
        return tokens[index + 1]
    return tokens[index]


def past_owner(tokens: Sequence[Token], index: int) -> int:
    """Past an owner of what follows ("the Organization's", "the forum's"), else index."""
    for mark in range(index + 1, min(len(tokens), index + 4)):
        if tokens[mark].text in POSSESSIVE_MARKS:
            words = all(t.text.isalpha() for t in tokens[index:mark])
            return mark + 1 if words else index
    return index


def part_before(tokens: Sequence[Token], first: int) -> bool:
    """The value is the whole of a part counted before it: "12 of the 40", "187 of the
    Organization's 196"."""
    index = first - 1
    if index >= 2 and tokens[index].text in POSSESSIVE_MARKS and tokens[index - 1].text.isalpha():
        index -= 1  # past the owner ("of the forum's 21", "of UNESCO's 194"), to the word before
        while (
            index >= 1
            and tokens[index - 1].text.isalpha()
            and tokens[index - 1].lower not in WHOLE_DETERMINERS
            and tokens[index - 1].lower != "of"
            and first - index < 5
        ):
            index -= 1
        index -= 1
    if index >= 0 and tokens[index].lower in WHOLE_DETERMINERS:
        index -= 1
    return index >= 1 and tokens[index].lower == "of" and tokens[index - 1].like_num


WHOLE_DETERMINERS = frozenset({"the", "its", "her", "his", "their", "our", "those"})


def predicate_after(tokens: Sequence[Token], index: int, lexicon: Lexicon) -> str:
    """'... passengers were injured', '... soldiers have been killed': the class of what the
    counted suffered, said by a passive right after the phrase."""
    index = past_complement(tokens, index)  # "the nine crew members of the trawler were"
    words = [t.lower for t in tokens[index : index + 4]]
    if words and words[0] in PLACE_PREPOSITIONS:
        # "brought 17 miners to the surface alive", "pulled six people from the rubble alive"
        for word in (t.lower for t in tokens[index + 1 : index + 1 + COMPLEMENT_REACH]):
            if word in STATE_COMPLEMENTS and word in lexicon.predicates:
                return lexicon.predicates[word]
            if word in ("and", "or", ",", ";", "."):
                break
    if words and words[0] in INTRANSITIVES:
        return lexicon.predicates.get(words[0], "")  # "1,500 passengers and crew died"
    if not words or words[0] not in STATIVE_AUXILIARIES:
        return ""
    for word in words[1:]:
        if word in lexicon.predicates:
            return lexicon.predicates[word]
        if word not in PASSIVE_FILLERS:
            return ""
    return ""


PLACE_PREPOSITIONS = frozenset({"to", "from", "out", "onto", "into"})
STATE_COMPLEMENTS = frozenset({"alive", "dead"})  # what the counted were found or brought
COMPLEMENT_REACH = 5


def past_complement(tokens: Sequence[Token], index: int) -> int:
    """The index after a short prepositional complement of the counted ("of the trawler",
    "on board the ferry") when an auxiliary follows it; else `index`."""
    if index >= len(tokens) or tokens[index].lower not in COMPLEMENT_PREPOSITIONS:
        return index
    for end in range(index + 1, min(index + 6, len(tokens))):
        token = tokens[end]
        if token.lower in STATIVE_AUXILIARIES:
            return end
        if token.is_punct or token.like_num:
            break
    return index


# Auxiliaries before what befell the counted: "were rescued", "had died".
STATIVE_AUXILIARIES = frozenset({"were", "was", "have", "had", "are"})
COMPLEMENT_PREPOSITIONS = frozenset({"of", "on", "aboard", "from"})


def predicate_before(tokens: Sequence[Token], first: int, lexicon: Lexicon) -> str:
    """'Police arrested 30 protesters', 'the storm killed at least 12 people': the class of
    what befell the counted, said by the verb right before the count (bounds passed over)."""
    for index in range(first - 1, max(-1, first - 3), -1):
        word = tokens[index].lower
        if word in lexicon.predicates:
            return lexicon.predicates[word]
        if is_content(tokens[index]) or tokens[index].is_punct:
            return ""
    return ""


def predicate_near(
    tokens: Sequence[Token], first: int, after: int, last: int, lexicon: Lexicon
) -> str:
    """The class of what the counted people did or suffered, said next to the count: after
    it first ("Several people died and 46 were injured": 46 were injured), else before it
    ("killing seven people")."""
    following = list(tokens[first:after])
    for token in tokens[after : min(last, len(tokens))]:
        if token.lower in ("and", "or", ",", ";", "while") or token.like_num:
            break  # "killed seven people and injured 46": what befell the next count
        following.append(token)
    window = [*following, *reversed(tokens[max(0, first - 4) : first])]
    for token in window:
        found = lexicon.predicates.get(token.lower) or lexicon.predicates.get(normal(token))
        if found:
            return found
    return ""


def actor_before(sentence: Sentence, offset: int, lexicon: Lexicon) -> str | None:
    """The last actor named before the value that is not governed by a preposition: in "the
    United States is providing aid for the earthquake in Türkiye and Syria", the United
    States gives; Türkiye and Syria are where."""
    opening = past_dateline(sentence.tokens, 0, len(sentence.tokens))  # "KYIV, Ukraine —"
    actors = [
        m
        for m in sentence.mentions
        if m.label in lexicon.actor_labels
        and m.end <= offset
        and m.first_token >= opening
        and not in_compound(sentence.tokens, m.first_token, m.last_token)
    ]
    ends = {m.last_token: m for m in actors}
    for mention in reversed(actors):
        if not governed(sentence.tokens, mention.first_token, ends):
            return mention.id
    return None


def in_compound(tokens: Sequence[Token], first: int, after: int) -> bool:
    """A name joined by a hyphen to a word ("Ibero-American", "Franco-German", "US-China
    talks") or after a word that makes it a region's ("Latin American", "South American"):
    it names a group or a relation, not one actor."""
    joined_before = (
        first >= 2
        and tokens[first - 1].text in HYPHENS
        and tokens[first - 2].end == tokens[first - 1].start
        and tokens[first - 1].end == tokens[first].start
        and tokens[first - 2].text.isalpha()
    )
    joined_after = (
        after + 1 < len(tokens)
        and tokens[after].text in HYPHENS
        and tokens[after - 1].end == tokens[after].start
        and tokens[after].end == tokens[after + 1].start
        and tokens[after + 1].text[:1].isupper()
    )
    region = first >= 1 and tokens[first - 1].lower in REGION_WORDS
    return joined_before or joined_after or region


HYPHENS = frozenset({"-", "‐", "–"})
# Words that make a demonym a region's: "Latin American leaders", "North African states".
REGION_WORDS = frozenset({"latin", "north", "south", "central", "east", "west", "sub-saharan"})


# Verbs between a name and what it won, holds or sold: "The Liberal Alliance won 72 seats".
OWNING_VERBS = frozenset(
    {"won", "wins", "win", "took", "takes", "secured", "secures", "captured", "claimed",
     "earned", "gained", "holds", "hold", "sold", "sells", "posted", "recorded", "collected"}
)  # fmt: skip


FINISHING_VERBS = frozenset({"came", "finished", "ended", "emerged", "placed", "closed"})


SUBJECT_REACH = 8  # tokens between a clause's named subject and its value
PASSIVE_AUXILIARIES = frozenset({"were", "was", "have", "has", "had", "been", "are", "reportedly"})
SCOPE_REACH = 3  # words (a verb: "died", "were killed") between a phrase and its place
# Words that count, not name: "Several people died", "Many families fled".
QUANTIFIERS = frozenset(
    {"several", "many", "few", "dozens", "dozen", "hundreds", "thousands", "millions",
     "both", "each", "every", "most", "all", "some", "no", "none", "numerous", "countless"}
)  # fmt: skip
# Words that say which figure of a kind it is, capitalised only when a sentence opens with
# them: "Core inflation was 2.8%", "Net profit fell to $410 million" name no one.
MEASURE_ADJECTIVES = frozenset(
    {"core", "net", "gross", "total", "annual", "average", "median", "overall", "real",
     "nominal", "underlying", "headline", "basic", "operating", "adjusted", "monthly",
     "quarterly", "weekly", "daily", "domestic", "foreign", "public", "private", "official",
     "current", "previous", "estimated", "full", "final", "initial", "preliminary", "annualised",
     "annualized", "seasonal", "youth", "long-term", "short-term"}
)  # fmt: skip
REPORTING_VERBS = frozenset({"said", "says", "stated", "noted", "confirmed", "added"})
CHANGE_WORDS = CHANGE_VERBS | PHRASAL_MOVES  # "rose", "will go up to"
# Verbs that end an attribution clause: "..., the statistics office said"
REPORTING_WORDS = frozenset({*REPORTING_VERBS, "showed", "show", "shows", "told", "reported"})
# Words that say who reports a figure, not what it is of: "according to the union",
# "health officials said", "official figures showed"
ATTRIBUTION_WORDS = frozenset(
    {*REPORTING_WORDS, "according", "official", "officials", "figures", "data", "reports",
     "statement", "spokesperson", "spokesman", "spokeswoman", "statistics", "statistical"}
)  # fmt: skip


def subject_owner(tokens: Sequence[Token], first: int, lexicon: Lexicon) -> str | None:
    """'The Palisades Fire has destroyed 6,800 structures', 'Apple's revenue rose 4%', 'The
    nurses' union has 7,400 members': the name (or possessor) a clause opens with is whose
    figure it is, when it leads to the value without a comma."""
    start = 0
    for index in range(first - 1, -1, -1):
        if tokens[index].text in (";", ":") or tokens[index].lower in REPORTING_VERBS:
            start = index + 1  # "Officials said the Eaton Fire has destroyed ..."
            break
        if tokens[index].line_start:
            start = index
            break
    start = past_dateline(tokens, start, first)
    if start < first and tokens[start].lower == "that":
        start += 1
    while start < first and (
        tokens[start].lower in DETERMINERS or tokens[start].lower in QUANTIFIERS
    ):
        start += 1
    if start + 1 < first and tokens[start].text.islower() and tokens[start + 1].text[:1].isupper():
        start += 1  # "The nearby Oak Fire"
    end = start
    while end < first and (
        (tokens[end].text[:1].isupper() and tokens[end].text.replace(".", "").isalpha())
        or (end > start and tokens[end].like_num and tokens[end - 1].text[:1].isupper())
        or (
            tokens[end].lower in NAME_JOINERS
            and end > start
            and end + 1 < first
            and tokens[end + 1].text[:1].isupper()
        )
    ):
        end += 1
    start, end = past_possessor(tokens, start, end, first)
    name = [t.text for t in tokens[start:end] if t.lower not in STOP_WORDS]
    if name and all(t.like_num for t in tokens[start:end] if t.lower not in STOP_WORDS):
        name = []  # "All 162 passengers": a count, no name
    if len(name) == 1 and end - start == 1 and opens_sentence(tokens, start):
        # a sentence's first word has a capital whatever it is: "Federal support totals",
        # "Airlines cancelled"; a one-word name there must be no word of the lexicon
        word = normal(tokens[start])
        known = word in lexicon.heads or word in lexicon.purposes or word in lexicon.people
        plural = tokens[start].lower.endswith("s") and not singular_verb_after(tokens, start, first)
        if (
            known
            or plural
            or tokens[start].lower.endswith("ing")
            or word in QUANTIFIERS
            or word in MEASURE_ADJECTIVES
            or word in INSTITUTION_NOUNS
        ):
            name = []  # "Airlines cancelled", "Killing seven people, ...", "Police arrested"
    if name and (
        name[-1].lower() in GROUP_SUBJECTS
        or (
            len(name) == 1
            and end - start == 1
            and opens_sentence(tokens, start)
            and end < first
            and tokens[end].lower in GROUP_SUBJECTS
        )
    ):
        name = []  # "Member States committed", "World leaders agreed", "Rescue teams brought"
    if not name and start + 1 < first and tokens[start + 1].lower in ("'s", "'", "’s", "’"):
        name = [tokens[start].text]  # "the nurses' union"
        end = start + 1
    elif not name and start + 2 < first and tokens[start + 1].text in ("'", "’"):
        name = [tokens[start].text]
        end = start + 2
    if not name or first - end > SUBJECT_REACH:
        return None
    if any(t.text == "," for t in tokens[end:first]):
        return None
    if name[-1].lower() in TIME_WORDS:
        return None
    return " ".join(name)


# Groups of people a statement's subject names, capitalised or after a capitalised word
# that only qualifies them: "Member States committed", "World leaders", "Rescue teams".
GROUP_SUBJECTS = frozenset(
    {"states", "leaders", "ministers", "officials", "teams", "delegates", "participants",
     "members", "governments", "parties", "delegations", "authorities", "workers"}
)  # fmt: skip
# Nouns of a body of people, not names, that open sentences: "Police arrested 23 people".
INSTITUTION_NOUNS = frozenset(
    {"police", "government", "army", "military", "navy", "coastguard", "management", "staff"}
)

DASHES = frozenset({"-", "–", "—", "--"})


DATELINE_REACH = 12  # tokens of a dateline: "AIX-EN-PROVENCE, France, 16 June -"


def past_dateline(tokens: Sequence[Token], start: int, first: int) -> int:
    """'LISBON - Allied Ministers met ...', 'KYIV, Ukraine — ...', 'AIX-EN-PROVENCE,
    France, 16 June - ...': a dateline (capitals, then a day, up to a spaced dash) opens
    the sentence; its clause starts after the dash."""
    for index in range(start, min(first, start + DATELINE_REACH)):
        if tokens[index].text in DASHES and (
            index == start or tokens[index - 1].end < tokens[index].start
        ):
            words = [t.text for t in tokens[start:index] if t.text not in (",", "(", ")")]
            words = [w for w in words if w not in DASHES]  # the hyphens of "AIX-EN-PROVENCE"
            if words and words[0].isupper() and all(w[:1].isupper() or w.isdigit() for w in words):
                return index + 1
            return start
    return start


def singular_verb_after(tokens: Sequence[Token], index: int, first: int) -> bool:
    """'Siemens employs 320,000', 'Texas sends 270 delegates': a verb in -s right after a
    word ending in s, just before the value, makes that word one thing (a plural takes
    'employ'), so a name, not a plural noun ('Airlines cancelled 400 flights')."""
    verb = tokens[index + 1].lower if index + 1 < first else ""
    return (
        verb.isalpha()
        and verb.endswith("s")
        and not verb.endswith("ss")
        and tokens[index + 1].text.islower()
        and first - (index + 1) <= 2
    )


def past_possessor(tokens: Sequence[Token], start: int, end: int, first: int) -> tuple[int, int]:
    """ "Bologna's public transport operator TPER will double its fleet": the name the
    possessor's noun phrase ends with is the subject, not the possessor. Returns the name's
    token range, the one given when there is no such name."""
    if start == end or end >= first or tokens[end].lower not in POSSESSIVE_MARKS:
        return start, end
    index = end + 1
    while index < first and tokens[index].text.islower() and is_content(tokens[index]):
        index += 1
    if index == end + 1 or index >= first or not tokens[index].text[:1].isupper():
        return start, end
    named = index
    while named < first and tokens[named].text[:1].isupper() and tokens[named].text.isalpha():
        named += 1
    return index, named


def name_start(tokens: Sequence[Token], end: int) -> int:
    """Where the run of capitalised words that ends before tokens[end] starts."""
    start = end
    while start > 0 and tokens[start - 1].text[:1].isupper() and tokens[start - 1].text.isalpha():
        start -= 1
    return start


def opens_sentence(tokens: Sequence[Token], index: int) -> bool:
    """The first word of a sentence, a line, a clause after ';' or ':', or of what follows
    a dateline ("AIX-EN-PROVENCE, France, 16 June - Leaders committed ...")."""
    if index == 0 or tokens[index].line_start or tokens[index - 1].text in (";", ":"):
        return True
    return tokens[index - 1].text in DASHES and past_dateline(tokens, 0, index) == index


def gapped_owner(tokens: Sequence[Token], first: int) -> str | None:
    """'..., the Liberal Alliance 51 seats and the Greens 17 seats': in a list whose verb is
    said once, the name before each count is whose it is."""
    following = tokens[first + 1] if first + 1 < len(tokens) else None
    if following is not None and not (following.lower.endswith("s") or following.is_punct):
        return None
    start = name_start(tokens, first)
    if start == first:
        return None
    opener = start - 1
    if opener >= 0 and tokens[opener].lower == "the":
        opener -= 1
    if opener < 0 or tokens[opener].lower not in (",", "and"):
        return None
    return " ".join(t.text for t in tokens[start:first])


def owner_before(tokens: Sequence[Token], first: int) -> str | None:
    """'The Liberal Alliance won 72 seats', 'Norland won 29 medals': the name whose count it
    is, when no known actor is named."""
    index = first - 1
    while index >= 0 and tokens[index].lower in DETERMINERS:
        index -= 1
    if index >= 1 and tokens[index].lower == "with":
        # "The Liberal Alliance came second with 51 seats"
        back = index - 1
        while back > index - 4 and back >= 0 and tokens[back].text.islower():
            if tokens[back].lower in FINISHING_VERBS:
                index = back
                break
            back -= 1
    if index < 1 or not (
        tokens[index].lower in OWNING_VERBS or tokens[index].lower in FINISHING_VERBS
    ):
        return None
    index -= 1
    while index >= 0 and tokens[index].lower in AUXILIARIES:
        index -= 1
    end = index + 1
    words = [t.text for t in tokens[name_start(tokens, end) : end] if t.lower not in STOP_WORDS]
    return " ".join(words) or None


def governed(tokens: Sequence[Token], first: int, ends: Mapping[int, Mention]) -> bool:
    """Is the name starting at tokens[first] (or the list it ends) the object of a preposition?"""
    index = first - 1
    while index >= 0:
        word = tokens[index].lower
        if word in DETERMINERS:
            index -= 1
        elif word in ("and", ",", "or") and index in ends:
            index = ends[index].first_token - 1  # "in Türkiye and Syria": the list's start
        else:
            return word in PREPOSITIONS
    return False


def modality(tokens: Sequence[Token], first: int) -> Mood:
    """How the clause that leads to the value states it: "asserted"; "planned" (an
    intention: "intends to authorize $50 million"); "forecast" (an expectation: "is
    expected to cost €3.8 billion"); "hedged" when negated, hedged or asked."""
    if tokens and tokens[-1].text == "?":
        return "hedged"
    start = first
    while start > 0 and tokens[start - 1].text not in CLAUSE_BREAKS:
        if tokens[start - 1].lower in CONCESSIVES:
            break  # "could only hold 1,178, although there were 2,224 on board": asserted
        start -= 1
    before = tokens[start:first]
    words = {t.lower for t in before}
    if words & NEGATIONS:
        return "hedged"
    if any(
        t.lower in MODALS
        and not (t.lower == "could" and capacity_after(before, index))
        and not (t.text == "May" and start + index > 0)  # "met on 21 May": the month
        for index, t in enumerate(before)
    ):
        return "hedged"
    forecast = any(
        t.lower in FORECASTS and not (index and before[index - 1].lower == "than")
        for index, t in enumerate(before)
    )
    if forecast:
        return "forecast"
    return "planned" if words & INTENTIONS else "asserted"


def capacity_after(tokens: Sequence[Token], index: int) -> bool:
    """'could accommodate', 'could only hold': ability that states a capacity."""
    following = [t.lower for t in tokens[index + 1 : index + 3] if t.lower != "only"]
    return bool(following) and following[0] in CAPACITY_VERBS


# Words that say a level is what remains, or the peak, of something that changes.
STATE_WORDS = {"still": "remaining", "remaining": "remaining", "remain": "remaining",
               "remained": "remaining", "remains": "remaining", "peak": "at peak",
               "peaked": "at peak", "height": "at peak", "average": "average",
               "averaged": "average", "averages": "average", "median": "median"}  # fmt: skip
# Words that say a count still holds, as a level does: "2,666 passengers remain on board"
STILL_WORDS = frozenset(
    {*(word for word, state in STATE_WORDS.items() if state == "remaining"), "now", "left",
     "stranded"}
)  # fmt: skip
# Conjunctions after which a clause asserts on its own, whatever was hedged before them.
CONCESSIVES = frozenset({"although", "though", "whereas", "despite"})


def read_lexicon(
    rows: Iterable[Mapping[str, str]],
    actor_labels: Iterable[str] = (),
    held: Iterable[str] = (),
) -> Lexicon:
    """A lexicon from table rows: word, class, role (head | phrase | predicate | purpose |
    lives); `held`: the classes that hold for the moment of the event reported."""
    heads: dict[str, str] = {}
    phrases: dict[str, str] = {}
    predicates: dict[str, str] = {}
    purposes: dict[str, str] = {}
    lives: dict[str, str] = {}
    for row in rows:
        word, kind, role = row["word"].strip().lower(), row["class"].strip(), row["role"].strip()
        if role == "phrase":
            phrases[" ".join(singular(w) for w in word.split())] = kind
        elif role == "predicate":
            predicates[word] = kind
        elif role == "purpose":
            purposes[singular(word)] = kind
        elif role == "lives":
            lives[word] = kind
        else:
            heads[singular(word)] = kind
    return Lexicon(
        heads,
        phrases,
        predicates,
        purposes=purposes,
        actor_labels=frozenset(actor_labels),
        lives=lives,
        held=frozenset(held),
    )
