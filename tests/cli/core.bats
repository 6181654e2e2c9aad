#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Patterns and groups reach only what this file started: it runs in a
# private PID namespace of its own (tests/helpers/bats-pidns).
# pidns: the whole file
# Core: target forms, signals, payloads, exit statuses (issue 2).
#
# Every test runs pidkill against real catcher processes and asserts what
# the catcher logged (signo, si_code, si_pid, si_uid, si_value, tid), what
# pidkill printed and its exit status.
# shellcheck disable=SC2154  # status, output, stderr, lines come from bats

load ../helpers/lib

bats_require_minimum_version 1.5.0

setup() { common_setup; }
teardown() { common_teardown; }

# glibc's real-time range, from bash's own kill builtin (34 and 64 with
# glibc on Linux; 32 and 33 are reserved by glibc for its threads)
RTMIN=$(kill -l RTMIN)
RTMAX=$(kill -l RTMAX)

# si_code values from <asm-generic/siginfo.h>

# pk_traced PIDFILE ARGS...: run pidkill as above, writing its PID to
# PIDFILE first (exec keeps the PID)
pk_traced() {
	local pidfile=$1
	shift
	# shellcheck disable=SC2016  # expanded by sh, not here
	run --separate-stderr sh -c 'echo "$$" >"$1"; shift; exec "$@"' sh \
		"$pidfile" "$PIDKILL" "$@"
	show_run
}

# expect_usage_error NAMED ARGS...: usage_case, and the catcher started
# by the caller receives nothing
expect_usage_error() {
	usage_case "$@"
	assert_quiet "$CLOG"
}

# lacks REGEX [FILE]: fail if a line of FILE (or stdin) matches REGEX; a
# bare `! grep` would not fail a bats test
lacks() {
	if grep -Eq -- "$1" "${2:--}"; then
		echo "unexpected line matching '$1'" >&2
		return 1
	fi
}

# The second thread ID a catcher started with --threads wrote (not the
# main thread: that one has the process's PID)
second_tid() {
	local tids
	read -r -a tids <<<"$(catcher_tids "$CREADY")"
	echo "${tids[1]}"
}

require_pidfs() {
	[ -n "$(pidfs_id "$1")" ] || skip "no pidfs inode numbers (Linux < 6.9)"
}

# ---------------------------------------------------------------------
# Target forms

@test "signals_by_pid" {
	start_catcher victim
	pk -USR1 "$CPID"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ -z "$stderr" ]
	wait_log "$CLOG" "^signo=10 code=$SI_USER "
}

@test "signals_by_pid_and_pidfs_id" {
	start_catcher victim
	require_pidfs "$CPID"
	pk -USR1 "$CPID:$(pidfs_id "$CPID")"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_USER "
}

@test "signals_by_pid_and_start_time" {
	start_catcher victim
	pk -USR1 "$CPID@$(start_time "$CPID")"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_USER "
}

@test "signals_by_proc_path" {
	start_catcher victim
	pk -USR1 "/proc/$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_USER .* tid=$CPID$"
}

@test "signals_by_proc_path_with_trailing_slash" {
	start_catcher victim
	pk -USR1 "/proc/$CPID/"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_USER "
}

@test "signals_only_the_thread_named_by_proc_task_path" {
	start_catcher victim --threads 2
	local tid
	tid=$(second_tid)
	[ -n "$tid" ] && [ "$tid" != "$CPID" ]
	pk -USR1 "/proc/$CPID/task/$tid"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 .* tid=$tid$"
	sleep 0.2
	[ "$(log_count "$CLOG")" -eq 1 ]
}

@test "signals_thread_by_proc_task_path_with_trailing_slash" {
	start_catcher victim --threads 2
	local tid
	tid=$(second_tid)
	pk -USR2 "/proc/$CPID/task/$tid/"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=12 .* tid=$tid$"
}

@test "refuses_thread_of_another_process" {
	start_catcher victim --threads 2
	local tid
	tid=$(second_tid)
	start_catcher other
	pk -USR1 "/proc/$CPID/task/$tid"
	[ "$status" -eq 1 ]
	[[ $stderr == *"/proc/$CPID/task/$tid"* ]]
	assert_quiet "$CLOG"
}

