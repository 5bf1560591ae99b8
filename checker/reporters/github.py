"""GitHub Actions workflow commands: one annotation per gated finding at each departing
statement (`::error file=...,line=...,col=...,title=...::message`), so the pull request
shows them on its lines without code scanning."""

from __future__ import annotations

from typing import Any

from checker.model import Report
from checker.reporters import DEFAULT_VIEW, View
from checker.reporters.concise import gated, one_line
from checker.reporters.records import as_records
from checker.terminal import safe

SUFFIX = ".txt"
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The message: '%', CR and LF are escaped (GitHub's workflow-command rules); other
    control characters (a document's escape sequences) become visible escapes, so the log
    shows them rather than obeys them."""
    return safe(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """A property value (file, title): ':' and ',' are escaped too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: dict[str, Any], statement: dict[str, Any]) -> str:
    properties = {
        "file": statement["path"],
        "line": statement["line"],
        "endLine": max(statement.get("end_line") or 0, statement["line"]),
        "col": statement["column"],
        "title": f"crossdoc {finding['rule']}: {finding['verdict']}",
    }
    if properties["endLine"] == statement["line"] and statement.get("end_column"):
        properties["endColumn"] = statement["end_column"]
    listed = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties.items())
    message = f"{one_line(finding['key'])}: {one_line(finding['message'])}"
    return f"::{COMMANDS[finding['severity']]} {listed}::{escape_data(message)}"


def render(report: Report, view: View = DEFAULT_VIEW) -> str:
    return "".join(annotation(f, s) + "\n" for f, s in gated(as_records(report)))
