"""SARIF 2.1.0: one result per departing side of each gated finding (one per side on a tie),
located at that side's statement, with the other statements as related locations, so code
scanning annotates the source that departs."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from checker.model import Report
from checker.reporters import DEFAULT_VIEW, View
from checker.reporters.records import as_records, departing

SUFFIX = ".sarif"
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://pypi.org/project/crossdoc/"


Lines = dict[str, list[str]]  # a document's path -> the lines of its original text


def document_lines(report: Report) -> Lines:
    return {doc.path: doc.original.split("\n") for doc in report.documents}


def utf16_column(lines: Lines, path: str, line: int, column: int) -> int:
    """A 1-based column in code points as a column in UTF-16 code units (SARIF's default
    unit, and the run's declared `columnKind`): an emoji or a rare CJK character before the
    quote counts two."""
    text = lines.get(path, [])
    if not 1 <= line <= len(text):
        return column
    before = text[line - 1][: column - 1]
    return 1 + len(before.encode("utf-16-le")) // 2 + max(0, column - 1 - len(before))


def physical_location(statement: dict[str, Any], lines: Lines | None = None) -> dict[str, Any]:
    known = lines or {}
    path = statement["path"]
    end_line = max(statement["end_line"], statement["line"])
    start = utf16_column(known, path, statement["line"], statement["column"])
    end = utf16_column(known, path, end_line, statement["end_column"])
    return {
        "artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"},
        "region": {
            "startLine": statement["line"],
            "startColumn": start,
            "endLine": end_line,
            "endColumn": max(end, start + 1) if end_line == statement["line"] else max(end, 1),
            "snippet": {"text": statement["quote"]},
        },
    }


def help_uri(rule_id: str) -> str:
    return f"{INFORMATION_URI}#rule-{rule_id}"


def rule_descriptor(rule: dict[str, Any]) -> dict[str, Any]:
    examples = "".join(f"\n- {example}" for example in rule["examples"])
    text = rule["description"] + (f"\n\nExamples:{examples}" if examples else "")
    return {
        "id": rule["id"],
        "name": "".join(part.capitalize() for part in rule["id"].split("-")),
        "shortDescription": {"text": rule["title"]},
        "fullDescription": {"text": rule["description"]},
        "help": {"text": text, "markdown": f"**{rule['title']}**\n\n{text}"},
        "helpUri": help_uri(rule["id"]),
        "defaultConfiguration": {"level": "error"},
    }


def results_for(
    finding: dict[str, Any], rule_index: int, lines: Lines | None = None
) -> list[dict[str, Any]]:
    results = []
    for side_number in departing(finding) or [0]:
        side = finding["sides"][side_number]
        primary, *same_side = side["statements"]
        others = [
            (n, s)
            for n, other in enumerate(finding["sides"])
            if n != side_number
            for s in other["statements"]
        ]
        related = [*((side_number, s) for s in same_side), *others]
        identity = f"{finding['fingerprint']}:{side_number}:{side['value']}"
        results.append(
            {
                "ruleId": finding["rule"],
                "ruleIndex": rule_index,
                "level": LEVELS[finding["severity"]],
                "message": {
                    "text": f"{finding['verdict']}: {finding['key']}: {finding['message']}"
                },
                "locations": [{"physicalLocation": physical_location(primary, lines)}],
                "relatedLocations": [
                    {
                        "id": number,
                        "physicalLocation": physical_location(statement, lines),
                        "message": {
                            "text": f"{statement['document']}: {statement['value']} "
                            f"(side {on_side + 1})"
                        },
                    }
                    for number, (on_side, statement) in enumerate(related, start=1)
                ],
                "partialFingerprints": {
                    "crossdocFingerprint/v2": hashlib.sha256(identity.encode()).hexdigest()[:20]
                },
                "properties": {"fingerprint": finding["fingerprint"]},
            }
        )
    return results


def render(report: Report, view: View = DEFAULT_VIEW) -> str:
    records = as_records(report)
    rule_index = {rule["id"]: number for number, rule in enumerate(records["rules"])}
    lines = document_lines(report)
    results = [
        result
        for finding in records["findings"]
        if finding["gated"]
        for result in results_for(finding, rule_index[finding["rule"]], lines)
    ]
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "crossdoc",
                        "version": records["tool"]["version"],
                        "informationUri": INFORMATION_URI,
                        "rules": [rule_descriptor(rule) for rule in records["rules"]],
                    }
                },
                "results": results,
                "columnKind": "utf16CodeUnits",
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
