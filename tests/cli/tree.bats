#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# --tree (issue 15): a target and every process it started, collected top
# down while each member is held stopped, signaled, then continued.
#
# The trees are real: tests/helpers/forker builds one from a list of
# nodes (0, 0.1, 0.1.0...), each named after its place and logging every
# signal it gets (signo, si_code, si_pid), some calling setsid, forking a
# child every millisecond, or waiting in vfork() where no stop reaches
# them.  Tests assert what each node received, in which order, what is
# left stopped or alive, what pidkill printed and its exit status.  The
# PID-reuse test holds pidkill with strace inside a namespace of its own,
# as race.bats does.
#
# Trees are signaled as a whole, so the file runs in a private PID
# namespace (tests/helpers/bats-pidns) where only its own processes are.
# pidns: the whole file
# shellcheck disable=SC2154  # status, output, stderr, lines come from bats
# shellcheck disable=SC2153  # CPID, CLOG come from lib.bash
# shellcheck disable=SC2030,SC2031  # each @test is a subshell, by design

load ../helpers/lib

bats_require_minimum_version 1.5.0

FORKER="$HELPERS/forker"

setup() {
	common_setup
	# every process of a test's trees is named after it (comm holds 15
	# bytes: 6 for the prefix, the rest for the node's place)
	PFX=k$(printf '%05d' "$((RANDOM % 100000))")
}

teardown() {
	kill_tree
	common_teardown
}

# The helpers below read /proc with the shell's own builtins: a tree has
# up to 2,021 processes, and a command per process would take minutes on
# a busy machine.

# state_in PID: its state letter in REPLY, "gone" if it has none
state_in() {
	local line
	REPLY=gone
	{ read -r line <"/proc/$1/stat"; } 2>/dev/null || return 0
	line=${line##*) }
	REPLY=${line%% *}
}

# tree_scan: every process named $PFX... (the test's trees' nodes and
# what they spawned), in TREE_PIDS, their states in TREE_STATES
tree_scan() {
	local f name pid
	TREE_PIDS=()
	TREE_STATES=()
	for f in /proc/[0-9]*/comm; do
		{ IFS= read -r name <"$f"; } 2>/dev/null || continue
		[[ $name == "$PFX"* ]] || continue
		pid=${f#/proc/}
		pid=${pid%/comm}
		state_in "$pid"
		TREE_PIDS+=("$pid")
		TREE_STATES+=("$REPLY")
	done
}

# kill_tree: SIGKILL every process of the test's trees, each by its PID
kill_tree() {
	local pid
	tree_scan
	for pid in "${TREE_PIDS[@]}"; do
		kill -KILL "$pid" 2>/dev/null || true
	done
}

# none_in_states LETTERS WHAT: no process of the test's trees is in one
# of these states (a regular expression's bracket list)
none_in_states() {
	local i bad=0
	tree_scan
	for i in "${!TREE_PIDS[@]}"; do
		[[ ${TREE_STATES[i]} =~ ^[$1]$ ]] || continue
		echo "$2: ${TREE_PIDS[i]} (state ${TREE_STATES[i]})" >&2
		bad=1
	done
	return "$bad"
}

# none_stopped: no process of the test's trees is in a stop
none_stopped() {
	none_in_states Tt "left stopped"
}

# none_alive: every process of the test's trees has exited
none_alive() {
	none_in_states RSDTtIWKP "still alive"
}

# spawns_gone NODE: every child NODE was seen to fork has exited
spawns_gone() {
	local pid bad=0
	while read -r pid; do
		state_in "$pid"
		case $REPLY in
		gone | Z | X) ;;
		*) echo "spawned $pid is alive (state $REPLY)" >&2; bad=1 ;;
		esac
	done <"$TMP/tree/$1.spawn"
	return "$bad"
}

# start_tree NODE[:FLAGS]...: a forker tree in $TMP/tree; sets ROOT
start_tree() {
	mkdir -p "$TMP/tree"
	"$FORKER" --dir "$TMP/tree" --prefix "$PFX" "$@" \
		</dev/null >/dev/null 2>"$TMP/forker.err" &
	ROOT=$!
	STARTED+=("$ROOT")
	wait_tree 0
}

# wait_tree NODE: wait (up to ~20 s) until NODE and all below it are there
wait_tree() {
	local i
	for ((i = 0; i < 2000; i++)); do
		[ -e "$TMP/tree/$1.pid" ] && return 0
		sleep 0.01
	done
	echo "the tree never got ready:" >&2
	cat "$TMP/forker.err" >&2
	return 1
}

node_pid() {
	local pid
	read -r pid <"$TMP/tree/$1.pid"
	echo "$pid"
}
node_log() { echo "$TMP/tree/$1.log"; }

# got_then_cont NODE SIGNO: NODE logged SIGNO from pidkill, then the
# SIGCONT that continued it, and nothing else
got_then_cont() {
	local log=$TMP/tree/$1.log lines
	wait_log "$log" '^signo=18 '
	mapfile -t lines <"$log"
	if [ "${#lines[@]}" -ne 2 ] || [[ ${lines[0]} != "signo=$2 "* ]] ||
		[[ ${lines[1]} != "signo=18 "* ]]; then
		echo "$1 did not log signal $2, then 18, alone:" >&2
		cat "$log" >&2
		return 1
	fi
}

# wait_state PID LETTER: wait up to ~5 s until PID is in that state
wait_state() {
	local i
	for ((i = 0; i < 500; i++)); do
		state_in "$1"
		[ "$REPLY" = "$2" ] && return 0
		sleep 0.01
	done
	echo "$1 never got to state $2 (state $REPLY)" >&2
	return 1
}

# start_fan N [FLAGS]: a root with N children (the first with FLAGS), all
# of them in SPECS
start_fan() {
	local a
	SPECS=(0 "0.0${2:+:$2}")
	for ((a = 1; a < $1; a++)); do
		SPECS+=("0.$a")
	done
	start_tree "${SPECS[@]}"
}

# ---------------------------------------------------------------------
# Complete: the whole tree, nothing outside it

@test "signals_three_levels_with_a_setsid_grandchild_but_not_a_sibling" {
	local node sid
	start_tree 0 0.0 0.0.0:s 0.0.1 0.1
	# the grandchild left the root's session, as a daemon does
	sid=$(awk '{ sub(/^.*\) /, ""); print $4 }' "/proc/$(node_pid 0.0.0)/stat")
	[ "$sid" = "$(node_pid 0.0.0)" ]
	# a sibling of the root: the same parent, not in the tree
	start_catcher "$(uniq_name sib)"
	pk --tree -USR1 -c "$ROOT"
	[ "$status" -eq 0 ]
	[ "$output" = 5 ]
	[ -z "$stderr" ]
	for node in 0 0.0 0.0.0 0.0.1 0.1; do
		got_then_cont "$node" 10
	done
	assert_quiet "$CLOG"
	none_stopped
}

# TSTP, TTIN and TTOU: the SIGCONT that ends the hold would discard one
# still pending, so each member is continued just before it.  Members
# that catch it log it (after the CONT, if that came first); one with
# default actions ends up where a process outside a tree does when sent
# it (stopped, unless its process group is orphaned), the control here.
@test "job_control_stops_reach_every_member_as_without_tree" {
	local sig signo ctl want line node got
	for sig in TSTP TTIN TTOU; do
		signo=$(kill -l "$sig")
		kill_tree
		rm -rf "$TMP/tree"
		start_tree 0 0.0 0.0.0 0.1:w
		sleep 1000 &
		ctl=$!
		STARTED+=("$ctl")
		pk "-$sig" "$ctl"
		[ "$status" -eq 0 ]
		nap 0.2
		state_in "$ctl"
		want=$REPLY
		[[ $want == [ST] ]]
		pk --tree "-$sig" --output pid,signal,result --noheadings "$ROOT"
		[ "$status" -eq 0 ]
		[ "${#lines[@]}" -eq 4 ]
		for line in "${lines[@]}"; do
			[[ $line == *" $sig "*signaled ]]
		done
		for node in 0 0.0 0.0.0; do
			wait_log "$(node_log "$node")" "^signo=$signo "
			mapfile -t got <"$(node_log "$node")"
			# the signal, after the CONT unless it came first (a
			# stop signal discards a pending CONT)
			[[ ${got[-1]} == "signo=$signo code=$SI_USER "* ]]
			[ "${#got[@]}" -eq 1 ] ||
				{ [ "${#got[@]}" -eq 2 ] && [[ ${got[0]} == "signo=18 "* ]]; }
			state_in "$(node_pid "$node")"
			[ "$REPLY" = S ]
		done
		wait_state "$(node_pid 0.1)" "$want"
		nap 0.2
		state_in "$(node_pid 0.1)"
		[ "$REPLY" = "$want" ]
		kill -KILL "$ctl"
		wait "$ctl" || true
		forget_pid "$ctl"
	done
}

