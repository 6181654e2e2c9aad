#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Patterns and groups reach only what this file started: it runs in a
# private PID namespace of its own (tests/helpers/bats-pidns).
# pidns: the whole file
# Pidfiles (issue 3, item 6; issue 13, items 3 to 5): -F FILE and -F -,
# the strict parse (one PID, blanks around it, LF or CRLF), a missing or
# empty pidfile (exit 1, as pkill), -L (a write lock held through an open
# file of the pinned process, proven from its fdinfo), and root's rule
# for pidfiles that another user could have written (systemd's, for
# PIDFile=).
#
# Bad pidfiles hold the catcher's PID wherever a lax parser would find
# it, so a parser that accepts them signals the catcher and fails the test.
# shellcheck disable=SC2154  # status, output, stderr, lines come from bats

load ../helpers/lib

bats_require_minimum_version 1.5.0

setup() { common_setup; }
teardown() { common_teardown; }

# pidfile_with FILE FORMAT ARGS...: write the file with printf, mode 0644
pidfile_with() {
	local file=$1
	shift
	# shellcheck disable=SC2059  # the format is the point
	printf -- "$@" >"$file"
	chmod 0644 "$file"
}

# refused FILE ARGS...: pidkill -F FILE ARGS exits 2, names FILE on
# stderr, prints nothing on stdout, and the catcher receives nothing
refused() {
	local file=$1
	shift
	pk -USR1 -F "$file" "$@"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ $stderr == *"$file"* ]]
	assert_quiet "$CLOG"
}

# names_no_process FILE ARGS...: pidkill -F FILE ARGS exits 1 with one
# line naming FILE on stderr, and the catcher receives nothing
names_no_process() {
	local file=$1
	shift
	pk -USR1 -F "$file" "$@"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == "pidkill: pidfile $file: "* ]]
	assert_quiet "$CLOG"
}

# untrusted FILE ARGS...: as root, pidkill -F FILE ARGS reads the file but
# refuses the process it names, saying how to override; exit 1
untrusted() {
	local file=$1
	shift
	pk -USR1 -F "$file" "$@"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[[ $stderr == *"$file"* ]]
	[[ $stderr == *--unsafe-pidfile* ]]
	assert_quiet "$CLOG"
}

# ---------------------------------------------------------------------
# Reading

@test "pidfile_signals_the_pid_in_the_file" {
	start_catcher pkfile --pidfile "$TMP/c.pid"
	chmod 0644 "$TMP/c.pid"
	pk -USR1 -F "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
}

@test "pidfile_long_option_without_trailing_newline" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s' "$CPID"
	pk -USR2 --pidfile "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 12 "$CLOG"
}

@test "pidfile_dash_reads_standard_input" {
	start_catcher pkfile
	pk -USR1 -F - <<<"$CPID"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
}

@test "pidfile_target_is_narrowed_by_filters" {
	require_root
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\n' "$CPID"
	pk -USR1 -F "$TMP/c.pid" -u nobody
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
}

@test "pidfile_naming_no_process_reports_it_gone" {
	local gone
	true &
	gone=$!
	wait "$gone" || true
	[ ! -e "/proc/$gone" ] || skip "PID $gone was reused at once"
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\n' "$gone"
	pk -USR1 -F "$TMP/c.pid"
	[ "$status" -eq 1 ]
	[[ $stderr == *"$gone"* ]]
	[[ $stderr == *gone* ]]
}

# ---------------------------------------------------------------------
# A pidfile that does not exist or holds no PID names no process: exit 1
# (pkill's and start-stop-daemon's "not running"), one message

@test "pidfile_empty_names_no_process" {
	start_catcher pkfile
	: >"$TMP/c.pid"
	names_no_process "$TMP/c.pid"
	[[ $stderr == *"holds no PID"* ]]
}

@test "pidfile_holding_only_blanks_and_a_newline_names_no_process" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '\n'
	names_no_process "$TMP/c.pid"
	pidfile_with "$TMP/c.pid" ' \t\r\n'
	names_no_process "$TMP/c.pid"
}

