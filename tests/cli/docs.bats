#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Patterns and groups reach only what this file started: it runs in a
# private PID namespace of its own (tests/helpers/bats-pidns).
# pidns: the whole file
# Documentation and completion: the man page lints clean; every option that
# --help prints is in the man page and in both completions (and the checks
# that say so catch a missing one); TAB completes options, -SIGNAL words,
# option values and targets in bash (bash-completion) and in zsh (driven
# through zsh's own completion system in a zpty).
# shellcheck disable=SC2154  # status, output, lines come from bats

load ../helpers/lib

bats_require_minimum_version 1.5.0

BASH_COMPLETION_LIB=/usr/share/bash-completion/bash_completion

setup() {
	common_setup
	: "${SRCDIR:=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)}"
	MANPAGE=$SRCDIR/doc/pidkill.1
	BASHCOMP=$SRCDIR/completions/bash/pidkill
	ZSHCOMP=$SRCDIR/completions/zsh/_pidkill
	# completions run the pidkill being completed for its signal names
	PATH="$(dirname "$PIDKILL"):$PATH"
	U="pk$(printf '%05d' "$RANDOM")"
}

teardown() { common_teardown; }

# --- what --help promises ----------------------------------------------------

# The column names that --help lists for --output
help_columns() {
	"$PIDKILL" --help |
		sed -n '/^Columns for --output:/,$ s/^  \([A-Z][A-Z]*\) .*/\1/p'
}

help_long_options() {
	"$PIDKILL" --help | grep -o -- '--[a-z][a-z-]*' | sort -u |
		grep -vx -e --help -e --usage -e --version
}

# The letters of the "-x," forms
help_short_options() {
	"$PIDKILL" --help | grep -oE -- '(^|[[:space:]])-[A-Za-z],' |
		tr -d ' ,' | sort -u
}

# missing_from_man FILE: the options of --help that FILE (mdoc) does not
# name with an Fl macro
missing_from_man() {
	local src opt
	src=$(sed 's/\\-/-/g' "$1")
	for opt in $(help_long_options) $(help_short_options); do
		grep -qE -- "(^|[[:space:]])Fl ${opt#-}([^A-Za-z0-9-]|\$)" \
			<<<"$src" || echo "$opt"
	done
}

# missing_from_zsh FILE: the options of --help that have no _arguments spec
# in FILE: '--name[', {-x,--name}, '*'{-x+,--name=}, '(...)--name[', ...
missing_from_zsh() {
	local opt before="[{'\"*!),]"
	for opt in $(help_long_options); do
		grep -qE -- "$before$opt"'[,}=[]' "$1" || echo "$opt"
	done
	for opt in $(help_short_options); do
		grep -qE -- "$before$opt"'[-+,}[]' "$1" || echo "$opt"
	done
}

# missing_from_bash FILE: the options of --help that FILE's completion
# does not offer for "-" and "--"
missing_from_bash() {
	local offered opt
	offered=$(COMPFILE=$1 bash_complete "pidkill -x -"
		COMPFILE=$1 bash_complete "pidkill -x --") || return
	for opt in $(help_long_options) $(help_short_options); do
		grep -qxF -- "$opt" <<<"$offered" || echo "$opt"
	done
}

# --- bash --------------------------------------------------------------------

require_bash_completion() {
	[ -r "$BASH_COMPLETION_LIB" ] || skip "bash-completion is not installed"
}

