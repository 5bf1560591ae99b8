"""The canonical records of a report: what the JSON contract holds and every format renders."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker import __version__
from checker.model import Document, Finding, Report, Statement

SCHEMA = "crossdoc.report/2"


def header_records(report: Report) -> dict[str, Any]:
    """Everything but the findings (small whatever the corpus)."""
    events = {document: event.id for event in report.events for document in event.documents}
    return {
        "schema": SCHEMA,
        "tool": {"name": "crossdoc", "version": __version__},
        "documents": [
            {
                "id": doc.id,
                "label": report.labels.get(doc.id, doc.id),
                "path": doc.path,
                "title": doc.title,
                "date": stated_date(doc),
                "issuer": doc.issuer,
                "url": doc.url,
                "identifiers": dict(doc.identifiers),
                "event": events.get(doc.id),
            }
            for doc in report.documents
        ],
        "events": [
            {
                "id": event.id,
                "label": event.label,
                "source": event.source,
                "start": event.start.isoformat() if event.start else None,
                "end": event.end.isoformat() if event.end else None,
                "documents": list(event.documents),
            }
            for event in report.events
        ],
        "rules": [
            {
                "id": r.id,
                "title": r.title,
                "description": r.description,
                "examples": list(r.examples),
            }
            for r in report.rules
        ],
    }


DATE_LENGTH = {"day": 10, "month": 7, "year": 4}  # ISO 8601 at the precision stated


def stated_date(doc: Document) -> str | None:
    if doc.date is None:
        return None
    return doc.date.isoformat()[: DATE_LENGTH.get(doc.date_precision or "day", 10)]


def footer_records(report: Report) -> dict[str, Any]:
    return {
        "coverage": [
            {"document": c.document, "facts": c.facts, "compared": c.compared}
            for c in report.coverage
        ],
        "summary": report.summary,
        "gate": {
            "failed": sum(f.gated for f in report.findings),
            "accepted": sum(f.accepted is not None for f in report.findings),
            "stale_baseline": list(report.stale_baseline),
        },
        "notes": list(report.notes),
    }


def statement_record(s: Statement) -> dict[str, Any]:
    return {
        "document": s.document,
        "path": s.path,
        "value": s.value,
        "quote": s.quote,
        "line": s.line,
        "column": s.column,
        "end_line": s.end_line,
        "end_column": s.end_column,
        "sentence": s.sentence,
        "quote_offset": s.quote_offset,
        "dates": [
            {
                "start": d.start.isoformat(),
                "end": d.end.isoformat(),
                "precision": d.precision,
                "stated": d.stated,
            }
            for d in s.dates
        ],
    }


def finding_record(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "key": f.key,
        "scope": f.scope.value,
        "verdict": f.verdict.value,
        "severity": f.severity.value,
        "message": f.message,
        "fingerprint": f.fingerprint,
        "gated": f.gated,
        "accepted": f.accepted,
        "sides": [
            {
                "value": side.value,
                "documents": list(side.documents),
                "statements": [statement_record(s) for s in side.statements],
            }
            for side in f.sides
        ],
        "relations": [
            {"sides": [r.first, r.second], "verdict": r.verdict.value, "detail": r.detail}
            for r in f.relations
        ],
        "outliers": list(f.outliers),
    }


def finding_records(report: Report) -> Iterator[dict[str, Any]]:
    return (finding_record(f) for f in report.findings)


def as_records(report: Report) -> dict[str, Any]:
    """The whole report as one structure (for small reports and tests; the JSON reporter
    streams the same records instead)."""
    return {
        **header_records(report),
        "findings": list(finding_records(report)),
        **footer_records(report),
    }


def rule_titles(records: dict[str, Any]) -> dict[str, str]:
    return {rule["id"]: rule["title"] for rule in records["rules"]}


def position(statement: dict[str, Any]) -> str:
    return f"{statement['path']}:{statement['line']}:{statement['column']}"


def statements_of(finding: dict[str, Any]) -> list[dict[str, Any]]:
    """Every statement of a finding record, side after side."""
    return [s for side in finding["sides"] for s in side["statements"]]


def departing(finding: dict[str, Any]) -> list[int]:
    """The sides a reader should look at: the outliers, or every side on a tie."""
    if finding["outliers"]:
        return list(finding["outliers"])
    return list(range(len(finding["sides"]))) if len(finding["sides"]) > 1 else []


READING_ORDER = ("discrepancy", "ordering_difference", "complementary", "one_sided", "agreement")


def in_reading_order(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Problems first (discrepancies, ordering differences, complementary), then the rest;
    within a verdict, by rule and fact as the report lists them."""
    return sorted(findings, key=lambda f: READING_ORDER.index(f["verdict"]))


def folded(findings: list[dict[str, Any]], shown: set[str]) -> dict[str, dict[str, int]]:
    """verdict -> rule -> how many findings a human format counts instead of listing."""
    counts: dict[str, dict[str, int]] = {}
    for finding in findings:
        if finding["verdict"] not in shown:
            per_rule = counts.setdefault(finding["verdict"], {})
            per_rule[finding["rule"]] = per_rule.get(finding["rule"], 0) + 1
    return {v: counts[v] for v in READING_ORDER if v in counts}


def side_role(finding: dict[str, Any], index: int) -> str:
    """'majority', 'departs', or '' (a tie, or a single side)."""
    if not finding["outliers"]:
        return ""
    return "departs" if index in finding["outliers"] else "majority"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"
