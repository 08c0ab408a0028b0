# Shared set-up of every bats file: paths, bats-support/bats-assert, the private Dovecot.
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BIN=$TOP/bin
export PATH="$BIN:$PATH"
load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash
load "$TOP/tests/cli/helpers/imapd.bash"
