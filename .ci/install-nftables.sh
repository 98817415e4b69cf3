#!/usr/bin/env bash
# Installs what the policy checks need, on Debian/Ubuntu: nftables (`nft -c -f` checks every
# rendered ruleset; the packet probes load them in network namespaces) and ping (ICMP probes).
# Idempotent: apt is only touched when something is missing, so CI can run it every time.
set -euo pipefail

need=()
command -v nft >/dev/null 2>&1 || need+=(nftables)
command -v ping >/dev/null 2>&1 || need+=(iputils-ping)

if ((${#need[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-nftables: run as root to install: ${need[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${need[@]}"
fi

echo "install-nftables: $(nft --version); $(ping -V | head -1)"
