# maildir-scan: the local-state listing of a Maildir made by hand, with names written by
# offlineimap, mutt, mbsync and Dovecot, nested folders, spaces, TAB and UTF-8.
bats_require_minimum_version 1.5.0
load helpers/common

INBOX_MD5=7e33429f656f1e6e9d79b29c3f82c57e

# Dovecot only serves the offlineimap3 test at the end; the others need no server.
setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

msg() {  # msg PATH CONTENT MTIME: a message file with known size and mtime
    printf '%s' "$2" >"$1"
    touch -d "@$3" "$1"
}

setup() {
    R=$BATS_TEST_TMPDIR/mail
    mkdir -p "$R"/{cur,new,tmp} "$R"/INBOX/{cur,new,tmp} "$R/My Stuff"/{cur,new,tmp} \
        "$R"/Archive/2023/{cur,new,tmp} "$R/Gäste"/{cur,new,tmp}
    msg "$R/new/1700000009.M9P9.host" 'root' 1700000009
    msg "$R/INBOX/new/1700000000.M1P1.myhost" 'mutt new\n' 1700000000
    msg "$R/INBOX/new/1795315396_3.22786.vm,U=2,FMD5=$INBOX_MD5:2," 'two' 1795315396
    msg "$R/INBOX/cur/1795315396_2.22786.vm,U=1,FMD5=$INBOX_MD5:2,S" 'one!' 1795315395
    msg "$R/INBOX/cur/1795315396_4.22786.vm,U=3,FMD5=$INBOX_MD5:2,FRab" 'three' 1795315397
    msg "$R/INBOX/cur/1700000000.12345_1.myhost,U=17:2,S" 'mbsync' 1700000001
    msg "$R/INBOX/cur/1700000000.M20P30.host,S=123,W=456:2,FS" 'dovecot' 1700000002
    msg "$R/INBOX/cur/tab	name:2,RS" 'tab' 1700000003
    msg "$R/INBOX/cur/.hidden" 'dot file' 1700000004
    msg "$R/INBOX/tmp/half-written" 'tmp' 1700000005
    msg "$R/My Stuff/cur/a b:2,S" 'space' 1700000006
    msg "$R/Archive/2023/new/1700000007.M7P7.h" 'archived' 1700000007
    msg "$R/Gäste/cur/1700000008.M8P8.h!2,S" 'gast' 1700000008
}

expected_slash() {
    printf '#oimap\tlocal-state\t1\n#root\t%s\n#sep\t/\n#tool\tmaildir-scan 0.1\n' "$R"
    printf 'folder\t\t1\n'
    printf 'msg\t\t\t\t\t\t4\t1700000009\tnew\t1700000009.M9P9.host\n'
    printf 'folder\tArchive/2023\t1\n'
    printf 'msg\tArchive/2023\t\t\t\t\t8\t1700000007\tnew\t1700000007.M7P7.h\n'
    printf 'folder\tG\303\244ste\t1\n'
    printf 'msg\tG\303\244ste\t\t\t\t\t4\t1700000008\tcur\t1700000008.M8P8.h!2,S\n'
    printf 'folder\tINBOX\t7\n'
    printf 'msg\tINBOX\t1\t%s\tS\t\t4\t1795315395\tcur\t1795315396_2.22786.vm,U=1,FMD5=%s:2,S\n' $INBOX_MD5 $INBOX_MD5
    printf 'msg\tINBOX\t2\t%s\t\t\t3\t1795315396\tnew\t1795315396_3.22786.vm,U=2,FMD5=%s:2,\n' $INBOX_MD5 $INBOX_MD5
    printf 'msg\tINBOX\t3\t%s\tFR\tab\t5\t1795315397\tcur\t1795315396_4.22786.vm,U=3,FMD5=%s:2,FRab\n' $INBOX_MD5 $INBOX_MD5
    printf 'msg\tINBOX\t17\t\tS\t\t6\t1700000001\tcur\t1700000000.12345_1.myhost,U=17:2,S\n'
    printf 'msg\tINBOX\t\t\t\t\t10\t1700000000\tnew\t1700000000.M1P1.myhost\n'
    printf 'msg\tINBOX\t\t\tFS\t\t7\t1700000002\tcur\t1700000000.M20P30.host,S=123,W=456:2,FS\n'
    printf 'msg\tINBOX\t\t\tRS\t\t3\t1700000003\tcur\ttab%%09name:2,RS\n'
    printf 'folder\tMy Stuff\t1\n'
    printf 'msg\tMy Stuff\t\t\tS\t\t5\t1700000006\tcur\ta b:2,S\n'
    printf '#end\t16\n'
}

