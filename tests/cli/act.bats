#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Patterns and groups reach only what this file started: it runs in a
# private PID namespace of its own (tests/helpers/bats-pidns).
# pidns: the whole file
# Acting: waiting, retry schedules, scopes, exit reports and more targets
# than file descriptors (issue 4).
#
# Every test runs pidkill against real processes and asserts what the
# targets received (catcher logs, pending-signal masks in /proc), whether
# they are still running afterwards, what pidkill printed and its exit
# status.
# shellcheck disable=SC2154  # status, output, stderr, lines come from bats
# shellcheck disable=SC2030,SC2031  # each @test is a subshell, by design
# shellcheck disable=SC2153  # CPID, CLOG, CREADY come from lib.bash

load ../helpers/lib

bats_require_minimum_version 1.5.0

setup() {
	common_setup
	# parents that were stopped so that their children stay zombies
	# (holding their PIDs) until teardown: killed after everything in
	# STARTED, so no child PID can be reused before it is killed
	LAST=()
}

teardown() {
	local pid
	common_teardown
	for pid in "${LAST[@]}"; do
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
}

# start_bash SCRIPT ARGS...: run `bash -c SCRIPT bash ARGS...` in the
# background; sets BPID
start_bash() {
	local script=$1
	shift
	bash -c "$script" bash "$@" </dev/null >/dev/null 2>&1 &
	BPID=$!
	STARTED+=("$BPID")
}

# A bash process that runs TRAP on SIGTERM and touches $1/ready once the
# trap is set
# shellcheck disable=SC2016  # expanded by bash -c, not here
TRAPPER='trap "$2" TERM; : >"$1/ready"; while :; do sleep 0.05; done'

# start_trapper TRAP: start a TRAPPER and wait until its trap is set
start_trapper() {
	rm -f "$TMP/ready"
	start_bash "$TRAPPER" "$TMP" "$1"
	wait_file "$TMP/ready"
}

# spawn_stopped N CMD...: a bash parent starts N copies of CMD (with "$i"
# in the arguments replaced by the copy's index), writes their PIDs to
# $TMP/spawned, then stops itself so that it never reaps them.  Sets
# SPAWNER and KIDS (the PIDs, also in STARTED).
spawn_stopped() {
	local n=$1
	shift
	# shellcheck disable=SC2016  # expanded by bash -c, not here
	bash -c '
		out=$1 n=$2
		shift 2
		for ((i = 0; i < n; i++)); do
			"${@//\$i/$i}" </dev/null >/dev/null 2>&1 &
			echo "$!"
		done >"$out.tmp"
		mv "$out.tmp" "$out"
		kill -STOP "$$"' bash "$TMP/spawned" "$n" "$@" &
	SPAWNER=$!
	LAST+=("$SPAWNER")
	wait_file "$TMP/spawned"
	mapfile -t KIDS <"$TMP/spawned"
	STARTED+=("${KIDS[@]}")
	[ "${#KIDS[@]}" -eq "$n" ]
}

