# How make bench configures and runs each tool: ours (bin/offlineimap), oi (Debian's
# offlineimap3) and mb (Debian's isync, mbsync).  Sourced by bench/run.sh.

tool_config() {  # tool_config TOOL DIR USER: writes the tool's configuration into DIR
    local tool=$1 dir=$2 user=$3
    mkdir -p "$dir/mail"
    if [ "$tool" = mb ]; then
        printf 'IMAPAccount b\nHost 127.0.0.1\nPort %s\nUser %s\nPassCmd "cat %s"\nSSLType None\n\n' \
            "$IMAPD_PORT" "$user" "$IMAPD_DIR/pass/$user" > "$dir/config"
        printf 'IMAPStore remote\nAccount b\n\nMaildirStore local\nPath %s/mail/\nInbox %s/mail/INBOX\nSubFolders Verbatim\n\n' \
            "$dir" "$dir" >> "$dir/config"
        printf 'Channel b\nFar :remote:\nNear :local:\nPatterns *\nCreate Both\nExpunge Both\nSyncState *\n' >> "$dir/config"
        return
    fi
    cat > "$dir/config" <<RC
[general]
accounts = bench
metadata = $dir/metadata
ui = quiet

[Account bench]
localrepository = local
remoterepository = remote

[Repository local]
type = Maildir
localfolders = $dir/mail
sep = /

[Repository remote]
type = IMAP
remotehost = 127.0.0.1
remoteport = $IMAPD_PORT
ssl = no
starttls = no
remoteuser = $user
remotepassfile = $IMAPD_DIR/pass/$user
RC
}

tool_fresh() {  # tool_fresh TOOL DIR: forget the local side (for a new initial download)
    rm -rf "$2/mail" "$2/metadata" "$2"/.mbsyncstate* 
    find "$2" -name '.mbsyncstate*' -delete 2>/dev/null || true
    mkdir -p "$2/mail"
}

tool_run() {  # tool_run TOOL DIR: one sync
    case $1 in
        ours) "${OURS_BIN:-$top/bin}/offlineimap" -c "$2/config" -o -u quiet ;;
        oi) offlineimap -c "$2/config" -o -u quiet ;;
        mb) mbsync -c "$2/config" -a -q ;;
    esac
}