@test "bare_tid_of_a_thread_is_not_its_process" {
	# a PID target must name a process; a non-leader thread's TID does not
	start_catcher victim --threads 2
	local tid
	tid=$(second_tid)
	pk -USR1 "$tid"
	[ "$status" -eq 1 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *"$tid"*thread* ]]
	assert_quiet "$CLOG"
}

@test "proc_path_of_a_thread_is_not_its_process" {
	# /proc/TID of a non-leader thread is a thread's directory, not a
	# process's: refused like the bare TID, not turned into the process
	start_catcher victim --threads 2
	local tid
	tid=$(second_tid)
	pk -USR1 "/proc/$tid"
	[ "$status" -eq 1 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *"$tid"* ]]
	assert_quiet "$CLOG"
}

@test "signals_by_pid_option" {
	start_catcher victim
	pk -USR1 -p "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_USER "
}

@test "signals_every_pid_in_pid_option_list" {
	start_catcher one
	local pid1=$CPID log1=$CLOG
	start_catcher two
	pk -USR1 -p "$pid1,$CPID"
	[ "$status" -eq 0 ]
	wait_log "$log1" "^signo=10 code=$SI_USER "
	wait_log "$CLOG" "^signo=10 code=$SI_USER "
}

@test "signals_by_long_pid_option" {
	start_catcher victim
	pk -USR1 --pid="$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_USER "
}

@test "signals_each_of_several_pid_targets" {
	start_catcher one
	local pid1=$CPID log1=$CLOG
	start_catcher two
	pk -USR2 "$pid1" "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$log1" "^signo=12 code=$SI_USER "
	wait_log "$CLOG" "^signo=12 code=$SI_USER "
}

@test "signals_the_live_target_and_reports_the_missing_one" {
	gone_pid
	start_catcher victim
	pk -USR1 "$GONE" "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_USER "
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *"$GONE"*gone* ]]
}

@test "signals_a_process_named_several_ways_once" {
	start_catcher victim
	pk -USR1 "$CPID" "/proc/$CPID" "$CPID@$(start_time "$CPID")" -p "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
	sleep 0.2
	[ "$(log_count "$CLOG")" -eq 1 ]
}

# ---------------------------------------------------------------------
# Signal words

@test "sends_default_signal_term" {
	start_catcher victim
	pk "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=15 code=$SI_USER "
}

@test "accepts_signal_name" {
	start_catcher victim
	pk -USR1 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
}

@test "accepts_signal_name_with_sig_prefix" {
	start_catcher victim
	pk -SIGUSR1 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
}

@test "accepts_signal_number" {
	start_catcher victim
	pk -10 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
}

@test "accepts_long_signal_option_in_lowercase" {
	start_catcher victim
	pk --signal usr1 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
}

@test "accepts_long_signal_option_with_sig_prefix" {
	start_catcher victim
	pk --signal SIGUSR2 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=12 "
}

@test "accepts_long_signal_option_number_after_equals" {
	start_catcher victim
	pk --signal=10 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
}

@test "sends_rtmin" {
	start_catcher victim
	pk -RTMIN "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=$RTMIN "
}

@test "sends_rtmin_plus_n" {
	start_catcher victim
	pk -RTMIN+2 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=$((RTMIN + 2)) "
}

@test "sends_rtmax_minus_n" {
	start_catcher victim
	pk -RTMAX-1 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=$((RTMAX - 1)) "
}

@test "sends_rtmax" {
	start_catcher victim
	pk -RTMAX "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=$RTMAX "
}

@test "accepts_signal_word_after_target" {
	start_catcher victim
	pk "$CPID" -USR1
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
	sleep 0.2
	[ "$(log_count "$CLOG")" -eq 1 ]
}

@test "signal_word_after_double_dash_is_not_a_signal" {
	# after "--", -USR1 is a pattern, which narrows the PID target (both
	# must name it) rather than choosing the signal: victim is not named
	# -USR1, so nothing is sent
	start_catcher victim
	pk "$CPID" -- -USR1
	[ "$status" -eq 1 ]
	[[ $stderr == *"does not match the pattern"* ]]
	assert_quiet "$CLOG"
	pk "$CPID" -- vic
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=15 "
	lacks '^signo=10 ' "$CLOG"
}

