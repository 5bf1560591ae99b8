"""Reading files as Dask tasks (`crossdoc audit --engine dask [--scheduler ADDRESS]`).

The file list is cut into partitions; each partition is one task, `checker.engine.read_chunk`,
which a worker runs as a local worker process would: it loads the rules from their
directories by path (once per worker process), reads, parses, analyses and extracts each
file, and sends back what each file states. This process gathers the results, in the
order of the file list, and aligns and compares them as the local engine does: the report
is the same.

Without an address, a LocalCluster of `--jobs` worker processes runs here. With one, the
workers of that cluster read the files: they need crossdoc installed (the same version,
with `crossdoc[dask]`) and the files and rules directories readable at the same paths
(shared storage, or the same checkout on every machine).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from checker.engine import FileResult, FileTask, Progress, WorkerSetup, read_chunk
from checker.errors import ConfigError

PARTITION_FILES = 64  # files per task: large enough that a task outweighs its scheduling
PARTITIONS_PER_WORKER = 4  # at least this many tasks per worker, so that none waits long


def dask_reader(
    scheduler: str | None, jobs: int, say: Callable[[str], None] = lambda message: None
) -> Callable[[Sequence[FileTask], WorkerSetup, Progress], Iterator[FileResult]]:
    """What Reader calls to read files on a Dask cluster."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ConfigError(
            "--engine dask needs Dask: pip install 'crossdoc[dask]' (dask[distributed])"
        ) from None

    def read(
        tasks: Sequence[FileTask], setup: WorkerSetup, progress: Progress
    ) -> Iterator[FileResult]:
        if setup.source is None:
            raise ConfigError("--engine dask needs rules loaded from directories")
        with _Connection(scheduler, jobs) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            say(f"dask: {len(tasks)} files on {workers} workers ({client.scheduler.address})")
            size = partition_size(len(tasks), workers)
            partitions = [list(tasks[i : i + size]) for i in range(0, len(tasks), size)]
            futures = client.map(
                read_chunk,
                partitions,
                setup=setup,
                pure=False,
                key=[f"crossdoc-read-{n}-{setup.token}" for n in range(len(partitions))],
            )
            try:
                for future in futures:  # in order: the report's order is the file list's
                    results = future.result()
                    progress.advance(len(results))
                    yield from results
            finally:
                client.cancel(futures)

    return read


def partition_size(files: int, workers: int) -> int:
    """Files per task: PARTITION_FILES, fewer when that would leave workers idle."""
    return max(1, min(PARTITION_FILES, -(-files // (workers * PARTITIONS_PER_WORKER))))


class _Connection:
    """A Client of the cluster at `scheduler`, or of a LocalCluster started (and stopped)
    here, with `jobs` single-threaded worker processes (spaCy and the rules are Python:
    threads would share one core)."""

    def __init__(self, scheduler: str | None, jobs: int) -> None:
        self.scheduler = scheduler
        self.jobs = jobs
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> Any:
        from distributed import Client, LocalCluster

        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout="30s")
            else:
                self.cluster = LocalCluster(
                    n_workers=self.jobs,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=50,  # logging.CRITICAL: the audit's stderr stays its own
                )
                self.client = Client(self.cluster)
        except OSError as problem:
            self.__exit__(None, None, None)
            where = self.scheduler or "a local cluster"
            raise ConfigError(f"--engine dask: cannot reach {where}: {problem}") from None
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
