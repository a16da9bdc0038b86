#!/bin/sh
# A stand-in formatter: collapses runs of spaces in JavaScript files; with --check it only says whether it would.
set -e
check=no
if [ "$1" = "--check" ]; then check=yes; shift; fi
status=0
for f in $(find "$1" -name '*.js' | sort); do
  sed 's/   */ /g' "$f" > "$f.fmt"
  if [ "$check" = yes ]; then
    cmp -s "$f" "$f.fmt" || { echo "would reformat $f"; status=1; }
    rm "$f.fmt"
  else
    mv "$f.fmt" "$f"
  fi
done
exit $status
