"""Through the CLI: a fact across many documents is one finding whose departing side is
named, located in SARIF and JUnit, accepted in a baseline that survives agreeing sources;
reports in schema 2, written as a stream; older reports and baselines refused clearly."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from checker.cli import main
from checker.reporters import get_reporter
from checker.reporters.records import as_records

from .conftest import ROOT, SEEDS

WHITE_HOUSE = "003_991f4bdfd60fae3c.txt"
LISTED = "Slovakia, Romania, Bulgaria, and Hungary"
CHANGED = "Slovenia, Romania, Bulgaria, and Hungary"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three copies of the White House statement and a fourth with one country changed."""
    text = (SEEDS / WHITE_HOUSE).read_text(encoding="utf-8")
    assert LISTED in text
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("wh1", "wh2", "wh3"):
        (docs / f"{name}.txt").write_text(text, encoding="utf-8")
    (docs / "wh4.txt").write_text(text.replace(LISTED, CHANGED), encoding="utf-8")
    rules = (ROOT / "rules").as_posix()
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.crossdoc]\npaths = ["docs"]\nrules = "{rules}"\nreports = "reports"\n'
    )
    (tmp_path / "reports").mkdir()
    monkeypatch.chdir(tmp_path)
    return docs


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def battlegroups(report: dict) -> dict:  # type: ignore[type-arg]
    [finding] = [f for f in report["findings"] if f["rule"] == "battlegroup-countries"]
    return finding


