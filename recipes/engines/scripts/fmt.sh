#!/bin/sh
# A formatter as an engine: strips trailing whitespace from every file under the directory it is given.
set -e
find "$1" -type f | while read -r f; do
  sed 's/[[:space:]]*$//' "$f" > "$f.tmp" && mv "$f.tmp" "$f"
done
echo "formatted $1"
