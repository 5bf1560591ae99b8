"""Generate a benchmark corpus: N varied statements about invented events, some departing.

Run: python benchmarks/generate.py N OUT_DIR [--seed S] [--overwrite]

Each document is Markdown with YAML front matter (title, date, issuer) and about 250-400 words. The
documents are grouped into events (one per 50-200 documents), each with its own date, place
and facts: battlegroup hosts, troop figures, the meeting and the next one, money, a spending
target and partner countries. A document states a random subset of its event's facts in one
of many wordings, between sentences of policy language that state none. About one document
in twenty departs from its event on one fact (a country changed, another figure or date);
manifest.json beside the documents records every departure, and which documents list the
battlegroup hosts in another order. The same N and seed give byte-identical files; documents
are written one at a time, so memory does not grow with N.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GENERATOR = "crossdoc-benchmark/1"
MANIFEST = "manifest.json"
EVENT_SIZES = (50, 200)  # documents per event
WORDS = (250, 400)  # words per document body
DEPARTURE_RATE = 0.05  # documents that depart from their event on one fact
REORDER_RATE = 0.2  # documents that list the battlegroup hosts in another order
WRAP_RATE = 0.3  # documents hard-wrapped at about 72 columns, like plain-text releases
MAX_QUOTES = 2  # quotes a news item pads itself with
FIRST_DAY = dt.date(2016, 1, 1)
LAST_DAY = dt.date(2029, 12, 31)

# The facts of an event besides its meeting, and the chance that a document states each one
# (in a random order, after the meeting it reports).
FACT_CHANCES = {
    "battlegroup_hosts": 0.6,
    "troops": 0.6,
    "national_deployment": 0.3,
    "next_meeting": 0.5,
    "strategic_concept": 0.2,
    "humanitarian_aid_usd": 0.45,
    "reconstruction_fund_eur": 0.3,
    "defence_spending_percent_gdp": 0.4,
    "partners": 0.4,
}
MEETING_CHANCE = 0.9

# Country pools are disjoint, so a sentence's countries tell which fact it states.
HOST_COUNTRIES = (
    "Bulgaria", "Hungary", "Romania", "Slovakia", "Slovenia", "Poland", "Estonia", "Latvia",
    "Lithuania", "Croatia", "Greece", "Portugal", "Norway", "Denmark", "Czechia", "Albania",
    "North Macedonia", "Montenegro", "Italy", "Spain",
)  # fmt: skip
# Pairs a hurried writer confuses: a departure prefers them.
CONFUSABLE = {
    "Slovakia": "Slovenia", "Slovenia": "Slovakia", "Latvia": "Lithuania",
    "Lithuania": "Latvia", "Estonia": "Latvia", "Romania": "Bulgaria", "Bulgaria": "Romania",
    "Hungary": "Croatia", "Croatia": "Hungary", "Montenegro": "Albania", "Albania": "Montenegro",
}  # fmt: skip
CONTRIBUTORS = (
    "Canada", "Germany", "the United Kingdom", "France", "the Netherlands", "Belgium",
    "Luxembourg", "Türkiye",
)  # fmt: skip
PARTNER_COUNTRIES = (
    "Ukraine", "Georgia", "Moldova", "Japan", "Australia", "New Zealand", "the Republic of Korea",
    "Jordan", "Tunisia", "Mauritania", "Sweden", "Finland", "Switzerland", "Ireland", "Austria",
    "Mongolia",
)  # fmt: skip
PLACES = (
    "Brussels", "Madrid", "Vilnius", "Washington", "The Hague", "Riga", "Bucharest", "Oslo",
    "Prague", "Berlin", "Antalya", "London", "Lisbon", "Warsaw", "Tallinn", "Helsinki", "Rome",
    "Copenhagen", "Sofia", "Bratislava", "Ankara", "Reykjavik",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
COUNT_WORDS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TENS = ("", "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
# Words that make a figure a bound or an estimate rather than the figure itself.
BOUND_WORDS = ("more than", "over", "nearly", "almost", "up to", "some", "around")
FORCE_NOUNS = ("troops", "soldiers", "forces", "personnel", "service members")

ISSUERS = {
    "government": (
        "Office of the Prime Minister", "Office of the President", "Government Press Office",
        "Federal Chancellery", "Cabinet Office",
    ),
    "ministry": (
        "Ministry of Foreign Affairs", "Ministry of Defence", "Ministry for European Affairs",
        "Ministry of Finance", "Ministry of the Interior",
    ),
    "agency": (
        "Agency for Humanitarian Relief", "Development Cooperation Agency",
        "Civil Protection Authority", "Office for Strategic Communication",
        "Institute for Security Policy",
    ),
    "news": (
        "Meridian Wire", "The Harbour Courier", "Northgate Daily", "Continental Dispatch",
        "The Evening Ledger", "Atlas News Service", "Riverside Gazette", "The Weekly Compass",
    ),
}  # fmt: skip
ISSUER_KINDS = tuple(ISSUERS)

BODIES = {
    "summit": {
        "actors": (
            "NATO leaders", "Allied leaders", "Heads of State and Government of the Alliance",
            "the leaders of NATO member states",
        ),
        "names": ("summit", "extraordinary summit", "leaders' summit"),
    },
    "foreign-ministers": {
        "actors": (
            "NATO Foreign Ministers", "Foreign Ministers of the Alliance",
            "Allied Foreign Ministers",
        ),
        "names": ("meeting of Foreign Ministers", "Foreign Ministers' meeting"),
    },
    "defence-ministers": {
        "actors": (
            "NATO Defence Ministers", "Defence Ministers of the Alliance",
            "Allied Defence Ministers",
        ),
        "names": ("meeting of Defence Ministers", "defence ministerial"),
    },
}  # fmt: skip
BODY_WEIGHTS = {"summit": 6, "foreign-ministers": 2, "defence-ministers": 2}

# Policy language: sentences built from these slots state no fact (no number, date, place,
# country, meeting or force word), so they add words without adding findings.
INTROS = (
    "", "", "", "In this context, ", "At the same time, ", "Looking ahead, ", "Above all, ",
    "Equally, ", "Beyond the immediate crisis, ", "As a result, ", "For this reason, ",
    "In parallel, ", "Once again, ",
)  # fmt: skip
SUBJECTS = (
    "Allies", "the participants", "governments", "delegations", "officials",
    "the member states", "national authorities", "the representatives", "senior officials",
    "all sides", "the signatories",
)  # fmt: skip
VERB_PHRASES = (
    "remain committed to", "reaffirmed their commitment to", "underlined the importance of",
    "will keep working towards", "stressed the need for", "welcomed progress on",
    "called for renewed efforts on", "agreed to deepen cooperation on", "highlighted",
    "pledged continued attention to", "expressed strong support for",
    "reiterated the value of", "recognised the urgency of", "set out priorities for",
    "intend to build on",
)  # fmt: skip
OBJECTS = (
    "a rules-based international order", "transparent and accountable institutions",
    "the resilience of critical infrastructure", "closer coordination with international bodies",
    "the protection of civilians", "long-term stability in the region",
    "energy security and diversification", "efforts against disinformation",
    "arms control and non-proliferation", "democratic values and the rule of law",
    "cyber defence and information sharing", "the security implications of climate change",
    "resilient supply chains", "the safety of maritime routes",
    "the full implementation of earlier commitments", "a coherent approach to hybrid threats",
    "innovation in the defence industry", "civil preparedness",
    "accountability for violations of international law", "dialogue and transparency",
    "the free flow of information", "respect for sovereignty and territorial integrity",
    "a just and lasting peace", "investment in modern capabilities",
    "stronger industrial cooperation", "the security of undersea cables",
    "the fight against terrorism", "women's participation in peace and security",
)  # fmt: skip
QUALIFIERS = (
    "", "", " in the period ahead", " as a matter of priority",
    ", in close consultation with one another", " through practical cooperation",
    ", in line with international law", " at every level", " across all domains",
    " with determination", " over the long term", " without delay",
)  # fmt: skip
CLAIM_NOUNS = (
    "commitment", "approach", "effort", "cooperation", "unity", "solidarity", "engagement",
    "resolve", "investment", "partnership of values",
)  # fmt: skip
CLAIM_PREDICATES = (
    "remains essential to", "is central to", "will remain vital for", "contributes directly to",
    "is indispensable for", "underpins", "is the foundation of", "strengthens",
)  # fmt: skip
CLAIM_GOALS = (
    "shared security", "stability across the continent", "the credibility of collective defence",
    "the safety of citizens", "a peaceful and prosperous future", "the trust of the public",
    "deterrence and defence", "an effective response to the crisis", "a secure neighbourhood",
    "the values we hold in common",
)  # fmt: skip
OBSERVERS = ("Analysts", "Diplomats", "Observers", "Commentators", "Several officials")
OBSERVED = ("said", "noted", "suggested", "argued", "pointed out")
DISCUSSIONS = ("talks", "discussions", "deliberations", "consultations")
OUTCOMES = (
    "had been carefully prepared", "showed a high degree of unity", "left several questions open",
    "were shaped by events on the ground", "marked a shift in tone",
    "reflected months of consultations", "were more cordial than expected",
    "produced few surprises", "ended later than planned",
)  # fmt: skip
QUOTES = (
    "We are united and we intend to stay united", "Our message is one of resolve",
    "This is about protecting our people", "Nobody should doubt our determination",
    "The work is far from over", "We have shown that we can act quickly",
    "Unity is our greatest strength", "This sends a clear signal",
    "We owe it to the next generation", "Words must now be followed by deeds",
)  # fmt: skip
SPEAKERS = (
    "a senior diplomat", "one official", "a government spokesperson",
    "an analyst at a research institute", "a spokesperson", "a participant in the talks",
)  # fmt: skip
ATTRIBUTIONS = (
    ", officials said", ", according to a senior diplomat", ", a spokesperson confirmed",
    ", according to people familiar with the talks", ", the final text says",
)  # fmt: skip
CLOSINGS = {
    "government": (
        "The government will keep the public informed of further steps.",
        "The Prime Minister will report to parliament on the outcome.",
        "Further statements will follow as the situation develops.",
    ),
    "ministry": (
        "The Ministry will continue to inform the public about further steps.",
        "The Ministry remains in close contact with its counterparts.",
        "Questions from the press can be addressed to the Ministry's spokesperson.",
    ),
    "agency": (
        "Further updates will be published as the programme develops.",
        "The Agency will publish a detailed breakdown in its next report.",
        "This fact sheet will be updated as new commitments are confirmed.",
    ),
    "news": (
        "This article has been updated with additional reporting.",
        "Reporting by staff correspondents; editing by the news desk.",
        "Officials were expected to brief reporters later in the day.",
    ),
}  # fmt: skip
SECTION_HEADINGS = ("Key decisions", "Background", "What was agreed", "Support to partners")


@dataclass(frozen=True)
class Event:
    """One meeting and the facts every document about it states (unless it departs)."""

    id: str
    body: str
    name: str
    place: str
    date: dt.date
    first_document: int  # 0-based index of its first document
    documents: int
    facts: dict[str, Any]


@dataclass(frozen=True)
class Departure:
    document: str
    fact: str
    expected: Any
    stated: Any


@dataclass
class DocumentText:
    name: str
    text: str
    words: int
    departures: list[Departure] = field(default_factory=list)
    reordered: bool = False


# ---------------------------------------------------------------------------- value wording


def number_in_words(value: int) -> str | None:
    """'forty-five thousand' for 45,000; None when the figure is not whole thousands < 100,000."""
    if value <= 0 or value % 1000 or value >= 100_000:
        return None
    thousands = value // 1000
    if thousands < 10:
        words = COUNT_WORDS[thousands]
    elif thousands < 20:
        words = TEENS[thousands - 10]
    else:
        words = TENS[thousands // 10] + (
            f"-{COUNT_WORDS[thousands % 10]}" if thousands % 10 else ""
        )
    return f"{words} thousand"


def join_list(items: Sequence[str], rng: random.Random) -> str:
    if len(items) == 1:
        return items[0]
    conjunction = ", and " if rng.random() < 0.4 and len(items) > 2 else " and "
    return ", ".join(items[:-1]) + conjunction + items[-1]


def exact_troops(value: int, rng: random.Random) -> str:
    words = number_in_words(value)
    roll = rng.random()
    if words and roll < 0.25:
        return words
    if roll < 0.33:
        return f"{value:,}".replace(",", " ")
    return f"{value:,}"


def troops_phrase(value: int, rng: random.Random) -> str:
    """The event's figure as an exact, vague or bounded amount (all compatible with it)."""
    roll = rng.random()
    if roll < 0.65:
        return exact_troops(value, rng)
    if roll < 0.8:
        return "tens of thousands of" if value >= 20_000 and rng.random() < 0.5 else "thousands of"
    step = 5_000 if value >= 20_000 else 1_000
    if rng.random() < 0.5:
        return f"{rng.choice(('more than', 'over'))} {value - step:,}"
    return f"{rng.choice(('nearly', 'almost', 'up to'))} {value + step:,}"


