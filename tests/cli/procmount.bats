#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Patterns and groups reach only what this file started: it runs in a
# private PID namespace of its own (tests/helpers/bats-pidns).
# pidns: the whole file
# /proc mounted with options that hide part of it (issue 13, point 10):
# hidepid=2 hides the processes a user may not ptrace, though the user
# may signal them; subset=pid hides /proc/stat, where the boot time is.
#
# Each test runs a script as PID 1 of a private PID and mount namespace
# (unshare -pfm --mount-proc), mounts /proc there as it needs, starts
# catchers of its own and runs pidkill against them; the script writes
# KEY=VALUE lines to $OUT/result, which the test checks.  Nothing the
# script starts outlives the namespace.
# shellcheck disable=SC2154  # status, output, stderr, lines come from bats
# shellcheck disable=SC2030,SC2031  # each @test is a subshell, by design

load ../helpers/lib

bats_require_minimum_version 1.5.0

setup() {
	common_setup
	OUT="$TMP/out"
	mkdir "$OUT"
}

teardown() { common_teardown; }

# in_namespace SCRIPT: run SCRIPT (bash) as PID 1 of a private PID and
# mount namespace, with CATCHER, PIDKILL, OUT and INNER_LIB set
in_namespace() {
	require_root
	unshare -pfm --mount-proc --kill-child true 2>/dev/null ||
		skip "cannot create a PID and mount namespace here"
	run --separate-stderr timeout -s KILL 60 env CATCHER="$CATCHER" \
		PIDKILL="$PIDKILL" NOBODY_PIDKILL="${NOBODY_PIDKILL:-$PIDKILL}" \
		OUT="$OUT" INNER_LIB="$INNER_LIB" \
		unshare -pfm --mount-proc --kill-child bash -c "$1"
	echo "--- namespace (status $status)"
	printf '%s\n%s\n' "$output" "$stderr"
	echo "--- result"
	cat "$OUT/result" 2>/dev/null || true
	if grep -q '^skip=' "$OUT/result" 2>/dev/null; then
		skip "$(result skip)"
	fi
	[ "$status" = 0 ]
}

# result KEY: the value the script noted for KEY (the last one)
result() {
	sed -n "s/^$1=//p" "$OUT/result" | tail -n 1
}

# A script that remounts /proc with hidepid=2 and starts a catcher named
# victim that nobody (65534) may signal but not read: its real and
# effective UIDs are nobody's, its saved UID root's, so ptrace access (and
# /proc) is refused to nobody while kill(2) permission is not.  Then it
# runs pidkill as nobody: "nk NAME ARGS...", with %P replaced by the
# victim's PID, notes NAME_status, NAME_out and NAME_err, and NAME_usr1,
# the USR1 signals the victim logged so far.
HIDEPID_SETUP='
set -u
source "$INNER_LIB"
result() { echo "$1=$2" >>"$OUT/result"; }
mount -o remount,hidepid=2 /proc 2>/dev/null ||
	{ result skip "cannot mount /proc with hidepid=2 here"; exit 0; }
log=$OUT/victim.log
: >"$log"
chmod 755 "$OUT"
"$CATCHER" --name victim --log "$log" --ready "$log.ready" --drop-to 65534 \
	</dev/null >/dev/null 2>&1 &
vpid=$!
wait_file "$log.ready"
result victim "$vpid"
result start "$(start_time "$vpid")"
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
as_nobody test -e "/proc/$vpid" &&
	{ result skip "hidepid=2 does not hide the victim from nobody"; exit 0; }
as_nobody kill -0 "$vpid" ||
	{ result skip "nobody may not signal the victim"; exit 0; }
nk() {
	local name=$1 st a args=()
	shift
	for a in "$@"; do args+=("${a//%P/$vpid}"); done
	as_nobody "$NOBODY_PIDKILL" "${args[@]}" >"$OUT/$name.out" 2>"$OUT/$name.err"
	st=$?
	sleep 0.2
	result "${name}_status" "$st"
	result "${name}_out" "$(tr "\n" "|" <"$OUT/$name.out")"
	result "${name}_err" "$(tr "\n" "|" <"$OUT/$name.err")"
	result "${name}_usr1" "$(grep -c "^signo=10 " "$log")"
}
'

