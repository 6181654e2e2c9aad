#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# A pkill command line keeps its meaning (issue 13): signal words in every
# form pkill reads, -l's forms, filters naming a terminal or an id that does
# not exist, PIDs and pidfiles narrowed by a pattern, names matched as the
# bytes the kernel holds and shown escaped, -x on the whole name, and
# messages that quote a word on one line.
#
# Every test names its processes by PID (a pattern only narrows them); and
# since a bug could make a pattern select, the file runs in a private PID
# namespace (tests/helpers/bats-pidns) where only its own processes are.
# pidns: the whole file
# shellcheck disable=SC2154  # status, output, stderr, lines come from bats
# shellcheck disable=SC2153  # CPID, CLOG come from lib.bash

load ../helpers/lib

bats_require_minimum_version 1.5.0

setup() { common_setup; }
teardown() { common_teardown; }

@test "signal_words_in_any_case_with_sig_prefix_and_aliases" {
	local word want
	while read -r word want; do
		start_catcher "$(uniq_name w)"
		pk "$word" "$CPID"
		[ "$status" -eq 0 ]
		[ -z "$stderr" ]
		wait_log "$CLOG" "^signo=$want "
		[ "$(wc -l <"$CLOG")" -eq 1 ]
		kill -KILL "$CPID"
	done <<-'EOF'
		-hup 1
		-Hup 1
		-term 15
		-Term 15
		-sigterm 15
		-SigTerm 15
		-int 2
		-usr1 10
		-sigusr2 12
		-IO 29
		-io 29
		-SIGIO 29
		-poll 29
		-IOT 6
		-iot 6
		-CLD 17
		-sigcld 17
		-+10 10
	EOF
}

@test "hup_word_is_sighup_not_help" {
	start_catcher "$(uniq_name h)"
	pk -hup "$CPID"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	wait_log "$CLOG" "^signo=1 "
}

@test "io_word_is_sigio_not_interactive_and_older" {
	start_catcher "$(uniq_name io)"
	# -I -O would need a terminal and a number: neither is read
	pk -IO "$CPID" </dev/null
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	wait_log "$CLOG" "^signo=29 "
}

@test "null_and_exit_words_are_signal_zero" {
	start_catcher "$(uniq_name z)"
	pk -null -e "$CPID"
	[ "$status" -eq 0 ]
	[[ $output == *"killed (pid $CPID)"* ]]
	pk -EXIT "$CPID"
	[ "$status" -eq 0 ]
	assert_quiet "$CLOG"
}

@test "signal_word_that_is_an_option_value_is_the_value" {
	start_catcher "$(uniq_name qv)"
	# -hup as the value of -u is a user name, not SIGHUP
	pk -0 -u -hup "$CPID"
	[ "$status" -eq 2 ]
	[[ $stderr == *"-hup"* ]]
	assert_quiet "$CLOG"
}

@test "list_signals_attached_value_and_exit_status" {
	pk -l9
	[ "$status" -eq 0 ]
	[ "$output" = KILL ]
	pk -lKILL
	[ "$status" -eq 0 ]
	[ "$output" = 9 ]
	pk -lkill
	[ "$status" -eq 0 ]
	[ "$output" = 9 ]
	pk -l 137
	[ "$status" -eq 0 ]
	[ "$output" = KILL ]
	pk -l 143
	[ "$status" -eq 0 ]
	[ "$output" = TERM ]
	pk --list-signals=sigio
	[ "$status" -eq 0 ]
	[ "$output" = 29 ]
	pk -l iot
	[ "$status" -eq 0 ]
	[ "$output" = 6 ]
	pk -l 300
	[ "$status" -eq 2 ]
	[[ $stderr == *"'300'"* ]]
	pk -lnosuch
	[ "$status" -eq 2 ]
	[[ $stderr == *"'nosuch'"* ]]
}

@test "terminal_session_group_or_parent_that_does_not_exist_matches_nothing" {
	start_catcher "$(uniq_name tt)"
	local f
	for f in "-t glass" "-t pts/999" "-s -1" "-g -1" "-P -1" "-s 99999999"; do
		# shellcheck disable=SC2086  # two words
		pk -USR1 $f "$CPID"
		[ "$status" -eq 1 ]
		[[ $stderr == *"does not pass the filters"* ]]
	done
	assert_quiet "$CLOG"
	# an item that exists still selects
	pk -USR1 -t 'glass,?' "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
}

@test "pidfile_and_pattern_must_both_name_the_process" {
	local name other
	name=$(uniq_name pf)
	other=$(uniq_name po)
	start_catcher "$other"
	local olog=$CLOG opid=$CPID
	start_catcher "$name"
	echo "$CPID" >"$TMP/d.pid"
	# the pattern matches another process too: only the pidfile's gets it
	pk -USR1 -F "$TMP/d.pid" "$name|$other"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
	assert_quiet "$olog"
	# the pidfile's process is not named so: nothing at all
	pk -USR2 -F "$TMP/d.pid" "$other"
	[ "$status" -eq 1 ]
	[[ $stderr == *"pidfile $TMP/d.pid: $CPID ($name): excluded: does not match the pattern"* ]]
	assert_quiet "$olog"
	[ -z "$(grep '^signo=12 ' "$CLOG")" ]
	[ -n "$opid" ]
}

