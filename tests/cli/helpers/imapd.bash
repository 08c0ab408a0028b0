# A private Dovecot on 127.0.0.1 for one bats file (tests/README.md explains the harness).
#
#   imapd_start            in setup_file: generates a CA and a server certificate, a config with
#                          a plain listener (STARTTLS offered) and an implicit-TLS listener on
#                          free ports, starts Dovecot, exports IMAPD_* (below).
#                          IMAPD_NO_TLS=1 before it: no TLS at all (STARTTLS not offered).
#   imapd_stop             in teardown_file: stops it by pid, removes its directory.
#   imapd_user NAME        creates user NAME, password "pw-NAME-s3cret" (also in
#                          $IMAPD_DIR/pass/NAME); its Maildir is $IMAPD_DIR/mail/NAME/Maildir.
#   imapd_mailbox USER MAILBOX        creates a mailbox.
#   imapd_deliver USER MAILBOX FILE [FLAG...]   stores FILE as a message, then sets the flags;
#                          prints the new UID.
#   imapd_doveadm ARGS...  doveadm against this server (e.g. fetch -u alice 'uid flags' mailbox INBOX).
#
# Exports: IMAPD_HOST (127.0.0.1), IMAPD_PORT, IMAPD_TLS_PORT, IMAPD_CA (CA certificate, PEM),
# IMAPD_CA_KEY, IMAPD_CONF, IMAPD_DIR.  Works as root (Dovecot's own users run the mail and
# login processes) and as an ordinary user.

imapd_make_certificates() {
    local dir=$1
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=oimap test CA" \
        -keyout "$dir/ca.key" -out "$dir/ca.pem" >/dev/null 2>&1
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
        -keyout "$dir/server.key" -out "$dir/server.csr" >/dev/null 2>&1
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$dir/san.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
        -CAcreateserial -days 2 -extfile "$dir/san.ext" -out "$dir/server.pem" >/dev/null 2>&1
}

imapd_free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

imapd_write_config() {
    local dir=$1 port=$2 tlsport=$3
    local internal=$IMAPD_OWNER login=$IMAPD_LOGIN_USER ssl=yes
    [ -n "${IMAPD_NO_TLS:-}" ] && ssl=no
    cat > "$dir/dovecot.conf" <<CONF
base_dir = $dir/run
state_dir = $dir/run
log_path = $dir/log/dovecot.log
protocols = imap
listen = 127.0.0.1
default_internal_user = $internal
default_internal_group = $(id -gn "$internal")
default_login_user = $login
ssl = $ssl
$( [ "$ssl" = yes ] && printf 'ssl_cert = <%s\nssl_key = <%s\n' "$dir/server.pem" "$dir/server.key")
disable_plaintext_auth = no
auth_mechanisms = plain login cram-md5
mail_location = maildir:~/Maildir
mail_uid = $IMAPD_MAIL_UID
mail_gid = $IMAPD_MAIL_GID
first_valid_uid = 0
mail_privileged_group =
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users/%u
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/users/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $tlsport
    ssl = $ssl
  }
  chroot =
}
service anvil {
  chroot =
}
protocol imap {
  mail_max_userip_connections = 100
}
CONF
}

imapd_wait_for_port() {
    local port=$1 i
    for i in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
        sleep 0.05
    done
    return 1
}

imapd_start() {
    IMAPD_DIR=$(mktemp -d /tmp/oimap-imapd.XXXXXX)
    chmod 755 "$IMAPD_DIR"
    mkdir -p "$IMAPD_DIR"/{run,log,mail,pass}
    if [ "$(id -u)" = 0 ]; then   # Dovecot refuses root for its login and mail processes
        IMAPD_OWNER=dovecot IMAPD_LOGIN_USER=dovenull
    else
        IMAPD_OWNER=$(id -un) IMAPD_LOGIN_USER=$(id -un)
    fi
    IMAPD_MAIL_UID=$(id -u "$IMAPD_OWNER") IMAPD_MAIL_GID=$(id -g "$IMAPD_OWNER")
    # One passwd-file per user: Dovecot opens a new path at once, where it would go on
    # using its cached copy of a single file that a test has just appended to.
    mkdir -p "$IMAPD_DIR/users"
    imapd_make_certificates "$IMAPD_DIR"
    chown -R "$IMAPD_MAIL_UID:$IMAPD_MAIL_GID" "$IMAPD_DIR/mail"
    local try
    for try in 1 2 3 4 5; do
        IMAPD_PORT=$(imapd_free_port) IMAPD_TLS_PORT=$(imapd_free_port)
        [ "$IMAPD_PORT" = "$IMAPD_TLS_PORT" ] && continue
        imapd_write_config "$IMAPD_DIR" "$IMAPD_PORT" "$IMAPD_TLS_PORT"
        dovecot -c "$IMAPD_DIR/dovecot.conf" || continue
        imapd_wait_for_port "$IMAPD_PORT" && break
        imapd_kill
    done
    imapd_wait_for_port "$IMAPD_PORT" || {
        echo "imapd: dovecot did not start; its log:" >&2
        cat "$IMAPD_DIR/log/dovecot.log" >&2
        return 1
    }
    export IMAPD_HOST=127.0.0.1 IMAPD_PORT IMAPD_TLS_PORT IMAPD_DIR
    export IMAPD_CA=$IMAPD_DIR/ca.pem IMAPD_CA_KEY=$IMAPD_DIR/ca.key IMAPD_CONF=$IMAPD_DIR/dovecot.conf
    export IMAPD_MAIL_UID IMAPD_MAIL_GID
}

imapd_kill() {
    local pidfile=$IMAPD_DIR/run/master.pid pid i
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || return 0
    for i in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.05
    done
    kill -9 "$pid" 2>/dev/null || true
}

imapd_stop() {
    [ -n "${IMAPD_DIR:-}" ] && [ -d "$IMAPD_DIR" ] || return 0
    imapd_kill
    rm -rf "$IMAPD_DIR"
}

imapd_user() {
    local name=$1 password="pw-$1-s3cret"
    printf '%s:{PLAIN}%s:%s:%s::%s\n' "$name" "$password" "$IMAPD_MAIL_UID" "$IMAPD_MAIL_GID" \
        "$IMAPD_DIR/mail/$name" > "$IMAPD_DIR/users/$name"
    printf '%s\n' "$password" > "$IMAPD_DIR/pass/$name"
    mkdir -p "$IMAPD_DIR/mail/$name"
    chown "$IMAPD_MAIL_UID:$IMAPD_MAIL_GID" "$IMAPD_DIR/mail/$name"
}

imapd_doveadm() {
    doveadm -c "$IMAPD_CONF" "$@"
}

imapd_mailbox() {
    imapd_doveadm mailbox create -u "$1" "$2"
}

imapd_deliver() {
    local user=$1 mailbox=$2 file=$3 uid
    shift 3
    imapd_doveadm save -u "$user" -m "$mailbox" < "$file" || return 1
    uid=$(imapd_doveadm search -u "$user" mailbox "$mailbox" all | tail -n 1 | awk '{print $2}')
    if [ $# -gt 0 ]; then
        imapd_doveadm flags add -u "$user" "$*" mailbox "$mailbox" uid "$uid" || return 1
    fi
    echo "$uid"
}
