#!/usr/bin/env bash
# Runs every test: unit tests (surefire) and integration tests (failsafe), the latter against real
# servers on loopback: the simulated Doris clusters of ccr-testkit, and throwaway MariaDB and
# PostgreSQL instances started here when their binaries exist (else the store tests fall back to
# embedded servers, see docs/operations.md). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-databases.sh
use_test_databases
mvn -B -ntp verify "$@"
