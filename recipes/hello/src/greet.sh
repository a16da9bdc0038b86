#!/bin/sh
cat "$(dirname "$0")/hello.txt"
