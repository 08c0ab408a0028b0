# Incremental syncs (doc/planner.md "Incremental listings") through offlineimap against the
# private Dovecot, in each tier: QRESYNC, CONDSTORE (+ESEARCH) only, neither. Unchanged
# folders cost one STATUS and no SELECT; changes on the server are seen; a local change
# inside the mtime margin is never missed; a status DB written by someone else forces a
# full listing.
bats_require_minimum_version 1.5.0
load helpers/common
load helpers/offlineimap

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

setup() {
    export HOME=$BATS_TEST_TMPDIR/home
    mkdir -p "$HOME"
}

# user NAME [CAPABILITY]: a fresh user, advertising only CAPABILITY after login when given.
user() {
    imapd_user "$1"
    if [ -n "${2:-}" ]; then
        # passwd-file extra fields are separated by spaces, so the list is one word
        sed -i "s/\$/::userdb_imap_capability=$2 imap_capability=$2/" "$IMAPD_DIR/users/$1"
    fi
    make_config "$1"
    for i in 1 2 3 4; do
        printf 'Subject: m%s\nMessage-ID: <m%s@example.org>\n\nbody %s\n' "$i" "$i" "$i" > "$BATS_TEST_TMPDIR/m$i"
        imapd_deliver "$1" INBOX "$BATS_TEST_TMPDIR/m$i" >/dev/null
    done
}

sync() {
    run --separate-stderr offlineimap -c "$RC" -d imap
    [ "$status" -eq 0 ] || { printf 'status %s\n%s\n--- stderr\n%s\n' "$status" "$output" "$stderr"; false; }
    TRACE="$output$stderr"
}

# Moves the mtimes of INBOX's new/ and cur/ 10 s into the past, as if the last change was
# made long before the next scan.
age_inbox() {
    local t=$(( $(date +%s) - 10 ))
    touch -d "@$t" "$MAIL/INBOX/new" "$MAIL/INBOX/cur"
}

sent() { grep -E "C: a[0-9]+ $1" <<< "$TRACE"; }

# On failure: what was sent, and the listings' summary lines.
show() { grep -E "C: a|error|warning|ERROR|WARNING|Copy|Delet|Adding|Syncing" <<< "$TRACE" | grep -v LOGIN; }

# A first sync, then one that finds nothing to do and saves the facts.
settle() {
    sync
    age_inbox
    sync
    [ "$(ls "$MAIL/INBOX/new" "$MAIL/INBOX/cur" | grep -c ',U=')" -eq 4 ]
}

expect_noop_costs_one_status() {
    sync
    assert_line "Syncing INBOX: IMAP -> Maildir"
    sent 'STATUS INBOX \(MESSAGES UIDNEXT UIDVALIDITY HIGHESTMODSEQ\)' || { show; false; }
    ! sent '(SELECT|EXAMINE)' || { echo "$TRACE"; false; }
    ! sent 'UID FETCH'
    # STATUS before LIST: Dovecot answers it from its index only until the session listed
    [ "$(grep -nE 'C: a[0-9]+ (STATUS|LIST)' <<< "$TRACE" | head -n 1 | grep -c STATUS)" = 1 ] ||
        { show; false; }
}

# The server changes: UID 5 new, UID 2 flagged, UID 3 expunged; the next sync sees all three.
expect_server_changes_seen() {
    printf 'Subject: m5\n\nbody 5\n' > "$BATS_TEST_TMPDIR/m5"
    imapd_deliver "$1" INBOX "$BATS_TEST_TMPDIR/m5" >/dev/null
    imapd_doveadm flags add -u "$1" '\Flagged' mailbox INBOX uid 2
    imapd_doveadm expunge -u "$1" mailbox INBOX uid 3
    sync
    ls "$MAIL/INBOX/new" "$MAIL/INBOX/cur" | grep -q ',U=5,'
    ls "$MAIL/INBOX/new" "$MAIL/INBOX/cur" | grep -q ',U=2,.*:2,F$'
    ! ls "$MAIL/INBOX/new" "$MAIL/INBOX/cur" | grep -q ',U=3,'
    run sqlite3 "$META/Account-Test/LocalStatus-sqlite/INBOX" 'select id, flags from status order by id'
    [ "$output" = "$(printf '1|\n2|F\n4|\n5|')" ] || { echo "status: $output"; show; false; }
}

