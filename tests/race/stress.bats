#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Patterns and groups reach only what this file started: it runs in a
# private PID namespace of its own (tests/helpers/bats-pidns).
# pidns: the whole file
# PID-reuse stress (issue 7, item 1): pidkill never signals a process
# other than the one it selected, while PIDs are recycled constantly.
#
# Everything runs in a private PID namespace (`unshare -pf --mount-proc
# --kill-child`): when its first process exits, the kernel kills whatever
# is left in it, so nothing outlives a test.
#
# The stress sets a pid_max of 400 in the namespace (per namespace on this
# kernel) and runs, for PIDKILL_STRESS_SECONDS (10 by default; longer runs find more):
#   - two workers, each in a loop: start a target (a catcher named
#     `target`, leading a session of its own), pick a target kind (-x
#     name, -f command line, -F pidfile, -L -F locked pidfile, PID@START
#     token, PID:ID token) and a fate, and run pidkill -TERM on it:
#       alive  the target lives while pidkill runs;
#       race   while pidkill runs, the worker kills and reaps the target
#              and at once starts a canary on its PID (ns_last_pid);
#       held   the same, while strace holds pidkill at its first
#              pidfd_open(2): after selection, before pinning;
#       stale  the same, before pidkill starts: the pidfile or the token
#              is stale, and its PID names a canary;
#   - three canary slots: canaries (catchers named canary1..3) that live a
#     few milliseconds each, started on the PID of the target reaped last
#     when they can;
#   - a churn loop that forks without pause, so PIDs wrap around all the
#     time.
# Canaries log every signal they catch, and one that dies of a signal
# before its handlers are installed shows it in its exit status.  No
# canary may get anything, with one documented exception: a PID@START
# token names a process by its start time, whose resolution is a clock
# tick, so a canary that took the target's PID in the target's start tick
# is the target as far as the token can tell (reported, not a failure).
# The test fails if no target's PID was seen reused by a canary.
#
# The harness must not be what signals a stranger: bash reaps its
# children as soon as they exit, so it kills a child only while its start
# time still matches, and only once it sleeps with no signal pending (a
# SIGKILL would discard a pending signal before it is logged).
#
# A plain pidfile (-F without -L) names whatever holds its PID when it is
# read, so in the stress it is narrowed with -s TARGET_PID: each target
# leads its own session and canaries never do.  Reading it again after
# pinning is what keeps the canaries out.
#
# The deterministic variant holds pidkill at the entry of pidfd_open(2)
# with strace, after selection and before pinning, and replaces one
# target by a same-name canary on the same PID, for every target kind.
# tests/cli/race.bats covers one target of each kind but PID:ID; here
# PID:ID alone, then one of three targets replaced, for every kind.
# shellcheck disable=SC2154  # status, output, stderr, lines come from bats

load ../helpers/lib

bats_require_minimum_version 1.5.0

setup() { common_setup; }
teardown() { common_teardown; }

SI_USER=0
# pidfd_open is held this long, in microseconds: time to replace a target
DELAY_US=2000000

