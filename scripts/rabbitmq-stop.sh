#!/usr/bin/env bash
# Stops the private broker that scripts/rabbitmq-start.sh FOLDER started, and its private epmd. Safe to call when it
# is not running. Touches only the processes of FOLDER (its node name, its epmd port).
set -uo pipefail

folder=${1:?usage: rabbitmq-stop.sh FOLDER}
[[ -f "$folder/env" ]] || exit 0
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC1091
source "$folder/env"

"$here/rabbitmq-ctl.sh" "$folder" stop --timeout 60 >/dev/null 2>&1 || true
if [[ -f "$folder/launcher.pid" ]]; then
  launcher=$(cat "$folder/launcher.pid")
  # The launcher exits when the node stops; wait a little, then end it if it hangs.
  for _ in $(seq 1 30); do
    kill -0 "$launcher" 2>/dev/null || break
    sleep 1
  done
  kill "$launcher" 2>/dev/null || true
fi
# The node started its own epmd on the private port; nothing else uses that port.
epmd -port "$ERL_EPMD_PORT" -kill >/dev/null 2>&1 || true
echo "rabbitmq-stop: broker $RABBITMQ_NODENAME stopped" >&2
