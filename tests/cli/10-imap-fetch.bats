# imap-fetch(1) against the private Dovecot: listings, folder names, authentication,
# tunnels, incremental listings, the protocol trace and the command line.
bats_require_minimum_version 1.5.0
load helpers/common

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

# fetch USER ARGS...: imap-fetch over the plain port without TLS, as USER.
fetch() {
    local user=$1; shift
    imap-fetch --host "$IMAPD_HOST" --port "$IMAPD_PORT" --tls none --user "$user" \
        --password-file "$IMAPD_DIR/pass/$user" "$@"
}

message() {  # message FILE SUBJECT
    printf 'From: a@example.org\r\nSubject: %s\r\n\r\nbody of %s\r\n' "$2" "$2" > "$1"
}

# The records without the numbers that change from run to run (uidvalidity, dates).
shape() {
    awk -F'\t' 'BEGIN { OFS = "\t" }
        $1 == "folder" { print $1, $2, $3, $4, $7, $8, $9 }
        $1 == "msg" { print $1, $2, $3, $4, $5 }
        $1 == "vanished" || $1 == "#end" { print }' "$1"
}

@test "lists every folder: nesting, spaces, non-ASCII names raw, \\Noselect without messages" {
    imapd_user names
    imapd_mailbox names "Archive/2024"
    imapd_mailbox names "with space"
    imapd_mailbox names "Entwürfe"
    imapd_mailbox names 'quote"and\back'
    message "$BATS_TEST_TMPDIR/m" one
    imapd_deliver names "with space" "$BATS_TEST_TMPDIR/m" '\Seen' >/dev/null
    run --separate-stderr fetch names -o "$BATS_TEST_TMPDIR/out"
    [ "$status" -eq 0 ]
    [ "$output" = "" ]
    [ "$stderr" = "" ]
    shape "$BATS_TEST_TMPDIR/out" > "$BATS_TEST_TMPDIR/got"
    printf '%s\n' \
        $'folder\tArchive\t/\t\\Noselect \\HasChildren\t0\t0\tnone' \
        $'folder\tArchive/2024\t/\t\\HasNoChildren\t1\t0\tfull' \
        $'folder\tEntw&APw-rfe\t/\t\\HasNoChildren\t1\t0\tfull' \
        $'folder\tINBOX\t/\t\\HasNoChildren\t1\t0\tfull' \
        $'folder\tquote"and\\back\t/\t\\HasNoChildren\t1\t0\tfull' \
        $'folder\twith space\t/\t\\HasNoChildren\t3\t1\tfull' \
        $'msg\twith space\t1\t\\Seen \\Recent\t50' \
        $'#end\t7' > "$BATS_TEST_TMPDIR/want"
    diff -u "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
    head -n 1 "$BATS_TEST_TMPDIR/out" | grep -qx $'#oimap\tremote-state\t1'
    grep -qx $'#host\t127.0.0.1' "$BATS_TEST_TMPDIR/out"
    grep -qx $'#user\tnames' "$BATS_TEST_TMPDIR/out"
}

