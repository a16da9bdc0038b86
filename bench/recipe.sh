#!/usr/bin/env bash
# Recipes: the time to compile and plan a 100-task recipe, and the per-task overhead of `run` with a no-op
# shell engine next to the bare `git worktree add` + `git worktree remove` for the same repository.
# Medians over RUNS runs (default 5) with min-max spread.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
wtcraft="$here/../bin/wtcraft"
# shellcheck source=lib.sh
. "$here/lib.sh"
runs="${RUNS:-5}"
tasks_run="${TASKS:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)], a[1], a[NR]}'; }

repo="$work/repo"
new_repo "$repo"
for ((i = 0; i < 200; i++)); do mkdir -p "$repo/m$((i % 20))"; echo "$i" > "$repo/m$((i % 20))/f$i.txt"; done
git -C "$repo" add -A && git -C "$repo" commit -qm base
"$wtcraft" init --local --repo "$repo" >/dev/null

big="$work/plan100.groovy"
{
  echo "wtcraft { base 'main' }"
  echo "engines { shell 'noop', 'true' }"
  for ((t = 0; t < 100; t++)); do
    dep=""
    if ((t % 10 != 0)); then dep="dependsOn 'task/t$((t - 1))'"; fi
    printf "task('task/t%d') {\n  engine 'noop'\n  prompt 'Task %d.'\n  scope 'm%d/'\n  offLimits 'package.json'\n  %s\n  verify { run 'true', timeout: '1m' }\n}\n" "$t" "$t" "$((t % 20))" "$dep"
  done
} > "$big"

"$wtcraft" --version >/dev/null
export WTCRAFT_CACHE_DIR="$work/cache"
times=()
for ((r = 0; r < runs; r++)); do
  rm -rf "$WTCRAFT_CACHE_DIR" # compile every time: this figure is the cold one (startup.sh has the cached one)
  t0=$(now_ms); "$wtcraft" plan --repo "$repo" "$big" >/dev/null; t1=$(now_ms); times+=($((t1 - t0)))
done
read -r plan plan_min plan_max < <(printf '%s\n' "${times[@]}" | median)

small="$work/run$tasks_run.groovy"
{
  echo "engines { shell 'noop', 'true' }"
  for ((t = 0; t < tasks_run; t++)); do printf "task('task/r%d') { engine 'noop' }\n" "$t"; done
} > "$small"

clean() {
  rm -rf "$repo/worktrees" "$repo/.wtcraft"
  git -C "$repo" worktree prune
  git -C "$repo" for-each-ref --format='%(refname:short)' refs/heads/task | xargs -r git -C "$repo" branch -q -D
}

run_times=(); base_times=(); git_times=()
for ((r = 0; r < runs; r++)); do
  clean
  t0=$(now_ms); "$wtcraft" plan --repo "$repo" "$small" >/dev/null; t1=$(now_ms); base_times+=($((t1 - t0)))
  t0=$(now_ms); "$wtcraft" run --repo "$repo" "$small" >/dev/null; t1=$(now_ms); run_times+=($((t1 - t0)))
  clean
  t0=$(now_ms)
  for ((t = 0; t < tasks_run; t++)); do
    git -C "$repo" worktree add -q -b "task/g$t" "$repo/worktrees/task/g$t" main
    git -C "$repo" worktree remove --force "$repo/worktrees/task/g$t"
  done
  t1=$(now_ms); git_times+=($((t1 - t0)))
done
clean
read -r run run_min run_max < <(printf '%s\n' "${run_times[@]}" | median)
read -r startup _ _ < <(printf '%s\n' "${base_times[@]}" | median)
read -r gitwt gitwt_min gitwt_max < <(printf '%s\n' "${git_times[@]}" | median)

printf '%-46s %8s %14s\n' "figure" "median" "spread (ms)"
printf '%-46s %6s ms %7s-%s\n' "compile + plan, 100-task recipe (no cache)" "$plan" "$plan_min" "$plan_max"
printf '%-46s %6s ms %7s-%s\n' "run, $tasks_run tasks, no-op shell engine" "$run" "$run_min" "$run_max"
awk -v r="$run" -v s="$startup" -v n="$tasks_run" -v g="$gitwt" 'BEGIN {
  per = (r - s) / n; bare = g / n
  printf "%-46s %6.0f ms   (run minus start-up and compile, per task)\n", "run overhead per task", per
  printf "%-46s %6.0f ms\n", "bare git worktree add + remove, per task", bare
  printf "%-46s %8.2fx\n", "  ratio", per / bare }'
