#!/usr/bin/env bash
# Disk use: what --size adds to `status --json` on a task worktree of FILES files (default 20,000) that also links
# a node_modules of as many files from a shared cache (counted as a link, never walked), next to the floors measured
# in the same run: `status --json` without sizes, and `du -sk` of the worktree. Medians over RUNS runs (default 7)
# with min-max spread, and the ratios.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
wtcraft="$here/../bin/wtcraft"
# shellcheck source=lib.sh
. "$here/lib.sh"
runs="${RUNS:-7}"
files="${FILES:-20000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

row() { printf '%-44s %6s ms %7s-%s\n' "$1" "$2" "$3" "$4"; }

repo="$work/repo"
new_repo "$repo"
for ((d = 0; d < 50; d++)); do mkdir -p "$repo/pkg$d" "$work/cache/node_modules/pkg$d"; done
for ((i = 0; i < files; i++)); do
  echo "v$i" > "$repo/pkg$((i % 50))/f$i.txt"
  echo "m$i" > "$work/cache/node_modules/pkg$((i % 50))/m$i.js"
done
printf '/node_modules\n' >> "$repo/.git/info/exclude"
"$wtcraft" init --local --repo "$repo" >/dev/null
git -C "$repo" add -A && git -C "$repo" commit -qm base
"$wtcraft" new --repo "$repo" feat/big >/dev/null 2>&1
wt="$repo/worktrees/feat/big"
ln -s "$work/cache/node_modules" "$wt/node_modules"

"$wtcraft" --version >/dev/null   # builds the jar once, outside the timings
bytes=$("$wtcraft" status --json --size --repo "$repo" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["size_bytes"])')
# status with and without --size alternate in each round, so that a change of load between them moves both; the
# median of the rounds' differences is what --size adds
st_times=(); sz_times=(); diffs=()
for ((i = 0; i < runs; i++)); do
  t0=$(now_ms); "$wtcraft" status --json --repo "$repo" >/dev/null; t1=$(now_ms)
  "$wtcraft" status --json --size --repo "$repo" >/dev/null; t2=$(now_ms)
  st_times+=($((t1 - t0))); sz_times+=($((t2 - t1))); diffs+=($((t2 - t1 - (t1 - t0))))
done
spread() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)], a[1], a[NR]}'; }
printf '%-44s %9s %14s\n' "figure" "median" "spread (ms)"
read -r du du_min du_max < <(time_it du -sk "$wt"); row "du -sk, $files files" "$du" "$du_min" "$du_max"
read -r st st_min st_max < <(spread "${st_times[@]}"); row "status --json" "$st" "$st_min" "$st_max"
read -r sz sz_min sz_max < <(spread "${sz_times[@]}"); row "status --json --size" "$sz" "$sz_min" "$sz_max"
read -r add add_min add_max < <(spread "${diffs[@]}"); row "  what --size adds, per round" "$add" "$add_min" "$add_max"
echo "  measured $((bytes / 1024)) KiB (the linked node_modules of $files files not walked: $(du -sk "$work/cache" | cut -f1) KiB)"
awk -v s="$st" -v z="$sz" -v d="$du" 'BEGIN {
  printf "%-44s %8.2fx\n", "  ratio status --size / status", z / s
  printf "%-44s %8.2fx\n", "  ratio status --size / (status + du)", z / (s + d) }'
