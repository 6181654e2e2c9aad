#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Patterns and groups reach only what this file started: it runs in a
# private PID namespace of its own (tests/helpers/bats-pidns).
# pidns: the whole file
# Races (issue 3, items 4 and 9): the selected process is replaced, or
# stops passing the selection, between selection and pinning.
#
# A scan pins every process before it reads it: strace then holds
# pidkill at the entry of the open of the victim's /proc/PID/stat
# (delay_enter), after pinning and before reading it.  With fds for one
# pin (MODE name_fewfds) the victim's pin goes to the processes after
# it once it is read: it is pinned again after the scan and read again
# (/proc/PID/status first), where strace holds pidkill.  PID targets and
# pidfiles are pinned after they are read: strace then holds pidkill at
# the entry of pidfd_open(2), after it has selected its targets and
# before it pins them.  The PID-reuse
# tests run in a private PID namespace (`unshare -pf --mount-proc`), where
# writing V-1 to /proc/sys/kernel/ns_last_pid makes the next fork get
# PID V: the victim is killed and reaped, and an impostor with the same
# name takes its PID while pidkill waits.  pidkill must then signal
# nothing and say the target is gone.
# shellcheck disable=SC2154  # status, output, stderr, lines come from bats

load ../helpers/lib

bats_require_minimum_version 1.5.0

setup() { common_setup; }
teardown() { common_teardown; }

# long enough for the test to replace the target while pidkill waits; it
# only bounds how long each test takes
DELAY_US=2000000

# The script run as PID 1 of the namespace.  Environment: CATCHER,
# PIDKILL, OUT (a directory), DELAY_US, MODE (control, name, full,
# name_fewfds, token, pidfile, lockfile, pid_send).
# Writes key=value lines to $OUT/result.
write_inner() {
	cat >"$TMP/inner.sh" <<'EOF'
set -u
umask 022
source "$INNER_LIB"

if [ "$MODE" = lockfile ]; then
	start "$OUT/victim.log" --lock-pidfile "$OUT/victim.pid"
else
	start "$OUT/victim.log" --pidfile "$OUT/victim.pid"
fi
V=$pid
result victim "$V"
result victim_start "$(start_time "$V")"
# the impostor must start in a later clock tick than the victim: a start
# time is all a scan can record of what it selected
sleep 0.2

case $MODE in
control | name | name_fewfds) args=(-x victim) ;;
full) args=(-f "catcher --name victim ") ;;
token) args=("$V@$(start_time "$V")") ;;
pidfile) args=(-F "$OUT/victim.pid") ;;
lockfile) args=(-L -F "$OUT/victim.pid") ;;
pid_send) args=("$V") ;;
esac
fewfds=
verbose=--verbose
impostor_name=victim
case $MODE in
control | name | full)
	# every process is pinned first: hold the reading of the victim
	hold=(-e trace=openat -P "/proc/$V/stat"
		-e inject=openat:delay_enter="$DELAY_US")
	held="\"/proc/$V/stat\"" ;;
name_fewfds)
	# room to pin one process: the processes after V take V's pin once
	# the scan has read V, so V is pinned again, and read again, after
	# the scan; hold that second reading
	for ((i = 0; i < 4; i++)); do
		sleep 60 </dev/null >/dev/null 2>&1 &
	done
	fewfds=$FEW_FDS
	hold=(-e trace=openat -P "/proc/$V/status"
		-e inject=openat:delay_enter="$DELAY_US")
	held="\"/proc/$V/status\"" ;;
pid_send)
	# a plain PID with nothing to show is not read: hold the signal, the
	# victim pinned; the impostor has another name, which must not be
	# taken for the victim's
	hold=(-e trace=pidfd_send_signal
		-e inject=pidfd_send_signal:delay_enter="$DELAY_US")
	held="pidfd_send_signal("
	verbose=
	impostor_name=impostor ;;
*)
	hold=(-e trace=pidfd_open -e inject=pidfd_open:delay_enter="$DELAY_US")
	held="pidfd_open($V," ;;
esac
strace -f -qq -o "$OUT/trace" "${hold[@]}" \
	bash -c "${fewfds:-exec \"\$@\"}" bash \
	"$PIDKILL" ${verbose:+"$verbose"} -USR1 "${args[@]}" \
	>"$OUT/stdout" 2>"$OUT/stderr" &
tracer=$!

# pidkill holds the victim pinned, or has selected it, once it enters
# the held call
wait_held
if [ "$MODE" != control ]; then
	impostor_for "$V" "$impostor_name"
	note_still_held
fi
wait "$tracer"
result status "$?"
# what pidkill sent is handled before the namespace ends
settle "$pid"
EOF
}

# race MODE: run the inner script in a new PID namespace
race() {
	require_pid_namespace
	require_strace
	write_inner
	OUT="$TMP/out"
	mkdir "$OUT"
	CATCHER="$CATCHER" PIDKILL="$PIDKILL" OUT="$OUT" MODE=$1 INNER_LIB="$INNER_LIB" \
		FEW_FDS="$FEW_FDS" \
		DELAY_US=$DELAY_US \
		unshare -pf --mount-proc --kill-child bash "$TMP/inner.sh" \
		>"$TMP/ns.log" 2>&1 &
	STARTED+=("$!")
	wait "$!" || true
	echo "--- result" && cat "$OUT/result"
	echo "--- pidkill stdout" && cat "$OUT/stdout"
	echo "--- pidkill stderr" && cat "$OUT/stderr"
	echo "--- namespace" && cat "$TMP/ns.log"
}

result() {
	sed -n "s/^$1=//p" "$OUT/result"
}