@test "kill_and_wait_leaves_no_descendant_of_a_member_forking_every_ms" {
	start_tree 0 0.0:f 0.1
	# let it fork for a while: a hundred or more children, and more
	# coming every millisecond while pidkill walks
	local i
	for ((i = 0; i < 1000; i++)); do
		[ "$(wc -l <"$TMP/tree/0.0.spawn")" -ge 100 ] && break
		sleep 0.01
	done
	pk --tree -KILL -w "$ROOT"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	none_alive
	# every child it was seen to fork, to the last
	spawns_gone 0.0
	[ "$(wc -l <"$TMP/tree/0.0.spawn")" -ge 100 ]
}

# Each word is judged on its own: a wrong token before the right PID
# leaves the walk to the PID, and the whole tree is signaled
@test "a_wrong_token_before_the_right_pid_still_signals_the_tree" {
	local node
	start_tree 0 0.0 0.0.0
	pk --tree -USR1 --verbose --output pid,depth,result "$ROOT:1" "$ROOT"
	[ "$status" -eq 0 ]
	[[ $stderr == *"$ROOT:1"*"identity changed"* ]]
	[ "$(grep -c ' signaled$' <<<"$output")" -eq 3 ]
	for node in 0 0.0 0.0.0; do
		got_then_cont "$node" 10
	done
	none_stopped
}

# a word with a wrong token names no process: the process it meant is
# still a member of the tree above it, with all below it
@test "a_wrong_token_for_a_descendant_leaves_it_in_the_tree" {
	local node words
	start_tree 0 0.0 0.0.0 0.0.1 0.1
	for words in "$(node_pid 0.0):1 $ROOT" "$ROOT $(node_pid 0.0):1" \
		"$(node_pid 0.0.0)@0 $ROOT $(node_pid 0.0)"; do
		# shellcheck disable=SC2086
		pk --tree -USR1 --verbose --output pid,depth,result $words
		[ "$status" -eq 0 ]
		[[ $stderr == *"identity changed"* ]]
		[ "$(grep -c ' signaled$' <<<"$output")" -eq 5 ]
		for node in 0 0.0 0.0.0 0.0.1 0.1; do
			got_then_cont "$node" 10
			: >"$(node_log "$node")"
		done
		none_stopped
	done
}

@test "a_wrong_token_for_a_descendant_leaves_it_listed_and_retried" {
	local node
	start_tree 0 0.0 0.0.0
	pk --tree --dry-run --output pid --noheadings "$(node_pid 0.0):1" "$ROOT"
	[ "$status" -eq 0 ]
	[ "$(sort -n <<<"$output" | tr -d ' ' | tr '\n' ' ')" = \
	  "$(printf '%s\n' "$ROOT" "$(node_pid 0.0)" "$(node_pid 0.0.0)" |
	     sort -n | tr '\n' ' ')" ]
	pk --tree -R USR1/0.2/KILL/5 -c "$ROOT" "$(node_pid 0.0.0)@0"
	[ "$status" -eq 0 ]
	[ "$output" = 3 ]
	for node in 0 0.0 0.0.0; do
		wait_log "$(node_log "$node")" '^signo=10 '
	done
	none_alive
}

# fds short, the words are walked a chunk at a time: the wrong word, in
# a later chunk than the root whose children list its process, is judged
# before any children are read
@test "a_wrong_token_in_a_later_chunk_still_leaves_its_process_in_the_tree" {
	local a specs=(0) words node
	for ((a = 0; a < 40; a++)); do
		specs+=("0.$a")
	done
	specs+=(0.40 0.40.0)
	start_tree "${specs[@]}"
	wait_tree 0.40.0
	words=("$ROOT")
	for ((a = 0; a < 40; a++)); do
		words+=("$(node_pid "0.$a")")
	done
	words+=("$(node_pid 0.40):1")
	pk_fds 24 --tree -USR1 --verbose --output pid,result "${words[@]}"
	[ "$status" -eq 0 ]
	[[ $stderr == *"$(node_pid 0.40):1"*"identity changed"* ]]
	[ "$(grep -c ' signaled$' <<<"$output")" -eq 43 ]
	for node in "${specs[@]}"; do
		got_then_cont "$node" 10
	done
	none_stopped
}

# filters and patterns select the targets, not their descendants: a
# process they turned down is still a member of the tree it is in
@test "a_descendant_the_selection_turned_down_is_still_a_member" {
	local node
	start_tree 0 0.0 0.0.0 0.1
	# -o: the oldest match is the root; the others, not selected, are
	# its members all the same
	pk --tree -USR1 -c -o "^$PFX"
	[ "$status" -eq 0 ]
	[ "$output" = 4 ]
	for node in 0 0.0 0.0.0 0.1; do
		got_then_cont "$node" 10
		: >"$(node_log "$node")"
	done
	# a PID the pattern does not match, below one it does
	pk --tree -USR1 -c "$ROOT" "$(node_pid 0.0)" -x "${PFX}0"
	[ "$status" -eq 0 ]
	[ "$output" = 4 ]
	for node in 0 0.0 0.0.0 0.1; do
		got_then_cont "$node" 10
	done
	none_stopped
}

@test "a_target_below_another_is_shown_in_that_tree_at_its_depth" {
	local want
	start_tree 0 0.0 0.0.0 0.1 0.1.0
	pk --tree --dry-run --output pid,depth --noheadings -x "${PFX}0(\\.0)?"
	[ "$status" -eq 0 ]
	printf -v want '%s %s\n' "$ROOT" 0 "$(node_pid 0.0)" 1 \
		"$(node_pid 0.0.0)" 2 "$(node_pid 0.1)" 1 "$(node_pid 0.1.0)" 2
	[ "$(awk '{ print $1, $2 }' <<<"$output")" = "${want%$'\n'}" ]
}

