#!/usr/bin/env bash
# A tour of the contract workflow on a scratch repository: two task worktrees, one that stays inside its
# contract and passes, one that strays out of scope and is caught. Nothing is written outside a temp dir.
set -euo pipefail
wtcraft="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/bin/wtcraft"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/wtcraft-tour.XXXXXX")"
repo="$scratch/repo"
say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { say "$*"; "$@" || echo "(exit $?)"; }

git init -q -b main "$repo"
git -C "$repo" config user.email tour@example.com
git -C "$repo" config user.name "wtcraft tour"
mkdir -p "$repo/src" "$repo/docs"
echo 'export const greet = (n) => `hello ${n}`;' > "$repo/src/greet.js"
echo '{"name": "tour"}' > "$repo/package.json"
git -C "$repo" add -A && git -C "$repo" commit -qm "a small project"
cd "$repo"

run "$wtcraft" init
git add .gitignore && git commit -qm "ignore wtcraft's local files"

run "$wtcraft" new feat/greet --objective "Greet politely." --scope src/ --off-limits package.json \
  --verify "grep -q please src/greet.js" --verify "git diff --check"
run "$wtcraft" new feat/stray --objective "Touch only docs." --scope docs/ --off-limits package.json \
  --verify "test -s docs/notes.md"

# the "agents": one edits inside its scope, the other strays into package.json
echo 'export const greet = (n) => `hello ${n}, please`;' > worktrees/feat/greet/src/greet.js
mkdir -p worktrees/feat/stray/docs && echo "# notes" > worktrees/feat/stray/docs/notes.md
echo '{"name": "tour", "private": true}' > worktrees/feat/stray/package.json

run "$wtcraft" check feat/greet
run "$wtcraft" verify feat/greet
run "$wtcraft" check feat/stray
run "$wtcraft" status
say "$wtcraft check --json feat/stray"
"$wtcraft" check --json feat/stray | python3 -m json.tool || true

echo
echo "The scratch repository is at $scratch/repo (remove it with: rm -rf $scratch)"
