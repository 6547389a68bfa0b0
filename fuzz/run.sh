#!/usr/bin/env bash
# Run the fuzz harnesses for a bounded time: fuzz/run.sh [SECONDS_PER_HARNESS]
set -euo pipefail
cd "$(dirname "$0")/.."
exec python -m fuzz.run --seconds "${1:-20}"
