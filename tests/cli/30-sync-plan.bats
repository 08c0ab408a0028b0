# sync-plan: the golden cases of tests/plan/ (each directory a case, see tests/plan/README.md)
# run through bin/sync-plan with their state loaded into an offlineimap metadata directory,
# then the command line: stdin, -o, exit codes, -c/-a.  Only the last test needs a server:
# the plumbing pipeline against offlineimap3 itself, on the private Dovecot.
bats_require_minimum_version 1.5.0
load helpers/common

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

PLANS=$TOP/tests/plan
SCHEMA="CREATE TABLE metadata (key VARCHAR(50) PRIMARY KEY, value VARCHAR(128));
INSERT INTO metadata VALUES('db_version','2');
CREATE TABLE status (id INTEGER PRIMARY KEY, flags VARCHAR(50), mtime INTEGER, labels VARCHAR(256));"

# load_state STATUS_SQL META: "-- db NAME" starts the SQL of the status DB of account A named
# NAME (offlineimap's schema is created first); "-- validity REPO NAME N" writes a
# FolderValidity file.  Names may hold TAB and spaces (lines split on the first blanks only).
load_state() {
    local sql=$1 meta=$2 db="" line repo rest
    mkdir -p "$meta/Account-A/LocalStatus-sqlite"
    while IFS= read -r line; do
        case $line in
        "-- db "*)
            db="$meta/Account-A/LocalStatus-sqlite/${line#-- db }"
            sqlite3 "$db" "$SCHEMA"
            ;;
        "-- validity "*)
            rest=${line#-- validity }
            repo=${rest%% *}
            rest=${rest#* }
            mkdir -p "$meta/Repository-$repo/FolderValidity"
            printf '%s\n' "${rest##* }" >"$meta/Repository-$repo/FolderValidity/${rest% *}"
            ;;
        *) [ -z "$line" ] || sqlite3 "$db" "$line" ;;
        esac
    done <"$sql"
}

# run_case NAME: runs one golden case in its own directory; sets $status/$output/$stderr.
run_case() {
    local dir=$PLANS/$1 args=()
    CASE_DIR=$BATS_TEST_TMPDIR/$1
    mkdir -p "$CASE_DIR"
    load_state "$dir/status.sql" "$CASE_DIR/meta"
    [ ! -f "$dir/args" ] || read -r -a args <"$dir/args"
    cd "$CASE_DIR"
    run --separate-stderr sync-plan --remote "$dir/remote.tsv" --local "$dir/local.tsv" \
        --metadata meta --account A --local-repository Local --remote-repository Remote \
        "${args[@]}" -o plan
}

@test "every golden case gives its expected plan, exit status and warnings" {
    local failed=() dir name want
    for dir in "$PLANS"/[0-9][0-9][0-9]-*/; do
        name=$(basename "$dir")
        run_case "$name"
        want=$(cat "$dir/expected.exit" 2>/dev/null || echo 0)
        if [ "$status" -ne "$want" ]; then
            echo "$name: exit status $status, expected $want; stderr: $stderr"
            failed+=("$name")
            continue
        fi
        if ! diff -u "$dir/expected.plan" "$CASE_DIR/plan"; then failed+=("$name"); fi
        printf '%s' "$stderr" >"$CASE_DIR/stderr"
        [ -z "$stderr" ] || echo >>"$CASE_DIR/stderr"
        if [ -f "$dir/expected.stderr" ] || [ -n "$stderr" ]; then
            diff -u "${dir}expected.stderr" "$CASE_DIR/stderr" || failed+=("$name")
        fi
    done
    [ "${#failed[@]}" -eq 0 ] || { echo "failed: ${failed[*]}"; false; }
}

@test "a golden case needs remote.tsv, local.tsv, status.sql and expected.plan" {
    local dir f
    for dir in "$PLANS"/[0-9][0-9][0-9]-*/; do
        for f in remote.tsv local.tsv status.sql expected.plan; do
            [ -f "$dir$f" ] || { echo "missing $dir$f"; false; }
        done
    done
}

