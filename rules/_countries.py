"""Countries: ISO 3166-1 names from pycountry plus the alias table, as span-ruler patterns."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pycountry

from ._tables import read_table

LABEL = "COUNTRY"


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
    """The short English name of a country, for reports ("SK" -> "Slovakia")."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)
