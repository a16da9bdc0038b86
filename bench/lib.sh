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