@test "QRESYNC: an unchanged folder costs one STATUS; changes come as CHANGEDSINCE and VANISHED" {
    user qr
    settle
    expect_noop_costs_one_status
    expect_server_changes_seen qr
    sent 'UID FETCH 1:\* \(UID FLAGS RFC822.SIZE INTERNALDATE MODSEQ\) \(CHANGEDSINCE [0-9]+ VANISHED\)'
    # that sync changed the state: the next one lists the changes since the saved modseq
    # (the facts are no longer exact, but only our own sync wrote the status), and settles
    age_inbox
    sync
    sent 'UID FETCH 1:\* \(UID FLAGS RFC822.SIZE INTERNALDATE MODSEQ\) \(CHANGEDSINCE [0-9]+ VANISHED\)'
    expect_noop_costs_one_status
}

@test "CONDSTORE without QRESYNC: changes since the modseq, expunges from UID SEARCH" {
    # CONDSTORE alone (no ESEARCH either: one word is all a passwd-file field can hold;
    # the ESEARCH form is covered by the unit tests of lib/imap/status_scan)
    user cs CONDSTORE
    settle
    ! sent 'ENABLE.*QRESYNC'
    expect_noop_costs_one_status
    expect_server_changes_seen cs
    sent 'UID FETCH 1:\* \(UID FLAGS RFC822.SIZE INTERNALDATE MODSEQ\) \(CHANGEDSINCE [0-9]+\)$'
    sent 'UID SEARCH ALL$'
}

@test "neither: every sync lists the folder in full, and sees the changes" {
    user classic IMAP4rev1
    settle
    sync
    ! sent 'STATUS'
    sent 'UID FETCH 1:\* \(UID FLAGS RFC822.SIZE INTERNALDATE\)$'
    expect_server_changes_seen classic
}

@test "a local change inside the mtime margin of the last scan is never missed" {
    user margin
    sync
    # The no-op sync scans right after a change of cur/: its mtime is within the margin.
    touch "$MAIL/INBOX/new" "$MAIL/INBOX/cur"
    sync
    # Flag a file and give new/ and cur/ their old mtimes back: the mtimes alone would say
    # nothing changed (a change in the same timestamp granule).
    touch -r "$MAIL/INBOX/cur" "$BATS_TEST_TMPDIR/cur.ref"
    touch -r "$MAIL/INBOX/new" "$BATS_TEST_TMPDIR/new.ref"
    f=$(ls "$MAIL/INBOX/new" | grep ',U=1,')
    mv "$MAIL/INBOX/new/$f" "$MAIL/INBOX/cur/${f%%:2,*}:2,F"
    touch -r "$BATS_TEST_TMPDIR/cur.ref" "$MAIL/INBOX/cur"
    touch -r "$BATS_TEST_TMPDIR/new.ref" "$MAIL/INBOX/new"
    sync
    [ "$(imapd_doveadm -f flow fetch -u margin flags mailbox INBOX uid 1)" = 'flags=\Flagged' ]
}

@test "a status DB written by someone else (offlineimap3) forces a full listing" {
    user other
    settle
    # a write that changes nothing leaves the file (and the facts) as they were
    sqlite3 "$META/Account-Test/LocalStatus-sqlite/INBOX" "UPDATE status SET flags = flags"
    expect_noop_costs_one_status
    sqlite3 "$META/Account-Test/LocalStatus-sqlite/INBOX" "UPDATE status SET flags = 'S' WHERE id = 1"
    sync
    sent 'EXAMINE INBOX' || { show; false; }
    sent 'UID FETCH 1:\* \(UID FLAGS RFC822.SIZE INTERNALDATE MODSEQ\)$'
    # that sync changed the status (S of UID 1 dropped); the next one has nothing to do and
    # saves the facts again, and the one after it costs one STATUS
    age_inbox
    sync
    sent 'EXAMINE INBOX'
    expect_noop_costs_one_status
}