# bash_complete LINE: the replies of the pidkill completion for the last
# word of LINE (a trailing blank starts an empty word), one a line, from a
# fresh bash with bash-completion and $COMPFILE (default: ours) loaded.
# Words split at blanks and around '=', as bash splits them.  Fails, with
# the messages, if the completion wrote anything to stderr.
bash_complete() {
	local err=$TMP/bash-complete.err
	bash --norc --noprofile -c '
		. "$1" || exit 3
		. "$2" || exit 3
		line=$3
		read -ra COMP_WORDS <<<"${line//=/ = }"
		[[ -z $line || $line == *[[:blank:]] || $line == *= ]] &&
			COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$line
		COMP_POINT=${#line}
		_pidkill pidkill "${COMP_WORDS[COMP_CWORD]}" \
			"${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"
	' bash "$BASH_COMPLETION_LIB" "${COMPFILE:-$BASHCOMP}" "$1" 2>"$err" ||
		{ cat "$err" >&2; return 1; }
	if [ -s "$err" ]; then
		cat "$err" >&2
		return 1
	fi
}

# bc LINE: run bash_complete, show what it replied
bc() {
	run bash_complete "$1"
	printf 'status=%s replies:\n%s\n' "$status" "$output"
	[ "$status" -eq 0 ]
}

# has WORD / lacks WORD: the last replies hold WORD as a whole line, or not
has() {
	grep -qxF -- "$1" <<<"$output" || { echo "no reply '$1'" >&2; return 1; }
}

lacks() {
	if grep -qxF -- "$1" <<<"$output"; then
		echo "unexpected reply '$1'" >&2
		return 1
	fi
}

# --- zsh ---------------------------------------------------------------------

require_zpty() {
	command -v zsh >/dev/null || skip "zsh is not installed"
	zsh -fc 'zmodload zsh/zpty' 2>/dev/null ||
		skip "zsh has no zpty module"
}

# zsh_complete LINE: type LINE and TAB into an interactive zsh -f (in a
# zpty) with compinit and our completion directory in fpath.  Every match
# the completion system adds is written, one a line, to $TMP/z/matches (a
# compadd wrapper records them), and the command line after the TAB to
# $TMP/z/buffer (a widget bound to ^X).  Sets output to the matches.
zsh_complete() {
	local z=$TMP/z
	mkdir -p "$z"
	rm -f "$z/matches" "$z/buffer" "$z/ready"
	: >"$z/matches"
	# shellcheck disable=SC2016  # expanded by zsh
	cat >"$z/rc.zsh" <<-'EOF'
		PS1='' PROMPT='' RPROMPT=''
		unsetopt autolist listambiguous beep
		LISTMAX=1000000
		fpath=($ZCOMPDIR $fpath)
		autoload -U compinit && compinit -u -d $ZDUMP
		compadd() {
			local -a __hits
			if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
				builtin compadd "$@"
				return
			fi
			builtin compadd -A __hits "$@"
			(( $#__hits )) && print -rl -- $__hits >>$ZOUT/matches
			builtin compadd "$@"
		}
		dump-buffer() {
			print -r -- "$BUFFER" >$ZOUT/buffer.tmp &&
				mv $ZOUT/buffer.tmp $ZOUT/buffer
		}
		zle -N dump-buffer
		bindkey '^X' dump-buffer
		: >$ZOUT/ready
	EOF
	# shellcheck disable=SC2016  # expanded by zsh
	cat >"$z/drive.zsh" <<-'EOF'
		zmodload zsh/zpty || exit 3
		zmodload zsh/zselect || exit 3
		# waits with a builtin: a sleep process would be one more
		# process for the completion to list
		wait_for() {
			local i
			for i in {1..1000}; do
				[[ -e $1 ]] && return 0
				zselect -t 1
			done
			print -u2 "zsh_complete: timed out waiting for $1"
			return 1
		}
		zpty z zsh -f -i
		zpty -w z "source ${(q)ZOUT}/rc.zsh"
		wait_for $ZOUT/ready || { zpty -d z; exit 1 }
		zpty -w -n z "$1"$'\t\x18'
		wait_for $ZOUT/buffer
		r=$?
		zpty -d z
		exit $r
	EOF
	# compinit's dump, made by the first call of this file's run for
	# each completion directory, spares every later call the scan of
	# every function zsh has
	local dir dump
	dir=$(dirname "$ZSHCOMP")
	dump=$BATS_FILE_TMPDIR/zcompdump.$(cksum <<<"$dir" | cut -d' ' -f1)
	ZOUT=$z ZCOMPDIR=$dir ZDUMP=$dump \
		timeout 30 zsh -f "$z/drive.zsh" "$1" || return
	output=$(sort -u "$z/matches")
	printf 'buffer: %s\nmatches:\n%s\n' "$(cat "$z/buffer")" "$output"
}

zbuffer() {
	cat "$TMP/z/buffer"
}

# --- the man page ------------------------------------------------------------

@test "man_page_lints_clean" {
	command -v mandoc >/dev/null || skip "mandoc is not installed"
	run mandoc -Tlint -Wstyle "$MANPAGE"
	echo "$output"
	# Whether Xr targets exist depends on the manuals installed on this
	# machine (manpages-dev, psmisc...), not on the page: not counted
	# machine (manpages-dev, psmisc...), not on the page: not counted;
	# nor is .Os naming pidkill and its version, which it does on
	# purpose (an empty .Os is "BSD" under groff)
	grep -v -e 'referenced manual not found' -e 'mandoc\.db' \
		-e 'operating system explicitly specified: Os pidkill' \
		<<<"$output" | { ! grep .; }
	# status 1 is style messages, all of which were shown above; warnings
	# and errors are 2 and up
	[ "$status" -le 1 ]
}

# page_frame: the first and the last line of the page as rendered
page_frame() {
	sed -n '1p;$p' | sed 's/  */ /g'
}

@test "man_page_header_and_footer_name_pidkill_and_its_version" {
	local version frame
	version=$("$PIDKILL" --version | sed -n '1s/^pidkill //p')
	[ -n "$version" ]
	grep -qx ".Os pidkill $version" "$MANPAGE"
	frame=$'PIDKILL(1) General Commands Manual PIDKILL(1)\npidkill '"$version"
	if command -v mandoc >/dev/null; then
		run page_frame < <(mandoc -Tascii "$MANPAGE")
		echo "mandoc: $output"
		[[ $output == "$frame "* ]]
		[[ $output == *" pidkill $version" ]]
	fi
	command -v groff >/dev/null || skip "groff is not installed (groff-base)"
	run page_frame < <(groff -mdoc -Tascii -P-c "$MANPAGE" 2>/dev/null)
	echo "groff: $output"
	[[ $output == "$frame "* ]]
	[[ $output == *" pidkill $version" ]]
	[[ $output != *BSD* ]]
}

@test "man_page_has_the_sections_and_every_target_form" {
	local sec
	for sec in NAME SYNOPSIS DESCRIPTION TARGETS OPTIONS ENVIRONMENT \
		"EXIT STATUS" EXAMPLES "SEE ALSO"; do
		grep -qx ".Sh $sec" "$MANPAGE" || { echo "no $sec" >&2; return 1; }
	done
	# the usage line, every target form, every exit status, SEE ALSO
	grep -qx '.Op Fl Ns Ar SIGNAL' "$MANPAGE"
	grep -qx '.It Ar pid : Ns Ar id' "$MANPAGE"
	grep -qx '.It Ar pid Ns @ Ns Ar start' "$MANPAGE"
	grep -q '^.It Pa /proc/ Ns Ar pid ,' "$MANPAGE"
	grep -qx '.It Pa /proc/ Ns Ar pid Ns Pa /task/ Ns Ar tid' "$MANPAGE"
	for sec in 0 1 2 3 4; do
		grep -qx ".It $sec" "$MANPAGE"
	done
	for sec in "pkill 1" "kill 1" "killall 1" "pidfd_send_signal 2" \
		"pidfd_open 2" "start-stop-daemon 8"; do
		grep -q "^.Xr $sec" "$MANPAGE" || { echo "no $sec" >&2; return 1; }
	done
}

@test "man_page_describes_every_output_column_and_result" {
	local col
	# the columns that --help lists, each an item of the man page's list
	run help_columns
	[ "${#lines[@]}" -ge 13 ]
	for col in "${lines[@]}"; do
		grep -qx ".It Cm $col" "$MANPAGE" ||
			{ echo "no column $col" >&2; return 1; }
	done
	for col in matched signaled gone identity-changed permission-denied \
		no-handler excluded not-locked not-a-thread failed exited \
		survived; do
		grep -qx ".It Cm $col" "$MANPAGE" ||
			{ echo "no result $col" >&2; return 1; }
	done
	grep -qx '.Sh INTERACTIVE USE' "$MANPAGE"
}

# --- no drift between --help, the man page and the completions ------------

@test "help_lists_the_options_the_checks_compare" {
	# the extraction itself must see the options, or the checks prove nothing
	run help_long_options
	has --signal
	has --pidfile
	has --dry-run
	has --output
	has --json
	has --raw
	has --noheadings
	has --interactive
	[ "${#lines[@]}" -ge 30 ]
	run help_short_options
	has -l
	has -U
	has -V
	has -I
	has -J
	lacks -h
	[ "${#lines[@]}" -ge 20 ]
}

@test "every_help_option_is_in_the_man_page" {
	run missing_from_man "$MANPAGE"
	echo "missing: $output"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "every_help_option_is_offered_by_bash_completion" {
	require_bash_completion
	run missing_from_bash "$BASHCOMP"
	echo "missing: $output"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "every_help_option_has_a_zsh_completion_spec" {
	run missing_from_zsh "$ZSHCOMP"
	echo "missing: $output"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "option_checks_catch_a_missing_option" {
	require_bash_completion
	# copies with --inverse and -x (of -x, --exact) taken out
	sed -e '/Fl -inverse/d' -e 's/^\.It Fl x , /.It /' "$MANPAGE" \
		>"$TMP/pidkill.1"
	sed -e 's/ --inverse//' -e 's/ -x / /' "$BASHCOMP" >"$TMP/bash"
	sed -e '/--inverse\[/d' -e "s/{-x,--exact}'\\[/'--exact[/" \
		"$ZSHCOMP" >"$TMP/_pidkill"
	! command -v zsh >/dev/null || zsh -n "$TMP/_pidkill"
	run missing_from_man "$TMP/pidkill.1"
	[ "$output" = $'--inverse\n-x' ]
	run missing_from_bash "$TMP/bash"
	[ "$output" = $'--inverse\n-x' ]
	run missing_from_zsh "$TMP/_pidkill"
	[ "$output" = $'--inverse\n-x' ]
}

# --- bash completion ---------------------------------------------------------

@test "bash_completes_a_long_option" {
	require_bash_completion
	bc "pidkill --sig"
	[ "$output" = --signal ]
	bc "pidkill -x --dry"
	[ "$output" = --dry-run ]
}

@test "bash_offers_every_long_option_with_a_prefix" {
	require_bash_completion
	bc "pidkill --pi"
	has --pid
	has --pidfile
	lacks --pattern
	[ "${#lines[@]}" -eq 2 ]
}

@test "bash_completes_signal_names_after_signal" {
	require_bash_completion
	bc "pidkill --signal K"
	[ "$output" = KILL ]
	bc "pidkill --signal=K"
	[ "$output" = KILL ]
	# --signal takes any case
	bc "pidkill --signal rtmin+1"
	has RTMIN+1
	has RTMIN+10
}

@test "bash_completes_signal_names_after_list_signals" {
	require_bash_completion
	bc "pidkill -l T"
	has TERM
	has TRAP
	lacks KILL
	bc "pidkill --list-signals=US"
	[ "$output" = $'USR1\nUSR2' ]
	# every word after -l is a signal to translate
	bc "pidkill -l 9 K"
	[ "$output" = KILL ]
}

@test "bash_completes_dash_signal_words" {
	require_bash_completion
	bc "pidkill -TE"
	[ "$output" = -TERM ]
	bc "pidkill -x -RTMIN+1"
	has -RTMIN+1
	has -RTMIN+15
	lacks RTMIN+1
	# an upper-case letter that is also an option: both
	bc "pidkill -x -H"
	has -H
	has -HUP
}

@test "bash_offers_dash_signals_only_for_the_first_bare_dash" {
	require_bash_completion
	bc "pidkill -"
	has -TERM
	has -KILL
	has --signal
	has -u
	bc "pidkill -x -"
	lacks -TERM
	has --signal
	has -u
}

@test "bash_takes_signal_names_from_the_pidkill_being_completed" {
	require_bash_completion
	mkdir "$TMP/bin"
	printf '#!/bin/sh\necho "ONE TWO\nTHREE"\n' >"$TMP/bin/pidkill"
	chmod +x "$TMP/bin/pidkill"
	bc "$TMP/bin/pidkill --signal T"
	[ "$output" = $'TWO\nTHREE' ]
	# with no pidkill to run, bash's own signal list
	PATH=/usr/bin:/bin bc "pidkill --signal KI"
	[ "$output" = KILL ]
}

@test "bash_completes_users_and_groups" {
	require_bash_completion
	bc "pidkill -u ro"
	has root
	bc "pidkill --uid=ro"
	has root
	bc "pidkill -xU ro"
	has root
	bc "pidkill -G ro"
	has root
	# the last item of a list
	bc "pidkill --euid daemon,ro"
	has daemon,root
}

@test "bash_completes_namespace_lists" {
	require_bash_completion
	bc "pidkill --ns 1 --nslist ipc,n"
	[ "$output" = ipc,net ]
	bc "pidkill --nslist="
	[ "${#lines[@]}" -eq 8 ]
	has cgroup
	has time
	# a namespace already in the list is not offered again
	bc "pidkill --nslist=ipc,"
	lacks ipc,ipc
	has ipc,mnt
	[ "${#lines[@]}" -eq 7 ]
}

@test "bash_completes_pidfiles_in_the_cwd" {
	require_bash_completion
	mkdir "$TMP/run"
	: >"$TMP/run/$U.pid"
	: >"$TMP/run/other"
	cd "$TMP/run"
	bc "pidkill -F "
	has "$U.pid"
	has other
	bc "pidkill --pidfile=$U"
	[ "$output" = "$U.pid" ]
}

@test "bash_completes_pids_of_running_processes" {
	require_bash_completion
	start_catcher "$U"
	bc "pidkill -p "
	has "$CPID"
	bc "pidkill --pid=1,"
	has "1,$CPID"
	bc "pidkill -P "
	has "$CPID"
	bc "pidkill --ns $CPID"
	has "$CPID"
}

@test "bash_completes_process_groups_and_sessions" {
	require_bash_completion
	start_catcher "$U" --setsid
	bc "pidkill -g "
	has 0
	has "$CPID"
	bc "pidkill -s "
	has 0
	has "$CPID"
}

@test "bash_completes_terminals" {
	require_bash_completion
	local tty='' t
	# a pseudo-terminal of our own, when script(1) can make one
	if command -v script >/dev/null; then
		script -qfec "readlink /proc/self/fd/0 >$TMP/tty.tmp;
			echo \$\$ >>$TMP/tty.tmp; mv $TMP/tty.tmp $TMP/tty;
			exec sleep 600" /dev/null </dev/null >/dev/null 2>&1 &
		STARTED+=("$!")
		wait_file "$TMP/tty"
		STARTED+=("$(sed -n 2p "$TMP/tty")")
		tty=$(sed -n 1p "$TMP/tty")
	else
		tty=$(compgen -G '/dev/pts/[0-9]*' | head -1)
	fi
	[ -n "$tty" ] || [ -c /dev/tty1 ] || skip "no terminal devices"
	bc "pidkill -t "
	[ -z "$tty" ] || has "${tty#/dev/}"
	[ ! -c /dev/tty1 ] || has tty1
	# every reply names a terminal device
	for t in "${lines[@]}"; do
		[ -c "/dev/$t" ] || { echo "not a terminal: $t" >&2; return 1; }
	done
	[ ! -c /dev/tty1 ] || { bc "pidkill --terminal=tty1"; has tty1; }
}

@test "bash_completes_run_states" {
	require_bash_completion
	bc "pidkill -r "
	has R
	has S
	has Z
	bc "pidkill -r R,"
	has R,S
	lacks R,R
}

@test "bash_completes_process_names_for_targets" {
	require_bash_completion
	start_catcher "${U}target"
	bc "pidkill -x ${U}t"
	[ "$output" = "${U}target" ]
	bc "pidkill --pattern=${U}t"
	[ "$output" = "${U}target" ]
	# after "--" every word is a target, even one that starts with "-"
	bc "pidkill -x -- ${U}"
	[ "$output" = "${U}target" ]
	bc "pidkill -- --sig"
	lacks --signal
}

@test "bash_completes_pids_and_proc_paths_for_targets" {
	require_bash_completion
	start_catcher "$U"
	bc "pidkill $CPID"
	has "$CPID"
	bc "pidkill /proc/$CPID"
	has "/proc/$CPID"
	bc "pidkill /pr"
	has "/proc/$CPID"
	has /proc/1
	bc "pidkill /proc/$CPID/task/"
	[ "$output" = "/proc/$CPID/task/$CPID" ]
	# a target word is never an option
	bc "pidkill "
	has "$CPID"
	has "${U}"
	lacks --signal
}

# in_pid_namespace SCRIPT: run the bash SCRIPT as PID 1 of a private PID
# namespace after starting three catchers there, named ${U}a, ${U}b and
# sort (a process named as a helper a completion might run); with TMP, U,
# BASHCOMP, ZSHCOMP, BASH_COMPLETION_LIB and bash_complete, zsh_complete.
# Once SCRIPT is done, $TMP/ns.procs lists "PID NAME" for each process of
# the namespace, read with builtins only: the processes that exist
# outside the completion.
in_pid_namespace() {
	require_root
	unshare -pf --mount-proc --kill-child true 2>/dev/null ||
		skip "cannot create a PID namespace here"
	export -f bash_complete zsh_complete
	export TMP U CATCHER BASHCOMP ZSHCOMP BASH_COMPLETION_LIB PIDKILL
	# shellcheck disable=SC2016  # expanded by that bash
	run --separate-stderr timeout -s KILL 60 \
		unshare -pf --mount-proc --kill-child bash -c '
		for n in "${U}a" "${U}b" sort; do
			# a ready file left by an earlier call is not this one
			rm -f "$TMP/$n.ready"
			"$CATCHER" --name "$n" --ready "$TMP/$n.ready" \
				</dev/null >/dev/null 2>&1 &
		done
		for n in "${U}a" "${U}b" sort; do
			while [ ! -e "$TMP/$n.ready" ]; do sleep 0.01; done
		done
		eval "$1" || exit
		for f in /proc/[0-9]*/comm; do
			read -r n <"$f" && echo "${f//[!0-9]/} $n"
		done >"$TMP/ns.procs"' bash "$1"
	printf 'status=%s\nstderr=%s\nprocesses:\n%s\nreplies:\n%s\n' \
		"$status" "$stderr" "$(cat "$TMP/ns.procs" 2>/dev/null)" \
		"$(cat "$TMP/ns.replies" 2>/dev/null)"
	[ "$status" -eq 0 ]
}

# Each name the completion offered is one of names given, and each of
# those is offered
names_offered_are() {
	local want got
	want=$(printf '%s\n' "$@" | sort)
	got=$(grep -v '^[0-9]*$' "$TMP/ns.replies" | sort)
	[ "$got" = "$want" ] || {
		echo "names offered: $got; expected: $want" >&2
		return 1
	}
}

@test "bash_offers_no_process_of_its_own_as_a_target" {
	require_bash_completion
	# shellcheck disable=SC2016  # expanded in the namespace
	in_pid_namespace '
		bash --norc --noprofile -c ". \"\$1\" && . \"\$2\" || exit 3
			echo \$\$ >\"\$TMP/shell.pid\"
			COMP_WORDS=(pidkill \"\"); COMP_CWORD=1
			COMP_LINE=\"pidkill \"; COMP_POINT=8
			_pidkill pidkill \"\" pidkill
			printf \"%s\n\" \"\${COMPREPLY[@]}\"" \
			bash "$BASH_COMPLETION_LIB" "$BASHCOMP" >"$TMP/ns.replies"'
	# the names of the processes there, and only those: the shell that
	# completes (bash) and the catchers, one of which is named sort; never
	# a pipeline's cat, sort or grep
	names_offered_are bash "${U}a" "${U}b" sort
	# the PIDs of the processes there, and the completing shell's own
	local pid
	for pid in $(grep -x '[0-9]*' "$TMP/ns.replies"); do
		[ "$pid" = "$(cat "$TMP/shell.pid")" ] ||
			grep -q "^$pid " "$TMP/ns.procs" || {
			echo "PID $pid is no process of the namespace" >&2
			return 1
		}
	done
	[ "$(grep -cx '[0-9]*' "$TMP/ns.replies")" -eq 5 ]
	# and --pattern its names alike
	in_pid_namespace 'bash_complete "pidkill --pattern=" >"$TMP/ns.replies"'
	names_offered_are bash "${U}a" "${U}b" sort
}

@test "bash_completes_signal_words_in_every_form" {
	require_bash_completion
	bc "pidkill -SIGK"
	[ "$output" = -SIGKILL ]
	bc "pidkill -sigk"
	[ "$output" = -sigkill ]
	bc "pidkill -x -kil"
	[ "$output" = -kill ]
	bc "pidkill -x -Te"
	[ "$output" = -Term ]
	bc "pidkill -x -SIGRTMIN+1"
	has -SIGRTMIN+1
	has -SIGRTMIN+15
	bc "pidkill -x -1"
	has -1
	has -15
	lacks -32
	bc "pidkill -6"
	[ "$output" = $'-6\n-60\n-61\n-62\n-63\n-64' ]
	# the SIG forms once "SI" is typed, not before
	bc "pidkill -S"
	has -SEGV
	lacks -SIGSEGV
	bc "pidkill -SI"
	has -SIGSEGV
	# every form is one pidkill takes: -l translates it
	local w
	for w in -SIGKILL -sigkill -kill -Term -9; do
		run "$PIDKILL" -l "${w#-}"
		[ "$status" -eq 0 ] || {
			echo "pidkill -l refuses ${w#-}" >&2
			return 1
		}
	done
}

@test "bash_completes_nothing_for_free_values" {
	require_bash_completion
	bc "pidkill -q "
	[ -z "$output" ]
	# in -q -7 the -7 is the payload, not a -SIGNAL
	bc "pidkill -q -"
	[ -z "$output" ]
	bc "pidkill --older="
	[ -z "$output" ]
}

@test "bash_completes_the_scope_option_and_its_values" {
	require_bash_completion
	bc "pidkill --sco"
	[ "$output" = --scope ]
	bc "pidkill --scope "
	[ "$output" = $'process\nthread\npgroup' ]
	bc "pidkill -x --scope=p"
	[ "$output" = $'process\npgroup' ]
}

@test "bash_completes_retry_schedules" {
	require_bash_completion
	bc "pidkill -R "
	has TERM/30/KILL/5
	has 10
	bc "pidkill --retry=TE"
	has TERM/30/KILL/5
	lacks 10
	# -R takes the rest of a cluster's word, or the next word
	bc "pidkill -xR "
	has TERM/30/KILL/5
	# within a schedule: signal names in any case, and forever
	bc "pidkill -R TERM/30/K"
	[ "$output" = TERM/30/KILL/ ]
	bc "pidkill --retry TERM/5/-k"
	[ "$output" = TERM/5/-KILL/ ]
	bc "pidkill -R TERM/5/fo"
	[ "$output" = TERM/5/forever ]
}

@test "bash_completes_timeout_units_and_examples" {
	require_bash_completion
	bc "pidkill --timeout "
	[ "$output" = $'500ms\n5s\n1m' ]
	bc "pidkill --timeout=1.5"
	[ "$output" = $'1.5ms\n1.5s\n1.5m\n1.5h' ]
	bc "pidkill --timeout=5x"
	[ -z "$output" ]
}

@test "bash_takes_the_word_after_wait_and_mrelease_as_a_target" {
	require_bash_completion
	start_catcher "${U}target"
	bc "pidkill -w ${U}t"
	[ "$output" = "${U}target" ]
	bc "pidkill -mw ${U}t"
	[ "$output" = "${U}target" ]
	bc "pidkill --wait --mrelease ${U}t"
	[ "$output" = "${U}target" ]
}

@test "bash_completes_every_output_column" {
	require_bash_completion
	bc "pidkill --output "
	[ "$output" = "$(help_columns)" ]
	[ "${#lines[@]}" -eq 15 ]
	has PID
	has TOKEN
	has CMDLINE
	has EXIT
	bc "pidkill -x --output=S"
	[ "$output" = $'START\nSTATE\nSIGNAL' ]
}

@test "bash_completes_the_last_item_of_an_output_list" {
	require_bash_completion
	bc "pidkill --output PID,T"
	[ "$output" = $'PID,TID\nPID,TOKEN' ]
	bc "pidkill --output=PID,TO"
	[ "$output" = PID,TOKEN ]
	# column names in any case; a column already in the list is not
	# offered again, whatever its case
	bc "pidkill --output pid,to"
	[ "$output" = pid,TOKEN ]
	bc "pidkill --output pid,tid,"
	lacks pid,tid,PID
	lacks pid,tid,TID
	has pid,tid,TOKEN
	[ "${#lines[@]}" -eq 13 ]
}

@test "bash_offers_the_output_options" {
	require_bash_completion
	bc "pidkill -x -"
	has -J
	has -I
	has --json
	has --output
	bc "pidkill --js"
	[ "$output" = --json ]
	bc "pidkill --inte"
	[ "$output" = --interactive ]
	bc "pidkill --nohead"
	[ "$output" = --noheadings ]
	bc "pidkill -x --ra"
	[ "$output" = --raw ]
}

@test "bash_takes_the_word_after_json_and_interactive_as_a_target" {
	require_bash_completion
	start_catcher "${U}target"
	bc "pidkill -J ${U}t"
	[ "$output" = "${U}target" ]
	bc "pidkill -xIJ ${U}t"
	[ "$output" = "${U}target" ]
	bc "pidkill --raw --noheadings ${U}t"
	[ "$output" = "${U}target" ]
}

@test "bash_takes_column_names_from_the_pidkill_being_completed" {
	require_bash_completion
	mkdir "$TMP/bin"
	printf '%s\n' '#!/bin/sh' 'echo "Usage: pidkill"' \
		'echo "  -J, --json   JSON"' 'echo "Columns for --output:"' \
		'echo "  ONE      the first"' 'echo "  TWOLONGNAME the second"' \
		>"$TMP/bin/pidkill"
	chmod +x "$TMP/bin/pidkill"
	bc "$TMP/bin/pidkill --output "
	[ "$output" = $'ONE\nTWOLONGNAME' ]
	# with no pidkill to run, the columns it was written with
	PATH=/usr/bin:/bin bc "pidkill --output TO"
	[ "$output" = TOKEN ]
}

# --- zsh completion ----------------------------------------------------------

@test "zsh_completion_is_registered_for_pidkill" {
	command -v zsh >/dev/null || skip "zsh is not installed"
	run zsh -n "$ZSHCOMP"
	[ "$status" -eq 0 ]
	head -1 "$ZSHCOMP" | grep -qx '#compdef pidkill'
	run zsh -fc 'fpath=("$1" $fpath); autoload -U compinit &&
		compinit -u -D && print -r -- $_comps[pidkill]' zsh \
		"$(dirname "$ZSHCOMP")"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$output" = _pidkill ]
}

@test "zsh_completes_a_long_option" {
	require_zpty
	zsh_complete "pidkill --sig"
	[ "$output" = --signal ]
	[ "$(zbuffer)" = "pidkill --signal=" ]
	zsh_complete "pidkill -x --dry"
	[ "$(zbuffer)" = "pidkill -x --dry-run " ]
}

@test "zsh_offers_every_help_option" {
	require_zpty
	# after a repeatable option, so that no option is excluded
	zsh_complete "pidkill -p 1 -"
	local opt
	for opt in $(help_long_options) $(help_short_options); do
		has "$opt"
	done
	# -SIGNAL words only as the first word
	lacks -TERM
	zsh_complete "pidkill -"
	has -TERM
	has --signal
}

@test "zsh_completes_signal_names" {
	require_zpty
	zsh_complete "pidkill --signal K"
	[ "$(zbuffer)" = "pidkill --signal KILL " ]
	zsh_complete "pidkill -l T"
	has TERM
	has TRAP
	lacks KILL
	zsh_complete "pidkill -TE"
	[ "$(zbuffer)" = "pidkill -TERM " ]
	zsh_complete "pidkill -x -RTMIN+1"
	has -RTMIN+1
	has -RTMIN+15
}

@test "zsh_completes_users_groups_and_namespaces" {
	require_zpty
	zsh_complete "pidkill -u ro"
	has root
	zsh_complete "pidkill --uid=ro"
	has root
	zsh_complete "pidkill -G ro"
	has root
	zsh_complete "pidkill --ns 1 --nslist ipc,n"
	[ "$(zbuffer)" = "pidkill --ns 1 --nslist ipc,net," ]
}

@test "zsh_completes_pidfiles_and_pids" {
	require_zpty
	start_catcher "$U"
	mkdir "$TMP/run"
	: >"$TMP/run/$U.pid"
	cd "$TMP/run"
	zsh_complete "pidkill -F $U"
	[ "$(zbuffer)" = "pidkill -F $U.pid " ]
	zsh_complete "pidkill -p "
	has "$CPID"
}

@test "zsh_completes_process_names_for_targets" {
	require_zpty
	start_catcher "${U}target"
	zsh_complete "pidkill -x ${U}t"
	[ "$(zbuffer)" = "pidkill -x ${U}target " ]
	zsh_complete "pidkill /proc/$CPID"
	has "/proc/$CPID"
}

@test "zsh_offers_no_process_of_its_own_as_a_target" {
	require_zpty
	zsh -n "$ZSHCOMP"
	in_pid_namespace '
		zsh_complete "pidkill " >/dev/null || exit
		printf "%s\n" "$output" >"$TMP/ns.replies"'
	# the processes there: the shells and the timeout that drive the
	# completion, the catchers (one named sort); never a pipeline's cat
	names_offered_are bash timeout zsh "${U}a" "${U}b" sort
}

@test "zsh_completes_scopes" {
	require_zpty
	zsh_complete "pidkill --scope="
	[ "$output" = $'pgroup\nprocess\nthread' ]
	zsh_complete "pidkill --scope t"
	[ "$(zbuffer)" = "pidkill --scope thread " ]
}

@test "zsh_completes_retry_schedules" {
	require_zpty
	zsh_complete "pidkill -R "
	has TERM/30/KILL/5
	has 10
	# within a schedule: signal names in any case, then the next '/'
	zsh_complete "pidkill --retry=TERM/30/K"
	[ "$(zbuffer)" = "pidkill --retry=TERM/30/KILL/" ]
	zsh_complete "pidkill -R TERM/30/kil"
	[ "$(zbuffer)" = "pidkill -R TERM/30/KILL/" ]
	zsh_complete "pidkill -R TERM/5/fo"
	[ "$(zbuffer)" = "pidkill -R TERM/5/forever " ]
}

@test "zsh_completes_timeout_units" {
	require_zpty
	zsh_complete "pidkill --timeout=1.5"
	[ "$output" = $'1.5h\n1.5m\n1.5ms\n1.5s' ]
	zsh_complete "pidkill --timeout "
	has 500ms
	has 5s
}

@test "zsh_offers_no_waiting_with_dry_run" {
	require_zpty
	zsh_complete "pidkill --dry-run -p 1 -"
	has --signal
	lacks --wait
	lacks -w
	lacks --timeout
	lacks --retry
	lacks -R
	# and the other way round; --retry and --timeout exclude each other
	zsh_complete "pidkill -R 10 -p 1 --"
	lacks --dry-run
	lacks --timeout
	has --wait
}

@test "zsh_completes_every_output_column" {
	require_zpty
	zsh_complete "pidkill --output="
	[ "$output" = "$(help_columns | sort)" ]
	[ "$(grep -c . <<<"$output")" -eq 15 ]
	# a column, then the ',' of the next one
	zsh_complete "pidkill --output CM"
	[ "$(zbuffer)" = "pidkill --output CMDLINE," ]
}

@test "zsh_completes_the_last_item_of_an_output_list" {
	require_zpty
	zsh_complete "pidkill --output=PID,TO"
	[ "$(zbuffer)" = "pidkill --output=PID,TOKEN," ]
	zsh_complete "pidkill --output=PID,T"
	[ "$output" = $'TID\nTOKEN' ]
	# a column already in the list is not offered again
	zsh_complete "pidkill --output=PID,TID,"
	lacks PID
	lacks TID
	has TOKEN
	[ "$(grep -c . <<<"$output")" -eq 13 ]
	# names in any case
	zsh_complete "pidkill --output=pid,cmd"
	[ "$(zbuffer)" = "pidkill --output=pid,CMDLINE," ]
	zsh_complete "pidkill --output=pid,Tid,"
	lacks PID
	lacks TID
	[ "$(grep -c . <<<"$output")" -eq 13 ]
}

@test "zsh_offers_no_interactive_with_dry_run_or_count" {
	require_zpty
	zsh_complete "pidkill --dry-run -p 1 -"
	has -J
	has --json
	has --output
	lacks -I
	lacks --interactive
	zsh_complete "pidkill -c -p 1 -"
	lacks -I
	zsh_complete "pidkill -I -p 1 --"
	lacks --dry-run
	lacks --count
	has --raw
}