def decimal_text(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def usd_phrase(amount: int, rng: random.Random) -> str:
    if amount >= 1_000_000_000:
        billions = decimal_text(amount / 1_000_000_000)
        forms: tuple[str, ...] = (
            f"${billions} billion", f"US${billions} billion", f"USD {billions} billion",
            f"{billions} billion dollars", f"${amount // 1_000_000:,} million",
        )  # fmt: skip
    else:
        millions = amount // 1_000_000
        forms = (f"${millions} million", f"USD {millions} million", f"{millions} million dollars")
    return rng.choice(forms)


def eur_phrase(amount: int, rng: random.Random) -> str:
    millions = amount // 1_000_000
    forms = [f"€{millions} million", f"EUR {millions} million", f"{millions} million euros"]
    if millions == 500:
        forms.append("half a billion euros")
    return rng.choice(forms)


def percent_phrase(percent: float, rng: random.Random) -> str:
    number = decimal_text(percent)
    forms = [
        f"{number}% of GDP",
        f"{number} per cent of GDP",
        f"{number} percent of gross domestic product",
    ]
    if percent == int(percent):
        forms.append(f"{COUNT_WORDS[int(percent)]} percent of GDP")
    return rng.choice(forms)


def long_date(day: dt.date, rng: random.Random, with_year: bool = True) -> str:
    if rng.random() < 0.35:
        text = f"{MONTHS[day.month - 1]} {day.day}"
        return f"{text}, {day.year}" if with_year else text
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def meeting_day_phrase(day: dt.date, written: dt.date, rng: random.Random, exact: bool) -> str:
    """When the meeting was, as a document written on `written` says it."""
    roll = rng.random()
    if not exact and written == day and roll < 0.3:
        return "today"
    if not exact and (written - day).days == 1 and roll < 0.3:
        return "yesterday"
    if not exact and 0 < (written - day).days < 7 and roll < 0.4:
        return f"on {WEEKDAYS[day.weekday()]}"
    if roll < 0.55:
        return f"on {WEEKDAYS[day.weekday()]}, {long_date(day, rng)}"
    return f"on {long_date(day, rng, with_year=rng.random() < 0.8 or exact)}"


def month_phrase(month: int, year: int, rng: random.Random) -> str:
    name = MONTHS[month - 1]
    return f"{name} {year}" if rng.random() < 0.3 else name


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------- events


def random_day(rng: random.Random) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))


