#!/usr/bin/env bash
# check --json on a worktree with N changed + untracked files against 50 patterns, next to the git floor
# (git diff --name-only + git ls-files --others --exclude-standard) and JVM start (wtcraft --version).
# Also the floor that includes reading every changed file, which check does for its evidence snapshot.
# Prints medians over RUNS runs (default 7) with min-max spread, and the ratios.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
wtcraft="$here/../bin/wtcraft"
# shellcheck source=lib.sh
. "$here/lib.sh"
runs="${RUNS:-7}"
sizes=("${@:-2000 20000}")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT



git_floor() {
  git -C "$1" diff --name-only HEAD >/dev/null
  git -C "$1" ls-files --others --exclude-standard >/dev/null
}

# The same listing plus reading and hashing every changed file, as check must for its evidence snapshot.
content_floor() {
  { git -C "$1" diff --name-only HEAD; git -C "$1" ls-files --others --exclude-standard; } \
    | (cd "$1" && git hash-object --no-filters --stdin-paths) >/dev/null
}

"$wtcraft" --version >/dev/null   # builds the jar once, outside the timings
read -r jvm jvm_min jvm_max < <(time_it "$wtcraft" --version)
printf '%-34s %8s %14s\n' "figure" "median" "spread (ms)"
printf '%-34s %6s ms %7s-%s\n' "JVM start (wtcraft --version)" "$jvm" "$jvm_min" "$jvm_max"

for n in ${sizes[*]}; do
  repo="$work/r$n"
  new_repo "$repo"
  # half the files tracked and then modified, half untracked
  half=$((n / 2))
  for ((d = 0; d < 50; d++)); do mkdir -p "$repo/pkg$d"; done
  for ((i = 0; i < half; i++)); do echo "v$i" > "$repo/pkg$((i % 50))/tracked$i.txt"; done
  "$wtcraft" init --repo "$repo" >/dev/null
  git -C "$repo" add -A && git -C "$repo" commit -qm base
  patterns=()
  for ((p = 0; p < 40; p++)); do patterns+=(--scope "pkg$p/"); done
  for ((p = 0; p < 10; p++)); do patterns+=(--off-limits "pkg4$p/*.secret"); done
  "$wtcraft" new --repo "$repo" feat/bench "${patterns[@]}" >/dev/null 2>&1
  wt="$repo/worktrees/feat/bench"
  for ((i = 0; i < half; i++)); do echo "changed $i" > "$wt/pkg$((i % 50))/tracked$i.txt"; done
  for ((i = 0; i < n - half; i++)); do echo "new $i" > "$wt/pkg$((i % 50))/untracked$i.txt"; done
  count=$("$wtcraft" check --json --repo "$repo" feat/bench | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["changed_files"]))' || true)
  read -r floor floor_min floor_max < <(time_it git_floor "$wt")
  read -r content content_min content_max < <(time_it content_floor "$wt")
  read -r check check_min check_max < <(time_it "$wtcraft" check --json --repo "$repo" feat/bench)
  printf '%-34s %6s ms %7s-%s\n' "git floor, $n files" "$floor" "$floor_min" "$floor_max"
  printf '%-34s %6s ms %7s-%s\n' "git floor + hashing, $n files" "$content" "$content_min" "$content_max"
  printf '%-34s %6s ms %7s-%s   (%s changed files seen)\n' "check --json, $n files" "$check" "$check_min" "$check_max" "$count"
  awk -v c="$check" -v f="$floor" -v h="$content" -v j="$jvm" 'BEGIN {
    printf "%-34s %8.2fx   (target: within 2x)\n", "  ratio check / (floor + JVM)", c / (f + j)
    printf "%-34s %8.2fx\n", "  ratio check / (floor+hashing + JVM)", c / (h + j) }'
  rm -rf "$repo"
done
