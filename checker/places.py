"""Places and what contains them: names resolved through a gazetteer, then compared."""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import pycountry
from rapidfuzz import fuzz

from checker.model import Comparison, Verdict

CITY_KINDS = frozenset({"city", "capital"})
KIND_ORDER = ("country", "capital", "city", "region")  # whose reading `resolve_place` gives
MATCH_SCORE = 90  # rapidfuzz ratio at or above which two unknown names are one place
MAX_LENGTH = 120  # characters; a longer text is no place name
ACRONYM_LETTERS = 5  # an alias in capitals this short ("US", "DC") matches only capitals
# the best pair of readings wins when a name is ambiguous ("Victoria", "Georgia")
VERDICT_RANK = {Verdict.AGREEMENT: 0, Verdict.COMPLEMENTARY: 1, Verdict.DISCREPANCY: 2}
# Two towns farther apart than this are two places ("in Ghent" against "in Antwerp", 51 km);
# nearer, one may name the other's area ("in Salford", "in Manchester"). "near" stretches it.
TOWNS_APART_KM = 40
NEAR_TOWNS_APART_KM = 120
EARTH_RADIUS_KM = 6371.0

_OF_CAPITAL = re.compile(r"(?i)^(?:the\s+)?capital(?:\s+city)?\s+of\s+(?P<country>.+)$")
_NAMED_CAPITAL = re.compile(r"(?i)^(?:the\s+)?(?P<country>.+?)(?:'s?)?\s+capital(?:\s+city)?$")
_CITY_OF = re.compile(r"(?i)^(?:the\s+)?city\s+of\s+")
_LEADING_THE = re.compile(r"(?i)^the\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʻ": "'", "`": "'", "´": "'"})


@dataclass(frozen=True)
class Place:
    """A known place: `regions` are the regions containing it, innermost first."""

    name: str
    kind: str  # city | capital | region | country
    country: str  # ISO 3166-1 alpha-2
    regions: tuple[str, ...] = ()

    @property
    def is_city(self) -> bool:
        return self.kind in CITY_KINDS

    @property
    def identity(self) -> tuple[str, str, str]:
        """A capital is a city: the same place whichever kind a row gives it."""
        return ("city" if self.is_city else self.kind, self.name, self.country)

    def contains(self, other: Place) -> bool:
        if self.country != other.country or self.identity == other.identity:
            return False
        if self.kind == "country":
            return other.kind != "country"
        return self.kind == "region" and self.name in other.regions

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class _Entry:
    place: Place
    capitals_only: bool  # an acronym alias ("US") that must not match "us"


@dataclass(frozen=True)
class _Gazetteer:
    names: dict[str, tuple[_Entry, ...]]  # name key -> its readings
    countries: dict[str, Place]  # alpha-2 -> the country
    capitals: dict[str, tuple[Place, ...]]  # alpha-2 -> its capitals, official first
    demonyms: dict[str, str]  # adjective key -> alpha-2


