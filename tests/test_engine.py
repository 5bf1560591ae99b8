"""Reading in worker processes: the same report whatever --jobs, rules reloaded by path in
workers, rule errors still reported."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from checker import engine
from checker.audit import merge_facts
from checker.engine import Reader, tasks_for
from checker.ingest import discover
from checker.rules import RuleSource

ROOT = Path(__file__).resolve().parent.parent
SIZE = 300  # past MIN_FILES_FOR_WORKERS: --jobs 2 starts workers


def load_generator() -> ModuleType:
    if "generate" in sys.modules:
        return sys.modules["generate"]
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    load_generator().generate_corpus(SIZE, folder, 0)
    return folder


def crossdoc(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_report_is_the_same_whatever_the_jobs(corpus: Path, tmp_path: Path) -> None:
    reports = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"audit-{jobs}.json"
        result = crossdoc(
            "audit", str(corpus), "--format", "json", "--output", str(out), "--no-baseline",
            "--fail-on", "none", "--no-cache", "--jobs", jobs, "-v",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert ("worker processes" in result.stderr) == (jobs == "2"), result.stderr
        reports[jobs] = out.read_bytes()
    assert reports["1"] == reports["2"]
    facts = [
        crossdoc("facts", str(corpus), "--format", "json", "--no-cache", "--jobs", jobs).stdout
        for jobs in ("1", "2")
    ]
    assert facts[0] == facts[1] and facts[0].startswith("[")


def test_spawned_workers_load_the_rules_by_path(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker started afresh (spawn, as on macOS and Windows) has none of this process's
    modules: it loads the rules from their directory, and its facts, pickled back, are of
    the classes this process loaded (rule modules live in a synthetic package)."""
    source = RuleSource(bundled=str(ROOT / "rules"))
    ruleset = source.load()
    tasks = tasks_for(discover([str(corpus)], ROOT))[:40]
    here = Reader(ruleset, source, jobs=1).read(tasks)
    monkeypatch.setattr(engine, "MIN_FILES_FOR_WORKERS", 1)
    spawned = Reader(ruleset, source, jobs=2, method="spawn")
    there = spawned.read(tasks)
    assert spawned.workers == 2
    assert [r.task for r in there] == [r.task for r in here]
    assert [r.stated for r in there] == [r.stated for r in here]
    facts_here, _ = merge_facts([r.stated for r in here if r.stated], ruleset)
    facts_there, _ = merge_facts([r.stated for r in there if r.stated], ruleset)
    assert facts_here == facts_there and any(facts_here.values())


FAILING_RULE = """
from checker.ruletools import Comparison, Fact, Rule, Verdict


class Fragile(Rule):
    id = "fragile"
    title = "Raises on some documents"
    description = "A rule that fails on documents that say 'boom'."

    def extract(self, document):
        if "boom" in document.document.text:
            raise ValueError("cannot read this one")
        for sentence in document.sentences[:1]:
            span = document.document.span(sentence.start, sentence.end)
            yield Fact(self.id, "first sentence", "x", span.quote, span)

    def compare(self, a, b):
        return Comparison(Verdict.AGREEMENT)


RULE = Fragile()
"""


def test_a_rule_error_in_a_worker_is_reported(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "rules").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[tool.crossdoc]\npaths = ['docs']\n")
    (project / "rules" / "fragile.py").write_text(FAILING_RULE)
    docs = project / "docs"
    docs.mkdir()
    for n in range(240):
        word = "boom" if n in (150, 230) else "calm"
        (docs / f"doc-{n:03}.md").write_text(f"A {word} statement number {n}.\n")
    outputs = []
    for jobs in ("1", "2"):
        result = crossdoc(
            "audit", "--no-bundled-rules", "--no-cache", "--jobs", jobs, "--format", "json",
            "--output", f"out-{jobs}.json", cwd=project,
        )  # fmt: skip
        assert result.returncode == 2, result.stderr
        assert (
            "rule fragile (rules/fragile.py): failed while extracting: "
            "ValueError: cannot read this one" in result.stderr
        )
        outputs.append((project / f"out-{jobs}.json").read_bytes())
    assert outputs[0] == outputs[1]


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    result = crossdoc("audit", "seeds", "--jobs", "0", "--no-cache")
    assert result.returncode == 2
    assert "--jobs must be 1 or more" in result.stderr


def test_scheduler_needs_the_dask_engine() -> None:
    result = crossdoc("audit", "seeds", "--scheduler", "tcp://x:1")
    assert result.returncode == 2 and "--scheduler needs --engine dask" in result.stderr


KILLING_RULE = FAILING_RULE.replace(
    'raise ValueError("cannot read this one")',
    "import os, signal; os.kill(os.getpid(), signal.SIGKILL)",
)


def test_a_worker_that_dies_is_an_error_not_a_hang(tmp_path: Path) -> None:
    """A worker killed (the kernel's out-of-memory killer, a crash in a library) ends the
    audit with a message and exit status 2, where a pool could wait forever."""
    project = tmp_path / "project"
    (project / "rules").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[tool.crossdoc]\npaths = ['docs']\n")
    (project / "rules" / "fragile.py").write_text(KILLING_RULE)
    docs = project / "docs"
    docs.mkdir()
    for n in range(220):
        (docs / f"doc-{n:03}.md").write_text(f"A {'boom' if n == 7 else 'calm'} statement.\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "checker",
            "audit",
            "--no-bundled-rules",
            "--no-cache",
            "--jobs",
            "2",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 2, result.stderr
    assert "a worker process ended abruptly" in result.stderr
