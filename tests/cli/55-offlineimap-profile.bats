# offlineimap -P DIR: one profile file per account sync, in the format of offlineimap(1)
# PROFILE FILES, against the private Dovecot.
bats_require_minimum_version 1.5.0
load helpers/common
load helpers/offlineimap

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

setup() {
    export HOME=$BATS_TEST_TMPDIR/home
    mkdir -p "$HOME"
}

@test "-P DIR: stages with wall and CPU time, folders with messages and bytes moved" {
    imapd_user prof
    imapd_mailbox prof Archive
    printf 'Subject: one\n\n%s\n' "$(head -c 1000 /dev/zero | tr '\0' x)" > "$BATS_TEST_TMPDIR/m1"
    printf 'Subject: two\n\nshort\n' > "$BATS_TEST_TMPDIR/m2"
    imapd_deliver prof INBOX "$BATS_TEST_TMPDIR/m1" >/dev/null
    imapd_deliver prof INBOX "$BATS_TEST_TMPDIR/m2" >/dev/null
    make_config prof
    run --separate-stderr "$BIN/offlineimap" -c "$RC" -P "$BATS_TEST_TMPDIR/prof"
    expect_status 0
    [[ "$output" == *"Profile mode: Forcing to singlethreaded."* ]]
    [[ "$output" == *"Profile mode: Potentially large data will be created in '$BATS_TEST_TMPDIR/prof'"* ]]
    run ls "$BATS_TEST_TMPDIR/prof"
    [[ "$output" =~ ^[0-9]{14}_Test\.tsv$ ]]
    local file=$BATS_TEST_TMPDIR/prof/$output
    [ "$(head -1 "$file")" = "$(printf '# oimap-profile 1\taccount\tTest')" ]
    grep -Eq '^total	[0-9]+\.[0-9]{3}$' "$file"
    local t='[0-9]+\.[0-9]{3}' p='[1-9][0-9]*'
    # The IMAP stages made round trips and moved bytes both ways; the others none.
    for stage in imap-fetch sync-apply-0; do
        grep -Eq "^stage	$stage	$t	$t	$t	0	$p	$p	$p\$" "$file"
    done
    for stage in maildir-scan sync-plan; do
        grep -Eq "^stage	$stage	$t	$t	$t	0	0	0	0\$" "$file"
    done
    # RFC822.SIZE: the messages with CRLF line ends, as the server stores them.
    local bytes=$(( $(cat "$BATS_TEST_TMPDIR/m1" "$BATS_TEST_TMPDIR/m2" | wc -c) + $(cat "$BATS_TEST_TMPDIR/m1" "$BATS_TEST_TMPDIR/m2" | wc -l) ))
    # INBOX moved its messages: sync-apply's time, round trips and bytes for it, at least
    # the messages' bytes received.
    local inbox
    inbox=$(grep -E "^folder	INBOX	2	$bytes	0	0	0	0	$t	$p	$p	$p	$t\$" "$file")
    [ "$(cut -f12 <<<"$inbox")" -ge "$bytes" ]
    # Archive had nothing to do, but sync-apply opened its pair: one SELECT at least.
    grep -Eq "^folder	Archive	0	0	0	0	0	0	$t	$p	$p	$p	$t\$" "$file"
    # A second run warns that DIR exists and adds a file.
    sleep 1
    run --separate-stderr "$BIN/offlineimap" -c "$RC" -P "$BATS_TEST_TMPDIR/prof"
    expect_status 0
    [[ "$output" == *"Profile mode: Directory '$BATS_TEST_TMPDIR/prof' already exists!"* ]]
    [ "$(ls "$BATS_TEST_TMPDIR/prof" | wc -l)" -eq 2 ]
}

@test "sync-apply OIMAP_PROGRESS: one line per durable transaction, after it" {
    imapd_user progress
    imapd_mailbox progress Archive
    printf 'Subject: one\n\nx\n' > "$BATS_TEST_TMPDIR/m1"
    imapd_deliver progress INBOX "$BATS_TEST_TMPDIR/m1" >/dev/null
    imapd_deliver progress INBOX "$BATS_TEST_TMPDIR/m1" >/dev/null
    imapd_deliver progress Archive "$BATS_TEST_TMPDIR/m1" >/dev/null
    make_config progress
    run --separate-stderr "$BIN/offlineimap" -c "$RC" -u ttyui --dry-run
    expect_status 0
    printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/plan"
    OIMAP_PROGRESS=$BATS_TEST_TMPDIR/progress run --separate-stderr \
        "$BIN/sync-apply" -c "$RC" -a Test -q "$BATS_TEST_TMPDIR/plan"
    expect_status 0
    run cat "$BATS_TEST_TMPDIR/progress"
    [ "$output" = "$(printf 'progress\tArchive\t1\t0\t1\nprogress\tINBOX\t2\t0\t1,2')" ]
}