# the reuse happened: the impostor holds the victim's PID, started in a
# later clock tick, while pidkill was still held before pidfd_open
assert_reused() {
	[ "$(result pinning)" = yes ]
	[ -n "$(result impostor)" ]
	[ "$(result impostor)" = "$(result victim)" ] || {
		echo "could not make the impostor reuse PID $(result victim)" >&2
		return 1
	}
	[ "$(result impostor_start)" != "$(result victim_start)" ]
	[ "$(result pidkill_waiting)" = 0 ]
}

# nothing reached the impostor; pidkill said the victim's PID is gone
assert_impostor_spared() {
	assert_quiet "$OUT/impostor.log"
	[ "$(result status)" = 1 ]
	grep -q "$(result victim)" "$OUT/stderr"
	grep -q "gone" "$OUT/stderr"
}

@test "race_harness_signals_the_victim_when_nothing_is_replaced" {
	race control
	[ "$(result pinning)" = yes ]
	[ "$(result status)" = 0 ]
	wait_log "$OUT/victim.log" "^signo=10 code=$SI_USER "
}

@test "refuses_reused_pid_when_selected_by_name" {
	race name
	assert_reused
	assert_impostor_spared
}

@test "refuses_reused_pid_when_selected_by_name_with_few_fds" {
	race name_fewfds
	assert_reused
	assert_impostor_spared
}

@test "refuses_reused_pid_when_selected_by_full_command_line" {
	race full
	assert_reused
	assert_impostor_spared
}

@test "refuses_reused_pid_named_by_pid_at_start_token" {
	race token
	assert_reused
	assert_quiet "$OUT/impostor.log"
	[ "$(result status)" = 1 ]
	grep -q "$(result victim)" "$OUT/stderr"
	# the token names a process that is gone; its PID names another
	grep -Eq "gone|identity changed" "$OUT/stderr"
}

@test "names_no_successor_for_a_plain_pid_that_is_gone" {
	race pid_send
	assert_reused
	assert_quiet "$OUT/impostor.log"
	[ "$(result status)" = 1 ]
	grep -q "^pidkill: $(result victim): gone" "$OUT/stderr"
	[[ $(cat "$OUT/stderr") != *impostor* ]]
}

@test "refuses_reused_pid_read_from_a_pidfile" {
	race pidfile
	assert_reused
	assert_impostor_spared
}

@test "refuses_reused_pid_read_from_a_locked_pidfile_with_logpidfile" {
	race lockfile
	assert_reused
	assert_quiet "$OUT/impostor.log"
	[ "$(result status)" = 1 ]
	grep -q "$(result victim)" "$OUT/stderr"
}

# ---------------------------------------------------------------------
# Every selection criterion is re-read after pinning

# held_pidkill PID ARGS...: start pidkill under strace with fds to pin
# one process, held at the entry of the open of /proc/PID/status: the
# scan read PID pinned, gave its pin to the processes after it, pinned it
# again after the scan, and is about to read it again, which status
# begins (the scan reads stat alone).  Returns once it is held.  TRACER
# is strace's PID.
held_pidkill() {
	local pid=$1 i
	shift
	strace -f -qq -o "$TMP/trace" -e trace=openat,pidfd_open \
		-P "/proc/$pid/status" \
		-e inject=openat:delay_enter="$DELAY_US" \
		bash -c "$FEW_FDS" bash \
		"$PIDKILL" --verbose "$@" >"$TMP/stdout" 2>"$TMP/stderr" &
	TRACER=$!
	STARTED+=("$TRACER")
	for ((i = 0; i < 500; i++)); do
		grep -q "\"/proc/$pid/status\"" "$TMP/trace" 2>/dev/null &&
			return 0
		sleep 0.01
	done
	echo "pidkill never read /proc/$pid/status" >&2
	return 1
}

# held_status: wait for pidkill, its exit status in $status
held_status() {
	status=0
	wait "$TRACER" || status=$?
	echo "--- pidkill stderr" && cat "$TMP/stderr"
}

@test "does_not_signal_a_process_that_stopped_passing_runstates" {
	require_strace
	local name="pk$RANDOM"
	start_catcher "$name"
	held_pidkill "$CPID" -USR1 -r S -x "$name"
	kill -STOP "$CPID"
	held_status
	kill -CONT "$CPID"
	wait_log "$CLOG" "^signo=18 "
	sleep 0.2
	if grep -q '^signo=10 ' "$CLOG"; then
		cat "$CLOG" >&2
		false
	fi
	[ "$status" -eq 1 ]
	grep -q "$CPID" "$TMP/stderr"
}

@test "does_not_signal_a_process_whose_parent_changed" {
	require_strace
	local name="pk$RANDOM"
	# shellcheck disable=SC2016  # expanded by the inner bash
	bash -c '"$1" --name "$2" --log "$3" --ready "$3.ready" \
		</dev/null >/dev/null 2>&1 & wait' \
		bash "$CATCHER" "$name" "$TMP/child.log" &
	local parent=$!
	STARTED+=("$parent")
	wait_file "$TMP/child.log.ready"
	local child
	child=$(sed -n 's/^pid=//p' "$TMP/child.log.ready")
	STARTED+=("$child")
	held_pidkill "$child" -USR1 -P "$parent" -x "$name"
	kill -KILL "$parent"
	wait "$parent" || true
	held_status
	assert_quiet "$TMP/child.log"
	[ "$status" -eq 1 ]
	grep -q "$child" "$TMP/stderr"
}

@test "signals_a_held_target_that_still_passes_the_selection" {
	require_strace
	local name="pk$RANDOM"
	start_catcher "$name"
	held_pidkill "$CPID" -USR1 -r S -x "$name"
	held_status
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_USER "
}
