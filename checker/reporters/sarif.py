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


def results_for(finding: dict[str, Any], rule_index: int) -> list[dict[str, Any]]:
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
                "locations": [{"physicalLocation": physical_location(primary)}],
                "relatedLocations": [
                    {
                        "id": number,
                        "physicalLocation": physical_location(statement),
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
    results = [
        result
        for finding in records["findings"]
        if finding["gated"]
        for result in results_for(finding, rule_index[finding["rule"]])
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
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
