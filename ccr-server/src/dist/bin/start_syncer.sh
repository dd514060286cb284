#!/usr/bin/env bash
# Starts the syncer, with the Go syncer's start_syncer.sh options. See --help and doc/operations.md.
# Run by bash also when started as `sh script.sh` (dash and other POSIX shells re-exec it).
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -eo pipefail

curdir="$(cd "$(dirname "${BASH_SOURCE[0]}")" >/dev/null 2>&1 && pwd)"
# need_value, split_option
. "$curdir/script_lib.sh"
SYNCER_HOME="$(cd "$curdir/.." && pwd)"

usage() {
  cat <<USAGE
Usage: $0 [--daemon] [--log_level trace|debug|info|warn|error] [--log_dir FILE]
          [--db_type sqlite3|mysql|postgresql] [--db_dir FILE] [--db_host HOST] [--db_port PORT]
          [--db_user USER] [--db_password PASSWORD] [--host HOST] [--port PORT] [--pid_dir DIR]
          [--pprof true|false] [--pprof_port PORT] [--connect_timeout 10s] [--rpc_timeout 30s]
          [-- any other ccr_syncer flag, e.g. --bind_address 127.0.0.1]

  --daemon        run in the background; returns once the syncer answers HTTP /version
                  (at most --start_timeout, default 60s), or prints why it did not start
  --log_level     default: info with --daemon, trace in the foreground
  --log_dir       the log FILE (as in the Go script; a directory gets ccr_syncer.log)
                  default: $SYNCER_HOME/log/ccr_syncer.log
  --db_dir        sqlite file, default: $SYNCER_HOME/db/ccr.db
  --db_password   visible in ps while this script runs: prefer CCR_DB_PASSWORD or conf/db.conf
  --host/--port   the syncer's identity host:port (default 127.0.0.1:9190); HTTP listens on
                  every interface at --port unless --bind_address is given
  --pid_dir       where <host>_<port>.pid is written, default: $curdir
Refuses to start when the pid file names a live process. In the foreground the output is also
appended to the log file (tee). Flags not listed here are passed to ccr_syncer as they are.
USAGE
}

RUN_DAEMON=0
HOST="127.0.0.1"
PORT="9190"
LOG_LEVEL=""
LOG_DIR=""
DB_TYPE="sqlite3"
DB_DIR="$SYNCER_HOME/db/ccr.db"
DB_HOST="127.0.0.1"
DB_PORT=""
DB_USER=""
DB_PASSWORD=""
PID_DIR="$curdir"
PPROF="false"
PPROF_PORT=""
CONNECT_TIMEOUT="10s"
RPC_TIMEOUT="30s"
EXTRA=()

while [ "$#" -gt 0 ]; do
  split_option "$1"; shift; set -- "${opt_words[@]}" "$@"
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --daemon | --deamon)
      RUN_DAEMON=1
      shift
      case "${1:-}" in
        true) shift ;;
        false) RUN_DAEMON=0; shift ;;
      esac
      ;;
    --log_level) need_value "$@"; LOG_LEVEL="$2"; shift 2 ;;
    --log_dir) need_value "$@"; LOG_DIR="$2"; shift 2 ;;
    --db_type) need_value "$@"; DB_TYPE="$2"; shift 2 ;;
    --db_dir) need_value "$@"; DB_DIR="$2"; shift 2 ;;
    --db_host) need_value "$@"; DB_HOST="$2"; shift 2 ;;
    --db_port) need_value "$@"; DB_PORT="$2"; shift 2 ;;
    --db_user) need_value "$@"; DB_USER="$2"; shift 2 ;;
    --db_password) need_value "$@"; DB_PASSWORD="$2"; shift 2 ;;
    --host) need_value "$@"; HOST="$2"; shift 2 ;;
    --port) need_value "$@"; PORT="$2"; shift 2 ;;
    --pid_dir) need_value "$@"; PID_DIR="$2"; shift 2 ;;
    --pprof) need_value "$@"; PPROF="$2"; shift 2 ;;
    --pprof_port) need_value "$@"; PPROF_PORT="$2"; shift 2 ;;
    --connect_timeout) need_value "$@"; CONNECT_TIMEOUT="$2"; shift 2 ;;
    --rpc_timeout) need_value "$@"; RPC_TIMEOUT="$2"; shift 2 ;;
    --) shift; EXTRA+=("$@"); break ;;
    *) EXTRA+=("$1"); shift ;;
  esac
done

if [ -n "$DB_USER" ] && [ "$DB_TYPE" = "sqlite3" ]; then
  echo "start_syncer.sh: --db_user is for mysql/postgresql; sqlite3 has no users" >&2
  exit 2
fi

mkdir -p "$PID_DIR"
PID_FILE="$PID_DIR/${HOST}_${PORT}.pid"
if [ -f "$PID_FILE" ]; then
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" >/dev/null 2>&1; then
    echo "Syncer running as process $pid (pid file $PID_FILE). Stop it first." >&2
    exit 1
  fi
  rm -f "$PID_FILE"
fi

if [ -z "$LOG_LEVEL" ]; then
  if [ "$RUN_DAEMON" -eq 1 ]; then LOG_LEVEL="info"; else LOG_LEVEL="trace"; fi
fi
if [ -z "$LOG_DIR" ]; then
  LOG_DIR="$SYNCER_HOME/log/ccr_syncer.log"
fi
if [ -d "$LOG_DIR" ]; then
  LOG_DIR="$LOG_DIR/ccr_syncer.log"
fi
mkdir -p "$(dirname "$LOG_DIR")"

ARGS=("-db_type=$DB_TYPE" "-db_dir=$DB_DIR" "-db_host=$DB_HOST" "-db_user=$DB_USER"
  "-host=$HOST" "-port=$PORT" "-pid_dir=$PID_DIR" "-log_level=$LOG_LEVEL" "-pprof=$PPROF"
  "-connect_timeout=$CONNECT_TIMEOUT" "-rpc_timeout=$RPC_TIMEOUT")
if [ -n "$DB_PORT" ]; then ARGS+=("-db_port=$DB_PORT"); fi
if [ -n "$PPROF_PORT" ]; then ARGS+=("-pprof_port=$PPROF_PORT"); fi
# The password goes to the program through the environment, never onto its command line.
if [ -n "$DB_PASSWORD" ]; then export CCR_DB_PASSWORD="$DB_PASSWORD"; fi

if [ "$RUN_DAEMON" -eq 1 ]; then
  exec "$curdir/ccr_syncer" "${ARGS[@]}" "-log_filename=$LOG_DIR" -daemon=true "${EXTRA[@]}"
else
  "$curdir/ccr_syncer" "${ARGS[@]}" "${EXTRA[@]}" 2>&1 | tee -a "$LOG_DIR"
fi
