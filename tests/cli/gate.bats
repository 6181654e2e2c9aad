#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Patterns and groups reach only what this file started: it runs in a
# private PID namespace of its own (tests/helpers/bats-pidns).
# pidns: the whole file
# Regression tests for ten defects found in review: the process groups
# --scope=pgroup may signal, and how it works in batches and with -n/-o;
# which signal -H checks; -w without pidfd_open; one PID named by several
# words; a /proc of another PID namespace that shows pidkill's own PID;
# --ns with namespaces that cannot be read; -R against a target that
# cannot be signaled any more; and the exit status of every target that
# -w waited for in batches.
#
# Real processes only: the tests assert what the targets received
# (catcher logs, and the log of a bash that traps USR1), what pidkill
# printed and its exit status.  Every test that may signal a process
# group runs inside a private PID namespace (`unshare -pf --mount-proc`),
# where the script run as its PID 1 starts the processes and pidkill; the
# others select by PID, or by a name no other process has.
# shellcheck disable=SC2154  # status, output, stderr, lines come from bats
# shellcheck disable=SC2030,SC2031  # each @test is a subshell, by design
# shellcheck disable=SC2153  # CPID, CLOG come from lib.bash

load ../helpers/lib

bats_require_minimum_version 1.5.0

setup() { common_setup; }
teardown() { common_teardown; }

# pk_nobody ARGS...: run pidkill as pk, as the user nobody
pk_nobody() {
	run --separate-stderr setpriv --reuid=65534 --regid=65534 \
		--clear-groups "$NOBODY_PIDKILL" "$@"
	show_run
}

# require_nobody: root, setpriv, and a pidkill binary that nobody can run
# (NOBODY_PIDKILL)
require_nobody() {
	require_root
	command -v setpriv >/dev/null || skip "setpriv is not installed"
	nobody_pidkill
}

# ---------------------------------------------------------------------
# Scripts run as PID 1 of a private PID namespace

# require_pidns: root, and a PID namespace can be made here
require_pidns() {
	require_root
	unshare -pf --mount-proc --kill-child true 2>/dev/null ||
		skip "cannot create a PID namespace here"
}

# What every such script starts with: helpers for the script, exported
# with the variables so that the bash processes it starts have them too
# shellcheck disable=SC2016  # expanded by the script, not here
NS_PRELUDE='set -u
umask 022
source "$INNER_LIB"
export OUT CATCHER PIDKILL INNER_LIB NAME

