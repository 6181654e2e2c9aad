#!/usr/bin/env bats

load ../helpers/lib

setup() { common_setup; }
teardown() { common_teardown; }

@test "placeholder" {
	skip "not written yet"
}
