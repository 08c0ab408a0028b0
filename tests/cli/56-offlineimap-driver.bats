# offlineimap driver fixes against the private Dovecot: --info shows the server greeting,
# newmail_hook (a Python callable) after unseen mail reached the local INBOX, and the
# Python expressions of the driver evaluated with [general] pythonfile definitions.
bats_require_minimum_version 1.5.0
load helpers/common
load helpers/offlineimap

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

setup() {
    export HOME=$BATS_TEST_TMPDIR/home
    mkdir -p "$HOME"
}

deliver() {  # deliver USER SUBJECT [FLAG...]
    local user=$1 subject=$2; shift 2
    message "$BATS_TEST_TMPDIR/$subject" "$subject"
    imapd_deliver "$user" INBOX "$BATS_TEST_TMPDIR/$subject" "$@" >/dev/null
}

@test "--info prints the server's welcome string as offlineimap does" {
    imapd_user info
    make_config_general info
    run --separate-stderr "$BIN/offlineimap" -c "$RC" --info
    expect_status 0
    local ours
    ours=$(grep '^Server welcome string: ' <<<"$stderr")
    [[ "$ours" == "Server welcome string: b'* OK [CAPABILITY IMAP4rev1 "*"] "*"ready.'" ]]
    run --separate-stderr /usr/bin/offlineimap -c "$RC" --info
    [ "$ours" = "$(grep '^Server welcome string: ' <<<"$stderr")" ]
}

@test "newmail_hook: called once after unseen mail came from the remote INBOX, not for seen mail" {
    imapd_user newmail
    cat > "$BATS_TEST_TMPDIR/hooks.py" <<PY
def notify():
    with open("$BATS_TEST_TMPDIR/called", "a") as f:
        f.write("new mail\n")
PY
    make_config_general newmail "pythonfile = $BATS_TEST_TMPDIR/hooks.py"
    printf 'newmail_hook = notify\n' >> "$RC"
    deliver newmail seen '\Seen'
    run --separate-stderr "$BIN/offlineimap" -c "$RC" -u basic
    expect_status 0
    [ ! -e "$BATS_TEST_TMPDIR/called" ]
    deliver newmail unseen
    run --separate-stderr "$BIN/offlineimap" -c "$RC" -u basic
    expect_status 0
    [ "$(cat "$BATS_TEST_TMPDIR/called")" = "new mail" ]
    run --separate-stderr "$BIN/offlineimap" -c "$RC" -u basic
    expect_status 0
    [ "$(cat "$BATS_TEST_TMPDIR/called")" = "new mail" ]
}

@test "newmail_hook: a failing callable is reported, the sync itself is done" {
    imapd_user badhook
    make_config_general badhook
    printf 'newmail_hook = lambda: 1 / 0\n' >> "$RC"
    deliver badhook unseen
    run --separate-stderr "$BIN/offlineimap" -c "$RC" -u basic
    expect_status 1
    [[ "$output" == *"ERROR: Calling newmail_hook"* ]]
    [[ "$output" == *"ZeroDivisionError"* ]]
    [ "$(find "$MAIL/INBOX/new" "$MAIL/INBOX/cur" -type f | wc -l)" -eq 1 ]
}

@test "--info evaluates nametrans with a function of [general] pythonfile" {
    imapd_user pyfile
    imapd_mailbox pyfile Archive
    printf 'def upper(name):\n    return name.upper()\n' > "$BATS_TEST_TMPDIR/trans.py"
    make_config_general pyfile "pythonfile = $BATS_TEST_TMPDIR/trans.py"
    printf 'nametrans = upper\n' >> "$RC"
    run --separate-stderr "$BIN/offlineimap" -c "$RC" --info
    expect_status 0
    [[ "$stderr" == *" Archive -> ARCHIVE"* ]]
}
