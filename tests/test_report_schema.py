"""The JSON report is a contract: every report crossdoc writes validates against
schemas/crossdoc-report-2.schema.json (the committed report of seeds/, a failing gate with
an accepted finding, rule errors, hostile text)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from checker.cli import main

from .conftest import ROOT
from .test_bad_input import HOSTILE, write

SCHEMA = json.loads((ROOT / "schemas" / "crossdoc-report-2.schema.json").read_text())


def validate(report: dict) -> None:  # type: ignore[type-arg]
    jsonschema.validate(report, SCHEMA, format_checker=jsonschema.FormatChecker())


def test_the_committed_report_of_the_seeds_follows_the_schema() -> None:
    validate(json.loads((ROOT / "reports" / "audit.json").read_text()))


def test_the_schema_rejects_a_report_that_breaks_the_contract() -> None:
    report = json.loads((ROOT / "reports" / "audit.json").read_text())
    report["findings"][0]["verdict"] = "disagreement"
    with pytest.raises(jsonschema.ValidationError):
        validate(report)


def test_reports_of_failing_accepted_and_hostile_audits_follow_the_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    rules = (ROOT / "rules").as_posix()
    (tmp_path / "pyproject.toml").write_text(f'[tool.crossdoc]\nrules = "{rules}"\n')
    write(tmp_path / "docs" / "a.md", HOSTILE)
    write(tmp_path / "docs" / "b.md", HOSTILE.replace("Poland and Estonia", "Poland and Latvia"))
    assert main(["audit", "docs", "--format", "json", "--output", "failing.json"]) == 1
    validate(json.loads((tmp_path / "failing.json").read_text()))
    assert main(["baseline", "docs", "--reason", "Known: the sources disagree"]) == 0
    assert main(["audit", "docs", "--format", "json", "--output", "accepted.json"]) == 0
    accepted = json.loads((tmp_path / "accepted.json").read_text())
    validate(accepted)
    assert accepted["gate"]["accepted"] == 1
    capsys.readouterr()