@test "pid_list_and_pattern_must_both_name_the_process" {
	local a b
	a=$(uniq_name pa)
	b=$(uniq_name pb)
	start_catcher "$a"
	local alog=$CLOG apid=$CPID
	start_catcher "$b"
	pk -USR1 -c -p "$apid,$CPID" "$a"
	[ "$status" -eq 0 ]
	[ "$output" = 1 ]
	wait_log "$alog" "^signo=10 "
	assert_quiet "$CLOG"
	pk -USR1 -c "$CPID" -f -- "--name $a"
	[ "$status" -eq 1 ]
	[ "$output" = 0 ]
	assert_quiet "$CLOG"
}

@test "utf8_names_are_matched_as_bytes_and_shown_as_they_are" {
	local name=josé日本
	start_catcher "$name"
	local loc
	for loc in C.UTF-8 C; do
		LC_ALL=$loc pk -0 -f --dry-run --output=pid,comm "$CPID" -- "--name josé"
		[ "$status" -eq 0 ]
		LC_ALL=$loc pk -0 --dry-run --output=pid,comm,cmdline -J "$CPID" 'é日'
		[ "$status" -eq 0 ]
		[ "$(jq -r '.targets[0].comm' <<<"$output")" = "josé日本" ]
		jq -r '.targets[0].cmdline' <<<"$output" | grep -q -- "--name josé日本"
	done
	LC_ALL=C.UTF-8 pk -0 --dry-run --output=pid,comm,cmdline "$CPID"
	[ "$status" -eq 0 ]
	[[ $output == *" josé日本"* ]]
	[[ $output == *"--name josé日本"* ]]
	[[ $output != *"??"* ]]
	# in the C locale the table cannot show it: escaped, never '?'
	LC_ALL=C pk -0 --dry-run --output=comm "$CPID"
	[[ $output == *'jos\xc3\xa9'* ]]
}

@test "control_and_invalid_bytes_are_escaped_and_json_stays_valid" {
	local name
	name=$(printf 'v\001\377\033[2J')
	start_catcher "$name"
	pk -0 --dry-run --output=pid,comm,cmdline -J "$CPID"
	[ "$status" -eq 0 ]
	jq -e . <<<"$output" >/dev/null
	[ "$(jq -r '.targets[0].comm' <<<"$output")" = 'v\x01\xff\x1b[2J' ]
	pk -0 -e "$CPID"
	[ "$output" = "v\\x01\\xff\\x1b[2J killed (pid $CPID)" ]
	pk -0 --dry-run --output=comm --noheadings "$CPID"
	[[ $output != *$'\033'* ]]
	[[ $output != *$'\001'* ]]
	# matched as the raw bytes
	pk -0 -c "$CPID" "$(printf '^v\001\377')"
	[ "$output" = 1 ]
}

# A name holding a backslash cannot pass for one holding the byte its
# text stands for: the backslash is escaped too
@test "a_backslash_is_escaped_so_no_name_passes_for_an_escaped_one" {
	local lf
	start_catcher 'a\x0ab'
	lf=$CPID
	start_catcher $'a\nb'
	pk -0 -e "$lf" "$CPID"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "a\\x5cx0ab killed (pid $lf)" ]
	[ "${lines[1]}" = "a\\x0ab killed (pid $CPID)" ]
	pk -0 --dry-run -J --output=pid,comm "$lf" "$CPID"
	[ "$(jq -r '.targets[0].comm' <<<"$output")" = 'a\x5cx0ab' ]
	[ "$(jq -r '.targets[1].comm' <<<"$output")" = 'a\x0ab' ]
}

# Only a backslash that could start an escape (one an x follows) is
# escaped: a pattern and the C library's words about it read as typed
@test "a_backslash_no_x_follows_is_shown_as_typed" {
	local name
	name=$(uniq_name bs)
	start_catcher "${name}"'\('
	pk -0 '('
	[ "$status" -eq 2 ]
	[ "$stderr" = "pidkill: invalid pattern: '(': Unmatched ( or \\(" ]
	pk -0 'a\'
	[ "$status" -eq 2 ]
	[ "$stderr" = "pidkill: invalid pattern: 'a\\': Trailing backslash" ]
	pk -0 -e "$CPID"
	[ "$status" -eq 0 ]
	[ "$output" = "${name}\\( killed (pid $CPID)" ]
	pk -0 -e "${name}\\\\\\("
	[ "$status" -eq 0 ]
	[ "$output" = "${name}\\( killed (pid $CPID)" ]
}

