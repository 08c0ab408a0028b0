# offlineimap: the command line and the config file (spec §1, §1.1, §1.3, §2), the checks
# made before any server is contacted, and the account lock (spec §7.6).
bats_require_minimum_version 1.5.0
load helpers/common

setup() {
    export HOME=$BATS_TEST_TMPDIR/home XDG_CONFIG_HOME=
    mkdir -p "$HOME"
    RC=$BATS_TEST_TMPDIR/offlineimaprc
    cat > "$RC" <<CONF
[general]
accounts = Test
metadata = $BATS_TEST_TMPDIR/meta
ui = basic

[Account Test]
localrepository = Local
remoterepository = Remote

[Account Other]
localrepository = Local
remoterepository = Remote

[Repository Local]
type = Maildir
localfolders = $BATS_TEST_TMPDIR/mail

[Repository Remote]
type = IMAP
remotehost = 127.0.0.1
remoteport = 1
ssl = no
starttls = no
remoteuser = nobody
remotepass = nothing
CONF
}

@test "--version prints the bare offlineimap version; -V the full line" {
    run --separate-stderr offlineimap --version
    [ "$status" -eq 0 ]
    [ "$output" = "8.0.1" ]
    run --separate-stderr offlineimap -V
    [ "$status" -eq 0 ]
    [[ "$output" == "offlineimap v8.0.1, oimap v"* ]]
}

@test "-h prints optparse's usage line and every option of the manual" {
    run --separate-stderr offlineimap -h
    [ "$status" -eq 0 ]
    [ "${lines[0]}" = "Usage: offlineimap [options]" ]
    for opt in --dry-run --info -1 '-P DIR' -a -c -d -l -s -f -k -o -q -u --delete-folder \
               --migrate-fmd5-using-nametrans --mbnames-prune; do
        [[ "$output" == *"  $opt"* ]] || { echo "missing $opt"; false; }
    done
}

@test "an unknown option is a usage error with exit status 2" {
    run --separate-stderr offlineimap --no-such-thing
    [ "$status" -eq 2 ]
    [ "$output" = "" ]
    [ "$stderr" = "$(printf 'Usage: offlineimap [options]\n\nofflineimap: error: no such option: --no-such-thing')" ]
}

@test "a missing -a argument is a usage error with exit status 2" {
    run --separate-stderr offlineimap -a
    [ "$status" -eq 2 ]
    [[ "$stderr" == *"offlineimap: error: "*"'a' is missing an argument"* ]]
}

@test "a missing config file: offlineimap's message and exit status 1" {
    run --separate-stderr offlineimap -c "$BATS_TEST_TMPDIR/none" -o
    [ "$status" -eq 1 ]
    [ "$stderr" = "ERROR: *** Config file '$BATS_TEST_TMPDIR/none' does not exist; aborting!" ]
}

@test "without -c: ~/.offlineimaprc when the XDG file is absent" {
    run --separate-stderr offlineimap -o
    [ "$status" -eq 1 ]
    [ "$stderr" = "ERROR: *** Config file '$HOME/.offlineimaprc' does not exist; aborting!" ]
}

@test "without -c: \$XDG_CONFIG_HOME/offlineimap/config comes first" {
    mkdir -p "$BATS_TEST_TMPDIR/xdg/offlineimap" && cp "$RC" "$BATS_TEST_TMPDIR/xdg/offlineimap/config"
    sed -i 's/^accounts = Test/accounts = Nope/' "$BATS_TEST_TMPDIR/xdg/offlineimap/config"
    cp "$RC" "$HOME/.offlineimaprc"
    XDG_CONFIG_HOME=$BATS_TEST_TMPDIR/xdg run --separate-stderr offlineimap -o
    [ "$status" -eq 1 ]
    assert_line "ERROR: The account 'Nope' does not exist"
}

@test "an unknown account in -a is refused and the valid ones are listed" {
    run --separate-stderr offlineimap -c "$RC" -o -a 'Test, Bogus'
    [ "$status" -eq 1 ]
    assert_line "ERROR: The account 'Bogus' does not exist"
    assert_line "ERROR: Valid accounts are: Test, Other"
    [ ! -e "$BATS_TEST_TMPDIR/mail" ]
}

