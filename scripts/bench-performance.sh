#!/usr/bin/env bash
# Runs the performance benchmark (issue 4 item 4) and writes docs/benchmarks/performance.md.
# Arguments go to the command, e.g. --quick (indicative figures in ~5 min) or --products 20003548,20007325.
# The figures are only meaningful on a quiet machine: the load average is recorded beside each phase.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh >&2
echo "bench-performance: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
exec dotnet run -c Release --project tests/Aoi.Benchmarks -- performance "$@"