@test "a UIDVALIDITY change skips the folder, says so on stderr and exits 2" {
    run_case 007-uidvalidity-changed
    [ "$status" -eq 2 ]
    assert_equal "$stderr" "sync-plan: warning: UID validity problem for folder INBOX (repo Remote) (saved 1000; got 2000); skipping it. Please see FAQ and manual on how to handle this."
    grep -q $'^skip\tINBOX\tINBOX\tuidvalidity\t' plan
    grep -q $'^pair\tSent\t' plan
}

@test "one listing can come from stdin and the plan goes to stdout" {
    local dir=$PLANS/003-new-and-deleted-both-sides
    load_state "$dir/status.sql" "$BATS_TEST_TMPDIR/meta"
    cd "$BATS_TEST_TMPDIR"
    run --separate-stderr sync-plan --remote - --local "$dir/local.tsv" --metadata meta \
        --account A --local-repository Local --remote-repository Remote <"$dir/remote.tsv"
    [ "$status" -eq 0 ]
    printf '%s\n' "$output" >plan
    diff -u "$dir/expected.plan" plan
}

@test "both listings from stdin is a usage error" {
    run --separate-stderr sync-plan --remote - --local - --metadata m --account A \
        --local-repository L --remote-repository R
    [ "$status" -eq 64 ]
    assert_equal "$stderr" "sync-plan: error: only one of --remote and --local can be '-' (stdin)"
}

@test "missing options and bad values are usage errors" {
    run --separate-stderr sync-plan --remote r --local l
    [ "$status" -eq 64 ]
    assert_equal "$stderr" "sync-plan: error: missing --metadata DIR (see --help)"
    run --separate-stderr sync-plan --local-sep :
    [ "$status" -eq 64 ]
    assert_equal "$stderr" "sync-plan: error: cannot use --local-sep ':': it must be '.' or '/'"
    run --separate-stderr sync-plan --customflag A=x
    [ "$status" -eq 64 ]
    assert_equal "$stderr" "sync-plan: error: cannot use --customflag 'A=x': expected LETTER=KEYWORD with a letter a-z"
    run --separate-stderr sync-plan -c /nonexistent
    [ "$status" -eq 64 ]
    assert_equal "$stderr" "sync-plan: error: -c FILE and -a ACCOUNT go together"
}

@test "a missing listing exits 66, a malformed one 65" {
    cd "$BATS_TEST_TMPDIR"
    run --separate-stderr sync-plan --remote nothere --local nothere --metadata m --account A \
        --local-repository L --remote-repository R
    [ "$status" -eq 66 ]
    assert_equal "$stderr" "sync-plan: error: cannot open 'nothere': No such file or directory"
    printf '#oimap\tremote-state\t9\n#end\t0\n' >bad.tsv
    run --separate-stderr sync-plan --remote bad.tsv --local "$PLANS/002-no-change/local.tsv" \
        --metadata m --account A --local-repository L --remote-repository R
    [ "$status" -eq 65 ]
    [[ $stderr == "sync-plan: error: bad.tsv:1: "* ]]
}

@test "an unreadable status database exits 74" {
    local dir=$PLANS/002-no-change
    mkdir -p "$BATS_TEST_TMPDIR/meta/Account-A/LocalStatus-sqlite"
    echo "not a database, not at all, certainly not" >"$BATS_TEST_TMPDIR/meta/Account-A/LocalStatus-sqlite/INBOX"
    cd "$BATS_TEST_TMPDIR"
    run --separate-stderr sync-plan --remote "$dir/remote.tsv" --local "$dir/local.tsv" \
        --metadata meta --account A --local-repository L --remote-repository R
    [ "$status" -eq 74 ]
}

