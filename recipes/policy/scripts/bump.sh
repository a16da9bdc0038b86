#!/bin/sh
# A stand-in agent: adds a section to the changelog.
set -e
{ sed -n '1,2p' CHANGELOG.md; printf '## 1.0.1\n- Fixed the greeting.\n\n'; sed -n '3,$p' CHANGELOG.md; } > CHANGELOG.md.new
mv CHANGELOG.md.new CHANGELOG.md
echo "added 1.0.1"
