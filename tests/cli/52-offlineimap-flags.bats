# offlineimap's options against the private Dovecot: -a, -f, -q, -k, --info,
# --delete-folder, --migrate-fmd5-using-nametrans, a concurrent run, and the documented
# example configuration.
bats_require_minimum_version 1.5.0
load helpers/common

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

# account_config NAME USER: the sections of account NAME for USER, appended to $RC.
account_config() {
    cat >> "$RC" <<CONF
[Account $1]
localrepository = $1Local
remoterepository = $1Remote

[Repository $1Local]
type = Maildir
localfolders = $BATS_TEST_TMPDIR/mail-$1

[Repository $1Remote]
type = IMAP
remotehost = $IMAPD_HOST
remoteport = $IMAPD_TLS_PORT
sslcacertfile = $IMAPD_CA
remoteuser = $2
remotepassfile = $IMAPD_DIR/pass/$2

CONF
}

make_config() {  # make_config USER: account Test for USER, implicit TLS
    RC=$BATS_TEST_TMPDIR/offlineimaprc META=$BATS_TEST_TMPDIR/meta MAIL=$BATS_TEST_TMPDIR/mail-Test
    printf '[general]\naccounts = Test\nmetadata = %s\nui = basic\n\n' "$META" > "$RC"
    account_config Test "$1"
}

message() {
    printf 'From: a@example.org\nSubject: %s\nMessage-ID: <%s@example.org>\n\nbody of %s\n' \
        "$2" "$2" "$2" > "$1"
}

expect_status() {
    [ "$status" -eq "$1" ] || { printf 'status %s\n--- stdout\n%s\n--- stderr\n%s\n' "$status" "$output" "$stderr"; false; }
}

setup() {
    export HOME=$BATS_TEST_TMPDIR/home
    mkdir -p "$HOME"
}

