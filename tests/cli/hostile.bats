#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Patterns and groups reach only what this file started: it runs in a
# private PID namespace of its own (tests/helpers/bats-pidns).
# pidns: the whole file
# Hostile input catalogue (issue 7, item 2).
#
# Every case hands pidkill a bad word with a canary catcher's PID (or name,
# or pidfile) on the same command line, so that a wrongly accepted command
# would signal it.  A case asserts the documented exit status (2 for a
# usage error), exactly one line on stderr that starts with "pidkill: " and
# names the bad word or file, nothing on stdout, and that the canary
# received nothing.

# shellcheck disable=SC2154  # status, output, stderr, lines come from bats
# shellcheck disable=SC2016  # the sh -c scripts expand their own variables
# shellcheck disable=SC2030,SC2031  # each @test is a subshell, by design

load ../helpers/lib

bats_require_minimum_version 1.5.0

# The sentinel that proves the canary quiet: the catcher handles signals
# with every signal blocked, and the kernel delivers pending signals
# lowest number first, so once the sentinel (the highest number) is
# logged, anything pidkill sent before it exited has been logged too.
SENTINEL=$(kill -l RTMAX)

setup() {
	common_setup
	# its own session, so that -s "$CPID" narrows a pattern to it alone
	start_catcher canary --setsid
}

teardown() { common_teardown; }

# pk ARGS...: run pidkill, bounded in time, stdout in $output, stderr in
# $stderr
pk() {
	run --separate-stderr timeout 10 "$PIDKILL" "$@"
	show_run
}

# untouched [LOG PID]: the catcher (the canary by default) received
# nothing but the sentinel sent now
untouched() {
	local log=${1:-$CLOG} pid=${2:-$CPID}

	kill -"$SENTINEL" "$pid"
	wait_log "$log" "^signo=$SENTINEL "
	if [ "$(wc -l <"$log")" -ne 1 ]; then
		echo "unexpected signals in $log:" >&2
		cat "$log" >&2
		return 1
	fi
}

# one_error NAMED: nothing on stdout, one line on stderr, a pidkill
# message that contains NAMED
one_error() {
	[ -z "$output" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ ${stderr_lines[0]} == "pidkill: "* ]]
	[[ $stderr == *"$1"* ]]
}

# usage_error NAMED ARGS...: pidkill ARGS exits 2 with one error line
# naming NAMED, and the canary receives nothing
usage_error() {
	usage_case "$@"
	untouched
}

# names_nothing NAMED ARGS...: pidkill ARGS exits 1 (a pidfile that does
# not exist or holds no PID names no process) with one error line naming
# NAMED, and the canary receives nothing
names_nothing() {
	local named=$1
	shift
	pk "$@"
	[ "$status" -eq 1 ]
	one_error "$named"
	untouched
}

# read_as_pid ARGS...: pidkill ARGS exits 0, and the canary receives
# SIGTERM
read_as_pid() {
	pk "$@"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=15 "
}

# no_match ARGS...: pidkill ARGS (a pattern narrowed to the canary's
# session) matches nothing: exit 1, nothing on stdout, the canary
# receives nothing
no_match() {
	pk -s "$CPID" "$@"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "${#stderr_lines[@]}" -le 1 ]
	untouched
}

# pidfile NAME FORMAT ARGS...: write printf FORMAT ARGS to $TMP/NAME, a
# root-owned 0644 file; sets PF
pidfile() {
	PF=$TMP/$1
	shift
	# shellcheck disable=SC2059  # the format is the point
	printf -- "$@" >"$PF"
	chmod 644 "$PF"
}

# repeat S N: a string of N copies of S
repeat() {
	local blanks

	blanks=$(printf '%*s' "$2" '')
	printf '%s' "${blanks// /$1}"
}

# as_nobody ARGS...: run ARGS as user nobody (stdout/stderr as pk)
as_nobody() {
	run --separate-stderr timeout 10 setpriv --reuid=nobody \
		--regid=nogroup --clear-groups "$@"
	show_run
}

# A canary that runs as nobody, so that a pidkill run as nobody could
# signal it; sets NPID and NLOG
start_nobody_canary() {
	local dir=$TMP/nobody

	chmod 711 "$TMP"
	mkdir "$dir"
	chown nobody "$dir"
	NLOG=$dir/canary.log
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$CATCHER" --name ncanary --log "$NLOG" --ready "$dir/ready" \
		</dev/null >/dev/null 2>&1 &
	NPID=$!
	STARTED+=("$NPID")
	wait_file "$dir/ready"
}

# A directory laid out like /proc for the canary, claiming that its name
# is $1 (and, with $2, that it started at tick $2); sets FAKE
# The sanitizers' runtimes read /proc themselves and print noise without it
require_own_proc_runtime() {
	[ -z "${PIDKILL_SANITIZED-}" ] ||
		skip "AddressSanitizer's runtime needs the real /proc"
}

