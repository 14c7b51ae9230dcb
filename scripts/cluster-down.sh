#!/usr/bin/env bash
# Stops the local cluster started by scripts/cluster-up.sh: exactly the processes whose PIDs it recorded (web first,
# then the silos, each given 30 s to shut down cleanly), then its PostgreSQL. Data and logs stay in the run folder.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${AOI_CLUSTER_DIR:-$(pwd)/.cache/cluster}
run="$dir/run"
log() { echo "cluster-down: $*" >&2; }

# A recorded PID counts only while it is still one of our .NET processes (PIDs are reused after exit).
ours() {
  [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qE 'Aoi\.(Silo|Web)\.dll'
}

for name in web silo2 silo1; do
  pid_file="$run/$name.pid"
  [[ -f "$pid_file" ]] || continue
  pid=$(cat "$pid_file")
  if ours "$pid"; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do
      ours "$pid" || break
      sleep 0.5
    done
    if ours "$pid"; then
      log "$name (pid $pid) did not stop in 30 s; killing it"
      kill -KILL "$pid"
    fi
    log "$name stopped (pid $pid)"
  fi
  rm -f "$pid_file"
done

if [[ -d "$dir/postgres" ]]; then
  scripts/postgres-stop.sh "$dir/postgres"
fi
rm -f "$run/postgres.port"
log "done"
