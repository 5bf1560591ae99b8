"""Reading the rules' data files: CSV tables with '#' comment headers, and JSONL patterns."""

from __future__ import annotations

import csv
import json
import re
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


@cache
def phrase_pattern(
    phrases: tuple[str, ...], ignore_case: bool = False, whole_words: bool = True
) -> re.Pattern[str]:
    """One compiled pattern matching any of `phrases` as words: longest phrase first at a
    position, so one search finds the earliest, longest phrase (one regex instead of one a
    phrase, which also spares Python's regex cache)."""
    alternatives = "|".join(re.escape(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))
    tail = r"(?!\w)" if whole_words else ""
    return re.compile(rf"(?<!\w)(?:{alternatives}){tail}", re.IGNORECASE if ignore_case else 0)
