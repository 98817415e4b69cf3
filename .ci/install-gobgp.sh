#!/usr/bin/env bash
# Installs what the site twin needs besides FRR (.ci/install-frr.sh): Debian's gobgpd, which
# stands in for Cilium's BGP control plane (Cilium embeds GoBGP). Idempotent: apt is only touched
# when gobgpd or the gobgp client is missing, so CI can run it every time.
set -euo pipefail

if ! command -v gobgpd >/dev/null 2>&1 || ! command -v gobgp >/dev/null 2>&1; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-gobgp: run as root to install: gobgpd" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends gobgpd
fi

echo "install-gobgp: $(gobgpd --version)"
