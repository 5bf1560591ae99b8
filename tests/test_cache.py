"""The cache of what each file states: used when nothing changed, missed when the file, the
rules or crossdoc's version changed, rebuilt (never trusted) when damaged, shared safely."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import checker
from checker import engine
from checker.cache import DATABASE, Entry, FactCache, cache_folder, clear_cache, rules_key
from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent

DOCUMENTS = {
    "a.md": "---\ndate: 2023-07-11\n---\nAllies agreed to deploy 4,000 troops to Lithuania.\n",
    "b.md": "---\ndate: 2023-07-11\n---\nAllies agreed to deploy 3,000 troops to Lithuania.\n",
    "c.md": "---\ndate: 2023-07-12\n---\nThe summit approved $2 billion in humanitarian aid.\n",
}
RULE = (ROOT / "rules" / "troop_counts.py").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with documents and a rules folder of its own (a copy of the bundled one)."""
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    for name, text in DOCUMENTS.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / "pyproject.toml").write_text(
        "[tool.crossdoc]\npaths = ['docs']\nrules = 'myrules'\nbundled_rules = false\n"
    )
    rules = root / "myrules"
    (rules / "data").mkdir(parents=True)
    (rules / "patterns").mkdir()
    for source in (ROOT / "rules").glob("*.py"):
        (rules / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    for kind in ("data", "patterns"):
        for source in (ROOT / "rules" / kind).iterdir():
            (rules / kind / source.name).write_bytes(source.read_bytes())
    monkeypatch.chdir(root)
    return root


class Counting:
    """Counts the files actually read (not taken from the cache)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = engine.read_one

        def read_one(*args: object) -> engine.FileResult:
            self.count += 1
            return real(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(engine, "read_one", read_one)


def audit(out: str = "audit.json", *extra: str) -> int:
    return main(["audit", "--format", "json", "--output", out, "--fail-on", "none", *extra])


def test_a_second_audit_reads_nothing_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = Counting(monkeypatch)
    assert audit("first.json") == 0
    assert reads.count == 3
    assert (project / ".crossdoc_cache" / DATABASE).is_file()
    assert audit("second.json") == 0
    assert reads.count == 3  # every file from the cache
    assert (project / "first.json").read_bytes() == (project / "second.json").read_bytes()


def test_a_changed_file_is_read_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = Counting(monkeypatch)
    audit("first.json")
    (project / "docs" / "b.md").write_text(DOCUMENTS["b.md"].replace("3,000", "4,000"))
    audit("second.json")
    assert reads.count == 4  # b.md only
    assert audit("fresh.json", "--no-cache") == 0
    assert (project / "second.json").read_bytes() == (project / "fresh.json").read_bytes()
    assert (project / "first.json").read_bytes() != (project / "second.json").read_bytes()


def test_changed_rules_read_every_file_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = Counting(monkeypatch)
    audit()
    rule = project / "myrules" / "troop_counts.py"
    rule.write_text(rule.read_text() + "\n# a comment changes the rules' hash\n")
    audit()
    assert reads.count == 6
    table = project / "myrules" / "data" / "regions.csv"
    table.write_text(table.read_text() + "\n")
    audit()
    assert reads.count == 9  # a data file is part of the rules too
    audit("again.json", "--disable", "money")
    assert reads.count == 12  # other rules enabled: other facts


def test_another_version_of_crossdoc_rebuilds_the_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    reads = Counting(monkeypatch)
    audit()
    monkeypatch.setattr(checker, "__version__", "99.0.0")
    audit()
    assert reads.count == 6
    warning = capsys.readouterr().err
    assert warning.count("warning") == 1
    assert "cache .crossdoc_cache/facts.sqlite3 was written by crossdoc 0.1.0: rebuilt" in warning
    audit()
    assert reads.count == 6  # the rebuilt cache serves the new version


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda db: db.write_bytes(b"this is not a database" * 100), id="garbage"),
        pytest.param(lambda db: db.write_bytes(db.read_bytes()[:2000]), id="truncated"),
        pytest.param(lambda db: db.write_bytes(b""), id="empty"),
    ],
)
def test_a_corrupt_cache_is_rebuilt_with_one_warning(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], damage
) -> None:  # type: ignore[no-untyped-def]
    audit("first.json")
    capsys.readouterr()
    damage(project / ".crossdoc_cache" / DATABASE)
    reads = Counting(monkeypatch)
    assert audit("second.json") == 0
    err = capsys.readouterr().err
    assert err.count("crossdoc: warning: cache") <= 1
    assert (project / "first.json").read_bytes() == (project / "second.json").read_bytes()
    audit("third.json")
    assert reads.count in (3, 6)  # a truncated file may still open: its entries are missed
    assert capsys.readouterr().err.count("warning") == 0  # rebuilt: quiet from now on


def test_a_foreign_database_is_not_trusted(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = project / ".crossdoc_cache"
    folder.mkdir()
    with sqlite3.connect(folder / DATABASE) as connection:
        connection.execute("CREATE TABLE facts (x TEXT)")
        connection.execute("INSERT INTO facts VALUES ('not ours')")
    reads = Counting(monkeypatch)
    assert audit() == 0
    assert reads.count == 3
    assert "is not a crossdoc cache: rebuilt" in capsys.readouterr().err
    audit()
    assert reads.count == 3


def test_a_damaged_entry_is_read_again(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    audit("first.json")
    with sqlite3.connect(project / ".crossdoc_cache" / DATABASE) as connection:
        connection.execute("UPDATE facts SET data = x'00ff00' WHERE display = 'docs/a.md'")
    reads = Counting(monkeypatch)
    audit("second.json")
    assert reads.count == 1
    assert "holds an entry this user did not write" in capsys.readouterr().err
    assert (project / "first.json").read_bytes() == (project / "second.json").read_bytes()


class Planted:
    """A pickle that would leave a marker file if it were ever unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.write_text, (self.marker, "unpickled"))


