"""Variants of seeds/: a change of form only must not change the findings; a changed value
in one document must be flagged as a discrepancy under the right rule."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.rules import RuleSet

from .conftest import SEEDS, audit_folder

NATO = "000_0a250b0e07406cdf.txt"
WHITE_HOUSE = "003_991f4bdfd60fae3c.txt"
Edit = Callable[[str, str], str]  # (file name, text) -> new text


def seeds_copy(folder: Path, edit: Edit | None = None) -> Path:
    folder.mkdir()
    for path in sorted(SEEDS.iterdir()):
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_bytes((edit(path.name, text) if edit else text).encode("utf-8"))
    return folder


def signature(folder: Path, ruleset: RuleSet) -> list[tuple[str, str, str, tuple[str, ...]]]:
    result = audit_folder(folder, ruleset)
    assert not result.errors
    return sorted(
        (f.rule, f.key, f.verdict.value, tuple(s.value for s in f.statements))
        for f in result.report.findings
    )


def only(name: str, edit: Callable[[str], str]) -> Edit:
    return lambda file, text: edit(text) if file == name else text


def rewrap(text: str, width: int) -> str:
    """Re-wrap every long body line; leave front matter and layout lines alone."""
    out = []
    for line in text.split("\n"):
        if len(line) > width and not line.startswith(("*", "---")):
            out.extend(textwrap.wrap(line, width))
        else:
            out.append(line)
    return "\n".join(out)


def unwrap(text: str) -> str:
    head, _, body = text.partition("---\n \n")
    paragraphs = [" ".join(p.split("\n")) for p in body.split("\n\n")]
    return head + "---\n \n" + "\n\n".join(paragraphs)


FORM_ONLY: dict[str, Edit] = {
    "crlf": lambda _, text: text.replace("\n", "\r\n"),
    "bom": lambda _, text: "\ufeff" + text,
    "non-breaking spaces": lambda _, text: text.replace(", ", ",\u00a0").replace(
        " troops", "\u00a0troops"
    ),
    "curly quotes": lambda _, text: re.sub(r"(\w)'(\w)", "\\1\u2019\\2", text),
    "straight quotes": lambda _, text: text.replace("\u2019", "'"),
    "rewrapped NATO": only(NATO, lambda text: rewrap(text, 62)),
    "unwrapped White House": only(WHITE_HOUSE, unwrap),
    "numbers in words": only(NATO, lambda text: text.replace("40,000", "forty thousand")),
    "tabs and non-breaking spaces in layout lines": only(
        NATO,
        lambda text: (
            text.replace("Administration of", "Administration\tof")
            .replace("DCPD Number", "DCPD\u00a0Number")
            .replace("March 24, 2022", "March\u00a024,\t2022")
        ),
    ),
    "battle groups": lambda _, text: text.replace("battlegroups", "battle groups"),
    "battlegroups": lambda _, text: text.replace("battle groups", "battlegroups"),
    "page break mid-sentence": only(
        NATO, lambda text: text.replace("on our eastern", "on our\n\neastern")
    ),
}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory, ruleset: RuleSet):  # type: ignore[no-untyped-def]
    return signature(seeds_copy(tmp_path_factory.mktemp("seeds") / "docs"), ruleset)


@pytest.mark.parametrize("name", sorted(FORM_ONLY))
def test_form_only_changes_keep_the_findings(
    name: str, tmp_path: Path, ruleset: RuleSet, baseline
) -> None:  # type: ignore[no-untyped-def]
    assert signature(seeds_copy(tmp_path / "docs", FORM_ONLY[name]), ruleset) == baseline


def test_an_unrelated_extra_document_changes_no_finding(
    tmp_path: Path, ruleset: RuleSet, baseline
) -> None:  # type: ignore[no-untyped-def]
    folder = seeds_copy(tmp_path / "docs")
    (folder / "minutes.txt").write_text(
        "The parks committee will meet in May to discuss the new playground. Volunteers\n"
        "planted 40 trees and thousands of flowers.\n"
    )
    assert signature(folder, ruleset) == baseline


def test_seeds_have_no_discrepancy_and_the_expected_verdicts(baseline) -> None:  # type: ignore[no-untyped-def]
    verdicts = {(rule, key): verdict for rule, key, verdict, _ in baseline}
    assert "discrepancy" not in verdicts.values()
    assert verdicts[("battlegroup-countries", "new battlegroups")] == "ordering_difference"
    assert verdicts[("summit-dates", "NATO summit: Brussels, 24 March 2022")] == "agreement"
    assert verdicts[("summit-dates", "NATO summit: next meeting")] == "agreement"
    assert verdicts[("strategic-concept-timing", "adoption of the next Strategic Concept")] in (
        "agreement",
        "complementary",
    )
    assert verdicts[("troop-counts", "NATO / eastern flank")] == "one_sided"
    assert verdicts[("troop-counts", "United States / Europe")] == "one_sided"


ADDED_NATO_FIGURE = "NATO has placed {} troops on its eastern flank. The United States has surged"

VALUE_CHANGES: dict[str, tuple[Edit, str]] = {
    "a battlegroup country": (
        only(NATO, lambda t: t.replace("Romania, and Slovakia", "Romania, and Slovenia")),
        "battlegroup-countries",
    ),
    "the battlegroup count": (
        only(NATO, lambda t: t.replace("four additional", "five additional")),
        "battlegroup-countries",
    ),
    "a troop figure both state for NATO": (
        only(
            WHITE_HOUSE,
            lambda t: t.replace("The United States has surged", ADDED_NATO_FIGURE.format("45,000")),
        ),
        "troop-counts",
    ),
    "the month of the next summit": (
        only(WHITE_HOUSE, lambda t: t.replace("summit in June", "summit in July")),
        "summit-dates",
    ),
    "the day of the reported summit": (
        only(
            WHITE_HOUSE, lambda t: t.replace("NATO leaders met today", "NATO leaders met yesterday")
        ),
        "summit-dates",
    ),
    "the place of the next summit": (
        only(NATO, lambda t: t.replace("Madrid", "Vilnius")),
        "summit-dates",
    ),
    "one mention of the next summit's place": (
        only(NATO, lambda t: t.replace("when we meet in Madrid", "when we meet in Vilnius")),
        "summit-dates",
    ),
    "the year of adoption": (
        only(NATO, lambda t: t.replace("Strategic Concept in Madrid", "Strategic Concept in 2023")),
        "strategic-concept-timing",
    ),
}


@pytest.mark.parametrize("name", sorted(VALUE_CHANGES))
def test_a_changed_value_is_a_discrepancy_under_its_rule(
    name: str, tmp_path: Path, ruleset: RuleSet
) -> None:
    edit, rule = VALUE_CHANGES[name]
    found = signature(seeds_copy(tmp_path / "docs", edit), ruleset)
    assert {r for r, _, verdict, _ in found if verdict == "discrepancy"} >= {rule}


def test_the_same_troop_figure_for_the_same_actor_agrees(tmp_path: Path, ruleset: RuleSet) -> None:
    edit = only(
        WHITE_HOUSE,
        lambda t: t.replace("The United States has surged", ADDED_NATO_FIGURE.format("40,000")),
    )
    found = signature(seeds_copy(tmp_path / "docs", edit), ruleset)
    assert ("troop-counts", "NATO / eastern flank", "agreement") in {f[:3] for f in found}
    assert all(verdict != "discrepancy" for _, _, verdict, _ in found)
