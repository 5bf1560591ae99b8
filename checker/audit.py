"""The audit: documents and rules in, a report out.

ingest -> nlp -> rules' extractors (facts, one document at a time) -> findings (one per
fact: its statements grouped into sides by value, the sides related by the rule's
comparator) -> report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from checker.errors import RuleError
from checker.events import Grouping, assign_events
from checker.findings import build_findings
from checker.model import (
    DEFAULT_SEVERITY,
    Document,
    Fact,
    Finding,
    Report,
    Severity,
    Verdict,
    document_labels,
)
from checker.nlp import AnalysedDocument, Pipeline
from checker.rules import RuleSet


@dataclass(frozen=True)
class AuditResult:
    report: Report
    errors: tuple[RuleError, ...] = ()


def extract_facts(
    analysed: Iterable[AnalysedDocument], ruleset: RuleSet
) -> tuple[dict[str, list[Fact]], list[RuleError]]:
    """Every rule over every document, one document at a time (only facts are kept).

    A rule that raises is recorded and skipped for the rest of the audit; the others go on.
    """
    facts: dict[str, list[Fact]] = {loaded.rule.id: [] for loaded in ruleset.rules}
    errors: list[RuleError] = []
    failed: set[str] = set()
    for document in analysed:
        for loaded in ruleset.rules:
            if loaded.rule.id in failed:
                continue
            try:
                facts[loaded.rule.id].extend(loaded.rule.extract(document))
            except Exception as exc:
                failed.add(loaded.rule.id)
                errors.append(
                    RuleError(
                        loaded.rule.id,
                        loaded.path,
                        f"failed while extracting: {type(exc).__name__}: {exc}",
                    )
                )
    for rule_id in failed:
        del facts[rule_id]
    return facts, errors


def run_audit(
    documents: Sequence[Document],
    ruleset: RuleSet,
    severities: Mapping[str, Mapping[Verdict, Severity]] | None = None,
    grouping: Grouping | None = None,
) -> AuditResult:
    documents = sorted(documents, key=lambda d: (d.path, d.id))
    analysed = Pipeline(ruleset.patterns()).analyse_each(documents)
    facts, errors = extract_facts(analysed, ruleset)
    labels = document_labels(documents)
    events = assign_events(documents, grouping)
    findings: list[Finding] = []
    for loaded in ruleset.rules:
        if loaded.rule.id not in facts:
            continue
        severity = {**DEFAULT_SEVERITY, **(severities or {}).get(loaded.rule.id, {})}
        try:
            findings.extend(
                build_findings(
                    loaded.rule, facts[loaded.rule.id], documents, labels, severity, events
                )
            )
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
        labels=labels,
        events=events,
    )
    return AuditResult(report, tuple(errors))
