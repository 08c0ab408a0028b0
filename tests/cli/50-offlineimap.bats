# offlineimap against the private Dovecot: full and no-op syncs, changes both ways,
# --dry-run, -a, -f, -q, hooks, mbnames, exit codes; outcomes checked on disk and on the
# server.
bats_require_minimum_version 1.5.0
load helpers/common
load helpers/offlineimap

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

message() {  # message FILE SUBJECT, with a To: and a body naming the subject (its own bytes)
    printf 'From: a@example.org\nTo: b@example.org\nSubject: %s\nMessage-ID: <%s@example.org>\n\nbody of %s\n' \
        "$2" "$2" "$2" > "$1"
}

setup() {
    export HOME=$BATS_TEST_TMPDIR/home
    mkdir -p "$HOME"
}

@test "a first sync downloads every folder and message; a second sync changes nothing" {
    imapd_user full
    imapd_mailbox full Archive
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver full INBOX "$BATS_TEST_TMPDIR/m1" '\Seen'
    message "$BATS_TEST_TMPDIR/m2" two; imapd_deliver full INBOX "$BATS_TEST_TMPDIR/m2"
    message "$BATS_TEST_TMPDIR/m3" three; imapd_deliver full Archive "$BATS_TEST_TMPDIR/m3" '\Flagged'
    make_config full
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    assert_line "*** Processing account Test"
    assert_line "Creating folder Archive[Local]"
    assert_line "Creating new Local Status db for Local:INBOX"
    assert_line "Syncing INBOX: IMAP -> Maildir"
    assert_line --regexp "^Copy message UID 1 \(1/2\) Remote:INBOX -> Local:INBOX$"
    [ "$(ls "$MAIL/INBOX/cur" | wc -l)" -eq 1 ]
    [ "$(ls "$MAIL/INBOX/new" | wc -l)" -eq 1 ]
    [[ "$(ls "$MAIL/INBOX/cur")" == *",U=1,FMD5=$(printf INBOX | md5sum | cut -c1-32):2,S" ]]
    [[ "$(ls "$MAIL/Archive/new")" == *",U=1,FMD5="*":2,F" ]]
    run sqlite3 "$META/Account-Test/LocalStatus-sqlite/INBOX" 'select id, flags from status order by id'
    [ "$output" = "$(printf '1|S\n2|')" ]
    [ "$(cat "$META/Repository-Local/FolderValidity/INBOX")" = 42 ]
    before=$(cd "$MAIL" && find . -type f | sort)
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    refute_output --partial "Copy message"
    refute_output --partial "Creating"
    [ "$(cd "$MAIL" && find . -type f | sort)" = "$before" ]
}

# server_flags USER MAILBOX: "uid flags" lines without \Recent, for comparisons.
server_flags() {
    imapd_doveadm fetch -u "$1" 'uid flags' mailbox "$2" |
        awk '/^uid:/ {u=$2} /^flags:/ {sub(/^flags: ?/, ""); gsub(/ ?\\Recent/, ""); print u, $0}'
}

@test "STARTTLS with sslcacertfile: the session is encrypted and verified" {
    imapd_user tls
    make_config tls
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    assert_line "Establishing connection to $IMAPD_HOST:$IMAPD_PORT (Remote)"
    sed -i '/^sslcacertfile/d' "$RC"
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 1
    assert_output --partial "cannot verify the certificate"
}

