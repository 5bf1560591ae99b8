"""SARIF 2.1.0: one result per gated finding, located in the source file, with the other
sources' statements as related locations, so code-scanning annotates the right lines."""

from __future__ import annotations

import json
from typing import Any

from checker.model import Report
from checker.reporters.records import as_records

SUFFIX = ".sarif"
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def physical_location(statement: dict[str, Any]) -> dict[str, Any]:
    return {
        "artifactLocation": {"uri": statement["path"], "uriBaseId": "%SRCROOT%"},
        "region": {
            "startLine": statement["line"],
            "startColumn": statement["column"],
            "endLine": max(statement["end_line"], statement["line"]),
            "endColumn": max(statement["end_column"], statement["column"] + 1),
            "snippet": {"text": statement["quote"]},
        },
    }


def rule_descriptor(rule: dict[str, Any]) -> dict[str, Any]:
    examples = "".join(f"\n- {example}" for example in rule["examples"])
    return {
        "id": rule["id"],
        "name": "".join(part.capitalize() for part in rule["id"].split("-")),
        "shortDescription": {"text": rule["title"]},
        "fullDescription": {"text": rule["description"]},
        "help": {"text": rule["description"] + (f"\n\nExamples:{examples}" if examples else "")},
        "defaultConfiguration": {"level": "error"},
    }


def render(report: Report) -> str:
    records = as_records(report)
    rule_index = {rule["id"]: number for number, rule in enumerate(records["rules"])}
    results = []
    for finding in records["findings"]:
        if not finding["gated"]:
            continue
        first, *others = finding["statements"]
        results.append(
            {
                "ruleId": finding["rule"],
                "ruleIndex": rule_index[finding["rule"]],
                "level": LEVELS[finding["severity"]],
                "message": {
                    "text": f"{finding['verdict']}: {finding['key']}: {finding['message']}"
                },
                "locations": [{"physicalLocation": physical_location(first)}],
                "relatedLocations": [
                    {
                        "id": number,
                        "physicalLocation": physical_location(other),
                        "message": {"text": f"{other['document']}: {other['value']}"},
                    }
                    for number, other in enumerate(others, start=1)
                ],
                "partialFingerprints": {"crossdocFingerprint/v1": finding["fingerprint"]},
            }
        )
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "crossdoc",
                        "version": records["tool"]["version"],
                        "rules": [rule_descriptor(rule) for rule in records["rules"]],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
