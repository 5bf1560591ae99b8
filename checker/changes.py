"""The change report: what an audit found that an earlier one did not, and the reverse.

A finding's identity is its rule, fact key, scope and verdict (and, for a document that
contradicts itself, the document): a discrepancy that appears is new (even where an
ordering difference stood before, which is then resolved); the same finding with other
sides (values, or the documents behind them) is changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.contracts import REPORT_SCHEMA, validate
from checker.errors import CrossdocError
from checker.output import read_crossdoc_json
from checker.reporters.markdown import escape
from checker.reporters.records import SCHEMA, departing, position
from checker.terminal import wrap_cells

Identity = tuple[str, str, str, str, tuple[str, ...]]


@dataclass(frozen=True)
class Change:
    kind: str  # new | resolved | changed
    old: dict[str, Any] | None
    new: dict[str, Any] | None

    @property
    def finding(self) -> dict[str, Any]:
        return self.new or self.old or {}


def load_report(path: Path, shown: str) -> dict[str, Any]:
    """A JSON report of this schema, validated against schemas/crossdoc-report-2.schema.json;
    another schema, or a report that breaks it, is a one-line error."""
    data = read_crossdoc_json(path, shown, "JSON report", "crossdoc.report/")
    if data["schema"] == "crossdoc.report/1":
        raise CrossdocError(
            f"{shown}: a crossdoc.report/1 report (one finding per pair of documents) cannot be "
            f"compared with {SCHEMA} (one finding per fact); regenerate it with this version: "
            "`crossdoc audit --format json --output FILE` on the earlier documents"
        )
    if data["schema"] != SCHEMA:
        raise CrossdocError(
            f"{shown}: unknown report schema {data['schema']!r}; this crossdoc reads {SCHEMA}"
        )
    validate(data, REPORT_SCHEMA, shown, "report")
    for finding in data["findings"]:
        finding.setdefault("outliers", [])
    return data


def identity(finding: dict[str, Any]) -> Identity:
    documents: tuple[str, ...] = ()
    if finding["scope"] == "within":
        documents = tuple(d for side in finding["sides"] for d in side["documents"])
    return (finding["rule"], finding["key"], finding["scope"], finding["verdict"], documents)


def values(finding: dict[str, Any]) -> list[str]:
    """Each side: its value and how many sources stand on it."""
    return [f"{side['value']} ({len(side['documents'])})" for side in finding["sides"]]


def sides_of(finding: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((side["value"], tuple(side["documents"])) for side in finding["sides"])


def diff_reports(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    before = {identity(f): f for f in old["findings"]}
    after = {identity(f): f for f in new["findings"]}
    changes = [Change("new", None, after[k]) for k in after if k not in before]
    changes += [Change("resolved", before[k], None) for k in before if k not in after]
    changes += [
        Change("changed", before[k], after[k])
        for k in after
        if k in before and sides_of(before[k]) != sides_of(after[k])
    ]
    order = {"new": 0, "changed": 1, "resolved": 2}
    return sorted(changes, key=lambda c: (order[c.kind], identity(c.finding)))


def summary_line(changes: list[Change]) -> str:
    counts = {kind: sum(c.kind == kind for c in changes) for kind in ("new", "changed", "resolved")}
    return ", ".join(f"{n} {kind}" for kind, n in counts.items())


def where(finding: dict[str, Any] | None) -> str:
    """Where the finding departs: the first statement of each departing side."""
    if not finding:
        return ""
    sides = departing(finding) or [0]
    return "; ".join(position(finding["sides"][n]["statements"][0]) for n in sides)


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


HEADERS = ["change", "rule", "fact", "verdict", "old sides", "new sides", "where"]


def render_table(changes: list[Change]) -> str:
    if not changes:
        return "crossdoc: no change in the findings\n"
    body = wrap_cells(rows(changes), [None, 24, 24, None, 30, 30, 30], HEADERS)
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