def plan_event(number: int, first_document: int, documents: int, rng: random.Random) -> Event:
    body = rng.choices(list(BODY_WEIGHTS), weights=list(BODY_WEIGHTS.values()))[0]
    place = rng.choice(PLACES)
    date = random_day(rng)
    hosts = rng.sample(HOST_COUNTRIES, rng.randint(2, 6))
    months_ahead = rng.randint(2, 10)
    next_month = (date.month - 1 + months_ahead) % 12 + 1
    next_year = date.year + (date.month - 1 + months_ahead) // 12
    billions = rng.random() < 0.7  # most pledges are billions; some are millions
    aid = rng.randint(10, 35) * 100_000_000 if billions else rng.randint(5, 19) * 50_000_000
    facts: dict[str, Any] = {
        "meeting": {"place": place, "date": date.isoformat()},
        "battlegroup_hosts": hosts,
        "troops": rng.randint(2, 60) * 5_000,
        "national_deployment": {
            "country": rng.choice(CONTRIBUTORS),
            "host": rng.choice(hosts),
            "troops": rng.randint(3, 50) * 100,
        },
        "next_meeting": {
            "place": rng.choice([p for p in PLACES if p != place]),
            "month": MONTHS[next_month - 1],
            "year": next_year,
        },
        "humanitarian_aid_usd": aid,
        "reconstruction_fund_eur": rng.randint(2, 18) * 50_000_000,
        "defence_spending_percent_gdp": rng.choice((1.5, 2.0, 2.0, 2.0, 2.5, 3.0, 3.5)),
        "partners": rng.sample(PARTNER_COUNTRIES, rng.randint(2, 4)),
    }
    facts["strategic_concept"] = facts["next_meeting"]["place"]
    return Event(
        id=f"event-{number:04d}",
        body=body,
        name=rng.choice(BODIES[body]["names"]),
        place=place,
        date=date,
        first_document=first_document,
        documents=documents,
        facts=facts,
    )


