"""The cache of what each file states: its facts (read by the rules, before they are aligned
across documents), kept in SQLite so that a re-audit reads again only the files that changed.

An entry is used only when everything that made it is the same: the file's bytes (SHA-256),
its path and id, crossdoc's version, the rules in use (the code and data files of every
rules directory, crossdoc's own source, the rules enabled) and the libraries that read text.
The cache lives in `.crossdoc_cache/` at the project root, in `$XDG_CACHE_HOME/crossdoc`
when that is set, or where `cache_dir` in [tool.crossdoc] says. A file that is not such a
cache (corrupt, another program's, another schema) or was written by another version of
crossdoc is never trusted: it is rebuilt, with one warning, and the audit goes on. Two
audits may share it at once: SQLite's write-ahead log, transactions and a busy timeout keep
it whole.

Entries are pickled, and every entry is signed (HMAC-SHA256) with a key kept outside the
project, in the user's own cache folder (`$XDG_CACHE_HOME/crossdoc/signing.key` or
`~/.cache/crossdoc/signing.key`, mode 0600): a cache committed to a repository, or copied
from someone else, is never unpickled, because it cannot carry a valid signature.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import sqlite3
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = "crossdoc-cache/1"
DATABASE = "facts.sqlite3"
DEFAULT_FOLDER = ".crossdoc_cache"
BUSY_TIMEOUT_SECONDS = 60.0  # another audit writing: wait this long before giving up on it
READERS = ("spacy", "dateparser", "pycountry", "rapidfuzz")  # libraries that read the text
SOURCE_SUFFIXES = (".py", ".csv", ".jsonl", ".json", ".yml", ".yaml", ".txt", ".toml")


SIGNATURE_BYTES = 32


def signing_key() -> bytes:
    """The user's own key, outside any project: made once, readable by the user only."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "crossdoc"
    path = base / "signing.key"
    with contextlib.suppress(OSError):
        key = path.read_bytes()
        if len(key) >= SIGNATURE_BYTES:
            return key
    base.mkdir(parents=True, exist_ok=True)
    key = os.urandom(SIGNATURE_BYTES)
    with contextlib.suppress(FileExistsError):
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(key)
        return key
    return path.read_bytes()  # another audit made it first


def sign(body: bytes) -> bytes:
    return hmac.new(_key(), body, hashlib.sha256).digest()


def signed(body: bytes) -> bytes:
    return sign(body) + body


_KEYS: dict[str, bytes] = {}


def _key() -> bytes:
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home())
    if home not in _KEYS:
        _KEYS[home] = signing_key()
    return _KEYS[home]


def cache_folder(root: Path, configured: str | None = None) -> Path:
    """Where the cache lives: `cache_dir` (relative to the project root), else
    $XDG_CACHE_HOME/crossdoc when that is set, else .crossdoc_cache/ at the project root."""
    if configured:
        return root / configured
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "crossdoc"
    return root / DEFAULT_FOLDER


def rules_key(version: str, directories: Iterable[Path], rule_ids: Sequence[str]) -> str:
    """What the facts of a file depend on besides the file: crossdoc's version and source,
    the files of every rules directory in use (their folders too: rule modules are named
    after them), the rules enabled, Python's version and the text libraries' versions."""
    from importlib import metadata

    digest = hashlib.sha256()
    digest.update(f"{SCHEMA}\0{version}\0{sys.version_info[:2]}\0".encode())
    for name in READERS:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    digest.update(("\0".join(rule_ids) + "\0").encode())
    folders = [Path(__file__).resolve().parent, *(Path(d).resolve() for d in directories)]
    for folder in folders:
        digest.update(f"{folder}\0".encode())
        for file in sorted(folder.rglob("*")):
            if "__pycache__" in file.parts or file.suffix not in SOURCE_SUFFIXES:
                continue
            if file.is_file():
                digest.update(f"{file.relative_to(folder).as_posix()}\0".encode())
                digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Entry:
    """Where a cached file stands: its place in the project and its bytes' hash."""

    display: str
    doc_id: str
    digest: str


