#!/usr/bin/env bash
# `make demo`: a throwaway Dovecot on 127.0.0.1 filled with sample mail, synced by our
# offlineimap into demo/work/Mail, then shown.  Everything lives under demo/work/ and the
# server is stopped at the end.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
work=$top/demo/work
source "$top/tests/cli/helpers/imapd.bash"

rm -rf "$work"
mkdir -p "$work"
echo "== starting a private Dovecot on 127.0.0.1"
imapd_start
trap imapd_stop EXIT
imapd_user demo

echo "== filling it with sample mail (user 'demo')"
"$top/demo/sample-mail.sh" "$work/messages" > /dev/null
for mailbox in "Archive/2025" "Entwürfe" "Lists/bats users"; do imapd_mailbox demo "$mailbox"; done
deliver() { imapd_deliver demo "$1" "$work/messages/$2" "${@:3}" > /dev/null; }
for i in 01 02 03 04 05 06; do deliver INBOX "inbox-$i.eml"; done
deliver INBOX inbox-07.eml '\Seen' '\Flagged'
deliver INBOX inbox-08.eml '\Seen' '\Answered'
for i in 01 02 03 04; do deliver "Archive/2025" "archive-$i.eml" '\Seen'; done
deliver "Entwürfe" draft-01.eml '\Draft'
for i in 01 02 03; do deliver "Lists/bats users" "list-$i.eml"; done

cat > "$work/offlineimaprc" <<RC
[general]
accounts = Demo
metadata = $work/metadata

[Account Demo]
localrepository = DemoLocal
remoterepository = DemoRemote

[Repository DemoLocal]
type = Maildir
localfolders = $work/Mail

[Repository DemoRemote]
type = IMAP
remotehost = 127.0.0.1
remoteport = $IMAPD_TLS_PORT
remoteuser = demo
remotepassfile = $IMAPD_DIR/pass/demo
ssl = yes
sslcacertfile = $IMAPD_CA
RC

if "$top/bin/offlineimap" --version > /dev/null 2>&1; then
    echo "== offlineimap -c $work/offlineimaprc -o -u basic"
    "$top/bin/offlineimap" -c "$work/offlineimaprc" -o -u basic
    echo
    echo "== the Maildir it made ($work/Mail): folders and message counts"
    (cd "$work/Mail" && for folder in */; do
        printf '%-24s %s messages\n' "${folder%/}" "$(find "$folder" -type f -path '*/cur/*' -o -type f -path '*/new/*' | wc -l)"
    done)
    echo
    echo "== file names in INBOX (offlineimap's: <time>_<n>.<pid>.<host>,U=<uid>,FMD5=<md5>:2,<flags>)"
    (cd "$work/Mail/INBOX" && ls new cur)
    echo
    echo "== the sync state, in offlineimap's own format ($work/metadata)"
    (cd "$work/metadata" && find . -type f | sort)
    echo
    echo "== two-way: mark INBOX message UID 1 seen and delete UID 2 in the Maildir, sync again"
    inbox=$work/Mail/INBOX
    first=$(cd "$inbox/new" && ls | grep ',U=1,')
    mv "$inbox/new/$first" "$inbox/cur/${first%:2,*}:2,S"
    rm "$inbox/new/$(cd "$inbox/new" && ls | grep ',U=2,')"
    "$top/bin/offlineimap" -c "$work/offlineimaprc" -o -u basic 2>&1 | grep -E 'flag|Deleting|Finished'
    echo "== the server's INBOX now (doveadm): UID 1 is \\Seen, UID 2 is gone"
    imapd_doveadm -f tab fetch -u demo 'uid flags' mailbox INBOX | head -4
else
    echo "== the offlineimap driver is not built yet: listing the server's folders instead"
    "$top/bin/imap-fetch" --host 127.0.0.1 --port "$IMAPD_TLS_PORT" --tls implicit \
        --ca-file "$IMAPD_CA" --user demo --password-file "$IMAPD_DIR/pass/demo" > "$work/remote.tsv"
    grep '^folder' "$work/remote.tsv" | cut -f2,9 | sed 's/^/  /'
    echo "(the full sync demo arrives with the driver)"
fi
