"""The Markdown report (reports/audit.md). Document text is data: it is escaped so that it
cannot change the structure of the report (no tags, links, images or table cells)."""

from __future__ import annotations

import html
import re
from typing import Any

from checker.model import Report
from checker.reporters.records import as_records, rule_titles

SUFFIX = ".md"
# In a table cell only these can change structure: pipes end cells, brackets make links and
# images, backticks code, asterisks and word-edge underscores emphasis. HTML is escaped apart.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")


def escape(text: str | None) -> str:
    """Plain text safe in a Markdown table cell: HTML-escaped, specials backslashed, one line."""
    if text is None:
        return ""
    flat = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def render(report: Report) -> str:
    records = as_records(report)
    out = ["# crossdoc audit", ""]
    out += ["## Documents", "", "| id | path | title | date |", "| --- | --- | --- | --- |"]
    for doc in records["documents"]:
        out.append(
            f"| {escape(doc['id'])} | {escape(doc['path'])} | {escape(doc['title'])} "
            f"| {escape(doc['date'])} |"
        )
    out += ["", "## Summary", "", "| verdict | findings |", "| --- | ---: |"]
    out += [f"| {verdict} | {count} |" for verdict, count in records["summary"].items()]
    gate = records["gate"]
    out += ["", f"Gate: {gate['failed']} failing, {gate['accepted']} accepted by the baseline."]
    out += [f"\n> Stale baseline entry: {escape(entry)}" for entry in gate["stale_baseline"]]
    out += [f"\n> Note: {escape(note)}" for note in records["notes"]]
    titles = rule_titles(records)
    for rule_id, title in titles.items():
        findings = [f for f in records["findings"] if f["rule"] == rule_id]
        out += ["", f"## {rule_id}: {escape(title)}", ""]
        if not findings:
            out.append("No facts of this kind were found.")
        for finding in findings:
            out += render_finding(finding)
    return "\n".join(out).rstrip("\n") + "\n"


def render_finding(finding: dict[str, Any]) -> list[str]:
    lines = [
        f"### {finding['verdict']} ({finding['severity']}): {escape(finding['key'])}",
        "",
        escape(finding["message"]),
        "",
    ]
    if finding["accepted"] is not None:
        lines += [f"Accepted in the baseline: {escape(finding['accepted'])}", ""]
    elif finding["gated"]:
        lines += ["**Fails the gate.**", ""]
    lines += [
        "| document | line | column | value | quote |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    for s in finding["statements"]:
        lines.append(
            f"| {escape(s['path'])} | {s['line']} | {s['column']} | {escape(s['value'])} "
            f"| {escape(s['quote'])} |"
        )
    lines.append("")
    return lines
