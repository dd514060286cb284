#!/usr/bin/env bash
# Stops syncers started by start_syncer.sh (or ccr_syncer --pid_dir), by their pid files.
# Run by bash also when started as `sh script.sh` (dash and other POSIX shells re-exec it).
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -o pipefail

curdir="$(cd "$(dirname "${BASH_SOURCE[0]}")" >/dev/null 2>&1 && pwd)"
# need_value, split_option
. "$curdir/script_lib.sh"

usage() {
  cat <<USAGE
Usage: $0 [--pid_dir DIR] [--host HOST --port PORT | --files "a.pid b.pid"] [--timeout SECONDS] [--force]

Stops syncers by the pid files in --pid_dir (default: $curdir):
  --host and --port   the one syncer <host>_<port>.pid (both needed; --host alone means every syncer)
  --files "a b"       these pid files (names in --pid_dir, separated by spaces)
  (neither)           every *.pid file in --pid_dir
Graceful: sends SIGTERM, so the syncer stops its jobs (their progress is already persisted),
releases their leases and exits; waits up to --timeout seconds (default 30), then sends SIGKILL.
--force sends SIGKILL at once. --grace is accepted for the Go script (graceful is the default).
Pid files of stopped processes, and stale ones, are removed.
USAGE
}

PID_DIR="$curdir"
HOST="127.0.0.1"
PORT=""
FILES=""
TIMEOUT=30
FORCE=0

while [ "$#" -gt 0 ]; do
  split_option "$1"; shift; set -- "${opt_words[@]}" "$@"
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --pid_dir) need_value "$@"; PID_DIR="$2"; shift 2 ;;
    --host) need_value "$@"; HOST="$2"; shift 2 ;;
    --port) need_value "$@"; PORT="$2"; shift 2 ;;
    --files) need_value "$@"; FILES="$2"; shift 2 ;;
    --timeout) need_value "$@"; TIMEOUT="$2"; shift 2 ;;
    --grace) shift ;;
    --force) FORCE=1; shift ;;
    *) echo "stop_syncer.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

case "$TIMEOUT" in
  '' | *[!0-9]*) echo "stop_syncer.sh: --timeout must be a number of seconds, not '$TIMEOUT'" >&2; exit 2 ;;
esac

# Alive and not a zombie (a zombie has exited; only its parent has not collected it yet).
alive() {
  kill -0 "$1" >/dev/null 2>&1 || return 1
  if [ -r "/proc/$1/stat" ]; then
    state="$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)"
    [ "$state" != "Z" ] || return 1
  fi
  return 0
}

# Waits up to $2 seconds for process $1 to be gone.
wait_gone() {
  deadline=$(($(date +%s) + $2))
  while alive "$1"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then return 1; fi
    sleep 0.2 2>/dev/null || sleep 1
  done
  return 0
}

if [ -n "$HOST" ] && [ -n "$PORT" ]; then
  names="${HOST}_${PORT}.pid"
elif [ -n "$FILES" ]; then
  names="$FILES"
else
  names=""
  for f in "$PID_DIR"/*.pid; do
    [ -e "$f" ] && names="$names $(basename "$f")"
  done
  if [ -z "$names" ]; then
    echo "no pid files in $PID_DIR: nothing to stop"
    exit 0
  fi
fi

status=0
for name in $names; do
  file="$PID_DIR/$name"
  if [ ! -f "$file" ]; then
    echo "no pid file $file: that syncer is not running (or was not started with this --pid_dir)"
    continue
  fi
  pid="$(cat "$file" 2>/dev/null || true)"
  case "$pid" in
    '' | *[!0-9]*) echo "pid file $file does not hold a process id; removing it"; rm -f "$file"; continue ;;
  esac
  if ! alive "$pid"; then
    echo "process $pid of $name is not running; removing the stale pid file"
    rm -f "$file"
    continue
  fi
  if [ "$FORCE" -eq 1 ]; then
    kill -KILL "$pid" 2>/dev/null || true
  else
    echo "stopping syncer $name (process $pid): SIGTERM, waiting up to ${TIMEOUT}s"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" "$TIMEOUT"; then
      echo "process $pid did not stop within ${TIMEOUT}s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  if wait_gone "$pid" 10; then
    rm -f "$file"
    echo "stopped syncer $name (process $pid)"
  else
    echo "process $pid is still running; pid file $file kept" >&2
    status=1
  fi
done
exit "$status"