# pgid_of PID: its process group, field 5 of stat
pgid_of() {
	local stat
	stat=$(cat "/proc/$1/stat") || return 1
	stat=${stat##*) }
	awk "{ print \$3 }" <<<"$stat"
}

# run_pk TAG COMMAND...: run COMMAND (pidkill, or a wrapper that execs
# it), its stdout and stderr in $OUT/TAG.out and $OUT/TAG.err, its exit
# status the result TAG
run_pk() {
	local tag=$1 rc=0
	shift
	"$@" >"$OUT/$tag.out" 2>"$OUT/$tag.err" || rc=$?
	result "$tag" "$rc"
}

# with_fds N COMMAND...: exec COMMAND with only fds 0-2 open, under a
# RLIMIT_NOFILE of N (soft and hard)
with_fds() {
	bash -c "for fd in /proc/\$\$/fd/*; do fd=\${fd##*/}
		[ \"\$fd\" -le 2 ] || eval \"exec \$fd>&-\"; done
		ulimit -n \"\$1\" && shift && exec \"\$@\"" bash "$@"
}

# leader_main N: run by lead_group as the leader of a new group
leader_main() {
	local i
	trap "echo usr1 >>\"\$OUT/leader.log\"" USR1
	for ((i = 0; i < $1; i++)); do
		"$CATCHER" --name "$NAME" --log "$OUT/m.$i.log" \
			--ready "$OUT/m.$i.ready" </dev/null >/dev/null 2>&1 &
	done
	: >"$OUT/leader.ready"
	while :; do sleep 0.1; done
}
export -f leader_main

# lead_group N: a new session and process group led by a bash that logs
# each USR1 it gets to $OUT/leader.log, with N catchers named $NAME as
# members (bash without job control keeps them in its group), logging to
# $OUT/m.I.log; returns once they are all ready.  Sets LEADER and
# MEMBERS; the result setup is "ok" if every member is in the group.
lead_group() {
	local n=$1 i m
	: >"$OUT/leader.log"
	for ((i = 0; i < n; i++)); do : >"$OUT/m.$i.log"; done
	setsid bash -c "leader_main \"\$1\"" bash "$n" \
		</dev/null >/dev/null 2>"$OUT/leader.err" &
	LEADER=$!
	wait_file "$OUT/leader.ready"
	MEMBERS=()
	for ((i = 0; i < n; i++)); do
		wait_file "$OUT/m.$i.ready"
		m=$(sed -n "s/^pid=//p" "$OUT/m.$i.ready")
		MEMBERS+=("$m")
	done
	result leader "$LEADER"
	for m in "$LEADER" "${MEMBERS[@]}"; do
		[ "$(pgid_of "$m")" = "$LEADER" ] || {
			result setup "$m is not in group $LEADER"
			return 0
		}
	done
	result setup ok
}

# settle_more PID...: settle (inner.bash), then a little more for a
# stray signal
settle_more() {
	settle "$@"
	sleep 0.3
}
export -f pgid_of run_pk with_fds lead_group settle_more
'

# ns_run: run the script on stdin, after NS_PRELUDE, as PID 1 of a new
# PID namespace, with CATCHER, PIDKILL, INNER_LIB, NAME and OUT (a new
# directory) in its environment; everything it started dies with it
ns_run() {
	require_pidns
	OUT="$TMP/out"
	mkdir -p "$OUT"
	: >"$OUT/result"
	{
		printf '%s\n' "$NS_PRELUDE"
		cat
	} >"$TMP/inner.sh"
	CATCHER="$CATCHER" PIDKILL="$PIDKILL" OUT="$OUT" NAME="$NAME" \
		INNER_LIB="$INNER_LIB" \
		timeout -s KILL 60 unshare -pf --mount-proc --kill-child \
		bash "$TMP/inner.sh" </dev/null >"$TMP/ns.log" 2>&1 &
	local ns=$!
	STARTED+=("$ns")
	wait "$ns" || true
	forget_pid "$ns"
	local f
	echo "--- result" && cat "$OUT/result"
	for f in "$OUT"/*.out "$OUT"/*.err; do
		[ -e "$f" ] && echo "--- ${f##*/}" && cat "$f"
	done
	echo "--- namespace" && cat "$TMP/ns.log"
}

# result KEY: the value the namespace's script noted for KEY
result() {
	sed -n "s/^$1=//p" "$OUT/result"
}

# one_usr1 LOG: LOG (a catcher's) holds exactly one signal, USR1
one_usr1() {
	if [ "$(log_count "$1")" -ne 1 ] || [ "$(log_count "$1" 10)" -ne 1 ]; then
		echo "$1 does not hold exactly one USR1:" >&2
		cat "$1" >&2
		return 1
	fi
}

# leader_got_one_usr1: the group leader's trap ran exactly once
leader_got_one_usr1() {
	local n
	n=$(grep -c '^usr1$' "$OUT/leader.log" || true)
	[ "$n" -eq 1 ] || {
		echo "the leader logged USR1 $n times" >&2
		return 1
	}
}

# group_got_one_usr1 N: every one of the N members, and the leader, got
# USR1 exactly once
group_got_one_usr1() {
	local i
	for ((i = 0; i < $1; i++)); do
		one_usr1 "$OUT/m.$i.log"
	done
	leader_got_one_usr1
}

# ---------------------------------------------------------------------
# 1. --scope=pgroup never signals pidkill's own process group, nor, unless
#    --include-ancestors, the group of one of its ancestors

@test "pgroup_scope_refuses_own_group" {
	NAME=$(uniq_name own)
	# a shell leads a new group and runs pidkill in it, through a
	# member of that group
	ns_run <<'EOF'
own_group_shell() {
	source "$INNER_LIB"
	trap 'echo usr1 >>"$OUT/shell.log"' USR1
	start "$OUT/target.log" --name "$NAME"
	result setup "$([ "$(pgid_of "$pid")" = $$ ] && echo ok)"
	run_pk pk "$PIDKILL" --scope=pgroup -USR1 "$pid"
	settle_more "$pid"
}
export -f own_group_shell
: >"$OUT/shell.log"
setsid bash -c own_group_shell </dev/null >/dev/null 2>&1 &
wait "$!"
EOF
	[ "$(result setup)" = ok ]
	[ "$(result pk)" -eq 1 ]
	grep 'refused' "$OUT/pk.err" | grep -q 'process group'
	assert_quiet "$OUT/target.log"
	assert_quiet "$OUT/shell.log"
}

@test "dry_run_shows_what_the_pgroup_gate_refuses" {
	NAME=$(uniq_name dry)
	# as above: --dry-run sends nothing, and does not list as matched a
	# target whose group the gate would refuse
	ns_run <<'EOF'
own_group_shell() {
	source "$INNER_LIB"
	trap 'echo usr1 >>"$OUT/shell.log"' USR1
	start "$OUT/target.log" --name "$NAME"
	result setup "$([ "$(pgid_of "$pid")" = $$ ] && echo ok)"
	run_pk pk "$PIDKILL" --dry-run --scope=pgroup -USR1 "$pid"
	run_pk plain "$PIDKILL" --dry-run -USR1 "$pid"
	settle_more "$pid"
}
export -f own_group_shell
: >"$OUT/shell.log"
setsid bash -c own_group_shell </dev/null >/dev/null 2>&1 &
wait "$!"
EOF
	[ "$(result setup)" = ok ]
	[ "$(result pk)" -eq 1 ]
	grep 'refused' "$OUT/pk.err" | grep -q 'process group'
	[ ! -s "$OUT/pk.out" ]
	# the same target without the group scope is matched
	[ "$(result plain)" -eq 0 ]
	grep -q "$NAME" "$OUT/plain.out"
	assert_quiet "$OUT/target.log"
	assert_quiet "$OUT/shell.log"
}

@test "pgroup_scope_refuses_an_ancestors_group_unless_include_ancestors" {
	NAME=$(uniq_name anc)
	# a shell leads a new group with a catcher in it, and runs pidkill
	# in a group of its own (setsid): the target's group is that of
	# pidkill's parent.  Once without, once with --include-ancestors.
	ns_run <<'EOF'
ancestor_shell() {
	source "$INNER_LIB"
	local tag=$1
	shift
	shell_log=$OUT/$tag.shell.log
	trap 'echo usr1 >>"$shell_log"' USR1
	start "$OUT/$tag.target.log" --name "$NAME"
	result "$tag.setup" "$([ "$(pgid_of "$pid")" = $$ ] && echo ok)"
	run_pk "$tag" setsid -w "$PIDKILL" --scope=pgroup -USR1 "$@" "$pid"
	settle_more "$pid"
}
export -f ancestor_shell
for tag in plain incl; do
	: >"$OUT/$tag.shell.log"
	args=()
	[ "$tag" = incl ] && args=(--include-ancestors)
	setsid bash -c 'ancestor_shell "$@"' bash "$tag" "${args[@]}" \
		</dev/null >/dev/null 2>&1 &
	wait "$!"
done
EOF
	[ "$(result plain.setup)" = ok ]
	[ "$(result incl.setup)" = ok ]
	# refused: nothing sent
	[ "$(result plain)" -eq 1 ]
	grep -q 'refused' "$OUT/plain.err"
	assert_quiet "$OUT/plain.target.log"
	assert_quiet "$OUT/plain.shell.log"
	# allowed: the whole group, the shell too
	[ "$(result incl)" -eq 0 ]
	one_usr1 "$OUT/incl.target.log"
	[ "$(grep -c '^usr1$' "$OUT/incl.shell.log")" -eq 1 ]
}

# ---------------------------------------------------------------------
# 2. --scope=pgroup with more targets than fds signals the group once

@test "pgroup_scope_in_batches_signals_the_group_once" {
	NAME=$(uniq_name batch)
	ns_run <<'EOF'
lead_group 20
run_pk pk with_fds 20 "$PIDKILL" --scope=pgroup -USR1 -c -x "$NAME"
settle_more "$LEADER" "${MEMBERS[@]}"
EOF
	[ "$(result setup)" = ok ]
	[ "$(result pk)" -eq 0 ]
	[ "$(cat "$OUT/pk.out")" = 20 ]
	[ ! -s "$OUT/pk.err" ]
	group_got_one_usr1 20
}

# ---------------------------------------------------------------------
# Inherited fds count: 4,000 of them under `ulimit -n 4096` leave room
# for fewer pins than targets, so pidkill works in batches

@test "inherited_fds_leave_fewer_pins_and_targets_go_in_batches" {
	command -v setpriv >/dev/null || skip "setpriv is not installed"
	bash -c 'ulimit -n 4096' 2>/dev/null || skip "cannot set RLIMIT_NOFILE to 4096 here (hard limit $(ulimit -Hn), and no CAP_SYS_RESOURCE to raise it)"
	NAME=$(uniq_name inh)
	ns_run <<'EOF'
pids=()
for ((i = 0; i < 100; i++)); do
	"$CATCHER" --name "$NAME" --log "$OUT/m.$i.log" \
		--ready "$OUT/m.$i.ready" </dev/null >/dev/null 2>&1 &
	pids+=("$!")
done
for ((i = 0; i < 100; i++)); do wait_file "$OUT/m.$i.ready"; done
# with_inherited_fds COMMAND...: exec COMMAND with 4,000 more fds open,
# which it inherits, under a RLIMIT_NOFILE of 4096 (soft and hard)
with_inherited_fds() {
	# (the limit first: the caller's soft limit may be as low as 1024)
	bash -c 'ulimit -n 4096 || exit 99
		for ((i = 0; i < 4000; i++)); do exec {fd}</dev/null || exit 99; done
		exec "$@"' bash "$@"
}
# as root, pidkill raises the hard limit; without CAP_SYS_RESOURCE it
# cannot, and has room for about 80 pins
run_pk plain with_inherited_fds "$PIDKILL" -USR1 -c -x "$NAME"
run_pk nocap with_inherited_fds setpriv --bounding-set=-sys_resource \
	--inh-caps=-sys_resource "$PIDKILL" -USR2 -c -x "$NAME"
# every catcher has logged what it was sent before the namespace ends
settle_more "${pids[@]}"
EOF
	local i
	[ "$(result plain)" -eq 0 ]
	[ "$(cat "$OUT/plain.out")" = 100 ]
	[ ! -s "$OUT/plain.err" ]
	[ "$(result nocap)" -eq 0 ]
	[ "$(cat "$OUT/nocap.out")" = 100 ]
	[ ! -s "$OUT/nocap.err" ]
	for ((i = 0; i < 100; i++)); do
		[ "$(log_count "$OUT/m.$i.log" 10)" -eq 1 ]
		[ "$(log_count "$OUT/m.$i.log" 12)" -eq 1 ]
	done
}

# ---------------------------------------------------------------------
# 3. --scope=pgroup with -n or -o signals the group of the one selected

# pgroup_with FLAG: --scope=pgroup with FLAG (-n or -o) among two members
# of one group: the group of the one chosen is signaled, once
pgroup_with() {
	NAME=$(uniq_name "pg${1#-}")
	FLAG=$1 ns_run <<'EOF'
lead_group 2
run_pk pk "$PIDKILL" --scope=pgroup "$FLAG" -USR1 -x "$NAME"
settle_more "$LEADER" "${MEMBERS[@]}"
EOF
	[ "$(result setup)" = ok ]
	[ "$(result pk)" -eq 0 ]
	group_got_one_usr1 2
}

@test "pgroup_scope_with_newest_signals_the_group_once" {
	pgroup_with -n
}

@test "pgroup_scope_with_oldest_signals_the_group_once" {
	pgroup_with -o
}

# ---------------------------------------------------------------------
# -n and -o on a tie: two processes started in the same clock tick have
# equal start times; the one created later is the newer, by its pidfs id
# (creation order), else by PID

# same_tick_case FIRST SECOND: in a new PID namespace, fork two catchers
# back to back, the first with PID FIRST and the second with PID SECOND
# (through ns_last_pid), until they start in the same clock tick; then
# send USR1 to the newest (-n) and USR2 to the oldest (-o)
same_tick_case() {
	require_pid_namespace
	NAME=$(uniq_name tie)
	FIRST=$1 SECOND=$2 ns_run <<'EOF'
for ((attempt = 0; attempt < 200; attempt++)); do
	rm -f "$OUT"/[ab].log "$OUT"/[ab].ready
	echo "$((FIRST - 1))" >/proc/sys/kernel/ns_last_pid
	"$CATCHER" --name "$NAME" --log "$OUT/a.log" --ready "$OUT/a.ready" \
		</dev/null >/dev/null 2>&1 &
	a=$!
	echo "$((SECOND - 1))" >/proc/sys/kernel/ns_last_pid
	"$CATCHER" --name "$NAME" --log "$OUT/b.log" --ready "$OUT/b.ready" \
		</dev/null >/dev/null 2>&1 &
	b=$!
	wait_file "$OUT/a.ready" && wait_file "$OUT/b.ready"
	[ "$(start_time "$a")" = "$(start_time "$b")" ] && break
	kill -KILL "$a" "$b"
	wait "$a" "$b"
done
result first "$a"
result second "$b"
result tie "$([ "$(start_time "$a")" = "$(start_time "$b")" ] && echo yes)"
run_pk newest "$PIDKILL" -n -USR1 -x "$NAME"
run_pk oldest "$PIDKILL" -o -USR2 -x "$NAME"
settle_more "$a" "$b"
EOF
	[ "$(result tie)" = yes ]
	[ "$(result first)" = "$1" ]
	[ "$(result second)" = "$2" ]
	[ "$(result newest)" -eq 0 ]
	[ "$(result oldest)" -eq 0 ]
	# the second created is the newest, the first the oldest
	[ "$(grep -c '^signo=' "$OUT/b.log")" -eq 1 ]
	[ "$(log_count "$OUT/b.log" 10)" -eq 1 ]
	[ "$(grep -c '^signo=' "$OUT/a.log")" -eq 1 ]
	[ "$(log_count "$OUT/a.log" 12)" -eq 1 ]
}

@test "newest_and_oldest_on_a_start_time_tie_follow_creation_order" {
	same_tick_case 300 500
}

@test "newest_on_a_tie_is_the_later_created_even_with_the_lower_pid" {
	[ -n "$(pidfs_id $$)" ] || skip "no pidfs ids on this kernel"
	same_tick_case 500 300
}

# ---------------------------------------------------------------------
# 4. -H checks the first signal of a -R schedule

@test "require_handler_checks_the_first_signal_of_the_schedule" {
	# it handles USR1 only: TERM, the default signal, would kill it
	start_catcher "$(uniq_name hnd)" --only USR1 --exit-on USR1
	pk -H -R USR1/1/KILL/1 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=$SI_USER "
	[ "$(log_count "$CLOG")" -eq 1 ]
	# it exited of USR1 (status 0), not of KILL
	local rc=0
	wait "$CPID" || rc=$?
	forget_pid "$CPID"
	[ "$rc" -eq 0 ]
}

# ---------------------------------------------------------------------
# 5. Without pidfd_open, -w sends nothing, whatever names the target

@test "wait_without_pidfd_open_sends_nothing_to_a_proc_path" {
	require_seccomp
	start_catcher "$(uniq_name nowt)"
	run --separate-stderr "$HELPERS/seccomp-run" pidfd_open=ENOSYS -- \
		"$PIDKILL" -w "/proc/$CPID"
	show_run
	[ "$status" -eq 3 ]
	[[ $stderr == *"waiting needs pidfd_open"* ]]
	assert_quiet "$CLOG"
	running "$CPID"
	# the same for a plain PID
	run --separate-stderr "$HELPERS/seccomp-run" pidfd_open=ENOSYS -- \
		"$PIDKILL" -w "$CPID"
	show_run
	[ "$status" -eq 3 ]
	[[ $stderr == *"waiting needs pidfd_open"* ]]
	assert_quiet "$CLOG"
	running "$CPID"
}

# ---------------------------------------------------------------------
# 6. One PID named by several words: each word keeps its constraints, the
#    process is signaled once if any word's hold, each word gets a row

# start_same: a catcher whose start time is not 0 (so PID@0 names
# another process than it); sets NAME
start_same() {
	NAME=$(uniq_name same)
	start_catcher "$NAME"
	[ "$(start_time "$CPID")" != 0 ]
}

# stale_token_reported: stderr has a line for the word $CPID@0 that says
# its identity changed
stale_token_reported() {
	local line
	for line in "${stderr_lines[@]}"; do
		[[ $line == *"$CPID@0"* && $line == *"identity changed"* ]] &&
			return 0
	done
	echo "no 'identity changed' line for $CPID@0" >&2
	return 1
}

# signaled_once: the catcher logged exactly one USR1
signaled_once() {
	wait_log "$CLOG" "^signo=10 code=$SI_USER "
	sleep 0.2
	one_usr1 "$CLOG"
}

@test "same_pid_with_a_stale_token_first_is_signaled_once" {
	start_same
	pk -USR1 "$CPID@0" "$CPID"
	[ "$status" -eq 0 ]
	stale_token_reported
	signaled_once
}

@test "same_pid_with_a_stale_token_last_is_signaled_once" {
	start_same
	pk -USR1 "$CPID" "$CPID@0"
	[ "$status" -eq 0 ]
	stale_token_reported
	signaled_once
}

# two_rows: the table in $output has two rows for $CPID, one saying its
# identity changed, one that it was signaled
two_rows() {
	local rows
	rows=$(grep -E "^ *$CPID " <<<"$output" || true)
	[ "$(grep -c . <<<"$rows")" -eq 2 ]
	grep -Eq "^ *$CPID +identity-changed *$" <<<"$rows"
	grep -Eq "^ *$CPID +signaled *$" <<<"$rows"
}

@test "same_pid_words_each_get_a_row" {
	start_same
	pk -USR1 --output=pid,result "$CPID@0" "$CPID"
	[ "$status" -eq 0 ]
	two_rows
	signaled_once
	: >"$CLOG"
	pk -USR1 --output=pid,result "$CPID" "$CPID@0"
	[ "$status" -eq 0 ]
	two_rows
	signaled_once
}

@test "same_pid_named_by_three_words_is_counted_and_signaled_once" {
	start_same
	pk -USR1 -c "$CPID@0" "$CPID" "$CPID"
	[ "$status" -eq 0 ]
	[ "$output" = 1 ]
	signaled_once
	: >"$CLOG"
	pk -USR1 -c "$CPID" "$CPID"
	[ "$status" -eq 0 ]
	[ "$output" = 1 ]
	signaled_once
}

# ---------------------------------------------------------------------
# 7. A /proc of another PID namespace is refused, even when pidkill's PID
#    has the same number in both

@test "refuses_proc_of_another_pid_namespace_under_the_same_pid" {
	require_pidns
	local name
	name=$(uniq_name outer)
	start_catcher "$name"
	# the helper's check: pidkill's PID is the same in both namespaces
	# shellcheck disable=SC2016  # expanded by sh, not here
	run "$HELPERS/samepid" sh -c \
		'grep -Eq "^NSpid:\s+$$\s+$$\$" "/proc/$$/status"'
	[ "$status" -eq 0 ] || {
		echo "samepid did not run its command under the same PID" >&2
		return 1
	}
	run --separate-stderr "$HELPERS/samepid" "$PIDKILL" -USR1 -e -x "$name"
	show_run
	[ "$status" -eq 3 ]
	[[ $stderr == *"/proc belongs to another PID namespace"* ]]
	assert_quiet "$CLOG"
}

# ---------------------------------------------------------------------
# 8. --ns with a reference whose namespaces cannot be read is an error

@test "ns_reference_that_cannot_be_read_is_an_error" {
	require_nobody
	local name
	name=$(uniq_name nsref)
	start_catcher "$name"
	# nobody cannot read PID 1's namespaces
	! setpriv --reuid=65534 --regid=65534 --clear-groups \
		readlink /proc/1/ns/net >/dev/null 2>&1 ||
		skip "nobody can read /proc/1/ns here"
	pk_nobody --ns 1 --nslist net --dry-run -x "$name"
	[ "$status" -eq 3 ]
	[ -z "$output" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *--ns* ]]
	[[ $stderr =~ (^|[^0-9])1([^0-9]|$) ]]
	assert_quiet "$CLOG"
}

