#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Patterns and groups reach only what this file started: it runs in a
# private PID namespace of its own (tests/helpers/bats-pidns).
# pidns: the whole file
# Reporting (issue 5): tables and JSON through libsmartcols, identity
# tokens that round-trip, --verbose reasons for every outcome, --quiet,
# and the -I prompt driven through a pseudo-terminal (script(1)).
#
# Every catcher has a name unique to the test ($U, $U-2...) and is selected
# with -x, so no pattern can match anything else on the machine.  JSON is
# read with jq.  Interactive runs: script(1) gives pidkill a terminal; its
# input comes from a FIFO the test writes answers into once the prompt is
# in the typescript.
# shellcheck disable=SC2154  # status, output, stderr, lines come from bats
# shellcheck disable=SC2030,SC2031  # each @test is a subshell, by design

load ../helpers/lib

bats_require_minimum_version 1.5.0

setup() {
	common_setup
	U="pkr$(printf '%05d' "$RANDOM")"
	command -v jq >/dev/null || skip "jq is not installed"
	# a PID no process can hold: PIDs stay below pid_max
	NOPID=$(cat /proc/sys/kernel/pid_max)
}

teardown() { common_teardown; }

# si_code of a plain signal, as pidfd_send_signal without siginfo

ALL_COLUMNS=PID,TID,ID,TOKEN,START,COMM,USER,UID,STATE,CMDLINE,SIGNAL,RESULT,EXIT

# jqr FILTER: jq -r on the last run's stdout
jqr() {
	jq -r "$1" <<<"$output"
}

# The PIDs a JSON run printed, sorted, one a line
json_pids() {
	jq -r '.targets[].pid' <<<"$output" | sort -n
}

sorted() {
	printf '%s\n' "$@" | sort -n
}

