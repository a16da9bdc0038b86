#!/usr/bin/env bash
# wtcraft merge gate (installed by `wtcraft init-ci`): judges a pull request's diff against the policy envelope
# `wtcraft policy approve <task>` put on refs/heads/wtcraft-policy. It runs from the trusted base checkout and
# reads the head only as git data: nothing from the pull request is checked out, installed or run.
# Patterns are matched as wtcraft check matches them (bash [[ path == pattern ]], `*` crossing `/`).
# Verdicts: authorized, scope_violation, off_limits, stale_base, no_policy, expired. Exit 0 only when authorized.
set -uo pipefail

base="${WTCRAFT_BASE_SHA:?WTCRAFT_BASE_SHA: base commit of the pull request}"
head="${WTCRAFT_HEAD_SHA:?WTCRAFT_HEAD_SHA: head commit of the pull request}"
ref="${WTCRAFT_HEAD_REF:?WTCRAFT_HEAD_REF: head branch of the pull request}"
policy_ref="${WTCRAFT_POLICY_REF:-refs/heads/wtcraft-policy}"
evidence="${WTCRAFT_EVIDENCE:-wtcraft-gate.json}"
head_repo="${WTCRAFT_HEAD_REPO:-}"
base_repo="${WTCRAFT_BASE_REPO:-}"
git=(git -c core.quotepath=off -c diff.external= --no-pager)

json() { # one JSON string
  local s="$1"
  s="${s//\\/\\\\}"; s="${s//\"/\\\"}"; s="${s//$'\t'/\\t}"; s="${s//$'\n'/\\n}"; s="${s//$'\r'/\\r}"
  printf '"%s"' "$s"
}

matches() { # the original's rule: no `*`: the path or below it, one trailing / dropped; else a bash pattern
  local f="$1" p="$2"
  if [[ "$p" != *"*"* ]]; then
    p="${p%/}"
    [ -n "$p" ] || return 1
    [ "$f" = "$p" ] || [[ "$f" == "$p/"* ]]
    return
  fi
  # shellcheck disable=SC2053
  [[ "$f" == $p ]]
}

verdict="authorized"
task="" env_ref="" approved_base="" valid_until="" envelope_sha=""
allow=() off=() changed=() violations=()

finish() {
  {
    printf '{"verdict":%s,"task":%s,"head_ref":%s,"head_sha":%s,"base_sha":%s,"approved_base_sha":%s,' \
      "$(json "$verdict")" "$(json "$task")" "$(json "$ref")" "$(json "$head")" "$(json "$base")" "$(json "$approved_base")"
    printf '"valid_until":%s,"envelope_sha256":%s,"changed_files":[' "$(json "$valid_until")" "$(json "$envelope_sha")"
    local first=1 c
    for c in "${changed[@]+"${changed[@]}"}"; do
      [ "$first" = 1 ] || printf ','; first=0; json "$c"
    done
    printf '],"violations":['
    first=1
    for c in "${violations[@]+"${violations[@]}"}"; do
      [ "$first" = 1 ] || printf ','; first=0; printf '%s' "$c"
    done
    printf ']}\n'
  } > "$evidence"
  echo "wtcraft gate: $verdict ($ref at ${head:0:12}; evidence in $evidence)"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    echo "wtcraft gate: **$verdict** for \`$ref\`" >> "$GITHUB_STEP_SUMMARY"
  fi
  rm -f "${raw:-}"
  [ "$verdict" = authorized ]
  exit $?
}

violation() { # kind file matched
  violations+=("{\"kind\":$(json "$1"),\"file\":$(json "$2"),\"matched\":$( [ -n "$3" ] && json "$3" || printf null)}")
}

if [ -n "$head_repo" ] && [ "$head_repo" != "$base_repo" ]; then
  verdict="no_policy"   # an envelope approves a branch of this repository, never a fork's branch of the same name
  finish
fi
if ! envelope="$("${git[@]}" show "$policy_ref:tasks/$ref.policy" 2>/dev/null)"; then
  verdict="no_policy"
  finish
fi
envelope_sha="$(printf '%s\n' "$envelope" | sha256sum | cut -d' ' -f1)"
while IFS= read -r line; do
  case "$line" in
    "task: "*) task="${line#task: }" ;;
    "head_ref: "*) env_ref="${line#head_ref: }" ;;
    "base_sha: "*) approved_base="${line#base_sha: }" ;;
    "valid_until: "*) valid_until="${line#valid_until: }" ;;
    "allow: "*) allow+=("${line#allow: }") ;;
    "off_limits: "*) off+=("${line#off_limits: }") ;;
  esac
done <<< "$envelope"

if [ "$env_ref" != "$ref" ]; then
  verdict="no_policy"
  finish
fi
now="$(date -u +%s)"
until="$(date -u -d "$valid_until" +%s 2>/dev/null || echo 0)"
if [ "$now" -gt "$until" ]; then
  verdict="expired"
  finish
fi
if [ "$base" != "$approved_base" ]; then
  verdict="stale_base"
  finish
fi

# every path the change touches, a rename's source too; modes tell submodule pointers apart
raw="$(mktemp)"
trap 'rm -f "$raw"' EXIT
if ! "${git[@]}" diff --raw -z --no-renames --no-ext-diff --no-textconv "$base...$head" -- > "$raw"; then
  echo "wtcraft gate: cannot diff $base...$head (are both commits fetched?)" >&2
  exit 1
fi
off_hit=0 scope_hit=0
while IFS= read -r -d '' meta && IFS= read -r -d '' file; do
  changed+=("$file")
  old_mode="${meta:1:6}" new_mode="${meta:8:6}"
  name="${file##*/}"
  if [ "$file" = .worktree-task.md ] || [ "$file" = .worktree-state.json ] || [[ "$file" == .worktree-state.json.* && "$file" != */* ]]; then
    violation local_task_file "$file" ""
    off_hit=1
    continue
  fi
  if [ "${#allow[@]}" -gt 0 ]; then
    in=0
    for p in "${allow[@]}"; do
      if matches "$file" "$p"; then in=1; break; fi
    done
    if [ "$in" = 0 ]; then violation scope "$file" ""; scope_hit=1; fi
  fi
  for p in "${off[@]+"${off[@]}"}"; do
    if matches "$file" "$p"; then violation off_limits "$file" "$p"; off_hit=1; fi
  done
  if [ "$name" = .gitattributes ] || [ "$name" = .gitmodules ] || [ "$old_mode" = 160000 ] || [ "$new_mode" = 160000 ]; then
    named=0
    for p in "${allow[@]+"${allow[@]}"}"; do
      if [ "${p%/}" = "$file" ]; then named=1; fi
    done
    if [ "$named" = 0 ]; then violation git_metadata "$file" ""; scope_hit=1; fi
  fi
done < "$raw"

if [ "$off_hit" = 1 ]; then
  verdict="off_limits"
elif [ "$scope_hit" = 1 ]; then
  verdict="scope_violation"
fi
finish
