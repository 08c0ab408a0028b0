# imap-fetch(1) and TLS: STARTTLS and implicit TLS verify the chain and the host name by
# default; a pinned fingerprint is trust enough on its own; errors say what to set.
bats_require_minimum_version 1.5.0
load helpers/common

setup_file() { imapd_start; }
teardown_file() { imapd_stop; }

setup() {
    imapd_user tls
    SHA256=$(openssl x509 -in "$IMAPD_DIR/server.pem" -noout -fingerprint -sha256 | sed 's/.*=//')
    SHA1=$(openssl x509 -in "$IMAPD_DIR/server.pem" -noout -fingerprint -sha1 | sed 's/.*=//')
    sha256=$(echo "$SHA256" | tr -d : | tr A-F a-f)
    sha1=$(echo "$SHA1" | tr -d : | tr A-F a-f)
}

# implicit ARGS...: imap-fetch over the implicit-TLS port as user tls, INBOX only.
implicit() {
    imap-fetch --host "$IMAPD_HOST" --port "$IMAPD_TLS_PORT" --user tls \
        --password-file "$IMAPD_DIR/pass/tls" --folder INBOX "$@"
}

starttls() {
    imap-fetch --host "$IMAPD_HOST" --port "$IMAPD_PORT" --tls starttls --user tls \
        --password-file "$IMAPD_DIR/pass/tls" --folder INBOX "$@"
}

@test "implicit TLS with the test CA verifies and lists" {
    run --separate-stderr implicit --ca-file "$IMAPD_CA"
    [ "$status" -eq 0 ]
    [ "$stderr" = "" ]
    echo "$output" | grep -q $'^folder\tINBOX\t'
}

@test "STARTTLS with the test CA verifies, then logs in over TLS" {
    run --separate-stderr starttls --ca-file "$IMAPD_CA" -d imap
    [ "$status" -eq 0 ]
    [[ "$stderr" == *"C: a1 STARTTLS"* ]]
    [[ "$stderr" == *"S: a1 OK"* ]]
    echo "$output" | grep -q $'^folder\tINBOX\t'
}

@test "implicit TLS without a CA fails: unknown CA, with the fingerprints to pin" {
    run --separate-stderr implicit
    [ "$status" -eq 69 ]
    [ "$output" = "" ]
    assert_equal "$stderr" "imap-fetch: error: cannot verify the certificate of '127.0.0.1:$IMAPD_TLS_PORT': unknown CA: the certificate is self-signed or signed by a CA that is not in the system CA store (unable to get local issuer certificate); set sslcacertfile (--ca-file) to the CA's certificate, or pin the server's certificate with cert_fingerprint (--fingerprint): the server's certificate has SHA-256 fingerprint $sha256 and SHA-1 fingerprint $sha1"
}

@test "STARTTLS verifies too: without a CA it fails the same way" {
    run --separate-stderr starttls
    [ "$status" -eq 69 ]
    [[ "$stderr" == *"cannot verify the certificate of '127.0.0.1:$IMAPD_PORT': unknown CA"* ]]
}

@test "a host name the certificate does not name fails, listing the names it has" {
    run --separate-stderr implicit --ca-file "$IMAPD_CA" --tls-server-name wrong.example
    [ "$status" -eq 69 ]
    assert_equal "$stderr" "imap-fetch: error: cannot verify the certificate of '127.0.0.1:$IMAPD_TLS_PORT': host name mismatch 'wrong.example': the certificate is for DNS:localhost, IP:127.0.0.1; connect with one of those names (remotehost, --host or --tls-server-name), or pin the certificate with cert_fingerprint (--fingerprint)"
    run --separate-stderr implicit --ca-file "$IMAPD_CA" --tls-server-name localhost
    [ "$status" -eq 0 ]
}

@test "a pinned SHA-256 or SHA-1 fingerprint is enough without a CA" {
    run --separate-stderr implicit --fingerprint "$SHA256"
    [ "$status" -eq 0 ]
    run --separate-stderr implicit --fingerprint "0000000000000000000000000000000000000000, $sha1"
    [ "$status" -eq 0 ]
    run --separate-stderr starttls --fingerprint "$sha256" --tls-server-name wrong.example
    [ "$status" -eq 0 ]
}

@test "a wrong fingerprint fails, naming the server's real fingerprints" {
    run --separate-stderr implicit --fingerprint "$(printf '%064d' 0)"
    [ "$status" -eq 69 ]
    assert_equal "$stderr" "imap-fetch: error: cannot verify the certificate of '127.0.0.1:$IMAPD_TLS_PORT': fingerprint mismatch: the server's certificate has SHA-256 fingerprint $sha256 and SHA-1 fingerprint $sha1, which matches none of cert_fingerprint (--fingerprint); if the certificate changed legitimately, pin the new one"
}

