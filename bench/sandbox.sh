#!/usr/bin/env bash
# The OS sandbox's cost: one command started under bubblewrap next to the bare command, and a run of TASKS
# (default 10) no-op tasks with `sandbox { network false }` next to the same run without. Medians over RUNS runs
# (default 5) with min-max spread; the single command also with the seccomp filter `network false` loads. Skips,
# saying why, where bubblewrap cannot start.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
wtcraft="$here/../bin/wtcraft"
# shellcheck source=lib.sh
. "$here/lib.sh"
runs="${RUNS:-5}"
tasks="${TASKS:-10}"
if ! bwrap --ro-bind / / --dev /dev --proc /proc --unshare-pid --unshare-net --die-with-parent true 2>/dev/null; then
  echo "skipped: bubblewrap cannot start here (see wtcraft doctor)"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export WTCRAFT_CACHE_DIR="$work/cache"

read -r bare bare_min bare_max < <(runs=20 time_it true)
read -r boxed boxed_min boxed_max < <(runs=20 time_it bwrap --die-with-parent --unshare-pid --unshare-ipc --cap-drop ALL \
  --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp --unshare-net true)
# the unix-socket filter network false loads, written by the build's own code, read from fd 3 as wtcraft does
"$wtcraft" --version >/dev/null
cat > "$work/Filter.java" <<'JAVA'
public class Filter {
    public static void main(String[] a) throws Exception {
        java.nio.file.Files.write(java.nio.file.Path.of(a[0]), dev.wtcraft.process.UnixSocketFilter.program().orElseThrow());
    }
}
JAVA
java -cp "$here/../target/wtcraft.jar" "$work/Filter.java" "$work/filter.bpf"
read -r filtered filtered_min filtered_max < <(runs=20 time_it sh -c 'exec "$@" 3<"$0"' "$work/filter.bpf" bwrap \
  --die-with-parent --unshare-pid --unshare-ipc --cap-drop ALL --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp \
  --unshare-net --seccomp 3 true)

repo="$work/repo"
new_repo "$repo"
echo seed > "$repo/README.md" && git -C "$repo" add -A && git -C "$repo" commit -qm seed
"$wtcraft" init --local --repo "$repo" >/dev/null
for kind in plain boxed; do
  {
    echo "engines { shell 'noop', 'true' }"
    for ((t = 0; t < tasks; t++)); do
      if [ "$kind" = boxed ]; then box="sandbox { network false }"; else box=""; fi
      printf "task('task/%s%d') { engine 'noop'; verify { run 'true' }; %s }\n" "$kind" "$t" "$box"
    done
  } > "$work/$kind.groovy"
done
clean() {
  rm -rf "$repo/worktrees" "$repo/.wtcraft"
  git -C "$repo" worktree prune
  git -C "$repo" for-each-ref --format='%(refname:short)' refs/heads/task | xargs -r git -C "$repo" branch -q -D
}
"$wtcraft" plan --repo "$repo" "$work/plain.groovy" >/dev/null
"$wtcraft" plan --repo "$repo" "$work/boxed.groovy" >/dev/null
BEFORE=clean
read -r plain plain_min plain_max < <(time_it "$wtcraft" run --repo "$repo" --jobs 1 "$work/plain.groovy")
read -r sand sand_min sand_max < <(time_it "$wtcraft" run --repo "$repo" --jobs 1 "$work/boxed.groovy")
clean

printf '%-52s %8s %14s\n' "figure" "median" "spread (ms)"
printf '%-52s %6s ms %7s-%s\n' "one command, bare (true)" "$bare" "$bare_min" "$bare_max"
printf '%-52s %6s ms %7s-%s\n' "one command under bubblewrap, no network" "$boxed" "$boxed_min" "$boxed_max"
printf '%-52s %6s ms %7s-%s\n' "  the same with the unix-socket filter" "$filtered" "$filtered_min" "$filtered_max"
printf '%-52s %6s ms %7s-%s\n' "run, $tasks tasks (engine + 1 step), --jobs 1" "$plain" "$plain_min" "$plain_max"
printf '%-52s %6s ms %7s-%s\n' "the same, each task sandboxed" "$sand" "$sand_min" "$sand_max"
awk -v a="$sand" -v b="$plain" -v n="$tasks" 'BEGIN {
  printf "%-52s %6.0f ms\n", "sandbox cost per task (2 sandboxed commands)", (a - b) / n
  printf "%-52s %8.2fx\n", "  ratio sandboxed / plain run", a / b }'
