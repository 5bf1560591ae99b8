"""The progress bar of a long audit: on stderr, on a terminal only, never in a CI log.

Shown when stderr is a terminal, no CI is detected (the `CI` variable most CI services set,
or their own) and more than PROGRESS_MIN_FILES files are read; `--progress` shows it
anyway and `--no-progress` never.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TextIO

from checker.engine import Progress

PROGRESS_MIN_FILES = 300
# Variables that say a CI service runs the command (its log is no terminal, whatever it says).
CI_VARIABLES = (
    "CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "CIRCLECI", "TRAVIS", "JENKINS_URL",
    "TEAMCITY_VERSION", "TF_BUILD", "BITBUCKET_BUILD_NUMBER", "CODEBUILD_BUILD_ID",
)  # fmt: skip


def in_ci(environ: Mapping[str, str] = os.environ) -> bool:
    value = environ.get("CI", "")
    if value and value.lower() not in ("0", "false", "no"):
        return True
    return any(environ.get(name) for name in CI_VARIABLES[1:])


def wanted(
    choice: bool | None,
    files: int,
    stream: TextIO | None = None,
    environ: Mapping[str, str] = os.environ,
    quiet: bool = False,
) -> bool:
    """Whether to show the bar: `choice` is --progress (True), --no-progress (False) or
    neither (None: on a terminal, outside CI, for more than PROGRESS_MIN_FILES files)."""
    if choice is not None:
        return choice
    if quiet or files <= PROGRESS_MIN_FILES or in_ci(environ):
        return False
    isatty = getattr(stream or sys.stderr, "isatty", None)
    return bool(isatty and isatty()) and environ.get("TERM") != "dumb"


class _Bar(Progress):
    def __init__(self, bar: Any, task: Any) -> None:
        super().__init__(advance=lambda count: bar.advance(task, count))
        self._bar = bar

    @contextmanager
    def paused(self) -> Iterator[None]:
        # rich redraws from a thread of its own: no thread may run while workers fork
        self._bar.stop()
        try:
            yield
        finally:
            self._bar.start()


@contextmanager
def progress_bar(
    files: int, show: bool, stream: TextIO | None = None, color: bool = True
) -> Iterator[Progress]:
    """A Progress that draws a bar of `files` files on `stream` (stderr) when `show`."""
    if not show:
        yield Progress()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as RichProgress

    console = Console(file=stream or sys.stderr, force_terminal=True, no_color=not color)
    bar = RichProgress(
        TextColumn("crossdoc: reading"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task("files", total=files)
    bar.start()
    try:
        yield _Bar(bar, task)
    finally:
        bar.stop()
