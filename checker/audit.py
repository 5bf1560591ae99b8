"""The audit: documents and rules in, a report out.

ingest -> nlp -> rules' extractors (facts, one document at a time) -> findings (one per
fact: its statements grouped into sides by value, the sides related by the rule's
comparator) -> report.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from checker.errors import RuleError
from checker.events import Grouping, assign_events
from checker.findings import build_findings
from checker.model import (
    DEFAULT_SEVERITY,
    Coverage,
    Document,
    Fact,
    Finding,
    Report,
    Scope,
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


@dataclass(frozen=True)
class DocumentFacts:
    """What one document states: each rule's facts, before they are aligned across
    documents, and the rules that raised on it (id, what happened)."""

    document: Document
    facts: Mapping[str, tuple[Fact, ...]]
    failures: tuple[tuple[str, str], ...] = ()


def extract_document(document: AnalysedDocument, ruleset: RuleSet) -> DocumentFacts:
    """Every rule over one document. A rule that raises is recorded; the others go on.

    What a document states depends on that document alone (not on which documents come
    before it), so it can be read in any process, in any order, or from the cache."""
    facts: dict[str, tuple[Fact, ...]] = {}
    failures: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []  # where specific rules stated facts in this document
    for loaded in sorted(ruleset.rules, key=lambda loaded: loaded.rule.general):
        try:
            found = list(in_sentences(loaded.rule.extract(document), document))
        except Exception as exc:
            failures.append(
                (loaded.rule.id, f"failed while extracting: {type(exc).__name__}: {exc}")
            )
            continue
        if loaded.rule.general:  # specific rules come first
            covered = Covered(taken)
            found = [f for f in found if not covered.overlaps(f.span.start, f.span.end)]
        else:
            taken.extend(span for f in found for span in loaded.rule.covers(f))
        facts[loaded.rule.id] = tuple(found)
    return DocumentFacts(document.document, facts, tuple(failures))


def extract_facts(
    analysed: Iterable[AnalysedDocument], ruleset: RuleSet
) -> tuple[dict[str, list[Fact]], list[RuleError]]:
    """Every rule over every document, one document at a time (only facts are kept), then
    aligned across documents."""
    return merge_facts((extract_document(document, ruleset) for document in analysed), ruleset)


def merge_facts(
    stated: Iterable[DocumentFacts], ruleset: RuleSet
) -> tuple[dict[str, list[Fact]], list[RuleError]]:
    """Each rule's facts over every document, in document order, aligned across documents.

    A rule that raised on any document is left out of the audit (its error is the first one,
    in document order); the others go on."""
    facts: dict[str, list[Fact]] = {loaded.rule.id: [] for loaded in ruleset.rules}
    paths = {loaded.rule.id: loaded.path for loaded in ruleset.rules}
    errors: list[RuleError] = []
    failed: set[str] = set()
    for document in stated:
        for rule_id, problem in document.failures:
            if rule_id not in failed and rule_id in paths:
                failed.add(rule_id)
                errors.append(RuleError(rule_id, paths[rule_id], problem))
        for rule_id, found in document.facts.items():
            if rule_id in facts:
                facts[rule_id].extend(found)
    for rule_id in failed:
        del facts[rule_id]
    for loaded in ruleset.rules:  # across documents: which statements are one fact
        if loaded.rule.id in facts:
            try:
                facts[loaded.rule.id] = list(loaded.rule.align(facts[loaded.rule.id]))
            except Exception as exc:
                del facts[loaded.rule.id]
                errors.append(
                    RuleError(
                        loaded.rule.id,
                        loaded.path,
                        f"failed while aligning: {type(exc).__name__}: {exc}",
                    )
                )
    return facts, errors


class Covered:
    """Spans of text, asked whether a span overlaps any of them: in log time, since a long
    document can hold 100,000 facts of a specific rule and as many general ones."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach: list[int] = []  # the furthest end of the spans up to each one
        for _, end in ordered:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, end)  # the spans that start before `end`
        return before > 0 and self.reach[before - 1] > start