@test "changes both ways: new, deleted and re-flagged messages on each side" {
    imapd_user both
    for i in 1 2 3 4; do message "$BATS_TEST_TMPDIR/m$i" "m$i"; imapd_deliver both INBOX "$BATS_TEST_TMPDIR/m$i" > /dev/null; done
    make_config both
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    # server side: delete 1, flag 2; local side: delete 3, flag 4 seen, add a new message
    imapd_doveadm expunge -u both mailbox INBOX uid 1
    imapd_doveadm flags add -u both '\Flagged' mailbox INBOX uid 2
    rm "$MAIL"/INBOX/new/*,U=3,*
    f4=$(ls "$MAIL"/INBOX/new/*,U=4,*)
    mv "$f4" "$MAIL/INBOX/cur/$(basename "${f4%:2,}"):2,S"
    message "$MAIL/INBOX/new/1700000000.local.host" local-new
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    assert_line "Copy message UID -1 (1/1) Local:INBOX -> Remote:INBOX"
    assert_line "Deleting 1 messages (1) in Maildir[INBOX]"
    assert_line "Deleting 1 messages (3) in IMAP[INBOX]"
    run server_flags both INBOX
    [ "$output" = "$(printf '2 \\Flagged\n4 \\Seen\n5 ')" ]
    imapd_doveadm fetch -u both 'body' mailbox INBOX uid 5 | grep -q 'body of local-new'
    [ -z "$(ls "$MAIL"/INBOX/*/*,U=1,* 2>/dev/null)" ]
    ls "$MAIL"/INBOX/new/*,U=2,*:2,F
    ls "$MAIL"/INBOX/new/*,U=5,*:2,
    [ ! -e "$MAIL/INBOX/new/1700000000.local.host" ]
    run sqlite3 "$META/Account-Test/LocalStatus-sqlite/INBOX" 'select id || ":" || flags from status order by id'
    [ "$output" = "$(printf '2:F\n4:S\n5:')" ]
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    refute_output --partial "Copy message"
    refute_output --partial "Deleting"
}

@test "--dry-run changes nothing anywhere and prints the plan" {
    imapd_user dry
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver dry INBOX "$BATS_TEST_TMPDIR/m1" > /dev/null
    make_config dry
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    message "$BATS_TEST_TMPDIR/m2" two; imapd_deliver dry INBOX "$BATS_TEST_TMPDIR/m2" > /dev/null
    imapd_mailbox dry Fresh
    imapd_doveadm flags add -u dry '\Answered' mailbox INBOX uid 1
    message "$MAIL/INBOX/new/1700000000.local.host" local-new
    sed -i "s|^\\[Account Test\\]|[Account Test]\\npresynchook = touch $BATS_TEST_TMPDIR/hook-ran|" "$RC"
    before_local=$(cd "$MAIL" && find . | sort)
    before_meta=$(cd "$META" && find . -type f | sort | xargs md5sum)
    before_server=$(server_flags dry INBOX)
    run --separate-stderr offlineimap -c "$RC" -o --dry-run
    expect_status 0
    assert_line "[DRYRUN] Calling hook: touch $BATS_TEST_TMPDIR/hook-ran"
    assert_line "[DRYRUN] Creating folder Fresh[Local]"
    assert_line "[DRYRUN] Copy 1 messages from INBOX[Remote] to Local"
    assert_line "[DRYRUN] Copy 1 messages from INBOX[Local] to Remote"
    assert_line "#oimap	sync-plan	1"
    assert_line --regexp "^op	copy-to-local	INBOX	2	"
    [ ! -e "$BATS_TEST_TMPDIR/hook-ran" ]
    [ "$(cd "$MAIL" && find . | sort)" = "$before_local" ]
    [ "$(cd "$META" && find . -type f | sort | xargs md5sum)" = "$before_meta" ]
    [ "$(server_flags dry INBOX)" = "$before_server" ]
    run imapd_doveadm mailbox list -u dry
    [ "$(printf '%s\n' "$output" | sort | tr '\n' ' ')" = "Fresh INBOX " ]
}

@test "hooks run through the shell with OFFLINEIMAPSYNCMODE; the postsynchook only after success" {
    imapd_user hooks
    make_config hooks "presynchook = echo \"pre \$OFFLINEIMAPSYNCMODE\" >> $BATS_TEST_TMPDIR/hooks.log
postsynchook = echo \"post \$OFFLINEIMAPSYNCMODE\" >> $BATS_TEST_TMPDIR/hooks.log; exit 3"
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    assert_line "Hook return code: 3"
    run --separate-stderr offlineimap -c "$RC" -o -q
    expect_status 0
    [ "$(cat "$BATS_TEST_TMPDIR/hooks.log")" = "$(printf 'pre full\npost full\npre quick\npost quick')" ]
    sed -i "s/^remoteport = .*/remoteport = 1/" "$RC"
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 1
    [ "$(tail -n 1 "$BATS_TEST_TMPDIR/hooks.log")" = "pre full" ]
}