@test "a folder's listing matches what Dovecot reports: UIDs, flags, sizes, UIDVALIDITY, count" {
    imapd_user match
    for i in 1 2 3 4 5; do message "$BATS_TEST_TMPDIR/m$i" "number $i"; done
    imapd_deliver match INBOX "$BATS_TEST_TMPDIR/m1" '\Seen' >/dev/null
    imapd_deliver match INBOX "$BATS_TEST_TMPDIR/m2" '\Flagged' '$Forwarded' >/dev/null
    imapd_deliver match INBOX "$BATS_TEST_TMPDIR/m3" >/dev/null
    imapd_deliver match INBOX "$BATS_TEST_TMPDIR/m4" '\Answered' '\Draft' >/dev/null
    imapd_deliver match INBOX "$BATS_TEST_TMPDIR/m5" '\Deleted' >/dev/null
    imapd_doveadm expunge -u match mailbox INBOX uid 3
    run --separate-stderr fetch match --folder INBOX -o "$BATS_TEST_TMPDIR/out"
    [ "$status" -eq 0 ]
    imapd_doveadm fetch -u match 'uid flags size.virtual' mailbox INBOX |
        awk '/^uid: / { u = $2 } /^flags:/ { sub(/^flags: ?/, ""); f = $0 }
             /^size.virtual: / { printf "%s\t%s\t%s\n", u, f, $2 }' > "$BATS_TEST_TMPDIR/want"
    awk -F'\t' '$1 == "msg" { printf "%s\t%s\t%s\n", $3, $4, $5 }' "$BATS_TEST_TMPDIR/out" \
        > "$BATS_TEST_TMPDIR/got"
    [ "$(wc -l < "$BATS_TEST_TMPDIR/want")" -eq 4 ]
    diff -u "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
    uidvalidity=$(imapd_doveadm -f flow mailbox status -u match uidvalidity INBOX | sed 's/.*=//')
    awk -F'\t' -v v="$uidvalidity" '$1 == "folder" && $2 == "INBOX" && $5 == v && $6 == 6 && $8 == 4 { ok = 1 }
        END { exit !ok }' "$BATS_TEST_TMPDIR/out"
}

@test "the internal date is the server's INTERNALDATE (the Maildir file's mtime) in Unix seconds" {
    imapd_user dates
    local cur=$IMAPD_DIR/mail/dates/Maildir/cur
    mkdir -p "$cur" "$IMAPD_DIR/mail/dates/Maildir/new" "$IMAPD_DIR/mail/dates/Maildir/tmp"
    message "$cur/1700000000.M1P1.test:2,S" dated
    touch -d @1700000000 "$cur/1700000000.M1P1.test:2,S"
    chown -R "$IMAPD_MAIL_UID:$IMAPD_MAIL_GID" "$IMAPD_DIR/mail/dates"
    run --separate-stderr fetch dates --folder INBOX
    [ "$status" -eq 0 ]
    [ "$(echo "$output" | awk -F'\t' '$1 == "msg" { print $3, $4, $6 }')" = "1 \\Seen \\Recent 1700000000" ]
}

@test "a wrong password is an authentication error (exit 77) naming each mechanism's failure" {
    imapd_user wrongpw
    echo "not-the-password" > "$BATS_TEST_TMPDIR/pw"
    run --separate-stderr imap-fetch --host "$IMAPD_HOST" --port "$IMAPD_PORT" --tls none \
        --user wrongpw --password-file "$BATS_TEST_TMPDIR/pw" --auth-mechanisms 'PLAIN, LOGIN'
    [ "$status" -eq 77 ]
    [ "$output" = "" ]
    assert_equal "$stderr" "imap-fetch: warning: PLAIN authentication failed: NO [AUTHENTICATIONFAILED] Authentication failed.
imap-fetch: warning: LOGIN authentication failed: NO [AUTHENTICATIONFAILED] Authentication failed.
imap-fetch: error: cannot log in as 'wrongpw' to '127.0.0.1:$IMAPD_PORT': PLAIN: NO [AUTHENTICATIONFAILED] Authentication failed.; LOGIN: NO [AUTHENTICATIONFAILED] Authentication failed."
}

@test "every mechanism logs in: CRAM-MD5, PLAIN (SASL-IR) and LOGIN" {
    imapd_user mechs
    for mech in CRAM-MD5 PLAIN LOGIN; do
        run --separate-stderr fetch mechs --auth-mechanisms "$mech" --folder INBOX -d imap
        [ "$status" -eq 0 ]
        [[ "$stderr" == *"authenticated as 'mechs' with $mech"* ]]
    done
}

@test "GSSAPI alone is refused with a clear message; an unknown mechanism is a config error" {
    imapd_user gss
    run --separate-stderr fetch gss --auth-mechanisms GSSAPI
    [ "$status" -eq 77 ]
    assert_equal "$stderr" "imap-fetch: error: cannot log in as 'gss' to '127.0.0.1:$IMAPD_PORT': no usable authentication mechanism (GSSAPI: not supported by this implementation (no Kerberos))"
    run --separate-stderr fetch gss --auth-mechanisms 'PLAIN, NTLM'
    [ "$status" -eq 78 ]
    assert_equal "$stderr" "imap-fetch: error: unknown authentication mechanism 'NTLM' (known: GSSAPI, XOAUTH2, CRAM-MD5, PLAIN, LOGIN)"
}