class FactCache:
    """The cache, opened once per audit. Every failure of SQLite is a warning (the first
    one only). A file that cannot be read is rebuilt or, when it cannot be, left unused; a
    file another audit holds is waited for, or skipped, and never removed under it."""

    def __init__(
        self,
        folder: Path,
        version: str,
        key: str,
        scope: str,
        warn: Callable[[str], None],
        shown: str | None = None,
    ) -> None:
        self.folder = folder
        self.path = folder / DATABASE
        self.shown = shown or str(self.path)  # the database as messages name it
        self.version = version
        self.key = key
        self.scope = scope  # the project root: several projects may share one folder
        self._warn = warn
        self._warned = False
        self._connection: sqlite3.Connection | None = None
        self.usable = True
        self.hits = 0
        self.misses = 0

    # opening ---------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is not None or not self.usable:
            return self._connection
        try:
            self._connection = self._open_when_free()
        except sqlite3.OperationalError as problem:
            if not _busy(problem):
                self._rebuild(f"{self._shown()} cannot be used ({_why(problem)})")
            else:  # another audit holds it past the timeout: never removed under it
                self.usable = False
                self._warning(f"{self._shown()} is busy ({_why(problem)}): no cache this run")
        except (sqlite3.Error, OSError) as problem:
            self._rebuild(f"{self._shown()} cannot be used ({_why(problem)})")
        return self._connection

    def _open_when_free(self) -> sqlite3.Connection:
        """Open, waiting while another audit holds the file: SQLite answers "locked" at once,
        without its busy handler, when two connections first set up a new database."""
        deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
        pause = 0.01
        while True:
            try:
                return self._open()
            except sqlite3.OperationalError as problem:
                if not _busy(problem) or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.25)

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():  # as pytest and ruff do: git never offers the cache
            with contextlib.suppress(OSError):
                ignore.write_text("# written by crossdoc\n*\n", encoding="utf-8")
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        try:
            connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            mode = connection.execute("PRAGMA journal_mode").fetchone()
            if not mode or str(mode[0]).lower() != "wal":
                connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            problem = self._prepare(connection)
        except BaseException:
            connection.close()
            raise
        if problem is not None:  # another version's or a foreign cache: emptied, then used
            self._warning(f"{self._shown()} {problem}: rebuilt")
        return connection

    def _prepare(self, connection: sqlite3.Connection) -> str | None:
        """Make the tables if the file is new; say what is wrong with one that is not ours
        (its entries are then dropped)."""
        connection.execute("BEGIN IMMEDIATE")
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            problem = None
            if tables and tables != {"meta", "facts"}:
                problem = "is not a crossdoc cache"
            elif tables:
                meta = dict(connection.execute("SELECT name, value FROM meta").fetchall())
                if meta.get("schema") != SCHEMA:
                    problem = f"has another layout ({meta.get('schema', 'none')})"
                elif meta.get("version") != self.version:
                    problem = f"was written by crossdoc {meta.get('version', '?')}"
            if problem is not None:
                for table in tables:
                    connection.execute(f'DROP TABLE IF EXISTS "{table}"')
            connection.execute(
                "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)"
            )
            connection.execute(
                "CREATE TABLE IF NOT EXISTS facts (scope TEXT, display TEXT, doc_id TEXT, "
                "digest TEXT, rules TEXT, data BLOB, PRIMARY KEY (scope, display, doc_id))"
            )
            connection.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [("schema", SCHEMA), ("version", self.version)],
            )
            connection.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise
        return problem

    def _rebuild(self, message: str) -> None:
        """Remove a cache that cannot be read and start a new one; if that fails too, go
        on without a cache. One warning says which."""
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink()
        try:
            self._connection = self._open()
        except (sqlite3.Error, OSError) as problem:
            self.usable = False
            self._connection = None
            self._warning(f"{message}; not rebuilt ({_why(problem)}): no cache this run")
            return
        self._warning(f"{message}: rebuilt")

    def _warning(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            self._warn(f"cache {message}")

    def _shown(self) -> str:
        return self.shown

    # reading and writing ---------------------------------------------------------------

    def get(self, entry: Entry) -> Any | None:
        """What the cache holds for this file, or None (never cached, changed, unreadable)."""
        connection = self._connect()
        if connection is None:
            return None
        try:
            row = connection.execute(
                "SELECT digest, rules, data FROM facts WHERE scope = ? AND display = ? "
                "AND doc_id = ?",
                (self.scope, entry.display, entry.doc_id),
            ).fetchone()
        except sqlite3.Error as problem:
            if _busy(problem):
                self._warning(f"{self._shown()} is busy ({_why(problem)}); read again")
            else:
                self._rebuild(f"{self._shown()} cannot be read ({_why(problem)})")
            self.misses += 1
            return None
        if row is None or row[0] != entry.digest or row[1] != self.key:
            self.misses += 1
            return None
        blob = bytes(row[2])
        signature, body = blob[:SIGNATURE_BYTES], blob[SIGNATURE_BYTES:]
        if not hmac.compare_digest(signature, sign(body)):
            self._warning(
                f"{self._shown()} holds an entry this user did not write (no valid "
                "signature): ignored, never unpickled"
            )
            self.misses += 1
            return None
        try:
            payload = pickle.loads(zlib.decompress(body))
        except Exception as problem:  # a damaged entry: read again, and overwritten
            self._warning(f"{self._shown()} holds a damaged entry ({_why(problem)}): ignored")
            self.misses += 1
            return None
        self.hits += 1
        return payload

    def put(self, items: Sequence[tuple[Entry, Any]]) -> None:
        """Store what files state, in one transaction."""
        if not items:
            return
        connection = self._connect()
        if connection is None:
            return
        rows = [
            (
                self.scope,
                entry.display,
                entry.doc_id,
                entry.digest,
                self.key,
                signed(zlib.compress(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL), 1)),
            )
            for entry, payload in items
        ]
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.executemany(
                    "INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?, ?, ?)", rows
                )
                connection.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    connection.execute("ROLLBACK")
                raise
        except sqlite3.Error as problem:
            if _busy(problem):
                self._warning(f"{self._shown()} is busy ({_why(problem)}); entries not stored")
                return
            self._rebuild(f"{self._shown()} cannot be written ({_why(problem)})")

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None


def clear_cache(folder: Path) -> list[Path]:
    """Remove the cache's files (and the folder, when nothing else is in it); returns what
    was removed."""
    removed = []
    for name in (DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm", f"{DATABASE}-journal"):
        file = folder / name
        if file.exists():
            file.unlink()
            removed.append(file)
    ignore = folder / ".gitignore"
    if ignore.is_file() and ignore.read_text(encoding="utf-8", errors="replace").startswith(
        "# written by crossdoc"
    ):
        ignore.unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()
    return removed


def _busy(problem: BaseException) -> bool:
    """Whether SQLite refused because another connection holds the file: a reason to wait
    or to skip, never to remove the file under that connection."""
    text = str(problem).lower()
    return isinstance(problem, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _why(problem: BaseException) -> str:
    return str(problem) or type(problem).__name__
