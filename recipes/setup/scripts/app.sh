#!/bin/sh
# A stand-in agent that uses what the setup prepared: the vendored library and the .env file.
set -e
. ./.env
mkdir -p out
sh vendor/greeting.sh > out/app.txt
echo "greeting: $GREETING" >> out/app.txt
cat out/app.txt