fake_proc() {
	local f

	FAKE=$TMP/fakeproc
	mkdir -p "$FAKE/$CPID/task/$CPID"
	for f in stat status cmdline; do
		sed "s/canary/$1/" "/proc/$CPID/$f" >"$FAKE/$CPID/$f"
	done
	if [ -n "${2-}" ]; then
		awk -v t="$2" '{ $22 = t; print }' "$FAKE/$CPID/stat" >"$FAKE/s"
		mv "$FAKE/s" "$FAKE/$CPID/stat"
	fi
	cp "$FAKE/$CPID/stat" "$FAKE/$CPID/status" "$FAKE/$CPID/cmdline" \
		"$FAKE/$CPID/task/$CPID/"
	for f in uptime stat meminfo loadavg; do
		cp "/proc/$f" "$FAKE/$f"
	done
}

# pk_mounted SETUP ARGS...: run pidkill ARGS in a private mount
# namespace, after the sh commands SETUP (which see $FAKE and $CPID)
pk_mounted() {
	local setup=$1
	shift
	run --separate-stderr env FAKE="${FAKE-}" CPID="$CPID" \
		unshare -m --propagation private sh -ec "$setup"'
		exec timeout 10 "$@"' sh "$PIDKILL" "$@"
	show_run
}

# ---------------------------------------------------------------------
# Signal words (-SIGNAL and --signal)


# Leading zeros are decimal everywhere: -010 is SIGUSR1 (10), not SIGFPE
@test "signal_word_with_leading_zero_is_decimal" {
	pk -010 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
}

@test "bad_signal_words_are_refused_and_signal_nothing" {
	# signal_word_hex_is_refused
	usage_case "0x9" -0x9 "$CPID"
	# signal_word_fraction_is_refused
	usage_case "9.0" -9.0 "$CPID"
	# signal_word_with_two_plus_signs_is_refused
	# one plus sign is strtol's, and so pkill's: -+9 is KILL
	usage_case "++9" -++9 "$CPID"
	# signal_word_SIGSIG_is_refused
	usage_case "SIGSIG" -SIGSIG "$CPID"
	# signal_word_bare_SIG_is_refused
	usage_case "SIG" -SIG "$CPID"
	# signal_word_RTMIN_plus_minus_is_refused
	usage_case "RTMIN+-1" -RTMIN+-1 "$CPID"
	# signal_word_RTMAX_plus_1_is_refused
	usage_case "RTMAX+1" -RTMAX+1 "$CPID"
	# signal_word_RTMIN_minus_1_is_refused
	usage_case "RTMIN-1" -RTMIN-1 "$CPID"
	# signal_word_RTMIN_past_RTMAX_is_refused
	usage_case "RTMIN+31" -RTMIN+31 "$CPID"
	# signal_word_RTMIN_plus_nothing_is_refused
	usage_case "RTMIN+" -RTMIN+ "$CPID"
	# signal_word_32_reserved_by_glibc_is_refused
	usage_case "32" -32 "$CPID"
	# signal_word_33_reserved_by_glibc_is_refused
	usage_case "33" -33 "$CPID"
	# signal_word_65_is_refused
	usage_case "65" -65 "$CPID"
	# signal_word_that_wraps_to_USR1_in_32_bits_is_refused
	usage_case "4294967306" -4294967306 "$CPID"
	# signal_word_with_trailing_garbage_is_refused
	usage_case "KILLX" -KILLX "$CPID"
	# signal_word_of_5000_letters_is_refused
	local name
	name=$(repeat Z 5000)
	usage_case "$name" -"$name" "$CPID"
	# signal_word_non_ascii_is_refused
	usage_case "É" -É "$CPID"
	# signal_like_option_cluster_names_its_bad_argument
	# -HUPP is -H -U PP, as in pkill: PP is not a user
	usage_case "PP" -HUPP "$CPID"
	# two_different_signal_words_conflict
	usage_case "KILL" -TERM -KILL "$CPID"
	# signal_option_empty_is_refused
	usage_case "''" --signal '' "$CPID"
	# signal_option_leading_blank_is_refused
	usage_case "' TERM'" --signal ' TERM' "$CPID"
	# signal_option_trailing_blank_is_refused
	usage_case "'TERM '" --signal 'TERM ' "$CPID"
	# signal_option_with_dash_is_refused
	usage_case "-9" --signal -9 "$CPID"
	# signal_option_with_two_plus_signs_is_refused
	usage_case "++15" --signal ++15 "$CPID"
	# signal_option_list_is_refused
	usage_case "KILL,TERM" --signal KILL,TERM "$CPID"
	# signal_option_non_ascii_is_refused
	usage_case "TÉRM" --signal TÉRM "$CPID"
	# signal_option_non_ascii_digits_are_refused
	usage_case "١٥" --signal ١٥ "$CPID"
	# signal_option_of_100000_letters_is_refused
	local name
	name=$(repeat K 100000)
	usage_case "$name" --signal "$name" "$CPID"
	# signal_option_with_embedded_newline_is_one_line
	usage_case "TE" --signal $'TE\nRM' "$CPID"
	# signal_word_and_signal_option_that_differ_conflict
	usage_case "--signal" -TERM --signal KILL "$CPID"
	# signal_option_missing_its_argument
	usage_case "signal" "$CPID" --signal
	untouched
}
# ---------------------------------------------------------------------
# Payloads (-q)