# mask_has HEX BIT: the signal mask HEX (from /proc status) has BIT set
mask_has() {
	(((16#$1 & $2) != 0))
}

# mask_lacks HEX BIT: BIT is clear in HEX (a bare `! mask_has` would not
# fail a bats test)
mask_lacks() {
	if mask_has "$1" "$2"; then
		echo "mask $1 has bit $2" >&2
		return 1
	fi
}

# pending PID TID FIELD: a SigPnd/ShdPnd mask of one task, in hex
pending() {
	sed -n "s/^$3:[[:space:]]*//p" "/proc/$1/task/$2/status"
}

# Milliseconds on the monotonic-ish wall clock, for coarse bounds only
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

USR1_BIT=$((1 << 9)) # SIGUSR1 is 10: bit 9 of the masks

# ---------------------------------------------------------------------
# -w/--wait

@test "wait_returns_only_after_the_target_has_exited" {
	# the target takes half a second to exit after SIGTERM, and marks
	# its exit: the mark must be there when pidkill returns
	# shellcheck disable=SC2016  # expanded by the trapper
	start_trapper 'sleep 0.5; : >"$1/exited"; exit 0'
	pk -w "$BPID"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ -e "$TMP/exited" ]
	not_running "$BPID"
}

@test "without_wait_pidkill_returns_while_the_target_is_still_exiting" {
	# the control for the test above: the same target is still running
	# right after a pidkill without -w
	# shellcheck disable=SC2016  # expanded by the trapper
	start_trapper 'sleep 5; : >"$1/exited"; exit 0'
	pk "$BPID"
	[ "$status" -eq 0 ]
	running "$BPID"
	[ ! -e "$TMP/exited" ]
}

@test "wait_on_a_plain_process_exits_0_once_it_is_gone" {
	sleep 30 &
	local pid=$!
	STARTED+=("$pid")
	pk -w "$pid"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ -z "$stderr" ]
	not_running "$pid"
}

@test "wait_timeout_with_a_survivor_exits_4_and_names_it" {
	local name
	name=$(uniq_name surv)
	start_catcher "$name" --only TERM
	pk -w --timeout 1s "$CPID"
	[ "$status" -eq 4 ]
	[ -z "$output" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[ "$stderr" = "pidkill: $CPID ($name): still alive" ]
	wait_log "$CLOG" '^signo=15 '
	running "$CPID"
}

@test "timeout_alone_implies_wait_and_lists_every_survivor" {
	local n1 n2 p1 l1
	n1=$(uniq_name surva)
	n2=$(uniq_name survb)
	start_catcher "$n1" --only TERM
	p1=$CPID l1=$CLOG
	start_catcher "$n2" --only TERM
	pk --timeout 300ms "$p1" "$CPID"
	[ "$status" -eq 4 ]
	[ "${#stderr_lines[@]}" -eq 2 ]
	[[ $stderr == *"pidkill: $p1 ($n1): still alive"* ]]
	[[ $stderr == *"pidkill: $CPID ($n2): still alive"* ]]
	wait_log "$l1" '^signo=15 '
	wait_log "$CLOG" '^signo=15 '
	running "$p1"
	running "$CPID"
}

@test "wait_exits_0_when_every_target_exited_in_time" {
	local p1
	start_catcher "$(uniq_name fine)" --exit-on TERM
	p1=$CPID
	start_catcher "$(uniq_name fine)" --exit-on TERM
	pk -w --timeout 10s "$p1" "$CPID"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	not_running "$p1"
	not_running "$CPID"
}

@test "wait_exits_1_when_nothing_could_be_signaled" {
	gone_pid
	pk -w "$GONE"
	[ "$status" -eq 1 ]
	[[ $stderr == *"$GONE"* ]]
}

@test "wait_exits_0_when_the_signaled_targets_exited_and_others_were_gone" {
	sleep 30 &
	local pid=$!
	STARTED+=("$pid")
	gone_pid
	pk -w "$GONE" "$pid"
	[ "$status" -eq 0 ]
	[[ $stderr == *"$GONE"* ]]
	[[ $stderr != *"$pid"* ]]
	not_running "$pid"
}

@test "zombie_target_does_not_hang_the_wait" {
	# a stopped parent never reaps its child: once killed, the child
	# stays a zombie
	# shellcheck disable=SC2016  # expanded by bash -c, not here
	bash -c 'sleep 1000 </dev/null & echo "$!" >"$1.tmp"; mv "$1.tmp" "$1"
		kill -STOP "$$"' bash "$TMP/child" &
	LAST+=("$!")
	wait_file "$TMP/child"
	local zombie
	zombie=$(cat "$TMP/child")
	STARTED+=("$zombie")
	kill -KILL "$zombie"
	local i
	for ((i = 0; i < 500; i++)); do
		[ "$(state_of "$zombie")" = Z ] && break
		sleep 0.01
	done
	[ "$(state_of "$zombie")" = Z ]
	run --separate-stderr timeout 10 "$PIDKILL" -w "$zombie"
	show_run
	[ "$status" -eq 0 ]
	run --separate-stderr timeout 10 "$PIDKILL" -w -R TERM/30/KILL/30 \
		"$zombie"
	show_run
	[ "$status" -eq 0 ]
	[ "$(state_of "$zombie")" = Z ]
}

# ---------------------------------------------------------------------
# -R/--retry

@test "retry_TERM_1_KILL_5_takes_down_a_process_that_ignores_TERM" {
	start_catcher "$(uniq_name stub)" --only TERM
	local t0 t1 rc=0
	t0=$(now_ms)
	pk -R TERM/1/KILL/5 "$CPID"
	t1=$(now_ms)
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	# it got TERM once (and survived it), then died of SIGKILL
	[ "$(log_count "$CLOG" 15)" -eq 1 ]
	[ "$(log_count "$CLOG")" -eq 1 ]
	wait "$CPID" || rc=$?
	forget_pid "$CPID"
	[ "$rc" -eq $((128 + 9)) ]
	# the schedule waited its second before KILL, and no more than
	# that (loose bounds: this is not a performance test)
	echo "took $((t1 - t0)) ms"
	[ $((t1 - t0)) -ge 900 ]
	[ $((t1 - t0)) -lt 4000 ]
}

@test "retry_reports_how_the_target_ended_with_verbose" {
	local name
	name=$(uniq_name stub)
	start_catcher "$name" --only TERM
	pk --verbose -R TERM/0.2/KILL/5 "$CPID"
	[ "$status" -eq 0 ]
	[[ $stderr == *"$CPID ($name): exited, killed by signal 9"* ]]
}

@test "retry_bare_timeout_sends_the_signal_then_KILL" {
	start_catcher "$(uniq_name bare)" --only USR1
	local rc=0
	pk -USR1 -R 0.3 "$CPID"
	[ "$status" -eq 0 ]
	[ "$(log_count "$CLOG" 10)" -eq 1 ]
	[ "$(log_count "$CLOG")" -eq 1 ]
	wait "$CPID" || rc=$?
	forget_pid "$CPID"
	[ "$rc" -eq $((128 + 9)) ]
}

@test "retry_stops_at_the_first_step_the_target_does_not_survive" {
	start_catcher "$(uniq_name soft)" --exit-on TERM
	local rc=0
	pk -R TERM/5/KILL/5 "$CPID"
	[ "$status" -eq 0 ]
	[ "$(log_count "$CLOG")" -eq 1 ]
	wait "$CPID" || rc=$?
	forget_pid "$CPID"
	[ "$rc" -eq 0 ]
}

@test "retry_with_a_survivor_exits_4_and_names_it" {
	local name
	name=$(uniq_name hard)
	start_catcher "$name" --only USR1,USR2
	pk -R USR1/0.2/USR2/0.2 "$CPID"
	[ "$status" -eq 4 ]
	[ "$stderr" = "pidkill: $CPID ($name): still alive" ]
	wait_log "$CLOG" '^signo=10 '
	wait_log "$CLOG" '^signo=12 '
	[ "$(log_count "$CLOG")" -eq 2 ]
	running "$CPID"
}

@test "retry_numeric_signals_need_a_dash" {
	start_catcher "$(uniq_name dash)" --only USR1
	pk -R -10/0.2 "$CPID"
	[ "$status" -eq 4 ]
	wait_log "$CLOG" '^signo=10 '
	[ "$(log_count "$CLOG")" -eq 1 ]
}

# retry_forever_case SCHEDULE: run pidkill -R SCHEDULE in the background
# on a catcher that survives USR1 and USR2; once it logged USR1 three
# times, kill the catcher: pidkill must then exit 0
retry_forever_case() {
	start_catcher "$(uniq_name loop)" --only USR1,USR2
	timeout 20 "$PIDKILL" -R "$1" "$CPID" >"$TMP/out" 2>"$TMP/err" &
	local pk_pid=$! rc=0 i
	STARTED+=("$pk_pid")
	for ((i = 0; i < 500; i++)); do
		[ "$(log_count "$CLOG" 10)" -ge 3 ] && break
		sleep 0.01
	done
	cat "$CLOG"
	[ "$(log_count "$CLOG" 10)" -ge 3 ]
	kill -KILL "$CPID"
	wait "$pk_pid" || rc=$?
	forget_pid "$pk_pid"
	cat "$TMP/err"
	[ "$rc" -eq 0 ]
}

@test "retry_forever_at_the_end_repeats_the_last_signal_and_its_wait" {
	retry_forever_case USR2/0.1/USR1/0.1/forever
	# USR2 came once, first
	[ "$(log_count "$CLOG" 12)" -eq 1 ]
	head -n 1 "$CLOG" | grep -q '^signo=12 '
}

@test "retry_forever_repeats_what_follows_it" {
	retry_forever_case USR2/0.1/forever/USR1/0.1
	[ "$(log_count "$CLOG" 12)" -eq 1 ]
	head -n 1 "$CLOG" | grep -q '^signo=12 '
}

# ---------------------------------------------------------------------
# How waited targets ended (--verbose)

@test "verbose_reports_a_waited_targets_exit_status" {
	start_trapper 'exit 3'
	pk --verbose -w "$BPID"
	[ "$status" -eq 0 ]
	[[ $stderr == *"$BPID (bash): exited with status 3"* ]]
}

@test "verbose_reports_a_waited_targets_terminating_signal" {
	sleep 30 &
	local pid=$!
	STARTED+=("$pid")
	pk --verbose -KILL -w "$pid"
	[ "$status" -eq 0 ]
	[[ $stderr == *"$pid (sleep): exited, killed by signal 9 (Killed)"* ]]
	sleep 30 &
	pid=$!
	STARTED+=("$pid")
	pk --verbose -w "$pid"
	[ "$status" -eq 0 ]
	[[ $stderr == *"$pid (sleep): exited, killed by signal 15"* ]]
}

@test "verbose_reports_the_exit_status_of_pidkills_own_child" {
	# the target becomes pidkill's child when its parent execs pidkill:
	# pidkill reaps it itself (waitid on the pidfd)
	# shellcheck disable=SC2016  # expanded by bash -c, not here
	run --separate-stderr bash -c '
		(trap "exit 5" TERM; : >"$1/ready"
		 while :; do sleep 0.05; done) </dev/null >/dev/null &
		echo "$!" >"$1/child"
		while [ ! -e "$1/ready" ]; do sleep 0.01; done
		exec "$2" --verbose -w "$!"' bash "$TMP" "$PIDKILL"
	show_run
	local child
	child=$(cat "$TMP/child")
	[ "$status" -eq 0 ]
	[[ $stderr == *"$child (bash): exited with status 5"* ]]
	not_running "$child"
}

# ---------------------------------------------------------------------
# -m/--mrelease

@test "mrelease_after_KILL_releases_the_target_quietly" {
	require_strace
	sleep 30 &
	local pid=$!
	STARTED+=("$pid")
	run --separate-stderr strace -f -qq -e trace=process_mrelease \
		-o "$TMP/trace" "$PIDKILL" -m -KILL -w "$pid"
	show_run
	cat "$TMP/trace"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	grep -q '^[0-9]* *process_mrelease(' "$TMP/trace"
	not_running "$pid"
}

# freezer_v1: the mount point of a cgroup v1 freezer hierarchy, from
# /proc/self/mountinfo (empty if there is none)
freezer_v1() {
	local _id _parent _dev _root point _rest
	while read -r _id _parent _dev _root point _rest; do
		[[ $_rest == *" - cgroup "*[,\ ]freezer* ]] && echo "$point" && return
	done </proc/self/mountinfo
	return 0	# none: the test goes on without one
}

# until_true CMD...: wait up to ~5 s for CMD to succeed
until_true() {
	local i
	for ((i = 0; i < 500; i++)); do
		"$@" 2>/dev/null && return 0
		sleep 0.01
	done
	"$@"
}

# A CLONE_VM child killed with -m: process_mrelease refuses (EINVAL) an
# address space that a live process shares.  The kernel can only be asked
# while the child has not exited yet: frozen in a cgroup v1 freezer, a
# killed process waits until thawed; without one, the child is killed
# until a run asks the kernel in time (it skips if none does).
@test "mrelease_of_a_process_sharing_its_memory_says_why_and_keeps_the_kill" {
	local name ready parent child fz cg='' attempt
	fz=$(freezer_v1)
	if [ -n "$fz" ] && [ "$(id -u)" = 0 ]; then
		cg="$fz/pidkill-$$-$RANDOM"
		mkdir "$cg"
	fi
	for ((attempt = 0; attempt < 30; attempt++)); do
		name=$(uniq_name vm)
		ready="$TMP/sharevm.$attempt.ready"
		"$HELPERS/sharevm" "$name" "$ready" </dev/null >/dev/null 2>&1 &
		parent=$!
		# the child stays a zombie of the parent until the parent dies,
		# so its PID is killed, in teardown, before the parent's
		STARTED+=("$parent")
		wait_file "$ready"
		child=$(sed -n 's/^child=//p' "$ready")
		STARTED=("$child" "${STARTED[@]}")
		if [ -n "$cg" ]; then
			echo "$child" >"$cg/tasks"
			echo FROZEN >"$cg/freezer.state"
			until_true grep -qx FROZEN "$cg/freezer.state"
		fi
		pk -m -KILL "$child"
		[ -n "$cg" ] && echo THAWED >"$cg/freezer.state"
		# the signal was delivered: the kill's status stands
		[ "$status" -eq 0 ]
		until_true not_running "$child"
		running "$parent"
		[ -n "$stderr" ] && break
	done
	if [ -n "$cg" ]; then
		rmdir "$cg" 2>/dev/null || true
	fi
	[ -n "$stderr" ] || skip "the killed process always exited before process_mrelease"
	[ "${#stderr_lines[@]}" -eq 1 ]
	[ "$stderr" = "pidkill: $child ($name): its memory could not be released early: another process shares it (EINVAL)" ]
}

@test "mrelease_does_nothing_after_other_signals" {
	require_strace
	sleep 30 &
	local pid=$!
	STARTED+=("$pid")
	run --separate-stderr strace -f -qq -e trace=process_mrelease \
		-o "$TMP/trace" "$PIDKILL" -m -w "$pid"
	show_run
	cat "$TMP/trace"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$(grep -c 'process_mrelease(' "$TMP/trace")" -eq 0 ]
	not_running "$pid"
}

# ---------------------------------------------------------------------
# --scope=thread

@test "thread_scope_signal_is_pending_on_that_thread_only" {
	start_catcher "$(uniq_name thr)" --threads 2 --block USR1
	local tids tid
	read -r -a tids <<<"$(catcher_tids "$CREADY")"
	pk --scope=thread -USR1 "/proc/$CPID/task/${tids[0]}"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	mask_has "$(pending "$CPID" "${tids[0]}" SigPnd)" "$USR1_BIT"
	mask_lacks "$(pending "$CPID" "${tids[0]}" ShdPnd)" "$USR1_BIT"
	for tid in "$CPID" "${tids[1]}"; do
		mask_lacks "$(pending "$CPID" "$tid" SigPnd)" "$USR1_BIT"
	done
}

@test "thread_scope_accepts_a_bare_TID" {
	start_catcher "$(uniq_name thr)" --threads 2 --block USR1
	local tids tid
	read -r -a tids <<<"$(catcher_tids "$CREADY")"
	pk --scope=thread -USR1 "${tids[1]}"
	[ "$status" -eq 0 ]
	mask_has "$(pending "$CPID" "${tids[1]}" SigPnd)" "$USR1_BIT"
	mask_lacks "$(pending "$CPID" "${tids[1]}" ShdPnd)" "$USR1_BIT"
	for tid in "$CPID" "${tids[0]}"; do
		mask_lacks "$(pending "$CPID" "$tid" SigPnd)" "$USR1_BIT"
	done
}

@test "thread_scope_on_a_PID_signals_its_main_thread" {
	start_catcher "$(uniq_name thr)" --threads 2 --block USR1
	local tids tid
	read -r -a tids <<<"$(catcher_tids "$CREADY")"
	pk --scope=thread -USR1 "$CPID"
	[ "$status" -eq 0 ]
	mask_has "$(pending "$CPID" "$CPID" SigPnd)" "$USR1_BIT"
	mask_lacks "$(pending "$CPID" "$CPID" ShdPnd)" "$USR1_BIT"
	for tid in "${tids[@]}"; do
		mask_lacks "$(pending "$CPID" "$tid" SigPnd)" "$USR1_BIT"
	done
}

@test "process_scope_signal_is_pending_on_the_whole_process" {
	# the control for the thread tests: the default scope leaves the
	# signal shared-pending, on no thread of its own
	start_catcher "$(uniq_name thr)" --threads 2 --block USR1
	local tids tid
	read -r -a tids <<<"$(catcher_tids "$CREADY")"
	pk --scope=process -USR1 "$CPID"
	[ "$status" -eq 0 ]
	mask_has "$(pending "$CPID" "$CPID" ShdPnd)" "$USR1_BIT"
	for tid in "$CPID" "${tids[@]}"; do
		mask_lacks "$(pending "$CPID" "$tid" SigPnd)" "$USR1_BIT"
	done
}

# ---------------------------------------------------------------------
# --scope=pgroup

# start_group: a new session and process group led by a bash that
# ignores USR1, with three catcher members named $PFX-a/b/c (logs
# $TMP/a.log...); also an outsider catcher in the test's own group.
# Sets LEADER, MEMBERS (a b c PIDs) and OUTLOG.
start_group() {
	PFX=$(uniq_name pg)
	local m i
	for m in a b c; do : >"$TMP/$m.log"; done
	# shellcheck disable=SC2016  # expanded by bash -c, not here
	setsid bash -c '
		trap "" USR1
		for m in a b c; do
			"$1" --name "$2$m" --log "$3/$m.log" --ready "$3/$m.ready" &
			echo "$!" >>"$3/members"
		done
		wait' bash "$CATCHER" "$PFX" "$TMP" </dev/null >/dev/null 2>&1 &
	LEADER=$!
	# killed last: its members are in STARTED and die first
	LAST+=("$LEADER")
	for m in a b c; do wait_file "$TMP/$m.ready"; done
	for ((i = 0; i < 500; i++)); do
		[ "$(wc -l <"$TMP/members")" -eq 3 ] && break
		sleep 0.01
	done
	mapfile -t MEMBERS <"$TMP/members"
	[ "${#MEMBERS[@]}" -eq 3 ]
	STARTED+=("${MEMBERS[@]}")
	[ "$(ps -o pgid= -p "$LEADER" | tr -d ' ')" = "$LEADER" ]
	for m in "${MEMBERS[@]}"; do
		[ "$(ps -o pgid= -p "$m" | tr -d ' ')" = "$LEADER" ]
	done
	start_catcher "$(uniq_name out)"
	OUTLOG=$CLOG
}

# every member logged USR1 exactly once; the outsider nothing
group_got_usr1_once() {
	local m
	for m in a b c; do wait_log "$TMP/$m.log" '^signo=10 '; done
	sleep 0.2
	for m in a b c; do
		cat "$TMP/$m.log"
		[ "$(log_count "$TMP/$m.log")" -eq 1 ]
		[ "$(log_count "$TMP/$m.log" 10)" -eq 1 ]
	done
	assert_quiet "$OUTLOG"
}

@test "pgroup_scope_through_two_named_members_signals_the_group_once" {
	start_group
	pk --scope=pgroup -USR1 -x "${PFX}a" "${PFX}b"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	group_got_usr1_once
	running "$LEADER"
}

@test "pgroup_scope_through_a_member_pid_reaches_every_member" {
	start_group
	pk --scope=pgroup -USR1 "${MEMBERS[2]}"
	[ "$status" -eq 0 ]
	group_got_usr1_once
}

@test "pgroup_scope_through_the_leader_reaches_every_member" {
	start_group
	pk --scope=pgroup -USR1 "$LEADER"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	group_got_usr1_once
	running "$LEADER"
}

# ---------------------------------------------------------------------
# More targets than file descriptors

@test "400_targets_under_ulimit_48_are_all_signaled_and_waited_for" {
	spawn_stopped 400 sleep 1000
	local pid
	pk_fds 48 -c -w --timeout 20s -P "$SPAWNER" -x sleep
	[ "$status" -eq 0 ]
	[ "$output" = 400 ]
	[ -z "$stderr" ]
	for pid in "${KIDS[@]}"; do
		not_running "$pid"
	done
}

@test "retry_schedule_over_60_targets_under_ulimit_48" {
	local name pid i
	name=$(uniq_name many)
	# shellcheck disable=SC2016  # $i is replaced by spawn_stopped
	spawn_stopped 60 "$CATCHER" --name "$name" --only TERM \
		--log "$TMP/c.\$i.log" --ready "$TMP/c.\$i.ready"
	for ((i = 0; i < 60; i++)); do wait_file "$TMP/c.$i.ready"; done
	pk_fds 48 -c -R TERM/0.5/KILL/10 -P "$SPAWNER" -x "$name"
	[ "$status" -eq 0 ]
	[ "$output" = 60 ]
	[ -z "$stderr" ]
	for ((i = 0; i < 60; i++)); do
		[ "$(log_count "$TMP/c.$i.log" 15)" -eq 1 ]
		[ "$(log_count "$TMP/c.$i.log")" -eq 1 ]
	done
	for pid in "${KIDS[@]}"; do
		not_running "$pid"
	done
}

@test "timeout_survivors_under_ulimit_48_are_all_listed" {
	local name i
	name=$(uniq_name lots)
	# shellcheck disable=SC2016  # $i is replaced by spawn_stopped
	spawn_stopped 60 "$CATCHER" --name "$name" --only TERM \
		--log "$TMP/c.\$i.log" --ready "$TMP/c.\$i.ready"
	for ((i = 0; i < 60; i++)); do wait_file "$TMP/c.$i.ready"; done
	pk_fds 48 --timeout 300ms -P "$SPAWNER" -x "$name"
	[ "$status" -eq 4 ]
	[ "${#stderr_lines[@]}" -eq 60 ]
	for pid in "${KIDS[@]}"; do
		[[ $stderr == *"pidkill: $pid ($name): still alive"* ]]
		running "$pid"
	done
}

@test "thread_scope_over_60_threads_under_ulimit_48" {
	start_catcher "$(uniq_name thrs)" --threads 60 --block USR1
	local tids tid args=()
	read -r -a tids <<<"$(catcher_tids "$CREADY")"
	[ "${#tids[@]}" -eq 60 ]
	for tid in "${tids[@]}"; do args+=("/proc/$CPID/task/$tid"); done
	pk_fds 48 -c --scope=thread -USR1 "${args[@]}"
	[ "$status" -eq 0 ]
	[ "$output" = 60 ]
	[ -z "$stderr" ]
	for tid in "${tids[@]}"; do
		mask_has "$(pending "$CPID" "$tid" SigPnd)" "$USR1_BIT"
	done
	mask_lacks "$(pending "$CPID" "$CPID" SigPnd)" "$USR1_BIT"
	mask_lacks "$(pending "$CPID" "$CPID" ShdPnd)" "$USR1_BIT"
}

# ---------------------------------------------------------------------
# Bad input: exit 2, one line naming the bad word, nothing sent

# usage_error NAMED ARGS...: pidkill ARGS <a catcher> exits 2 with one
# line on stderr containing NAMED, and the catcher receives nothing
usage_error() {
	local named=$1
	shift
	start_catcher "$(uniq_name bad)"
	usage_case "$named" "$@" "$CPID"
	assert_quiet "$CLOG"
	running "$CPID"
}

@test "rejects_duration_with_a_bad_unit" { usage_error "'5x'" --timeout 5x; }
@test "rejects_negative_duration" { usage_error "'-1'" --timeout -1; }
@test "rejects_duration_ending_in_a_dot" { usage_error "'1.'" --timeout 1.; }
@test "rejects_empty_duration" { usage_error "''" --timeout=; }
@test "rejects_empty_schedule" { usage_error "''" -R ''; }
@test "rejects_schedule_of_a_signal_alone" { usage_error "'TERM'" -R TERM; }
@test "rejects_schedule_with_an_empty_item" { usage_error "schedule" -R TERM//5; }
@test "rejects_schedule_with_a_trailing_slash" { usage_error "schedule" -R TERM/5/; }
@test "rejects_schedule_with_an_unknown_signal" { usage_error "'FOO'" -R TERM/5/FOO/5; }
@test "rejects_schedule_starting_with_forever" { usage_error "'forever'" -R forever/5; }
@test "rejects_schedule_with_forever_twice" { usage_error "'forever'" -R TERM/5/forever/forever; }
@test "rejects_forever_loop_without_a_wait" { usage_error "'TERM/forever'" -R TERM/forever; }

# usage_error_in_time NAMED ARGS...: as usage_error, but pidkill gets 10 s
# (a schedule it accepts by mistake may never end)
usage_error_in_time() {
	local named=$1
	shift
	start_catcher "$(uniq_name bad)"
	run --separate-stderr timeout 10 "$PIDKILL" "$@" "$CPID"
	show_run
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *"$named"* ]]
	assert_quiet "$CLOG"
	running "$CPID"
}

@test "rejects_forever_loop_that_waits_no_time" {
	usage_error_in_time "'TERM/0/forever'" -R TERM/0/forever
	[[ $stderr == *"'forever'"* ]]
}
@test "rejects_forever_loop_whose_waits_add_up_to_no_time" {
	usage_error_in_time "'TERM/1/KILL/0ms/forever'" \
		-R TERM/1/KILL/0ms/forever
}
@test "rejects_forever_with_no_signal_to_repeat" { usage_error "'5/forever'" -R 5/forever; }
@test "rejects_retry_with_timeout" { usage_error "--timeout" -R 5 --timeout 5; }
@test "rejects_unknown_scope" { usage_error "'world'" --scope=world; }
@test "rejects_dry_run_with_wait" { usage_error "--dry-run" --dry-run -w; }
@test "rejects_dry_run_with_retry" { usage_error "--dry-run" --dry-run -R 5; }

@test "rejects_schedule_that_sends_no_signal" {
	# 15 is a timeout here (signal numbers need a dash): 15/5 only waits
	usage_error "15/5" -R 15/5
}

@test "rejects_schedule_that_ends_with_a_signal" {
	# the targets of a last signal would be judged before they could exit
	usage_error "TERM/1/KILL" -R TERM/1/KILL
}
