"""Extraction on a Dask cluster: `kg build --cluster tcp://scheduler:8786`.

The build process stays the only writer of the store; the cluster's workers run
`kg.pipeline.process_batch` (extraction, the document's own conclusions, its resolution
record) and send back bytes and tuples, which are loaded as they arrive
(`distributed.as_completed`). At most a few batches per worker are in flight, so a
million-document corpus never sits in the scheduler's memory. Workers need newsgraph
installed (the same version: the extractor's fingerprint keys the build's cache).

Why Dask and not Ray: measured on this machine (benchmarks/RESULTS.md, "Distributed
extraction"), a local Dask cluster starts in about 2 s with pure-Python packages that
install in seconds, and its per-task overhead is negligible next to a 16-document
batch; Ray's wheel is about 70 MB, its local cluster takes longer to start and holds
several hundred MB in its own daemons (GCS, raylet, dashboard) before any work, on
machines where memory is the build's budget.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.documents import SourceDocument
from kg.pipeline import DocOutput, process_batch


class ClusterExtraction:
    """Batches in, outputs out as workers finish them."""

    def __init__(
        self, address: str, base: str, *, model: str | None = None, per_worker: int = 3
    ) -> None:
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - a dependency of newsgraph
            raise ValueError("--cluster needs dask[distributed] installed") from exc
        self.address = address
        self.base = base
        self.model = model
        try:
            self.client = Client(address, timeout="20s")
        except OSError as exc:
            raise ValueError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.window = self.workers * per_worker

    def run(self, batches: Iterator[list[SourceDocument]]) -> Iterator[list[DocOutput]]:
        from distributed import wait

        running: set = set()
        try:
            for batch in batches:
                running.add(
                    self.client.submit(process_batch, batch, self.base, self.model, pure=False)
                )
                if len(running) >= self.window:
                    done, running = wait(running, return_when="FIRST_COMPLETED")
                    for future in done:
                        yield future.result()
            while running:
                done, running = wait(running, return_when="FIRST_COMPLETED")
                for future in done:
                    yield future.result()
        finally:
            self.client.close()