def in_sentences(facts: Iterable[Fact], document: AnalysedDocument) -> Iterator[Fact]:
    """Facts with the sentence their quote stands in, so that reports can show it whole."""
    starts = [sentence.start for sentence in document.sentences]
    for fact in facts:
        span = fact.span
        if span.sentence is not None or not starts or span.document != document.document.id:
            yield fact
            continue
        first = document.sentences[max(0, bisect_right(starts, span.start) - 1)]
        last = document.sentences[max(0, bisect_right(starts, max(span.start, span.end - 1)) - 1)]
        bounds = (min(first.start, span.start), max(last.end, span.end))
        yield replace(fact, span=replace(span, sentence=bounds))


def run_audit(
    documents: Sequence[Document],
    ruleset: RuleSet,
    severities: Mapping[str, Mapping[Verdict, Severity]] | None = None,
    grouping: Grouping | None = None,
) -> AuditResult:
    documents = sorted(documents, key=lambda d: (d.path, d.id))
    analysed = Pipeline(ruleset.patterns()).analyse_each(documents)
    facts, errors = extract_facts(analysed, ruleset)
    return report_of(documents, facts, errors, ruleset, severities, grouping)


def report_of(
    documents: Sequence[Document],
    facts: dict[str, list[Fact]],
    errors: list[RuleError],
    ruleset: RuleSet,
    severities: Mapping[str, Mapping[Verdict, Severity]] | None = None,
    grouping: Grouping | None = None,
) -> AuditResult:
    """The report of an audit whose facts are read (`documents` in the audit's order)."""
    labels = document_labels(documents)
    by_id = {d.id: d.path for d in documents}
    events = assign_events(documents, grouping)
    findings: list[Finding] = []
    for loaded in ruleset.rules:
        if loaded.rule.id not in facts:
            continue
        severity = {**DEFAULT_SEVERITY, **(severities or {}).get(loaded.rule.id, {})}
        try:
            findings.extend(
                build_findings(
                    loaded.rule,
                    facts[loaded.rule.id],
                    documents,
                    labels,
                    severity,
                    events,
                    (grouping or Grouping()).gap_days,
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
    coverage = coverage_of(documents, facts, findings)
    notes += [
        f"no rule found a fact in {labels.get(c.document, c.document)} ({by_id[c.document]})"
        for c in coverage
        if c.facts == 0
    ]
    if len(documents) >= 2 and not any(c.compared for c in coverage):
        notes.append(NOTHING_COMPARED)
    report = Report(
        documents=tuple(documents),
        findings=tuple(findings),
        rules=tuple(loaded.rule.info() for loaded in ruleset.rules),
        notes=tuple(notes),
        labels=labels,
        events=events,
        coverage=coverage,
    )
    return AuditResult(report, tuple(errors))


NOTHING_COMPARED = (
    "nothing was compared: no fact is stated by two of these documents (see the coverage)"
)


def coverage_of(
    documents: Sequence[Document], facts: Mapping[str, Sequence[Fact]], findings: Sequence[Finding]
) -> tuple[Coverage, ...]:
    """Per document: the facts read (one per rule and place in the text), and how many of
    them stand in a finding with another document."""
    read: dict[str, set[tuple[str, int, int]]] = {d.id: set() for d in documents}
    for rule_facts in facts.values():
        for fact in rule_facts:
            place = (fact.rule, fact.span.line, fact.span.column)
            read.setdefault(fact.span.document, set()).add(place)
    compared: dict[str, set[tuple[str, int, int]]] = {d.id: set() for d in documents}
    for finding in findings:
        if finding.scope is Scope.ACROSS and len(finding.documents) > 1:
            for s in finding.statements:
                compared.setdefault(s.document, set()).add((finding.rule, s.line, s.column))
    return tuple(
        Coverage(d.id, len(read.get(d.id, ())), len(compared.get(d.id, ()))) for d in documents
    )
