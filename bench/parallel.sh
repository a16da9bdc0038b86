#!/usr/bin/env bash
# Parallel speed-up: TASKS (default 50) file-disjoint tasks whose shell engine sleeps 1 s, run with --jobs 1 and
# --jobs 4; wall times next to the ideal (the critical path: tasks x 1 s / jobs, rounded up), and the ratios.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
wtcraft="$here/../bin/wtcraft"
# shellcheck source=lib.sh
. "$here/lib.sh"
tasks="${TASKS:-50}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

repo="$work/repo"
new_repo "$repo"
{
  echo "engines { shell 'sleepy', 'sleep 1; mkdir -p \"out/\$WTCRAFT_PROMPT\"; echo done > \"out/\$WTCRAFT_PROMPT/x.txt\"' }"
  for ((t = 0; t < tasks; t++)); do
    printf "task('task/p%d') { engine 'sleepy'; prompt 'p%d'; scope 'out/p%d/' }\n" "$t" "$t" "$t"
  done
} > "$repo/wtcraft.groovy"
git -C "$repo" add -A && git -C "$repo" commit -qm recipe
"$wtcraft" --version >/dev/null

clean() {
  rm -rf "$repo/worktrees" "$repo/.wtcraft"
  git -C "$repo" worktree prune
  git -C "$repo" for-each-ref --format='%(refname:short)' refs/heads/task | xargs -r git -C "$repo" branch -q -D
}

printf '%-30s %9s %9s %9s\n' "jobs" "wall" "ideal" "ratio"
for jobs in 1 4; do
  clean
  t0=$(now_ms); "$wtcraft" run --repo "$repo" --jobs "$jobs" >/dev/null 2>&1; t1=$(now_ms)
  wall=$((t1 - t0))
  ideal=$(( (tasks + jobs - 1) / jobs * 1000 ))
  eval "wall_$jobs=$wall"
  awk -v j="$jobs" -v w="$wall" -v i="$ideal" 'BEGIN { printf "%-30s %7.1f s %7.1f s %8.2fx\n", "--jobs " j, w / 1000, i / 1000, w / i }'
done
awk -v a="$wall_1" -v b="$wall_4" 'BEGIN { printf "%-30s %8.2fx  (on 2 cores; the engine sleeps, so more jobs than cores still help)\n", "speed-up --jobs 4 vs 1", a / b }'
