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
    from checker.audit import DocumentFacts
    from checker.baseline import Entry
    from checker.cache import FactCache
    from checker.events import Grouping
    from checker.ingest import Exclusions
    from checker.model import Report
    from checker.policy import Policy
    from checker.reporters import View
    from checker.rules import RuleSet, RuleSource

FORMATS = ("table", "markdown", "json", "sarif", "junit", "concise", "github", "html")
REPORT_SET = ("markdown", "json", "html")  # what `crossdoc audit` keeps in the reports folder
SETTINGS = (
    "settings come from [tool.crossdoc] in the nearest pyproject.toml; options override them."
)
EPILOG = f"""exit status of `crossdoc audit`:
  0  the audit ran and the gate passes (by default: no discrepancy)
  1  the audit ran and the gate fails, or --check found stale reports
  2  usage, input, configuration or rule error (one line on stderr)

{SETTINGS}
`crossdoc COMMAND --help` tells what each command does."""
AUDIT_EPILOG = f"""exit status:
  0  the audit ran and the gate passes (by default: no discrepancy)
  1  the gate fails (stderr lists each failing finding as path:line:col), --check found
     a missing or stale report, or --strict-baseline found a stale entry
  2  usage, input, configuration or rule error (one line on stderr)

{SETTINGS}"""
BASELINE_EPILOG = f"""exit status:
  0  the baseline file is written
  2  usage, input, configuration or rule error, or a new finding without --reason

{SETTINGS}"""
DIFF_EPILOG = """exit status:
  0  the change report is written, whatever it lists
  2  a file is missing or is not a valid crossdoc.report/2 report"""
RULES_EPILOG = f"""the rules that ship with crossdoc run, with the rules of the project's
rules/ folder (or `rules` in [tool.crossdoc], or --rules DIR) added; --no-bundled-rules
leaves out the bundled ones. {SETTINGS}"""
COMPLETION_EPILOG = """install:
  bash  crossdoc completion bash > ~/.local/share/bash-completion/completions/crossdoc
  zsh   crossdoc completion zsh > "${fpath[1]}/_crossdoc"
  fish  crossdoc completion fish > ~/.config/fish/completions/crossdoc.fish"""
