#!/usr/bin/env bash
# Start-up: wtcraft --version, status and check --json on a small repository, and plan on a 100-task recipe,
# cold (no compiled-recipe cache) and cached. Medians over RUNS runs (default 7) with min-max spread.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
wtcraft="$here/../bin/wtcraft"
# shellcheck source=lib.sh
. "$here/lib.sh"
runs="${RUNS:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export WTCRAFT_CACHE_DIR="$work/cache"

row() { printf '%-44s %6s ms %7s-%s\n' "$1" "$2" "$3" "$4"; }

repo="$work/repo"
new_repo "$repo"
for i in $(seq 1 20); do echo "$i" > "$repo/f$i.txt"; done
hundred_task_recipe "$repo/wtcraft.groovy"
git -C "$repo" add -A && git -C "$repo" commit -qm base
"$wtcraft" init --local --repo "$repo" >/dev/null
"$wtcraft" new --repo "$repo" feat/small --scope 'f1.txt' >/dev/null 2>&1
echo changed > "$repo/worktrees/feat/small/f1.txt"

printf '%-44s %9s %14s\n' "figure" "median" "spread (ms)"
read -r m a b < <(time_it "$wtcraft" --version); row "wtcraft --version" "$m" "$a" "$b"
read -r m a b < <(time_it "$wtcraft" status --json --repo "$repo"); row "wtcraft status --json (1 task)" "$m" "$a" "$b"
read -r m a b < <(time_it "$wtcraft" check --json --repo "$repo" feat/small); row "wtcraft check --json (small repository)" "$m" "$a" "$b"
read -r m a b < <(BEFORE='rm -rf "$WTCRAFT_CACHE_DIR"' time_it "$wtcraft" plan --repo "$repo"); row "wtcraft plan, 100 tasks, changed (compiles)" "$m" "$a" "$b"
read -r m a b < <(time_it "$wtcraft" plan --repo "$repo"); row "wtcraft plan, 100 tasks, unchanged (cached)" "$m" "$a" "$b"
