# sync-plan: the golden cases of tests/plan/ (each directory a case, see tests/plan/README.md)
# run through bin/sync-plan with their state loaded into an offlineimap metadata directory,
# then the command line: stdin, -o, exit codes, -c/-a.  No server is needed.
bats_require_minimum_version 1.5.0
load helpers/common

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
