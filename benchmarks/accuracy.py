"""Accuracy on the labelled development corpus (benchmarks/corpus/labels.yaml).

Each event folder is audited on its own, with every rule. A finding's statement stands for a
labelled statement when both are in the same document and their text overlaps, or when a fact
the audit read in the labelled quote's text (same rule and key) is the one the finding holds
for that document (a document that states a fact twice is cited once, not necessarily where
the label quotes it); two
documents' statements in one finding are compared (same side: agreement; two sides: the
relation of those sides), and are not compared otherwise. Printed: precision and recall per
verdict over labelled pairs of statements, discrepancy precision over every pair the audit
calls a discrepancy (a discrepancy between unlabelled statements counts against it), the
share of labelled facts found with the right verdict, and the traps (statements about
different things that share a value) the audit compared, which should be none.

    python benchmarks/accuracy.py [--corpus DIR] [--json FILE] [--verbose]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from tabulate import tabulate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.audit import extract_facts, report_of  # noqa: E402
from checker.ingest import load_corpus  # noqa: E402
from checker.model import Finding, Verdict  # noqa: E402
from checker.nlp import Pipeline  # noqa: E402
from checker.rules import load_rules  # noqa: E402

VERDICTS = ["agreement", "discrepancy", "ordering_difference", "complementary"]
GRAVITY = ["discrepancy", "ordering_difference", "complementary", "agreement"]
NOT_COMPARED = "not compared"


@dataclass(frozen=True)
class Place:
    """Where a statement stands: its document (path relative to the corpus) and characters."""

    doc: str
    start: int
    end: int

    def overlaps(self, other: Place) -> bool:
        return self.doc == other.doc and self.start < other.end and other.start < self.end


@dataclass
class Audited:
    """What the audit of one event folder compared: for each statement, its finding and side."""

    stands: list[tuple[Place, int, int]] = field(default_factory=list)  # place, finding, side
    findings: list[Finding] = field(default_factory=list)
    read: list[tuple[Place, str, str]] = field(default_factory=list)  # place, rule, fact key

    def where(self, place: Place) -> list[tuple[int, int]]:
        found = {(f, s) for stood, f, s in self.stands if stood.overlaps(place)}
        keys = {(rule, key) for stood, rule, key in self.read if stood.overlaps(place)}
        for number, finding in enumerate(self.findings):
            if not any(
                finding.rule == rule and (finding.key == key or finding.key.startswith(key + " ["))
                for rule, key in keys
            ):
                continue
            for side_number, side in enumerate(finding.sides):
                if any(s.path == place.doc for s in side.statements):
                    found.add((number, side_number))
        return sorted(found)

    def pair_verdict(self, first: Place, second: Place) -> str:
        """How the audit relates two statements: the best relation of any finding holding both."""
        found = []
        for (f1, s1), (f2, s2) in itertools.product(self.where(first), self.where(second)):
            if f1 != f2:
                continue
            if s1 == s2:
                found.append("agreement")
                continue
            finding = self.findings[f1]
            for relation in finding.relations:
                if {relation.first, relation.second} == {s1, s2}:
                    found.append(relation.verdict.value)
        if not found:
            return NOT_COMPARED
        return min(found, key=lambda v: -GRAVITY.index(v))  # the best-fitting relation


def offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


def audit_event(folder: Path, corpus: Path, rules_dir: Path) -> Audited:
    documents = sorted(load_corpus([str(folder)], corpus).documents, key=lambda d: (d.path, d.id))
    ruleset = load_rules(rules_dir)
    facts, errors = extract_facts(Pipeline(ruleset.patterns()).analyse_each(documents), ruleset)
    report = report_of(documents, facts, errors, ruleset).report
    originals = {d.path: d.original for d in documents}
    paths = {d.id: d.path for d in documents}
    audited = Audited(findings=list(report.findings))
    for rule_facts in facts.values():
        for fact in rule_facts:
            path, span = paths[fact.span.document], fact.span
            text = originals[path]
            start = offset(text, span.line, span.column)
            end = offset(text, span.end_line or span.line, span.end_column or span.column)
            audited.read.append((Place(path, start, max(start + 1, end)), fact.rule, fact.key))
    for number, finding in enumerate(report.findings):
        for side_number, side in enumerate(finding.sides):
            for s in side.statements:
                text = originals[s.path]
                start = offset(text, s.line, s.column)
                end = max(start + 1, offset(text, s.end_line or s.line, s.end_column or s.column))
                audited.stands.append((Place(s.path, start, end), number, side_number))
    return audited


def locate(corpus: Path, doc: str, quote: str) -> Place:
    text = (corpus / doc).read_text(encoding="utf-8")
    start = text.find(quote)
    if start < 0:
        raise SystemExit(f"labels: {doc}: quote not found: {quote!r}")
    return Place(doc, start, start + len(quote))


def expected_pairs(fact: dict[str, Any]) -> dict[tuple[str, str], str]:
    docs = [s["doc"] for s in fact["statements"]]
    pairs = {tuple(sorted(p)): fact["verdict"] for p in itertools.combinations(docs, 2)}
    for a, b, verdict in fact.get("pairs", []):
        pairs[tuple(sorted((a, b)))] = verdict
    return pairs  # type: ignore[return-value]


def measure(corpus: Path, rules_dir: Path, verbose: bool) -> dict[str, Any]:
    labels = yaml.safe_load((corpus / "labels.yaml").read_text(encoding="utf-8"))
    confusion: Counter[tuple[str, str]] = Counter()  # (expected, predicted) over labelled pairs
    facts_right = facts_total = 0
    predicted_discrepancies = true_discrepancies = 0
    traps_compared: list[str] = []
    misses: list[str] = []
    audits: dict[str, Audited] = {}
    for event in labels["events"]:
        name = event["event"]
        audited = audits[name] = audit_event(corpus / name, corpus, rules_dir)
        labelled_places: list[tuple[Place, Place, str]] = []
        for fact in event["facts"]:
            places = {s["doc"]: locate(corpus, s["doc"], s["quote"]) for s in fact["statements"]}
            predicted_fact = []
            for (a, b), expected in expected_pairs(fact).items():
                predicted = audited.pair_verdict(places[a], places[b])
                confusion[(expected, predicted)] += 1
                labelled_places.append((places[a], places[b], expected))
                if predicted != NOT_COMPARED:
                    predicted_fact.append(predicted)
                if verbose and predicted != expected:
                    misses.append(f"{fact['id']}: {a} ~ {b}: expected {expected}, got {predicted}")
            facts_total += 1
            got = min(predicted_fact, key=GRAVITY.index) if predicted_fact else NOT_COMPARED
            if got == fact["verdict"]:
                facts_right += 1
            elif verbose:
                misses.append(
                    f"fact {fact['id']} ({fact['kind']}): expected {fact['verdict']}, got {got}"
                )
        # every discrepancy the audit reports, labelled or not
        for finding in audited.findings:
            if finding.verdict is not Verdict.DISCREPANCY:
                continue
            for relation in finding.relations:
                if relation.verdict is not Verdict.DISCREPANCY:
                    continue
                for s1, s2 in itertools.product(
                    finding.sides[relation.first].statements,
                    finding.sides[relation.second].statements,
                ):
                    if s1.document == s2.document:
                        continue
                    predicted_discrepancies += 1
                    p1 = [p for p, f, _ in audited.stands if p.doc == s1.path]
                    p2 = [p for p, f, _ in audited.stands if p.doc == s2.path]
                    labelled = any(
                        expected == "discrepancy"
                        and any(x.overlaps(a) for x in p1)
                        and any(y.overlaps(b) for y in p2)
                        for a, b, expected in (
                            *labelled_places,
                            *((b, a, e) for a, b, e in labelled_places),
                        )
                    )
                    true_discrepancies += labelled
                    if verbose and not labelled:
                        misses.append(
                            f"false discrepancy? {finding.rule}: {finding.key}: "
                            f"{s1.path} {s1.value!r} ~ {s2.path} {s2.value!r}"
                        )
    for trap in labels.get("traps", []):
        first, second = trap["statements"][:2]
        event = first["doc"].split("/", 1)[0]
        if event not in audits:
            continue
        verdict = audits[event].pair_verdict(
            locate(corpus, first["doc"], first["quote"]),
            locate(corpus, second["doc"], second["quote"]),
        )
        if verdict != NOT_COMPARED:
            traps_compared.append(f"{trap['note']}: {verdict}")
    per_verdict = {}
    for verdict in VERDICTS:
        tp = confusion[(verdict, verdict)]
        predicted = sum(n for (e, p), n in confusion.items() if p == verdict)
        expected = sum(n for (e, p), n in confusion.items() if e == verdict)
        per_verdict[verdict] = {
            "precision": tp / predicted if predicted else None,
            "recall": tp / expected if expected else None,
            "expected": expected,
            "predicted": predicted,
        }
    return {
        "per_verdict": per_verdict,
        "discrepancy_precision_all": (
            true_discrepancies / predicted_discrepancies if predicted_discrepancies else None
        ),
        "discrepancies_reported": predicted_discrepancies,
        "facts_right": facts_right,
        "facts_total": facts_total,
        "traps_compared": traps_compared,
        "not_compared": sum(n for (e, p), n in confusion.items() if p == NOT_COMPARED),
        "pairs": sum(confusion.values()),
        "misses": misses,
    }


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.0f}%"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "benchmarks" / "corpus")
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    result = measure(args.corpus, args.rules, args.verbose)
    rows = [
        [v, percent(m["precision"]), percent(m["recall"]), m["expected"], m["predicted"]]
        for v, m in result["per_verdict"].items()
    ]
    print(tabulate(rows, headers=["verdict", "precision", "recall", "labelled", "predicted"]))
    print()
    print(
        f"labelled pairs: {result['pairs']}, not compared: {result['not_compared']}\n"
        f"discrepancy precision over every reported discrepancy: "
        f"{percent(result['discrepancy_precision_all'])} "
        f"({result['discrepancies_reported']} pairs reported)\n"
        f"labelled facts found with the right verdict: {result['facts_right']} of "
        f"{result['facts_total']} ({percent(result['facts_right'] / result['facts_total'])})\n"
        f"traps compared: {len(result['traps_compared'])}"
    )
    for line in [*result["traps_compared"], *result["misses"]]:
        print("  " + line)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