def plan_events(count: int, seed: int) -> list[Event]:
    """Events in document order; each draws 50-200 documents, the last takes what is left."""
    rng = random.Random(seed)
    events: list[Event] = []
    planned = 0
    while planned < count:
        size = min(rng.randint(*EVENT_SIZES), count - planned)
        events.append(plan_event(len(events) + 1, planned, size, rng))
        planned += size
    return events


def departed_value(fact: str, value: Any, rng: random.Random) -> Any:
    """Another value for a fact, as a careless or out-of-date source would state it."""
    if fact == "meeting":
        day = dt.date.fromisoformat(value["date"]) + dt.timedelta(days=rng.choice((-1, 1)))
        return {"place": value["place"], "date": day.isoformat()}
    if fact == "battlegroup_hosts":
        position = rng.randrange(len(value))
        replacement = CONFUSABLE.get(value[position])
        if replacement is None or replacement in value:
            replacement = rng.choice([c for c in HOST_COUNTRIES if c not in value])
        return [*value[:position], replacement, *value[position + 1 :]]
    if fact == "troops":
        return value + rng.choice((-2, -1, 1, 2)) * (5_000 if value > 10_000 else 1_000)
    if fact == "national_deployment":
        return {**value, "troops": value["troops"] + rng.choice((-200, -100, 100, 200, 500))}
    if fact == "next_meeting":
        if rng.random() < 0.5:
            month = MONTHS.index(value["month"]) + rng.choice((-1, 1))
            return {**value, "month": MONTHS[month % 12]}
        return {**value, "place": rng.choice([p for p in PLACES if p != value["place"]])}
    if fact == "strategic_concept":
        return rng.choice([p for p in PLACES if p != value])
    if fact == "humanitarian_aid_usd":
        return (
            value * 10 if rng.random() < 0.3 else value + rng.choice((-2, -1, 1, 2)) * 100_000_000
        )
    if fact == "reconstruction_fund_eur":
        return value + rng.choice((-100_000_000, 100_000_000, 250_000_000))
    if fact == "defence_spending_percent_gdp":
        return rng.choice([p for p in (1.5, 2.0, 2.5, 3.0, 3.5) if p != value])
    if fact == "partners":
        position = rng.randrange(len(value))
        replacement = rng.choice([c for c in PARTNER_COUNTRIES if c not in value])
        return [*value[:position], replacement, *value[position + 1 :]]
    raise ValueError(f"unknown fact {fact!r}")