@test "an option offlineimap implements and we do not yet is refused by name" {
    printf 'synclabels = yes\n' >> "$RC"
    sed -i 's/^\[Account Test\]/[Account Test]\nsynclabels = yes/' "$RC"
    run --separate-stderr offlineimap -c "$RC" -o -a Test
    [ "$status" -eq 1 ]
    assert_line --partial "option 'synclabels' in [Account Test] is not supported yet"
    [ ! -e "$BATS_TEST_TMPDIR/mail" ]
}

@test "options offlineimap ignores are accepted (they do not stop the run before the server)" {
    sed -i 's/^\[Repository Remote\]/[Repository Remote]\nrealdelete = no\nkeepalive = 60/' "$RC"
    printf '[ui.Curses.Blinkenlights]\nstatuschar = .\n' >> "$RC"
    run --separate-stderr offlineimap -c "$RC" -o -a Test
    [ "$status" -eq 1 ]
    refute_output --partial "not supported"
    assert_output --partial "Establishing connection to 127.0.0.1:1 (Remote)"
}

@test "autorefresh: -o runs once; without it, three failed syncs in a row end the loop" {
    sed -i 's/^\[Account Test\]/[Account Test]\nautorefresh = 0.001/' "$RC"
    run --separate-stderr offlineimap -c "$RC" -a Test -o
    [ "$status" -eq 1 ]
    [ "$(grep -c '^\*\*\* Processing account Test$' <<<"$output")" -eq 1 ]
    run --separate-stderr timeout 20 offlineimap -c "$RC" -a Test
    [ "$status" -eq 1 ]
    [ "$(grep -c '^\*\*\* Processing account Test$' <<<"$output")" -eq 3 ]
}

@test "-k overrides a value; '_' in the section is a space; -k with a missing section fails" {
    run --separate-stderr offlineimap -c "$RC" -o -k Account_Test:synclabels=yes
    [ "$status" -eq 1 ]
    assert_line --partial "option 'synclabels' in [Account Test] is not supported yet"
    run --separate-stderr offlineimap -c "$RC" -o -k general:accounts=Other
    assert_line "*** Processing account Other"
    refute_line "*** Processing account Test"
    run --separate-stderr offlineimap -c "$RC" -o -k 'No_Such:foo=bar'
    [ "$status" -eq 1 ]
    [[ "$stderr" == "ERROR: "*"No Such"* ]]
}

@test "-u: basic and quiet are accepted; blinkenlights falls back without a terminal; unknown UIs are refused" {
    run --separate-stderr offlineimap -c "$RC" -o -u quiet
    [ "$status" -eq 1 ]
    refute_line "*** Processing account Test"
    run --separate-stderr offlineimap -c "$RC" -o -u Noninteractive.Basic
    assert_line "*** Processing account Test"
    run --separate-stderr offlineimap -c "$RC" -o -u blinkenlights < /dev/null
    [ "$status" -eq 1 ]
    [[ "$stderr" == "WARNING: blinkenlights needs a terminal (and TERM); using ttyui"* ]]
    run --separate-stderr offlineimap -c "$RC" -o -u bogus
    [ "$status" -eq 1 ]
    [[ "$stderr" == "ERROR: UI 'bogus' does not exist, choose one of: "* ]]
}

@test "the banner and the account lines of the basic UI go to stdout, ttyui's to stderr" {
    run --separate-stderr offlineimap -c "$RC" -o -u basic
    [ "${lines[0]}" = "OfflineIMAP 8.0.1" ]
    assert_line "*** Processing account Test"
    assert_line --regexp "^\*\*\* Finished account 'Test' in 0:0[0-9]$"
    run --separate-stderr offlineimap -c "$RC" -o -u ttyui
    [ "$output" = "" ]
    [[ "$stderr" == "OfflineIMAP 8.0.1"* ]]
}

@test "a held account lock: offlineimap's message, exit 1, the holder's lock file is kept" {
    mkdir -p "$BATS_TEST_TMPDIR/meta"
    flock "$BATS_TEST_TMPDIR/meta/Test.lock" sleep 30 &
    holder=$!
    sleep 0.3
    run --separate-stderr offlineimap -c "$RC" -o -a Test
    kill "$holder"
    [ "$status" -eq 1 ]
    assert_line "ERROR: Could not lock account Test. Is another instance using this account?"
    refute_output --partial "Establishing connection"
}

