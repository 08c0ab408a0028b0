# The private Dovecot of tests/cli/helpers/imapd.bash: it starts, serves users made by the
# test, and presents a certificate that verifies against the CA made for the run.
bats_require_minimum_version 1.5.0
load helpers/common

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

imap_session() {  # imap_session PORT-KIND COMMANDS...: a scripted session through openssl
    local port=$1; shift
    printf '%s\r\n' "$@" | timeout 10 openssl s_client -quiet -connect "127.0.0.1:$port" \
        -CAfile "$IMAPD_CA" -verify_return_error -verify_hostname localhost 2>/dev/null | tr -d "\r"
}

@test "implicit TLS: the certificate verifies for localhost against the test CA; login and LIST work" {
    imapd_user alice
    imapd_mailbox alice "Sp ace/Entwürfe"
    run --separate-stderr imap_session "$IMAPD_TLS_PORT" 'a1 LOGIN alice pw-alice-s3cret' \
        'a2 LIST "" *' 'a3 LOGOUT'
    [ "$status" -eq 0 ]
    assert_line --partial 'a1 OK'
    assert_line '* LIST (\HasNoChildren) "/" "Sp ace/Entw&APw-rfe"'
    assert_line '* LIST (\HasNoChildren) "/" INBOX'
}

@test "implicit TLS: the certificate does not verify for another host name" {
    run --separate-stderr bash -c "printf 'a1 LOGOUT\r\n' | timeout 10 openssl s_client -quiet \
        -connect 127.0.0.1:$IMAPD_TLS_PORT -CAfile $IMAPD_CA -verify_return_error \
        -verify_hostname wrong.example"
    [ "$status" -ne 0 ]
    [[ "$stderr" == *"hostname mismatch"* ]]
}

@test "imapd_deliver stores a message with flags and prints its UID" {
    imapd_user bob
    printf 'Subject: one\n\nbody\n' > "$BATS_TEST_TMPDIR/m1"
    run --separate-stderr imapd_deliver bob INBOX "$BATS_TEST_TMPDIR/m1" '\Seen' '$Forwarded'
    [ "$status" -eq 0 ]
    [ "$output" = 1 ]
    run --separate-stderr imapd_doveadm fetch -u bob 'uid flags' mailbox INBOX
    [ "$status" -eq 0 ]
    assert_line 'uid: 1'
    assert_line 'flags: \Seen \Recent $Forwarded'
}

@test "the plain listener offers STARTTLS" {
    run --separate-stderr bash -c "printf 'a1 CAPABILITY\r\na2 LOGOUT\r\n' | \
        timeout 10 openssl s_client -quiet -starttls imap -connect 127.0.0.1:$IMAPD_PORT \
        -CAfile $IMAPD_CA -verify_return_error -verify_hostname localhost 2>/dev/null"
    [ "$status" -eq 0 ]
    assert_line --partial 'a1 OK'
}
