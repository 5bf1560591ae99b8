"""Discrepancy precision and recall on a generated corpus, against what the generator planted.

benchmarks/generate.py writes, beside the documents, a manifest of every departure it
planted (a document of an event stating another figure, date, place or list) and of the
documents listing battlegroup hosts in another order. This script audits the corpus and
counts:
- recall: planted departures that a discrepancy relation between two sides names, with
  the departing document on the smaller side (or on either side of a tie);
- precision: discrepancy relations whose departing documents include a planted departure
  (a relation naming no planted document is a false alarm);
- the same for ordering differences against the reordered host lists.

    python benchmarks/planted.py [N] [--seed S] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tabulate import tabulate

HERE = Path(__file__).resolve().parent


def audit(folder: Path, out: Path) -> dict[str, Any]:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "checker",
            "audit",
            str(folder),
            "--format",
            "json",
            "--output",
            str(out),
            "--no-baseline",
            "--fail-on",
            "none",
            "-q",
        ],
        check=True,
    )
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def named_by_relation(finding: dict[str, Any], verdict: str) -> list[set[str]]:
    """For each relation of this verdict, the documents it names as departing: the side
    that is not the largest (both sides of a tie)."""
    named = []
    outliers = set(finding["outliers"])
    for relation in finding["relations"]:
        if relation["verdict"] != verdict:
            continue
        sides = [n for n in relation["sides"] if n in outliers] or relation["sides"]
        named.append({d for n in sides for d in finding["sides"][n]["documents"]})
    return named


def measure(folder: Path, report: dict[str, Any]) -> dict[str, Any]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    planted: set[str] = set()
    reordered: set[str] = set()
    for event in manifest["events"]:
        planted |= {d["document"].removesuffix(".md") for d in event.get("departures", [])}
        reordered |= {d.removesuffix(".md") for d in event.get("reordered_battlegroup_hosts", [])}
    missed: list[str] = []
    rows = []
    across = [f for f in report["findings"] if f["scope"] == "across"]
    for verdict, expected in (("discrepancy", planted), ("ordering_difference", reordered)):
        relations = [docs for f in across for docs in named_by_relation(f, verdict)]
        true = [docs for docs in relations if docs & expected]
        named = set().union(*relations) if relations else set()
        if verdict == "discrepancy":
            missed = sorted(expected - named)
        rows.append(
            [
                verdict,
                len(relations),
                len(true),
                f"{100 * len(true) / len(relations):.0f}%" if relations else "n/a",
                len(expected),
                len(named & expected),
                f"{100 * len(named & expected) / len(expected):.0f}%" if expected else "n/a",
            ]
        )
    return {"rows": rows, "missed": missed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch) / "corpus"
        if not (folder / "manifest.json").exists():
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), str(args.n), str(folder),
                 "--seed", str(args.seed)],
                check=True,
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
        result = measure(folder, audit(folder, Path(scratch) / "audit.json"))
    print(
        tabulate(
            result["rows"],
            headers=[
                "verdict",
                "relations",
                "naming a planted document",
                "precision",
                "planted",
                "found",
                "recall",
            ],
        )
    )
    if result["missed"]:
        print(f"\nplanted departures not found: {', '.join(result['missed'][:20])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
