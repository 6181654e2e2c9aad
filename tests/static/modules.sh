#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The module graph of src/ (DESIGN.md §3), as TAP: every '#include "x.h"'
# between modules is an edge; the graph must have no cycle, no edge that
# DESIGN.md or issue 12 forbids, and no edge up the layers below.  Also:
# one call site delivers signals (pidfd_send_signal), and nothing signals
# by PID.
set -eu

src=${SRCDIR:-$(dirname "$0")/../..}/src
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The layers, lowest first: a module may include only modules of lower
# layers (main, pidkill.c, sits on top).
layers='
0 status compat text
1 xalloc fail signals columns timefmt interrupt
2 schedule fdlimit proctree

3 pidfd
4 target
5 options pidfile
6 match
7 verify
8 select act prompt report
9 tree
10 pipeline
11 pidkill
'
# Edges named as forbidden by issue 12 (also below the layers rule)
forbidden='act:select report:select select:report report:pidfd options:act
pidfd:options target:options'

# "from to" lines, one per include between different modules
for f in "$src"/*.c "$src"/*.h; do
	from=$(basename "$f")
	from=${from%.*}
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)\.h".*/\1/p' "$f" |
		while read -r to; do
			[ "$to" = config ] || [ "$to" = "$from" ] || echo "$from $to"
		done
done | sort -u >"$tmp/edges"

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	sed 's/^/# /' "$tmp/why"
}

echo "1..5"

# 1: no cycle (tsort names the modules of a loop)
if tsort "$tmp/edges" >/dev/null 2>"$tmp/why"; then
	ok "the module graph has no cycle"
else
	not_ok "the module graph has no cycle"
fi

# 2: none of the forbidden edges
: >"$tmp/why"
for e in $forbidden; do
	grep -qx "${e%%:*} ${e#*:}" "$tmp/edges" && echo "forbidden edge ${e%%:*} -> ${e#*:}" >>"$tmp/why"
done
if [ -s "$tmp/why" ]; then not_ok "no forbidden edge"; else ok "no forbidden edge"; fi

# 3: every module has a layer, and every edge goes down the layers
layer_of() {
	echo "$layers" | awk -v m="$1" '{ for (i = 2; i <= NF; i++) if ($i == m) print $1 }'
}
: >"$tmp/why"
while read -r from to; do
	lf=$(layer_of "$from")
	lt=$(layer_of "$to")
	if [ -z "$lf" ] || [ -z "$lt" ]; then
		echo "module without a layer: $from -> $to" >>"$tmp/why"
	elif [ "$lt" -ge "$lf" ]; then
		echo "edge up or across the layers: $from ($lf) -> $to ($lt)" >>"$tmp/why"
	fi
done <"$tmp/edges"
if [ -s "$tmp/why" ]; then not_ok "edges go down the layers"; else ok "edges go down the layers"; fi

# 4: one call of pidfd_send_signal delivers: in act.c; pidfd.c wraps the
# system call and probes with signal 0 only
grep -n 'sys_pidfd_send_signal(' "$src"/*.c |
	grep -v '^[^:]*/pidfd\.c:' >"$tmp/calls" || true
grep -n 'sys_pidfd_send_signal(' "$src/pidfd.c" |
	grep -v 'sys_pidfd_send_signal(int pidfd' |
	grep -v 'sys_pidfd_send_signal(fd, 0, NULL, 0)' >"$tmp/probes" || true
grep -n 'pidfd_send_signal' "$src/pidfd.c" | grep -v 'sys_pidfd_send_signal' |
	grep -v '^\([0-9]*\):[[:space:]]*\(/\*\|\*\)' |
	grep -v 'return pidfd_send_signal(pidfd, sig, info, flags)' |
	grep -v '__NR_pidfd_send_signal, pidfd, sig, info, flags' >"$tmp/raw" || true
{
	cat "$tmp/probes" "$tmp/raw"
	[ "$(wc -l <"$tmp/calls")" -eq 1 ] && grep -q '/act\.c:' "$tmp/calls" ||
		{ echo "delivery calls outside pidfd.c:"; cat "$tmp/calls"; }
} >"$tmp/why"
if [ -s "$tmp/why" ]; then
	not_ok "one call site of pidfd_send_signal delivers (act.c)"
else
	ok "one call site of pidfd_send_signal delivers (act.c)"
fi

# 5: nothing sends a signal by PID
grep -nE '(^|[^_a-z])(kill|sigqueue|tgkill|tkill|killpg|raise)[[:space:]]*\(' \
	"$src"/*.c >"$tmp/why" || true
if [ -s "$tmp/why" ]; then not_ok "no signal by PID"; else ok "no signal by PID"; fi