@test "a_word_turned_down_that_names_a_member_says_so_beside_it" {
	start_tree 0 0.0 0.0.0
	pk --tree -USR1 --output pid,depth,result "$ROOT" "$(node_pid 0.0)" \
		-x "${PFX}0"
	[ "$status" -eq 0 ]
	[ "$stderr" = "pidkill: $(node_pid 0.0) (${PFX}0.0): excluded: does not match the pattern; a member of a tree all the same" ]
	[ "$(awk 'NR > 1 { print $1, $2, $3 }' <<<"$output")" = \
"$ROOT 0 signaled
$(node_pid 0.0) 1 signaled
$(node_pid 0.0) 1 excluded
$(node_pid 0.0.0) 2 signaled" ]
	got_then_cont 0.0 10
}

@test "a_selected_target_below_another_is_signaled_once" {
	local node
	start_tree 0 0.0 0.0.0
	pk --tree -USR1 -c "$ROOT" "$(node_pid 0.0)"
	[ "$status" -eq 0 ]
	[ "$output" = 3 ]
	for node in 0 0.0 0.0.0; do
		got_then_cont "$node" 10
	done
}

@test "a_selected_target_below_another_is_signaled_once_when_fds_are_short" {
	local a specs=(0) words=() node
	for ((a = 0; a < 40; a++)); do
		specs+=("0.$a" "0.$a.0")
	done
	start_tree "${specs[@]}"
	wait_tree 0.39.0
	# every node named, the root first: fds for a chunk of them only
	for node in "${specs[@]}"; do
		words+=("$(node_pid "$node")")
	done
	pk_fds 24 --tree -USR1 -c "${words[@]}"
	[ "$status" -eq 0 ]
	[ "$output" = 81 ]
	for node in "${specs[@]}"; do
		got_then_cont "$node" 10
	done
	none_stopped
}

# run as nobody, the tree of nobody's process that started a process of
# root's, which started one of nobody's: root's cannot be stopped, nor
# signaled; what it started is read as it runs, and signaled
@test "a_member_that_cannot_be_stopped_still_has_its_children_signaled" {
	nobody_pidkill
	start_tree 0:N 0.0 0.0.0:N
	chmod 755 "$TMP" "$TMP/tree"
	run --separate-stderr setpriv --reuid=65534 --regid=65534 \
		--clear-groups "$NOBODY_PIDKILL" --tree -USR1 \
		--output pid,depth,result "$ROOT"
	show_run
	[ "$status" -eq 0 ]
	[[ $stderr == *"$(node_pid 0.0) (${PFX}0.0): permission denied"* ]]
	[ "$(awk 'NR > 1 { print $1, $2, $3 }' <<<"$output")" = \
"$ROOT 0 signaled
$(node_pid 0.0) 1 permission-denied
$(node_pid 0.0.0) 2 signaled" ]
	got_then_cont 0 10
	got_then_cont 0.0.0 10
	[ ! -s "$(node_log 0.0)" ]
	none_stopped
}

@test "a_member_stopped_before_pidkill_came_is_left_stopped" {
	start_tree 0 0.0 0.1
	kill -STOP "$(node_pid 0.0)"
	wait_state "$(node_pid 0.0)" T
	pk --tree -USR1 "$ROOT"
	[ "$status" -eq 0 ]
	got_then_cont 0 10
	got_then_cont 0.1 10
	# signaled (pending until someone continues it), not continued
	sleep 0.2
	[ "$(state_of "$(node_pid 0.0)")" = T ]
	assert_quiet "$(node_log 0.0)"
	kill -CONT "$(node_pid 0.0)"
	wait_log "$(node_log 0.0)" '^signo=10 '
}

@test "stop_as_the_signal_leaves_the_tree_stopped" {
	local node
	start_tree 0 0.0 0.0.0
	pk --tree -STOP -c "$ROOT"
	[ "$status" -eq 0 ]
	[ "$output" = 3 ]
	for node in 0 0.0 0.0.0; do
		wait_state "$(node_pid "$node")" T
	done
	sleep 0.2
	for node in 0 0.0 0.0.0; do
		[ "$(state_of "$(node_pid "$node")")" = T ]
		assert_quiet "$(node_log "$node")"
	done
}

@test "cont_as_the_signal_is_sent_once_to_each_member" {
	local node log
	start_tree 0 0.0 0.0.0
	pk --tree -CONT "$ROOT"
	[ "$status" -eq 0 ]
	sleep 0.2
	for node in 0 0.0 0.0.0; do
		log=$(node_log "$node")
		wait_log "$log" '^signo=18 '
		[ "$(wc -l <"$log")" -eq 1 ]
	done
	none_stopped
}

# ---------------------------------------------------------------------
# Race-free: admitted only against a pinned, live parent

# The script run as PID 1 of a namespace of its own, where writing N-1 to
# ns_last_pid gives the next process PID N.  The root ignores SIGCHLD,
# so its child, killed while the root is held stopped, is reaped at once
# and frees its PID.  strace holds pidkill after it read the root's
# children: MODE pin, at the pidfd_open(2) of the child (the second
# pidfd_open of the run; the impostor is then pinned, and only its
# parent tells it from a member); MODE read, at the first reading of the
# child's /proc/PID/status, once the child is pinned.  Writes key=value
# lines to $OUT/result.
write_inner() {
	cat >"$TMP/inner.sh" <<'EOF'
set -u
umask 022
source "$INNER_LIB"

mkdir -p "$OUT/tree"
"$FORKER" --dir "$OUT/tree" --prefix imp 0:i 0.0 </dev/null >/dev/null 2>&1 &
R=$!
wait_file "$OUT/tree/0.pid"
C=$(cat "$OUT/tree/0.0.pid")
result root "$R"
result victim "$C"
result victim_start "$(start_time "$C")"
# the impostor starts in a later clock tick
sleep 0.2
case $MODE in
pin)
	hold=(-e trace=pidfd_open
		-e inject=pidfd_open:delay_enter="$DELAY_US":when=2)
	held="pidfd_open($C," ;;
read)
	hold=(-e trace=openat -P "/proc/$C/status"
		-e inject=openat:delay_enter="$DELAY_US")
	held="\"/proc/$C/status\"" ;;
esac
strace -f -qq -o "$OUT/trace" "${hold[@]}" \
	"$PIDKILL" --tree --verbose -USR1 "$R" >"$OUT/stdout" 2>"$OUT/stderr" &
tracer=$!
wait_held
# the member dies while pidkill is held, and an impostor takes its PID
kill -KILL "$C"
for ((i = 0; i < 500; i++)); do
	[ -e "/proc/$C" ] || break
	sleep 0.01
done
next=$C
for ((attempt = 0; attempt < 20; attempt++)); do
	start "$OUT/impostor.log" --name impostor
	[ "$pid" = "$C" ] && break
	kill -KILL "$pid"
	wait "$pid"
done
result impostor "$pid"
result impostor_start "$(start_time "$pid")"
note_still_held
wait "$tracer"
result status "$?"
settle "$pid" "$R"
result impostor_state "$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$pid/stat")"
EOF
}

# impostor_race MODE: run the inner script in a new PID namespace
impostor_race() {
	require_pid_namespace
	require_strace
	write_inner
	OUT="$TMP/out"
	mkdir "$OUT"
	CATCHER="$CATCHER" FORKER="$FORKER" PIDKILL="$PIDKILL" OUT="$OUT" \
		MODE=$1 INNER_LIB="$INNER_LIB" DELAY_US=2000000 \
		unshare -pf --mount-proc --kill-child bash "$TMP/inner.sh" \
		>"$TMP/ns.log" 2>&1 &
	STARTED+=("$!")
	wait "$!" || true
	echo "--- result" && cat "$OUT/result"
	echo "--- pidkill stderr" && cat "$OUT/stderr"
	echo "--- namespace" && cat "$TMP/ns.log"
}

result() {
	sed -n "s/^$1=//p" "$OUT/result"
}

# the impostor took the member's PID while pidkill was held, and got
# nothing: no stop (it would log the SIGCONT after it), no signal; the
# root was signaled; pidkill said the member's PID names another
assert_impostor_spared() {
	[ "$(result impostor)" = "$(result victim)" ] || {
		echo "could not make the impostor reuse PID $(result victim)" >&2
		return 1
	}
	[ "$(result impostor_start)" != "$(result victim_start)" ]
	[ "$(result pidkill_waiting)" = 0 ]
	assert_quiet "$OUT/impostor.log"
	[ "$(result impostor_state)" = S ]
	[ "$(result status)" = 0 ]
	wait_log "$OUT/tree/0.log" '^signo=10 '
	grep -q "^pidkill: $(result victim) (impostor): identity changed: not a child" \
		"$OUT/stderr"
}

@test "an_impostor_pinned_on_a_dead_members_pid_is_never_signaled" {
	impostor_race pin
	assert_impostor_spared
}

@test "an_impostor_read_on_a_dead_members_pid_is_never_signaled" {
	impostor_race read
	assert_impostor_spared
}

# ---------------------------------------------------------------------
# Interrupted: every member held is continued

# signal_while_holding SIGNO COMMAND...: start COMMAND... "$PIDKILL"
# --tree -USR1 "$ROOT" (stderr in $TMP/err), wait until it holds the
# root and 0.1 stopped, send it SIGNO and wait for it; its exit status in
# $status.  In the trees used here, 0.0 waits in vfork() for a child that
# never execs: it cannot stop, and pidkill waits 3 s to see it stopped,
# holding the rest.
signal_while_holding() {
	local signo=$1 pk_pid
	shift
	"$@" "$PIDKILL" --tree -USR1 "$ROOT" >"$TMP/out" 2>"$TMP/err" &
	pk_pid=$!
	STARTED+=("$pk_pid")
	wait_state "$ROOT" T
	wait_state "$(node_pid 0.1)" T
	running "$pk_pid"
	kill -"$signo" "$pk_pid"
	status=0
	wait "$pk_pid" || status=$?
	forget_pid "$pk_pid"
	cat "$TMP/err"
	echo "sent $signo: status $status"
}

# continued_unsignaled: no member is left stopped, and none got SIGUSR1
continued_unsignaled() {
	sleep 0.2
	none_stopped
	[ "$(log_count "$(node_log 0)" 10)" -eq 0 ]
	[ "$(log_count "$(node_log 0.1)" 10)" -eq 0 ]
	assert_quiet "$(node_log 0.1.0)"
}

@test "interrupted_while_waiting_for_a_stop_leaves_no_member_stopped" {
	start_tree 0 0.0:v 0.1 0.1.0
	# a background job would ignore SIGINT: as from a terminal, it is not
	signal_while_holding 2 "$HELPERS/sigdefault" 2
	# it ended by SIGINT, as an interrupted command does
	[ "$status" -eq 130 ]
	continued_unsignaled
	[ "$(state_of "$ROOT")" = S ]
	wait_log "$(node_log 0)" '^signo=18 '
	wait_log "$(node_log 0.1)" '^signo=18 '
}