# ---------------------------------------------------------------------------- sentences


def policy_sentence(rng: random.Random) -> str:
    shape = rng.random()
    if shape < 0.6:
        intro = rng.choice(INTROS)
        subject = rng.choice(SUBJECTS)
        text = (
            f"{intro}{subject} {rng.choice(VERB_PHRASES)} {rng.choice(OBJECTS)}"
            f"{rng.choice(QUALIFIERS)}."
        )
        return capitalised(text)
    if shape < 0.85:
        determiner = rng.choice(("This", "Our", "Such", "Continued"))
        return (
            f"{determiner} {rng.choice(CLAIM_NOUNS)} {rng.choice(CLAIM_PREDICATES)} "
            f"{rng.choice(CLAIM_GOALS)}."
        )
    return (
        f"{rng.choice(OBSERVERS)} {rng.choice(OBSERVED)} that the {rng.choice(DISCUSSIONS)} "
        f"{rng.choice(OUTCOMES)}."
    )


def quote_sentence(rng: random.Random) -> str:
    return f'"{rng.choice(QUOTES)}," said {rng.choice(SPEAKERS)}.'


def meeting_sentence(
    event: Event, value: dict[str, str], written: dt.date, rng: random.Random, exact: bool
) -> str:
    actors = rng.choice(BODIES[event.body]["actors"])
    day = meeting_day_phrase(dt.date.fromisoformat(value["date"]), written, rng, exact)
    place = value["place"]
    templates = (
        f"{capitalised(actors)} met in {place} {day} to discuss the security situation in Europe.",
        f"{capitalised(actors)} gathered in {place} {day} for what officials called a decisive "
        "moment for the Alliance.",
        f"When {actors} convened in {place} {day}, deterrence and support for partners "
        "dominated the agenda.",
        f"{capitalised(day)}, {actors} met in {place}.",
        f"{capitalised(actors)} met {day} in {place}, where they reviewed the situation on the "
        "ground.",
    )
    return rng.choice(templates)


def battlegroup_sentence(hosts: Sequence[str], rng: random.Random) -> str:
    listed = join_list(hosts, rng)
    count = COUNT_WORDS[len(hosts)] if len(hosts) < len(COUNT_WORDS) else str(len(hosts))
    templates = (
        f"Allies are establishing {count} new multinational battlegroups in {listed}.",
        f"{capitalised(count)} additional battlegroups will be set up in {listed}.",
        f"The Alliance agreed to deploy {count} new battle groups to {listed}.",
        f"New multinational battlegroups will be stationed in {listed}.",
        f"{listed} will each host one of the new battlegroups.",
        f"Plans were confirmed for {count} new battle-groups in {listed}.",
        f"Among the decisions was the creation of {count} further multinational battlegroups, "
        f"to be based in {listed}.",
    )
    return rng.choice(templates)


