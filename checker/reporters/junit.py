"""JUnit XML for CI test panels: a test case per rule and pair of documents; each gated
finding is a failure carrying its message and the quotes."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from typing import Any

from checker.model import Report
from checker.reporters.records import as_records, position

SUFFIX = ".xml"


def failure_text(finding: dict[str, Any]) -> str:
    lines = [finding["message"], ""]
    lines += [f'{position(s)}: {s["value"]}: "{s["quote"]}"' for s in finding["statements"]]
    return "\n".join(lines)


def render(report: Report) -> str:
    records = as_records(report)
    documents = [d["id"] for d in records["documents"]]
    cases: list[ET.Element] = []
    for rule in records["rules"]:
        gated = [f for f in records["findings"] if f["rule"] == rule["id"] and f["gated"]]
        for pair in itertools.combinations(documents, 2):
            name = f"{pair[0]} vs {pair[1]}"
            failing = [f for f in gated if tuple(s["document"] for s in f["statements"]) == pair]
            if not failing:
                cases.append(ET.Element("testcase", classname=f"crossdoc.{rule['id']}", name=name))
            cases += [failed_case(rule["id"], f"{name}: {f['key']}", f) for f in failing]
        for finding in (f for f in gated if len(f["statements"]) == 1):
            name = f"{finding['statements'][0]['document']}: {finding['key']}"
            cases.append(failed_case(rule["id"], name, finding))
    failures = sum(1 for case in cases if case.find("failure") is not None)
    suites = ET.Element(
        "testsuites", name="crossdoc", tests=str(len(cases)), failures=str(failures)
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="crossdoc",
        tests=str(len(cases)),
        failures=str(failures),
        errors="0",
    )
    suite.extend(cases)
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )


def failed_case(rule_id: str, name: str, finding: dict[str, Any]) -> ET.Element:
    case = ET.Element("testcase", classname=f"crossdoc.{rule_id}", name=name)
    failure = ET.SubElement(case, "failure", message=finding["message"], type=finding["verdict"])
    failure.text = failure_text(finding)
    return case
