"""Reading many files: each one read, parsed, analysed and its facts extracted, in this
process, in worker processes (`--jobs`) or as Dask tasks (`--engine dask`), with the cache
of what each file states.

A file is the unit of work: what it states depends on that file and the rules alone
(`checker.audit.extract_document`), so files can be read in any process and in any order,
or taken from the cache, and the audit is the same. Results are put back in the order of
the file list, which is the audit's order.

Worker processes start from a copy of this one where the system allows it (fork, on
Linux), otherwise afresh; either way each loads the rules from their directories by path
(`checker.rules.RuleSource`) unless it already has them, and builds the NLP pipeline once.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.audit import DocumentFacts, extract_document
from checker.cache import Entry, FactCache, content_hash
from checker.errors import ConfigError, CrossdocError, InputError, NotADocument
from checker.ingest import Found, decode, document_ids, parse_document, read_file
from checker.model import Document
from checker.rules import RuleSet, RuleSource

# Below this many files to read, worker processes cost more than they save (each starts
# spaCy and the rules, about a second and a half).
MIN_FILES_FOR_WORKERS = 200
CHUNK_FILES = 16  # files a worker reads per task: few enough to share the work evenly


@dataclass(frozen=True)
class FileTask:
    """One file to read: as the reading process opens it, as reports show it, its id."""

    path: str
    display: str
    doc_id: str
    explicit: bool = False  # named on the command line: a file that is no document is an error


@dataclass(frozen=True)
class FileResult:
    """What one file gave: its facts, or the problem that stopped it."""

    task: FileTask
    digest: str = ""  # SHA-256 of the bytes read
    stated: DocumentFacts | None = None
    warnings: tuple[str, ...] = ()  # problems that left the document usable
    problem: tuple[str, str] | None = None  # ("input" or "not a document", message)

    def raise_problem(self) -> None:
        if self.problem is None:
            return
        kind, message = self.problem
        error = NotADocument if kind == "not a document" else InputError
        raise error(self.task.display, message)


@dataclass(frozen=True)
class WorkerSetup:
    """What a worker needs to read files as this process would: the rules (by path)."""

    token: str  # names this audit's rules in a process that has them already (a fork)
    source: RuleSource | None


@dataclass
class Progress:
    """Counts files as they are done; `advance` is called with how many more."""

    advance: Callable[[int], None] = field(default=lambda count: None)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """While workers start (a progress bar that redraws from a thread stops)."""
        yield


def tasks_for(found: Sequence[Found]) -> list[FileTask]:
    """The files a folder walk found (checker.ingest.discover), with their ids."""
    ids = document_ids([entry.display for entry in found])
    return [
        FileTask(str(entry.path), entry.display, doc_id, entry.explicit)
        for entry, doc_id in zip(found, ids, strict=True)
    ]


# One process's rules and pipeline, by WorkerSetup.token.
_PREPARED: dict[str, tuple[RuleSet, Any]] = {}


def _prepared(setup: WorkerSetup) -> tuple[RuleSet, Any]:
    from checker.nlp import Pipeline

    if setup.token in _PREPARED and _PREPARED[setup.token][1] is not None:
        return _PREPARED[setup.token]
    ruleset = _PREPARED[setup.token][0] if setup.token in _PREPARED else None
    if ruleset is None:
        if setup.source is None:
            raise ConfigError("rules given as objects cannot be loaded in another process")
        ruleset = setup.source.load()
    _PREPARED[setup.token] = (ruleset, Pipeline(ruleset.patterns()))
    return _PREPARED[setup.token]


def read_one(task: FileTask, ruleset: RuleSet, pipeline: Any) -> FileResult:
    """Read, parse, analyse and extract one file."""
    try:
        data = read_file(Path(task.path), task.display)
    except NotADocument as problem:
        return FileResult(task, problem=("not a document", problem.problem))
    except InputError as problem:
        return FileResult(task, problem=("input", problem.problem))
    digest = content_hash(data)
    warnings: list[str] = []
    try:
        document = parse_document(task.display, task.doc_id, data, warnings)
    except NotADocument as problem:
        return FileResult(task, digest, problem=("not a document", problem.problem))
    except InputError as problem:
        return FileResult(task, digest, problem=("input", problem.problem))
    analysed = next(iter(pipeline.analyse_each([document])))
    stated = extract_document(analysed, ruleset)
    # what the report needs of the document: its offsets served the rules' spans only
    slim = dataclasses.replace(document, offsets=())
    return FileResult(task, digest, dataclasses.replace(stated, document=slim), tuple(warnings))


def read_chunk(tasks: Sequence[FileTask], setup: WorkerSetup) -> list[FileResult]:
    """A worker's task (a pool's or Dask's): read these files."""
    ruleset, pipeline = _prepared(setup)
    return [read_one(task, ruleset, pipeline) for task in tasks]


def _read_chunk_in_pool(tasks: Sequence[FileTask]) -> list[FileResult]:
    return read_chunk(tasks, _WORKER_SETUP)


_WORKER_SETUP = WorkerSetup("", None)


def _start_worker(setup: WorkerSetup) -> None:
    global _WORKER_SETUP
    # the parent handles Ctrl-C and SIGTERM, and ends its workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER_SETUP = setup
    _prepared(setup)


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def start_method() -> str:
    """fork where the system has it (workers start at once, with the rules loaded),
    otherwise spawn (workers load the rules again from their directories)."""
    methods = multiprocessing.get_all_start_methods()
    return "fork" if "fork" in methods and os.name == "posix" else "spawn"