# wait_state PID STATE: wait until the process is in STATE (stat field 3)
wait_state() {
	local i stat
	for ((i = 0; i < 500; i++)); do
		stat=$(cat "/proc/$1/stat")
		[ "$(awk '{ print $1 }' <<<"${stat##*) }")" = "$2" ] && return 0
		sleep 0.01
	done
	echo "process $1 never reached state $2" >&2
	return 1
}

require_pidfs() {
	[ -n "$(pidfs_id "$$")" ] || skip "this kernel has no pidfs ids"
}

# ---------------------------------------------------------------------
# JSON

@test "dry_run_json_parses_and_lists_exactly_the_matched_pids" {
	start_catcher "$U"
	local a=$CPID
	start_catcher "$U"
	local b=$CPID
	start_catcher "$U-other"
	local other=$CLOG
	pk --dry-run -J -USR1 -x "$U"
	[ "$status" -eq 0 ]
	jq -e . <<<"$output" >/dev/null
	[ "$(jqr '.targets | length')" = 2 ]
	[ "$(json_pids)" = "$(sorted "$a" "$b")" ]
	[ "$(jqr '[.targets[].comm] | unique | join(",")')" = "$U" ]
	assert_quiet "$other"
}

@test "signal_run_json_reports_each_target_signaled_with_its_signal" {
	start_catcher "$U"
	local a=$CPID alog=$CLOG
	start_catcher "$U"
	local b=$CPID blog=$CLOG
	pk -J -USR1 -x "$U"
	[ "$status" -eq 0 ]
	got 10 "$alog"
	got 10 "$blog"
	[ "$(json_pids)" = "$(sorted "$a" "$b")" ]
	[ "$(jqr '[.targets[].result] | unique | join(",")')" = signaled ]
	[ "$(jqr '[.targets[].signal] | unique | join(",")')" = USR1 ]
}

@test "json_prints_pid_tid_id_and_uid_as_numbers" {
	require_pidfs
	start_catcher "$U"
	pk --dry-run -J --output PID,TID,ID,UID,COMM -x "$U"
	[ "$status" -eq 0 ]
	[ "$(jqr '.targets[0] | [.pid, .tid, .id, .uid] | map(type) | unique | join(",")')" = number ]
	[ "$(jqr '.targets[0].comm | type')" = string ]
	[ "$(jqr '.targets[0].pid')" = "$CPID" ]
	[ "$(jqr '.targets[0].uid')" = "$(id -u)" ]
}

@test "json_keeps_an_empty_targets_list_when_nothing_matched" {
	pk -J -USR1 -x "$U"
	[ "$status" -eq 1 ]
	[ "$(jqr '.targets | length')" = 0 ]
}

@test "json_count_is_json" {
	start_catcher "$U"
	local alog=$CLOG
	start_catcher "$U"
	local blog=$CLOG
	pk -J -c -USR1 -x "$U"
	[ "$status" -eq 0 ]
	[ "$(jqr '.count')" = 2 ]
	[ "$(jqr 'keys | join(",")')" = count ]
	got 10 "$alog"
	got 10 "$blog"
	pk -J -c -USR1 -x "$U-none"
	[ "$status" -eq 1 ]
	[ "$(jqr '.count')" = 0 ]
}

@test "json_start_is_iso_8601_with_the_utc_offset" {
	start_catcher "$U"
	local start utc day time
	TZ=IST-5:30 pk --dry-run -J --output START -x "$U"
	[ "$status" -eq 0 ]
	start=$(jqr '.targets[0].start')
	[[ $start =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+05:30$ ]]
	# the same moment as the table shows in UTC
	TZ=UTC pk --dry-run --noheadings --output START -x "$U"
	[ "$status" -eq 0 ]
	read -r day time <<<"$output"
	utc=$(TZ=UTC date -d "$day $time" +%s)
	[ "$(date -d "$start" +%s)" = "$utc" ]
	TZ=UTC pk --dry-run -J --output START -x "$U"
	[[ $(jqr '.targets[0].start') == *+00:00 ]]
	assert_quiet "$CLOG"
}

@test "json_ignores_noheadings" {
	start_catcher "$U"
	pk --dry-run -J --noheadings --output PID -x "$U"
	[ "$status" -eq 0 ]
	[ "$(jqr '.targets[0].pid')" = "$CPID" ]
}

# ---------------------------------------------------------------------
# Tables: defaults, --output, --raw, --noheadings

@test "dry_run_prints_a_table_with_pid_token_and_comm_by_default" {
	start_catcher "$U"
	pk --dry-run -USR1 -x "$U"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	read -ra head <<<"${lines[0]}"
	[ "${head[*]}" = "PID TOKEN COMM" ]
	read -ra row <<<"${lines[1]}"
	[ "${row[0]}" = "$CPID" ]
	[[ ${row[1]} =~ ^${CPID}[:@][0-9]+$ ]]
	[ "${row[2]}" = "$U" ]
	assert_quiet "$CLOG"
}

@test "signal_run_prints_nothing_unless_a_table_is_asked_for" {
	start_catcher "$U"
	pk -USR1 -x "$U"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	got 10 "$CLOG"
}

@test "signal_run_table_defaults_to_pid_token_comm_signal_result" {
	start_catcher "$U"
	pk --raw -USR1 -x "$U"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	[ "${lines[0]}" = "PID TOKEN COMM SIGNAL RESULT" ]
	[[ ${lines[1]} =~ ^$CPID\ ${CPID}[:@][0-9]+\ $U\ USR1\ signaled$ ]]
}

@test "waiting_run_table_adds_the_exit_column" {
	start_catcher "$U" --exit-on USR1
	pk --raw -w -USR1 -x "$U"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "PID TOKEN COMM SIGNAL RESULT EXIT" ]
	[[ ${lines[1]} =~ ^$CPID\ [^\ ]+\ $U\ USR1\ exited\ 0$ ]]
}

@test "output_prints_the_requested_columns_in_the_requested_order" {
	start_catcher "$U"
	pk --dry-run --output comm,PID,State,uid -x "$U"
	[ "$status" -eq 0 ]
	read -ra head <<<"${lines[0]}"
	[ "${head[*]}" = "COMM PID STATE UID" ]
	read -ra row <<<"${lines[1]}"
	[ "${row[*]}" = "$U $CPID S $(id -u)" ]
}

@test "output_accepts_every_column_name_in_any_case" {
	start_catcher "$U"
	local lower=${ALL_COLUMNS,,}
	pk --dry-run --raw --output "$lower" -x "$U"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "${ALL_COLUMNS//,/ }" ]
	[ "${#lines[@]}" -eq 2 ]
	pk --dry-run -J --output "$ALL_COLUMNS" -x "$U"
	[ "$status" -eq 0 ]
	[ "$(jqr '.targets[0] | keys_unsorted | join(",")')" = "$lower" ]
	assert_quiet "$CLOG"
}

@test "output_rejects_empty_lists_and_empty_column_names" {
	start_catcher "$U"
	local list
	for list in '' ',' 'PID,' ',PID' 'PID,,COMM'; do
		pk -USR1 --output "$list" -x "$U"
		[ "$status" -eq 2 ]
		[ "${#stderr_lines[@]}" -eq 1 ]
		[ -z "$output" ]
	done
	assert_quiet "$CLOG"
}

