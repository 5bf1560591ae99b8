"""The `crossdoc` command line. Heavy modules (spaCy, dateparser) load only when needed."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from checker import __version__
from checker.config import Config, load_config
from checker.errors import EXIT_ERROR, EXIT_FAIL, EXIT_OK, CrossdocError

if TYPE_CHECKING:
    from checker.audit import AuditResult
    from checker.model import Document
    from checker.rules import RuleSet

FORMATS = ("table", "markdown", "json")
EPILOG = """exit status:
  0  the audit ran and found no discrepancy
  1  the audit ran and found at least one discrepancy
  2  usage, input, configuration or rule error (one line on stderr)

settings come from [tool.crossdoc] in the nearest pyproject.toml; options override them."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crossdoc",
        description="Compare the facts that several documents state about one event, and "
        "report agreements, discrepancies, ordering differences, complementary and one-sided "
        "statements, each with its quote, file, line and column.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"crossdoc {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def with_rules(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--rules", metavar="DIR", help="rules directory (default: rules/)")

    audit = commands.add_parser(
        "audit",
        help="audit documents and report findings",
        description="Audit documents. Without --format or --output, prints the table and "
        "writes audit.md and audit.json to the reports folder.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    audit.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: seeds/)"
    )
    audit.add_argument(
        "--format", choices=FORMATS, help="one report format, printed or written to --output"
    )
    audit.add_argument("--output", metavar="FILE", help="write the report to FILE ('-' for stdout)")
    audit.add_argument(
        "--reports", metavar="DIR", help="folder for audit.md and audit.json (default: reports/)"
    )
    audit.add_argument(
        "--enable", action="append", default=[], metavar="RULE", help="run only these rules"
    )
    audit.add_argument(
        "--disable", action="append", default=[], metavar="RULE", help="skip these rules"
    )
    with_rules(audit)

    facts = commands.add_parser(
        "facts", help="show the facts found in each document (for rule authors)"
    )
    facts.add_argument("paths", nargs="+", metavar="PATH")
    facts.add_argument("--format", choices=("table", "json"), default="table")
    with_rules(facts)

    rules = commands.add_parser("rules", help="list the rules")
    with_rules(rules)

    explain = commands.add_parser("explain", help="show what a rule checks, with examples")
    explain.add_argument("rule", metavar="RULE")
    with_rules(explain)
    return parser


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # unwinds like Ctrl-C: temporary files are removed, reports kept


def main(argv: Sequence[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _terminate)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        config = load_config()
        handler = {
            "audit": cmd_audit,
            "facts": cmd_facts,
            "rules": cmd_rules,
            "explain": cmd_explain,
        }
        return handler[args.command](args, config)
    except CrossdocError as error:
        print(f"crossdoc: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(
            "crossdoc: interrupted; reports already written are complete, the rest unchanged",
            file=sys.stderr,
        )
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # a bug: one line, no traceback unless asked for
        if os.environ.get("CROSSDOC_DEBUG"):
            raise
        print(f"crossdoc: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_ERROR


def load_ruleset(args: argparse.Namespace, config: Config) -> RuleSet:
    from checker.rules import load_rules

    if args.rules:
        return load_rules(Path(args.rules), args.rules)
    return load_rules(config.rules_dir(), config.rules)


def load_inputs(paths: Sequence[str], config: Config) -> list[Document]:
    """Documents to audit; files in folders that hold no document are skipped, with a warning."""
    from checker.ingest import load_corpus

    corpus = load_corpus(paths, config.root)
    for skipped in corpus.skipped:
        print(f"crossdoc: warning: {skipped} (skipped)", file=sys.stderr)
    return corpus.documents


def default_paths(config: Config) -> list[str]:
    return [str(config.root / p) if not Path(p).is_absolute() else p for p in config.paths]


def cmd_audit(args: argparse.Namespace, config: Config) -> int:
    from checker.audit import run_audit
    from checker.output import check_target, write_atomic
    from checker.reporters import get_reporter

    paths = args.paths or default_paths(config)
    ruleset = load_ruleset(args, config).select(
        args.enable or config.enable, args.disable or config.disable
    )
    targets: list[tuple[Path, str]] = []  # (file, format)
    stdout_format = None
    if args.format or args.output:
        chosen = args.format or format_for(args.output)
        if args.output in (None, "-"):
            stdout_format = chosen
        else:
            targets.append((Path(args.output), chosen))
        if args.reports:
            targets += report_targets(Path(args.reports))
    else:
        stdout_format = "table"
        targets += report_targets(
            Path(args.reports) if args.reports else config.root / config.reports
        )
    documents = load_inputs(paths, config)
    for target, _ in targets:
        check_target(target, [config.root / document.path for document in documents])

    result = run_audit(documents, ruleset)
    for target, name in targets:
        write_atomic(target, get_reporter(name).render(result.report))
    if stdout_format:
        sys.stdout.write(get_reporter(stdout_format).render(result.report))
    return exit_status(result)


def exit_status(result: AuditResult) -> int:
    for error in result.errors:
        print(f"crossdoc: error: {error}", file=sys.stderr)
    if result.errors:
        print("crossdoc: error: the audit is incomplete (rule errors above)", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_FAIL if result.report.has_discrepancy else EXIT_OK


def report_targets(folder: Path) -> list[tuple[Path, str]]:
    if not folder.is_dir():
        raise CrossdocError(f"{folder}: reports folder does not exist")
    return [(folder / "audit.md", "markdown"), (folder / "audit.json", "json")]


def format_for(output: str | None) -> str:
    suffix = Path(output or "").suffix.lower()
    return {".json": "json", ".md": "markdown", ".markdown": "markdown"}.get(suffix, "table")


def cmd_facts(args: argparse.Namespace, config: Config) -> int:
    import json

    from tabulate import tabulate

    from checker.nlp import Pipeline

    ruleset = load_ruleset(args, config)
    documents = load_inputs(args.paths, config)
    from checker.audit import extract_facts

    analysed = Pipeline(ruleset.patterns()).analyse(sorted(documents, key=lambda d: d.path))
    facts, errors = extract_facts(analysed, ruleset)
    paths = {d.id: d.path for d in documents}
    rows = [
        {
            "rule": rule_id,
            "key": fact.key,
            "value": ruleset.get(rule_id).rule.describe(fact),
            "confidence": fact.confidence.value,
            "document": fact.span.document,
            "path": paths[fact.span.document],
            "line": fact.span.line,
            "column": fact.span.column,
            "quote": fact.span.quote,
        }
        for rule_id in sorted(facts)
        for fact in facts[rule_id]
    ]
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        table = [
            [r["rule"], r["key"], r["value"], f"{r['path']}:{r['line']}:{r['column']}", r["quote"]]
            for r in rows
        ]
        print(
            tabulate(
                table,
                headers=["rule", "key", "value", "where", "quote"],
                tablefmt="simple_grid",
                maxcolwidths=[None, 24, 30, 30, 50],
            )
        )
    for error in (*ruleset.errors, *errors):
        print(f"crossdoc: error: {error}", file=sys.stderr)
    return EXIT_ERROR if ruleset.errors or errors else EXIT_OK


def cmd_rules(args: argparse.Namespace, config: Config) -> int:
    from tabulate import tabulate

    ruleset = load_ruleset(args, config)
    rows = [[loaded.rule.id, loaded.rule.title] for loaded in ruleset.rules]
    print(tabulate(rows, headers=["rule", "title"], tablefmt="simple"))
    for error in ruleset.errors:
        print(f"crossdoc: error: {error}", file=sys.stderr)
    return EXIT_ERROR if ruleset.errors else EXIT_OK


def cmd_explain(args: argparse.Namespace, config: Config) -> int:
    info = load_ruleset(args, config).get(args.rule).rule.info()
    print(f"{info.id}: {info.title}\n\n{info.description}")
    if info.examples:
        print("\nExamples:")
        for example in info.examples:
            print(f"  - {example}")
    return EXIT_OK
