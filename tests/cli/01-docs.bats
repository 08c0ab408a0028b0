# Every man page is clean mdoc, and every program has one.
bats_require_minimum_version 1.5.0
load helpers/common

@test "mandoc -Tlint finds nothing in doc/man" {
    run --separate-stderr mandoc -Tlint -Wwarning "$TOP"/doc/man/*.[157]
    [ "$status" -eq 0 ]
    [ -z "$output" ]
}

@test "every program has a man page and answers --help and --version" {
    for program in imap-fetch maildir-scan sync-plan sync-apply offlineimap; do
        [ -f "$TOP/doc/man/$program.1" ]
        run --separate-stderr "$BIN/$program" --help
        [ "$status" -eq 0 ]
        [ -n "$output" ]
        run --separate-stderr "$BIN/$program" --version
        [ "$status" -eq 0 ]
        [ -n "$output" ]
    done
}
