#!/bin/sh
echo "version $(cat "$(dirname "$0")/../VERSION")"
