"""What a federated join costs: calls, bytes and time, bind join against the block alone.

Two real servers on loopback: ours, holding N synthetic persons each linked with
owl:sameAs to an item of a Wikidata stand-in (a second `kg serve`) that holds many
more items with a birth date (P569), as Wikidata does. The integrators' query

    ?p owl:sameAs ?wd . SERVICE <https://query.wikidata.org/sparql> { ?wd wdt:P569 ?born }

is answered by a bind join (the linked items go into the block as VALUES, in batches);
the same block first in its group is evaluated on its own (every birth date comes
back). Calls, rows and bytes are read from the X-Newsgraph-Service header our server
sends; time is the client's wall clock, median of three.

    python -m benchmarks.bind_join [--local 100 1000 5000] [--remote 50000]
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

import requests

from tests.conftest import start_server, stop_server
from tests.federation_support import bind_join_data

WIKIDATA = "https://query.wikidata.org/sparql"
BIND = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?p ?born WHERE {
  ?p owl:sameAs ?wd .
  SERVICE <https://query.wikidata.org/sparql> { ?wd wdt:P569 ?born }
}"""
ALONE = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?p ?born WHERE {
  SERVICE <https://query.wikidata.org/sparql> { ?wd wdt:P569 ?born }
  ?p owl:sameAs ?wd .
}"""


def measure(server, query: str, runs: int = 3) -> dict:
    times, report, rows, status = [], "", 0, 0
    for _ in range(runs):
        started = time.monotonic()
        resp = requests.post(
            server.sparql,
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
            timeout=300,
        )
        times.append(time.monotonic() - started)
        status = resp.status_code
        report = resp.headers.get("X-Newsgraph-Service", resp.text[:120])
        rows = len(resp.json()["results"]["bindings"]) if status == 200 else 0

    def field(name: str) -> str:
        m = re.search(rf"{name}=(\S+)", report)
        return m.group(1) if m else "-"

    return {
        "status": status,
        "rows": rows,
        "calls": field("calls"),
        "remote_rows": field("rows"),
        "bytes": field("bytes"),
        "seconds": statistics.median(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--local", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--remote", type=int, default=50000)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    print(f"stand-in: {args.remote:,} items with P569; batch {args.batch} bindings per call")
    print("| local links | how | status | result rows | calls | remote rows | bytes | s |")
    print("|---|---|---|---|---|---|---|---|")
    for n in args.local:
        root = Path(tempfile.mkdtemp(prefix="bind-join-"))
        ours_dir, standin_dir = bind_join_data(root, n, args.remote)
        standin = start_server(standin_dir, NEWSGRAPH_RATE_LIMIT="0")
        ours = start_server(
            ours_dir,
            NEWSGRAPH_SERVICE_MAP=f"{WIKIDATA}={standin.sparql}",
            NEWSGRAPH_SERVICE_MAX_BYTES=str(256 * 1024 * 1024),  # let the block alone finish
            NEWSGRAPH_SERVICE_BATCH=str(args.batch),
            NEWSGRAPH_SERVICE_TIMEOUT="120",
            NEWSGRAPH_RATE_LIMIT="0",
        )
        try:
            for how, query in (("bind join", BIND), ("block alone", ALONE)):
                r = measure(ours, query)
                print(
                    f"| {n:,} | {how} | {r['status']} | {r['rows']:,} | {r['calls']} | "
                    f"{r['remote_rows']} | {r['bytes']} | {r['seconds']:.2f} |",
                    flush=True,
                )
        finally:
            stop_server(ours)
            stop_server(standin)


if __name__ == "__main__":
    main()
