# offlineimap -u blinkenlights in a terminal (tmux) against the private Dovecot: the banner,
# the log, the status line of each account with its countdown, and the keys.
bats_require_minimum_version 1.5.0
load helpers/common
load helpers/offlineimap

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

setup() {
    export HOME=$BATS_TEST_TMPDIR/home
    mkdir -p "$HOME"
    SOCKET=$BATS_TEST_TMPDIR/tmux.sock
}

teardown() { tmux -S "$SOCKET" kill-server 2>/dev/null || true; }

screen() { tmux -S "$SOCKET" capture-pane -p -t oimap; }

# screen_has TEXT: the pane shows TEXT.
screen_has() { screen | grep -qF -- "$1"; }

wait_screen() {  # wait_screen SECONDS TEXT
    local i
    for ((i = 0; i < $1 * 20; i++)); do screen_has "$2" && return 0; sleep 0.05; done
    printf 'timed out waiting for %s; the screen:\n%s\n' "$2" "$(screen)"
    return 1
}

@test "blinkenlights: banner, log, the account's light, progress and countdown; 'q' quits" {
    imapd_user blink
    make_config blink "autorefresh = 10"
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver blink INBOX "$BATS_TEST_TMPDIR/m1" >/dev/null
    tmux -S "$SOCKET" new-session -d -s oimap -x 100 -y 20 \
        "TERM=xterm '$BIN/offlineimap' -c '$RC' -u blinkenlights 2> '$BATS_TEST_TMPDIR/err'; echo exit=\$? > '$BATS_TEST_TMPDIR/status'; sleep 30"
    wait_screen 10 "OfflineIMAP 8.0.1 - blinkenlights"
    wait_screen 10 "*** Finished account 'Test'"
    wait_screen 5 "[ 10:00]"
    screen_has "Copy message UID 1 (1/1) Remote:INBOX -> Local:INBOX"
    run screen
    # The status lines: the control thread, then the account counting down.
    [[ "$output" =~ \*Control:\ @ ]]
    [[ "$output" =~ 0:\ \[\ 10:00\]\ +Test:\ @\ 1/1\ msgs,\ 0\ KiB/0\ KiB ]]
    [ "$(find "$MAIL/INBOX" -type f | wc -l)" -eq 1 ]
    tmux -S "$SOCKET" send-keys -t oimap q
    for _ in $(seq 100); do [ -e "$BATS_TEST_TMPDIR/status" ] && break; sleep 0.05; done
    [ "$(cat "$BATS_TEST_TMPDIR/status")" = "exit=0" ]
}

@test "blinkenlights: a digit syncs at once" {
    imapd_user digit
    make_config digit "autorefresh = 10"
    tmux -S "$SOCKET" new-session -d -s oimap -x 100 -y 20 \
        "TERM=xterm '$BIN/offlineimap' -c '$RC' -u blinkenlights; sleep 30"
    wait_screen 10 "*** Finished account 'Test'"
    message "$BATS_TEST_TMPDIR/m1" one; imapd_deliver digit INBOX "$BATS_TEST_TMPDIR/m1" >/dev/null
    tmux -S "$SOCKET" send-keys -t oimap 0
    wait_screen 5 "Requested synchronization via '0'"
    wait_screen 5 "Copy message UID 1 (1/1) Remote:INBOX -> Local:INBOX"
    tmux -S "$SOCKET" send-keys -t oimap q
}