@test "a lock held with Python's fcntl.lockf is seen as well" {
    mkdir -p "$BATS_TEST_TMPDIR/meta"
    python3 -c 'import fcntl, sys, time
f = open(sys.argv[1], "w"); fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB); print("locked", flush=True); time.sleep(30)' \
        "$BATS_TEST_TMPDIR/meta/Test.lock" > "$BATS_TEST_TMPDIR/py.out" &
    holder=$!
    for _ in $(seq 50); do [ -s "$BATS_TEST_TMPDIR/py.out" ] && break; sleep 0.1; done
    run --separate-stderr offlineimap -c "$RC" -o -a Test
    kill "$holder"
    [ "$status" -eq 1 ]
    assert_line "ERROR: Could not lock account Test. Is another instance using this account?"
}

@test "-l appends offlineimap's records to a log file" {
    run --separate-stderr offlineimap -c "$RC" -o -l "$BATS_TEST_TMPDIR/log" -a Test
    [ "$status" -eq 1 ]
    grep -q '^[0-9-]* [0-9:]* INFO: OfflineImap 8.0.1 starting...$' "$BATS_TEST_TMPDIR/log"
    grep -q "^[0-9-]* [0-9:]* INFO: \*\*\* Processing account Test$" "$BATS_TEST_TMPDIR/log"
    grep -q "^[0-9-]* [0-9:]* ERROR: ERROR: " "$BATS_TEST_TMPDIR/log"
}

@test "a local repository of type Gmail is refused clearly, before any connection" {
    sed -i 's/^type = Maildir/type = Gmail\nremotehost = 127.0.0.1/' "$RC"
    run --separate-stderr offlineimap -c "$RC" -o -a Test
    [ "$status" -eq 1 ]
    assert_line --partial "in [Repository Local] is not supported yet by this offlineimap: a local repository of type Gmail"
    refute_output --partial "Establishing connection"
}

@test "empty -a, -c and -f values count as not given, as offlineimap tests them for truth" {
    cp "$RC" "$HOME/.offlineimaprc"
    run --separate-stderr offlineimap -o -c '' -a '' -f ''
    [ "$status" -eq 1 ]
    assert_line "*** Processing account Test"
    refute_output --partial "does not exist"
    refute_output --partial "no folder to sync"
}

@test "long options may be abbreviated to a unique prefix, as optparse allows" {
    run --separate-stderr offlineimap --vers
    [ "$status" -eq 0 ]
    [ "$output" = "8.0.1" ]
    run --separate-stderr offlineimap -c "$RC" --dry -o -a Test
    [ "$status" -eq 1 ]
    assert_line "*** Processing account Test"
    run --separate-stderr offlineimap --m
    [ "$status" -eq 2 ]
    [ "$stderr" = "$(printf 'Usage: offlineimap [options]\n\nofflineimap: error: ambiguous option: --m (--migrate-fmd5-using-nametrans, --mbnames-prune?)')" ]
}

@test "the password reaches imap-fetch through --password-file, never its arguments or environment" {
    mkdir -p "$BATS_TEST_TMPDIR/bin"
    cp "$BIN/offlineimap" "$BATS_TEST_TMPDIR/bin/"
    cat > "$BATS_TEST_TMPDIR/bin/imap-fetch" <<'SH'
#!/bin/sh
printf '%s\n' "$@" > "$SPY/argv"
env > "$SPY/env"
while [ $# -gt 0 ]; do [ "$1" = --password-file ] && head -n 1 "$2" > "$SPY/password"; shift; done
exit 69
SH
    chmod +x "$BATS_TEST_TMPDIR/bin/imap-fetch"
    cp "$BIN/maildir-scan" "$BATS_TEST_TMPDIR/bin/"
    export SPY=$BATS_TEST_TMPDIR
    sed -i 's/^remotepass = nothing/remotepass = s3cret-Pa55/' "$RC"
    run --separate-stderr "$BATS_TEST_TMPDIR/bin/offlineimap" -c "$RC" -o -a Test
    [ "$status" -eq 1 ]
    [ "$(cat "$SPY/password")" = "s3cret-Pa55" ]
    run grep -c s3cret "$SPY/argv" "$SPY/env"
    [ "$output" = "$(printf '%s\n' "$SPY/argv:0" "$SPY/env:0")" ]
    grep -qx -- --user "$SPY/argv"
    grep -qx nobody "$SPY/argv"
}