def test_the_changed_document_is_the_departing_side(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "audit", "--format", "json", "--output", "-")
    finding = battlegroups(json.loads(out))
    assert status == 1 and finding["verdict"] == "discrepancy" and finding["gated"]
    majority, departing = finding["sides"]
    assert majority["documents"] == ["wh1", "wh2", "wh3"] and departing["documents"] == ["wh4"]
    assert finding["outliers"] == [1]
    assert finding["message"].startswith(
        "3 sources say 4 battlegroups: Slovakia, Romania, Bulgaria, Hungary "
        "(wh1.txt, wh2.txt, wh3.txt); 1 says 4 battlegroups: Slovenia"
    )
    # SARIF: one result, on the departing document's line
    status, out, _ = run(capsys, "audit", "--format", "sarif", "--output", "-")
    [result] = json.loads(out)["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/wh4.txt"
    line = (corpus / "wh4.txt").read_text().splitlines()[location["region"]["startLine"] - 1]
    assert CHANGED in line
    assert len(result["relatedLocations"]) == 3
    # JUnit: the fact's test case fails at the departing statement
    status, out, _ = run(capsys, "audit", "--format", "junit", "--output", "-")
    [case] = [c for c in ET.fromstring(out).iter("testcase") if c.find("failure") is not None]
    assert case.get("name") == "new battlegroups" and case.get("file") == "docs/wh4.txt"


def test_an_accepted_departure_survives_a_further_agreeing_source(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "baseline", "--reason", "wh4 is a draft with a known error")[0] == 0
    assert run(capsys, "audit", "--format", "json", "--output", "-")[0] == 0
    # a fifth document that agrees with the majority: still accepted
    (corpus / "wh5.txt").write_text((corpus / "wh1.txt").read_text())
    status, out, _ = run(capsys, "audit", "--format", "json", "--output", "-")
    finding = battlegroups(json.loads(out))
    assert status == 0 and finding["accepted"] == "wh4 is a draft with a known error"
    assert finding["sides"][0]["documents"] == ["wh1", "wh2", "wh3", "wh5"]
    # the departing value changes again: no longer what the reviewer accepted
    text = (corpus / "wh4.txt").read_text()
    (corpus / "wh4.txt").write_text(
        text.replace(CHANGED, "Croatia, Romania, Bulgaria, and Hungary")
    )
    status, _, err = run(capsys, "audit", "--format", "json", "--output", "-")
    assert status == 1 and "stale baseline entry" in err


def test_a_new_departing_source_is_not_covered_by_the_baseline(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "baseline", "--reason", "wh4 is a draft")[0] == 0
    (corpus / "wh6.txt").write_text((corpus / "wh4.txt").read_text())
    assert run(capsys, "audit", "--format", "json", "--output", "-")[0] == 1


def test_the_json_report_is_streamed_byte_for_byte_as_the_records(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from checker.audit import run_audit
    from checker.ingest import load_documents
    from checker.rules import load_rules

    report = run_audit(load_documents([str(corpus)], corpus.parent), load_rules(ROOT / "rules"))
    rendered = get_reporter("json").render(report.report)
    assert rendered == json.dumps(as_records(report.report), indent=2, ensure_ascii=False) + "\n"
    empty = run_audit([], load_rules(ROOT / "rules")).report
    assert get_reporter("json").render(empty) == (
        json.dumps(as_records(empty), indent=2, ensure_ascii=False) + "\n"
    )


def test_the_table_lists_problems_and_counts_agreements(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "audit", "--format", "table")
    assert "discrepancy (FAILS)  battlegroup-countries: new battlegroups" in out
    assert "departs" in out and "majority" in out
    assert "agreement (" in out and "list with --show agreement" in out
    assert "agreement  summit-dates" not in out
    _, shown, _ = run(capsys, "audit", "--format", "table", "--show", "agreement")
    assert "agreement  summit-dates: " in shown
    status, _, err = run(capsys, "audit", "--format", "table", "--show", "everything")
    assert status == 2 and "--show: unknown value 'everything'" in err


def test_the_table_stops_after_the_limit_and_says_how_many_more() -> None:
    from checker.model import Report
    from checker.reporters import View
    from checker.reporters.table import render

    committed = json.loads((ROOT / "reports" / "audit.json").read_text())
    assert committed["schema"] == "crossdoc.report/2"
    # a report of the seeds with every finding shown, limited to two
    from checker.audit import run_audit
    from checker.ingest import load_documents
    from checker.model import Verdict
    from checker.rules import load_rules

    report: Report = run_audit(
        load_documents([str(SEEDS)], ROOT), load_rules(ROOT / "rules")
    ).report
    text = render(report, View(frozenset(Verdict), limit=2))
    assert f"... and {len(report.findings) - 2} more in the reports" in text


def test_diff_refuses_schema_1_reports_and_malformed_ones(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "audit", "--format", "json", "--output", "now.json")[0] == 1
    Path("old.json").write_text(json.dumps({"schema": "crossdoc.report/1", "findings": []}))
    status, _, err = run(capsys, "diff", "old.json", "now.json")
    assert status == 2 and "regenerate it" in err and err.count("\n") == 1
    Path("future.json").write_text(json.dumps({"schema": "crossdoc.report/9", "findings": []}))
    status, _, err = run(capsys, "diff", "future.json", "now.json")
    assert status == 2 and "unknown report schema 'crossdoc.report/9'" in err
    for broken in (
        {"schema": "crossdoc.report/2"},
        {"schema": "crossdoc.report/2", "findings": [{"rule": "x"}]},
        {
            "schema": "crossdoc.report/2",
            "findings": [
                {"rule": "r", "key": "k", "scope": "across", "verdict": "agreement", "sides": [{}]}
            ],
        },
    ):
        Path("broken.json").write_text(json.dumps(broken))
        status, _, err = run(capsys, "diff", "broken.json", "now.json")
        assert status == 2 and "malformed report" in err and "Traceback" not in err
        assert "internal error" not in err


def test_diff_of_a_changed_departure(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "audit", "--format", "json", "--output", "one.json")
    text = (corpus / "wh4.txt").read_text()
    (corpus / "wh4.txt").write_text(
        text.replace(CHANGED, "Croatia, Romania, Bulgaria, and Hungary")
    )
    run(capsys, "audit", "--format", "json", "--output", "two.json")
    status, out, _ = run(capsys, "diff", "one.json", "two.json")
    [row] = [line for line in out.splitlines() if line.startswith("│ changed")]
    assert status == 0 and "battlegroup-countries" in row and "docs/wh4.txt" in row


def test_a_version_1_baseline_is_refused_then_migrated(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = {
        "schema": "crossdoc.baseline/1",
        "entries": [
            {
                "fingerprint": "0123456789abcdef0123",
                "rule": "battlegroup-countries",
                "key": "new battlegroups",
                "verdict": "discrepancy",
                "documents": ["wh1", "wh4"],
                "values": [
                    "4 battlegroups: Slovakia, Romania, Bulgaria, Hungary",
                    "4 battlegroups: Slovenia, Romania, Bulgaria, Hungary",
                ],
                "reason": "wh4 is a draft",
            },
            {
                "fingerprint": "ffffffffffffffffffff",
                "rule": "troop-counts",
                "key": "nothing like this",
                "verdict": "discrepancy",
                "documents": ["wh1", "wh2"],
                "values": ["1", "2"],
                "reason": "gone",
            },
        ],
    }
    Path("crossdoc-baseline.json").write_text(json.dumps(old))
    status, _, err = run(capsys, "audit", "--format", "json", "--output", "-")
    assert status == 2 and "crossdoc baseline --migrate" in err
    status, out, _ = run(capsys, "baseline", "--migrate")
    assert status == 0 and "1 entry kept, 1 matched no finding and was dropped" in out
    migrated = json.loads(Path("crossdoc-baseline.json").read_text())
    assert migrated["schema"] == "crossdoc.baseline/2"
    [entry] = migrated["entries"]
    assert entry["reason"] == "wh4 is a draft" and entry["departing"][0]["documents"] == ["wh4"]
    assert run(capsys, "audit", "--format", "json", "--output", "-")[0] == 0