@test "negative_number_after_queue_is_the_payload" {
	start_catcher victim
	pk -q -7 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=15 code=$SI_QUEUE pid=[0-9]+ uid=[0-9]+ value=-7 "
}

# ---------------------------------------------------------------------
# Payload

@test "queue_payload_zero" {
	start_catcher victim
	pk -USR1 -q 0 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_QUEUE .* value=0 "
}

@test "queue_payload_positive" {
	start_catcher victim
	pk -USR1 -q 42 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_QUEUE .* value=42 "
}

@test "queue_payload_negative" {
	start_catcher victim
	pk -USR1 --queue=-5 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_QUEUE .* value=-5 "
}

@test "queue_payload_int_max" {
	start_catcher victim
	pk -USR1 -q 2147483647 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_QUEUE .* value=2147483647 "
}

@test "queue_payload_int_min" {
	start_catcher victim
	pk -USR1 -q -2147483648 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_QUEUE .* value=-2147483648 "
}

@test "queue_payload_carries_pidkills_pid_and_uid" {
	start_catcher victim
	pk_traced "$TMP/pk.pid" -USR1 -q 42 "$CPID"
	[ "$status" -eq 0 ]
	local pkpid
	pkpid=$(cat "$TMP/pk.pid")
	wait_log "$CLOG" "^signo=10 code=$SI_QUEUE pid=$pkpid uid=$(id -ru) value=42 "
}

@test "queue_payload_uid_is_zero_as_root" {
	require_root
	start_catcher victim
	pk -USR1 -q 1 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_QUEUE pid=[0-9]+ uid=0 value=1 "
}

@test "queue_payload_to_a_thread" {
	start_catcher victim --threads 2
	local tid
	tid=$(second_tid)
	pk -USR1 -q 9 "/proc/$CPID/task/$tid"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_QUEUE .* value=9 tid=$tid$"
}

@test "plain_signal_is_si_user_from_pidkill" {
	start_catcher victim
	pk_traced "$TMP/pk.pid" -USR1 "$CPID"
	[ "$status" -eq 0 ]
	local pkpid
	pkpid=$(cat "$TMP/pk.pid")
	wait_log "$CLOG" "^signo=10 code=$SI_USER pid=$pkpid uid=$(id -ru) "
}

# ---------------------------------------------------------------------
# Signal 0

@test "signal_zero_succeeds_on_live_process_and_sends_nothing" {
	start_catcher victim
	pk -0 "$CPID"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ -z "$stderr" ]
	assert_quiet "$CLOG"
	kill -0 "$CPID"
}

@test "signal_zero_by_long_option_sends_nothing" {
	start_catcher victim
	pk --signal=0 "$CPID"
	[ "$status" -eq 0 ]
	assert_quiet "$CLOG"
}

@test "signal_zero_fails_on_missing_pid" {
	gone_pid
	pk -0 "$GONE"
	[ "$status" -eq 1 ]
	[[ $stderr == *"$GONE"* ]]
}

# ---------------------------------------------------------------------
# Missing processes and identity mismatches

@test "missing_pid_exits_1_saying_gone" {
	gone_pid
	pk -USR1 "$GONE"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *"$GONE"* ]]
	[[ $stderr == *gone* ]]
}

@test "missing_proc_path_exits_1_saying_gone" {
	gone_pid
	pk -USR1 "/proc/$GONE"
	[ "$status" -eq 1 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *"$GONE"*gone* ]]
}

@test "refuses_wrong_pidfs_id" {
	start_catcher victim
	require_pidfs "$CPID"
	local word
	word="$CPID:$(($(pidfs_id "$CPID") + 1))"
	pk -USR1 "$word"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *"$word"* ]]
	assert_quiet "$CLOG"
}

@test "refuses_wrong_start_time" {
	start_catcher victim
	local word
	word="$CPID@$(($(start_time "$CPID") + 1))"
	pk -USR1 "$word"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *"$word"* ]]
	assert_quiet "$CLOG"
}

@test "refuses_identity_of_another_process" {
	# the pidfs id of one live process, with the PID of another
	start_catcher one
	local other_id
	require_pidfs "$CPID"
	other_id=$(pidfs_id "$CPID")
	local log1=$CLOG
	start_catcher two
	pk -USR1 "$CPID:$other_id"
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
	assert_quiet "$log1"
}

