"""The baseline: findings a reviewer accepted, each with a fingerprint and a reason.

A fingerprint names the rule, the fact, the verdict, and the departing values with their
documents against the other values (see `Finding.fingerprint`), so an accepted finding
stays accepted when a further source agrees with the majority, and not when a value
changes or a new source departs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from checker.contracts import BASELINE_SCHEMA, validate
from checker.errors import ConfigError
from checker.model import Finding, Report
from checker.output import read_crossdoc_json

SCHEMA = "crossdoc.baseline/2"
OLD_SCHEMA = "crossdoc.baseline/1"
DEFAULT_NAME = "crossdoc-baseline.json"
MAX_BYTES = 16 * 1024 * 1024  # some 30,000 accepted findings; more is no baseline


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str
    key: str
    verdict: str
    departing: tuple[tuple[str, tuple[str, ...]], ...]  # (value, documents) of departing sides
    others: tuple[str, ...]  # the values the departing sides stand against
    reason: str

    def as_record(self) -> dict[str, object]:
        return {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "key": self.key,
            "verdict": self.verdict,
            "departing": [
                {"value": value, "documents": list(documents)}
                for value, documents in self.departing
            ],
            "others": list(self.others),
            "reason": self.reason,
        }

    def describe(self) -> str:
        said = "; ".join(f"{value} ({', '.join(docs)})" for value, docs in self.departing)
        against = f" against {', '.join(self.others)}" if self.others else ""
        return (
            f"{self.rule}: {self.key} ({self.verdict}; {said}{against}), "
            f"fingerprint {self.fingerprint}"
        )


def entry_for(finding: Finding, reason: str) -> Entry:
    departing = set(finding.departing)
    return Entry(
        finding.fingerprint,
        finding.rule,
        finding.key,
        finding.verdict.value,
        tuple(
            (side.value, side.documents)
            for n, side in enumerate(finding.sides)
            if n in departing or not departing
        ),
        tuple(
            side.value for n, side in enumerate(finding.sides) if departing and n not in departing
        ),
        reason,
    )


def _reason(item: dict[str, Any], number: int, shown: str) -> str:
    reason = item.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ConfigError(
            f"{shown}: entry {number} ({item.get('rule')}, {item.get('key')}) has no reason: "
            "say why this finding is accepted"
        )
    return reason.strip()


def _items(data: dict[str, Any], shown: str) -> list[dict[str, Any]]:
    entries = data.get("entries", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{shown}: 'entries' must be a list")
    for number, item in enumerate(entries, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise ConfigError(f"{shown}: entry {number} has no fingerprint")
    return entries


def load_baseline(path: Path, shown: str) -> list[Entry]:
    data = read_crossdoc_json(path, shown, "baseline", "crossdoc.baseline/", MAX_BYTES)
    if data["schema"] == OLD_SCHEMA:
        raise ConfigError(
            f"{shown}: a {OLD_SCHEMA} baseline (findings per pair of documents); convert it "
            "with `crossdoc baseline --migrate`"
        )
    if data["schema"] != SCHEMA:
        raise ConfigError(
            f"{shown}: unknown baseline schema {data['schema']!r}; this crossdoc reads {SCHEMA}"
        )
    items = _items(data, shown)
    for number, item in enumerate(items, start=1):
        _reason(item, number, shown)  # the friendlier message first
    validate(data, BASELINE_SCHEMA, shown, "baseline")
    entries = []
    for number, item in enumerate(items, start=1):
        reason = _reason(item, number, shown)
        departing = tuple(
            (str(side.get("value", "")), tuple(str(d) for d in side.get("documents", [])))
            for side in item.get("departing", [])
            if isinstance(side, dict)
        )
        entries.append(
            Entry(
                item["fingerprint"],
                str(item.get("rule", "")),
                str(item.get("key", "")),
                str(item.get("verdict", "")),
                departing,
                tuple(str(v) for v in item.get("others", [])),
                reason,
            )
        )
    return entries


def migrate_baseline(
    path: Path, shown: str, findings: Sequence[Finding]
) -> tuple[list[Entry], int]:
    """A version-1 baseline's reasons carried to today's findings: an old entry (a pair of
    documents with their values) accepts the finding of the same rule, fact and verdict
    whose statements include that pair with those values. Returns the entries and how many
    old entries matched nothing."""
    data = read_crossdoc_json(path, shown, "baseline", "crossdoc.baseline/", MAX_BYTES)
    if data["schema"] != OLD_SCHEMA:
        raise ConfigError(f"{shown}: not a {OLD_SCHEMA} baseline; nothing to migrate")
    migrated: dict[str, Entry] = {}
    unmatched = 0
    for number, item in enumerate(_items(data, shown), start=1):
        reason = _reason(item, number, shown)
        pairs = set(zip(item.get("documents", []), item.get("values", []), strict=False))
        match = next(
            (
                f
                for f in findings
                if f.rule == item.get("rule")
                and f.key == item.get("key")
                and f.verdict.value == item.get("verdict")
                and pairs <= {(s.document, s.value) for s in f.statements}
            ),
            None,
        )
        if match is None:
            unmatched += 1
        else:
            migrated.setdefault(match.fingerprint, entry_for(match, reason))
    return list(migrated.values()), unmatched


def render_baseline(entries: list[Entry]) -> str:
    ordered = sorted(entries, key=lambda e: (e.rule, e.key, e.fingerprint))
    data = {"schema": SCHEMA, "entries": [e.as_record() for e in ordered]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def apply_baseline(report: Report, entries: list[Entry]) -> Report:
    """Mark the findings the baseline accepts; list the entries that match nothing as stale."""
    reasons = {entry.fingerprint: entry.reason for entry in entries}
    findings = tuple(
        replace(f, accepted=reasons[f.fingerprint]) if f.fingerprint in reasons else f
        for f in report.findings
    )
    matched = {f.fingerprint for f in report.findings}
    stale = tuple(e.describe() for e in entries if e.fingerprint not in matched)
    return replace(report, findings=findings, stale_baseline=stale)
