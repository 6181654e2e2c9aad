#!/usr/bin/env bats
# Pidfiles (issue 3, item 6): -F FILE and -F -, the strict parse, -L
# (the lock holder must be the pinned process), and root's refusal of
# pidfiles that another user could have written.
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
# Strict parse: one PID, an optional newline, nothing else

@test "pidfile_empty_is_refused" {
	start_catcher pkfile
	: >"$TMP/c.pid"
	refused "$TMP/c.pid"
}

@test "pidfile_newline_only_is_refused" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '\n'
	refused "$TMP/c.pid"
}

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

@test "pidfile_with_blanks_is_refused" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" ' %s\n' "$CPID"
	refused "$TMP/c.pid"
	pidfile_with "$TMP/c.pid" '%s \n' "$CPID"
	refused "$TMP/c.pid"
}

@test "pidfile_with_crlf_is_refused" {
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\r\n' "$CPID"
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

@test "pidfile_that_does_not_exist_is_refused" {
	start_catcher pkfile
	refused "$TMP/missing.pid"
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
# -L: the pidfile's lock holder must be the pinned process

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
# As root: a pidfile someone else could have written is not evidence

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

@test "root_refuses_a_pidfile_writable_by_its_unprivileged_owner" {
	require_root
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\n' "$CPID"
	chown nobody "$TMP/c.pid"
	refused "$TMP/c.pid"
	[[ $stderr == *--unsafe-pidfile* ]]
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

@test "root_accepts_a_read_only_pidfile_owned_by_another_user" {
	require_root
	start_catcher pkfile
	pidfile_with "$TMP/c.pid" '%s\n' "$CPID"
	chown nobody "$TMP/c.pid"
	chmod 0444 "$TMP/c.pid"
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
