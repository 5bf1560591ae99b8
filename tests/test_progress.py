"""The progress bar: on a terminal, for a long audit, never in CI or in a pipe."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.progress import CI_VARIABLES, PROGRESS_MIN_FILES, in_ci, progress_bar, wanted

ROOT = Path(__file__).resolve().parent.parent
MANY = PROGRESS_MIN_FILES + 1


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("choice", "files", "tty", "environ", "shown"),
    [
        (None, MANY, True, {}, True),
        (None, PROGRESS_MIN_FILES, True, {}, False),  # short: over before it is read
        (None, MANY, False, {}, False),  # piped, or redirected to a file
        (None, MANY, True, {"CI": "true"}, False),
        (None, MANY, True, {"GITHUB_ACTIONS": "true"}, False),
        (None, MANY, True, {"CI": "0"}, True),
        (None, MANY, True, {"TERM": "dumb"}, False),
        (True, 3, False, {"CI": "true"}, True),  # --progress
        (False, MANY, True, {}, False),  # --no-progress
    ],
)
def test_when_the_bar_is_shown(
    choice: bool | None, files: int, tty: bool, environ: dict[str, str], shown: bool
) -> None:
    stream = Terminal() if tty else io.StringIO()
    assert wanted(choice, files, stream, environ) is shown


def test_quiet_hides_the_bar_unless_asked_for() -> None:
    assert not wanted(None, MANY, Terminal(), {}, quiet=True)
    assert wanted(True, MANY, Terminal(), {}, quiet=True)


def test_ci_detection() -> None:
    assert in_ci({"CI": "1"}) and in_ci({"BUILDKITE": "true"}) and in_ci({"TF_BUILD": "True"})
    assert not in_ci({}) and not in_ci({"CI": "false"})


def test_the_bar_draws_and_goes() -> None:
    stream = Terminal()
    with progress_bar(4, True, stream, color=False) as progress:
        progress.advance(2)
        with progress.paused():
            pass
        progress.advance(2)
    drawn = stream.getvalue()
    assert "crossdoc: reading" in drawn and "4/4" in drawn


def test_no_bar_draws_nothing() -> None:
    stream = Terminal()
    with progress_bar(4, False, stream) as progress:
        progress.advance(4)
    assert stream.getvalue() == ""


def test_a_piped_audit_shows_no_bar(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(MANY):
        (docs / f"d{n:03}.md").write_text(f"Statement {n}: 1,000 troops were deployed.\n")
    result = subprocess.run(
        [sys.executable, "-m", "checker", "facts", str(docs), "--format", "json", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={
            **{k: v for k, v in os.environ.items() if k not in CI_VARIABLES},
            "PYTHONPATH": str(ROOT),
        },
    )
    assert result.returncode == 0, result.stderr
    assert "reading" not in result.stderr and "\x1b" not in result.stderr
