# offlineimap's user interfaces against the private Dovecot: machineui (offlineimap's exact
# record format), syslog (through $OIMAP_TEST_SYSLOG_SOCKET), -s, -l, -d with redaction,
# and blinkenlights' fallback without a terminal.
bats_require_minimum_version 1.5.0
load helpers/common
load helpers/offlineimap

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

setup() {
    export HOME=$BATS_TEST_TMPDIR/home
    mkdir -p "$HOME"
}

# one_message USER: a user whose INBOX holds one unseen message (UID 1).
one_message() {
    imapd_user "$1"
    message "$BATS_TEST_TMPDIR/m1" one
    imapd_deliver "$1" INBOX "$BATS_TEST_TMPDIR/m1" >/dev/null
}

# machine_lines FILE: our records with the port made constant.
@test "machineui: one record per event in offlineimap's format" {
    one_message mach
    make_config_general mach
    run --separate-stderr "$BIN/offlineimap" -c "$RC" -u machineui
    expect_status 0
    [ "$stderr" = "" ]
    local port=$IMAPD_PORT
    run sed -e "s/%0A$port%0A/%0APORT%0A/" -e '/^msg::MainThread:oimap+v/d' <<<"$output"
    cat > "$BATS_TEST_TMPDIR/expected" <<'OUT'
OfflineIMAP 8.0.1
  Licensed under the GNU GPL v2 or any later version (with an OpenSSL exception)
msg:protocol:MainThread:7.2.0
msg:initbanner:MainThread:OfflineIMAP+8.0.1%0A++Licensed+under+the+GNU+GPL+v2+or+any+later+version+%28with+an+OpenSSL+exception%29
msg:registerthread:Account+sync+Test:Test
msg:acct:Account+sync+Test:Test
msg:connecting:Account+sync+Test:127.0.0.1%0APORT%0ARemote
msg::Account+sync+Test:Creating+folder+INBOX%5BLocal%5D
msg:_display:Account+sync+Test:Creating+new+Local+Status+db+for+Local%3AINBOX
msg:syncfolders:Account+sync+Test:IMAP%0AMaildir
msg:registerthread:Folder+INBOX+%5Bacc%3A+Test%5D:Test
msg:syncingfolder:Folder+INBOX+%5Bacc%3A+Test%5D:IMAP%0AINBOX%0AMaildir%0AINBOX%0A
msg:syncingmessages:Folder+INBOX+%5Bacc%3A+Test%5D:IMAP%0AINBOX%0AMaildir%0AINBOX%0A
msg:copyingmessage:Folder+INBOX+%5Bacc%3A+Test%5D:1%0AIMAP%0AINBOX%0AMaildir%5BINBOX%5D
msg:syncingmessages:Folder+INBOX+%5Bacc%3A+Test%5D:Maildir%0AINBOX%0AIMAP%0AINBOX%0A
msg:threadExited:MainThread:Folder+INBOX+%5Bacc%3A+Test%5D
msg:unregisterthread:MainThread:Folder+INBOX+%5Bacc%3A+Test%5D
msg:acctdone:Account+sync+Test:Test
msg:threadExited:MainThread:Account+sync+Test
msg:unregisterthread:MainThread:Account+sync+Test
msg:terminate:MainThread:0%0A%0A
OUT
    diff -u "$BATS_TEST_TMPDIR/expected" - <<<"$output"
}

@test "machineui: every record after the banner parses as level:command:thread:payload" {
    one_message parse
    make_config_general parse
    run --separate-stderr "$BIN/offlineimap" -c "$RC" -u machineui
    expect_status 0
    run python3 -c '
import sys, urllib.parse
lines = sys.stdin.read().splitlines()[2:]
for line in lines:
    level, command, thread, payload = line.split(":", 3)
    assert level in ("msg", "warn", "error", "debug"), line
    assert urllib.parse.quote_plus(urllib.parse.unquote_plus(payload)) == payload, line
    assert urllib.parse.quote_plus(urllib.parse.unquote_plus(thread)) == thread, line
print(len(lines))
' <<<"$output"
    [ "$status" -eq 0 ]
    [ "$output" -ge 15 ]
}

@test "machineui: a missing password is asked with a getpass record and read from stdin" {
    one_message askpw
    make_config_general askpw
    sed -i '/^remotepass = /d' "$RC"
    run --separate-stderr "$BIN/offlineimap" -c "$RC" -u machineui <<<"pw-askpw-s3cret"
    expect_status 0
    assert_line "msg:getpass:Account+sync+Test:askpw"
    assert_line "msg:copyingmessage:Folder+INBOX+%5Bacc%3A+Test%5D:1%0AIMAP%0AINBOX%0AMaildir%5BINBOX%5D"
}

