"""The terminal report: counts, then the problems, each fact with its sides side by side."""

from __future__ import annotations

import shutil
from typing import Any

from tabulate import tabulate

from checker.model import Report
from checker.reporters import DEFAULT_VIEW, View
from checker.reporters.records import (
    as_records,
    folded,
    in_reading_order,
    plural,
    position,
    side_role,
)

SUFFIX = ".txt"
DEFAULT_LIMIT = 50  # problems listed in full; the reports hold the rest
STATEMENTS_PER_SIDE = 3
FALLBACK_WIDTH = 100  # when the output is not a terminal (CI logs, pipes, files)


def render(report: Report, view: View = DEFAULT_VIEW) -> str:
    records = as_records(report)
    width = max(60, shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns)
    documents = records["documents"]
    lines = [f"crossdoc audit of {plural(len(documents), 'document')}:"]
    lines += [f"  {d['label']}  ({d['path']})" for d in documents]
    if len(records["events"]) > 1:
        lines.append(f"grouped into {plural(len(records['events']), 'event')}:")
        lines += [
            f"  {e['label']} ({plural(len(e['documents']), 'document')}, by {e['source']})"
            for e in records["events"]
        ]
    lines += [
        "",
        tabulate(
            [[verdict, count] for verdict, count in records["summary"].items()],
            headers=["verdict", "facts"],
            tablefmt="simple",
        ),
    ]
    gate = records["gate"]
    lines.append(f"\ngate: {gate['failed']} failing, {gate['accepted']} accepted by the baseline")
    lines.extend(f"stale baseline entry: {entry}" for entry in gate["stale_baseline"])
    lines.extend(f"note: {note}" for note in records["notes"])
    shown = {v.value for v in view.show}
    listed = [f for f in in_reading_order(records["findings"]) if f["verdict"] in shown]
    limit = view.limit if view.limit is not None else DEFAULT_LIMIT
    for finding in listed[:limit]:
        lines += ["", *render_finding(finding, width)]
    if len(listed) > limit:
        lines += ["", f"... and {len(listed) - limit} more in the reports (audit.md, audit.json)"]
    counts = folded(records["findings"], shown)
    if counts:
        lines.append("")
        for verdict, per_rule in counts.items():
            rules = ", ".join(f"{rule} {n}" for rule, n in per_rule.items())
            total = sum(per_rule.values())
            lines.append(f"{plural(total, 'fact')} {verdict} ({rules}); list with --show {verdict}")
    return "\n".join(lines) + "\n"


def render_finding(finding: dict[str, Any], width: int) -> list[str]:
    head = f"{status(finding)}  {finding['rule']}: {finding['key']}"
    rows = []
    for number, side in enumerate(finding["sides"]):
        statements = side["statements"]
        sources = [f"{position(s)}" for s in statements[:STATEMENTS_PER_SIDE]]
        if len(statements) > STATEMENTS_PER_SIDE:
            sources.append(f"and {len(statements) - STATEMENTS_PER_SIDE} more")
        rows.append(
            [
                side_role(finding, number) or f"side {number + 1}",
                side["value"],
                "\n".join(sources),
                statements[0]["quote"],
            ]
        )
    value_width = max(16, (width - 30) // 3)
    table = tabulate(
        rows,
        headers=["side", "value", "where", "quote"],
        tablefmt="simple_grid",
        maxcolwidths=[None, value_width, None, value_width],
    )
    return [head, finding["message"], table]


def status(finding: dict[str, Any]) -> str:
    if finding["accepted"] is not None:
        return f"{finding['verdict']} (accepted)"
    return f"{finding['verdict']} (FAILS)" if finding["gated"] else str(finding["verdict"])
