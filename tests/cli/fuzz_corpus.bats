#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Patterns and groups reach only what this file started: it runs in a
# private PID namespace of its own (tests/helpers/bats-pidns).
# pidns: the whole file
# Replay the kept fuzzing corpus through every parser harness: no crash,
# no broken invariant (the harnesses abort on one).

load ../helpers/lib

setup() { common_setup; }
teardown() { common_teardown; }

replay() {
	local files=("$SRCDIR/tests/fuzz/corpus/$1"/*)
	[ -e "${files[0]}" ] || { echo "no corpus for $1" >&2; return 1; }
	run "$FUZZDIR/replay_$1" "${files[@]}"
	[ "$status" -eq 0 ]
	[[ $output == *"1..${#files[@]}"* ]]
}

@test "signal_parser_survives_its_corpus" { replay signal; }
@test "target_word_parser_survives_its_corpus" { replay target; }
@test "duration_parser_survives_its_corpus" { replay duration; }
@test "schedule_parser_survives_its_corpus" { replay schedule; }
@test "column_list_parser_survives_its_corpus" { replay columns; }
@test "pidfile_parser_survives_its_corpus" { replay pidfile; }
