#!/bin/sh
# A stand-in package install: "downloads" the libraries deps.txt names into vendor/.
set -e
mkdir -p vendor
echo 'echo "hello from vendor"' > vendor/greeting.sh
echo "installed $(cat deps.txt)"
