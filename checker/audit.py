"""The audit: documents and rules in, a report out.

ingest -> nlp -> rules' extractors (facts) -> pair facts by rule and key across every pair
of documents -> rules' comparators (verdicts) -> findings with evidence.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from checker.errors import RuleError
from checker.model import (
    DEFAULT_SEVERITY,
    VERDICT_PREFERENCE,
    Comparison,
    Document,
    Fact,
    Finding,
    Report,
    Severity,
    Statement,
    Verdict,
)
from checker.nlp import AnalysedDocument, Pipeline
from checker.rules import LoadedRule, Rule, RuleSet


@dataclass(frozen=True)
class AuditResult:
    report: Report
    errors: tuple[RuleError, ...] = ()


@dataclass
class FactTable:
    """Facts of one rule: key -> document id -> distinct facts in document order."""

    by_key: dict[str, dict[str, list[Fact]]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, fact: Fact) -> None:
        facts = self.by_key[fact.key].setdefault(fact.span.document, [])
        if all(existing.value != fact.value for existing in facts):
            facts.append(fact)


def extract_facts(
    analysed: Sequence[AnalysedDocument], ruleset: RuleSet
) -> tuple[dict[str, list[Fact]], list[RuleError]]:
    """Every rule over every document; a rule that raises is recorded, the others go on."""
    facts: dict[str, list[Fact]] = {}
    errors: list[RuleError] = []
    for loaded in ruleset.rules:
        try:
            facts[loaded.rule.id] = [f for doc in analysed for f in loaded.rule.extract(doc)]
        except Exception as exc:
            errors.append(
                RuleError(
                    loaded.rule.id,
                    loaded.path,
                    f"failed while extracting: {type(exc).__name__}: {exc}",
                )
            )
    return facts, errors


def run_audit(
    documents: Sequence[Document],
    ruleset: RuleSet,
    severities: Mapping[str, Mapping[Verdict, Severity]] | None = None,
) -> AuditResult:
    documents = sorted(documents, key=lambda d: (d.path, d.id))
    analysed = Pipeline(ruleset.patterns()).analyse(documents)
    facts, errors = extract_facts(analysed, ruleset)
    by_id = {d.id: d for d in documents}
    findings: list[Finding] = []
    for loaded in ruleset.rules:
        if loaded.rule.id not in facts:
            continue
        severity = {**DEFAULT_SEVERITY, **(severities or {}).get(loaded.rule.id, {})}
        try:
            findings.extend(compare_rule(loaded, facts[loaded.rule.id], by_id, severity))
        except Exception as exc:
            errors.append(
                RuleError(
                    loaded.rule.id,
                    loaded.path,
                    f"failed while comparing: {type(exc).__name__}: {exc}",
                )
            )
    errors = [*ruleset.errors, *errors]
    notes = [f"incomplete audit: {error}" for error in errors]
    if len(documents) < 2:
        notes.append("only one document was given: there is nothing to compare it with")
    report = Report(
        documents=tuple(documents),
        findings=tuple(findings),
        rules=tuple(loaded.rule.info() for loaded in ruleset.rules),
        notes=tuple(notes),
    )
    return AuditResult(report, tuple(errors))


def compare_rule(
    loaded: LoadedRule,
    facts: Sequence[Fact],
    documents: Mapping[str, Document],
    severity: Mapping[Verdict, Severity],
) -> list[Finding]:
    rule = loaded.rule
    table = FactTable()
    for fact in facts:
        table.add(fact)
    order = list(documents)
    findings = []
    for key in sorted(table.by_key):
        stating = sorted(table.by_key[key], key=order.index)
        for document in stating:
            for fact in table.by_key[key][document]:
                problem = rule.self_check(fact)
                if problem:
                    said = Comparison(
                        Verdict.DISCREPANCY, f"{document} contradicts itself: {problem}"
                    )
                    findings.append(make_finding(rule, key, (fact,), said, documents, severity))
        if rule.compare_within_document:
            findings.extend(
                conflicts_within(rule, key, table.by_key[key], stating, documents, severity)
            )
        if len(stating) == 1:
            fact = table.by_key[key][stating[0]][0]
            alone = Comparison(Verdict.ONE_SIDED, f"only {stating[0]} states this")
            findings.append(make_finding(rule, key, (fact,), alone, documents, severity))
            continue
        for first, second in itertools.combinations(stating, 2):
            a, b, comparison = best_pair(rule, table.by_key[key][first], table.by_key[key][second])
            findings.append(make_finding(rule, key, (a, b), comparison, documents, severity))
    return findings


def conflicts_within(
    rule: Rule,
    key: str,
    facts_by_document: Mapping[str, Sequence[Fact]],
    stating: Sequence[str],
    documents: Mapping[str, Document],
    severity: Mapping[Verdict, Severity],
) -> list[Finding]:
    """Two values for one key in one document that cannot both hold."""
    findings = []
    for document in stating:
        for a, b in itertools.combinations(facts_by_document[document], 2):
            comparison = rule.compare(a, b)
            if comparison.verdict is Verdict.DISCREPANCY:
                detail = f"{document} contradicts itself: {comparison.detail}"
                conflict = Comparison(comparison.verdict, detail)
                findings.append(make_finding(rule, key, (a, b), conflict, documents, severity))
    return findings


def best_pair(
    rule: Rule, first: Sequence[Fact], second: Sequence[Fact]
) -> tuple[Fact, Fact, Comparison]:
    """When a document states a fact more than once, report the statements that fit best."""
    candidates = [(a, b, rule.compare(a, b)) for a in first for b in second]
    return min(candidates, key=lambda c: VERDICT_PREFERENCE.index(c[2].verdict))


def make_statement(rule: Rule, fact: Fact, documents: Mapping[str, Document]) -> Statement:
    document = documents[fact.span.document]
    return Statement(
        document=document.id,
        path=document.path,
        value=rule.describe(fact),
        quote=fact.span.quote,
        line=fact.span.line,
        column=fact.span.column,
        end_line=fact.span.end_line,
        end_column=fact.span.end_column,
    )


def make_finding(
    rule: Rule,
    key: str,
    facts: Sequence[Fact],
    comparison: Comparison,
    documents: Mapping[str, Document],
    severity: Mapping[Verdict, Severity],
) -> Finding:
    """A finding with the evidence of each fact: the verdict's detail, then every value."""
    statements = tuple(make_statement(rule, fact, documents) for fact in facts)
    values = "; ".join(f"{s.document}: {s.value}" for s in statements)
    message = f"{comparison.detail} ({values})" if comparison.detail else values
    return Finding(
        rule.id, key, comparison.verdict, severity[comparison.verdict], message, statements
    )
