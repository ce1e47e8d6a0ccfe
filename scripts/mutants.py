"""`make mutants`: mutation testing (mutmut) of the modules whose mistakes cost most.

Why a staging copy: pyproject maps the `server/` folder to the package `kg.server`, but
mutmut names a mutant after its file path (`server/limits.py` -> `server.limits`) and
matches it against the module a test imported (`kg.server.limits`). The copy under
`build/mutants/<module>/` is laid out as the installed package (`server/` moved to `kg/server/`),
so both names agree and the mutated `kg.server` is the one imported, in-process and in
the `python -m kg.cli` subprocesses the tests start from that copy.

Why module by module: each module gets only the test files that exercise it, so
mutmut's first pass (which test reaches which function) stays short, and a module's
figure does not depend on another's. Each mutant then runs only the tests that reached
its function, fastest first, in a process forked from a warm one. Each module has its
own copy, so two run at once (MODULES_AT_ONCE).

Usage: `python scripts/mutants.py [MODULE ...]` (default: every module with a floor).
Writes `build/mutants/report.md` (the table docs/testing.md quotes) and prints each
surviving mutant with its line before and after. A survivor reviewed as equivalent (no
test can tell it from the original) is listed in scripts/mutants-equivalent.txt with the
reason and left out of the kill rate: killed / (mutants - equivalent). Exit status 1
when a module with a floor kills less than 90%.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGE = ROOT / "build" / "mutants"
FLOOR = 0.90
# Folders pyproject installs as packages inside kg (kg.ontology, kg.shapes, kg.queries).
PACKAGED = ("ontology", "shapes", "queries")

# module (dotted, as imported) -> test files that exercise it in-process. Longest run
# first: modules start in this order, MODULES_AT_ONCE at a time.
MODULES: dict[str, list[str]] = {
    "kg.executor": ["tests/test_executor_unit.py", "tests/test_executor_pool.py"],
    "kg.store": ["tests/test_store.py"],
    "kg.server.limits": ["tests/test_limits_app.py"],
    "kg.server.app": ["tests/test_app_wiring.py", "tests/test_routes_served.py"],
    "kg.query": ["tests/test_query_unit.py", "tests/test_executor_unit.py"],
    "kg.negotiate": ["tests/test_negotiate.py"],
    # Extraction (being moved onto spaCy): run on request (`make mutants MODULES=...`),
    # no floor until the rewrite lands.
    "kg.extract.dates": ["tests/test_extraction_behaviour.py", "tests/test_numbers_dates.py"],
    "kg.extract.statements": ["tests/test_extraction_behaviour.py", "tests/test_events.py"],
}
NO_FLOOR = {"kg.extract.dates", "kg.extract.statements"}

# failed, crashed (SIGSEGV, SIGKILL, SIGABRT) or timed out: detected
KILLED = {1, 3, 36, -24, 24, 152, 255, -11, -9, -6}
SURVIVED = {0}
EQUIVALENT_LIST = ROOT / "scripts" / "mutants-equivalent.txt"
# Mutants run at once. Not one per core: these tests mostly wait (a worker thread's
# answer over a pipe, a fraction-of-a-second timeout, a server starting), and a run of
# kg.executor with one mutant per core kept its children on the CPU less than a fifth
# of the time (docs/testing.md). MUTANTS_CHILDREN overrides it.
CHILDREN = int(os.environ.get("MUTANTS_CHILDREN") or 4 * (os.cpu_count() or 2))
# Modules run at once, each with CHILDREN mutants (MUTANTS_MODULES_AT_ONCE overrides).
MODULES_AT_ONCE = int(os.environ.get("MUTANTS_MODULES_AT_ONCE") or 2)


def _stage(stage: Path) -> None:
    """A fresh copy of the tracked tree (plus built assets), laid out as installed."""
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    files += [str(p.relative_to(ROOT)) for p in (ROOT / "server/static/vendor").rglob("*")]
    for rel in files:
        src = ROOT / rel
        if not src.is_file():
            continue
        top = rel.split("/", 1)[0]
        if top == "server":
            targets = [stage / "kg" / rel]
        elif top in PACKAGED:  # kg.shapes etc.: installed inside kg, read by tests at the top
            targets = [stage / rel, stage / "kg" / rel]
        else:
            targets = [stage / rel]
        for dst in targets:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    for heavy in ("node_modules", "tests/js/node_modules"):
        if (ROOT / heavy).exists():
            (stage / heavy).parent.mkdir(parents=True, exist_ok=True)
            (stage / heavy).symlink_to(ROOT / heavy)


def _configure(stage: Path, module: str, tests: list[str]) -> None:
    """Point the copy's [tool.mutmut] at one module and its tests."""
    path = "kg/" + module.removeprefix("kg.").replace(".", "/") + ".py"
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    head, _, _ = text.partition("[tool.mutmut]")
    conf = (
        "[tool.mutmut]\n"
        'source_paths = ["kg"]\n'
        f'only_mutate = ["{path}"]\n'
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n"
        # A mutant that makes a test wait for ever is killed after 60 s (pytest-timeout):
        # mutmut's own limit counts CPU time, which a blocked test does not use.
        # Each mutant's tests fastest first (scripts/mutants_fastest_first.py).
        'pytest_add_cli_args = ["-p", "no:randomly", "-p", "no:cacheprovider", "-q",'
        ' "--timeout", "60", "-p", "mutants_fastest_first"]\n'
        # The fork server's log gives each mutant's wall time (kept as <module>.times).
        "log_to_file = true\n"
        # Fork each mutant from a process that has only collected the tests: one that has
        # run them holds RocksDB's threads, and a child forked from it can hang in them.
        'process_isolation = "forkserver"\n'
        'also_copy = ["seeds", "ontology", "shapes", "queries", "docs", "README.md",'
        ' "benchmarks", "scripts"]\n'
    )
    (stage / "pyproject.toml").write_text(head + conf, encoding="utf-8")
    shutil.rmtree(stage / "mutants", ignore_errors=True)


