"""Layering: spaCy stays in the NLP layer; data types, comparators and reporters stay plain."""

from __future__ import annotations

import subprocess
import sys

import pytest

PLAIN_MODULES = [
    "checker.model",
    "checker.comparators",
    "checker.quantities",
    "checker.ingest",
    "checker.reporters.json_report",
    "checker.reporters.markdown",
    "checker.reporters.table",
    "checker.reporters.html_report",
    "checker.cli",
]


@pytest.mark.parametrize("module", PLAIN_MODULES)
def test_module_does_not_import_spacy_or_rules(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "bad = [m for m in sys.modules if m == 'spacy' or m.startswith('crossdoc_rules')]; "
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
