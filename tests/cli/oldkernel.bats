#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Patterns and groups reach only what this file started: it runs in a
# private PID namespace of its own (tests/helpers/bats-pidns).
# pidns: the whole file
# Older kernels, simulated, and starved resources (issue 7, items 5 and 6).
#
# seccomp-run makes this kernel answer as an older one would (pidfd_open
# ENOSYS before 5.3, pidfd_send_signal ENOSYS before 5.1, PIDFD_GET_INFO
# ENOTTY before 6.13, scope flags and PIDFD_THREAD EINVAL before 6.9,
# process_mrelease ENOSYS before 5.15); strace shows which system calls
# pidkill made and that nothing was sent by any other means.  Then tiny
# fd and memory limits: pidkill works in batches, or fails with a message,
# and never signals a process it did not finish verifying.
# shellcheck disable=SC2154  # status, output, stderr, lines come from bats
# shellcheck disable=SC2030,SC2031  # each @test is a subshell, by design
# shellcheck disable=SC2153  # CPID, CLOG, CREADY come from lib.bash

load ../helpers/lib

bats_require_minimum_version 1.5.0

SECCOMP_RUN="$HELPERS/seccomp-run"
# every way of sending a signal by number
KILL_CALLS=kill,tgkill,tkill,rt_sigqueueinfo,rt_tgsigqueueinfo
TRACED=pidfd_open,pidfd_send_signal,process_mrelease,$KILL_CALLS

setup() {
	common_setup
	TRACE="$TMP/trace"
}

teardown() { common_teardown; }

# Print what the last `run --separate-stderr` saw (shown only on failure)
show_run() {
	printf 'status=%s\nstdout=%s\nstderr=%s\n' "$status" "$output" \
		"${stderr-}"
	[ ! -e "$TRACE" ] || { echo "trace:"; cat "$TRACE"; }
}

# old RULE... -- ARGS...: run pidkill ARGS under seccomp-run RULE...,
# traced by strace into $TRACE (each line starts with the caller's PID)
old() {
	local rules=()
	while [ "$1" != -- ]; do
		rules+=("$1")
		shift
	done
	shift
	rm -f "$TRACE"
	run --separate-stderr timeout 20 strace -f -qq -y -o "$TRACE" \
		-e trace="$TRACED" "$SECCOMP_RUN" "${rules[@]}" -- \
		"$PIDKILL" "$@"
	show_run
}

# pk_limit KIND N ARGS...: run pidkill under `ulimit -KIND N`, with only
# stdin, stdout and stderr open (bats leaves more), output in $output,
# its stderr in $stderr, exit status in $status (not through `run`: 127
# from the loader is an expected outcome here)
pk_limit() {
	local kind=$1 n=$2
	shift 2
	status=0
	# shellcheck disable=SC2016  # expanded by bash -c, not here
	output=$(timeout 20 bash -c '
		for fd in /proc/self/fd/*; do
			fd=${fd##*/}
			[ "$fd" -le 2 ] || eval "exec $fd>&-"
		done
		ulimit "-$1" "$2" && shift 2 && exec "$@"' \
		bash "$kind" "$n" "$PIDKILL" "$@" 2>"$TMP/stderr") || status=$?
	stderr=$(cat "$TMP/stderr")
}

# The PID pidkill ran as (seccomp-run execs it): the caller of pidfd_open
traced_pid() {
	awk '/pidfd_open\(|pidfd_send_signal\(/ { print $1; exit }' "$TRACE"
}

# No signal was sent by number, and none by pidfd succeeded
assert_nothing_sent() {
	if grep -E "^[0-9]+ +($(tr , '|' <<<"$KILL_CALLS"))\(" "$TRACE" ||
	   grep -E 'pidfd_send_signal\(.*\) += 0$' "$TRACE"; then
		echo "a signal was sent (see the trace)" >&2
		return 1
	fi
}

# sent_through_proc_dir PID SIG: the trace shows SIG delivered through an
# fd that is the directory /proc/PID
sent_through_proc_dir() {
	grep -E "pidfd_send_signal\([0-9]+</proc/$1>, $2, .*\) += 0\$" "$TRACE"
}

