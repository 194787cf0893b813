#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suites (Debian's postgresql package):
#   pg_test_cluster.sh start DIR   initdb + start, listening only on a Unix socket in DIR
#   pg_test_cluster.sh stop DIR    stop and remove DIR
#   pg_test_cluster.sh url DIR     the libpq URL of its "postgres" database
# PostgreSQL refuses to run as root: as root, the cluster runs as the "postgres" user.
# fsync is off: the data is thrown away at the end of the run. PG_DURABLE=1 keeps
# PostgreSQL's durable defaults instead (the benchmarks compare it with SQLite's
# synchronous=FULL).
set -euo pipefail
cmd=${1:?start|stop|url}
dir=${2:?cluster directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "pg_test_cluster: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  url)
    echo "postgresql:///postgres?host=$dir&user=postgres"
    ;;
  start)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${PG_DURABLE:-0}" = 1 ] && fast=""
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
      -o "-k $dir -c listen_addresses='' $fast -c max_connections=200" \
      -w start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "PostgreSQL test cluster running: $("$0" url "$dir")"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop|url DIR" >&2; exit 2 ;;
esac
