"""The baseline: findings a reviewer accepted, each with a fingerprint and a reason."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from checker.errors import ConfigError
from checker.model import Finding, Report
from checker.output import read_crossdoc_json

SCHEMA = "crossdoc.baseline/1"
DEFAULT_NAME = "crossdoc-baseline.json"


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str
    key: str
    verdict: str
    documents: tuple[str, ...]
    values: tuple[str, ...]
    reason: str

    def as_record(self) -> dict[str, object]:
        return {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "key": self.key,
            "verdict": self.verdict,
            "documents": list(self.documents),
            "values": list(self.values),
            "reason": self.reason,
        }


def entry_for(finding: Finding, reason: str) -> Entry:
    return Entry(
        finding.fingerprint,
        finding.rule,
        finding.key,
        finding.verdict.value,
        tuple(s.document for s in finding.statements),
        tuple(s.value for s in finding.statements),
        reason,
    )


def load_baseline(path: Path, shown: str) -> list[Entry]:
    data = read_crossdoc_json(path, shown, "baseline", SCHEMA)
    entries = []
    for number, item in enumerate(data.get("entries", []), start=1):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise ConfigError(f"{shown}: entry {number} has no fingerprint")
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise ConfigError(
                f"{shown}: entry {number} ({item.get('rule')}, {item.get('key')}) has no reason: "
                "say why this finding is accepted"
            )
        entries.append(
            Entry(
                item["fingerprint"],
                str(item.get("rule", "")),
                str(item.get("key", "")),
                str(item.get("verdict", "")),
                tuple(item.get("documents", [])),
                tuple(item.get("values", [])),
                reason.strip(),
            )
        )
    return entries


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
    stale = tuple(
        f"{e.rule}: {e.key} ({e.verdict}; {', '.join(e.values)}), fingerprint {e.fingerprint}"
        for e in entries
        if e.fingerprint not in matched
    )
    return replace(report, findings=findings, stale_baseline=stale)