COLOR_CHOICES = ("auto", "always", "never")


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions wrapped to the terminal's width; epilogs (exit statuses, install lines)
    kept as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return super()._fill_text(text, width, indent)
        return argparse.HelpFormatter._fill_text(self, text, width, indent)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crossdoc",
        description="Compare the facts that several documents state about one event, and "
        "report agreements, discrepancies, ordering differences, complementary and one-sided "
        "statements, each with its quote, file, line and column.",
        epilog=EPILOG,
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"crossdoc {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    terminal = common.add_argument_group("terminal")
    terminal.add_argument(
        "-q", "--quiet", action="store_true", help="print only problems (no table, no notes)"
    )
    terminal.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="also say what is read, left out and written",
    )
    terminal.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default="auto",
        help="colour: auto (on a terminal, unless NO_COLOR is set), always or never",
    )

    def command(
        name: str, summary: str, description: str | None = None, epilog: str | None = None
    ) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=summary,
            description=description or summary,
            epilog=epilog,
            parents=[common],
            formatter_class=HelpFormatter,
        )

    def with_rules(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--rules",
            action="append",
            metavar="DIR",
            help="add the rules of DIR to the bundled ones (repeatable; a rule with a "
            "bundled rule's id replaces it; default: rules/ if the project has one)",
        )
        sub.add_argument(
            "--no-bundled-rules",
            action="store_true",
            help="run only the rules of --rules (or of [tool.crossdoc] rules)",
        )

    def with_inputs(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--exclude",
            action="append",
            default=[],
            metavar="PATTERN",
            help="leave out of folders what matches PATTERN, as in .gitignore, relative to "
            "the project root (repeatable; added to [tool.crossdoc] exclude)",
        )
        sub.add_argument(
            "--no-gitignore",
            action="store_true",
            help="read files that .gitignore ignores (by default they are left out)",
        )

    def with_reading(sub: argparse.ArgumentParser) -> None:
        reading = sub.add_argument_group("reading")
        reading.add_argument(
            "--jobs",
            type=int,
            metavar="N",
            help="processes that read documents (default: [tool.crossdoc] jobs, else the "
            "machine's cores; 1: this process only; workers start from 200 files to read)",
        )
        reading.add_argument(
            "--no-cache",
            action="store_true",
            help="read every file again, and keep nothing (default: the cache of what each "
            "file states, in .crossdoc_cache/ or $XDG_CACHE_HOME/crossdoc)",
        )
        reading.add_argument(
            "--progress",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="a progress bar on stderr (default: on a terminal, outside CI, for more "
            "than 300 files)",
        )
        reading.add_argument(
            "--engine",
            choices=("local", "dask"),
            default="local",
            help="where files are read: this machine's processes (local, the default) or "
            "a Dask cluster (needs crossdoc[dask])",
        )
        reading.add_argument(
            "--scheduler",
            metavar="ADDRESS",
            help="with --engine dask: the scheduler of an existing cluster (tcp://host:8786); "
            "by default a local cluster of --jobs workers",
        )

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
            "'none', or verdicts separated by commas: discrepancy, ordering_difference, "
            "complementary, one_sided (default: discrepancy); agreements never fail",
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
        "audit.md, audit.json and audit.html to the reports folder (made if missing). A "
        "repeated --format writes each format to the reports folder (audit.md, audit.json, "
        "audit.sarif, audit.xml, audit.html). Folders are searched for .txt and .md files; what "
        ".gitignore or --exclude names, the reports folder and the baseline are left out.",
        AUDIT_EPILOG,
    )
    audit.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: seeds/)"
    )
    audit.add_argument(
        "--format",
        action="append",
        choices=FORMATS,
        help="report format (repeatable); concise: path:line:col: verdict rule: message, "
        "one line per failing finding; github: workflow-command annotations",
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
        help="write nothing; exit 1 if a report in the reports folder is missing or out "
        "of date (a single --format is printed)",
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
    with_inputs(audit)
    with_reading(audit)

    baseline = command(
        "baseline",
        "accept the current gated findings in the baseline file",
        "Write the baseline: every finding that fails the gate now, with its fingerprint and "
        "a reason. Entries already in the file keep their reasons; new ones take --reason; "
        "entries that match nothing any more are dropped.",
        BASELINE_EPILOG,
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
    with_inputs(baseline)
    with_reading(baseline)

    diff = command(
        "diff",
        "list new, resolved and changed findings between two JSON reports",
        "List new, resolved and changed findings between two crossdoc.report/2 JSON reports "
        "(both are validated against the report schema).",
        DIFF_EPILOG,
    )
    diff.add_argument("old", metavar="OLD.json")
    diff.add_argument("new", metavar="NEW.json")
    diff.add_argument("--format", choices=("table", "markdown"), default="table")
    diff.add_argument("--output", metavar="FILE", help="write the change report to FILE")

    facts = command(
        "facts", "show the facts found in each document (for rule authors)", epilog=RULES_EPILOG
    )
    facts.add_argument("paths", nargs="+", metavar="PATH")
    facts.add_argument("--format", choices=("table", "json"), default="table")
    with_rules(facts)
    with_inputs(facts)
    with_reading(facts)

    rules = command("rules", "list the rules", epilog=RULES_EPILOG)
    with_rules(rules)

    explain = command("explain", "show what a rule checks, with examples", epilog=RULES_EPILOG)
    explain.add_argument("rule", metavar="RULE")
    with_rules(explain)

    cache = command(
        "cache",
        "clear the cache of what each file states",
        "The cache keeps the facts each file states, so that an audit reads again only the "
        "files that changed (or all of them when crossdoc or the rules change). It lives in "
        ".crossdoc_cache/ at the project root, $XDG_CACHE_HOME/crossdoc when that is set, "
        "or [tool.crossdoc] cache_dir.",
    )
    cache.add_argument("action", choices=("clear",), help="clear: remove the cache")

    completion = command(
        "completion",
        "print a shell completion script (bash, zsh or fish)",
        epilog=COMPLETION_EPILOG,
    )
    completion.add_argument("shell", choices=("bash", "zsh", "fish"))
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
    global UI
    UI = Terminal(args.quiet, args.verbose, args.color)
    if args.command == "completion":
        from checker.completion import completion_script

        sys.stdout.write(completion_script(parser, args.shell))
        return EXIT_OK
    try:
        config = load_config()
        handler = {
            "audit": cmd_audit,
            "baseline": cmd_baseline,
            "diff": cmd_diff,
            "facts": cmd_facts,
            "rules": cmd_rules,
            "explain": cmd_explain,
            "cache": cmd_cache,
        }[args.command]
        return handler(args, config)
    except CrossdocError as error:
        UI.error(str(error))
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
        from checker.terminal import safe_line

        print(
            f"crossdoc: internal error: {type(error).__name__}: {safe_line(error)}", file=sys.stderr
        )
        return EXIT_ERROR


def plural(count: int, singular: str, plural_form: str) -> str:
    return f"{count} {singular if count == 1 else plural_form}"


class Terminal:
    """What the command prints besides its output: notes (not with -q), details (with -v),
    warnings and errors, coloured on a terminal (NO_COLOR and --color decide; rich writes
    the escape codes)."""

    def __init__(self, quiet: bool = False, verbose: int = 0, color: str = "auto") -> None:
        self.quiet = quiet
        self.verbose = verbose and not quiet
        self.color_choice = color

    def colored(self, stream: object) -> bool:
        if self.color_choice != "auto":
            return self.color_choice == "always"
        if os.environ.get("NO_COLOR"):
            return False
        if os.environ.get("FORCE_COLOR"):
            return True
        isatty = getattr(stream, "isatty", None)
        return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"

    def say(self, *parts: str | tuple[str, str]) -> None:
        """One line on stderr; a part is text, or (text, rich style). Control characters
        and line breaks (from a document or a file name) are shown as escapes."""
        from checker.terminal import safe_line

        stream = sys.stderr
        parts = tuple(
            safe_line(part) if isinstance(part, str) else (safe_line(part[0]), part[1])
            for part in parts
        )
        if not self.colored(stream):
            print("".join(p if isinstance(p, str) else p[0] for p in parts), file=stream)
            return
        from rich.console import Console
        from rich.text import Text

        console = Console(
            file=stream,
            force_terminal=True,
            color_system="standard",
            no_color=False,
            highlight=False,
            markup=False,
        )
        console.print(Text.assemble(*parts), soft_wrap=True)

    def error(self, message: str) -> None:
        self.say(("crossdoc: error:", "bold red"), f" {message}")

    def warning(self, message: str) -> None:
        self.say(("crossdoc: warning:", "yellow"), f" {message}")

    def note(self, message: str) -> None:
        if not self.quiet:
            self.say(("crossdoc: note:", "cyan"), f" {message}")

    def detail(self, message: str) -> None:
        if self.verbose:
            self.say(("crossdoc:", "dim"), f" {message}")


UI = Terminal()


# Shared steps -----------------------------------------------------------------------------


def rule_source(args: argparse.Namespace, config: Config) -> RuleSource:
    """Where the rules come from: the bundled rules with the project's added (--rules, else
    `rules` in the settings, else rules/ if there is one); --no-bundled-rules leaves the
    bundled ones out. Worker processes load the rules again from it."""
    from checker.config import bundled_rules_dir
    from checker.rules import RuleSource

    directories = [(Path(d), d) for d in args.rules] if args.rules else config.rules_dirs()
    bundled = None if args.no_bundled_rules or not config.bundled_rules else bundled_rules_dir()
    return RuleSource(
        tuple((str(path), shown) for path, shown in directories),
        str(bundled) if bundled is not None else None,
        tuple(getattr(args, "enable", None) or config.enable),
        tuple(getattr(args, "disable", None) or config.disable),
    )


def load_ruleset(args: argparse.Namespace, config: Config) -> RuleSet:
    """The rules of `rule_source`, with its notes said."""
    source = rule_source(args, config)
    ruleset = source.combined()
    for note in ruleset.notes:
        UI.note(note)
    chosen = ruleset.select(source.enable, source.disable)
    UI.detail(f"rules: {', '.join(chosen.ids) or 'none'}")
    return chosen


def exclusions(
    args: argparse.Namespace, config: Config, outputs: Sequence[Path] = ()
) -> Exclusions:
    """What folder walks leave out: `exclude` and --exclude, .gitignore (unless
    --no-gitignore), and every file and folder crossdoc writes (never read as input)."""
    from checker.cache import cache_folder
    from checker.ingest import Exclusions

    written = [
        config.root / config.reports,
        config.root / config.baseline,
        cache_folder(config.root, config.cache_dir),
        *([Path(args.baseline)] if getattr(args, "baseline", None) else []),
        *outputs,
    ]
    return Exclusions(
        config.root,
        patterns=(*config.exclude, *getattr(args, "exclude", [])),
        outputs=tuple(written),
        gitignore=config.respect_gitignore and not getattr(args, "no_gitignore", False),
    )


def read_inputs(
    args: argparse.Namespace,
    config: Config,
    ruleset: RuleSet,
    paths: Sequence[str],
    excluded: Exclusions,
) -> list[DocumentFacts]:
    """What each document states, in the audit's order: files read in worker processes
    (--jobs) or on a Dask cluster (--engine dask), or taken from the cache; files in
    folders that hold no document are skipped, with a warning."""
    from checker.engine import Reader, default_jobs, tasks_for
    from checker.errors import InputError, NotADocument
    from checker.ingest import discover
    from checker.progress import progress_bar, wanted

    ignored: list[str] = []
    tasks = tasks_for(discover(paths, config.root, excluded, ignored))
    for left_out in ignored:
        UI.detail(f"left out {left_out}")
    jobs = args.jobs if args.jobs is not None else config.jobs or default_jobs()
    if jobs < 1:
        raise ConfigError(f"--jobs must be 1 or more (not {jobs})")
    dask = None
    if args.engine == "dask":
        from checker.dask_engine import dask_reader

        dask = dask_reader(args.scheduler, jobs, UI.detail)
    elif args.scheduler:
        raise ConfigError("--scheduler needs --engine dask")
    cache = None if args.no_cache else open_cache(config, args, ruleset)
    show = wanted(args.progress, len(tasks), sys.stderr, quiet=UI.quiet)
    try:
        with progress_bar(len(tasks), show, sys.stderr, UI.colored(sys.stderr)) as progress:
            reader = Reader(ruleset, rule_source(args, config), jobs, cache, progress, dask=dask)
            results = reader.read(tasks)
    finally:
        if cache is not None:
            cache.close()
    if cache is not None:
        UI.detail(f"cache: {cache.hits} of {len(tasks)} files read from {cache.folder}")
    if reader.workers:
        UI.detail(f"files read in {reader.workers} worker processes ({reader.method})")
    stated: list[DocumentFacts] = []
    skipped: list[NotADocument] = []
    warnings: list[str] = []
    for result in results:
        problem = result.problem
        if problem is not None and problem[0] == "not a document" and not result.task.explicit:
            skipped.append(NotADocument(result.task.display, problem[1]))
            continue
        result.raise_problem()
        assert result.stated is not None
        stated.append(result.stated)
        warnings.extend(result.warnings)
    if not stated:
        raise InputError(", ".join(paths) or ".", "no document to audit (every file was skipped)")
    for skip in skipped:
        UI.warning(f"{skip} (skipped)")
    for warning in warnings:
        UI.warning(warning)
    UI.detail(f"read {plural(len(stated), 'document', 'documents')}")
    return stated


def open_cache(config: Config, args: argparse.Namespace, ruleset: RuleSet) -> FactCache:
    """The cache of what each file states, for these rules (opened when first used)."""
    from checker import __version__
    from checker.cache import FactCache, cache_folder, rules_key

    folder = cache_folder(config.root, config.cache_dir)
    key = rules_key(__version__, rule_source(args, config).folders(), ruleset.ids)
    from checker.cache import DATABASE

    shown = display_path(folder / DATABASE)
    return FactCache(folder, __version__, key, str(config.root), UI.warning, shown)


def default_paths(config: Config) -> list[str]:
    return [str(config.root / p) for p in config.paths]


def build_policy(args: argparse.Namespace, config: Config, ruleset: RuleSet) -> Policy:
    from checker.policy import Policy, parse_fail_on, parse_severities, parse_severity_option

    severity: dict[str, dict[str, str]] = {}
    for rule, levels in config.severity.items():
        if not isinstance(levels, dict):
            raise ConfigError(
                f"{config.settings_file}: [tool.crossdoc.severity] {rule} must map verdicts to "
                "severities"
            )
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
                f"{config.settings_file}: [tool.crossdoc.groups] {name} must be a path pattern "
                "or a list of them"
            )
        groups[name] = tuple(patterns)
    by = args.group_by or config.group_by
    if by not in GROUP_BY:
        raise ConfigError(
            f"{config.settings_file}: group_by: unknown value {by!r}; use {' or '.join(GROUP_BY)}"
        )
    if config.event_gap_days < 1:
        raise ConfigError(f"{config.settings_file}: event_gap_days must be 1 or more")
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
    args: argparse.Namespace, config: Config, entries: list[Entry], outputs: Sequence[Path] = ()
) -> tuple[Report, list[str], Policy]:
    """Run the audit under the policy and baseline; returns the report and rule errors."""
    from checker.audit import merge_facts, report_of
    from checker.baseline import apply_baseline

    ruleset = load_ruleset(args, config)
    policy = build_policy(args, config, ruleset)
    grouping = build_grouping(args, config)
    paths = args.paths or default_paths(config)
    stated = read_inputs(args, config, ruleset, paths, exclusions(args, config, outputs))
    facts, errors = merge_facts(stated, ruleset)
    documents = [document.document for document in stated]
    result = report_of(documents, facts, errors, ruleset, policy.severities, grouping)
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
        return OutputPlan(
            [(folder / f"audit{suffix(name)}", name) for name in REPORT_SET],
            stdout=formats[0] if len(formats) == 1 else None,
        )
    if args.output:
        if len(formats) > 1:
            raise ConfigError("--output takes one --format; use --reports DIR for several")
        chosen = formats[0] if formats else format_for(args.output)
        if args.output == "-":
            return OutputPlan(stdout=chosen)
        return OutputPlan([(Path(args.output), chosen)])
    if len(formats) == 1 and not args.reports:
        return OutputPlan(stdout=formats[0])
    names = formats or list(REPORT_SET)
    shown = "table" if (not formats and not UI.quiet) or "table" in formats else None
    return OutputPlan(
        [
            (folder / f"audit{suffix(name)}", name)
            for name in names
            if name not in ("table", "concise", "github")
        ],
        stdout=shown or next((name for name in formats if name in ("concise", "github")), None),
    )


