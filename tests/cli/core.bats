#!/usr/bin/env bats
# Core: target forms, signals, payloads, exit statuses.

load ../helpers/lib

setup() { common_setup; }
teardown() { common_teardown; }

@test "signals_by_pid" {
	start_catcher victim
	run "$PIDKILL" -USR1 "$CPID"
	[ "$status" -eq 0 ]
	wait_log "$CLOG" "^signo=10 code=0 pid=[0-9]+ "
}
