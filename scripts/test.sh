#!/usr/bin/env bash
# The whole test suite: unit, storage contract (memory, SQLite and a real PostgreSQL 15 that
# scripts/with-postgres.sh starts on loopback in a temp dir and stops), HTTP tests against the
# real server on port 0, and browser tests in Debian's Chromium driven by playwright-core.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${1:-build}"

echo "== C++: unit, storage contract (memory/SQLite/PostgreSQL), HTTP =="
scripts/with-postgres.sh ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" --timeout 300

echo "== Web: pure TypeScript helpers (numbers, paste, computed cells, save queue) =="
node --test tests/web/

echo "== Browser: Chromium + playwright-core =="
BAOCAO_BIN="$PWD/$BUILD_DIR/baocao" node --test --test-concurrency=1 tests/browser/
