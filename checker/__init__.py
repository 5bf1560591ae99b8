"""crossdoc: compare the facts several documents state about one event.

The library surface: load documents and rules, run an audit, read the report.

    from pathlib import Path
    from checker import load_documents, load_rules, run_audit

    report = run_audit(load_documents(["seeds"], Path.cwd()), load_rules(Path("rules"))).report
"""

from __future__ import annotations

__version__ = "0.1.0"

from checker.audit import AuditResult, run_audit
from checker.ingest import load_documents
from checker.model import Comparison, Document, Fact, Finding, Report, Severity, Statement, Verdict
from checker.rules import Rule, RuleSet, load_rules

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