# ---------------------------------------------------------------------
# Usage errors: exit 2, one line naming the word, nothing sent

@test "usage_errors_name_the_word_and_send_nothing" {
	start_catcher victim
	# usage_error_signal_number_out_of_range
	usage_case "99" -99 "$CPID"
	# usage_error_reserved_signal_32
	usage_case "32" -32 "$CPID"
	# usage_error_reserved_signal_33
	usage_case "33" -33 "$CPID"
	# usage_error_rtmax_minus_n_into_reserved_range
	usage_case "RTMAX-31" -RTMAX-31 "$CPID"
	# usage_error_rtmin_plus_n_beyond_rtmax
	usage_case "RTMIN+31" -RTMIN+31 "$CPID"
	# usage_error_unknown_signal_name
	usage_case "TERMX" -TERMX "$CPID"
	# usage_error_unknown_long_signal
	usage_case "FOO" --signal FOO "$CPID"
	# usage_error_long_signal_out_of_range
	usage_case "65" --signal 65 "$CPID"
	# usage_error_long_signal_reserved_32
	usage_case "32" --signal=32 "$CPID"
	# usage_error_payload_not_a_number
	usage_case "abc" -q abc "$CPID"
	# usage_error_payload_above_int_max
	usage_case "2147483648" -q 2147483648 "$CPID"
	# usage_error_payload_below_int_min
	usage_case "-2147483649" -q -2147483649 "$CPID"
	# usage_error_payload_with_plus_sign
	usage_case "+5" -q +5 "$CPID"
	# usage_error_payload_with_trailing_garbage
	usage_case "5x" --queue=5x "$CPID"
	# usage_error_payload_hexadecimal
	usage_case "0x10" -q 0x10 "$CPID"
	# usage_error_pid_with_trailing_garbage
	usage_case "12x" 12x "$CPID"
	# usage_error_pid_colon_without_id
	usage_case "1234:" 1234: "$CPID"
	# usage_error_pid_at_without_start
	usage_case "1234@" 1234@ "$CPID"
	# usage_error_pidfs_id_zero
	usage_case "1234:0" 1234:0 "$CPID"
	# usage_error_pidfs_id_not_a_number
	usage_case "1234:abc" 1234:abc "$CPID"
	# usage_error_negative_start_time
	usage_case "1234@-1" 1234@-1 "$CPID"
	# usage_error_own_pid_form_with_bad_id
	# the catcher's own PID with a malformed suffix: still nothing sent
	usage_case "$CPID:x" "$CPID:x"
	# usage_error_pid_zero
	usage_case "'0'" 0 "$CPID"
	# usage_error_pid_option_zero
	usage_case "'0'" -p 0 "$CPID"
	# usage_error_pid_option_empty_item
	usage_case "12,,13" -p 12,,13 "$CPID"
	# usage_error_pid_option_not_a_pid
	usage_case "abc" -p "$CPID,abc"
	# usage_error_pid_beyond_any_pid
	usage_case "99999999999" 99999999999 "$CPID"
	# usage_error_proc_self
	usage_case "/proc/self" /proc/self "$CPID"
	# usage_error_proc_thread_self
	usage_case "/proc/thread-self" /proc/thread-self "$CPID"
	# usage_error_proc_alone
	usage_case "/proc" /proc "$CPID"
	# usage_error_proc_pid_with_trailing_garbage
	usage_case "/proc/12x" /proc/12x "$CPID"
	# usage_error_proc_task_without_tid
	usage_case "/proc/12/task/" /proc/12/task/ "$CPID"
	# usage_error_proc_entry_that_is_not_a_process
	usage_case "/proc/$CPID/fd" "/proc/$CPID/fd"
	# usage_error_proc_other_entry
	usage_case "/proc/12/fd" /proc/12/fd "$CPID"
	# usage_error_proc_path_with_dot_dot
	usage_case "/proc/../proc/$CPID" "/proc/../proc/$CPID"
	# usage_error_proc_path_with_doubled_slash
	usage_case "/proc//$CPID" "/proc//$CPID"
	# usage_error_unknown_signal_to_translate
	usage_case "FOO" -l FOO "$CPID"
	# usage_error_no_arguments
	usage_case "target"
	# usage_error_signal_but_no_target
	usage_case "target" -USR1
	# usage_error_after_a_valid_target_sends_nothing
	# the good target comes first: parsing must finish before any signal
	usage_case "12x" -USR1 "$CPID" 12x
	assert_quiet "$CLOG"
}

