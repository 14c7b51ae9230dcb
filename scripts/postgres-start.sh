#!/usr/bin/env bash
# Starts a private PostgreSQL for the AOI cluster or its tests and prints its connection string (one line on stdout).
#
#   scripts/postgres-start.sh FOLDER [PORT]
#
# FOLDER holds everything: data/ (initdb'd on first use, kept across restarts), postgres.log, port and
# connection-string. It listens on 127.0.0.1 only (no Unix socket), on PORT or a free port, with trust
# authentication for the superuser "aoi" and a database "aoi": a loopback development/test server, not a production one.
# Uses the Debian binaries (/usr/lib/postgresql/<version>/bin), installing them with apt-get when missing. initdb
# refuses to run as root, so as root the server runs as the "postgres" user (created when missing).
# Stop it with scripts/postgres-stop.sh FOLDER.
set -euo pipefail

folder=${1:?usage: postgres-start.sh FOLDER [PORT]}
requested_port=${2:-}
log() { echo "postgres-start: $*" >&2; }

find_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && echo "$dir"
}

bin=$(find_bin || true)
if [[ -z "$bin" ]]; then
  install="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql"
  if [[ $(id -u) -eq 0 ]]; then
    log "PostgreSQL binaries missing; installing (Debian package postgresql)"
    bash -c "$install" >&2
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    log "PostgreSQL binaries missing; installing with sudo (Debian package postgresql)"
    sudo bash -c "$install" >&2
  else
    log "PostgreSQL binaries missing and cannot install them; run as root: $install"
    exit 1
  fi
  bin=$(find_bin || true)
  [[ -n "$bin" ]] || { log "no initdb/pg_ctl under /usr/lib/postgresql/*/bin after installing"; exit 1; }
fi

# The server's own user: never root.
run_as=()
if [[ $(id -u) -eq 0 ]]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  fi
  run_as=(runuser -u postgres --)
fi

mkdir -p "$folder"
folder=$(cd "$folder" && pwd)
chmod 755 "$folder"
if [[ ${#run_as[@]} -gt 0 ]] && ! runuser -u postgres -- test -x "$folder"; then
  log "user postgres cannot reach $folder: make its parent folders traversable (chmod o+x) or use another folder"
  exit 1
fi
data="$folder/data"
logfile="$folder/postgres.log"
if [[ ! -s "$data/PG_VERSION" ]]; then
  mkdir -p "$data"
  chmod 700 "$data"
  [[ ${#run_as[@]} -eq 0 ]] || chown postgres: "$data"
  "${run_as[@]}" "$bin/initdb" -D "$data" -U aoi --auth=trust --encoding=UTF8 --locale=C >"$folder/initdb.log" 2>&1 \
    || { cat "$folder/initdb.log" >&2; exit 1; }
fi
touch "$logfile"
[[ ${#run_as[@]} -eq 0 ]] || chown postgres: "$logfile"

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

started=""
for attempt in 1 2 3 4 5; do
  if [[ -n "$requested_port" ]]; then
    port=$requested_port
  else
    port=$((20000 + RANDOM % 20000))
    port_is_free "$port" || continue
  fi
  if "${run_as[@]}" "$bin/pg_ctl" -D "$data" -l "$logfile" -w -t 30 start \
       -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c timezone=UTC -c max_connections=200" >&2; then
    started=1
    break
  fi
  [[ -z "$requested_port" ]] || break
  log "start on port $port failed (attempt $attempt), trying another port"
done
[[ -n "$started" ]] || { log "PostgreSQL did not start; log:"; tail -n 30 "$logfile" >&2; exit 1; }

psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U aoi -d postgres -v ON_ERROR_STOP=1 -qtA)
if [[ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'aoi'")" != "1" ]]; then
  "${psql[@]}" -c "CREATE DATABASE aoi" >&2
fi

connection="Host=127.0.0.1;Port=$port;Username=aoi;Database=aoi;Pooling=true;Maximum Pool Size=50"
echo "$port" >"$folder/port"
echo "$connection" >"$folder/connection-string"
log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $data"
echo "$connection"