@test "payload_with_leading_zero_is_decimal" {
	pk -USR1 -q 010 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=-1 .* value=10 "
}

@test "bad_payloads_are_refused_and_signal_nothing" {
	# payload_above_INT_MAX_is_refused
	usage_case "2147483648" -q 2147483648 "$CPID"
	# payload_below_INT_MIN_is_refused
	usage_case "-2147483649" -q -2147483649 "$CPID"
	# payload_of_20_digits_is_refused
	usage_case "99999999999999999999" -q 99999999999999999999 "$CPID"
	# payload_hex_is_refused
	usage_case "0x10" -q 0x10 "$CPID"
	# payload_leading_blank_is_refused
	usage_case "' 5'" -q ' 5' "$CPID"
	# payload_trailing_blank_is_refused
	usage_case "'5 '" -q '5 ' "$CPID"
	# payload_empty_is_refused
	usage_case "''" -q '' "$CPID"
	# payload_plus_sign_is_refused
	usage_case "+5" -q +5 "$CPID"
	# payload_double_minus_is_refused
	usage_case "--5" -q --5 "$CPID"
	# payload_exponent_is_refused
	usage_case "1e3" -q 1e3 "$CPID"
	# payload_fraction_is_refused
	usage_case "5.0" -q 5.0 "$CPID"
	# payload_non_ascii_digit_is_refused
	usage_case "٣" -q ٣ "$CPID"
	# payload_with_embedded_newline_is_one_line
	usage_case "'5" -q $'5\n' "$CPID"
	# payload_missing_its_argument
	usage_case "q" "$CPID" -q
	untouched
}
# ---------------------------------------------------------------------
# Target words: /proc traps

@test "symlink_to_proc_pid_is_a_pattern_that_matches_nothing" {
	ln -s "/proc/$CPID" "$TMP/link"
	no_match "$TMP/link"
}
@test "proc_path_with_leading_double_slash_is_a_pattern_that_matches_nothing" {
	no_match "//proc/$CPID"
}

@test "bad_proc_paths_are_refused_and_signal_nothing" {
	# proc_path_with_dotdot_is_refused
	usage_case "/proc/../proc/$CPID" "/proc/../proc/$CPID"
	# proc_path_with_double_slash_is_refused
	usage_case "/proc//$CPID" "/proc//$CPID"
	# proc_path_ending_in_dotdot_is_refused
	usage_case "/proc/$CPID/.." "/proc/$CPID/.."
	# proc_path_with_dot_is_refused
	usage_case "/proc/./$CPID" "/proc/./$CPID"
	# proc_self_is_refused
	usage_case "/proc/self" /proc/self
	# proc_thread_self_is_refused
	usage_case "/proc/thread-self" /proc/thread-self
	# proc_task_dotdot_dotdot_is_refused
	usage_case "/proc/$CPID/task/../.." "/proc/$CPID/task/../.."
	# proc_task_tid_dotdot_is_refused
	usage_case "/proc/$CPID/task/$CPID/.." "/proc/$CPID/task/$CPID/.."
	# proc_pid_subdirectory_is_refused
	usage_case "/proc/$CPID/cwd" "/proc/$CPID/cwd"
	# proc_without_slash_is_refused
	usage_case "/proc$CPID" "/proc$CPID"
	# proc_alone_is_refused
	usage_case "'/proc'" /proc
	# proc_path_with_two_trailing_slashes_is_refused
	usage_case "/proc/$CPID//" "/proc/$CPID//"
	# proc_task_without_tid_is_refused
	usage_case "/proc/$CPID/task" "/proc/$CPID/task"
	# proc_zero_is_refused
	usage_case "/proc/0" /proc/0
	# proc_plus_pid_is_refused
	usage_case "/proc/+$CPID" "/proc/+$CPID"
	# proc_hex_pid_is_refused
	local hex
	hex=$(printf '0x%x' "$CPID")
	usage_case "/proc/$hex" "/proc/$hex"
	untouched
}
# ---------------------------------------------------------------------
# Target words: PIDs and tokens

@test "pid_with_leading_blank_is_a_pattern_that_matches_nothing" {
	no_match " $CPID"
}
@test "negative_pid_after_double_dash_is_refused_and_signals_nothing" {
	# kill(2) would take -PID as the canary's process group, pkill a
	# pattern
	usage_case "-$CPID" -- "-$CPID"
	assert_quiet "$CLOG"
}
@test "non_ascii_digits_are_a_pattern_that_matches_nothing" {
	no_match ١٢
}
@test "pid_with_leading_zero_is_decimal" {
	pk "0$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=15 "
}