# running PID START: PID is still the process that started at START, and
# has not exited.  A shell reaps its children as soon as they exit, so
# their PIDs can be reused before we wait for them: check the start time
# before signaling one that might have exited.
running() {
	local line rest f
	{ read -r line <"/proc/$1/stat"; } 2>/dev/null || return 1
	rest=${line##*) }
	read -ra f <<<"$rest"
	[ "${f[0]}" != Z ] && [ "${f[19]}" = "$2" ]
}

# in_namespace SCRIPT LIMIT: run SCRIPT as PID 1 of a new PID namespace,
# with OUT, CATCHER and PIDKILL in its environment; kill it (and with it
# the namespace) if it runs longer than LIMIT seconds.
in_namespace() {
	local script=$1 limit=$2 ns st i
	OUT="$OUT" CATCHER="$CATCHER" PIDKILL="$PIDKILL" INNER_LIB="$INNER_LIB" \
		unshare -pf --mount-proc --kill-child bash "$script" \
		>"$TMP/ns.log" 2>&1 &
	ns=$!
	STARTED+=("$ns")
	st=$(start_time "$ns" 2>/dev/null) || st=''
	for ((i = 0; i < limit * 10; i++)); do
		running "$ns" "$st" || break
		sleep 0.1
	done
	if [ "$i" -ge $((limit * 10)) ]; then
		echo "the namespace ran longer than $limit s" >&2
		kill -KILL "$ns"
		return 1
	fi
	wait "$ns" || true
	# waited for: its PID may name another process from now on
	unset 'STARTED[-1]'
}

# ---------------------------------------------------------------------
# The stress

write_stress() {
	cat >"$TMP/stress.sh" <<'EOF'
# PID 1 of the namespace.  Environment: OUT, CATCHER, PIDKILL, SECS,
# HOLD (1 if strace can hold pidkill).
set -u
umask 022
CDIR=$OUT/canaries
KINDS=(name full pidfile lockfile pidstart pidid)
FATES=(alive race stale)
[ "$HOLD" = 1 ] && FATES+=(held)

# nap SECONDS: sleep without forking (fd 9 is a FIFO nobody writes to)
nap() { read -r -t "$1" -u 9 _ || :; }

# stat_of PID: its start time in ST and its state in STATE, without forking
stat_of() {
	local line rest f
	ST='' STATE=''
	{ read -r line <"/proc/$1/stat"; } 2>/dev/null || return 1
	rest=${line##*) }
	read -ra f <<<"$rest"
	STATE=${f[0]} ST=${f[19]}
}

# running PID START: PID is still the process started at START, not
# exited.  bash reaps its children as soon as they exit, so the PID of one
# that might have exited must be checked before it is signaled: here
# targets and canaries only exit when we kill them, unless a signal got to
# them before their handlers were installed.
running() {
	stat_of "$1" && [ "$STATE" != Z ] && [ "$ST" = "$2" ]
}

# spawned PIDVAR STARTVAR: after `cmd &`, the PID and start time of cmd
spawned() {
	# shellcheck disable=SC2034  # namerefs
	local -n pid_=$1 st_=$2
	pid_=$!
	if stat_of "$pid_"; then st_=$ST; else st_=gone; fi
}

# wait_ready FILE PID START: FILE appears, unless the process ends first
wait_ready() {
	local i
	for ((i = 0; i < 5000; i++)); do
		[ -e "$1" ] && return 0
		running "$2" "$3" || return 1
		nap 0.002
	done
	return 1
}

source "$INNER_LIB"

# finish PID START: kill the process if it still runs, once what it was
# sent has been logged; its exit status
finish() {
	local i
	if running "$1" "$2"; then
		for ((i = 0; i < 1000; i++)); do
			settled "$1" && break
			nap 0.001
		done
		kill -KILL "$1" 2>/dev/null
	fi
	wait "$1"
}

# canary NAME LOG [PID]: start a canary, on PID if no other fork takes it
# first; sets C and CST (its PID and start time).  canary_ready LOG waits
# until it has installed its handlers.
canary() {
	: >"$2"
	[ -n "${3:-}" ] && echo "$(($3 - 1))" >/proc/sys/kernel/ns_last_pid
	"$CATCHER" --name "$1" --log "$2" --ready "$2.ready" \
		</dev/null >/dev/null 2>&1 &
	spawned C CST
	echo "canary $C $CST $2" >>"$OUT/canaries.list"
}

canary_ready() {
	wait_ready "$1.ready" "$C" "$CST" || :
}

# end_canary LOG: kill the canary $C, and record how it ended (137 when we
# killed it)
end_canary() {
	local rc=0
	finish "$C" "$CST" || rc=$?
	echo "end $1 $rc" >>"$OUT/canaries.list"
}

# churn: fork all the time, leaving the CPUs some time for the rest;
# counts its forks in $OUT/forks
churn() {
	local i n=0
	while [ ! -e "$OUT/stop" ]; do
		for ((i = 0; i < 10; i++)); do
			(:) &
		done
		wait
		n=$((n + 10))
		nap 0.002
	done
	echo "$n" >"$OUT/forks"
}

slot() {
	local n=$1 i=0 f last='' log C CST
	while [ ! -e "$OUT/stop" ]; do
		i=$((i + 1))
		log=$CDIR/s$n.$i.log
		f=''
		{ read -r f <"$OUT/freed"; } 2>/dev/null
		[ "$f" = "$last" ] && f=''
		last=${f:-$last}
		canary "canary$n" "$log" "$f"
		canary_ready "$log"
		nap "0.0$((RANDOM % 3))$((RANDOM % 10))"
		end_canary "$log"
	done
}

# one pidkill run, in the background: PK and PKST.  A held one runs
# under strace, which holds its first pidfd_open(2) for 100 ms.
pidkill_bg() {
	local -a hold=()
	if [ "$fate" = held ]; then
		: >"$trace"
		hold=(strace -f -qq -o "$trace" -e trace=pidfd_open
			-e inject=pidfd_open:delay_enter=100000:when=1)
	fi
	"${hold[@]}" "$PIDKILL" --verbose -TERM "${args[@]}" >>"$wlog" 2>&1 &
	spawned PK PKST
}

# held: until pidkill is held before pinning its first target
held() {
	local i line
	for ((i = 0; i < 2000; i++)); do
		# strace writes the call's entry, without a newline, before
		# the delay
		while read -r line || [ -n "$line" ]; do
			[[ $line == *pidfd_open\(* ]] && return 0
		done <"$trace"
		running "$PK" "$PKST" || return 1
		nap 0.001
	done
	return 1
}

# still_held: that pidfd_open has not returned yet
still_held() {
	local line
	while read -r line || [ -n "$line" ]; do
		[[ $line == *" = "* ]] && return 1
	done <"$trace"
	return 0
}

worker() {
	local w=$1 seq=0 ci=0 kind fate tpid tstart status imp impst reused
	local h1 h2 inwin pf ready k C CST PK PKST log
	local tlog=$OUT/targets.$w.log wlog=$OUT/worker.$w.log
	local trace=$OUT/trace.$w
	local -a opts args
	: >"$tlog"
	pf=$OUT/w$w.pid ready=$OUT/w$w.ready
	while [ ! -e "$OUT/stop" ]; do
		seq=$((seq + 1))
		kind=${KINDS[RANDOM % ${#KINDS[@]}]}
		fate=${FATES[RANDOM % ${#FATES[@]}]}
		rm -f "$pf" "$ready"
		opts=(--setsid --name target --log "$tlog" --ready "$ready")
		case $kind in
		pidfile) opts+=(--pidfile "$pf") ;;
		lockfile) opts+=(--lock-pidfile "$pf") ;;
		esac
		"$CATCHER" "${opts[@]}" </dev/null >/dev/null 2>&1 &
		spawned tpid tstart
		if ! wait_ready "$ready" "$tpid" "$tstart"; then
			# another worker's run got to it first (it is a target)
			finish "$tpid" "$tstart"
			continue
		fi
		case $kind in
		name) args=(-x target) ;;
		full) args=(-f 'catcher --setsid --name [t]arget ') ;;
		pidfile) args=(-s "$tpid" -F "$pf") ;;
		lockfile) args=(-L -F "$pf") ;;
		pidstart) args=("$tpid@$tstart") ;;
		pidid)
			args=("$("$PIDKILL" --dry-run --output TOKEN --noheadings \
				"$tpid" 2>/dev/null)")
			echo "dryrun" >>"$OUT/runs"
			if [[ ${args[0]} != "$tpid:"* ]]; then
				echo "notoken $tpid ${args[0]}" >>"$OUT/runs"
				finish "$tpid" "$tstart"
				continue
			fi
			;;
		esac
		imp='' impst='' reused=0 inwin=0 h1='' h2=''
		echo "== $w.$seq $kind $fate target $tpid@$tstart: ${args[*]}" \
			>>"$wlog"
		case $fate in
		alive)
			pidkill_bg
			wait "$PK"
			status=$?
			finish "$tpid" "$tstart"
			;;
		race | held)
			pidkill_bg
			if [ "$fate" = held ]; then
				held || echo "# $PK was never held" >>"$wlog"
			else
				for ((k = RANDOM % 500; k > 0; k--)); do :; done
			fi
			finish "$tpid" "$tstart"
			echo "$tpid" >"$OUT/freed"
			ci=$((ci + 1))
			log=$CDIR/w$w.$ci.log
			canary "canary$((RANDOM % 3 + 1))" "$log" "$tpid"
			if [ "$fate" = held ]; then
				still_held && inwin=1
			else
				running "$PK" "$PKST" && inwin=1
			fi
			imp=$C impst=$CST
			stat_of "$tpid" && h1=$ST
			canary_ready "$log"
			if [ "$C" = "$PK" ]; then
				# pidkill had exited; the canary took its PID, and
				# `wait $PK` would wait for the canary
				status=lost
			else
				wait "$PK"
				status=$?
			fi
			end_canary "$log"
			;;
		stale)
			finish "$tpid" "$tstart"
			echo "$tpid" >"$OUT/freed"
			ci=$((ci + 1))
			log=$CDIR/w$w.$ci.log
			canary "canary$((RANDOM % 3 + 1))" "$log" "$tpid"
			canary_ready "$log"
			imp=$C impst=$CST
			stat_of "$tpid" && h1=$ST
			pidkill_bg
			wait "$PK"
			status=$?
			stat_of "$tpid" && h2=$ST
			end_canary "$log"
			;;
		esac
		# the target's PID was seen naming another process
		if [ "$imp" = "$tpid" ] || [ -n "$h1$h2" ]; then
			reused=1
		fi
		echo "run $w $seq $kind $fate $PK $tpid $tstart $status" \
			"${imp:--} ${impst:--} $reused ${h1:--} ${h2:--} $inwin" \
			>>"$OUT/runs"
	done
}

