#!/usr/bin/env bash
# Load test (issue 4 item 5): starts a local 2-silo cluster with scripts/cluster-up.sh (private PostgreSQL, two
# standalone silos, the web front end as their client) in a private run folder on free loopback ports, puts one real
# product into its data root, runs N concurrent line clients for a bounded time with the server PIDs sampled for
# memory, writes the report, and stops the cluster afterwards (also when something fails).
#
# Settings (environment):
#   AOI_LOAD_CLIENTS   concurrent clients                 (default 16)
#   AOI_LOAD_DURATION  seconds of load                    (default 120)
#   AOI_LOAD_PRODUCT   real product to inspect            (default 20003548)
#   AOI_LOAD_OUT       report file                        (default docs/benchmarks/load.md)
#   AOI_LOAD_BAD       mix bad requests in (true|false)   (default false; each must get its 4xx, never a 500)
#   AOI_LOAD_KILL_AT   SIGKILL silo 1 after this many s   (default: no kill; the report adds the silo-loss figures)
#   AOI_FEYES_DATASET  real product data                  (default: shared/datasets/feyes-products above the checkout)
#   AOI_CLUSTER_DIR    cluster run folder                 (default: a new folder under /tmp, removed afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
log() { echo "load-test: $*" >&2; }

clients=${AOI_LOAD_CLIENTS:-16}
duration=${AOI_LOAD_DURATION:-120}
product=${AOI_LOAD_PRODUCT:-20003548}
out=${AOI_LOAD_OUT:-$repo/docs/benchmarks/load.md}

dataset=${AOI_FEYES_DATASET:-}
if [[ -z "$dataset" ]]; then
  for dir in "$repo" "$repo/.." "$repo/../.." "$repo/../../.."; do
    [[ -d "$dir/shared/datasets/feyes-products" ]] && { dataset=$(cd "$dir/shared/datasets/feyes-products" && pwd); break; }
  done
fi
[[ -n "$dataset" && -d "$dataset/$product" ]] || { log "product $product not found (set AOI_FEYES_DATASET)"; exit 1; }

owns_dir=false
if [[ -z "${AOI_CLUSTER_DIR:-}" ]]; then
  AOI_CLUSTER_DIR=$(mktemp -d /tmp/aoi-load-XXXXXX)
  chmod 755 "$AOI_CLUSTER_DIR" # PostgreSQL runs as its own user and must reach its data folder
  owns_dir=true
fi
export AOI_CLUSTER_DIR
export AOI_DATA_ROOT=${AOI_DATA_ROOT:-$AOI_CLUSTER_DIR/data}

# Other servers may run on this machine: take free loopback ports instead of the defaults.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
export AOI_PORT=${AOI_PORT:-$(free_port)}
export AOI_SILO_PORTS=${AOI_SILO_PORTS:-"$(free_port) $(free_port)"}
export AOI_GATEWAY_PORTS=${AOI_GATEWAY_PORTS:-"$(free_port) $(free_port)"}

# Build first: the cluster runs the built assemblies, which must not be rebuilt under it.
log "building (Release)"
dotnet build tests/Aoi.Benchmarks -c Release -nologo -v q >&2

mkdir -p "$AOI_DATA_ROOT/products"
rm -rf "${AOI_DATA_ROOT:?}/products/$product"
cp -r "$dataset/$product" "$AOI_DATA_ROOT/products/$product"

cleanup() {
  scripts/cluster-down.sh || true
  if [[ "$owns_dir" == true ]]; then rm -rf "$AOI_CLUSTER_DIR"; fi
}
trap cleanup EXIT

scripts/cluster-up.sh
run="$AOI_CLUSTER_DIR/run"
pids="$(cat "$run/silo1.pid"),$(cat "$run/silo2.pid"),$(cat "$run/web.pid")"
log "load: $clients clients for $duration s against http://127.0.0.1:$AOI_PORT (silo1, silo2, web = $pids)"

kill=()
if [[ -n "${AOI_LOAD_KILL_AT:-}" ]]; then
  kill=(--kill-pid "$(cat "$run/silo1.pid")" --kill-at "$AOI_LOAD_KILL_AT")
  log "silo 1 (pid $(cat "$run/silo1.pid")) will be killed after $AOI_LOAD_KILL_AT s"
fi

status=0
dotnet tests/Aoi.Benchmarks/bin/Release/net10.0/Aoi.Benchmarks.dll load --url "http://127.0.0.1:$AOI_PORT" \
  --clients "$clients" --duration "$duration" --product "$product" --pids "$pids" --data "$dataset" --out "$out" \
  --bad-requests "${AOI_LOAD_BAD:-false}" "${kill[@]}" || status=$?
exit $status