def troops_sentence(amount: str, rng: random.Random) -> str:
    force = rng.choice(FORCE_NOUNS)
    templates = (
        f"NATO has placed {amount} {force} on its eastern flank.",
        f"Allies have deployed {amount} {force} to the eastern flank under direct NATO command.",
        f"There are now {amount} {force} under NATO command on the eastern flank.",
        f"The Alliance has moved {amount} {force} to its eastern flank in recent weeks.",
        f"Allies have stationed {amount} additional {force} along the eastern flank.",
    )
    return rng.choice(templates)


def national_sentence(value: dict[str, Any], rng: random.Random) -> str:
    country, host, troops = value["country"], value["host"], f"{value['troops']:,}"
    force = rng.choice(FORCE_NOUNS[:3])
    templates = (
        f"{capitalised(country)} has deployed {troops} {force} to {host}.",
        f"{capitalised(country)} is sending {troops} {force} to {host} as part of the "
        "reinforcement.",
        f"{capitalised(country)} has stationed {troops} additional {force} in {host}.",
        f"For its part, {country} has sent {troops} {force} to {host}.",
    )
    return rng.choice(templates)


def next_meeting_sentence(value: dict[str, Any], rng: random.Random) -> str:
    place = value["place"]
    month = MONTHS.index(value["month"]) + 1
    when = month_phrase(month, value["year"], rng)
    templates = (
        f"Leaders will meet again in {place} in {when}.",
        f"The next NATO summit will take place in {place} in {when}.",
        f"Further decisions are expected at the summit in {place} in {when}.",
        f"Allied leaders are due to gather in {place} in {when}.",
        f"Attention now turns to the next summit, to be held in {place} in {when}.",
    )
    return rng.choice(templates)


def strategic_concept_sentence(place: str, rng: random.Random) -> str:
    templates = (
        f"A new Strategic Concept is to be adopted at the summit in {place}.",
        f"Allies will adopt the next Strategic Concept in {place}.",
        f"Work continues on an updated Strategic Concept, which leaders expect to endorse in "
        f"{place}.",
    )
    return rng.choice(templates)


def aid_sentence(amount: int, rng: random.Random) -> str:
    money = usd_phrase(amount, rng)
    templates = (
        f"A further {money} in humanitarian aid was pledged for civilians affected by the war.",
        f"Donors committed {money} in humanitarian assistance.",
        f"The package includes {money} in humanitarian aid.",
        f"{capitalised(money)} in humanitarian support will be made available in the coming "
        "months.",
        f"Humanitarian aid worth {money} has been announced.",
    )
    return rng.choice(templates)


def fund_sentence(amount: int, rng: random.Random) -> str:
    money = eur_phrase(amount, rng)
    templates = (
        f"The European Union will contribute {money} to a reconstruction facility.",
        f"A reconstruction fund of {money} was also agreed.",
        f"{capitalised(money)} has been set aside for reconstruction and recovery.",
        f"Reconstruction efforts will receive {money} from the common budget.",
    )
    return rng.choice(templates)


def spending_sentence(percent: float, rng: random.Random) -> str:
    share = percent_phrase(percent, rng)
    templates = (
        f"Allies reaffirmed their pledge to spend at least {share} on defence.",
        f"Defence spending of {share} remains the agreed benchmark.",
        f"Governments undertook to invest {share} in defence.",
        f"The target of {share} for defence investment was confirmed.",
    )
    return rng.choice(templates)


def partners_sentence(partners: Sequence[str], rng: random.Random) -> str:
    listed = join_list(partners, rng)
    templates = (
        f"Support will also be extended to partners such as {listed}.",
        f"Partners including {listed} took part in some of the discussions.",
        f"The Alliance will step up tailored assistance to partners, notably {listed}.",
        f"{capitalised(listed)} were welcomed as close partners.",
    )
    return rng.choice(templates)


SENTENCES: dict[str, Callable[[Any, random.Random], str]] = {
    "battlegroup_hosts": battlegroup_sentence,
    "national_deployment": national_sentence,
    "next_meeting": next_meeting_sentence,
    "strategic_concept": strategic_concept_sentence,
    "humanitarian_aid_usd": aid_sentence,
    "reconstruction_fund_eur": fund_sentence,
    "defence_spending_percent_gdp": spending_sentence,
    "partners": partners_sentence,
}


# ---------------------------------------------------------------------------- documents