@test "bad_pids_and_tokens_are_refused_and_signal_nothing" {
	# pid_2147483648_is_refused
	usage_case "2147483648" 2147483648
	# pid_that_wraps_to_the_canary_in_32_bits_is_refused
	local w=$((4294967296 + CPID))
	usage_case "$w" "$w"
	# pid_of_20_digits_is_refused
	usage_case "99999999999999999999" 99999999999999999999
	# pid_of_100000_digits_is_refused
	local w
	w=$(repeat 1 100000)
	usage_case "$w" "$w"
	# pid_above_the_kernel_limit_is_refused
	usage_case "4194305" 4194305
	# pid_0_is_refused
	usage_case "'0'" 0
	# pid_00_is_refused
	usage_case "'00'" 00
	# pid_with_trailing_blank_is_refused
	usage_case "'$CPID '" "$CPID "
	# pid_with_trailing_tab_is_refused
	usage_case "$CPID\\x09" "$CPID"$'\t'
	# pid_with_exponent_is_refused
	usage_case "${CPID}e0" "${CPID}e0"
	# pid_with_fraction_is_refused
	usage_case "$CPID.0" "$CPID.0"
	# pid_in_hex_is_refused
	local hex
	hex=$(printf '0x%x' "$CPID")
	usage_case "$hex" "$hex"
	# pid_with_embedded_newline_is_one_line
	usage_case "$CPID" "$CPID"$'\n'
	# pid_with_plus_sign_is_an_invalid_pattern
	usage_case "+$CPID" "+$CPID"
	# pid_id_token_with_empty_id_is_refused
	usage_case "$CPID:" "$CPID:"
	# pid_id_token_with_id_0_is_refused
	usage_case "$CPID:0" "$CPID:0"
	# pid_id_token_with_negative_id_is_refused
	usage_case "$CPID:-1" "$CPID:-1"
	# pid_id_token_with_id_past_64_bits_is_refused
	usage_case "$CPID:18446744073709551616" "$CPID:18446744073709551616"
	# pid_id_token_with_two_ids_is_refused
	usage_case "$CPID:1:2" "$CPID:1:2"
	# pid_token_with_both_id_and_start_is_refused
	usage_case "$CPID:1@2" "$CPID:1@2"
	# pid_start_token_with_empty_start_is_refused
	usage_case "$CPID@" "$CPID@"
	# pid_start_token_with_negative_start_is_refused
	usage_case "$CPID@-1" "$CPID@-1"
	# pid_start_token_with_two_starts_is_refused
	usage_case "$CPID@1@2" "$CPID@1@2"
	# pid_start_token_with_blank_is_refused
	usage_case "$CPID@ 5" "$CPID@ 5"
	# pid_list_with_negative_pid_is_refused
	usage_case "-1" -p -1 "$CPID"
	# pid_list_with_0_is_refused
	usage_case "'0'" --pid=0 "$CPID"
	# pid_list_empty_is_refused
	usage_case "''" -p '' "$CPID"
	# pid_list_with_empty_item_is_refused
	usage_case "$CPID,,$CPID" -p "$CPID,,$CPID"
	# pid_list_with_a_word_is_refused
	usage_case "'x'" -p "$CPID,x"
	# empty_word_is_refused
	usage_case "empty pattern" '' "$CPID"
	# empty_pattern_option_is_refused
	usage_case "empty pattern" --pattern '' "$CPID"
	# invalid_regex_is_refused
	usage_case "'('" '(' "$CPID"
	# invalid_character_class_is_refused
	usage_case "[[:foo:]]" '[[:foo:]]' "$CPID"
	untouched
}
# ---------------------------------------------------------------------
# /proc that is not the procfs of pidkill's PID namespace (root)

@test "proc_pid_on_a_tmpfs_proc_is_refused" {
	require_own_proc_runtime
	require_root
	pk_mounted 'mount -t tmpfs none /proc; mkdir "/proc/$CPID"' \
		"/proc/$CPID"
	[ "$status" -eq 3 ]
	one_error "procfs"
	untouched
}

@test "proc_pid_bind_mounted_from_a_plain_directory_is_refused" {
	require_root
	fake_proc canary
	pk_mounted 'mount --bind "$FAKE/$CPID" "/proc/$CPID"' "/proc/$CPID"
	[ "$status" -eq 3 ]
	one_error "procfs"
	untouched
}

@test "proc_task_bind_mounted_from_a_plain_directory_is_refused" {
	require_root
	fake_proc canary
	pk_mounted 'mount --bind "$FAKE/$CPID" "/proc/$CPID"' \
		"/proc/$CPID/task/$CPID"
	[ "$status" -eq 3 ]
	one_error "procfs"
	untouched
}

@test "pattern_on_a_fake_proc_signals_nothing" {
	require_own_proc_runtime
	require_root
	fake_proc victim
	pk_mounted 'mount --bind "$FAKE" /proc' -x victim
	[ "$status" -eq 3 ]
	one_error "procfs"
	untouched
}

@test "start_token_on_a_fake_proc_signals_nothing" {
	require_own_proc_runtime
	require_root
	local forged
	forged=$(($(start_time "$CPID") + 1000))
	fake_proc canary "$forged"
	pk_mounted 'mount --bind "$FAKE" /proc' "$CPID@$forged"
	[ "$status" -eq 3 ]
	one_error "procfs"
	untouched
}

@test "pid_on_an_empty_tmpfs_proc_says_proc_is_not_procfs" {
	require_own_proc_runtime
	require_root
	pk_mounted 'mount -t tmpfs none /proc' "$CPID"
	[ "$status" -eq 3 ]
	one_error "procfs"
	untouched
}