@test "pidfile_that_does_not_exist_names_no_process" {
	start_catcher pkfile
	names_no_process "$TMP/missing.pid"
	[ "$stderr" = "pidkill: pidfile $TMP/missing.pid: No such file or directory" ]
	# the same in a directory that does not exist, as root or not
	names_no_process "$TMP/nodir/missing.pid"
}

@test "pidfile_missing_or_empty_says_nothing_with_quiet" {
	start_catcher pkfile
	pk -USR1 --quiet -F "$TMP/missing.pid"
	[ "$status" -eq 1 ]
	[ -z "$output$stderr" ]
	: >"$TMP/c.pid"
	pk -USR1 --quiet -F "$TMP/c.pid"
	[ "$status" -eq 1 ]
	[ -z "$output$stderr" ]
	assert_quiet "$CLOG"
}

@test "pidfile_missing_beside_a_good_one_does_not_stop_it" {
	start_catcher pkfile
	pidfile_with "$TMP/good.pid" '%s\n' "$CPID"
	pk -USR1 -F "$TMP/missing.pid" -F "$TMP/good.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *"$TMP/missing.pid: No such file or directory"* ]]
}

@test "pidfile_missing_name_is_escaped_in_its_message" {
	start_catcher pkfile
	pk -USR1 -F "$TMP/no"$'\n'"pidkill: 1 (init): signaled"
	[ "$status" -eq 1 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *'\x0a'* ]]
	assert_quiet "$CLOG"
}

@test "pidfile_missing_counts_nothing" {
	start_catcher pkfile
	pk -c -USR1 -F "$TMP/missing.pid"
	[ "$status" -eq 1 ]
	[ "$output" = 0 ]
	assert_quiet "$CLOG"
}

# ---------------------------------------------------------------------
# Strict parse: one PID, blanks around it, an optional LF or CRLF

@test "pidfile_with_letters_is_refused" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" 'abc\n'
	refused "$TMP/c.pid"
	pidfile_with "$TMP/c.pid" '%sabc\n' "$CPID"
	refused "$TMP/c.pid"
}

@test "pidfile_with_a_sign_is_refused" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '-5\n'
	refused "$TMP/c.pid"
	pidfile_with "$TMP/c.pid" '+%s\n' "$CPID"
	refused "$TMP/c.pid"
}

@test "pidfile_with_two_numbers_on_a_line_is_refused" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s %s\n' "$CPID" "$CPID"
	refused "$TMP/c.pid"
}

@test "pidfile_with_two_lines_is_refused" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\n%s\n' "$CPID" "$CPID"
	refused "$TMP/c.pid"
	pidfile_with "$TMP/c.pid" '%s\n\n' "$CPID"
	refused "$TMP/c.pid"
}

@test "pidfile_with_blanks_around_the_pid_is_read" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" ' %s\n' "$CPID"
	pk -USR1 -F "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	pidfile_with "$TMP/c.pid" '%s \n' "$CPID"
	pk -USR2 -F "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 12 "$CLOG"
	pidfile_with "$TMP/c.pid" '\t%s\t' "$CPID"
	pk -HUP -F "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 1 "$CLOG"
}

@test "pidfile_with_crlf_is_read" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\r\n' "$CPID"
	pk -USR1 -F "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	pidfile_with "$TMP/c.pid" ' %s \r\n' "$CPID"
	pk -USR2 -F - <"$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 12 "$CLOG"
}

@test "pidfile_with_a_lone_carriage_return_is_refused" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\r' "$CPID"
	refused "$TMP/c.pid"
	pidfile_with "$TMP/c.pid" '%s\r\r\n' "$CPID"
	refused "$TMP/c.pid"
	pidfile_with "$TMP/c.pid" '%s\n\r\n' "$CPID"
	refused "$TMP/c.pid"
}