require_hidepid_tools() {
	command -v setpriv >/dev/null || skip "setpriv is not installed"
	nobody_pidkill
	chmod 755 "$TMP"	# for the pidfile nobody reads
}

@test "hidepid_a_pid_target_that_plain_pidkill_signals_is_signaled_with_-e_--verbose_--output" {
	require_hidepid_tools
	in_namespace "$HIDEPID_SETUP"'
nk plain -USR1 %P
nk echo -USR1 -e %P
nk verbose -USR1 --verbose %P
nk table -USR1 --output PID,COMM,RESULT --noheadings %P
nk token -USR1 -e %P:1
'
	# plain pidkill signals it: it needs nothing read
	[ "$(result plain_status)" = 0 ]
	[ "$(result plain_usr1)" = 1 ]
	# so do -e, --verbose and --output, with its name unknown
	[ "$(result echo_status)" = 0 ]
	[ "$(result echo_usr1)" = 2 ]
	[ "$(result echo_out)" = "? killed (pid $(result victim))|" ]
	[ "$(result verbose_status)" = 0 ]
	[ "$(result verbose_usr1)" = 3 ]
	[[ "$(result verbose_err)" == *"$(result victim) (?): signaled, though it could not be read in /proc"* ]]
	[ "$(result table_status)" = 0 ]
	[ "$(result table_usr1)" = 4 ]
	[[ "$(result table_out)" =~ ^\ *$(result victim)\ +\?\ +signaled\ *\|$ ]]
	# a pidfs id is checked through the pidfd, unread: this one differs
	[ "$(result token_status)" = 1 ]
	[ "$(result token_usr1)" = 4 ]
	[[ "$(result token_err)" == *"identity changed"* ]]
}

@test "hidepid_a_target_that_needs_reading_is_not_verified_never_gone_and_not_signaled" {
	require_hidepid_tools
	in_namespace "$HIDEPID_SETUP"'
nk start -USR1 %P@$(start_time "$vpid")
nk filter -USR1 -e -u 65534 %P
echo "$vpid" >"$OUT/victim.pid"
chmod 644 "$OUT/victim.pid"
nk pidfile -USR1 -e -F "$OUT/victim.pid"
nk proc -USR1 -e "/proc/%P"
nk task -USR1 -e "/proc/%P/task/%P"
nk plain -USR1 %P
'
	local what
	for what in start filter pidfile proc task; do
		[ "$(result "${what}_status")" = 1 ]
		[ "$(result "${what}_usr1")" = 0 ]
		[ "$(result "${what}_out")" = "" ]
		[[ "$(result "${what}_err")" != *gone* ]]
	done
	for what in start filter pidfile proc task; do
		[[ "$(result "${what}_err")" == *": cannot be read in /proc (hidepid?): not verified, not signaled"* ]]
	done
	# and it was alive all along
	[ "$(result plain_status)" = 0 ]
	[ "$(result plain_usr1)" = 1 ]
}

@test "subset_pid_start_column_shows_the_time_not_ticks" {
	in_namespace '
set -u
source "$INNER_LIB"
result() { echo "$1=$2" >>"$OUT/result"; }
sleep 1000 </dev/null >/dev/null 2>&1 &
p=$!
result before "$("$PIDKILL" --dry-run -0 --output START --noheadings "$p")"
mount -t proc -o subset=pid proc /proc 2>/dev/null ||
	{ result skip "cannot mount /proc with subset=pid here"; exit 0; }
[ -e /proc/stat ] && { result skip "subset=pid shows /proc/stat here"; exit 0; }
result after "$("$PIDKILL" --dry-run -0 --output START --noheadings "$p")"
kill -KILL "$p"
'
	local before after
	before=$(result before)
	after=$(result after)
	[[ $before =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9]{2}:[0-9]{2}:[0-9]{2}$ ]]
	[[ $after =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9]{2}:[0-9]{2}:[0-9]{2}$ ]]
	# the boot time from the clocks is the kernel's, within the second
	# it may round to
	before=$(date -d "$before" +%s)
	after=$(date -d "$after" +%s)
	((after - before <= 1 && before - after <= 1))
}