# A member that cannot stop (0.0 waits in vfork) is said after 3 s; its
# children are read all the same, and the rest is signaled and continued
@test "a_member_that_never_stops_is_said_and_the_tree_is_signaled_all_the_same" {
	start_tree 0 0.0:v 0.1 0.1.0
	pk --tree -USR1 "$ROOT"
	[ "$status" -eq 0 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == "pidkill: $(node_pid 0.0) ("*"): not seen stopped after 3 s (state "*"): its children are read while it may run" ]]
	got_then_cont 0 10
	got_then_cont 0.1 10
	got_then_cont 0.1.0 10
	none_stopped
}


# Whatever reads pidkill's standard error may be a member, stopped with
# the tree: what pidkill has to say while it holds the tree is kept until
# the tree is continued, or a full pipe would hold pidkill, and the tree,
# for ever.  0.0 reads a pipe of 4096 bytes; sixty members that never
# stop say more than that.
@test "warnings_are_written_once_the_tree_is_continued_to_a_reader_in_it" {
	local specs=(0 0.0:c) a w rc
	for ((a = 1; a <= 60; a++)); do
		specs+=("0.$a:v")
	done
	mkfifo "$TMP/tree/0.0.fifo" 2>/dev/null || {
		mkdir -p "$TMP/tree"
		mkfifo "$TMP/tree/0.0.fifo"
	}
	start_tree "${specs[@]}"
	exec {w}>"$TMP/tree/0.0.fifo"
	rc=0
	timeout -s KILL 30 "$PIDKILL" --tree -USR1 -c "$ROOT" \
		>"$TMP/count" 2>&"$w" || rc=$?
	exec {w}>&-
	[ "$rc" -eq 0 ]
	[ "$(cat "$TMP/count")" -ge 62 ]
	# all of it reached the reader, which was continued
	wait_log "$TMP/tree/0.0.out" "^pidkill: $(node_pid 0.60) "
	[ "$(grep -c 'not seen stopped' "$TMP/tree/0.0.out")" -eq 60 ]
	got_then_cont 0.0 10
}
# A kernel without children files (CONFIG_PROC_CHILDREN unset, made so
# by nochildren.so): the tree is read from every process's parent, with
# the same result
@test "without_children_files_the_tree_is_read_from_every_parent_link" {
	local node
	[ -z "${PIDKILL_SANITIZED-}" ] ||
		skip "AddressSanitizer's runtime must be loaded first"
	start_tree 0 0.0 0.0.0 0.1:s 0.1.0
	run --separate-stderr env LD_PRELOAD="$HELPERS/nochildren.so" \
		NOCHILDREN_LOG="$TMP/refused" "$PIDKILL" --tree -USR1 \
		--verbose -J --output pid,ppid,depth,result "$ROOT"
	show_run
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	# the children files were asked for, and were not there
	[ -s "$TMP/refused" ]
	[ "$(jq -r '[.targets[] | select(.result == "signaled")] | length' \
		<<<"$output")" = 5 ]
	[ "$(jq -r --argjson p "$(node_pid 0.1.0)" \
		'.targets[] | select(.pid == $p) | "\(.ppid) \(.depth)"' \
		<<<"$output")" = "$(node_pid 0.1) 2" ]
	for node in 0 0.0 0.0.0 0.1 0.1.0; do
		got_then_cont "$node" 10
	done
	none_stopped
}

# ---------------------------------------------------------------------
# Never pidkill or its ancestors

# run_outer [ARG]: run $TMP/outer.sh (given ARG) with what it needs,
# wait for it, and show pidkill's report ($TMP/out and $TMP/err)
run_outer() {
	mkdir -p "$TMP/tree"
	(
		export TMP PFX FORKER CATCHER PIDKILL
		exec bash "$TMP/outer.sh" "$@"
	) </dev/null &
	STARTED+=("$!")
	wait "$!"
	cat "$TMP/out" "$TMP/err"
}

# tree_and_catcher_signaled: pidkill exited 0 ($TMP/status); nodes 0 and
# 0.0 got USR1 and then CONT, the catcher USR1, the outer shell nothing
tree_and_catcher_signaled() {
	local node
	[ "$(cat "$TMP/status")" -eq 0 ]
	for node in 0 0.0; do
		got_then_cont "$node" 10
	done
	wait_log "$TMP/c.log" '^signo=10 '
	[ ! -e "$TMP/outer.log" ]
}

@test "tree_of_an_ancestor_reaches_its_other_descendants_only" {
	# outer: a shell that starts a tree, then an inner shell that starts
	# a catcher and runs pidkill --tree on the outer shell; both shells
	# log the signals they get (a trap runs once pidkill is done)
	cat >"$TMP/outer.sh" <<'EOF'
trap 'echo USR1 >>"$TMP/outer.log"' USR1
trap 'echo CONT >>"$TMP/outer.log"' CONT
"$FORKER" --dir "$TMP/tree" --prefix "$PFX" 0 0.0 </dev/null >/dev/null 2>&1 &
while [ ! -e "$TMP/tree/0.pid" ]; do sleep 0.01; done
bash "$TMP/inner.sh" "$$"
echo "$?" >"$TMP/status"
EOF
	cat >"$TMP/inner.sh" <<'EOF'
trap 'echo USR1 >>"$TMP/inner.log"' USR1
trap 'echo CONT >>"$TMP/inner.log"' CONT
"$CATCHER" --name "${PFX}c" --log "$TMP/c.log" --ready "$TMP/c.ready" \
	</dev/null >/dev/null 2>&1 &
echo "$!" >"$TMP/c.pid"
while [ ! -e "$TMP/c.ready" ]; do sleep 0.01; done
# the dry run first: it lists what the real run signals, and sends nothing
"$PIDKILL" --tree --dry-run --verbose -J --output pid,ppid,comm,result "$1" \
	>"$TMP/dry" 2>"$TMP/dry.err"
echo "$$" >"$TMP/inner.pid"
"$PIDKILL" --tree -USR1 --verbose -J --output pid,ppid,depth,comm,result "$1" \
	>"$TMP/out" 2>"$TMP/err"
EOF
	run_outer
	tree_and_catcher_signaled
	# neither shell, nor pidkill, was stopped or signaled
	[ ! -e "$TMP/inner.log" ]
	[ "$(grep -c 'excluded: an ancestor of pidkill' "$TMP/err")" -eq 2 ]
	grep -q 'excluded: pidkill itself' "$TMP/err"
	none_stopped
	# pidkill itself has a whole row: its name, its parent the inner shell
	[ "$(jq -r --argjson p "$(cat "$TMP/inner.pid")" \
		'.targets[] | select(.ppid == $p and .result == "excluded") |
		"\(.comm) \(.depth)"' "$TMP/out")" = "pidkill 2" ]
	# the dry run listed the members the real run signaled, as matched
	cat "$TMP/dry" "$TMP/dry.err"
	local want got
	want=$(printf "%s\n" "$(node_pid 0)" "$(node_pid 0.0)" \
		"$(cat "$TMP/c.pid")" | sort -n)
	got=$(jq -r '.targets[] | select(.result == "matched") | .pid' \
		"$TMP/dry" | sort -n)
	[ "$got" = "$want" ]
	[ "$(grep -c 'excluded: an ancestor of pidkill' "$TMP/dry.err")" -eq 2 ]
	grep -q "excluded: pidkill itself" "$TMP/dry.err"
}

# A shell starts a tree and a catcher, then becomes pidkill (exec): they
# are pidkill's own children.  WHO names the target: "self" (pidkill, by
# its PID), "parent" (the shell above, which logs what it gets), "token"
# (pidkill by PID and a wrong pidfs id), "token-self" and "token-parent"
# (a wrong token, then the PID), or "parent-twice".  With "quiet", no
# --verbose.  pidkill's exit status in $TMP/status, its PID in
# $TMP/self.pid, its report in $TMP/out and $TMP/err.
run_on_pidkills_children() {
	cat >"$TMP/outer.sh" <<'EOF'
trap 'echo USR1 >>"$TMP/outer.log"' USR1
trap 'echo CONT >>"$TMP/outer.log"' CONT
bash "$TMP/inherit.sh" "$@"
echo "$?" >"$TMP/status"
EOF
	cat >"$TMP/inherit.sh" <<'EOF'
"$FORKER" --dir "$TMP/tree" --prefix "$PFX" 0 0.0 </dev/null >/dev/null 2>&1 &
"$CATCHER" --name "${PFX}c" --log "$TMP/c.log" --ready "$TMP/c.ready" \
	</dev/null >/dev/null 2>&1 &
while [ ! -e "$TMP/tree/0.pid" ] || [ ! -e "$TMP/c.ready" ]; do sleep 0.01; done
case $1 in
self) targets=("$$") ;;
parent) targets=("$PPID") ;;
token) targets=("$$:1") ;;
token-self) targets=("$$:1" "$$") ;;
token-parent) targets=("$PPID:1" "$PPID") ;;
parent-twice) targets=("$PPID" "$PPID") ;;
esac
verbose=(--verbose)
[ "${2-}" = quiet ] && verbose=()
echo "$$" >"$TMP/self.pid"
exec "$PIDKILL" --tree -USR1 "${verbose[@]}" -J \
	--output pid,ppid,depth,comm,result "${targets[@]}" \
	>"$TMP/out" 2>"$TMP/err"
