# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers for the bats suites: start catcher processes, wait for
# what they log, and clean up every process a test started, by its pid.
# shellcheck shell=bash

: "${PIDKILL:?PIDKILL must name the pidkill binary}"
: "${HELPERS:?HELPERS must name the tests/helpers build directory}"
CATCHER="$HELPERS/catcher"

# shellcheck source=proc.bash
source "${BASH_SOURCE[0]%/*}/proc.bash"

# for the scripts run as PID 1 of a private PID namespace
INNER_LIB="${BASH_SOURCE[0]%/*}/inner.bash"

# PIDs started by this test, killed in teardown
STARTED=()

common_setup() {
	STARTED=()
	if [ -n "${MKTEMP_BUILTIN-}" ]; then
		mktemp -d -v TMP "${BATS_TMPDIR:-/tmp}/pidkill.XXXXXX" >/dev/null
	else
		TMP=$(mktemp -d "${BATS_TMPDIR:-/tmp}/pidkill.XXXXXX")
	fi
}

common_teardown() {
	local pid
	for pid in "${STARTED[@]}"; do
		kill -KILL "$pid" 2>/dev/null || true
	done
	for pid in "${STARTED[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$TMP"
}

# forget_pid PID: drop a process a test has reaped itself from STARTED, so
# that teardown never kills whatever process reuses its PID
forget_pid() {
	local keep=() pid
	for pid in "${STARTED[@]}"; do
		[ "$pid" = "$1" ] || keep+=("$pid")
	done
	STARTED=("${keep[@]}")
}

# si_code values the catcher logs
SI_USER=0
SI_QUEUE=-1

# Print what the last run saw (bats shows it only when a test fails)
show_run() {
	printf 'status=%s\nstdout=%s\nstderr=%s\n' "$status" "$output" \
		"${stderr-}"
}

# pk ARGS...: run pidkill, stdout in $output and stderr in $stderr
pk() {
	run --separate-stderr "$PIDKILL" "$@"
	show_run
}

# got SIGNO LOG: the catcher logged SIGNO sent by a process (SI_USER)
got() {
	wait_log "$2" "^signo=$1 code=$SI_USER pid=[0-9]+ "
}

# start_catcher NAME [catcher options...]
# Starts a catcher named NAME logging to $TMP/NAME.log; sets CPID and CLOG.
start_catcher() {
	local name=$1
	shift
	CLOG="$TMP/$name.$RANDOM.log"
	local ready="$CLOG.ready"
	: >"$CLOG"
	"$CATCHER" --name "$name" --log "$CLOG" --ready "$ready" "$@" \
		</dev/null >/dev/null 2>&1 &
	CPID=$!
	STARTED+=("$CPID")
	wait_file "$ready"
	CREADY=$ready
}

# The thread IDs a catcher started with --threads wrote
catcher_tids() {
	sed -n 's/^tids=//p' "$1" | tr ',' ' '
}

# wait_log LOG REGEX: wait up to ~5 s for a line matching REGEX
wait_log() {
	local i
	for ((i = 0; i < 500; i++)); do
		grep -Eq -- "$2" "$1" && return 0
		nap 0.01
	done
	echo "no line matching '$2' in $1:" >&2
	cat "$1" >&2
	return 1
}

# assert_quiet LOG: nothing was logged, after giving a stray signal time
# to arrive
assert_quiet() {
	nap 0.2
	if [ -s "$1" ]; then
		echo "unexpected signals in $1:" >&2
		cat "$1" >&2
		return 1
	fi
}

# pidfs inode of a process, through a pidfd (empty without pidfs)
pidfs_id() {
	"$HELPERS/pidfs-id" "$1" 2>/dev/null
}

require_root() {
	[ "$(id -u)" = 0 ] || skip "needs root"
}

# gone_pid: a PID that names no process in GONE: start a short process,
# reap it, and check that nothing holds its PID.  It is not added to
# STARTED: once reaped, its PID may be anyone's, and teardown must not
# kill it.
gone_pid() {
	local i
	for ((i = 0; i < 20; i++)); do
		true &
		GONE=$!
		wait "$GONE" || true
		[ ! -e "/proc/$GONE" ] && return 0
	done
	echo "could not find a free PID" >&2
	return 1
}

# require_strace: skip unless strace can trace here
require_strace() {
	command -v strace >/dev/null || skip "strace is not installed"
	strace -qq -o /dev/null true 2>/dev/null ||
		skip "strace cannot trace here (ptrace not permitted)"
}

# require_pid_namespace: skip unless a private PID namespace can be made
# here and the next PID in it chosen through ns_last_pid (root)
# seccomp-run is built only when configure found libseccomp
require_seccomp() {
	[ -x "$HELPERS/seccomp-run" ] ||
		skip "seccomp-run was not built: configure found no libseccomp (libseccomp-dev)"
	"$HELPERS/seccomp-run" pidfd_open=ENOSYS -- true 2>/dev/null ||
		skip "seccomp filters cannot be loaded here"
}

