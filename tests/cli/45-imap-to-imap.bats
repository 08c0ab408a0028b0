# IMAP <-> IMAP at the stage level (spec §5.12): imap-fetch lists both servers, sync-plan
# --local-imap turns the local server's listing and the UID maps into the local side, and
# sync-apply --local-host applies the plan to both servers and the UIDMapping files.  Two
# users of the private Dovecot play the remote and the local repository.
bats_require_minimum_version 1.5.0
load helpers/common

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

setup() {
    T=$BATS_TEST_TMPDIR
    META=$T/meta
    R=r$BATS_TEST_NUMBER
    L=l$BATS_TEST_NUMBER
    imapd_user "$R"
    imapd_user "$L"
}

conn() {  # conn USER [PREFIX]: the connection flags of USER
    local p=${2:-}
    printf '%s\n' "--${p}host" "$IMAPD_HOST" "--${p}port" "$IMAPD_PORT" "--${p}tls" none \
        "--${p}user" "$1" "--${p}password-file" "$IMAPD_DIR/pass/$1"
}

# plan_once [SYNC-PLAN ARGS...]: both listings and the plan in $T/plan.
plan_once() {
    local -a r l
    mapfile -t r < <(conn "$R")
    mapfile -t l < <(conn "$L")
    imap-fetch "${r[@]}" -o "$T/remote.tsv" &&
    imap-fetch "${l[@]}" -o "$T/local.tsv" &&
    sync-plan --remote "$T/remote.tsv" --local-imap "$T/local.tsv" --metadata "$META" \
        --account A --local-repository L --remote-repository R --local-sep / -o "$T/plan" "$@"
}

# apply_plan [SYNC-APPLY ARGS...]: $T/plan against both servers.
apply_plan() {
    local -a r l
    mapfile -t r < <(conn "$R")
    mapfile -t l < <(conn "$L" local-)
    sync-apply "${r[@]}" "${l[@]}" "$@" "$T/plan"
}

sync_once() { plan_once && apply_plan; }

ops() { grep -c '^op' "$T/plan" || true; }

message() {  # message FILE SUBJECT: a CRLF message
    printf 'From: a@example.org\r\nMessage-ID: <%s@example.org>\r\nSubject: %s\r\n\r\nbody of %s\r\n' \
        "$2" "$2" "$2" > "$1"
}

# state USER MAILBOX: "uid|flags|subject" per message, flags sorted, without \Recent.
state() {
    local uid flags subject
    imapd_doveadm -f flow fetch -u "$1" 'uid flags hdr.subject' mailbox "$2" |
        sed -E 's/uid=([0-9]+) flags=(.*) hdr.subject=(.*)/\1|\2|\3/; s/\\Recent ?//; s/ \|/|/' |
        while IFS='|' read -r uid flags subject; do
            flags=$(printf '%s\n' $flags | LC_ALL=C sort | tr '\n' ' ')
            printf '%s|%s|%s\n' "$uid" "${flags% }" "$subject"
        done
}

subjects() {  # subjects USER MAILBOX: "flags|subject" per message, sorted
    state "$1" "$2" | cut -d'|' -f2- | LC_ALL=C sort
}

body() {  # body USER MAILBOX UID
    imapd_doveadm -f flow fetch -u "$1" text mailbox "$2" uid "$3" | sed '1s/^text=//'
}

mapping() { cat "$META/Repository-L/UIDMapping/$1"; }

@test "first sync both ways: messages, bytes, flags and the UIDMapping lines" {
    message "$T/r1" remote-one
    message "$T/r2" remote-two
    message "$T/l1" local-one
    imapd_deliver "$R" INBOX "$T/r1" '\Seen' >/dev/null
    imapd_deliver "$R" INBOX "$T/r2" >/dev/null
    imapd_deliver "$L" INBOX "$T/l1" '\Flagged' >/dev/null
    run --separate-stderr sync_once
    [ "$status" -eq 0 ]
    assert_equal "$(subjects "$R" INBOX)" "$(printf '%s\n' '\Flagged|local-one' '\Seen|remote-one' '|remote-two')"
    assert_equal "$(subjects "$L" INBOX)" "$(printf '%s\n' '\Flagged|local-one' '\Seen|remote-one' '|remote-two')"
    # Local 1 (local-one) went up as remote 3; remote 1 and 2 came down as local 2 and 3.
    assert_equal "$(mapping INBOX)" "$(printf '1:3\n2:1\n3:2')"
    [ -f "$META/Repository-L/UIDMapping/INBOX.lock" ]
    [ ! -e "$META/Repository-L/UIDMapping/INBOX.tmp" ]
    [ ! -e "$META/Repository-L/UIDMapping-pending/INBOX" ]
    # The bytes: the download is the remote message as it is.
    assert_equal "$(body "$L" INBOX 2)" "$(body "$R" INBOX 1)"
    assert_equal "$(sqlite3 "$META/Account-A/LocalStatus-sqlite/INBOX" 'SELECT id, flags FROM status ORDER BY id')" \
        "$(printf '1|S\n2|\n3|F')"
    assert_equal "$(cat "$META/Repository-L/FolderValidity/INBOX")" \
        "$(imapd_doveadm -f flow mailbox status -u "$L" uidvalidity INBOX | sed 's/.*uidvalidity=//')"
    # A second run has nothing to do.
    run --separate-stderr plan_once
    [ "$status" -eq 0 ]
    assert_equal "$(ops)" 0
}

