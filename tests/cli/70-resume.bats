# Resumption of sync-apply (doc/crash-safety.md): a plan with downloads, uploads, flag changes
# and deletions is stopped after every durable step (--test-stop-after=N) and then applied
# again, and killed with SIGKILL at a sample of instants and then planned afresh and applied;
# both sides and the status must equal those of an uninterrupted run (no message lost, none
# duplicated), and a last plan must be empty.
bats_require_minimum_version 1.5.0
load helpers/common

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

INBOX_MD5=7e33429f656f1e6e9d79b29c3f82c57e

message() {  # message FILE N: a CRLF message
    printf 'From: a@example.org\r\nSubject: message %s\r\n\r\nbody %s\r\n%s\r\n' "$2" "$2" \
        "$(head -c $((200 * $2)) /dev/zero | tr '\0' 'x')" > "$1"
}

# fixture NAME: a fresh server account and Maildir in $BATS_TEST_TMPDIR/NAME, synchronised
# once (UIDs 1-4 of INBOX), then changed on both sides, and the plan sync-plan makes of it:
# downloads into INBOX and into the new folder Sub, six uploads, flag changes both ways,
# deletions both ways.
fixture() {
    local name=$1 d=$BATS_TEST_TMPDIR/$1 i v
    imapd_user "$name"
    # Without UIDPLUS (Dovecot reads settings from userdb extra fields) uploads are found by
    # their X-OfflineIMAP header.
    if [ -n "${NO_UIDPLUS:-}" ]; then
        sed -i 's/$/::userdb_imap_capability=IMAP4rev1 imap_capability=IMAP4rev1/' "$IMAPD_DIR/users/$name"
    fi
    imapd_mailbox "$name" Sub
    mkdir -p "$d/mail/INBOX/cur" "$d/mail/INBOX/new" "$d/mail/INBOX/tmp" "$d/meta"
    for i in $(seq 1 12); do
        message "$d/m" "$i"
        imapd_deliver "$name" INBOX "$d/m" >/dev/null
        if [ "$i" -le 4 ]; then tr -d '\r' < "$d/m" > "$d/mail/INBOX/new/1_$i.1.h,U=$i,FMD5=$INBOX_MD5:2,"; fi
    done
    for i in 1 2 3; do message "$d/m" "$((20 + i))"; imapd_deliver "$name" Sub "$d/m" >/dev/null; done
    mkdir -p "$d/meta/Account-A/LocalStatus-sqlite" "$d/meta/Repository-R/FolderValidity" \
        "$d/meta/Repository-L/FolderValidity"
    sqlite3 "$d/meta/Account-A/LocalStatus-sqlite/INBOX" \
        "CREATE TABLE metadata (key VARCHAR(50) PRIMARY KEY, value VARCHAR(128));
         INSERT INTO metadata VALUES('db_version', '2');
         CREATE TABLE status (id INTEGER PRIMARY KEY, flags VARCHAR(50), mtime INTEGER, labels VARCHAR(256));
         INSERT INTO status VALUES (1, '', 0, ''), (2, '', 0, ''), (3, '', 0, ''), (4, '', 0, '');"
    v=$(imapd_doveadm -f flow mailbox status -u "$name" uidvalidity INBOX | sed 's/.*=//')
    echo "$v" > "$d/meta/Repository-R/FolderValidity/INBOX"
    echo 42 > "$d/meta/Repository-L/FolderValidity/INBOX"
    # The changes since that sync.
    imapd_doveadm flags add -u "$name" '\Flagged' mailbox INBOX uid 2
    imapd_doveadm expunge -u "$name" mailbox INBOX uid 4
    mv "$d/mail/INBOX/new/1_1.1.h,U=1,FMD5=$INBOX_MD5:2," "$d/mail/INBOX/cur/1_1.1.h,U=1,FMD5=$INBOX_MD5:2,RS"
    # UID 2 changed on both sides (server F, local S): both must end with FS.
    mv "$d/mail/INBOX/new/1_2.1.h,U=2,FMD5=$INBOX_MD5:2," "$d/mail/INBOX/cur/1_2.1.h,U=2,FMD5=$INBOX_MD5:2,S"
    rm "$d/mail/INBOX/new/1_3.1.h,U=3,FMD5=$INBOX_MD5:2,"
    for i in 1 2 3 4 5 6; do
        message "$d/m" "$((40 + i))"
        tr -d '\r' < "$d/m" > "$d/mail/INBOX/new/1700000000.M${i}P1.host"
        touch -d "@$((1700000000 + i))" "$d/mail/INBOX/new/1700000000.M${i}P1.host"
    done
    make_plan "$name"
    grep -q $'^op\tcreate-local-folder\tSub' "$d/plan"
    # The uploads are adopt-or-copy-to-remote: the plan also downloads (none is found).
    for kind in copy-to-local adopt-or-copy-to-remote set-local-flags set-remote-flags delete-local delete-remote; do
        grep -q $'^op\t'"$kind" "$d/plan" || { cat "$d/plan"; false; }
    done
}

