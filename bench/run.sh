#!/usr/bin/env bash
# Load test of the real server on loopback with wrk (Debian): an authenticated JSON read and
# an authenticated write, 64 connections, printing requests/s, p50/p99 and the idle RSS.
# Usage: bench/run.sh [BUILD_DIR] [DB_URL]     (defaults: build, a fresh SQLite file)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${1:-build}"
TMP="$(mktemp -d)"
DB="${2:-sqlite:$TMP/bench.db}"
PORT="${PORT:-18181}"
DURATION="${DURATION:-15s}"
THREADS="${THREADS:-2}"
CONNS="${CONNS:-64}"
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$TMP"' EXIT

"$BUILD_DIR/baocao" serve --db "$DB" --port "$PORT" --address 127.0.0.1 --demo --web /nonexistent \
  > "$TMP/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do grep -q "listening on" "$TMP/server.log" && break; sleep 0.1; done
sleep 1
RSS_IDLE=$(awk '/VmRSS/ {print $2}' /proc/$SERVER/status)

login() {
  curl -s -D "$TMP/h" -o "$TMP/me.json" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"Baocao@2026\"}" "http://127.0.0.1:$PORT/api/v1/auth/login"
  COOKIE=$(grep -i '^set-cookie: baocao_session=' "$TMP/h" | sed 's/.*baocao_session=\([^;]*\);.*/\1/')
  CSRF=$(sed 's/.*"csrf_token":"\([^"]*\)".*/\1/' "$TMP/me.json")
  export COOKIE CSRF
}
login quantri
first() { grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2; }
ROOT=$(curl -s -b "baocao_session=$COOKIE" "http://127.0.0.1:$PORT/api/v1/orgs?roots=1&q=79" | first id)
export READ_PATH="/api/v1/orgs?parent_id=$ROOT&limit=50"
PARENT_ID=$(curl -s -b "baocao_session=$COOKIE" "http://127.0.0.1:$PORT/api/v1/orgs?q=79.STC&limit=1" | first id)
export PARENT_ID

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); server and wrk share the cores"
echo "store: $DB"
echo "idle RSS after start-up with demo data: $((RSS_IDLE / 1024)) MB"
echo
echo "== authenticated read: GET $READ_PATH (50 units, JSON), $CONNS connections, $DURATION =="
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s bench/auth_read.lua "http://127.0.0.1:$PORT" | tee "$TMP/read.txt"
echo
echo "== authenticated write: POST /api/v1/orgs (new division + audit entry, one transaction), $CONNS connections, $DURATION =="
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s bench/auth_write.lua "http://127.0.0.1:$PORT" | tee "$TMP/write.txt"
echo
RSS_AFTER=$(awk '/VmRSS/ {print $2}' /proc/$SERVER/status)
echo "RSS after the runs: $((RSS_AFTER / 1024)) MB"
read_rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/read.txt")
read_p99=$(awk '$1=="99%" {print $2}' "$TMP/read.txt")
read_p50=$(awk '$1=="50%" {print $2}' "$TMP/read.txt")
write_rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/write.txt")
write_p99=$(awk '$1=="99%" {print $2}' "$TMP/write.txt")
echo
echo "summary: read ${read_rps} req/s p50 ${read_p50} p99 ${read_p99} (target >= 5000 req/s, p99 < 20ms; ratio $(awk -v r="$read_rps" 'BEGIN{printf "%.2f", r/5000}')x); write ${write_rps} req/s p50 $(awk '$1=="50%" {print $2}' "$TMP/write.txt") p99 ${write_p99}; idle RSS $((RSS_IDLE / 1024)) MB (target < 50 MB)"

if [[ -x "$BUILD_DIR/bench/expr_bench" ]]; then
  echo
  echo "== formula evaluation (Google Benchmark) =="
  "$BUILD_DIR/bench/expr_bench" --benchmark_min_time=0.5
fi