# flags USER MAILBOX SUBJECT FLAG...: set the flags of the message with that subject
set_flags() {
    local user=$1 box=$2 subject=$3
    shift 3
    imapd_doveadm flags replace -u "$user" "$*" mailbox "$box" header subject "$subject"
}

seed() {  # one message on each side, synced
    message "$T/r1" remote-one
    message "$T/l1" local-one
    imapd_deliver "$R" INBOX "$T/r1" >/dev/null
    imapd_deliver "$L" INBOX "$T/l1" >/dev/null
    sync_once
}

@test "flags both ways, merged per letter; only system flags are carried" {
    seed
    set_flags "$R" INBOX local-one '\Seen' '$Label1'
    set_flags "$L" INBOX remote-one '\Flagged' '\Answered'
    set_flags "$L" INBOX local-one '\Seen' '\Draft'
    run --separate-stderr sync_once
    [ "$status" -eq 0 ]
    # The remote keeps its keyword; the local server never gets it (spec §5.12).
    assert_equal "$(subjects "$R" INBOX)" "$(printf '%s\n' '$Label1 \Draft \Seen|local-one' '\Answered \Flagged|remote-one')"
    assert_equal "$(subjects "$L" INBOX)" "$(printf '%s\n' '\Answered \Flagged|remote-one' '\Draft \Seen|local-one')"
    run --separate-stderr plan_once
    [ "$status" -eq 0 ]
    assert_equal "$(ops)" 0
}

@test "deletions both ways remove the message, its status row and its map line" {
    seed
    assert_equal "$(mapping INBOX)" "$(printf '1:2\n2:1')"
    imapd_doveadm expunge -u "$R" mailbox INBOX header subject remote-one
    imapd_doveadm expunge -u "$L" mailbox INBOX header subject local-one
    run --separate-stderr sync_once
    [ "$status" -eq 0 ]
    assert_equal "$(subjects "$R" INBOX)" ""
    assert_equal "$(subjects "$L" INBOX)" ""
    assert_equal "$(mapping INBOX)" ""
    assert_equal "$(sqlite3 "$META/Account-A/LocalStatus-sqlite/INBOX" 'SELECT count(*) FROM status')" 0
    run --separate-stderr plan_once
    [ "$status" -eq 0 ]
    assert_equal "$(ops)" 0
}

@test "folders are created on either side, and a map entry whose local message vanished is dropped" {
    imapd_mailbox "$R" Work
    imapd_mailbox "$L" Home
    message "$T/w" work
    imapd_deliver "$R" Work "$T/w" >/dev/null
    run --separate-stderr sync_once
    [ "$status" -eq 0 ]
    assert_equal "$(subjects "$L" Work)" "|work"
    assert_equal "$(imapd_doveadm mailbox list -u "$R" | sort | tr '\n' ' ')" "Home INBOX Work "
    assert_equal "$(mapping Work)" "1:1"
    # A stale line (local UID 9 does not exist) is dropped when the folder is opened.
    printf '1:1\n9:7\n' > "$META/Repository-L/UIDMapping/Work"
    message "$T/w2" work-two
    imapd_deliver "$R" Work "$T/w2" >/dev/null
    run --separate-stderr sync_once
    [ "$status" -eq 0 ]
    assert_equal "$(mapping Work)" "$(printf '1:1\n2:2')"
}

