"""Which BLAS the spaCy pipeline should multiply with: thinc's default (BLIS) against
numpy's OpenBLAS on one thread, on the sentences the build reads.

    python -m benchmarks.blas [--docs 150] [--corpus DIR]

Each backend runs in its own interpreter (the thread limit and thinc's ops are the
process's), over the same sentences: the entity recogniser on every sentence and the
parser on the event sentences, as kg/extract/context.py feeds them, a document at a time.
CPU seconds of each, twice, and a digest of the entities and parses, which must be equal:
the choice changes speed, not what is read.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import docs as docgen

ROOT = Path(__file__).resolve().parent.parent

_PROBE = r"""
import hashlib, json, sys, time
from pathlib import Path
from threadpoolctl import threadpool_limits
from thinc.api import use_ops
import spacy
from kg.documents import read_document
from kg.extract import lexis, nlp
from kg.extract.context import all_sentences

backend, corpus, limit = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
threadpool_limits(1, user_api="blas")
with use_ops("numpy", use_blis=backend == "blis"):
    pipe = spacy.load(nlp.ALIASES[nlp.DEFAULT_MODEL][-1], exclude=nlp.EXCLUDED)
every, events = [], []
for p in sorted(corpus.glob("*.txt"))[:limit]:
    text = read_document(p).text
    spans = [b for _pi, b in all_sentences(text)]
    every.append([text[b.start:b.end] for b in spans])
    events.append([text[b.start:b.end] for b in spans
                   if lexis.EVENT_CUE.search(text, b.start, b.end)])
out, digest = {}, hashlib.sha256()
for rnd in range(2):
    for name, comps, batches, size in (("recogniser", ["ner"], every, 32),
                                       ("parser", list(nlp.PARSE), events, 64)):
        t = time.process_time()
        with pipe.select_pipes(enable=comps):
            read = [list(pipe.pipe(b, batch_size=size)) for b in batches]
        out.setdefault(name, []).append(round(time.process_time() - t, 2))
        if rnd == 0:
            for doc in (d for b in read for d in b):
                digest.update(repr([(t.i, t.ent_type_, t.ent_iob_, t.dep_, t.head.i)
                                    for t in doc]).encode())
out["digest"] = digest.hexdigest()[:16]
print(json.dumps(out))
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=150)
    ap.add_argument("--corpus", type=Path, help="a folder of texts instead of synthetic ones")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ng-blas-") as tmp:
        corpus = args.corpus
        if corpus is None:
            corpus = Path(tmp) / "docs"
            docgen.write(args.docs, corpus)
        result = {}
        for backend in ("blis", "openblas"):
            run = subprocess.run(
                [sys.executable, "-c", _PROBE, backend, str(corpus), str(args.docs)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=True,
            )
            result[backend] = json.loads(run.stdout)
    for stage in ("recogniser", "parser"):
        result[f"{stage}_speed_up"] = round(
            min(result["blis"][stage]) / min(result["openblas"][stage]), 2
        )
    result["same_reading"] = result["blis"]["digest"] == result["openblas"]["digest"]
    print(json.dumps(result, indent=1))
    return 0 if result["same_reading"] else 1


if __name__ == "__main__":
    sys.exit(main())