@test "mbnames: the intermediate JSON file and the final file, as offlineimap writes them" {
    imapd_user mbn
    imapd_mailbox mbn "Sent"
    imapd_mailbox mbn "Entwürfe"
    make_config mbn
    cat >> "$RC" <<CONF
[mbnames]
enabled = yes
filename = $BATS_TEST_TMPDIR/muttrc
header = "mailboxes "
peritem = "+%(accountname)s/%(foldername)s"
sep = " "
footer = "\\n"
CONF
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0

    [ "$(cat "$META/mbnames/Test.json")" = '[{"accountname": "Test", "foldername": "Entw&APw-rfe", "localfolders": "'"$MAIL"'"}, {"accountname": "Test", "foldername": "INBOX", "localfolders": "'"$MAIL"'"}, {"accountname": "Test", "foldername": "Sent", "localfolders": "'"$MAIL"'"}]' ]
    [ "$(cat "$BATS_TEST_TMPDIR/muttrc")" = 'mailboxes "+Test/Entw&APw-rfe" "+Test/INBOX" "+Test/Sent"' ]
    # another account's file (written by offlineimap3, non-ASCII escaped) is merged in
    printf '[{"accountname": "Old", "foldername": "Entw\\u00fcrfe", "localfolders": null}]' > "$META/mbnames/Old.json"
    run --separate-stderr offlineimap -c "$RC" -o
    [ "$(cat "$BATS_TEST_TMPDIR/muttrc")" = 'mailboxes "+Old/Entwürfe" "+Test/Entw&APw-rfe" "+Test/INBOX" "+Test/Sent"' ]
    run --separate-stderr offlineimap -c "$RC" --mbnames-prune --dry-run
    expect_status 0
    assert_line "mbnames would remove $META/mbnames/Old.json"
    [ -e "$META/mbnames/Old.json" ]
    run --separate-stderr offlineimap -c "$RC" --mbnames-prune
    expect_status 0
    assert_line "removed $META/mbnames/Old.json"
    [ ! -e "$META/mbnames/Old.json" ]
    [ "$(cat "$BATS_TEST_TMPDIR/muttrc")" = 'mailboxes "+Test/Entw&APw-rfe" "+Test/INBOX" "+Test/Sent"' ]
    run --separate-stderr offlineimap -c "$RC" --mbnames-prune
    assert_line "no cache file to remove"
}

@test "a server that cannot be reached: the error, exit 1, the other account still syncs" {
    imapd_user good
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver good INBOX "$BATS_TEST_TMPDIR/m1" > /dev/null
    make_config good
    sed -i 's/^accounts = Test/accounts = Bad, Test/' "$RC"
    cat >> "$RC" <<CONF
[Account Bad]
localrepository = BadLocal
remoterepository = BadRemote
[Repository BadLocal]
type = Maildir
localfolders = $BATS_TEST_TMPDIR/badmail
[Repository BadRemote]
type = IMAP
remotehost = 127.0.0.1
remoteport = 1
ssl = no
remoteuser = x
remotepass = y
CONF
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 1
    assert_line "ERROR: Exceptions occurred during the run!"
    assert_line --partial "cannot connect to '127.0.0.1:1'"
    ls "$MAIL"/INBOX/new/*,U=1,*
}

@test "a changed UIDVALIDITY: the folder is skipped with offlineimap's warning and exit 2" {
    imapd_user uidv
    imapd_mailbox uidv Box
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver uidv Box "$BATS_TEST_TMPDIR/m1" > /dev/null
    make_config uidv
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    imapd_doveadm mailbox delete -u uidv Box
    sleep 1
    imapd_mailbox uidv Box
    message "$BATS_TEST_TMPDIR/m2" two; imapd_deliver uidv Box "$BATS_TEST_TMPDIR/m2" > /dev/null
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 2
    assert_line --partial "UID validity problem for folder Box"
    assert_line "At least one folder skipped due to UID validity problem"
    [ "$(ls "$MAIL/Box/new" | wc -l)" -eq 1 ]
    ls "$MAIL"/Box/new/*,U=1,*
}

@test "switching: offlineimap3 after us, and us after offlineimap3, download and upload nothing" {
    imapd_user sw
    imapd_mailbox sw Archive
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver sw INBOX "$BATS_TEST_TMPDIR/m1" '\Seen' > /dev/null
    message "$BATS_TEST_TMPDIR/m2" two; imapd_deliver sw Archive "$BATS_TEST_TMPDIR/m2" '\Flagged' > /dev/null
    make_config sw
    # plain IMAP: this test is about the files both programs keep, not TLS
    sed -i 's/^sslcacertfile = .*/starttls = no/' "$RC"
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    before=$(cd "$MAIL" && find . -type f | sort)
    run --separate-stderr /usr/bin/offlineimap -c "$RC" -o -u basic
    expect_status 0
    refute_output --partial "Copy message"
    refute_output --partial "Deleting"
    [ "$(cd "$MAIL" && find . -type f | sort)" = "$before" ]
    # offlineimap3 syncs new mail on both sides; then we find nothing left to do
    message "$BATS_TEST_TMPDIR/m3" three; imapd_deliver sw INBOX "$BATS_TEST_TMPDIR/m3" > /dev/null
    message "$MAIL/Archive/new/1700000000.local.host" local
    run --separate-stderr /usr/bin/offlineimap -c "$RC" -o -u basic
    expect_status 0
    assert_output --partial "Copy message UID 2"
    after=$(cd "$MAIL" && find . -type f | sort)
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    refute_output --partial "Copy message"
    refute_output --partial "Deleting"
    refute_output --partial "flag"
    [ "$(cd "$MAIL" && find . -type f | sort)" = "$after" ]
    [ "$(imapd_doveadm search -u sw mailbox INBOX all | wc -l)" -eq 2 ]
    [ "$(imapd_doveadm search -u sw mailbox Archive all | wc -l)" -eq 2 ]
}