@test "proc_pid_bind_mounted_from_another_process_signals_neither" {
	require_root
	local cpid=$CPID clog=$CLOG dpid dlog
	start_catcher decoy
	dpid=$CPID
	dlog=$CLOG
	run --separate-stderr unshare -m --propagation private sh -ec '
		mount --bind "/proc/$1" "/proc/$2"
		exec timeout 10 "$3" "/proc/$2"' sh "$cpid" "$dpid" "$PIDKILL"
	show_run
	[ "$status" -eq 1 ] || [ "$status" -eq 3 ]
	one_error "/proc/$dpid"
	untouched "$clog" "$cpid"
	untouched "$dlog" "$dpid"
}

# In a child PID namespace that kept its parent's /proc (unshare -pf
# without --mount-proc), /proc/N and pidfd_open(N) name different
# processes.  The victim, on the host, holds host PID N (VPID); an inner
# canary holds N in the child namespace and logs to ILOG.
start_victim() {
	start_catcher victim
	VPID=$CPID
	VLOG=$CLOG
	ILOG=$TMP/inner.log
	: >"$ILOG"
}

# pk_foreign_proc ARGS...: run pidkill ARGS in that child namespace; the
# inner canary gets the sentinel before the namespace ends
pk_foreign_proc() {
	run --separate-stderr env VPID="$VPID" ILOG="$ILOG" CATCHER="$CATCHER" \
		SENTINEL="$SENTINEL" unshare -pf --kill-child sh -c '
		echo $((VPID - 1)) >/proc/sys/kernel/ns_last_pid
		"$CATCHER" --name inner --log "$ILOG" --ready "$ILOG.ready" \
			</dev/null >/dev/null 2>&1 &
		c=$!
		if [ "$c" != "$VPID" ]; then
			echo "inner canary got PID $c, not $VPID" >&2
			exit 99
		fi
		while [ ! -e "$ILOG.ready" ]; do sleep 0.01; done
		timeout 10 "$@"
		st=$?
		kill -"$SENTINEL" "$c"
		i=0
		while ! grep -q "^signo=$SENTINEL " "$ILOG" && [ $i -lt 500 ]; do
			sleep 0.01
			i=$((i + 1))
		done
		exit "$st"' sh "$PIDKILL" "$@"
	show_run
}

# inner_untouched: the inner canary logged the sentinel and nothing else
inner_untouched() {
	grep -q "^signo=$SENTINEL " "$ILOG"
	[ "$(wc -l <"$ILOG")" -eq 1 ]
}

@test "pattern_with_proc_of_another_pid_namespace_signals_nothing" {
	require_root
	start_victim
	pk_foreign_proc -x victim
	[ "$status" -eq 3 ]
	one_error "/proc"
	inner_untouched
	untouched "$VLOG" "$VPID"
}

@test "proc_pid_of_another_pid_namespace_signals_nothing" {
	require_root
	start_victim
	pk_foreign_proc "/proc/$VPID"
	[ "$status" -eq 3 ]
	one_error "/proc"
	inner_untouched
	untouched "$VLOG" "$VPID"
}

# ---------------------------------------------------------------------
# Durations (--timeout)


@test "bad_durations_are_refused_and_signal_nothing" {
	# duration_exponent_is_refused
	usage_case "1e3" --timeout 1e3 "$CPID"
	# duration_comma_is_refused
	usage_case "1,5" --timeout 1,5 "$CPID"
	# duration_two_dots_is_refused
	usage_case "1.5.5" --timeout 1.5.5 "$CPID"
	# duration_inf_is_refused
	usage_case "inf" --timeout inf "$CPID"
	# duration_nan_is_refused
	usage_case "nan" --timeout nan "$CPID"
	# duration_negative_zero_is_refused
	usage_case "-0" --timeout -0 "$CPID"
	# duration_blank_before_unit_is_refused
	usage_case "'5 s'" --timeout '5 s' "$CPID"
	# duration_doubled_unit_is_refused
	usage_case "5ss" --timeout 5ss "$CPID"
	# duration_uppercase_unit_is_refused
	usage_case "5S" --timeout 5S "$CPID"
	# duration_of_20_digits_is_refused
	usage_case "99999999999999999999" --timeout 99999999999999999999 "$CPID"
	# duration_over_a_year_is_refused
	usage_case "8785h" --timeout 8785h "$CPID"
	# duration_empty_is_refused
	usage_case "''" --timeout '' "$CPID"
	# duration_without_integer_part_is_refused
	usage_case ".5" --timeout .5 "$CPID"
	# duration_without_fraction_digits_is_refused
	usage_case "'5.'" --timeout 5. "$CPID"
	# duration_with_two_units_is_refused
	usage_case "1h1m" --timeout 1h1m "$CPID"
	# duration_hex_is_refused
	usage_case "0x10" --timeout 0x10 "$CPID"
	untouched
}
# ---------------------------------------------------------------------
# Retry schedules (-R)


