#!/usr/bin/env bash
# Enables binlog on every table of a Doris database, then on the database, through the mysql client.
# Run by bash also when started as `sh script.sh` (dash and other POSIX shells re-exec it).
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -o pipefail

curdir="$(cd "$(dirname "${BASH_SOURCE[0]}")" >/dev/null 2>&1 && pwd)"
# need_value, split_option
. "$curdir/script_lib.sh"

usage() {
  cat <<USAGE
Usage: $0 -h HOST -p PORT -u USER -P PASSWORD -d DB
       $0 --host HOST --port PORT --user USER --password PASSWORD --db DB

Connects to the Doris FE (MySQL protocol, default 127.0.0.1:9030, user root, empty password) with
the mysql client and, unless the database already has binlog enabled:
  1. for every table that is not a view and has no "binlog.enable" = "true":
     ALTER TABLE db.t SET ("binlog.enable" = "true")
  2. ALTER DATABASE db SET PROPERTIES ("binlog.enable" = "true")
and says what it changed. The password may also come from MYSQL_PWD. --help shows this text.
USAGE
}

host="127.0.0.1"
port="9030"
user="root"
password="${MYSQL_PWD:-}"
db=""

while [ "$#" -gt 0 ]; do
  split_option "$1"; shift; set -- "${opt_words[@]}" "$@"
  case "$1" in
    --help) usage; exit 0 ;;
    -h | --host) need_value "$@"; host="$2"; shift 2 ;;
    -p | --port) need_value "$@"; port="$2"; shift 2 ;;
    -u | --user) need_value "$@"; user="$2"; shift 2 ;;
    -P | --password) need_value "$@"; password="$2"; shift 2 ;;
    -d | --db) need_value "$@"; db="$2"; shift 2 ;;
    *) echo "enable_db_binlog.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ -z "$db" ]; then
  echo "enable_db_binlog.sh: no database: give -d DB (or --db DB)" >&2
  exit 2
fi
if ! command -v mysql >/dev/null 2>&1; then
  echo "enable_db_binlog.sh: the mysql client is not installed (e.g. apt-get install mariadb-client)" >&2
  exit 1
fi

# Identifiers in backquotes (a backquote doubled), string literals in single quotes.
ident() { printf '`%s`' "$(printf '%s' "$1" | sed 's/`/``/g')"; }
literal() { printf "'%s'" "$(printf '%s' "$1" | sed "s/\\\\/\\\\\\\\/g; s/'/''/g")"; }

# The password goes through the environment, not the command line.
export MYSQL_PWD="$password"
sql() {
  mysql --host="$host" --port="$port" --user="$user" --batch --skip-column-names --raw -e "$1"
}

qdb="$(ident "$db")"
enabled='"binlog.enable" = "true"'

if create_db="$(sql "SHOW CREATE DATABASE $qdb" 2>&1)"; then
  if printf '%s' "$create_db" | grep -q -F "$enabled"; then
    echo "database $db: binlog already enabled, nothing to do"
    exit 0
  fi
else
  echo "database $db: cannot read its properties (${create_db##*: }); going on"
fi

if ! tables="$(sql "SELECT table_name FROM information_schema.tables WHERE table_schema = $(literal "$db") AND table_type = 'BASE TABLE'")"; then
  echo "enable_db_binlog.sh: cannot list the tables of $db" >&2
  exit 1
fi

changed=0
kept=0
while IFS= read -r table; do
  [ -n "$table" ] || continue
  qtable="$qdb.$(ident "$table")"
  if ! create="$(sql "SHOW CREATE TABLE $qtable")"; then
    echo "enable_db_binlog.sh: cannot read table $db.$table" >&2
    exit 1
  fi
  if printf '%s' "$create" | grep -q -F "$enabled"; then
    echo "table $db.$table: binlog already enabled"
    kept=$((kept + 1))
    continue
  fi
  if ! sql "ALTER TABLE $qtable SET (\"binlog.enable\" = \"true\")"; then
    echo "enable_db_binlog.sh: ALTER TABLE $db.$table failed" >&2
    exit 1
  fi
  echo "table $db.$table: binlog enabled"
  changed=$((changed + 1))
done <<TABLES
$tables
TABLES

if ! sql "ALTER DATABASE $qdb SET PROPERTIES (\"binlog.enable\" = \"true\")"; then
  echo "enable_db_binlog.sh: ALTER DATABASE $db failed" >&2
  exit 1
fi
echo "database $db: binlog enabled ($changed table(s) changed, $kept already enabled)"