@test "sep /: every folder, nested ones and the root, every kind of file name" {
    run --separate-stderr maildir-scan --root "$R" --sep / -o "$BATS_TEST_TMPDIR/out.tsv"
    [ "$status" -eq 0 ]
    [ "$output" = "" ]
    [ "$stderr" = "" ]
    expected_slash >"$BATS_TEST_TMPDIR/expected.tsv"
    diff -u "$BATS_TEST_TMPDIR/expected.tsv" "$BATS_TEST_TMPDIR/out.tsv"
}

@test "sep /: stdout gives the same bytes as -o" {
    maildir-scan --root "$R" --sep / >"$BATS_TEST_TMPDIR/stdout.tsv"
    expected_slash >"$BATS_TEST_TMPDIR/expected.tsv"
    diff -u "$BATS_TEST_TMPDIR/expected.tsv" "$BATS_TEST_TMPDIR/stdout.tsv"
}

@test "sep . (default): only the top level; Archive without cur/new/tmp is no folder" {
    run --separate-stderr maildir-scan --root "$R" -o "$BATS_TEST_TMPDIR/out.tsv"
    [ "$status" -eq 0 ]
    grep -P '^folder\t' "$BATS_TEST_TMPDIR/out.tsv" | cut -f2,3 >"$BATS_TEST_TMPDIR/folders"
    printf '\t1\nG\303\244ste\t1\nINBOX\t7\nMy Stuff\t1\n' >"$BATS_TEST_TMPDIR/expected"
    diff -u "$BATS_TEST_TMPDIR/expected" "$BATS_TEST_TMPDIR/folders"
    grep -q $'^#sep\t\\.$' "$BATS_TEST_TMPDIR/out.tsv"
}

@test "--folder picks folders; names with spaces and UTF-8 pass through" {
    run --separate-stderr maildir-scan --root "$R" --sep / --folder 'My Stuff' --folder 'Gäste' \
        --folder 'My Stuff'
    [ "$status" -eq 0 ]
    assert_line --index 4 $'folder\tG\303\244ste\t1'
    assert_line --index 6 $'folder\tMy Stuff\t1'
    assert_line --index 8 $'#end\t4'
}

@test "--windows-compatible reads '!2,' as the info part and ':2,' as part of the name" {
    run --separate-stderr maildir-scan --root "$R" --sep / --windows-compatible \
        --folder 'Gäste' --folder INBOX
    [ "$status" -eq 0 ]
    assert_line $'msg\tG\303\244ste\t\t\tS\t\t4\t1700000008\tcur\t1700000008.M8P8.h!2,S'
    assert_line $'msg\tINBOX\t1\t'$INBOX_MD5$'\t\t\t4\t1795315395\tcur\t1795315396_2.22786.vm,U=1,FMD5='$INBOX_MD5':2,S'
}

@test "--customflag is checked: a letter a-z and a keyword" {
    run --separate-stderr maildir-scan --root "$R" --customflag 'a=$Label1' --customflag b=NonJunk \
        --folder INBOX
    [ "$status" -eq 0 ]
    run --separate-stderr maildir-scan --root "$R" --customflag 'A=$Label1'
    [ "$status" -eq 64 ]
    [ "$stderr" = "maildir-scan: error: cannot use --customflag 'A=\$Label1': expected LETTER=KEYWORD with a letter a-z" ]
}

@test "a missing root is exit 66 and nothing on stdout" {
    run --separate-stderr maildir-scan --root "$BATS_TEST_TMPDIR/none"
    [ "$status" -eq 66 ]
    [ "$output" = "" ]
    [ "$stderr" = "maildir-scan: error: cannot read directory '$BATS_TEST_TMPDIR/none': no such directory" ]
}

@test "a folder that is not a Maildir is exit 66" {
    run --separate-stderr maildir-scan --root "$R" --sep / --folder Archive
    [ "$status" -eq 66 ]
    [ "$output" = "" ]
    [ "$stderr" = "maildir-scan: error: cannot scan folder 'Archive': '$R/Archive' has no cur, new and tmp" ]
}

@test "folder names that leave the root are refused (exit 65) before any output" {
    for name in ../etc /etc 'a/../..' 'INBOX/cur'; do
        run --separate-stderr maildir-scan --root "$R" --sep / --folder "$name"
        [ "$status" -eq 65 ]
        [ "$output" = "" ]
    done
    [ "$stderr" = "maildir-scan: error: cannot use folder name 'INBOX/cur': a component is 'cur', which Maildir reserves" ]
    run --separate-stderr maildir-scan --root "$R" --folder 'a/b'
    [ "$status" -eq 65 ]
    [ "$stderr" = "maildir-scan: error: cannot use folder name 'a/b': it contains '/' but the separator is '.'" ]
}

