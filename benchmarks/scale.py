"""Scale benchmark: wall time, peak memory and findings of `crossdoc audit` on generated corpora.

Run: python benchmarks/scale.py [--sizes 1000 10000 100000] [--seed S] [--jobs N] [--keep]
                                [--timeout SECONDS] [--memory-limit GIB] [--out FILE]

For each size N it generates N documents with benchmarks/generate.py into a temporary folder
(or reuses benchmarks/.corpus-N/ when it holds a complete corpus of that size and seed;
--keep generates there and leaves it for the next run), then runs, each in a new process
and with a cache folder of its own ($XDG_CACHE_HOME, empty at first):

    crossdoc audit DIR --format json --output TMP/audit.json --no-baseline --fail-on none
        three times: cold (nothing cached; the cache is written), cached (every file from
        the cache), and after one file changed (that file read again)
    crossdoc facts DIR --format json --no-cache         (extraction alone, stdout to a file)

and prints their wall time and peak memory, the number of findings (the length of the
report's top-level `findings` list, read streaming, whatever else the schema holds), the
report's size, the corpus's words, the words per second of extraction, and the words per
second per core (the words divided by the CPU seconds of the command and its worker
processes). A command that runs past --timeout or whose processes together hold more than
--memory-limit is killed and reported with the figures seen until then.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO

from generate import GENERATOR, MANIFEST, generate_corpus
from tabulate import tabulate

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = Path(__file__).resolve().parent
DEFAULT_SIZES = (1000, 10000, 100000)
POLL_SECONDS = 0.2  # how often the memory watchdog samples the child's processes
READ_CHUNK = 1 << 20
MIB = 1024 * 1024


@dataclass
class Measurement:
    """One command's run: how long, how much memory, and how it ended."""

    wall_seconds: float
    cpu_seconds: float  # user + system time of the command and the workers it waited for
    peak_rss_mib: float  # ru_maxrss: the largest single process of the child's tree
    peak_tree_mib: float  # sampled sum over the child's process group (workers included)
    exit_code: int | None
    status: str  # "ok", "failed", "timeout" or "memory"
    stderr_tail: str

    @property
    def peak_mib(self) -> float:
        return max(self.peak_rss_mib, self.peak_tree_mib)


def crossdoc_command() -> list[str]:
    """`python -m checker`, run from the project root: the code of this checkout, whatever
    an installed `crossdoc` script points to."""
    return [sys.executable, "-m", "checker"]


