"""Reading the rules' data files: CSV tables with '#' comment headers, and JSONL patterns."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


@cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of rules/data/NAME, a CSV file whose leading '#' lines cite its sources."""
    with (HERE / "data" / name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines))


@cache
def read_patterns(name: str) -> tuple[dict[str, Any], ...]:
    """spaCy span-ruler patterns from rules/patterns/NAME (one JSON object a line)."""
    with (HERE / "patterns" / name).open(encoding="utf-8") as handle:
        return tuple(json.loads(line) for line in handle if line.strip())
