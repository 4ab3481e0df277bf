#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL 15 cluster.
#
#   scripts/with-postgres.sh ./build/contract_tests --gtest_filter='*postgresql*'
#
# Creates a cluster in a temp dir (trust auth, UTF-8, C.UTF-8 locale, fsync off: it is thrown
# away), listens on 127.0.0.1 on a free port with its unix socket inside the temp dir, exports
# BAOCAO_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres, runs the command, then always
# stops the server and removes the dir. Exits with the command's exit code.
# Works as root (the server runs as the `postgres` user) and as an ordinary user.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [[ ! -x "$PG_BIN/initdb" ]]; then
  echo "with-postgres: $PG_BIN/initdb not found (apt-get install postgresql-15)" >&2
  exit 2
fi

PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/baocao-pg.XXXXXX")"
chmod 755 "$PG_DIR"

# As root the server must run as an unprivileged user.
as_pg() {
  if [[ "$(id -u)" -eq 0 ]]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}
if [[ "$(id -u)" -eq 0 ]]; then
  chown postgres: "$PG_DIR"
fi

cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 - <<'EOF' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}
PORT="${BAOCAO_PG_PORT:-$(free_port)}"

as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
  >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; exit 1; }

if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PG_DIR -c fsync=off \
      -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null; then
  cat "$PG_DIR/server.log" >&2 || true
  exit 1
fi

export BAOCAO_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL 15 on 127.0.0.1:$PORT ($PG_DIR)" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