@test "a leftover UIDMapping .tmp gives offlineimap's warning and is removed" {
    seed
    printf '1:' > "$META/Repository-L/UIDMapping/INBOX.tmp"
    message "$T/r2" remote-two
    imapd_deliver "$R" INBOX "$T/r2" >/dev/null
    run --separate-stderr sync_once
    [ "$status" -eq 0 ]
    [[ "$stderr" == *"a previous run might have leave the UIDMaps file in incorrect state"* ]]
    [ ! -e "$META/Repository-L/UIDMapping/INBOX.tmp" ]
    assert_equal "$(mapping INBOX)" "$(printf '1:2\n2:1\n3:3')"
}

@test "sync-plan refuses maxage and --local together with --local-imap" {
    run --separate-stderr sync-plan --remote x --local-imap y --metadata m --account A \
        --local-repository L --remote-repository R --maxage 3
    [ "$status" -eq 64 ]
    assert_equal "$stderr" "sync-plan: error: maxage is not supported on IMAP-IMAP sync (use startdate)"
    run --separate-stderr sync-plan --remote x --local x --local-imap y --metadata m --account A \
        --local-repository L --remote-repository R
    [ "$status" -eq 64 ]
    assert_equal "$stderr" "sync-plan: error: --local and --local-imap exclude each other"
}

# --- offlineimap3 on the same state -----------------------------------------------------

py_config() {  # an offlineimaprc for the same account, both repositories IMAP
    local side
    cat >"$T/rc" <<CONF
[general]
accounts = A
metadata = $META
ui = basic

[Account A]
localrepository = L
remoterepository = R
CONF
    for side in "L $L" "R $R"; do
        set -- $side
        cat >>"$T/rc" <<CONF

[Repository $1]
type = IMAP
remotehost = $IMAPD_HOST
remoteport = $IMAPD_PORT
ssl = no
starttls = no
remoteuser = $2
remotepassfile = $IMAPD_DIR/pass/$2
CONF
    done
}

py_sync() { timeout 300 /usr/bin/offlineimap -c "$T/rc" -o -1 -u basic >>"$T/py.log" 2>&1; }

@test "interoperability: offlineimap3 after us, and we after offlineimap3, sync nothing new" {
    [ -x /usr/bin/offlineimap ] || skip "offlineimap3 is not installed"
    imapd_mailbox "$R" Work
    message "$T/r1" remote-one
    message "$T/l1" local-one
    message "$T/w1" work-one
    imapd_deliver "$R" INBOX "$T/r1" '\Seen' >/dev/null
    imapd_deliver "$L" INBOX "$T/l1" '\Flagged' >/dev/null
    imapd_deliver "$R" Work "$T/w1" >/dev/null
    run --separate-stderr sync_once
    [ "$status" -eq 0 ]
    before_r=$(state "$R" INBOX; state "$R" Work)
    before_l=$(state "$L" INBOX; state "$L" Work)
    before_map=$(mapping INBOX; mapping Work)
    py_config
    py_sync || { cat "$T/py.log"; false; }
    assert_equal "$(state "$R" INBOX; state "$R" Work)" "$before_r"
    assert_equal "$(state "$L" INBOX; state "$L" Work)" "$before_l"
    assert_equal "$(mapping INBOX; mapping Work)" "$before_map"
    # Now offlineimap3 carries a change of each side, and we find nothing left to do.
    message "$T/r2" remote-two
    message "$T/l2" local-two
    imapd_deliver "$R" INBOX "$T/r2" >/dev/null
    imapd_deliver "$L" Work "$T/l2" '\Seen' >/dev/null
    set_flags "$L" INBOX remote-one '\Seen' '\Answered'
    py_sync || { cat "$T/py.log"; false; }
    assert_equal "$(subjects "$L" INBOX)" "$(printf '%s\n' '\Answered \Seen|remote-one' '\Flagged|local-one' '|remote-two')"
    assert_equal "$(subjects "$R" Work)" "$(printf '%s\n' '\Seen|local-two' '|work-one')"
    run --separate-stderr plan_once
    [ "$status" -eq 0 ]
    assert_equal "$(ops)" 0
}

# --- interrupted runs (doc/crash-safety.md "IMAP <-> IMAP") ---------------------------------

crash_seed() {  # three remote messages to download, one local to upload, one flag change
    local i
    for i in 1 2 3; do
        message "$T/r$i" "remote-$i"
        imapd_deliver "$R" INBOX "$T/r$i" >/dev/null
    done
    message "$T/l1" local-1
    imapd_deliver "$L" INBOX "$T/l1" '\Seen' >/dev/null
}

