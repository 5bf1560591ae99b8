"""The Markdown report (reports/audit.md): problems first, each fact with its sides.

Document text is data: it is escaped so that it cannot change the structure of the report
(no tags, links, images or table cells)."""

from __future__ import annotations

import html
import re
from typing import Any

from checker.model import Report
from checker.reporters import DEFAULT_VIEW, View
from checker.reporters.records import (
    as_records,
    folded,
    in_reading_order,
    rule_titles,
    side_role,
)
from checker.terminal import safe_line

SUFFIX = ".md"
# In a table cell only these can change structure: pipes end cells, brackets make links and
# images, backticks code, asterisks and word-edge underscores emphasis. HTML is escaped apart.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
HEADINGS = {
    "discrepancy": "Discrepancies",
    "ordering_difference": "Ordering differences",
    "complementary": "Complementary statements",
    "one_sided": "Stated by one source only",
    "agreement": "Agreements",
}


def escape(text: str | None) -> str:
    """Plain text safe in a Markdown table cell: HTML-escaped, specials backslashed, one line,
    control characters as visible escapes (the report is also read in terminals)."""
    if text is None:
        return ""
    flat = safe_line(" ".join(str(text).split()))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def render(report: Report, view: View = DEFAULT_VIEW) -> str:
    records = as_records(report)
    out = ["# crossdoc audit", ""]
    out += [
        "## Documents",
        "",
        "| document | path | title | date | event | facts read | compared |",
        "| --- | --- | --- | --- | --- | ---: | ---: |",
    ]
    event_labels = {event["id"]: event["label"] for event in records["events"]}
    coverage = {c["document"]: c for c in records["coverage"]}
    for doc in records["documents"]:
        used = coverage.get(doc["id"], {"facts": 0, "compared": 0})
        out.append(
            f"| {escape(doc['label'])} | {escape(doc['path'])} | {escape(doc['title'])} "
            f"| {escape(doc['date'] or 'undated')} | {escape(event_labels.get(doc['event']))} "
            f"| {used['facts']} | {used['compared']} |"
        )
    if len(records["events"]) > 1:
        out += ["", "## Events", "", "| event | grouped by | documents |", "| --- | --- | ---: |"]
        out += [
            f"| {escape(e['label'])} | {escape(e['source'])} | {len(e['documents'])} |"
            for e in records["events"]
        ]
    out += ["", "## Summary", "", "| verdict | facts |", "| --- | ---: |"]
    out += [f"| {verdict} | {count} |" for verdict, count in records["summary"].items()]
    gate = records["gate"]
    out += ["", f"Gate: {gate['failed']} failing, {gate['accepted']} accepted by the baseline."]
    out += [f"\n> Stale baseline entry: {escape(entry)}" for entry in gate["stale_baseline"]]
    out += [f"\n> Note: {escape(note)}" for note in records["notes"]]
    shown = {v.value for v in view.show}
    titles = rule_titles(records)
    listed = [f for f in in_reading_order(records["findings"]) if f["verdict"] in shown]
    for verdict, heading in HEADINGS.items():
        findings = [f for f in listed if f["verdict"] == verdict]
        if findings:
            out += ["", f"## {heading}", ""]
            for finding in findings:
                out += render_finding(finding, titles)
    counts = folded(records["findings"], shown)
    if counts:
        out += ["", "## Not listed", "", "| verdict | rule | facts |", "| --- | --- | ---: |"]
        for verdict, per_rule in counts.items():
            out += [f"| {verdict} | {rule} | {n} |" for rule, n in per_rule.items()]
        out += ["", "List them with `--show agreement`, `--show one_sided` or `--show all`."]
    if not records["findings"]:
        out += ["", "No rule found a fact in these documents."]
    return "\n".join(out).rstrip("\n") + "\n"


def render_finding(finding: dict[str, Any], titles: dict[str, str]) -> list[str]:
    rule = finding["rule"]
    lines = [
        f"### {finding['verdict']} ({finding['severity']}): {escape(finding['key'])}",
        "",
        f"Rule `{rule}`: {escape(titles.get(rule, ''))}",
        "",
        escape(finding["message"]),
        "",
    ]
    if finding["accepted"] is not None:
        lines += [f"Accepted in the baseline: {escape(finding['accepted'])}", ""]
    elif finding["gated"]:
        lines += ["**Fails the gate.**", ""]
    lines += [
        "| side | value | document | line | column | quote |",
        "| --- | --- | --- | ---: | ---: | --- |",
    ]
    for number, side in enumerate(finding["sides"]):
        role = side_role(finding, number)
        name = f"{number + 1}" + (f" ({role})" if role else "")
        for s in side["statements"]:
            lines.append(
                f"| {name} | {escape(s['value'])} | {escape(s['path'])} | {s['line']} "
                f"| {s['column']} | {escape(s['quote'])} |"
            )
    if len(finding["sides"]) > 2:
        lines += ["", "| sides | relation | detail |", "| --- | --- | --- |"]
        for relation in finding["relations"]:
            first, second = relation["sides"]
            lines.append(
                f"| {first + 1} – {second + 1} | {relation['verdict']} "
                f"| {escape(relation['detail'])} |"
            )
    lines.append("")
    return lines
