#!/usr/bin/env bash
# Set up, then ingest the sample corpus into ./stanceline.db and show what was found.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate
seeds=${SEEDS:-../shared/seeds}
export STANCELINE_DB=${STANCELINE_DB:-stanceline.db}
stanceline ingest "$seeds" --manifest "$seeds/manifest.jsonl"
stanceline docs
stanceline timeline --issue "Ukraine joins NATO"
echo
echo "Next: stanceline serve   (then open http://127.0.0.1:8000/)"
