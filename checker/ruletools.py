"""What a rule author imports: the rule interface, facts, verdicts, comparators, the NLP records.

A project's rules folder holds only its own modules, so a rule imports crossdoc's helpers
from here (never from the bundled rules' private `_tables` and friends):

    from checker.ruletools import Comparison, Fact, Rule, Verdict, read_patterns

Everything here is public and kept stable within a major version.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from checker.comparators import ListComparison, compare_intervals, compare_lists
from checker.model import Comparison, Confidence, Fact, FactTime, Span, Verdict
from checker.nlp import AnalysedDocument, Mention, Sentence, Token
from checker.quantities import Amount, parse_amount
from checker.rules import Rule

__all__ = [
    "Amount",
    "AnalysedDocument",
    "Comparison",
    "Confidence",
    "Fact",
    "FactTime",
    "ListComparison",
    "Mention",
    "Rule",
    "Sentence",
    "Span",
    "Token",
    "Verdict",
    "compare_intervals",
    "compare_lists",
    "parse_amount",
    "read_patterns",
    "read_table",
]


def _beside(name: str | Path, beside: str | Path | None, folder: str) -> Path:
    path = Path(name)
    if beside is None or path.is_absolute():
        return path
    return Path(beside).resolve().parent / folder / path


def read_patterns(name: str | Path, beside: str | Path | None = None) -> tuple[dict[str, Any], ...]:
    """spaCy span-ruler patterns, one JSON object a line (blank lines skipped). With
    `beside=__file__`, `name` is looked up in the `patterns/` folder next to the rule."""
    path = _beside(name, beside, "patterns")
    with path.open(encoding="utf-8") as handle:
        return tuple(json.loads(line) for line in handle if line.strip())


def read_table(name: str | Path, beside: str | Path | None = None) -> tuple[dict[str, str], ...]:
    """Rows of a CSV file whose leading '#' lines cite its sources. With `beside=__file__`,
    `name` is looked up in the `data/` folder next to the rule."""
    path = _beside(name, beside, "data")
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines))