@test "-d imap traces the protocol without the password or the SASL payload" {
    imapd_user tracer
    run --separate-stderr fetch tracer --auth-mechanisms LOGIN -d imap
    [ "$status" -eq 0 ]
    [[ "$stderr" == *'imap-fetch: debug(imap): C: a1 LOGIN "tracer" <password redacted>'* ]]
    [[ "$stderr" == *'C: a'*' UID FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE MODSEQ)'* ]]
    [[ "$stderr" != *"pw-tracer-s3cret"* ]]
    run --separate-stderr fetch tracer --auth-mechanisms PLAIN -d imap
    [ "$status" -eq 0 ]
    [[ "$stderr" == *'C: a1 AUTHENTICATE PLAIN <credentials redacted>'* ]]
    payload=$(printf '\0tracer\0pw-tracer-s3cret' | base64 -w0)
    [[ "$stderr" != *"$payload"* ]]
    [[ "$stderr" != *"pw-tracer-s3cret"* ]]
    run --separate-stderr fetch tracer --auth-mechanisms CRAM-MD5 -d imap
    [ "$status" -eq 0 ]
    [[ "$stderr" == *'C: <credentials redacted>'* ]]
}

@test "--folder lists only the named folders; an unknown one fails before writing anything" {
    imapd_user picky
    imapd_mailbox picky "One"
    imapd_mailbox picky "Two"
    run --separate-stderr fetch picky --folder Two --folder INBOX
    [ "$status" -eq 0 ]
    [ "$(echo "$output" | awk -F'\t' '$1 == "folder" { print $2 }' | paste -sd,)" = "INBOX,Two" ]
    run --separate-stderr fetch picky --folder Nope -o "$BATS_TEST_TMPDIR/out"
    [ "$status" -eq 66 ]
    [ "$stderr" = "imap-fetch: error: cannot list folder 'Nope': no such mailbox on '127.0.0.1:$IMAPD_PORT'" ]
    [ ! -e "$BATS_TEST_TMPDIR/out" ]
}

@test "--subscribed-only lists the subscribed folders (LSUB)" {
    imapd_user subs
    imapd_mailbox subs "Read"
    imapd_mailbox subs "Unread"
    imapd_doveadm mailbox subscribe -u subs Read
    run --separate-stderr fetch subs --subscribed-only
    [ "$status" -eq 0 ]
    [ "$(echo "$output" | awk -F'\t' '$1 == "folder" { print $2 }' | paste -sd,)" = "Read" ]
}

@test "--reference is sent with LIST" {
    imapd_user refs
    imapd_mailbox refs "Top/Sub"
    run --separate-stderr fetch refs --reference Top/ -d imap
    [ "$status" -eq 0 ]
    [[ "$stderr" == *'C: a'*' LIST "Top/" "*"'* ]]
    [ "$(echo "$output" | awk -F'\t' '$1 == "folder" { print $2 }' | paste -sd,)" = "Top/Sub" ]
}

@test "--utf8-folder-names enables UTF8=ACCEPT when offered, else names stay modified UTF-7" {
    imapd_user utf8
    imapd_mailbox utf8 "Entwürfe"
    run --separate-stderr fetch utf8 --utf8-folder-names -d imap
    [ "$status" -eq 0 ]
    if [[ "$stderr" == *"UTF8=ACCEPT"* ]]; then
        echo "$output" | grep -q $'^folder\tEntwürfe\t'
    else
        echo "$output" | grep -q $'^folder\tEntw&APw-rfe\t'
    fi
}

