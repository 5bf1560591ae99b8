"""The red-team battery (benchmarks/redteam) stays loadable, and its runner classifies."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def runner() -> ModuleType:
    path = ROOT / "benchmarks" / "redteam" / "run.py"
    spec = importlib.util.spec_from_file_location("redteam_run", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_probe_loads_with_unique_ids_and_both_kinds() -> None:
    run = runner()
    probes = run.load_probes(ROOT / "benchmarks" / "redteam" / "probes")
    assert len(probes) >= 150
    assert len({p.id for p in probes}) == len(probes)
    expects = [p.expect for p in probes]
    assert expects.count("no_discrepancy") >= 100 and expects.count("discrepancy") >= 50


def test_a_discrepancy_carrying_both_values_is_found() -> None:
    run = runner()
    finding = {
        "verdict": "discrepancy",
        "sides": [
            {"value": "$412 million", "statements": [{"quote": "$412 million"}]},
            {"value": "$421 million", "statements": [{"quote": "$421 million"}]},
        ],
    }
    assert run.finding_matches(finding, ["$412 million", "$421 million"])
    assert not run.finding_matches(finding, ["$412 million", "$91.2 million"])