# ---------------------------------------------------------------------
# 9. -R whose next signal cannot be sent (EPERM) leaves a survivor: 4

@test "retry_exits_4_when_the_target_becomes_unsignalable" {
	require_nobody
	local name
	name=$(uniq_name rgn)
	# nobody may signal it until it has handled TERM; then it is root's
	start_catcher "$name" --drop-to 65534 --regain-on TERM
	pk_nobody -R TERM/1/KILL/1 "$CPID"
	[ "$status" -eq 4 ]
	[[ $stderr == *"still alive"* ]]
	wait_log "$CLOG" "^signo=15 code=$SI_USER "
	[ "$(log_count "$CLOG")" -eq 1 ]
	running "$CPID"
}

# ---------------------------------------------------------------------
# 10. -w in batches keeps the exit status of every target

# start_many N NAME: N catchers named NAME that TERM kills, children of
# this shell (which reaps them); their PIDs in MANY
start_many() {
	local i
	MANY=()
	for ((i = 0; i < $1; i++)); do
		"$CATCHER" --name "$2" --only USR1 --log "$TMP/many.$i.log" \
			--ready "$TMP/many.$i.ready" </dev/null >/dev/null 2>&1 &
		MANY+=("$!")
		STARTED+=("$!")
	done
	for ((i = 0; i < $1; i++)); do wait_file "$TMP/many.$i.ready"; done
}

