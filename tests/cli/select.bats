#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Patterns and groups reach only what this file started: it runs in a
# private PID namespace of its own (tests/helpers/bats-pidns).
# pidns: the whole file
# Selection (issue 3): patterns and pkill's selection options, each shown
# to select and to exclude against real catcher processes; the caller's
# own processes; what libproc2 reads.
#
# Catchers are named with a prefix unique to the test ($U), so patterns
# cannot match anything else on the machine.  A second catcher that must
# log nothing shows each exclusion.  --inverse is only ever dry-run: its
# selection is the whole machine.
# shellcheck disable=SC2154  # status, output, stderr, lines come from bats
# shellcheck disable=SC2030,SC2031  # each @test is a subshell, by design

load ../helpers/lib

bats_require_minimum_version 1.5.0

setup() {
	common_setup
	U="pk$(printf '%05d' "$RANDOM")"
	CG=
}

teardown() {
	local i
	common_teardown
	if [ -n "$CG" ]; then
		# a mount point for cg2 again, if it needs one
		[ -n "$CG2_DIR" ] || mkdir -p "$TMP/cgroup2"
		# the reaped catchers leave the cgroup asynchronously
		for ((i = 0; i < 50; i++)); do
			cg2 'rmdir "$D/$1"' "$CG" 2>/dev/null && break
			sleep 0.1
		done
		[ -n "$CG2_DIR" ] || rm -rf "$TMP"
	fi
}

# si_code of kill(2)-like sends, as pidfd_send_signal without siginfo

# not_got SIGNO LOG: the catcher did not log SIGNO (after a grace period)
not_got() {
	sleep 0.2
	if grep -Eq "^signo=$1 " "$2"; then
		echo "unexpected signal $1 in $2:" >&2
		cat "$2" >&2
		return 1
	fi
}

ready_pid() {
	sed -n 's/^pid=//p' "$1"
}