require_pid_namespace() {
	require_root
	[ -w /proc/sys/kernel/ns_last_pid ] ||
		skip "/proc/sys/kernel/ns_last_pid is not writable"
	unshare -pf --mount-proc --kill-child true 2>/dev/null ||
		skip "cannot create a PID namespace here"
}

# FEW_FDS: a bash -c script that runs "$@" with fds 0-2 only, under a
# RLIMIT_NOFILE of 6, which leaves room to pin one process: a scan then
# cannot pin every process before reading it (it gives up at the second),
# and reads first, then pins its matches and reads them again.
# shellcheck disable=SC2016  # expanded by that bash
FEW_FDS='for fd in /proc/$$/fd/*; do fd=${fd##*/}
	[ "$fd" -le 2 ] || eval "exec $fd>&-"; done
ulimit -n 6 && exec "$@"'

# A process name no other test (or test file running alongside) uses
uniq_name() {
	echo "$1$RANDOM$RANDOM"
}

# read_state PID: STATE is the state letter from /proc/PID/stat, or
# "gone"; read with builtins, since tests call it for hundreds of PIDs
read_state() {
	local stat
	if ! { read -r stat <"/proc/$1/stat"; } 2>/dev/null || [ -z "$stat" ]; then
		STATE=gone
		return 0
	fi
	stat=${stat##*) }
	STATE=${stat%% *}
}

# state_of PID: the state letter from /proc/PID/stat, or "gone"
state_of() {
	local STATE
	read_state "$1"
	echo "$STATE"
}

# not_running PID: the process has exited (a zombie, or reaped)
not_running() {
	local STATE
	read_state "$1"
	case $STATE in
	gone | Z | X) return 0 ;;
	esac
	echo "$1 is still running (state $STATE)" >&2
	return 1
}

# running PID: the process exists and has not exited
running() {
	local STATE
	read_state "$1"
	case $STATE in
	gone | Z | X)
		echo "$1 is not running (state $STATE)" >&2
		return 1
		;;
	esac
}

# log_count LOG [SIGNO]: how many signals (of SIGNO) a catcher logged
log_count() {
	grep -c "^signo=${2:-[0-9]*} " "$1" || true
}

# pk_fds N ARGS...: run pidkill as pk, with only fds 0-2 open and soft and
# hard RLIMIT_NOFILE N (root without CAP_SYS_RESOURCE cannot raise them
# again: pidkill has fewer fds than targets and works in batches)
pk_fds() {
	local n=$1
	shift
	# shellcheck disable=SC2016  # expanded by bash -c, not here
	run --separate-stderr bash -c '
		for fd in /proc/$$/fd/*; do fd=${fd##*/}
			[ "$fd" -le 2 ] || eval "exec $fd>&-"; done
		ulimit -n "$1" && shift && exec "$@"' bash "$n" "$PIDKILL" "$@"
	show_run
}

# nobody_pidkill: a pidkill binary the nobody user can run, in
# NOBODY_PIDKILL
nobody_pidkill() {
	NOBODY_PIDKILL=$PIDKILL
	if ! setpriv --reuid=65534 --regid=65534 --clear-groups \
		test -x "$PIDKILL" 2>/dev/null; then
		local dir
		dir=$(mktemp -d "$TMP/bin.XXXXXX")
		cp "$PIDKILL" "$dir/pidkill"
		chmod 755 "$TMP" "$dir" "$dir/pidkill"
		NOBODY_PIDKILL=$dir/pidkill
	fi
}

# usage_case NAMED ARGS...: pidkill ARGS is a usage error: exit 2, nothing on
# stdout, one line on stderr, a pidkill message that contains NAMED; sets
# output and stderr, as bats's run does.  It does not ask the catcher: a
# test of many such cases (one per comment) asks it once, at its end, so
# that each case costs one pidkill run, not a test's start-up.  On a
# failure it says which case, and what pidkill printed.
usage_case() {
	local named=$1 st=0
	shift
	timeout 10 "$PIDKILL" "$@" >"$TMP/refused.out" 2>"$TMP/refused.err" ||
		st=$?
	output='' stderr=''
	IFS= read -r -d '' output <"$TMP/refused.out" || true
	IFS= read -r -d '' stderr <"$TMP/refused.err" || true
	stderr=${stderr%$'\n'}
	if [ "$st" -ne 2 ] || [ -n "$output" ] ||
		[[ $stderr != "pidkill: "* ]] || [[ $stderr == *$'\n'* ]] ||
		[[ $stderr != *"$named"* ]]; then
		printf 'usage_case %q: status=%s\nstdout=%s\nstderr=%s\n' \
			"$named" "$st" "$output" "$stderr" >&2
		return 1
	fi
}

# under_script CMD: run the shell command CMD under script(1), on a
# pseudo-terminal, as -I needs; its output goes to $TMP/typescript and
# its input comes from a FIFO, open for writing on fd $ANSWERS until
# closed.  Sets PROMPT_PID.
under_script() {
	mkfifo "$TMP/answers"
	script -qfec "$1" "$TMP/typescript" <"$TMP/answers" \
		>"$TMP/script.out" 2>&1 &
	PROMPT_PID=$!
	STARTED+=("$PROMPT_PID")
	exec {ANSWERS}>"$TMP/answers"
}