class Reader:
    """Reads the files of an audit: from the cache, in this process, in a pool of worker
    processes, or through a Dask cluster (see checker.dask_engine)."""

    def __init__(
        self,
        ruleset: RuleSet,
        source: RuleSource | None,
        jobs: int = 1,
        cache: FactCache | None = None,
        progress: Progress | None = None,
        method: str | None = None,
        dask: Callable[[Sequence[FileTask], WorkerSetup, Progress], Iterator[FileResult]]
        | None = None,
    ) -> None:
        self.ruleset = ruleset
        self.setup = WorkerSetup(uuid.uuid4().hex, source)
        self.jobs = max(1, jobs)
        self.cache = cache
        self.progress = progress or Progress()
        self.method = method or start_method()
        self.dask = dask
        self.workers = 0  # worker processes started, if any

    def read(self, tasks: Sequence[FileTask]) -> list[FileResult]:
        """Every file's result, in the order of `tasks`."""
        results: list[FileResult | None] = [None] * len(tasks)
        _PREPARED.setdefault(self.setup.token, (self.ruleset, None))  # workers forked inherit it
        # While the cache is read, workers already start spaCy: a re-audit after a change
        # of a few files waits for one worker's start, not for this process's own.
        pool = self._start_pool() if self._warm_up(tasks) else None
        try:
            missing: list[int] = []
            for index, task in enumerate(tasks):
                hit = self._cached(task)
                if hit is None:
                    missing.append(index)
                else:
                    results[index] = hit
                    self.progress.advance(1)
            computed = self._compute([tasks[i] for i in missing], pool)
            stored: list[tuple[Entry, Any]] = []
            for index, result in zip(missing, computed, strict=True):
                results[index] = result
                if self.cache is not None and cacheable(result):
                    stored.append((entry_of(result), payload_of(result)))
                    if len(stored) >= 256:
                        self.cache.put(stored)
                        stored = []
            if self.cache is not None:
                self.cache.put(stored)
        finally:
            if pool is not None:
                _stop(pool)
            _PREPARED.pop(self.setup.token, None)  # the pipeline itself stays cached (nlp)
        return [result for result in results if result is not None]

    def _warm_up(self, tasks: Sequence[FileTask]) -> bool:
        """Start workers before knowing whether any file must be read: with a cache, for
        enough files to be worth workers, when workers start at once (fork) and this
        process has no pipeline yet."""
        built = _PREPARED.get(self.setup.token, (None, None))[1] is not None
        return (
            len(tasks) >= MIN_FILES_FOR_WORKERS
            and self.cache is not None
            and self.dask is None
            and self.jobs > 1
            and self.method == "fork"
            and not built
        )

    def _cached(self, task: FileTask) -> FileResult | None:
        if self.cache is None:
            return None
        try:
            data = read_file(Path(task.path), task.display)
        except CrossdocError:
            return None  # read again, and reported, with the files to read
        digest = content_hash(data)
        payload = self.cache.get(Entry(task.display, task.doc_id, digest))
        if payload is None:
            return None
        try:
            document, facts, failures, warnings = payload
            original = decode(task.display, data)
            document = dataclasses.replace(document, original=original)
            return FileResult(task, digest, DocumentFacts(document, facts, failures), warnings)
        except Exception:
            return None  # not what this version stores: read the file again

    def _compute(
        self, tasks: Sequence[FileTask], pool: ProcessPoolExecutor | None = None
    ) -> Iterator[FileResult]:
        if not tasks:
            return
        if self.dask is not None:
            yield from self.dask(tasks, self.setup, self.progress)
            return
        if pool is None and (self.jobs == 1 or len(tasks) < MIN_FILES_FOR_WORKERS):
            ruleset, pipeline = _prepared(self.setup)
            for task in tasks:
                yield read_one(task, ruleset, pipeline)
                self.progress.advance(1)
            return
        own = pool is None
        if pool is None:
            if self.cache is not None:
                self.cache.close()  # no SQLite connection crosses a fork; reopened to store
            pool = self._start_pool()
        workers: ProcessPoolExecutor = pool
        self.workers = self.jobs
        # chunks small enough that every worker has some, and a few each for balance
        size = max(1, min(CHUNK_FILES, len(tasks) // (self.jobs * 4)))
        chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
        try:
            for results in workers.map(_read_chunk_in_pool, chunks):
                yield from results
                self.progress.advance(len(results))
        except BrokenProcessPool:
            raise CrossdocError(
                "a worker process ended abruptly (out of memory?): run again with fewer "
                "--jobs, or --jobs 1"
            ) from None
        finally:
            if own:
                _stop(workers)

    def _start_pool(self) -> ProcessPoolExecutor:
        """`jobs` workers, started now (each builds its pipeline as it starts)."""
        context = multiprocessing.get_context(self.method)
        with self.progress.paused():
            pool = ProcessPoolExecutor(
                self.jobs, mp_context=context, initializer=_start_worker, initargs=(self.setup,)
            )
            pool.submit(int)  # starts the workers (all of them, under fork)
        return pool


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers now, whatever they are doing (an interrupted audit, no file left)."""
    for process in list(getattr(pool, "_processes", {}).values()):
        with suppress(ProcessLookupError, OSError, AttributeError):
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def cacheable(result: FileResult) -> bool:
    """Only what a file states is kept: not a file that could not be read, nor one on which
    a rule failed (the failure is shown again next time)."""
    return result.problem is None and result.stated is not None and not result.stated.failures


def entry_of(result: FileResult) -> Entry:
    return Entry(result.task.display, result.task.doc_id, result.digest)


def payload_of(result: FileResult) -> tuple[Document, Any, Any, tuple[str, ...]]:
    assert result.stated is not None
    document = dataclasses.replace(result.stated.document, original="")  # the file has it
    return (document, dict(result.stated.facts), result.stated.failures, result.warnings)