@test "bad_retry_schedules_are_refused_and_signal_nothing" {
	# schedule_ending_with_a_signal_number_is_refused
	usage_case "TERM/-5" -R TERM/-5 "$CPID"
	# schedule_with_trailing_slash_is_refused
	usage_case "TERM/5/KILL/5/" -R TERM/5/KILL/5/ "$CPID"
	# schedule_of_slashes_is_refused
	usage_case "'//'" -R // "$CPID"
	# schedule_with_empty_item_is_refused
	usage_case "TERM//5" -R TERM//5 "$CPID"
	# schedule_with_two_forevers_is_refused
	usage_case "forever" -R TERM/5/forever/KILL/5/forever "$CPID"
	# schedule_starting_with_forever_is_refused
	usage_case "forever" -R forever/TERM/5 "$CPID"
	# schedule_forever_without_a_wait_is_refused
	usage_case "TERM/forever" -R TERM/forever "$CPID"
	# schedule_of_10KB_is_refused
	local s
	s=$(repeat TERM/1/ 1500)KILL
	usage_case "invalid retry schedule: 'TERM/1/TERM/1/" -R "$s" "$CPID"
	# schedule_item_of_10KB_is_refused
	local item
	item=$(repeat A 10000)
	usage_case "invalid retry schedule: 'AAAA" -R "$item/5" "$CPID"
	# schedule_non_ascii_signal_is_refused
	usage_case "KÍLL" -R TERM/5/KÍLL/5 "$CPID"
	# schedule_empty_is_refused
	usage_case "''" -R '' "$CPID"
	# schedule_of_one_signal_is_refused
	usage_case "'TERM'" -R TERM "$CPID"
	# schedule_without_a_signal_is_refused
	usage_case "5/10" -R 5/10 "$CPID"
	# schedule_bare_number_is_a_timeout_not_a_signal
	usage_case "15/5" -R 15/5 "$CPID"
	# schedule_reserved_signal_is_refused
	usage_case "-32" -R TERM/5/-32/5 "$CPID"
	# schedule_hex_timeout_is_refused
	usage_case "0x5" -R TERM/0x5 "$CPID"
	# schedule_with_embedded_newline_is_one_line
	usage_case "KILL" -R $'TERM/5\nKILL/5' "$CPID"
	# schedule_and_timeout_exclude_each_other
	usage_case "--timeout" -R 5 --timeout 5 "$CPID"
	untouched
}
# ---------------------------------------------------------------------
# Column lists (--output)

# Duplicates are allowed, in any case, up to 32 columns: each is printed
@test "column_list_duplicates_are_printed_each" {
	local l
	l=$(repeat pid,PID, 16)
	pk --dry-run --noheadings --output "${l%,}" "$CPID"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | wc -w)" -eq 32 ]
	[ "$(echo "$output" | tr -s ' ' '\n' | grep -c "^$CPID$")" -eq 32 ]
	untouched
}

@test "bad_column_lists_are_refused_and_signal_nothing" {
	# column_list_comma_is_refused
	usage_case "','" --output , "$CPID"
	# column_list_empty_is_refused
	usage_case "''" --output '' "$CPID"
	# column_list_trailing_comma_is_refused
	usage_case "PID," --output PID, "$CPID"
	# column_list_empty_item_is_refused
	usage_case "PID,,COMM" --output PID,,COMM "$CPID"
	# column_list_semicolon_is_refused
	usage_case "pid;comm" --output 'pid;comm' "$CPID"
	# column_name_with_blank_is_refused
	usage_case "'pid '" --output 'pid ' "$CPID"
	# column_name_non_ascii_is_refused
	usage_case "PÍD" --output PÍD "$CPID"
	# column_list_of_33_is_refused
	local l
	l=$(repeat PID, 33)
	usage_case "too many columns" --output "${l%,}" "$CPID"
	# column_list_of_2000_is_refused
	local l
	l=$(repeat PID, 2000)
	usage_case "too many columns" --output "${l%,}" "$CPID"
	# column_list_with_embedded_newline_is_one_line
	usage_case "COMM" --output $'PID\nCOMM' "$CPID"
	# column_list_missing_its_argument
	usage_case "output" "$CPID" --output
	untouched
}
# ---------------------------------------------------------------------
# Pidfiles (-F)

