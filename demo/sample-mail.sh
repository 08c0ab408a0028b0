#!/usr/bin/env bash
# Writes the demo's sample messages (RFC 5322, LF line endings) into DIR.
set -eu
dir=$1
mkdir -p "$dir"
message() {  # message FILE FROM SUBJECT DAY BODY
    cat > "$dir/$1" <<MSG
From: $2
To: Demo User <demo@example.org>
Subject: $3
Date: $4 Nov 2026 09:$4:00 +0000
Message-ID: <$1@demo.example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

$5
MSG
}
for i in 01 02 03 04 05 06 07 08; do
    message "inbox-$i.eml" "Alice <alice@example.org>" "Inbox message $i" "$i" \
        "Hello, this is message $i of the demo inbox."
done
for i in 01 02 03 04; do
    message "archive-$i.eml" "Bob <bob@example.org>" "Archived report $i" "1$i" "Quarterly numbers, part $i."
done
message draft-01.eml "Demo User <demo@example.org>" "Entwurf: Grüße" 20 "Noch nicht fertig. Grüße!"
for i in 01 02 03; do
    message "list-$i.eml" "bats users <bats@lists.example.org>" "[bats] thread $i" "2$i" "A list post."
done
