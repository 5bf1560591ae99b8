"""The change report: what an audit found that an earlier one did not, and the reverse.

A finding's identity is its rule, fact key, verdict and documents: a discrepancy that
appears is new (even where an ordering difference stood before, which is then resolved);
the same finding with other values is changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tabulate import tabulate

from checker.output import read_crossdoc_json
from checker.reporters.markdown import escape
from checker.reporters.records import position

Identity = tuple[str, str, str, tuple[str, ...]]


@dataclass(frozen=True)
class Change:
    kind: str  # new | resolved | changed
    old: dict[str, Any] | None
    new: dict[str, Any] | None

    @property
    def finding(self) -> dict[str, Any]:
        return self.new or self.old or {}


def load_report(path: Path, shown: str) -> dict[str, Any]:
    return read_crossdoc_json(path, shown, "JSON report", "crossdoc.report/")


def identity(finding: dict[str, Any]) -> Identity:
    documents = tuple(s["document"] for s in finding["statements"])
    return (finding["rule"], finding["key"], finding["verdict"], documents)


def values(finding: dict[str, Any]) -> list[str]:
    return [s["value"] for s in finding["statements"]]


def diff_reports(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    before = {identity(f): f for f in old["findings"]}
    after = {identity(f): f for f in new["findings"]}
    changes = [Change("new", None, after[k]) for k in after if k not in before]
    changes += [Change("resolved", before[k], None) for k in before if k not in after]
    changes += [
        Change("changed", before[k], after[k])
        for k in after
        if k in before and values(before[k]) != values(after[k])
    ]
    order = {"new": 0, "changed": 1, "resolved": 2}
    return sorted(changes, key=lambda c: (order[c.kind], identity(c.finding)))


def summary_line(changes: list[Change]) -> str:
    counts = {kind: sum(c.kind == kind for c in changes) for kind in ("new", "changed", "resolved")}
    return ", ".join(f"{n} {kind}" for kind, n in counts.items())


def where(finding: dict[str, Any] | None) -> str:
    if not finding:
        return ""
    return "; ".join(position(s) for s in finding["statements"])


def rows(changes: list[Change]) -> list[list[str]]:
    table = []
    for change in changes:
        finding = change.finding
        old = "; ".join(values(change.old)) if change.old else ""
        new = "; ".join(values(change.new)) if change.new else ""
        table.append(
            [
                change.kind,
                finding["rule"],
                finding["key"],
                finding["verdict"],
                old,
                new,
                where(change.new or change.old),
            ]
        )
    return table


HEADERS = ["change", "rule", "fact", "verdict", "old values", "new values", "where"]


def render_table(changes: list[Change]) -> str:
    if not changes:
        return "crossdoc: no change in the findings\n"
    body = tabulate(
        rows(changes),
        headers=HEADERS,
        tablefmt="simple_grid",
        maxcolwidths=[None, 24, 24, None, 30, 30, 30],
    )
    return f"crossdoc: {summary_line(changes)}\n{body}\n"


def render_markdown(changes: list[Change]) -> str:
    lines = ["## crossdoc: changes in the audit", ""]
    if not changes:
        return "\n".join([*lines, "No change in the findings."]) + "\n"
    lines += [
        f"**{summary_line(changes)}**",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + " --- |" * len(HEADERS),
    ]
    for row in rows(changes):
        lines.append("| " + " | ".join(escape(cell) for cell in row) + " |")
    return "\n".join(lines) + "\n"
