#!/usr/bin/env bash
# Sourced by run-tests.sh and .ci/run (use_test_databases). Starts throwaway MariaDB and
# PostgreSQL servers on free loopback ports and exports their JDBC URLs:
#   CCR_TEST_MYSQL_URL / CCR_TEST_MYSQL_USER / CCR_TEST_MYSQL_PASSWORD
#   CCR_TEST_PG_URL    / CCR_TEST_PG_USER    / CCR_TEST_PG_PASSWORD
# A server whose binaries are missing is skipped with a message. If a URL is already set in the
# environment, that server is used as given and nothing is started.

_ccr_free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

start_test_databases() {
  CCR_DB_WORK=$(mktemp -d /tmp/ccr-testdb.XXXXXX)
  chmod 755 "$CCR_DB_WORK"
  CCR_MY_PID=""; CCR_PG_DATA=""
  if [ -z "${CCR_TEST_MYSQL_URL:-}" ] && command -v mariadbd >/dev/null 2>&1; then
    local port; port=$(_ccr_free_port)
    local userflag=(); [ "$(id -u)" = 0 ] && userflag=(--user=root)
    mariadb-install-db --no-defaults --datadir="$CCR_DB_WORK/my" "${userflag[@]}" \
      --auth-root-authentication-method=normal --skip-test-db >"$CCR_DB_WORK/my-install.log" 2>&1
    mariadbd --no-defaults --datadir="$CCR_DB_WORK/my" "${userflag[@]}" --bind-address=127.0.0.1 --port="$port" \
      --socket="$CCR_DB_WORK/my.sock" --pid-file="$CCR_DB_WORK/my.pid" --log-error="$CCR_DB_WORK/my.err" \
      --skip-name-resolve --innodb-buffer-pool-size=64M --innodb-log-file-size=16M \
      --innodb-flush-log-at-trx-commit=0 >/dev/null 2>&1 &
    CCR_MY_PID=$!
    for _ in $(seq 1 300); do mariadb-admin --socket="$CCR_DB_WORK/my.sock" ping >/dev/null 2>&1 && break; sleep 0.1; done
    mariadb --socket="$CCR_DB_WORK/my.sock" -uroot -e \
      "CREATE USER 'ccr'@'127.0.0.1' IDENTIFIED BY 'ccrpw'; GRANT ALL ON *.* TO 'ccr'@'127.0.0.1' WITH GRANT OPTION;"
    export CCR_TEST_MYSQL_URL="jdbc:mysql://127.0.0.1:$port/" CCR_TEST_MYSQL_USER=ccr CCR_TEST_MYSQL_PASSWORD=ccrpw
    echo "test-databases: MariaDB on 127.0.0.1:$port"
  fi
  local pgbin; pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "${CCR_TEST_PG_URL:-}" ] && [ -n "$pgbin" ] && [ -x "$pgbin/initdb" ]; then
    local port; port=$(_ccr_free_port)
    local run=(); if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); fi
    mkdir -p "$CCR_DB_WORK/pg"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$CCR_DB_WORK/pg"
    "${run[@]}" "$pgbin/initdb" -D "$CCR_DB_WORK/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
      >"$CCR_DB_WORK/pg-initdb.log" 2>&1
    "${run[@]}" "$pgbin/pg_ctl" -D "$CCR_DB_WORK/pg/data" -l "$CCR_DB_WORK/pg/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $CCR_DB_WORK/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null
    CCR_PG_DATA="$CCR_DB_WORK/pg/data"
    psql -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE ROLE ccr LOGIN SUPERUSER PASSWORD 'ccrpw'" -c "CREATE DATABASE ccr OWNER ccr"
    export CCR_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/ccr" CCR_TEST_PG_USER=ccr CCR_TEST_PG_PASSWORD=ccrpw
    echo "test-databases: PostgreSQL on 127.0.0.1:$port"
  fi
}

stop_test_databases() {
  [ -n "${CCR_MY_PID:-}" ] && kill -TERM "$CCR_MY_PID" 2>/dev/null || true
  if [ -n "${CCR_PG_DATA:-}" ] && [ -f "$CCR_PG_DATA/postmaster.pid" ]; then
    kill -INT "$(head -1 "$CCR_PG_DATA/postmaster.pid")" 2>/dev/null || true
  fi
  [ -n "${CCR_MY_PID:-}" ] && wait "$CCR_MY_PID" 2>/dev/null || true
  rm -rf "${CCR_DB_WORK:-/nonexistent}" 2>/dev/null || true
}

# start_test_databases, and stop_test_databases when this shell exits (run-tests.sh, .ci/run).
use_test_databases() {
  start_test_databases
  trap stop_test_databases EXIT
}