def supported_options(command: list[str], subcommand: str) -> set[str]:
    """Options of `crossdoc SUBCOMMAND --help` this benchmark may pass (--jobs, --no-cache)."""
    result = subprocess.run(
        [*command, subcommand, "--help"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return {option for option in ("--jobs", "--no-cache") if option in result.stdout}


def jobs_used(jobs: int | None, supported: set[str]) -> int:
    """The processes crossdoc reads with: --jobs, else (when it has the option) the cores."""
    if "--jobs" not in supported:
        return 1
    if jobs is not None:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def process_group_rss(group: int, page_size: int) -> int:
    """Bytes resident in the processes of a process group (read from /proc)."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # after the command name: state, ppid, pgrp, ... and rss is field 24 of stat(5)
        if int(fields[2]) == group:
            total += int(fields[21]) * page_size
    return total


class MemoryWatchdog(threading.Thread):
    """Samples a process group's resident memory; kills the group past a limit of memory or time."""

    def __init__(
        self,
        group: int,
        start: float,
        timeout: float | None,
        memory_limit_gib: float | None,
        killed_for: list[str],
    ) -> None:
        super().__init__(daemon=True)
        self.group = group
        self.start_time = start
        self.timeout = timeout
        self.memory_limit = None if memory_limit_gib is None else memory_limit_gib * 1024 * MIB
        self.killed_for = killed_for
        self.peak_bytes = 0
        self.page_size = os.sysconf("SC_PAGE_SIZE")
        self.finished = threading.Event()

    def run(self) -> None:
        while not self.finished.wait(POLL_SECONDS):
            self.peak_bytes = max(self.peak_bytes, process_group_rss(self.group, self.page_size))
            reason = None
            if self.memory_limit is not None and self.peak_bytes > self.memory_limit:
                reason = "memory"
            elif self.timeout is not None and time.perf_counter() - self.start_time > self.timeout:
                reason = "timeout"
            if reason:
                self.killed_for.append(reason)
                # the child is not reaped before the watchdog stops: the group id is its own
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.group, signal.SIGKILL)
                return

    def stop(self) -> None:
        self.finished.set()
        self.join()


def run_measured(
    command: list[str],
    stdout: TextIO,
    timeout: float | None,
    memory_limit: float | None,
    env: dict[str, str] | None = None,
) -> Measurement:
    """Run a command in its own process group; kill the group past the time or memory limit."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,
            env={**os.environ, **(env or {})},
        )
        killed_for: list[str] = []
        watchdog = MemoryWatchdog(process.pid, start, timeout, memory_limit, killed_for)
        watchdog.start()
        # Wait for the exit without reaping, so the watchdog never signals a group id that
        # could be reused; then wait4 reaps it with the rusage of this one child.
        os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
        wall = time.perf_counter() - start
        watchdog.stop()
        _, wait_status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(wait_status)
        stderr.seek(0)
        tail = " | ".join(stderr.read().strip().splitlines()[-3:])
    status = killed_for[0] if killed_for else ("ok" if process.returncode == 0 else "failed")
    return Measurement(
        wall_seconds=wall,
        # wait4 reports the child with the children it waited for (its worker processes)
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        peak_tree_mib=watchdog.peak_bytes / MIB,
        exit_code=None if killed_for else process.returncode,
        status=status,
        stderr_tail=tail,
    )


def count_findings(path: Path) -> int:
    """len(report["findings"]), reading the JSON a value at a time (reports can be gigabytes).

    Top-level values other than `findings` are skipped; lists are walked element by element
    so that only one element is ever decoded at a time."""
    reader = JsonStream(path)
    reader.expect("{")
    while True:
        if reader.peek() == "}":
            break
        key = reader.value()
        reader.expect(":")
        if key == "findings":
            return reader.count_list()
        if reader.peek() == "[":
            reader.count_list()
        else:
            reader.value()
        if reader.peek() == ",":
            reader.expect(",")
    raise ValueError(f"{path}: the report has no top-level 'findings' list")


class JsonStream:
    """A window over a JSON file that decodes one value at a time with the standard decoder."""

    def __init__(self, path: Path) -> None:
        self.file = path.open("r", encoding="utf-8")
        self.buffer = ""
        self.position = 0
        self.eof = False
        self.decoder = json.JSONDecoder()

    def _fill(self) -> bool:
        if self.eof:
            return False
        chunk = self.file.read(READ_CHUNK)
        if not chunk:
            self.eof = True
            self.file.close()
            return False
        self.buffer = self.buffer[self.position :] + chunk
        self.position = 0
        return True

    def peek(self) -> str:
        while True:
            while self.position < len(self.buffer) and self.buffer[self.position] in " \t\r\n":
                self.position += 1
            if self.position < len(self.buffer):
                return self.buffer[self.position]
            if not self._fill():
                raise ValueError("unexpected end of the report")

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise ValueError(f"expected {char!r} in the report, found {self.peek()!r}")
        self.position += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                decoded, end = self.decoder.raw_decode(self.buffer, self.position)
            except json.JSONDecodeError:
                if not self._fill():
                    raise
                continue
            # a number at the window's edge may continue in the next chunk
            if end == len(self.buffer) and not self.eof and self._fill():
                continue
            self.position = end
            return decoded

    def count_list(self) -> int:
        self.expect("[")
        count = 0
        if self.peek() == "]":
            self.position += 1
            return 0
        while True:
            self.value()
            count += 1
            if self.peek() == ",":
                self.position += 1
                continue
            self.expect("]")
            return count


def complete_corpus(folder: Path, size: int, seed: int) -> dict[str, Any] | None:
    """The manifest of a finished corpus of this size and seed in `folder`, else None."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        manifest.get("generator") != GENERATOR
        or manifest.get("documents") != size
        or manifest.get("seed") != seed
    ):
        return None
    if sum(1 for _ in folder.glob("doc-*.md")) != size:
        return None
    return dict(manifest)


