#!/usr/bin/env bash
# A throwaway Postgres cluster for the database tests (CI and developers).
#
#   scripts/pg-test-server.sh start [DIR]   creates and starts a cluster in DIR, prints its URL
#   scripts/pg-test-server.sh stop  [DIR]   stops it and removes DIR
#
#   export TEST_DATABASE_URL=$(scripts/pg-test-server.sh start)
#   npm run test:db
#   scripts/pg-test-server.sh stop
#
# DIR defaults to $PG_TEST_DIR, else ${TMPDIR:-/tmp}/crewboard-pg-test. The port is
# $PG_TEST_PORT or a free one. Auth is trust on 127.0.0.1 only, fsync off: never use
# this for data you want to keep. As root, the cluster runs as user postgres
# (initdb refuses root).
set -euo pipefail

cmd=${1:-}
dir=${2:-${PG_TEST_DIR:-${TMPDIR:-/tmp}/crewboard-pg-test}}

pg_bin() {
  if [[ -n ${PG_BIN:-} ]]; then echo "$PG_BIN"; return; fi
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then echo /usr/lib/postgresql/15/bin; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n $newest ]]; then echo "$newest"; return; fi
  if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return; fi
  echo "pg-test-server: no Postgres server binaries found (apt-get install postgresql)" >&2
  exit 1
}

# Runs a server binary as the cluster's owner: postgres when we are root, else ourselves.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s = require("node:net").createServer();
           s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start() {
  local bin port
  bin=$(pg_bin)
  if [[ -f $dir/url ]] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    cat "$dir/url"
    return
  fi
  mkdir -p "$dir/sock"
  if [[ $(id -u) -eq 0 ]]; then
    chown -R postgres: "$dir"
    runuser -u postgres -- test -x "$dir" \
      || { echo "pg-test-server: user postgres cannot reach $dir; pick a DIR under /tmp" >&2; exit 1; }
  fi
  if [[ ! -f $dir/data/PG_VERSION ]]; then
    as_owner "$bin/initdb" -D "$dir/data" --auth=trust -U postgres --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  port=${PG_TEST_PORT:-$(free_port)}
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || { cat "$dir/server.log" >&2; exit 1; }
  echo "postgres://postgres@127.0.0.1:$port/postgres" | as_owner tee "$dir/url"
}

stop() {
  local bin
  bin=$(pg_bin)
  if [[ -f $dir/data/postmaster.pid ]]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$dir"
}

case $cmd in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac
