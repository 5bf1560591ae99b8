"""The reading of amounts the troop-counts rule was written against, kept where it was.

The logic lives in checker/values/numbers.py; these names behave exactly as before, so the
seeds' report does not change. New code should use checker.values.find_values.
"""

from __future__ import annotations

from checker.values.numbers import (
    AMOUNT,
    NUMBER,
    SCALES,
    UNITS,
    VAGUE,
    Amount,
    amount_from_match,
    find_amounts,
    format_count,
    parse_amount,
    parse_number,
)

__all__ = [
    "AMOUNT",
    "NUMBER",
    "SCALES",
    "UNITS",
    "VAGUE",
    "Amount",
    "amount_from_match",
    "find_amounts",
    "format_count",
    "parse_amount",
    "parse_number",
]
