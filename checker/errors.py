"""Errors crossdoc reports to its users, and the exit statuses that go with them."""

from __future__ import annotations

EXIT_OK = 0  # the audit ran; nothing fails the gate
EXIT_FAIL = 1  # the audit ran and found what fails the gate (by default, a discrepancy)
EXIT_ERROR = 2  # usage, input, configuration or rule error: the audit is not trustworthy


class CrossdocError(Exception):
    """An error with a one-line message meant for the user; never shown with a traceback."""


class InputError(CrossdocError):
    """A document cannot be read or understood."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class NotADocument(InputError):
    """The file holds no document (binary, empty, a broken link): found in a folder, it is
    skipped with a warning; named explicitly, it is an error."""


class ConfigError(CrossdocError):
    """The configuration or the command line asks for something that does not exist."""


class RuleError(CrossdocError):
    """A rule module cannot be loaded, or failed while it ran."""

    def __init__(self, rule: str, path: str, problem: str) -> None:
        super().__init__(f"rule {rule} ({path}): {problem}")
        self.rule = rule
        self.path = path
        self.problem = problem
