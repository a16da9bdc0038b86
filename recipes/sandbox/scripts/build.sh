#!/bin/sh
# A stand-in build: writes out/build.txt, and notes what it could reach (inside the sandbox: no network, and the
# repository's git directory read-only).
set -e
mkdir -p out
echo "built at $(date -u +%H:%M:%S)" > out/build.txt
if (exec 3<>/dev/tcp/127.0.0.1/22) 2>/dev/null; then echo "network: reachable"; else echo "network: none"; fi >> out/build.txt
cat out/build.txt
