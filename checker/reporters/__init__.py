"""Reporters, chosen by name: a new format is a new module listed here, not a branch in the CLI."""

from __future__ import annotations

import importlib
from typing import Protocol

from checker.errors import ConfigError
from checker.model import Report

# format name -> module defining `SUFFIX` and `render(report) -> str`
REPORTERS: dict[str, str] = {
    "table": "checker.reporters.table",
    "markdown": "checker.reporters.markdown",
    "json": "checker.reporters.json_report",
    "sarif": "checker.reporters.sarif",
    "junit": "checker.reporters.junit",
}


class Reporter(Protocol):
    SUFFIX: str

    def render(self, report: Report) -> str: ...


def get_reporter(name: str) -> Reporter:
    if name not in REPORTERS:
        raise ConfigError(f"unknown format {name!r}; available formats: {', '.join(REPORTERS)}")
    module: Reporter = importlib.import_module(REPORTERS[name])
    return module
