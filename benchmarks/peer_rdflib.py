"""rdflib-endpoint serving a benchmark graph: the peer that uses rdflib's own engine.

Started by benchmarks/run.py as `uvicorn benchmarks.peer_rdflib:app --workers N`;
each worker process loads the N-Quads file named by BENCH_RDFLIB_DATA into an rdflib
Dataset whose default graph is the union of its named graphs (newsgraph's semantics).
Processes, not threads, because rdflib's engine holds the GIL.
"""

from __future__ import annotations

import os

from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint

_dataset = Dataset(default_union=True)
_dataset.parse(os.environ["BENCH_RDFLIB_DATA"], format="nquads")

app = SparqlEndpoint(graph=_dataset, title="rdflib-endpoint (benchmark peer)")
