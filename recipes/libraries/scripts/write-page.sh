#!/bin/sh
# A stand-in agent: writes the page its prompt names (docs/NAME.md).
set -e
page=$(printf '%s\n' "$WTCRAFT_PROMPT" | sed -n 's|.*\(docs/[a-z-]*\.md\).*|\1|p' | head -1)
mkdir -p docs
printf '# %s\n\nWritten for %s.\n' "$(basename "$page" .md)" "$WTCRAFT_TASK" > "$page"
echo "wrote $page"