@test "usage_error_payload_empty" {
	start_catcher victim
	expect_usage_error "''" -q '' "$CPID"
	[[ $stderr == *payload* ]]
}

@test "double_slash_proc_is_a_pattern_that_matches_nothing" {
	# "//proc/N" does not start with "/proc": it is a name pattern, and no
	# process name contains it
	start_catcher victim
	pk -USR1 "//proc/$CPID"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	assert_quiet "$CLOG"
}

@test "usage_error_newest_and_oldest" {
	start_catcher victim
	expect_usage_error "--newest" --newest --oldest "$CPID"
	[[ $stderr == *--oldest* ]]
}

@test "usage_error_empty_word" {
	start_catcher victim
	pk -USR1 "" "$CPID"
	[ "$status" -eq 2 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	assert_quiet "$CLOG"
}

@test "usage_error_unknown_option" {
	start_catcher victim
	pk --no-such-option "$CPID"
	[ "$status" -eq 2 ]
	[[ $stderr == *no-such-option* ]]
	assert_quiet "$CLOG"
}

# ---------------------------------------------------------------------
# Listing signals, help, version

@test "lists_signal_names" {
	pk -l
	[ "$status" -eq 0 ]
	local names
	read -r -a names <<<"$(echo "$output" | tr '\n' ' ')"
	printf '%s\n' "${names[@]}" | grep -qx HUP
	printf '%s\n' "${names[@]}" | grep -qx KILL
	printf '%s\n' "${names[@]}" | grep -qx RTMIN
	printf '%s\n' "${names[@]}" | grep -qx RTMAX
	printf '%s\n' "${names[@]}" | lacks '^(3[23]|SIG.*)$'
	# 1..31 and RTMIN..RTMAX, each once: nothing for 32 and 33
	[ "${#names[@]}" -eq $((31 + RTMAX - RTMIN + 1)) ]
	[ "$(printf '%s\n' "${names[@]}" | sort -u | wc -l)" -eq "${#names[@]}" ]
}

@test "translates_number_to_name" {
	pk -l 9
	[ "$status" -eq 0 ]
	[ "$output" = KILL ]
}

@test "translates_name_to_number" {
	pk -l KILL
	[ "$status" -eq 0 ]
	[ "$output" = 9 ]
}

@test "translates_sig_prefixed_name_to_number" {
	pk -l SIGKILL
	[ "$status" -eq 0 ]
	[ "$output" = 9 ]
}

@test "translates_with_long_list_option" {
	pk --list-signals=15
	[ "$status" -eq 0 ]
	[ "$output" = TERM ]
}

@test "translates_realtime_signals" {
	pk -l "$RTMIN"
	[ "$status" -eq 0 ]
	[ "$output" = RTMIN ]
	pk -l RTMIN+2
	[ "$status" -eq 0 ]
	[ "$output" = "$((RTMIN + 2))" ]
	pk -l "$RTMAX"
	[ "$status" -eq 0 ]
	[ "$output" = RTMAX ]
}

@test "refuses_to_translate_reserved_signal" {
	pk -l 32
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ $stderr == *32* ]]
}

@test "prints_signal_table" {
	pk --table
	[ "$status" -eq 0 ]
	echo "$output" | grep -Eq '^ *NUMBER +NAME +DESCRIPTION *$'
	echo "$output" | grep -Eq '^ *1 +HUP +Hangup *$'
	echo "$output" | grep -Eq '^ *9 +KILL +Killed *$'
	echo "$output" | grep -Eq "^ *$RTMIN +RTMIN +[A-Za-z]"
	echo "$output" | grep -Eq "^ *$RTMAX +RTMAX +[A-Za-z]"
	echo "$output" | lacks '^ *3[23] '
	# a header and one row per signal
	[ "${#lines[@]}" -eq $((1 + 31 + RTMAX - RTMIN + 1)) ]
}

