#!/usr/bin/env bash
# Runs the AOI server (web front end + co-hosted Orleans silo) in Release.
# Listens on $AOI_URLS (default http://0.0.0.0:5000); other settings via Aoi__* environment variables or
# extra arguments such as --Aoi:DataRoot=/srv/aoi (README).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
# `dotnet run` starts the app in the project folder; anchor the default data root at the checkout instead.
exec dotnet run --project src/Aoi.Web -c Release -- --urls "${AOI_URLS:-http://0.0.0.0:5000}" \
  --Aoi:DataRoot="${Aoi__DataRoot:-$PWD/data}" "$@"
