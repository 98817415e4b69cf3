#!/usr/bin/env bash
# Installs the parsers the cloud-init tests run on Debian/Ubuntu: cloud-init (`cloud-init schema`)
# for the rendered user data, netplan.io (`netplan generate`) for the rendered network config v2,
# and python3-yaml, the PyYAML cloud-init reads both files with (the YAML 1.1 read-back tests).
# Idempotent: apt is only touched when something is missing, so CI can run it every time.
set -euo pipefail
# shellcheck source=lib/apt.sh
source "$(dirname "$0")/lib/apt.sh"

need=()
command -v cloud-init >/dev/null 2>&1 || need+=(cloud-init)
command -v netplan >/dev/null 2>&1 || need+=(netplan.io)
/usr/bin/python3 -c 'import yaml' >/dev/null 2>&1 || need+=(python3-yaml)

apt_install install-cloud-init "${need[@]}"

echo "install-cloud-init: cloud-init $(cloud-init --version 2>&1 | awk '{print $NF}'); netplan $(dpkg-query -W -f='${Version}' netplan.io)"