crash_expect() {  # the state of an uninterrupted run, and nothing left to do
    assert_equal "$(subjects "$R" INBOX)" "$(printf '%s\n' '\Seen|local-1' '|remote-1' '|remote-2' '|remote-3')"
    assert_equal "$(subjects "$L" INBOX)" "$(printf '%s\n' '\Seen|local-1' '|remote-1' '|remote-2' '|remote-3')"
    assert_equal "$(mapping INBOX | wc -l)" 4
    run --separate-stderr plan_once
    [ "$status" -eq 0 ]
    assert_equal "$(ops)" 0
}

@test "a crash after the local server took APPENDs whose UIDs were not mapped duplicates nothing" {
    crash_seed
    plan_once
    OIMAP_TEST_STOP_AFTER_LOCAL_APPENDS=2 run --separate-stderr apply_plan
    [ "$status" -eq 100 ]
    # The downloads (pipelined: two or more) are on the local server, not in the map; the
    # journal says so.
    [ "$(state "$L" INBOX | wc -l)" -ge 3 ]
    run grep -cE ':[123]$' "$META/Repository-L/UIDMapping/INBOX"
    assert_equal "$output" 0
    [ -f "$META/Repository-L/UIDMapping-pending/INBOX" ]
    # The next sync plans afresh (an unmapped message would otherwise be uploaded again).
    run --separate-stderr sync_once
    [ "$status" -eq 0 ]
    [[ "$stderr" == *"was interrupted after the server took it as UID 2; mapping it"* ]]
    [ ! -e "$META/Repository-L/UIDMapping-pending/INBOX" ]
    crash_expect
}

@test "the same plan applied again after a crash inside the local APPENDs converges" {
    crash_seed
    plan_once
    OIMAP_TEST_STOP_AFTER_LOCAL_APPENDS=1 run --separate-stderr apply_plan
    [ "$status" -eq 100 ]
    # The upload done before the stop is stale now (its message is mapped), as the upload of a
    # renamed Maildir file is: exit 1 and that message.
    run --separate-stderr apply_plan
    [ "$status" -eq 1 ]
    [[ "$stderr" == *"stale operation "*"copy-to-remote in 'INBOX' UID 0: file 'cur/L1' is gone"* ]]
    crash_expect
}

@test "stopped after every durable step, each run resumed by the next sync converges" {
    local n=1
    while :; do
        R=r${BATS_TEST_NUMBER}s$n L=l${BATS_TEST_NUMBER}s$n META=$T/meta$n
        imapd_user "$R"
        imapd_user "$L"
        crash_seed
        plan_once
        run --separate-stderr apply_plan --test-stop-after="$n"
        [ "$status" -eq 100 ] || [ "$status" -eq 0 ]
        [ "$status" -eq 0 ] && break
        run --separate-stderr sync_once
        [ "$status" -eq 0 ]
        crash_expect
        n=$((n + 1))
    done
    [ "$n" -ge 3 ]
}

# --- the driver ---------------------------------------------------------------------------

ours() { offlineimap -c "$T/rc" -o -u basic "$@"; }

@test "offlineimap syncs an account whose local repository is IMAP, and a second run does nothing" {
    message "$T/r1" remote-one
    message "$T/l1" local-one
    imapd_deliver "$R" INBOX "$T/r1" '\Seen' >/dev/null
    imapd_deliver "$L" INBOX "$T/l1" >/dev/null
    py_config
    run --separate-stderr ours
    [ "$status" -eq 0 ]
    [[ "$stderr$output" == *"Establishing connection to $IMAPD_HOST:$IMAPD_PORT (L)"* ]]
    assert_equal "$(subjects "$R" INBOX)" "$(printf '%s\n' '\Seen|remote-one' '|local-one')"
    assert_equal "$(subjects "$L" INBOX)" "$(printf '%s\n' '\Seen|remote-one' '|local-one')"
    assert_equal "$(mapping INBOX)" "$(printf '1:2\n2:1')"
    # Flags and a deletion, one on each side.
    set_flags "$L" INBOX remote-one '\Seen' '\Flagged'
    imapd_doveadm expunge -u "$R" mailbox INBOX header subject local-one
    run --separate-stderr ours
    [ "$status" -eq 0 ]
    assert_equal "$(subjects "$R" INBOX)" '\Flagged \Seen|remote-one'
    assert_equal "$(subjects "$L" INBOX)" '\Flagged \Seen|remote-one'
    assert_equal "$(mapping INBOX)" "2:1"
    run --separate-stderr plan_once
    [ "$status" -eq 0 ]
    assert_equal "$(ops)" 0
}