@test "pidfile_with_blanks_between_two_pids_is_refused" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" ' %s\t%s \r\n' "$CPID" "$CPID"
	refused "$TMP/c.pid"
}

@test "pidfile_with_a_nul_byte_is_refused" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\0\n' "$CPID"
	refused "$TMP/c.pid"
	pidfile_with "$TMP/c.pid" '%s\n\0' "$CPID"
	refused "$TMP/c.pid"
}

@test "pidfile_with_a_huge_number_is_refused" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '99999999999999999999999\n'
	refused "$TMP/c.pid"
	# wraps to the catcher's PID modulo 2^32 in a careless parser
	pidfile_with "$TMP/c.pid" '%s\n' "$((4294967296 + CPID))"
	refused "$TMP/c.pid"
}

@test "pidfile_with_pid_zero_is_refused" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '0\n'
	refused "$TMP/c.pid"
}

@test "pidfile_that_is_a_directory_is_refused" {
	start_catcher pkfile
	mkdir "$TMP/c.pid"
	refused "$TMP/c.pid"
}

@test "pidfile_that_is_a_fifo_is_refused_without_hanging" {
	start_catcher pkfile
	mkfifo "$TMP/c.pid"
	run --separate-stderr timeout 5 "$PIDKILL" -USR1 -F "$TMP/c.pid"
	show_run
	[ "$status" -eq 2 ]
	[[ $stderr == *"$TMP/c.pid"* ]]
	assert_quiet "$CLOG"
}

@test "pidfile_on_standard_input_is_parsed_strictly" {
	start_catcher pkfile
	pk -USR1 -F - <<<"$CPID $CPID"
	[ "$status" -eq 2 ]
	[ -n "$stderr" ]
	assert_quiet "$CLOG"
}

@test "bad_pidfile_stops_everything_before_any_signal" {
	start_catcher pkfile
	local good=$CLOG
	pidfile_with "$TMP/good.pid" '%s\n' "$CPID"
	start_catcher pkfile
	pidfile_with "$TMP/bad.pid" 'x%s\n' "$CPID"
	pk -USR1 -F "$TMP/good.pid" -F "$TMP/bad.pid"
	[ "$status" -eq 2 ]
	[[ $stderr == *"$TMP/bad.pid"* ]]
	assert_quiet "$good"
	assert_quiet "$CLOG"
}

# ---------------------------------------------------------------------
# -L: the pinned process must hold a write lock on the pidfile through
# one of its own open files (fcntl, OFD or flock), as its fdinfo shows

@test "logpidfile_signals_the_process_holding_the_lock" {
	start_catcher pkfile --lock-pidfile "$TMP/c.pid"
	chmod 0644 "$TMP/c.pid"
	pk -USR1 -L -F "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
}

@test "logpidfile_refuses_an_unlocked_pidfile" {
	start_catcher pkfile --pidfile "$TMP/c.pid"
	chmod 0644 "$TMP/c.pid"
	pk -USR1 --logpidfile -F "$TMP/c.pid"
	[ "$status" -eq 1 ]
	[[ $stderr == *"$CPID"* ]]
	assert_quiet "$CLOG"
}

@test "logpidfile_refuses_when_another_process_holds_the_lock" {
	start_catcher pklock --lock-pidfile "$TMP/c.pid"
	local holder_log=$CLOG
	start_catcher pknamed
	# the file now names a process that does not hold its lock
	pidfile_with "$TMP/c.pid" '%s\n' "$CPID"
	pk -USR1 -L -F "$TMP/c.pid"
	[ "$status" -eq 1 ]
	[[ $stderr == *"$CPID"* ]]
	assert_quiet "$CLOG"
	assert_quiet "$holder_log"
}

@test "logpidfile_accepts_an_flock_lock" {
	start_catcher pkfile --lock-kind flock --lock-pidfile "$TMP/c.pid"
	pk -USR1 -L -F "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
}

@test "logpidfile_accepts_an_ofd_lock" {
	start_catcher pkfile --lock-kind ofd --lock-pidfile "$TMP/c.pid"
	pk -USR1 -L -F "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
}