def suffix(name: str) -> str:
    from checker.reporters import get_reporter

    return get_reporter(name).SUFFIX


def format_for(output: str | None) -> str:
    extension = Path(output or "").suffix.lower()
    known = {
        ".json": "json",
        ".md": "markdown",
        ".sarif": "sarif",
        ".xml": "junit",
        ".html": "html",
        ".htm": "html",
    }
    return known.get(extension, "table")


def cmd_audit(args: argparse.Namespace, config: Config) -> int:
    from functools import partial

    from checker.output import check_target, write_atomic
    from checker.reporters import View, get_reporter, write_report

    view = View.parse(args.show)
    entries = baseline_entries(args, config)
    plan = output_plan(args, config)
    outputs = [target for target, _ in plan.targets]
    if args.output and args.output != "-":
        outputs.append(Path(args.output))
    if args.reports:
        outputs.append(Path(args.reports))
    report, errors, policy = audited_report(args, config, entries, outputs)
    inputs = [config.root / document.path for document in report.documents]
    listed = plan.stdout in ("concise", "github")  # stdout already lists the failing findings
    if args.check:
        rendered = [
            (target, get_reporter(name).render(report, view)) for target, name in plan.targets
        ]
        if plan.stdout:
            write_report(plan.stdout, report, sys.stdout, terminal_view(view))
        return check_reports(rendered) or exit_status(
            report, errors, policy, args.strict_baseline, listed
        )
    for target, _ in plan.targets:
        check_target(target, inputs)
    for target, name in plan.targets:
        write_atomic(target, partial(write_report, name, report, view=view))
        UI.detail(f"wrote {display_path(target)}")
    if plan.stdout:
        write_report(plan.stdout, report, sys.stdout, terminal_view(view))
    if args.compare_to:
        from checker.changes import diff_reports, load_report, render_table
        from checker.reporters.records import as_records
        from checker.terminal import safe

        old = load_report(Path(args.compare_to), args.compare_to)
        sys.stdout.write(safe(render_table(diff_reports(old, as_records(report)))))
    return exit_status(report, errors, policy, args.strict_baseline, listed)


