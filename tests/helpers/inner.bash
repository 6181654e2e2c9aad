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