@test "-a syncs only the accounts named" {
    imapd_user a1; imapd_user a2
    message "$BATS_TEST_TMPDIR/m" one
    imapd_deliver a1 INBOX "$BATS_TEST_TMPDIR/m" > /dev/null
    imapd_deliver a2 INBOX "$BATS_TEST_TMPDIR/m" > /dev/null
    make_config a1
    sed -i 's/^accounts = Test/accounts = Test, Two/' "$RC"
    account_config Two a2
    run --separate-stderr offlineimap -c "$RC" -o -aTwo
    expect_status 0
    refute_line "*** Processing account Test"
    [ ! -e "$BATS_TEST_TMPDIR/mail-Test" ]
    ls "$BATS_TEST_TMPDIR"/mail-Two/INBOX/new/*,U=1,*
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    ls "$BATS_TEST_TMPDIR"/mail-Test/INBOX/new/*,U=1,*
}

@test "-f syncs only the folders named (untranslated remote names)" {
    imapd_user ff
    imapd_mailbox ff Archive; imapd_mailbox ff "Other, with comma"
    message "$BATS_TEST_TMPDIR/m" one
    imapd_deliver ff Archive "$BATS_TEST_TMPDIR/m" > /dev/null
    imapd_deliver ff INBOX "$BATS_TEST_TMPDIR/m" > /dev/null
    make_config ff
    run --separate-stderr offlineimap -c "$RC" -o -f Archive
    expect_status 0
    assert_line "Syncing Archive: IMAP -> Maildir"
    refute_line "Syncing INBOX: IMAP -> Maildir"
    [ "$(ls "$MAIL")" = Archive ]
    run --separate-stderr offlineimap -c "$RC" -o -f Nothing
    expect_status 1
    assert_line "ERROR: Account Test: no folder to sync (folderfilter issue?)"
}

@test "-q: a flag changed on the server alone is not looked for; a full sync brings it" {
    imapd_user quick
    message "$BATS_TEST_TMPDIR/m" one
    imapd_deliver quick INBOX "$BATS_TEST_TMPDIR/m" > /dev/null
    make_config quick
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    imapd_doveadm flags add -u quick '\Flagged' mailbox INBOX uid 1
    run --separate-stderr offlineimap -c "$RC" -o -q
    expect_status 0
    assert_line "Skipping INBOX (not changed)"
    ls "$MAIL"/INBOX/new/*,U=1,*:2,
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    ls "$MAIL"/INBOX/new/*,U=1,*:2,F
}

@test "-k overrides options of any section, before the sync" {
    imapd_user kk
    message "$BATS_TEST_TMPDIR/m" one
    imapd_deliver kk INBOX "$BATS_TEST_TMPDIR/m" > /dev/null
    make_config kk
    run --separate-stderr offlineimap -c "$RC" -o -k "Repository_TestLocal:localfolders=$BATS_TEST_TMPDIR/elsewhere" \
        -k "metadata=$BATS_TEST_TMPDIR/meta2"
    expect_status 0
    ls "$BATS_TEST_TMPDIR"/elsewhere/INBOX/new/*,U=1,*
    [ ! -e "$MAIL" ]
    [ -e "$BATS_TEST_TMPDIR/meta2/Account-Test/LocalStatus-sqlite/INBOX" ]
}

@test "two runs at once: the second finds the account locked and changes nothing" {
    imapd_user lock
    message "$BATS_TEST_TMPDIR/m" one
    imapd_deliver lock INBOX "$BATS_TEST_TMPDIR/m" > /dev/null
    make_config lock
    sed -i "s|^\[Account Test\]|[Account Test]\npresynchook = sleep 2|" "$RC"
    offlineimap -c "$RC" -o > "$BATS_TEST_TMPDIR/first.out" 2>&1 &
    first=$!
    sleep 1
    sed -i '/^presynchook/d' "$RC"
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 1
    assert_line "ERROR: Could not lock account Test. Is another instance using this account?"
    wait "$first"
    ls "$MAIL"/INBOX/new/*,U=1,*
    [ ! -e "$META/Test.lock" ]
}

@test "--info lists the repositories and their folders with nametrans and filters" {
    imapd_user info
    imapd_mailbox info Archive; imapd_mailbox info Junk
    make_config info
    sed -i "s|^\[Repository TestRemote\]|[Repository TestRemote]\nnametrans = lambda f: f.lower()\nfolderfilter = lambda f: f != 'Junk'|" "$RC"
    run --separate-stderr offlineimap -c "$RC" --info
    expect_status 0
    [ "$output" = "" ]
    [[ "$stderr" == *"Remote repository 'TestRemote': type 'IMAP'"* ]]
    [[ "$stderr" == *"Host: $IMAPD_HOST Port: $IMAPD_TLS_PORT SSL: True"* ]]
    [[ "$stderr" == *"Folderlist:
 Archive -> archive
 INBOX -> inbox
 Junk -> junk (disabled)"* ]]
    [[ "$stderr" == *"Local repository 'TestLocal': type 'Maildir'"* ]]
}

@test "--delete-folder deletes the remote folder of the one account; --dry-run does not" {
    imapd_user del
    imapd_mailbox del Old
    make_config del
    run --separate-stderr offlineimap -c "$RC" --delete-folder Old --dry-run
    expect_status 0
    assert_line "would try to remove 'Old' on remote of 'Test' account"
    run imapd_doveadm mailbox list -u del
    assert_line Old
    run --separate-stderr offlineimap -c "$RC" --delete-folder Old
    expect_status 0
    assert_line "Folder 'Old' deleted."
    run imapd_doveadm mailbox list -u del
    refute_line Old
    run --separate-stderr offlineimap -c "$RC" --delete-folder Old
    expect_status 1
    assert_output --partial "Old"
}

@test "--migrate-fmd5-using-nametrans renames old FMD5 names to the visible name's md5" {
    make_config nobody
    sed -i "s|^\[Repository TestLocal\]|[Repository TestLocal]\nnametrans = lambda f: 'W-' + f|" "$RC"
    mkdir -p "$MAIL"/Work/{cur,new,tmp}
    old=$(printf Work | md5sum | cut -c1-32) new=$(printf W-Work | md5sum | cut -c1-32)
    touch "$MAIL/Work/cur/1_0.1.h,U=7,FMD5=$old:2,S" "$MAIL/Work/new/2_0.1.h,U=8,FMD5=$new:2,"
    run --separate-stderr offlineimap -c "$RC" --migrate-fmd5-using-nametrans --dry-run
    expect_status 0
    assert_line "Migrating file \`$MAIL/Work/cur/1_0.1.h,U=7,FMD5=$old:2,S' to FMD5 \`$new'"
    [ -e "$MAIL/Work/cur/1_0.1.h,U=7,FMD5=$old:2,S" ]
    run --separate-stderr offlineimap -c "$RC" --migrate-fmd5-using-nametrans
    expect_status 0
    [ "$(ls "$MAIL/Work/cur" "$MAIL/Work/new")" = "$(printf '%s\n' "$MAIL/Work/cur:" "1_0.1.h,U=7,FMD5=$new:2,S" "" "$MAIL/Work/new:" "2_0.1.h,U=8,FMD5=$new:2,")" ]
}

@test "offlineimap's documented example configuration syncs, pointed at the test server with -k" {
    imapd_user example
    message "$BATS_TEST_TMPDIR/m" one
    imapd_deliver example INBOX "$BATS_TEST_TMPDIR/m" '\Seen' > /dev/null
    cp /usr/share/doc/offlineimap3/examples/offlineimap.conf "$HOME/.offlineimaprc"
    R=Repository_RemoteExample
    run --separate-stderr offlineimap -o -u basic -k "$R:remotehost=$IMAPD_HOST" \
        -k "$R:remoteport=$IMAPD_TLS_PORT" -k "$R:sslcacertfile=$IMAPD_CA" \
        -k "$R:remoteuser=example" -k "$R:remotepassfile=$IMAPD_DIR/pass/example"
    expect_status 0
    ls "$HOME"/Test/INBOX/cur/*,U=1,FMD5=*:2,S
    [ -e "$HOME/.offlineimap/Account-Test/LocalStatus-sqlite/INBOX" ]
    [ -e "$HOME/.offlineimap/Repository-RemoteExample/FolderValidity/INBOX" ]
}

@test "maxconnections = 3: folders are applied side by side, with the same result" {
    imapd_user par
    for f in A B C D; do
        imapd_mailbox par "$f"
        for i in 1 2; do message "$BATS_TEST_TMPDIR/m" "$f$i"; imapd_deliver par "$f" "$BATS_TEST_TMPDIR/m" > /dev/null; done
    done
    make_config par
    sed -i "s|^\[Repository TestRemote\]|[Repository TestRemote]\nmaxconnections = 3|" "$RC"
    mkdir -p "$MAIL"/Local/{cur,new,tmp}
    message "$MAIL/Local/new/1700000000.x.host" local
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    assert_line "Creating folder A[TestLocal]"
    assert_line "Creating folder Local[TestRemote]"
    for f in A B C D; do
        [ "$(ls "$MAIL/$f/new" | wc -l)" -eq 2 ]
        run sqlite3 "$META/Account-Test/LocalStatus-sqlite/$f" 'select count(*) from status'
        [ "$output" = 2 ]
    done
    run imapd_doveadm search -u par mailbox Local all
    [ "$(echo "$output" | wc -l)" -eq 1 ]
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    refute_output --partial "Copy message"
}

@test "ttyui asks for a missing password on the terminal; basic fails with a clear error" {
    imapd_user prompt
    message "$BATS_TEST_TMPDIR/m" one
    imapd_deliver prompt INBOX "$BATS_TEST_TMPDIR/m" > /dev/null
    make_config prompt
    sed -i '/^remotepassfile/d' "$RC"
    run --separate-stderr offlineimap -c "$RC" -o -u basic
    expect_status 1
    assert_line --partial "no password for 'prompt' on '$IMAPD_HOST:$IMAPD_TLS_PORT'"
    (sleep 2; printf 'pw-prompt-s3cret\n') | script -qec "offlineimap -c '$RC' -o -u ttyui" /dev/null \
        > "$BATS_TEST_TMPDIR/tty.out"
    grep -q "Enter password for user 'prompt': " "$BATS_TEST_TMPDIR/tty.out"
    [ "$(grep -c "pw-prompt-s3cret" "$BATS_TEST_TMPDIR/tty.out")" = 0 ]
    ls "$MAIL"/INBOX/new/*,U=1,*
}

@test "maxsyncaccounts = 2: two accounts synced at once, each with its hooks" {
    imapd_user p1; imapd_user p2
    message "$BATS_TEST_TMPDIR/m" one
    imapd_deliver p1 INBOX "$BATS_TEST_TMPDIR/m" > /dev/null
    imapd_deliver p2 INBOX "$BATS_TEST_TMPDIR/m" > /dev/null
    make_config p1
    sed -i 's/^accounts = Test/accounts = Test,Two\nmaxsyncaccounts = 2/' "$RC"
    account_config Two p2
    sed -i "s|^\[Account \(.*\)\]|[Account \1]\npostsynchook = echo \1 >> $BATS_TEST_TMPDIR/post.log|" "$RC"
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    ls "$BATS_TEST_TMPDIR"/mail-Test/INBOX/new/*,U=1,* "$BATS_TEST_TMPDIR"/mail-Two/INBOX/new/*,U=1,*
    [ "$(sort "$BATS_TEST_TMPDIR/post.log" | tr '\n' ' ')" = "Test Two " ]
}

@test "SIGTERM: offlineimap's warning, no further stage, the lock file and the work files removed" {
    imapd_user sig
    message "$BATS_TEST_TMPDIR/m" one
    imapd_deliver sig INBOX "$BATS_TEST_TMPDIR/m" > /dev/null
    make_config sig
    sed -i "s|^\[Account Test\]|[Account Test]\npresynchook = sleep 2\npostsynchook = touch $BATS_TEST_TMPDIR/post-ran|" "$RC"
    mkdir -p "$BATS_TEST_TMPDIR/tmp"
    TMPDIR=$BATS_TEST_TMPDIR/tmp offlineimap -c "$RC" -o > "$BATS_TEST_TMPDIR/out" 2>&1 &
    pid=$!
    sleep 1
    kill -TERM "$pid"
    rc=0; wait "$pid" || rc=$?
    cat "$BATS_TEST_TMPDIR/out"
    [ "$rc" -eq 1 ]
    grep -qx "Preparing to shutdown after sync (this may take some time), press CTRL-C three times to shutdown immediately" "$BATS_TEST_TMPDIR/out"
    [ ! -e "$MAIL/INBOX" ] || [ -z "$(ls "$MAIL/INBOX/new")" ]
    [ ! -e "$BATS_TEST_TMPDIR/post-ran" ]
    [ ! -e "$META/Test.lock" ]
    [ -z "$(ls "$BATS_TEST_TMPDIR/tmp")" ]
}

@test "preauthtunnel: the session runs over the tunnel command, no password needed" {
    imapd_user tun
    message "$BATS_TEST_TMPDIR/m" one
    imapd_deliver tun INBOX "$BATS_TEST_TMPDIR/m" > /dev/null
    make_config tun
    sed -i "/^remotehost\|^remoteport\|^remotepassfile\|^sslcacertfile/d" "$RC"
    sed -i "s|^\[Repository TestRemote\]|[Repository TestRemote]\npreauthtunnel = doveadm -c $IMAPD_CONF exec imap -u tun|" "$RC"
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    assert_line "Establishing connection to tunnel:doveadm -c $IMAPD_CONF exec imap -u tun (TestRemote)"
    ls "$MAIL"/INBOX/new/*,U=1,*
}

@test "credentials from remotepasseval (Python) and from ~/.netrc" {
    imapd_user cred
    message "$BATS_TEST_TMPDIR/m" one
    imapd_deliver cred INBOX "$BATS_TEST_TMPDIR/m" > /dev/null
    make_config cred
    sed -i "s|^remotepassfile = .*|remotepasseval = open('$IMAPD_DIR/pass/cred').read().strip()|" "$RC"
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    ls "$MAIL"/INBOX/new/*,U=1,*
    sed -i "/^remotepasseval/d; /^remoteuser/d" "$RC"
    printf 'machine %s login cred password pw-cred-s3cret\n' "$IMAPD_HOST" > "$HOME/.netrc"
    chmod 600 "$HOME/.netrc"
    imapd_deliver cred INBOX "$BATS_TEST_TMPDIR/m" > /dev/null
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    ls "$MAIL"/INBOX/new/*,U=2,*
}