@test "logpidfile_accepts_an_fcntl_lock" {
	start_catcher pkfile --lock-kind posix --lock-pidfile "$TMP/c.pid"
	pk -USR1 -L -F "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
}

@test "logpidfile_refuses_a_read_lock" {
	start_catcher pkfile --lock-kind posix-read --lock-pidfile "$TMP/c.pid"
	pk -USR1 -L -F "$TMP/c.pid"
	[ "$status" -eq 1 ]
	[[ $stderr == *"$CPID"*"not locked"* ]]
	assert_quiet "$CLOG"
	start_catcher pkfile --lock-kind flock-shared --lock-pidfile "$TMP/c.pid"
	pk -USR1 -L -F "$TMP/c.pid"
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
}

@test "logpidfile_refuses_a_process_that_has_the_pidfile_open_unlocked" {
	start_catcher pkfile --lock-kind none --lock-pidfile "$TMP/c.pid"
	[ -n "$(find "/proc/$CPID/fd" -lname "$TMP/c.pid")" ]
	pk -USR1 -L -F "$TMP/c.pid"
	[ "$status" -eq 1 ]
	[[ $stderr == *"$CPID"*"not locked"* ]]
	assert_quiet "$CLOG"
}

@test "logpidfile_unproven_when_the_holders_open_files_cannot_be_read" {
	require_root
	command -v setpriv >/dev/null || skip "setpriv is not installed"
	nobody_pidkill
	chmod 755 "$TMP"
	start_catcher pkfile --lock-pidfile "$TMP/c.pid"
	run --separate-stderr setpriv --reuid=65534 --regid=65534 \
		--clear-groups "$NOBODY_PIDKILL" -0 --verbose -L -F "$TMP/c.pid"
	show_run
	[ "$status" -eq 1 ]
	[[ $stderr == *"$CPID"*"not locked"*"cannot be read"* ]]
	assert_quiet "$CLOG"
}

# The attack on trusting the PID a lock query reports: a POSIX lock
# outlives the process that took it when its fd table is shared
# (clone(CLONE_FILES)), and the kernel keeps the dead taker's PID as the
# lock's.  A newcomer that takes that PID (at every level of PID
# namespace, set_tid of clone3(2), so that the lock query finds it:
# ns_last_pid alone gives it the PID inside the namespace only, and the
# query then reports 0) would be "the holder", though it holds the lock
# through no open file of its own.
@test "logpidfile_refuses_a_newcomer_with_the_pid_of_a_dead_lock_taker" {
	require_pid_namespace
	OUT="$TMP/out"
	mkdir "$OUT"
	cat >"$TMP/inner.sh" <<'EOF'
set -u
source "$INNER_LIB"
# the taker locks, writes its PID and exits; the holder keeps the lock
"$HELPERS/lockshare" hold "$OUT/c.pid" "$OUT/hold.ready" 9 &
wait_file "$OUT/hold.ready"
taker=$(sed -n 's/^taker=//p' "$OUT/hold.ready")
result taker "$taker"
result taker_gone "$([ -e "/proc/$taker" ] && echo no || echo yes)"
# a newcomer takes the taker's PID at every level
"$HELPERS/lockshare" spawn "$(sed -n 's/^nspids=//p' "$OUT/hold.ready")" \
	"$CATCHER" --name victim --log "$OUT/newcomer.log" \
	--ready "$OUT/newcomer.ready" 9<&- &
wait_file "$OUT/newcomer.ready"
result newcomer "$(sed -n 's/^pid=//p' "$OUT/newcomer.ready")"
# what a lock query reports now: the newcomer
result getlk "$("$HELPERS/lockshare" getlk "$OUT/c.pid")"
"$PIDKILL" -USR1 -L -F "$OUT/c.pid" >"$OUT/stdout" 2>"$OUT/stderr" 9<&-
result status "$?"
sleep 0.2
EOF
	HELPERS="$HELPERS" CATCHER="$CATCHER" PIDKILL="$PIDKILL" OUT="$OUT" \
		INNER_LIB="$INNER_LIB" \
		unshare -pf --mount-proc --kill-child bash "$TMP/inner.sh" \
		9<"${OUTER_PROC:-/proc}" >"$TMP/ns.log" 2>&1 || true
	echo "--- result" && cat "$OUT/result"
	echo "--- stderr" && cat "$OUT/stderr"
	echo "--- namespace" && cat "$TMP/ns.log"
	local taker
	taker=$(sed -n 's/^taker=//p' "$OUT/result")
	# the attack was set up: the newcomer has the taker's PID, and the
	# lock query names it
	[ "$(sed -n 's/^taker_gone=//p' "$OUT/result")" = yes ]
	[ "$(sed -n 's/^newcomer=//p' "$OUT/result")" = "$taker" ]
	[ "$(sed -n 's/^getlk=//p' "$OUT/result")" = "$taker" ]
	# and the newcomer was not signaled
	[ "$(sed -n 's/^status=//p' "$OUT/result")" = 1 ]
	grep -q "$taker.*not locked" "$OUT/stderr"
	[ ! -s "$OUT/newcomer.log" ]
}

