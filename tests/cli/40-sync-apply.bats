# sync-apply(1) against the private Dovecot, with hand-written plans: downloads (LF in the
# Maildir, mtime, offlineimap's names), uploads (CRLF and the X-OfflineIMAP tag on the
# server, the rename to ,U=), flags, deletions, status rows, preconditions, exit statuses.
bats_require_minimum_version 1.5.0
load helpers/common

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

INBOX_MD5=7e33429f656f1e6e9d79b29c3f82c57e

setup() {
    T=$BATS_TEST_TMPDIR
    ROOT=$T/mail
    META=$T/meta
    mkdir -p "$ROOT/INBOX/cur" "$ROOT/INBOX/new" "$ROOT/INBOX/tmp"
}

# apply USER ARGS...: sync-apply over the plain port, as USER.
apply() {
    local user=$1; shift
    sync-apply --host "$IMAPD_HOST" --port "$IMAPD_PORT" --tls none --user "$user" \
        --password-file "$IMAPD_DIR/pass/$user" "$@"
}

uidvalidity() {  # uidvalidity USER MAILBOX
    imapd_doveadm -f flow mailbox status -u "$1" uidvalidity "$2" | sed 's/.*uidvalidity=//'
}

# plan FILE: the records on stdin, with the header, meta lines and trailer added.
plan() {
    local records
    records=$(cat)
    {
        printf '#oimap\tsync-plan\t1\n#account\tA\n#metadata\t%s\n' "$META"
        printf '#local-repository\tL\n#remote-repository\tR\n#local-root\t%s\n#local-sep\t.\n' "$ROOT"
        [ -n "$records" ] && printf '%s\n' "$records"
        printf '#end\t%s\n' "$(printf '%s' "$records" | grep -c '^')"
    } > "$1"
}

rows() {  # rows STATUS-NAME: the status table as "uid|flags|mtime|labels" lines
    sqlite3 "$META/Account-A/LocalStatus-sqlite/$1" 'SELECT id, flags, mtime, labels FROM status ORDER BY id'
}

message() {  # message FILE SUBJECT: a CRLF message
    printf 'From: a@example.org\r\nSubject: %s\r\n\r\nbody of %s\r\nline two\r\n' "$2" "$2" > "$1"
}

