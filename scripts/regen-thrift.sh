#!/usr/bin/env bash
# Regenerates ccr-thrift/src/main/java-gen from ccr-thrift/src/main/thrift with Debian's
# thrift-compiler 0.17 (the newest generator whose output libthrift 0.20.0 accepts).
#   scripts/regen-thrift.sh          rewrite the generated sources
#   scripts/regen-thrift.sh --check  regenerate into a temp dir; exit 1 if they differ (CI)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
idl="$root/ccr-thrift/src/main/thrift"
out="$root/ccr-thrift/src/main/java-gen"
want="0.17.0"

if ! command -v thrift >/dev/null 2>&1; then
  echo "regen-thrift: the 'thrift' compiler is missing (apt-get install thrift-compiler)" >&2
  exit 2
fi
have="$(thrift --version | awk '{print $3}')"
if [ "$have" != "$want" ]; then
  echo "regen-thrift: thrift $want required (output must match the committed code), found $have" >&2
  exit 2
fi

generate() {
  local dest="$1"
  rm -rf "$dest"
  mkdir -p "$dest"
  for f in FrontendService.thrift BackendService.thrift; do
    thrift -strict --allow-64bit-consts -r --gen java:fullcamel,generated_annotations=suppress \
      -out "$dest" "$idl/$f"
  done
}

if [ "${1:-}" = "--check" ]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  generate "$tmp/gen"
  if ! diff -r -q "$tmp/gen" "$out" >/dev/null 2>&1; then
    echo "regen-thrift: ccr-thrift/src/main/java-gen is out of date with the IDL:" >&2
    diff -r -q "$tmp/gen" "$out" >&2 || true
    echo "run scripts/regen-thrift.sh and commit the result" >&2
    exit 1
  fi
  echo "regen-thrift: generated code matches the IDL"
else
  generate "$out"
  echo "regen-thrift: regenerated $(find "$out" -name '*.java' | wc -l) files in ccr-thrift/src/main/java-gen"
fi
