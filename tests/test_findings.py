"""One finding per fact: sides by value, relations between sides, the departing side, the
message, fingerprints, and a cost that grows with values, not with pairs of documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pytest

from checker.comparators import compare_intervals
from checker.findings import build_findings
from checker.model import (
    DEFAULT_SEVERITY,
    Comparison,
    Document,
    Fact,
    Finding,
    Scope,
    Verdict,
    document_labels,
    short_label,
)
from checker.nlp import AnalysedDocument
from checker.quantities import Amount, parse_amount
from checker.rules import Rule


@dataclass(frozen=True)
class Figure:
    amount: Amount

    def __str__(self) -> str:
        return str(self.amount)


class CountingRule(Rule):
    """A rule over figures that counts how often it is asked to compare."""

    id = "figures"
    title = "Figures"
    description = "Figures, compared as intervals."
    compare_within_document = True

    def __init__(self) -> None:
        self.comparisons = 0

    def extract(self, document: AnalysedDocument) -> Iterable[Fact]:
        return ()

    def compare(self, a: Fact, b: Fact) -> Comparison:
        self.comparisons += 1
        first, second = a.value.amount, b.value.amount
        verdict = compare_intervals(
            first, second, first_exact=first.is_exact, second_exact=second.is_exact
        )
        detail = "" if verdict is Verdict.AGREEMENT else f"{first} against {second}"
        return Comparison(verdict, detail)


def document(name: str, title: str | None = None) -> Document:
    text = "x" * 40
    return Document(
        name, f"docs/{name}.md", text, list(range(len(text))), text, title, dt.date(2024, 5, 1)
    )


def fact(doc: Document, stated: str, key: str = "aid", at: int = 0) -> Fact:
    amount = parse_amount(stated)
    assert amount is not None, stated
    return Fact("figures", key, Figure(amount), stated, doc.span(at, at + 3))


def findings_of(
    statements: Sequence[tuple[str, str]], rule: Rule | None = None
) -> tuple[list[Finding], list[Document]]:
    """(document name, figure) pairs -> findings, documents in name order."""
    names = sorted({name for name, _ in statements})
    documents = [document(name) for name in names]
    by_name = {d.id: d for d in documents}
    facts = [
        fact(by_name[name], stated, at=number % 30)
        for number, (name, stated) in enumerate(statements)
    ]
    found = build_findings(
        rule or CountingRule(), facts, documents, document_labels(documents), DEFAULT_SEVERITY
    )
    return found, documents


def across(findings: list[Finding]) -> Finding:
    [finding] = [f for f in findings if f.scope is Scope.ACROSS]
    return finding


def test_one_departing_document_is_one_finding_with_its_side_named() -> None:
    found, _ = findings_of([("a", "250"), ("b", "250"), ("c", "25"), ("d", "250")])
    finding = across(found)
    assert finding.verdict is Verdict.DISCREPANCY
    majority, departing = finding.sides
    assert majority.documents == ("a", "b", "d") and departing.documents == ("c",)
    assert finding.outliers == (1,)
    assert [(r.first, r.second, r.verdict) for r in finding.relations] == [
        (0, 1, Verdict.DISCREPANCY)
    ]
    assert finding.message.startswith("3 sources say 250 (a.md, b.md, d.md); 1 says 25 (c.md)")


def test_a_tie_names_no_outlier() -> None:
    finding = across(findings_of([("a", "250"), ("b", "25")])[0])
    assert finding.verdict is Verdict.DISCREPANCY and finding.outliers == ()
    assert finding.departing == (0, 1)


def test_agreement_is_one_side_and_one_document_is_one_sided() -> None:
    agreed = across(findings_of([("a", "40,000"), ("b", "forty thousand"), ("c", "40 000")])[0])
    assert agreed.verdict is Verdict.AGREEMENT and len(agreed.sides) == 1
    assert agreed.sides[0].documents == ("a", "b", "c")
    alone = across(findings_of([("a", "40,000")])[0])
    assert alone.verdict is Verdict.ONE_SIDED and alone.message == "only a.md states this: 40,000"


def test_the_fact_takes_the_most_serious_relation_between_any_two_sides() -> None:
    finding = across(
        findings_of([("a", "40,000"), ("b", "40,000"), ("c", "thousands of"), ("d", "45,000")])[0]
    )
    assert finding.verdict is Verdict.DISCREPANCY
    relations = {(r.first, r.second): r.verdict for r in finding.relations}
    assert relations == {
        (0, 1): Verdict.COMPLEMENTARY,  # 40,000 inside "thousands"
        (0, 2): Verdict.DISCREPANCY,  # 40,000 against 45,000
        (1, 2): Verdict.COMPLEMENTARY,
    }
    assert finding.outliers == (1, 2)


def test_complementary_only_is_complementary() -> None:
    finding = across(findings_of([("a", "40,000"), ("b", "thousands of")])[0])
    assert finding.verdict is Verdict.COMPLEMENTARY


def test_a_document_stating_two_values_stands_on_the_side_most_documents_share() -> None:
    # b says both; the exact figure is what a and c say, so b agrees with them
    found, _ = findings_of(
        [("a", "40,000"), ("b", "thousands of"), ("b", "40,000"), ("c", "40,000")]
    )
    finding = across(found)
    assert finding.verdict is Verdict.AGREEMENT
    assert finding.sides[0].documents == ("a", "b", "c")


def test_a_document_contradicting_itself_is_a_finding_of_its_own() -> None:
    found, _ = findings_of([("a", "40,000"), ("a", "45,000"), ("b", "40,000")])
    within = [f for f in found if f.scope is Scope.WITHIN]
    assert [(f.verdict, f.documents) for f in within] == [(Verdict.DISCREPANCY, ("a",))]
    assert within[0].message.startswith("a.md contradicts itself")
    assert across(found).verdict is Verdict.AGREEMENT  # a's 40,000 agrees with b


def test_comparisons_grow_with_distinct_values_not_with_documents() -> None:
    rule = CountingRule()
    statements = [(f"d{n:04}", "250" if n % 10 else "25") for n in range(2000)]
    found, _ = findings_of(statements, rule)
    finding = across(found)
    assert finding.verdict is Verdict.DISCREPANCY
    assert [len(s.documents) for s in finding.sides] == [1800, 200]
    assert rule.comparisons <= 4  # two values: one grouping comparison, one relation


def test_many_distinct_values_stay_bounded() -> None:
    rule = CountingRule()
    statements = [(f"d{n:04}", str(1000 + n)) for n in range(600)]
    finding = across(findings_of(statements, rule)[0])
    assert len(finding.sides) == 600
    assert len(finding.relations) == 599  # each side against the largest, past 64 sides
    assert rule.comparisons < 600 * 70


def fingerprint(statements: Sequence[tuple[str, str]]) -> str:
    return across(findings_of(statements)[0]).fingerprint


def test_fingerprints_ignore_agreeing_sources_and_follow_departures() -> None:
    accepted = fingerprint([("a", "250"), ("b", "250"), ("c", "25")])
    # a further source that agrees with the majority: the same finding
    assert fingerprint([("a", "250"), ("b", "250"), ("c", "25"), ("e", "250")]) == accepted
    # a changed departing value, or a new source that departs: not the same
    assert fingerprint([("a", "250"), ("b", "250"), ("c", "20")]) != accepted
    assert fingerprint([("a", "250"), ("b", "250"), ("c", "25"), ("e", "25"), ("f", "250")]) != (
        accepted
    )
    # wording is not identity: "forty thousand" is 40,000
    assert fingerprint([("a", "40,000"), ("b", "40,000"), ("c", "25")]) == fingerprint(
        [("a", "forty thousand"), ("b", "40,000"), ("c", "25")]
    )


@pytest.mark.parametrize(
    ("title", "label"),
    [
        (None, "file.md"),
        ("Fact sheet", "Fact sheet"),
        (
            "Statement by the Minister on the Outcome of the Regional Council Budget Vote",
            "Statement by the Minister on the Outcome of the…",
        ),
    ],
)
def test_short_labels(title: str | None, label: str) -> None:
    assert short_label(title, "docs/file.md") == label


def test_labels_shared_by_two_documents_fall_back_to_file_names() -> None:
    first, second, third = (
        document("a", "Press release"),
        document("b", "Press release"),
        document("c", "Fact sheet"),
    )
    assert document_labels([first, second, third]) == {
        "a": "a.md",
        "b": "b.md",
        "c": "Fact sheet",
    }