def _equivalents() -> list[tuple[str, re.Pattern[str], str]]:
    """(module, pattern on the mutated line, reason) from scripts/mutants-equivalent.txt."""
    rows = []
    for line in EQUIVALENT_LIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            module, pattern, reason = line.split("\t")
            rows.append((module, re.compile(pattern), reason))
    return rows


# `mutmut show` for many mutants in one process (one `mutmut show` each took ~1 s on the
# loaded machine: 94 s for kg.executor's 72 survivors and equivalents).
_DIFFS = """
import json, sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
print(json.dumps({n: get_diff_for_mutant(n) for n in json.load(sys.stdin)}))
"""


def _mutated_lines(stage: Path, names: list[str]) -> dict[str, tuple[str, str]]:
    """The original and the mutated line(s) of each mutant, from mutmut's diff."""
    if not names:
        return {}
    diffs = json.loads(
        subprocess.run(
            [sys.executable, "-c", _DIFFS],
            cwd=stage,
            input=json.dumps(names),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    lines = {}
    for name, diff in diffs.items():
        rows = diff.splitlines()
        minus = [d[1:].strip() for d in rows if d.startswith("-") and not d.startswith("---")]
        plus = [d[1:].strip() for d in rows if d.startswith("+") and not d.startswith("+++")]
        lines[name] = (" / ".join(minus), " / ".join(plus))
    return lines


def _meta_path(module: str) -> Path:
    """mutmut's record of one module's run: exit code and duration per mutant."""
    path = "kg/" + module.removeprefix("kg.").replace(".", "/") + ".py.meta"
    return STAGE / module / "mutants" / path


def _tally(module: str) -> dict:
    meta = json.loads(_meta_path(module).read_text(encoding="utf-8"))
    codes = meta["exit_code_by_key"]
    reviewed = [(p, why) for m, p, why in _equivalents() if m == module]
    survived, equivalent = [], []
    names = sorted(k for k, c in codes.items() if c in SURVIVED)
    lines = _mutated_lines(STAGE / module, names)
    for name in names:
        before, after = lines[name]
        # A pattern is searched in the mutated line, then in "name: line", so one can
        # name the function when the same line means different things in two places.
        why = next(
            (w for p, w in reviewed if p.search(after) or p.search(f"{name}: {after}")), None
        )
        entry = {"name": name, "from": before, "to": after, "why": why}
        (equivalent if why else survived).append(entry)
    killed = sum(1 for c in codes.values() if c in KILLED)
    counted = len(codes) - len(equivalent)
    return {
        "module": module,
        "total": len(codes),
        "killed": killed,
        "equivalent": equivalent,
        "survived": survived,
        "no_tests": sorted(k for k, c in codes.items() if c in (33, 5)),
        "rate": killed / counted if counted else 1.0,
    }


def _mutant_seconds(module: str) -> dict[str, float]:
    """Each mutant's wall time, from the fork server's log; kept as <module>.times."""
    seconds: dict[str, float] = {}
    done = re.compile(r"Completed (\S+): exit=-?\d+ \(([\d.]+)s\)")
    for log in sorted((STAGE / module / "mutants").glob("mutmut-debug.log*")):
        for m in done.finditer(log.read_text(encoding="utf-8", errors="replace")):
            seconds[m.group(1)] = float(m.group(2))
    slowest = sorted(seconds.items(), key=lambda kv: -kv[1])
    (STAGE / f"{module}.times").write_text(
        "".join(f"{s:8.2f}  {name}\n" for name, s in slowest), encoding="utf-8"
    )
    return seconds


def _run_module(module: str, mutmut: Path) -> dict | None:
    """One module's mutmut run in its own copy (build/mutants/<module>/), then its tally."""
    t0 = time.monotonic()
    stage = STAGE / module
    _stage(stage)
    _configure(stage, module, MODULES[module])
    env = {
        **os.environ,
        "PYTHONDONTWRITEBYTECODE": "1",
        # where pytest finds the plugin named in _configure
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(ROOT / "scripts"), os.environ.get("PYTHONPATH")) if p
        ),
    }
    log = STAGE / f"{module}.log"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [str(mutmut), "run", "--max-children", str(CHILDREN)],
            cwd=stage,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        # wait4: the CPU time of this run and everything it forked and reaped, on its own
        # (modules run side by side, so the process-wide children's total mixes them).
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        print(f"{module}: mutmut failed, see {log}")
        print(log.read_text(encoding="utf-8")[-3000:], flush=True)
        return None
    row = _tally(module)
    # Keep mutmut's record (exit code per mutant) beside the copy.
    shutil.copy2(_meta_path(module), STAGE / f"{module}.meta.json")
    times = _mutant_seconds(module)
    row["mutant_seconds"] = round(sum(times.values()))
    row["mutants_over_10s"] = sum(1 for t in times.values() if t >= 10)
    row["seconds"] = round(time.monotonic() - t0)
    row["cpu_seconds"] = round(usage.ru_utime + usage.ru_stime)
    lines = [
        f"{module}: {row['killed']}/{row['total'] - len(row['equivalent'])} killed"
        f" ({row['rate']:.1%}; {len(row['equivalent'])} equivalent left out),"
        f" {len(row['survived'])} survived, {len(row['no_tests'])} not reached by a test,"
        f" {row['seconds']} s ({row['cpu_seconds']} s of CPU; mutants ran"
        f" {row['mutant_seconds']} s in all, {row['mutants_over_10s']} of them 10 s or more)"
    ]
    for entry in row["survived"]:
        lines.append(f"    SURVIVED {entry['name']}: {entry['from']}  ->  {entry['to']}")
    for name in row["no_tests"]:
        lines.append(f"    NO TEST  {name}")
    print("\n".join(lines), flush=True)
    return row


