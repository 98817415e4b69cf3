#!/usr/bin/env bash
# Installs what the site twin needs besides FRR (.ci/install-frr.sh): Debian's gobgpd, which
# stands in for Cilium's BGP control plane (Cilium embeds GoBGP). Idempotent: apt is only touched
# when gobgpd or the gobgp client is missing, so CI can run it every time.
set -euo pipefail
# shellcheck source=lib/apt.sh
source "$(dirname "$0")/lib/apt.sh"

need=()
{ command -v gobgpd && command -v gobgp; } >/dev/null 2>&1 || need+=(gobgpd)
apt_install install-gobgp "${need[@]}"

echo "install-gobgp: $(gobgpd --version)"
