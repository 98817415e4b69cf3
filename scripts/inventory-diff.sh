#!/usr/bin/env bash
# The pull-request comment of one stack's inventory change (.github/workflows/preview.yml):
# a heading and the unified diff of the base and the changed inventory.md in one code block.
# Usage: scripts/inventory-diff.sh <stack> <base inventory.md> <changed inventory.md>
# The fence is longer than any run of backticks in the diff: the inventory holds fences of its own
# (its Mermaid block), and a context line " ```" would close a ``` fence and let the rest of the
# diff render as Markdown and HTML.
set -euo pipefail
stack=$1
diff=$(diff -u "$2" "$3" --label base --label change || true)
longest=$(grep -o '`\+' <<<"$diff" | awk '{ if (length > n) n = length } END { print n + 0 }')
fence=$(printf '%*s' $((longest < 3 ? 3 : longest + 1)) '' | tr ' ' '`')
printf '### Offline preview: `%s`\n\n%sdiff\n%s\n%s\n' "$stack" "$fence" "$diff" "$fence"
