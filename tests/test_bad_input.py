"""Bad and hostile input: one-line errors naming the file, exit 2, no traceback, previous
reports untouched; stray non-documents in folders skipped with a warning; nothing executed."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.cli import main

from .conftest import ROOT, SEEDS

SENTINEL = "previous report\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the real rules, a docs/ folder of good documents and old reports."""
    shutil.copytree(SEEDS, tmp_path / "docs")
    (tmp_path / "reports").mkdir()
    for name in ("audit.md", "audit.json"):
        (tmp_path / "reports" / name).write_text(SENTINEL)
    rules = (ROOT / "rules").as_posix()
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.crossdoc]\npaths = ["docs"]\nrules = "{rules}"\nreports = "reports"\n'
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def reports_untouched(project: Path) -> bool:
    return all(
        (project / "reports" / n).read_text() == SENTINEL for n in ("audit.md", "audit.json")
    )


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


ERRORS: dict[str, tuple[Callable[[Path], str], str]] = {
    # case -> (set up, returning the path to audit; the message stderr must contain)
    "missing path": (lambda p: "nowhere", "nowhere: no such file or directory"),
    "empty folder": (
        lambda p: (p / "empty").mkdir() or "empty",
        "empty: folder holds no text documents",
    ),
    "folder without text files": (
        lambda p: write(p / "pics" / "a.png", b"\x89PNG\x00") and "pics",
        "pics: folder holds no text documents",
    ),
    "empty file named": (lambda p: str(write(p / "e.txt", b"")), "e.txt: no text to analyse"),
    "whitespace only": (lambda p: str(write(p / "w.txt", " \n\t\n ")), "w.txt: no text to analyse"),
    "binary file named": (
        lambda p: str(write(p / "b.txt", b"\x00\x01\x02binary")),
        "b.txt: binary file",
    ),
    "image named": (
        lambda p: str(write(p / "i.png", b"\x89PNG\r\n\x1a\n\x00\x00")),
        "i.png: binary file",
    ),
    "invalid UTF-8": (
        lambda p: str(write(p / "u.txt", b"Valid start, then \xff\xfe bad")),
        "u.txt: not valid UTF-8 at byte 18",
    ),
    "Latin-1 text": (
        lambda p: str(write(p / "l.txt", "Caf\u00e9 des Allies.".encode("latin-1"))),
        "l.txt: not valid UTF-8 at byte 3 (convert it",
    ),
    "unterminated front matter": (
        lambda p: str(write(p / "f.md", "---\ntitle: x\nBody.\n")),
        "front matter is not terminated",
    ),
    "front matter not a mapping": (
        lambda p: str(write(p / "f.md", "---\n- a\n---\nBody.\n")),
        "front matter is not a mapping",
    ),
    "very large file": (
        lambda p: str(make_sparse(p / "big.txt", 50 * 1024 * 1024)),
        "file is too large",
    ),
    "symbolic link loop named": (
        lambda p: str(make_loop(p / "loop.txt")),
        "loop.txt: symbolic link loop",
    ),
}


