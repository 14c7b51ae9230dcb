#!/usr/bin/env bash
# Starts a local AOI cluster in one command: a private PostgreSQL (loopback), two standalone silos (src/Aoi.Silo) with
# ADO.NET clustering and PostgreSQL grain storage, and the web front end as an Orleans client, all sharing one data
# root (shared folder and products). Stop it with scripts/cluster-down.sh.
#
# Settings (environment):
#   AOI_CLUSTER_DIR   run folder: PIDs, logs, PostgreSQL data        (default ./.cache/cluster)
#   AOI_DATA_ROOT     Aoi:DataRoot shared by every process            (default $AOI_CLUSTER_DIR/data)
#   AOI_PORT          HTTP port of the web front end                  (default 5000)
#   AOI_PG_PORT       PostgreSQL port                                 (default: a free port)
#   AOI_SILO_PORTS    silo-to-silo ports of silo 1 and 2              (default "11111 11112")
#   AOI_GATEWAY_PORTS client gateway ports of silo 1 and 2            (default "30001 30002")
# Extra arguments go to every .NET process (e.g. --Aoi:RoiParallelism=2).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

dir=${AOI_CLUSTER_DIR:-$repo/.cache/cluster}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data_root=${AOI_DATA_ROOT:-$dir/data}
http_port=${AOI_PORT:-5000}
read -r -a silo_ports <<<"${AOI_SILO_PORTS:-11111 11112}"
read -r -a gateway_ports <<<"${AOI_GATEWAY_PORTS:-30001 30002}"
run="$dir/run"
logs="$dir/logs"
started_at=$(date +%s.%N)
log() { echo "cluster-up: $*" >&2; }
elapsed() { awk -v a="$started_at" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

for pid_file in "$run"/*.pid; do
  [[ -e "$pid_file" ]] || continue
  if kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    log "already running ($pid_file); stop it first with scripts/cluster-down.sh"
    exit 1
  fi
done
rm -rf "$run"
mkdir -p "$run" "$logs" "$data_root"

scripts/install-deps.sh >&2

# Build once, then run the built assemblies: two `dotnet run` would build the same projects concurrently.
log "building (Release)"
dotnet build src/Aoi.Web -c Release -nologo >"$logs/build.log" 2>&1 || { tail -n 40 "$logs/build.log" >&2; exit 1; }
silo_dll="$repo/src/Aoi.Silo/bin/Release/net10.0/Aoi.Silo.dll"
web_dir="$repo/src/Aoi.Web/bin/Release/net10.0"
for built in "$silo_dll" "$web_dir/Aoi.Web.dll"; do
  [[ -f "$built" ]] || { log "build reported success but $built is missing (log $logs/build.log)"; exit 1; }
done
build_done=$(elapsed)

# From here on a failed start tears down whatever it already started.
trap 'status=$?; if [[ $status -ne 0 ]]; then log "start failed; stopping what was started"; scripts/cluster-down.sh || true; fi' EXIT

connection=$(scripts/postgres-start.sh "$dir/postgres" "${AOI_PG_PORT:-}")
cp "$dir/postgres/port" "$run/postgres.port"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_port=$(cat "$dir/postgres/port")

common=(
  --Aoi:DataRoot="$data_root"
  --Aoi:Orleans:Clustering=adonet
  --Aoi:Orleans:Storage=postgres
  --Aoi:Orleans:ServiceId=aoi
  --Aoi:Orleans:ClusterId=aoi-local
  --Aoi:Orleans:AdvertisedAddress=127.0.0.1
  --ConnectionStrings:AoiCluster="$connection"
)

dotnet "$silo_dll" --install-schema "${common[@]}" "$@" >&2

# Only silo 1 seeds the demo product: several processes writing the same files at once would race.
start() {
  local name=$1 workdir=$2
  shift 2
  (cd "$workdir" && exec nohup setsid "$@" >"$logs/$name.log" 2>&1 </dev/null) &
  echo $! >"$run/$name.pid"
  log "$name started (pid $!, log $logs/$name.log)"
}
for i in 0 1; do
  seed=$([[ $i -eq 0 ]] && echo true || echo false)
  start "silo$((i + 1))" "$repo/src/Aoi.Silo/bin/Release/net10.0" dotnet "$silo_dll" "${common[@]}" \
    --Aoi:Orleans:SiloPort="${silo_ports[$i]}" --Aoi:Orleans:GatewayPort="${gateway_ports[$i]}" --Aoi:SeedDemo="$seed" "$@"
done

active_silos() {
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U aoi -d aoi -qtA -c \
    "SELECT count(*) FROM AoiMembership WHERE DeploymentId = 'aoi-local' AND Status = 3 AND Port IN (${silo_ports[0]}, ${silo_ports[1]})" 2>/dev/null || echo 0
}
check_alive() {
  local name
  for name in "$@"; do
    kill -0 "$(cat "$run/$name.pid")" 2>/dev/null && continue
    log "$name exited during start; last log lines:"
    tail -n 30 "$logs/$name.log" >&2
    exit 1
  done
}

for _ in $(seq 1 240); do
  [[ "$(active_silos)" == "2" ]] && break
  check_alive silo1 silo2
  sleep 0.5
done
[[ "$(active_silos)" == "2" ]] || { log "silos did not become active in 120 s (logs in $logs)"; exit 1; }
silos_done=$(elapsed)

# A client-mode front end trusts no caller by default (docs/security.md). This local cluster trusts loopback callers
# as admin so the scripts and the load test on this machine work; in a hall configure Aoi:Security:TrustedNetworks
# and API keys instead (AOI_TRUST_LOOPBACK=false).
start web "$web_dir" dotnet "$web_dir/Aoi.Web.dll" --urls "http://0.0.0.0:$http_port" --Aoi:Orleans:Mode=client \
  --Aoi:SeedDemo=false --Aoi:Security:TrustLoopback="${AOI_TRUST_LOOPBACK:-true}" "${common[@]}" "$@"

for _ in $(seq 1 240); do
  curl -fsS -o /dev/null "http://127.0.0.1:$http_port/api/health" 2>/dev/null && break
  check_alive silo1 silo2 web
  sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:$http_port/api/health" || { log "web did not answer /api/health in 120 s (log $logs/web.log)"; exit 1; }

log "build ${build_done}s, silos active at ${silos_done}s, /api/health answering at $(elapsed)s"
log "web http://127.0.0.1:$http_port  silos 127.0.0.1:${silo_ports[0]},${silo_ports[1]} (gateways ${gateway_ports[0]},${gateway_ports[1]})"
log "data root $data_root; PostgreSQL 127.0.0.1:$pg_port; stop with scripts/cluster-down.sh"
