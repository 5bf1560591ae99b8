"""The terminal report: counts, then one table per rule with the statements side by side."""

from __future__ import annotations

from tabulate import tabulate

from checker.model import Report
from checker.reporters.records import as_records, position, rule_titles

SUFFIX = ".txt"
QUOTE_WIDTH = 40


def render(report: Report) -> str:
    records = as_records(report)
    lines = [
        f"crossdoc audit of {len(records['documents'])} documents: "
        + ", ".join(d["path"] for d in records["documents"]),
        "",
        tabulate(
            sorted(records["summary"].items()), headers=["verdict", "findings"], tablefmt="simple"
        ),
    ]
    gate = records["gate"]
    lines.append(f"\ngate: {gate['failed']} failing, {gate['accepted']} accepted by the baseline")
    lines.extend(f"stale baseline entry: {entry}" for entry in gate["stale_baseline"])
    lines.extend(f"note: {note}" for note in records["notes"])
    titles = rule_titles(records)
    for rule_id in titles:
        findings = [f for f in records["findings"] if f["rule"] == rule_id]
        if not findings:
            continue
        rows = []
        for finding in findings:
            for number, statement in enumerate(finding["statements"]):
                rows.append(
                    [
                        status(finding) if number == 0 else "",
                        finding["key"] if number == 0 else "",
                        position(statement),
                        statement["value"],
                        statement["quote"],
                    ]
                )
        lines += ["", f"{rule_id}: {titles[rule_id]}"]
        lines.append(
            tabulate(
                rows,
                headers=["verdict", "fact", "where", "value", "quote"],
                tablefmt="simple_grid",
                maxcolwidths=[None, 22, None, 26, QUOTE_WIDTH],
            )
        )
    return "\n".join(lines) + "\n"


def status(finding: dict[str, object]) -> str:
    if finding["accepted"] is not None:
        return f"{finding['verdict']} (accepted)"
    return f"{finding['verdict']} (FAILS)" if finding["gated"] else str(finding["verdict"])