@test "raw_separates_cells_by_one_space_without_padding" {
	start_catcher "$U"
	pk --dry-run --raw --output PID,COMM,USER,UID -x "$U"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "PID COMM USER UID" ]
	[ "${lines[1]}" = "$CPID $U $(id -un) $(id -u)" ]
}

@test "noheadings_prints_the_rows_alone" {
	start_catcher "$U"
	local a=$CPID
	start_catcher "$U"
	local b=$CPID
	pk --dry-run --noheadings --raw --output PID -x "$U"
	[ "$status" -eq 0 ]
	[ "$(sorted "${lines[@]}")" = "$(sorted "$a" "$b")" ]
	pk --dry-run --noheadings --output PID,COMM -x "$U"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[[ $output != *PID* ]]
}

# ---------------------------------------------------------------------
# Column values

@test "columns_describe_the_catcher" {
	start_catcher "$U"
	pk --dry-run -J -USR1 --output "$ALL_COLUMNS" -x "$U"
	[ "$status" -eq 0 ]
	[ "$(jqr '.targets[0].pid')" = "$CPID" ]
	[ "$(jqr '.targets[0].tid')" = "$CPID" ]
	[ "$(jqr '.targets[0].comm')" = "$U" ]
	[ "$(jqr '.targets[0].user')" = "$(id -un)" ]
	[ "$(jqr '.targets[0].uid')" = "$(id -u)" ]
	[ "$(jqr '.targets[0].state')" = S ]
	[ "$(jqr '.targets[0].signal')" = USR1 ]
	[ "$(jqr '.targets[0].result')" = matched ]
	[ "$(jqr '.targets[0].exit')" = null ]
	[[ $(jqr '.targets[0].start') =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}$ ]]
	local cmdline
	cmdline=$(jqr '.targets[0].cmdline')
	[[ $cmdline == "$CATCHER --name $U --log $CLOG "* ]]
}

@test "user_column_names_root_for_a_root_catcher" {
	require_root
	start_catcher "$U"
	pk --dry-run --raw --noheadings --output USER,UID -x "$U"
	[ "$output" = "root 0" ]
}

@test "id_column_is_the_pidfs_inode_and_token_is_pid_colon_id" {
	require_pidfs
	start_catcher "$U"
	local id
	id=$(pidfs_id "$CPID")
	pk --dry-run --raw --noheadings --output ID,TOKEN -x "$U"
	[ "$status" -eq 0 ]
	[ "$output" = "$id $CPID:$id" ]
}

@test "state_column_shows_a_stopped_catcher_as_t" {
	start_catcher "$U"
	kill -STOP "$CPID"
	wait_state "$CPID" T
	pk --dry-run --raw --noheadings --output STATE "$CPID"
	kill -CONT "$CPID"
	[ "$status" -eq 0 ]
	[ "$output" = T ]
}

@test "start_column_names_the_same_second_in_every_run" {
	# START is derived from the start time in clock ticks: one process
	# has one start time, whenever pidkill is asked
	start_catcher "$U"
	local i first
	first=$("$PIDKILL" --dry-run --noheadings --output START "$CPID")
	[[ $first =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9]{2}:[0-9]{2}:[0-9]{2}$ ]]
	for ((i = 0; i < 30; i++)); do
		run "$PIDKILL" --dry-run --noheadings --output START "$CPID"
		[ "$output" = "$first" ] || {
			echo "run $i: START $output, earlier $first" >&2
			return 1
		}
		sleep "0.0$((RANDOM % 10))"
	done
}

# ---------------------------------------------------------------------
# Tokens

@test "token_from_dry_run_reaches_the_same_process_later" {
	start_catcher "$U"
	start_catcher "$U-other"
	local other=$CLOG
	start_catcher "$U"
	local keep=$CPID keeplog=$CLOG
	local token
	token=$("$PIDKILL" --dry-run --output TOKEN --noheadings "$keep")
	[[ $token =~ ^${keep}[:@][0-9]+$ ]]
	pk -USR1 "$token"
	[ "$status" -eq 0 ]
	got 10 "$keeplog"
	assert_quiet "$other"
}

@test "token_of_a_killed_process_reaches_nothing_after_a_restart" {
	start_catcher "$U"
	local old=$CPID token
	token=$("$PIDKILL" --dry-run --output TOKEN --noheadings -x "$U")
	[[ $token =~ ^${old}[:@][0-9]+$ ]]
	kill -KILL "$old"
	wait "$old" || true
	start_catcher "$U"
	pk -USR1 "$token"
	[ "$status" -eq 1 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *"$old"* ]]
	[[ $stderr =~ gone|identity\ changed ]]
	assert_quiet "$CLOG"
}