EOF
	run_outer "$@"
}

# inherited_members_signaled DEPTH: pidkill's children were signaled, at
# DEPTH below the target; pidkill and the outer shell were not
inherited_members_signaled() {
	tree_and_catcher_signaled
	grep -q 'excluded: pidkill itself' "$TMP/err"
	none_stopped
	[ "$(jq -r --argjson p "$(node_pid 0)" \
		'.targets[] | select(.pid == $p) | .depth' "$TMP/out")" = "$1" ]
}

@test "tree_of_pidkill_itself_reaches_the_children_it_inherited" {
	run_on_pidkills_children self
	inherited_members_signaled 1
}

@test "tree_of_pidkills_parent_reaches_the_children_pidkill_inherited" {
	run_on_pidkills_children parent
	inherited_members_signaled 2
	grep -q 'excluded: an ancestor of pidkill' "$TMP/err"
}

# strace -f on pidkill's shell traces pidkill too: the tracer, a child of
# that shell, is in the shell's tree, and stopped it would stop pidkill
# at its next system call for ever.  It is taken as an ancestor: walked
# through, never stopped or signaled.
@test "tree_of_a_traced_shell_leaves_the_tracer_of_pidkill_running" {
	cat >"$TMP/traced.sh" <<'EOF'
trap '' USR1
strace -f -o /dev/null -p "$$" </dev/null >/dev/null 2>&1 &
s=$!
echo "$s" >"$TMP/strace.pid"
until grep -q "^TracerPid:[[:space:]]*$s\$" "/proc/$$/status"; do
	sleep 0.01
done
"$FORKER" --dir "$TMP/tree" --prefix "$PFX" 0 0.0 </dev/null >/dev/null 2>&1 &
while [ ! -e "$TMP/tree/0.pid" ]; do sleep 0.01; done
rc=0
timeout -s KILL 30 "$PIDKILL" --tree -USR1 --verbose \
	--output pid,comm,result "$$" >"$TMP/out" 2>"$TMP/err" || rc=$?
echo "$rc" >"$TMP/status"
EOF
	mkdir -p "$TMP/tree"
	run env TMP="$TMP" FORKER="$FORKER" PFX="$PFX" PIDKILL="$PIDKILL" \
		timeout -s KILL 60 bash "$TMP/traced.sh"
	local tracer
	tracer=$(cat "$TMP/strace.pid")
	STARTED+=("$tracer")
	[ "$status" -eq 0 ]
	cat "$TMP/out" "$TMP/err"
	[ "$(cat "$TMP/status")" = 0 ]
	grep -q "^ *$tracer strace *excluded\$" "$TMP/out"
	grep -q "$tracer (strace): excluded: tracing pidkill or an ancestor of it" \
		"$TMP/err"
	state_in "$tracer"
	[[ $REPLY == [RS] ]]
	kill -KILL "$tracer"
	wait_log "$(node_log 0)" '^signo=10 '
	wait_log "$(node_log 0.0)" '^signo=10 '
	none_stopped
}

# pidkill is no row of the table without --verbose, as the man page says
@test "tree_of_pidkill_itself_has_no_row_for_it_without_verbose" {
	run_on_pidkills_children self quiet
	inherited_members_signaled 1
	[ "$(jq -r --argjson p "$(cat "$TMP/self.pid")" \
		'[.targets[] | select(.pid == $p)] | length' "$TMP/out")" = 0 ]
	[ "$(jq -r '.targets | length' "$TMP/out")" = 3 ]
}

# Each word is judged on its own, whatever their order: a wrong token
# before the PID leaves the walk to the PID, which walks through pidkill
# (or its parent) to the processes it inherited
@test "a_wrong_token_before_pidkills_own_pid_leaves_the_walk_to_the_pid" {
	run_on_pidkills_children token-self
	inherited_members_signaled 1
	grep -q ':1 (pidkill): identity changed: pidfs id differs' "$TMP/err"
}

@test "a_wrong_token_before_the_parents_pid_leaves_the_walk_to_the_pid" {
	run_on_pidkills_children token-parent
	inherited_members_signaled 2
	grep -q ':1 (bash): identity changed: pidfs id differs' "$TMP/err"
	grep -q 'excluded: an ancestor of pidkill' "$TMP/err"
	[ "$(grep -c refused "$TMP/err")" -eq 0 ]
}

# An ancestor named twice is excluded twice, as an ancestor (the gate,
# which refuses it, is not what keeps it from being signaled)
@test "an_ancestor_named_twice_is_excluded_by_both_words" {
	run_on_pidkills_children parent-twice
	inherited_members_signaled 2
	[ "$(grep -c 'excluded: an ancestor of pidkill' "$TMP/err")" -eq 2 ]
	[ "$(grep -c refused "$TMP/err")" -eq 0 ]
}

# A wrong token is reported as such, though the PID is pidkill's: the
# identity is judged first, and nothing of the tree is walked
@test "pidkill_named_by_a_wrong_token_is_an_identity_change_not_itself" {
	local node
	run_on_pidkills_children token
	[ "$(cat "$TMP/status")" -eq 1 ]
	grep -q ':1 (pidkill): identity changed: pidfs id differs' "$TMP/err"
	[ "$(grep -c 'pidkill itself' "$TMP/err")" -eq 0 ]
	for node in 0 0.0; do
		assert_quiet "$(node_log "$node")"
	done
	assert_quiet "$TMP/c.log"
}

# ---------------------------------------------------------------------
# Composes

@test "dry_run_lists_the_tree_with_ppid_and_depth_and_stops_nothing" {
	local node
	start_tree 0 0.0 0.0.0 0.1
	pk --tree --dry-run -J --output pid,ppid,depth,comm "$ROOT"
	[ "$status" -eq 0 ]
	[ "$(jq -r '.targets | length' <<<"$output")" = 4 ]
	[ "$(jq -r '.targets[0] | "\(.pid) \(.depth)"' <<<"$output")" = "$ROOT 0" ]
	[ "$(jq -r --argjson p "$(node_pid 0.0.0)" \
		'.targets[] | select(.pid == $p) | "\(.ppid) \(.depth)"' \
		<<<"$output")" = "$(node_pid 0.0) 2" ]
	# numbers in JSON, in tree order: each node right after its parent
	[ "$(jq -r '[.targets[].depth] | map(tostring) | join(",")' \
		<<<"$output")" = 0,1,2,1 ]
	for node in 0 0.0 0.0.0 0.1; do
		assert_quiet "$(node_log "$node")"
	done
}

@test "default_table_has_ppid_and_depth_with_tree" {
	start_tree 0 0.0
	pk --tree --dry-run "$ROOT"
	[ "$status" -eq 0 ]
	[[ ${lines[0]} =~ ^\ *PID\ +PPID\ +DEPTH\ +TOKEN\ +COMM$ ]]
	[[ ${lines[2]} =~ ^\ *$(node_pid 0.0)\ +$ROOT\ +1\  ]]
}

# kill_siblings_started RUN...: a tree whose member 0.0 starts a child of
# its parent every ms (clone with CLONE_PARENT), 99 siblings beside it;
# RUN (pk, or pk_fds N) runs pidkill --tree -KILL -w on it, and nothing
# of the tree is left
kill_siblings_started() {
	start_fan 100 p
	sleep 0.1
	"$@" --tree -KILL -w "$ROOT"
	[ "$status" -eq 0 ]
	none_alive
	spawns_gone 0.0
}

# a member not stopped yet may start a child of its parent, whose
# children were read already: the parent's children are read again once
# the member is held
@test "kill_and_wait_leaves_no_sibling_a_member_started_for_its_parent" {
	kill_siblings_started pk
}

@test "kill_and_wait_leaves_no_sibling_a_member_started_when_fds_are_short" {
	kill_siblings_started pk_fds 24
}