@test "logpidfile_without_pidfile_is_a_usage_error" {
	start_catcher pkfile
	pk -USR1 -L "$CPID"
	[ "$status" -eq 2 ]
	[ -n "$stderr" ]
	assert_quiet "$CLOG"
}

@test "logpidfile_with_standard_input_is_a_usage_error" {
	start_catcher pkfile
	pk -USR1 -L -F - <<<"$CPID"
	[ "$status" -eq 2 ]
	assert_quiet "$CLOG"
}

# ---------------------------------------------------------------------
# As root: a pidfile someone else could have written is not evidence.
# One unprivileged user who can write it (the file or a directory on its
# path is theirs) makes it name only that user's processes; a group,
# every user, or two users make it name none.

@test "root_refuses_a_symlink_pidfile" {
	require_root
	start_catcher pkfile
	pidfile_with "$TMP/real.pid" '%s\n' "$CPID"
	ln -s "$TMP/real.pid" "$TMP/c.pid"
	refused "$TMP/c.pid"
	[[ $stderr == *symlink* || $stderr == *--unsafe-pidfile* ]]
}

@test "root_accepts_a_symlink_pidfile_with_unsafe_pidfile" {
	require_root
	start_catcher pkfile
	pidfile_with "$TMP/real.pid" '%s\n' "$CPID"
	ln -s "$TMP/real.pid" "$TMP/c.pid"
	pk -USR1 --unsafe-pidfile -F "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
}

@test "root_refuses_a_root_process_named_by_a_pidfile_another_user_owns" {
	require_root
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\n' "$CPID"
	chown nobody "$TMP/c.pid"
	untrusted "$TMP/c.pid"
	[[ $stderr == *"$CPID"*refused* ]]
}

@test "root_refuses_a_root_process_named_by_a_read_only_pidfile_another_user_owns" {
	require_root
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\n' "$CPID"
	chown nobody "$TMP/c.pid"
	chmod 0444 "$TMP/c.pid"
	untrusted "$TMP/c.pid"
}

@test "root_judges_a_pidfile_on_standard_input_by_its_owner_and_mode" {
	require_root
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\n' "$CPID"
	chown nobody "$TMP/c.pid"
	# nobody's file, read through standard input: still nobody's
	run --separate-stderr "$PIDKILL" -USR1 -F - <"$TMP/c.pid"
	show_run
	[ "$status" -eq 1 ]
	[[ $stderr == *"pidfile -: $CPID"*refused*--unsafe-pidfile* ]]
	chmod 0666 "$TMP/c.pid"
	run --separate-stderr "$PIDKILL" -USR1 -F - <"$TMP/c.pid"
	show_run
	[ "$status" -eq 2 ]
	[[ $stderr == *"writable by every user"* ]]
	assert_quiet "$CLOG"
	# a pipe is the caller's own words
	run --separate-stderr bash -c 'echo "$1" | "$2" -USR1 -F -' \
		bash "$CPID" "$PIDKILL"
	show_run
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
}

