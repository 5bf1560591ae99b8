"""Rule cases as data: tests/rule_cases/RULE.yml holds documents and the findings they must give.

Each case: `documents` (file name -> text), then any of
- `findings`: the exact list of [key, verdict] this rule reports (order-insensitive);
- `facts`: [key, value] pairs this rule must extract (value as the report prints it);
- `only_facts: true`: with `facts`, the rule must extract those and no other;
- `no_facts: true`: the rule must extract nothing (a negative case);
- `quotes`: quotes the findings must show as evidence (with `findings`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.audit import extract_facts
from checker.ingest import load_documents
from checker.nlp import Pipeline
from checker.rules import RuleSet

from .conftest import audit_folder, write_documents

CASES = Path(__file__).resolve().parent / "rule_cases"


def load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{path.stem}: {case['name']}"))
    return params


@pytest.mark.parametrize(("rule_id", "case"), load_cases())
def test_rule_case(rule_id: str, case: dict[str, Any], tmp_path: Path, ruleset: RuleSet) -> None:
    folder = tmp_path / "docs"
    write_documents(folder, case["documents"])
    if "facts" in case or case.get("no_facts"):
        documents = load_documents([str(folder)], folder)
        analysed = Pipeline(ruleset.patterns()).analyse(documents)
        facts, errors = extract_facts(analysed, ruleset.select(enable=[rule_id]))
        assert not errors
        rule = ruleset.get(rule_id).rule
        found = sorted({(f.key, rule.describe(f)) for f in facts[rule_id]})
        if case.get("no_facts"):
            assert found == []
        for key, value in case.get("facts", []):
            assert (key, value) in found, f"{(key, value)} not in {found}"
        if case.get("only_facts"):  # the facts listed and no other
            assert found == sorted({tuple(item) for item in case["facts"]})
    if "findings" in case:
        result = audit_folder(folder, ruleset.select(enable=[rule_id]))
        assert not result.errors
        got = sorted((f.key, f.verdict.value) for f in result.report.findings)
        assert got == sorted(tuple(item) for item in case["findings"])
        findings = result.report.findings
        shown = {s.quote for f in findings for side in f.sides for s in side.statements}
        for quote in case.get("quotes", []):
            assert quote in shown, f"{quote!r} not in {sorted(shown)}"
