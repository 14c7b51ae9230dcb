#!/usr/bin/env bash
# Starts a private RabbitMQ with its AMQP 1.0 plugin for the AOI message-bus (IPC-CFX) tests and prints the broker
# URL (one line on stdout, e.g. amqp://guest:guest@127.0.0.1:23456).
#
#   scripts/rabbitmq-start.sh FOLDER
#
# FOLDER holds everything of this broker: its node's environment (env), configuration, enabled plugins, Mnesia
# database, logs and Erlang cookie. The node has a private name (aoi-<random>@localhost), listens on 127.0.0.1 only
# on a free port, and has its own distribution port and its own epmd on private free ports, so it never meets
# another run's broker or the system's default one. Uses Debian's rabbitmq-server, which scripts/install-deps.sh
# installs. As root the broker runs as the "rabbitmq" user the package creates.
# Control it with scripts/rabbitmq-ctl.sh FOLDER <rabbitmqctl command> (e.g. stop_app, start_app); stop it with
# scripts/rabbitmq-stop.sh FOLDER.
set -euo pipefail

folder=${1:?usage: rabbitmq-start.sh FOLDER}
log() { echo "rabbitmq-start: $*" >&2; }
bin=/usr/lib/rabbitmq/bin

if [[ ! -x "$bin/rabbitmq-server" ]]; then
  log "Debian's rabbitmq-server is not installed: run scripts/install-deps.sh (it installs it with apt-get)"
  exit 1
fi

# The broker's own user: never root (Debian's package runs it as "rabbitmq" too).
run_as=()
if [[ $(id -u) -eq 0 ]]; then
  run_as=(runuser -u rabbitmq --)
fi

mkdir -p "$folder"
folder=$(cd "$folder" && pwd)
chmod 755 "$folder"
if [[ ${#run_as[@]} -gt 0 ]] && ! runuser -u rabbitmq -- test -x "$folder"; then
  log "user rabbitmq cannot reach $folder: make its parent folders traversable (chmod o+x) or use another folder"
  exit 1
fi

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if port_is_free "$port" && [[ " ${taken[*]:-} " != *" $port "* ]]; then
      taken+=("$port")
      echo "$port"
      return 0
    fi
  done
  log "no free port found"
  return 1
}
taken=()
amqp_port=$(free_port); taken+=("$amqp_port")
dist_port=$(free_port); taken+=("$dist_port")
epmd_port=$(free_port); taken+=("$epmd_port")
node="aoi-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')@localhost"

# Everything the rabbitmq scripts read, in one file that rabbitmq-ctl.sh and rabbitmq-stop.sh source again.
cat >"$folder/env" <<EOF
export HOME='$folder'
export RABBITMQ_NODENAME='$node'
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$amqp_port
export RABBITMQ_DIST_PORT=$dist_port
export ERL_EPMD_PORT=$epmd_port
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_CONF_ENV_FILE='$folder/rabbitmq-env.conf'
export RABBITMQ_CONFIG_FILE='$folder/rabbitmq.conf'
export RABBITMQ_ADVANCED_CONFIG_FILE='$folder/advanced.config'
export RABBITMQ_ENABLED_PLUGINS_FILE='$folder/enabled_plugins'
export RABBITMQ_MNESIA_BASE='$folder/mnesia'
export RABBITMQ_LOG_BASE='$folder/log'
export RABBITMQ_PID_FILE='$folder/rabbitmq.pid'
# Erlang distribution (CLI tools) on loopback only, like everything else here.
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
export RABBITMQ_CTL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
EOF
touch "$folder/rabbitmq-env.conf"
echo "[rabbitmq_amqp1_0]." >"$folder/enabled_plugins"
cat >"$folder/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$amqp_port
# A test broker on a shared machine: never block publishers because the disk is fuller than a production default.
disk_free_limit.absolute = 10MB
EOF
echo "[]." >"$folder/advanced.config"
mkdir -p "$folder/mnesia" "$folder/log"
[[ ${#run_as[@]} -eq 0 ]] || chown -R rabbitmq: "$folder"

# shellcheck disable=SC1091
source "$folder/env"
"${run_as[@]}" env HOME="$folder" "$bin/rabbitmq-server" >"$folder/log/server.out" 2>&1 &
echo $! >"$folder/launcher.pid"

# Ready when the node has written its pid file and finished booting (plugins and listeners included).
if ! "${run_as[@]}" env HOME="$folder" "$bin/rabbitmqctl" -q wait "$RABBITMQ_PID_FILE" --timeout 180 >"$folder/log/await.out" 2>&1; then
  log "RabbitMQ did not start; output:"
  tail -n 40 "$folder/log/server.out" >&2 || true
  cat "$folder/log/await.out" >&2 || true
  exit 1
fi

url="amqp://guest:guest@127.0.0.1:$amqp_port"
echo "$url" >"$folder/url"
log "RabbitMQ $node on 127.0.0.1:$amqp_port (AMQP 1.0), data in $folder"
echo "$url"