@test "pidfile_empty_names_nothing" {
	pidfile empty ''
	names_nothing "$PF" -F "$PF"
}
@test "pidfile_crlf_is_read" {
	pidfile crlf '%s\r\n' "$CPID"
	read_as_pid -F "$PF"
}
@test "pidfile_with_leading_blank_is_read" {
	pidfile lead ' %s\n' "$CPID"
	read_as_pid -F "$PF"
}
@test "pidfile_with_trailing_blank_is_read" {
	pidfile trail '%s \n' "$CPID"
	read_as_pid -F "$PF"
}
@test "pidfile_with_trailing_tab_is_read" {
	pidfile tab '%s\t\n' "$CPID"
	read_as_pid -F "$PF"
}
@test "pidfile_of_blanks_only_names_nothing" {
	pidfile blanks ' \t \r\n'
	names_nothing "$PF" -F "$PF"
}
@test "pidfile_missing_names_nothing" { names_nothing "$TMP/none" -F "$TMP/none"; }
@test "pidfile_name_with_embedded_newline_is_one_line" {
	names_nothing "$TMP/a" -F "$TMP/a"$'\n'"b"
	[[ $stderr == *'\x0a'* ]]
}
@test "pidfile_symlink_is_refused_as_root" {
	require_root
	pidfile good '%s\n' "$CPID"
	ln -s good "$TMP/link"
	usage_error "symlink" -F "$TMP/link"
	[[ $stderr == *"$TMP/link"* ]]
}
@test "pidfile_writable_by_every_user_is_refused_as_root" {
	require_root
	pidfile open '%s\n' "$CPID"
	chmod 666 "$PF"
	usage_error "$PF" -F "$PF"
}
@test "pidfile_owned_by_another_user_names_only_theirs_as_root" {
	require_root
	pidfile theirs '%s\n' "$CPID"
	chown nobody "$PF"
	pk -F "$PF"
	[ "$status" -eq 1 ]
	one_error "$PF"
	[[ $stderr == *--unsafe-pidfile* ]]
	untouched
}
@test "pidfile_dev_zero_is_refused_as_root" {
	require_root
	usage_error "/dev/zero" -F /dev/zero
}
@test "pidfile_dev_null_is_refused_as_root" {
	require_root
	usage_error "/dev/null" -F /dev/null
}
@test "pidfile_unreadable_is_refused" {
	require_root
	start_nobody_canary
	pidfile secret '%s\n' "$NPID"
	chmod 000 "$PF"
	as_nobody "$PIDKILL" -F "$PF"
	[ "$status" -eq 2 ]
	one_error "$PF"
	untouched "$NLOG" "$NPID"
	untouched
}
@test "pidfile_dev_zero_is_refused_for_a_user" {
	require_root
	as_nobody "$PIDKILL" -F /dev/zero
	[ "$status" -eq 2 ]
	one_error "/dev/zero"
	untouched
}
@test "pidfile_stdin_closed_is_refused" {
	# closed right before pidkill starts, so that nothing reuses fd 0
	run --separate-stderr timeout 10 sh -c 'exec "$0" -F - "$1" <&-' \
		"$PIDKILL" "$CPID"
	show_run
	[ "$status" -eq 2 ]
	one_error "pidfile -"
	untouched
}
@test "pidfile_stdin_of_zeros_is_refused" {
	run --separate-stderr timeout 10 "$PIDKILL" -F - </dev/zero
	show_run
	[ "$status" -eq 2 ]
	one_error "pidfile -"
	untouched
}
@test "pidfile_stdin_read_twice_is_refused" {
	run --separate-stderr timeout 10 "$PIDKILL" -F - -F - \
		< <(printf '%s\n' "$CPID")
	show_run
	[ "$status" -eq 2 ]
	one_error "pidfile -"
	untouched
}
@test "pidfile_with_leading_zero_is_decimal" {
	pidfile lead0 '0%s\n' "$CPID"
	pk -F "$PF"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=15 "
}

@test "bad_pidfiles_are_refused_and_signal_nothing" {
	# pidfile_text_is_refused
	pidfile text 'canary\n'
	usage_case "$PF" -F "$PF"
	# pidfile_negative_is_refused
	pidfile neg '-%s\n' "$CPID"
	usage_case "$PF" -F "$PF"
	# pidfile_plus_sign_is_refused
	pidfile plus '+%s\n' "$CPID"
	usage_case "$PF" -F "$PF"
	# pidfile_that_wraps_to_the_canary_in_32_bits_is_refused
	pidfile huge '%s\n' "$((4294967296 + CPID))"
	usage_case "$PF" -F "$PF"
	# pidfile_of_20_digits_is_refused
	pidfile digits '99999999999999999999\n'
	usage_case "$PF" -F "$PF"
	# pidfile_hex_is_refused
	pidfile hex '0x%x\n' "$CPID"
	usage_case "$PF" -F "$PF"
	# pidfile_zero_is_refused
	pidfile zero '0\n'
	usage_case "$PF" -F "$PF"
	# pidfile_with_nul_after_pid_is_refused
	pidfile nul '%s\0\n' "$CPID"
	usage_case "$PF" -F "$PF"
	# pidfile_with_nul_before_pid_is_refused
	pidfile nul '\0%s\n' "$CPID"
	usage_case "$PF" -F "$PF"
	# pidfile_lone_carriage_return_is_refused
	pidfile cr '%s\r' "$CPID"
	usage_case "$PF" -F "$PF"
	# pidfile_of_two_lines_is_refused
	pidfile lines '%s\n%s\n' "$CPID" "$CPID"
	usage_case "$PF" -F "$PF"
	# pidfile_with_two_newlines_is_refused
	pidfile nl2 '%s\n\n' "$CPID"
	usage_case "$PF" -F "$PF"
	# pidfile_with_a_vertical_tab_is_refused
	pidfile vt '%s\v\n' "$CPID"
	usage_case "$PF" -F "$PF"
	# pidfile_of_many_blanks_around_the_pid_is_refused
	pidfile padded '%64s\n' "$CPID"
	usage_case "$PF" -F "$PF"
	# pidfile_of_1MB_starting_with_the_pid_is_refused
	PF=$TMP/big
	{
		printf '%s\n' "$CPID"
		head -c 1048576 /dev/zero | tr '\0' '1'
	} >"$PF"
	usage_case "$PF" -F "$PF"
	# pidfile_fifo_is_refused_without_blocking
	PF=$TMP/fifo
	mkfifo "$PF"
	usage_case "$PF" -F "$PF"
	# pidfile_directory_is_refused
	PF=$TMP/dir
	mkdir "$PF"
	usage_case "$PF" -F "$PF"
	# pidfile_empty_name_is_refused
	usage_case "empty pidfile" -F ''
	# pidfile_missing_its_argument
	usage_case "F" "$CPID" -F
	untouched
}
# ---------------------------------------------------------------------
# Conflicting options

