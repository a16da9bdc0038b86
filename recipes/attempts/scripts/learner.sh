#!/bin/sh
# A stand-in agent that gets it wrong once and learns from the feedback wtcraft gives its second attempt.
set -e
if [ "${WTCRAFT_ATTEMPT:-1}" = "1" ]; then
  echo 41 > answer.txt
  echo "attempt 1: wrote 41"
else
  echo "attempt $WTCRAFT_ATTEMPT, feedback:"
  cat "$WTCRAFT_FEEDBACK_FILE"
  echo 42 > answer.txt
  echo "wrote 42"
fi
