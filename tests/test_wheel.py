"""The wheel (issue 12, problem 11): it ships LICENSE and the JSON Schemas, and installed
from the wheel in a fresh environment, outside the repository, crossdoc audits a folder of
documents, writes its reports and validates a report with the schemas it ships."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT, SEEDS


def test_the_wheel_installs_and_audits_outside_the_repository(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(wheels)]
    # offline with the setuptools installed here; else pip fetches the build requirements
    built = subprocess.run([*build, "--no-build-isolation"], capture_output=True, timeout=600)
    if built.returncode != 0:
        subprocess.run(build, check=True, capture_output=True, timeout=600)
    [wheel] = list(wheels.glob("crossdoc-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") or n.endswith(".dist-info/LICENSE")
               for n in names)  # fmt: skip
    for schema in ("crossdoc-report-2", "crossdoc-baseline-2"):
        assert f"checker/schemas/{schema}.schema.json" in names
    assert "checker/bundled_rules/battlegroup_countries.py" in names

    # a fresh environment; the dependencies come from this one, so nothing is downloaded
    venv = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall",
         "--disable-pip-version-check", str(wheel)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    project = tmp_path / "elsewhere"
    (project / "docs").mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, project / "docs" / seed.name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    crossdoc = str(venv / "bin" / "crossdoc")

    located = subprocess.run(
        [str(python), "-c", "import checker; print(checker.__file__)"],
        cwd=project, capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert str(venv) in located.stdout  # the installed wheel, not the repository

    audit = subprocess.run(
        [crossdoc, "audit", "docs"], cwd=project, capture_output=True, text=True, env=env
    )
    assert audit.returncode == 0, audit.stderr
    assert "crossdoc audit of 2 documents" in audit.stdout
    for name in ("audit.md", "audit.json"):
        assert (project / "reports" / name).is_file()
    diff = subprocess.run(
        [crossdoc, "diff", "reports/audit.json", "reports/audit.json"],
        cwd=project, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert diff.returncode == 0, diff.stderr
    assert "no change in the findings" in diff.stdout
