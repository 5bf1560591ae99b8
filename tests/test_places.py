"""Places with containment: the truth table in tests/place_cases.yml, the gazetteer's data,
and properties (resolving never raises; comparing is symmetric in its verdict)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model import Verdict
from checker.places import (
    capitals_of,
    compare_places,
    country_place,
    demonym_country,
    place_phrase_length,
    resolve_place,
    resolve_places,
    towns_named,
)

from .conftest import ROOT

CASES = yaml.safe_load((Path(__file__).parent / "place_cases.yml").read_text(encoding="utf-8"))
DATA = ROOT / "checker" / "data"
CODES = {country.alpha_2 for country in pycountry.countries} | {"XK"}


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


@pytest.mark.parametrize("case", CASES["pairs"], ids=lambda c: f"{c[0]} / {c[1]}")
def test_place_pair(case: list[str]) -> None:
    first, second, verdict, *detail = case
    forward, backward = compare_places(first, second), compare_places(second, first)
    assert forward.verdict == Verdict(verdict), forward
    assert backward.verdict == Verdict(verdict), backward
    if detail:
        assert forward.detail == detail[0]


def test_the_truth_table_is_large_and_covers_every_verdict() -> None:
    verdicts = [case[2] for case in CASES["pairs"]]
    assert len(verdicts) >= 50
    assert {"agreement", "complementary", "discrepancy"} <= set(verdicts)


@pytest.mark.parametrize("case", CASES["resolve"], ids=lambda c: repr(c[0]))
def test_resolve_place(case: list[Any]) -> None:
    text, expected = case
    place = resolve_place(text)
    if expected is None:
        assert place is None
    else:
        assert place is not None
        assert [place.name, place.kind, place.country] == expected


def test_an_acronym_matches_only_in_capitals() -> None:
    assert resolve_place("US") == country_place("US")
    assert resolve_place("us") is None
    assert resolve_place("dc") is None


def test_an_ambiguous_name_keeps_every_reading() -> None:
    assert {(p.kind, p.country) for p in resolve_places("Georgia")} == {
        ("country", "GE"),
        ("region", "US"),
    }
    assert [p.name for p in resolve_places("the Dutch capital")] == ["Amsterdam", "The Hague"]
    assert resolve_place("Georgia") == country_place("GE")  # a country first


@pytest.mark.parametrize(
    ("words", "length"),
    [
        (["the", "Lithuanian", "capital", "on", "Tuesday"], 3),
        (["the", "Lithuanian", "capital", "city", "."], 4),
        (["the", "capital", "of", "Lithuania", "."], 4),
        (["the", "capital", "city", "of", "the", "Netherlands"], 6),
        (["Lithuania", "'s", "capital", "next", "year"], 3),
        (["The", "Hague", "in", "June"], 2),
        (["Rome", "to", "decide"], 1),  # an unknown capitalised name is still a place
        (["the", "Netherlands", "."], 2),
        (["the", "coming", "weeks"], 0),
        (["the", "Narnian", "capital"], 0),
        (["the", "White", "House"], 0),
        (["the", "capital", "of", "Narnia"], 0),
        ([], 0),
    ],
)
def test_place_phrase_length(words: list[str], length: int) -> None:
    assert place_phrase_length(words) == length


def test_demonyms() -> None:
    assert demonym_country("Lithuanian") == "LT"
    assert demonym_country("monegasque") == demonym_country("Monégasque") == "MC"
    assert demonym_country("Korean") is None  # two countries: left out
    table = rows(DATA / "demonyms.csv")
    assert len(table) >= 190
    assert {row["alpha_2"] for row in table} <= CODES
    assert len({row["adjective"].lower() for row in table}) == len(table)


def test_every_demonym_names_its_countrys_capital() -> None:
    for row in rows(DATA / "demonyms.csv"):
        capitals = capitals_of(row["alpha_2"])
        if capitals:
            assert resolve_places(f"the {row['adjective']} capital") == capitals, row


def test_the_gazetteer_is_consistent() -> None:
    table = rows(DATA / "places.csv")
    regions = {(row["name"], row["country"]) for row in table if row["kind"] == "region"}
    for row in table:
        assert row["kind"] in {"city", "capital", "region", "country"}, row
        assert row["country"] in CODES, row
        assert not row["region"] or (row["region"], row["country"]) in regions, row
        if row["kind"] != "country":
            names = [(p.name, p.country) for p in resolve_places(row["name"])]
            assert (row["name"], row["country"]) in names, row


def test_every_sovereign_state_has_a_capital() -> None:
    # ISO 3166-1 entries that are no sovereign state, and Palestine (its capital is disputed)
    territories = {
        "AI", "AS", "AQ", "AW", "AX", "BL", "BM", "BQ", "BV", "CC", "CK", "CW", "CX", "EH",
        "FK", "FO", "GF", "GG", "GI", "GL", "GP", "GS", "GU", "HK", "HM", "IM", "IO", "JE",
        "KY", "MF", "MO", "MP", "MQ", "MS", "NC", "NF", "NU", "PF", "PM", "PN", "PR", "PS",
        "RE", "SH", "SJ", "SX", "TC", "TF", "TK", "UM", "VG", "VI", "WF", "YT",
    }  # fmt: skip
    missing = [
        c.alpha_2
        for c in pycountry.countries
        if c.alpha_2 not in territories and not capitals_of(c.alpha_2)
    ]
    assert missing == []


def test_every_meeting_place_of_the_reference_table_is_a_known_city() -> None:
    for row in rows(ROOT / "rules" / "data" / "nato_meetings.csv"):
        place = resolve_place(row["place"])
        assert place is not None and place.is_city, row["place"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_resolve_place_never_raises(text: str) -> None:
    resolve_place(text)
    resolve_place(f"the {text} capital")
    resolve_place(f"{text}, Bali")
    place_phrase_length(text.split())


NAMES = sorted({str(name) for case in CASES["pairs"] for name in case[:2]})


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(NAMES), st.text(max_size=40)), st.sampled_from(NAMES))
def test_compare_places_is_symmetric(first: str, second: str) -> None:
    assert compare_places(first, second).verdict == compare_places(second, first).verdict
    assert compare_places(first, first).verdict != Verdict.DISCREPANCY


def test_a_place_only_near_a_town_may_lie_farther_from_it() -> None:
    # Ghent and Antwerp are 51 km apart: two places "in" them, but "near Ghent" may be
    # what another source calls "near Antwerp"; Pokhara is 147 km from Kathmandu
    assert compare_places("Ghent", "Antwerp").verdict == Verdict.DISCREPANCY
    assert compare_places("Ghent", "Antwerp", near=True).verdict == Verdict.COMPLEMENTARY
    assert compare_places("Pokhara", "Kathmandu", near=True).verdict == Verdict.DISCREPANCY


def test_the_table_of_towns_knows_towns_by_their_other_names() -> None:
    ghent = towns_named("Ghent")
    assert [(t.name, t.country) for t in ghent] == [("Gent", "BE")]
    assert towns_named("Gent") == ghent
    assert {t.country for t in towns_named("Westminster")} >= {"GB", "US", "AU"}
    assert towns_named("Lower Wobbleton") == ()
    assert round(ghent[0].km_to(towns_named("Antwerp")[0])) == 51
