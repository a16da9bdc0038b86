#!/bin/sh
# A stand-in agent: it reads its prompt and does what it asks, inside its scope.
set -e
echo "task: $WTCRAFT_TASK"
echo "prompt: $WTCRAFT_PROMPT"
echo 'hello, world' > src/hello.txt
echo "wrote src/hello.txt"