# reap_many: reap those of MANY that have exited, and forget them (their
# PIDs are free: teardown must not kill whatever takes them)
reap_many() {
	local pid stat keep=()
	local -A reaped=()
	for pid in "${MANY[@]}"; do
		stat=gone
		{ read -r stat <"/proc/$pid/stat"; } 2>/dev/null || true
		stat=${stat##*) }
		case ${stat%% *} in
		gone | Z | X)
			wait "$pid" 2>/dev/null || true
			reaped[$pid]=1
			;;
		esac
	done
	for pid in "${STARTED[@]}"; do
		[ -n "${reaped[$pid]-}" ] || keep+=("$pid")
	done
	STARTED=("${keep[@]}")
}

@test "wait_in_batches_reports_every_exit_status" {
	local name pid
	name=$(uniq_name many)
	start_many 60 "$name"
	pk_fds 40 -w --output=pid,exit -x "$name"
	reap_many
	[ "$status" -eq 0 ]
	[ "$(grep -cE '^ *[0-9]+( |$)' <<<"$output")" -eq 60 ]
	for pid in "${MANY[@]}"; do
		grep -Eq "^ *$pid +TERM *$" <<<"$output"
	done
}

@test "wait_in_batches_says_how_every_target_ended_with_verbose" {
	local name pid
	name=$(uniq_name many)
	start_many 60 "$name"
	pk_fds 40 -w --verbose -x "$name"
	reap_many
	[ "$status" -eq 0 ]
	[ "$(grep -c 'killed by signal 15' <<<"$stderr")" -eq 60 ]
	for pid in "${MANY[@]}"; do
		[[ $stderr == *"$pid ($name): exited, killed by signal 15"* ]]
	done
}