@test "logpidfile_with_stdin_pidfile_is_refused" {
	run --separate-stderr timeout 10 "$PIDKILL" -L -F - \
		< <(printf '%s\n' "$CPID")
	show_run
	[ "$status" -eq 2 ]
	one_error "--logpidfile"
	untouched
}
@test "interactive_without_a_terminal_is_refused" {
	run --separate-stderr setsid -w timeout 10 "$PIDKILL" -I "$CPID" \
		</dev/null
	show_run
	[ "$status" -eq 2 ]
	one_error "terminal"
	untouched
}

@test "conflicting_options_are_refused_and_signal_nothing" {
	# newest_and_oldest_conflict
	usage_case "--oldest" -n -o "$CPID"
	# dry_run_and_wait_conflict
	usage_case "--dry-run" --dry-run -w "$CPID"
	# dry_run_and_retry_conflict
	usage_case "--dry-run" --dry-run -R 5 "$CPID"
	# dry_run_and_timeout_conflict
	usage_case "--dry-run" --dry-run --timeout 5 "$CPID"
	# logpidfile_without_pidfile_is_refused
	usage_case "--pidfile" -L "$CPID"
	# nslist_without_ns_is_refused
	usage_case "--ns" --nslist pid "$CPID"
	# interactive_and_dry_run_conflict
	usage_case "--dry-run" -I --dry-run "$CPID"
	# interactive_and_count_conflict
	usage_case "--count" -I -c "$CPID"
	# list_signals_with_a_pid_is_refused
	usage_case "$CPID" -l "$CPID"
	untouched
}
# ---------------------------------------------------------------------
# Filters with bad values

@test "terminal_path_traversal_is_no_terminal" {
	# as in pkill, a terminal that does not exist matches nothing
	pk -t ../../etc/passwd "$CPID"
	[ "$status" -eq 1 ]
	untouched
}

@test "bad_filter_values_are_refused_and_signal_nothing" {
	# unknown_user_is_refused
	usage_case "nosuchuser" -u nosuchuser "$CPID"
	# user_id_past_range_is_refused
	usage_case "4294967295" -u 4294967295 "$CPID"
	# run_state_list_with_trailing_comma_is_refused
	usage_case "RZ," -r RZ, "$CPID"
	# negative_age_is_refused
	usage_case "-5" -O -5 "$CPID"
	# session_in_hex_is_refused
	usage_case "0x1" -s 0x1 "$CPID"
	# ns_pid_0_is_refused
	usage_case "'0'" --ns 0 "$CPID"
	# unknown_namespace_is_refused
	usage_case "foo" --ns "$CPID" --nslist foo "$CPID"
	# unknown_scope_is_refused
	usage_case "bogus" --scope bogus "$CPID"
	untouched
}
# ---------------------------------------------------------------------
# Unknown and ambiguous options

@test "help_usage_and_version_never_signal" {
	local opt

	for opt in --help --usage -V; do
		pk "$opt" "$CPID"
		[ "$status" -eq 0 ]
		[ -n "$output" ]
	done
	untouched
}

@test "bad_unknown_and_ambiguous_options_are_refused_and_signal_nothing" {
	# unknown_long_option_is_refused
	usage_case "--frobnicate" --frobnicate "$CPID"
	# unknown_uppercase_option_is_an_unknown_signal
	usage_case "Z" -Z "$CPID"
	# unknown_lowercase_option_is_refused
	usage_case "j" -j "$CPID"
	# user_option_missing_its_argument
	usage_case "u" "$CPID" -u
	# ambiguous_long_option_is_refused
	usage_case "--s" --s TERM "$CPID"
	# argument_to_help_is_refused
	usage_case "--help" --help=x "$CPID"
	untouched
}
# ---------------------------------------------------------------------
# Many words

# (the words come from seq: a bash loop of 10,000 steps runs bats's
# debug trap 10,000 times over)
@test "ten_thousand_garbage_words_give_one_error" {
	local words
	mapfile -t words < <(seq -f '%.0f%%junk' 1 10000)
	[ "${#words[@]}" -eq 10000 ]
	[ "${words[9999]}" = 10000%junk ]
	usage_error "'1%junk'" "$CPID" "${words[@]}"
}

@test "ten_thousand_patterns_then_one_bad_word_signal_nothing" {
	local words
	mapfile -t words < <(seq -f 'junk%.0f' 1 10000)
	[ "${#words[@]}" -eq 10000 ]
	[ "${words[9999]}" = junk10000 ]
	usage_error "'0x$CPID'" "$CPID" "${words[@]}" "0x$CPID"
}
