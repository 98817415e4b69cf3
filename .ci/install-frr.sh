#!/usr/bin/env bash
# Installs what the FRR config checks and the network-namespace lab need, on Debian/Ubuntu.
# Idempotent: apt is only touched when something is missing, so CI can run it every time.
set -euo pipefail
# shellcheck source=lib/apt.sh
source "$(dirname "$0")/lib/apt.sh"

need=()
for tool in vtysh /usr/lib/frr/zebra /usr/lib/frr/staticd /usr/lib/frr/bfdd /usr/lib/frr/isisd \
  /usr/lib/frr/bgpd; do
  command -v "$tool" >/dev/null 2>&1 || { need+=(frr); break; }
done
command -v ip >/dev/null 2>&1 || need+=(iproute2)

apt_install install-frr "${need[@]}"

echo "install-frr: $(/usr/lib/frr/bgpd --version | head -1); $(ip -V)"