@test "usage errors are exit 64" {
    run --separate-stderr maildir-scan
    [ "$status" -eq 64 ]
    [ "$stderr" = "maildir-scan: error: missing --root DIR (see --help)" ]
    run --separate-stderr maildir-scan --root "$R" --sep x
    [ "$status" -eq 64 ]
    [ "$stderr" = "maildir-scan: error: cannot use --sep 'x': it must be '.' or '/'" ]
    run --separate-stderr maildir-scan --root "$R" --no-such-option
    [ "$status" -eq 64 ]
    [ "$stderr" = "maildir-scan: error: Option 'no-such-option' does not exist" ]
    run --separate-stderr maildir-scan -a Test
    [ "$status" -eq 64 ]
    [ "$stderr" = "maildir-scan: error: -c FILE and -a ACCOUNT go together" ]
}

write_rc() {  # write_rc SEP WINDOWS: an offlineimaprc whose account Test uses $R
    cat >"$BATS_TEST_TMPDIR/rc" <<EOF
[general]
accounts = Test

[Account Test]
localrepository = Local
remoterepository = Remote
maildir-windows-compatible = $2

[Repository Local]
type = Maildir
localfolders = $R
sep = $1
customflag_a = \$Label1

[Repository Remote]
type = IMAP
remotehost = 127.0.0.1
EOF
}

@test "-c FILE -a ACCOUNT: root, sep and windows-compatible come from the offlineimaprc" {
    write_rc / no
    run --separate-stderr maildir-scan -c "$BATS_TEST_TMPDIR/rc" -a Test -o "$BATS_TEST_TMPDIR/out.tsv"
    [ "$status" -eq 0 ]
    expected_slash >"$BATS_TEST_TMPDIR/expected.tsv"
    diff -u "$BATS_TEST_TMPDIR/expected.tsv" "$BATS_TEST_TMPDIR/out.tsv"
    write_rc / yes
    run --separate-stderr maildir-scan -c "$BATS_TEST_TMPDIR/rc" -a Test --folder 'Gäste'
    [ "$status" -eq 0 ]
    assert_line $'msg\tG\303\244ste\t\t\tS\t\t4\t1700000008\tcur\t1700000008.M8P8.h!2,S'
}

@test "-c FILE -a ACCOUNT: options on the command line win" {
    write_rc / no
    run --separate-stderr maildir-scan -c "$BATS_TEST_TMPDIR/rc" -a Test --sep .
    [ "$status" -eq 0 ]
    assert_line --index 2 $'#sep\t.'
    refute_line --partial 'Archive/2023'
}

@test "-c FILE -a ACCOUNT: a missing account or file is a configuration error (78)" {
    write_rc / no
    run --separate-stderr maildir-scan -c "$BATS_TEST_TMPDIR/rc" -a Nope
    [ "$status" -eq 78 ]
    [ "$output" = "" ]
    [ "$stderr" = "maildir-scan: error: account 'Nope' does not exist" ]
    run --separate-stderr maildir-scan -c "$BATS_TEST_TMPDIR/none" -a Test
    [ "$status" -eq 78 ]
    [ "$stderr" = "maildir-scan: error: config file '$BATS_TEST_TMPDIR/none' does not exist" ]
}

@test "-o onto a FIFO writes through it and leaves it a FIFO; a symlink stays a symlink" {
    mkfifo "$BATS_TEST_TMPDIR/fifo"
    cat "$BATS_TEST_TMPDIR/fifo" >"$BATS_TEST_TMPDIR/from-fifo" &
    run --separate-stderr maildir-scan --root "$R" --sep / -o "$BATS_TEST_TMPDIR/fifo"
    [ "$status" -eq 0 ]
    wait
    [ -p "$BATS_TEST_TMPDIR/fifo" ]
    expected_slash >"$BATS_TEST_TMPDIR/expected.tsv"
    diff -u "$BATS_TEST_TMPDIR/expected.tsv" "$BATS_TEST_TMPDIR/from-fifo"
    echo old >"$BATS_TEST_TMPDIR/target"
    ln -s "$BATS_TEST_TMPDIR/target" "$BATS_TEST_TMPDIR/link"
    run --separate-stderr maildir-scan --root "$R" --sep / -o "$BATS_TEST_TMPDIR/link"
    [ "$status" -eq 0 ]
    [ -L "$BATS_TEST_TMPDIR/link" ]
    diff -u "$BATS_TEST_TMPDIR/expected.tsv" "$BATS_TEST_TMPDIR/target"
}