# syslog_listen: a datagram socket at $SOCK collecting into $SYSLOG (background, $LISTENER).
syslog_listen() {
    SOCK=$BATS_TEST_TMPDIR/log.sock SYSLOG=$BATS_TEST_TMPDIR/syslog.txt
    python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
open(sys.argv[1] + ".ready", "w").close()
s.settimeout(5)
with open(sys.argv[2], "w") as out:
    try:
        while True:
            out.write(s.recv(65536).decode() + "\n"); out.flush()
    except socket.timeout:
        pass
' "$SOCK" "$SYSLOG" 3>&- &
    LISTENER=$!
    for _ in $(seq 100); do [ -e "$SOCK.ready" ] && break; sleep 0.02; done
}

@test "syslog UI: the records go to syslog as offlineimap[pid]: message, nothing on the console" {
    one_message sys
    make_config_general sys
    syslog_listen
    OIMAP_TEST_SYSLOG_SOCKET=$SOCK run --separate-stderr "$BIN/offlineimap" -c "$RC" -u syslog
    expect_status 0
    [ "$output" = "" ]
    [ "$stderr" = "" ]
    sleep 0.2; kill "$LISTENER"
    grep -Eq '^<14>offlineimap\[[0-9]+\]: \*\*\* Processing account Test$' "$SYSLOG"
    grep -Eq '^<14>offlineimap\[[0-9]+\]: Copy message UID 1 \(1/1\) Remote:INBOX -> Local:INBOX$' "$SYSLOG"
    grep -Eq "^<14>offlineimap\[[0-9]+\]: \*\*\* Finished account 'Test' in 0:0[0-9]\$" "$SYSLOG"
}

@test "-s: the console as usual, and the same records in syslog" {
    one_message dash_s
    make_config_general dash_s "ui = basic"
    syslog_listen
    OIMAP_TEST_SYSLOG_SOCKET=$SOCK run --separate-stderr "$BIN/offlineimap" -c "$RC" -s
    expect_status 0
    [[ "$output" == *"*** Processing account Test"* ]]
    sleep 0.2; kill "$LISTENER"
    grep -Eq '^<14>offlineimap\[[0-9]+\]: \*\*\* Processing account Test$' "$SYSLOG"
}

@test "-l: the log file gets the starting record and every UI record with its level" {
    one_message logf
    make_config_general logf "ui = quiet"
    run --separate-stderr "$BIN/offlineimap" -c "$RC" -l "$BATS_TEST_TMPDIR/log"
    expect_status 0
    [ "$output" = "" ]
    grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} INFO: OfflineImap 8.0.1 starting...$' "$BATS_TEST_TMPDIR/log"
    grep -q '^  Args: .*-l '"$BATS_TEST_TMPDIR/log"'$' "$BATS_TEST_TMPDIR/log"
    grep -Eq '^[0-9-]{10} [0-9:]{8} INFO: Copy message UID 1 \(1/1\) Remote:INBOX -> Local:INBOX$' "$BATS_TEST_TMPDIR/log"
}

@test "-d imap -l: protocol debugging, and the password appears nowhere" {
    one_message redact
    make_config_general redact "ui = basic"
    run --separate-stderr "$BIN/offlineimap" -c "$RC" -d imap -l "$BATS_TEST_TMPDIR/log" \
        -k "Repository_Remote:remotepass=pw-redact-s3cret"
    expect_status 0
    [[ "$output$stderr" == *"Now debugging for imap: IMAP protocol debugging"* ]]
    grep -q 'LOGIN\|AUTHENTICATE' "$BATS_TEST_TMPDIR/log"
    ! grep -q 'pw-redact-s3cret' "$BATS_TEST_TMPDIR/log"
    [[ "$output$stderr" != *pw-redact-s3cret* ]]
    grep -q 'Args: .*remotepass=\*\*\*\*\*\*\*\*' "$BATS_TEST_TMPDIR/log"
}

@test "blinkenlights without a terminal falls back to ttyui with a warning" {
    one_message blink
    make_config_general blink
    run --separate-stderr "$BIN/offlineimap" -c "$RC" -u blinkenlights < /dev/null
    expect_status 0
    [[ "$stderr" == *"WARNING: blinkenlights needs a terminal (and TERM); using ttyui"* ]]
    [[ "$stderr" == *"*** Finished account 'Test'"* ]]
}
