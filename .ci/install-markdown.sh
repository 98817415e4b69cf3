#!/usr/bin/env bash
# Installs GitHub's Markdown parser, cmark-gfm, which the inventory tests render inventory.md with
# (the pull-request workflow posts it as a comment). Idempotent, like the other install scripts.
set -euo pipefail
# shellcheck source=lib/apt.sh
source "$(dirname "$0")/lib/apt.sh"

need=()
command -v cmark-gfm >/dev/null 2>&1 || need+=(cmark-gfm)

apt_install install-markdown "${need[@]}"

echo "install-markdown: $(cmark-gfm --version | head -1)"
