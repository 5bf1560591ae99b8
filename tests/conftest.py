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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow", action="store_true", help="also run the tests marked slow (.ci/run does)"
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: minutes, not seconds; run with --slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


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


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test audits with a cache of its own ($XDG_CACHE_HOME/crossdoc), so that no test
    takes facts from another's run (a test may change a rule in memory, which the cache's
    key cannot see), and the project's own .crossdoc_cache/ is left alone."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
