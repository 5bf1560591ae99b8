"""Plain, immutable records that flow through crossdoc: documents, spans, facts, findings."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    """How two sources relate on one fact."""

    AGREEMENT = "agreement"
    DISCREPANCY = "discrepancy"
    ORDERING_DIFFERENCE = "ordering_difference"
    COMPLEMENTARY = "complementary"
    ONE_SIDED = "one_sided"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


DEFAULT_SEVERITY: Mapping[Verdict, Severity] = {
    Verdict.DISCREPANCY: Severity.ERROR,
    Verdict.ORDERING_DIFFERENCE: Severity.WARNING,
    Verdict.COMPLEMENTARY: Severity.INFO,
    Verdict.ONE_SIDED: Severity.INFO,
    Verdict.AGREEMENT: Severity.INFO,
}

# When one document states a fact several times, the statement pair that fits best is reported.
VERDICT_PREFERENCE: tuple[Verdict, ...] = (
    Verdict.AGREEMENT,
    Verdict.COMPLEMENTARY,
    Verdict.ORDERING_DIFFERENCE,
    Verdict.DISCREPANCY,
)


class Confidence(StrEnum):
    """How a fact's value was obtained (after pylint's confidence levels)."""

    EXPLICIT = "explicit"  # stated in the sentence itself
    NORMALISED = "normalised"  # stated, then mapped through a table or parser
    CONTEXTUAL = "contextual"  # inferred from the surrounding paragraph or the document


@dataclass(frozen=True)
class Document:
    """One input file: its text as analysed, and how each analysed character maps back."""

    id: str
    path: str
    text: str
    # offsets[i] = index in `original` of analysed character i (a compact array)
    offsets: Sequence[int] = field(repr=False, compare=False)
    original: str = field(default="", repr=False)
    title: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    url: str | None = None
    identifiers: Mapping[str, str] = field(default_factory=dict)
    metadata: Mapping[str, str] = field(default_factory=dict)

    def position(self, start: int) -> tuple[int, int]:
        """1-based (line, column) in the original file of analysed character `start`."""
        if not self.offsets:
            return (1, 1)
        index = self.offsets[min(start, len(self.offsets) - 1)]
        line = self.original.count("\n", 0, index) + 1
        column = index - (self.original.rfind("\n", 0, index) + 1) + 1
        return (line, column)

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, last_column = self.position(max(start, end - 1))
        return Span(
            self.id, start, end, line, column, self.text[start:end], end_line, last_column + 1
        )


@dataclass(frozen=True)
class Span:
    """Where a quote stands: offsets in the analysed text, line and column in the file."""

    document: str
    start: int
    end: int
    line: int
    column: int
    quote: str
    end_line: int = 0  # where the quote ends: the line, and the column just after it
    end_column: int = 0


@dataclass(frozen=True)
class Fact:
    """One thing a document states, in a form that can be compared across documents.

    `key` names the fact (two facts with the same rule and key are about the same thing);
    `value` is its normalised value, a rule-specific immutable object that prints itself
    in plain words.
    """

    rule: str
    key: str
    value: Any
    raw: str
    span: Span
    confidence: Confidence = Confidence.EXPLICIT


@dataclass(frozen=True)
class Comparison:
    """What a comparator says about two values."""

    verdict: Verdict
    detail: str = ""


@dataclass(frozen=True)
class Statement:
    """One source's side of a finding: the evidence."""

    document: str
    path: str
    value: str
    quote: str
    line: int
    column: int
    end_line: int = 0
    end_column: int = 0


@dataclass(frozen=True)
class Finding:
    rule: str
    key: str
    verdict: Verdict
    severity: Severity
    message: str
    statements: tuple[Statement, ...]
    accepted: str | None = None  # the baseline's reason, when a reviewer accepted it
    gated: bool = False  # fails the gate under the policy in force

    @property
    def fingerprint(self) -> str:
        """Identity for baselines: the rule, the fact, the verdict, the documents and their
        normalised values; never positions or wording, so it survives re-wrapping."""
        material = [
            self.rule,
            self.key,
            self.verdict.value,
            sorted([s.document, s.value] for s in self.statements),
        ]
        encoded = json.dumps(material, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:20]

    def check_tuple(self) -> tuple[str, str, str, tuple[str, ...]]:
        """A compact identity for tests: (rule, key, verdict, documents)."""
        return (self.rule, self.key, self.verdict.value, tuple(s.document for s in self.statements))


@dataclass(frozen=True)
class RuleInfo:
    id: str
    title: str
    description: str
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    documents: tuple[Document, ...]
    findings: tuple[Finding, ...]
    rules: tuple[RuleInfo, ...] = ()
    notes: tuple[str, ...] = ()
    stale_baseline: tuple[str, ...] = ()  # baseline entries that match no finding

    @property
    def summary(self) -> dict[str, int]:
        counts = {verdict.value: 0 for verdict in Verdict}
        for finding in self.findings:
            counts[finding.verdict.value] += 1
        return counts
