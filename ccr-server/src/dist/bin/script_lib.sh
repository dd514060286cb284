# Sourced by start_syncer.sh, stop_syncer.sh and enable_db_binlog.sh (bash): their option parsing.
# Not a command of its own.

# need_value OPTION ARGS...: exits 2 with a message naming the script when OPTION has no value.
need_value() {
  if [ "$#" -lt 2 ]; then
    echo "$(basename "$0"): $1 needs a value (see --help)" >&2
    exit 2
  fi
}

# split_option ARG: opt_words holds ARG as its words, --name=value as "--name" "value" (split at the
# first =). The parsing loops call it on their next argument only, so a value that looks like
# --x=y stays whole: while [ "$#" -gt 0 ]; do split_option "$1"; shift; set -- "${opt_words[@]}" "$@"
split_option() {
  case "$1" in
    --*=*) opt_words=("${1%%=*}" "${1#*=}") ;;
    *) opt_words=("$1") ;;
  esac
}