def document_title(event: Event, kind: str, issuer: str, rng: random.Random) -> str:
    meeting = (
        f"{event.place} {event.name}" if rng.random() < 0.5 else f"{event.name} in {event.place}"
    )
    if kind in ("government", "ministry"):
        return rng.choice(
            (
                f"Statement by the {issuer} on the {meeting}",
                f"Press release: outcome of the {meeting}",
                f"Readout of the {meeting}",
            )
        )
    if kind == "agency":
        return rng.choice(
            (
                f"Fact sheet: commitments made at the {meeting}",
                f"{issuer} update on the {meeting}",
                f"Briefing note on the {meeting}",
            )
        )
    return rng.choice(
        (
            f"Allies agree new measures at {event.place} talks",
            f"{event.place} talks end with pledges on aid and defence",
            f"Leaders back stronger eastern defences in {event.place}",
            f"What was agreed in {event.place}",
            f"Unity on display as the {event.name} closes in {event.place}",
        )
    )


def written_on(event: Event, kind: str, rng: random.Random) -> dt.date:
    if kind == "news":
        offset = rng.choices((0, 1, 2, 3), weights=(5, 3, 1, 1))[0]
    else:
        offset = rng.choices((0, 1, 2), weights=(8, 2, 1))[0]
    return event.date + dt.timedelta(days=offset)


def wrap(paragraph: str, width: int = 72) -> str:
    lines: list[str] = []
    current: list[str] = []
    length = 0
    for word in paragraph.split(" "):
        if current and length + 1 + len(word) > width:
            lines.append(" ".join(current))
            current, length = [], 0
        length += len(word) + (1 if current else 0)
        current.append(word)
    lines.append(" ".join(current))
    return "\n".join(lines)


def front_matter(title: str, written: dt.date, issuer: str) -> str:
    # JSON strings are YAML strings: quotes and colons in titles stay safe.
    return (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndate: {written.isoformat()}\n"
        f"issuer: {json.dumps(issuer, ensure_ascii=False)}\n---\n\n"
    )


def stated_facts(event: Event, rng: random.Random) -> list[str]:
    facts = [fact for fact, chance in FACT_CHANCES.items() if rng.random() < chance]
    if not facts:
        facts = [rng.choice(list(FACT_CHANCES))]
    rng.shuffle(facts)
    if rng.random() < MEETING_CHANCE:
        facts.insert(0, "meeting")
    return facts


def render_document(event: Event, index: int, name: str, seed: int) -> DocumentText:
    """One document of `event`; its own random stream, so it does not depend on the others."""
    rng = random.Random(f"{seed}:{index}")
    kind = rng.choice(ISSUER_KINDS)
    issuer = rng.choice(ISSUERS[kind])
    written = written_on(event, kind, rng)
    title = document_title(event, kind, issuer, rng)
    facts = stated_facts(event, rng)
    departing = rng.choice(facts) if rng.random() < DEPARTURE_RATE else None
    document = DocumentText(name=name, text="", words=0)

    fact_sentences: list[str] = []
    for fact in facts:
        value = event.facts[fact]
        if fact == departing:
            stated = departed_value(fact, value, rng)
            document.departures.append(Departure(name, fact, value, stated))
            value = stated
        if fact == "battlegroup_hosts" and rng.random() < REORDER_RATE:
            reordered = list(value)
            while reordered == list(value):
                rng.shuffle(reordered)
            value = reordered
            document.reordered = True
        if fact == "meeting":
            sentence = meeting_sentence(event, value, written, rng, exact=fact == departing)
        elif fact == "troops":
            amount = exact_troops(value, rng) if fact == departing else troops_phrase(value, rng)
            sentence = troops_sentence(amount, rng)
        else:
            sentence = SENTENCES[fact](value, rng)
        if kind == "news" and rng.random() < 0.25:
            sentence = sentence[:-1] + rng.choice(ATTRIBUTIONS) + "."
        fact_sentences.append(sentence)

    paragraphs = compose_paragraphs(fact_sentences, kind, event, rng)
    target = rng.randint(*WORDS)
    words = sum(len(sentence.split()) for paragraph in paragraphs for sentence in paragraph)
    # padding goes into prose paragraphs, never into a heading or a bullet
    open_paragraphs = [i for i, p in enumerate(paragraphs) if not p[0].startswith(("- ", "## "))]
    quotes = 0
    while words < target:
        quoted = kind == "news" and quotes < MAX_QUOTES and rng.random() < 0.15
        quotes += quoted
        padding = quote_sentence(rng) if quoted else policy_sentence(rng)
        chosen = rng.choice(open_paragraphs)
        paragraph = paragraphs[chosen]
        # the opening sentence stays first, as in a real statement
        paragraph.insert(rng.randint(1 if chosen == 0 else 0, len(paragraph)), padding)
        words += len(padding.split())
    closing = rng.choice(CLOSINGS[kind])
    paragraphs.append([closing])
    words += len(closing.split())

    wrapped = rng.random() < WRAP_RATE
    blocks = []
    for paragraph in paragraphs:
        text = " ".join(paragraph)
        blocks.append(wrap(text) if wrapped and not text.startswith(("- ", "## ")) else text)
    body = "\n\n".join(blocks) + "\n"
    document.text = front_matter(title, written, issuer) + body
    document.words = len(body.split())
    return document


