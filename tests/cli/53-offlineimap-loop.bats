# offlineimap in autorefresh mode against the private Dovecot: the loop, quick syncs, and
# each signal of offlineimap(1) (SIGUSR1, SIGUSR2, SIGTERM and its escalation, SIGQUIT).
bats_require_minimum_version 1.5.0
load helpers/common
load helpers/offlineimap

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

setup() {
    export HOME=$BATS_TEST_TMPDIR/home
    mkdir -p "$HOME"
}

@test "autorefresh loops; SIGUSR1 syncs at once; SIGUSR2 ends the loop after the sync" {
    imapd_user loop
    make_config loop "autorefresh = 10"
    start
    wait_for 10 at_least_finished 1
    [ "$(finished_count)" -eq 1 ]
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver loop INBOX "$BATS_TEST_TMPDIR/m1" >/dev/null
    kill -USR1 "$PID"
    wait_for 5 has_mail 1
    wait_for 5 at_least_finished 2
    kill -USR2 "$PID"
    finish
    [ "$status" -eq 0 ]
    grep -qx 'Terminating after this sync...' "$OUT"
    [ "$(finished_count)" -eq 2 ]
}

@test "-o syncs once even with autorefresh" {
    imapd_user once
    make_config once "autorefresh = 10"
    run --separate-stderr timeout 20 "$BIN/offlineimap" -c "$RC" -o
    [ "$status" -eq 0 ]
    [ "$(grep -c "^\*\*\* Finished account 'Test'" <<<"$output")" -eq 1 ]
}

@test "quick = 2 runs two quick syncs between full ones" {
    imapd_user quick
    make_config quick "autorefresh = 0.001
quick = 2
presynchook = echo \$OFFLINEIMAPSYNCMODE >> $BATS_TEST_TMPDIR/modes"
    start
    wait_for 20 modes_at_least 4
    kill -USR2 "$PID"
    finish
    [ "$status" -eq 0 ]
    run head -4 "$BATS_TEST_TMPDIR/modes"
    [ "$output" = "$(printf 'full\nquick\nquick\nfull')" ]
}

@test "SIGTERM while sleeping: warning, exit 0 at once, lock released" {
    imapd_user term
    make_config term "autorefresh = 10"
    start
    wait_for 10 at_least_finished 1
    kill -TERM "$PID"
    finish
    [ "$status" -eq 0 ]
    grep -qx 'Preparing to shutdown after sync (this may take some time), press CTRL-C three times to shutdown immediately' "$OUT"
    # A second run can lock the account at once.
    run --separate-stderr timeout 20 "$BIN/offlineimap" -c "$RC" -o
    [ "$status" -eq 0 ]
}

@test "SIGTERM during a hook: no further stage, the sync ends with exit 1" {
    imapd_user termhook
    make_config termhook "autorefresh = 10
presynchook = touch $BATS_TEST_TMPDIR/started; sleep 1"
    start
    wait_for 10 test -e "$BATS_TEST_TMPDIR/started"
    kill -TERM "$PID"
    finish
    [ "$status" -eq 1 ]
    grep -q 'interrupted: shutting down' "$OUT"
    [ ! -d "$MAIL/INBOX" ]
}

@test "three SIGTERMs: 'Signaled thrice. Aborting!' and exit 1 at once" {
    imapd_user thrice
    make_config thrice "presynchook = touch $BATS_TEST_TMPDIR/started; sleep 5"
    start -o
    wait_for 10 test -e "$BATS_TEST_TMPDIR/started"
    kill -TERM "$PID"; kill -INT "$PID"; kill -HUP "$PID"
    finish
    [ "$status" -eq 1 ]
    grep -qx 'Signaled thrice. Aborting!' "$OUT"
}

@test "SIGQUIT dumps the running children and aborts" {
    imapd_user quit
    make_config quit "presynchook = touch $BATS_TEST_TMPDIR/started; sleep 5"
    start -o
    wait_for 10 test -e "$BATS_TEST_TMPDIR/started"
    kill -QUIT "$PID"
    finish
    [ "$status" -eq $((128 + 6)) ]
    grep -qx 'SIGQUIT: running children:' "$OUT"
    grep -q "^  pid [0-9]*: /bin/sh -c touch $BATS_TEST_TMPDIR/started; sleep 5\$" "$OUT"
}