# kill(1) reads "-- -1234" as process group 1234 and "-- -1" as every
# process, pkill(1) as patterns: neither is guessed at
@test "a_minus_and_digits_after_the_options_is_refused_as_a_group_or_every_process" {
	local w
	start_catcher "x-1234"
	for w in -1234 -1 -01; do
		pk -USR1 -- "$w"
		[ "$status" -eq 2 ]
		[ "${#stderr_lines[@]}" -eq 1 ]
		[[ ${stderr_lines[0]} == "pidkill: '$w' is "* ]]
		[[ ${stderr_lines[0]} == *"--pattern='$w'"* ]]
		if [ "$w" = -1 ]; then
			[[ $stderr == *"every process to kill and a pattern to pkill"* ]]
		else
			[[ $stderr == *"--scope=pgroup -g ${w#-} for the group"* ]]
		fi
	done
	assert_quiet "$CLOG"
	# a pattern, said so
	pk -USR1 --pattern=-1234
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
}

@test "exact_match_is_the_whole_name_and_cannot_be_escaped" {
	local name
	name=$(uniq_name ex)
	start_catcher "$name"
	# wrapped as ^(P)$ this matched every name
	pk -USR1 -x 'nomatch)|(' "$CPID"
	[ "$status" -eq 2 ]
	[[ $stderr == *"invalid pattern"* ]]
	pk -USR1 -x "${name:0:3}" "$CPID"
	[ "$status" -eq 1 ]
	pk -USR1 -x "${name:0:3}|nomatch" "$CPID"
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
	pk -USR1 -x "${name:0:3}|$name" "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 "
}

@test "messages_quote_words_on_one_line" {
	start_catcher "$(uniq_name nl)"
	local file=$TMP/$'a\nb'.pid
	echo "$CPID" >"$file"
	pk -USR1 -F "$file" nomatch
	[ "$status" -eq 1 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *'a\x0ab.pid'* ]]
	pk -USR1 "$CPID" -x $'one\ntwo('
	[ "$status" -eq 2 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *'one\x0atwo('* ]]
	assert_quiet "$CLOG"
}

@test "missing_pidfile_with_a_pattern_does_not_widen_to_the_pattern" {
	local name
	name=$(uniq_name mp)
	start_catcher "$name"
	# the pidfile names no process: the pattern narrows nothing to nothing
	pk -USR1 -F "$TMP/missing.pid" "$name"
	[ "$status" -eq 1 ]
	[[ $stderr == *"missing.pid"* ]]
	printf '\n' >"$TMP/empty.pid"
	pk -USR1 -F "$TMP/empty.pid" "$name"
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
}

@test "command_line_bytes_are_shown_as_the_kernel_holds_them" {
	local name b
	name=$(uniq_name cl)
	# argv[0] holds a newline: shown as \x0a, never as a space that would
	# make it look like two arguments
	bash -c 'exec -a "$1" "$2" --name "$3" --log "$4" --ready "$4.ready"' \
		bash $'x\ny' "$CATCHER" "$name" "$TMP/b.log" </dev/null \
		>/dev/null 2>&1 &
	b=$!
	STARTED+=("$b")
	wait_file "$TMP/b.log.ready"
	pk -0 --dry-run -J --output cmdline "$b"
	[ "$status" -eq 0 ]
	jq -e . <<<"$output" >/dev/null
	[ "$(jq -r '.targets[0].cmdline' <<<"$output" | cut -d' ' -f1)" = 'x\x0ay' ]
	pk -0 --dry-run --noheadings --output cmdline "$b"
	[[ $output == 'x\x0ay '* ]]
}

@test "options_after_a_target_are_options_even_with_POSIXLY_CORRECT" {
	local name mine
	name=$(uniq_name px)
	start_catcher "$name"
	mine=$CLOG
	# one more, run by nobody, logging into a file nobody may write
	chmod 0755 "$TMP"
	mkdir -m 0777 "$TMP/nobody"
	CLOG=$TMP/nobody/log
	setpriv --reuid=65534 --regid=65534 --clear-groups "$CATCHER" \
		--name "$name" --log "$CLOG" --ready "$TMP/nobody/ready" \
		</dev/null >/dev/null 2>&1 &
	STARTED+=("$!")
	wait_file "$TMP/nobody/ready"
	# each would be read as one more pattern if option reading stopped
	# at the first target, and every process named so signaled
	POSIXLY_CORRECT=1 pk -USR1 -x "$name" --dry-run
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	POSIXLY_CORRECT=1 pk -USR1 -x "$name" --version
	[ "$status" -eq 0 ]
	[[ ${lines[0]} == "pidkill "* ]]
	POSIXLY_CORRECT=1 pk -USR1 -x "$name" -u nobody
	[ "$status" -eq 0 ]
	wait_log "$CLOG" '^signo=10 '
	assert_quiet "$mine"
	[ "$(wc -l <"$CLOG")" -eq 1 ]
	# "--" still ends the options: "-$name" is a pattern (naming
	# nothing), not -p with an argument
	POSIXLY_CORRECT=1 pk --dry-run -- "-$name"
	[ "$status" -eq 1 ]
	[ -z "$stderr" ]
}