@test "token_column_of_a_thread_and_of_a_process_is_taken_back_as_a_target" {
	start_catcher "$U" --threads 2
	local tids ttoken ptoken
	read -r -a tids <<<"$(catcher_tids "$CREADY")"
	# a thread target: its token names that thread of that process
	ttoken=$("$PIDKILL" --dry-run --output TOKEN --noheadings \
		"/proc/$CPID/task/${tids[1]}")
	[[ $ttoken =~ ^/proc/$CPID/task/${tids[1]}[:@][0-9]+$ ]]
	pk -USR1 -e "$ttoken"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$output" = "$U killed (pid ${tids[1]})" ]
	# a thread-directed signal: handled by that thread
	wait_log "$CLOG" "^signo=10 code=-?[0-9]+ .* tid=${tids[1]}\$"
	# as --output prints it too, with the thread's ID
	pk -USR2 --output TID,TOKEN --noheadings "$ttoken"
	[ "$status" -eq 0 ]
	[[ $output =~ ^\ *${tids[1]}\ +$ttoken\ *$ ]]
	wait_log "$CLOG" "^signo=12 code=-?[0-9]+ .* tid=${tids[1]}\$"
	# a process target: its token names the process
	ptoken=$("$PIDKILL" --dry-run --output TOKEN --noheadings "$CPID")
	[[ $ptoken =~ ^${CPID}[:@][0-9]+$ ]]
	pk -HUP -e "$ptoken"
	[ "$status" -eq 0 ]
	[ "$output" = "$U killed (pid $CPID)" ]
	got 1 "$CLOG"
	# the same thread and identity under another process: not its thread
	local other
	start_catcher "$U-other"
	other=$CPID
	pk -USR1 "/proc/$other/task/${ttoken#/proc/*/task/}"
	[ "$status" -eq 1 ]
	[[ $stderr == *"not a thread of that process"* ]]
	assert_quiet "$CLOG"
}

# ---------------------------------------------------------------------
# --verbose reasons and the RESULT column

# reason STATUS RESULT REGEX COMMAND...: COMMAND --verbose exits STATUS
# with one stderr line matching REGEX; COMMAND -J exits STATUS with one
# row whose RESULT is RESULT.  COMMAND is pidkill, maybe behind setpriv.
reason() {
	local want_status=$1 want_result=$2 regex=$3
	shift 3
	run --separate-stderr "$@" --verbose
	show_run
	[ "$status" -eq "$want_status" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ ${stderr_lines[0]} =~ $regex ]]
	run --separate-stderr "$@" -J
	show_run
	[ "$status" -eq "$want_status" ]
	[ "$(jqr '.targets | length')" = 1 ]
	[ "$(jqr '.targets[0].result')" = "$want_result" ]
}

@test "verbose_says_a_missing_pid_is_gone" {
	reason 1 gone "^pidkill: $NOPID: gone" "$PIDKILL" -USR1 "$NOPID"
}

@test "verbose_says_a_wrong_start_time_is_an_identity_change" {
	start_catcher "$U"
	local start
	start=$(start_time "$CPID")
	reason 1 identity-changed "$CPID@$((start + 1)).*identity changed" \
		"$PIDKILL" -USR1 "$CPID@$((start + 1))"
	assert_quiet "$CLOG"
}

@test "verbose_says_a_wrong_pidfs_id_is_an_identity_change" {
	require_pidfs
	start_catcher "$U"
	local id
	id=$(pidfs_id "$CPID")
	reason 1 identity-changed "$CPID:$((id + 1)).*identity changed" \
		"$PIDKILL" -USR1 "$CPID:$((id + 1))"
	assert_quiet "$CLOG"
}

@test "verbose_says_permission_denied_for_another_users_process" {
	require_root
	start_catcher "$U"
	reason 1 permission-denied "$CPID.*permission denied" \
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$PIDKILL" -USR1 "$CPID"
	assert_quiet "$CLOG"
}

@test "verbose_says_no_handler_when_require_handler_finds_none" {
	start_catcher "$U" --only USR1
	reason 1 no-handler "$CPID.*no handler" "$PIDKILL" -H -USR2 "$CPID"
	assert_quiet "$CLOG"
}

@test "verbose_says_a_pid_that_fails_the_filters_is_excluded" {
	start_catcher "$U"
	# a user the catcher does not run as
	local other=0
	[ "$(id -u)" = 0 ] && other=65534
	reason 1 excluded "$CPID.*excluded.*filters" \
		"$PIDKILL" -u "$other" -USR1 "$CPID"
	assert_quiet "$CLOG"
}

