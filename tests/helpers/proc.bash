# SPDX-License-Identifier: GPL-2.0-or-later
# proc.bash - waiting for files and reading start times, for the bats
# suites (through lib.bash) and for the scripts they run as PID 1 of a
# private PID namespace (through inner.bash).
# shellcheck shell=bash

# bash's loadable builtins (package bash-builtins), where installed: the
# tests wait in thousands of short naps and make a scratch directory
# for every test, and a builtin does it without starting a process.
# The sleep builtin is enabled only while nap runs, so that "sleep 30 &"
# in a test is still a process named sleep.
enable -f /usr/lib/bash/mktemp mktemp 2>/dev/null || true
[ "$(type -t mktemp)" != builtin ] || MKTEMP_BUILTIN=1
if enable -f /usr/lib/bash/sleep sleep 2>/dev/null; then
	enable -n sleep
	SLEEP_BUILTIN=1
fi

# nap SECONDS: sleep, by the builtin where there is one
nap() {
	if [ -n "${SLEEP_BUILTIN-}" ]; then
		enable sleep
		sleep "$1"
		enable -n sleep
	else
		sleep "$1"
	fi
}

# wait_file FILE: wait up to ~5 s for FILE to exist
wait_file() {
	local i
	for ((i = 0; i < 500; i++)); do
		[ -e "$1" ] && return 0
		nap 0.01
	done
	echo "timed out waiting for $1" >&2
	return 1
}

# start_time PID: its start time (clock ticks since boot), field 22 of stat
start_time() {
	local stat rest
	stat=$(cat "/proc/$1/stat")
	rest=${stat##*) }
	# after "comm) " the fields start at 3 (state); 22 is the 20th
	awk '{ print $20 }' <<<"$rest"
}