# ---------------------------------------------------------------------
# A fatal error after something was sent still reports what was sent

@test "fatal_error_after_sending_still_prints_the_report" {
	require_seccomp
	start_catcher "$(uniq_name fat)"
	# the signal goes out; waiting for it then fails (no epoll)
	run --separate-stderr "$HELPERS/seccomp-run" epoll_create1=ENOMEM -- \
		"$PIDKILL" -e -w --output=pid,result "$CPID"
	show_run
	[ "$status" -eq 3 ]
	got 15 "$CLOG"
	[[ $output == *"killed (pid $CPID)"* ]]
	grep -Eq "^ *$CPID +signaled *$" <<<"$output"
	[[ $stderr == *epoll_create1* ]]
}

# ---------------------------------------------------------------------
# A schedule that begins with a timeout waits before it sends anything

@test "schedule_starting_with_a_timeout_waits_before_the_first_signal" {
	# a process that ends by itself, with status 7, well within the
	# first timeout: it must not be killed
	bash -c 'sleep 0.5; exit 7' &
	local pid=$! rc=0
	STARTED+=("$pid")
	pk -R 5/KILL/1 "$pid"
	wait "$pid" || rc=$?
	forget_pid "$pid"
	[ "$rc" -eq 7 ]
	# nothing was sent: it went before its first signal
	[ "$status" -eq 1 ]
	[[ $stderr == *"$pid"*"gone"* ]]
}

