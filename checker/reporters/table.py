"""The terminal report: counts, then the problems, each fact with its sides side by side."""

from __future__ import annotations

import io
import shutil
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

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
from checker.terminal import safe_records

SUFFIX = ".txt"
DEFAULT_LIMIT = 50  # problems listed in full; the reports hold the rest
STATEMENTS_PER_SIDE = 3
FALLBACK_WIDTH = 100  # when the output is not a terminal (CI logs, pipes, files)
MIN_WIDTH = 40


STYLES = {
    "discrepancy": "bold red",
    "ordering_difference": "yellow",
    "complementary": "cyan",
    "one_sided": "blue",
    "agreement": "green",
}


def terminal_width(view: View) -> int:
    """The width to fill: the view's, else the terminal's ($COLUMNS or the terminal of
    stdout), else FALLBACK_WIDTH."""
    if view.width:
        return max(MIN_WIDTH, view.width)
    return max(MIN_WIDTH, shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns)


def render(report: Report, view: View = DEFAULT_VIEW) -> str:
    """The table as text, fitted to the width; in colour when the view asks (rich writes
    the escape codes). Document text is printed as text, never as rich markup, with its
    control characters and line breaks as visible escapes (`checker.terminal`)."""
    records = safe_records(as_records(report))
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=terminal_width(view),
        color_system="standard" if view.color else None,
        force_terminal=view.color,
        no_color=not view.color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )
    documents = records["documents"]
    console.print(Text(f"crossdoc audit of {plural(len(documents), 'document')}:", style="bold"))
    coverage = {c["document"]: c for c in records["coverage"]}
    for d in documents:
        used = coverage.get(d["id"], {"facts": 0, "compared": 0})
        read = f"{plural(used['facts'], 'fact')} read, {used['compared']} compared"
        console.print(Text(f"  {d['label']}  ({d['path']}): {read}"))
    if len(records["events"]) > 1:
        console.print(Text(f"grouped into {plural(len(records['events']), 'event')}:"))
        for e in records["events"]:
            count = plural(len(e["documents"]), "document")
            console.print(Text(f"  {e['label']} ({count}, by {e['source']})"))
    summary = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    summary.add_column("verdict")
    summary.add_column("facts", justify="right")
    for verdict, count in records["summary"].items():
        summary.add_row(Text(verdict, style=STYLES.get(verdict, "") if count else ""), str(count))
    console.print()
    console.print(summary)
    console.print()
    gate = records["gate"]
    failing = Text(f"{gate['failed']} failing", style="bold red" if gate["failed"] else "green")
    console.print(
        Text.assemble("gate: ", failing, f", {gate['accepted']} accepted by the baseline")
    )
    for entry in gate["stale_baseline"]:
        console.print(Text(f"stale baseline entry: {entry}", style="yellow"))
    for note in records["notes"]:
        console.print(Text(f"note: {note}"))
    shown = {v.value for v in view.show}
    listed = [f for f in in_reading_order(records["findings"]) if f["verdict"] in shown]
    limit = view.limit if view.limit is not None else DEFAULT_LIMIT
    for finding in listed[:limit]:
        console.print()
        render_finding(console, finding)
    if len(listed) > limit:
        console.print()
        console.print(
            Text(f"... and {len(listed) - limit} more in the reports (audit.md, audit.json)")
        )
    counts = folded(records["findings"], shown)
    if counts:
        console.print()
        for verdict, per_rule in counts.items():
            rules = ", ".join(f"{rule} {n}" for rule, n in per_rule.items())
            total = sum(per_rule.values())
            console.print(
                Text(f"{plural(total, 'fact')} {verdict} ({rules}); list with --show {verdict}")
            )
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def render_finding(console: Console, finding: dict[str, Any]) -> None:
    verdict = finding["verdict"]
    console.print(
        Text.assemble(
            status(finding, STYLES.get(verdict, "")),
            "  ",
            (f"{finding['rule']}: ", "bold"),
            finding["key"],
        )
    )
    console.print(Text(finding["message"]))
    table = Table(box=box.SQUARE, show_lines=True, expand=False)
    table.add_column("side", no_wrap=True)
    table.add_column("value", ratio=2, overflow="fold")
    table.add_column("where", ratio=2, overflow="fold")
    table.add_column("quote", ratio=3, overflow="fold")
    for number, side in enumerate(finding["sides"]):
        statements = side["statements"]
        sources = [position(s) for s in statements[:STATEMENTS_PER_SIDE]]
        if len(statements) > STATEMENTS_PER_SIDE:
            sources.append(f"and {len(statements) - STATEMENTS_PER_SIDE} more")
        role = side_role(finding, number)
        table.add_row(
            Text(role or f"side {number + 1}", style="bold" if role == "departs" else ""),
            Text(side["value"]),
            Text("\n".join(sources)),
            Text(statements[0]["quote"]),
        )
    console.print(table)


def status(finding: dict[str, Any], style: str = "") -> Text:
    if finding["accepted"] is not None:
        return Text.assemble((finding["verdict"], style), (" (accepted)", "dim"))
    if finding["gated"]:
        return Text.assemble((finding["verdict"], style), (" (FAILS)", "bold red"))
    return Text(str(finding["verdict"]), style=style)