def _fold(text: str) -> str:
    """Lower case without diacritics, straight apostrophes, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def name_key(text: str) -> str:
    """The form names are matched in: 'The Hague', 'the hague' and 'Hague' are one;
    'Washington, D.C.' is 'washington dc'; 'Bruxelles' is 'bruxelles', 'Zürich' 'zurich'."""
    folded = _fold(text).replace("&", " and ")
    folded = re.sub(r"[.']", "", folded)
    folded = " ".join(re.sub(r"[^\w]+", " ", folded).split())
    return _LEADING_THE.sub("", folded)


def _in_capitals(text: str) -> bool:
    letters = [c for c in _LEADING_THE.sub("", text) if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _rows(name: str) -> list[dict[str, str]]:
    source = resources.files("checker").joinpath("data", name)
    with source.open("r", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [dict(row) for row in csv.DictReader(lines)]


def _chain(region: str, country: str, parents: dict[tuple[str, str], str]) -> tuple[str, ...]:
    """A region and the regions containing it, innermost first."""
    chain: list[str] = []
    while region and region not in chain:
        chain.append(region)
        region = parents.get((region, country), "")
    return tuple(chain)


@cache
def _gazetteer() -> _Gazetteer:
    rows = _rows("places.csv")
    parents = {(r["name"], r["country"]): r["region"] for r in rows if r["kind"] == "region"}
    readings: dict[str, list[_Entry]] = {}

    def add(name: str, place: Place) -> None:
        key = name_key(name)
        entries = readings.setdefault(key, []) if key else []
        capitals_only = _in_capitals(name) and sum(c.isalpha() for c in name) <= ACRONYM_LETTERS
        if key and all(e.place != place for e in entries):
            entries.append(_Entry(place, capitals_only))

    country_rows = {r["country"]: r for r in rows if r["kind"] == "country"}
    countries: dict[str, Place] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        row = country_rows.get(code)
        common = getattr(country, "common_name", None)
        place = Place(row["name"] if row else common or country.name, "country", code)
        countries[code] = place
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if name and "," not in name:
                add(re.sub(r"\s*\(.*\)$", "", name), place)
    for code, row in country_rows.items():
        countries.setdefault(code, Place(row["name"], "country", code))

    capitals: dict[str, list[Place]] = {}
    for row in rows:
        kind, code = row["kind"], row["country"]
        if kind == "country":
            place = countries[code]
        else:
            place = Place(row["name"], kind, code, _chain(row["region"], code, parents))
        if kind == "capital":
            capitals.setdefault(code, []).append(place)
        for name in (row["name"], *(a for a in row["aliases"].split("|") if a.strip())):
            add(name.strip(), place)

    demonyms = {name_key(r["adjective"]): r["alpha_2"] for r in _rows("demonyms.csv")}
    order = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
    return _Gazetteer(
        {
            key: tuple(sorted(entries, key=lambda e: order[e.place.kind]))
            for key, entries in readings.items()
        },
        countries,
        {code: tuple(places) for code, places in capitals.items()},
        demonyms,
    )


def country_place(code: str) -> Place | None:
    """The country of an ISO 3166-1 alpha-2 code, named as messages name it."""
    return _gazetteer().countries.get(code.upper())


@lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    """One-word names and adjectives of countries, as name_key reads them -> the country's
    name, lowercase, without 'the' ('irish', 'ireland' and 'eire' -> 'ireland')."""
    gazetteer = _gazetteer()
    found = {
        key: _LEADING_THE.sub("", entries[0].place.name).lower()
        for key, entries in gazetteer.names.items()
        if " " not in key and entries and entries[0].place.kind == "country"
    }
    for adjective, code in gazetteer.demonyms.items():
        place = gazetteer.countries.get(code)
        if place is not None and " " not in adjective:
            found.setdefault(adjective, _LEADING_THE.sub("", place.name).lower())
    return found


@lru_cache(maxsize=4096)
def country_word(word: str) -> str | None:
    """The country a one-word name or adjective names, as one context word: 'Irish' and
    'Ireland' are 'ireland', 'U.S.' and 'American' 'united states'; None for other words."""
    key = word.lower() if word.isascii() and word.isalpha() else name_key(word)
    return _country_words().get(key)


def demonym_country(adjective: str) -> str | None:
    """'Lithuanian' -> 'LT'; 'Monégasque' and 'Monegasque' -> 'MC'; None when unknown."""
    return _gazetteer().demonyms.get(name_key(adjective))


def capitals_of(code: str) -> tuple[Place, ...]:
    """A country's capitals, official first ('ZA': Pretoria, Cape Town, Bloemfontein)."""
    return _gazetteer().capitals.get(code.upper(), ())


def resolve_place(text: str) -> Place | None:
    """The place a text names ('Bruxelles', 'Den Haag', 'Washington, D.C.', 'the Lithuanian
    capital', 'the capital of Lithuania', 'Nusa Dua, Bali', 'Lithuania'), or None. A name
    with several readings gives the first: a country before a city before a region."""
    places = resolve_places(text)
    return places[0] if places else None


