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
  check_repo "$repo" "$n"
  wt="$repo/worktrees/feat/bench"
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
