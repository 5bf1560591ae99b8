"""The JSON report: the documented contract (see README, "JSON report")."""

from __future__ import annotations

import json

from checker.model import Report
from checker.reporters.records import as_records

SUFFIX = ".json"


def render(report: Report) -> str:
    return json.dumps(as_records(report), indent=2, ensure_ascii=False) + "\n"
