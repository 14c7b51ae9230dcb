#!/usr/bin/env bash
# Stops the private PostgreSQL started by scripts/postgres-start.sh FOLDER (fast shutdown; the data folder stays).
set -euo pipefail

folder=${1:?usage: postgres-stop.sh FOLDER}
data="$folder/data"
[[ -f "$data/postmaster.pid" ]] || { echo "postgres-stop: not running ($data)" >&2; exit 0; }

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
run_as=()
[[ $(id -u) -ne 0 ]] || run_as=(runuser -u postgres --)
"${run_as[@]}" "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >&2