@test "help_lists_exit_statuses" {
	pk --help
	[ "$status" -eq 0 ]
	echo "$output" | grep -Eq '^Usage: pidkill '
	echo "$output" | grep -Eq '^ +0 +[a-z]'
	echo "$output" | grep -Eq '^ +1 +[a-z]'
	echo "$output" | grep -Eq '^ +2 +usage error'
	echo "$output" | grep -Eq '^ +3 +fatal error'
}

@test "usage_exits_0" {
	pk --usage
	[ "$status" -eq 0 ]
	echo "$output" | grep -Eq '^Usage: pidkill '
}

@test "short_version_option" {
	pk -V
	[ "$status" -eq 0 ]
	[[ $output =~ ^pidkill\ [0-9]+\.[0-9]+ ]]
}

@test "long_version_option" {
	pk --version
	[ "$status" -eq 0 ]
	[[ $output =~ ^pidkill\ [0-9]+\.[0-9]+ ]]
	local long=$output
	pk -V
	[ "$output" = "$long" ]
}

@test "version_names_the_license_and_one_kernel_feature_a_line" {
	pk --version
	[ "$status" -eq 0 ]
	[ "$(sed -n 1p <<<"$output")" = "pidkill 0.1.0" ]
	grep -qx 'License GPL-2.0-or-later <https://www.gnu.org/licenses/old-licenses/gpl-2.0.html>' <<<"$output"
	grep -Eqx "kernel: Linux $(uname -r | sed 's/[.]/[.]/g') $(uname -m)" <<<"$output"
	local f
	for f in pidfd_send_signal pidfd_open process_mrelease 'pidfs ids' \
		'thread pidfds' PIDFD_GET_INFO 'PIDFD_GET_INFO exit status'; do
		[ "$(grep -Ec "^$f: (yes|no) \(Linux [0-9]+[.][0-9]+\)\$" <<<"$output")" -eq 1 ]
	done
}

# ---------------------------------------------------------------------
# Never itself

@test "never_signals_itself_by_pattern" {
	local uniq="pkself$RANDOM$RANDOM$RANDOM"
	pk -f "$uniq"
	# killed by its own TERM, it would end with 128 + 15
	[ "$status" -ne 143 ]
	[ "$status" -eq 1 ]
}

@test "signals_a_match_but_not_itself" {
	# at most 15 characters: the catcher's name (and command line) holds
	# it whole
	local uniq="pks$RANDOM$RANDOM"
	start_catcher "$uniq"
	pk -USR1 -f "$uniq"
	[ "$status" -ne 138 ]
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
}

@test "never_signals_itself_by_pid" {
	# sh exec's pidkill in place: "$$" is pidkill's own PID
	# shellcheck disable=SC2016  # expanded by sh, not here
	run --separate-stderr sh -c 'exec "$0" -USR1 "$$"' "$PIDKILL"
	show_run
	[ "$status" -ne 138 ]
	[ "$status" -eq 1 ]
}

@test "itself_by_pid_gets_a_whole_row_and_one_line" {
	# pinned and read as any target is, and excluded: the row shows its
	# name and parent, and stderr says why
	# shellcheck disable=SC2016  # expanded by sh, not here
	run --separate-stderr sh -c 'echo "$$ $PPID" >"$1"; exec "$0" -USR1 \
		--verbose -J --output pid,ppid,comm,result "$$"' \
		"$PIDKILL" "$TMP/ids"
	show_run
	[ "$status" -eq 1 ]
	local me parent
	read -r me parent <"$TMP/ids"
	[ "$(jq -r '.targets[] | "\(.pid) \(.ppid) \(.comm) \(.result)"' \
		<<<"$output")" = "$me $parent pidkill excluded" ]
	[ "$stderr" = "pidkill: $me (pidkill): excluded: pidkill itself" ]
}

# ---------------------------------------------------------------------
# Unprivileged