@test "verbose_says_pidkill_excludes_itself" {
	# bash's $$ is the PID it execs pidkill as: pidkill is given its own
	# PID, and would die of the USR1 if it sent it
	# shellcheck disable=SC2016  # expanded by the inner bash
	local self=(bash -c 'exec "$0" -USR1 "$$" "$@"' "$PIDKILL")
	run --separate-stderr "${self[@]}" --verbose
	show_run
	[ "$status" -eq 1 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ ${stderr_lines[0]} =~ excluded.*pidkill\ itself ]]
	# a row only with --verbose (the man page's OUTPUT)
	run --separate-stderr "${self[@]}" -J --verbose
	show_run
	[ "$status" -eq 1 ]
	[ "$(jqr '.targets | length')" = 1 ]
	[ "$(jqr '.targets[0].result')" = excluded ]
	run --separate-stderr "${self[@]}" -J
	show_run
	[ "$status" -eq 1 ]
	[ "$(jqr '.targets | length')" = 0 ]
}

@test "verbose_says_an_unlocked_pidfile_is_not_locked" {
	start_catcher "$U" --pidfile "$TMP/$U.pid"
	reason 1 not-locked "$CPID.*not locked" \
		"$PIDKILL" -USR1 -L -F "$TMP/$U.pid"
	assert_quiet "$CLOG"
}

@test "verbose_says_a_tid_of_another_process_is_not_its_thread" {
	start_catcher "$U"
	local p=$CPID plog=$CLOG
	start_catcher "$U-2"
	reason 1 not-a-thread "/proc/$p/task/$CPID.*not a thread" \
		"$PIDKILL" -USR1 "/proc/$p/task/$CPID"
	assert_quiet "$plog"
	assert_quiet "$CLOG"
}

@test "verbose_says_how_a_waited_target_exited" {
	start_catcher "$U" --exit-on USR1
	run --separate-stderr "$PIDKILL" --verbose -w -USR1 "$CPID"
	show_run
	[ "$status" -eq 0 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ ${stderr_lines[0]} =~ $CPID.*exited\ with\ status\ 0 ]]
	start_catcher "$U" --exit-on USR1
	pk -J -w -USR1 "$CPID"
	[ "$status" -eq 0 ]
	[ "$(jqr '.targets[0].result')" = exited ]
	[ "$(jqr '.targets[0].exit')" = 0 ]
}

@test "verbose_says_which_signal_killed_a_waited_target" {
	start_catcher "$U"
	pk --verbose -w -KILL "$CPID"
	[ "$status" -eq 0 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ ${stderr_lines[0]} =~ $CPID.*killed\ by\ signal\ 9 ]]
	start_catcher "$U"
	pk -J -w -KILL "$CPID"
	[ "$status" -eq 0 ]
	[ "$(jqr '.targets[0].result')" = exited ]
	[ "$(jqr '.targets[0].exit')" = KILL ]
}

@test "verbose_says_a_target_that_outlived_the_timeout_is_still_alive" {
	start_catcher "$U"
	reason 4 survived "$CPID.*still alive" \
		"$PIDKILL" --timeout 200ms -USR1 "$CPID"
	got 10 "$CLOG"
}

@test "verbose_says_nothing_about_signaled_targets" {
	start_catcher "$U"
	pk --verbose -USR1 "$CPID" "$NOPID"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ ${stderr_lines[0]} == *"$NOPID"*gone* ]]
}

# A report that cannot be written is a fatal error (3), said on stderr;
# what was sent was sent.  A pipe whose reader is gone, with SIGPIPE
# ignored as a supervisor may leave it, is the same, and quiet.
@test "report_that_cannot_be_written_exits_3_after_sending" {
	start_catcher "$U"
	# shellcheck disable=SC2016  # expanded by the inner bash
	run --separate-stderr bash -c 'exec "$@" >/dev/full' bash \
		"$PIDKILL" -e -USR1 "$CPID"
	show_run
	[ "$status" -eq 3 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ ${stderr_lines[0]} == "pidkill: write error"* ]]
	got 10 "$CLOG"
	# a FIFO opened for reading and writing, then for writing, and the
	# first closed: no reader is left
	local rw w
	mkfifo "$TMP/pipe"
	# shellcheck disable=SC2094  # opened twice on purpose
	exec {rw}<>"$TMP/pipe" {w}>"$TMP/pipe" {rw}<&-
	# shellcheck disable=SC2016  # expanded by the inner bash
	run bash -c 'trap "" PIPE; fd=$1; shift; exec "$@" >&"$fd"' bash "$w" \
		"$PIDKILL" -e -USR2 "$CPID"
	[ "$status" -eq 3 ]
	[ -z "$output" ]
	got 12 "$CLOG"
	# where SIGPIPE is not ignored, it ends pidkill, as it ends pkill,
	# once the signal was sent
	# shellcheck disable=SC2016  # expanded by the inner bash
	run bash -c 'trap - PIPE; fd=$1; shift; "$@" >&"$fd"; echo "$?"' bash \
		"$w" "$PIDKILL" -e -HUP "$CPID"
	exec {w}>&-
	[ "$output" = 141 ]
	got 1 "$CLOG"
}