with_id() {  # with_id FILE ID: a Message-ID header put first
    { printf 'Message-ID: <%s@example.org>\r\n' "$2"; cat "$1"; } > "$1.id" && mv "$1.id" "$1"
}

# adoption_fixture NAME: the first sync after the state was lost, with Maildir files that
# lost their ,U= (doc/planner.md "UID-less local files"): seven of INBOX's nine server
# messages are also local files, one of them without Message-ID; two local messages are not
# on the server; Sub is only on the server.
adoption_fixture() {
    local name=$1 d=$BATS_TEST_TMPDIR/$1 i
    imapd_user "$name"
    imapd_mailbox "$name" Sub
    mkdir -p "$d/mail/INBOX/cur" "$d/mail/INBOX/new" "$d/mail/INBOX/tmp" "$d/meta"
    for i in $(seq 1 9); do
        message "$d/m" "$i"
        [ "$i" -eq 5 ] || with_id "$d/m" "m$i"
        imapd_deliver "$name" INBOX "$d/m" >/dev/null
        if [ "$i" -le 7 ]; then tr -d '\r' < "$d/m" > "$d/mail/INBOX/new/1700000000.M${i}P1.host:2,"; fi
    done
    for i in 1 2; do
        message "$d/m" "$((30 + i))"
        with_id "$d/m" "local$i"
        tr -d '\r' < "$d/m" > "$d/mail/INBOX/new/1700000001.M${i}P1.host:2,"
    done
    mv "$d/mail/INBOX/new/1700000000.M3P1.host:2," "$d/mail/INBOX/cur/1700000000.M3P1.host:2,S"
    message "$d/m" 40
    imapd_deliver "$name" Sub "$d/m" >/dev/null
    make_plan "$name"
    [ "$(grep -c $'^op\tadopt-or-copy-to-remote' "$d/plan")" -eq 9 ] || { cat "$d/plan"; false; }
}

# make_plan NAME: imap-fetch, maildir-scan and sync-plan into $BATS_TEST_TMPDIR/NAME/plan.
make_plan() {
    local d=$BATS_TEST_TMPDIR/$1
    imap-fetch --host "$IMAPD_HOST" --port "$IMAPD_PORT" --tls none --user "$1" \
        --password-file "$IMAPD_DIR/pass/$1" -o "$d/remote.tsv"
    maildir-scan --root "$d/mail" -o "$d/local.tsv"
    sync-plan --remote "$d/remote.tsv" --local "$d/local.tsv" --metadata "$d/meta" --account A \
        --local-repository L --remote-repository R --local-root "$d/mail" -o "$d/plan"
}

# converged NAME: a new plan has no operation left.
converged() {
    make_plan "$1"
    ! grep '^op' "$BATS_TEST_TMPDIR/$1/plan"
}