echo 400 >/proc/sys/kernel/pid_max 2>/dev/null
read -r max </proc/sys/kernel/pid_max
if [ "$max" != 400 ]; then
	echo "skip=cannot set pid_max to 400 in a PID namespace (it is $max)" \
		>"$OUT/result"
	exit 0
fi
mkdir -p "$CDIR"
mkfifo "$OUT/nap"
exec 9<>"$OUT/nap"
: >"$OUT/runs"
: >"$OUT/canaries.list"
churn &
for n in 1 2 3; do
	slot "$n" &
done
for w in 1 2; do
	worker "$w" &
done
nap "$SECS"
: >"$OUT/stop"
wait
echo "done=1" >"$OUT/result"
EOF
}

# The run records (see worker):
# run W SEQ KIND FATE PK TPID TSTART STATUS IMP IMPST REUSED H1 H2 INWIN
# PK: pidkill's PID (strace's for held runs); TPID@TSTART: the target;
# IMP@IMPST: the canary started on its PID; REUSED: TPID seen naming
# another process; H1, H2: start time of what TPID named before and after
# a stale run; INWIN: the canary was started while pidkill ran (for a
# held run: before it pinned anything).
runs() { awk '$1 == "run"' "$OUT/runs"; }

# How each canary that was signaled or died of a signal is explained.
# Prints "legit ..." for a hit by a PID@START token on a canary that took
# the token's PID in the same clock tick, "bug ..." for anything else.
judge_canaries() {
	local log line
	# canary PID START LOG / end LOG RC
	awk '$1 == "canary" { print $2, $3, $4 }' "$OUT/canaries.list" |
		while read -r pid st log; do
			while read -r line; do
				[ -n "$line" ] || continue
				if runs | awk -v p="$pid" -v s="$st" '
					$4 == "pidstart" && $7 == p && $8 == s {
						found = 1 }
					END { exit !found }'; then
					echo "legit canary $pid@$st: $line"
				else
					echo "bug canary $pid@$st ($log) got: $line"
				fi
			done <"$log"
		done
	awk '$1 == "canary" { who[$4] = $2 " " $3 }
		$1 == "end" && $3 != 137 { print who[$2], $3, $2 }' \
		"$OUT/canaries.list" |
		while read -r pid st rc log; do
			if [ "$rc" = 143 ] && runs | awk -v p="$pid" -v s="$st" '
				$4 == "pidstart" && $7 == p && $8 == s { found = 1 }
				END { exit !found }'; then
				echo "legit canary $pid@$st died of SIGTERM"
			else
				echo "bug canary $pid@$st ($log) ended with status $rc"
			fi
		done
}