# A process below the level held may leave an orphan as it exits: it
# goes to the nearest child subreaper, a member held already, whose
# children were read.  0.0.0 waits in vfork() until pidkill's SIGSTOP is
# pending, which keeps it from stopping while its vfork child forks the
# orphan and exits; the walk waits for it and goes on.  Once the walk
# finds nothing new, every member's children are read again.
orphan_to_held_subreaper() {
	local orphan i
	start_tree 0:r 0.0 0.0.0:o
	"$@" --tree -STOP --output pid,ppid,depth,comm --noheadings "$ROOT"
	[ "$status" -eq 0 ]
	wait_file "$TMP/tree/0.0.0.orphan"
	read -r orphan <"$TMP/tree/0.0.0.orphan"
	# a member: a child of the root, stopped with the rest (read by
	# pidkill, maybe, before it took its name)
	[[ $output == *" $orphan "+([ ])"$ROOT "+([ ])"1 ${PFX}"@(or|0.0.0)* ]]
	wait_state "$orphan" T
	none_in_states RSD "not stopped"
}

@test "an_orphan_a_held_subreaper_is_given_during_the_walk_is_a_member" {
	orphan_to_held_subreaper pk
}

@test "an_orphan_a_held_subreaper_is_given_is_a_member_when_fds_are_short" {
	orphan_to_held_subreaper pk_fds 24
}
@test "retry_schedule_reaches_members_forked_after_the_first_signal" {
	start_tree 0 0.0:f
	sleep 0.1
	# the nodes and their children catch TERM and go on forking: only
	# the KILL step ends them, new children included
	pk --tree -R TERM/0.3/KILL/5 -c "$ROOT"
	[ "$status" -eq 0 ]
	wait_log "$(node_log 0.0)" '^signo=15 '
	none_alive
	spawns_gone 0.0
	# counted once each, those forked between the steps too
	[ "$output" -ge "$(wc -l <"$TMP/tree/0.0.spawn")" ]
}

@test "retry_schedule_reaches_a_member_whose_parent_exited_meanwhile" {
	# 0.0 dies of TERM; its child, reparented, is still a member: the
	# KILL step reaches it
	start_tree 0 0.0:w 0.0.0
	pk --tree -R TERM/0.3/KILL/5 -c "$ROOT"
	[ "$status" -eq 0 ]
	[ "$output" = 3 ]
	wait_log "$(node_log 0.0.0)" '^signo=15 '
	wait_log "$(node_log 0)" '^signo=15 '
	none_alive
}

@test "a_pattern_selects_the_roots_and_each_takes_its_own_subtree" {
	local node
	start_tree 0 0.0 0.0.0 0.0.1 0.1
	pk --tree -USR1 -e -x "${PFX}0\\.0"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	[[ $output == *"${PFX}0.0.1 killed (pid $(node_pid 0.0.1))"* ]]
	for node in 0.0 0.0.0 0.0.1; do
		got_then_cont "$node" 10
	done
	assert_quiet "$(node_log 0)"
	assert_quiet "$(node_log 0.1)"
}

@test "timeout_lists_every_member_still_alive" {
	start_tree 0 0.0 0.0.0
	pk --tree -USR1 --timeout 200ms "$ROOT"
	[ "$status" -eq 4 ]
	[ "${#stderr_lines[@]}" -eq 3 ]
	[[ $stderr == *"$(node_pid 0.0.0) (${PFX}0.0.0): still alive"* ]]
	none_stopped
}

@test "two_thousand_members_under_ulimit_48_are_held_signaled_and_continued" {
	local a b c specs=(0) missing
	for ((a = 0; a < 20; a++)); do
		specs+=("0.$a")
		for ((b = 0; b < 20; b++)); do
			specs+=("0.$a.$b")
			for ((c = 0; c < 4; c++)); do
				specs+=("0.$a.$b.$c")
			done
		done
	done
	require_strace
	start_tree "${specs[@]}"
	tree_scan
	[ "${#TREE_PIDS[@]}" -eq 2021 ]
	# fds 0-2 only, under a limit of 48: far fewer pins than members
	# shellcheck disable=SC2016  # expanded by that bash
	run --separate-stderr strace -f --seccomp-bpf -qq -o "$TMP/trace" \
		-e trace=pidfd_send_signal bash -c '
		for fd in /proc/$$/fd/*; do fd=${fd##*/}
			[ "$fd" -le 2 ] || eval "exec $fd>&-"; done
		ulimit -n 48 && exec "$@"' bash "$PIDKILL" --tree -USR1 -c "$ROOT"
	show_run
	[ "$status" -eq 0 ]
	[ "$output" = 2021 ]
	[ -z "$stderr" ]
	# in batches all the same: every member was held before the first
	# signal, and signaled before the first was continued
	run awk '/SIGSTOP/ { s++; last_stop = NR }
		/SIGUSR1/ { u++; if (!first_usr1) first_usr1 = NR; last_usr1 = NR }
		/SIGCONT/ { c++; if (!first_cont) first_cont = NR }
		END { print s, u, c, last_stop < first_usr1, last_usr1 < first_cont }' \
		"$TMP/trace"
	[ "$output" = "2021 2021 2021 1 1" ]
	sleep 0.5
	# every node logged the signal, and the SIGCONT after it
	missing=$(grep -L '^signo=10 ' "$TMP"/tree/*.log
		grep -L '^signo=18 ' "$TMP"/tree/*.log)
	[ -z "$missing" ]
	none_stopped
	pk_fds 48 --tree -KILL -w -c "$ROOT"
	[ "$status" -eq 0 ]
	[ "$output" = 2021 ]
	none_alive
}

# -I through a pseudo-terminal (script(1)), as report.bats drives it;
# pidkill's PID and exit status in $TMP/pidkill.pid and .status, and
# SIGINT at its default (a terminal's command is not a background job)
prompt_start() {
	local cmd
	printf -v cmd '%q ' "$PIDKILL" -I "$@"
	cmd="env --default-signal=INT $cmd & "
	cmd+="echo \$! >$(printf '%q' "$TMP/pidkill.pid"); wait \$!; "
	cmd+="echo \$? >$(printf '%q' "$TMP/pidkill.status")"
	under_script "$cmd"
}

# wait_question: wait (up to ~5 s) until pidkill shows its question
wait_question() {
	local i
	for ((i = 0; i < 500; i++)); do
		grep -q 'Send .*? \[y\]es' "$TMP/typescript" 2>/dev/null && break
		sleep 0.01
	done
}

# answer TEXT: once a question is shown, type TEXT
answer() {
	wait_question
	printf '%s\n' "$1" >&"$ANSWERS"
}

# prompt_end: end the input, wait for pidkill; its status in $status
prompt_end() {
	exec {ANSWERS}>&-
	wait "$PROMPT_PID" || true
	status=$(cat "$TMP/pidkill.status")
	echo "--- status $status; typescript:"
	cat "$TMP/typescript"
}

@test "interactive_asks_once_for_the_whole_tree_listing_it" {
	local node
	start_tree 0 0.0 0.0.0 0.1
	prompt_start --tree -USR1 "$ROOT"
	answer y
	prompt_end
	[ "$status" -eq 0 ]
	[ "$(grep -c 'Send USR1 to the 4 processes of this tree?' "$TMP/typescript")" -eq 1 ]
	grep -Eq "^ +$(node_pid 0.0.0) \\(${PFX}0.0.0\\)" "$TMP/typescript"
	for node in 0 0.0 0.0.0 0.1; do
		got_then_cont "$node" 10
	done
}

# pidkill with fds 0-2 only, under a limit of $1, in $TMP/pk-limited
limited_pidkill() {
	cat >"$TMP/pk-limited" <<EOF
#!/bin/bash
for fd in /proc/\$\$/fd/*; do fd=\${fd##*/}
	[ "\$fd" -le 2 ] || eval "exec \$fd>&-"; done
ulimit -n $1 && exec $(printf '%q' "$PIDKILL") "\$@"
EOF
	chmod +x "$TMP/pk-limited"
}

# fds short while the walk admits members, the tree it admitted fits:
# asked about, and signaled, all the same
@test "interactive_tree_that_fits_once_walked_is_asked_about" {
	local node
	start_fan 40
	limited_pidkill 64
	# -o: the root; the 40 others matched are passed over, members all
	# the same
	PIDKILL=$TMP/pk-limited prompt_start --tree -USR1 -o "^$PFX"
	answer y
	prompt_end
	[ "$status" -eq 0 ]
	[ "$(grep -c 'Send USR1 to the 41 processes of this tree?' "$TMP/typescript")" -eq 1 ]
	for node in "${SPECS[@]}"; do
		got_then_cont "$node" 10
	done
	none_stopped
}

