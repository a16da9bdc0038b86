#!/bin/sh
# A stand-in code generator: reads the prompt file, finds the OpenAPI file it names, and writes a client for it.
set -e
spec=$(grep -o 'openapi/[a-z]*\.yaml' "$1" | head -1)
name=$(basename "$spec" .yaml)
mkdir -p "src/clients/$name"
{
  echo "// generated from $spec"
  grep '^  /' "$spec" | sed 's|^  /\([a-z]*\):.*|export function get_\1()   { return fetch("/\1"); }|'
} > "src/clients/$name/index.js"
echo "generated src/clients/$name/index.js"
