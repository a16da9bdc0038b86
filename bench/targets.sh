#!/usr/bin/env bash
# The figures wtcraft holds itself to, each next to its floor measured in the same run, as a ratio:
#   ledger capture of an agent stream   throughput vs `cat` into a file; ledger size vs the stream; heap peak (64 MB cap)
#   check --json, 20,000 changed files  vs the git floor (diff + ls-files) plus a bare JVM start
#   plan, 100-task recipe, cold         vs a bare JVM start (the target is absolute: under 1 s)
#   --version, status --json            vs a bare JVM printing a line (java -cp DIR Hello, the launcher's flags)
# RUNS (default 5) repetitions give medians; SIZE_MB (default 1024) sizes the capture. QUICK=1 (bench/run --quick)
# takes RUNS=3 and SIZE_MB=128.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
wtcraft="$here/../bin/wtcraft"
# shellcheck source=lib.sh
. "$here/lib.sh"
if [ -n "${QUICK:-}" ]; then runs="${RUNS:-3}"; size_mb="${SIZE_MB:-128}"; else runs="${RUNS:-5}"; size_mb="${SIZE_MB:-1024}"; fi
work="$(mktemp -d "$here/../target/bench-targets.XXXXXX" 2>/dev/null || mktemp -d)"
trap 'rm -rf "$work"' EXIT
export WTCRAFT_CACHE_DIR="$work/cache"

rows=()
# figure, value, floor, ratio, target, met
row() { rows+=("$(printf '%-40s %14s %14s %8s %10s %5s' "$@")"); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / (b > 0 ? b : 1) }'; }
meets() { awk -v a="$1" -v b="$2" -v t="$3" -v dir="$4" 'BEGIN { r = a / (b > 0 ? b : 1); print ((dir == "max" ? r <= t : r >= t) ? "yes" : "no") }'; }

"$wtcraft" --version >/dev/null # builds the jar and records its start-up archive outside the timings
sleep 2

# a bare JVM printing a line, started the way the launcher starts a short command
mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"
bare() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss2m -cp "$work/hello" Hello; }
read -r jvm _ < <(time_it bare)

# start-up
repo="$work/repo"
new_repo "$repo"
hundred_task_recipe "$repo/wtcraft.groovy"
git -C "$repo" add -A && git -C "$repo" commit -qm base
"$wtcraft" new --repo "$repo" feat/small --scope 'f1.txt' >/dev/null 2>&1
read -r version _ < <(time_it "$wtcraft" --version)
read -r status _ < <(time_it "$wtcraft" status --json --repo "$repo")
read -r plan _ < <(BEFORE='rm -rf "$WTCRAFT_CACHE_DIR"' time_it "$wtcraft" plan --repo "$repo")
row "wtcraft --version" "$version ms" "$jvm ms" "$(ratio "$version" "$jvm")" "<= 1.2x" "$(meets "$version" "$jvm" 1.2 max)"
row "wtcraft status --json" "$status ms" "$jvm ms" "$(ratio "$status" "$jvm")" "<= 1.2x" "$(meets "$status" "$jvm" 1.2 max)"
row "plan, 100 tasks, cold (compiles)" "$plan ms" "$jvm ms" "$(ratio "$plan" "$jvm")" "< 1000 ms" "$([ "$plan" -lt 1000 ] && echo yes || echo no)"

# check at 20,000 changed files against 50 patterns
crepo="$work/check"
check_repo "$crepo" 20000
wt="$crepo/worktrees/feat/bench"
read -r floor _ < <(time_it git_floor "$wt")
read -r check _ < <(time_it "$wtcraft" check --json --repo "$crepo" feat/bench)
row "check --json, 20,000 changed files" "$check ms" "$((floor + jvm)) ms" "$(ratio "$check" "$((floor + jvm))")" "<= 1.3x" "$(meets "$check" "$((floor + jvm))" 1.3 max)"
rm -rf "$crepo"

# ledger capture: a stand-in codex streaming SIZE_MB of 1 KB JSON lines, heap capped at 64 MB
agent="$work/fake-codex"
fake_codex "$agent" "$size_mb"
t0=$(now_ms); "$agent" > "$work/floor.jsonl"; t1=$(now_ms)
cat_ms=$((t1 - t0)); bytes=$(stat -c %s "$work/floor.jsonl"); rm -f "$work/floor.jsonl"
prepo="$work/capture"
new_repo "$prepo"
printf "engines { codex { binary '%s' } }\ntask('feat/big') { engine 'codex' }\n" "$agent" > "$prepo/wtcraft.groovy"
git -C "$prepo" add -A && git -C "$prepo" commit -qm recipe
"$wtcraft" plan --repo "$prepo" >/dev/null 2>&1 # the recipe compiled outside the timing
t0=$(now_ms)
WTCRAFT_JAVA_OPTS="-Xmx64m -Xlog:gc:file=$work/gc.log" "$wtcraft" run --repo "$prepo" >/dev/null 2>&1
t1=$(now_ms)
run_ms=$((t1 - t0))
events="$(find "$prepo/.wtcraft/runs" -name events.jsonl | head -1)"
ledger_bytes=$(stat -c %s "$events")
heap=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$work/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
mbps() { awk -v b="$1" -v ms="$2" 'BEGIN { printf "%d MB/s", b / 1048576 * 1000 / (ms > 0 ? ms : 1) }'; }
row "capture, $((bytes / 1048576)) MB stream (whole run)" "$(mbps "$bytes" "$run_ms")" "$(mbps "$bytes" "$cat_ms")" \
  "$(ratio "$cat_ms" "$run_ms")" ">= 0.5x" "$(meets "$cat_ms" "$run_ms" 0.5 min)"
row "  events.jsonl size vs the stream" "$((ledger_bytes / 1048576)) MB" "$((bytes / 1048576)) MB" \
  "$(ratio "$ledger_bytes" "$bytes")" "<= 1.2x" "$(meets "$ledger_bytes" "$bytes" 1.2 max)"
row "  heap peak (GC log), 64 MB cap" "${heap:-?} MB" "64 MB" "$(ratio "${heap:-64}" 64)" "<= 1.0x" "$(meets "${heap:-64}" 64 1.0 max)"

printf '%-40s %14s %14s %8s %10s %5s\n' "figure" "value" "floor" "ratio" "target" "met"
printf '%s\n' "${rows[@]}"
echo "(medians of $runs runs; the capture is one run of the whole 'wtcraft run', JVM start and git included)"