# ---------------------------------------------------------------------
# A pattern that matches a process named by a word is one more word

@test "stale_token_with_pattern_signals_nothing_pid_with_pattern_once" {
	NAME=$(uniq_name tok)
	ns_run <<'EOF'
source "$INNER_LIB"
start "$OUT/target.log" --name "$NAME"
result pid "$pid"
run_pk stale "$PIDKILL" -RTMIN --output=pid,result "$pid@0" "$NAME"
run_pk both "$PIDKILL" -RTMIN -c "$pid" "$NAME"
run_pk other "$PIDKILL" -RTMIN -c "$pid" "not$NAME"
settle_more "$pid"
EOF
	local pid
	pid=$(result pid)
	# a pattern narrows the PID words (both must name the process): the
	# token fails, so nothing is sent
	[ "$(result stale)" -eq 1 ]
	grep -Eq "^ *$pid +identity-changed *$" "$OUT/stale.out"
	[ -z "$(grep signaled "$OUT/stale.out")" ]
	grep -q "$pid@0.*identity changed" "$OUT/stale.err"
	# a PID and a pattern for one process: counted and signaled once
	[ "$(result both)" -eq 0 ]
	[ "$(cat "$OUT/both.out")" = 1 ]
	# a pattern that does not name it: nothing
	[ "$(result other)" -eq 1 ]
	[ "$(cat "$OUT/other.out")" = 0 ]
	grep -q "does not match the pattern" "$OUT/other.err"
	[ "$(log_count "$OUT/target.log" 34)" -eq 1 ]
}