apply() {  # apply NAME ARGS...
    local name=$1; shift
    sync-apply --host "$IMAPD_HOST" --port "$IMAPD_PORT" --tls none --user "$name" \
        --password-file "$IMAPD_DIR/pass/$name" --batch-size 3 "$@" "$BATS_TEST_TMPDIR/$name/plan"
}

apply_exec() {  # apply_exec NAME: apply in place of the calling (sub)shell, so $! is its pid
    exec sync-apply --host "$IMAPD_HOST" --port "$IMAPD_PORT" --tls none --user "$1" \
        --password-file "$IMAPD_DIR/pass/$1" --batch-size 3 "$BATS_TEST_TMPDIR/$1/plan"
}

# state NAME: everything that must match, without what legitimately differs between runs
# (UIDVALIDITY, the time/pid/host part of new names, the random half of the upload tag and
# so the size of uploads; tests/cli/40-sync-apply.bats checks sizes).
state() {
    local name=$1 d=$BATS_TEST_TMPDIR/$1 box f
    for box in INBOX Sub; do
        echo "== server $box"
        imapd_doveadm -f flow fetch -u "$name" 'uid flags' mailbox "$box" | sed 's/ *$//'
        imapd_doveadm fetch -u "$name" 'text' mailbox "$box" | sed 's/^\(X-OfflineIMAP: [0-9]*\)-[0-9]*$/\1-R/'
        echo "== local $box"
        for f in "$d/mail/$box"/new/* "$d/mail/$box"/cur/*; do
            [ -e "$f" ] || continue
            printf '%s %s\n' "$(basename "$(dirname "$f")")/$(basename "$f" | sed 's/^[0-9]*_[0-9]*\.[0-9]*\.[^,]*,/N,/')" \
                "$(md5sum < "$f" | cut -d' ' -f1)"
        done | sort
        echo "== status $box"
        sqlite3 "$d/meta/Account-A/LocalStatus-sqlite/$box" 'SELECT id, flags, mtime, labels FROM status ORDER BY id'
        sqlite3 "$d/meta/Account-A/LocalStatus-sqlite/$box" 'SELECT count(*) FROM oimap_intent' 2>/dev/null || true
    done
}

# The re-run of the same plan may only complain about uploads already done (their file was
# renamed to carry its UID): exit 0, or 1 with nothing but such stale lines.
check_rerun() {
    if [ "$status" -eq 1 ]; then
        ! grep -Ev "stale operation (adopt-or-)?copy-to-remote in 'INBOX' UID 0: file '(new|cur)/170000000[01].M[1-9]P1.host(:2,S?)?' is gone" <<< "$stderr" |
            grep -v ': info: ' | grep .
    else
        [ "$status" -eq 0 ]
    fi
}

setup() {
    if [[ "$BATS_TEST_DESCRIPTION" == *"without UIDPLUS"* ]]; then NO_UIDPLUS=1; fi
    FIXTURE=fixture MIN_STOPS=19
    if [[ "$BATS_TEST_DESCRIPTION" == "adoption:"* ]]; then FIXTURE=adoption_fixture MIN_STOPS=6; fi
    $FIXTURE "ref$BATS_TEST_NUMBER"
    local t0; t0=$(date +%s%N)
    run --separate-stderr apply "ref$BATS_TEST_NUMBER"
    REF_MS=$((($(date +%s%N) - t0) / 1000000))
    echo "uninterrupted run: $REF_MS ms" >&3
    [ "$status" -eq 0 ]
    state "ref$BATS_TEST_NUMBER" > "$BATS_TEST_TMPDIR/want"
    grep -q 'X-OfflineIMAP' "$BATS_TEST_TMPDIR/want"
    converged "ref$BATS_TEST_NUMBER"
}

# stop_after_every_step [replan]: after each stop, the same plan is applied again, or with
# replan a fresh plan is made from what the stopped run left (as the next sync does).
stop_after_every_step() {
    local n=1 stopped=0 replan=${1:-}
    while :; do
        $FIXTURE "s${BATS_TEST_NUMBER}n$n"
        run --separate-stderr apply "s${BATS_TEST_NUMBER}n$n" --test-stop-after="$n"
        if [ "$status" -eq 0 ]; then break; fi  # fewer steps than n: the plan is done
        [ "$status" -eq 100 ] || { echo "N=$n: $stderr"; false; }
        stopped=$((stopped + 1))
        [ -z "$replan" ] || make_plan "s${BATS_TEST_NUMBER}n$n"
        run --separate-stderr apply "s${BATS_TEST_NUMBER}n$n"
        check_rerun || { echo "N=$n: status $status: $stderr"; false; }
        state "s${BATS_TEST_NUMBER}n$n" > "$BATS_TEST_TMPDIR/got$n"
        diff -u "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got$n" || { echo "N=$n"; false; }
        converged "s${BATS_TEST_NUMBER}n$n" || { echo "N=$n"; false; }
        n=$((n + 1))
    done
    echo "stopped runs: $stopped" >&3
    # create, 1 + 3 download batches, 2 upload batches (intents, 3 APPENDs, record), the
    # deletion and flag batches (each deletion drops its own status rows: no forget batch)
    [ "$stopped" -ge "$MIN_STOPS" ]
}

kill_at_instants() {
    local delay pid k=0 killed=0 rc
    # Instants spread over the length of an uninterrupted run.
    for delay in $(awk -v ms="$REF_MS" 'BEGIN { for (f = 0.05; f < 1; f += 0.12) printf "%.3f ", ms * f / 1000 }'); do
        k=$((k + 1))
        $FIXTURE "k${BATS_TEST_NUMBER}n$k"
        (exec 2>/dev/null; apply_exec "k${BATS_TEST_NUMBER}n$k") & pid=$!
        sleep "$delay"
        kill -9 "$pid" 2>/dev/null || true
        rc=0
        wait "$pid" || rc=$?
        [ "$rc" -eq 137 ] && killed=$((killed + 1))
        make_plan "k${BATS_TEST_NUMBER}n$k"  # the next sync plans afresh from what the killed run left
        run --separate-stderr apply "k${BATS_TEST_NUMBER}n$k"
        [ "$status" -eq 0 ] || { echo "delay $delay: status $status: $stderr"; false; }
        state "k${BATS_TEST_NUMBER}n$k" > "$BATS_TEST_TMPDIR/got$k"
        diff -u "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got$k" || { echo "delay $delay"; false; }
        converged "k${BATS_TEST_NUMBER}n$k" || { echo "delay $delay"; false; }
    done
    echo "killed before the end: $killed of $k" >&3
    [ "$killed" -ge 2 ]
}

@test "stopped after every durable step, then re-run: the same result as without a stop" {
    stop_after_every_step
}

# The driver plans afresh after a stop: a stop between the rename of a set-local-flags and
# the status rows after it must not make the next plan undo the local half of a merge.
@test "stopped after every durable step, then planned afresh and applied: the same result" {
    stop_after_every_step replan
}

# Adoption renames files and records them, then uploads what it did not find: a stop at any
# step must not turn the rest of the first sync into duplicates.
@test "adoption: stopped after every durable step, then re-run: the same result" {
    stop_after_every_step
}

@test "adoption: stopped after every durable step, then planned afresh and applied: the same result" {
    stop_after_every_step replan
}

@test "adoption: killed with SIGKILL at a sample of instants, then planned and applied again" {
    kill_at_instants
}

@test "killed with SIGKILL at a sample of instants, then planned and applied again: the same result" {
    kill_at_instants
}

@test "without UIDPLUS: stopped after every durable step, then re-run: the same result" {
    stop_after_every_step
}

@test "without UIDPLUS: killed with SIGKILL at a sample of instants, then planned and applied again" {
    kill_at_instants
}