@test "offlineimap --dry-run on an IMAP<->IMAP account changes nothing and writes no map" {
    message "$T/r1" remote-one
    imapd_deliver "$R" INBOX "$T/r1" >/dev/null
    py_config
    run --separate-stderr ours --dry-run
    [ "$status" -eq 0 ]
    [[ "$output" == *"copy-to-local"* ]]
    assert_equal "$(subjects "$L" INBOX)" ""
    [ ! -e "$META/Repository-L/UIDMapping/INBOX" ]
}

@test "readonly on the local IMAP repository: nothing changes there, its new mail goes up" {
    imapd_mailbox "$R" Work
    message "$T/r1" remote-one
    message "$T/l1" local-one
    imapd_deliver "$R" INBOX "$T/r1" >/dev/null
    imapd_deliver "$L" INBOX "$T/l1" >/dev/null
    py_config
    sed -i '/^\[Repository L\]/a readonly = yes' "$T/rc"
    run --separate-stderr ours
    # As with a read-only Maildir: the folder that would need a local CREATE is an error.
    [ "$status" -eq 1 ]
    [[ "$stderr$output" == *"cannot sync folder 'Work': local folder 'Work' does not exist and may not be created"* ]]
    assert_equal "$(subjects "$L" INBOX)" "|local-one"
    assert_equal "$(subjects "$R" INBOX)" "$(printf '%s\n' '|local-one' '|remote-one')"
    assert_equal "$(imapd_doveadm mailbox list -u "$L" | sort | tr '\n' ' ')" "INBOX "
}

@test "nametrans on both sides and sync_deletes = no, as for a Maildir" {
    imapd_mailbox "$R" Work
    message "$T/w1" work-one
    message "$T/w2" work-two
    imapd_deliver "$R" Work "$T/w1" >/dev/null
    imapd_deliver "$R" Work "$T/w2" >/dev/null
    py_config
    sed -i "/^\[Repository R\]/a nametrans = lambda f: f if f == 'INBOX' else 'R-' + f" "$T/rc"
    sed -i "/^\[Repository L\]/a nametrans = lambda f: re.sub('^R-', '', f)\nsync_deletes = no" "$T/rc"
    run --separate-stderr ours
    [ "$status" -eq 0 ]
    assert_equal "$(imapd_doveadm mailbox list -u "$L" | sort | tr '\n' ' ')" "INBOX R-Work "
    assert_equal "$(imapd_doveadm mailbox list -u "$R" | sort | tr '\n' ' ')" "INBOX Work "
    assert_equal "$(subjects "$L" R-Work)" "$(printf '%s\n' '|work-one' '|work-two')"
    assert_equal "$(mapping R-Work)" "$(printf '1:1\n2:2')"
    # A local deletion is not carried (the local repository's sync_deletes = no); a remote one is.
    imapd_doveadm expunge -u "$L" mailbox R-Work header subject work-one
    imapd_doveadm expunge -u "$R" mailbox Work header subject work-two
    run --separate-stderr ours
    [ "$status" -eq 0 ]
    assert_equal "$(subjects "$R" Work)" "|work-one"
    assert_equal "$(subjects "$L" R-Work)" ""
    # offlineimap3 agrees that nothing is left to do.
    before=$(state "$R" Work; state "$L" R-Work)
    py_sync || { cat "$T/py.log"; false; }
    assert_equal "$(state "$R" Work; state "$L" R-Work)" "$before"
}

@test "--info shows both IMAP repositories" {
    imapd_mailbox "$L" Home
    py_config
    run --separate-stderr ours --info
    [ "$status" -eq 0 ]
    [[ "$output$stderr" == *"Remote repository 'R': type 'IMAP'"* ]]
    [[ "$output$stderr" == *"Local repository 'L': type 'IMAP'"* ]]
    [ "$(grep -c "Host: $IMAPD_HOST Port: $IMAPD_PORT SSL: False" <<<"$output$stderr")" -eq 2 ]
    [[ "$output$stderr" == *"Home"* ]]
}

@test "a local folder whose UIDVALIDITY changed is skipped with offlineimap's warning" {
    imapd_mailbox "$R" Work
    message "$T/w1" work-one
    imapd_deliver "$R" Work "$T/w1" >/dev/null
    sync_once
    old=$(cat "$META/Repository-L/FolderValidity/Work")
    # The local folder is re-created: same name, new UIDVALIDITY, a message at UID 1 again.
    imapd_doveadm mailbox delete -u "$L" Work
    sleep 1  # Dovecot's UIDVALIDITY is a time in seconds
    imapd_mailbox "$L" Work
    message "$T/x" stranger
    imapd_deliver "$L" Work "$T/x" >/dev/null
    new=$(imapd_doveadm -f flow mailbox status -u "$L" uidvalidity Work | sed 's/.*uidvalidity=//')
    [ "$new" != "$old" ]
    run --separate-stderr plan_once
    [ "$status" -eq 2 ]
    assert_equal "$stderr" "sync-plan: warning: UID validity problem for folder Work (repo L) (saved $old; got $new); skipping it. Please see FAQ and manual on how to handle this."
    grep -q "^skip	Work	Work	uidvalidity" "$T/plan"
}