@test "a preauth tunnel runs the command with sh -c and needs no login" {
    imapd_user tunnel
    message "$BATS_TEST_TMPDIR/m" tunnelled
    imapd_deliver tunnel INBOX "$BATS_TEST_TMPDIR/m" >/dev/null
    run --separate-stderr imap-fetch --preauth-tunnel "/usr/lib/dovecot/imap -c '$IMAPD_CONF' -u tunnel" \
        --folder INBOX
    [ "$status" -eq 0 ]
    [ "$(echo "$output" | grep -c $'^msg\tINBOX\t1\t')" -eq 1 ]
}

@test "a transport tunnel carries the session, and authentication still happens" {
    imapd_user transport
    run --separate-stderr imap-fetch --tunnel "openssl s_client -quiet -connect 127.0.0.1:$IMAPD_TLS_PORT -CAfile '$IMAPD_CA' 2>/dev/null" \
        --user transport --password-file "$IMAPD_DIR/pass/transport" --folder INBOX -d imap
    [ "$status" -eq 0 ]
    [[ "$stderr" == *"authenticated as 'transport'"* ]]
    echo "$output" | grep -q $'^folder\tINBOX\t'
}

@test "--changed-since-file lists only changes and vanished UIDs (QRESYNC)" {
    imapd_user incr
    for i in 1 2 3 4; do
        message "$BATS_TEST_TMPDIR/m$i" "n$i"
        imapd_deliver incr INBOX "$BATS_TEST_TMPDIR/m$i" >/dev/null
    done
    run --separate-stderr fetch incr -o "$BATS_TEST_TMPDIR/before"
    [ "$status" -eq 0 ]
    imapd_doveadm flags add -u incr '\Seen' mailbox INBOX uid 2
    imapd_doveadm expunge -u incr mailbox INBOX uid 3
    message "$BATS_TEST_TMPDIR/m5" n5
    imapd_deliver incr INBOX "$BATS_TEST_TMPDIR/m5" >/dev/null
    run --separate-stderr fetch incr --changed-since-file "$BATS_TEST_TMPDIR/before" -o "$BATS_TEST_TMPDIR/after"
    [ "$status" -eq 0 ]
    since=$(awk -F'\t' '$1 == "folder" && $2 == "INBOX" { print $7 }' "$BATS_TEST_TMPDIR/before")
    awk -F'\t' -v s="$since" '$1 == "folder" && $2 == "INBOX" && $8 == 4 && $9 == "changes" && $10 == s { ok = 1 }
        END { exit !ok }' "$BATS_TEST_TMPDIR/after"
    [ "$(awk -F'\t' '$1 == "msg" { print $3 }' "$BATS_TEST_TMPDIR/after" | paste -sd,)" = "2,5" ]
    grep -qx $'vanished\tINBOX\t3' "$BATS_TEST_TMPDIR/after"
}

@test "--changed-since-file with another UIDVALIDITY lists the folder in full" {
    imapd_user reval
    message "$BATS_TEST_TMPDIR/m" one
    imapd_deliver reval INBOX "$BATS_TEST_TMPDIR/m" >/dev/null
    run --separate-stderr fetch reval -o "$BATS_TEST_TMPDIR/before"
    [ "$status" -eq 0 ]
    awk -F'\t' 'BEGIN { OFS = "\t" } $1 == "folder" { $5 = 12345 } { print }' "$BATS_TEST_TMPDIR/before" \
        > "$BATS_TEST_TMPDIR/stale"
    run --separate-stderr fetch reval --changed-since-file "$BATS_TEST_TMPDIR/stale"
    [ "$status" -eq 0 ]
    echo "$output" | awk -F'\t' '$1 == "folder" && $2 == "INBOX" && $9 == "full" { ok = 1 } END { exit !ok }'
    [ "$(echo "$output" | grep -c '^msg')" -eq 1 ]
}