def resolve_places(text: str) -> tuple[Place, ...]:
    """Every reading of a place name: 'Victoria' is a capital and an Australian state; 'the
    Dutch capital' is Amsterdam or The Hague. Empty when the text names no known place."""
    cleaned = " ".join(str(text).translate(_QUOTES).split()).strip(' ,;:!?"()[]{}')
    cleaned = re.sub(r"\s+'", "'", cleaned)  # "Lithuania 's capital", as tokens are joined
    if not cleaned or len(cleaned) > MAX_LENGTH:
        return ()
    return _resolve(cleaned)


@lru_cache(maxsize=8192)
def _resolve(text: str) -> tuple[Place, ...]:
    found = _lookup(text)
    if found:
        return found
    capital = _capital_phrase(text)
    if capital is not None:
        return capital
    if "," in text:
        return _qualified(text)
    without = _CITY_OF.sub("", text)
    if without != text:
        return tuple(p for p in _lookup(without) if p.is_city)
    return ()


def _lookup(text: str) -> tuple[Place, ...]:
    entries = _gazetteer().names.get(name_key(text), ())
    capitals = _in_capitals(text)
    return tuple(e.place for e in entries if capitals or not e.capitals_only)


def _capital_phrase(text: str) -> tuple[Place, ...] | None:
    """'the Lithuanian capital', "Lithuania's capital", 'the capital of Lithuania': the
    country's capitals; None when the text is no such phrase."""
    match = _OF_CAPITAL.match(text) or _NAMED_CAPITAL.match(text)
    if match is None:
        return None
    named = match.group("country").strip()
    code = demonym_country(named)
    codes = [code] if code else [p.country for p in _lookup(named) if p.kind == "country"]
    return tuple(capital for code in codes for capital in capitals_of(code))


def _qualified(text: str) -> tuple[Place, ...]:
    """'Nusa Dua, Bali', 'Vilnius, Lithuania': the readings of the name that lie in what
    follows it. 'Paris, Texas' names no known place."""
    head, tail = (part.strip() for part in text.split(",", 1))
    containers = resolve_places(tail)
    return tuple(
        place
        for place in resolve_places(head)
        if any(c.contains(place) or c.identity == place.identity for c in containers)
    )


# Capitalised words after "in" or "at" that name a time, never a place
CALENDAR_NAMES = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    }
)  # fmt: skip


# Nouns for a body's building: "NATO headquarters", "UN offices". The place is named next.
SITE_NOUNS = frozenset({"headquarters", "offices", "office", "premises", "secretariat", "seat"})


def site_length(words: Sequence[str]) -> int:
    """How many of `words` name a body's building before its place: 3 for "NATO
    headquarters in" (then "Brussels"), 0 when they do not."""
    end = _site_end(words, 1 if words[:1] and words[0].lower() == "the" else 0)
    return end + 2 if end and end + 1 < len(words) and words[end + 1].lower() in ("in", "at") else 0


def _site_end(words: Sequence[str], start: int) -> int:
    """Where the name at `start` ends when it is no known place and a building's noun
    follows it ("NATO headquarters"), else 0."""
    end = start + _capitalised(words, start)
    if end > start and end < len(words) and words[end].lower() in SITE_NOUNS:
        return 0 if resolve_places(" ".join(words[start:end])) else end
    return 0


def place_phrase_length(words: Sequence[str]) -> int:
    """How many of `words` (those after 'in' or 'at') name a place: a capitalised name
    ('The Hague', 'Nusa Dua'), a country's capital ('the Lithuanian capital', 'the capital
    of Lithuania', "Lithuania's capital"), or 'the' before a known name ('the Netherlands');
    0 when they name none. Only the capitalised name may be unknown; a month or a weekday
    ('convicted in June') is none."""
    if words and words[0].lower() in CALENDAR_NAMES:
        return 0
    run = _capitalised(words, 0)
    if _site_end(words, 0):
        return 0  # "at NATO headquarters in Brussels": a body's building, not a place
    if run:
        lowered = [w.lower() for w in words[run : run + 3]]
        if lowered[:2] == ["'s", "capital"]:
            length = run + 2 + (lowered[2:3] == ["city"])
            if resolve_places(" ".join(words[:length])):
                return length
        return run
    if not words or words[0].lower() != "the":
        return 0
    lowered = [w.lower() for w in words[1:4]]
    if lowered[:2] == ["capital", "of"] or lowered == ["capital", "city", "of"]:
        start = 1 + len(lowered[: lowered.index("of") + 1])
        start += start < len(words) and words[start].lower() == "the"
        length = start + _capitalised(words, start)
    else:
        length = 1 + _capitalised(words, 1)
        if length > 1 and length < len(words) and words[length].lower() == "capital":
            length += 1 + (length + 1 < len(words) and words[length + 1].lower() == "city")
    if length > 1 and resolve_places(" ".join(words[:length])):
        return length
    return 0