@test "unprivileged_user_gets_permission_denied" {
	require_root
	command -v setpriv >/dev/null || skip "setpriv is not installed"
	nobody_pidkill
	start_catcher victim
	run --separate-stderr setpriv --reuid=65534 --regid=65534 \
		--clear-groups "$NOBODY_PIDKILL" -USR1 "$CPID"
	show_run
	[ "$status" -eq 1 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	# named, though nothing else needed reading the process
	[[ $stderr == *"$CPID (victim): permission denied"* ]]
	assert_quiet "$CLOG"
}

@test "unprivileged_payload_gets_permission_denied" {
	require_root
	command -v setpriv >/dev/null || skip "setpriv is not installed"
	nobody_pidkill
	start_catcher victim
	run --separate-stderr setpriv --reuid=65534 --regid=65534 \
		--clear-groups "$NOBODY_PIDKILL" -USR1 -q 5 "/proc/$CPID"
	show_run
	[ "$status" -eq 1 ]
	[[ $stderr == *permission* ]]
	assert_quiet "$CLOG"
}

@test "unprivileged_signal_zero_reports_permission" {
	require_root
	command -v setpriv >/dev/null || skip "setpriv is not installed"
	nobody_pidkill
	start_catcher victim
	run --separate-stderr setpriv --reuid=65534 --regid=65534 \
		--clear-groups "$NOBODY_PIDKILL" -0 "$CPID"
	show_run
	[ "$status" -eq 1 ]
	[[ $stderr == *permission* ]]
}

# ---------------------------------------------------------------------
# Only pidfd_send_signal sends signals

# The system calls that send a signal by PID: pidkill must never make one
PID_SIGNAL_CALLS='(^|[ ])(kill|tkill|tgkill|rt_sigqueueinfo|rt_tgsigqueueinfo)\('

# traced_signal_syscalls ARGS...: run pidkill ARGS under strace, leaving
# the signal-sending system calls it made in $TRACE
traced_signal_syscalls() {
	TRACE="$TMP/strace.$RANDOM.log"
	run --separate-stderr strace -f -qq -o "$TRACE" \
		-e trace=kill,tkill,tgkill,rt_sigqueueinfo,rt_tgsigqueueinfo,pidfd_send_signal \
		"$PIDKILL" "$@"
	show_run
	cat "$TRACE"
}

# no_pid_signal_calls: $TRACE has no signal sent by PID
no_pid_signal_calls() {
	lacks "$PID_SIGNAL_CALLS" "$TRACE"
}

# only_pidfd_send_signal: $TRACE has pidfd_send_signal and nothing else
only_pidfd_send_signal() {
	grep -Eq '(^|[ ])pidfd_send_signal\(' "$TRACE"
	no_pid_signal_calls
}

@test "sends_only_through_pidfd_for_pid_target" {
	require_strace
	start_catcher victim
	traced_signal_syscalls -USR1 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
	only_pidfd_send_signal
}

@test "sends_only_through_pidfd_with_payload" {
	require_strace
	start_catcher victim
	traced_signal_syscalls -USR2 -q 3 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=12 code=$SI_QUEUE .* value=3 "
	only_pidfd_send_signal
}

@test "sends_only_through_pidfd_for_thread_target" {
	require_strace
	start_catcher victim --threads 2
	local tid
	tid=$(second_tid)
	traced_signal_syscalls -USR1 "/proc/$CPID/task/$tid"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 .* tid=$tid$"
	only_pidfd_send_signal
}

@test "sends_only_through_pidfd_for_proc_target" {
	require_strace
	start_catcher victim
	traced_signal_syscalls -USR1 "/proc/$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
	only_pidfd_send_signal
}

# A PID target with nothing to show needs no process table: libproc2
# (and the libraries behind it) is not even loaded
@test "plain_pid_target_loads_no_process_table_library" {
	start_catcher victim
	run --separate-stderr env LD_DEBUG=files "$PIDKILL" -USR1 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
	[[ $stderr == *"file=libc.so"* ]]
	[[ $stderr != *libproc2* ]]
	# -e shows the name: now it is read, through libproc2
	run --separate-stderr env LD_DEBUG=files "$PIDKILL" -e -USR2 "$CPID"
	[ "$status" -eq 0 ]
	[ "$output" = "victim killed (pid $CPID)" ]
	[[ $stderr == *libproc2* ]]
}

@test "sends_nothing_at_all_for_a_missing_pid" {
	require_strace
	gone_pid
	traced_signal_syscalls -USR1 "$GONE"
	[ "$status" -eq 1 ]
	no_pid_signal_calls
}
