#!/usr/bin/env bash
# Runs rabbitmqctl against the private broker that scripts/rabbitmq-start.sh FOLDER started, e.g.
#
#   scripts/rabbitmq-ctl.sh FOLDER stop_app     # the broker closes its listeners and connections (an outage)
#   scripts/rabbitmq-ctl.sh FOLDER start_app    # and serves again; durable queues and messages are kept
#
# As root it runs as the "rabbitmq" user, whose Erlang cookie (in FOLDER) the broker uses.
set -euo pipefail

folder=${1:?usage: rabbitmq-ctl.sh FOLDER COMMAND [ARGS...]}
shift
folder=$(cd "$folder" && pwd)
[[ -f "$folder/env" ]] || { echo "rabbitmq-ctl: no broker environment in $folder" >&2; exit 1; }
# shellcheck disable=SC1091
source "$folder/env"
run_as=()
if [[ $(id -u) -eq 0 ]]; then
  run_as=(runuser -u rabbitmq --)
fi
exec "${run_as[@]}" env HOME="$folder" /usr/lib/rabbitmq/bin/rabbitmqctl -q "$@"