def _capitalised(words: Sequence[str], start: int) -> int:
    end = start
    while end < len(words) and words[end][:1].isupper():
        end += 1
    return end - start


def compare_places(first: str | Place, second: str | Place, *, near: bool = False) -> Comparison:
    """One place -> agreement; a place and a country or region containing it -> complementary
    ('Vilnius is in Lithuania'); two different cities, regions or countries, or a place and
    a country or region it is not in -> discrepancy. A name the gazetteer does not know is
    one place with a name spelled alike; else, when it is a town of the table of towns
    (checker/data/towns.tsv) and the other place a town of the same country, two places
    more than TOWNS_APART_KM apart (NEAR_TOWNS_APART_KM when either is only `near`) are a
    discrepancy and nearer ones complementary; anything else is complementary."""
    return _compare(first, second, near)


@lru_cache(maxsize=8192)
def _compare(first: str | Place, second: str | Place, near: bool) -> Comparison:
    readings = [_readings(first), _readings(second)]
    if not readings[0] or not readings[1]:
        return (
            _spelled_alike(first, second)
            or _by_distance(first, second, readings[0], readings[1], near)
            or _unknown(first, second, readings[0], readings[1])
        )
    best = min(
        (_relate(a, b) for a in readings[0] for b in readings[1]),
        key=lambda c: VERDICT_RANK[c.verdict],
    )
    return best


def _readings(place: str | Place) -> tuple[Place, ...]:
    return (place,) if isinstance(place, Place) else resolve_places(place)


@dataclass(frozen=True)
class Town:
    """A town of checker/data/towns.tsv: where it lies, in degrees."""

    name: str
    country: str  # ISO 3166-1 alpha-2
    latitude: float
    longitude: float

    def km_to(self, other: Town) -> float:
        """The great-circle distance (haversine)."""
        lat1, lat2 = math.radians(self.latitude), math.radians(other.latitude)
        dlat, dlon = lat2 - lat1, math.radians(other.longitude - self.longitude)
        h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
        return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@cache
def _towns_text() -> str:
    source = resources.files("checker").joinpath("data", "towns.tsv")
    return source.read_text(encoding="utf-8")


@lru_cache(maxsize=4096)
def towns_named(text: str) -> tuple[Town, ...]:
    """The towns of checker/data/towns.tsv a name may be ('Gent' and 'Ghent' are Ghent;
    'Westminster' is towns of Britain, Australia and the US). The table is searched as text,
    for the name's key in its keys column: the few lookups of an audit cost less than
    building an index."""
    key = name_key(text)
    table = _towns_text()
    found: list[Town] = []
    for needle in (f"\t{key}", f"|{key}"):
        at = table.find(needle) if key else -1
        while at >= 0:
            end = at + len(needle)
            if table[end : end + 1] in ("|", "\n"):
                line = table[table.rfind("\n", 0, at) + 1 : table.find("\n", end)]
                name, country, latitude, longitude, keys = line.split("\t")
                if key in keys.split("|"):
                    found.append(Town(name, country, float(latitude), float(longitude)))
            at = table.find(needle, end)
    return tuple(sorted(set(found), key=lambda t: (t.name, t.country, t.latitude, t.longitude)))


def _towns_of(place: str | Place, readings: tuple[Place, ...]) -> tuple[Town, ...]:
    """The towns a place may be: an unknown name's towns, a known city's own town (in its
    country); none when a reading is a region or a country, which have no one point."""
    if not readings:
        return towns_named(str(place))
    if not all(r.is_city for r in readings):
        return ()
    names = {str(place), *(r.name for r in readings)}
    return tuple(
        dict.fromkeys(
            town
            for name in sorted(names)
            for town in towns_named(name)
            if any(town.country == r.country for r in readings)
        )
    )


