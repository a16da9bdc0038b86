#!/usr/bin/env bash
# Recipe libraries: what using a library costs. A library of 20 steps, used by a 20-task recipe, next to the same
# tasks written inline: the first use (resolve, fetch, lock, compile), later plans (locked, cached, pure), and the
# ref check a run makes per library (one `git ls-remote`). Medians over RUNS runs (default 7) with min-max spread.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
wtcraft="$here/../bin/wtcraft"
# shellcheck source=lib.sh
. "$here/lib.sh"
runs="${RUNS:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export WTCRAFT_CACHE_DIR="$work/cache" WTCRAFT_CONFIG_DIR="$work/config"

lib="$work/acme"
new_repo "$lib"
mkdir -p "$lib/vars" "$lib/prompts"
for ((s = 0; s < 20; s++)); do
  printf "def call(String n) {\n  task(\"lib/s%d-\${n}\") {\n    prompt prompt('p', n: n)\n    scope 'm%d/'\n    verify { run 'true' }\n  }\n}\n" "$s" "$s" > "$lib/vars/step$s.groovy"
done
echo 'Do {{n}}.' > "$lib/prompts/p.md"
git -C "$lib" add -A && git -C "$lib" commit -qm lib && git -C "$lib" tag v1

repo="$work/repo"
new_repo "$repo"
echo seed > "$repo/README.md" && git -C "$repo" add -A && git -C "$repo" commit -qm seed
{
  echo "libraries {"
  echo "    use 'file://$lib@v1', as: 'acme'"
  echo "}"
  for ((s = 0; s < 20; s++)); do echo "task acme.step$s('x')"; done
} > "$repo/wtcraft.groovy"
{
  for ((s = 0; s < 20; s++)); do printf "task('lib/s%d-x') {\n  prompt 'Do x.'\n  scope 'm%d/'\n  verify { run 'true' }\n}\n" "$s" "$s"; done
} > "$repo/inline.groovy"
"$wtcraft" --version >/dev/null
"$wtcraft" lib trust "file://$lib" >/dev/null

BEFORE='rm -rf "$WTCRAFT_CACHE_DIR" "$repo/wtcraft.lock"'
read -r first first_min first_max < <(time_it "$wtcraft" plan --repo "$repo")
unset BEFORE
"$wtcraft" plan --repo "$repo" >/dev/null
read -r lib_plan lib_min lib_max < <(time_it "$wtcraft" plan --repo "$repo")
"$wtcraft" plan --repo "$repo" "$repo/inline.groovy" >/dev/null
read -r inline inline_min inline_max < <(time_it "$wtcraft" plan --repo "$repo" "$repo/inline.groovy")
read -r ls ls_min ls_max < <(time_it git ls-remote "file://$lib" v1 'v1^{}')

printf '%-52s %8s %14s\n' "figure" "median" "spread (ms)"
printf '%-52s %6s ms %7s-%s\n' "plan, first use (resolve, fetch, lock, compile)" "$first" "$first_min" "$first_max"
printf '%-52s %6s ms %7s-%s\n' "plan, library locked and cached (pure)" "$lib_plan" "$lib_min" "$lib_max"
printf '%-52s %6s ms %7s-%s\n' "plan, the same tasks inline (pure)" "$inline" "$inline_min" "$inline_max"
awk -v a="$lib_plan" -v b="$inline" 'BEGIN { printf "%-52s %8.2fx\n", "  ratio library / inline", a / b }'
printf '%-52s %6s ms %7s-%s\n' "ref check before a run, per library (file URL)" "$ls" "$ls_min" "$ls_max"