# Nothing was sent by number: only pidfd_send_signal delivered
assert_no_kill_calls() {
	! grep -E "^[0-9]+ +($(tr , '|' <<<"$KILL_CALLS"))\(" "$TRACE"
}

# wait_gone PID: wait up to ~5 s for a child of this shell to end (the
# exit status of `wait` is then the child's)
wait_gone() {
	local i
	for ((i = 0; i < 500; i++)); do
		[ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" = Z ] &&
			return 0
		[ -e "/proc/$1" ] || return 0
		sleep 0.01
	done
	echo "process $1 is still running" >&2
	return 1
}

# forget_if_gone PID: forget_pid, if the process has already gone
forget_if_gone() {
	[ -e "/proc/$1" ] || forget_pid "$1"
}

# start_reaped NAME [catcher options...]: a catcher whose parent reaps it
# as soon as it exits (so PIDFD_GET_INFO can report its exit status);
# sets CPID (the catcher), CLOG and CREADY.  Call forget_if_gone as soon
# as it may have exited: its parent reaps it, so its PID is free at once
start_reaped() {
	local name=$1 parent
	shift
	CLOG="$TMP/$name.$RANDOM.log"
	CREADY="$CLOG.ready"
	: >"$CLOG"
	# shellcheck disable=SC2016  # expanded by bash -c, not here
	bash -c '"$@" & wait' bash "$CATCHER" --name "$name" --log "$CLOG" \
		--ready "$CREADY" "$@" </dev/null >/dev/null 2>&1 &
	parent=$!
	STARTED+=("$parent")
	wait_file "$CREADY"
	CPID=$(sed -n 's/^pid=//p' "$CREADY")
	STARTED+=("$CPID")
}

# log_lines LOG: how many signals a catcher logged
log_lines() {
	wc -l <"$1" | tr -d ' '
}

# --- the helper itself --------------------------------------------------

@test "seccomp_run_rejects_bad_rules_and_reports_exec_failure" {
	require_seccomp
	run --separate-stderr "$SECCOMP_RUN" nosuchcall=ENOSYS -- true
	[ "$status" -eq 2 ]
	[[ $stderr == *"unknown system call nosuchcall"* ]]
	run --separate-stderr "$SECCOMP_RUN" pidfd_open=EWHAT -- true
	[ "$status" -eq 2 ]
	[[ $stderr == *"unknown errno EWHAT"* ]]
	run --separate-stderr "$SECCOMP_RUN" pidfd_open:mode=EINVAL -- true
	[ "$status" -eq 2 ]
	[[ $stderr == *"unknown condition mode"* ]]
	run --separate-stderr "$SECCOMP_RUN" pidfd_open=ENOSYS
	[ "$status" -eq 2 ]
	[[ $stderr == usage:* ]]
	run -127 --separate-stderr "$SECCOMP_RUN" pidfd_open=ENOSYS -- \
		"$TMP/no-such-program"
	[ "$status" -eq 127 ]
	[[ $stderr == *no-such-program* ]]
}

@test "seccomp_run_flags_rule_spares_calls_without_flags" {
	require_seccomp
	require_strace
	start_catcher "$(uniq_name fl)"
	old pidfd_send_signal:flags=EINVAL pidfd_open:flags=EINVAL -- \
		-USR1 "$CPID"
	[ "$status" -eq 0 ]
	grep -E "pidfd_open\($CPID, 0\) += [0-9]+" "$TRACE"
	grep -E 'pidfd_send_signal\(.*, SIGUSR1, NULL, 0\) += 0$' "$TRACE"
	wait_log "$CLOG" '^signo=10 code=0 '
}

# --- pidfd_open ENOSYS (Linux 5.1, 5.2): /proc/PID directory fds --------

@test "no_pidfd_open_signals_pid_through_proc_dir_fd" {
	require_seccomp
	require_strace
	start_catcher "$(uniq_name np)"
	old pidfd_open=ENOSYS -- -USR1 "$CPID"
	[ "$status" -eq 0 ]
	grep -E "pidfd_open\($CPID, 0\) += -1 ENOSYS" "$TRACE"
	sent_through_proc_dir "$CPID" SIGUSR1
	assert_no_kill_calls
	wait_log "$CLOG" "^signo=10 code=0 pid=$(traced_pid) "
	[ "$(log_lines "$CLOG")" -eq 1 ]
}

# Many inherited fds under a limit that cannot be raised: the targets do
# not all fit, and are pinned in batches, every one of them signaled
@test "many_inherited_fds_and_a_fixed_limit_pin_in_batches" {
	local pids=() i
	for ((i = 0; i < 200; i++)); do
		sleep 60 &
		pids+=("$!")
		STARTED+=("$!")
	done
	# shellcheck disable=SC2016  # expanded by the inner bash
	run --separate-stderr timeout 60 bash -c '
		for ((fd = 10; fd < 910; fd++)); do eval "exec $fd</dev/null"; done
		ulimit -n 1024 && exec "$@"' bash "$PIDKILL" -c -0 "${pids[@]}"
	show_run
	[ "$status" -eq 0 ]
	[ "$output" = 200 ]
	[ -z "$stderr" ]
}

# Without pidfd_open a plain PID is pinned by its /proc directory, which
# must be read to be trusted: here another process's directory is mounted
# over the victim's, and neither gets anything
@test "no_pidfd_open_refuses_an_overmounted_proc_dir_for_a_plain_pid" {
	require_seccomp
	require_root
	start_catcher victim
	local victim=$CPID vlog=$CLOG
	start_catcher decoy
	run --separate-stderr timeout 20 unshare -m --propagation private \
		sh -c 'mount --bind "/proc/$1" "/proc/$2" &&
			exec "$3" pidfd_open=ENOSYS -- "$4" -USR1 "$2"' \
		sh "$CPID" "$victim" "$SECCOMP_RUN" "$PIDKILL"
	show_run
	[ "$status" -eq 1 ]
	[[ $stderr == *"$victim"*overmounted* ]]
	sleep 0.2
	assert_quiet "$vlog"
	assert_quiet "$CLOG"
}

@test "no_pidfd_open_signals_by_name" {
	require_seccomp
	require_strace
	local name pids=() logs=() log
	name=$(uniq_name nn)
	start_catcher "$name"
	pids+=("$CPID") logs+=("$CLOG")
	start_catcher "$name"
	pids+=("$CPID") logs+=("$CLOG")
	old pidfd_open=ENOSYS -- -USR2 -x "$name"
	[ "$status" -eq 0 ]
	sent_through_proc_dir "${pids[0]}" SIGUSR2
	sent_through_proc_dir "${pids[1]}" SIGUSR2
	assert_no_kill_calls
	for log in "${logs[@]}"; do
		wait_log "$log" "^signo=12 code=0 pid=$(traced_pid) "
	done
}

@test "no_pidfd_open_signals_proc_path_with_payload" {
	require_seccomp
	require_strace
	start_catcher "$(uniq_name nq)"
	old pidfd_open=ENOSYS -- -USR1 -q 42 "/proc/$CPID"
	[ "$status" -eq 0 ]
	sent_through_proc_dir "$CPID" SIGUSR1
	assert_no_kill_calls
	# si_code SI_QUEUE (-1) and the payload
	wait_log "$CLOG" "^signo=10 code=-1 pid=$(traced_pid) .*value=42 "
}

@test "no_pidfd_open_signals_pid_at_start" {
	require_seccomp
	require_strace
	start_catcher "$(uniq_name ns)"
	old pidfd_open=ENOSYS -- -USR1 "$CPID@$(start_time "$CPID")"
	[ "$status" -eq 0 ]
	assert_no_kill_calls
	wait_log "$CLOG" '^signo=10 code=0 '
}

@test "no_pidfd_open_refuses_pid_id_naming_pid_at_start" {
	require_seccomp
	require_strace
	start_catcher "$(uniq_name ni)"
	old pidfd_open=ENOSYS -- -USR1 "$CPID:12345"
	[ "$status" -eq 3 ]
	[[ $stderr == *"$CPID:12345"*"PID@START"* ]]
	[ "$(wc -l <<<"$stderr")" -eq 1 ]
	assert_nothing_sent
	assert_quiet "$CLOG"
}

@test "no_pidfd_open_wait_error_names_pidfd_open" {
	require_seccomp
	require_strace
	start_catcher "$(uniq_name nw)" --exit-on TERM
	old pidfd_open=ENOSYS -- -w --timeout=5s "$CPID"
	# waiting for a non-child needs a pollable pidfd (Linux 5.3)
	if [ "$status" -ne 0 ]; then
		[ "$status" -eq 3 ]
		[[ $stderr == *"waiting needs pidfd_open"*"5.3"* ]]
	fi
	assert_no_kill_calls
}

@test "no_pidfd_open_wait_works_or_sends_nothing" {
	require_seccomp
	require_strace
	start_catcher "$(uniq_name nx)" --exit-on TERM
	old pidfd_open=ENOSYS -- -w --timeout=5s "$CPID"
	if [ "$status" -eq 0 ]; then
		wait_log "$CLOG" '^signo=15 '
		wait_gone "$CPID"
	else
		[ "$status" -eq 3 ]
		assert_nothing_sent
		assert_quiet "$CLOG"
	fi
}

@test "no_pidfd_open_refuses_thread_target" {
	require_seccomp
	require_strace
	local tid
	start_catcher "$(uniq_name nt)" --threads 1
	tid=$(catcher_tids "$CREADY")
	old pidfd_open=ENOSYS -- -USR1 "/proc/$CPID/task/$tid"
	[ "$status" -eq 3 ]
	[[ $stderr == *"/proc/$CPID/task/$tid"*"thread pidfds"*"6.9"* ]]
	assert_nothing_sent
	assert_quiet "$CLOG"
}

# --- pidfd_send_signal ENOSYS (before Linux 5.1): refuse -----------------

@test "no_pidfd_send_signal_sends_nothing_any_other_way" {
	require_seccomp
	require_strace
	local name form
	name=$(uniq_name nd)
	start_catcher "$name"
	for form in "$CPID" "/proc/$CPID" "$CPID@$(start_time "$CPID")" \
	    "-x $name" "-q 7 $CPID" "-w --timeout=1s $CPID" \
	    "-R USR1/1/KILL/1 $CPID"; do
		# shellcheck disable=SC2086  # form holds several words
		old pidfd_send_signal=ENOSYS -- -USR1 $form
		[ "$status" -eq 3 ]
		[[ $stderr == *pidfd_send_signal*"nothing was sent"* ]]
		[ "$(wc -l <<<"$stderr")" -eq 1 ]
		grep -E 'pidfd_send_signal\(.* += -1 ENOSYS' "$TRACE"
		assert_nothing_sent
	done
	assert_quiet "$CLOG"
	[ -d "/proc/$CPID" ]
}

@test "no_pidfd_send_signal_spares_every_selected_target" {
	require_seccomp
	require_strace
	local name logs=() log pid
	name=$(uniq_name nm)
	for _ in 1 2 3; do
		start_catcher "$name"
		logs+=("$CLOG")
	done
	old pidfd_send_signal=ENOSYS -- -KILL -x "$name"
	[ "$status" -eq 3 ]
	[[ $stderr == *pidfd_send_signal* ]]
	assert_nothing_sent
	for log in "${logs[@]}"; do
		assert_quiet "$log"
	done
	for pid in "${STARTED[@]}"; do
		[ -d "/proc/$pid" ]
	done
}

# --- PIDFD_GET_INFO ENOTTY (before Linux 6.13) ----------------------------

@test "no_pidfd_get_info_wait_verbose_still_works" {
	require_seccomp
	local name
	name=$(uniq_name gi)
	# on this kernel the ioctl gives the exit status of a reaped target
	start_reaped "$name" --exit-on TERM
	run --separate-stderr "$PIDKILL" -w --verbose --timeout=5s "$CPID"
	forget_if_gone "$CPID"
	show_run
	[ "$status" -eq 0 ]
	[[ $stderr == *"$CPID ($name): exited with status 0"* ]] ||
		skip "this kernel gives no exit status through PIDFD_GET_INFO"
	# without it, waiting still works; the status is known only if
	# pidkill read it in /proc while the target was still a zombie
	# (it has CAP_SYS_PTRACE here), and is then the right one
	start_reaped "$name" --exit-on TERM
	run --separate-stderr timeout 20 "$SECCOMP_RUN" \
		ioctl:PIDFD_GET_INFO=ENOTTY -- \
		"$PIDKILL" -w --verbose --timeout=5s \
		--output=pid,result,exit "$CPID"
	forget_if_gone "$CPID"
	show_run
	[ "$status" -eq 0 ]
	[[ $stderr == *"$CPID ($name): exited" ]] ||
		[[ $stderr == *"$CPID ($name): exited with status 0" ]]
	[[ $output =~ $CPID\ +exited\ *$ ]] ||
		[[ $output =~ $CPID\ +exited\ +0\ *$ ]]
	wait_log "$CLOG" '^signo=15 code=0 '
	wait_gone "$CPID"
	forget_pid "$CPID"
}

@test "no_pidfd_get_info_json_exit_is_null_or_right" {
	require_seccomp
	start_reaped "$(uniq_name gj)" --exit-on TERM
	run --separate-stderr timeout 20 "$SECCOMP_RUN" \
		ioctl:PIDFD_GET_INFO=ENOTTY -- \
		"$PIDKILL" -w --timeout=5s -J --output=pid,result,exit "$CPID"
	forget_if_gone "$CPID"
	show_run
	[ "$status" -eq 0 ]
	[[ $output == *'"result": "exited"'* ]]
	# unknown, unless read in /proc while it was a zombie
	[[ $output == *'"exit": null'* ]] || [[ $output == *'"exit": "0"'* ]]
	wait_gone "$CPID"
	forget_pid "$CPID"
}

# --- scope flags EINVAL (before Linux 6.9) --------------------------------

@test "old_scope_flags_refuse_every_scope_clearly" {
	require_seccomp
	require_strace
	local name scope logs=() log
	name=$(uniq_name sf)
	start_catcher "$name" --setpgid
	logs+=("$CLOG")
	start_catcher "$name" --setpgid
	logs+=("$CLOG")
	for scope in process thread pgroup; do
		old pidfd_send_signal:flags=EINVAL -- -USR1 --scope="$scope" \
			-x "$name"
		[ "$status" -eq 3 ]
		[[ $stderr == *--scope*"6.9"*"nothing was sent"* ]]
		[ "$(wc -l <<<"$stderr")" -eq 1 ]
		grep -E 'pidfd_send_signal\(.*, 0x[0-9a-f]+\) += -1 EINVAL' \
			"$TRACE"
		assert_nothing_sent
	done
	for log in "${logs[@]}"; do
		assert_quiet "$log"
	done
}

@test "old_scope_flags_default_scope_still_works" {
	require_seccomp
	require_strace
	local tid
	start_catcher "$(uniq_name sd)" --threads 1
	tid=$(catcher_tids "$CREADY")
	old pidfd_send_signal:flags=EINVAL -- -USR1 "$CPID"
	[ "$status" -eq 0 ]
	grep -E 'pidfd_send_signal\(.*, SIGUSR1, NULL, 0\) += 0$' "$TRACE"
	assert_no_kill_calls
	wait_log "$CLOG" '^signo=10 code=0 '
	# a thread target needs no flag either: its pidfd says it all
	old pidfd_send_signal:flags=EINVAL -- -USR2 "/proc/$CPID/task/$tid"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=12 .* tid=$tid\$"
}

# --- PIDFD_THREAD EINVAL (before Linux 6.9) ------------------------------

@test "no_thread_pidfd_refuses_task_path" {
	require_seccomp
	require_strace
	local tid
	start_catcher "$(uniq_name tp)" --threads 1
	tid=$(catcher_tids "$CREADY")
	old pidfd_open:flags=EINVAL -- -USR1 "/proc/$CPID/task/$tid"
	[ "$status" -eq 3 ]
	[[ $stderr == *"/proc/$CPID/task/$tid"*"thread pidfds"*"6.9"* ]]
	[ "$(wc -l <<<"$stderr")" -eq 1 ]
	assert_nothing_sent
	assert_quiet "$CLOG"
}

@test "no_thread_pidfd_refuses_thread_scope_by_name" {
	require_seccomp
	require_strace
	local name
	name=$(uniq_name tn)
	start_catcher "$name" --threads 1
	old pidfd_open:flags=EINVAL -- -USR1 --scope=thread -x "$name"
	[ "$status" -eq 3 ]
	[[ $stderr == *"thread pidfds"*"6.9"* ]]
	[ "$(wc -l <<<"$stderr")" -eq 1 ]
	assert_nothing_sent
	assert_quiet "$CLOG"
}

@test "no_thread_pidfd_refuses_thread_scope_by_pid" {
	require_seccomp
	require_strace
	start_catcher "$(uniq_name tq)" --threads 1
	old pidfd_open:flags=EINVAL -- -USR1 --scope=thread "$CPID"
	[ "$status" -eq 3 ]
	[[ $stderr == *"thread pidfds"*"6.9"* ]]
	assert_nothing_sent
	assert_quiet "$CLOG"
}

@test "no_thread_pidfd_process_targets_still_work" {
	require_seccomp
	require_strace
	local name
	name=$(uniq_name tw)
	start_catcher "$name" --threads 1
	old pidfd_open:flags=EINVAL -- -USR1 -x "$name"
	[ "$status" -eq 0 ]
	assert_no_kill_calls
	wait_log "$CLOG" "^signo=10 code=0 pid=$(traced_pid) "
}

# --- process_mrelease ENOSYS (before Linux 5.15) --------------------------

@test "no_process_mrelease_still_kills_and_warns" {
	require_seccomp
	require_strace
	local rc=0
	start_catcher "$(uniq_name mr)"
	old process_mrelease=ENOSYS -- -m -KILL "$CPID"
	[ "$status" -eq 0 ]
	[[ $stderr == *process_mrelease*"5.15"* ]]
	grep -E 'pidfd_send_signal\(.*, SIGKILL, NULL, 0\) += 0$' "$TRACE"
	grep -E 'process_mrelease\(.* += -1 ENOSYS' "$TRACE"
	wait "$CPID" || rc=$?
	forget_pid "$CPID"
	[ "$rc" -eq $((128 + 9)) ]
}

# --- item 6: tiny fd limits -----------------------------------------------

@test "fd_limit_6_signals_every_target_by_name_in_batches" {
	local name logs=() log
	name=$(uniq_name fd)
	for _ in 1 2 3 4 5; do
		start_catcher "$name"
		logs+=("$CLOG")
	done
	pk_limit n 6 -USR1 -x "$name"
	show_run
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	for log in "${logs[@]}"; do
		wait_log "$log" '^signo=10 code=0 '
	done
	sleep 0.2
	for log in "${logs[@]}"; do
		[ "$(log_lines "$log")" -eq 1 ]
	done
}

@test "fd_limit_6_signals_and_waits_for_every_pid" {
	local pids=() logs=() log
	for _ in 1 2 3 4 5; do
		start_catcher "$(uniq_name fw)" --exit-on USR1
		pids+=("$CPID")
		logs+=("$CLOG")
	done
	pk_limit n 6 -USR1 -w --timeout=10s "${pids[@]}"
	show_run
	[ "$status" -eq 0 ]
	for log in "${logs[@]}"; do
		wait_log "$log" '^signo=10 code=0 '
	done
	for pid in "${pids[@]}"; do
		wait_gone "$pid"
	done
}

@test "fd_limit_6_locked_pidfiles_in_batches" {
	local files=() logs=() i
	for i in 1 2 3 4 5; do
		start_catcher "$(uniq_name fl)" --lock-pidfile "$TMP/lk$i.pid"
		files+=(-F "$TMP/lk$i.pid")
		logs+=("$CLOG")
	done
	pk_limit n 6 -USR1 -L "${files[@]}"
	show_run
	[ "$status" -eq 0 ]
	for log in "${logs[@]}"; do
		wait_log "$log" '^signo=10 code=0 '
	done
}

@test "fd_limit_6_pgroup_scope_in_batches" {
	local name logs=() log
	name=$(uniq_name fg)
	for _ in 1 2 3; do
		start_catcher "$name" --setpgid
		logs+=("$CLOG")
	done
	pk_limit n 6 -USR1 --scope=pgroup -x "$name"
	show_run
	[ "$status" -eq 0 ]
	for log in "${logs[@]}"; do
		wait_log "$log" '^signo=10 code=0 '
	done
}

# starved_run LIMIT EXPECTED_LOGS... -- ARGS: under `ulimit -n LIMIT`,
# pidkill works (status 0, every log has one signal) or fails with a
# message and status 3 (127 when the loader itself cannot start it) and
# sends nothing
starved_run() {
	local n=$1 logs=() log
	shift
	while [ "$1" != -- ]; do
		logs+=("$1")
		shift
	done
	shift
	for log in "${logs[@]}"; do
		: >"$log"
	done
	pk_limit n "$n" -USR1 "$@"
	echo "ulimit -n $n: $*"
	show_run
	if [ "$status" -eq 0 ]; then
		for log in "${logs[@]}"; do
			wait_log "$log" '^signo=10 '
		done
		return 0
	fi
	# 127: the loader could not start it, main never ran
	[ -n "$stderr" ]
	[ "$status" -eq 3 ] || [ "$status" -eq 127 ]
	for log in "${logs[@]}"; do
		assert_quiet "$log"
	done
}

@test "fd_limit_4_by_name_works_or_fails_clearly" {
	local name logs=() n
	name=$(uniq_name f4)
	for _ in 1 2 3; do
		start_catcher "$name"
		logs+=("$CLOG")
	done
	for n in 5 4 3; do
		starved_run "$n" "${logs[@]}" -- -x "$name"
	done
}

@test "fd_limit_4_by_pid_works_or_fails_clearly" {
	local pids=() logs=() n i
	for i in 1 2 3; do
		start_catcher "$(uniq_name f5)" --pidfile "$TMP/p$i.pid"
		pids+=("$CPID")
		logs+=("$CLOG")
	done
	for n in 5 4 3; do
		starved_run "$n" "${logs[@]}" -- "${pids[@]}"
		starved_run "$n" "${logs[0]}" -- -F "$TMP/p1.pid"
		starved_run "$n" "${logs[0]}" -- "/proc/${pids[0]}"
	done
}

# --- item 6: memory failure paths ----------------------------------------

# Whether pidkill ARGS completes (status 0) under `ulimit -v KB`
runs_within() {
	local kb=$1
	shift
	# shellcheck disable=SC2016  # expanded by bash -c, not here
	bash -c 'ulimit -v "$1" && shift && exec "$@"' bash "$kb" \
		"$PIDKILL" "$@" >/dev/null 2>&1
}

@test "memory_limit_never_signals_what_it_did_not_verify" {
	local name pids=() logs=() log lo=1000 hi=1048576 mid kb args
	local sent=0 i got
	name=$(uniq_name mem)
	for _ in 1 2 3; do
		start_catcher "$name"
		pids+=("$CPID")
		logs+=("$CLOG")
	done
	# the least address space pidkill runs in (signal 0: nothing logged)
	runs_within "$hi" -0 -x "$name" ||
		skip "pidkill does not run under ulimit -v (a sanitizer build?)"
	while ((hi - lo > 25)); do
		mid=$(((lo + hi) / 2))
		if runs_within "$mid" -0 -x "$name"; then
			hi=$mid
		else
			lo=$mid
		fi
	done
	# around it, allocations fail at every stage, one after another
	for args in "-x $name" "-e -x $name" "--output=pid,comm,result -x $name" \
	    "-J -x $name" "--verbose ${pids[*]}" "-q 9 ${pids[*]}"; do
		for ((kb = hi - 1000; kb <= hi + 200; kb += 60)); do
			# shellcheck disable=SC2086  # args holds several words
			pk_limit v "$kb" -USR1 $args
			echo "ulimit -v $kb: $args: status=$status ${stderr%%$'\n'*}"
			if [ "$status" -eq 0 ]; then
				sent=$((sent + 1))
			elif [ "$status" -eq 127 ]; then
				# the loader could not start it: main never ran
				[ -n "$stderr" ]
			else
				[ "$status" -eq 3 ]
				[[ $stderr == pidkill:* ]]
			fi
			# every catcher holds one signal per successful run
			# (counted with mapfile: no process per count)
			for log in "${logs[@]}"; do
				for ((i = 0; i < 500; i++)); do
					mapfile -t got <"$log"
					[ "${#got[@]}" -ge "$sent" ] && break
					sleep 0.01
				done
				[ "${#got[@]}" -eq "$sent" ]
			done
		done
	done
	[ "$sent" -gt 0 ]
	sleep 0.2
	for log in "${logs[@]}"; do
		[ "$(log_lines "$log")" -eq "$sent" ]
	done
}

# --- --version names what the kernel lacks ---------------------------------

# feature NAME: the yes or no --version printed for NAME
feature() {
	sed -n "s/^$1: \([a-z]*\) (Linux [0-9.]*)\$/\1/p" <<<"$output"
}

@test "version_lists_the_kernel_features_found" {
	require_seccomp
	run --separate-stderr "$PIDKILL" --version
	[ "$status" -eq 0 ]
	# this kernel (6.18) has every one of them
	for f in pidfd_send_signal pidfd_open process_mrelease 'pidfs ids' \
		'thread pidfds' PIDFD_GET_INFO 'PIDFD_GET_INFO exit status'; do
		[ "$(feature "$f")" = yes ]
	done
	run --separate-stderr "$SECCOMP_RUN" pidfd_open=ENOSYS \
		process_mrelease=ENOSYS ioctl:PIDFD_GET_INFO=ENOTTY -- \
		"$PIDKILL" --version
	show_run
	[ "$status" -eq 0 ]
	[ "$(feature pidfd_send_signal)" = yes ]
	for f in pidfd_open process_mrelease 'pidfs ids' 'thread pidfds' \
		PIDFD_GET_INFO 'PIDFD_GET_INFO exit status'; do
		[ "$(feature "$f")" = no ]
	done
	run --separate-stderr "$SECCOMP_RUN" pidfd_open:flags=EINVAL -- \
		"$PIDKILL" --version
	[ "$(feature pidfd_open)" = yes ]
	[ "$(feature 'thread pidfds')" = no ]
	run --separate-stderr "$SECCOMP_RUN" pidfd_send_signal=ENOSYS -- \
		"$PIDKILL" --version
	[ "$(feature pidfd_send_signal)" = no ]
}

@test "version_says_unknown_when_a_probe_fails_for_another_reason" {
	require_seccomp
	# EPERM, as container profiles answer: not a missing call
	run --separate-stderr "$SECCOMP_RUN" pidfd_open=EPERM -- \
		"$PIDKILL" --version
	show_run
	[ "$status" -eq 0 ]
	grep -qx 'pidfd_open: unknown, the probe failed: Operation not permitted (Linux 5.3)' <<<"$output"
	grep -qx 'pidfd_send_signal: yes (Linux 5.1)' <<<"$output"
	[ -z "$(grep -E '^(pidfs ids|thread pidfds|PIDFD_GET_INFO[a-z ]*): no ' <<<"$output")" ]
	# a child that cannot be started leaves the exit status unknown
	nobody_pidkill
	run --separate-stderr setpriv --reuid=65534 --regid=65534 \
		--clear-groups bash -c 'ulimit -u 1 && exec "$1" --version' \
		bash "$NOBODY_PIDKILL"
	show_run
	[ "$status" -eq 0 ]
	[[ $output == *$'\nPIDFD_GET_INFO exit status: unknown, the probe failed: '* ]]
	# started with SIGCHLD ignored, the probe child is still its own
	local round
	for ((round = 0; round < 20; round++)); do
		run --separate-stderr bash -c 'trap "" CHLD && exec "$1" -V' \
			bash "$PIDKILL"
		[ "$(feature 'PIDFD_GET_INFO exit status')" = yes ]
	done
}