@test "--maxage with days counts from OIMAP_TEST_FAKE_TIME; a future date is refused" {
    local dir=$PLANS/002-no-change
    cd "$BATS_TEST_TMPDIR"
    OIMAP_TEST_FAKE_TIME=1700000000 run --separate-stderr sync-plan --remote "$dir/remote.tsv" \
        --local "$dir/local.tsv" --metadata meta --account A --local-repository Local \
        --remote-repository Remote --maxage 1
    [ "$status" -eq 0 ]
    # The messages (dated 1700000000) are after the cut-off: nothing changes but the state.
    [ "$(grep -c $'^op\trecord' <<<"$output")" -eq 2 ]
    run --separate-stderr sync-plan --remote "$dir/remote.tsv" --local "$dir/local.tsv" \
        --metadata meta --account A --local-repository L --remote-repository R --maxage 2999-01-01
    [ "$status" -eq 64 ]
    assert_equal "$stderr" "sync-plan: error: maxage led to future date 2999-01-01"
    run --separate-stderr sync-plan --remote "$dir/remote.tsv" --local "$dir/local.tsv" \
        --metadata meta --account A --local-repository L --remote-repository R --maxage 0
    [ "$status" -eq 64 ]
    assert_equal "$stderr" "sync-plan: error: invalid maxage value 0"
}

@test "-c/-a fills the options from an offlineimaprc, nametrans and folderfilter included" {
    local dir=$PLANS/014-dot-separator-mapping
    cd "$BATS_TEST_TMPDIR"
    cat >rc <<EOF_RC
[general]
accounts = A
metadata = $BATS_TEST_TMPDIR/meta

[Account A]
localrepository = Local
remoterepository = Remote

[Repository Local]
type = Maildir
localfolders = /home/u/Mail
nametrans = lambda f: f.replace('Old', 'Archive')

[Repository Remote]
type = IMAP
remotehost = 127.0.0.1
remoteuser = u
nametrans = lambda f: f.replace('Archive', 'Old')
folderfilter = lambda f: f != 'dot.name'
EOF_RC
    run --separate-stderr sync-plan -c rc -a A --remote "$dir/remote.tsv" --local "$dir/local.tsv"
    [ "$status" -eq 0 ]
    assert_equal "$stderr" ""
    printf '%s\n' "$output" >plan
    grep -q $'^#metadata\t'"$BATS_TEST_TMPDIR/meta"'$' plan
    grep -q $'^#local-root\t/home/u/Mail$' plan
    grep -q $'^op\tcreate-local-folder\tOld.2023$' plan
    # FMD5 is the md5 of the local visible name, md5("Archive.2023") (spec §6.2).
    grep -q $'^pair\tArchive/2023\tOld.2023\tOld.2023\t1002\t7c1a17cbc0c2df1d6e79f1d929b3eadb$' plan
    ! grep -q 'dot.name' plan
}

# The local repository's startdate (spec §5.7.3): read with -c/-a when that repository is IMAP
# (the partial side is the local server, so a remote with mail stops a first run); refused
# for a Maildir.
@test "-c/-a: a local IMAP repository's startdate is --local-startdate; a local Maildir's is refused" {
    local dir=$PLANS/002-no-change
    cd "$BATS_TEST_TMPDIR"
    cat >rc <<EOF_RC
[general]
accounts = A
metadata = $BATS_TEST_TMPDIR/meta

[Account A]
localrepository = Local
remoterepository = Remote

[Repository Local]
type = IMAP
remotehost = 127.0.0.1
remoteuser = l
startdate = 2024-01-01

[Repository Remote]
type = IMAP
remotehost = 127.0.0.1
remoteuser = u
EOF_RC
    run --separate-stderr sync-plan -c rc -a A --remote "$dir/remote.tsv" --local-imap "$dir/remote.tsv"
    [ "$status" -eq 0 ]
    assert_equal "$stderr" "sync-plan: warning: To use startdate on Repository Local, Repository Remote must be empty"
    [[ "$output" == *$'\nskip\tINBOX\tINBOX\tstartdate\tTo use startdate on Repository Local, Repository Remote must be empty\n'* ]]
    sed -i '0,/^type = IMAP$/s//type = Maildir\nlocalfolders = \/tmp/' rc
    run --separate-stderr sync-plan -c rc -a A --remote "$dir/remote.tsv" --local "$dir/local.tsv"
    [ "$status" -eq 78 ]
    assert_equal "$stderr" "sync-plan: error: cannot plan account 'A': startdate of local repository 'Local' is not supported yet"
}

@test "--help and --version" {
    run --separate-stderr sync-plan --help
    [ "$status" -eq 0 ]
    [[ $output == "usage: sync-plan --remote FILE"* ]]
    run --separate-stderr sync-plan --version
    [ "$status" -eq 0 ]
    assert_equal "$output" "sync-plan 0.1
reads: remote-state 1, local-state 1
writes: sync-plan 1"
}

