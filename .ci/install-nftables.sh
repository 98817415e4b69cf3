#!/usr/bin/env bash
# Installs what the policy checks need, on Debian/Ubuntu: nftables (`nft -c -f` checks every
# rendered ruleset; the packet probes load them in network namespaces) and ping (ICMP probes).
# Idempotent: apt is only touched when something is missing, so CI can run it every time.
set -euo pipefail
# shellcheck source=lib/apt.sh
source "$(dirname "$0")/lib/apt.sh"

need=()
command -v nft >/dev/null 2>&1 || need+=(nftables)
command -v ping >/dev/null 2>&1 || need+=(iputils-ping)

apt_install install-nftables "${need[@]}"

echo "install-nftables: $(nft --version); $(ping -V | head -1)"