def make_sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def make_loop(path: Path) -> Path:
    os.symlink(path.name, path)
    return path


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_input_errors(case: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    setup, message = ERRORS[case]
    target = setup(project)
    status, _, err = run(capsys, "audit", target)
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("crossdoc: error: ") and message in lines[0], err
    assert "Traceback" not in err
    assert reports_untouched(project)


def test_a_front_matter_date_that_is_not_a_date_is_a_warning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = write(project / "d.md", "---\ndate: 2022-13-45\n---\nBody.\n")
    status, out, err = run(capsys, "audit", str(doc), "--format", "json", "--output", "-")
    assert status == 0 and "Traceback" not in err
    assert err.strip().splitlines() == [
        "crossdoc: warning: d.md: front matter date '2022-13-45' is not a date; "
        "the document is undated"
    ]
    assert json.loads(out)["documents"][0]["date"] is None


def test_yaml_tags_are_never_executed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = project / "EXECUTED"
    doc = write(
        project / "t.md",
        f"---\nx: !!python/object/apply:os.system ['touch {marker}']\n---\nBody.\n",
    )
    status, _, err = run(capsys, "audit", str(doc))
    assert status == 2 and "t.md: front matter is not valid YAML" in err
    assert not marker.exists()


def test_unreadable_file(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # tests run as root in CI, where chmod 000 does not stop reading: simulate the refusal
    locked = write(project / "docs" / "locked.txt", "Text.\n")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    status, _, err = run(capsys, "audit")
    assert status == 2 and err.strip() == "crossdoc: error: docs/locked.txt: permission denied"
    assert reports_untouched(project)


def test_stray_non_documents_in_a_folder_are_skipped_with_a_warning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "docs" / "empty.txt", "")
    write(project / "docs" / "scan.txt", b"\x00\x00binary")
    make_loop(project / "docs" / "loop.md")
    os.symlink("..", project / "docs" / "up")  # a link to a folder (here a loop): not followed
    status, out, err = run(capsys, "audit", "--format", "json")
    assert status == 0
    assert sorted(err.strip().splitlines()) == [
        "crossdoc: warning: docs/empty.txt: no text to analyse (the document is empty) (skipped)",
        "crossdoc: warning: docs/loop.md: symbolic link loop (skipped)",
        "crossdoc: warning: docs/scan.txt: binary file (contains NUL bytes), "
        "not a text document (skipped)",
    ]
    assert len(json.loads(out)["documents"]) == 2


def test_utf16_with_bom_is_audited(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = project / "docs" / "003_991f4bdfd60fae3c.txt"
    source.write_bytes(source.read_text(encoding="utf-8").encode("utf-16"))
    status, out, _ = run(capsys, "audit", "--format", "json")
    assert status == 0
    assert json.loads(out)["summary"]["ordering_difference"] == 1


def test_a_single_line_of_a_million_characters(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = ("Allies met in Brussels and agreed more plans. " * 22_000)[:1_000_000]
    doc = write(project / "long.txt", line + "\n")
    status, out, _ = run(capsys, "audit", str(doc), "--format", "json")
    assert status == 0 and json.loads(out)["documents"][0]["id"] == "long"


def test_ten_thousand_small_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = project / "many"
    folder.mkdir()
    for number in range(10_000):
        (folder / f"note{number:05}.txt").write_text(f"Note {number} of the archive.\n")
    status, out, _ = run(capsys, "audit", "many", "--format", "json")
    assert status == 0 and len(json.loads(out)["documents"]) == 10_000


def test_one_document_is_exit_0_with_a_note(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "audit", "docs/000_0a250b0e07406cdf.txt", "--format", "json")
    report = json.loads(out)
    assert status == 0 and any("only one document" in note for note in report["notes"])


def test_two_copies_of_one_document_agree(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = project / "copies"
    copy.mkdir()
    for name in ("first.txt", "second.txt"):
        shutil.copy(project / "docs" / "000_0a250b0e07406cdf.txt", copy / name)
    status, out, _ = run(capsys, "audit", "copies", "--format", "json")
    verdicts = {f["verdict"] for f in json.loads(out)["findings"]}
    assert status == 0 and verdicts == {"agreement"}


def test_same_file_names_in_two_folders_keep_distinct_ids(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("a", "b"):
        write(project / "twins" / folder / "statement.txt", "NATO leaders met today.\n")
    status, out, _ = run(capsys, "audit", "twins", "--format", "json")
    ids = [d["id"] for d in json.loads(out)["documents"]]
    assert status == 0 and ids == ["twins/a/statement", "twins/b/statement"]


# Rules ----------------------------------------------------------------------------------


@pytest.fixture
def broken_rules(project: Path) -> Path:
    rules = project / "myrules"
    shutil.copytree(ROOT / "rules", rules, ignore=shutil.ignore_patterns("__pycache__"))
    (rules / "broken.py").write_text("def oops(:\n    pass\n")
    (rules / "raising.py").write_text(
        "from checker.rules import Rule\n\n"
        "class Raising(Rule):\n"
        "    id = 'raising'\n    title = 'Raises'\n    description = 'Fails on purpose.'\n\n"
        "    def extract(self, document):\n        raise ValueError('boom')\n\n"
        "RULE = Raising()\n"
    )
    return rules


def test_broken_rules_are_reported_and_the_others_still_run(
    project: Path, broken_rules: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "audit", "--rules", "myrules", "--format", "json")
    assert status == 2
    assert "crossdoc: error: rule broken (myrules/broken.py): syntax error at line 1" in err
    assert (
        "crossdoc: error: rule raising (myrules/raising.py): "
        "failed while extracting: ValueError: boom" in err
    )
    assert "Traceback" not in err
    report = json.loads(out)
    assert any(f["rule"] == "battlegroup-countries" for f in report["findings"])
    assert any("incomplete audit" in note for note in report["notes"])


def test_unknown_rule_id_lists_the_valid_ones(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "audit", "--enable", "no-such-rule")
    assert status == 2
    assert (
        "unknown rule 'no-such-rule'; available rules: ages, amounts, battlegroup-countries, "
        in err
    )
    assert reports_untouched(project)


# Output ---------------------------------------------------------------------------------


def cli(project: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "checker", *args],
        cwd=project,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_run_leaves_the_previous_reports_whole(project: Path, signum: int) -> None:
    process = cli(project, "audit")
    time.sleep(0.4)  # somewhere in start-up or the audit: wherever it lands, reports stay whole
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert "Traceback" not in err
    left = {name: (project / "reports" / name).read_text() for name in ("audit.md", "audit.json")}
    assert not list((project / "reports").glob(".*.tmp"))
    # each report is the previous one, or (when the signal came after it was written) the
    # whole new one: the one an audit run to its end writes, output being deterministic
    complete = cli(project, "audit")
    complete.communicate(timeout=120)
    for name, text in left.items():
        assert text in (SENTINEL, (project / "reports" / name).read_text()), name


def test_two_audits_at_once_leave_each_report_whole(project: Path) -> None:
    processes = [cli(project, "audit") for _ in range(2)]
    assert [p.wait(timeout=120) for p in processes] == [0, 0]
    report = json.loads((project / "reports" / "audit.json").read_text())
    assert report["summary"]["ordering_difference"] == 1
    assert (project / "reports" / "audit.md").read_text().startswith("# crossdoc audit")


# Untrusted text -------------------------------------------------------------------------

HOSTILE = (
    "---\ndate: 2022-03-24\ntitle: <b>Title</b> | x |\n---\n"
    "We are establishing two new battlegroups in Poland and Estonia <script>alert(1)</script> "
    "| a | b | <!-- comment --> [link](http://example.com) ![image](http://example.com/i.png)\n"
)


def test_document_text_cannot_change_the_markdown_report(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "hostile" / "a.md", HOSTILE)
    write(project / "hostile" / "b.md", HOSTILE.replace("Poland and Estonia", "Estonia and Poland"))
    status, out, _ = run(capsys, "audit", "hostile", "--format", "markdown")
    assert status == 0
    assert "<script>" not in out and "<!--" not in out and "<b>" not in out
    assert "](http" not in out.replace("\\](http", "")
    for line in out.splitlines():
        if line.startswith("| hostile/"):
            assert len(re.findall(r"(?<!\\)\|", line)) == 6, line  # five cells, no more