# --- Differential test against offlineimap3 ------------------------------------------------

# diff_config USER DIR [ACCOUNT-LINES [LOCAL-LINES [REMOTE-LINES]]]: an offlineimaprc in DIR/rc
diff_config() {
    mkdir -p "$2"
    cat >"$2/rc" <<CONF
[general]
accounts = Test
metadata = $2/meta
ui = basic

[Account Test]
localrepository = Local
remoterepository = Remote
${3:-}

[Repository Local]
type = Maildir
localfolders = $2/mail
${4:-}

[Repository Remote]
${5:-}
type = IMAP
remotehost = $IMAPD_HOST
remoteport = $IMAPD_PORT
ssl = no
starttls = no
remoteuser = $1
remotepassfile = $IMAPD_DIR/pass/$1
CONF
}

diff_message() { printf 'From: a@example.org\nSubject: %s\nMessage-ID: <%s@x>\n\nbody %s\n' "$2" "$2" "$2" >"$1"; }

diff_populate() {  # diff_populate USER: the same mailboxes, UIDs and flags for every user
    local u=$1 t=$BATS_TEST_TMPDIR i
    imapd_user "$u"
    imapd_mailbox "$u" Archive
    local flags=('\Seen' '\Seen $Label1 $Junk' '' '\Seen' '\Flagged' '\Seen')
    for i in 1 2 3 4 5 6; do
        diff_message "$t/m$i" "m$i"
        # Sizes differ (for maxsize): m1 has the longest body.
        [ "$i" -ne 1 ] || printf 'more text for a larger message\n' >>"$t/m$i"
        imapd_deliver "$u" INBOX "$t/m$i" ${flags[i-1]} >/dev/null
    done
    diff_message "$t/a1" a1
    imapd_deliver "$u" Archive "$t/a1" >/dev/null
}