@test "interoperability: after offlineimap3's first sync we find nothing to do, and write its map lines" {
    [ -x /usr/bin/offlineimap ] || skip "offlineimap3 is not installed"
    message "$T/r1" remote-one
    message "$T/r2" remote-two
    message "$T/l1" local-one
    imapd_deliver "$R" INBOX "$T/r1" '\Seen' >/dev/null
    imapd_deliver "$R" INBOX "$T/r2" >/dev/null
    imapd_deliver "$L" INBOX "$T/l1" '\Flagged' >/dev/null
    py_config
    py_sync || { cat "$T/py.log"; false; }
    py_map=$(mapping INBOX)
    assert_equal "$(echo "$py_map" | LC_ALL=C sort)" "$(printf '1:3\n2:1\n3:2')"
    run --separate-stderr plan_once
    [ "$status" -eq 0 ]
    assert_equal "$(ops)" 0
    # A change on each side, carried by us: the map file is still offlineimap's text plus ours.
    message "$T/r3" remote-three
    imapd_deliver "$R" INBOX "$T/r3" >/dev/null
    run --separate-stderr sync_once
    [ "$status" -eq 0 ]
    assert_equal "$(mapping INBOX)" "$(printf '1:3\n2:1\n3:2\n4:4')"
}

@test "quick and incremental runs of an IMAP<->IMAP account see changes of either side" {
    message "$T/r1" remote-one
    imapd_deliver "$R" INBOX "$T/r1" >/dev/null
    py_config
    run --separate-stderr ours
    [ "$status" -eq 0 ]
    run --separate-stderr ours -q
    [ "$status" -eq 0 ]
    # A local change under saved remote facts: the remote is listed "none", the local in full.
    set_flags "$L" INBOX remote-one '\Answered'
    message "$T/l1" local-one
    imapd_deliver "$L" INBOX "$T/l1" >/dev/null
    run --separate-stderr ours -q
    [ "$status" -eq 0 ]
    assert_equal "$(subjects "$R" INBOX)" "$(printf '%s\n' '\Answered|remote-one' '|local-one')"
    assert_equal "$(mapping INBOX)" "$(printf '1:1\n2:2')"
}

# --- startdate (spec §5.7.3): IMAP <-> IMAP's date option ---------------------------------

append_dated() {  # append_dated USER FILE EPOCH: an INBOX message with that INTERNALDATE
    python3 - "$IMAPD_HOST" "$IMAPD_PORT" "$1" "$(cat "$IMAPD_DIR/pass/$1")" "$2" "$3" <<'PY'
import imaplib, sys
host, port, user, password, path, date = sys.argv[1:]
imap = imaplib.IMAP4(host, int(port))
imap.login(user, password)
with open(path, 'rb') as f:
    imap.append('INBOX', '()', imaplib.Time2Internaldate(int(date)), f.read())
imap.logout()
PY
}

dated_seed() {  # dated_seed USER: INBOX UIDs 1-2 of 2020, 3-4 of 2025
    local m
    for m in old-1:1577836800 old-2:1580515200 new-3:1750000000 new-4:1750086400; do
        message "$T/${m%%:*}" "${m%%:*}"
        append_dated "$1" "$T/${m%%:*}" "${m#*:}"
    done
}

start_uid() { cat "$META/Repository-$1/StartUID/INBOX"; }

sync_with() { plan_once "$@" && apply_plan; }  # sync_with SYNC-PLAN ARGS...

