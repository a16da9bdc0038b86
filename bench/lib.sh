#!/usr/bin/env bash
# Helpers the benchmarks share: a millisecond clock, a timed command's median and spread, a scratch repository.

now_ms() { date +%s%3N; }

# Runs "$@" $runs times (default 7); prints "median min max" in ms. $BEFORE, if set, is evaluated before each run.
time_it() {
  local times=() t0 t1 i
  for ((i = 0; i < ${runs:-7}; i++)); do
    if [ -n "${BEFORE:-}" ]; then eval "$BEFORE"; fi
    t0=$(now_ms); "$@" >/dev/null 2>&1 || true; t1=$(now_ms)
    times+=($((t1 - t0)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)], a[1], a[NR]}'
}

# A git repository with an identity, on branch main, at $1.
new_repo() {
  git init -q -b main "$1"
  git -C "$1" config user.email bench@example.com
  git -C "$1" config user.name bench
}

# The 100-task recipe the start-up figures plan (a no-op shell engine, one verify step each), written to $1.
hundred_task_recipe() {
  {
    echo "engines { shell 'noop', 'true' }"
    for ((t = 0; t < 100; t++)); do
      printf "task('task/t%d') {\n  engine 'noop'\n  prompt 'Task %d.'\n  scope 'm%d/'\n  verify { run 'true', timeout: '1m' }\n}\n" "$t" "$t" "$((t % 20))"
    done
  } > "$1"
}

# A repository at $1 with a task feat/bench (40 scope and 10 off-limits patterns) whose worktree has $2 changed files:
# half tracked and modified, half untracked, over 50 directories. Uses $wtcraft; the worktree is
# $1/worktrees/feat/bench.
check_repo() {
  local repo="$1" n="$2" half=$(($2 / 2)) d i p wt
  new_repo "$repo"
  for ((d = 0; d < 50; d++)); do mkdir -p "$repo/pkg$d"; done
  for ((i = 0; i < half; i++)); do echo "v$i" > "$repo/pkg$((i % 50))/tracked$i.txt"; done
  "$wtcraft" init --repo "$repo" >/dev/null
  git -C "$repo" add -A && git -C "$repo" commit -qm base
  local patterns=()
  for ((p = 0; p < 40; p++)); do patterns+=(--scope "pkg$p/"); done
  for ((p = 0; p < 10; p++)); do patterns+=(--off-limits "pkg4$p/*.secret"); done
  "$wtcraft" new --repo "$repo" feat/bench "${patterns[@]}" >/dev/null 2>&1
  wt="$repo/worktrees/feat/bench"
  for ((i = 0; i < half; i++)); do echo "changed $i" > "$wt/pkg$((i % 50))/tracked$i.txt"; done
  for ((i = 0; i < n - half; i++)); do echo "new $i" > "$wt/pkg$((i % 50))/untracked$i.txt"; done
}

# The bare git floor of check: the changed tracked files and the untracked ones of the worktree $1.
git_floor() {
  git -C "$1" diff --name-only HEAD >/dev/null
  git -C "$1" ls-files --others --exclude-standard >/dev/null
}

# A stand-in Codex CLI at $1 that streams $2 MB of its JSON lines (1 KB each), then its usage.
fake_codex() {
  local text
  text="$(head -c 950 /dev/zero | tr '\0' x)"
  cat > "$1" <<SH
#!/bin/sh
echo '{"type":"thread.started","thread_id":"t-1"}'
yes '{"type":"item.completed","item":{"id":"i","type":"reasoning","text":"$text"}}' | head -n $(($2 * 1024))
echo '{"type":"turn.completed","usage":{"input_tokens":7,"cached_input_tokens":0,"output_tokens":3}}'
SH
  chmod +x "$1"
}