@test "-d maildir: debug lines on stderr, none on stdout; an unknown category is exit 64" {
    run --separate-stderr maildir-scan --root "$R" --folder INBOX -d maildir
    [ "$status" -eq 0 ]
    [ "$stderr" = "maildir-scan: debug(maildir): scanned 'INBOX': 7 messages" ]
    run --separate-stderr maildir-scan --root "$R" -d nonsense
    [ "$status" -eq 64 ]
    [ "$output" = "" ]
}

@test "found folders with TAB and control bytes in their names are listed, escaped" {
    mkdir -p "$R/tab"$'\t'"ctl"$'\001'/{cur,new,tmp}
    msg "$R/tab"$'\t'"ctl"$'\001'"/new/1700000010.M1P1.h" 'x' 1700000010
    run --separate-stderr maildir-scan --root "$R"
    [ "$status" -eq 0 ]
    assert_line $'folder\ttab%09ctl%01\t1'
    assert_line $'msg\ttab%09ctl%01\t\t\t\t\t1\t1700000010\tnew\t1700000010.M1P1.h'
}

@test "--help and --version" {
    run --separate-stderr maildir-scan --help
    [ "$status" -eq 0 ]
    assert_line --index 0 "usage: maildir-scan --root DIR [--sep . | /] [--folder NAME]... [--windows-compatible]"
    run --separate-stderr maildir-scan --version
    [ "$status" -eq 0 ]
    [ "$output" = $'maildir-scan 0.1\nwrites: local-state 1' ]
}

@test "offlineimap3's own Maildir and status DB read back the same through maildir-scan" {
    [ -x /usr/bin/offlineimap ] || skip "Debian's offlineimap3 is not installed"
    imapd_user olivia
    imapd_mailbox olivia Archive/2023
    local m=$BATS_TEST_TMPDIR/m.eml
    printf 'Subject: m\r\n\r\nbody\r\n' >"$m"
    imapd_deliver olivia INBOX "$m" '\Seen' >/dev/null
    imapd_deliver olivia INBOX "$m" >/dev/null
    imapd_deliver olivia INBOX "$m" '\Flagged' '\Answered' '$Label1' 'NonJunk' >/dev/null
    imapd_deliver olivia INBOX "$m" '\Draft' >/dev/null
    imapd_deliver olivia Archive/2023 "$m" '\Seen' '\Deleted' >/dev/null
    cat >"$BATS_TEST_TMPDIR/oi.rc" <<EOF
[general]
accounts = T
metadata = $BATS_TEST_TMPDIR/meta

[Account T]
localrepository = L
remoterepository = R

[Repository L]
type = Maildir
localfolders = $BATS_TEST_TMPDIR/local
sep = /
customflag_a = \$Label1

[Repository R]
type = IMAP
remotehost = $IMAPD_HOST
remoteport = $IMAPD_PORT
ssl = no
starttls = no
remoteuser = olivia
remotepass = pw-olivia-s3cret
EOF
    run --separate-stderr timeout 60 /usr/bin/offlineimap -c "$BATS_TEST_TMPDIR/oi.rc" -o -u quiet
    [ "$status" -eq 0 ]
    run --separate-stderr maildir-scan -c "$BATS_TEST_TMPDIR/oi.rc" -a T -o "$BATS_TEST_TMPDIR/out.tsv"
    [ "$status" -eq 0 ]
    # Everything but the file names and mtimes, which hold the time and pid of the run.
    cut -f1-7,9 "$BATS_TEST_TMPDIR/out.tsv" | grep -v '^#' >"$BATS_TEST_TMPDIR/facts"
    local a=66aa22ecfe38d39f0754fa7a5d49dd2a i=$INBOX_MD5
    # The root has no cur/new/tmp, so it is no folder; 17 bytes: LF endings on disk.
    printf '%s\n' $'folder\tArchive/2023\t1' \
        $'msg\tArchive/2023\t1\t'$a$'\tST\t\t17\tcur' \
        $'folder\tINBOX\t4' \
        $'msg\tINBOX\t1\t'$i$'\tS\t\t17\tcur' \
        $'msg\tINBOX\t2\t'$i$'\t\t\t17\tnew' \
        $'msg\tINBOX\t3\t'$i$'\tFR\ta\t17\tnew' \
        $'msg\tINBOX\t4\t'$i$'\tD\t\t17\tnew' >"$BATS_TEST_TMPDIR/expected"
    diff -u "$BATS_TEST_TMPDIR/expected" "$BATS_TEST_TMPDIR/facts"
    # The status DB offlineimap3 wrote says the same flags.
    run sqlite3 "$BATS_TEST_TMPDIR/meta/Account-T/LocalStatus-sqlite/INBOX" \
        'SELECT id, flags FROM status ORDER BY id'
    [ "$output" = $'1|S\n2|\n3|FRa\n4|D' ]
}