def compose_paragraphs(
    fact_sentences: list[str], kind: str, event: Event, rng: random.Random
) -> list[list[str]]:
    """Fact sentences grouped one or two to a paragraph, with policy paragraphs between them."""
    paragraphs: list[list[str]] = []
    if kind == "news" and rng.random() < 0.5:
        dateline = f"{event.place.upper()} - "
        fact_sentences = [dateline + fact_sentences[0], *fact_sentences[1:]]
    if kind == "agency" and len(fact_sentences) > 2 and rng.random() < 0.6:
        opening, *listed = fact_sentences
        paragraphs.append([opening, policy_sentence(rng)])
        paragraphs.append([f"## {rng.choice(SECTION_HEADINGS)}"])
        paragraphs.extend([f"- {sentence}"] for sentence in listed)
        paragraphs.append([policy_sentence(rng)])
        return paragraphs
    position = 0
    while position < len(fact_sentences):
        take = 2 if rng.random() < 0.35 else 1
        paragraphs.append(fact_sentences[position : position + take])
        position += take
        if rng.random() < 0.4:
            paragraphs.append([policy_sentence(rng)])
    return paragraphs


def document_name(index: int, count: int) -> str:
    return f"doc-{index + 1:0{max(6, len(str(count)))}d}.md"


def generate_corpus(count: int, out_dir: Path, seed: int = 0) -> dict[str, Any]:
    """Write `count` documents and manifest.json into `out_dir`; return the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    events = plan_events(count, seed)
    total_words = 0
    manifest_events = []
    for event in events:
        names, departures, reordered = [], [], []
        for index in range(event.first_document, event.first_document + event.documents):
            name = document_name(index, count)
            document = render_document(event, index, name, seed)
            (out_dir / name).write_text(document.text, encoding="utf-8")
            total_words += document.words
            names.append(name)
            departures.extend(document.departures)
            if document.reordered:
                reordered.append(name)
        manifest_events.append(
            {
                "id": event.id,
                "body": event.body,
                "name": event.name,
                "place": event.place,
                "date": event.date.isoformat(),
                "facts": event.facts,
                "documents": names,
                "departures": [
                    {
                        "document": d.document,
                        "fact": d.fact,
                        "expected": d.expected,
                        "stated": d.stated,
                    }
                    for d in departures
                ],
                "reordered_battlegroup_hosts": reordered,
            }
        )
    manifest = {
        "generator": GENERATOR,
        "seed": seed,
        "documents": count,
        "words": total_words,
        "events": manifest_events,
    }
    # Written last and renamed into place: its presence says the corpus is complete.
    partial = out_dir / f".{MANIFEST}.partial"
    partial.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(partial, out_dir / MANIFEST)
    return manifest


def clear_corpus(out_dir: Path) -> None:
    """Remove what an earlier run wrote (documents and manifest), nothing else."""
    for path in out_dir.glob("doc-*.md"):
        path.unlink()
    (out_dir / MANIFEST).unlink(missing_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("count", type=int, metavar="N", help="number of documents")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument(
        "--overwrite", action="store_true", help="replace an earlier corpus in OUT_DIR"
    )
    args = parser.parse_args(argv)
    if args.count < 1 or args.seed < 0:
        parser.error("N must be at least 1 and the seed at least 0")
    if args.out_dir.exists() and any(args.out_dir.iterdir()):
        if not args.overwrite:
            print(f"error: {args.out_dir} is not empty (use --overwrite)", file=sys.stderr)
            return 2
        clear_corpus(args.out_dir)
    start = time.perf_counter()
    manifest = generate_corpus(args.count, args.out_dir, args.seed)
    elapsed = time.perf_counter() - start
    print(
        f"{args.count} documents, {manifest['words']:,} words, {len(manifest['events'])} events "
        f"in {args.out_dir} ({elapsed:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
