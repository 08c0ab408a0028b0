# offlineimap idlefolders against the private Dovecot: while the account sleeps between
# autorefresh syncs, a new message in an idle folder reaches the Maildir within seconds.
bats_require_minimum_version 1.5.0
load helpers/common
load helpers/offlineimap

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

setup() {
    export HOME=$BATS_TEST_TMPDIR/home
    mkdir -p "$HOME"
}
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