@contextlib.contextmanager
def corpus(size: int, seed: int, keep: bool) -> Iterator[tuple[Path, dict[str, Any], float | None]]:
    """A corpus folder, its manifest and the seconds spent generating it (None if reused)."""
    kept = BENCHMARKS / f".corpus-{size}"
    manifest = complete_corpus(kept, size, seed)
    if manifest is not None:
        yield kept, manifest, None
        return
    if keep:
        partial = BENCHMARKS / f".corpus-{size}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        start = time.perf_counter()
        manifest = generate_corpus(size, partial, seed)
        elapsed = time.perf_counter() - start
        shutil.rmtree(kept, ignore_errors=True)
        partial.rename(kept)
        yield kept, manifest, elapsed
        return
    with tempfile.TemporaryDirectory(prefix=f"crossdoc-corpus-{size}-") as folder:
        start = time.perf_counter()
        manifest = generate_corpus(size, Path(folder), seed)
        yield Path(folder), manifest, time.perf_counter() - start


def note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


AUDIT_RUNS = ("cold", "cached", "one_changed")


def benchmark_size(
    size: int, args: argparse.Namespace, command: list[str], options: dict[str, set[str]]
) -> dict[str, Any]:
    row: dict[str, Any] = {"documents": size}
    with corpus(size, args.seed, args.keep) as (folder, manifest, generated):
        row["words"] = manifest["words"]
        row["events"] = len(manifest["events"])
        row["generate_seconds"] = generated
        row["corpus"] = str(folder) if args.keep or generated is None else "(temporary)"
        row["jobs"] = jobs_used(args.jobs, options["audit"])
        note(
            f"N={size}: {manifest['words']:,} words in {folder}"
            + (f" (generated in {generated:.1f} s)" if generated is not None else " (reused)")
        )
        with tempfile.TemporaryDirectory(prefix=f"crossdoc-scale-{size}-") as scratch:
            report = Path(scratch) / "audit.json"
            cache = {"XDG_CACHE_HOME": str(Path(scratch) / "cache")}  # empty: a cold start
            audit = [
                *command, "audit", str(folder), "--format", "json", "--output", str(report),
                "--no-baseline", "--fail-on", "none",
                *extra_options(options["audit"], args.jobs, cache=True),
            ]  # fmt: skip
            row["command_audit"] = shown(audit, command)
            changed = sorted(folder.glob("doc-*.md"))[size // 2]
            for run in AUDIT_RUNS:
                if row.get("audit_cold", {}).get("status", "ok") != "ok":
                    break  # a cold run that failed or was killed: the others mean nothing
                note(f"N={size}: {shown(audit, command)}  ({run.replace('_', ' ')})")
                original = changed.read_bytes()
                if run == "one_changed":  # one more sentence in one document, then restored
                    changed.write_bytes(original + b"\nOfficials also met on Friday.\n")
                try:
                    with open(os.devnull, "w") as devnull:
                        measured = run_measured(
                            audit, devnull, args.timeout, args.memory_limit, cache
                        )
                finally:
                    changed.write_bytes(original)
                row[f"audit_{run}"] = asdict(measured) | {"peak_mib": measured.peak_mib}
                if run == "cold" and measured.status == "ok" and report.exists():
                    row["report_bytes"] = report.stat().st_size
                    row["findings"] = count_findings(report)
                report.unlink(missing_ok=True)

            facts = [
                *command, "facts", str(folder), "--format", "json",
                *extra_options(options["facts"], args.jobs),
            ]  # fmt: skip
            note(f"N={size}: {shown(facts, command)}")
            facts_output = Path(scratch) / "facts.json"
            with facts_output.open("w") as output:
                measured = run_measured(facts, output, args.timeout, args.memory_limit)
            row["facts"] = asdict(measured) | {"peak_mib": measured.peak_mib}
            row["command_facts"] = shown(facts, command)
            row["facts_bytes"] = facts_output.stat().st_size
            if measured.status == "ok":
                row["words_per_second"] = manifest["words"] / measured.wall_seconds
                row["words_per_second_per_core"] = manifest["words"] / max(
                    measured.cpu_seconds, 1e-9
                )
    return row


def shown(arguments: list[str], command: list[str]) -> str:
    """A command line as the README writes it: `crossdoc audit ...`."""
    return " ".join(["crossdoc", *arguments[len(command) :]])


def extra_options(supported: set[str], jobs: int | None, cache: bool = False) -> list[str]:
    """--jobs when asked for; --no-cache unless the run is about the cache."""
    options = []
    if jobs is not None and "--jobs" in supported:
        options += ["--jobs", str(jobs)]
    if not cache and "--no-cache" in supported:
        options.append("--no-cache")  # cold figures: nothing from an earlier run
    return options


def table(rows: Sequence[dict[str, Any]]) -> str:
    def figure(value: float | None, digits: int = 1) -> str:
        return "-" if value is None else f"{value:,.{digits}f}"

    def outcome(name: str, measured: dict[str, Any] | None) -> str:
        if measured is None or measured["status"] == "ok":
            return ""
        return f"{name} {measured['status']}: {measured['stderr_tail'] or 'killed'}"[:60]

    def run(row: dict[str, Any], name: str) -> dict[str, Any] | None:
        return row.get(name)

    def wall(measured: dict[str, Any] | None) -> str:
        return figure(measured["wall_seconds"]) if measured else "-"

    def peak(measured: dict[str, Any] | None) -> str:
        return figure(measured["peak_mib"], 0) if measured else "-"

    lines = []
    for row in rows:
        cold, cached, changed = (run(row, f"audit_{name}") for name in AUDIT_RUNS)
        facts = row["facts"]
        notes = "; ".join(
            text
            for text in (
                outcome("cold", cold),
                outcome("cached", cached),
                outcome("one changed", changed),
                outcome("facts", facts),
            )
            if text
        )
        lines.append(
            [
                row["documents"],
                f"{row['words']:,}",
                row["jobs"],
                figure(row["generate_seconds"]),
                wall(cold),
                peak(cold),
                wall(cached),
                peak(cached),
                wall(changed),
                f"{row['findings']:,}" if "findings" in row else "-",
                figure(row["report_bytes"] / 1e6 if "report_bytes" in row else None),
                wall(facts),
                peak(facts),
                figure(row.get("words_per_second"), 0),
                figure(row.get("words_per_second_per_core"), 0),
                notes,
            ]
        )
    headers = [
        "N", "words", "jobs", "gen s", "cold s", "cold MiB", "cached s", "cached MiB",
        "1 changed s", "findings", "report MB", "facts s", "facts MiB", "words/s",
        "words/s/core", "notes",
    ]  # fmt: skip
    alignment = ("right",) * (len(headers) - 1) + ("left",)
    return tabulate(lines, headers=headers, disable_numparse=True, colalign=alignment)


def machine() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), metavar="N",
        help="corpus sizes (default: 1000 10000 100000)",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default: 0)")
    parser.add_argument(
        "--jobs", type=int, help="passed to crossdoc as --jobs N when crossdoc supports it"
    )
    parser.add_argument(
        "--keep", action="store_true", help="generate into benchmarks/.corpus-N/ and keep it"
    )
    parser.add_argument("--timeout", type=float, help="kill a command after SECONDS")
    parser.add_argument(
        "--memory-limit", type=float, metavar="GIB", help="kill a command past GIB resident"
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if any(size < 1 for size in args.sizes) or args.seed < 0:
        parser.error("sizes must be at least 1 and the seed at least 0")

    command = crossdoc_command()
    options = {name: supported_options(command, name) for name in ("audit", "facts")}
    if args.jobs is not None and "--jobs" not in options["audit"]:
        note("note: this crossdoc has no --jobs option; running without it")
    rows: list[dict[str, Any]] = []
    for size in args.sizes:
        rows.append(benchmark_size(size, args, command, options))
        if args.out:  # after every size, so a long run that is stopped keeps what it measured
            results = {
                "benchmark": "crossdoc-scale/1",
                "machine": machine(),
                "seed": args.seed,
                "jobs": args.jobs,
                "results": rows,
            }
            args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