# The file names of the folder, with offlineimap's "<time>_<seq>.<pid>.<host>" cut to "N".
names() {
    (cd "$ROOT/$1" && ls new cur | awk '/:$/ { d = substr($0, 1, length($0) - 1); next }
        NF { sub(/^[0-9]+_[0-9]+\.[0-9]+\.[^,]*,/, "N,"); print d "/" $0 }')
}

@test "downloads: LF bytes, offlineimap's names, new/ vs cur/, internal date as mtime, status rows" {
    imapd_user down
    message "$T/m1" one
    message "$T/m2" two
    imapd_deliver down INBOX "$T/m1" '\Seen' >/dev/null
    imapd_deliver down INBOX "$T/m2" >/dev/null
    v=$(uidvalidity down INBOX)
    plan "$T/plan" <<EOP
pair	INBOX	INBOX	INBOX	$v	$INBOX_MD5
op	copy-to-local	INBOX	1	S	1700000001	$(stat -c %s "$T/m1")
op	copy-to-local	INBOX	2		1700000002	$(stat -c %s "$T/m2")
EOP
    run --separate-stderr apply down "$T/plan"
    [ "$status" -eq 0 ]
    [ "$output" = "" ]
    assert_equal "$(names INBOX)" "$(printf 'cur/N,U=1,FMD5=%s:2,S\nnew/N,U=2,FMD5=%s:2,' $INBOX_MD5 $INBOX_MD5)"
    f1=$(ls "$ROOT"/INBOX/cur/*)
    tr -d '\r' < "$T/m1" > "$T/m1.lf"
    cmp "$T/m1.lf" "$f1"
    [ "$(stat -c %Y "$f1")" -eq 1700000001 ]
    [[ "$(basename "$f1")" =~ ^[0-9]+_0\.[0-9]+\.$(hostname), ]]
    assert_equal "$(rows INBOX)" "$(printf '1|S|0|\n2||0|')"
    assert_equal "$(cat "$META/Repository-R/FolderValidity/INBOX")" "$v"
    assert_equal "$(cat "$META/Repository-L/FolderValidity/INBOX")" "42"
    # The same plan again: nothing fetched twice, nothing duplicated.
    run --separate-stderr apply down "$T/plan"
    [ "$status" -eq 0 ]
    [ "$(ls "$ROOT"/INBOX/cur "$ROOT"/INBOX/new | grep -c U=)" -eq 2 ]
    assert_equal "$(rows INBOX)" "$(printf '1|S|0|\n2||0|')"
}

@test "uploads: CRLF and the X-OfflineIMAP tag on the server, flags, date, rename to U=/FMD5, status" {
    imapd_user up
    message "$T/m" up
    tr -d '\r' < "$T/m" > "$ROOT/INBOX/cur/1700000000.M1P1.host:2,FS"
    touch -d @1700000000 "$ROOT/INBOX/cur/1700000000.M1P1.host:2,FS"
    v=$(uidvalidity up INBOX)
    plan "$T/plan" <<EOP
pair	INBOX	INBOX	INBOX	$v	$INBOX_MD5
op	copy-to-remote	INBOX	cur/1700000000.M1P1.host:2,FS	FS	1700000000	$(stat -c %s "$ROOT/INBOX/cur/1700000000.M1P1.host:2,FS")
EOP
    run --separate-stderr apply up "$T/plan"
    [ "$status" -eq 0 ]
    assert_equal "$(names INBOX)" "cur/N,U=1,FMD5=$INBOX_MD5:2,FS"
    assert_equal "$(rows INBOX)" "1|FS|0|"
    imapd_doveadm -f flow fetch -u up 'uid flags date.received' mailbox INBOX > "$T/meta.txt"
    grep -q '^uid=1 flags=\\Flagged \\Seen date.received=2023-11-14 22:13:20' "$T/meta.txt" ||
        { cat "$T/meta.txt"; false; }
    imapd_doveadm fetch -u up 'text' mailbox INBOX uid 1 | sed 1d > "$T/server"
    # The server holds the CRLF message with the tag as its last header line.
    tag=$(grep -a '^X-OfflineIMAP: ' "$T/server" | tr -d '\r')
    [[ "$tag" =~ ^X-OfflineIMAP:\ [0-9]+-[0-9]+$ ]]
    awk -v tag="$tag" '!done && /^\r$/ { printf "%s\r\n", tag; done = 1 } { print }' "$T/m" > "$T/want"
    # doveadm prints the text with LF; the size the server reports (RFC822.SIZE) is CRLF's.
    tr -d '\r' < "$T/want" | cmp - "$T/server"
    size=$(imapd_doveadm -f flow fetch -u up 'size.virtual' mailbox INBOX uid 1 | sed 's/.*=//')
    [ "$size" -eq "$(stat -c %s "$T/want")" ]
    grep -c $'\r$' "$T/want" | grep -qx 6
    [ -z "$(sqlite3 "$META/Account-A/LocalStatus-sqlite/INBOX" 'SELECT * FROM oimap_intent' 2>/dev/null)" ]
}

@test "flags and deletions on both sides, record and forget, batched" {
    imapd_user both
    for i in 1 2 3 4; do message "$T/m$i" "m$i"; imapd_deliver both INBOX "$T/m$i" >/dev/null; done
    v=$(uidvalidity both INBOX)
    for i in 1 2; do tr -d '\r' < "$T/m$i" > "$ROOT/INBOX/new/1_$i.1.h,U=$i,FMD5=$INBOX_MD5:2,"; done
    mkdir -p "$META/Account-A/LocalStatus-sqlite"
    plan "$T/plan" <<EOP
pair	INBOX	INBOX	INBOX	$v	$INBOX_MD5
op	set-local-flags	INBOX	1	new/1_1.1.h,U=1,FMD5=$INBOX_MD5:2,	RS
op	set-remote-flags	INBOX	1		RS
op	set-remote-flags	INBOX	3		F
op	set-remote-flags	INBOX	4		F
op	delete-local	INBOX	2	new/1_2.1.h,U=2,FMD5=$INBOX_MD5:2,
op	delete-remote	INBOX	2
op	record	INBOX	3	F
op	record	INBOX	4	F
op	forget	INBOX	9
EOP
    run --separate-stderr apply both -d imap "$T/plan"
    [ "$status" -eq 0 ]
    assert_equal "$(names INBOX)" "cur/N,U=1,FMD5=$INBOX_MD5:2,RS"
    assert_equal "$(imapd_doveadm -f flow fetch -u both 'uid flags' mailbox INBOX | sed 's/ *$//')" \
        "$(printf 'uid=1 flags=\\Answered \\Seen\nuid=3 flags=\\Flagged\nuid=4 flags=\\Flagged')"
    # One STORE for the two messages that gain \Flagged, one UID EXPUNGE.
    [ "$(grep -c 'C: a[0-9]* UID STORE 3:4 +FLAGS.SILENT (\\Flagged)' <<< "$stderr")" -eq 1 ]
    [ "$(grep -c 'UID EXPUNGE 2$' <<< "$stderr")" -eq 1 ]
    assert_equal "$(rows INBOX)" "$(printf '1|RS|0|\n3|F|0|\n4|F|0|')"
}

@test "a changed UIDVALIDITY skips the pair (exit 2); a stale op is counted (exit 1), others go on" {
    imapd_user pre
    imapd_mailbox pre Other
    mkdir -p "$ROOT/Other/cur" "$ROOT/Other/new" "$ROOT/Other/tmp"
    message "$T/m" m
    imapd_deliver pre INBOX "$T/m" >/dev/null
    v=$(uidvalidity pre INBOX)
    plan "$T/plan" <<EOP
pair	INBOX	INBOX	INBOX	$((v + 1))	$INBOX_MD5
op	copy-to-local	INBOX	1		1700000000	10
EOP
    run --separate-stderr apply pre "$T/plan"
    [ "$status" -eq 2 ]
    assert_equal "$stderr" "sync-apply: error: skipping folder 'INBOX': UIDVALIDITY is $v, the plan expects $((v + 1))"
    [ -z "$(ls "$ROOT/INBOX/new")" ]

    o=$(uidvalidity pre Other)
    plan "$T/plan" <<EOP
pair	INBOX	INBOX	INBOX	$v	$INBOX_MD5
op	set-local-flags	INBOX	1	new/gone,U=1,FMD5=$INBOX_MD5:2,	S
op	copy-to-local	INBOX	1		1700000000	10
pair	Other	Other	Other	$o	x
op	record	Other	5	S
EOP
    run --separate-stderr apply pre "$T/plan"
    [ "$status" -eq 1 ]
    assert_equal "$stderr" "sync-apply: error: stale operation set-local-flags in 'INBOX' UID 1: the file is gone"
    assert_equal "$(rows INBOX)" "1||0|"
    assert_equal "$(rows Other)" "5|S|0|"
}

@test "FolderValidity files are overwritten with the pair's UIDVALIDITY (SELECT's for 0) and 42" {
    imapd_user val
    imapd_mailbox val Fresh
    mkdir -p "$ROOT/Fresh/cur" "$ROOT/Fresh/new" "$ROOT/Fresh/tmp"
    mkdir -p "$META/Repository-R/FolderValidity" "$META/Repository-L/FolderValidity"
    # A folder re-created on the server, an empty one whose UIDVALIDITY changed: stale files.
    for f in INBOX Fresh; do
        echo 12345 > "$META/Repository-R/FolderValidity/$f"
        echo 7 > "$META/Repository-L/FolderValidity/$f"
    done
    v=$(uidvalidity val INBOX)
    f=$(uidvalidity val Fresh)
    plan "$T/plan" <<EOP
pair	INBOX	INBOX	INBOX	$v	$INBOX_MD5
pair	Fresh	Fresh	Fresh	0	x
EOP
    run --separate-stderr apply val "$T/plan"
    [ "$status" -eq 0 ]
    [ "$stderr" = "" ]
    assert_equal "$(cat "$META/Repository-R/FolderValidity/INBOX")" "$v"
    assert_equal "$(cat "$META/Repository-R/FolderValidity/Fresh")" "$f"
    assert_equal "$(cat "$META/Repository-L/FolderValidity/INBOX")" "42"
    assert_equal "$(cat "$META/Repository-L/FolderValidity/Fresh")" "42"
    [ -z "$(ls "$META/Repository-R/FolderValidity" | grep -v '^INBOX$\|^Fresh$')" ]
}

@test "usage, plan and connection errors have their exit statuses" {
    imapd_user err
    plan "$T/plan" < /dev/null
    run --separate-stderr sync-apply "$T/plan"
    [ "$status" -eq 64 ]
    assert_equal "$stderr" "sync-apply: error: cannot connect: give --host, --tunnel or -c FILE -a ACCOUNT"
    run --separate-stderr apply err "$T/nonexistent"
    [ "$status" -eq 66 ]
    plan "$T/bad" <<< $'op\tbogus\tINBOX'
    run --separate-stderr apply err "$T/bad"
    [ "$status" -eq 65 ]
    assert_equal "$stderr" "sync-apply: error: $T/bad:8: unknown operation 'bogus'"
    printf '#oimap\tsync-plan\t1\n#end\t0\n' > "$T/nometa"
    run --separate-stderr apply err "$T/nometa"
    [ "$status" -eq 64 ]
    assert_equal "$stderr" "sync-apply: error: cannot apply the plan: it has no 'local-root' meta line; give --root"
    run --separate-stderr sync-apply --host "$IMAPD_HOST" --port "$IMAPD_PORT" --tls none --user err \
        --password-file /dev/null "$T/plan"
    [ "$status" -eq 77 ]
    run --separate-stderr apply err --batch-size 0 "$T/plan"
    [ "$status" -eq 64 ]
    run --separate-stderr apply err "$T/plan"
    [ "$status" -eq 0 ]
}

# pipeline_plan USER: imap-fetch | maildir-scan | sync-plan, each through a file ($T/plan).
pipeline_plan() {
    local user=$1
    imap-fetch --host "$IMAPD_HOST" --port "$IMAPD_PORT" --tls none --user "$user" \
        --password-file "$IMAPD_DIR/pass/$user" -o "$T/remote.tsv"
    maildir-scan --root "$ROOT" -o "$T/local.tsv"
    sync-plan --remote "$T/remote.tsv" --local "$T/local.tsv" --metadata "$META" --account A \
        --local-repository L --remote-repository R --local-root "$ROOT" -o "$T/plan"
}

# pipeline USER: pipeline_plan, then sync-apply.
pipeline() {
    pipeline_plan "$1"
    apply "$1" "$T/plan"
}

ops() { grep -c '^op' "$1" || true; }

@test "the whole pipeline: first sync both ways, then changes on both sides, then an empty plan" {
    imapd_user pipe
    imapd_mailbox pipe "Sub/Deep"
    message "$T/m1" one
    message "$T/m2" two
    imapd_deliver pipe INBOX "$T/m1" '\Seen' >/dev/null
    imapd_deliver pipe "Sub/Deep" "$T/m2" '\Flagged' >/dev/null
    run --separate-stderr pipeline pipe
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    deep_md5=$(printf 'Sub.Deep' | md5sum | cut -d' ' -f1)
    assert_equal "$(names Sub.Deep)" "new/N,U=1,FMD5=$deep_md5:2,F"
    assert_equal "$(names INBOX)" "cur/N,U=1,FMD5=$INBOX_MD5:2,S"
    assert_equal "$(rows INBOX)" "1|S|0|"
    assert_equal "$(rows Sub.Deep)" "1|F|0|"

    # A new local message goes up, then is deleted locally; flags change on both sides; a new
    # local folder is created on the server (its pair has no UIDVALIDITY yet) and filled.
    printf 'From: b@example.org\nSubject: local\n\nlocal body\n' > "$ROOT/INBOX/new/1700000000.M1P1.host"
    mkdir -p "$ROOT/Out/cur" "$ROOT/Out/new" "$ROOT/Out/tmp"
    printf 'Subject: out\n\nout body\n' > "$ROOT/Out/cur/1700000000.M2P1.host:2,S"
    run --separate-stderr pipeline pipe
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    assert_equal "$(names INBOX)" "$(printf 'cur/N,U=1,FMD5=%s:2,S\nnew/N,U=2,FMD5=%s:2,' $INBOX_MD5 $INBOX_MD5)"
    assert_equal "$(rows INBOX)" "$(printf '1|S|0|\n2||0|')"
    assert_equal "$(imapd_doveadm -f flow fetch -u pipe 'uid flags' mailbox INBOX | sed 's/ *$//')" \
        "$(printf 'uid=1 flags=\\Seen\nuid=2 flags=')"
    out_md5=$(printf 'Out' | md5sum | cut -d' ' -f1)
    assert_equal "$(names Out)" "cur/N,U=1,FMD5=$out_md5:2,S"
    assert_equal "$(imapd_doveadm -f flow fetch -u pipe 'uid flags' mailbox Out | sed 's/ *$//')" "uid=1 flags=\\Seen"
    assert_equal "$(rows Out)" "1|S|0|"
    [ "$(cat "$META/Repository-R/FolderValidity/Out")" = "$(uidvalidity pipe Out)" ]
    imapd_doveadm flags add -u pipe '\Answered' mailbox INBOX uid 1
    rm "$ROOT"/INBOX/new/*
    f=$(ls "$ROOT"/Sub.Deep/new/*)
    f=$(basename "$f")
    mv "$ROOT/Sub.Deep/new/$f" "$ROOT/Sub.Deep/cur/${f%:2,F}:2,FS"
    run --separate-stderr pipeline pipe
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    assert_equal "$(names INBOX)" "cur/N,U=1,FMD5=$INBOX_MD5:2,RS"
    assert_equal "$(imapd_doveadm -f flow fetch -u pipe 'uid flags' mailbox INBOX | sed 's/ *$//')" \
        "uid=1 flags=\\Answered \\Seen"
    assert_equal "$(imapd_doveadm -f flow fetch -u pipe 'uid flags' mailbox Sub/Deep | sed 's/ *$//')" \
        "uid=1 flags=\\Flagged \\Seen"
    assert_equal "$(rows INBOX)" "1|RS|0|"
    assert_equal "$(rows Sub.Deep)" "1|FS|0|"

    run --separate-stderr pipeline pipe
    [ "$status" -eq 0 ]
    [ "$(ops "$T/plan")" -eq 0 ] || { cat "$T/plan"; false; }
}

@test "a large message is streamed to the Maildir: exact bytes, memory well below its size" {
    imapd_user big
    {
        printf 'From: a@example.org\r\nSubject: big\r\n\r\n'
        awk 'BEGIN { for (i = 1; i <= 400000; i++) printf "line %07d of a large message, padded to be long enough\r\n", i }'
    } > "$T/big"
    # Two more large ones (their UID FETCH commands pipelined) and a small one between them.
    { printf 'Subject: second\r\n\r\n'; head -c 3000000 "$T/big"; printf '\r\n'; } > "$T/big2"
    message "$T/small" small
    { printf 'Subject: third\r\n\r\n'; head -c 1500000 "$T/big"; printf '\r\n'; } > "$T/big3"
    for m in big big2 small big3; do imapd_deliver big INBOX "$T/$m" >/dev/null; done
    v=$(uidvalidity big INBOX)
    size=$(stat -c %s "$T/big")
    plan "$T/plan" <<EOP
pair	INBOX	INBOX	INBOX	$v	$INBOX_MD5
op	copy-to-local	INBOX	1		1700000000	$size
op	copy-to-local	INBOX	2		1700000000	$(stat -c %s "$T/big2")
op	copy-to-local	INBOX	3		1700000000	$(stat -c %s "$T/small")
op	copy-to-local	INBOX	4		1700000000	$(stat -c %s "$T/big3")
EOP
    # GNU time measures the peak memory where it is installed (scripts/install-deps.sh --bench).
    local timer=()
    [ -x /usr/bin/time ] && timer=(/usr/bin/time -f 'maxrss %M')
    run --separate-stderr "${timer[@]}" sync-apply --host "$IMAPD_HOST" --port "$IMAPD_PORT" \
        --tls none --user big --password-file "$IMAPD_DIR/pass/big" "$T/plan"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    tr -d '\r' < "$T/big" | cmp - "$ROOT"/INBOX/new/*,U=1,*
    tr -d '\r' < "$T/big2" | cmp - "$ROOT"/INBOX/new/*,U=2,*
    tr -d '\r' < "$T/small" | cmp - "$ROOT"/INBOX/new/*,U=3,*
    tr -d '\r' < "$T/big3" | cmp - "$ROOT"/INBOX/new/*,U=4,*
    assert_equal "$(rows INBOX)" "$(printf '1||0|\n2||0|\n3||0|\n4||0|')"
    if [ ${#timer[@]} -gt 0 ]; then
        rss=$(sed -n 's/^maxrss //p' <<< "$stderr")
        echo "message: $((size / 1024)) KiB, sync-apply max RSS: $rss KiB" >&3
        [ "$rss" -lt $((size / 1024 / 2)) ]
    fi
}

@test "without UIDPLUS: the UID of an upload is found by its X-OfflineIMAP header; no blind EXPUNGE" {
    imapd_user noplus
    # Dovecot takes settings from userdb extra fields: advertise IMAP4rev1 only.
    sed -i 's/$/::userdb_imap_capability=IMAP4rev1 imap_capability=IMAP4rev1/' "$IMAPD_DIR/users/noplus"
    for i in 1 2 3; do message "$T/m$i" "m$i"; imapd_deliver noplus INBOX "$T/m$i" >/dev/null; done
    imapd_doveadm flags add -u noplus '\Deleted' mailbox INBOX uid 3  # another client's
    printf 'Subject: up\n\nbody\n' > "$ROOT/INBOX/new/1700000000.M1P1.host"
    v=$(uidvalidity noplus INBOX)
    plan "$T/plan" <<EOP
pair	INBOX	INBOX	INBOX	$v	$INBOX_MD5
op	copy-to-remote	INBOX	new/1700000000.M1P1.host		1700000000	19
op	delete-remote	INBOX	1
EOP
    run --separate-stderr apply noplus -d imap "$T/plan"
    [ "$status" -eq 0 ]
    ! grep -q 'UIDPLUS' <<< "$(grep ' S: ' <<< "$stderr")"
    grep -q 'C: a[0-9]* UID SEARCH HEADER X-OfflineIMAP "[0-9]*-[0-9]*"' <<< "$stderr" || { echo "$stderr"; false; }
    assert_equal "$(names INBOX)" "new/N,U=4,FMD5=$INBOX_MD5:2,"
    # UID 3 was marked by someone else: nothing is expunged, ours stays marked.
    grep -q "warning: not expunging 'INBOX'" <<< "$stderr"
    ! grep -q 'C: a[0-9]* EXPUNGE' <<< "$stderr"
    assert_equal "$(imapd_doveadm -f flow fetch -u noplus 'uid flags' mailbox INBOX | sed 's/ *$//')" \
        "$(printf 'uid=1 flags=\\Deleted\nuid=2 flags=\nuid=3 flags=\\Deleted\nuid=4 flags=')"
    assert_equal "$(rows INBOX)" "4||0|"

    # When every \Deleted message is ours, EXPUNGE is sent.
    imapd_doveadm flags remove -u noplus '\Deleted' mailbox INBOX uid 1,3
    plan "$T/plan" <<EOP
pair	INBOX	INBOX	INBOX	$v	$INBOX_MD5
op	delete-remote	INBOX	2
EOP
    run --separate-stderr apply noplus -d imap "$T/plan"
    [ "$status" -eq 0 ]
    grep -q 'C: a[0-9]* EXPUNGE$' <<< "$stderr"
    assert_equal "$(imapd_doveadm -f flow fetch -u noplus 'uid' mailbox INBOX | sed 's/ *$//')" \
        "$(printf 'uid=1\nuid=3\nuid=4')"
}

@test "-c FILE -a ACCOUNT takes the connection, the Maildir root and the metadata from an offlineimaprc" {
    imapd_user rc
    message "$T/m" rc
    imapd_deliver rc INBOX "$T/m" >/dev/null
    cat > "$T/rc" <<RC
[general]
accounts = Test
metadata = $META
[Account Test]
localrepository = Local
remoterepository = Remote
[Repository Local]
type = Maildir
localfolders = $ROOT
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
    v=$(uidvalidity rc INBOX)
    # A plan without meta lines: everything comes from the offlineimaprc.
    printf '#oimap\tsync-plan\t1\npair\tINBOX\tINBOX\tINBOX\t%s\t%s\n' "$v" "$INBOX_MD5" > "$T/plan"
    printf 'op\tcopy-to-local\tINBOX\t1\tS\t1700000000\t%s\n#end\t2\n' "$(stat -c %s "$T/m")" >> "$T/plan"
    run --separate-stderr sync-apply -c "$T/rc" -a Test -d imap "$T/plan"
    [ "$status" -eq 0 ]
    [[ "$stderr" == *"C: a"*" STARTTLS"* ]]
    assert_equal "$(names INBOX)" "cur/N,U=1,FMD5=$INBOX_MD5:2,S"
    sqlite3 "$META/Account-Test/LocalStatus-sqlite/INBOX" 'SELECT id, flags FROM status' | grep -qx '1|S'
    run --separate-stderr sync-apply -c "$T/rc" -a Nope "$T/plan"
    [ "$status" -eq 78 ]
}

@test "SIGUSR1 finishes the pair in hand, skips the rest (exit 75); --stats has the pairs opened" {
    imapd_user stopreq
    imapd_mailbox stopreq Other
    mkdir -p "$ROOT/Other/cur" "$ROOT/Other/new" "$ROOT/Other/tmp"
    message "$T/m" m
    for f in INBOX INBOX Other; do imapd_deliver stopreq "$f" "$T/m" >/dev/null; done
    plan "$T/plan" <<EOP
pair	INBOX	INBOX	INBOX	$(uidvalidity stopreq INBOX)	$INBOX_MD5
op	copy-to-local	INBOX	1		1700000000	10
op	copy-to-local	INBOX	2		1700000000	10
pair	Other	Other	Other	$(uidvalidity stopreq Other)	x
op	copy-to-local	Other	1		1700000000	10
EOP
    # It holds after its first batch (UID 1) until the request comes.
    (OIMAP_TEST_HOLD_AFTER=1 exec sync-apply --host "$IMAPD_HOST" --port "$IMAPD_PORT" \
        --tls none --user stopreq --password-file "$IMAPD_DIR/pass/stopreq" --batch-size 1 \
        --stats "$T/stats" "$T/plan" 2> "$T/err") &
    local pid=$! code=0 i
    for i in $(seq 200); do [ -n "$(ls "$ROOT/INBOX/new")" ] && break; sleep 0.05; done
    kill -USR1 "$pid"
    wait "$pid" || code=$?
    [ "$code" -eq 75 ]
    assert_equal "$(rows INBOX)" "$(printf '1||0|\n2||0|')"
    [ "$(ls "$ROOT/INBOX/new" | wc -l)" -eq 2 ]
    [ -z "$(ls "$ROOT/Other/new")" ]
    [ ! -e "$META/Account-A/LocalStatus-sqlite/Other" ] || [ -z "$(rows Other)" ]
    assert_equal "$(head -2 "$T/stats")" "$(printf '#oimap\tstats\t1\n#tool\tsync-apply 0.1.0')"
    assert_equal "$(cut -f1 "$T/stats" | tail -n +3 | tr '\n' ' ')" "session folder #end "
    grep -Eq '^session	[1-9][0-9]*	[1-9][0-9]*	[1-9][0-9]*$' "$T/stats"
    grep -Eq '^folder	INBOX	[0-9]+	[1-9][0-9]*	[1-9][0-9]*	[1-9][0-9]*	[0-9]+$' "$T/stats"
    assert_equal "$(cat "$T/err")" "sync-apply: info: stop requested: not syncing 'Other' and the rest of the plan"
    # The plan again: the rest is carried out.
    run --separate-stderr apply stopreq "$T/plan"
    [ "$status" -eq 0 ]
    assert_equal "$(rows Other)" "1||0|"
}

# doc/planner.md "UID-less local files": after the state is lost and the files lost their
# ,U=, each file is looked for on the server by Message-ID and size, and adopted; the rest
# is uploaded; a message without Message-ID cannot be found, so it goes up and comes down.
@test "state lost, files without U=: adopted by Message-ID, not duplicated; the others uploaded" {
    imapd_user adopt
    printf 'From: a@example.org\r\nMessage-ID: <one@example.org>\r\nSubject: one\r\n\r\none\r\n' > "$T/m1"
    printf 'From: a@example.org\r\nMessage-ID: <two@example.org>\r\nSubject: two\r\n\r\ntwo\r\n' > "$T/m2"
    printf 'From: a@example.org\r\nSubject: anonymous\r\n\r\nno id\r\n' > "$T/m3"
    imapd_deliver adopt INBOX "$T/m1" '\Seen' >/dev/null
    imapd_deliver adopt INBOX "$T/m2" >/dev/null
    imapd_deliver adopt INBOX "$T/m3" >/dev/null
    run --separate-stderr pipeline adopt
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    [ "$(names INBOX | wc -l)" -eq 3 ]
    # The state is lost, the files lose their U= (as under another sync tool), the server
    # flags message two, and a new local message is written.
    rm -r "$META"
    for f in "$ROOT"/INBOX/new/* "$ROOT"/INBOX/cur/*; do
        mv "$f" "$(dirname "$f")/$(basename "$f" | sed 's/,U=[0-9]*,FMD5=[0-9a-f]*//')"
    done
    imapd_doveadm flags add -u adopt '\Flagged' mailbox INBOX uid 2
    printf 'From: b@example.org\nMessage-ID: <four@example.org>\nSubject: four\n\nfour\n' \
        > "$ROOT/INBOX/new/1700000004.M4P1.host"
    run --separate-stderr pipeline adopt
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    grep -c $'^op\tadopt-or-copy-to-remote' "$T/plan" | grep -qx 4
    # One and two are adopted under their UIDs, with the local flags (two loses \Flagged, as
    # any re-associated message takes the local letters); three (no Message-ID) goes up as
    # UID 4 and comes down as a second file; four goes up as UID 5.
    assert_equal "$(imapd_doveadm -f flow fetch -u adopt 'uid flags' mailbox INBOX | sed 's/ *$//')" \
        "$(printf 'uid=1 flags=\\Seen\nuid=2 flags=\nuid=3 flags=\nuid=4 flags=\nuid=5 flags=')"
    assert_equal "$(names INBOX | sort)" "$(printf 'cur/N,U=1,FMD5=%s:2,S\n' $INBOX_MD5; for u in 2 3 4 5; do printf 'new/N,U=%s,FMD5=%s:2,\n' $u $INBOX_MD5; done)"
    assert_equal "$(rows INBOX)" "$(printf '1|S|0|\n2||0|\n3||0|\n4||0|\n5||0|')"
    assert_equal "$(imapd_doveadm -f flow fetch -u adopt 'hdr.message-id' mailbox INBOX |
        sed 's/^hdr\.message-id=//' | sort | uniq -c | awk '{ print $1, $2 }')" \
        "$(printf '2 \n1 <four@example.org>\n1 <one@example.org>\n1 <two@example.org>')"
    [ "$(grep -l '^Message-ID: <one@' "$ROOT"/INBOX/*/* | wc -l)" -eq 1 ]
    [ "$(grep -l '^Message-ID: <two@' "$ROOT"/INBOX/*/* | wc -l)" -eq 1 ]
    run --separate-stderr pipeline adopt
    [ "$status" -eq 0 ]
    [ "$(ops "$T/plan")" -eq 0 ] || { cat "$T/plan"; false; }
}

# stages USER ROOT META [SYNC-PLAN ARGS...]: the four stages on ROOT and META ($APPLY_ARGS:
# more sync-apply options).
stages() {
    local user=$1 root=$2 meta=$3
    shift 3
    imap-fetch --host "$IMAPD_HOST" --port "$IMAPD_PORT" --tls none --user "$user" \
        --password-file "$IMAPD_DIR/pass/$user" -o "$T/remote.tsv"
    maildir-scan --root "$root" -o "$T/local.tsv"
    sync-plan --remote "$T/remote.tsv" --local "$T/local.tsv" --metadata "$meta" --account A \
        --local-repository L --remote-repository R --local-root "$root" -o "$T/plan" "$@"
    # shellcheck disable=SC2086
    apply "$user" ${APPLY_ARGS:-} "$T/plan"
}

# spec §5.7.3, doc/planner.md "startdate": the server gets two messages of 2020 and two of
# 2025 (uploaded from another Maildir with those mtimes as internal dates); a first sync
# with startdate 2024-01-01 into an empty Maildir takes UIDs 3 and 4 and saves 3.
@test "--remote-startdate: an empty Maildir gets the server's mail since that day; StartUID is saved and kept" {
    imapd_user start
    mkdir -p "$T/seed/INBOX/cur" "$T/seed/INBOX/new" "$T/seed/INBOX/tmp"
    for m in a:1577836800 b:1580515200 c:1750000000 d:1750086400; do
        f="$T/seed/INBOX/new/${m#*:}.M1P1.${m%%:*}"
        printf 'Message-ID: <%s@example.org>\nSubject: %s\n\nbody\n' "${m%%:*}" "${m%%:*}" > "$f"
        touch -d "@${m#*:}" "$f"
    done
    run --separate-stderr stages start "$T/seed" "$T/seedmeta"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    # The first run stops after its first two durable steps (the StartUID file, one
    # download); the next run must not take the Maildir for one that was not empty.
    APPLY_ARGS="--batch-size 1 --test-stop-after 2" run --separate-stderr stages start "$ROOT" \
        "$META" --remote-startdate 2024-01-01
    [ "$status" -eq 100 ] || { echo "$stderr"; false; }
    grep -q $'^op\tsave-start-uid\tINBOX\t3\tRepository-R/StartUID/INBOX$' "$T/plan"
    [ "$(names INBOX | wc -l)" -eq 1 ]
    run --separate-stderr stages start "$ROOT" "$META" --remote-startdate 2024-01-01
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    ! grep -q 'save-start-uid' "$T/plan"
    assert_equal "$(cat "$META/Repository-R/StartUID/INBOX")" "3"
    assert_equal "$(names INBOX | sort)" "$(printf 'new/N,U=3,FMD5=%s:2,\nnew/N,U=4,FMD5=%s:2,' $INBOX_MD5 $INBOX_MD5)"
    grep -q '^Subject: c$' "$ROOT"/INBOX/new/*,U=3,*
    assert_equal "$(rows INBOX)" "$(printf '3||0|\n4||0|')"
    # Later runs: nothing to do, then a new server message comes down; the floor stays.
    run --separate-stderr stages start "$ROOT" "$META" --remote-startdate 2024-01-01
    [ "$status" -eq 0 ]
    [ "$(ops "$T/plan")" -eq 0 ] || { cat "$T/plan"; false; }
    message "$T/m5" five
    imapd_deliver start INBOX "$T/m5" >/dev/null
    run --separate-stderr stages start "$ROOT" "$META" --remote-startdate 2024-01-01
    [ "$status" -eq 0 ]
    assert_equal "$(rows INBOX)" "$(printf '3||0|\n4||0|\n5||0|')"
    assert_equal "$(cat "$META/Repository-R/StartUID/INBOX")" "3"
    # Without its StartUID file the folder counts as a first run, and the Maildir is not empty.
    rm "$META/Repository-R/StartUID/INBOX"
    run --separate-stderr stages start "$ROOT" "$META" --remote-startdate 2024-01-01
    [ "$status" -eq 2 ]
    assert_equal "$(grep -c '^op' "$T/plan")" 0
    grep -qx $'skip\tINBOX\tINBOX\tstartdate\tTo use startdate on Repository R, Repository L must be empty' "$T/plan"
    [[ "$stderr" == *"sync-plan: warning: To use startdate on Repository R, Repository L must be empty"* ]]
}

@test "a connection that breaks while downloading is opened again and the batch redone (--fetch-attempts)" {
    imapd_user retry
    local i
    for i in 1 2 3 4 5 6 7 8; do
        { printf 'Subject: m%s\r\n\r\n' "$i"; head -c 1500 /dev/zero | tr '\0' 'x'; printf '\r\n'; } > "$T/m$i"
        imapd_deliver retry INBOX "$T/m$i" >/dev/null
    done
    pipeline_plan retry
    # The first connection ends after 6000 bytes from the server, in the middle of the FETCH
    # (dd passes each byte on at once, and its exit is the end of the tunnel's output).
    cat > "$T/tunnel" <<SH
#!/bin/bash
if mkdir "$T/broken" 2>/dev/null; then
    exec dd bs=1 count=6000 status=none < <(exec /usr/lib/dovecot/imap -c "$IMAPD_CONF" -u retry)
else
    exec /usr/lib/dovecot/imap -c "$IMAPD_CONF" -u retry
fi
SH
    chmod +x "$T/tunnel"
    run --separate-stderr sync-apply --preauth-tunnel "$T/tunnel" --timeout 20 --fetch-attempts 1 "$T/plan"
    [ "$status" -eq 1 ]
    [[ "$stderr" == *"cannot sync folder 'INBOX': cannot parse server response: connection closed in the middle of a response"* ]]
    local first
    first=$(rows INBOX | wc -l)
    [ "$first" -lt 8 ]
    [ "$(names INBOX | wc -l)" -eq "$first" ]

    rmdir "$T/broken"
    rm -rf "$ROOT/INBOX" "$META"
    mkdir -p "$ROOT/INBOX/cur" "$ROOT/INBOX/new" "$ROOT/INBOX/tmp"
    run --separate-stderr sync-apply --preauth-tunnel "$T/tunnel" --timeout 20 "$T/plan"
    [ "$status" -eq 0 ]
    [[ "$stderr" == *"warning: connection lost while fetching messages of 'INBOX' (cannot parse server response: connection closed in the middle of a response"*"); reconnecting, attempt 2 of 2"* ]]
    [ "$(rows INBOX | wc -l)" -eq 8 ]
    [ "$(names INBOX | wc -l)" -eq 8 ]
    [ "$(grep -rlx 'Subject: m[1-8]' "$ROOT/INBOX" | wc -l)" -eq 8 ]
}