@test "words_for_one_process_or_thread_under_a_scope_are_signaled_once" {
	start_catcher "$(uniq_name sc)"
	local n
	# --scope=process: the task path of the main thread is the process
	pk --scope=process -RTMIN -c "$CPID" "/proc/$CPID/task/$CPID"
	[ "$status" -eq 0 ]
	[ "$output" = 1 ]
	# --scope=thread: the PID is the main thread, as is its task path
	pk --scope=thread -RTMIN -c "$CPID" "/proc/$CPID/task/$CPID"
	[ "$status" -eq 0 ]
	[ "$output" = 1 ]
	sleep 0.3
	n=$(log_count "$CLOG" 34)
	[ "$n" -eq 2 ]
	# without a scope, a task path names a thread: both get a signal
	pk -RTMIN -c "$CPID" "/proc/$CPID/task/$CPID"
	[ "$status" -eq 0 ]
	[ "$output" = 2 ]
	for ((n = 0; n < 100; n++)); do
		[ "$(log_count "$CLOG" 34)" -ge 4 ] && break
		sleep 0.05
	done
	[ "$(log_count "$CLOG" 34)" -eq 4 ]
}

@test "dry_run_does_not_list_what_the_kernel_would_not_permit" {
	require_root
	require_nobody
	start_catcher "$(uniq_name dp)"
	# nobody may not signal root's process: not matched, said why
	pk_nobody --dry-run -USR1 "$CPID"
	[ "$status" -eq 1 ]
	[[ $stderr == *"$CPID"*"permission denied"* ]]
	assert_quiet "$CLOG"
}