@test "mbnames folderfilter, sort_keyfunc and incremental are Python expressions as in offlineimap" {
    imapd_user mbf
    imapd_mailbox mbf Sent; imapd_mailbox mbf Junk; imapd_mailbox mbf archive
    make_config mbf
    cat >> "$RC" <<CONF
[mbnames]
enabled = yes
incremental = yes
filename = $BATS_TEST_TMPDIR/mailboxes
header = "# generated\\n"
peritem = %(foldername)s
sep = "\\n"
footer = "\\n# end\\n"
folderfilter = lambda accountname, foldername: not re.search('junk', foldername, re.I)
sort_keyfunc = lambda d: d['foldername'].lower()
CONF
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    [ "$(cat "$BATS_TEST_TMPDIR/mailboxes")" = "$(printf '# generated\narchive\nINBOX\nSent\n# end')" ]
    [[ "$(cat "$META/mbnames/Test.json")" != *Junk* ]]
}

@test "the quiet UI prints nothing for a clean sync, only warnings and errors" {
    imapd_user quiet
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver quiet INBOX "$BATS_TEST_TMPDIR/m1" > /dev/null
    make_config quiet
    run --separate-stderr offlineimap -c "$RC" -o -u quiet
    expect_status 0
    [ "$output" = "" ]
    [ "$stderr" = "" ]
    ls "$MAIL"/INBOX/new/*,U=1,*
    sed -i "s/^remoteport = .*/remoteport = 1/" "$RC"
    run --separate-stderr offlineimap -c "$RC" -o -u quiet
    expect_status 1
    [ "${lines[0]}" = "imap-fetch: error: cannot connect to '127.0.0.1:1': Connection refused" ]
    assert_line "ERROR: imap-fetch failed (exit status 69)"
}

@test "a folder that cannot be written: its error, exit 1, and the other folders are synced" {
    imapd_user ferr
    imapd_mailbox ferr Archive
    make_config ferr
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 0
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver ferr INBOX "$BATS_TEST_TMPDIR/m1" > /dev/null
    message "$BATS_TEST_TMPDIR/m2" two; imapd_deliver ferr Archive "$BATS_TEST_TMPDIR/m2" > /dev/null
    rmdir "$MAIL/Archive/tmp" && touch "$MAIL/Archive/tmp"   # deliveries need tmp/
    run --separate-stderr offlineimap -c "$RC" -o
    expect_status 1
    ls "$MAIL"/INBOX/new/*,U=1,*
    [ -z "$(ls "$MAIL/Archive/new")" ]
    assert_line "ERROR: Exceptions occurred during the run!"
}
