#!/bin/sh
# A stand-in agent that does its job and then "helpfully" bumps the version: exactly what contracts are for.
set -e
echo "prompt: $WTCRAFT_PROMPT"
mkdir -p docs
printf '# Greeting\n\n`sh src/greet.sh` prints the greeting from src/hello.txt.\n' > docs/greeting.md
echo "wrote docs/greeting.md"
sed 's/"version": "1.0.0"/"version": "1.0.1"/' package.json > package.json.new && mv package.json.new package.json
echo "bumped the version in package.json while I was at it"
