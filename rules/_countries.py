"""Countries: ISO 3166-1 names from pycountry plus the alias table, and the adjectives that
name them ("Polish", "Slovak"), as span-ruler patterns."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from typing import Any

import pycountry

from ._tables import read_table

LABEL = "COUNTRY"
DEMONYM = "DEMONYM"  # an adjective of nationality: "on Polish soil"


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """name (any form) -> alpha-2 code."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if name and "," not in name:
                names[name] = country.alpha_2
    for row in read_table("country_aliases.csv"):
        names[row["alias"]] = row["alpha_2"]
    return names


def country_patterns() -> list[dict[str, Any]]:
    return [
        {"label": LABEL, "pattern": name, "id": code}
        for name, code in sorted(country_names().items())
    ]


def country_name(code: str) -> str:
    """The short English name of a country, for reports ("SK" -> "Slovakia"; "CD" -> "The
    Democratic Republic of the Congo", not ISO's inverted "Congo, The Democratic Republic
    of the"); a name shared by countries ("CD|CG") is shown as written in the table."""
    if "|" in code:
        return shared_names().get(code, code)
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = str(getattr(country, "common_name", None) or country.name)
    head, comma, tail = name.partition(", ")
    return f"{tail} {head}" if comma else name


@lru_cache(maxsize=1)
def shared_country_names() -> dict[str, str]:
    """name as written, folded -> the codes it may stand for ("congo" -> "CD|CG")."""
    return {row["name"].lower(): row["alpha_2"] for row in read_table("shared_country_names.csv")}


@lru_cache(maxsize=1)
def shared_names() -> dict[str, str]:
    """codes -> the name they share, for reports ("CD|CG" -> "Congo")."""
    found: dict[str, str] = {}
    for name, codes in shared_country_names().items():
        found.setdefault(codes, name.removeprefix("the ").capitalize())
    return found


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """adjective of nationality ("Polish", "Slovak") -> alpha-2 code, from the table the
    engine's place names use (checker/data/demonyms.csv)."""
    table = resources.files("checker") / "data" / "demonyms.csv"
    text = table.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {row["adjective"]: row["alpha_2"] for row in csv.DictReader(lines)}


def demonym_patterns() -> list[dict[str, Any]]:
    return [
        {"label": DEMONYM, "pattern": adjective, "id": code}
        for adjective, code in sorted(demonyms().items())
    ]
