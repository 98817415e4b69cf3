#!/usr/bin/env bash
# Installs the parsers the cloud-init tests run on Debian/Ubuntu: cloud-init (`cloud-init schema`)
# for the rendered user data, netplan.io (`netplan generate`) for the rendered network config v2.
# Idempotent: apt is only touched when something is missing, so CI can run it every time.
set -euo pipefail
# shellcheck source=lib/apt.sh
source "$(dirname "$0")/lib/apt.sh"

need=()
command -v cloud-init >/dev/null 2>&1 || need+=(cloud-init)
command -v netplan >/dev/null 2>&1 || need+=(netplan.io)

apt_install install-cloud-init "${need[@]}"

echo "install-cloud-init: cloud-init $(cloud-init --version 2>&1 | awk '{print $NF}'); netplan $(dpkg-query -W -f='${Version}' netplan.io)"
