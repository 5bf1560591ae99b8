"""Writing reports: atomically, never over an input document, never half-written."""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from checker.errors import CrossdocError


def read_crossdoc_json(
    path: Path, shown: str, kind: str, schema_prefix: str, limit: int | None = None
) -> dict[str, Any]:
    """A JSON file crossdoc wrote (a report, a baseline), with one-line errors naming it.
    Only a regular file is read (a named pipe would block, a device never end), and none
    larger than `limit` bytes."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise CrossdocError(f"{shown}: {kind} is not a regular file")
        if limit is not None and status.st_size > limit:
            raise CrossdocError(
                f"{shown}: {kind} is too large ({status.st_size} bytes; the limit is {limit})"
            )
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CrossdocError(f"{shown}: no such {kind}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise CrossdocError(f"{shown}: {kind} is not readable JSON: {exc}") from None
    if not isinstance(data, dict) or not str(data.get("schema", "")).startswith(schema_prefix):
        raise CrossdocError(f"{shown}: not a crossdoc {kind} (no {schema_prefix!r} schema)")
    return data


def check_target(path: Path, inputs: Iterable[Path]) -> None:
    """Refuse a target that would overwrite an input, that is a folder or a symbolic link
    to a file, or whose folder cannot be made (a file stands where a folder would be):
    before anything is written, so that a refused run leaves every report as it was."""
    target = path.resolve()
    for given in inputs:
        if given.resolve() == target:
            raise CrossdocError(
                f"{shown_path(path)}: refusing to write a report over an input document"
            )
    if target.is_dir():
        raise CrossdocError(f"{shown_path(path)}: cannot write the report: it is a folder")
    if path.is_symlink() and not special(path):
        raise CrossdocError(_LINK.format(shown_path(path)))
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise CrossdocError(
            f"{shown_path(path)}: cannot write the report: {shown_path(folder)} is not a folder"
        )


_LINK = (
    "{}: cannot write the report: it is a symbolic link (remove it, or name the file it points to)"
)


def shown_path(path: Path) -> str:
    """A path as a message names it: relative to the working folder when it is inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def special(path: Path) -> bool:
    """A file that exists and is neither a regular file nor a folder (a device, a pipe), or
    one of the process's own open files (/dev/stdout, /proc/self/fd/1, whatever it is)."""
    try:
        mode = path.stat().st_mode
        link = os.readlink(path) if path.is_symlink() else ""
    except OSError:
        return False
    if link.startswith(("/proc/self/fd/", "/dev/fd/")) or str(path).startswith("/proc/self/fd/"):
        return True
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


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
        raise CrossdocError(
            f"{shown_path(folder)}: cannot make the folder: a file has that name"
        ) from None
    except OSError as exc:
        raise CrossdocError(
            f"{shown_path(folder)}: cannot make the folder: {_reason(exc)}"
        ) from None


def write_atomic(path: Path, text: str | Callable[[TextIO], None]) -> None:
    """Write to a temporary file beside `path`, then rename it into place. `text` is the
    content, or a function that writes it to a stream (a report written as it is built).

    A reader sees the old file or the new one, never a mix; an interrupted run leaves the
    previous report intact. Missing folders are made; the file gets the umask's mode
    (mkstemp's 0600 would hide reports from a web server or a colleague). A target that is
    no regular file (/dev/null, /dev/stdout on a pipe, a named pipe) is written to as it
    is, never renamed over; a symbolic link to a file is refused (a link a document's pull
    request adds must not make crossdoc overwrite what it points to). What the system
    refuses (a read-only folder, a full disk) is a one-line error naming the file, and no
    temporary file is left.
    """
    if special(path):
        _write_stream(path, text)
        return
    if path.is_symlink():
        raise CrossdocError(_LINK.format(shown_path(path)))
    directory = Path(os.path.abspath(path)).parent
    make_folder(directory)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise CrossdocError(
            f"{shown_path(path)}: cannot write the report: {_reason(exc)}"
        ) from None
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
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise CrossdocError(
            f"{shown_path(path)}: cannot write the report: {_reason(exc)}"
        ) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _write_stream(path: Path, text: str | Callable[[TextIO], None]) -> None:
    """Write to a device or a pipe as it stands (there is nothing to rename into place)."""
    try:
        with path.open("w", encoding="utf-8", newline="\n") as stream:
            if isinstance(text, str):
                stream.write(text)
            else:
                text(stream)
    except BrokenPipeError:
        raise  # the reader went away (`| head`): as on stdout, not an error
    except OSError as exc:
        raise CrossdocError(
            f"{shown_path(path)}: cannot write the report: {_reason(exc)}"
        ) from None


def _reason(problem: OSError) -> str:
    """An OSError in words: 'No space left on device', not '[Errno 28] ...: path'."""
    return problem.strerror.lower() if problem.strerror else str(problem)
