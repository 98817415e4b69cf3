#!/usr/bin/env bash
# Installs the parsers the cloud-init tests run on Debian/Ubuntu: cloud-init (`cloud-init schema`)
# for the rendered user data, netplan.io (`netplan generate`) for the rendered network config v2.
# Idempotent: apt is only touched when something is missing, so CI can run it every time.
set -euo pipefail

need=()
command -v cloud-init >/dev/null 2>&1 || need+=(cloud-init)
command -v netplan >/dev/null 2>&1 || need+=(netplan.io)

if ((${#need[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-cloud-init: run as root to install: ${need[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${need[@]}"
fi

echo "install-cloud-init: cloud-init $(cloud-init --version 2>&1 | awk '{print $NF}'); netplan $(dpkg-query -W -f='${Version}' netplan.io)"
