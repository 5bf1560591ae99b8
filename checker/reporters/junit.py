"""JUnit XML for CI test panels: a test case per fact (named by rule and fact, so the name
stays when the verdict changes); each gated finding fails, pointing at the departing
statement's file and line."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from checker.model import Report
from checker.reporters import DEFAULT_VIEW, View
from checker.reporters.records import as_records, departing, position
from checker.terminal import safe_records

SUFFIX = ".xml"


def failure_text(finding: dict[str, Any]) -> str:
    lines = [finding["message"], ""]
    for number, side in enumerate(finding["sides"], start=1):
        lines += [
            f'side {number}: {position(s)}: {s["value"]}: "{s["quote"]}"'
            for s in side["statements"]
        ]
    return "\n".join(lines)


def case_name(finding: dict[str, Any]) -> str:
    if finding["scope"] == "within":
        values = " / ".join(side["value"] for side in finding["sides"])
        return f"{finding['key']} (within {finding['sides'][0]['documents'][0]}: {values})"
    return finding["key"]


def test_case(finding: dict[str, Any]) -> ET.Element:
    case = ET.Element("testcase", classname=f"crossdoc.{finding['rule']}", name=case_name(finding))
    if finding["gated"]:
        side = finding["sides"][(departing(finding) or [0])[0]]
        statement = side["statements"][0]
        case.set("file", statement["path"])
        case.set("line", str(statement["line"]))
        failure = ET.SubElement(
            case, "failure", message=finding["message"], type=finding["verdict"]
        )
        failure.text = failure_text(finding)
    return case


def render(report: Report, view: View = DEFAULT_VIEW) -> str:
    # XML 1.0 cannot hold most C0 controls (a document's ESC, \x01, \x0b) even as character
    # references: every string is made safe first, its controls shown as visible escapes
    records = safe_records(as_records(report))
    cases = [test_case(finding) for finding in records["findings"]]
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