@test "interactive_tree_too_large_to_keep_pinned_says_how_large_and_sends_nothing" {
	local node
	start_fan 60
	limited_pidkill 40
	PIDKILL=$TMP/pk-limited prompt_start --tree -USR1 "$ROOT"
	prompt_end
	[ "$status" -eq 3 ]
	grep -Eq "too many processes in the trees to keep pinned while asking \(61, room for [0-9]+\); nothing was sent" "$TMP/typescript"
	! grep -q 'Send USR1' "$TMP/typescript"
	for node in "${SPECS[@]}"; do
		[ "$(log_count "$(node_log "$node")" 10)" -eq 0 ]
	done
	none_stopped
}

# a target below another is one member of that tree: asked about with
# it, once, and not on its own
@test "interactive_asks_about_targets_below_another_with_its_tree" {
	local node answer
	start_tree 0 0.0 0.0.0 0.1
	for answer in y n; do
		prompt_start --tree -USR1 "^$PFX"
		answer "$answer"
		prompt_end
		[ "$(grep -c 'Send USR1 to the 4 processes of this tree?' "$TMP/typescript")" -eq 1 ]
		[ "$(grep -c 'Send USR1' "$TMP/typescript")" -eq 1 ]
		grep -Eq "^ +$(node_pid 0.0.0) \\(${PFX}0.0.0\\)" "$TMP/typescript"
		rm -f "$TMP/answers" "$TMP/typescript"
		if [ "$answer" = y ]; then
			[ "$status" -eq 0 ]
			for node in 0 0.0 0.0.0 0.1; do
				got_then_cont "$node" 10
				: >"$(node_log "$node")"
			done
		else
			[ "$status" -eq 1 ]
			for node in 0 0.0 0.0.0 0.1; do
				wait_log "$(node_log "$node")" '^signo=18 '
				[ "$(log_count "$(node_log "$node")" 10)" -eq 0 ]
			done
		fi
	done
	none_stopped
}

@test "interactive_declined_tree_is_continued_and_not_signaled" {
	local node
	start_tree 0 0.0 0.1
	prompt_start --tree -USR1 "$ROOT"
	answer n
	prompt_end
	[ "$status" -eq 1 ]
	for node in 0 0.0 0.1; do
		wait_log "$(node_log "$node")" '^signo=18 '
		[ "$(log_count "$(node_log "$node")" 10)" -eq 0 ]
	done
	none_stopped
}

# -I on the shell script(1) runs, pidkill's parent, which started a
# catcher first: the question shows the shell as not signaled, and asks
# about the catcher alone
# the tree of script(1) (an ancestor) with the shell it runs (another,
# named too): that shell is shown where it is, and what it started
# under it
@test "interactive_shows_a_named_ancestor_below_another_where_it_is" {
	local cmd
	printf -v cmd '%q --name %q --log %q --ready %q </dev/null & ' \
		"$CATCHER" "${PFX}c" "$TMP/c.log" "$TMP/c.ready"
	printf -v cmd '%swhile [ ! -e %q ]; do sleep 0.01; done; ' \
		"$cmd" "$TMP/c.ready"
	printf -v cmd '%s%q -I --tree -USR1 $PPID $$; echo $? >%q; kill $!' \
		"$cmd" "$PIDKILL" "$TMP/pidkill.status"
	under_script "$cmd"
	answer n
	prompt_end
	[ "$status" -eq 1 ]
	grep -q 'is not signaled (an ancestor of pidkill), but what it started is:' \
		"$TMP/typescript"
	grep -Eq "^    [0-9]+ \\([a-z]+\\)  not signaled \\(an ancestor of pidkill\\)" \
		"$TMP/typescript"
	grep -Eq "^      [0-9]+ \\(${PFX}c\\)  user root" "$TMP/typescript"
	grep -Eq "^      [0-9]+ \\(pidkill\\)  not signaled \\(pidkill itself\\)" \
		"$TMP/typescript"
	grep -q 'Send USR1 to the 1 process of this tree?' "$TMP/typescript"
	[ "$(log_count "$TMP/c.log" 10)" -eq 0 ]
}

@test "interactive_on_an_ancestor_asks_about_what_it_started_only" {
	local answer cmd
	for answer in n y; do
		rm -f "$TMP/answers" "$TMP/c.log" "$TMP/c.ready" "$TMP/typescript"
		printf -v cmd '%q --name %q --log %q --ready %q </dev/null & ' \
			"$CATCHER" "${PFX}c" "$TMP/c.log" "$TMP/c.ready"
		printf -v cmd '%swhile [ ! -e %q ]; do sleep 0.01; done; ' \
			"$cmd" "$TMP/c.ready"
		printf -v cmd '%s%q -I --tree -USR1 $$; echo $? >%q; kill $!' \
			"$cmd" "$PIDKILL" "$TMP/pidkill.status"
		under_script "$cmd"
		answer "$answer"
		prompt_end
		grep -q 'is not signaled (an ancestor of pidkill), but what it started is:' \
			"$TMP/typescript"
		grep -Eq "^ +[0-9]+ \\(${PFX}c\\)" "$TMP/typescript"
		grep -q 'Send USR1 to the 1 process of this tree?' "$TMP/typescript"
		grep -Eq "^ +[0-9]+ \\(pidkill\\)  not signaled \\(pidkill itself\\)" \
			"$TMP/typescript"
		wait_log "$TMP/c.log" '^signo=18 '
		if [ "$answer" = y ]; then
			[ "$status" -eq 0 ]
			[ "$(log_count "$TMP/c.log" 10)" -eq 1 ]
		else
			[ "$status" -eq 1 ]
			[ "$(log_count "$TMP/c.log" 10)" -eq 0 ]
		fi
	done
}

# ask_on_served_pty: pidkill -I --tree -USR1 $ROOT, on the pty that node
# 0.1 serves (answering y); what it showed is in $TMP/tree/0.1.out
ask_on_served_pty() {
	local pty
	read -r pty <"$TMP/tree/0.1.pty"
	run timeout -s KILL 20 setsid -w bash -c \
		'exec <"$1" >"$1" 2>&1; "$2" -I --tree -USR1 "$3"; echo $? >"$4"' \
		- "$pty" "$PIDKILL" "$ROOT" "$TMP/pidkill.status"
	cat "$TMP/tree/0.1.out"
	[ "$status" -eq 0 ]
	[ "$(cat "$TMP/pidkill.status")" -eq 0 ]
}

# server_left_out FLAGS: node 0.1 (with FLAGS) holds the master of the pty
# pidkill asks on, and answers y; held with the tree, it would never show
# the question.  It is listed as not signaled, and left running
server_left_out() {
	local node
	start_tree 0 0.0 "0.1:$1" 0.1.0
	ask_on_served_pty
	grep -q 'Send USR1 to the 3 processes of this tree?' "$TMP/tree/0.1.out"
	grep -Eq "^ +$(node_pid 0.1.0) \\(${PFX}0.1.0\\)" "$TMP/tree/0.1.out"
	grep -Eq "^ +$(node_pid 0.1) \\(${PFX}0.1\\)  not signaled \\(serving the terminal pidkill asks on\\)" \
		"$TMP/tree/0.1.out"
	for node in 0 0.0 0.1.0; do
		got_then_cont "$node" 10
	done
	[ ! -s "$TMP/tree/0.1.log" ]
	state_in "$(node_pid 0.1)"
	[ "$REPLY" = S ] || [ "$REPLY" = Z ]	# a leader that exited
	[ "$(cat /proc/"$(node_pid 0.1)"/task/*/status | grep -c '^State:.*T')" -eq 0 ]
}

@test "interactive_leaves_the_server_of_its_terminal_running_and_unsignaled" {
	server_left_out t
}

@test "interactive_finds_the_server_of_its_terminal_in_a_thread_whose_leader_exited" {
	server_left_out tL
}

# a member tracing the terminal's server (strace -p): stopped, it would
# keep the server stopped at its next system call, and the question unseen
@test "interactive_leaves_a_tracer_of_its_terminals_server_running" {
	command -v strace >/dev/null || skip "no strace"
	local i server tracer
	mkdir -p "$TMP/tree"
	bash -c '"$1" --dir "$2" --prefix "$3" 0 0.1:t </dev/null >/dev/null 2>&1 &
		while [ ! -e "$2/0.pid" ]; do sleep 0.01; done
		read -r s <"$2/0.1.pid"
		strace -o /dev/null -p "$s" 2>/dev/null &
		echo $! >"$2/strace.pid"
		wait' - "$FORKER" "$TMP/tree" "$PFX" </dev/null >/dev/null 2>&1 &
	ROOT=$!
	STARTED+=("$ROOT")
	for ((i = 0; i < 1000; i++)); do
		[ -s "$TMP/tree/strace.pid" ] && break
		sleep 0.01
	done
	tracer=$(cat "$TMP/tree/strace.pid")
	STARTED+=("$tracer")
	server=$(node_pid 0.1)
	for ((i = 0; i < 1000; i++)); do
		grep -q "^TracerPid:[[:space:]]*$tracer\$" "/proc/$server/status" && break
		sleep 0.01
	done
	ask_on_served_pty
	grep -Eq "^ +$tracer \\(strace\\)  not signaled \\(tracing the server of the terminal pidkill asks on\\)" \
		"$TMP/tree/0.1.out"
	grep -Eq "^ +$server \\(${PFX}0.1\\)  not signaled \\(serving the terminal pidkill asks on\\)" \
		"$TMP/tree/0.1.out"
	got_then_cont 0 10
	[ ! -s "$TMP/tree/0.1.log" ]
	state_in "$tracer"
	[ "$REPLY" = S ] || [ "$REPLY" = R ]
}