@test "with a CA file and a fingerprint both must hold" {
    run --separate-stderr implicit --ca-file "$IMAPD_CA" --fingerprint "$sha256"
    [ "$status" -eq 0 ]
    run --separate-stderr implicit --ca-file "$IMAPD_CA" --fingerprint "$(printf '%040d' 0)"
    [ "$status" -eq 69 ]
    [[ "$stderr" == *"fingerprint mismatch"* ]]
}

@test "a malformed fingerprint or TLS level is a configuration error before connecting" {
    run --separate-stderr implicit --fingerprint "12:34"
    [ "$status" -eq 78 ]
    [ "$stderr" = "imap-fetch: error: invalid certificate fingerprint '12:34': 4 hex digits is not a SHA-1 or SHA-2 digest (40, 56, 64, 96 or 128)" ]
    run --separate-stderr implicit --tls-level tls_secure --ssl-version tls1
    [ "$status" -eq 78 ]
    [ "$stderr" = "imap-fetch: error: invalid ssl_version 'tls1' for tls_level 'tls_secure'" ]
}

@test "--ssl-version pins the protocol (tls1_2 and tls1_3 both work with Dovecot)" {
    run --separate-stderr implicit --ca-file "$IMAPD_CA" --ssl-version tls1_2
    [ "$status" -eq 0 ]
    run --separate-stderr implicit --ca-file "$IMAPD_CA" --tls-level tls_secure --ssl-version tls1_3
    [ "$status" -eq 0 ]
}

@test "implicit TLS against the plain port fails with a hint" {
    run --separate-stderr imap-fetch --host "$IMAPD_HOST" --port "$IMAPD_PORT" --ca-file "$IMAPD_CA" \
        --user tls --password-file "$IMAPD_DIR/pass/tls" --timeout 5
    [ "$status" -eq 69 ]
    [[ "$stderr" == *"cannot start TLS with '127.0.0.1:$IMAPD_PORT'"* ]]
    [[ "$stderr" == *"the server does not speak TLS on this port"* ]]
}

@test "STARTTLS asked for but not offered: refuses to go on in the clear" {
    run --separate-stderr bash -c '
        source "$1/tests/cli/helpers/imapd.bash"
        IMAPD_NO_TLS=1 imapd_start >/dev/null 2>&1 || exit 99
        imapd_user plain
        imap-fetch --host 127.0.0.1 --port "$IMAPD_PORT" --tls starttls --user plain \
            --password-file "$IMAPD_DIR/pass/plain" -d imap
        rc=$?
        echo "port=$IMAPD_PORT" >&2
        imapd_stop
        exit $rc' _ "$TOP"
    [ "$status" -eq 69 ]
    port=$(echo "$stderr" | sed -n 's/^port=//p')
    echo "$stderr" | grep -qxF "imap-fetch: error: cannot start TLS with '127.0.0.1:$port': the server does not offer STARTTLS; refusing to go on in the clear (use implicit TLS, or no TLS if you accept that)"
    [[ "$stderr" != *"LOGIN"*"<password redacted>"* ]]
    [[ "$stderr" != *"AUTHENTICATE"* ]]
}

@test "an expired certificate fails, naming its expiry date (TLS endpoint: openssl s_server)" {
    local d=$BATS_TEST_TMPDIR
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$d/exp.key" -out "$d/exp.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$d/san.ext"
    openssl x509 -req -in "$d/exp.csr" -CA "$IMAPD_CA" -CAkey "$IMAPD_CA_KEY" -CAcreateserial \
        -CAserial "$d/ca.srl" -days 0 -extfile "$d/san.ext" -out "$d/exp.pem" 2>/dev/null
    expiry=$(date -u -d "$(openssl x509 -in "$d/exp.pem" -noout -enddate | sed 's/notAfter=//')" '+%Y-%m-%d %H:%M:%S UTC')
    sleep 1
    port=$(imapd_free_port)
    timeout 30 openssl s_server -accept "127.0.0.1:$port" -cert "$d/exp.pem" -key "$d/exp.key" \
        -quiet >/dev/null 2>&1 &
    server=$!
    for i in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
    run --separate-stderr imap-fetch --host 127.0.0.1 --port "$port" --ca-file "$IMAPD_CA" --user x --timeout 5
    kill "$server"
    [ "$status" -eq 69 ]
    assert_equal "$stderr" "imap-fetch: error: cannot verify the certificate of '127.0.0.1:$port': certificate expired on $expiry; renew it on the server, or pin it with cert_fingerprint (--fingerprint) if you accept that"
}