def test_a_cache_entry_someone_else_wrote_is_never_unpickled(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import pickle
    import zlib

    audit("first.json")
    marker = project / "pwned"
    crafted = zlib.compress(pickle.dumps(Planted(marker)))
    # a repository can carry a cache file, but not a signature made with the user's key
    for blob in (crafted, bytes(32) + crafted):
        with sqlite3.connect(project / ".crossdoc_cache" / DATABASE) as connection:
            connection.execute("UPDATE facts SET data = ? WHERE display = 'docs/a.md'", (blob,))
        audit("second.json")
        assert not marker.exists()
        assert "did not write" in capsys.readouterr().err
        assert (project / "first.json").read_bytes() == (project / "second.json").read_bytes()


def test_cache_clear_and_no_cache(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    audit("out.json", "--no-cache")
    assert not (project / ".crossdoc_cache").exists()
    audit()
    assert (project / ".crossdoc_cache" / DATABASE).is_file()
    assert main(["cache", "clear"]) == 0
    assert "cleared" in capsys.readouterr().out
    assert not (project / ".crossdoc_cache").exists()
    assert main(["cache", "clear"]) == 0
    assert "already empty" in capsys.readouterr().out


def test_where_the_cache_lives(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert cache_folder(project) == project / ".crossdoc_cache"
    assert cache_folder(project, "build/cache") == project / "build" / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder(project) == tmp_path / "xdg" / "crossdoc"
    audit()
    assert (tmp_path / "xdg" / "crossdoc" / DATABASE).is_file()
    assert not (project / ".crossdoc_cache").exists()
    with (project / "pyproject.toml").open("a") as settings:
        settings.write("cache_dir = 'cachehere'\n")
    audit()
    assert (project / "cachehere" / DATABASE).is_file()
    assert clear_cache(project / "cachehere") and not (project / "cachehere").exists()


def test_the_cache_folder_is_never_read_as_documents(project: Path) -> None:
    folder = project / "docs" / "cache"
    (project / "pyproject.toml").write_text(
        "[tool.crossdoc]\npaths = ['docs']\nrules = 'myrules'\nbundled_rules = false\n"
        "cache_dir = 'docs/cache'\n"
    )
    folder.mkdir()
    (folder / "note.md").write_text("A stray note saying 9,000 troops were deployed.\n")
    assert audit() == 0
    import json

    report = json.loads((project / "audit.json").read_text())
    assert [d["path"] for d in report["documents"]] == ["docs/a.md", "docs/b.md", "docs/c.md"]


def test_the_key_covers_crossdoc_and_every_rules_folder(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "one.py").write_text("x = 1\n")
    key = rules_key("1.0", [rules], ["one"])
    assert key == rules_key("1.0", [rules], ["one"])
    assert key != rules_key("1.1", [rules], ["one"])
    assert key != rules_key("1.0", [rules], ["one", "two"])
    (rules / "one.py").write_text("x = 2\n")
    assert key != rules_key("1.0", [rules], ["one"])


def test_an_unwritable_cache_is_a_warning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / ".crossdoc_cache").write_text("a file where the folder should be")
    assert audit() == 0
    err = capsys.readouterr().err
    assert err.count("crossdoc: warning: cache") == 1 and "no cache this run" in err


AUDIT = """
import sys
from checker.cli import main
sys.exit(main(["audit", "--format", "json", "--output", sys.argv[1], "--fail-on", "none",
               "--jobs", "1"]))
"""


def test_two_audits_at_once_share_the_cache(project: Path) -> None:
    """Two processes audit at once into one new cache, then again: every run gives the same
    report, the database stays whole, and a later audit takes every file from it."""
    docs = project / "docs"
    for n in range(60):
        (docs / f"extra-{n:02}.md").write_text(
            f"---\ndate: 2023-07-11\n---\nAllies agreed to deploy {n + 1},000 troops.\n"
        )
    for round_ in range(2):
        runs = [
            subprocess.Popen(
                [sys.executable, "-c", AUDIT, f"out-{round_}-{n}.json"],
                cwd=project,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in range(2)
        ]
        for run in runs:
            _, err = run.communicate(timeout=300)
            assert run.returncode == 0, err
            assert "warning" not in err, err
    outputs = {path.read_bytes() for path in project.glob("out-*.json")}
    assert len(outputs) == 1
    database = project / ".crossdoc_cache" / DATABASE
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT COUNT(*) FROM facts").fetchone() == (63,)


def test_the_cache_api_never_raises(tmp_path: Path) -> None:
    warnings: list[str] = []
    cache = FactCache(tmp_path / "c", "1", "key", "scope", warnings.append)
    entry = Entry("a.md", "a", "digest")
    assert cache.get(entry) is None
    cache.put([(entry, {"facts": 1})])
    assert cache.get(entry) == {"facts": 1}
    assert cache.get(Entry("a.md", "a", "other digest")) is None
    cache.close()
    (tmp_path / "c" / DATABASE).write_bytes(b"\x00" * 4096)
    again = FactCache(tmp_path / "c", "1", "key", "scope", warnings.append)
    assert again.get(entry) is None
    again.put([(entry, {"facts": 2})])
    assert again.get(entry) == {"facts": 2}
    assert len(warnings) == 1


class SettingUpElsewhere(sqlite3.Connection):
    """A connection that meets, once, what SQLite answers while another connection sets up
    a new database: "locked", at once, without its busy handler (as CI met it)."""

    refused = 0

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql.startswith("PRAGMA journal_mode") and SettingUpElsewhere.refused == 0:
            SettingUpElsewhere.refused += 1
            raise sqlite3.OperationalError("database is locked")
        return super().execute(sql, *args)


def test_a_cache_another_audit_is_setting_up_is_waited_for_never_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is never removed under another audit (a removed file left that audit writing
    to a database without tables): the cache waits, then reads what is there."""
    folder = tmp_path / "c"
    made = FactCache(folder, "1", "key", "scope", print)
    made.put([(Entry("a.md", "a", "digest"), {"facts": 1})])
    made.close()
    inode = (folder / DATABASE).stat().st_ino
    connect = sqlite3.connect
    monkeypatch.setattr(
        "checker.cache.sqlite3.connect",
        lambda *args, **kwargs: connect(*args, factory=SettingUpElsewhere, **kwargs),
    )
    warnings: list[str] = []
    cache = FactCache(folder, "1", "key", "scope", warnings.append)
    assert cache.get(Entry("a.md", "a", "digest")) == {"facts": 1}
    cache.close()
    assert SettingUpElsewhere.refused == 1
    assert warnings == [] and (folder / DATABASE).stat().st_ino == inode