# Runs whose exit status is wrong whatever else happened: a stale PID:ID
# token or a stale locked pidfile never signals anything; a stale
# PID@START token does only if its PID names a process of the same start
# tick; a held run whose single target was replaced before pinning
# signals nothing; no run ends in a usage or fatal error.  (143: another
# run's SIGTERM reached this pidkill, which only a same-tick PID@START
# can do; lost: see worker.)
judge_runs() {
	runs | awk '
	$9 != 0 && $9 != 1 && $9 != 143 && $9 != "lost" {
		print "bug exit status:", $0 }
	$5 == "stale" && $9 == 0 && ($4 == "pidid" || $4 == "lockfile") {
		print "bug stale token or lock accepted:", $0 }
	$5 == "stale" && $9 == 0 && $4 == "pidstart" {
		if ($13 == $8 || $14 == $8) print "legit same-tick", $0
		else print "bug stale PID@START accepted:", $0 }
	$5 == "held" && $15 && $10 == $7 && $9 == 0 && $4 ~ /^pid|file$/ {
		if ($4 == "pidstart" && $11 == $8) print "legit same-tick", $0
		else print "bug replaced target accepted:", $0 }'
}

# bug_pids: from verdicts, the PIDs of the canaries, pidkill runs and
# targets involved
bug_pids() {
	awk '$2 == "canary" { split($3, a, "@"); print a[1]
		for (i = 4; i <= NF; i++)
			if ($i ~ /^pid=/) print substr($i, 5) }
	$2 != "canary" { for (i = 1; i <= NF; i++)
			if ($i == "run") print $(i + 5), $(i + 6) }'
}

