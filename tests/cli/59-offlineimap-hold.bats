# holdconnectionopen (spec §10.3-10.4) against the private Dovecot: the driver logs in once
# and lends its connection to imap-fetch and sync-apply in every cycle, NOOPs it every
# keepalive seconds while sleeping, and replaces it when the server drops it.
bats_require_minimum_version 1.5.0
load helpers/common
load helpers/offlineimap

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

setup() {
    export HOME=$BATS_TEST_TMPDIR/home
    mkdir -p "$HOME"
}

# hold_config USER yes|no [KEEPALIVE]: autorefresh (woken by SIGUSR1), holdconnectionopen.
hold_config() {
    write_config "$1" "ui = basic" "autorefresh = 10" "remotepassfile = $IMAPD_DIR/pass/$1
holdconnectionopen = $2
keepalive = ${3:-0}"
}

trace() { cat "$OUT" "$ERR"; }
logins() { trace | grep -cE 'C: [A-Za-z0-9]+ (LOGIN|AUTHENTICATE) ' || true; }
noops_at_least() { [ "$(trace | grep -cE 'C: [A-Za-z0-9]+ NOOP$')" -ge "$1" ]; }
server_count() { imapd_doveadm search -u "$1" mailbox INBOX ALL | wc -l; }
local_message() {  # local_message NAME: a new message in the Maildir's INBOX
    message "$MAIL/INBOX/new/$1.local" "$1"
}

# First sync, then a remote and a local message and SIGUSR1 for a second one.
two_cycles() {
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver "$1" INBOX "$BATS_TEST_TMPDIR/m1" >/dev/null
    start -d imap
    wait_for 10 at_least_finished 1
    message "$BATS_TEST_TMPDIR/m2" two; imapd_deliver "$1" INBOX "$BATS_TEST_TMPDIR/m2" >/dev/null
    local_message three
    kill -USR1 "$PID"
    wait_for 10 at_least_finished 2
}

@test "holdconnectionopen: one login for two cycles, mail synced both ways, NOOP while sleeping" {
    imapd_user hold
    hold_config hold yes 1
    two_cycles hold
    [ "$(mail_count)" -eq 3 ]
    [ "$(server_count hold)" -eq 3 ]
    wait_for 5 noops_at_least 1
    [ "$(imapd_doveadm who hold | grep -c hold)" -eq 1 ]  # held through the sleep
    kill -USR2 "$PID"
    finish
    [ "$status" -eq 0 ]
    [ "$(logins)" -eq 1 ]
    ! grep -q '^held connection of' "$OUT" "$ERR"
    # As offlineimap says it: when a connection is opened, so once.
    [ "$(grep -c '^Establishing connection to .* (Remote)$' "$OUT")" -eq 1 ]
}

@test "holdconnectionopen: a connection the server kicked is replaced; the sync goes on" {
    imapd_user kicked
    hold_config kicked yes
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver kicked INBOX "$BATS_TEST_TMPDIR/m1" >/dev/null
    start -d imap
    wait_for 10 at_least_finished 1
    imapd_doveadm kick kicked >/dev/null
    message "$BATS_TEST_TMPDIR/m2" two; imapd_deliver kicked INBOX "$BATS_TEST_TMPDIR/m2" >/dev/null
    kill -USR1 "$PID"
    wait_for 10 at_least_finished 2
    kill -USR2 "$PID"
    finish
    [ "$status" -eq 0 ]
    [ "$(mail_count)" -eq 2 ]
    [ "$(logins)" -eq 2 ]
    grep -q '^held connection of Remote lost (.*BYE.*): opening a new one$' "$OUT"
}

@test "holdconnectionopen: a child that fails gives its connection up; the next child gets a new one" {
    imapd_user failing
    # imap-fetch exits 1 in every sync (a folderinclude that does not exist).
    write_config failing "ui = basic" "autorefresh = 10" "remotepassfile = $IMAPD_DIR/pass/failing
holdconnectionopen = yes
folderincludes = ['nosuch']"
    two_cycles failing
    kill -USR2 "$PID"
    finish
    [ "$status" -eq 1 ]
    [ "$(mail_count)" -eq 3 ]
    [ "$(server_count failing)" -eq 3 ]
    # Sync 1: imap-fetch's (closed after its exit 1), sync-apply's; sync 2: sync-apply's.
    [ "$(logins)" -eq 3 ]
}

@test "holdconnectionopen = no: each stage logs in" {
    imapd_user nohold
    hold_config nohold no
    two_cycles nohold
    kill -USR2 "$PID"
    finish
    [ "$status" -eq 0 ]
    [ "$(mail_count)" -eq 3 ]
    [ "$(server_count nohold)" -eq 3 ]
    [ "$(logins)" -eq 4 ]  # imap-fetch and sync-apply, twice
    [ "$(grep -c '^Establishing connection to .* (Remote)$' "$OUT")" -eq 2 ]
}

@test "holdconnectionopen on both IMAP repositories: one login each for two cycles" {
    imapd_user hr
    imapd_user hl
    RC=$BATS_TEST_TMPDIR/offlineimaprc META=$BATS_TEST_TMPDIR/meta
    cat > "$RC" <<CONF
[general]
accounts = Test
metadata = $META
ui = basic

[Account Test]
localrepository = Local
remoterepository = Remote
autorefresh = 10

[Repository Local]
type = IMAP
remotehost = $IMAPD_HOST
remoteport = $IMAPD_PORT
ssl = no
sslcacertfile = $IMAPD_CA
remoteuser = hl
remotepassfile = $IMAPD_DIR/pass/hl
holdconnectionopen = yes

[Repository Remote]
type = IMAP
remotehost = $IMAPD_HOST
remoteport = $IMAPD_PORT
ssl = no
sslcacertfile = $IMAPD_CA
remoteuser = hr
remotepassfile = $IMAPD_DIR/pass/hr
holdconnectionopen = yes
CONF
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver hr INBOX "$BATS_TEST_TMPDIR/m1" >/dev/null
    start -d imap
    wait_for 10 at_least_finished 1
    message "$BATS_TEST_TMPDIR/m2" two; imapd_deliver hr INBOX "$BATS_TEST_TMPDIR/m2" >/dev/null
    message "$BATS_TEST_TMPDIR/m3" three; imapd_deliver hl INBOX "$BATS_TEST_TMPDIR/m3" >/dev/null
    kill -USR1 "$PID"
    wait_for 10 at_least_finished 2
    kill -USR2 "$PID"
    finish
    [ "$status" -eq 0 ]
    [ "$(server_count hr)" -eq 3 ]
    [ "$(server_count hl)" -eq 3 ]
    [ "$(logins)" -eq 2 ]  # one per server
}
