#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Generate configure and the Makefile templates from a fresh checkout.
set -eu
cd "$(dirname "$0")"
autoreconf --install --force
