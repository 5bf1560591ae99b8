"""Writing reports: atomically, never over an input document, never half-written."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from checker.errors import CrossdocError


def read_crossdoc_json(path: Path, shown: str, kind: str, schema_prefix: str) -> dict[str, Any]:
    """A JSON file crossdoc wrote (a report, a baseline), with one-line errors naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CrossdocError(f"{shown}: no such {kind}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CrossdocError(f"{shown}: {kind} is not readable JSON: {exc}") from None
    if not isinstance(data, dict) or not str(data.get("schema", "")).startswith(schema_prefix):
        raise CrossdocError(f"{shown}: not a crossdoc {kind} (no {schema_prefix!r} schema)")
    return data


def check_target(path: Path, inputs: Iterable[Path]) -> None:
    """Refuse a target that would overwrite an input, that is a folder, or whose folder
    cannot be made (a file stands where a folder would be)."""
    target = path.resolve()
    for given in inputs:
        if given.resolve() == target:
            raise CrossdocError(f"{path}: refusing to write a report over an input document")
    if target.is_dir():
        raise CrossdocError(f"{path}: cannot write the report: it is a folder")
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise CrossdocError(f"{path}: cannot write the report: {folder} is not a folder")


def file_mode() -> int:
    """The mode a new file gets under the process's umask (0o644 under the usual 022)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def make_folder(folder: Path) -> None:
    """Create `folder` and its parents as needed, with the umask's mode. A folder made at the
    same moment by another run is fine; a file in the way is a one-line error."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise CrossdocError(f"{folder}: cannot make the folder: a file has that name") from None
    except OSError as exc:
        raise CrossdocError(f"{folder}: cannot make the folder: {exc.strerror}") from None


def write_atomic(path: Path, text: str | Callable[[TextIO], None]) -> None:
    """Write to a temporary file beside `path`, then rename it into place. `text` is the
    content, or a function that writes it to a stream (a report written as it is built).

    A reader sees the old file or the new one, never a mix; an interrupted run leaves the
    previous report intact. Missing folders are made; the file gets the umask's mode
    (mkstemp's 0600 would hide reports from a web server or a colleague).
    """
    directory = path.resolve().parent
    make_folder(directory)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            if isinstance(text, str):
                stream.write(text)
            else:
                text(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, file_mode())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