def main(argv: list[str]) -> int:
    modules = argv or [m for m in MODULES if m not in NO_FLOOR]
    mutmut = Path(sys.executable).parent / "mutmut"
    if STAGE.exists():
        shutil.rmtree(STAGE)
    STAGE.mkdir(parents=True)
    started = time.monotonic()
    # Modules side by side (each in its own copy): their mutants mostly wait (see
    # CHILDREN), and one module's set-up (mutant generation, mutmut's timing pass, the
    # clean run) or its last slow mutants no longer leave the cores idle.
    with concurrent.futures.ThreadPoolExecutor(max_workers=MODULES_AT_ONCE) as pool:
        results = list(pool.map(lambda m: _run_module(m, mutmut), modules))
    failed = any(r is None for r in results)
    rows = [r for r in results if r is not None]
    for r in rows:
        if r["module"] not in NO_FLOOR and r["rate"] < FLOOR:
            failed = True
    total = round(time.monotonic() - started)
    lines = [
        "| module | mutants | killed | equivalent | survived | not reached | kill rate | seconds"
        " | CPU seconds |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| `{r['module']}` | {r['total']} | {r['killed']} | {len(r['equivalent'])} |"
            f" {len(r['survived'])} | {len(r['no_tests'])} | {r['rate']:.1%} | {r['seconds']} |"
            f" {r['cpu_seconds']} |"
        )
    lines.append(
        f"\nTotal {total} s on {os.cpu_count()} cores: {MODULES_AT_ONCE} modules at once,"
        f" {CHILDREN} mutants at once in each."
    )
    (STAGE / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (STAGE / "report.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
