#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The differential suite against pkill (issue 13), as TAP.
#
# In a private PID namespace it starts a fixed cast of processes (names,
# owners, groups, sessions, a terminal, a zombie, a stopped process,
# pidfiles in every state and lock kind), runs the same generated command
# line through pkill and pidkill, and compares what each selected and its
# exit status.  Selection is read from -e ("NAME killed (pid N)"), added
# to every command line, and from -c's count; most lines send signal 0.
# The "logged" lines send real signals to catchers (tests/helpers/catcher),
# which log them: there the signal number and payload count too.  The
# "fatal" lines send KILL or STOP to a fresh victim and compare its fate.
#
# Every difference must be listed in tests/compat/intended-differences
# (which says how to write an entry); an unlisted one fails the line and
# prints both selections and exit statuses.
#
# Environment: PIDKILL (the binary under test, default the build's
# src/pidkill), PKILL (default /usr/bin/pkill), HELPERS (the built
# tests/helpers), SRCDIR.  Runs as root only; skips otherwise.
# COMPAT_FILTER=GLOB runs only the command lines matching GLOB.
set -u

here=$(cd "${0%/*}" && pwd)
top=${SRCDIR:-$here/../..}
: "${PIDKILL:=$top/src/pidkill}"
: "${HELPERS:=$top/tests/helpers}"
: "${PKILL:=/usr/bin/pkill}"
: "${DIFFS:=$here/intended-differences}"
: "${MANPAGE:=$top/doc/pidkill.1}"
export PIDKILL HELPERS PKILL DIFFS MANPAGE

skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

if [ "${1-}" != --inner ]; then
	[ "$(id -u)" = 0 ] || skip_all "needs root (owners, locks, a PID namespace)"
	[ -x "$PKILL" ] || skip_all "no pkill at $PKILL"
	"$PKILL" --version 2>/dev/null | grep -q procps-ng ||
		skip_all "$PKILL is not procps-ng's pkill"
	for u in nobody daemon; do
		id "$u" >/dev/null 2>&1 || skip_all "no user $u"
	done
	command -v script >/dev/null || skip_all "no script(1) for a terminal"
	command -v setpriv >/dev/null || skip_all "no setpriv(1)"
	unshare -pf --mount-proc --kill-child true 2>/dev/null ||
		skip_all "cannot create a PID namespace here"
	for f in "$PIDKILL" "$HELPERS/catcher" "$HELPERS/locker"; do
		if [ ! -x "$f" ]; then
			echo "Bail out! $f is not built (make check builds it)"
			exit 1
		fi
	done
	# one locale for both tools, whatever the caller's: pkill matches
	# characters of it, pidkill bytes (an intended difference)
	export LC_ALL=C.UTF-8
	# PID 1 of the namespace leads its own session and process group
	exec unshare -pf --mount-proc --kill-child setsid bash "$0" --inner
fi

# --- from here on: PID 1 of a private PID namespace -----------------------

CATCHER=$HELPERS/catcher
LOCKER=$HELPERS/locker
T=$(mktemp -d /tmp/pidkill-compat.XXXXXX)
chmod 755 "$T"
LOGD=$T/logs # logs and ready files, written by catchers of every owner
PD=$T/run    # pidfiles: root's, mode 0755
W=$T/work    # the tools' output
mkdir -p "$LOGD" "$PD" "$W"
chmod 1777 "$LOGD"
: >"$W/empty-stdin"

declare -A PID=() # cast key -> PID
declare -A KEY=() # PID -> cast key
CATCHERS=()       # keys of the catchers that log (running ones)
STARTED=()        # every PID this script started, killed at the end

cleanup() {
	local p
	for p in "${STARTED[@]}"; do
		kill -KILL "$p" 2>/dev/null
	done
	for p in "${STARTED[@]}"; do
		wait "$p" 2>/dev/null
	done
	rm -rf "$T"
}
trap cleanup EXIT

die() {
	echo "Bail out! $*"
	exit 1
}

exec {NAPFD}<> <(:)
nap() { read -rt 0.01 -u "$NAPFD"; } # sleep 10 ms without a process

