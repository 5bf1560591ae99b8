"""General facts on documents that are not about NATO: four reports of a city council's
budget vote, written for this test, with three planted differences (a sum, a day, the order
of a list). Each is found with both quotes; nothing else is a discrepancy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main

from .conftest import ROOT

REPORTS = {
    "press-release.md": """---
title: Council adopts library budget
date: 2024-06-13
issuer: City Council press office
---
Councillors voted on June 12 to approve a $412 million budget for the library system.
The budget extends opening hours at the Central, Eastside and Riverside libraries.
The measure passed with nine votes in favour and four against.
""",
    "daily-news.md": """---
title: Library budget passes after long debate
date: 2024-06-13
issuer: Daily News
---
After a debate that ran past midnight, councillors voted on June 12 to approve a
$421 million budget for the library system.
Longer opening hours are planned at the Central, Eastside and Riverside libraries.
""",
    "radio.md": """---
title: Council backs library spending
date: 2024-06-13
issuer: City Radio
---
The council voted on June 13 to approve a $412 million budget for the library system.
Opening hours will be longer at the Eastside, Central and Riverside libraries.
""",
    "newsletter.md": """---
title: Your libraries this summer
date: 2024-06-14
issuer: Friends of the Library
---
Good news: councillors voted on June 12 to approve a $412 million budget for the
library system, so the Central, Eastside and Riverside libraries will open longer.
""",
}


@pytest.fixture
def council(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    rules = (ROOT / "rules").as_posix()
    (tmp_path / "pyproject.toml").write_text(f'[tool.crossdoc]\nrules = "{rules}"\n')
    folder = tmp_path / "vote"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def audit(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:  # type: ignore[type-arg]
    status = main(["audit", "vote", "--format", "json", "--output", "-"])
    return status, json.loads(capsys.readouterr().out)


def departing_quotes(finding: dict) -> tuple[str, list[str]]:  # type: ignore[type-arg]
    [outlier] = finding["outliers"]
    side = finding["sides"][outlier]
    majority = finding["sides"][0]["statements"][0]["quote"]
    return majority, [s["path"].rsplit("/", 1)[-1] + ": " + s["quote"] for s in side["statements"]]


def test_the_three_planted_differences_are_found_with_both_quotes(
    council: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, report = audit(capsys)
    assert status == 1
    problems = {
        (f["rule"], f["verdict"]): f
        for f in report["findings"]
        if f["verdict"] in ("discrepancy", "ordering_difference")
    }
    assert set(problems) == {
        ("money", "discrepancy"),
        ("dated-events", "discrepancy"),
        ("named-lists", "ordering_difference"),
    }
    assert departing_quotes(problems[("money", "discrepancy")]) == (
        "$412 million",
        ["daily-news.md: $421 million"],
    )
    assert departing_quotes(problems[("dated-events", "discrepancy")]) == (
        "June 12",
        ["radio.md: June 13"],
    )
    majority, departing = departing_quotes(problems[("named-lists", "ordering_difference")])
    assert majority == "Central, Eastside and Riverside"
    assert departing == ["radio.md: Eastside, Central and Riverside"]


def test_the_consistent_reports_raise_no_discrepancy(
    council: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("daily-news.md", "radio.md"):
        (council / name).unlink()
    status, report = audit(capsys)
    assert status == 0
    assert {f["verdict"] for f in report["findings"]} <= {"agreement", "complementary"}
    assert any(f["rule"] == "money" and f["verdict"] == "agreement" for f in report["findings"])


def test_coverage_names_documents_without_facts_and_warns_when_nothing_compared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = (ROOT / "rules").as_posix()
    (tmp_path / "pyproject.toml").write_text(f'[tool.crossdoc]\nrules = "{rules}"\n')
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "poem.md").write_text("---\ndate: 2024-06-13\n---\nThe river runs slow in June.\n")
    (folder / "budget.md").write_text(
        "---\ndate: 2024-06-13\n---\nThe council approved a $412 million budget for the library.\n"
    )
    monkeypatch.chdir(tmp_path)
    for form in ("json", "markdown", "table"):
        assert main(["audit", "notes", "--format", form, "--output", "-"]) == 0
        captured = capsys.readouterr()
        assert "nothing was compared" in captured.out, form
        assert "warning: nothing was compared" in captured.err
        assert "no rule found a fact in" in captured.out and "poem.md" in captured.out
    main(["audit", "notes", "--format", "json", "--output", "-"])
    report = json.loads(capsys.readouterr().out)
    assert {c["document"]: (c["facts"], c["compared"]) for c in report["coverage"]} == {
        "budget": (1, 0),
        "poem": (0, 0),
    }


def test_a_sum_between_a_meetings_name_and_its_place_is_read(tmp_path: Path) -> None:
    """summit-dates states the meeting from its name to its date and place; the sum said
    between them is no part of that fact and is left to the money rule."""
    from checker.audit import extract_facts
    from checker.ingest import load_documents
    from checker.nlp import Pipeline
    from checker.rules import load_rules

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "news.md").write_text(
        "---\ndate: 2026-05-18\n---\nBRUSSELS, 18 May (Reuters) - European Union foreign"
        " ministers on Monday agreed on a recovery package for Syria worth EUR 2,200 million,"
        " diplomats said after the meeting in Brussels.\n",
        encoding="utf-8",
    )
    ruleset = load_rules(ROOT / "rules")
    analysed = Pipeline(ruleset.patterns()).analyse(load_documents([str(folder)], folder))
    facts, errors = extract_facts(analysed, ruleset)
    assert not errors
    assert [f.key for f in facts["summit-dates"]] == [
        "EU Foreign Ministers' meeting: the meeting reported"
    ]
    assert [(f.key, f.raw) for f in facts["money"]] == [
        ("money: funding (recovery)", "EUR 2,200 million")
    ]
