#!/usr/bin/env bash
# Installs what the AOI server and its tests need on Debian (or Ubuntu), or says exactly what is missing.
# Idempotent: installed packages are left alone and `apt-get update` runs only when something must be installed.
# Tools it cannot install itself (the .NET 10 SDK, Node.js) are checked and named with a link.
set -euo pipefail

# Debian packages. libgtk-3-0 and the rest: shared libraries the OpenCvSharp Linux runtime
# (libOpenCvSharpExtern.so) links against; without them OpenCV fails with DllNotFoundException.
# Later issues append here (e.g. PostgreSQL for the storage tests).
# chromium: Debian's browser, driven by the Playwright browser tests (tests/Aoi.Tests/Browser); Playwright's own
# browser downloads are never used.
# rabbitmq-server: the AMQP 1.0 broker (with its bundled rabbitmq_amqp1_0 plugin) the CFX message-bus tests publish
# to; .ci/run starts a private one with scripts/rabbitmq-start.sh. The package's own system service is not used.
PACKAGES=(libgtk-3-0 libdrm2 libatomic1 libfreetype6 libharfbuzz0b chromium rabbitmq-server)

problems=()

if ! command -v dotnet >/dev/null 2>&1; then
  problems+=("dotnet not found: install the .NET 10 SDK (https://learn.microsoft.com/dotnet/core/install/linux-debian)")
elif ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  problems+=("the .NET 10 SDK is missing (found: $(dotnet --list-sdks 2>/dev/null | cut -d' ' -f1 | tr '\n' ' ')): install dotnet-sdk-10.0 (https://learn.microsoft.com/dotnet/core/install/linux-debian)")
fi

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    problems+=("$tool not found: install Node.js with npm (Debian: apt-get install nodejs npm, or https://nodejs.org)")
  fi
done

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Debian 13 renamed some libraries with a t64 suffix (64-bit time_t); accept and install whichever exists.
install_name() {
  if apt-cache show "$1t64" >/dev/null 2>&1; then echo "$1t64"; else echo "$1"; fi
}

to_install=()
if command -v dpkg-query >/dev/null 2>&1; then
  for package in "${PACKAGES[@]}"; do
    if ! is_installed "$package" && ! is_installed "${package}t64"; then
      to_install+=("$(install_name "$package")")
    fi
  done
else
  echo "install-deps: not a Debian system; make sure these libraries (Debian names) are installed: ${PACKAGES[*]}" >&2
fi

if ((${#to_install[@]} > 0)); then
  apt_command="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${to_install[*]}"
  if [[ " ${to_install[*]} " == *" rabbitmq-server "* && ! -e /usr/sbin/policy-rc.d ]]; then
    # The package would start a system-wide broker on every interface; the tests start their own on loopback.
    # A policy-rc.d that refuses service starts for the length of the install keeps it stopped.
    apt_command="printf '#!/bin/sh\\nexit 101\\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && { $apt_command; status=\$?; rm -f /usr/sbin/policy-rc.d; exit \$status; }"
  fi
  if [[ $(id -u) -eq 0 ]]; then
    echo "install-deps: installing ${to_install[*]}"
    bash -c "$apt_command"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "install-deps: installing ${to_install[*]} (sudo)"
    sudo bash -c "$apt_command"
  else
    problems+=("missing Debian packages ${to_install[*]}; run as root: $apt_command")
  fi
fi

if ((${#problems[@]} > 0)); then
  echo "install-deps: cannot continue:" >&2
  for problem in "${problems[@]}"; do
    echo "  - $problem" >&2
  done
  exit 1
fi

echo "install-deps: all dependencies present"
