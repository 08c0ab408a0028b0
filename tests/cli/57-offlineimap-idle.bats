# offlineimap idlefolders against the private Dovecot: while the account sleeps between
# autorefresh syncs, a new message in an idle folder reaches the Maildir within seconds,
# through IMAP IDLE (RFC 2177) renewed every keepalive seconds; holdconnectionopen with them
# (59-offlineimap-hold.bats has it alone).
bats_require_minimum_version 1.5.0
load helpers/common
load helpers/offlineimap

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

setup() {
    export HOME=$BATS_TEST_TMPDIR/home
    mkdir -p "$HOME"
}
idle_remote() {  # idle_remote LINES...: appended to [Repository Remote], the last section
    printf '%s\n' "$@" >> "$RC"
}
trace_count() { grep -Ec "^offlineimap: debug\\(imap\\): C: $1\$" "$ERR" || true; }
archive_count() { find "$MAIL/Archive/cur" "$MAIL/Archive/new" -type f 2>/dev/null | wc -l; }

@test "idlefolders: a new message in INBOX is synced within 5 seconds, with the hooks in mode idle" {
    imapd_user idle
    imapd_mailbox idle Archive
    make_config idle "autorefresh = 10
presynchook = echo \$OFFLINEIMAPSYNCMODE >> $BATS_TEST_TMPDIR/modes"
    sed -i "s/^\\[Repository Remote\\]/[Repository Remote]\\nidlefolders = ['INBOX']/" "$RC"
    start
    wait_for 10 at_least_finished 1
    sleep 1  # the idle connection is up
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver idle INBOX "$BATS_TEST_TMPDIR/m1" >/dev/null
    message "$BATS_TEST_TMPDIR/m2" two; imapd_deliver idle Archive "$BATS_TEST_TMPDIR/m2" >/dev/null
    wait_for 5 has_mail 1
    wait_for 5 at_least_finished 2
    kill -USR2 "$PID"
    finish
    [ "$status" -eq 0 ]
    [ "$(cat "$BATS_TEST_TMPDIR/modes")" = "$(printf 'full\nidle')" ]
    [ "$(archive_count)" -eq 0 ]  # not an idle folder: synced at the next refresh only
}

@test "idlefolders: a folder that cannot be selected is reported; the loop goes on" {
    imapd_user idlebad
    make_config idlebad "autorefresh = 10"
    sed -i "s/^\\[Repository Remote\\]/[Repository Remote]\\nidlefolders = ['Nope']/" "$RC"
    start
    wait_for 10 at_least_finished 1
    wait_for 5 grep -q "IDLE on folder 'Nope' stopped: cannot select 'Nope'" "$OUT"
    kill -USR2 "$PID"
    finish
    [ "$status" -eq 0 ]
}

@test "idlefolders: IDLE (-d imap trace), renewed every keepalive seconds" {
    imapd_user idletrace
    make_config idletrace "autorefresh = 10"
    idle_remote "idlefolders = ['INBOX']" "keepalive = 1"
    start -d imap
    wait_for 10 at_least_finished 1
    wait_for 5 eval '[ "$(trace_count DONE)" -ge 2 ]'
    grep -Eq '^offlineimap: debug\(imap\): C: a[0-9]+ EXAMINE INBOX$' "$ERR"
    [ "$(trace_count 'a[0-9]+ IDLE')" -ge 2 ]
    kill -USR2 "$PID"
    finish
    [ "$status" -eq 0 ]
    # Every IDLE was ended, the last one by the end of the sleep.
    [ "$(trace_count 'a[0-9]+ IDLE')" -eq "$(trace_count DONE)" ]
}

@test "idlefolders over implicit TLS: a new message is synced within 5 seconds" {
    imapd_user idletls
    make_config idletls "autorefresh = 10"
    sed -i -e "s/^remoteport = .*/remoteport = $IMAPD_TLS_PORT/" -e 's/^ssl = no/ssl = yes/' "$RC"
    idle_remote "idlefolders = ['INBOX']"
    start
    wait_for 10 at_least_finished 1
    sleep 1  # the idle connection is up
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver idletls INBOX "$BATS_TEST_TMPDIR/m1" >/dev/null
    wait_for 5 has_mail 1
    kill -USR2 "$PID"
    finish
    [ "$status" -eq 0 ]
}

@test "idlefolders on a server without IDLE: offlineimap's warning; the folder waits for the refresh" {
    imapd_user noidle
    make_config noidle "autorefresh = 10"
    local tunnel="/usr/lib/dovecot/imap -c $IMAPD_CONF -u noidle -o imap_capability=IMAP4rev1"
    idle_remote "idlefolders = ['INBOX']" "preauthtunnel = $tunnel"
    start
    wait_for 10 at_least_finished 1
    wait_for 5 grep -qxF "IMAP IDLE not supported on server '$tunnel '.Sleep until next refresh cycle." "$OUT"
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver noidle INBOX "$BATS_TEST_TMPDIR/m1" >/dev/null
    sleep 1.5
    [ "$(mail_count)" -eq 0 ]
    kill -USR2 "$PID"
    finish
    [ "$status" -eq 0 ]
}

@test "holdconnectionopen = no, and = yes with idlefolders, are accepted" {
    imapd_user holdok
    make_config holdok
    idle_remote "holdconnectionopen = no" "keepalive = 60"
    run --separate-stderr "$BIN/offlineimap" -c "$RC" -o
    [ "$status" -eq 0 ]
    sed -i 's/^holdconnectionopen = no/holdconnectionopen = yes/' "$RC"
    idle_remote "idlefolders = ['INBOX']"
    run --separate-stderr "$BIN/offlineimap" -c "$RC" -o
    [ "$status" -eq 0 ]
}