def _by_distance(
    first: str | Place,
    second: str | Place,
    a: tuple[Place, ...],
    b: tuple[Place, ...],
    near: bool,
) -> Comparison | None:
    """Two places one of which the gazetteer does not know, compared by how far apart their
    nearest readings in one country are; None when the table of towns cannot say (a name
    it lacks, no country in common, a region or country on one side)."""
    for countries, other, readings in ((a, second, b), (b, first, a)):
        if countries and all(r.kind == "country" for r in countries):
            # "in Pokhara" beside "in Nepal": a town in the country, or nothing to say
            codes = {r.country for r in countries}
            inside = [t for t in _towns_of(other, readings) if t.country in codes]
            if not inside:
                return None
            where = _country_name(inside[0].country)
            return Comparison(Verdict.COMPLEMENTARY, f"{other} is in {where}")
    towns = (_towns_of(first, a), _towns_of(second, b))
    pairs = [(x, y) for x in towns[0] for y in towns[1] if x.country == y.country]
    if not pairs:
        return None
    same = next((x for x, y in pairs if x == y), None)
    if same is not None:
        return Comparison(Verdict.AGREEMENT, f"both name {same.name}")  # "Gent", "Ghent"
    km = min(x.km_to(y) for x, y in pairs)
    if km > (NEAR_TOWNS_APART_KM if near else TOWNS_APART_KM):
        return Comparison(
            Verdict.DISCREPANCY, f"different places: {first} against {second}, {km:.0f} km apart"
        )
    return Comparison(
        Verdict.COMPLEMENTARY,
        f"{first} and {second} are {km:.0f} km apart: one may name the other's area",
    )


def _spelled_alike(first: str | Place, second: str | Place) -> Comparison | None:
    key_a, key_b = name_key(str(first)), name_key(str(second))
    if key_a and key_b and fuzz.ratio(key_a, key_b) >= MATCH_SCORE:
        return Comparison(Verdict.AGREEMENT, f"both name {first}")
    return None


def _unknown(
    first: str | Place, second: str | Place, a: Iterable[Place], b: Iterable[Place]
) -> Comparison:
    unknown = [str(text) for text, known in ((first, a), (second, b)) if not tuple(known)]
    if len(unknown) == 2:
        return Comparison(
            Verdict.COMPLEMENTARY,
            f"cannot be compared: {unknown[0]} and {unknown[1]} are not known places",
        )
    detail = f"cannot be compared: {unknown[0]} is not a known place"
    return Comparison(Verdict.COMPLEMENTARY, detail)


def _relate(a: Place, b: Place) -> Comparison:
    if a.identity == b.identity or (a.name == b.name and a.country == b.country):
        return Comparison(Verdict.AGREEMENT, f"both name {a.name}")  # also a city-state
    for outer, inner in ((a, b), (b, a)):
        if outer.contains(inner):
            return Comparison(Verdict.COMPLEMENTARY, f"{inner.name} is in {outer.name}")
    if a.kind == "country" and b.kind == "country":
        return Comparison(Verdict.DISCREPANCY, f"different countries: {a.name} against {b.name}")
    for country, other in ((a, b), (b, a)):
        if country.kind == "country":
            where = _country_name(other.country)
            return Comparison(Verdict.DISCREPANCY, f"{other.name} is in {where}, not {country}")
    if a.country == b.country and not (a.is_city and b.is_city):
        city, region = (a, b) if a.is_city else (b, a)
        # regions that share a parent do not overlap: a city in one is in no other, unless
        # the region lies inside the city's known region and the table cannot say
        if city.is_city and (not city.regions or city.regions[0] in region.regions):
            return Comparison(
                Verdict.COMPLEMENTARY, f"cannot tell whether {city.name} is in {region.name}"
            )
    return Comparison(Verdict.DISCREPANCY, f"different places: {a.name} against {b.name}")


def _country_name(code: str) -> str:
    country = country_place(code)
    return country.name if country else code