# show_runs PID...: the pidkill runs whose pidkill or target had one of
# these PIDs, with what pidkill said
show_runs() {
	local pid id
	for pid in "$@"; do
		runs | awk -v p="$pid" '$6 == p || $7 == p { print $2 "." $3 }'
	done | sort -u | while read -r id; do
		awk -v id="$id" '$1 == "==" { show = ($2 == id) } show' \
			"$OUT/worker.${id%%.*}.log"
	done
}

@test "stress_recycled_pids_never_reach_a_canary" {
	require_pid_namespace
	local secs=${PIDKILL_STRESS_SECONDS:-10}
	write_stress
	OUT="$TMP/out"
	mkdir "$OUT"
	local hold=0
	strace -qq -o /dev/null true 2>/dev/null && hold=1
	SECS=$secs HOLD=$hold in_namespace "$TMP/stress.sh" $((secs + 60))
	# bash reports each job it killed; the rest is worth seeing
	echo "--- namespace" && grep -v ' Killed  ' "$TMP/ns.log" || true
	local reason
	reason=$(sed -n 's/^skip=//p' "$OUT/result")
	[ -z "$reason" ] || skip "$reason"
	grep -q '^done=1' "$OUT/result"

	local verdicts nruns reuses exact inwin held sametick
	verdicts=$(judge_canaries && judge_runs)
	nruns=$(runs | wc -l)
	reuses=$(runs | awk '{ n += $12 } END { print n + 0 }')
	exact=$(runs | awk '$10 == $7 { n++ } END { print n + 0 }')
	inwin=$(runs | awk '$10 == $7 && $15 { n++ } END { print n + 0 }')
	held=$(runs | awk '$5 == "held" && $10 == $7 && $15 { n++ }
		END { print n + 0 }')
	sametick=$(runs | awk '$10 == $7 && $11 == $8 { n++ }
		END { print n + 0 }')
	{
		echo "# stress ${secs}s: $nruns pidkill runs" \
			"(+$(grep -c '^dryrun' "$OUT/runs") --dry-run for PID:ID" \
			"tokens), $(grep -c '^canary' "$OUT/canaries.list") canaries," \
			"$(cat "$OUT/forks") forks to churn PIDs (pid_max 400)"
		echo "# PID reuses: $reuses target PIDs seen naming another" \
			"process; $exact taken by a canary: $inwin while pidkill" \
			"ran ($held between its selection and its pinning, held" \
			"by strace), $sametick in the target's start tick;" \
			"pidkill said 'its PID now names another process'" \
			"$(cat "$OUT"/worker.*.log |
				grep -c 'its PID now names another process') times"
		echo "# signals: $(cat "$OUT"/targets.*.log | wc -l) caught by" \
			"targets; same-tick PID@START hits on canaries:" \
			"$(grep -c '^legit canary' <<<"$verdicts")," \
			"PID@START runs that signaled a same-tick canary:" \
			"$(grep -c '^legit same-tick' <<<"$verdicts")"
		echo "# exit statuses by kind and fate:"
		runs | awk '{ n[$4 " " $5 "/" $9]++ }
			END { for (k in n) print k "=" n[k] }' | sort |
			awk '$1 != kind { if (line) print line
					kind = $1; line = "#   " kind ":" }
				{ line = line " " $2 }
				END { print line }'
		grep '^legit' <<<"$verdicts" | sed 's/^/#   /'
	} >&3

	if grep '^bug' <<<"$verdicts"; then
		echo "--- the runs involved"
		# shellcheck disable=SC2046  # one word per PID
		show_runs $(grep '^bug' <<<"$verdicts" | bug_pids)
		false
	fi
	# the stress proved nothing if no PID was recycled under pidkill
	[ "$reuses" -gt 0 ]
	[ "$exact" -gt 0 ]
}

