"""Reporters, chosen by name: a new format is a new module listed here, not a branch in the CLI."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Protocol, TextIO

from checker.errors import ConfigError
from checker.model import PROBLEMS, Report, Verdict

# format name -> module defining `SUFFIX` and `render(report, view) -> str`
REPORTERS: dict[str, str] = {
    "table": "checker.reporters.table",
    "markdown": "checker.reporters.markdown",
    "json": "checker.reporters.json_report",
    "sarif": "checker.reporters.sarif",
    "junit": "checker.reporters.junit",
    "concise": "checker.reporters.concise",
    "github": "checker.reporters.github",
    "html": "checker.reporters.html_report",
}
SHOW_CHOICES = ("problems", "all", *(v.value for v in Verdict))


@dataclass(frozen=True)
class View:
    """What the human formats list in full; the rest they count. Machine formats (JSON,
    SARIF, JUnit) always hold every finding."""

    show: frozenset[Verdict] = PROBLEMS
    limit: int | None = None  # findings listed in full before "and N more"
    width: int | None = None  # the terminal's columns (None: as the terminal says, else 100)
    color: bool = False  # colour the terminal table

    @classmethod
    def parse(cls, choices: list[str] | None, limit: int | None = None) -> View:
        if not choices:
            return cls(limit=limit)
        shown: set[Verdict] = set()
        for choice in choices:
            for word in (w.strip() for w in choice.split(",") if w.strip()):
                if word == "all":
                    shown |= set(Verdict)
                elif word == "problems":
                    shown |= PROBLEMS
                elif word in {v.value for v in Verdict}:
                    shown.add(Verdict(word))
                else:
                    raise ConfigError(
                        f"--show: unknown value {word!r}; use {', '.join(SHOW_CHOICES)}"
                    )
        return cls(frozenset(shown), limit)


DEFAULT_VIEW = View()


class Reporter(Protocol):
    SUFFIX: str

    def render(self, report: Report, view: View = DEFAULT_VIEW) -> str: ...


def get_reporter(name: str) -> Reporter:
    if name not in REPORTERS:
        raise ConfigError(f"unknown format {name!r}; available formats: {', '.join(REPORTERS)}")
    module: Reporter = importlib.import_module(REPORTERS[name])
    return module


def write_report(name: str, report: Report, stream: TextIO, view: View = DEFAULT_VIEW) -> None:
    """Write a format to a stream: streamed where the reporter can, else rendered whole."""
    module = importlib.import_module(REPORTERS[name])
    writer = getattr(module, "write", None)
    if writer is not None:
        writer(report, stream)
    else:
        stream.write(get_reporter(name).render(report, view))
