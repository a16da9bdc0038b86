#!/usr/bin/env bash
# Ledger capture: a stand-in agent CLI streams SIZE_MB (default 1024) of Codex JSON lines (1 KB each) through
# wtcraft's parser into events.jsonl, with the heap capped at 64 MB; next to `cat` of the same stream into a
# file on the same disk. Prints throughput, the ratio, and the heap peak read from the GC log. SECRET_LINES=N
# (default 0) declares a secret of N lines (each one redacted wherever it appears) for the task, as a recipe's
# `environment { secret ... }` does; WTCRAFT=path measures another launcher.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
wtcraft="${WTCRAFT:-$here/../bin/wtcraft}"
# shellcheck source=lib.sh
. "$here/lib.sh"
size_mb="${SIZE_MB:-1024}"
work="$(mktemp -d "$here/../target/bench-capture.XXXXXX" 2>/dev/null || mktemp -d)"
trap 'rm -rf "$work"' EXIT
agent="$work/fake-codex"
fake_codex "$agent" "$size_mb"

t0=$(now_ms); "$agent" > "$work/floor.jsonl"; t1=$(now_ms)
cat_ms=$((t1 - t0))
bytes=$(stat -c %s "$work/floor.jsonl")
rm -f "$work/floor.jsonl"

repo="$work/repo"
new_repo "$repo"
secret_lines="${SECRET_LINES:-0}"
environment=""
if [ "$secret_lines" -gt 0 ]; then
  environment="; environment { secret 'BENCH_SECRET' }"
  BENCH_SECRET="$(for ((i = 0; i < secret_lines; i++)); do head -c 48 /dev/urandom | base64 -w0; echo; done)"
  export BENCH_SECRET
fi
printf "engines { codex { binary '%s' } }\ntask('feat/big') { engine 'codex'%s }\n" "$agent" "$environment" > "$repo/wtcraft.groovy"
git -C "$repo" add -A && git -C "$repo" commit -qm recipe
"$wtcraft" --version >/dev/null
t0=$(now_ms)
WTCRAFT_JAVA_OPTS="-Xmx64m -Xlog:gc:file=$work/gc.log ${CAPTURE_JAVA_OPTS:-}" "$wtcraft" run --repo "$repo" >/dev/null 2>&1
t1=$(now_ms)
run_ms=$((t1 - t0))
events="$(find "$repo/.wtcraft/runs" -name events.jsonl | head -1)"
ledger_bytes=$(stat -c %s "$events")
heap_peak=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$work/gc.log" | sed 's/M->.*//' | sort -n | tail -1)

printf '%-44s %10s\n' "figure" "value"
printf '%-44s %7s MB\n' "stream emitted" "$((bytes / 1048576))"
printf '%-44s %7s MB/s  (%s ms)\n' "cat into a file" "$((bytes / 1048576 * 1000 / (cat_ms > 0 ? cat_ms : 1)))" "$cat_ms"
printf '%-44s %7s MB/s  (%s ms, events.jsonl %s MB)\n' "wtcraft capture (parse + ledger)" \
  "$((bytes / 1048576 * 1000 / run_ms))" "$run_ms" "$((ledger_bytes / 1048576))"
awk -v r="$run_ms" -v c="$cat_ms" 'BEGIN { printf "%-44s %9.1fx\n", "  ratio wtcraft / cat", r / (c > 0 ? c : 1) }'
printf '%-44s %7s MB  (of a 64 MB cap)\n' "heap peak (GC log)" "${heap_peak:-?}"
