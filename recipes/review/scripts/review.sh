#!/bin/sh
# A stand-in reviewer: it reads its prompt (instructions, contract, gates' results and diff) and approves a change
# whose verification passed and that touches nothing outside src/. Its last lines are its verdict and reasons.
set -e
files=$(grep '^+++ b/' "$WTCRAFT_PROMPT_FILE" | sed 's|^+++ b/||')
if grep -q ': fail' "$WTCRAFT_PROMPT_FILE"; then
  echo "VERDICT: REQUEST_CHANGES"
  echo "- a verification step failed"
elif echo "$files" | grep -v '^src/' | grep -q .; then
  echo "VERDICT: REQUEST_CHANGES"
  echo "- it changes files outside src/"
else
  echo "VERDICT: APPROVE"
  echo "- the change stays in src/ and its verification passed"
fi
