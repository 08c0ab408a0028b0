#!/usr/bin/env bash
# Installs the Debian packages that building, testing, the demo and the benchmarks need,
# if any is missing (with sudo when not root).  Called by `make deps`, `make test`, `make demo`;
# `--bench` adds what `make bench` compares against (offlineimap3, mbsync) and measures with.
set -eu
packages=(
    g++ make pkg-config
    libssl-dev libsqlite3-dev libcxxopts-dev libboost-dev libboost-filesystem-dev libgtest-dev
    bats bats-assert bats-support
    dovecot-imapd openssl sqlite3 mandoc python3 time
    offlineimap3    # the reference the differential tests compare with
    libncurses-dev  # offlineimap's blinkenlights UI
    tmux            # drives the terminal UIs in tests/cli/58-offlineimap-blinkenlights.bats
)
[ "${1:-}" = --bench ] && packages+=(isync bc)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
        missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# Installing dovecot-core starts the system Dovecot on some machines; ours run privately.
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
