"""Reports are written atomically: an interruption mid-write leaves the previous file whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.output import write_atomic


def test_an_interrupted_write_keeps_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "audit.json"
    report.write_text("previous\n")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt  # after the new text is written, before it replaces the old

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(report, "new report that must not appear half-written\n" * 1000)
    assert report.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["audit.json"]  # no temporary file left


def test_a_completed_write_replaces_the_report(tmp_path: Path) -> None:
    report = tmp_path / "audit.json"
    report.write_text("previous\n")
    write_atomic(report, "new\n")
    assert report.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["audit.json"]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_reports_get_the_umask_mode_not_0600(tmp_path: Path, umask: int, mode: int) -> None:
    previous = os.umask(umask)
    try:
        report = tmp_path / "new" / "folders" / "audit.json"
        write_atomic(report, "{}\n")
        over = tmp_path / "old.json"
        over.write_text("old\n")
        os.chmod(over, 0o600)
        write_atomic(over, "new\n")
    finally:
        os.umask(previous)
    assert report.stat().st_mode & 0o777 == mode
    assert over.stat().st_mode & 0o777 == mode
    # the folders made on the way get the umask's mode too
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o777 & ~umask
    assert (tmp_path / "new" / "folders").stat().st_mode & 0o777 == 0o777 & ~umask