@test "--local-startdate: an empty remote gets the local server's mail since that day; StartUID is a local UID" {
    dated_seed "$L"
    imapd_deliver "$L" INBOX "$T/old-1" >/dev/null   # delivered today: UID 5, a copy of old-1
    imapd_doveadm expunge -u "$L" mailbox INBOX uid 5
    run --separate-stderr plan_once --local-startdate 2024-01-01
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    grep -qx $'op\tsave-start-uid\tINBOX\t3\tRepository-L/StartUID/INBOX' "$T/plan"
    run --separate-stderr apply_plan
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    assert_equal "$(start_uid L)" 3
    [ ! -e "$META/Repository-R/StartUID" ]
    assert_equal "$(subjects "$R" INBOX)" "$(printf '%s\n' '|new-3' '|new-4')"
    assert_equal "$(mapping INBOX)" "$(printf '3:1\n4:2')"
    run --separate-stderr plan_once --local-startdate 2024-01-01
    [ "$status" -eq 0 ]
    assert_equal "$(ops)" 0
    # New mail on each side (today) is carried; the old local mail stays out; the floor stays.
    message "$T/r5" remote-five
    message "$T/l6" local-six
    imapd_deliver "$R" INBOX "$T/r5" >/dev/null
    imapd_deliver "$L" INBOX "$T/l6" >/dev/null
    run --separate-stderr sync_with --local-startdate 2024-01-01
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    assert_equal "$(subjects "$R" INBOX)" "$(printf '%s\n' '|local-six' '|new-3' '|new-4' '|remote-five')"
    assert_equal "$(subjects "$L" INBOX)" \
        "$(printf '%s\n' '|local-six' '|new-3' '|new-4' '|old-1' '|old-2' '|remote-five')"
    assert_equal "$(start_uid L)" 3
    ! grep -q save-start-uid "$T/plan"
    # Without its StartUID file the folder is on its first run, and the remote is not empty.
    rm "$META/Repository-L/StartUID/INBOX"
    run --separate-stderr plan_once --local-startdate 2024-01-01
    [ "$status" -eq 0 ]
    assert_equal "$(ops)" 0
    grep -qx $'skip\tINBOX\tINBOX\tstartdate\tTo use startdate on Repository L, Repository R must be empty' "$T/plan"
    assert_equal "$stderr" "sync-plan: warning: To use startdate on Repository L, Repository R must be empty"
}

@test "--local-startdate needs --local-imap, and only one of maxage and the startdates" {
    run --separate-stderr sync-plan --remote x --local y --metadata m --account A \
        --local-repository L --remote-repository R --local-startdate 2024-01-01
    [ "$status" -eq 64 ]
    assert_equal "$stderr" "sync-plan: error: --local-startdate needs --local-imap (a local IMAP repository)"
    run --separate-stderr sync-plan --remote x --local-imap y --metadata m --account A \
        --local-repository L --remote-repository R --local-startdate 2024-01-01 \
        --remote-startdate 2024-01-01
    [ "$status" -eq 64 ]
    assert_equal "$stderr" "sync-plan: error: You can set at most one of the following: maxage, startdate (for the local folder), startdate (for the remote folder)"
}

@test "--remote-startdate with a local IMAP repository: the empty local server gets the remote's mail since that day" {
    dated_seed "$R"
    run --separate-stderr sync_with --remote-startdate 2024-01-01
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    grep -qx $'op\tsave-start-uid\tINBOX\t3\tRepository-R/StartUID/INBOX' "$T/plan"
    assert_equal "$(start_uid R)" 3
    [ ! -e "$META/Repository-L/StartUID" ]
    assert_equal "$(subjects "$L" INBOX)" "$(printf '%s\n' '|new-3' '|new-4')"
    assert_equal "$(mapping INBOX)" "$(printf '1:3\n2:4')"
    message "$T/r5" remote-five
    message "$T/l3" local-three
    imapd_deliver "$R" INBOX "$T/r5" >/dev/null
    imapd_deliver "$L" INBOX "$T/l3" >/dev/null
    run --separate-stderr sync_with --remote-startdate 2024-01-01
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    assert_equal "$(subjects "$R" INBOX)" \
        "$(printf '%s\n' '|local-three' '|new-3' '|new-4' '|old-1' '|old-2' '|remote-five')"
    assert_equal "$(subjects "$L" INBOX)" "$(printf '%s\n' '|local-three' '|new-3' '|new-4' '|remote-five')"
    run --separate-stderr plan_once --remote-startdate 2024-01-01
    [ "$status" -eq 0 ]
    assert_equal "$(ops)" 0
    rm "$META/Repository-R/StartUID/INBOX"
    run --separate-stderr plan_once --remote-startdate 2024-01-01
    [ "$status" -eq 0 ]
    assert_equal "$(ops)" 0
    assert_equal "$stderr" "sync-plan: warning: To use startdate on Repository R, Repository L must be empty"
}

with_startdate() {  # with_startdate REPO: py_config, and startdate = 2024-01-01 in [Repository REPO]
    py_config
    sed -i "/^\[Repository $1\]/a startdate = 2024-01-01" "$T/rc"
}

