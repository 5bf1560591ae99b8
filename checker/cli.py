"""The `crossdoc` command line. Heavy modules (spaCy, dateparser) load only when needed."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from checker import __version__
from checker.config import Config, load_config
from checker.errors import EXIT_ERROR, EXIT_FAIL, EXIT_OK, ConfigError, CrossdocError

if TYPE_CHECKING:
    from checker.baseline import Entry
    from checker.events import Grouping
    from checker.model import Document, Report
    from checker.policy import Policy
    from checker.rules import RuleSet

FORMATS = ("table", "markdown", "json", "sarif", "junit")
REPORT_SET = ("markdown", "json")  # what `crossdoc audit` keeps in the reports folder
EPILOG = """exit status:
  0  the audit ran and the gate passes (by default: no discrepancy)
  1  the audit ran and the gate fails, or --check found stale reports
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

    def command(name: str, summary: str, description: str | None = None) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=summary,
            description=description or summary,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    def with_rules(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--rules", metavar="DIR", help="rules directory (default: rules/)")

    def with_policy(sub: argparse.ArgumentParser) -> None:
        with_rules(sub)
        sub.add_argument(
            "--group-by",
            choices=("date", "folder"),
            help="how documents without a stated event are grouped into events: by their "
            "dates (the default) or by folder",
        )
        sub.add_argument(
            "--enable", action="append", default=[], metavar="RULE", help="run only these rules"
        )
        sub.add_argument(
            "--disable", action="append", default=[], metavar="RULE", help="skip these rules"
        )
        sub.add_argument(
            "--fail-on",
            metavar="WHAT",
            help="what fails the gate: a severity (error, warning, info: that or worse), "
            "'none', or verdicts separated by commas (default: discrepancy)",
        )
        sub.add_argument(
            "--severity",
            action="append",
            default=[],
            metavar="RULE:VERDICT=LEVEL",
            help="the severity a rule gives a verdict (repeatable)",
        )

    audit = command(
        "audit",
        "audit documents and report findings",
        "Audit documents. Without --format or --output, prints the table and writes "
        "audit.md and audit.json to the reports folder. A repeated --format writes each "
        "format to the reports folder (audit.md, audit.json, audit.sarif, audit.xml).",
    )
    audit.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: seeds/)"
    )
    audit.add_argument(
        "--format", action="append", choices=FORMATS, help="report format (repeatable)"
    )
    audit.add_argument(
        "--output", metavar="FILE", help="write the one --format to FILE ('-': stdout)"
    )
    audit.add_argument("--reports", metavar="DIR", help="reports folder (default: reports/)")
    audit.add_argument(
        "--baseline",
        metavar="FILE",
        help="accepted findings (default: crossdoc-baseline.json if present)",
    )
    audit.add_argument("--no-baseline", action="store_true", help="ignore the baseline")
    audit.add_argument(
        "--strict-baseline", action="store_true", help="a stale baseline entry fails the gate"
    )
    audit.add_argument(
        "--compare-to",
        metavar="OLD.json",
        help="also print the changes since an earlier JSON report",
    )
    audit.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the reports folder is out of date",
    )
    audit.add_argument(
        "--show",
        action="append",
        metavar="WHAT",
        help="what the table and Markdown list in full: 'problems' (the default: "
        "discrepancies, ordering differences, complementary), verdicts such as 'agreement' "
        "or 'one_sided', or 'all' (repeatable); the rest is counted per rule",
    )
    with_policy(audit)

    baseline = command(
        "baseline",
        "accept the current gated findings in the baseline file",
        "Write the baseline: every finding that fails the gate now, with its fingerprint and "
        "a reason. Entries already in the file keep their reasons; new ones take --reason; "
        "entries that match nothing any more are dropped.",
    )
    baseline.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: seeds/)"
    )
    baseline.add_argument(
        "--reason", help="why the new entries are accepted (required for new entries)"
    )
    baseline.add_argument(
        "--output", metavar="FILE", help="baseline file (default: crossdoc-baseline.json)"
    )
    baseline.add_argument(
        "--migrate",
        action="store_true",
        help="convert a crossdoc.baseline/1 file: carry each accepted pair's reason to the "
        "finding of its fact today",
    )
    with_policy(baseline)

    diff = command("diff", "list new, resolved and changed findings between two JSON reports")
    diff.add_argument("old", metavar="OLD.json")
    diff.add_argument("new", metavar="NEW.json")
    diff.add_argument("--format", choices=("table", "markdown"), default="table")
    diff.add_argument("--output", metavar="FILE", help="write the change report to FILE")

    facts = command("facts", "show the facts found in each document (for rule authors)")
    facts.add_argument("paths", nargs="+", metavar="PATH")
    facts.add_argument("--format", choices=("table", "json"), default="table")
    with_rules(facts)

    rules = command("rules", "list the rules")
    with_rules(rules)

    explain = command("explain", "show what a rule checks, with examples")
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
            "baseline": cmd_baseline,
            "diff": cmd_diff,
            "facts": cmd_facts,
            "rules": cmd_rules,
            "explain": cmd_explain,
        }[args.command]
        return handler(args, config)
    except CrossdocError as error:
        print(f"crossdoc: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(
            "crossdoc: interrupted; reports already written are whole, the rest unchanged",
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


def plural(count: int, singular: str, plural_form: str) -> str:
    return f"{count} {singular if count == 1 else plural_form}"


# Shared steps -----------------------------------------------------------------------------


def load_ruleset(args: argparse.Namespace, config: Config) -> RuleSet:
    from checker.rules import load_rules

    if args.rules:
        ruleset = load_rules(Path(args.rules), args.rules)
    else:
        ruleset = load_rules(config.rules_dir(), config.rules)
    enable = getattr(args, "enable", None) or config.enable
    disable = getattr(args, "disable", None) or config.disable
    return ruleset.select(enable, disable)


def load_inputs(paths: Sequence[str], config: Config) -> list[Document]:
    """Documents to audit; files in folders that hold no document are skipped, with a warning."""
    from checker.ingest import load_corpus

    corpus = load_corpus(paths, config.root)
    for skipped in corpus.skipped:
        print(f"crossdoc: warning: {skipped} (skipped)", file=sys.stderr)
    for warning in corpus.warnings:
        print(f"crossdoc: warning: {warning}", file=sys.stderr)
    return corpus.documents


def default_paths(config: Config) -> list[str]:
    return [str(config.root / p) for p in config.paths]


def build_policy(args: argparse.Namespace, config: Config, ruleset: RuleSet) -> Policy:
    from checker.policy import Policy, parse_fail_on, parse_severities, parse_severity_option

    severity: dict[str, dict[str, str]] = {}
    for rule, levels in config.severity.items():
        if not isinstance(levels, dict):
            raise ConfigError(f"[tool.crossdoc.severity] {rule} must map verdicts to severities")
        severity[rule] = dict(levels)
    for option in args.severity:
        rule, verdict, level = parse_severity_option(option)
        severity.setdefault(rule, {})[verdict] = level
    fail_severity, fail_verdicts = parse_fail_on(args.fail_on or config.fail_on)
    return Policy(fail_severity, fail_verdicts, parse_severities(severity, ruleset.known))


def build_grouping(args: argparse.Namespace, config: Config) -> Grouping:
    from checker.events import GROUP_BY, Grouping

    groups: dict[str, tuple[str, ...]] = {}
    for name, patterns in config.groups.items():
        if isinstance(patterns, str):
            patterns = [patterns]
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise ConfigError(
                f"[tool.crossdoc.groups] {name} must be a path pattern or a list of them"
            )
        groups[name] = tuple(patterns)
    by = args.group_by or config.group_by
    if by not in GROUP_BY:
        raise ConfigError(f"group_by: unknown value {by!r}; use {' or '.join(GROUP_BY)}")
    if config.event_gap_days < 1:
        raise ConfigError("event_gap_days must be 1 or more")
    return Grouping(groups, by, config.event_gap_days)


def baseline_entries(args: argparse.Namespace, config: Config) -> list[Entry]:
    from checker.baseline import load_baseline

    if args.no_baseline:
        return []
    if args.baseline:
        return load_baseline(Path(args.baseline), args.baseline)
    default = config.root / config.baseline
    return load_baseline(default, config.baseline) if default.is_file() else []


def audited_report(
    args: argparse.Namespace, config: Config, entries: list[Entry]
) -> tuple[Report, list[str], Policy]:
    """Run the audit under the policy and baseline; returns the report and rule errors."""
    from checker.audit import run_audit
    from checker.baseline import apply_baseline

    ruleset = load_ruleset(args, config)
    policy = build_policy(args, config, ruleset)
    documents = load_inputs(args.paths or default_paths(config), config)
    result = run_audit(documents, ruleset, policy.severities, build_grouping(args, config))
    report = policy.apply(apply_baseline(result.report, entries))
    return report, [str(error) for error in result.errors], policy


# Commands -----------------------------------------------------------------------------------


@dataclass
class OutputPlan:
    targets: list[tuple[Path, str]] = field(default_factory=list)  # (file, format)
    stdout: str | None = None


def output_plan(args: argparse.Namespace, config: Config) -> OutputPlan:
    formats: list[str] = args.format or []
    folder = Path(args.reports) if args.reports else config.root / config.reports
    if args.check:
        return OutputPlan([(folder / f"audit{suffix(name)}", name) for name in REPORT_SET])
    if args.output:
        if len(formats) > 1:
            raise ConfigError("--output takes one --format; use --reports DIR for several")
        chosen = formats[0] if formats else format_for(args.output)
        if args.output == "-":
            return OutputPlan(stdout=chosen)
        return OutputPlan([(Path(args.output), chosen)])
    if len(formats) == 1 and not args.reports:
        return OutputPlan(stdout=formats[0])
    if not folder.is_dir():
        raise CrossdocError(f"{folder}: reports folder does not exist")
    names = formats or list(REPORT_SET)
    return OutputPlan(
        [(folder / f"audit{suffix(name)}", name) for name in names if name != "table"],
        stdout="table" if not formats or "table" in formats else None,
    )


def suffix(name: str) -> str:
    from checker.reporters import get_reporter

    return get_reporter(name).SUFFIX


def format_for(output: str | None) -> str:
    extension = Path(output or "").suffix.lower()
    known = {".json": "json", ".md": "markdown", ".sarif": "sarif", ".xml": "junit"}
    return known.get(extension, "table")


def cmd_audit(args: argparse.Namespace, config: Config) -> int:
    from functools import partial

    from checker.output import check_target, write_atomic
    from checker.reporters import View, get_reporter, write_report

    view = View.parse(args.show)
    entries = baseline_entries(args, config)
    plan = output_plan(args, config)
    report, errors, policy = audited_report(args, config, entries)
    inputs = [config.root / document.path for document in report.documents]
    if args.check:
        rendered = [
            (target, get_reporter(name).render(report, view)) for target, name in plan.targets
        ]
        return check_reports(rendered) or exit_status(report, errors, policy, args.strict_baseline)
    for target, _ in plan.targets:
        check_target(target, inputs)
    for target, name in plan.targets:
        write_atomic(target, partial(write_report, name, report, view=view))
    if plan.stdout:
        write_report(plan.stdout, report, sys.stdout, view)
    if args.compare_to:
        from checker.changes import diff_reports, load_report, render_table
        from checker.reporters.records import as_records

        old = load_report(Path(args.compare_to), args.compare_to)
        sys.stdout.write(render_table(diff_reports(old, as_records(report))))
    return exit_status(report, errors, policy, args.strict_baseline)


def check_reports(rendered: list[tuple[Path, str]]) -> int:
    """--check: the reports folder must hold exactly what an audit would write."""
    stale = []
    for target, text in rendered:
        try:
            current = target.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            stale.append(target)
    from checker.ingest import display

    for target in stale:
        print(
            f"crossdoc: {display(target, Path.cwd())} is out of date with the documents: "
            "run `crossdoc audit` and commit the result",
            file=sys.stderr,
        )
    return EXIT_FAIL if stale else EXIT_OK


def exit_status(report: Report, errors: list[str], policy: Policy, strict_baseline: bool) -> int:
    for entry in report.stale_baseline:
        level = "error" if strict_baseline else "warning"
        print(
            f"crossdoc: {level}: stale baseline entry, matches no finding: {entry}", file=sys.stderr
        )
    for error in errors:
        print(f"crossdoc: error: {error}", file=sys.stderr)
    if errors:
        print("crossdoc: error: the audit is incomplete (rule errors above)", file=sys.stderr)
        return EXIT_ERROR
    failed = [f for f in report.findings if f.gated]
    if failed:
        noun = "finding fails" if len(failed) == 1 else "findings fail"
        print(f"crossdoc: {len(failed)} {noun} the gate ({policy.describe()})", file=sys.stderr)
        return EXIT_FAIL
    if strict_baseline and report.stale_baseline:
        return EXIT_FAIL
    return EXIT_OK


def cmd_baseline(args: argparse.Namespace, config: Config) -> int:
    from checker.baseline import entry_for, load_baseline, migrate_baseline, render_baseline
    from checker.output import write_atomic

    shown = args.output or config.baseline
    path = Path(args.output) if args.output else config.root / config.baseline
    args.no_baseline, args.baseline = True, None
    if args.migrate:
        report, errors, policy = audited_report(args, config, [])
        if errors:
            return exit_status(report, errors, policy, False)
        migrated, unmatched = migrate_baseline(path, shown, report.findings)
        write_atomic(path, render_baseline(migrated))
        print(
            f"crossdoc: migrated {shown}: {plural(len(migrated), 'entry', 'entries')} kept, "
            f"{unmatched} matched no finding and {'was' if unmatched == 1 else 'were'} dropped"
        )
        return EXIT_OK
    existing = {e.fingerprint: e for e in load_baseline(path, shown)} if path.exists() else {}
    report, errors, policy = audited_report(args, config, [])
    if errors:
        return exit_status(report, errors, policy, False)
    gated = [f for f in report.findings if f.gated]
    new = [f for f in gated if f.fingerprint not in existing]
    if new and not (args.reason and args.reason.strip()):
        raise ConfigError(
            f'{len(new)} new finding(s) need a reason to be accepted: use --reason "..." '
            "(reviewers read it)"
        )
    entries = [
        existing.get(f.fingerprint) or entry_for(f, (args.reason or "").strip()) for f in gated
    ]
    dropped = len(set(existing) - {f.fingerprint for f in gated})
    write_atomic(path, render_baseline(entries))
    print(
        f"crossdoc: wrote {shown}: {plural(len(entries), 'entry', 'entries')} "
        f"({len(new)} new, {dropped} stale removed)"
    )
    return EXIT_OK


def cmd_diff(args: argparse.Namespace, config: Config) -> int:
    from checker.changes import diff_reports, load_report, render_markdown, render_table
    from checker.output import write_atomic

    changes = diff_reports(
        load_report(Path(args.old), args.old), load_report(Path(args.new), args.new)
    )
    text = render_markdown(changes) if args.format == "markdown" else render_table(changes)
    if args.output:
        write_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_facts(args: argparse.Namespace, config: Config) -> int:
    import json

    from tabulate import tabulate

    from checker.audit import extract_facts
    from checker.nlp import Pipeline
    from checker.reporters.records import position

    ruleset = load_ruleset(args, config)
    documents = sorted(load_inputs(args.paths, config), key=lambda d: d.path)
    facts, errors = extract_facts(Pipeline(ruleset.patterns()).analyse_each(documents), ruleset)
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
        table = [[r["rule"], r["key"], r["value"], position(r), r["quote"]] for r in rows]
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
