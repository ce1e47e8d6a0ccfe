#!/usr/bin/env bash
# Idempotent set-up for a fresh machine: Python virtual environment with newsgraph
# installed, front-end assets from npm, and (for the tests) the Debian packages the
# test suite drives. Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
want_virtuoso=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --virtuoso) want_virtuoso=1 ;;  # and start the analytics store (NEWSGRAPH_STORE=virtuoso)
  esac
done

# Each step's output goes to a log, shown only when the step fails: a first run prints
# nothing but the server's own lines (pip's build backend alone writes ~240 lines of
# warnings on an editable install).
mkdir -p var
log=var/setup.log
quiet() {  # quiet WHAT CMD...: run CMD, its output to $log; on failure show it and stop
  local what=$1
  shift
  if ! "$@" >>"$log" 2>&1; then
    echo "setup: $what failed; its output (also in $log):" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
}
: >"$log"

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  quiet "creating the virtual environment" "$PY" -m venv .venv
fi
stamp=.venv/.newsgraph-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  quiet "upgrading pip" .venv/bin/pip install -q --upgrade pip
  quiet "installing newsgraph" .venv/bin/pip install -q -e '.[test]'
  touch "$stamp"
fi

# Front-end assets (YASGUI, ECharts, Leaflet, country outlines) come from the npm
# registry, never a CDN.
if [ -f package.json ] && { [ ! -d node_modules ] || [ package.json -nt node_modules ] \
  || [ package-lock.json -nt node_modules ]; }; then
  if ! npm ci --no-audit --no-fund --loglevel=error >>"$log" 2>&1; then
    quiet "installing the front-end assets" npm install --no-audit --no-fund --loglevel=error
  fi
  touch node_modules
fi
if [ -f scripts/copy-assets.sh ]; then
  bash scripts/copy-assets.sh
fi

if [ "$want_test" = 1 ]; then
  # The W3C SHACL test suite, as pyshacl's source distribution on PyPI ships it
  # (test/resources/sht_tests; tests/w3c_shacl.py runs it). Fetched, never committed.
  shacl_suite=tests/w3c-shacl
  shacl_suite_from=pyshacl-0.40.1
  if [ ! -f "$shacl_suite/manifest.ttl" ]; then
    tmp=$(mktemp -d)
    quiet "fetching the W3C SHACL suite" \
      .venv/bin/pip download -q --no-deps --no-binary :all: "${shacl_suite_from/-/==}" -d "$tmp"
    tar -xzf "$tmp/$shacl_suite_from.tar.gz" -C "$tmp" "$shacl_suite_from/test/resources/sht_tests"
    mkdir -p "$shacl_suite"
    cp -R "$tmp/$shacl_suite_from/test/resources/sht_tests/." "$shacl_suite/"
    rm -rf "$tmp"
  fi

  # Test-only JavaScript: Comunica, an independent engine that calls our endpoint via SERVICE,
  # and shacl-engine, an independent SHACL engine (tests/test_second_engine.py).
  if [ -f tests/js/package-lock.json ] && { [ ! -d tests/js/node_modules ] || [ tests/js/package-lock.json -nt tests/js/node_modules ]; }; then
    quiet "installing the test JavaScript" npm ci --prefix tests/js --no-audit --no-fund --loglevel=error
    touch tests/js/node_modules
  fi

  # The W3C SPARQL 1.1 test suites (query, update, syntax, federation, protocol, graph
  # store), as shipped inside rdflib's source distribution on PyPI (W3C test-suite
  # licence); tests/w3c_suites.py runs them through our HTTP endpoint.
  W3C_SUITES=tests/w3c-suites
  RDFLIB_SDIST=rdflib==7.6.0
  if [ ! -f "$W3C_SUITES/.complete" ]; then
    tmp=$(mktemp -d)
    .venv/bin/pip download -q --no-binary :all: --no-deps --dest "$tmp" "$RDFLIB_SDIST"
    rm -rf "$W3C_SUITES" && mkdir -p "$W3C_SUITES"
    tar -xzf "$tmp"/rdflib-*.tar.gz -C "$W3C_SUITES" --strip-components=6 \
      --wildcards '*/test/data/suites/w3c/sparql11/*'
    rm -rf "$tmp"
    echo "$RDFLIB_SDIST" > "$W3C_SUITES/.complete"
  fi

  # Debian packages the tests drive: headless Chromium (UI test) and Virtuoso (external store).
  need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
  if [ -f scripts/debian-test-packages ]; then
    while read -r pkg bin; do
      [ -n "$pkg" ] || continue
      command -v "${bin:-$pkg}" >/dev/null 2>&1 || need+=("$pkg")
    done < scripts/debian-test-packages
  fi
  if [ "${#need[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      quiet "apt-get update" apt-get update -qq
      quiet "installing ${need[*]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
    else
      echo "setup: missing ${need[*]} (install them with apt-get as root)" >&2
    fi
  fi
fi

if [ "$want_virtuoso" = 1 ]; then
  # Virtuoso for analytic queries (docs/scale-out.md): Debian's package, started as a
  # private process under the data folder; NEWSGRAPH_STORE=virtuoso then uses it.
  if ! command -v virtuoso-t >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null
    else
      echo "setup: missing virtuoso-opensource (install it with apt-get as root)" >&2
      exit 1
    fi
  fi
  .venv/bin/python -m kg.virtuoso start "${NEWSGRAPH_DATA_DIR:-var}/virtuoso" \
    --port "${NEWSGRAPH_VIRTUOSO_PORT:-8890}" --isql-port "${NEWSGRAPH_VIRTUOSO_ISQL_PORT:-1111}"
fi