# startdate_driver P: the dated mail is on repository P (L or R) whose startdate is set; N is
# the other.  offlineimap3 runs a first sync on users of its own, after which we find nothing
# to do there; then we run a first sync on ours: the same StartUID file, byte for byte; then offlineimap3 carries new mail reading our file, we find
# nothing left, and a first run with mail on N is the folder's error in both (exit 1).
startdate_driver() {
    [ -x /usr/bin/offlineimap ] || skip "offlineimap3 is not installed"
    local p=$1 n saved=("$R" "$L" "$META" "$T") py_file
    [ "$p" = L ] && n=R || n=L
    R=${R}py L=${L}py META=$T/py/meta T=$T/py
    mkdir -p "$T"
    imapd_user "$R"
    imapd_user "$L"
    if [ "$p" = L ]; then dated_seed "$L"; else dated_seed "$R"; fi
    with_startdate "$p"
    py_sync || { cat "$T/py.log"; false; }
    py_file=$META/Repository-$p/StartUID/INBOX
    # We read its StartUID file (without it: a first run, and N is not empty now).
    local py_before
    py_before=$(state "$R" INBOX; state "$L" INBOX; mapping INBOX)
    run --separate-stderr ours
    [ "$status" -eq 0 ] || { echo "$output$stderr"; false; }
    assert_equal "$(state "$R" INBOX; state "$L" INBOX; mapping INBOX)" "$py_before"
    R=${saved[0]} L=${saved[1]} META=${saved[2]} T=${saved[3]}
    if [ "$p" = L ]; then dated_seed "$L"; else dated_seed "$R"; fi
    with_startdate "$p"
    run --separate-stderr ours
    [ "$status" -eq 0 ] || { echo "$output$stderr"; false; }
    cmp "$py_file" "$META/Repository-$p/StartUID/INBOX"
    assert_equal "$(od -An -c "$py_file" | tr -s ' ')" " 3 \n"
    [ ! -e "$META/Repository-$n/StartUID/INBOX" ]
    local pn=$([ "$p" = L ] && echo "$L" || echo "$R") nn=$([ "$p" = L ] && echo "$R" || echo "$L")
    assert_equal "$(subjects "$nn" INBOX)" "$(printf '%s\n' '|new-3' '|new-4')"
    # New mail on each side, carried by offlineimap3 from our StartUID file (without it, it
    # would stop at N's messages); the old mail stays on P.
    message "$T/r5" remote-five
    message "$T/l6" local-six
    imapd_deliver "$R" INBOX "$T/r5" >/dev/null
    imapd_deliver "$L" INBOX "$T/l6" >/dev/null
    : >"$T/py.log"
    py_sync || { cat "$T/py.log"; false; }
    ! grep -q ERROR "$T/py.log"
    assert_equal "$(subjects "$nn" INBOX)" "$(printf '%s\n' '|local-six' '|new-3' '|new-4' '|remote-five')"
    assert_equal "$(subjects "$pn" INBOX)" \
        "$(printf '%s\n' '|local-six' '|new-3' '|new-4' '|old-1' '|old-2' '|remote-five')"
    before=$(state "$R" INBOX; state "$L" INBOX; mapping INBOX)
    run --separate-stderr ours
    [ "$status" -eq 0 ]
    assert_equal "$(state "$R" INBOX; state "$L" INBOX; mapping INBOX)" "$before"
    assert_equal "$(cat "$META/Repository-$p/StartUID/INBOX")" 3
    # No StartUID file: a first run, and N has mail.
    rm "$META/Repository-$p/StartUID/INBOX"
    local error="ERROR: Aborting sync, folder 'INBOX' [acc: 'A']"$'\n'"  To use startdate on Repository $p, Repository $n must be empty"
    run --separate-stderr ours
    [ "$status" -eq 1 ]
    [[ "$stderr$output" == *"$error"* ]] || { echo "$output$stderr"; false; }
    : >"$T/py.log"
    run py_sync
    [ "$status" -eq 1 ]
    [[ "$(cat "$T/py.log")" == *"$error"* ]] || { cat "$T/py.log"; false; }
    assert_equal "$(state "$R" INBOX; state "$L" INBOX; mapping INBOX)" "$before"
}

@test "offlineimap: startdate of the local IMAP repository, as offlineimap3 does it" {
    startdate_driver L
}

@test "offlineimap: startdate of the remote repository with a local IMAP repository, as offlineimap3 does it" {
    startdate_driver R
}