def terminal_view(view: View) -> View:
    """The view for stdout: coloured when stdout is a terminal that takes colour."""
    from dataclasses import replace

    return replace(view, color=UI.colored(sys.stdout))


def display_path(path: Path) -> str:
    from checker.ingest import display

    return display(path, Path.cwd())


def check_reports(rendered: list[tuple[Path, str]]) -> int:
    """--check: the reports folder must hold exactly what an audit would write."""
    stale = 0
    for target, text in rendered:
        try:
            current: str | None = target.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        except OSError:
            current = ""
        if current == text:
            continue
        stale += 1
        if current is None:
            UI.say(
                f"crossdoc: {display_path(target)} is missing: run `crossdoc audit` to write "
                "it, and commit it"
            )
        else:
            UI.say(
                f"crossdoc: {display_path(target)} is out of date with the documents: "
                "run `crossdoc audit` and commit the result"
            )
    return EXIT_FAIL if stale else EXIT_OK


def exit_status(
    report: Report,
    errors: list[str],
    policy: Policy,
    strict_baseline: bool,
    listed: bool = False,
) -> int:
    """Say what failed, and return the exit status. The gate's failing findings are listed
    one a line (the concise format) unless stdout has just listed them."""
    for entry in report.stale_baseline:
        message = f"stale baseline entry, matches no finding: {entry}"
        if strict_baseline:
            UI.error(message)
        else:
            UI.warning(message)
    from checker.audit import NOTHING_COMPARED

    if NOTHING_COMPARED in report.notes:
        UI.warning(NOTHING_COMPARED)
    for error in errors:
        UI.error(error)
    if errors:
        UI.error("the audit is incomplete (rule errors above)")
        return EXIT_ERROR
    failed = [f for f in report.findings if f.gated]
    if failed:
        if not listed:
            from checker.reporters.concise import gated, line
            from checker.reporters.records import as_records

            for finding, statement in gated(as_records(report)):
                UI.say(line(finding, statement))
        noun = "finding fails" if len(failed) == 1 else "findings fail"
        UI.say((f"crossdoc: {len(failed)} {noun} the gate", "bold red"), f" ({policy.describe()})")
        return EXIT_FAIL
    if strict_baseline and report.stale_baseline:
        return EXIT_FAIL
    return EXIT_OK


