#!/bin/sh
# A stand-in writer: one section per generated client, with an example call.
set -e
mkdir -p docs
echo "# API clients" > docs/clients.md
for d in src/clients/*/; do
  name=$(basename "$d")
  printf '\n## %s\n\n    import { get_%s } from "./src/clients/%s";\n' "$name" "$name" "$name" >> docs/clients.md
done
echo "wrote docs/clients.md"