@test "root_signals_the_owners_process_named_by_a_pidfile_it_owns" {
	require_root
	start_catcher pkfile --drop-to 65534
	pidfile_with "$TMP/c.pid" '%s\n' "$CPID"
	chown nobody "$TMP/c.pid"
	pk -USR1 -F "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	chmod 0444 "$TMP/c.pid"
	pk -USR2 -F "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 12 "$CLOG"
}

@test "root_requires_both_real_and_effective_uid_of_the_pidfile_owner" {
	require_root
	command -v setpriv >/dev/null || skip "setpriv is not installed"
	local log=$TMP/half/half.log pid
	# a directory where the process, as nobody, writes its log
	mkdir "$TMP/half"
	chown nobody "$TMP/half"
	chmod 0755 "$TMP"
	: >"$log"
	chown nobody "$log"
	# effective UID nobody, real UID root
	setpriv --euid=65534 "$CATCHER" --name pkhalf --log "$log" \
		--ready "$log.ready" </dev/null >/dev/null 2>&1 &
	pid=$!
	STARTED+=("$pid")
	wait_file "$log.ready"
	grep -Eq '^Uid:\s+0\s+65534\s' "/proc/$pid/status"
	pidfile_with "$TMP/c.pid" '%s\n' "$pid"
	chown nobody "$TMP/c.pid"
	CLOG=$log untrusted "$TMP/c.pid"
}

@test "root_binds_a_pidfile_in_a_directory_another_user_owns" {
	require_root
	start_catcher pkfile
	mkdir "$TMP/run"
	chown nobody "$TMP/run"
	chmod 0755 "$TMP/run"
	pidfile_with "$TMP/run/c.pid" '%s\n' "$CPID"
	[ "$(stat -c %u "$TMP/run/c.pid")" = 0 ]
	untrusted "$TMP/run/c.pid"
	[[ $stderr == *"$CPID"* ]]
	start_catcher pkfile --drop-to 65534
	pidfile_with "$TMP/run/c.pid" '%s\n' "$CPID"
	pk -USR1 -F "$TMP/run/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
}

@test "root_binds_a_pidfile_below_a_directory_another_user_owns" {
	require_root
	start_catcher pkfile
	mkdir -p "$TMP/home/run"
	chown nobody "$TMP/home"
	pidfile_with "$TMP/home/run/c.pid" '%s\n' "$CPID"
	untrusted "$TMP/home/run/c.pid"
	# relative to a working directory below it, the same
	cd "$TMP/home/run"
	untrusted c.pid
}

@test "root_binds_a_pidfile_reached_through_a_symlink_another_user_owns" {
	require_root
	start_catcher pkfile
	mkdir "$TMP/real" "$TMP/user"
	chown nobody "$TMP/user"
	ln -s "$TMP/real" "$TMP/user/link"
	pidfile_with "$TMP/real/c.pid" '%s\n' "$CPID"
	# through root's own directories alone, the file is trusted
	pk -USR1 -F "$TMP/real/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	# the directory holding the symlink is nobody's: they can retarget it
	start_catcher pkfile
	pidfile_with "$TMP/real/c.pid" '%s\n' "$CPID"
	untrusted "$TMP/user/link/c.pid"
}

@test "root_follows_a_symlinked_directory_of_its_own" {
	require_root
	start_catcher pkfile
	mkdir "$TMP/real"
	ln -s real "$TMP/link"
	pidfile_with "$TMP/real/c.pid" '%s\n' "$CPID"
	pk -USR1 -F "$TMP/link/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	pk -USR2 -F "$TMP/link/../link/./c.pid"
	[ "$status" -eq 0 ]
	got 12 "$CLOG"
}