wait_for() { # wait_for TEST...: up to ~5 s
	local i
	for ((i = 0; i < 500; i++)); do
		"$@" && return 0
		nap
	done
	return 1
}

state_of() { # state_of PID: the state letter in /proc/PID/stat
	local s
	s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	s=${s##*) }
	echo "${s%% *}"
}
has_state() { [ "$(state_of "$1")" = "$2" ]; }

# C KEY NAME: the catcher command line for KEY, named NAME, in CA
C() {
	CA=("$CATCHER" --name "$2" --log "$LOGD/$1.log" --ready "$LOGD/$1.ready")
	: >"$LOGD/$1.log"
	chmod 666 "$LOGD/$1.log"
	CATCHERS+=("$1")
}

bg() { # bg COMMAND...: start in the background, note its PID
	"$@" </dev/null >/dev/null 2>&1 &
	STARTED+=($!)
}

nogroup=$(id -g nobody)
daemon_gid=$(id -g daemon)

# --- the cast --------------------------------------------------------------
C alpha alpha && bg "${CA[@]}"
C alphabet alphabet && bg "${CA[@]}"
C Alpha Alpha && bg "${CA[@]}"
C beta beta && bg setpriv --reuid=nobody --regid="$nogroup" --clear-groups "${CA[@]}"
C gamma gamma && bg setpriv --reuid=daemon --regid="$daemon_gid" --clear-groups "${CA[@]}"
C mixed mixed && bg setpriv --ruid=nobody --euid=daemon --rgid="$nogroup" \
	--egid="$daemon_gid" --clear-groups "${CA[@]}"
C HUP HUP && bg "${CA[@]}"
C term term && bg "${CA[@]}"
C 7up 7up && bg "${CA[@]}"
C 12345 12345 && bg "${CA[@]}"
C jose 'josé' && bg bash -c 'exec -a "sleeper josé 日本" "$@"' sh "${CA[@]}"
C nihon '日本' && bg "${CA[@]}"
C space 'with space' && bg "${CA[@]}"
C paren 'par) en' && bg "${CA[@]}"
C dash 'x-1234' && bg "${CA[@]}"
C long abcdefghijklmnopq && bg "${CA[@]}"
C pgl pgl && bg "${CA[@]}" --setpgid
# a session and process group of three: sessl and its children
C smem1 smem1 && a1="${CA[*]}"
C smem2 smem2 && a2="${CA[*]}"
C sessl sessl && bg setsid bash -c "$a1 & $a2 & exec ${CA[*]}"
# two processes started in (most likely) the same clock tick
C tie1 tie && a1="${CA[*]}"
C tie2 tie && bg bash -c "$a1 & exec ${CA[*]}"
# a process on a terminal
C ttyp ttyp && bg script -qfec "exec ${CA[*]}" /dev/null
# a zombie (named true) whose parent never reaps it: the child runs true
# once the parent is the catcher, which never reaps, not the shell before
# it, which would
C zparent zparent && bg bash -c "{ until [ \"\$(cat /proc/\$\$/comm)\" = zparent ]; do
	sleep 0.01; done; exec /bin/true; } & exec ${CA[*]}"
# a stopped process
C stopped stopped && bg "${CA[@]}"
# pidfile holders: pfd has no lock; lk* lock their pidfile
C pfd pfd && bg "${CA[@]}"
C lkfcntl lkfcntl && bg "$LOCKER" fcntl "$PD/fcntl.pid" -- "${CA[@]}"
C lkofd lkofd && bg "$LOCKER" ofd "$PD/ofd.pid" -- "${CA[@]}"
C lkflock lkflock && bg "$LOCKER" flock "$PD/flock.pid" -- "${CA[@]}"