ppid_of() {
	local stat rest f
	stat=$(cat "/proc/$1/stat")
	rest=${stat##*) }
	read -r -a f <<<"$rest"
	echo "${f[1]}"
}

# refute CMD...: CMD must fail (a bare `! CMD` never fails a bats test)
refute() {
	if "$@"; then
		echo "unexpectedly true: $*" >&2
		return 1
	fi
}

# start_wrapped NAME WRAPPER... -- [CATCHER OPTIONS...]
# Start a catcher through a command that runs it (env, unshare, setpriv);
# CPID is the catcher's own PID, read from its ready file.
start_wrapped() {
	local name=$1 wrapper=() ready
	shift
	while [ "$1" != -- ]; do
		wrapper+=("$1")
		shift
	done
	shift
	CLOG="$TMP/$name.$RANDOM.log"
	ready="$CLOG.ready"
	: >"$CLOG"
	"${wrapper[@]}" "$CATCHER" --name "$name" --log "$CLOG" \
		--ready "$ready" "$@" </dev/null >/dev/null 2>&1 &
	STARTED+=("$!")
	wait_file "$ready"
	CPID=$(ready_pid "$ready")
	STARTED+=("$CPID")
}

# start_on_pty NAME: a catcher whose controlling terminal is a new pty
# (script(1) holds the master); sets CPID, CLOG and CTTY (pts/N)
start_on_pty() {
	local name=$1 ready cmd
	CLOG="$TMP/$name.$RANDOM.log"
	ready="$CLOG.ready"
	: >"$CLOG"
	cmd="exec $(printf '%q ' "$CATCHER" --name "$name" --log "$CLOG" \
		--ready "$ready")"
	script -qc "$cmd" /dev/null </dev/null >/dev/null 2>&1 &
	STARTED+=("$!")
	wait_file "$ready"
	CPID=$(ready_pid "$ready")
	STARTED+=("$CPID")
	CTTY=$(readlink "/proc/$CPID/fd/0")
	CTTY=${CTTY#/dev/}
	[[ $CTTY == pts/* ]]
}

# start_family PARENT_VAR NAME...: a bash process whose children are
# catchers with these names, logging to $TMP/NAME.log; PARENT is its PID
start_family() {
	local n
	# shellcheck disable=SC2016  # expanded by the inner bash
	T=$TMP bash -c 'c=$1; shift
		for n; do
			"$c" --name "$n" --log "$T/$n.log" \
				--ready "$T/$n.ready" </dev/null >/dev/null 2>&1 &
		done
		wait' bash "$CATCHER" "$@" &
	PARENT=$!
	STARTED+=("$PARENT")
	for n; do
		wait_file "$TMP/$n.ready"
		STARTED+=("$(ready_pid "$TMP/$n.ready")")
	done
}

# a directory where catchers running as nobody may write
nobody_dir() {
	chmod 755 "$TMP"
	mkdir -m 1777 "$TMP/w"
}

# start_as NAME SETPRIV-OPTIONS...: a catcher under setpriv, logging in
# $TMP/w (see nobody_dir)
start_as() {
	local name=$1 ready
	shift
	CLOG="$TMP/w/$name.log"
	ready="$TMP/w/$name.ready"
	: >"$CLOG"
	chmod 666 "$CLOG"
	setpriv "$@" --clear-groups "$CATCHER" --name "$name" --log "$CLOG" \
		--ready "$ready" </dev/null >/dev/null 2>&1 &
	CPID=$!
	STARTED+=("$CPID")
	wait_file "$ready"
	[ "$(ready_pid "$ready")" = "$CPID" ]
}

wait_state() {
	local i stat rest
	for ((i = 0; i < 500; i++)); do
		stat=$(cat "/proc/$1/stat")
		rest=${stat##*) }
		[ "${rest:0:1}" = "$2" ] && return 0
		sleep 0.01
	done
	echo "process $1 never reached state $2" >&2
	return 1
}

# the dry-run table lists PID in its PID column
lists_pid() {
	[[ $output =~ (^|$'\n')\ *$1\  ]]
}

# ---------------------------------------------------------------------
# Patterns

@test "pattern_selects_processes_whose_comm_matches_the_regex" {
	start_catcher "${U}a"
	local a=$CLOG
	start_catcher "${U}b"
	local b=$CLOG
	start_catcher "${U}c"
	pk -USR1 "^${U}(a|c)$"
	[ "$status" -eq 0 ]
	got 10 "$a"
	got 10 "$CLOG"
	assert_quiet "$b"
}

@test "pattern_that_matches_no_comm_selects_nothing" {
	start_catcher "${U}a"
	pk -USR1 "${U}z"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	assert_quiet "$CLOG"
}

@test "several_patterns_select_their_union" {
	start_catcher "${U}a"
	local a=$CLOG
	start_catcher "${U}b"
	local b=$CLOG
	start_catcher "${U}c"
	pk -USR1 "${U}a" "${U}b"
	[ "$status" -eq 0 ]
	got 10 "$a"
	got 10 "$b"
	assert_quiet "$CLOG"
}

@test "pattern_option_takes_a_word_that_starts_with_a_digit" {
	local name="9lives$RANDOM"
	start_catcher "8$name"
	local other=$CLOG
	start_catcher "$name"
	pk -USR1 --pattern "^$name$"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	assert_quiet "$other"
}

@test "word_starting_with_a_digit_is_not_a_pattern" {
	local name="9lives$RANDOM"
	start_catcher "$name"
	pk -USR1 "$name"
	[ "$status" -eq 2 ]
	[[ $stderr == *"$name"* ]]
	assert_quiet "$CLOG"
}

@test "full_matches_the_command_line" {
	start_catcher "${U}a"
	local a=$CLOG
	start_catcher "${U}b"
	# the command line holds the log path, which comm never does
	pk -USR1 -f "catcher --name ${U}a --log $a"
	[ "$status" -eq 0 ]
	got 10 "$a"
	assert_quiet "$CLOG"
}

@test "full_does_not_match_against_comm" {
	start_catcher "${U}a"
	# comm starts with the name; the command line starts with the path
	pk -USR1 -f "^${U}a"
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
}

@test "command_line_text_does_not_match_without_full" {
	start_catcher "${U}a"
	pk -USR1 "name ${U}a"
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
}

@test "ignore_case_selects_a_differently_cased_name" {
	start_catcher "${U}a"
	local a=$CLOG
	start_catcher "${U}b"
	pk -USR1 -i "${U^^}A"
	[ "$status" -eq 0 ]
	got 10 "$a"
	assert_quiet "$CLOG"
}

@test "patterns_are_case_sensitive_without_ignore_case" {
	start_catcher "${U}a"
	pk -USR1 "${U^^}A"
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
}

@test "exact_selects_the_whole_name" {
	start_catcher "${U}a"
	local a=$CLOG
	start_catcher "${U}ab"
	pk -USR1 -x "${U}a"
	[ "$status" -eq 0 ]
	got 10 "$a"
	assert_quiet "$CLOG"
}

@test "exact_excludes_a_partial_match" {
	start_catcher "${U}a"
	pk -USR1 -x "${U}"
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
}

@test "exact_anchors_every_alternative" {
	start_catcher "${U}a"
	local a=$CLOG
	start_catcher "${U}ab"
	local ab=$CLOG
	start_catcher "${U}b"
	pk -USR1 -x "${U}a|${U}b"
	[ "$status" -eq 0 ]
	got 10 "$a"
	got 10 "$CLOG"
	assert_quiet "$ab"
}

@test "inverse_selects_what_does_not_match" {
	start_catcher "${U}a"
	local a=$CPID
	start_catcher "${U}b"
	pk --dry-run --inverse "${U}a"
	[ "$status" -eq 0 ]
	lists_pid "$CPID"
	refute lists_pid "$a"
}

@test "inverse_excludes_what_matches" {
	start_catcher "${U}a"
	local a=$CPID alog=$CLOG
	start_catcher "${U}b"
	pk --dry-run --inverse "${U}"
	[ "$status" -eq 0 ]
	refute lists_pid "$a"
	refute lists_pid "$CPID"
	assert_quiet "$alog"
	assert_quiet "$CLOG"
}

@test "inverse_never_lists_pidkill_or_its_ancestors" {
	pk --dry-run --inverse "${U}nothing"
	[ "$status" -eq 0 ]
	refute lists_pid "$BASHPID"
	refute lists_pid "$$"
}

@test "newest_selects_only_the_most_recently_started" {
	start_catcher "${U}n"
	local first=$CLOG
	sleep 0.05 # a later clock tick
	start_catcher "${U}n"
	pk -USR1 -n "${U}n"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	assert_quiet "$first"
}

@test "oldest_selects_only_the_least_recently_started" {
	start_catcher "${U}o"
	local first=$CLOG
	sleep 0.05
	start_catcher "${U}o"
	pk -USR1 -o "${U}o"
	[ "$status" -eq 0 ]
	got 10 "$first"
	assert_quiet "$CLOG"
}

@test "older_selects_processes_older_than_secs" {
	start_catcher "${U}old"
	local old=$CLOG
	sleep 2.2 # setup: age the first catcher past -O 1
	start_catcher "${U}new"
	pk -USR1 -O 1 "${U}"
	[ "$status" -eq 0 ]
	got 10 "$old"
	assert_quiet "$CLOG"
}

@test "older_excludes_younger_processes" {
	start_catcher "${U}a"
	pk -USR1 --older 3600 "${U}"
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
}

# ---------------------------------------------------------------------
# Process relations

@test "parent_alone_selects_every_child_of_the_parent" {
	start_catcher "${U}x"
	start_family "${U}c1" "${U}c2"
	pk -USR1 -P "$PARENT"
	[ "$status" -eq 0 ]
	got 10 "$TMP/${U}c1.log"
	got 10 "$TMP/${U}c2.log"
	assert_quiet "$CLOG"
}

@test "parent_excludes_children_of_other_parents" {
	start_catcher "${U}x"
	start_family "${U}c1"
	[ "$(ppid_of "$CPID")" != "$PARENT" ]
	pk -USR1 -P "$PARENT" "${U}"
	[ "$status" -eq 0 ]
	got 10 "$TMP/${U}c1.log"
	assert_quiet "$CLOG"
	pk -USR2 --parent "$(ppid_of "$CPID")" "${U}c"
	[ "$status" -eq 1 ]
	not_got 12 "$TMP/${U}c1.log"
}

@test "pgroup_selects_the_process_group" {
	start_catcher "${U}g" --setpgid
	local g=$CPID glog=$CLOG
	start_catcher "${U}x"
	pk -USR1 -g "$g"
	[ "$status" -eq 0 ]
	got 10 "$glog"
	assert_quiet "$CLOG"
}

@test "pgroup_excludes_other_groups" {
	start_catcher "${U}g" --setpgid
	local g=$CPID glog=$CLOG
	start_catcher "${U}x"
	pk -USR1 --pgroup "$g" "${U}x"
	[ "$status" -eq 1 ]
	assert_quiet "$glog"
	assert_quiet "$CLOG"
}

@test "pgroup_zero_means_pidkills_own_group" {
	start_catcher "${U}g" --setpgid
	local glog=$CLOG
	start_catcher "${U}x"
	pk -USR1 -g 0 "${U}"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	assert_quiet "$glog"
}

@test "session_selects_the_session" {
	start_catcher "${U}s" --setsid
	local s=$CPID slog=$CLOG
	start_catcher "${U}x"
	pk -USR1 -s "$s"
	[ "$status" -eq 0 ]
	got 10 "$slog"
	assert_quiet "$CLOG"
}

@test "session_excludes_other_sessions" {
	start_catcher "${U}s" --setsid
	local s=$CPID slog=$CLOG
	start_catcher "${U}x"
	pk -USR1 --session "$s" "${U}x"
	[ "$status" -eq 1 ]
	assert_quiet "$slog"
	assert_quiet "$CLOG"
}

@test "session_zero_means_pidkills_own_session" {
	start_catcher "${U}s" --setsid
	local slog=$CLOG
	start_catcher "${U}x"
	pk -USR1 -s 0 "${U}"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	assert_quiet "$slog"
}

# ---------------------------------------------------------------------
# Owners

@test "euid_selects_by_user_name_and_number" {
	require_root
	nobody_dir
	start_as "${U}n" --reuid=65534 --regid=65534
	local n=$CLOG
	start_as "${U}e" --euid=65534
	local e=$CLOG
	start_as "${U}r" --reuid=0
	local r=$CLOG
	pk -USR1 -u nobody "${U}"
	[ "$status" -eq 0 ]
	got 10 "$n"
	got 10 "$e"
	assert_quiet "$r"
	pk -USR2 --euid 65534 "${U}"
	[ "$status" -eq 0 ]
	got 12 "$n"
	got 12 "$e"
	assert_quiet "$r"
}

@test "euid_excludes_other_users" {
	require_root
	nobody_dir
	start_as "${U}n" --reuid=65534 --regid=65534
	local n=$CLOG
	start_as "${U}r" --reuid=0
	pk -USR1 -u 0 "${U}"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	assert_quiet "$n"
}

@test "uid_selects_by_real_user" {
	require_root
	nobody_dir
	start_as "${U}n" --reuid=65534 --regid=65534
	local n=$CLOG
	start_as "${U}e" --euid=65534
	local e=$CLOG
	start_as "${U}r" --reuid=0
	local r=$CLOG
	pk -USR1 -U nobody "${U}"
	[ "$status" -eq 0 ]
	got 10 "$n"
	assert_quiet "$e"
	assert_quiet "$r"
	pk -USR2 --uid 0 "${U}"
	[ "$status" -eq 0 ]
	got 12 "$e"
	got 12 "$r"
	not_got 12 "$n"
}

@test "uid_excludes_other_real_users" {
	require_root
	nobody_dir
	start_as "${U}e" --euid=65534
	pk -USR1 -U 65534 "${U}"
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
}

@test "group_selects_by_real_group_name_and_number" {
	require_root
	nobody_dir
	start_as "${U}n" --reuid=65534 --regid=65534
	local n=$CLOG
	start_as "${U}r" --reuid=0
	local r=$CLOG
	pk -USR1 -G nogroup "${U}"
	[ "$status" -eq 0 ]
	got 10 "$n"
	assert_quiet "$r"
	pk -USR2 --group 0 "${U}"
	[ "$status" -eq 0 ]
	got 12 "$r"
	not_got 12 "$n"
}

@test "group_excludes_other_groups" {
	require_root
	nobody_dir
	start_as "${U}r" --reuid=0
	pk -USR1 -G 65534 "${U}"
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
}

@test "pkill_command_line_euid_and_exact_name" {
	start_catcher "${U}a"
	local a=$CLOG
	start_catcher "${U}ab"
	pk -USR1 -u "$(id -un)" -x "${U}a"
	[ "$status" -eq 0 ]
	got 10 "$a"
	assert_quiet "$CLOG"
}

@test "unknown_user_is_a_usage_error" {
	start_catcher "${U}a"
	pk -USR1 -u "nosuchuser$RANDOM" "${U}a"
	[ "$status" -eq 2 ]
	[[ $stderr == *nosuchuser* ]]
	assert_quiet "$CLOG"
}

# ---------------------------------------------------------------------
# Terminal, state, namespaces, cgroup, environment, handlers

@test "terminal_selects_processes_on_that_tty" {
	command -v script >/dev/null || skip "script(1) is not installed"
	start_on_pty "${U}t"
	local t=$CLOG tty=$CTTY
	start_catcher "${U}x" --setsid # no controlling terminal
	pk -USR1 -t "$tty" "${U}"
	[ "$status" -eq 0 ]
	got 10 "$t"
	assert_quiet "$CLOG"
	pk -USR2 --terminal "/dev/$tty" "${U}"
	[ "$status" -eq 0 ]
	got 12 "$t"
	not_got 12 "$CLOG"
}

@test "terminal_excludes_processes_on_no_or_another_tty" {
	command -v script >/dev/null || skip "script(1) is not installed"
	start_on_pty "${U}t"
	local t=$CLOG tty=$CTTY
	start_catcher "${U}x" --setsid
	pk -USR1 -t "$tty" "${U}x"
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
	pk -USR1 -t '?' "${U}"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	assert_quiet "$t"
}

@test "runstates_selects_a_stopped_process" {
	start_catcher "${U}s"
	local s=$CPID slog=$CLOG
	start_catcher "${U}r"
	kill -STOP "$s"
	wait_state "$s" T
	pk -USR1 -r T "${U}"
	[ "$status" -eq 0 ]
	kill -CONT "$s"
	got 10 "$slog"
	assert_quiet "$CLOG"
}

@test "runstates_excludes_other_states" {
	start_catcher "${U}s"
	local s=$CPID slog=$CLOG
	start_catcher "${U}r"
	kill -STOP "$s"
	wait_state "$s" T
	pk -USR1 --runstates S "${U}"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	kill -CONT "$s"
	wait_log "$slog" "^signo=18 "
	not_got 10 "$slog"
}

@test "ns_selects_processes_in_the_same_namespaces" {
	require_root
	start_wrapped "${U}u" unshare -u --
	local u=$CPID ulog=$CLOG
	start_catcher "${U}x"
	pk -USR1 --ns "$u" --nslist uts "${U}"
	[ "$status" -eq 0 ]
	got 10 "$ulog"
	assert_quiet "$CLOG"
}

@test "ns_excludes_processes_in_another_namespace" {
	require_root
	start_wrapped "${U}u" unshare -u --
	local ulog=$CLOG
	start_catcher "${U}x"
	pk -USR1 --ns "$BASHPID" --nslist uts "${U}"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	assert_quiet "$ulog"
	# without --nslist every namespace is compared
	pk -USR2 --ns "$BASHPID" "${U}"
	[ "$status" -eq 0 ]
	got 12 "$CLOG"
	assert_quiet "$ulog"
}

@test "nslist_compares_only_the_listed_namespaces" {
	require_root
	start_wrapped "${U}u" unshare -u --
	local ulog=$CLOG
	start_catcher "${U}x"
	pk -USR1 --ns "$BASHPID" --nslist net,ipc "${U}"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	got 10 "$ulog"
}

# --cgroup needs the cgroup v2 hierarchy, which a host mounts at
# /sys/fs/cgroup (unified), at /sys/fs/cgroup/unified (hybrid), elsewhere,
# or not at all (v1 only).  require_cgroup2 finds its mount point in
# /proc/self/mountinfo (CG2_DIR) and the cgroup that mount shows at its
# root, as /proc/PID/cgroup names cgroups (CG2_ROOT); with none mounted,
# cg2 mounts one of its own in a private mount namespace.
require_cgroup2() {
	local _id _parent _dev root point _opts rest
	require_root
	CG2_DIR='' CG2_ROOT=''
	while read -r _id _parent _dev root point _opts rest; do
		if [[ " $rest" == *" - cgroup2 "* ]]; then
			CG2_DIR=$(printf '%b' "$point")
			CG2_ROOT=$(printf '%b' "$root")
			break
		fi
	done </proc/self/mountinfo
	CG2_ROOT=${CG2_ROOT%/}
	if [ -z "$CG2_DIR" ]; then
		mkdir -p "$TMP/cgroup2"
		cg2 true 2>/dev/null ||
			skip "no cgroup v2 hierarchy is mounted, and none can be"
	fi
}

# cg2 SCRIPT [ARG...]: run the sh SCRIPT with the cgroup v2 hierarchy's
# mount point in $D: the host's, or a mount of its own in a private mount
# namespace (the cgroups it makes outlive it: the hierarchy is one)
cg2() {
	local script=$1
	shift
	if [ -n "$CG2_DIR" ]; then
		D=$CG2_DIR sh -ec "$script" sh "$@"
	else
		unshare -m --propagation private sh -ec '
			mount -t cgroup2 none "$0"
			D=$0 sh -ec "$@"' "$TMP/cgroup2" "$script" sh "$@"
	fi
}

# cgroup_of PID: its cgroup v2 path, as /proc/PID/cgroup's 0:: line
cgroup_of() {
	sed -n 's/^0:://p' "/proc/$1/cgroup"
}

# new_cgroup PID: move PID into a new cgroup, CG (under the hierarchy's
# root), whose path --cgroup takes is CGPATH
new_cgroup() {
	CG="pidkill-test-$U"
	CGPATH="$CG2_ROOT/$CG"
	cg2 'mkdir "$D/$1" && echo "$2" >"$D/$1/cgroup.procs"' "$CG" "$1"
	[ "$(cgroup_of "$1")" = "$CGPATH" ]
}

@test "cgroup_selects_processes_in_the_cgroup" {
	require_cgroup2
	start_catcher "${U}c"
	local c=$CPID clog=$CLOG
	start_catcher "${U}x"
	new_cgroup "$c"
	pk -USR1 --cgroup "$CGPATH" "${U}"
	[ "$status" -eq 0 ]
	got 10 "$clog"
	assert_quiet "$CLOG"
}

@test "cgroup_excludes_processes_in_other_cgroups" {
	require_cgroup2
	local xcg
	start_catcher "${U}c"
	local c=$CPID clog=$CLOG
	start_catcher "${U}x"
	new_cgroup "$c"
	xcg=$(cgroup_of "$CPID")
	[ -n "$xcg" ] && [ "$xcg" != "$CGPATH" ]
	pk -USR1 --cgroup "$xcg" "${U}"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
	assert_quiet "$clog"
	pk -USR2 --cgroup "$CGPATH" "${U}x"
	[ "$status" -eq 1 ]
	not_got 12 "$CLOG"
}

@test "cgroup_works_with_a_v2_hierarchy_mounted_by_the_test_itself" {
	# as on a host with no cgroup v2 mount: the test's own, in a private
	# mount namespace
	require_cgroup2
	CG2_DIR=''
	mkdir -p "$TMP/cgroup2"
	cg2 true 2>/dev/null || skip "cannot mount a cgroup v2 hierarchy here"
	CG2_ROOT=$(cg2 'grep " - cgroup2 " /proc/self/mountinfo | grep -F " $0 " | cut -d" " -f4' "$TMP/cgroup2")
	CG2_ROOT=${CG2_ROOT%/}
	start_catcher "${U}c"
	local c=$CPID clog=$CLOG
	start_catcher "${U}x"
	new_cgroup "$c"
	pk -USR1 --cgroup "$CGPATH" "${U}"
	[ "$status" -eq 0 ]
	got 10 "$clog"
	assert_quiet "$CLOG"
}

@test "env_selects_processes_with_the_variable" {
	local var="PKV$U"
	start_wrapped "${U}e" env "$var=one" --
	local elog=$CLOG
	start_catcher "${U}x"
	pk -USR1 --env "$var" "${U}"
	[ "$status" -eq 0 ]
	got 10 "$elog"
	assert_quiet "$CLOG"
	pk -USR2 --env "$var=one" "${U}"
	[ "$status" -eq 0 ]
	got 12 "$elog"
	not_got 12 "$CLOG"
}

@test "env_excludes_another_value_or_a_missing_variable" {
	local var="PKV$U"
	start_wrapped "${U}e" env "$var=one" --
	local elog=$CLOG
	start_catcher "${U}x"
	pk -USR1 --env "$var=two" "${U}"
	[ "$status" -eq 1 ]
	pk -USR1 --env "$var=on" "${U}"
	[ "$status" -eq 1 ]
	pk -USR1 --env "${var}X" "${U}"
	[ "$status" -eq 1 ]
	assert_quiet "$elog"
	assert_quiet "$CLOG"
}

@test "require_handler_selects_processes_that_catch_the_signal" {
	start_catcher "${U}h" --only USR1
	local hlog=$CLOG
	start_catcher "${U}x" --only USR2
	pk -USR1 -H "${U}"
	[ "$status" -eq 0 ]
	got 10 "$hlog"
	assert_quiet "$CLOG"
	kill -0 "$CPID"
}

@test "require_handler_excludes_processes_that_do_not_catch_it" {
	start_catcher "${U}h" --only USR1
	pk -USR2 --require-handler "${U}h"
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
	kill -0 "$CPID" # USR2 would have killed it
}

# signal 0 has no handler: -H with it would pass every process
@test "require_handler_with_signal_0_is_refused" {
	local args
	start_catcher "${U}h" --only USR1
	for args in "-0 -H" "-H --signal 0" "-H -R -0/1/KILL/1"; do
		# shellcheck disable=SC2086  # split on purpose
		pk $args "$CPID"
		[ "$status" -eq 2 ]
		[ "$stderr" = "pidkill: --require-handler: signal 0 has no handler to require; give the signal to send" ]
	done
	kill -0 "$CPID"
	assert_quiet "$CLOG"
}

# ---------------------------------------------------------------------
# Output: -c, -e, --dry-run; -A, -p

@test "count_prints_how_many_were_signaled" {
	start_catcher "${U}a"
	local a=$CLOG
	start_catcher "${U}b"
	local b=$CLOG
	start_catcher "${U}x"
	pk -USR1 -c "${U}[ab]"
	[ "$status" -eq 0 ]
	[ "$output" = 2 ]
	got 10 "$a"
	got 10 "$b"
	assert_quiet "$CLOG"
}

@test "count_prints_zero_when_nothing_matches" {
	start_catcher "${U}a"
	pk -USR1 --count "${U}z"
	[ "$status" -eq 1 ]
	[ "$output" = 0 ]
	assert_quiet "$CLOG"
}

@test "echo_prints_pkills_line_per_signaled_process" {
	start_catcher "${U}a"
	local a=$CPID alog=$CLOG
	start_catcher "${U}x"
	pk -USR1 -e "${U}a"
	[ "$status" -eq 0 ]
	[ "$output" = "${U}a killed (pid $a)" ]
	got 10 "$alog"
	assert_quiet "$CLOG"
}

@test "echo_prints_nothing_when_nothing_is_signaled" {
	start_catcher "${U}a"
	pk -USR1 --echo "${U}z"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	assert_quiet "$CLOG"
}

@test "ignore_ancestors_option_is_accepted" {
	start_catcher "${U}a"
	local alog=$CLOG
	start_catcher "${U}x"
	pk -USR1 -A "${U}a"
	[ "$status" -eq 0 ]
	got 10 "$alog"
	assert_quiet "$CLOG"
	pk -USR2 --ignore-ancestors "${U}z"
	[ "$status" -eq 1 ]
}

@test "dry_run_prints_pid_token_and_name_and_sends_nothing" {
	start_catcher "${U}a"
	local a=$CPID alog=$CLOG id token
	start_catcher "${U}x"
	id=$(pidfs_id "$a")
	if [ -n "$id" ]; then
		token="$a:$id"
	else
		token="$a@$(start_time "$a")"
	fi
	pk -USR1 --dry-run "${U}a"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[[ ${lines[0]} =~ PID\ +TOKEN\ +COMM ]]
	[[ ${lines[1]} =~ ^\ *$a\ +$token\ +${U}a$ ]]
	assert_quiet "$alog"
	assert_quiet "$CLOG"
	kill -0 "$a"
}

@test "dry_run_fails_when_nothing_matches" {
	start_catcher "${U}a"
	pk --dry-run "${U}z"
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
}

@test "pid_option_selects_the_listed_pids" {
	start_catcher "${U}a"
	local a=$CPID alog=$CLOG
	start_catcher "${U}b"
	local b=$CPID blog=$CLOG
	start_catcher "${U}x"
	pk -USR1 -p "$a,$b"
	[ "$status" -eq 0 ]
	got 10 "$alog"
	got 10 "$blog"
	assert_quiet "$CLOG"
}

@test "pid_option_rejects_a_word_that_is_not_a_pid" {
	start_catcher "${U}a"
	pk -USR1 -p "${U}a"
	[ "$status" -eq 2 ]
	assert_quiet "$CLOG"
}

# ---------------------------------------------------------------------
# Filters and targets

@test "filters_narrow_pid_targets" {
	require_root
	start_catcher "${U}a"
	pk -USR1 -u nobody "$CPID"
	[ "$status" -eq 1 ]
	assert_quiet "$CLOG"
	pk -USR1 -u root -p "$CPID"
	[ "$status" -eq 0 ]
	got 10 "$CLOG"
}

@test "filters_narrow_pattern_targets" {
	start_catcher "${U}g" --setpgid
	local glog=$CLOG
	start_catcher "${U}x"
	pk -USR1 -g 0 "${U}g"
	[ "$status" -eq 1 ]
	assert_quiet "$glog"
	assert_quiet "$CLOG"
}

@test "no_target_and_no_filter_is_a_usage_error" {
	pk -USR1
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ -n "$stderr" ]
	pk -USR1 -f -i -x -n -c -e
	[ "$status" -eq 2 ]
}

@test "long_pattern_without_full_warns_about_15_characters" {
	pk -USR1 "${U}abcdefghijklmnop"
	[ "$status" -eq 1 ]
	[[ $stderr == *"${U}abcdefghijklmnop"* ]]
	[[ $stderr == *15* ]]
	# the warning is about comm only
	pk -USR1 -f "${U}abcdefghijklmnop"
	[ "$status" -eq 1 ]
	[[ $stderr != *15* ]]
}

@test "long_pattern_that_matches_gives_no_warning" {
	start_catcher "${U}a"
	pk -USR1 "${U}a|${U}abcdefghijklmnop"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	got 10 "$CLOG"
}

# ---------------------------------------------------------------------
# Never the caller's own

@test "never_selects_itself" {
	local mark="selfmark$RANDOM$RANDOM"
	pk -USR1 -f "$mark"
	[ "$status" -eq 1 ]
	pk --dry-run -f "$mark"
	[ "$status" -eq 1 ]
	pk --dry-run --include-ancestors -f "$mark"
	[ "$status" -eq 1 ]
}

@test "shell_whose_command_line_matches_full_pattern_survives" {
	local mark="ancmark$RANDOM$RANDOM"
	# the trailing commands make bash fork for pidkill
	# shellcheck disable=SC2016  # expanded by the inner bash
	run bash -c '"$1" -f "$2"; echo "pidkill=$?"; echo survived' \
		bash "$PIDKILL" "$mark"
	show_run
	[ "$status" -eq 0 ]
	[[ $output == *"pidkill=1"* ]]
	[[ $output == *survived* ]]
}

@test "ignore_ancestors_keeps_the_matching_shell_alive" {
	local mark="ancmark$RANDOM$RANDOM"
	# shellcheck disable=SC2016
	run bash -c '"$1" -A -KILL -f "$2"; echo "pidkill=$?"; echo survived' \
		bash "$PIDKILL" "$mark"
	show_run
	[ "$status" -eq 0 ]
	[[ $output == *"pidkill=1"* ]]
	[[ $output == *survived* ]]
}

@test "include_ancestors_lets_the_pattern_match_the_shell" {
	local mark="ancmark$RANDOM$RANDOM"
	# shellcheck disable=SC2016
	run bash -c 'echo "shell=$$"; "$1" --include-ancestors --dry-run -f "$2"
		echo "pidkill=$?"' bash "$PIDKILL" "$mark"
	show_run
	[ "$status" -eq 0 ]
	[[ $output == *"pidkill=0"* ]]
	local shell
	shell=$(sed -n 's/^shell=//p' <<<"$output")
	[ -n "$shell" ]
	lists_pid "$shell"
}

# ---------------------------------------------------------------------
# libproc2 reads only what the options need

@test "plain_name_match_reads_only_stat_while_scanning" {
	require_strace
	start_catcher "${U}a"
	local a=$CPID
	start_catcher "${U}x"
	local x=$CPID
	strace -f -qq -e trace=openat,open -o "$TMP/trace" \
		"$PIDKILL" --dry-run "${U}a" >"$TMP/out" &
	local tracer=$!
	STARTED+=("$tracer")
	wait "$tracer"
	grep -q "^ *$a " "$TMP/out"
	# the scan read the bystander's stat, and nothing else of anyone
	grep -q "\"/proc/$x/stat\"" "$TMP/trace"
	refute grep -E '"/proc/[0-9]+/(cmdline|environ|cgroup)"' "$TMP/trace"
	refute grep "\"/proc/$x/status\"" "$TMP/trace"
	# status may be read only through PID lookups: the pinned target and
	# pidkill's ancestors (strace, this shell and its parents)
	local allowed=" $a $tracer " p=$BASHPID n
	while [ "$p" -gt 0 ]; do
		allowed+="$p "
		p=$(ppid_of "$p")
	done
	while read -r n; do
		[[ $allowed == *" $n "* ]] || {
			echo "read /proc/$n/status" >&2
			false
		}
	done < <(sed -nE 's|.*"/proc/([0-9]+)/status".*|\1|p' "$TMP/trace")
}

@test "pid_target_does_not_scan_proc" {
	require_strace
	start_catcher "${U}a"
	local a=$CPID
	start_catcher "${U}x"
	strace -f -qq -e trace=openat,open,getdents64 -o "$TMP/trace" \
		"$PIDKILL" --dry-run -p "$a" >"$TMP/out" &
	local tracer=$!
	STARTED+=("$tracer")
	wait "$tracer"
	grep -q "^ *$a " "$TMP/out"
	# the run is traced (it read the target's stat) ...
	grep -q "\"/proc/$a/stat\"" "$TMP/trace"
	# ... but never listed /proc, nor read a bystander
	refute grep -E 'open(at)?\((AT_FDCWD, )?"/proc/?"' "$TMP/trace"
	refute grep "\"/proc/$CPID/" "$TMP/trace"
}

# A scan pins every process before libproc2 reads it, when fds allow: the
# one reading of a match is then made while it is pinned, and verifies it
@test "scan_pins_each_process_before_reading_it" {
	require_strace
	start_catcher "${U}a"
	local a=$CPID a_log=$CLOG
	start_catcher "${U}x"
	local x=$CPID
	strace -f -qq -e trace=openat,pidfd_open,pidfd_send_signal \
		-o "$TMP/trace" "$PIDKILL" -USR1 "${U}a" &
	local tracer=$!
	STARTED+=("$tracer")
	wait "$tracer"
	wait_log "$a_log" "^signo=10 "
	assert_quiet "$CLOG"
	local pin read sent
	pin=$(grep -n "pidfd_open($a, " "$TMP/trace" | head -1 | cut -d: -f1)
	read=$(grep -n "\"/proc/$a/stat\"" "$TMP/trace" | head -1 | cut -d: -f1)
	sent=$(grep -n "pidfd_send_signal(" "$TMP/trace" | head -1 | cut -d: -f1)
	[ -n "$pin" ] && [ -n "$read" ] && [ -n "$sent" ]
	[ "$pin" -lt "$read" ]
	[ "$read" -lt "$sent" ]
	# one reading of the match, none of its status; the bystander was
	# pinned too, and read once
	[ "$(grep -c "\"/proc/$a/stat\"" "$TMP/trace")" -eq 1 ]
	refute grep "\"/proc/$a/status\"" "$TMP/trace"
	grep -q "pidfd_open($x, " "$TMP/trace"
	[ "$(grep -c "\"/proc/$x/stat\"" "$TMP/trace")" -eq 1 ]
}

# With too few fds to pin every process, the scan reads first, pins the
# matches only and reads them again
@test "scan_with_too_few_fds_pins_every_process_before_reading_it" {
	require_strace
	start_catcher "${U}a"
	local a=$CPID a_log=$CLOG
	start_catcher "${U}x"
	local x=$CPID x_log=$CLOG
	local pin_a read_a pin_x read_x repin_a reread_a
	# fds for one pin: every process is still pinned before it is read,
	# a match gives its pin up to the processes after it, and is pinned
	# and read again after the scan
	# shellcheck disable=SC2016  # expanded by the inner bash
	bash -c "$FEW_FDS" bash strace -f -qq \
		-e trace=openat,pidfd_open,pidfd_send_signal -o "$TMP/trace" \
		"$PIDKILL" -USR1 "${U}a"
	wait_log "$a_log" "^signo=10 "
	assert_quiet "$x_log"
	pin_a=$(grep -n "pidfd_open($a, " "$TMP/trace" | sed -n 1p | cut -d: -f1)
	read_a=$(grep -n "\"/proc/$a/stat\"" "$TMP/trace" | sed -n 1p | cut -d: -f1)
	pin_x=$(grep -n "pidfd_open($x, " "$TMP/trace" | sed -n 1p | cut -d: -f1)
	read_x=$(grep -n "\"/proc/$x/stat\"" "$TMP/trace" | sed -n 1p | cut -d: -f1)
	repin_a=$(grep -n "pidfd_open($a, " "$TMP/trace" | sed -n 2p | cut -d: -f1)
	reread_a=$(grep -n "\"/proc/$a/status\"" "$TMP/trace" | sed -n 1p | cut -d: -f1)
	echo "a: pin $pin_a read $read_a repin $repin_a reread $reread_a; x: pin $pin_x read $read_x"
	[ -n "$pin_a" ] && [ -n "$read_a" ] && [ -n "$pin_x" ] && [ -n "$read_x" ]
	[ "$pin_a" -lt "$read_a" ]
	[ "$pin_x" -lt "$read_x" ]
	[ -n "$repin_a" ] && [ -n "$reread_a" ]
	[ "$read_a" -lt "$repin_a" ]
	[ "$repin_a" -lt "$reread_a" ]
}
