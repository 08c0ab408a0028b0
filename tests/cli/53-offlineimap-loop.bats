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

files_with_uid() { find "$MAIL/$1/cur" "$MAIL/$1/new" -type f -name '*,U=*' | wc -l; }
has_uid_files() { [ "$(files_with_uid "$1")" -ge "$2" ]; }
status_rows() { sqlite3 "$META/Account-Test/LocalStatus-sqlite/$1" 'select count(*) from status'; }

# in_hand_setup USER: folders A, B and C synced once, then 2 new messages in each and a flag
# changed on A's first.  The next plan: A (2 downloads, then the flag of UID 1), B, C, INBOX.
in_hand_setup() {
    imapd_user "$1"
    for f in A B C; do
        imapd_mailbox "$1" "$f"
        message "$BATS_TEST_TMPDIR/m$f" "$f"; imapd_deliver "$1" "$f" "$BATS_TEST_TMPDIR/m$f" >/dev/null
    done
    make_config "$1"
    run --separate-stderr timeout 20 "$BIN/offlineimap" -c "$RC" -o
    expect_status 0
    for f in A B C; do
        for i in 1 2; do
            message "$BATS_TEST_TMPDIR/m$f$i" "$f$i"
            imapd_deliver "$1" "$f" "$BATS_TEST_TMPDIR/m$f$i" >/dev/null
        done
    done
    imapd_doveadm flags add -u "$1" '\Seen' mailbox A uid 1
}

# in_hand_check: the run ended interrupted with A complete and B, C untouched; the next run
# converges.
in_hand_check() {
    [ "$status" -eq 1 ]
    grep -qx 'Preparing to shutdown after sync (this may take some time), press CTRL-C three times to shutdown immediately' "$OUT"
    grep -q 'interrupted: shutting down' "$OUT"
    # A is complete: the flag change after the hold was carried out and recorded.
    [ "$(files_with_uid A)" -eq 3 ]
    ls "$MAIL"/A/cur/*,U=1,*:2,S
    [ "$(sqlite3 "$META/Account-Test/LocalStatus-sqlite/A" 'select flags from status where id = 1')" = S ]
    [ "$(status_rows A)" -eq 3 ]
    # B and C were not started.
    for f in B C; do
        [ "$(files_with_uid "$f")" -eq 1 ]
        [ "$(status_rows "$f")" -eq 1 ]
    done
    run --separate-stderr timeout 20 "$BIN/offlineimap" -c "$RC" -o
    expect_status 0
    for f in A B C; do
        [ "$(status_rows "$f")" -eq 3 ]
        [ "$(files_with_uid "$f")" -eq 3 ]
    done
}

@test "SIGTERM during sync-apply: the folder in hand is finished, the later ones wait" {
    in_hand_setup inhand
    # sync-apply holds after its first durable step (A's downloads) until the stop request.
    OIMAP_TEST_HOLD_AFTER=1 start -o
    wait_for 20 has_uid_files A 3
    kill -TERM "$PID"
    finish
    in_hand_check
}

@test "Ctrl-C (SIGINT to the process group) during sync-apply: the same" {
    in_hand_setup ctrlc
    OUT=$BATS_TEST_TMPDIR/out ERR=$BATS_TEST_TMPDIR/err
    # A process group of its own, as a terminal's foreground job has.
    OIMAP_TEST_HOLD_AFTER=1 setsid "$BIN/offlineimap" -c "$RC" -o > "$OUT" 2> "$ERR" 3>&- &
    PID=$!
    wait_for 20 has_uid_files A 3
    kill -INT -- "-$PID"
    finish
    in_hand_check
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