# ---------------------------------------------------------------------
# Deterministic: one target is replaced between selection and pinning

# The script run as PID 1 of the namespace.  Environment: OUT, CATCHER,
# PIDKILL, DELAY_US, KIND (name, full, pidfile, lockfile, pidstart,
# pidid), N (how many targets), R (which one is replaced, 1..N).
# Writes key=value lines to $OUT/result.
write_replace() {
	cat >"$TMP/replace.sh" <<'EOF'
set -u
umask 022
source "$INNER_LIB"

args=()
case $KIND in
name) args=(-x victim) ;;
full) args=(-f "catcher --name [v]ictim ") ;;
lockfile) args=(-L) ;;
esac
for ((i = 1; i <= N; i++)); do
	case $KIND in
	pidfile) start "$OUT/victim$i.log" --pidfile "$OUT/victim$i.pid" ;;
	lockfile) start "$OUT/victim$i.log" --lock-pidfile "$OUT/victim$i.pid" ;;
	*) start "$OUT/victim$i.log" ;;
	esac
	V[i]=$pid
	result "victim$i" "$pid"
	case $KIND in
	pidfile | lockfile) args+=(-F "$OUT/victim$i.pid") ;;
	pidstart) args+=("$pid@$(start_time "$pid")") ;;
	pidid)
		tok=$("$PIDKILL" --dry-run --output TOKEN --noheadings "$pid")
		result "token$i" "$tok"
		args+=("$tok")
		;;
	esac
done
result victim_start "$(start_time "${V[R]}")"
# the impostor must start in a later clock tick than the victim: a start
# time is all a scan can record of what it selected
sleep 0.2

case $KIND in
name | full)
	# a scan pins every process before reading any: strace holds the
	# reading of the Rth victim, pinned, and the impostor is in place
	# before it is read
	hold=(-e trace=openat -P "/proc/${V[R]}/stat"
		-e inject=openat:delay_enter="$DELAY_US":when=1)
	held="\"/proc/${V[R]}/stat\"" ;;
*)
	# strace holds the first pidfd_open only: the impostor is in place
	# before pidkill pins any target
	hold=(-e trace=pidfd_open
		-e inject=pidfd_open:delay_enter="$DELAY_US":when=1)
	held="pidfd_open(" ;;