@test "-c FILE -a ACCOUNT takes the server settings from an offlineimaprc" {
    imapd_user rc
    cat > "$BATS_TEST_TMPDIR/rc" <<RC
[general]
accounts = Test
[Account Test]
localrepository = Local
remoterepository = Remote
[Repository Local]
type = Maildir
localfolders = $BATS_TEST_TMPDIR/mail
[Repository Remote]
type = IMAP
remotehost = 127.0.0.1
remoteport = $IMAPD_PORT
ssl = no
starttls = yes
sslcacertfile = $IMAPD_CA
remoteuser = rc
remotepassfile = $IMAPD_DIR/pass/rc
RC
    run --separate-stderr imap-fetch -c "$BATS_TEST_TMPDIR/rc" -a Test -d imap
    [ "$status" -eq 0 ]
    [[ "$stderr" == *"C: a"*" STARTTLS"* ]]
    echo "$output" | grep -q $'^folder\tINBOX\t'
}

@test "command-line errors exit 64; --help and --version exit 0" {
    run --separate-stderr imap-fetch --user x
    [ "$status" -eq 64 ]
    [ "$stderr" = "imap-fetch: error: cannot connect: give --host, --tunnel or -c FILE -a ACCOUNT" ]
    run --separate-stderr imap-fetch --host 127.0.0.1 --tls maybe
    [ "$status" -eq 64 ]
    [ "$stderr" = "imap-fetch: error: cannot use --tls 'maybe': expected none, starttls, starttls-if-offered or implicit" ]
    run --separate-stderr imap-fetch --host 127.0.0.1 stray
    [ "$status" -eq 64 ]
    run --separate-stderr imap-fetch --help
    [ "$status" -eq 0 ]
    [[ "$output" == usage:* ]]
    run --separate-stderr imap-fetch --version
    [ "$status" -eq 0 ]
    [ "$output" = "imap-fetch 0.1.0 (writes remote-state 1)" ]
}

@test "a refused connection is a network error (exit 69)" {
    port=$(imapd_free_port)
    run --separate-stderr imap-fetch --host 127.0.0.1 --port "$port" --tls none --user x
    [ "$status" -eq 69 ]
    [ "$stderr" = "imap-fetch: error: cannot connect to '127.0.0.1:$port': Connection refused" ]
}

@test "--timeout bounds a silent server (through a tunnel that never answers)" {
    SECONDS=0
    run --separate-stderr imap-fetch --tunnel "sleep 30" --user x --timeout 1
    [ "$status" -eq 69 ]
    [ "$stderr" = "imap-fetch: error: cannot read from 'tunnel 'sleep 30'': timed out after 1 seconds" ]
    [ "$SECONDS" -lt 10 ]
}

@test "a malformed greeting is a protocol error (exit 76) showing the server's bytes, sanitised" {
    run --separate-stderr imap-fetch --tunnel "cat '$TOP/tests/fixtures/imap/binary-garbage.txt'; sleep 5" --user x
    [ "$status" -eq 76 ]
    [ "$stderr" = "imap-fetch: error: cannot parse server response: invalid character in tag at byte 0: '%16' (is 'tunnel 'cat '$TOP/tests/fixtures/imap/binary-garbage.txt'; sleep 5'' an IMAP server? for an implicit-TLS port use TLS)" ]
}

@test "a server that closes the connection mid-listing gives no output and a non-zero exit" {
    run --separate-stderr imap-fetch --preauth-tunnel "printf '* PREAUTH ready\r\n* CAPABILITY IMAP4rev1\r\n'; exec >&-; cat >/dev/null" -o "$BATS_TEST_TMPDIR/out"
    [ "$status" -eq 69 ]
    [ "$stderr" = "imap-fetch: error: cannot read server response: connection closed by the server" ]
    [ ! -e "$BATS_TEST_TMPDIR/out" ]
}

@test "library commands against Dovecot: create, append, select, fetch (streamed), store, search, expunge, idle" {
    [ -x "$TOP/build/test/imap_test" ] || skip "build/test/imap_test is not built"
    imapd_user live
    export OIMAP_TEST_IMAP_TUNNEL="/usr/lib/dovecot/imap -c '$IMAPD_CONF' -u live"
    run --separate-stderr timeout 120 "$TOP/build/test/imap_test" --gtest_filter='Live.*'
    [ "$status" -eq 0 ]
    [[ "$output" == *"[  PASSED  ] 11 tests."* ]]
}
