#!/bin/sh
# Generate configure and the Makefile templates from a fresh checkout.
set -eu
cd "$(dirname "$0")"
autoreconf --install --force
