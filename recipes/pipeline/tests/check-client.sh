#!/bin/sh
# The client test: the module's client exists and exports a function for its path.
set -e
grep -q "export function get_$1" "src/clients/$1/index.js"