@test "quiet_silences_per_target_messages_and_keeps_the_status" {
	pk --quiet -USR1 "$NOPID"
	[ "$status" -eq 1 ]
	[ -z "$stderr" ]
	start_catcher "$U"
	pk --quiet --timeout 200ms -USR1 "$CPID"
	[ "$status" -eq 4 ]
	[ -z "$stderr" ]
	got 10 "$CLOG"
	pk --quiet --verbose -USR1 "$NOPID"
	[ "$status" -eq 1 ]
	[ -z "$stderr" ]
}

# ---------------------------------------------------------------------
# -I through a pseudo-terminal

# prompt_start ARGS...: run pidkill -I ARGS under script(1), whose output
# (the prompts and pidkill's messages) goes to $TMP/typescript; answers
# go to its input through a FIFO (answer), closed by prompt_end.
prompt_start() {
	local cmd
	printf -v cmd '%q ' "$PIDKILL" -I "$@"
	under_script "$cmd"
}

# How many questions were asked so far
prompts() {
	grep -o 'Send [A-Z0-9+]*?' "$TMP/typescript" 2>/dev/null | wc -l
}

# wait_prompts N: wait until the Nth question is shown
wait_prompts() {
	local i
	for ((i = 0; i < 500; i++)); do
		[ "$(prompts)" -ge "$1" ] && return 0
		sleep 0.01
	done
	echo "question $1 was never asked" >&2
	cat "$TMP/typescript" >&2
	return 1
}

# answer N TEXT: once the Nth question is shown, type TEXT
answer() {
	wait_prompts "$1"
	printf '%s\n' "$2" >&"$ANSWERS"
}

# prompt_end: end the input, wait for pidkill; its status in $status
prompt_end() {
	local i
	exec {ANSWERS}>&-
	for ((i = 0; i < 1000; i++)); do
		kill -0 "$PROMPT_PID" 2>/dev/null || break
		sleep 0.01
	done
	status=0
	wait "$PROMPT_PID" || status=$?
	echo "--- status $status; typescript:"
	cat "$TMP/typescript"
}

@test "prompt_shows_pid_name_user_start_time_and_command_line" {
	require_root
	start_catcher "$U"
	prompt_start -USR1 -x "$U"
	answer 1 n
	prompt_end
	grep -Eq "^$CPID \\($U\\) .*user root .*started [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}" \
		"$TMP/typescript"
	grep -Fq -- "--log $CLOG" "$TMP/typescript"
	grep -q 'Send USR1?' "$TMP/typescript"
}

@test "prompt_with_more_targets_than_fds_is_refused_before_asking" {
	local logs=() log i
	for i in 1 2 3 4 5 6; do
		start_catcher "$U"
		logs+=("$CLOG")
	done
	# fds 0-2 only, under a limit that pins a few of the six: every
	# target must stay pinned from its question to its signal, so
	# pidkill refuses before it asks anything
	cat >"$TMP/fewfds" <<'EOF'
#!/bin/bash
for fd in /proc/$$/fd/*; do fd=${fd##*/}
	[ "$fd" -le 2 ] || eval "exec $fd>&-"; done
ulimit -n 8 && exec "$@"
EOF
	chmod +x "$TMP/fewfds"
	run script -qfec "$TMP/fewfds $PIDKILL -I -USR1 -x $U" \
		"$TMP/typescript" </dev/null
	cat "$TMP/typescript"
	[ "$status" -eq 3 ]
	grep -q "too many targets to keep pinned while asking" "$TMP/typescript"
	[ "$(prompts)" -eq 0 ]
	for log in "${logs[@]}"; do
		assert_quiet "$log"
	done
}

@test "prompt_answered_yes_signals_the_target" {
	start_catcher "$U"
	prompt_start -USR1 -x "$U"
	answer 1 y
	prompt_end
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	[ "$(prompts)" -eq 1 ]
}

# With -R the question names the first signal and answers for the whole
# schedule: the later steps reach the confirmed target unasked
@test "prompt_with_a_schedule_asks_once_and_its_steps_follow" {
	start_catcher "$U"
	prompt_start -R USR1/0.1/USR2/0.1 -x "$U"
	answer 1 y
	prompt_end
	[ "$status" -eq 4 ]
	[ "$(prompts)" -eq 1 ]
	grep -q 'Send USR1?' "$TMP/typescript"
	got 10 "$CLOG"
	got 12 "$CLOG"
}