@test "root_refuses_a_pidfile_in_a_world_writable_directory" {
	require_root
	start_catcher pkfile --drop-to 65534
	mkdir "$TMP/run"
	chmod 0777 "$TMP/run"
	pidfile_with "$TMP/run/c.pid" '%s\n' "$CPID"
	refused "$TMP/run/c.pid"
	[[ $stderr == *"$TMP/run"*"every user"*--unsafe-pidfile* ]]
}

@test "root_refuses_a_pidfile_in_a_directory_writable_by_an_unprivileged_group" {
	require_root
	start_catcher pkfile
	mkdir "$TMP/run"
	chgrp nogroup "$TMP/run"
	chmod 0775 "$TMP/run"
	pidfile_with "$TMP/run/c.pid" '%s\n' "$CPID"
	refused "$TMP/run/c.pid"
	[[ $stderr == *--unsafe-pidfile* ]]
}

@test "root_accepts_its_own_pidfile_in_a_sticky_world_writable_directory" {
	require_root
	start_catcher pkfile
	mkdir "$TMP/tmp"
	chmod 1777 "$TMP/tmp"
	pidfile_with "$TMP/tmp/c.pid" '%s\n' "$CPID"
	pk -USR1 -F "$TMP/tmp/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	# a file another user put there is theirs
	start_catcher pkfile
	pidfile_with "$TMP/tmp/c.pid" '%s\n' "$CPID"
	chown nobody "$TMP/tmp/c.pid"
	untrusted "$TMP/tmp/c.pid"
}

@test "root_refuses_a_pidfile_two_users_can_write" {
	require_root
	start_catcher pkfile --drop-to 65534
	mkdir "$TMP/run"
	chown 4242 "$TMP/run"
	pidfile_with "$TMP/run/c.pid" '%s\n' "$CPID"
	chown nobody "$TMP/run/c.pid"
	refused "$TMP/run/c.pid"
	[[ $stderr == *"two users"*--unsafe-pidfile* ]]
}

@test "unsafe_pidfile_trusts_a_pidfile_in_a_directory_anyone_writes" {
	require_root
	start_catcher pkfile
	mkdir "$TMP/run"
	chmod 0777 "$TMP/run"
	pidfile_with "$TMP/run/c.pid" '%s\n' "$CPID"
	chown nobody "$TMP/run/c.pid"
	pk -USR1 --unsafe-pidfile -F "$TMP/run/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
}

@test "root_refuses_a_world_writable_pidfile" {
	require_root
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\n' "$CPID"
	chmod 0666 "$TMP/c.pid"
	refused "$TMP/c.pid"
	[[ $stderr == *--unsafe-pidfile* ]]
}

@test "root_refuses_a_pidfile_writable_by_an_unprivileged_group" {
	require_root
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\n' "$CPID"
	chgrp nogroup "$TMP/c.pid"
	chmod 0664 "$TMP/c.pid"
	refused "$TMP/c.pid"
}

@test "root_accepts_a_root_owned_0644_pidfile" {
	require_root
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\n' "$CPID"
	[ "$(stat -c '%u %a' "$TMP/c.pid")" = "0 644" ]
	pk -USR1 -F "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
}

@test "unsafe_pidfile_overrides_the_ownership_checks" {
	require_root
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\n' "$CPID"
	chown nobody "$TMP/c.pid"
	pk -USR1 --unsafe-pidfile -F "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	chown root "$TMP/c.pid"
	chmod 0666 "$TMP/c.pid"
	pk -USR2 --unsafe-pidfile -F "$TMP/c.pid"
	[ "$status" -eq 0 ]
	got 12 "$CLOG"
}

@test "unsafe_pidfile_does_not_relax_the_parse" {
	require_root
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s %s\n' "$CPID" "$CPID"
	refused "$TMP/c.pid" --unsafe-pidfile
}

@test "help_names_the_unsafe_pidfile_override" {
	run "$PIDKILL" --help
	[ "$status" -eq 0 ]
	[[ $output == *--unsafe-pidfile* ]]
}