def cmd_baseline(args: argparse.Namespace, config: Config) -> int:
    from checker.baseline import entry_for, load_baseline, migrate_baseline, render_baseline
    from checker.output import write_atomic
    from checker.terminal import safe_line

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
            f"crossdoc: migrated {safe_line(shown)}: {plural(len(migrated), 'entry', 'entries')} "
            f"kept, {unmatched} matched no finding and {'was' if unmatched == 1 else 'were'} "
            "dropped"
        )
        return EXIT_OK
    existing = {e.fingerprint: e for e in load_baseline(path, shown)} if path.exists() else {}
    report, errors, policy = audited_report(args, config, [], [path])
    if errors:
        return exit_status(report, errors, policy, False)
    gated = [f for f in report.findings if f.gated]
    new = [f for f in gated if f.fingerprint not in existing]
    if new and not (args.reason and args.reason.strip()):
        needs = "new finding needs" if len(new) == 1 else "new findings need"
        raise ConfigError(
            f'{len(new)} {needs} a reason to be accepted: use --reason "..." (reviewers read it)'
        )
    entries = [
        existing.get(f.fingerprint) or entry_for(f, (args.reason or "").strip()) for f in gated
    ]
    dropped = len(set(existing) - {f.fingerprint for f in gated})
    write_atomic(path, render_baseline(entries))
    if not UI.quiet:
        print(
            f"crossdoc: wrote {safe_line(shown)}: {plural(len(entries), 'entry', 'entries')} "
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
        from checker.terminal import safe

        sys.stdout.write(safe(text))
    return EXIT_OK


def cmd_facts(args: argparse.Namespace, config: Config) -> int:
    import json

    from checker.audit import merge_facts
    from checker.reporters.records import position

    ruleset = load_ruleset(args, config)
    stated = read_inputs(args, config, ruleset, args.paths, exclusions(args, config))
    facts, errors = merge_facts(stated, ruleset)
    paths = {s.document.id: s.document.path for s in stated}
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
        from checker.terminal import safe, wrap_cells

        table = [
            [safe(cell) for cell in (r["rule"], r["key"], r["value"], position(r), r["quote"])]
            for r in rows
        ]
        print(wrap_cells(table, [None, 24, 30, 30, 50], ["rule", "key", "value", "where", "quote"]))
    for error in (*ruleset.errors, *errors):
        UI.error(str(error))
    return EXIT_ERROR if ruleset.errors or errors else EXIT_OK


def cmd_cache(args: argparse.Namespace, config: Config) -> int:
    from checker.cache import cache_folder, clear_cache

    folder = cache_folder(config.root, config.cache_dir)
    try:
        removed = clear_cache(folder)
    except OSError as problem:
        raise ConfigError(f"{display_path(folder)}: cannot be cleared: {problem}") from None
    if not UI.quiet:
        what = "cleared" if removed else "was already empty"
        print(f"crossdoc: the cache in {display_path(folder)} {what}")
    return EXIT_OK


def cmd_rules(args: argparse.Namespace, config: Config) -> int:
    from tabulate import tabulate

    ruleset = load_ruleset(args, config)
    rows = [[loaded.rule.id, loaded.rule.title] for loaded in ruleset.rules]
    print(tabulate(rows, headers=["rule", "title"], tablefmt="simple"))
    for error in ruleset.errors:
        UI.error(str(error))
    return EXIT_ERROR if ruleset.errors else EXIT_OK


def cmd_explain(args: argparse.Namespace, config: Config) -> int:
    info = load_ruleset(args, config).get(args.rule).rule.info()
    print(f"{info.id}: {info.title}\n\n{info.description}")
    if info.examples:
        print("\nExamples:")
        for example in info.examples:
            print(f"  - {example}")
    return EXIT_OK
