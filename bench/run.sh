#!/usr/bin/env bash
# `make bench`: times our offlineimap beside offlineimap3 and mbsync against one private
# Dovecot on 127.0.0.1, tools interleaved in the same run, ROUNDS rounds, medians.
#
# Environment: N (messages of the main corpus, default 10000), ROUNDS (default 3),
# BIG_N (messages of the one-folder corpus, default 100000; 0 skips it), BIG_MESSAGE_MB
# (default 50; 0 skips it), TOOLS (default "ours oi mb"), BIG_TOOLS (the tools timed on the
# one-folder corpus, default TOOLS; offlineimap3 takes minutes there), WORK (default bench/work).
# Our programs are copied to WORK/bin first, so that a rebuild during the run changes nothing.
# Every tool gets its own server user holding an identical copy of the corpus, so one
# tool's changes never reach another's run. All three fsync every delivered file (their
# defaults), so the comparison is like for like.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-10000} ROUNDS=${ROUNDS:-3} BIG_N=${BIG_N:-100000} BIG_MESSAGE_MB=${BIG_MESSAGE_MB:-50}
TOOLS=${TOOLS:-"ours oi mb"}
BIG_TOOLS=${BIG_TOOLS:-$TOOLS}
WORK=${WORK:-$top/bench/work}
source "$top/tests/cli/helpers/imapd.bash"
source "$top/bench/tools.bash"
export -f tool_run
export top

rm -rf "$WORK"
mkdir -p "$WORK/times" "$WORK/bin"
cp "$top"/bin/{offlineimap,imap-fetch,maildir-scan,sync-plan,sync-apply} "$WORK/bin/"
export OURS_BIN=$WORK/bin
imapd_start
trap imapd_stop EXIT
echo "bench: Dovecot on 127.0.0.1:$IMAPD_PORT; N=$N ROUNDS=$ROUNDS BIG_N=$BIG_N BIG_TOOLS=\"$BIG_TOOLS\"; $(nproc) cores" >&2

# make_users SCENARIO MKCORPUS-ARGS...: one server user per tool, same corpus for each.
make_users() {
    local scenario=$1 tool first=""
    shift
    for tool in $TOOLS; do
        local user="$scenario-$tool"
        imapd_user "$user"
        if [ -z "$first" ]; then
            "$top/bench/mkcorpus.py" "$IMAPD_DIR/mail/$user/Maildir" "$@"
            first=$user
        else
            cp -a "$IMAPD_DIR/mail/$first/Maildir" "$IMAPD_DIR/mail/$user/"
        fi
        chown -R "$IMAPD_MAIL_UID:$IMAPD_MAIL_GID" "$IMAPD_DIR/mail/$user"
        imapd_doveadm force-resync -u "$user" '*'
        tool_config "$tool" "$WORK/$scenario/$tool" "$user"
    done
}

# timed SCENARIO TOOL LABEL: one sync, its wall seconds and peak RSS appended to files.
timed() {
    local dir=$WORK/$1/$2 start end
    start=$(date +%s.%N)
    /usr/bin/time -f %M -o "$WORK/times/rss.$1.$2.$3" bash -c 'tool_run "$@"' _ "$2" "$dir" \
        >> "$WORK/$1/$2.log" 2>&1 || echo "bench: $2 failed in $1/$3; see $WORK/$1/$2.log" >&2
    end=$(date +%s.%N)
    echo "$end - $start" | bc >> "$WORK/times/secs.$1.$2.$3"
    cat "$WORK/times/rss.$1.$2.$3" >> "$WORK/times/rssall.$1.$2.$3"
}

change_everything() {  # 1% new on the server, 1% flagged on the server, 1% deleted locally
    local scenario=$1 round=$2 tool user
    for tool in $TOOLS; do
        user="$scenario-$tool"
        "$top/bench/mkcorpus.py" "$IMAPD_DIR/mail/$user/Maildir" $((N / 100)) --start $((N * (round + 1)))
        chown -R "$IMAPD_MAIL_UID:$IMAPD_MAIL_GID" "$IMAPD_DIR/mail/$user"
        imapd_doveadm search -u "$user" mailbox INBOX all | awk 'NR % 100 == 7 {print $2}' |
            while read -r uid; do imapd_doveadm flags add -u "$user" '\Flagged' mailbox INBOX uid "$uid"; done
        find "$WORK/$scenario/$tool/mail" -path '*/cur/*' -type f | sort | awk 'NR % 100 == 3' |
            xargs -r rm -f
    done
}

corpus_rounds() {
    local round tool i
    make_users main "$N"
    for round in $(seq "$ROUNDS"); do
        for tool in $TOOLS; do tool_fresh "$tool" "$WORK/main/$tool"; timed main "$tool" init; done
        # Three no-op resyncs per round: the median is the steady state a user sees.
        for i in 1 2 3; do for tool in $TOOLS; do timed main "$tool" noop; done; done
        change_everything main "$round"
        # mbsync sleeps 1 s when a Maildir directory changed within the current second (its
        # guard against racy mtimes, seen with strace): a user's own changes are older than that.
        sleep 1.1
        for tool in $TOOLS; do timed main "$tool" incr; done
        echo "bench: round $round done" >&2
    done
}

big_folder() {
    local tool i TOOLS=$BIG_TOOLS
    make_users big "$BIG_N" --folders INBOX --tiny
    for tool in $TOOLS; do timed big "$tool" init; done
    for i in 1 2 3; do for tool in $TOOLS; do timed big "$tool" noop; done; done
}

big_message() {
    local tool
    make_users huge --big $((BIG_MESSAGE_MB * 1024 * 1024))
    for tool in $TOOLS; do timed huge "$tool" init; done
}

corpus_rounds
[ "$BIG_N" -gt 0 ] && big_folder
[ "$BIG_MESSAGE_MB" -gt 0 ] && big_message
"$top/bench/report.sh" "$WORK/times" "$TOOLS"
