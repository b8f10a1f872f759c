#!/usr/bin/env bash
# Set up everything the tests need (Debian packages, venv, a throw-away PostgreSQL server), then run
# the tests. Without arguments: the default suite, then the slow checks (`-m slow`: whole gold sets,
# fuzz and kill loops, the Dask cluster path) — exactly what CI runs. With arguments they go to
# pytest as they are: `bash scripts/test.sh -x tests/nlp` runs that folder of the default suite.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  need=()
  command -v chromium >/dev/null || need+=(chromium)
  [ -x /usr/lib/postgresql/15/bin/postgres ] || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi
bash scripts/setup.sh --dev
. .venv/bin/activate
pg_stop() { :; }
if [ -z "${STANCELINE_TEST_PG_URL:-}" ]; then
  if url=$(bash scripts/pg-test-server.sh start); then
    export STANCELINE_TEST_PG_URL="$url"
    pg_stop() { bash scripts/pg-test-server.sh stop || true; }
  else
    echo "note: no PostgreSQL server could be started; PostgreSQL tests will be skipped" >&2
  fi
fi
trap pg_stop EXIT
# pytest exits 5 when a selection collects no tests; that is not a pass, so it is not hidden here,
# and both runs below always collect tests (the slow marker has checks in several packages).
if [ $# -gt 0 ]; then
  python -m pytest "$@"
else
  python -m pytest
  python -m pytest -m slow
fi
