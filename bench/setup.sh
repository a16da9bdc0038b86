#!/usr/bin/env bash
# Setup's install cache: a run of TASKS (default 10) tasks on a real npm project whose setup runs `npm ci`, once
# without a cache (every task installs) and once with `cache: 'node_modules'` (the first installs, the rest reuse
# it; the cache is emptied before every run), beside the floor: one bare `npm ci` in a checkout of the same project.
# Medians over RUNS runs (default 3). Needs npm and its registry (the project's packages are fetched once).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
wtcraft="$here/../bin/wtcraft"
# shellcheck source=lib.sh
. "$here/lib.sh"
runs="${RUNS:-3}"
tasks="${TASKS:-10}"
if ! command -v npm >/dev/null 2>&1; then
  echo "skipped: npm is not installed"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export WTCRAFT_CACHE_DIR="$work/cache"

repo="$work/repo"
new_repo "$repo"
cat > "$repo/package.json" <<'JSON'
{ "name": "bench-setup", "version": "1.0.0", "private": true, "scripts": { "test": "node test.js" },
  "dependencies": { "is-number": "7.0.0", "semver": "7.6.3", "ms": "2.1.3", "kleur": "4.1.5", "yallist": "4.0.0" } }
JSON
echo "require('semver'); require('is-number'); console.log('ok')" > "$repo/test.js"
(cd "$repo" && npm install --no-audit --no-fund --package-lock-only >/dev/null 2>&1) \
  || { echo "skipped: npm could not resolve the project's packages (no registry?)"; exit 0; }
printf 'node_modules/\n' > "$repo/.gitignore"
git -C "$repo" add -A && git -C "$repo" commit -qm seed
"$wtcraft" init --local --repo "$repo" >/dev/null
for kind in plain cached; do
  {
    if [ "$kind" = cached ]; then opt=", cache: 'node_modules'"; else opt=""; fi
    echo "wtcraft { setup { run 'npm ci --no-audit --no-fund --prefer-offline'$opt } }"
    echo "engines { shell 'noop', 'true' }"
    for ((t = 0; t < tasks; t++)); do
      printf "task('task/%s%d') { engine 'noop'; verify { run 'npm test' } }\n" "$kind" "$t"
    done
  } > "$work/$kind.groovy"
done
clean() {
  rm -rf "$repo/worktrees" "$repo/.wtcraft" "$repo/.git/wtcraft/setup-cache"
  git -C "$repo" worktree prune
  git -C "$repo" for-each-ref --format='%(refname:short)' refs/heads/task | xargs -r git -C "$repo" branch -q -D
}
floor_dir="$work/floor"
BEFORE="rm -rf '$floor_dir' && git clone -q '$repo' '$floor_dir'"
read -r floor floor_min floor_max < <(time_it sh -c "cd '$floor_dir' && npm ci --no-audit --no-fund --prefer-offline")
"$wtcraft" plan --repo "$repo" "$work/plain.groovy" >/dev/null
"$wtcraft" plan --repo "$repo" "$work/cached.groovy" >/dev/null
BEFORE=clean
read -r plain plain_min plain_max < <(time_it "$wtcraft" run --repo "$repo" --jobs 1 "$work/plain.groovy")
read -r cached cached_min cached_max < <(time_it "$wtcraft" run --repo "$repo" --jobs 1 "$work/cached.groovy")
clean
"$wtcraft" run --repo "$repo" --jobs 1 "$work/cached.groovy" --json > "$work/last.json" 2>/dev/null || true
passed=$(grep -o '"outcome":"passed"' "$work/last.json" | wc -l || true)
clean

printf '%-56s %8s %14s\n' "figure" "median" "spread (ms)"
printf '%-56s %6s ms %7s-%s\n' "floor: one npm ci (5 packages, npm's cache warm)" "$floor" "$floor_min" "$floor_max"
printf '%-56s %6s ms %7s-%s\n' "run, $tasks tasks, setup npm ci, no cache, --jobs 1" "$plain" "$plain_min" "$plain_max"
printf '%-56s %6s ms %7s-%s\n' "the same with cache: 'node_modules'" "$cached" "$cached_min" "$cached_max"
awk -v a="$plain" -v b="$cached" -v f="$floor" -v n="$tasks" -v p="$passed" 'BEGIN {
  printf "%-56s %8.2fx\n", "  no cache / floor (installs per run)", a / f
  printf "%-56s %8.2fx\n", "  cached / floor", b / f
  printf "%-56s %8.2fx\n", "  cached / no cache", b / a
  printf "%-56s %8d of %d\n", "  tasks whose npm test passed (cached run)", p, n }'
