"""The canonical records of a report: what the JSON contract holds and every format renders."""

from __future__ import annotations

from typing import Any

from checker import __version__
from checker.model import Report

SCHEMA = "crossdoc.report/1"


def as_records(report: Report) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "tool": {"name": "crossdoc", "version": __version__},
        "documents": [
            {
                "id": doc.id,
                "path": doc.path,
                "title": doc.title,
                "date": doc.date.isoformat() if doc.date else None,
                "issuer": doc.issuer,
                "url": doc.url,
                "identifiers": dict(doc.identifiers),
            }
            for doc in report.documents
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
        "findings": [
            {
                "rule": f.rule,
                "key": f.key,
                "verdict": f.verdict.value,
                "severity": f.severity.value,
                "message": f.message,
                "fingerprint": f.fingerprint,
                "gated": f.gated,
                "accepted": f.accepted,
                "statements": [
                    {
                        "document": s.document,
                        "path": s.path,
                        "value": s.value,
                        "quote": s.quote,
                        "line": s.line,
                        "column": s.column,
                        "end_line": s.end_line,
                        "end_column": s.end_column,
                    }
                    for s in f.statements
                ],
            }
            for f in report.findings
        ],
        "summary": report.summary,
        "gate": {
            "failed": sum(f.gated for f in report.findings),
            "accepted": sum(f.accepted is not None for f in report.findings),
            "stale_baseline": list(report.stale_baseline),
        },
        "notes": list(report.notes),
    }


def rule_titles(records: dict[str, Any]) -> dict[str, str]:
    return {rule["id"]: rule["title"] for rule in records["rules"]}


def position(statement: dict[str, Any]) -> str:
    return f"{statement['path']}:{statement['line']}:{statement['column']}"