ready() { # ready KEY: read KEY's PID from its ready file
	local line
	wait_for test -e "$LOGD/$1.ready" || die "cast member $1 never got ready"
	line=$(cat "$LOGD/$1.ready")
	PID[$1]=${line#pid=}
	KEY[${PID[$1]}]=$1
}
for k in "${CATCHERS[@]}"; do
	ready "$k"
done
STARTED+=("${PID[@]}")

# a pidfile locked by another process than the one it names
C lkother lkother && bg "$LOCKER" fcntl "$PD/other.pid" "${PID[pfd]}" -- "${CA[@]}"
ready lkother

# the zombie, the script process, the stopped process
has_child() { pgrep -P "$1" >/dev/null; }
wait_for has_child "${PID[zparent]}" || die "no zombie"
PID[zombie]=$(pgrep -P "${PID[zparent]}")
KEY[${PID[zombie]}]=zombie
wait_for has_state "${PID[zombie]}" Z || die "the zombie is not one"
PID[script]=$(ps -o ppid= -p "${PID[ttyp]}" | tr -d ' ')
KEY[${PID[script]}]=script
KEY[1]=init
kill -STOP "${PID[stopped]}"
wait_for has_state "${PID[stopped]}" T || die "could not stop a process"
TTY=$(readlink "/proc/${PID[ttyp]}/fd/0")
TTY=${TTY#/dev/}
case $TTY in pts/*) ;; *) die "ttyp has no terminal ($TTY)" ;; esac
CG=$(sed -n 's/^0:://p' /proc/1/cgroup)

# the locks are taken
for k in fcntl ofd flock other; do
	grep -q "" "$PD/$k.pid" || die "$PD/$k.pid is empty"
done

# pidfiles in every state; PFNAME: the name of the process each names
declare -A PFNAME=()
pidfile() { # pidfile NAME PROCESS-NAME CONTENT
	printf '%b' "$3" >"$PD/$1.pid"
	PFNAME[$1]=$2
}
p=${PID[pfd]}
pidfile valid pfd "$p\n"
pidfile nonl pfd "$p"
pidfile lead pfd "  $p\n"
pidfile trail pfd "$p  \n"
pidfile tab pfd "\t$p\t\n"
pidfile crlf pfd "$p\r\n"
pidfile two pfd "$p\n${PID[alpha]}\n"
pidfile twonl pfd "$p\n\n"
pidfile empty - ""
pidfile blank - "\n"
pidfile garbage - "pfd\n"
pidfile numjunk pfd "${p}x\n"
pidfile zero - "0\n"
pidfile neg - "-1\n"
pidfile plus pfd "+$p\n"
pidfile huge - "99999999999999999999\n"
gone=$(
	/bin/true &
	echo $!
)
wait_for test ! -e "/proc/$gone"
pidfile stale - "$gone\n"
pidfile init bash "1\n"
pidfile zombie true "${PID[zombie]}\n"
pidfile tty ttyp "${PID[ttyp]}\n"
pidfile nobody-own beta "${PID[beta]}\n"
chown nobody "$PD/nobody-own.pid"
pidfile nobody-root alpha "${PID[alpha]}\n"
chown nobody "$PD/nobody-root.pid"
pidfile ro-nobody-root alpha "${PID[alpha]}\n"
chown nobody "$PD/ro-nobody-root.pid"
chmod 444 "$PD/ro-nobody-root.pid"
pidfile ww alpha "${PID[alpha]}\n"
chmod 666 "$PD/ww.pid"
ln -s valid.pid "$PD/link.pid"
PFNAME[link]=pfd
PFNAME[missing]=-
PFNAME[fcntl]=lkfcntl
PFNAME[ofd]=lkofd
PFNAME[flock]=lkflock
PFNAME[other]=pfd
PIDFILES=(valid nonl lead trail tab crlf two twonl empty blank garbage numjunk
	zero neg plus huge stale init zombie tty nobody-own nobody-root
	ro-nobody-root ww link missing fcntl ofd flock other)

RTMAX=$(kill -l RTMAX)

# flush: every running catcher has handled everything sent before
flush() {
	local k last
	for k in "${CATCHERS[@]}"; do
		[ "$k" = stopped ] || kill -s RTMAX "${PID[$k]}"
	done
	for k in "${CATCHERS[@]}"; do
		[ "$k" = stopped ] && continue
		wait_for logged_last "$k" || die "$k never logged signal $RTMAX"
	done
}
logged_last() {
	local lines
	mapfile -t lines <"$LOGD/$1.log"
	[ ${#lines[@]} -gt 0 ] && [[ ${lines[-1]} == "signo=$RTMAX "* ]]
}
# LOGS: the signals each catcher logged since the last call, as
# "key:signo/code/value"
logs() {
	local k l out=() lines
	for k in "${CATCHERS[@]}"; do
		[ "$k" = stopped ] && continue
		mapfile -t lines <"$LOGD/$k.log"
		: >"$LOGD/$k.log"
		for l in "${lines[@]}"; do
			[[ $l == "signo=$RTMAX "* ]] && continue
			[[ $l =~ ^signo=([0-9]+)\ code=(-?[0-9]+)\ .*value=(-?[0-9]+) ]] &&
				out+=("$k:${BASH_REMATCH[1]}/${BASH_REMATCH[2]}/${BASH_REMATCH[3]}")
		done
	done
	LOGS="${out[*]}"
}
flush
logs

echo "# cast (in the namespace):"
ps -eo pid,ppid,pgid,sid,tty,stat,ruser,euser,comm | sed 's/^/#   /'
echo "# pidkill: $PIDKILL"

# --- intended differences --------------------------------------------------
# Stanzas: "id:", one or more "lines:" globs, "differs:" (a kind the
# function allowed below knows) and "man:" (a sentence of doc/pidkill.1)
D_ID=() D_LINES=() D_KIND=() D_MAN=()
n=-1
while IFS= read -r l || [ -n "$l" ]; do
	case $l in
	'#'* | '') ;;
	id:*)
		n=$((n + 1))
		D_ID[n]=${l#id:*[[:space:]]}
		D_LINES[n]=
		D_KIND[n]=
		D_MAN[n]=
		;;
	lines:*) D_LINES[n]+=${l#lines:*[[:space:]]}$'\n' ;;
	differs:*) D_KIND[n]=${l#differs:*[[:space:]]} ;;
	man:*) D_MAN[n]+="${D_MAN[n]:+ }${l#man:*[[:space:]]}" ;;
	*) die "intended-differences: cannot read: $l" ;;
	esac
done <"$DIFFS"
declare -A D_USED=()

# --- the command lines -----------------------------------------------------
LINES=()  # arguments separated by \x1f
MODE=()   # zero, logged or fatal
add() {
	local IFS=$'\x1f'
	LINES+=("$*")
	MODE+=("$ADDMODE")
}
set -f # globs such as -t ? stay words

# A: patterns, alone and with the matching options
ADDMODE=zero
PATTERNS=(alpha Alpha ALPHA alph '^al' 'a$' 'pha$' . '' 'alpha|beta' 'al+pha'
	'be.a' HUP hup term TERM 7up 12345 '^1' 'josé' 'jos.' 'JOSÉ' 'é' '日本' '日'
	'with space' with 'par) en' 'par\) en' 'abcdefghijklmno'
	'abcdefghijklmnop' 'abcdefghijklmnopq' nomatch '[' '(' true catcher
	sleeper 'sleeper jos' smem 'smem[12]' pfd '^lk' tie gamma mixed
	'x*' 'alpha|' '^$')
for m in '' -x -i -f; do
	for p in "${PATTERNS[@]}"; do
		# shellcheck disable=SC2086
		add -0 $m "$p"
	done
done
for m in '-x -i' '-f -x' '-f -i' -n -o --inverse -c '-n -x' '-o -f' '-c -x'; do
	for p in alpha ALPHA '^al' . '' 'josé' 'JOSÉ' '日本' 'with space' tie \
		'sleeper jos' smem 'abcdefghijklmnop' '^$' nomatch; do
		# shellcheck disable=SC2086
		add -0 $m "$p"
	done
done

# B: filters, alone and with patterns
FILTERS=("-u root" "-u 0" "-u nobody" "-u $(id -u nobody)" "-u daemon"
	"-u nobody,daemon" "-u nosuchuser" "-U nobody" "-U root"
	"-U nobody,daemon" "-U daemon" "-G $nogroup" "-G nogroup" "-G 0"
	"-G daemon" "-G nosuchgroup" "-g 0" "-g ${PID[sessl]}"
	"-g ${PID[sessl]},${PID[pgl]}" "-g ${PID[pgl]}" "-g 99999" "-g -1"
	"-s 0" "-s ${PID[sessl]}" "-s 1" "-s -1" "-s 99999" "-s ${PID[ttyp]}"
	"-P ${PID[sessl]}" "-P 1" "-P ${PID[zparent]}" "-P ${PID[script]}"
	"-P ${PID[sessl]},${PID[script]}" "-P 99999" "-P 0"
	"-t $TTY" "-t /dev/$TTY" "-t nosuchtty" "-t ?" "-t $TTY,?"
	"-r Z" "-r T" "-r S" "-r S,Z" "-r R" "-r T,Z"
	"-O 0" "-O 100000" "--older=0"
	"--ns 1" "--ns ${PID[alpha]} --nslist pid" "--ns ${PID[beta]} --nslist net,mnt"
	"--ns 99999" "--ns 1 --nslist uts,ipc,user" "--ns 1 --nslist bogus"
	"--cgroup $CG" "--cgroup /nosuch" "--cgroup $CG,/nosuch"
	"-A" "-A -u root" "-A -g 0" "-q 5" "--euid=nobody" "--uid=root"
	"--group=0" "--pgroup=0" "--session=1" "--parent=1" "--terminal=$TTY"
	"--runstates=Z" "--ignore-ancestors")
i=0
for f in "${FILTERS[@]}"; do
	# shellcheck disable=SC2086
	add -0 $f
	# shellcheck disable=SC2086
	case $((i++ % 4)) in
	0) add -0 $f a ;;
	1) add -0 -x $f alpha ;;
	2) add -0 $f -f catcher ;;
	3) add -0 -i $f '^S' ;;
	esac
done

# C: pidfiles, with -L, patterns and filters
i=0
for pf in "${PIDFILES[@]}"; do
	f=$PD/$pf.pid
	name=${PFNAME[$pf]}
	[ "$name" = - ] && name=pfd
	add -0 -F "$f"
	add -0 -F "$f" -L
	add -0 -F "$f" "$name"
	add -0 -F "$f" nomatch
	add -0 -F "$f" -u nobody
	for k in 0 1; do
		case $(((i * 2 + k) % 10)) in
		0) add -0 --pidfile "$f" ;;
		1) add -0 "--pidfile=$f" -c ;;
		2) add -0 -L -F "$f" ;;
		3) add -0 --logpidfile -F "$f" "$name" ;;
		4) add -0 -F "$f" -x "$name" ;;
		5) add -0 -F "$f" -x alpha ;;
		6) add -0 -F "$f" -u root ;;
		7) add -0 -F "$f" -L -f catcher ;;
		8) add -0 -F "$f" -r S ;;
		9) add -0 -F "$f" -c -i "${name^^}" ;;
		esac
	done
	i=$((i + 1))
done

# D: option orders: -0 (in several spellings) first, between options,
# after the pattern, last.  The bases are lists of units (an option with
# its argument, or a pattern) separated by semicolons.
ORDER_BASES=("-u root;-x;alpha" "-F $PD/valid.pid;pfd" "-f;-i;JOSÉ"
	"-P ${PID[sessl]};smem1" "-x;alpha;-t $TTY" "-n;-u nobody,daemon"
	"-g ${PID[sessl]};-o")
# at: the words of the units of $1, with $2 (words) inserted before unit $3
at() {
	local units u k=0 IFS=';'
	# shellcheck disable=SC2206
	units=($1)
	IFS=' '
	AT=()
	for u in "${units[@]}" ''; do
		# shellcheck disable=SC2206
		[ "$k" = "$3" ] && AT+=($2)
		# shellcheck disable=SC2206
		AT+=($u)
		k=$((k + 1))
	done
}
for b in "${ORDER_BASES[@]}"; do
	nunits=$(($(tr -cd ';' <<<"$b" | wc -c) + 1))
	for s in -0 '--signal 0' -SIG0; do
		for ((i = 0; i <= nunits; i++)); do
			at "$b" "$s" "$i"
			add "${AT[@]}"
		done
	done
	at "$b" --signal=0 "$nunits" && add "${AT[@]}"
	at "$b" -sig0 0 && add "${AT[@]}"
done
# pkill takes one pattern; -- ends options; a signal word as the
# argument of an option is that argument
add -0 alpha beta
add -0 -- alpha
add -0 -x -- alpha
add -0 -- -1234
add -0 -- -1
add -0 -x -- x-1234
add -0 --signal 0 -x alpha
add -0 -u -9 -x alpha
add -0 -P -1 smem1

# E: signal words, sent for real to catchers that log them
ADDMODE=logged
SIGFORMS=(-1 -HUP -hup -Hup -SIGHUP -sighup -SigHup -2 -INT -int -SIGINT
	-10 -USR1 -usr1 -SIGUSR1 -sigusr1 -Usr1 -12 -USR2 -15 -TERM -term -Term
	-SIGTERM -sigterm -29 -IO -io -SIGIO -sigio -POLL -poll -SIGPOLL -6
	-IOT -iot -SIGIOT -ABRT -abrt -17 -CLD -cld -SIGCLD -CHLD -chld
	-34 -RTMIN -rtmin -SIGRTMIN -35 -RTMIN+1 -rtmin+1 -SIGRTMIN+1
	-sigrtmin+1 -RTMIN+2 -63 -RTMAX-1 -rtmax-1 -SIGRTMAX-1 -URG -WINCH
	-PWR -SYS -STKFLT -TRAP -PIPE -ALRM -VTALRM -PROF -XCPU -XFSZ -TTIN
	-TTOU -TSTP -CONT -BUS -FPE -SEGV -ILL -QUIT -3
	'--signal HUP' '--signal=hup' '--signal=1' '--signal sigusr1'
	'--signal=RTMIN+1' '--signal=SIGIO' '--signal iot' '--signal=CLD'
	'-q 42 -USR1' '-USR1 -q -7' '-q 2147483647 -HUP'
	'--queue=9 -RTMIN+1' '-c -HUP' '-HUP -c')
# (not RTMAX: the suite's own sentinel)
SELECTORS=("-x;alpha" "-u nobody" "-P ${PID[sessl]}" "-F $PD/valid.pid"
	"-F $PD/valid.pid;pfd" "-t $TTY" "-i;-x;ALPHA" "-g ${PID[sessl]}"
	"-x;-f;sleeper.*" "-F $PD/crlf.pid" "^smem" "-U nobody")
i=0
for s in "${SIGFORMS[@]}"; do
	# shellcheck disable=SC2086
	add $s -x alpha
	sel=${SELECTORS[i % ${#SELECTORS[@]}]}
	nunits=$(($(tr -cd ';' <<<"$sel" | wc -c) + 1))
	case $((i % 3)) in
	0) at "$sel" "$s" "$nunits" ;;
	1) at "$sel" "$s" 1 ;;
	2) at "$sel" "$s" 0 ;;
	esac
	add "${AT[@]}"
	i=$((i + 1))
done

# F: fatal signals, each to a fresh victim
ADDMODE=fatal
for s in -9 -KILL -kill -SIGKILL -sigkill -Kill -SigKill '--signal KILL' \
	'--signal=kill' '--signal=9' -19 -STOP -stop -SIGSTOP -sigstop; do
	# shellcheck disable=SC2086
	add $s -x victim
	# shellcheck disable=SC2086
	add -x victim $s
	# shellcheck disable=SC2086
	add -F "$PD/victim.pid" $s
done
set +f

# --- running a command line ------------------------------------------------
show() { # sets LINE: the command line as printed and matched by the globs
	local a out=()
	for a in "$@"; do
		case $a in
		'' | *[[:space:]\'\"\\\$\|\(\)\*\?\[\]\;\&\<\>]*) out+=("'$a'") ;;
		*) out+=("$a") ;;
		esac
	done
	LINE="${out[*]}"
}

# selection FILE: sets SEL to the cast keys of the PIDs that -e named, in
# PID order, and -c's count
selection() {
	local l count= p out=() seen=()
	while IFS= read -r l; do
		if [[ $l =~ killed\ \(pid\ ([0-9]+)\)$ ]]; then
			seen[BASH_REMATCH[1]]=1
		elif [[ $l =~ ^[0-9]+$ ]]; then
			count=$l
		fi
	done <"$1"
	for p in "${!seen[@]}"; do
		out+=("${KEY[$p]:-pid$p}")
	done
	[ -n "$count" ] && out+=("count=$count")
	SEL="${out[*]}"
}

start_victim() {
	C victim victim
	unset 'CATCHERS[-1]'
	"${CA[@]}" --pidfile "$PD/victim.pid" </dev/null >/dev/null 2>&1 &
	VICTIM=$!
	rm -f "$LOGD/victim.ready.keep"
	wait_for test -e "$LOGD/victim.ready" || die "no victim"
	rm -f "$LOGD/victim.ready"
	KEY[$VICTIM]=victim
}
victim_fate() {
	kill -s RTMAX "$VICTIM" 2>/dev/null
	wait_for victim_settled || die "the victim never settled"
	if [ "$(state_of "$VICTIM")" = T ]; then
		FATE=victim:stopped
		kill -KILL "$VICTIM"
	elif grep -q "^signo=$RTMAX " "$LOGD/victim.log"; then
		FATE=victim:alive
		kill -KILL "$VICTIM"
	else
		FATE=victim:ended
	fi
	{ wait "$VICTIM"; } 2>/dev/null
	FATE+=",status=$?"
}
# bash reaps a background process as soon as it ends, and wait tells
# its status later
victim_settled() {
	case $(state_of "$VICTIM") in
	Z | T | '') return 0 ;;
	esac
	grep -q "^signo=$RTMAX " "$LOGD/victim.log"
}

# run_tool MODE BINARY ARGS...: sets RC, SEL, ERR
run_tool() {
	local mode=$1
	shift
	[ "$mode" = fatal ] && start_victim
	"$@" >"$W/out" 2>"$W/err" <"$W/empty-stdin"
	RC=$?
	selection "$W/out"
	ERR=
	local l
	while IFS= read -r l && [ ${#ERR} -lt 200 ]; do
		ERR+="$l|"
	done <"$W/err"
	case $mode in
	logged)
		flush
		logs
		SEL+=" / $LOGS"
		;;
	fatal)
		victim_fate
		SEL+=" / $FATE"
		;;
	esac
}

# with_echo ARGS...: ARGS with -e added (before a --)
with_echo() {
	ARGS=()
	local a done=
	for a in "$@"; do
		if [ -z "$done" ] && [ "$a" = -- ]; then
			ARGS+=(-e)
			done=1
		fi
		ARGS+=("$a")
	done
	[ -n "$done" ] || ARGS+=(-e)
}

# allowed KIND: does the difference at hand fit KIND?
allowed() {
	case $1 in
	ancestors)
		# pidkill does what pkill -A does (the tools run as children
		# of PID 1, here their only ancestor)
		[[ $SEL_PK == *init* ]] || return 1
		if [ -z "${RC_PKA-}" ]; then
			run_tool "$MODE_NOW" "$PKILL" -A "${ARGS[@]}"
			RC_PKA=$RC SEL_PKA=$SEL
		fi
		[ "$RC_PKA" = "$RC_PD" ] && [ "$SEL_PKA" = "$SEL_PD" ]
		;;
	pidkill-omits\ *)
		# pidkill does what pkill -A does, less the cast member named
		local name=${1#pidkill-omits } want
		if [ -z "${RC_PKA-}" ]; then
			run_tool "$MODE_NOW" "$PKILL" -A "${ARGS[@]}"
			RC_PKA=$RC SEL_PKA=$SEL
		fi
		want=" $SEL_PKA "
		want=${want// $name / }
		want=${want# }
		want=${want% }
		[ "$RC_PKA" = "$RC_PD" ] && [ "$want" = "$SEL_PD" ]
		;;
	pidkill-usage-error) [ "$RC_PD" = 2 ] && [[ $SEL_PD =~ ^[\ /]*$ ]] ;;
	pkill-usage-error) [ "$RC_PK" = 2 ] && [[ $SEL_PK =~ ^[\ /]*$ ]] ;;
	pidkill-refuses)
		[ "$RC_PD" = 1 ] && [[ $SEL_PD =~ ^(count=0)?[\ /]*$ ]]
		;;
	pkill-refuses)
		[ "$RC_PK" = 1 ] && [[ $SEL_PK =~ ^(count=0)?[\ /]*$ ]]
		;;
	*) return 1 ;;
	esac
}

intended() { # intended LINE: sets ID to the entry that covers it, if any
	local i g
	for ((i = 0; i <= n; i++)); do
		while IFS= read -r g; do
			[ -n "$g" ] || continue
			# shellcheck disable=SC2053
			if [[ $1 == $g ]] && allowed "${D_KIND[i]}"; then
				D_USED[$i]=1
				ID=${D_ID[i]}
				return 0
			fi
		done <<<"${D_LINES[i]}"
	done
	return 1
}

# --- the run ---------------------------------------------------------------
total=${#LINES[@]}
declare -a RUN=()
for ((j = 0; j < total; j++)); do
	IFS=$'\x1f' read -r -a a <<<"${LINES[j]}"
	# read drops a trailing empty field: the lines end with a word
	[[ ${LINES[j]} == *$'\x1f' ]] && a+=('')
	with_echo "${a[@]}"
	show "${ARGS[@]}"
	line=$LINE
	if [ -n "${COMPAT_FILTER-}" ]; then
		# shellcheck disable=SC2053
		[[ $line == $COMPAT_FILTER ]] || continue
	fi
	RUN+=("$j")
done
echo "1..$((${#RUN[@]} + 2))"

t=0
fails=0
for j in "${RUN[@]}"; do
	t=$((t + 1))
	IFS=$'\x1f' read -r -a a <<<"${LINES[j]}"
	[[ ${LINES[j]} == *$'\x1f' ]] && a+=('')
	with_echo "${a[@]}"
	show "${ARGS[@]}"
	line=$LINE
	MODE_NOW=${MODE[j]}
	unset RC_PKA
	run_tool "${MODE[j]}" "$PKILL" "${ARGS[@]}"
	RC_PK=$RC SEL_PK=$SEL ERR_PK=$ERR
	run_tool "${MODE[j]}" "$PIDKILL" "${ARGS[@]}"
	RC_PD=$RC SEL_PD=$SEL ERR_PD=$ERR
	if [ "$RC_PK" = "$RC_PD" ] && [ "$SEL_PK" = "$SEL_PD" ]; then
		echo "ok $t - ${MODE[j]}: $line"
	elif intended "$line"; then
		echo "ok $t - ${MODE[j]}: $line (intended difference: $ID)"
	else
		fails=$((fails + 1))
		echo "not ok $t - ${MODE[j]}: $line"
		echo "#   pkill:   exit $RC_PK, selected [$SEL_PK] $ERR_PK"
		echo "#   pidkill: exit $RC_PD, selected [$SEL_PD] $ERR_PD"
	fi
done

# every entry of the file is used, and quotes the man page
t=$((t + 1))
unused=()
if [ -z "${COMPAT_FILTER-}" ]; then
	for ((i = 0; i <= n; i++)); do
		[ -n "${D_USED[$i]-}" ] || unused+=("${D_ID[i]}")
	done
fi
if [ ${#unused[@]} -eq 0 ]; then
	echo "ok $t - every intended difference covers a command line"
else
	echo "not ok $t - intended differences that cover no command line: ${unused[*]}"
fi

t=$((t + 1))
render() {
	if command -v mandoc >/dev/null; then
		mandoc -T utf8 -O width=1000 "$MANPAGE"
	else
		MANWIDTH=1000 man -l "$MANPAGE" 2>/dev/null
	fi | sed 's/.\x08//g' | tr -s ' \t\n' '   '
}
man_text=$(render)
[ -n "${COMPAT_DEBUG-}" ] && printf "%s" "$man_text" >"$COMPAT_DEBUG"
if [ -z "$man_text" ]; then
	echo "ok $t - # SKIP neither mandoc nor man can render $MANPAGE"
else
	missing=()
	for ((i = 0; i <= n; i++)); do
		q=$(printf "%s" "${D_MAN[i]}" | tr -s ' \t\n' '   ')
		[ -n "$q" ] && [[ $man_text == *"$q"* ]] || missing+=("$i")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		echo "ok $t - every intended difference quotes $MANPAGE"
	else
		echo "not ok $t - not quoted from the man page: ${missing[*]}"
		for i in "${missing[@]}"; do
			echo "#   $i: ${D_MAN[i]}"
		done
	fi
fi
echo "# $((${#RUN[@]})) command lines, $fails unlisted differences"
exit 0