@test "prompt_answered_no_signals_nothing" {
	start_catcher "$U"
	prompt_start -USR1 -x "$U"
	answer 1 no
	prompt_end
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
}

@test "prompt_answered_no_then_yes_signals_only_the_second_target" {
	start_catcher "$U"
	local a=$CPID alog=$CLOG
	start_catcher "$U"
	local b=$CPID blog=$CLOG
	prompt_start -USR1 -x "$U"
	answer 1 n
	answer 2 yes
	prompt_end
	[ "$status" -eq 0 ]
	[ "$(prompts)" -eq 2 ]
	# the questions come in some order: the second one asked is signaled
	local second
	second=$(grep -Eo "^($a|$b) \\($U\\)" "$TMP/typescript" | sed -n '2s/ .*//p')
	if [ "$second" = "$a" ]; then
		got 10 "$alog"
		assert_quiet "$blog"
	else
		[ "$second" = "$b" ]
		got 10 "$blog"
		assert_quiet "$alog"
	fi
}

@test "prompt_answered_all_signals_every_target_after_one_question" {
	start_catcher "$U"
	local alog=$CLOG
	start_catcher "$U"
	local blog=$CLOG
	prompt_start -USR1 -x "$U"
	answer 1 a
	prompt_end
	[ "$status" -eq 0 ]
	got 10 "$alog"
	got 10 "$blog"
	[ "$(prompts)" -eq 1 ]
}

@test "prompt_answered_quit_signals_no_target" {
	start_catcher "$U"
	local alog=$CLOG
	start_catcher "$U"
	local blog=$CLOG
	prompt_start -USR1 -x "$U"
	answer 1 quit
	prompt_end
	[ "$status" -eq 1 ]
	[ "$(prompts)" -eq 1 ]
	assert_quiet "$alog"
	assert_quiet "$blog"
}

@test "prompt_asks_again_after_an_unrecognized_answer" {
	start_catcher "$U"
	prompt_start -USR1 -x "$U"
	answer 1 maybe
	answer 2 Y
	prompt_end
	[ "$status" -eq 0 ]
	[ "$(prompts)" -eq 2 ]
	got 10 "$CLOG"
	[ "$(grep -c '^signo=' "$CLOG")" -eq 1 ]
}

@test "prompt_treats_end_of_input_as_quit" {
	start_catcher "$U"
	local alog=$CLOG
	start_catcher "$U"
	local blog=$CLOG
	prompt_start -USR1 -x "$U"
	wait_prompts 1
	prompt_end
	[ "$status" -eq 1 ]
	[ "$(prompts)" -eq 1 ]
	assert_quiet "$alog"
	assert_quiet "$blog"
}

@test "prompt_end_of_input_declines_the_target_asked_and_asks_no_other" {
	start_catcher "$U"
	local a=$CPID alog=$CLOG
	start_catcher "$U"
	local b=$CPID blog=$CLOG
	prompt_start --verbose -USR1 -x "$U"
	wait_prompts 1
	prompt_end
	[ "$status" -eq 1 ]
	[ "$(prompts)" -eq 1 ]
	local asked other
	asked=$(grep -Eo "^($a|$b) \\($U\\)" "$TMP/typescript" | sed -n '1s/ .*//p')
	if [ "$asked" = "$a" ]; then other=$b; else other=$a; fi
	grep -Fq "pidkill: $asked ($U): excluded: declined" "$TMP/typescript"
	grep -Fq "pidkill: $other ($U): excluded: not asked: quit" \
		"$TMP/typescript"
	assert_quiet "$alog"
	assert_quiet "$blog"
}

# 63 bytes of x: the answer buffer held 63 bytes and read the rest of a
# longer line as the next answer
X63=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx

@test "prompt_long_answer_ending_in_y_is_not_yes" {
	[ "${#X63}" -eq 63 ]
	start_catcher "$U"
	prompt_start -USR1 -x "$U"
	answer 1 "${X63}y"
	answer 2 n
	prompt_end
	[ "$status" -eq 1 ]
	[ "$(prompts)" -eq 2 ]
	assert_quiet "$CLOG"
}

@test "prompt_long_answer_ending_in_q_is_asked_again" {
	start_catcher "$U"
	prompt_start -USR1 -x "$U"
	answer 1 "${X63}q"
	answer 2 y
	prompt_end
	[ "$status" -eq 0 ]
	[ "$(prompts)" -eq 2 ]
	got 10 "$CLOG"
}

