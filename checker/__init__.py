"""crossdoc: compare the facts several documents state about one event.

The library surface: load documents and rules, run an audit, read the report.

    from pathlib import Path
    from checker import load_documents, load_rules, run_audit

    report = run_audit(load_documents(["seeds"], Path.cwd()), load_rules(Path("rules"))).report
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from checker.audit import AuditResult, run_audit
    from checker.ingest import load_documents
    from checker.model import (
        Comparison,
        Document,
        Fact,
        Finding,
        Report,
        Severity,
        Statement,
        Verdict,
    )
    from checker.rules import Rule, RuleSet, load_rules

# The surface is imported when first used, so that `crossdoc` starts (and can be interrupted
# cleanly) before spaCy and the engine are loaded.
_SURFACE = {
    "AuditResult": "checker.audit", "run_audit": "checker.audit",
    "load_documents": "checker.ingest",
    **dict.fromkeys(
        ("Comparison", "Document", "Fact", "Finding", "Report", "Severity", "Statement",
         "Verdict"),
        "checker.model",
    ),
    "Rule": "checker.rules", "RuleSet": "checker.rules", "load_rules": "checker.rules",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _SURFACE.get(name)
    if module is None:
        raise AttributeError(f"module 'checker' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "AuditResult",
    "Comparison",
    "Document",
    "Fact",
    "Finding",
    "Report",
    "Rule",
    "RuleSet",
    "Severity",
    "Statement",
    "Verdict",
    "__version__",
    "load_documents",
    "load_rules",
    "run_audit",
]