esac
strace -f -qq -o "$OUT/trace" "${hold[@]}" \
	"$PIDKILL" --verbose -USR1 "${args[@]}" \
	>"$OUT/stdout" 2>"$OUT/stderr" &
tracer=$!

wait_held
impostor_for "${V[R]}"
note_still_held
wait "$tracer"
result status "$?"

V[R]=$pid
settle "${V[@]}"
EOF
}

# replace KIND N R: N targets of KIND; the Rth is replaced while pidkill
# is held before pinning it (or, for a scan, pinned before reading it)
replace() {
	require_pid_namespace
	require_strace
	write_replace
	OUT="$TMP/out"
	mkdir "$OUT"
	KIND=$1 N=$2 R=$3
	KIND=$KIND N=$N R=$R DELAY_US=$DELAY_US \
		in_namespace "$TMP/replace.sh" 60
	echo "--- result" && cat "$OUT/result"
	echo "--- pidkill stdout" && cat "$OUT/stdout"
	echo "--- pidkill stderr" && cat "$OUT/stderr"
	echo "--- trace" && cat "$OUT/trace"
	echo "--- namespace" && cat "$TMP/ns.log"
}

result() {
	sed -n "s/^$1=//p" "$OUT/result"
}

# the impostor holds the replaced victim's PID, started in a later clock
# tick, while pidkill was still held before its first pidfd_open
assert_replaced() {
	local victim
	victim=$(result "victim$R")
	[ "$(result pinning)" = yes ]
	[ "$(result impostor)" = "$victim" ] || {
		echo "could not make the impostor reuse PID $victim" >&2
		return 1
	}
	[ "$(result impostor_start)" != "$(result victim_start)" ]
	[ "$(result pidkill_waiting)" = 0 ]
}

# pidkill named the replaced PID as gone (or, for a token, its identity
# as changed) and the impostor got nothing
assert_impostor_spared() {
	assert_quiet "$OUT/impostor.log"
	grep -Eq "(^|[^0-9])$(result "victim$R")([^0-9]|$).*(gone|identity changed)" \
		"$OUT/stderr"
}

# the other victims got SIGUSR1 from pidkill, and nothing else
assert_others_signaled() {
	local i
	for ((i = 1; i <= N; i++)); do
		[ "$i" = "$R" ] && continue
		wait_log "$OUT/victim$i.log" "^signo=10 code=$SI_USER "
		[ "$(wc -l <"$OUT/victim$i.log")" = 1 ]
	done
}

# replace_one_of_three KIND: the middle one of three targets is replaced;
# the other two are signaled, the impostor is not, and pidkill exits 0
replace_one_of_three() {
	replace "$1" 3 2
	require_pidfs_tokens
	assert_replaced
	assert_impostor_spared
	assert_others_signaled
	[ "$(result status)" = 0 ]
}

# with pidid targets, TOKEN gave PID:ID forms (it gives PID@START without
# pidfs)
require_pidfs_tokens() {
	[ "$KIND" = pidid ] || return 0
	[[ $(result token1) == "$(result victim1):"* ]] ||
		skip "no pidfs ids here: TOKEN is $(result token1)"
}

@test "refuses_reused_pid_named_by_pid_id_token" {
	replace pidid 1 1
	require_pidfs_tokens
	assert_replaced
	assert_impostor_spared
	[ "$(result status)" = 1 ]
}

@test "spares_a_same_name_impostor_among_targets_selected_by_name" {
	replace_one_of_three name
}

@test "spares_a_same_name_impostor_among_targets_selected_by_full_command_line" {
	replace_one_of_three full
}

@test "spares_a_same_name_impostor_among_targets_read_from_pidfiles" {
	replace_one_of_three pidfile
}

@test "spares_a_same_name_impostor_among_targets_read_from_locked_pidfiles" {
	replace_one_of_three lockfile
}

@test "spares_a_same_name_impostor_among_targets_named_by_pid_at_start_tokens" {
	replace_one_of_three pidstart
}

@test "spares_a_same_name_impostor_among_targets_named_by_pid_id_tokens" {
	replace_one_of_three pidid
}