# run as nobody, the tree of root's process that started one of nobody's,
# which started one of root's, which started one of nobody's: root's
# cannot be stopped nor signaled, and what they started is still asked
# about before anything is sent to it, each under its parent
@test "interactive_asks_about_what_members_it_cannot_signal_started" {
	local answer cmd node
	nobody_pidkill
	start_tree 0 0.0:N 0.0.0 0.0.0.0:N
	chmod 755 "$TMP" "$TMP/tree"
	for answer in n y; do
		rm -f "$TMP/answers" "$TMP/typescript" "$TMP/pidkill.status"
		printf -v cmd '%q ' setpriv --reuid=65534 --regid=65534 \
			--clear-groups "$NOBODY_PIDKILL" -I --tree -USR1 "$ROOT"
		printf -v cmd '%s; echo $? >%q' "$cmd" "$TMP/pidkill.status"
		under_script "$cmd"
		answer "$answer"
		prompt_end
		grep -q 'is not signaled (permission denied), but what it started is:' \
			"$TMP/typescript"
		grep -Eq "^    $(node_pid 0.0) \\(${PFX}0.0\\)  user nobody" "$TMP/typescript"
		grep -Eq "^      $(node_pid 0.0.0) \\(${PFX}0.0.0\\)  not signaled \\(permission denied\\)" \
			"$TMP/typescript"
		grep -Eq "^        $(node_pid 0.0.0.0) \\(${PFX}0.0.0.0\\)  user nobody" \
			"$TMP/typescript"
		grep -q 'Send USR1 to the 2 processes of this tree?' "$TMP/typescript"
		for node in 0.0 0.0.0.0; do
			if [ "$answer" = n ]; then
				# held while asked, continued, and nothing else
				wait_log "$(node_log "$node")" '^signo=18 '
				[ "$(wc -l <"$(node_log "$node")")" -eq 1 ]
				: >"$(node_log "$node")"
			else
				got_then_cont "$node" 10
			fi
		done
		if [ "$answer" = n ]; then
			[ "$status" -eq 1 ]
		else
			[ "$status" -eq 0 ]
		fi
		[ ! -s "$(node_log 0)" ]
		[ ! -s "$(node_log 0.0.0)" ]
	done
	none_stopped
}

# a y typed before the question was shown is no answer to it
@test "interactive_answer_typed_ahead_of_the_question_is_discarded" {
	local cmd node
	start_tree 0 0.0
	printf -v cmd 'sleep 0.5; %q -I --tree -USR1 %q; echo $? >%q' \
		"$PIDKILL" "$ROOT" "$TMP/pidkill.status"
	under_script "$cmd"
	printf 'y\n' >&"$ANSWERS"
	answer n
	prompt_end
	[ "$status" -eq 1 ]
	grep -q 'Send USR1 to the 2 processes of this tree?' "$TMP/typescript"
	for node in 0 0.0; do
		wait_log "$(node_log "$node")" '^signo=18 '
		[ "$(wc -l <"$(node_log "$node")")" -eq 1 ]
	done
	none_stopped
}

@test "interrupted_at_the_question_continues_the_tree_and_ends_by_sigint" {
	env --default-signal=INT true 2>/dev/null ||
		skip "env has no --default-signal (coreutils 8.31)"
	local node pk_pid
	start_tree 0 0.0 0.1
	prompt_start --tree -USR1 "$ROOT"
	wait_question
	wait_state "$(node_pid 0.1)" T
	pk_pid=$(cat "$TMP/pidkill.pid")
	kill -INT "$pk_pid"
	# it ends at once, not when the question is answered
	wait_file "$TMP/pidkill.status"
	prompt_end
	[ "$status" -eq 130 ]
	for node in 0 0.0 0.1; do
		wait_log "$(node_log "$node")" '^signo=18 '
		[ "$(log_count "$(node_log "$node")" 10)" -eq 0 ]
	done
	none_stopped
}

# ---------------------------------------------------------------------
# Bad input: exit 2, one line naming both, nothing held or sent

@test "tree_refuses_scopes_and_thread_targets_it_cannot_mean" {
	local args
	start_tree 0 0.0
	while IFS='|' read -r named args; do
		# shellcheck disable=SC2086  # the words of the case
		pk --tree -USR1 $args
		[ "$status" -eq 2 ]
		[ -z "$output" ]
		[ "${#stderr_lines[@]}" -eq 1 ]
		[[ $stderr == *--tree* ]]
		[[ $stderr == *"$named"* ]]
	done <<-EOF
		--scope=pgroup|--scope=pgroup $ROOT
		--scope=thread|--scope=thread $ROOT
		/proc/$ROOT/task/$ROOT|/proc/$ROOT/task/$ROOT
	EOF
	assert_quiet "$(node_log 0)"
	assert_quiet "$(node_log 0.0)"
	none_stopped
}

# A signal that would end pidkill by default ends it only after it has
# continued the tree: QUIT from the keyboard; and PIPE from a warning
# written to a reader that has gone, once the tree is continued
@test "quit_or_a_closed_pipe_while_holding_leaves_no_member_stopped" {
	local pk_pid reader
	start_tree 0 0.0:v 0.1 0.1.0
	# a background job would ignore SIGQUIT: as from a terminal, it is not
	signal_while_holding 3 "$HELPERS/sigdefault" 3
	[ "$status" -eq $((128 + 3)) ]
	continued_unsignaled

	# the warning about the member that does not stop goes to a pipe
	# whose reader has exited: written once the tree is continued (what
	# reads it may be a member), it ends pidkill only then
	mkfifo "$TMP/pipe"
	"$PIDKILL" --tree -USR1 --verbose "$ROOT" 2>"$TMP/pipe" &
	pk_pid=$!
	STARTED+=("$pk_pid")
	exec {reader}<"$TMP/pipe"
	exec {reader}<&-
	status=0
	wait "$pk_pid" || status=$?
	[ "$status" -eq $((128 + 13)) ]
	sleep 0.2
	none_stopped
	# signaled once each, by this run
	[ "$(log_count "$(node_log 0)" 10)" -eq 1 ]
	[ "$(log_count "$(node_log 0.1.0)" 10)" -eq 1 ]
}

# So does every other signal whose default action would end it: a core
# dump (ABRT, SYS), a real-time signal, PWR, and 32, which the C library
# keeps for its threads.  (0.0 never stops: pidkill holds the rest for
# 3 s, waiting to see it stopped.)
@test "any_signal_that_would_end_pidkill_while_holding_leaves_no_member_stopped" {
	local sig num
	start_tree 0 0.0:v 0.1 0.1.0
	for sig in PWR RTMIN+3 ABRT SYS 32; do
		if [[ $sig == [0-9]* ]]; then
			num=$sig
		else
			num=$(kill -l "${sig%%+*}")
			[[ $sig == *+* ]] && num=$((num + ${sig#*+}))
		fi
		# no core file; the signal at its default action (make starts
		# its commands ignoring 32 and 33)
		signal_while_holding "$num" bash -c 'ulimit -c 0; exec "$@"' \
			bash "$HELPERS/sigdefault" "$num"
		[ "$status" -eq $((128 + num)) ]
		continued_unsignaled
	done
}

# A signal pidkill was started blocking would not have ended it: it is
# not held, and the run goes on to its end
@test "a_signal_blocked_when_pidkill_started_leaves_the_run_to_its_end" {
	env --block-signal=TERM true 2>/dev/null ||
		skip "env has no --block-signal (coreutils 8.31)"
	local node
	start_tree 0 0.0:v 0.1 0.1.0
	signal_while_holding 15 env --block-signal=TERM
	[ "$status" -eq 0 ]
	for node in 0 0.1 0.1.0; do
		got_then_cont "$node" 10
	done
	none_stopped
}
