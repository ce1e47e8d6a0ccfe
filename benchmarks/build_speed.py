"""Words per second of the whole build (extraction with the default spaCy pipeline,
resolution, reasoning, store load) on this machine's cores, and where the time goes.

    python -m benchmarks.build_speed [--docs 1000] [--corpus DIR] [--repeat 2] [--json FILE]

The corpus is `benchmarks/docs.py`'s news-sized documents (the seeds' sentences with other
names, dates and numbers: the same documents the build benchmark of benchmarks/run.py uses,
so the figure stands next to the one written there before the extractor read with spaCy),
or any folder of texts. Each run builds into an empty data folder, so every document is
extracted; wall and CPU seconds (all processes) and the load average before each run are
reported, since on a shared machine the wall figure moves with other people's work. A
second measurement splits extraction alone (in-process, one core, CPU time) into the
recogniser, the parser and the rest, to say what a faster build would have to cut.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from benchmarks import docs as docgen

ROOT = Path(__file__).resolve().parent.parent
FLOOR = 15_000  # words/s the whole build must keep (issue 10)
BEFORE_SPACY = 17_098  # words/s of the lexicon-and-rules extractor (RESULTS.md, same command)


def _words(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))


def build_once(corpus: Path, work: Path) -> dict:
    data = work / f"var-{time.monotonic_ns()}"
    cmd = [sys.executable, "-m", "kg.cli", "--data-dir", str(data), "build", str(corpus)]
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.measure", "--", *cmd],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout)


def split_extraction(corpus: Path, limit: int = 150) -> dict:
    """CPU seconds of one core per stage of extraction, over the first `limit` documents,
    run as a build worker runs it (kg.pipeline.process_batch, 16 documents a batch)."""
    from kg.documents import read_document
    from kg.extract import nlp
    from kg.namespaces import DEFAULT_BASE
    from kg.pipeline import process_batch

    nlp.get()
    paths = sorted(corpus.glob("*.txt"))[:limit]
    docs = [read_document(p) for p in paths]
    words = sum(len(d.text.split()) for d in docs)
    spent = {"recogniser": 0.0, "parser": 0.0}
    real_entities, real_parse = nlp.entities, nlp.parse_texts

    def timed(name, fn):
        def run(*a, **k):
            t = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[name] += time.process_time() - t

        return run

    nlp.entities = timed("recogniser", real_entities)
    nlp.parse_texts = timed("parser", real_parse)
    try:
        t = time.process_time()
        for i in range(0, len(docs), 16):
            process_batch(docs[i : i + 16], DEFAULT_BASE)
        total = time.process_time() - t
    finally:
        nlp.entities, nlp.parse_texts = real_entities, real_parse
    rules = total - spent["recogniser"] - spent["parser"]
    return {
        "documents": len(docs),
        "words": words,
        "cpu_s": round(total, 2),
        "words_per_cpu_s": round(words / total),
        "share": {
            "recogniser": round(spent["recogniser"] / total, 3),
            "parser": round(spent["parser"] / total, 3),
            "rules, triples and reasoning": round(rules / total, 3),
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000, help="synthetic documents to build")
    ap.add_argument("--corpus", type=Path, help="a folder of texts instead of synthetic ones")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--json", type=Path, help="write the figures here too")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ng-build-speed-") as tmp:
        work = Path(tmp)
        corpus = args.corpus
        if corpus is None:
            corpus = work / "docs"
            docgen.write(args.docs, corpus)
        words = _words(corpus)
        n = len(list(corpus.glob("*.txt")))
        runs = []
        for i in range(args.repeat):
            load = os.getloadavg()[0]
            r = build_once(corpus, work)
            r["load_average_before"] = round(load, 2)
            runs.append(r)
            print(
                f"build {i + 1}: {n} documents, {words:,} words in {r['wall_s']:.1f} s: "
                f"{words / r['wall_s']:,.0f} words/s, {r['cpu_s']:.1f} CPU s "
                f"({words / r['cpu_s']:,.0f} words per CPU s); peak RSS "
                f"{r['peak_tree_rss_mb']} MB; load average before {load:.2f}",
                file=sys.stderr,
            )
        split = split_extraction(corpus)
    best = min(r["wall_s"] for r in runs)
    result = {
        "documents": n,
        "words": words,
        "cores": os.cpu_count(),
        "nlp_model": os.environ.get("NEWSGRAPH_NLP_MODEL") or "en_core_web_sm",
        # the same pipeline costs a third more CPU with spaCy's wheels from 3.8.7 on
        # (RESULTS.md, "spaCy's wheels"): say which ran
        "spacy": version("spacy"),
        "thinc": version("thinc"),
        "wall_s": [r["wall_s"] for r in runs],
        "cpu_s": [r["cpu_s"] for r in runs],
        "load_average_before": [r["load_average_before"] for r in runs],
        "words_per_s_best": round(words / best),
        "words_per_cpu_s_best": round(words / min(r["cpu_s"] for r in runs)),
        # the floor, and the figure of the extractor the spaCy reader replaced
        "floor_words_per_s": FLOOR,
        "floor_met": words / best >= FLOOR,
        "before_spacy_words_per_s": BEFORE_SPACY,
        "peak_tree_rss_mb": max(r["peak_tree_rss_mb"] for r in runs),
        "extraction_one_core": split,
    }
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