@test "prompt_answer_of_a_thousand_bytes_is_asked_again_once" {
	local long
	printf -v long '%01000d' 0
	start_catcher "$U"
	prompt_start -USR1 -x "$U"
	answer 1 "$long"
	answer 2 y
	prompt_end
	[ "$status" -eq 0 ]
	[ "$(prompts)" -eq 2 ]
	got 10 "$CLOG"
}

@test "interactive_without_a_terminal_is_a_usage_error" {
	command -v setsid >/dev/null || skip "setsid is not installed"
	start_catcher "$U"
	run --separate-stderr setsid -w "$PIDKILL" -I -USR1 -x "$U" </dev/null
	show_run
	[ "$status" -eq 2 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *terminal* ]]
	assert_quiet "$CLOG"
}

# ---------------------------------------------------------------------
# Bad input

@test "bad_report_options_are_usage_errors_that_signal_nothing" {
	start_catcher "$U"
	# an unknown column
	usage_case "'FOO'" --output FOO -USR1 -x "$U"
	# an empty name in the list, an empty list
	usage_case "'PID,,COMM'" --output PID,,COMM -USR1 -x "$U"
	usage_case "''" --output '' -USR1 -x "$U"
	# -J with --raw or --echo, in either order: both named
	usage_case "--json and --raw" -J --raw -USR1 -x "$U"
	usage_case "--json and --raw" --raw -J -USR1 -x "$U"
	usage_case "--json and --echo" -J -e -USR1 -x "$U"
	usage_case "--json and --echo" -e -c -J -USR1 -x "$U"
	# -I with --dry-run or --count
	usage_case --dry-run -I --dry-run -USR1 -x "$U"
	usage_case --count -I -c -USR1 -x "$U"
	assert_quiet "$CLOG"
}

# ---------------------------------------------------------------------
# The target is replaced while the question waits

# The script run as PID 1 of a new PID namespace.  Environment: CATCHER,
# PIDKILL, OUT (a directory), ANSWER.  Writes key=value lines to
# $OUT/result.
write_inner() {
	cat >"$TMP/inner.sh" <<'EOF'
set -u
umask 022
source "$INNER_LIB"

start "$OUT/victim.log"
V=$pid
result victim "$V"
result victim_start "$(start_time "$V")"

mkfifo "$OUT/answers"
script -qfec "$PIDKILL --verbose -I -USR1 -x victim" "$OUT/typescript" \
	<"$OUT/answers" >/dev/null 2>&1 &
sp=$!
exec 4>"$OUT/answers"
for ((i = 0; i < 500; i++)); do
	grep -q 'Send USR1?' "$OUT/typescript" 2>/dev/null && break
	sleep 0.01
done
grep -q 'Send USR1?' "$OUT/typescript" && result prompted yes

impostor_for "$V"
result impostor_comm "$(cat "/proc/$pid/comm")"
result still_asking "$(kill -0 "$sp" 2>/dev/null && echo yes)"

printf '%s\n' "$ANSWER" >&4
exec 4>&-
wait "$sp"
result status "$?"
settle "$pid"
EOF
}

result() {
	sed -n "s/^$1=//p" "$OUT/result"
}

@test "prompt_answered_yes_spares_an_impostor_that_took_the_pid" {
	require_pid_namespace
	command -v script >/dev/null || skip "script(1) is not installed"
	write_inner
	OUT="$TMP/out"
	mkdir "$OUT"
	CATCHER="$CATCHER" PIDKILL="$PIDKILL" OUT="$OUT" ANSWER=y INNER_LIB="$INNER_LIB" \
		unshare -pf --mount-proc --kill-child bash "$TMP/inner.sh" \
		>"$TMP/ns.log" 2>&1 &
	STARTED+=("$!")
	wait "$!" || true
	echo "--- result" && cat "$OUT/result"
	echo "--- typescript" && cat "$OUT/typescript"
	echo "--- namespace" && cat "$TMP/ns.log"
	# the question was up, and still waiting, while the impostor took
	# the victim's PID under the victim's name
	[ "$(result prompted)" = yes ]
	[ "$(result impostor)" = "$(result victim)" ] || {
		echo "could not make the impostor reuse PID $(result victim)" >&2
		return 1
	}
	[ "$(result impostor_comm)" = victim ]
	[ "$(result still_asking)" = yes ]
	# yes applied to the process shown, which is gone: nothing was sent
	assert_quiet "$OUT/impostor.log"
	[ "$(result status)" = 1 ]
	grep -Eq "$(result victim).*gone" "$OUT/typescript"
}