diff_file() { ls "$1"/*/*",U=$2,"*; }  # diff_file FOLDER-DIR UID

# diff_change USER DIR: the same changes on both sides of both accounts.
diff_change() {
    local u=$1 m=$2/mail t=$BATS_TEST_TMPDIR f
    imapd_doveadm flags add -u "$u" '\Flagged' mailbox INBOX uid 1   # remote +F ...
    f=$(diff_file "$m/INBOX" 1) && mv "$f" "${f%:2,*}:2,"              # ... local -S
    f=$(diff_file "$m/INBOX" 2) && mv "$f" "${f%:2,*}:2,PRS"           # P is stripped later
    imapd_doveadm expunge -u "$u" mailbox INBOX uid 3                   # deleted remotely
    rm "$(diff_file "$m/INBOX" 4)"                                      # deleted locally
    imapd_doveadm flags remove -u "$u" '\Flagged' mailbox INBOX uid 5  # remote -F ...
    f=$(diff_file "$m/INBOX" 5) && mv "$f" "${f%:2,*}:2,FS"            # ... local +S
    imapd_doveadm expunge -u "$u" mailbox INBOX uid 6                   # deleted on both
    rm "$(diff_file "$m/INBOX" 6)"
    diff_message "$t/m7" m7
    imapd_deliver "$u" INBOX "$t/m7" '\Answered' >/dev/null            # new remotely
    diff_message "$m/INBOX/new/1700000000.M1P1.local" local1           # new locally
    printf 'a longer message, a longer message, a longer one\n' >>"$m/INBOX/new/1700000000.M1P1.local"
    f=$(diff_file "$m/Archive" 1) && mv "$f" "${f%:2,*}:2,F"
    rm "$2/meta/Account-Test/LocalStatus-sqlite/Archive"               # state lost
    mkdir -p "$m"/Drafts/{cur,new,tmp}                                  # new local folder
    diff_message "$m/Drafts/cur/1700000001.M2P2.local:2,DS" draft1
    # New local files are above the maxsize used here on both sides, so that no copy is
    # hidden on one side only (where we deliberately differ: doc/planner.md).
    printf 'a longer draft, a longer draft, a longer draft\n' >>"$m/Drafts/cur/1700000001.M2P2.local:2,DS"
    imapd_mailbox "$u" Lists                                            # new remote folder
    diff_message "$t/l1" l1
    imapd_deliver "$u" Lists "$t/l1" '\Seen' >/dev/null
}

# diff_summary USER DIR: per folder the server's UIDs and flags, the local files' UIDs and
# flags, and the status rows; file names and UIDVALIDITY aside, both accounts must agree.
diff_summary() {
    local u=$1 d=$2 folder db
    for folder in Archive Drafts INBOX Lists; do
        echo "== $folder"
        imapd_doveadm -f tab fetch -u "$u" 'uid flags' mailbox "$folder" | tail -n +2 |
            sed 's/ *\\Recent//; s/^/server /'
        (cd "$d/mail/$folder" && ls new cur) | grep -v '^\(new\|cur\):$\|^$' |
            sed 's/.*,U=\([0-9]*\),FMD5=[0-9a-f]*:2,\(.*\)$/local \1 \2/; /^local /!s/^/uid-less /' | sort
        db=$d/meta/Account-Test/LocalStatus-sqlite/$folder
        [ ! -f "$db" ] || sqlite3 -separator ' ' "$db" "select 'status', id, flags from status order by id"
    done
}

# diff_py DIR: one offlineimap3 run, single-threaded (its threads can deadlock, spec §15.2).
diff_py() { timeout 300 /usr/bin/offlineimap -c "$1/rc" -o -1 -u basic >>"$BATS_TEST_TMPDIR/py.log" 2>&1; }

# diff_ours DIR: one sync through the plumbing, as the driver runs it.
diff_ours() {
    local d=$1
    imap-fetch -c "$d/rc" -a Test -o "$d/remote.tsv" &&
        maildir-scan -c "$d/rc" -a Test -o "$d/local.tsv" &&
        sync-plan -c "$d/rc" -a Test --remote "$d/remote.tsv" --local "$d/local.tsv" -o "$d/plan" &&
        sync-apply -c "$d/rc" -a Test -q "$d/plan"
}

# differential ACCOUNT-LINES LOCAL-LINES REMOTE-LINES: both accounts get the same mail and
# changes; offlineimap3 syncs one, the plumbing the other, twice; the results must agree.
# The first sync (by offlineimap3 for both) ignores "readonly = yes".
differential() {
    [ -x /usr/bin/offlineimap ] || skip "offlineimap3 is not installed"
    local t=$BATS_TEST_TMPDIR round py=py$BATS_TEST_NUMBER ours=ours$BATS_TEST_NUMBER
    "${DIFF_POPULATE:-diff_populate}" "$py"
    "${DIFF_POPULATE:-diff_populate}" "$ours"
    diff_config "$py" "$t/py" "${@//readonly = yes/}"
    diff_config "$ours" "$t/ours" "${@//readonly = yes/}"
    diff_py "$t/py"
    diff_py "$t/ours"
    diff_config "$py" "$t/py" "$@"
    diff_config "$ours" "$t/ours" "$@"
    "${DIFF_CHANGE:-diff_change}" "$py" "$t/py"
    "${DIFF_CHANGE:-diff_change}" "$ours" "$t/ours"
    for round in 1 2; do
        diff_py "$t/py"
        run --separate-stderr diff_ours "$t/ours"
        [ "$status" -eq 0 ] || { echo "$stderr"; false; }
        diff_summary "$py" "$t/py" >"$t/py.$round"
        diff_summary "$ours" "$t/ours" >"$t/ours.$round"
        diff -u "$t/py.$round" "$t/ours.$round"
    done
}

@test "the plan, applied by sync-apply, leaves what offlineimap3 leaves (differential)" {
    differential
    # Round 2 stripped the P offlineimap recorded in round 1; a third plan has no operation.
    grep -qx 'local 2 RS' "$BATS_TEST_TMPDIR/ours.2"
    diff_ours "$BATS_TEST_TMPDIR/ours"
    [ "$(grep -c '^op' "$BATS_TEST_TMPDIR/ours/plan")" -eq 0 ]
}

@test "differential: customflag keywords, maxsize" {
    differential "maxsize = 75" "customflag_a = \$Label1"
    # The server keeps $Label1 on UID 2, so the letter the local side dropped comes back.
    grep -qx 'local 2 RSa' "$BATS_TEST_TMPDIR/ours.2"
    # m1 (the larger message) is above maxsize on both sides: nothing of it is local.
    sed -n '/^== INBOX/,/^== Lists/p' "$BATS_TEST_TMPDIR/ours.2" >"$BATS_TEST_TMPDIR/inbox"
    grep -q '^server 1'$'\t' "$BATS_TEST_TMPDIR/inbox"
    ! grep -q '^local 1 ' "$BATS_TEST_TMPDIR/inbox"
}

@test "differential: sync_deletes = no on both sides" {
    differential "" "sync_deletes = no" "sync_deletes = no"
}

@test "differential: read-only remote" {
    differential "" "" "readonly = yes"
}

# diff_append USER MAILBOX FILE INTERNALDATE [FLAGS]: IMAP APPEND with a given INTERNALDATE
# (doveadm save cannot set one).
diff_append() {
    python3 - "$IMAPD_HOST" "$IMAPD_PORT" "$1" "$(cat "$IMAPD_DIR/pass/$1")" "$2" "$3" "$4" "${5:-}" <<'PY'
import imaplib, sys
host, port, user, password, mailbox, path, date, flags = sys.argv[1:]
imap = imaplib.IMAP4(host, int(port))
imap.login(user, password)
with open(path, 'rb') as f:
    imap.append(mailbox, '(%s)' % flags, imaplib.Time2Internaldate(int(date)), f.read())
imap.logout()
PY
}

# Old mail (INTERNALDATE in 2001) below UIDs 4-6 of this month; maxage = 30 hides 1-3.
diff_populate_dated() {
    local u=$1 t=$BATS_TEST_TMPDIR i now
    now=$(date +%s)
    imapd_user "$u"
    imapd_mailbox "$u" Archive
    for i in 1 2 3 4 5 6; do
        diff_message "$t/d$i" "d$i"
        if [ "$i" -le 3 ]; then diff_append "$u" INBOX "$t/d$i" 1000000000 '\Seen'
        else diff_append "$u" INBOX "$t/d$i" $((now - 86400 * i)) '\Seen'; fi
    done
}

diff_change_dated() {
    local u=$1 m=$2/mail t=$BATS_TEST_TMPDIR f
    imapd_doveadm flags add -u "$u" '\Flagged' mailbox INBOX uid 2   # outside the window
    imapd_doveadm flags add -u "$u" '\Flagged' mailbox INBOX uid 6
    rm "$(diff_file "$m/INBOX" 5)"
    diff_message "$t/d7" d7
    diff_append "$u" INBOX "$t/d7" 1000000000 '\Answered'            # old date, high UID
    diff_message "$m/INBOX/new/1700000000.M1P1.local" local1
}

@test "differential: maxage" {
    DIFF_POPULATE=diff_populate_dated DIFF_CHANGE=diff_change_dated differential "maxage = 30"
    grep -qx 'local 7 R' "$BATS_TEST_TMPDIR/ours.1"
    ! grep -q '^local [123] ' "$BATS_TEST_TMPDIR/ours.2"
}

# startdate on the remote (spec §5.7.3): offlineimap3's first sync saves StartUID 4 for INBOX
# (UIDs 1-3 are from 2001), and both programs then sync UIDs from 4 on, d7 (old date, UID 7)
# included, reading that file.
@test "differential: startdate of the remote repository" {
    local start
    start=$(date -u -d '60 days ago' +%F)
    DIFF_POPULATE=diff_populate_dated DIFF_CHANGE=diff_change_dated differential "" "" "startdate = $start"
    [ "$(cat "$BATS_TEST_TMPDIR/ours/meta/Repository-Remote/StartUID/INBOX")" = 4 ]
    grep -qx 'local 7 R' "$BATS_TEST_TMPDIR/ours.1"
    ! grep -q '^local [123] ' "$BATS_TEST_TMPDIR/ours.2"
}

# Not compared: a read-only local Maildir with a new remote folder, where offlineimap aborts
# the account (and deadlocks without -1, spec §15.2) and we skip only that folder.
