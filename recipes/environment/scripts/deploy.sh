#!/bin/sh
# A stand-in deploy: it uses the token, and even prints it; the ledger shows [REDACTED:EXAMPLE_TOKEN] instead.
set -e
echo "using token $EXAMPLE_TOKEN"
mkdir -p deploy
echo "deployed with a token of ${#EXAMPLE_TOKEN} characters" > deploy/status.txt
echo "variables this task has: $(env | cut -d= -f1 | grep -v '^WTCRAFT_' | sort | tr '\n' ' ')"
