"""The gate: which findings fail an audit, and the severity each rule gives each verdict."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from checker.errors import ConfigError
from checker.model import Finding, Report, Severity, Verdict

SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
VERDICTS = [v.value for v in Verdict]
SEVERITIES = [s.value for s in Severity]
# What may fail a gate: every verdict but agreement (sources that agree are never a problem).
GATE_VERDICTS = [v for v in VERDICTS if v != Verdict.AGREEMENT.value]


@dataclass(frozen=True)
class Policy:
    """`fail_on` is either a severity (that severity or worse fails) or a set of verdicts."""

    fail_on_severity: Severity | None = None
    fail_on_verdicts: frozenset[Verdict] = frozenset({Verdict.DISCREPANCY})
    severities: Mapping[str, Mapping[Verdict, Severity]] = field(default_factory=dict)

    def gated(self, finding: Finding) -> bool:
        """Does this finding fail the gate? Accepted findings and agreements never do."""
        if finding.accepted is not None or finding.verdict is Verdict.AGREEMENT:
            return False
        if self.fail_on_severity is not None:
            return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[self.fail_on_severity]
        return finding.verdict in self.fail_on_verdicts

    def apply(self, report: Report) -> Report:
        return replace(
            report, findings=tuple(replace(f, gated=self.gated(f)) for f in report.findings)
        )

    def describe(self) -> str:
        if self.fail_on_severity is not None:
            worse = "" if self.fail_on_severity is Severity.ERROR else " or worse"
            return f"any finding of severity {self.fail_on_severity.value}{worse}"
        if not self.fail_on_verdicts:
            return "nothing (the gate always passes)"
        return "any " + " or ".join(sorted(v.value for v in self.fail_on_verdicts))


def parse_fail_on(value: str | Sequence[str]) -> tuple[Severity | None, frozenset[Verdict]]:
    """'error' / 'warning' / 'info' (a severity: that or worse), 'none', or verdicts
    ('discrepancy,...'). Agreements never fail a gate: 'info' gates complementary and
    one-sided findings (and whatever a rule made info), never an agreement, and the verdict
    'agreement' is refused."""
    items = [value] if isinstance(value, str) else list(value)
    words = [w.strip() for item in items for w in item.split(",") if w.strip()]
    if words == ["none"]:
        return None, frozenset()
    if len(words) == 1 and words[0] in SEVERITIES:
        return Severity(words[0]), frozenset()
    if Verdict.AGREEMENT.value in words:
        raise ConfigError(
            "fail-on: 'agreement' cannot fail the gate (sources that agree are not a "
            f"problem); use a severity ({', '.join(SEVERITIES)}), 'none', or verdicts "
            f"({', '.join(GATE_VERDICTS)})"
        )
    unknown = [w for w in words if w not in VERDICTS]
    if unknown or not words:
        raise ConfigError(
            f"fail-on: unknown value {', '.join(unknown) or repr(value)}; use a severity "
            f"({', '.join(SEVERITIES)}), 'none', or verdicts ({', '.join(GATE_VERDICTS)})"
        )
    return None, frozenset(Verdict(w) for w in words)


def parse_severities(
    table: Mapping[str, object], rule_ids: Iterable[str]
) -> dict[str, dict[Verdict, Severity]]:
    """{'rule-id': {'verdict': 'severity'}} from [tool.crossdoc.severity] or --severity."""
    known = sorted(rule_ids)
    parsed: dict[str, dict[Verdict, Severity]] = {}
    for rule_id, levels in table.items():
        if rule_id not in known:
            raise ConfigError(
                f"severity: unknown rule {rule_id!r}; available rules: {', '.join(known)}"
            )
        if not isinstance(levels, Mapping):
            raise ConfigError(f"severity: {rule_id} must map verdicts to severities")
        for verdict, level in levels.items():
            if verdict not in VERDICTS:
                raise ConfigError(
                    f"severity: unknown verdict {verdict!r}; verdicts: {', '.join(VERDICTS)}"
                )
            if level not in SEVERITIES:
                raise ConfigError(
                    f"severity: unknown severity {level!r}; severities: {', '.join(SEVERITIES)}"
                )
            parsed.setdefault(rule_id, {})[Verdict(verdict)] = Severity(level)
    return parsed


def parse_severity_option(option: str) -> tuple[str, str, str]:
    """'--severity troop-counts:complementary=warning' -> (rule, verdict, severity)."""
    rule_id, _, rest = option.partition(":")
    verdict, _, level = rest.partition("=")
    if not (rule_id and verdict and level):
        raise ConfigError(f"--severity {option!r}: expected RULE:VERDICT=SEVERITY")
    return rule_id, verdict, level
