"""Shared fixtures: the project's rules loaded once, and audits of small written documents."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from checker.audit import AuditResult, run_audit
from checker.ingest import load_documents
from checker.rules import RuleSet, load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    rules = load_rules(ROOT / "rules")
    assert not rules.errors, rules.errors
    return rules


def write_documents(folder: Path, texts: Mapping[str, str | bytes]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in texts.items():
        path = folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def audit_folder(folder: Path, ruleset: RuleSet) -> AuditResult:
    documents = load_documents([str(folder)], folder)
    return run_audit(documents, ruleset)


@pytest.fixture
def audit_texts(tmp_path: Path, ruleset: RuleSet):  # type: ignore[no-untyped-def]
    """Write {file name: text} into a fresh folder and audit it with the project's rules."""

    def run(texts: Mapping[str, str | bytes]) -> AuditResult:
        folder = tmp_path / "docs"
        write_documents(folder, texts)
        return audit_folder(folder, ruleset)

    return run
