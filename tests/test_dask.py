"""--engine dask: files read as tasks on a LocalCluster of two workers give the report the
local engine gives, byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_engine import load_generator

pytest.importorskip(
    "distributed", reason="dask[distributed] is not installed: pip install 'crossdoc[dask]'"
)

ROOT = Path(__file__).resolve().parent.parent


def test_dask_gives_the_local_report(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    load_generator().generate_corpus(80, corpus, 3)
    reports = {}
    for engine in ("local", "dask"):
        out = tmp_path / f"{engine}.json"
        result = subprocess.run(
            [
                sys.executable, "-m", "checker", "audit", str(corpus), "--format", "json",
                "--output", str(out), "--no-baseline", "--fail-on", "none", "--no-cache",
                "--engine", engine, "--jobs", "2", "-v",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        reports[engine] = out.read_bytes()
        if engine == "dask":
            assert "dask: 80 files on 2 workers" in result.stderr
    assert reports["dask"] == reports["local"]
