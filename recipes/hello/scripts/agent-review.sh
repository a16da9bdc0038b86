#!/bin/sh
# A stand-in reviewer: it reads the review prompt (the contract, the gates' results and the diff) and approves
# only a change that passed its verification and touches nothing but src/. Its last lines are its verdict.
set -e
prompt="$WTCRAFT_PROMPT_FILE"
files=$(grep '^+++ b/' "$prompt" | sed 's|^+++ b/||')
echo "Reviewed the diff of $WTCRAFT_TASK: $(echo "$files" | grep -c . || true) file(s)."
if grep -q ': fail' "$prompt"; then
  echo "VERDICT: REQUEST_CHANGES"
  echo "- a verification step failed"
elif echo "$files" | grep -v '^src/' | grep -q .; then
  echo "VERDICT: REQUEST_CHANGES"
  echo "- it changes files outside src/"
else
  echo "VERDICT: APPROVE"
  echo "- the change stays in src/ and its verification passed"
fi
