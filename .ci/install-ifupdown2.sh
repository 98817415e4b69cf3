#!/usr/bin/env bash
# Installs Debian's ifupdown2, whose parser (ifquery -o json) `npm run import` reads a Proxmox
# host's /etc/network/interfaces with. Idempotent: apt is only touched when ifquery is missing.
# ifupdown2 replaces ifupdown's files only; nothing is brought up or down by installing it.
set -euo pipefail
# shellcheck source=lib/apt.sh
source "$(dirname "$0")/lib/apt.sh"

need=()
# ifupdown's own ifquery has no JSON output: only ifupdown2's will do.
if ! { ifquery --version 2>/dev/null | grep -q ifupdown2; }; then need+=(ifupdown2); fi

apt_install install-ifupdown2 "${need[@]}"

echo "install-ifupdown2: $(ifquery --version 2>&1 | head -1)"
