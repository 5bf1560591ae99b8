"""Events and time: documents grouped by event; a reported meeting keyed by the meeting
itself; levels that change over time compared within an event, a change across events
complementary; event-relative facts never compared across events."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.events import Grouping, assign_events
from checker.model import Document, Verdict

from .conftest import ROOT


def doc(path: str, date: str | None, event: str | None = None) -> Document:
    metadata = {"event": event} if event else {}
    return Document(
        path.rsplit("/", 1)[-1].split(".")[0],
        path,
        "text",
        [0, 1, 2, 3],
        "text",
        date=dt.date.fromisoformat(date) if date else None,
        metadata=metadata,
    )


def grouped(documents: list[Document], grouping: Grouping | None = None) -> dict[str, list[str]]:
    return {e.id: list(e.documents) for e in assign_events(documents, grouping)}


def test_documents_days_apart_are_one_event_and_weeks_apart_two() -> None:
    documents = [
        doc("a/one.md", "2023-07-11"),
        doc("a/two.md", "2023-07-14"),
        doc("b/three.md", "2024-07-10"),
    ]
    assert grouped(documents) == {
        "2023-07-11..2023-07-14": ["one", "two"],
        "2024-07-10": ["three"],
    }


def test_a_stated_event_wins_then_configured_groups_then_folders() -> None:
    documents = [
        doc("council/vote.md", "2024-06-12", event="budget-vote"),
        doc("council/minutes.md", "2024-06-13"),
        doc("press/brief.md", "2024-06-13"),
    ]
    assert grouped(documents, Grouping({"press": ["press/*"]})) == {
        "budget-vote": ["vote"],
        "press": ["brief"],
        "2024-06-13": ["minutes"],
    }
    assert grouped(documents, Grouping(by="folder")) == {
        "budget-vote": ["vote"],
        "council": ["minutes"],
        "press": ["brief"],
    }


def test_undated_documents_join_the_only_event_else_their_own() -> None:
    assert grouped([doc("a.md", "2024-01-02"), doc("b.md", None)]) == {"2024-01-02": ["a", "b"]}
    assert grouped([doc("a.md", "2024-01-02"), doc("b.md", "2024-05-02"), doc("c.md", None)]) == {
        "2024-01-02": ["a"],
        "2024-05-02": ["b"],
        "undated": ["c"],
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    rules = (ROOT / "rules").as_posix()
    (tmp_path / "pyproject.toml").write_text(f'[tool.crossdoc]\nrules = "{rules}"\n')
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(project: Path, name: str, date: str, text: str, front: str = "") -> None:
    path = project / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ndate: {date}\n{front}---\n{text}\n")


def audit(project: Path, capsys: pytest.CaptureFixture[str], *options: str) -> dict:  # type: ignore[type-arg]
    main(["audit", "docs", "--format", "json", "--output", "-", *options])
    return json.loads(capsys.readouterr().out)


def verdicts(report: dict) -> dict[tuple[str, str], str]:  # type: ignore[type-arg]
    return {(f["rule"], f["key"]): f["verdict"] for f in report["findings"]}


def two_summits(project: Path) -> None:
    """Statements about the summits of 2023 and of 2024, my own wording."""
    write(project, "2023-press.md", "2023-07-11", "NATO leaders met today in Vilnius.")
    write(project, "2023-wire.md", "2023-07-12", "NATO leaders met yesterday in Vilnius.")
    write(project, "2024-press.md", "2024-07-10", "NATO leaders met today in Washington.")
    write(project, "2024-wire.md", "2024-07-10", "Allied leaders met in Washington today.")


def test_two_summits_in_one_folder_are_never_compared_with_each_other(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    two_summits(project)
    report = audit(project, capsys)
    assert [e["id"] for e in report["events"]] == ["2023-07-11..2023-07-12", "2024-07-10"]
    found = verdicts(report)
    assert found[("summit-dates", "NATO summit: Vilnius, 11–12 July 2023")] == "agreement"
    assert found[("summit-dates", "NATO summit: Washington, 9–11 July 2024")] == "agreement"
    assert "discrepancy" not in found.values()


def test_a_wrong_date_for_the_same_summit_is_still_a_discrepancy(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    two_summits(project)
    # a wire dated 14 July says the leaders met "yesterday": 13 July, after the summit
    write(project, "2023-wire.md", "2023-07-14", "NATO leaders met yesterday in Vilnius.")
    found = verdicts(audit(project, capsys))
    assert found[("summit-dates", "NATO summit: Vilnius, 11–12 July 2023")] == "discrepancy"
    assert found[("summit-dates", "NATO summit: Washington, 9–11 July 2024")] == "agreement"


def test_the_reported_meeting_is_compared_whatever_the_documents_dates(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # reports of the first and of the second day speak of one fixed, two-day meeting
    write(project, "report.md", "2023-07-11", "NATO leaders met today in Vilnius.")
    write(project, "later.md", "2023-07-13", "NATO leaders met yesterday in Vilnius.")
    found = verdicts(audit(project, capsys))
    assert found[("summit-dates", "NATO summit: Vilnius, 11–12 July 2023")] == "agreement"


def test_a_next_meeting_is_a_fact_of_each_event(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    leaders = "title: Statement by NATO Leaders\n"
    write(project, "a.md", "2023-07-11", "We will meet next in Washington.", leaders)
    write(project, "b.md", "2023-07-11", "We will meet next in Washington.", leaders)
    write(project, "c.md", "2024-07-10", "We will meet next in The Hague.", leaders)
    write(project, "d.md", "2024-07-10", "We will meet next in The Hague.", leaders)
    found = verdicts(audit(project, capsys))
    nexts = {key: v for (rule, key), v in found.items() if "next meeting" in key}
    assert nexts == {
        "NATO summit: next meeting [documents of 11 July 2023]": "agreement",
        "NATO summit: next meeting [documents of 10 July 2024]": "agreement",
    }


def troops(project: Path, figure_2024: str) -> None:
    text = "NATO has placed {} troops on our eastern flank under NATO command."
    write(project, "a.md", "2023-07-11", text.format("40,000"))
    write(project, "b.md", "2023-07-11", text.format("40,000"))
    write(project, "c.md", "2024-07-10", text.format("100,000"))
    write(project, "d.md", "2024-07-10", text.format(figure_2024))


def test_a_level_that_changes_between_events_is_a_change_over_time(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    troops(project, "100,000")
    report = audit(project, capsys)
    [finding] = [f for f in report["findings"] if f["rule"] == "troop-counts"]
    assert finding["verdict"] == Verdict.COMPLEMENTARY.value
    [relation] = finding["relations"]
    assert "a change over time" in relation["detail"]
    assert "as of 2023-07-11" in relation["detail"] and "as of 2024-07-10" in relation["detail"]


def test_a_level_that_differs_within_one_event_is_a_discrepancy(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    troops(project, "90,000")
    report = audit(project, capsys)
    [finding] = [f for f in report["findings"] if f["rule"] == "troop-counts"]
    assert finding["verdict"] == "discrepancy"


def test_groups_from_front_matter_config_and_folders(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "x/a.md", "2023-07-11", "Text.", "event: first\n")
    write(project, "x/b.md", "2023-07-11", "Text.")
    write(project, "y/c.md", "2023-07-11", "Text.")
    by_date = audit(project, capsys)
    assert {e["id"]: e["documents"] for e in by_date["events"]} == {
        "first": ["a"],
        "2023-07-11": ["b", "c"],
    }
    by_folder = audit(project, capsys, "--group-by", "folder")
    assert {e["id"]: e["source"] for e in by_folder["events"]} == {
        "first": "front matter",
        "docs/x": "folder",
        "docs/y": "folder",
    }
    settings = project / "pyproject.toml"
    settings.write_text(settings.read_text() + '[tool.crossdoc.groups]\nsecond = ["docs/y/*"]\n')
    configured = audit(project, capsys)
    assert {e["id"]: e["source"] for e in configured["events"]}["second"] == "config"
    assert [d["event"] for d in configured["documents"]] == ["first", "2023-07-11", "second"]


def test_bad_grouping_settings_are_one_line_errors(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "a.md", "2023-07-11", "Text.")
    settings = project / "pyproject.toml"
    base = settings.read_text()
    for extra, message in [
        ('group_by = "month"\n', "group_by: unknown value 'month'"),
        ("event_gap_days = 0\n", "event_gap_days must be 1 or more"),
        ('event_gap_days = "7"\n', "event_gap_days must be a whole number"),
        ("[tool.crossdoc.groups]\nx = 3\n", "groups] x must be a path pattern"),
    ]:
        settings.write_text(base + extra)
        assert main(["audit", "docs", "--format", "json", "--output", "-"]) == 2
        assert message in capsys.readouterr().err
