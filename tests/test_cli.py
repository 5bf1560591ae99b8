"""The command line: formats, report files, exit statuses, errors without tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main

from .conftest import ROOT, SEEDS

NATO = "000_0a250b0e07406cdf.txt"


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's seeds and settings, so tests never touch the repository."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "reports").mkdir()
    rules = (ROOT / "rules").as_posix()
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.crossdoc]\npaths = ["seeds"]\nrules = "{rules}"\nreports = "reports"\n'
    )
    return tmp_path


def test_help_names_commands_and_exit_statuses() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("audit", "facts", "rules", "explain", "exit status"):
        assert word in result.stdout


def test_bare_audit_prints_the_table_and_writes_reports(project: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(project)
    assert main(["audit"]) == 0
    out = capsys.readouterr().out
    assert "ordering_difference" in out and "battlegroup-countries" in out
    report = json.loads((project / "reports" / "audit.json").read_text())
    assert report["schema"] == "crossdoc.report/2"
    assert set(report) >= {"schema", "documents", "findings", "summary"}
    markdown = (project / "reports" / "audit.md").read_text()
    assert (
        "## Ordering differences" in markdown
        and "Rule `battlegroup-countries`" in markdown
        and "Bulgaria, Hungary, Romania, and Slovakia" in markdown
    )


def test_json_output_to_a_file_is_the_contract(project: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(project)
    assert main(["audit", "seeds", "--format", "json", "--output", "out.json"]) == 0
    report = json.loads((project / "out.json").read_text())
    finding = report["findings"][0]
    assert set(finding) >= {"rule", "verdict", "severity", "message", "sides", "relations"}
    statement = finding["sides"][0]["statements"][0]
    assert set(statement) >= {"document", "path", "value", "quote", "line", "column"}
    assert sum(report["summary"].values()) == len(report["findings"])
    assert [d["id"] for d in report["documents"]] == [
        "000_0a250b0e07406cdf",
        "003_991f4bdfd60fae3c",
    ]


def test_same_input_gives_byte_identical_reports(project: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(project)
    main(["audit", "--format", "markdown", "--output", "one.md"])
    main(["audit", "--format", "markdown", "--output", "two.md"])
    assert (project / "one.md").read_bytes() == (project / "two.md").read_bytes()


def test_a_changed_country_fails_with_exit_1(project: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    seed = project / "seeds" / NATO
    seed.write_text(seed.read_text().replace("Romania, and Slovakia", "Romania, and Slovenia"))
    monkeypatch.chdir(project)
    assert main(["audit", "--format", "json", "--output", "-"]) == 1
    report = json.loads(capsys.readouterr().out)
    [finding] = [f for f in report["findings"] if f["rule"] == "battlegroup-countries"]
    assert finding["verdict"] == "discrepancy"
    assert "Slovakia" in finding["message"] and "Slovenia" in finding["message"]


def test_five_for_four_fails(project: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    seed = project / "seeds" / NATO
    seed.write_text(
        seed.read_text().replace("establishing four additional", "establishing five additional")
    )
    monkeypatch.chdir(project)
    assert main(["audit", "--format", "json", "--output", "-"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = [f for f in report["findings"] if f["rule"] == "battlegroup-countries"]
    across = [f for f in found if f["scope"] == "across"]
    within = [f for f in found if f["scope"] == "within"]
    assert [f["verdict"] for f in across] == ["discrepancy"]
    assert "stated count differs: 5 against 4" in across[0]["message"]
    assert "states 5 battlegroups but lists 4 countries" in within[0]["message"]


def test_missing_path_is_one_line_exit_2_without_traceback(project: Path) -> None:
    result = run_cli("audit", "no-such-folder", cwd=project)
    assert result.returncode == 2
    assert result.stderr.strip() == "crossdoc: error: no-such-folder: no such file or directory"
    assert "Traceback" not in result.stderr
    assert not (project / "reports" / "audit.json").exists()


def test_refuses_to_write_over_an_input(project: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(project)
    before = (project / "seeds" / NATO).read_bytes()
    assert main(["audit", "--output", f"seeds/{NATO}"]) == 2
    assert "refusing to write a report over an input" in capsys.readouterr().err
    assert (project / "seeds" / NATO).read_bytes() == before


def test_output_into_a_missing_folder_makes_the_folder(project: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(project)
    assert main(["audit", "--output", "nowhere/deeper/audit.json"]) == 0
    assert json.loads((project / "nowhere" / "deeper" / "audit.json").read_text())["schema"]
    (project / "afile").write_text("not a folder\n")
    assert main(["audit", "--output", "afile/audit.json"]) == 2
    assert "afile/audit.json: cannot write the report" in capsys.readouterr().err


def test_rules_and_explain(project: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(project)
    assert main(["rules"]) == 0
    assert "battlegroup-countries" in capsys.readouterr().out
    assert main(["explain", "battlegroup-countries"]) == 0
    out = capsys.readouterr().out
    assert "ordering_difference" in out and "Examples:" in out
    assert main(["explain", "no-such-rule"]) == 2
    assert "available rules: ages, amounts, battlegroup-countries" in capsys.readouterr().err


def test_facts_shows_quotes_and_positions(project: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(project)
    assert main(["facts", "seeds", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    hosts = [r for r in rows if r["rule"] == "battlegroup-countries"]
    assert {(r["line"], r["quote"]) for r in hosts} >= {
        (
            32,
            "four additional multinational battlegroups in Bulgaria, Hungary, Romania, and "
            "Slovakia",
        )
    }


def test_facts_table_keeps_quotes_that_look_like_numbers(
    tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    """tabulate wraps a cell such as "3,516" as a number and fails: quotes stay text."""
    (tmp_path / "note.md").write_text(
        "The agency has received 3,516 registrations and paid $273 million in claims.\n"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["facts", "note.md", "--no-cache"]) == 0
    assert "$273 million" in capsys.readouterr().out


def test_unknown_config_key_lists_valid_keys(project: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    (project / "pyproject.toml").write_text('[tool.crossdoc]\npathz = ["seeds"]\n')
    monkeypatch.chdir(project)
    assert main(["audit"]) == 2
    err = capsys.readouterr().err
    assert "unknown key 'pathz'" in err and "paths" in err


def test_module_entry_point_runs_an_audit(project: Path) -> None:
    result = run_cli("audit", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["ordering_difference"] >= 1


def test_without_a_rules_folder_the_shipped_rules_are_used(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "corpus")
    result = run_cli("audit", "corpus", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["ordering_difference"] == 1


def test_a_configured_rules_folder_that_is_missing_is_an_error(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "corpus")
    (tmp_path / "pyproject.toml").write_text('[tool.crossdoc]\nrules = "myrules"\n')
    result = run_cli("audit", "corpus", "--format", "json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "crossdoc: error: myrules: rules directory does not exist"
