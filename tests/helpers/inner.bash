# SPDX-License-Identifier: GPL-2.0-or-later
# inner.bash - for the scripts that race tests run as PID 1 of a private
# PID namespace (race.bats, report.bats, stress.bats), where writing N-1
# to /proc/sys/kernel/ns_last_pid makes the next fork get PID N.  They
# source it as "$INNER_LIB".  Environment: OUT (a directory), CATCHER.
# shellcheck shell=bash

# shellcheck source=proc.bash
source "${BASH_SOURCE[0]%/*}/proc.bash"

# result KEY VALUE: a line KEY=VALUE in $OUT/result
result() { echo "$1=$2" >>"$OUT/result"; }

# start LOG [OPTIONS]: a catcher named victim logging to LOG; sets pid.
# With $next set, the fork that starts it is the first after
# ns_last_pid=$next-1.
start() {
	local log=$1
	shift
	rm -f "$log" "$log.ready"
	: >"$log"
	[ -n "${next:-}" ] && echo "$((next - 1))" >/proc/sys/kernel/ns_last_pid
	"$CATCHER" --name victim --log "$log" --ready "$log.ready" "$@" \
		</dev/null >/dev/null 2>&1 4>&- &
	pid=$!
	wait_file "$log.ready"
}

# impostor_for VICTIM [NAME]: kill VICTIM, reap it, and start a catcher
# named victim (or NAME) that takes its PID (sets pid, notes impostor and
# impostor_start)
impostor_for() {
	local victim=$1 name=${2:-victim} attempt
	kill -KILL "$victim"
	wait "$victim"
	next=$victim
	for ((attempt = 0; attempt < 20; attempt++)); do
		start "$OUT/impostor.log" --name "$name"
		[ "$pid" = "$victim" ] && break
		kill -KILL "$pid"
		wait "$pid"
	done
	result impostor "$pid"
	result impostor_start "$(start_time "$pid")"
}

# wait_held: wait until pidkill, run under strace, is held in the call
# that $held names in $OUT/trace (pinning=yes), and after impostor_for,
# note_still_held notes whether that call was still held
# (pidkill_waiting=0)
wait_held() {
	local i
	for ((i = 0; i < 500; i++)); do
		grep -qF "$held" "$OUT/trace" 2>/dev/null && break
		nap 0.01
	done
	grep -qF "$held" "$OUT/trace" && result pinning yes
}
note_still_held() {
	result pidkill_waiting \
		"$(grep -F "$held" "$OUT/trace" | grep -c '= [0-9-]')"
}

# settled PID: it sleeps with no signal pending, so every signal it was
# sent has been through its handler (SIGKILL would discard a pending one)
settled() {
	local key val pend=0 state=''
	{
		while read -r key val _; do
			case $key in
			State:) state=$val ;;
			SigPnd: | ShdPnd:) [[ $val =~ ^0+$ ]] || pend=1 ;;
			esac
		done <"/proc/$1/status"
	} 2>/dev/null
	[ "$state" = S ] && [ "$pend" = 0 ]
}

# settle PID...: wait, up to 5 s each, until each process has been
# through the handlers of every signal it was sent.  A namespace that
# ends kills everything in it, and a signal still pending dies with its
# process: a script run as PID 1 settles what it asserts on before it
# ends, or a signal sent would look unsent, and a stray one unseen.
settle() {
	local pid i
	for pid in "$@"; do
		for ((i = 0; i < 500; i++)); do
			settled "$pid" && break
			nap 0.01
		done
	done
}
