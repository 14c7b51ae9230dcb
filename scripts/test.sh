#!/usr/bin/env bash
# Runs every test of the solution (xunit v3 on Microsoft Testing Platform, selected by global.json) in Release,
# then prints one plain line "N passed, N failed, N skipped" for CI. Exit code = the test run's exit code.
# Extra arguments go to `dotnet test` (e.g. --filter-namespace 'Aoi.Tests.Demo').
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT

set +e
dotnet test --solution Aoi.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# `dotnet test` ends with one "Test run summary" block over all test assemblies ("total: / failed: / succeeded: /
# skipped:"); only the last block counts, in case a run prints more than one. ANSI colour codes are stripped first.
summary=$(sed -E 's/\x1b\[[0-9;]*[A-Za-z]//g' "$log" | awk '
  /Test run summary/ { failed = 0; passed = 0; skipped = 0 }
  /^[[:space:]]*failed:[[:space:]]*[0-9]+[[:space:]]*$/    { failed += $2; found = 1 }
  /^[[:space:]]*succeeded:[[:space:]]*[0-9]+[[:space:]]*$/ { passed += $2; found = 1 }
  /^[[:space:]]*skipped:[[:space:]]*[0-9]+[[:space:]]*$/   { skipped += $2; found = 1 }
  END { if (found) printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }')

if [[ -n "$summary" ]]; then
  echo "$summary"
else
  echo "test.sh: no test summary in the output (build or test host failure, see above); exit code $status" >&2
fi
exit "$status"
