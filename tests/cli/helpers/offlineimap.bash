# Helpers of the bats files that run offlineimap against the private Dovecot: a config,
# messages, and running offlineimap in the background (autorefresh, IDLE, blinkenlights).

# write_config USER GENERAL-LINES ACCOUNT-LINES PASSWORD-LINE: an offlineimaprc for USER in
# $RC, Maildir in $MAIL, metadata in $META.
write_config() {
    local user=$1
    RC=$BATS_TEST_TMPDIR/offlineimaprc MAIL=$BATS_TEST_TMPDIR/mail META=$BATS_TEST_TMPDIR/meta
    cat > "$RC" <<CONF
[general]
accounts = Test
metadata = $META
$2

[Account Test]
localrepository = Local
remoterepository = Remote
$3

[Repository Local]
type = Maildir
localfolders = $MAIL

[Repository Remote]
type = IMAP
remotehost = $IMAPD_HOST
remoteport = $IMAPD_PORT
ssl = no
sslcacertfile = $IMAPD_CA
remoteuser = $user
$4
CONF
}

# make_config USER [EXTRA-ACCOUNT-LINES]: the basic UI, the password in a file.
make_config() {
    write_config "$1" "ui = basic" "${2:-}" "remotepassfile = $IMAPD_DIR/pass/$1"
}

message() {  # message FILE SUBJECT
    printf 'From: a@example.org\nSubject: %s\nMessage-ID: <%s@example.org>\n\nbody\n' \
        "$2" "$2" > "$1"
}

# start: runs offlineimap in the background; its pid in $PID, output in $OUT and $ERR.
start() {
    OUT=$BATS_TEST_TMPDIR/out ERR=$BATS_TEST_TMPDIR/err
    "$BIN/offlineimap" -c "$RC" "$@" > "$OUT" 2> "$ERR" 3>&- &
    PID=$!
}

# wait_for SECONDS COMMAND...: polls every 0.05 s; fails (showing the output) on timeout.
wait_for() {
    local deadline=$(( $(date +%s%N) / 1000000 + $1 * 1000 )); shift
    until "$@"; do
        if (( $(date +%s%N) / 1000000 > deadline )); then
            printf 'timed out waiting for: %s\n--- stdout\n%s\n--- stderr\n%s\n' "$*" \
                "$(cat "$OUT")" "$(cat "$ERR")"
            return 1
        fi
        sleep 0.05
    done
}

finished_count() { grep -c "^\*\*\* Finished account 'Test'" "$OUT" || true; }
at_least_finished() { [ "$(finished_count)" -ge "$1" ]; }
exited() { ! kill -0 "$PID" 2>/dev/null; }
mail_count() { find "$MAIL/INBOX/cur" "$MAIL/INBOX/new" -type f 2>/dev/null | wc -l; }
has_mail() { [ "$(mail_count)" -ge "$1" ]; }

modes_at_least() { [ "$(cat "$BATS_TEST_TMPDIR/modes" 2>/dev/null | wc -l)" -ge "$1" ]; }

# finish: waits for the background run; its exit status in $status.
finish() {
    wait_for 10 exited
    status=0
    wait "$PID" || status=$?
}

# make_config_general USER [EXTRA-GENERAL-LINES]: like make_config, with lines for [general]
# instead of the UI, and the password written in the file (remotepass).
make_config_general() {
    write_config "$1" "${2:-}" "" "remotepass = pw-$1-s3cret"
}

# expect_status N: checks $status, showing both streams when it differs.
expect_status() {
    [ "$status" -eq "$1" ] || { printf 'status %s\n--- stdout\n%s\n--- stderr\n%s\n' "$status" "$output" "$stderr"; false; }
}
