"""One line per gated finding at each departing statement, as flake8 and ruff print them:
`path:line:col: verdict rule: fact: message`. Editors and terminals jump to the position."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.model import Report
from checker.reporters import DEFAULT_VIEW, View
from checker.reporters.records import as_records, departing
from checker.terminal import safe_line

SUFFIX = ".txt"


def locations(finding: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The first statement of each departing side (each side on a tie): where a reader
    looks. A finding with no departing side (one document against itself) is located at
    its first statement."""
    for side in departing(finding) or [0]:
        yield finding["sides"][side]["statements"][0]


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def gated(records: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(finding, statement) for each line: the gated findings in report order."""
    for finding in records["findings"]:
        if finding["gated"]:
            for statement in locations(finding):
                yield finding, statement


def line(finding: dict[str, Any], statement: dict[str, Any]) -> str:
    """One line, whatever the document says or its file is called: control characters and
    line breaks are visible escapes (`checker.terminal`)."""
    return safe_line(
        f"{statement['path']}:{statement['line']}:{statement['column']}: "
        f"{finding['verdict']} {finding['rule']}: {one_line(finding['key'])}: "
        f"{one_line(finding['message'])}"
    )


def render(report: Report, view: View = DEFAULT_VIEW) -> str:
    return "".join(line(f, s) + "\n" for f, s in gated(as_records(report)))
